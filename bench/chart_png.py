"""Times a chart's PNG download in the warm renderer: the ranking chart and two shared charts,
3200 x 1800 with a wrapped two-line footer (run by hand, not CI; needs Chromium).

    .venv/bin/python bench/chart_png.py [--repeat 9]

Prints, for each chart, the median seconds of the whole PNG, of kaleido's drawing alone, of the
footer added to it, and of the footer added the way it was before (the image decoded and
encoded again), and the machine's load average (the figures are only comparable at a
similar load: the browser shares the machine's cores).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from PIL import Image

from dashboard.common import chart_images
from dashboard.common.charts import fit_width, heat_map, stacked_bars
from dashboard.prioritise import weighting
from dashboard.prioritise.figures import priority_figure

FOOTER = [
    "Filter: Sector: Health, Local government · Digitisation level: 0, 1, 2 · Challenge theme: "
    "Cyber security, Legacy systems · Weights: Reach 3, Digital gap 2, Pain 2, Data gaps 1, "
    "Cost 1; a missing part is estimated from the median of the matching services",
    "Source: bench (invented data) · Drawn 2026-12-06 21:00 UTC",
]
SERVICES = (
    "Apply for free school meals and school essentials grant",
    "Referral to a hospital specialist and waiting list",
    "Book your maternity care",
    "Apply for a licence (taxi, alcohol, street trading)",
    "Join the housing register",
)
ORGANISATIONS = ("Betsi Cadwaladr University Health Board", "Cyngor Gwynedd", "Cardiff Council")


def ranking() -> go.Figure:
    rows = 15
    top = pd.DataFrame(
        {
            "Rank": range(1, rows + 1),
            "Code": [f"S{i}" for i in range(rows)],
            "Service": [SERVICES[i % len(SERVICES)] for i in range(rows)],
            "Organisation": [ORGANISATIONS[i % len(ORGANISATIONS)] for i in range(rows)],
            "Score": [0.8 - 0.01 * i for i in range(rows)],
            "_estimated": [1 if i % 3 == 0 else 0 for i in range(rows)],
        }
    )
    for number, code in enumerate(weighting.CODES):
        top[f"{weighting.NAMES[code]} contribution"] = [0.05 + 0.02 * number] * rows
    return priority_figure(top, dict(weighting.DEFAULT_WEIGHTS), ranked=402)


def stacked() -> go.Figure:
    table = pd.DataFrame(
        {level: [10 + 3 * i + level for i in range(8)] for level in range(5)},
        index=[f"Organisation number {i}" for i in range(8)],
    )
    return stacked_bars(table, "Services by digitisation level", subtitle="Counts")


def heat() -> go.Figure:
    table = pd.DataFrame(
        [[(r * 7 + c * 3) % 10 / 10 for c in range(6)] for r in range(10)],
        index=[f"Challenge theme {r}" for r in range(10)],
        columns=[f"Standard {c}" for c in range(6)],
    )
    return heat_map(table, "Challenges by standard", subtitle="Share of services")


def reencoded(png: bytes) -> bytes:
    """The footer the way it was added before: the chart decoded, pasted and encoded again
    (the strip left blank: only the cost matters here)."""
    chart = Image.open(io.BytesIO(png))
    framed = Image.new("RGB", (chart.width, chart.height + 124), "white")
    framed.paste(chart.convert("RGB"), (0, 0))
    out = io.BytesIO()
    framed.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def median(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    problem = chart_images.renderer_problem()
    if problem:
        raise SystemExit(problem)
    chart_images.start_renderer()
    strip = chart_images.footer_height(chart_images.footer_rows(FOOTER, chart_images.WIDTH))
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"median of {args.repeat} warm runs, seconds\n")
    print(f"{'chart':<24} {'PNG':>6} {'drawing':>8} {'footer':>7} {'re-encoded':>11}")
    for name, make in (
        ("ranking (Prioritise)", ranking),
        ("stacked bars", stacked),
        ("heat map", heat),
    ):
        fig = fit_width(make(), chart_images.WIDTH)
        png = chart_images.figure_png(fig, FOOTER)  # warm this chart's path once
        whole = median(lambda fig=fig: chart_images.figure_png(fig, FOOTER), args.repeat)
        drawing = median(
            lambda fig=fig: pio.to_image(
                fig,
                format="png",
                width=chart_images.WIDTH,
                height=chart_images.HEIGHT - strip,
                scale=chart_images.SCALE,
                validate=False,
            ),
            args.repeat,
        )
        chart = pio.to_image(
            fig,
            format="png",
            width=chart_images.WIDTH,
            height=chart_images.HEIGHT - strip,
            scale=chart_images.SCALE,
            validate=False,
        )
        footer = median(lambda chart=chart: chart_images.add_footer(chart, FOOTER), args.repeat)
        before = median(lambda chart=chart: reencoded(chart), args.repeat)
        assert len(png) > 20_000
        print(f"{name:<24} {whole:>6.2f} {drawing:>8.2f} {footer:>7.2f} {before:>11.2f}")
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
