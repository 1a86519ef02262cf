"""`landscape serve` as a real process: stopping it stops the server, and nothing is left."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import time
import urllib.error
import urllib.request
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
        # Streamlit's metrics (sessions, caches, memory) are not for the public
        assert _status(f"http://127.0.0.1:{port}/_stcore/metrics") == 404
        assert _status(f"http://127.0.0.1:{port}/_stcore/health") == 200
        # by default it listens on this machine only
        for address in _other_addresses():
            with socket.socket(socket.AF_INET) as other, contextlib.suppress(OSError):
                other.settimeout(2)
                other.connect((address, port))
                raise AssertionError(f"the app answers on {address}, not only on 127.0.0.1")
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


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def _other_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback, one per interface (Linux)."""
    import fcntl
    import struct

    found = set()
    for _, name in socket.if_nameindex():
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                asked = struct.pack("256s", name[:15].encode())
                packed = fcntl.ioctl(probe.fileno(), 0x8915, asked)  # SIOCGIFADDR
            except OSError:  # an interface with no IPv4 address
                continue
        found.add(socket.inet_ntoa(packed[20:24]))
    return sorted(a for a in found if not a.startswith("127."))
