"""Schema migrations (Alembic) run from code, and a check of whether a store is usable."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from db.engine import make_engine, normalise_url
from db.settings import get_settings

ALEMBIC_INI = Path(__file__).resolve().parent / "alembic.ini"


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.set_main_option("script_location", str(ALEMBIC_INI.parent / "migrations"))
    config.set_main_option(
        "sqlalchemy.url", normalise_url(url or get_settings().database_url).replace("%", "%%")
    )
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Bring the store at `url` (the configured one by default) up to `revision`."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | None, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


@cache
def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


class SchemaState(StrEnum):
    READY = "ready"
    EMPTY = "empty"  # reachable, no tables yet
    OUTDATED = "outdated"  # reachable, at an older revision
    UNKNOWN = "unknown"  # reachable, tables but no or an unknown revision
    UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    current: str | None
    head: str
    detail: str = ""

    @property
    def ready(self) -> bool:
        return self.state is SchemaState.READY

    def advice(self) -> str:
        """What to tell a person at a terminal who cannot use the store, in words.

        The `landscape` command prints this; the pages say it in their own words and language
        (`dashboard.ui.store.advice`), which is where "reload this page" belongs.
        """
        match self.state:
            case SchemaState.READY:
                return "The database is ready."
            case SchemaState.EMPTY:
                return (
                    "The database has no tables yet. Run `landscape db upgrade` and then "
                    "`landscape demo load` (or `landscape serve`, which does both)."
                )
            case SchemaState.OUTDATED:
                return (
                    f"The database schema is at revision {self.current}, older than this "
                    f"version of the app needs ({self.head}). Run `landscape db upgrade`."
                )
            case SchemaState.UNKNOWN:
                return (
                    "The database holds tables this app does not recognise "
                    f"(revision {self.current or 'none'}). Point DATABASE_URL at the right "
                    "database, or at an empty one and run `landscape db upgrade`."
                )
            case SchemaState.UNREACHABLE:
                return (
                    "The database cannot be reached. Check that it is running and that "
                    "DATABASE_URL is right, then run the command again. "
                    f"(Details: {self.detail})"
                )


def check_schema(engine: Engine) -> SchemaStatus:
    head = head_revision()
    try:
        current = current_revision(engine)
        tables = set(inspect(engine).get_table_names()) if current is None else {"?"}
        has_tables = bool(tables - {"alembic_version"})
    except SQLAlchemyError as error:
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0][:300]
        return SchemaStatus(SchemaState.UNREACHABLE, None, head, detail)
    if current == head:
        return SchemaStatus(SchemaState.READY, current, head)
    if current is None:
        state = SchemaState.UNKNOWN if has_tables else SchemaState.EMPTY
        return SchemaStatus(state, None, head)
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    known = {rev.revision for rev in script.walk_revisions()}
    state = SchemaState.OUTDATED if current in known else SchemaState.UNKNOWN
    return SchemaStatus(state, current, head)


def check_configured_store(url: str | None = None) -> SchemaStatus:
    engine = make_engine(url, create=False)
    try:
        return check_schema(engine)
    finally:
        engine.dispose()
