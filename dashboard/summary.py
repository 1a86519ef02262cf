"""Words for a filter: the chips shown above results and the line written into downloads."""

from __future__ import annotations

from dashboard.filters import LIST_KEYS, Filter
from db.vocabulary import (
    CONTRACTING_TYPES,
    DIGITISATION_LEVELS,
    MAX_LEVEL,
    MIN_LEVEL,
    SECTORS,
    STAGES,
    USER_TYPES,
    label,
)

FIELD_TITLES = {
    "sectors": "Sector",
    "organisations": "Organisation",
    "stages": "Stage",
    "user_types": "User type",
    "contracting_types": "Contracting type",
    "challenges": "Challenge",
    "opportunities": "Opportunity",
}
VOCABULARIES = {
    "sectors": SECTORS,
    "stages": STAGES,
    "user_types": USER_TYPES,
    "contracting_types": CONTRACTING_TYPES,
}


def describe_filter(flt: Filter, names: dict[str, str] | None = None) -> list[str]:
    """One phrase per active field, e.g. "Sector: Health, Third sector"; empty for no filter.

    `names` maps organisation and theme codes to display names.
    """
    names = names or {}
    parts = []
    for field in LIST_KEYS:
        values = getattr(flt, field)
        if not values:
            continue
        vocabulary = VOCABULARIES.get(field)
        shown = [label(vocabulary, v) if vocabulary else names.get(v, v) for v in values]
        parts.append(f"{FIELD_TITLES[field]}: {', '.join(shown)}")
    if (flt.level_min, flt.level_max) != (MIN_LEVEL, MAX_LEVEL):
        low = label(DIGITISATION_LEVELS, str(flt.level_min))
        high = label(DIGITISATION_LEVELS, str(flt.level_max))
        parts.append(
            f"Digitisation level: {low}" if low == high else f"Digitisation level: {low} to {high}"
        )
    if flt.deep_dive_only:
        parts.append("Deep-dive services only")
    if flt.text:
        parts.append(f'Search: "{flt.text}"')
    return parts
