"""Real `landscape` processes for the tests: a free port, a clean environment, waiting for the
server to answer, and the processes a command left behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def landscape() -> list[str]:
    """The installed `landscape` command (the README's), beside this Python."""
    script = Path(sys.executable).with_name("landscape")
    if script.exists():
        return [str(script)]
    found = shutil.which("landscape")
    assert found, "the landscape command is not installed (pip install -e .)"
    return [found]


#: An environment variable each test's processes carry, to find them all afterwards.
MARK = "TEST_PROCESS_MARK"


def environment(mark: str, **values: str) -> dict[str, str]:
    """This environment without a store or Streamlit settings of its own, plus `values`,
    marked so that every process started with it can be found (`marked`)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "DATABASE_URL" and not key.startswith(("STREAMLIT_", "LANDSCAPE_"))
    }
    return env | {"PYTHONUNBUFFERED": "1", MARK: mark} | values


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.read().strip() == b"ok"
    except OSError:
        return False


def start_serving(
    arguments: list[str], cwd: Path, env: dict[str, str], log: Path
) -> subprocess.Popen:
    """`landscape serve …`, its output in `log`, with no terminal to ask at."""
    with log.open("w") as output:
        return subprocess.Popen(
            [*landscape(), "serve", *arguments],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def wait_until_answering(process: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"landscape serve exited early:\n{log.read_text()}")
        if answers(port):
            return
        time.sleep(0.3)
    raise AssertionError(f"the app did not answer within 120 s:\n{log.read_text()}")


def marked(mark: str) -> list[str]:
    """The live processes whose environment holds `mark` (TEST_PROCESS_MARK): whatever a
    command started, whoever their parent is now and whatever session they moved to."""
    found = []
    needle = f"{MARK}={mark}".encode()
    for folder in Path("/proc").glob("[0-9]*"):
        try:
            if needle not in (folder / "environ").read_bytes().split(b"\0"):
                continue
            state = (folder / "stat").read_text().rsplit(")", 1)[1].split()[0]
            command = (folder / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if state != "Z":
            found.append(f"{folder.name}: {command.strip()}")
    return found


def kill_marked(mark: str) -> None:
    """Cleanup only: kill whatever a test's command left running."""
    for line in marked(mark):
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(line.split(":", 1)[0]), signal.SIGKILL)
