"""Load test: N real browser sessions on one app server (or several behind nginx), each
changing the filter for a while.

    .venv/bin/python bench/load.py                      # 50 sessions, 120 s, the demo data
    .venv/bin/python bench/load.py --sessions 10 --seconds 30 --url sqlite:////tmp/bench.sqlite3
    .venv/bin/python bench/load.py --processes 2 --sessions 100 --seconds 60

`--processes 2` (or more) deploys as compose.yaml does, without containers (tests/proxy.py):
a fresh PostgreSQL database on the test server (TEST_DATABASE_URL, default the local one; or
`--url postgresql://...`, upgraded and given the demo data if empty), that many `landscape
serve` processes on it, and Debian's nginx in front with the project's configuration
(deploy/nginx/landscape.conf.template): sticky sessions, over HTTPS. Every session goes
through nginx, which spreads new browsers over the processes; the script reports how many
landed on each, each process's memory (now and its peak, VmHWM) and the time from a change
to the end of its rerun, per process.

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
import contextlib
import math
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import Page, sync_playwright

from bench.timing import load_average
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_app, stop

SECTOR_NAMES = ("Health", "Local authority", "Central government", "Third sector", "Arm's")
SEARCHES = ("permit", "school", "appointment", "bin", "licence", "care", "tax", "", "gwasanaeth")
PAGES = ("", "/catalogue", "/themes", "/data-availability", "/prioritise")


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of a server process, from /proc: now (VmRSS) or its peak (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Servers:
    """Where the sessions go, the server processes behind it, and their logs."""

    base: str
    pids: list[int]
    logs: list[Path]
    #: which of `pids` a browser context landed on (None: there is only one)
    landing: object = None


def memory_line(pids: list[int]) -> str:
    return ", ".join(f"process {n + 1}: {rss_mb(pid):.0f} MB" for n, pid in enumerate(pids))


@contextlib.contextmanager
def one_server(url: str | None) -> Iterator[Servers]:
    """One app server on `url`, or on a fresh demo SQLite store."""
    if url is None:
        from db import migrate
        from db.demo.build import load_demo
        from db.engine import make_engine

        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'load.sqlite3'}"
        migrate.upgrade(url)
        load_demo(make_engine(url))
    log = Path(tempfile.mkdtemp()) / "server.log"
    server, base = start_app(url, log)
    try:
        yield Servers(base, [server.pid], [log])
    finally:
        stop(server)


@contextlib.contextmanager
def behind_proxy(url: str | None, processes: int) -> Iterator[Servers]:
    """`processes` servers on one PostgreSQL database behind nginx (tests/proxy.py)."""
    from sqlalchemy import text

    from db.engine import make_engine, normalise_url
    from tests.conftest import scratch_database
    from tests.proxy import ROUTE_COOKIE, behind_nginx, one_shot
    from tests.serving import environment

    folder = Path(tempfile.mkdtemp())
    with contextlib.ExitStack() as stack:
        if url is None:
            server = normalise_url(
                os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
            )
            url = stack.enter_context(scratch_database(server, "landscape_load"))
        commands = environment(f"load-setup-{os.getpid()}", DATABASE_URL=url)
        one_shot(["db", "upgrade"], folder, commands)  # compose's one-shot `migrate`
        engine = make_engine(url)
        with engine.connect() as connection:
            empty = not connection.execute(text("SELECT COUNT(*) FROM service")).scalar()
        engine.dispose()
        if empty:
            one_shot(["demo", "load"], folder, commands)
        with behind_nginx(url, folder, processes) as topology:

            def landing(context) -> int:  # type: ignore[no-untyped-def]
                route = next(c["value"] for c in context.cookies() if c["name"] == ROUTE_COOKIE)
                return topology.app_ports.index(topology.port_of(route))

            print(f"nginx at {topology.url} in front of ports {topology.app_ports}")
            yield Servers(topology.url, topology.app_pids, topology.logs, landing)


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
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="app processes: 1 serves directly; 2 or more run on PostgreSQL behind nginx",
    )
    parser.add_argument(
        "--url",
        help="store to serve (default: a fresh demo SQLite store; with --processes 2 or more, "
        "a fresh PostgreSQL database on TEST_DATABASE_URL's server)",
    )
    parser.add_argument(
        "--timed",
        type=int,
        default=20,
        help="sessions whose rerun is timed one at a time, before the soak",
    )
    parser.add_argument(
        "--join",
        choices=("one by one", "together"),
        default="one by one",
        help="sessions open one after another (each first run done), or all without waiting",
    )
    args = parser.parse_args()
    servers = behind_proxy(args.url, args.processes) if args.processes > 1 else one_server(args.url)
    with servers as running:
        return run(running, args)


def run(servers: Servers, args: argparse.Namespace) -> int:
    """The sessions' work against running servers; the figures printed; 1 on any error."""
    base, pids = servers.base, servers.pids
    errors: list[str] = []
    reruns = [0] * args.sessions
    landed = [0] * args.sessions
    rerun_seconds: dict[int, list[float]] = {n: [] for n in range(len(pids))}
    print(f"server pids {pids}; {args.sessions} sessions for {args.seconds:.0f} s")
    print(f"load average at start: {load_average()}")
    print(f"memory at start: {memory_line(pids)}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )

        def new_context():  # type: ignore[no-untyped-def]
            return browser.new_context(
                viewport={"width": 1280, "height": 900}, ignore_https_errors=True
            )

        # every page once in a throwaway session per process first: the shared frames each
        # page loads once per data version are then in memory, so what grows as sessions
        # join is what the sessions themselves hold
        warmed: set[int] = set()
        for _ in range(40):
            warm = new_context().new_page()
            warm.set_default_timeout(120_000)
            warm.goto(base + "/_stcore/health")
            where = servers.landing(warm.context) if callable(servers.landing) else 0
            if where not in warmed:
                for path in PAGES:
                    warm.goto(base + path)
                    warm.get_by_label("Search services").wait_for()
                    settle(warm)
                warmed.add(where)
            warm.context.close()
            if len(warmed) == len(pids):
                break
        print(f"memory after one visit to every page: {memory_line(pids)}")
        pages = []
        joined_at: dict[int, list[float]] = {}
        join_seconds: list[float] = []
        for number in range(args.sessions):
            context = new_context()
            page = context.new_page()
            page.set_default_timeout(60_000)
            opened = time.monotonic()
            page.goto(base + PAGES[number % len(PAGES)])
            page.get_by_label("Search services").wait_for()
            if callable(servers.landing):
                landed[number] = servers.landing(context)
            if args.join == "one by one":
                settle(page)  # as people arrive: each first run ends before the next starts
                join_seconds.append(time.monotonic() - opened)
            pages.append(page)
            joined = number + 1
            if joined in (1, 10, 25, 50) or joined == args.sessions:
                # what the sessions hold once they are idle, not the passing peak of runs
                # that happen to overlap while they open
                for each in pages:
                    settle(each)
                time.sleep(3)
                joined_at[joined] = [rss_mb(pid) for pid in pids]
                print(f"memory with {joined:>3} sessions: {memory_line(pids)}")
        if len(pids) > 1:
            spread = Counter(landed)
            print(
                "sessions per process: "
                + ", ".join(f"process {n + 1}: {spread[n]}" for n in range(len(pids)))
            )
        if len(joined_at) >= 2:
            first, last = min(joined_at), max(joined_at)
            added = sum(joined_at[last]) - sum(joined_at[first])
            print(f"memory per added session: {added / max(last - first, 1):.1f} MB")
        if join_seconds:
            print(
                f"first page of a session (open to drawn): median {statistics.median(join_seconds):.1f} s, "
                f"slowest {max(join_seconds):.1f} s"
            )

        # a rerun's time with every session connected: one session at a time changes the
        # filter and waits for its rerun to end (no other run in flight), spread over the
        # sessions (and so the processes)
        rng = random.Random(7)
        kinds: Counter[str] = Counter()
        step = max(1, len(pages) // max(args.timed, 1))
        for number in range(0, len(pages), step)[: args.timed]:
            page = pages[number]
            try:
                settle(page)
                began = time.monotonic()
                kinds[change(page, rng)] += 1
                settle(page)
                rerun_seconds[landed[number]].append(time.monotonic() - began)
                reruns[number] += 1
            except Exception as error:  # every failure is reported
                errors.append(f"timed, session {number}: {str(error).splitlines()[0][:200]}")

        # Playwright's sync API is single-threaded, so each round first fires a change in
        # every session (all reruns in flight at once on the servers), then waits for each
        started = time.monotonic()
        samples: list[tuple[float, list[float]]] = []
        rounds: list[float] = []
        next_sample = started
        while time.monotonic() - started < args.seconds:
            fired = time.monotonic()
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
            rounds.append(time.monotonic() - fired)
            if time.monotonic() >= next_sample:
                samples.append((time.monotonic() - started, [rss_mb(pid) for pid in pids]))
                next_sample += 10
        print(
            f"soak: {len(rounds)} round(s) of a change in every session, each "
            + ", ".join(f"{r:.0f} s" for r in rounds)
            + " (firing the changes included: Playwright drives the pages one after another)"
        )
        browser.close()
    print(
        "\nmemory over time (s, MB per process): "
        + ", ".join(f"{t:.0f}:{'/'.join(f'{m:.0f}' for m in ms)}" for t, ms in samples)
    )
    later = [ms for t, ms in samples if t >= 60] or [ms for _, ms in samples]
    for n, pid in enumerate(pids):
        if later:
            values = [ms[n] for ms in later]
            print(
                f"process {n + 1} (pid {pid}): after the first minute min {min(values):.0f} MB, "
                f"max {max(values):.0f} MB; peak resident (VmHWM) {rss_mb(pid, 'VmHWM'):.0f} MB"
            )
        waits = sorted(rerun_seconds[n])
        if waits:
            print(
                f"process {n + 1}: a change to the end of its rerun, one session at a time "
                f"with every session connected: median {statistics.median(waits):.2f} s, "
                f"90th percentile {waits[max(0, math.ceil(0.9 * len(waits)) - 1)]:.2f} s, "
                f"slowest {waits[-1]:.2f} s ({len(waits)} reruns)"
            )
    print(
        f"reruns: {sum(reruns):,} in all, median {statistics.median(reruns):.0f} per "
        f"session, every session at least {min(reruns)}"
    )
    print("changes made: " + ", ".join(f"{n:,} {kind}" for kind, n in kinds.most_common()))
    print(f"load average at the end: {load_average()}")
    print(f"errors: {len(errors)}")
    for line in errors[:20]:
        print("  " + line)
    server_errors = [
        line
        for log in servers.logs
        for line in log.read_text().splitlines()
        if "Traceback" in line or "Error" in line
    ]
    print(f"server log errors: {len(server_errors)}")
    for line in server_errors[:10]:
        print("  " + line)
    return 1 if errors or server_errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
