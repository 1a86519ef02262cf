"""Small building blocks shared by the table models: timestamps and check constraints on codes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import CheckConstraint
from sqlmodel import SQLModel

# Named constraints keep Alembic migrations portable (SQLite batch mode needs names).
# Check constraints are named explicitly where they are declared.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def one_of(column: str, allowed: Iterable[str], name: str) -> CheckConstraint:
    """A CHECK that a code column holds one of the controlled values (NULL allowed)."""
    quoted = ", ".join("'" + str(value).replace("'", "''") + "'" for value in allowed)
    return CheckConstraint(f"{column} IN ({quoted})", name=name)
