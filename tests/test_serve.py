"""`landscape serve` as a real process: stopping it stops the server, and nothing is left."""

from __future__ import annotations

import os
import signal
import time
import uuid

from tests.serving import (
    answers,
    environment,
    free_port,
    kill_marked,
    marked,
    start_serving,
    wait_until_answering,
)


def test_stopping_serve_by_its_process_id_stops_the_server(tmp_path) -> None:  # type: ignore[no-untyped-def]
    port, mark, log = free_port(), uuid.uuid4().hex, tmp_path / "serve.log"
    env = environment(mark, DATABASE_URL=f"sqlite:///{tmp_path / 'store.sqlite3'}")
    process = start_serving(["--port", str(port), "--no-demo"], tmp_path, env, log)
    try:
        wait_until_answering(process, port, log)
        # Streamlit's lookup of a public address: noise offline, a wrong URL behind a proxy
        assert "Did not auto detect external IP" not in log.read_text()
        assert "External URL" not in log.read_text()
        os.kill(process.pid, signal.SIGTERM)  # `kill <pid>`, as a person or a service would
        process.wait(timeout=30)
        deadline = time.monotonic() + 15
        while (answers(port) or marked(mark)) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert not answers(port), f"the app still answers on port {port} after kill {process.pid}"
        assert marked(mark) == [], "processes left running after landscape serve stopped"
    finally:
        process.kill()
        kill_marked(mark)
