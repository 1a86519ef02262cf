"""Times the Map page and its figures (run by hand, not CI).

    DATABASE_URL=sqlite:////tmp/map100k.sqlite3 .venv/bin/landscape generate --services 100000
    DATABASE_URL=sqlite:////tmp/map100k.sqlite3 .venv/bin/python bench/map.py

Prints, in milliseconds (median of --repeat runs): the per-service facts worked out once per
data version (`figures.service_inputs`, shared by every session); for each filter and
measure, a layer's figures from them (`figures.map_view`: what a filter or measure change
costs) and the figure built from those (`charts.map_figure`); the map's PNG, warm; then the
page through AppTest: a warm rerun, a change of measure, a switch to the health boards and
the choice of an area (each from a session that has the page open). The load average is
printed beside them: on a busy machine every figure is slower.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from dashboard.common import chart_images
from dashboard.common.filters import Filter, match
from dashboard.common.i18n import using
from dashboard.common.queries import (
    load_memberships,
    load_metric_answers,
    load_services,
    load_survey_progress,
)
from dashboard.map.charts import map_figure
from dashboard.map.figures import MEASURES, map_view, service_inputs
from dashboard.serving.launch import navigation_only_in_apptest
from db.engine import get_engine

APP = str(Path(__file__).resolve().parents[1] / "app.py")
FILTERS = {
    "every service": Filter(),
    "councils": Filter(sectors=("local_authority",)),
    "level 0 to 2": Filter(level_min=0, level_max=2),
    "text 'permit'": Filter(text="permit"),
}


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def _page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300)
    at.run()
    at.switch_page("pages/map.py").run()
    if at.exception:
        raise SystemExit(f"the page raised: {at.exception[0].message}")
    return at


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    engine = get_engine()
    services = load_services(engine)
    answers = load_metric_answers(engine)
    memberships = load_memberships(engine)
    surveys = load_survey_progress(engine)
    print(f"store: {engine.url.render_as_string(hide_password=True)}")
    print(f"services: {len(services):,}; median of {args.repeat} runs, milliseconds")
    print(f"load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())}\n")
    inputs = service_inputs(services, answers, memberships, surveys)
    once = median_ms(lambda: service_inputs(services, answers, memberships, surveys), args.repeat)
    print(f"{'inputs, once per data version':<40} {once:8.1f}\n")
    challenge = max(inputs.challenge_ids, key=lambda code: len(inputs.challenge_ids[code]))
    print(f"{'filter':<16} {'measure':<10} {'layer':<9} {'figures':>8} {'figure':>8}")
    with using("en"):
        for name, flt in FILTERS.items():
            mask = match(services, memberships, flt)
            for measure in MEASURES:
                for layer in ("councils", "boards"):
                    chosen = challenge if measure == "challenge" else ""
                    view = map_view(inputs, mask, measure, layer, chosen)
                    figures = median_ms(
                        lambda m=mask, ms=measure, ly=layer, c=chosen: map_view(
                            inputs, m, ms, ly, c
                        ),
                        args.repeat,
                    )
                    drawing = median_ms(lambda v=view: map_figure(v), args.repeat)
                    print(f"{name:<16} {measure:<10} {layer:<9} {figures:8.1f} {drawing:8.1f}")
        fig = map_figure(
            map_view(inputs, np.ones(len(services), dtype=bool), "digital", "councils")
        )
        chart_images.figure_png(fig, ["Filter: none"])  # starts the renderer (once a process)
        png = median_ms(
            lambda: chart_images.figure_png(
                fig.update_layout(title_text=f"{time.perf_counter()}"), ["Filter: none"]
            ),
            args.repeat,
        )
    print(f"\n{'PNG of the map, warm (a new drawing)':<40} {png:8.1f}")

    navigation_only_in_apptest()
    _page()  # loads the frames into the shared caches
    steps: dict[str, Callable[[AppTest], object]] = {
        "page, warm rerun": lambda at: at.run(),
        "page, measure: gives a key figure": lambda at: (
            at.selectbox(key="map_measure").set_value("figure").run()
        ),
        "page, areas: health boards": lambda at: (
            at.segmented_control(key="map_layer").set_value("boards").run()
        ),
        "page, choose Cardiff": lambda at: (
            at.selectbox(key="map_area").set_value("W06000015").run()
        ),
    }
    print()
    for name, step in steps.items():
        times = []
        for _ in range(args.repeat):
            at = _page()
            started = time.perf_counter()
            step(at)
            times.append(time.perf_counter() - started)
            if at.exception:
                raise SystemExit(f"{name} raised: {at.exception[0].message}")
        print(f"{name:<40} {statistics.median(times) * 1000:8.1f}")
    print(f"\nload average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
