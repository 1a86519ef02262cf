"""The Technology landscape page: the technology survey analysed across services."""
