"""Shared fixtures: throwaway SQLite and PostgreSQL stores, the demo store, cache hygiene.

Tests never touch the user's data file. PostgreSQL tests use TEST_DATABASE_URL (default: the
local server on 127.0.0.1:5432, database `test`) and create a fresh database per test run.
When CI is set, a PostgreSQL or browser test that cannot run fails instead of skipping.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from db import migrate
from db.engine import get_engine, make_engine, normalise_url
from db.settings import get_settings

IN_CI = bool(os.environ.get("CI"))
DEFAULT_TEST_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def unavailable(reason: str) -> None:
    """Skip on a developer machine; fail in CI, where every test must really run."""
    if IN_CI:
        pytest.fail(f"CI must run this test, but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path_factory) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Point DATABASE_URL away from the user's data file unless a test sets its own."""
    scratch = tmp_path_factory.getbasetemp() / "unused.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{scratch}")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(autouse=True)
def _clear_streamlit_caches() -> Iterator[None]:
    """Streamlit caches leak between AppTest runs in one process (streamlit #9139)."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(autouse=True)
def _navigation_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run AppTest the way dashboard.serving.launch runs the server: st.navigation only.

    AppTest resets Streamlit's legacy-pages flag before every run, and with a pages/ folder
    beside app.py it would then run a switched-to page without app.py (no store check, no
    sidebar filter). Setting the flag after each PagesManager is made mirrors the launcher.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture(autouse=True, scope="session")
def _scan_component_packages_once() -> Iterator[None]:
    """Every AppTest scans all installed packages for Streamlit components (about 0.3 s on
    the CI machine); a server does it once at start. The packages do not change while the
    tests run, so one scan serves every AppTest, as one scan serves every session."""
    from streamlit.components.v2 import manifest_scanner

    original = manifest_scanner.scan_component_manifests
    manifest_scanner.scan_component_manifests = functools.cache(original)
    yield
    manifest_scanner.scan_component_manifests = original


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Engine]:
    """An empty SQLite store migrated to head."""
    url = sqlite_url(tmp_path / "store.sqlite3")
    migrate.upgrade(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    url = normalise_url(os.environ.get("TEST_DATABASE_URL", DEFAULT_TEST_PG))
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        unavailable(f"PostgreSQL is not reachable at {make_url(url).render_as_string()}: {error}")
    finally:
        engine.dispose()
    return url


@contextmanager
def scratch_database(server_url: str, prefix: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the server of `server_url`, named `prefix` and a
    random suffix, dropped (with any connection still open to it) when done; its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = make_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def postgres_url(postgres_server_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    with scratch_database(postgres_server_url, "landscape_test") as url:
        yield url
        get_engine.cache_clear()


@pytest.fixture
def postgres_store(postgres_url: str) -> Iterator[Engine]:
    """An empty PostgreSQL store migrated to head."""
    migrate.upgrade(postgres_url)
    engine = make_engine(postgres_url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest) -> Engine:
    """Run a test once on SQLite and once on a real PostgreSQL server."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(scope="session")
def demo_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite store with the demo data set, built once per run; tests only read it."""
    from db.demo.build import load_demo

    url = sqlite_url(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    migrate.upgrade(url)
    engine = make_engine(url)
    load_demo(engine)
    engine.dispose()
    return url


@pytest.fixture
def demo_engine(demo_db_url: str) -> Iterator[Engine]:
    engine = make_engine(demo_db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def use_database(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Make the app (settings, cached engine) use the given URL for this test."""

    def _use(url: str) -> None:
        monkeypatch.setenv("DATABASE_URL", url)
        get_settings.cache_clear()
        get_engine.cache_clear()

    yield _use
    get_engine.cache_clear()


def writable_demo(demo_db_url: str, folder: Path, name: str = "store.sqlite3") -> str:
    """A copy of the demo store in `folder` that a test may write to; its URL."""
    copy = folder / name
    shutil.copy(Path(demo_db_url.removeprefix("sqlite:///")), copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def demo_copy(demo_db_url: str, tmp_path: Path, use_database) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    """A private copy of the store holding the invented demo data set, which the app uses."""
    url = writable_demo(demo_db_url, tmp_path)
    use_database(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def real_copy(demo_db_url: str, tmp_path: Path, use_database) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    """`demo_copy` with its data labelled as a steward's own (imported, not invented), so
    imports update it instead of asking to replace the demo."""
    from tests.import_files import mark_as_real

    url = writable_demo(demo_db_url, tmp_path)
    mark_as_real(url)
    use_database(url)
    engine = make_engine(url)
    yield engine
    engine.dispose()


APP_PATH = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def open_app(use_database, demo_db_url):  # type: ignore[no-untyped-def]
    """Open the app on the demo store with a query string, then switch to `page` if given."""
    from streamlit.testing.v1 import AppTest

    use_database(demo_db_url)

    def _open(page: str | None = None, **query: str | list[str]) -> AppTest:
        at = AppTest.from_file(APP_PATH, default_timeout=30)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception
        return at

    return _open


@pytest.fixture
def history_run(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run an AppTest the way the browser's back or forward button reruns a page: with the URL
    the test set, marked as history navigation (Streamlit's flag, which AppTest cannot send)."""
    from dashboard.ui import sticky_query

    flag = {"history": False}
    monkeypatch.setattr(sticky_query, "_history_navigation", lambda: flag["history"])

    def _run(at):  # type: ignore[no-untyped-def]
        flag["history"] = True
        try:
            return at.run()
        finally:
            flag["history"] = False

    return _run
