"""The Data availability page's core: which metrics owners could give, and why not."""
