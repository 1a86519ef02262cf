"""Times a chart's PNG download in the warm renderer: the ranking chart and two shared charts,
3200 x 1800 with a wrapped two-line footer (run by hand, not CI; needs Chromium).

    .venv/bin/python bench/chart_png.py [--repeat 9]

Prints, for each chart, the median seconds of the whole PNG now (a chart not drawn lately), of
its drawing in the warm page, of the footer added to it and of the same chart's PNG again (its
drawing kept, a new footer added); then the same the way it was before (kaleido's own sync
server, which reloads its page after every image, and the footer added by inflating the
chart's rows and deflating them again with the footer's), and the footer added the way it was
before that (the image decoded and encoded again). Now and before run in turn, in the same
minutes, each in its own warm Chromium, so they meet the same load; the machine's load
average is printed too (the browser shares the machine's cores).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import struct
import time
import warnings
import zlib
from collections.abc import Callable, Sequence

import kaleido
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
from PIL import Image

from dashboard.common import chart_images, png_rows
from dashboard.common.chart_browser import ChartBrowser
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


def drawn_before(fig: go.Figure, height: int) -> bytes:
    """The chart drawn the way it was before: kaleido's sync server (its page reloaded after
    every image, before the image is handed back)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The kopts argument", category=UserWarning)
        return pio.to_image(
            fig,
            format="png",
            width=chart_images.WIDTH,
            height=height,
            scale=chart_images.SCALE,
            validate=False,
        )


def footer_before(png: bytes, lines: Sequence[str]) -> bytes:
    """The footer added the way it was before: the chart's rows inflated, the strip's appended
    and the whole deflated once at level 1."""
    width = png_rows.header(png)[0]
    rows = chart_images.footer_rows(lines, width / chart_images.SCALE)
    strip = chart_images._strip(rows, width, chart_images.SCALE, alpha=True)
    height, stride = strip.height, width * 4
    pixels = strip.tobytes()
    added = b"".join(b"\x00" + pixels[r * stride : (r + 1) * stride] for r in range(height))
    data: list[bytes] = []
    position = 8
    while position < len(png):
        (size,) = struct.unpack(">I", png[position : position + 4])
        if png[position + 4 : position + 8] == b"IDAT":
            data.append(png[position + 8 : position + 8 + size])
        position += 12 + size
    stream = zlib.compress(zlib.decompress(b"".join(data)) + added, 1)
    size_ = struct.pack(">II", width, png_rows.header(png)[1] + height) + png[24:29]
    return b"".join(
        [
            png_rows.SIGNATURE,
            png_rows.chunk(b"IHDR", size_),
            png_rows.chunk(b"IDAT", stream),
            png_rows.chunk(b"IEND", b""),
        ]
    )


def reencoded(png: bytes) -> bytes:
    """The footer the way it was added before that: the chart decoded, pasted and encoded again
    (the strip left blank: only the cost matters here)."""
    chart = Image.open(io.BytesIO(png))
    framed = Image.new("RGB", (chart.width, chart.height + 124), "white")
    framed.paste(chart.convert("RGB"), (0, 0))
    out = io.BytesIO()
    framed.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def browser_seconds(root: int) -> float:
    """CPU seconds used so far by a browser's processes: `root` and every process under it."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry)] = int(fields[1])
            used[int(entry)] = (int(fields[11]) + int(fields[12])) / ticks
    tree, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grown = bool(more)
    return sum(used.get(pid, 0.0) for pid in tree)


def other_browser(mine: int) -> int:
    """kaleido's own server's browser: this process's other child (choreographer's launcher,
    with Chromium under it)."""
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) != mine:
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            if parent == os.getpid():
                return int(entry)
    raise SystemExit("kaleido's server has no browser")


class Timer:
    """Wall-clock seconds of each action, and CPU seconds (this process and one browser)."""

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}

    def time(self, label: str, action: Callable[[], object], browser: int | None = None) -> None:
        cpu = time.process_time() + (browser_seconds(browser) if browser else 0.0)
        started = time.perf_counter()
        action()
        self.wall.setdefault(label, []).append(time.perf_counter() - started)
        cpu = time.process_time() + (browser_seconds(browser) if browser else 0.0) - cpu
        self.cpu.setdefault(label, []).append(cpu)

    def median(self, label: str) -> float:
        return statistics.median(self.wall[label])

    def mean_cpu(self, label: str) -> float:
        return statistics.mean(self.cpu[label])


def first_png(fig: go.Figure) -> bytes:
    """The PNG of a chart not drawn lately (the charts kept are forgotten first)."""
    chart_images.drawn.clear()
    return chart_images.figure_png(fig, FOOTER)


def measure(fig: go.Figure, repeat: int, browser: ChartBrowser, before: int) -> Timer:
    """Every step now and before, in turn, `repeat` times."""
    scale, width = chart_images.SCALE, chart_images.WIDTH
    height = chart_images.HEIGHT - chart_images.footer_height(
        chart_images.footer_rows(FOOTER, width)
    )
    chart = browser.draw(fig.to_dict(), width, height, scale)
    steps: list[tuple[str, Callable[[], object], int | None]] = [
        ("PNG", lambda: first_png(fig), browser.pid),
        ("again", lambda: chart_images.figure_png(fig, FOOTER), None),
        ("PNG before", lambda: footer_before(drawn_before(fig, height), FOOTER), before),
        ("drawing", lambda: browser.draw(fig.to_dict(), width, height, scale), None),
        ("drawing before", lambda: drawn_before(fig, height), None),
        ("footer", lambda: chart_images.add_footer(chart, FOOTER), None),
        ("footer before", lambda: footer_before(chart, FOOTER), None),
        ("re-encoded", lambda: reencoded(chart), None),
    ]
    for _, action, _ in steps:  # warm each path once
        action()
    timer = Timer()
    for _ in range(repeat):
        for label, action, tree in steps:
            timer.time(label, action, tree)
    return timer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    problem = chart_images.renderer_problem()
    if problem:
        raise SystemExit(problem)
    browser = chart_images.start_renderer()
    kaleido.start_sync_server(path=chart_images.chromium_path(), mathjax=False)
    drawn_before(go.Figure(), 100)  # kaleido's browser is up
    before = other_browser(browser.pid)
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"median of {args.repeat} warm runs, seconds; now and before in turn; CPU: mean CPU "
        "seconds of a whole PNG, this process and its browser together\n"
    )
    print(
        f"{'':<22} {' now ':-^35}  {' before ':-^29}  {'before that':>11}\n"
        f"{'chart':<22} {'PNG':>5} {'CPU':>5} {'drawing':>8} {'footer':>7} {'again':>5}  "
        f"{'PNG':>5} {'CPU':>5} {'drawing':>8} {'footer':>7}  {'re-encoded':>11}"
    )
    for name, make in (
        ("ranking (Prioritise)", ranking),
        ("stacked bars", stacked),
        ("heat map", heat),
    ):
        fig = fit_width(make(), chart_images.WIDTH)
        png = chart_images.figure_png(fig, FOOTER)
        assert len(png) > 20_000 and Image.open(io.BytesIO(png)).size == (3200, 1800)
        timer = measure(fig, args.repeat, browser, before)
        m, cpu = timer.median, timer.mean_cpu
        print(
            f"{name:<22} {m('PNG'):>5.2f} {cpu('PNG'):>5.2f} {m('drawing'):>8.2f} "
            f"{m('footer'):>7.3f} {m('again'):>5.2f}  {m('PNG before'):>5.2f} {cpu('PNG before'):>5.2f} "
            f"{m('drawing before'):>8.2f} {m('footer before'):>7.3f}  {m('re-encoded'):>11.2f}"
        )
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")
    kaleido.stop_sync_server()
    chart_images.stop_renderer()


if __name__ == "__main__":
    main()
