"""How long the Prioritise stability check takes (re-scoring under each single weight move),
on the demo set and on a generated national-scale catalogue; prints figures, asserts nothing."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.common.queries import load_memberships, load_metric_answers, load_services
from dashboard.prioritise import confidence, stability, weighting
from dashboard.prioritise import score as p
from db import migrate
from db.demo.build import load_demo
from db.engine import make_engine


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'demo.sqlite3'}"
        migrate.upgrade(url)
        engine = make_engine(url)
        load_demo(engine)
        services, members = load_services(engine), load_memberships(engine)
        parts = p.components(services, load_metric_answers(engine), members.themes)
        weights = weighting.DEFAULT_WEIGHTS
        started = time.perf_counter()
        check = stability.check(parts, weights, weighting.ESTIMATE)
        took = time.perf_counter() - started
        top = p.ranked(p.score(parts, weights), services, parts, top=15)
        print(f"services ranked: {len(parts)}; stability check: {took * 1000:.1f} ms")
        print(stability.sentence(check, stability.names_of(check, services)))
        print(confidence.top_sentence(top))
        ranked = p.score(parts, weights).table
        print(
            "levels over the whole ranking:",
            confidence.levels(ranked).value_counts().to_dict(),
        )
        engine.dispose()


def national_scale(n: int = 100_000) -> None:
    """The check against score() on random parts for `n` services (30% of parts unknown)."""
    rng = np.random.default_rng(1)
    parts = pd.DataFrame(
        {c: np.where(rng.random(n) < 0.3, np.nan, rng.random(n)) for c in weighting.CODES},
        index=pd.Index(range(1, n + 1), name="id"),
    )
    for missing in (weighting.ESTIMATE, weighting.KNOWN_ONLY):
        started = time.perf_counter()
        p.score(parts, weighting.DEFAULT_WEIGHTS, missing)
        scored = time.perf_counter() - started
        started = time.perf_counter()
        stability.check(parts, weighting.DEFAULT_WEIGHTS, missing)
        checked = time.perf_counter() - started
        print(
            f"{n:,} services, {missing}: one score() {scored * 1000:.0f} ms; "
            f"stability check (11 rankings) {checked * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
    national_scale()
    sys.exit(0)
