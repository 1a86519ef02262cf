"""Fast bulk writes of data frames into tables: COPY on PostgreSQL, executemany on SQLite."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, cast

import pandas as pd
from sqlalchemy import JSON, Table, text
from sqlalchemy.engine import Connection


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as plain Python values, with NaN/NA turned into None (the columns are named by
    strings, as a table's are)."""
    clean = frame.astype(object).where(frame.notna(), None)
    return cast(list[dict[str, Any]], clean.to_dict("records"))


def bulk_insert(connection: Connection, table: Table, frame: pd.DataFrame) -> int:
    """Insert every row of `frame` (columns named as the table's) inside the caller's transaction."""
    if frame.empty:
        return 0
    columns = list(frame.columns)
    unknown = set(columns) - set(table.columns.keys())
    if unknown:
        raise ValueError(f"{table.name}: no such columns {sorted(unknown)}")
    records = frame_records(frame)
    if connection.dialect.name == "postgresql":
        # COPY takes JSON as its text; SQLAlchemy's JSON type does this for an INSERT
        json_columns = {c for c in columns if isinstance(table.c[c].type, JSON)}
        _copy(
            connection,
            table.name,
            columns,
            (
                [json.dumps(row[c]) if c in json_columns else row[c] for c in columns]
                for row in records
            ),
        )
    else:
        connection.execute(table.insert(), records)
    return len(records)


def _copy(
    connection: Connection, table: str, columns: list[str], rows: Iterable[list[Any]]
) -> None:
    cursor = connection.connection.cursor()
    column_list = ", ".join(f'"{c}"' for c in columns)
    with cursor.copy(f'COPY "{table}" ({column_list}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def reset_sequences(connection: Connection, tables: Iterable[str]) -> None:
    """After inserting explicit ids on PostgreSQL, move each id sequence past the largest id."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'
            )
        )
