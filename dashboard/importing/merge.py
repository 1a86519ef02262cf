"""Rows merged into a table by key in a few set-based statements, however many there are.

The rows go into a temporary staging table (COPY on PostgreSQL, the driver's executemany on
SQLite); one UPDATE ... FROM then writes the stored rows whose given columns differ, and one
INSERT ... SELECT adds the rows whose key is not stored yet. The counts come from the
statements themselves: rows updated, rows added, and the rest unchanged. Nothing is read back
into Python, so a million rows cost what the database takes to write them.

On SQLite the rows are staged in key order: the UPDATE and the INSERT's NOT EXISTS look each
staged row up in the table's unique index, and in key order they read each of its pages once;
in a file's own order (sorted by name, say) a million lookups miss the page cache in turn and a
re-import takes seconds longer (`bench/sqlite_checks.py`). PostgreSQL joins the staged rows by
hashing them, in whatever order they come.

Everything runs in the caller's transaction: a failure anywhere leaves nothing written (the
staging table too is gone with the rollback).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import (
    Column,
    MetaData,
    Table,
    and_,
    bindparam,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.types import JSON

MERGE_CACHE_KIB = 131_072  # 128 MB of SQLite page cache while one merge runs


@dataclass(frozen=True)
class Merged:
    added: int
    updated: int
    unchanged: int


def can_merge(table: Table, incoming: pd.DataFrame, key: list[str], columns: list[str]) -> bool:
    """Whether the set-based merge gives exactly what a row-by-row upsert would: no JSON
    columns (compared as text by the database) and no key given twice (one row must decide
    each stored row)."""
    if any(isinstance(table.c[c].type, JSON) for c in [*key, *columns]):
        return False
    return not bool(incoming.duplicated(key).any())


def merge(
    connection: Connection,
    table: Table,
    incoming: pd.DataFrame,
    key: list[str],
    columns: list[str],
    *,
    defaults: dict[str, Any] | None = None,
    on_insert: dict[str, Any] | None = None,
    on_update: dict[str, Any] | None = None,
) -> Merged:
    """Add rows with new keys, update stored rows whose `columns` differ (a missing value
    equals a missing value), leave the rest alone.

    `defaults` fill blanks (or absent columns) of added rows; `on_insert` and `on_update` are
    constants written into added and updated rows."""
    defaults = defaults or {}
    on_insert = on_insert or {}
    on_update = on_update or {}
    if incoming.empty:
        return Merged(0, 0, 0)
    if connection.dialect.name == "sqlite":
        incoming = in_key_order(incoming, key)
        with _larger_page_cache(connection):
            return _merge(connection, table, incoming, key, columns, defaults, on_insert, on_update)
    return _merge(connection, table, incoming, key, columns, defaults, on_insert, on_update)


def _merge(
    connection: Connection,
    table: Table,
    incoming: pd.DataFrame,
    key: list[str],
    columns: list[str],
    defaults: dict[str, Any],
    on_insert: dict[str, Any],
    on_update: dict[str, Any],
) -> Merged:
    staged = [*key, *columns]
    staging = _staging_table(table, staged)
    connection.exec_driver_sql(f'DROP TABLE IF EXISTS "{staging.name}"')
    staging.create(connection)
    _load(connection, staging, incoming[staged])
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f'ANALYZE "{staging.name}"')
    same_key = and_(*[table.c[k] == staging.c[k] for k in key])
    updated = 0
    if columns:
        differs = or_(*[table.c[c].is_distinct_from(staging.c[c]) for c in columns])
        values: dict[str, Any] = {c: staging.c[c] for c in columns}
        values.update({c: _constant(table, c, v) for c, v in on_update.items()})
        updated = connection.execute(update(table).where(same_key, differs).values(values)).rowcount
    names = list(staged)
    chosen: list[Any] = [staging.c[c] for c in staged]
    for column, value in defaults.items():
        if column in columns:
            chosen[names.index(column)] = func.coalesce(
                staging.c[column], _constant(table, column, value)
            )
        elif column not in names:
            names.append(column)
            chosen.append(_constant(table, column, value))
    for column, value in on_insert.items():
        names.append(column)
        chosen.append(_constant(table, column, value))
    new_rows = (
        select(*chosen)
        .where(~exists(select(literal(1)).select_from(table).where(same_key)))
        .order_by(*[staging.c[k] for k in key])  # in key order: the indexes fill in order
    )
    adding = insert(table).from_select(names, new_rows)
    # an INSERT's count of rows is kept only when asked for
    added = connection.execute(adding.execution_options(preserve_rowcount=True)).rowcount
    staging.drop(connection)
    return Merged(added=added, updated=updated, unchanged=len(incoming) - added - updated)


@contextmanager
def _larger_page_cache(connection: Connection) -> Iterator[None]:
    """SQLite's page cache raised for one merge, then put back: a million rows added to a
    table and its indexes touch more pages than the default 2 MB cache holds, and every page
    evicted mid-statement is written and read again."""
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{MERGE_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size={int(before or -2000)}")


def in_key_order(frame: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """The rows sorted by `key` as SQLite orders them: numbers by value, text by code point (its
    BINARY collation compares UTF-8 bytes, which order as the code points do), a missing value
    first. Rows with the same key keep their order; a frame already in order comes back as is."""
    try:
        ordered = frame.sort_values(key, kind="stable", na_position="first")
    except TypeError:  # a column of mixed types, which pandas will not compare: left as it is
        return frame
    if ordered.index.equals(frame.index):
        return frame
    return ordered


def _constant(table: Table, column: str, value: Any) -> Any:
    """A value bound as its column's type (a time as SQLite stores it, say)."""
    return bindparam(None, value, type_=table.c[column].type)


def _staging_table(table: Table, columns: list[str]) -> Table:
    return Table(
        f"import_stage_{table.name}",
        MetaData(),
        *[Column(c, table.c[c].type) for c in columns],
        prefixes=["TEMPORARY"],
    )


def _load(connection: Connection, staging: Table, frame: pd.DataFrame) -> None:
    """Every row of `frame` into the staging table in one go."""
    columns = list(frame.columns)
    frame = frame.copy()
    for column in columns:  # whole numbers held as floats (a column with blanks once)
        series = frame[column]
        if series.dtype.kind == "f" and _whole(staging.c[column]) and _integral(series):
            frame[column] = frame[column].astype("Int64")
    if connection.dialect.name == "postgresql":
        listed = ", ".join(f'"{c}"' for c in columns)
        by_column = [python_values(frame[c]) for c in columns]
        cursor = connection.connection.cursor()
        with cursor.copy(f'COPY "{staging.name}" ({listed}) FROM STDIN') as copy:
            for row in zip(*by_column, strict=True):
                copy.write_row(row)
        return
    rows = driver_rows(connection, staging, frame, columns)
    marks = ", ".join("?" for _ in columns)
    listed = ", ".join(f'"{c}"' for c in columns)
    connection.exec_driver_sql(f'INSERT INTO "{staging.name}" ({listed}) VALUES ({marks})', rows)


def _integral(values: pd.Series) -> bool:
    present = values.dropna()
    return bool((present == present.round()).all())


def _whole(column: Column[Any]) -> bool:
    try:
        return column.type.python_type is int
    except NotImplementedError:
        return False


def driver_rows(
    connection: Connection, table: Table, frame: pd.DataFrame, columns: list[str]
) -> list[tuple[Any, ...]]:
    """Rows as the driver takes them, built a column at a time (fast at 100,000 rows), each
    value passed through its column type as SQLAlchemy would."""
    prepared = []
    for column in columns:
        values = python_values(frame[column])
        process = table.c[column].type._cached_bind_processor(connection.dialect)
        if process is not None:
            values = [process(v) if v is not None else None for v in values]
        prepared.append(values)
    return list(zip(*prepared, strict=True)) if prepared else []


def python_values(series: pd.Series) -> list[Any]:
    """Plain Python values (None for missing) for a column of any pandas dtype, including the
    nullable ones whose missing value is pd.NA. Numbers and text need no look at each value."""
    missing = series.isna().to_numpy()
    values = series.astype(object)
    if missing.any():
        values = values.where(~missing, None)
    listed = values.tolist()
    if series.dtype.kind in "iubf" or pd.api.types.infer_dtype(series, skipna=True) in (
        "string",
        "empty",
    ):
        return listed
    return [plain(v) if isinstance(v, np.generic | pd.Timestamp) else v for v in listed]


def plain(value: Any) -> Any:
    """A value as the database driver wants it: no pandas or numpy scalars, None for missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value
