"""How long the People and roles lookup takes that a role gate makes for a person signed in with
the organisation's account (one primary-key read), on a store of 1,000 people.

    .venv/bin/python bench/roles.py [--url DATABASE_URL]

Without a URL it uses a throwaway SQLite store. Prints the median wall-clock and CPU
milliseconds of 2,000 lookups and the load average beside them.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
from pathlib import Path

from timing import load_average, timed

from dashboard.common.people import role_of, set_role
from db import migrate
from db.engine import make_engine

PEOPLE = 1_000
LOOKUPS = 2_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a store to use (its People and roles table is filled)")
    url = parser.parse_args().url
    with tempfile.TemporaryDirectory() as folder:
        url = url or f"sqlite:///{Path(folder) / 'roles.sqlite3'}"
        migrate.upgrade(url)
        engine = make_engine(url)
        for number in range(PEOPLE):
            set_role(f"person{number}@example.gov.wales", "data_steward", "bench", engine)
        people = itertools.cycle(f"person{n}@example.gov.wales" for n in range(PEOPLE))
        took = timed(lambda: role_of(next(people), engine), LOOKUPS)
        print(
            f"role lookup on {engine.dialect.name}, {PEOPLE:,} people: median "
            f"{took.wall_ms:.3f} ms wall, {took.cpu_ms:.3f} ms CPU ({LOOKUPS:,} lookups; "
            f"load average {load_average()})"
        )
        engine.dispose()


if __name__ == "__main__":
    main()
