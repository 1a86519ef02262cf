"""Names from the data (services, organisations, themes, codes) as people read them, for whole
columns at once: in the reader's language, with labels for codes, and lists joined in words."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard.common.i18n import is_welsh, t, term
from db.vocabulary import DIGITISATION_LEVELS


def local_names(en: pd.Series, cy: pd.Series) -> pd.Series:
    """Data names (services, organisations) in the current language, for a whole column.

    In Welsh a missing Welsh name falls back to the English one with a marker, as
    dashboard.common.i18n.local_name does for one name.
    """
    english = en.astype("string").fillna("")
    if not is_welsh():
        return english.astype(object)
    welsh = cy.astype("string").fillna("").str.strip()
    before, _, after = t("{name} (in English only)", name="\0").partition("\0")
    fallback = before + english + after
    return welsh.where(welsh != "", fallback).astype(object)


def relabel(values: pd.Series, labels: Mapping[str, str], missing: str = "") -> pd.Series:
    """Codes to the words people read, looked up once per distinct code (a column can hold
    100,000 of them); a code with no label stays as it is, a missing one becomes `missing`."""
    categorical = values.astype("category")
    words = [labels.get(str(c), str(c)) for c in categorical.cat.categories]
    table = np.asarray([*words, missing], dtype=object)
    codes = categorical.cat.codes.to_numpy()
    return pd.Series(table[np.where(codes < 0, len(words), codes)], index=values.index)


_ASPIRATE = {"c": "ch", "p": "ph", "t": "th"}


def _after_a(word: str) -> str:
    """A Welsh word after "a" (and): aspirate mutation of c, p, t ("a chost"); "ac" before a
    vowel ("ac amser")."""
    if not word:
        return "a"
    first, second = word[0], word[1:2]
    if first.lower() in "aeiouwyâêîôûŵŷ":
        return f"ac {word}"
    if first.lower() in _ASPIRATE and second.lower() != "h":
        mutated = _ASPIRATE[first.lower()]
        return "a " + (mutated.capitalize() if first.isupper() else mutated) + word[1:]
    return f"a {word}"


def and_list(items: list[str]) -> str:
    """ "a, b and c" in the current language (Welsh mutates the word after "a")."""
    if len(items) <= 1:
        return "".join(items)
    head = ", ".join(items[:-1])
    if is_welsh():
        return f"{head} {_after_a(items[-1])}"
    return t("{first} and {last}", first=head, last=items[-1])


def optional_column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column a frame may not have (a Welsh name): missing, it is a column of nothing."""
    return frame[name] if name in frame else pd.Series(None, index=frame.index, dtype=object)


def level_names() -> dict[int, str]:
    """Digitisation levels by number, named in the current language ("0 Not digital", ...)."""
    return {int(term_.code): term(DIGITISATION_LEVELS, term_.code) for term_ in DIGITISATION_LEVELS}


def service_names(services: pd.DataFrame) -> pd.Series:
    """ "Service (Organisation)" in the current language, for hover labels."""
    service = local_names(services["name_en"], optional_column(services, "name_cy"))
    organisation = local_names(
        services["organisation_en"], optional_column(services, "organisation_cy")
    )
    return service + " (" + organisation + ")"
