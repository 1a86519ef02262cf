"""Reading a workbook in a process of its own, so a reader that fails hard cannot take the
app down with it.

The spreadsheet reader is native code: asked for more memory than the machine has, it aborts
the process it runs in. The Data page and the `landscape` command therefore read a workbook
in a child interpreter (not `multiprocessing`: a spawned child would re-run the page script
Streamlit left as `__main__`) with a ceiling on its memory and a time limit; what it read
comes back pickled on its standard output. If the child dies, `ReaderStopped` says how, the
import says so in words (`reading.read_workbook`), and the server, and every other session,
carry on.

    python -m dashboard.importing.read_child LANGUAGE CPU_SECONDS < workbook.xlsx > sheets.pickle

This module is the parent's side and imports nothing of the app; the child's is `read_child`.
"""

from __future__ import annotations

import pickle
import signal
import subprocess
import sys

#: The child's address space: far more than any workbook within the bounds needs, far less
#: than a crafted one asks for.
MEMORY_LIMIT = 3 * 1024 * 1024 * 1024
#: How much processor time reading one workbook may take unless the caller says (a busy
#: machine stretches the wall clock, not this; the setting LANDSCAPE_READ_CPU_SECONDS is
#: what the import passes), and a wall-clock limit behind it.
CPU_LIMIT = 30
TIME_LIMIT = 600.0


class ReaderStopped(Exception):
    """The child stopped before it read the workbook: `how` is "time" (the wall clock ran
    out), "processor" (its processor time ran out) or "failed" (it died: memory, damage)."""

    def __init__(self, how: str) -> None:
        super().__init__(how)
        self.how = how


def read_apart(data: bytes, lang: str, cpu_seconds: int = CPU_LIMIT) -> object:
    """What `reading.read_sheets_here(data)` returns (or the `ImportFailure` it raised, to be
    raised again), worked out in a child process that may use `cpu_seconds` of processor
    time (counted from its start: starting takes about half a second)."""
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-P",
                "-m",
                "dashboard.importing.read_child",
                lang,
                str(max(1, int(cpu_seconds))),
            ],
            input=data,
            capture_output=True,
            timeout=TIME_LIMIT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ReaderStopped("time") from error
    if done.returncode == -signal.SIGXCPU:
        raise ReaderStopped("processor")
    if done.returncode != 0 or not done.stdout:
        raise ReaderStopped("failed")
    return pickle.loads(done.stdout)  # written by this module's own child (read_child)
