"""Faults: the database goes away mid-session and comes back. The page says what is wrong, in
words, and recovers with no traceback; nothing already shown turns into an exception box."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text
from streamlit.testing.v1 import AppTest

from dashboard.surveys import links, responses
from db.demo.build import load_demo
from db.engine import make_engine
from tests.survey_links import owner_link

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PAGES = ("pages/catalogue.py", "pages/themes.py", "pages/prioritise.py", "pages/present.py")


def _set_connections(admin_url: str, database: str, allowed: bool) -> None:
    admin = make_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(
            text(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        )
        if not allowed:  # and drop the app's open connections, as a restart would
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": database},
            )
    admin.dispose()


def _problem(at: AppTest) -> str:
    assert not at.exception, at.exception
    return " ".join(e.value for e in at.error)


def test_postgres_going_away_mid_session_and_coming_back(
    postgres_store, postgres_url, postgres_server_url, use_database
) -> None:  # type: ignore[no-untyped-def]
    load_demo(postgres_store)
    use_database(postgres_url)
    database = postgres_store.url.database
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not _problem(at)
    services_before = next(m.value for m in at.metric if m.label == "Services")
    for page in PAGES:  # the presenter has been through the pages once
        at.switch_page(page).run()
        assert not _problem(at)
    at.switch_page("pages/overview.py").run()

    _set_connections(postgres_server_url, database, allowed=False)
    try:
        # what this session has seen stays on screen, from the shared cache, with a warning
        at.run()
        assert not _problem(at)
        assert any("cannot be reached right now" in w.value for w in at.warning)
        assert next(m.value for m in at.metric if m.label == "Services") == services_before
        for page in PAGES:
            at.switch_page(page).run()
            assert not _problem(at), page
            assert any("cannot be reached right now" in w.value for w in at.warning), page
        # what is not cached cannot be read: the page says so in words, no traceback
        at.query_params["service"] = "some-service-never-opened"
        at.switch_page("pages/catalogue.py").run()
        assert "cannot be reached" in _problem(at)
        del at.query_params["service"]
        # a new session has nothing to fall back on: it gets the message, not an empty page
        fresh = AppTest.from_file(APP, default_timeout=60)
        fresh.run()
        assert "cannot be reached" in _problem(fresh)
        assert not fresh.metric
    finally:
        _set_connections(postgres_server_url, database, allowed=True)

    # the same session recovers on its next run: no restart, no stale warning
    at.switch_page("pages/overview.py").run()
    assert not _problem(at)
    assert not any("cannot be reached" in w.value for w in at.warning)
    assert next(m.value for m in at.metric if m.label == "Services") == services_before


def test_sqlite_file_going_away_mid_session_and_coming_back(
    tmp_path: Path, demo_db_url: str, use_database
) -> None:  # type: ignore[no-untyped-def]
    """The store file is moved away (a lost mount, a restore in progress) and put back."""
    store = tmp_path / "store.sqlite3"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), store)
    use_database(f"sqlite:///{store}")
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not _problem(at)
    services_before = next(m.value for m in at.metric if m.label == "Services")

    away = tmp_path / "elsewhere.sqlite3"
    shutil.move(store, away)
    try:
        at.run()  # the session keeps what it has seen, and says the store is away
        assert not _problem(at)
        assert any("cannot be reached right now" in w.value for w in at.warning)
        fresh = AppTest.from_file(APP, default_timeout=60)
        fresh.run()
        assert "cannot be reached" in _problem(fresh)
        assert not store.exists(), "a missing store is never silently re-created empty"
    finally:
        shutil.move(away, store)

    at.run()
    assert not _problem(at)
    assert not any("cannot be reached" in w.value for w in at.warning)
    assert next(m.value for m in at.metric if m.label == "Services") == services_before


def test_a_survey_answer_typed_while_postgres_is_away_stays_on_screen_and_saves_later(
    postgres_store, postgres_url, postgres_server_url, use_database
) -> None:  # type: ignore[no-untyped-def]
    """An owner keeps typing through an outage: the answer is not lost, the page says it is
    not saved yet, and it is saved once the database is back."""
    load_demo(postgres_store)
    use_database(postgres_url)
    token, _ = owner_link(postgres_store, deep_dive=False, who="Rhian")
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/survey.py")
    at.query_params["token"] = token
    at.run()
    assert not _problem(at)
    at.text_input(key="q_service_name").input("Renew a parking permit").run()
    assert not _problem(at)

    _set_connections(postgres_server_url, postgres_store.url.database, allowed=False)
    try:
        at.text_input(key="q_service_name").input("Renew a residents' parking permit").run()
        assert not at.exception, at.exception
        said = " ".join(e.value for e in at.error) + " ".join(w.value for w in at.warning)
        assert "cannot be reached" in said
        assert at.text_input(key="q_service_name").value == "Renew a residents' parking permit"
    finally:
        _set_connections(postgres_server_url, postgres_store.url.database, allowed=True)

    next(b for b in at.button if b.label == "Save this section").click().run()
    assert not _problem(at)
    stored = responses.load_response(postgres_store, links.resolve(postgres_store, token))
    assert stored.answers["service_name"] == "Renew a residents' parking permit"
