"""Memory each open session holds, page by page: sessions opened one after another on one page.

    .venv/bin/python bench/session_memory.py --url sqlite:////tmp/b100k.sqlite3
    .venv/bin/python bench/session_memory.py --url ... --pages /catalogue --query "sector=health"

For every page, a fresh app server; one throwaway visit loads the shared frames, then
`--sessions` headless Chromium pages (Debian's, never downloaded) open the page one by one,
each first run ended before the next opens, and stay open. Prints the server's resident
memory after the first session, after a quarter of them and after the last, and the growth per
session added after that quarter (the first runs leave the allocator a high-water mark that
later sessions fill, so growth from the first session alone can even come out negative): what a
session keeps between its runs (its widgets' state, its last run's callbacks and whatever
they reference, its media files). `--query` adds a filter, so the page's frames are the
session's own filtered copies rather than the shared unfiltered ones.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from bench.load import rss_mb, settle
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_app

PAGES = ("/", "/catalogue", "/themes", "/data-availability", "/prioritise", "/present")


def one_page(url: str, path: str, query: str, sessions: int, quarter: int) -> list[float]:
    """Server memory (MB) with one session open, with `quarter` open and with `sessions`."""
    log = Path(tempfile.mkdtemp()) / "server.log"
    server, base = start_app(url, log)
    address = base + path + (f"?{query}" if query else "")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            readings: list[float] = []
            for number in range(sessions + 1):
                page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
                page.set_default_timeout(120_000)
                page.goto(address)
                page.get_by_label("Search services").wait_for()
                settle(page)
                if number == 0:
                    page.context.close()  # the throwaway visit: shared frames now loaded
                    continue
                if number in (1, quarter, sessions):
                    time.sleep(3)
                    readings.append(rss_mb(server.pid))
            browser.close()
        return readings
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the store to serve (DATABASE_URL)")
    parser.add_argument("--sessions", type=int, default=21)
    parser.add_argument("--pages", default=",".join(PAGES), help="URL paths, comma-separated")
    parser.add_argument("--query", default="", help='a filter for every page, e.g. "sector=health"')
    args = parser.parse_args()
    quarter = max(2, args.sessions // 4)
    print(
        f"{'page':<20} {'1 session':>10} {f'{quarter} sessions':>13} "
        f"{f'{args.sessions} sessions':>13} {'per session':>12}"
    )
    for path in args.pages.split(","):
        readings = one_page(args.url, path, args.query, args.sessions, quarter)
        first, middle, last = readings[0], readings[-2], readings[-1]
        per = (last - middle) / max(args.sessions - quarter, 1)
        print(
            f"{path:<20} {first:>7.0f} MB {middle:>10.0f} MB {last:>10.0f} MB {per:>9.1f} MB",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
