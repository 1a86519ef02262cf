"""Small building blocks shared by the table models: their base, timestamps and check constraints
on codes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import ClassVar, Protocol

from sqlalchemy import CheckConstraint, Table
from sqlmodel import SQLModel

# Named constraints keep Alembic migrations portable (SQLite batch mode needs names).
# Check constraints are named explicitly where they are declared.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class TableModel(SQLModel):
    """What every table's model stands on: SQLModel makes a model's table but gives it no type."""

    __table__: ClassVar[Table]


class _Identified(Protocol):
    @property
    def id(self) -> int | None: ...


def id_of(row: _Identified) -> int:
    """The id of a row the database has numbered (added and flushed): a model types its id as
    optional, for the rows not written yet."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: add it and flush the session")
    return row.id


def utcnow() -> datetime:
    return datetime.now(UTC)


def one_of(
    column: str, allowed: Iterable[str], name: str, *, as_equalities: bool = False
) -> CheckConstraint:
    """A CHECK that a code column holds one of the controlled values (NULL allowed).

    Written `column IN (...)`, or with `as_equalities` as `column = 'a' OR column = 'b' ...`:
    the same rule (a NULL passes both, any value outside the list fails both), but SQLite
    evaluates the IN list of a CHECK by building a temporary index of the values for every
    row written, and the OR-ed form costs a few comparisons. Used on the tables an import
    writes by the million (`bench/sqlite_checks.py` measures the difference)."""
    quoted = ["'" + str(value).replace("'", "''") + "'" for value in allowed]
    if as_equalities:
        return CheckConstraint(" OR ".join(f"{column} = {value}" for value in quoted), name=name)
    return CheckConstraint(f"{column} IN ({', '.join(quoted)})", name=name)
