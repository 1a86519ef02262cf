"""Times the scale generator on a throwaway store and prints a table (run by hand, not in CI).

.venv/bin/python bench/generate.py                       # SQLite, 1k / 10k / 100k
.venv/bin/python bench/generate.py --url postgresql://postgres@127.0.0.1:5432/test_bench
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

from db import migrate
from db.demo.build import generate
from db.engine import make_engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="store to use (default: a temporary SQLite file)")
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    print(f"store: {engine.url.render_as_string(hide_password=True)}")
    print(f"{'services':>9} {'seconds':>8} {'metric rows':>12} {'journeys':>9} {'rows/s':>9}")
    for size in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        summary = generate(engine, size)
        seconds = time.perf_counter() - started
        with engine.connect() as connection:
            rows = sum(
                connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar() or 0
                for table in (
                    "service",
                    "service_user_type",
                    "service_channel",
                    "metric_answer",
                    "service_theme",
                    "standard_assessment",
                    "journey",
                )
            )
        print(
            f"{size:>9,} {seconds:>8.1f} {summary.metric_answers:>12,} "
            f"{summary.journeys:>9,} {rows / seconds:>9,.0f}"
        )
    engine.dispose()


if __name__ == "__main__":
    main()
