"""Reading a workbook in a process of its own, so a reader that fails hard cannot take the
app down with it.

The spreadsheet reader is native code: asked for more memory than the machine has, it aborts
the process it runs in. The Data page and the `landscape` command therefore read a workbook
in a child interpreter (not `multiprocessing`: a spawned child would re-run the page script
Streamlit left as `__main__`) with a ceiling on its memory and a time limit; what it read
comes back pickled on its standard output. If the child dies, the import says so in words and
the server, and every other session, carry on.

    python -m dashboard.importing.read_worker LANGUAGE < workbook.xlsx > sheets.pickle
"""

from __future__ import annotations

import pickle
import resource
import signal
import subprocess
import sys

from dashboard.common.i18n import t, using
from dashboard.importing.problems import ImportFailure

#: The child's address space: far more than any workbook within the bounds needs, far less
#: than a crafted one asks for.
MEMORY_LIMIT = 3 * 1024 * 1024 * 1024
#: How much processor time reading one workbook may take (a busy machine stretches the wall
#: clock, not this), and a wall-clock limit behind it.
CPU_LIMIT = 120
TIME_LIMIT = 600.0


def read_apart(data: bytes, lang: str) -> object:
    """What `reading.read_sheets_here(data)` returns, worked out in a child process."""
    try:
        done = subprocess.run(
            [sys.executable, "-P", "-m", "dashboard.importing.read_worker", lang],
            input=data,
            capture_output=True,
            timeout=TIME_LIMIT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise _too_slow(
            t(
                "Reading the workbook took more than {seconds} seconds, so it was stopped.",
                seconds=f"{TIME_LIMIT:.0f}",
            )
        ) from error
    if done.returncode == -signal.SIGXCPU:
        raise _too_slow(
            t(
                "Reading the workbook took more than {seconds} seconds of processor time, so "
                "it was stopped.",
                seconds=f"{CPU_LIMIT:.0f}",
            )
        )
    if done.returncode != 0 or not done.stdout:
        raise ImportFailure(
            t(
                "The workbook could not be read: the reader stopped on it (it is too large "
                "once unpacked, or damaged)."
            ),
            t(
                "Open it in Excel and save it again as .xlsx, or save the sheet to import as "
                "CSV UTF-8 and choose that."
            ),
        )
    outcome = pickle.loads(done.stdout)  # written by this module's own child, below
    if isinstance(outcome, ImportFailure):
        raise outcome
    return outcome


def _too_slow(said: str) -> ImportFailure:
    return ImportFailure(
        said,
        t(
            "Save the sheet to import as CSV UTF-8 and choose that, or split the rows into "
            "several files."
        ),
    )


def _limit(kind: int, ceiling: int) -> None:
    _soft, hard = resource.getrlimit(kind)
    resource.setrlimit(
        kind, (ceiling if hard == resource.RLIM_INFINITY else min(ceiling, hard), hard)
    )


def _limit_memory() -> None:
    _limit(resource.RLIMIT_AS, MEMORY_LIMIT)
    _limit(resource.RLIMIT_CPU, CPU_LIMIT)


def main() -> None:
    _limit_memory()
    lang = sys.argv[1] if len(sys.argv) > 1 else "en"
    data = sys.stdin.buffer.read()
    from dashboard.importing.reading import read_sheets_here

    with using(lang):
        try:
            outcome: object = read_sheets_here(data)
        except ImportFailure as failure:
            outcome = ImportFailure(failure.message, failure.action)
        except MemoryError:
            sys.exit(3)
    sys.stdout.buffer.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
