"""Load test: N real browser sessions on one app server, each changing the filter for a while.

    .venv/bin/python bench/load.py                      # 50 sessions, 120 s, the demo data
    .venv/bin/python bench/load.py --sessions 10 --seconds 30 --url sqlite:////tmp/bench.sqlite3

Every session is a page in headless Chromium (Debian's, never downloaded) with its own
websocket to the server; it types searches, picks sectors, moves the level range, toggles
deep dives only and resets the filter through the real widgets (a random mix), waits
for each rerun to finish and looks for exception boxes. Prints the server's memory as sessions
join and over time, the reruns done, and every error; exits 1 if there was any error.
Loopback only, and bounded in time.

Sessions join one by one by default (each first script run ends before the next session
opens), so "memory per added session" is what a session holds; `--join together` opens them
without waiting, and the reading then includes the allocator's high-water mark from the runs
that overlapped.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import Page, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_app

SECTOR_NAMES = ("Health", "Local authority", "Central government", "Third sector", "Arm's")
SEARCHES = ("permit", "school", "appointment", "bin", "licence", "care", "tax", "", "gwasanaeth")
PAGES = ("", "/catalogue", "/themes", "/data-availability", "/prioritise")


def rss_mb(pid: int) -> float:
    """Resident memory of the server process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def settle(page: Page) -> None:
    page.wait_for_timeout(100)
    page.locator("[data-testid='stStatusWidgetRunningIcon']").wait_for(state="detached")


def change(page: Page, rng: random.Random) -> str:
    """One change to the filter through the real widgets, as a person makes it; fires the
    rerun without waiting for it. Returns what kind of change it was."""
    sidebar = page.get_by_test_id("stSidebar")
    kind = rng.choice(("search", "search", "sector", "level", "deep dives", "reset"))
    if kind == "search":
        search = sidebar.get_by_label("Search services")
        search.fill(rng.choice(SEARCHES))
        search.press("Enter")
    elif kind == "sector":
        box = sidebar.get_by_label("Sector", exact=True)
        box.click()
        box.press_sequentially(rng.choice(SECTOR_NAMES)[:6])
        box.press("Enter")  # the first option left by what was typed
        box.press("Escape")
    elif kind == "level":
        handle = sidebar.get_by_test_id("stSlider").get_by_role("slider").nth(rng.randrange(2))
        handle.focus()
        handle.press(rng.choice(("ArrowLeft", "ArrowRight")))
    elif kind == "deep dives":
        sidebar.get_by_text("Deep-dive services only").click()
    else:
        reset = sidebar.get_by_role("button", name="Reset filter")
        if reset.is_enabled():
            reset.click()
    return kind


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--url", help="store to serve (default: a fresh demo SQLite store)")
    parser.add_argument(
        "--join",
        choices=("one by one", "together"),
        default="one by one",
        help="sessions open one after another (each first run done), or all without waiting",
    )
    args = parser.parse_args()

    url = args.url
    if url is None:
        from db import migrate
        from db.demo.build import load_demo
        from db.engine import make_engine

        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'load.sqlite3'}"
        migrate.upgrade(url)
        load_demo(make_engine(url))
    log = Path(tempfile.mkdtemp()) / "server.log"
    server, base = start_app(url, log)
    errors: list[str] = []
    reruns = [0] * args.sessions
    try:
        print(f"server pid {server.pid}; {args.sessions} sessions for {args.seconds:.0f} s")
        print(f"memory at start: {rss_mb(server.pid):.0f} MB")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            # every page once in a throwaway session first: the shared frames each page loads
            # once per data version are then in memory, so what grows as sessions join is what
            # the sessions themselves hold
            warm = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            warm.set_default_timeout(120_000)
            for path in PAGES:
                warm.goto(base + path)
                warm.get_by_label("Search services").wait_for()
                settle(warm)
            warm.context.close()
            print(f"memory after one visit to every page: {rss_mb(server.pid):.0f} MB")
            pages = []
            joined_at: dict[int, float] = {}
            for number in range(args.sessions):
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.set_default_timeout(60_000)
                page.goto(base + PAGES[number % len(PAGES)])
                page.get_by_label("Search services").wait_for()
                if args.join == "one by one":
                    settle(page)  # as people arrive: each first run ends before the next starts
                pages.append(page)
                joined = number + 1
                if joined in (1, 10, 25, 50) or joined == args.sessions:
                    # what the sessions hold once they are idle, not the passing peak of runs
                    # that happen to overlap while they open
                    for each in pages:
                        settle(each)
                    time.sleep(3)
                    joined_at[joined] = rss_mb(server.pid)
                    print(f"memory with {joined:>2} sessions: {joined_at[joined]:.0f} MB")
            if len(joined_at) >= 2:
                first, last = min(joined_at), max(joined_at)
                per = (joined_at[last] - joined_at[first]) / max(last - first, 1)
                print(f"memory per added session: {per:.1f} MB")

            # Playwright's sync API is single-threaded, so each round first fires a change in
            # every session (all reruns in flight at once on the server), then waits for each
            rng = random.Random(7)
            kinds: Counter[str] = Counter()
            started = time.monotonic()
            samples: list[tuple[float, float]] = []
            next_sample = started
            while time.monotonic() - started < args.seconds:
                for page in pages:
                    try:
                        kinds[change(page, rng)] += 1
                    except Exception as error:  # every failure is reported
                        errors.append(f"change: {str(error).splitlines()[0][:200]}")
                for number, page in enumerate(pages):
                    try:
                        settle(page)
                        if page.get_by_test_id("stException").count():
                            raise RuntimeError("an exception box is on the page")
                        reruns[number] += 1
                    except Exception as error:  # every failure is reported
                        errors.append(f"session {number}: {str(error).splitlines()[0][:200]}")
                if time.monotonic() >= next_sample:
                    samples.append((time.monotonic() - started, rss_mb(server.pid)))
                    next_sample += 10
            browser.close()
        print("\nmemory over time (s, MB): " + ", ".join(f"{t:.0f}:{m:.0f}" for t, m in samples))
        later = [m for t, m in samples if t >= 60] or [m for _, m in samples]
        if later:
            print(
                f"after the first minute: min {min(later):.0f} MB, max {max(later):.0f} MB, "
                f"spread {max(later) - min(later):.0f} MB"
            )
        print(
            f"reruns: {sum(reruns):,} in all, median {statistics.median(reruns):.0f} per "
            f"session, every session at least {min(reruns)}"
        )
        print("changes made: " + ", ".join(f"{n:,} {kind}" for kind, n in kinds.most_common()))
        print(f"errors: {len(errors)}")
        for line in errors[:20]:
            print("  " + line)
        server_errors = [
            line for line in log.read_text().splitlines() if "Traceback" in line or "Error" in line
        ]
        print(f"server log errors: {len(server_errors)}")
        for line in server_errors[:10]:
            print("  " + line)
        return 1 if errors or server_errors else 0
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    raise SystemExit(main())
