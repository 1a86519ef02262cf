"""Not recorded in an import: the words that mean an explicit unknown, the fields that may hold
one, and keeping what is stored where a row that updates leaves a cell blank."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pandas as pd
from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

#: The fields that may be stored as not recorded (NULL), by entity.
FIELDS: dict[str, tuple[str, ...]] = {
    "services": (
        "service_area",
        "service_type",
        "stage",
        "contracting_type",
        "digitisation_level",
        "welsh_provision",
    ),
    "organisations": ("sector", "org_type"),
}

#: The word a choice made for the steward writes for an explicit unknown (read back as NULL).
NOT_RECORDED = "not recorded"

#: What a steward may write for "not recorded", in English or Welsh (compared folded).
WORDS = frozenset(
    {
        "not recorded",
        "unknown",
        "not known",
        "heb ei gofnodi",
        "heb ei chofnodi",
        "heb eu cofnodi",
        "heb gofnodi",
        "anhysbys",
        "ddim yn hysbys",
    }
)


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("’", "'").split())


def is_not_recorded(value: object) -> bool:
    """True for a cell that says "not recorded" (or "unknown", "heb ei gofnodi", ...)."""
    return isinstance(value, str) and _folded(value) in WORDS


def keep_stored_where_blank(
    connection: Connection, table: Table, frame: pd.DataFrame, entity: str
) -> pd.DataFrame:
    """`frame` (rows keyed by `code`) with each blank cell of a not-recorded field on a row that
    updates a stored one filled with the stored value: a blank keeps what is stored, and only
    an explicit "not recorded" clears it."""
    columns = [c for c in FIELDS.get(entity, ()) if c in frame]
    markers = [marker(c) for c in FIELDS.get(entity, ()) if marker(c) in frame]
    if not columns or frame.empty:
        return frame.drop(columns=markers)
    stored = pd.DataFrame(
        connection.execute(select(table.c.code, *[table.c[c] for c in columns])).all(),
        columns=["code", *columns],
    ).set_index("code")
    out = frame.copy()
    codes = out["code"].astype(object)
    for column in columns:
        blank = out[column].isna() & codes.isin(stored.index) & ~said_not_recorded(out, column)
        if blank.any():
            filled = out[column].astype(object)
            filled[blank] = codes[blank].map(stored[column]).to_numpy()
            out[column] = filled
    return out.drop(columns=markers)


_MARKER = "__not_recorded__"


def marker(field: str) -> str:
    """The checked frame's column that marks the rows whose `field` said "not recorded"."""
    return f"{_MARKER}{field}"


def is_marker(column: str) -> bool:
    return column.startswith(_MARKER)


def take_words(
    entity: str,
    field: str,
    raw: pd.Series,
    mapped: Callable[[str, str], str | None] | None = None,
) -> tuple[pd.Series, pd.Series | None]:
    """`raw` with every "not recorded" cell of a field that may hold one made blank, and where
    they were (None for the other fields): checked as blank, written as an explicit NULL.

    `mapped(field, label)` gives what a saved value mapping makes of a label: one mapped to
    "not recorded" counts too."""
    if field not in FIELDS.get(entity, ()):
        return raw, None

    def says(value: object) -> bool:
        if not isinstance(value, str):
            return False
        return is_not_recorded(value) or (
            mapped is not None and is_not_recorded(mapped(field, value))
        )

    said = raw.map(says).astype(bool)
    return raw.where(~said, None), said


def said_not_recorded(frame: pd.DataFrame, field: str) -> pd.Series:
    """Where a checked frame's `field` said "not recorded" (all False when it never did)."""
    column = marker(field)
    if column in frame:
        return frame[column].fillna(False).astype(bool)
    return pd.Series(False, index=frame.index)


#: How an export writes a value not recorded, so the file imports back as the same unknown.
WRITTEN = "not recorded"


def written_out(entity: str, frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (an entity's export) with each value not recorded written as "not recorded"."""
    columns = [c for c in FIELDS.get(entity, ()) if c in frame]
    if not columns:
        return frame
    out = frame.copy()
    for column in columns:
        out[column] = out[column].astype(object).where(out[column].notna(), WRITTEN)
    return out
