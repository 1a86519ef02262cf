"""Words for a filter: the chips shown above results and the line written into downloads."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.common.filters import LIST_KEYS, WITH_NOT_RECORDED, Filter
from dashboard.common.i18n import t, term
from dashboard.common.not_recorded import not_recorded
from db.reference.service_types import SERVICE_TYPE_TERMS
from db.vocabulary import (
    CONTRACTING_TYPES,
    DIGITISATION_LEVELS,
    ORGANISATION_TYPES,
    SECTORS,
    STAGES,
    USER_TYPES,
    WELSH_PROVISION,
)


def field_title(field: str) -> str:
    """The name of a filter field, as the sidebar shows it."""
    titles = {
        "sectors": t("Sector"),
        "organisations": t("Organisation"),
        "service_types": t("Service type"),
        "stages": t("Stage"),
        "user_types": t("User type"),
        "contracting_types": t("Contracting type"),
        "welsh_provisions": t("Welsh language provision"),
        "org_types": t("Type of organisation"),
        "challenges": t("Challenge"),
        "opportunities": t("Opportunity"),
    }
    return titles[field]


VOCABULARIES = {
    "sectors": SECTORS,
    "service_types": SERVICE_TYPE_TERMS,
    "stages": STAGES,
    "user_types": USER_TYPES,
    "contracting_types": CONTRACTING_TYPES,
    "welsh_provisions": WELSH_PROVISION,
    "org_types": ORGANISATION_TYPES,
}


def _value_words(field: str, value: str, names: dict[str, str]) -> str:
    if value == WITH_NOT_RECORDED.get(field):
        return not_recorded()
    vocabulary = VOCABULARIES.get(field)
    return term(vocabulary, value) if vocabulary else names.get(value, value)


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
        shown = [_value_words(field, v, names) for v in values]
        parts.append(t("{field}: {values}", field=field_title(field), values=", ".join(shown)))
    if flt.levels_active:
        parts.append(_levels_text(flt))
    if flt.deep_dive_only:
        parts.append(t("Deep-dive services only"))
    if flt.text:
        parts.append(t('Search: "{text}"', text=flt.text))
    return parts


def _levels_text(flt: Filter) -> str:
    if flt.level_not_recorded:
        return t("Digitisation level: {level}", level=not_recorded())
    low = term(DIGITISATION_LEVELS, str(flt.level_min))
    high = term(DIGITISATION_LEVELS, str(flt.level_max))
    if low == high:
        return t("Digitisation level: {level}", level=low)
    return t("Digitisation level: {low} to {high}", low=low, high=high)


@dataclass(frozen=True)
class Chip:
    """One removable piece of the filter: a single chosen value, or a whole simple field."""

    field: str  # a Filter field name, or "levels"
    value: str | None  # the value within a list field; None removes the whole field
    text: str

    def remove_from(self, flt: Filter) -> Filter:
        return flt.without(self.field, self.value)


def filter_chips(flt: Filter, names: dict[str, str] | None = None) -> list[Chip]:
    """One chip per chosen value, in the order of the sidebar, each saying what it keeps."""
    names = names or {}
    chips = []
    for field in LIST_KEYS:
        for value in getattr(flt, field):
            shown = _value_words(field, value, names)
            chips.append(
                Chip(field, value, t("{field}: {values}", field=field_title(field), values=shown))
            )
    if flt.levels_active:
        chips.append(Chip("levels", None, _levels_text(flt)))
    if flt.deep_dive_only:
        chips.append(Chip("deep_dive_only", None, t("Deep-dive services only")))
    if flt.text:
        chips.append(Chip("text", None, t('Search: "{text}"', text=flt.text)))
    return chips
