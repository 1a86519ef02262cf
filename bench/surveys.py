"""Survey timings: one autosave (one answer, version-checked, merged) and the Overview's survey
progress for every matching service, on a generated catalogue of N services.

    .venv/bin/python bench/surveys.py --services 100000
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from dashboard.common import queries
from dashboard.surveys import links, responses, status
from db import migrate
from db.demo.build import generate
from db.engine import make_engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--url", default=None, help="a database URL (default: temporary SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        migrate.upgrade(url)
        engine = make_engine(url)
        generate(engine, services=args.services)
        services = queries.load_services(engine)
        code = str(services.loc[~services["is_deep_dive"], "code"].iloc[0])
        response_id = responses.ensure_response(engine, code, "generalist")
        access = links.resolve(
            engine, links.create_link(engine, response_id, links.OWNER, "Bench", "bench")
        )
        base = responses.load_response(engine, access)
        saves = []
        for round_ in range(30):
            started = time.perf_counter()
            base = responses.save_answers(
                engine, access, response_id, {"user_need": f"Need {round_}"}, base.version, {}
            )
            saves.append(time.perf_counter() - started)
        progress = queries.load_survey_progress(engine)
        started = time.perf_counter()
        for _ in range(10):
            status.progress_counts(services.index, progress)
            status.started_surveys(services, progress)
        overview = (time.perf_counter() - started) / 10
        print(f"{args.services:,} services, {len(progress)} started surveys")
        print(
            f"autosave of one answer: median {statistics.median(saves) * 1000:.0f} ms,"
            f" max {max(saves) * 1000:.0f} ms"
        )
        print(
            f"survey progress of every service (per filter, then cached): {overview * 1000:.0f} ms"
        )
        engine.dispose()


if __name__ == "__main__":
    main()
