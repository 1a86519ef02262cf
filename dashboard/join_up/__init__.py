"""The Join up page: the same service type across organisations."""
