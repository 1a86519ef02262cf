"""Not recorded in an import: the words that mean an explicit unknown, the fields that may hold
one, and keeping what is stored where a row that updates leaves a cell blank."""

from __future__ import annotations

import unicodedata

import pandas as pd
from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

#: The fields that may be stored as not recorded (NULL), by entity.
FIELDS: dict[str, tuple[str, ...]] = {
    "services": (
        "service_area",
        "stage",
        "contracting_type",
        "digitisation_level",
        "welsh_provision",
    ),
    "organisations": ("sector", "org_type"),
}

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
    if not columns or frame.empty:
        return frame
    stored = pd.DataFrame(
        connection.execute(select(table.c.code, *[table.c[c] for c in columns])).all(),
        columns=["code", *columns],
    ).set_index("code")
    out = frame.copy()
    codes = out["code"].astype(object)
    for column in columns:
        blank = out[column].isna() & codes.isin(stored.index)
        if blank.any():
            filled = out[column].astype(object)
            filled[blank] = codes[blank].map(stored[column]).to_numpy()
            out[column] = filled
    return out
