"""The audit trail: each action recorded with its particulars in the transaction of the change
(a rolled-back import leaves none), shown literally to administrators only on the Data page,
and listed by `landscape audit list`; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.common import audit
from dashboard.importing import commit as committing
from dashboard.importing import export, pipeline
from dashboard.importing.problems import ImportFailure
from dashboard.importing.reading import read_upload
from dashboard.surveys import links
from db.demo.build import load_demo
from db.engine import make_engine
from tests.app_downloads import record_downloads
from tests.conftest import writable_demo
from tests.import_files import mark_as_real
from tests.survey_links import owner_link

APP = str(Path(__file__).resolve().parents[1] / "app.py")
SECRET = "correct-horse-battery-staple"
#: A file name a Markdown renderer would turn into bold text, a link and an image.
CRAFTED = "**bold** [site](https://example.org) ![x](https://example.org/x.png) $x$.csv"


@pytest.fixture
def demo_store(store: Engine) -> Engine:
    load_demo(store)
    return store


def _organisations_csv(*codes: str) -> bytes:
    lines = [
        "code,name_en,sector,org_type",
        *(f"{c},Body {c},Local authority,Charity" for c in codes),
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def _import(engine: Engine, name: str, data: bytes, actor: str | None = None) -> None:
    job = pipeline.prepare(read_upload(name, data))
    checked = pipeline.check(engine, job)
    pipeline.run(engine, job, checked, "Rhian", actor=actor)


def _count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT COUNT(*) FROM audit_event")).scalar_one())


# -- the core ------------------------------------------------------------------------------------


def test_an_import_is_recorded_with_who_the_file_and_what_changed(demo_store: Engine) -> None:
    _import(demo_store, "orgs.csv", _organisations_csv("audit-a", "audit-b"), "administrator")
    _import(demo_store, "orgs again.csv", _organisations_csv("audit-a", "audit-c"))
    events = audit.events(demo_store, action=audit.IMPORT)
    assert len(events) == 2
    latest, first = events.iloc[0], events.iloc[1]
    assert first["who"] == "administrator" and latest["who"] == "Rhian"  # no actor: the name
    assert first["detail"]["entity"] == "organisations"
    assert first["detail"]["file_name"] == "orgs.csv"
    assert (first["detail"]["added"], first["detail"]["changed"]) == (2, 0)
    assert first["detail"]["name_given"] == "Rhian"
    assert (latest["detail"]["added"], latest["detail"]["file_name"]) == (1, "orgs again.csv")
    assert abs(latest["at"].replace(tzinfo=UTC) - datetime.now(UTC)) < timedelta(minutes=5)


def test_an_import_that_rolls_back_leaves_no_event(demo_store: Engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The event is in the import's own transaction: a failure after it was added (here the
    write of the import log fails) rolls it back with the data; a trial run records none."""
    data = _organisations_csv("audit-x")
    job = pipeline.prepare(read_upload("orgs.csv", data))
    checked = pipeline.check(demo_store, job)
    pipeline.run(demo_store, job, checked, "Rhian", trial=True)
    assert _count(demo_store) == 0
    original = committing._audit

    def audit_then_fail(connection, source, outcome):  # type: ignore[no-untyped-def]
        original(connection, source, outcome)
        assert _count_in(connection) == 1  # written, inside the transaction
        raise RuntimeError("injected failure after the event")

    monkeypatch.setattr(committing, "_audit", audit_then_fail)
    with pytest.raises(ImportFailure):
        pipeline.run(demo_store, job, checked, "Rhian")
    assert _count(demo_store) == 0
    with demo_store.connect() as connection:
        assert (
            connection.execute(
                text("SELECT COUNT(*) FROM organisation WHERE code = 'audit-x'")
            ).scalar_one()
            == 0
        )


def _count_in(connection) -> int:  # type: ignore[no-untyped-def]
    return int(connection.execute(text("SELECT COUNT(*) FROM audit_event")).scalar_one())


def test_survey_links_made_and_withdrawn_name_the_service_never_the_token(
    demo_store: Engine,
) -> None:
    token, code = owner_link(demo_store)
    owner = links.resolve(demo_store, token)
    shared = links.share(demo_store, owner, "Finance lead", days=10)
    colleague = links.resolve(demo_store, shared)
    links.revoke(demo_store, owner, int(colleague.link_id or 0))
    events = audit.events(demo_store)
    assert list(events["action"]) == [audit.LINK_WITHDRAWN, audit.LINK_MADE, audit.LINK_MADE]
    withdrawn, made, first = (events.iloc[i] for i in range(3))
    assert first["who"] == "test" and first["detail"]["role"] == links.OWNER
    assert made["who"] == "Owner" and made["detail"]["role"] == links.EDITOR
    assert made["detail"]["days"] == 10 and withdrawn["who"] == "Owner"
    for event in (withdrawn, made, first):
        assert event["detail"]["service"] == code
        assert event["detail"]["survey"] == "generalist"
        words = str(event["detail"])
        assert token not in words and shared not in words
        assert links.hash_token(shared) not in words


def test_a_full_export_is_recorded_with_the_file_and_the_rows(demo_store: Engine) -> None:
    data = export.recorded(export.to_zip, demo_store, "administrator", "landscape.zip")
    assert data.startswith(b"PK")
    rows = sum(len(frame) for frame in export.tables(demo_store).values())
    event = audit.events(demo_store, action=audit.EXPORT).iloc[0]
    assert event["who"] == "administrator"
    assert event["detail"] == {"download": "landscape.zip", "filter": "", "rows": rows}
    audit.record_export(demo_store, "administrator", "Service catalogue", 12, "Sector: Health")
    words = audit.shown(audit.events(demo_store, action=audit.EXPORT)).iloc[0]["Detail"]
    assert words == "Service catalogue: 12 rows · filter: Sector: Health"


def test_a_role_change_is_ready_and_an_unknown_action_is_refused(demo_store: Engine) -> None:
    with Session(demo_store) as session:
        audit.record(
            session,
            audit.ROLE_CHANGED,
            "admin@example.gov.wales",
            {"person": "a@example.gov.wales", "before": "viewer", "after": "data steward"},
        )
        session.commit()
    shown = audit.shown(audit.events(demo_store, action=audit.ROLE_CHANGED))
    assert shown.iloc[0]["Detail"] == "a@example.gov.wales: viewer → data steward"
    assert shown.iloc[0]["Action"] == "Role changed"
    with Session(demo_store) as session, pytest.raises(ValueError):
        audit.record(session, "deleted_everything", "x", {})


def test_text_is_kept_as_it_was_given_and_filters_work(demo_store: Engine) -> None:
    _import(demo_store, CRAFTED, _organisations_csv("audit-md"), "**administrator**")
    shown = audit.shown(audit.events(demo_store))
    assert shown.iloc[0]["Who"] == "**administrator**"
    assert shown.iloc[0]["Detail"] == f"organisations from {CRAFTED}: 1 added, 0 changed"
    assert audit.events(demo_store, action=audit.EXPORT).empty
    tomorrow = date.today() + timedelta(days=2)
    assert audit.events(demo_store, since=tomorrow).empty
    assert len(audit.events(demo_store, since=date.today() - timedelta(days=1))) == 1


# -- the Data page -------------------------------------------------------------------------------


@pytest.fixture
def data_db(real_copy: Engine) -> Engine:
    return real_copy


def _data_page(monkeypatch: pytest.MonkeyPatch, *, sign_in: bool) -> AppTest:
    monkeypatch.setenv("LANDSCAPE_ADMIN_TOKEN", SECRET)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("pages/data.py").run()
    if sign_in:
        at.text_input(key="data_credential").input(SECRET)
        at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def _audit_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Action" in d.value.columns)


def test_only_an_administrator_sees_the_audit_trail_with_its_rows_literally(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(data_db, CRAFTED, _organisations_csv("audit-page"), "administrator")
    visitor = _data_page(monkeypatch, sign_in=False)
    assert "Audit trail" not in [tab.label for tab in visitor.tabs]
    assert not any("Action" in d.value.columns for d in visitor.dataframe)

    downloads = record_downloads(monkeypatch)
    at = _data_page(monkeypatch, sign_in=True)
    assert "Audit trail" in [tab.label for tab in at.tabs]
    table = _audit_table(at)
    assert table.iloc[0]["Who"] == "administrator"
    assert table.iloc[0]["Detail"] == f"organisations from {CRAFTED}: 1 added, 0 changed"
    # shown in a table, never as Markdown: no element renders the crafted text
    assert not any("example.org" in m.value for m in at.markdown)

    # the full export is recorded when it is downloaded, with who and how many rows
    name, _data = downloads.file(at, "data_export_zip")
    at.selectbox(key="data_audit_action").set_value(audit.EXPORT).run()
    table = _audit_table(at)
    assert len(table) == 1 and table.iloc[0]["Action"] == "Export"
    assert table.iloc[0]["Detail"].startswith(f"{name}: ")
    rows = downloads.csv_rows(at, "data_audit_csv")
    assert rows[0] == ["When", "Action", "Who", "Detail"] and rows[1][1] == "Export"


def test_the_audit_csv_neutralises_formulas(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _import(data_db, "=HYPERLINK(1).csv", _organisations_csv("audit-csv"), "=cmd|x")
    downloads = record_downloads(monkeypatch)
    at = _data_page(monkeypatch, sign_in=True)
    rows = downloads.csv_rows(at, "data_audit_csv")
    assert rows[1][2] == "'=cmd|x"
    assert "=HYPERLINK(1).csv" in rows[1][3]


# -- the command -----------------------------------------------------------------------------------


def test_the_command_lists_filters_and_refuses_bad_input_in_words(
    use_database, demo_db_url: str, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    url = writable_demo(demo_db_url, tmp_path, "cli.sqlite3")
    mark_as_real(url)
    use_database(url)
    engine = make_engine(url)
    runner = CliRunner()
    empty = runner.invoke(app, ["audit", "list"])
    assert empty.exit_code == 0 and "No events recorded yet." in empty.output
    _import(engine, "orgs.csv", _organisations_csv("audit-cli"), "administrator")
    target = tmp_path / "everything.zip"
    exported = runner.invoke(app, ["data", "export", str(target)])
    assert exported.exit_code == 0, exported.output

    listed = runner.invoke(app, ["audit", "list"])
    assert listed.exit_code == 0, listed.output
    lines = listed.output.strip().splitlines()
    assert len(lines) == 2
    assert "export" in lines[0] and "everything.zip (command line)" in lines[0]
    assert "import" in lines[1] and "administrator" in lines[1] and "orgs.csv" in lines[1]

    only = runner.invoke(app, ["audit", "list", "--action", "import"])
    assert only.exit_code == 0 and len(only.output.strip().splitlines()) == 1
    later = runner.invoke(app, ["audit", "list", "--since", str(date.today() + timedelta(days=2))])
    assert later.exit_code == 0 and "No events recorded that match." in later.output

    for wrong, said in (
        (["--since", "yesterday"], "is not a day"),
        (["--action", "delete"], "is not an action"),
    ):
        refused = runner.invoke(app, ["audit", "list", *wrong])
        assert refused.exit_code == 1 and said in refused.output
        assert "Traceback" not in refused.output
    engine.dispose()


def test_a_table_download_is_recorded_for_someone_signed_in_not_for_a_visitor(
    data_db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    downloads = record_downloads(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["sector"] = "health"
    at.run()
    at.switch_page("pages/catalogue.py").run()
    assert not at.exception, at.exception
    shown = len(at.dataframe[0].value)
    downloads.file(at, "catalogue_csv")
    assert audit.events(data_db).empty  # a visitor's download writes nothing

    at.session_state["admin_signed_in"] = True
    at.run()
    downloads.file(at, "catalogue_csv")
    downloads.file(at, "catalogue_xlsx")
    events = audit.events(data_db, action=audit.EXPORT)
    assert len(events) == 2 and set(events["who"]) == {"administrator credential"}
    detail = events.iloc[0]["detail"]
    assert detail["rows"] == shown and "Health" in detail["filter"]
    assert detail["download"]
