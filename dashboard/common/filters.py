"""The one filter every page shares: its value, its URL form, and the services it matches."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

import numpy as np
import pandas as pd

from db.vocabulary import MAX_LEVEL, MIN_LEVEL

#: URL query keys, short and stable: a filtered view is a link people share.
LIST_KEYS = {
    "sectors": "sector",
    "organisations": "org",
    "service_types": "type",
    "stages": "stage",
    "user_types": "user",
    "contracting_types": "contract",
    "welsh_provisions": "welsh",
    "org_types": "orgtype",
    "challenges": "challenge",
    "opportunities": "opportunity",
}
LEVEL_KEY, DEEP_KEY, TEXT_KEY = "level", "deep", "q"
#: A choice meaning "not recorded" (`?level=none`, `?sector=none`): the services whose value
#: is unknown, never a guess at one.
NOT_RECORDED = "none"
#: Welsh provision has a code "none" of its own (English only), so its "not recorded" is
#: spelled out: `?welsh=none` keeps the English-only services, `?welsh=not_recorded` the unknown.
WELSH_NOT_RECORDED = "not_recorded"
#: The list fields that offer "not recorded" as a choice, and the code of that choice.
WITH_NOT_RECORDED: dict[str, str] = {
    "sectors": NOT_RECORDED,
    "service_types": NOT_RECORDED,
    "stages": NOT_RECORDED,
    "contracting_types": NOT_RECORDED,
    "welsh_provisions": WELSH_NOT_RECORDED,
    "org_types": NOT_RECORDED,
}
_COLUMNS = {
    "sectors": "sector",
    "service_types": "service_type",
    "stages": "stage",
    "contracting_types": "contracting_type",
    "welsh_provisions": "welsh_provision",
    "org_types": "org_type",
}
QUERY_KEYS = frozenset([*LIST_KEYS.values(), LEVEL_KEY, DEEP_KEY, TEXT_KEY])
#: The reader's own organisation (`?my_org=<code>`): not part of the filter (it narrows
#: nothing), but kept in the link from page to page so Overview and Prioritise can set the
#: catalogue beside it.
MY_ORG_KEY = "my_org"
MAX_TEXT = 200
#: Combining marks (accents, the Welsh to bach ^ and the diaeresis): dropped when searching, so
#: "swn" finds "sŵn", and text typed with separate accents finds the same as precomposed text.
_MARKS = "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
_MARKS_RE = re.compile(_MARKS)


def fold(text: str) -> str:
    """Text as the search compares it: case-folded, accents and circumflexes removed."""
    return _MARKS_RE.sub("", unicodedata.normalize("NFD", text.casefold()))


def fold_series(texts: pd.Series) -> pd.Series:
    """`fold` for a column of strings; only rows with non-ASCII letters need the slow path."""
    folded = texts.str.casefold()
    accented = ~folded.str.isascii()
    if accented.any():
        folded[accented] = folded[accented].str.normalize("NFD").str.replace(_MARKS, "", regex=True)
    return folded


#: What separates the words of a search: spaces, and the commas and semicolons of a list typed
#: as "bins, recycling" (a hyphen or an apostrophe stays inside a word: "budd-daliadau").
_WORD_BREAKS = re.compile(r"[\s,;]+")


def search_words(text: str) -> list[str]:
    """The words of a search, folded; a service must contain every one of them."""
    return [word for word in _WORD_BREAKS.split(fold(text)) if word]


@dataclass(frozen=True)
class Filter:
    """What the user narrowed the landscape to; empty fields mean "all"."""

    sectors: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()  # organisation codes
    service_types: tuple[str, ...] = ()  # service type codes (db.reference.service_types)
    level_min: int = MIN_LEVEL
    level_max: int = MAX_LEVEL
    level_not_recorded: bool = False  # only the services with no digitisation level
    stages: tuple[str, ...] = ()
    user_types: tuple[str, ...] = ()
    contracting_types: tuple[str, ...] = ()
    welsh_provisions: tuple[str, ...] = ()  # Welsh language provision codes
    org_types: tuple[str, ...] = ()  # types of the organisation that runs the service
    challenges: tuple[str, ...] = ()  # theme codes
    opportunities: tuple[str, ...] = ()  # theme codes
    deep_dive_only: bool = False
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self == Filter()

    @property
    def levels_active(self) -> bool:
        """True when the digitisation level narrows the services (a range, or not recorded)."""
        return self.level_not_recorded or (self.level_min, self.level_max) != (
            MIN_LEVEL,
            MAX_LEVEL,
        )

    def without(self, name: str, value: str | None = None) -> Filter:
        """The filter with one chip removed (a value of a list, or a whole field)."""
        default = Filter()
        if name == "levels":
            return replace(
                self,
                level_min=default.level_min,
                level_max=default.level_max,
                level_not_recorded=False,
            )
        current = getattr(self, name)
        if value is not None and isinstance(current, tuple):
            kept: dict[str, Any] = {name: tuple(v for v in current if v != value)}
            return replace(self, **kept)
        cleared: dict[str, Any] = {name: getattr(default, name)}
        return replace(self, **cleared)

    def to_query(self) -> dict[str, list[str] | str]:
        """The filter as URL query parameters (only what differs from "all")."""
        query: dict[str, list[str] | str] = {}
        for name, key in LIST_KEYS.items():
            values = getattr(self, name)
            if values:
                query[key] = list(values)
        if self.level_not_recorded:
            query[LEVEL_KEY] = NOT_RECORDED
        elif (self.level_min, self.level_max) != (MIN_LEVEL, MAX_LEVEL):
            query[LEVEL_KEY] = f"{self.level_min}-{self.level_max}"
        if self.deep_dive_only:
            query[DEEP_KEY] = "1"
        if self.text:
            query[TEXT_KEY] = self.text
        return query

    @classmethod
    def from_query(
        cls, query: Mapping[str, str | Sequence[str]], known: Mapping[str, set[str]] | None = None
    ) -> Filter:
        """Read a filter from URL parameters, dropping anything malformed or unknown.

        `known` maps a field name to its allowed values; values outside it are ignored, so a
        hand-edited or stale link opens a sensible view instead of an error.
        """
        known = known or {}
        values: dict[str, Any] = {}
        for name, key in LIST_KEYS.items():
            raw = _as_list(query.get(key))
            allowed = known.get(name)
            if allowed is not None and name in WITH_NOT_RECORDED:
                allowed = {*allowed, WITH_NOT_RECORDED[name]}
            cleaned = [v for v in dict.fromkeys(raw) if v and (allowed is None or v in allowed)]
            values[name] = tuple(cleaned)
        level = _first(query.get(LEVEL_KEY)).strip()
        values["level_not_recorded"] = level == NOT_RECORDED
        low, high = _parse_levels(level)
        values["level_min"], values["level_max"] = low, high
        values["deep_dive_only"] = _first(query.get(DEEP_KEY)) in {"1", "true", "yes"}
        values["text"] = _first(query.get(TEXT_KEY)).strip()[:MAX_TEXT]
        return cls(**values)


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    # accept both repeated keys and comma-separated values
    return [part.strip() for item in items for part in str(item).split(",")]


def _first(value: str | Sequence[str] | None) -> str:
    """A single-valued parameter whole, never split at commas: a search may contain them.

    The app reads the URL as lists (`?q=bins, recycling` arrives as ["bins, recycling"]); of
    a repeated key the first wins.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    items = list(value)
    return str(items[0]) if items else ""


def _parse_levels(text: str) -> tuple[int, int]:
    try:
        low_text, high_text = text.split("-", 1)
        low, high = int(low_text), int(high_text)
    except ValueError:
        return MIN_LEVEL, MAX_LEVEL
    low, high = max(MIN_LEVEL, min(low, MAX_LEVEL)), max(MIN_LEVEL, min(high, MAX_LEVEL))
    return (low, high) if low <= high else (high, low)


@dataclass(frozen=True)
class Memberships:
    """Many-to-many facts filtered on: which services have each user type and theme."""

    user_types: pd.DataFrame = field(default_factory=pd.DataFrame)  # service_id, user_type
    themes: pd.DataFrame = field(default_factory=pd.DataFrame)  # service_id, theme (code)


def _members(frame: pd.DataFrame, column: str, wanted: tuple[str, ...]) -> np.ndarray:
    return frame.loc[frame[column].isin(wanted), "service_id"].to_numpy()


def _is_one_of(values: pd.Series, chosen: tuple[str, ...], unknown: str) -> np.ndarray:
    """Where `values` is one of `chosen`; `unknown` ("not recorded") among them takes the
    missing values, and only them."""
    known = tuple(value for value in chosen if value != unknown)
    found: np.ndarray = values.isin(known).to_numpy(dtype=bool, copy=True)
    if unknown in chosen:
        found |= values.isna().to_numpy()
    return found


def match(services: pd.DataFrame, memberships: Memberships, flt: Filter) -> np.ndarray:
    """A boolean mask over `services` (indexed by service id): True where the filter matches.

    Within a field the choices are alternatives (any of); across fields all must hold. A search
    matches services whose names, descriptions or organisation (English or Welsh) contain every
    word of it, ignoring case and accents (`services["search_text"]` is already folded).
    """
    mask = np.ones(len(services), dtype=bool)
    for name, column in _COLUMNS.items():
        chosen = getattr(flt, name)
        if chosen:
            mask &= _is_one_of(services[column], chosen, WITH_NOT_RECORDED[name])
    if flt.organisations:
        mask &= services["organisation_code"].isin(flt.organisations).to_numpy()
    level = services["digitisation_level"]
    if flt.level_not_recorded:
        mask &= level.isna().to_numpy()
    elif flt.levels_active:
        # a level not recorded is in no range
        known = level.notna().to_numpy()
        values = level.astype("float64").fillna(-1).to_numpy()
        mask &= known & (values >= flt.level_min) & (values <= flt.level_max)
    if flt.deep_dive_only:
        mask &= services["is_deep_dive"].to_numpy()
    if flt.user_types:
        members = _members(memberships.user_types, "user_type", flt.user_types)
        mask &= services.index.isin(members)
    for chosen in (flt.challenges, flt.opportunities):
        if chosen:
            mask &= services.index.isin(_members(memberships.themes, "theme", chosen))
    for word in search_words(flt.text):
        # narrow word by word: each later word is only looked for in the rows still in
        rows = np.flatnonzero(mask)
        if not len(rows):
            break
        found = services["search_text"].iloc[rows].str.contains(word, regex=False).to_numpy()
        mask[rows[~found]] = False
    return mask


def field_names() -> list[str]:
    return [f.name for f in fields(Filter)]
