"""A process killed in the middle of a write, for the crash tests (tests/test_crash.py).

    python -m tests.crash_worker import URL FILE
    python -m tests.crash_worker save URL TOKEN QUESTION VALUE

Each runs the product's own write path and, at a point inside the open transaction after
rows have been written, prints READY and waits to be killed (SIGKILL: no clean-up runs).
A separate interpreter, not multiprocessing: a spawned child would re-run whatever script
AppTest last left as `__main__`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from db.engine import make_engine

PAUSE_AT = "journeys"  # the import's tables before this one have been written


def _wait_to_be_killed() -> None:
    print("READY", flush=True)
    time.sleep(300)
    raise SystemExit("not killed in time")


def crash_importing(url: str, file: str) -> None:
    from dashboard.importing import pipeline
    from dashboard.importing.reading import read_upload

    engine = make_engine(url)
    job = pipeline.prepare(read_upload(Path(file).name, Path(file).read_bytes()))
    checked = pipeline.check(engine, job)

    def progress(_share: float, step: str) -> None:
        if step == PAUSE_AT:
            _wait_to_be_killed()

    pipeline.run(engine, job, checked, "Crash test", progress=progress)


def crash_saving(url: str, token: str, question: str, value: str) -> None:
    from dashboard.surveys import links, responses

    engine = make_engine(url)
    access = links.resolve(engine, token)
    base = responses.load_response(engine, access)

    def bump(*_args: Any, **_kwargs: Any) -> None:  # answers and version already written
        _wait_to_be_killed()

    responses._bump = bump  # type: ignore[attr-defined]
    responses.save_answers(
        engine, access, access.response_id, {question: value}, base.version, base.answers
    )


if __name__ == "__main__":
    what, *arguments = sys.argv[1:]
    {"import": crash_importing, "save": crash_saving}[what](*arguments)
