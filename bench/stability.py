"""How long the Prioritise stability check takes (re-scoring under each single weight move),
on the demo set and on a generated national-scale catalogue; prints figures, asserts nothing."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

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


if __name__ == "__main__":
    sys.exit(main())
