"""The child's side of reading a workbook apart (`read_worker` starts it): it lowers its own
limits on memory and processor time, reads the workbook from its standard input and writes
what it read, pickled, to its standard output.

    python -m dashboard.importing.read_child LANGUAGE CPU_SECONDS < workbook.xlsx > sheets.pickle
"""

from __future__ import annotations

import pickle
import resource
import sys

from dashboard.common.i18n import using
from dashboard.importing.problems import ImportFailure
from dashboard.importing.read_worker import CPU_LIMIT, MEMORY_LIMIT
from dashboard.importing.reading import read_sheets_here


def _limit(kind: int, ceiling: int) -> None:
    _soft, hard = resource.getrlimit(kind)
    resource.setrlimit(
        kind, (ceiling if hard == resource.RLIM_INFINITY else min(ceiling, hard), hard)
    )


def _limit_memory_and_time(cpu_seconds: int) -> None:
    _limit(resource.RLIMIT_AS, MEMORY_LIMIT)
    _limit(resource.RLIMIT_CPU, cpu_seconds)
    # running out of processor time (SIGXCPU) or aborting dumps core by default: a reader
    # stopped on a crafted file must not leave gigabytes of core file on the server's disk
    _limit(resource.RLIMIT_CORE, 0)


def main() -> None:
    cpu_seconds = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else CPU_LIMIT
    _limit_memory_and_time(max(1, cpu_seconds))
    lang = sys.argv[1] if len(sys.argv) > 1 else "en"
    data = sys.stdin.buffer.read()

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
