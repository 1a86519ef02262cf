"""Times reading each service's latest metric answers with and without the latest yearly
figure beside them (what Prioritise's reach reads), on a generated store; prints seconds.

.venv/bin/python bench/yearly_figures.py                 # SQLite, 100,000 services
.venv/bin/python bench/yearly_figures.py --services 10000
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dashboard.common import queries
from dashboard.common.metric_periods import latest_answers, with_yearly_figures
from db import migrate
from db.demo.build import generate
from db.engine import make_engine


def _best(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    generate(engine, args.services)
    answers = queries.load_metric_answers_of_every_period(engine)
    print(f"{args.services:,} services, {len(answers):,} answers (best of {args.repeat})")
    print(
        f"latest answers only:          {_best(lambda: latest_answers(answers), args.repeat):.2f} s"
    )
    print(
        f"with the latest yearly figure: "
        f"{_best(lambda: with_yearly_figures(answers), args.repeat):.2f} s"
    )


if __name__ == "__main__":
    main()
