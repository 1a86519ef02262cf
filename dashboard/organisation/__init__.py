"""The Organisation page: one organisation beside its peers and Wales."""
