"""The value labels of a file the import does not know, and what a person can say they mean.

A list field's labels that match none of its codes ("PERSON", "EML"), and the words written in a
metric's Value instead of a figure ("[not provided]", "ND"), counted so the mapping step can ask
about each once.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from dashboard.importing.cells import numbers
from dashboard.importing.entities import Entity, Field, Kind
from dashboard.importing.mapping import Mapping, is_sentinel_field, split_list
from dashboard.importing.reading import Sheet
from dashboard.importing.vocabularies import AVAILABILITY_VOCABULARY, REASON
from db.vocabulary import WITH_VALUE


def unknown_values(sheet: Sheet, entity: Entity, mapping: Mapping) -> dict[str, Counter[str]]:
    """For each mapped list field: the value labels in the file that mean none of its codes
    (after the mapping's own value choices), with how often each appears; for a metric's
    Value, the words written instead of a figure ("[not provided]", "ND")."""
    found: dict[str, Counter[str]] = {}
    for column, name in mapping.columns.items():
        item = entity.field(name)
        if is_sentinel_field(entity, name) and column in sheet.frame:
            words = _words_in_figures(sheet.frame[column], name, mapping)
            if words:
                found[name] = words
            continue
        if item.vocabulary is None or column not in sheet.frame:
            continue
        counts: Counter[str] = Counter()
        cells = sheet.frame[column].dropna().astype(str)
        counted = cells.value_counts()
        for raw, count in zip(counted.index.tolist(), counted.tolist(), strict=True):
            listed = item.kind is Kind.CHOICES and mapping.value_codes(name, raw) is None
            parts = split_list(raw) if listed else [raw.strip()]
            for part in parts:
                if _numeric_level(item, part):
                    continue
                if item.vocabulary.lookup(part) is None and mapping.value_codes(name, part) is None:
                    counts[part] += int(count)
        if counts:
            found[name] = counts
    return found


def _words_in_figures(cells: pd.Series, name: str, mapping: Mapping) -> Counter[str]:
    """The cells of a figure column that are words, not numbers, and not yet mapped."""
    texts = cells.dropna().astype(str).str.strip()
    counted = texts[texts != ""].value_counts()
    if counted.empty:
        return Counter()
    read, _errors = numbers(pd.Series(counted.index.tolist(), dtype=object))
    words: Counter[str] = Counter()
    for raw, count, number in zip(counted.index, counted.tolist(), read.tolist(), strict=True):
        if pd.isna(number) and mapping.value_codes(name, raw) is None:
            words[str(raw)] += int(count)
    return words


def _numeric_level(item: Field, text: str) -> bool:
    """A number typed into a numbered list (a level "3"): the validator checks its range."""
    if item.kind is not Kind.INTEGER:
        return False
    try:
        float(text)
    except ValueError:
        return False
    return True


def sentinel_choices(welsh: bool = False) -> list[tuple[str, str]]:
    """What words written instead of a figure can mean: each availability that has no figure,
    and "not available" with each reason; as (code, label) pairs to choose from."""
    choices: list[tuple[str, str]] = []
    for code in AVAILABILITY_VOCABULARY.codes:
        if code in WITH_VALUE:
            continue
        label = AVAILABILITY_VOCABULARY.label(code, welsh)
        choices.append((code, label))
        if code == "not_available":
            for reason in REASON.codes:
                choices.append((f"{code}:{reason}", f"{label}: {REASON.label(reason, welsh)}"))
    return choices
