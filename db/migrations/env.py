"""Alembic environment: migrates the store named by DATABASE_URL (or the connection given)."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers every table on SQLModel.metadata)
from db.engine import make_engine
from db.settings import get_settings

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().database_url
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            _migrate(connection)
    finally:
        engine.dispose()


def _migrate(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode rebuilds a table (copy, drop, rename): with foreign keys on, dropping the
        # old table would cascade into every row that points at it. They are off while the
        # schema changes (the pragma only takes effect outside a transaction) and checked after.
        if connection.in_transaction():
            connection.commit()
        _pragma(connection, "PRAGMA foreign_keys=OFF")
    try:
        _run(connection)
        if sqlite:
            _check_foreign_keys(connection)
    finally:
        if sqlite:
            if connection.in_transaction():
                connection.rollback()
            _pragma(connection, "PRAGMA foreign_keys=ON")


def _pragma(connection: Connection, statement: str) -> None:
    """Run a pragma on the driver's connection, outside any transaction (the engine begins one
    explicitly for every statement SQLAlchemy runs, and SQLite ignores this pragma inside one)."""
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if connection.in_transaction():
        connection.commit()
    if broken:
        tables = sorted({str(row[0]) for row in broken})
        raise RuntimeError(
            f"After the migration {len(broken)} rows point at rows that are not there "
            f"(in {', '.join(tables)}). Restore the backup taken before the upgrade."
        )


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    if connection.in_transaction():
        connection.commit()


run_migrations()
