"""`landscape serve` started by hand in a folder of one's own: the app in Chromium shows the
store named by that folder's `.env`, and stopping the command leaves nothing running."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid

import pytest
from playwright.sync_api import expect

from tests.serving import (
    answers,
    environment,
    free_port,
    kill_marked,
    landscape,
    marked,
    start_serving,
    wait_until_answering,
)

pytestmark = pytest.mark.browser


def test_the_app_reads_the_env_file_where_serve_was_started(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # a relative path: the folder the command is started in decides which file it is
    (tmp_path / ".env").write_text("DATABASE_URL=sqlite:///own.sqlite3\n", encoding="utf-8")
    port, mark, log = free_port(), uuid.uuid4().hex, tmp_path / "serve.log"
    env = environment(mark)  # no DATABASE_URL in the environment: the .env decides
    for command in (["db", "upgrade"], ["generate", "--services", "37", "--seed", "3"]):
        subprocess.run([*landscape(), *command], cwd=tmp_path, env=env, check=True, timeout=120)
    assert (tmp_path / "own.sqlite3").is_file()
    process = start_serving(["--port", str(port), "--no-demo"], tmp_path, env, log)
    try:
        wait_until_answering(process, port, log)
        page.goto(f"http://127.0.0.1:{port}/")
        # the 37 services of the store just made, not the project's default store
        expect(page.get_by_test_id("stMetricValue").first).to_have_text("37", timeout=90_000)
        expect(page.get_by_text("Generated catalogue for testing at scale")).to_be_visible()
        # the app's own settings still apply from another folder (.streamlit/config.toml)
        assert page.get_by_test_id("stMainMenu").count() == 0  # client.toolbarMode "minimal"
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        deadline = time.monotonic() + 15
        while (answers(port) or marked(mark)) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert not answers(port)
        assert marked(mark) == [], "processes left running after landscape serve stopped"
    finally:
        process.kill()
        kill_marked(mark)
