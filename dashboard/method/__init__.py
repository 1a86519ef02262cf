"""The Method page: how every figure of the dashboard is worked out, with worked examples."""
