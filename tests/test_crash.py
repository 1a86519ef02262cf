"""A process killed mid-import or mid-save (SIGKILL, no clean-up) leaves the database as it
was, on SQLite and PostgreSQL, and the next write goes through: no half-written rows, no lock
left behind."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from dashboard.importing import export, pipeline
from dashboard.importing.reading import read_upload
from dashboard.surveys import links, responses
from db.demo.build import load_demo
from tests.import_files import snapshot
from tests.survey_links import owner_link

ROOT = Path(__file__).resolve().parents[1]


def _killed_at_ready(*arguments: str) -> None:
    """Run the crash worker until it says it is inside its transaction, then kill it."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_worker", *arguments],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = worker.stdout.readline() if worker.stdout else ""
        assert line.strip() == "READY", worker.stderr.read() if worker.stderr else ""
        worker.send_signal(signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()
        for stream in (worker.stdout, worker.stderr):
            if stream:
                stream.close()


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _healthy(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_an_import_killed_mid_write_leaves_the_database_as_it_was(
    store: Engine, tmp_path: Path
) -> None:
    load_demo(store)
    data = export.to_zip(store)
    with store.begin() as connection:  # so that re-importing the export has work to do
        connection.execute(text("DELETE FROM journey"))
        connection.execute(text("UPDATE organisation SET name_en = name_en || ' (old)'"))
    before = snapshot(store)
    file = tmp_path / "everything.zip"
    file.write_bytes(data)

    _killed_at_ready("import", _url(store), str(file))

    store.dispose()  # the app's pool would start afresh too
    assert snapshot(store) == before
    _healthy(store)
    job = pipeline.prepare(read_upload(file.name, data))
    outcome = pipeline.run(store, job, pipeline.check(store, job), "After the crash")
    assert outcome.tables["journeys"].added > 0
    assert outcome.tables["organisations"].updated > 0


def test_a_survey_save_killed_mid_write_keeps_the_saved_answers(store: Engine) -> None:
    load_demo(store)
    token, _ = owner_link(store)
    access = links.resolve(store, token)
    base = responses.load_response(store, access)
    saved = responses.save_answers(
        store, access, access.response_id, {"user_need": "Saved before the crash"}, base.version, {}
    )

    _killed_at_ready("save", _url(store), token, "user_need", "Half written")

    store.dispose()
    after = responses.load_response(store, access)
    assert after.answers["user_need"] == "Saved before the crash"
    assert after.version == saved.version
    _healthy(store)
    again = responses.save_answers(
        store,
        access,
        access.response_id,
        {"user_need": "Saved after"},
        after.version,
        after.answers,
    )
    assert again.answers["user_need"] == "Saved after"
    assert again.version == after.version + 1
