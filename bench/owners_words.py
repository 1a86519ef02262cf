"""Times the owners' words (dashboard/themes/owners_words.py) on the store in DATABASE_URL, the
way the Challenges and aims page meets them (run by hand, not CI; prints figures):

    DATABASE_URL=sqlite:////tmp/b100k.sqlite3 .venv/bin/landscape generate --services 100000
    DATABASE_URL=sqlite:////tmp/b100k.sqlite3 .venv/bin/python bench/owners_words.py

The load and the index are once per data version for the whole server (shared caches); each
filter, theme and search after that is one call of `owners_words`, timed here without
Streamlit's cache (what a search no session has typed before costs). Medians of --repeat runs,
in seconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import TypeVar

import numpy as np

from dashboard.common import queries
from dashboard.common.filters import Filter, match
from dashboard.common.service_labels import ServiceLabels
from dashboard.themes import owners_words as words
from db.engine import get_engine

T = TypeVar("T")


def timed(action: Callable[[], T], repeat: int) -> tuple[float, T]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    engine = get_engine()
    services = queries.load_services(engine)
    members = queries.load_memberships(engine)
    themes = queries.load_themes(engine)
    labels = ServiceLabels.build(services)
    print(f"store: {engine.url.render_as_string(hide_password=True)}")
    print(f"services: {len(services):,}; median of {args.repeat} runs, seconds\n")

    seconds, loaded = timed(lambda: words.load_words(engine), args.repeat)
    print(f"{'Load every note and long answer':<58} {seconds:>7.3f}  ({len(loaded):,} rows)")
    seconds, index = timed(lambda: words.WordsIndex.build(services, loaded), args.repeat)
    print(f"{'Index them (positions, each distinct text folded)':<58} {seconds:>7.3f}")

    everyone = match(services, members, Filter())
    local = match(services, members, Filter(sectors=("local_authority",)))
    health = match(services, members, Filter(sectors=("health",)))
    cases: list[tuple[str, np.ndarray, str, str | None, str]] = [
        ("Every challenge quote, no filter", everyone, "challenge", None, ""),
        ("Every challenge quote, local authorities", local, "challenge", None, ""),
        ("One theme, local authorities", local, "challenge", "recruiting_developers", ""),
        ("Search 'contract', no filter", everyone, "challenge", None, "contract"),
        ("Search 'siwr' (finds siŵr), health", health, "challenge", None, "siwr"),
        ("Search that finds nothing, no filter", everyone, "challenge", None, "zebra crossing"),
    ]
    for name, mask, kind, theme, search in cases:
        seconds, listed = timed(
            partial(words.owners_words, index, labels, themes, mask, kind, theme, search),
            args.repeat,
        )
        print(f"{name:<58} {seconds:>7.3f}  ({listed.counts.sentence})")


if __name__ == "__main__":
    main()
