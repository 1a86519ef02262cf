"""The link from a theme's drill-down to the catalogue: which filter opens the services listed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from dashboard.common.filters import Filter


@dataclass(frozen=True)
class CatalogueLink:
    """The filter that opens a theme's services in the catalogue. `exact`: it opens exactly
    the services listed; otherwise every service reporting the theme that matches the rest of
    the filter (the catalogue's theme filter takes any of its themes, so with other themes
    chosen it cannot say "this one and one of those"). `others`: those other themes."""

    flt: Filter
    exact: bool
    others: tuple[str, ...]


def catalogue_link(flt: Filter, kind: str, theme: str) -> CatalogueLink:
    """The catalogue's filter for the services of `flt` reporting `theme` (of `kind`)."""
    field = "challenges" if kind == "challenge" else "opportunities"
    already: tuple[str, ...] = getattr(flt, field)
    exact = not already or theme in already
    narrowed: dict[str, Any] = {field: (theme,)}
    return CatalogueLink(
        flt=replace(flt, **narrowed),
        exact=exact,
        others=() if exact else already,
    )
