"""Browser time to visually complete for each page, beside a bare Streamlit page with the same
number of charts and tables (run by hand; prints a table).

    .venv/bin/python bench/browser.py --url sqlite:////tmp/bench.sqlite3 [--repeat 5]

"Visually complete" is the last change to the page before it stays still for 2.5 s with
the script finished and every visible chart drawn, measured in the page from the start of
navigation (performance.now()). Every figure is the median of --repeat fresh page loads in a
new browser context, after one warm-up visit (data caches loaded, as for every visitor after
the first); the page and the bare page are loaded in turn.

The bare page draws the same charts: the warm-up visit takes each visible chart's figure as the
browser holds it, and the bare page draws those figures, with as many tables of 1,000 rows,
and nothing else. So the ratio is what the page adds around its charts (filters, figures in
words, tables, downloads), not what plotly takes to draw a richer chart than a plain one.
`--floor plain` gives the older floor instead: the same number of plain 30-bar charts.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright  # noqa: E402

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    start_app,
    start_server,
)

PAGES = {
    "Overview": "/",
    "Service catalogue": "/catalogue",
    "Challenges and aims": "/themes",
    "Prioritise": "/prioritise",
    "Data availability": "/data-availability",
    "Technology landscape": "/technology",
    "Join up": "/join-up",
    "Prioritise by type": "/prioritise?rank_by=type",
    "Technology gaps by type": "/technology?topic=gaps&gap_by=type",
    "Map": "/map",
    "Organisation": "/organisation?org=cardiff",
    "Organisation with chosen peers": "/organisation?org=cardiff&peers=bridgend&peers=newport",
    "Trends": "/trends",
    "Present": "/present",
    "Survey": "/survey",
    "Data": "/data",
    "Accessibility statement": "/accessibility",
}
#: Plotly's bundle loads lazily after the first script run; a long quiet window makes sure
#: the charts have come (it does not add to the figure, which is the time of the last change).
QUIET_MS = 2500
WATCH = """
(() => {
  window.__lastChange = performance.now();
  new MutationObserver(() => { window.__lastChange = performance.now(); })
    .observe(document, {childList: true, subtree: true});
})();
"""
DONE = """
(quiet) => {
  const app = document.querySelector("[data-testid='stApp']");
  const main = document.querySelector("[data-testid='stMainBlockContainer']");
  if (!app || app.dataset.testScriptState !== "notRunning" || !main) return false;
  const charts = [...main.querySelectorAll("[data-testid='stPlotlyChart']")]
    .filter(c => c.offsetParent !== null);
  if (charts.some(c => !c.querySelector(".main-svg"))) return false;
  return performance.now() - window.__lastChange > quiet;
}
"""


#: Each visible chart's figure as the browser drew it (typed arrays as plain lists; the width
#: left out, as the bare page's column sets it).
FIGURES = """
() => [...document.querySelectorAll(
    "[data-testid='stMainBlockContainer'] [data-testid='stPlotlyChart'] .js-plotly-plot")]
  .filter(chart => chart.offsetParent !== null)
  .map(chart => JSON.parse(JSON.stringify(
    {data: chart.data, layout: {...chart.layout, width: undefined}},
    (key, value) => ArrayBuffer.isView(value) ? Array.from(value) : value)))
"""


def start_bare(figures: Path) -> tuple[subprocess.Popen, str]:
    log = Path(tempfile.mkdtemp()) / "bare.log"
    return start_server(
        ["streamlit", "run", str(ROOT / "bench" / "bare_page.py")],
        log,
        env={"BENCH_FIGURES": str(figures)},
    )


def visually_complete(page: Page, url: str) -> tuple[float, int, int]:
    """Milliseconds from navigation to the last visible change; and what was on screen."""
    page.add_init_script(WATCH)
    page.goto(url)
    page.wait_for_function(DONE, arg=QUIET_MS, polling=100, timeout=120_000)
    when = page.evaluate("window.__lastChange")
    charts = page.locator("[data-testid='stMainBlockContainer'] [data-testid='stPlotlyChart']")
    tables = page.locator("[data-testid='stMainBlockContainer'] [data-testid='stDataFrame']")
    visible = lambda loc: sum(1 for i in range(loc.count()) if loc.nth(i).is_visible())  # noqa: E731
    return when, visible(charts), visible(tables)


WINDOW: ViewportSize = {"width": 1440, "height": 1000}


def measure(browser: Browser, url: str, repeat: int) -> tuple[float, int, int]:
    times, counts = [], (0, 0)
    for _ in range(repeat):
        context = browser.new_context(viewport=WINDOW)
        page = context.new_page()
        when, charts, tables = visually_complete(page, url)
        times.append(when)
        counts = (charts, tables)
        context.close()
    return statistics.median(times), *counts


def warm_up(browser: Browser, url: str) -> tuple[int, int, list[dict]]:
    """One visit that fills the shared caches; what it showed, and its charts' figures."""
    context = browser.new_context(viewport=WINDOW)
    page = context.new_page()
    _, charts, tables = visually_complete(page, url)
    figures = page.evaluate(FIGURES)
    context.close()
    return charts, tables, figures


def measure_pair(
    browser: Browser, url: str, bare: str, repeat: int
) -> tuple[float, float, int, int]:
    """The page and the bare page loaded in turn, so a machine that gets busier or quieter
    during the run weighs on both alike; medians of each."""
    page_times: list[float] = []
    bare_times: list[float] = []
    charts = tables = 0
    for _ in range(repeat):
        took, charts, tables = measure(browser, url, 1)
        page_times.append(took)
        bare_times.append(measure(browser, bare, 1)[0])
    return statistics.median(page_times), statistics.median(bare_times), charts, tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the store to serve (DATABASE_URL)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--pages", default="", help="only these pages (comma-separated names, e.g. 'Overview')"
    )
    parser.add_argument(
        "--window", default="1440x1000", help="the browser window, e.g. 1920x1080 (a projector)"
    )
    parser.add_argument(
        "--floor",
        choices=["same", "plain"],
        default="same",
        help="the bare page draws the page's own figures (same) or plain bar charts (plain)",
    )
    args = parser.parse_args()
    width, height = (int(part) for part in args.window.split("x"))
    WINDOW["width"], WINDOW["height"] = width, height
    wanted = [name.strip().lower() for name in args.pages.split(",") if name.strip()]
    figures_folder = Path(tempfile.mkdtemp())
    app, base = start_app(args.url, Path(tempfile.mkdtemp()) / "app.log")
    bare, bare_base = start_bare(figures_folder)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            floor = "the same figures" if args.floor == "same" else "plain bar charts"
            print(f"store: {args.url}; bare page with {floor}; median of {args.repeat} loads, ms\n")
            print("| page | charts | tables | page (ms) | bare page (ms) | ratio |")
            print("|---|---|---|---|---|---|")
            for name, path in PAGES.items():
                if wanted and name.lower() not in wanted:
                    continue
                # warm-up: the shared caches fill; the counts of charts and tables, the figures
                charts, tables, figures = warm_up(browser, base + path)
                bare_url = f"{bare_base}/?charts={charts}&tables={tables}&rows=1000"
                if args.floor == "same":
                    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
                    (figures_folder / f"{slug}.json").write_text(json.dumps(figures))
                    bare_url += f"&figures={slug}"
                measure(browser, bare_url, 1)
                took, floor, charts, tables = measure_pair(
                    browser, base + path, bare_url, args.repeat
                )
                print(
                    f"| {name} | {charts} | {tables} | {took:.0f} | {floor:.0f} | "
                    f"{took / floor:.2f} |"
                )
            browser.close()
    finally:
        for process in (app, bare):
            process.terminate()
            process.wait(timeout=10)


if __name__ == "__main__":
    main()
