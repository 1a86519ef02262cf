"""The one engine per process and the session context every query and write goes through."""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.engine import CursorResult, Engine, make_url
from sqlmodel import Session, create_engine

from db.settings import get_settings


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain postgresql:// URLs (the driver this project installs)."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


#: The databases this app runs on, each with the one driver it installs.
SUPPORTED = {"sqlite": "pysqlite", "postgresql": "psycopg"}
EXAMPLES = "Use sqlite:///path/to/landscape.sqlite3 or postgresql://user@host:5432/name."


def shown_url(url: str) -> str:
    """A URL for messages: any password hidden, even in a URL that does not parse."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (exc.ArgumentError, ValueError):
        return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", url)


def database_url_problem(url: str) -> str | None:
    """What is wrong with a DATABASE_URL this app cannot use, in one line; None if it can.

    Caught before any connection: a URL that does not parse, a database other than SQLite or
    PostgreSQL (`mysql://`, a typo such as `postgressql://`), a driver that is not installed,
    and a SQLite URL that names no file (`sqlite://data/x.sqlite3` has one slash too few; an
    in-memory store would be gone when the command ends).
    """
    shown = shown_url(url)
    try:
        parsed = make_url(normalise_url(url))
    except (exc.ArgumentError, ValueError):
        return f"DATABASE_URL {shown!r} is not a database address. {EXAMPLES}"
    backend, _, driver = parsed.drivername.partition("+")
    if backend not in SUPPORTED:
        close = difflib.get_close_matches(backend.lower(), [*SUPPORTED, "postgres"], n=1)
        hint = f" (did you mean {close[0]}://?)" if close else ""
        return (
            f"DATABASE_URL {shown!r} names a {backend!r} database, which this app does not "
            f"use{hint}. {EXAMPLES}"
        )
    if driver and driver != SUPPORTED[backend]:
        return (
            f"DATABASE_URL {shown!r} asks for the {driver!r} driver, which this app does not "
            f"install: write {backend}:// without '+{driver}'."
        )
    if backend == "sqlite" and (parsed.host or parsed.database in (None, "", ":memory:")):
        return f"DATABASE_URL {shown!r} names no SQLite file. {EXAMPLES}"
    return None


def sqlite_file(url: str) -> Path | None:
    """The file a SQLite URL names (relative to the working directory); None for PostgreSQL."""
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def is_sqlite(url: str) -> bool:
    return make_url(normalise_url(url)).get_backend_name() == "sqlite"


def _configure_sqlite(engine: Engine) -> None:
    """WAL, a busy timeout and explicit BEGIN so concurrent writers wait instead of failing.

    pysqlite's implicit transactions are switched off so that `BEGIN IMMEDIATE` (asked for with
    the `sqlite_begin` execution option) takes the write lock up front.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def _guard_sqlite_file(engine: Engine, path: Path) -> None:
    """Never write to a database file that has gone (moved, deleted, on a lost mount).

    A pooled connection keeps working on a deleted file's inode: saves would succeed into a
    file nobody can see again. On checkout, a missing file invalidates the connection, and a
    new one is opened read-write only (`mode=rw`), so it fails in words instead of quietly
    creating an empty store.
    """

    @event.listens_for(engine, "checkout")
    def _on_checkout(*_args: Any) -> None:
        if not path.exists():
            raise exc.DisconnectionError(f"the database file {path} is missing")


def _read_write_only(path: Path, kwargs: dict[str, Any]) -> Any:
    options = {k: v for k, v in kwargs.get("connect_args", {}).items() if k != "uri"}

    def connect() -> sqlite3.Connection:
        connection: sqlite3.Connection = sqlite3.connect(
            f"file:{path}?mode=rw", uri=True, **options
        )
        return connection

    return connect


def make_engine(url: str | None = None, *, create: bool = True, **kwargs: Any) -> Engine:
    """An engine for `url` (the configured store by default).

    A SQLite file that exists is always opened read-write only, never re-created. With
    `create=False` (the app and every command but set-up), a SQLite file that does not exist
    is not created either: connecting fails, and the caller says the store is missing.
    """
    url = normalise_url(url or get_settings().database_url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": 10})
        path = Path(parsed.database) if parsed.database not in (None, "", ":memory:") else None
        # no folder is made here: a missing one fails to connect, in words, instead of becoming
        # a new empty store (the `landscape` command creates one when asked to, dashboard.cli)
        if path is not None and (path.exists() or not create):
            kwargs.setdefault("creator", _read_write_only(path.resolve(), kwargs))
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        if path is not None:
            _guard_sqlite_file(engine, path.resolve())
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("connect_args", {"connect_timeout": 5})
    return create_engine(url, **kwargs)


def inserted_id(result: CursorResult[Any]) -> int:
    """The id the database gave the one row an INSERT wrote."""
    key = result.inserted_primary_key
    if key is None:
        raise ValueError("the statement inserted no row")
    return int(key[0])


@lru_cache(maxsize=4)
def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for a URL (the configured one by default). It never creates a
    SQLite file: set-up (`landscape db upgrade`, `landscape serve`) does, before using it."""
    return make_engine(url, create=False)


def create_sqlite_file(url: str) -> bool:
    """Create the empty SQLite file a URL names, if it is missing (set-up only); True if made."""
    path = sqlite_file(url)
    if path is None or path.exists():
        return False
    sqlite3.connect(path).close()
    return True


@contextmanager
def get_session(engine: Engine | None = None) -> Iterator[Session]:
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        yield session


@contextmanager
def write_session(engine: Engine | None = None) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on any error.

    On SQLite the write lock is taken at BEGIN (IMMEDIATE), so writers queue rather than fail.
    """
    engine = engine or get_engine()
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection = connection.execution_options(sqlite_begin="IMMEDIATE")
        transaction = connection.begin()
        session = Session(bind=connection, expire_on_commit=False)
        try:
            yield session
            session.flush()
            transaction.commit()
        except BaseException:
            if transaction.is_active:
                transaction.rollback()
            raise
        finally:
            session.close()
