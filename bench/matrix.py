"""Server time of every page at 1,000, 10,000 and 100,000 services on SQLite and PostgreSQL
(run by hand, not CI; prints one table).

    .venv/bin/python bench/matrix.py                              # every size, both stores
    .venv/bin/python bench/matrix.py --sizes 1000 --stores sqlite --repeat 3

For each store and size it generates a catalogue into a throwaway store (a temporary SQLite
file, or a database it creates and drops on the PostgreSQL server at --postgres), then, in a
fresh Python process with DATABASE_URL pointing at it, times each page through Streamlit's
AppTest (real widgets, the real app):

- cold: the first run of the page after a data change (the data version is moved on, as any
  import or survey submission does, so every shared cache reloads from the store);
- warm: a rerun of the page with the same filter (what every click that changes nothing on
  the page costs);
- filter: choosing a sector on the page that no session has asked for since the data changed
  (the per-filter views are worked out afresh from the loaded frames, with no database read);
- filter again: choosing a sector another session has already asked for (shared result).

Medians of --repeat runs, in seconds. AppTest adds its own cost to each run; the table's last
row is an empty script's rerun, to subtract by eye.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = {
    "Overview": None,
    "Service catalogue": "pages/catalogue.py",
    "Challenges and aims": "pages/themes.py",
    "Prioritise": "pages/prioritise.py",
    "Data availability": "pages/availability.py",
    "Technology landscape": "pages/technology.py",
    "Present": "pages/present.py",
}
STEPS = ("cold", "warm", "filter", "filter again")


# -- inside the measuring process --------------------------------------------------------------


def measure(repeat: int, only: list[str]) -> dict[str, dict[str, float]]:
    """Time every page against the store in DATABASE_URL; {page: {step: seconds}}."""
    from sqlmodel import Session
    from streamlit.testing.v1 import AppTest

    from db.dataset import bump_data_version
    from db.engine import get_engine

    app = str(ROOT / "app.py")
    engine = get_engine()

    def opened(page: str | None) -> AppTest:
        at = AppTest.from_file(app, default_timeout=600)
        at.run()
        if page:
            at.switch_page(page).run()
        if at.exception:
            raise SystemExit(f"{page or 'Overview'} raised: {at.exception[0].message}")
        return at

    def timed(action: Callable[[], object]) -> float:
        started = time.perf_counter()
        action()
        return time.perf_counter() - started

    def data_changed() -> None:
        with Session(engine) as session:
            bump_data_version(session)
            session.commit()

    opened(None)  # start-up costs (imports, chart renderer) are not any page's
    results: dict[str, dict[str, float]] = {}
    for name, page in PAGES.items():
        if only and name.lower() not in only:
            continue
        times: dict[str, list[float]] = {step: [] for step in STEPS}
        for _ in range(repeat):
            at = opened(page)
            data_changed()
            times["cold"].append(timed(at.run))
            times["warm"].append(timed(at.run))
            # the data version moved on, so no session has asked for this filter since: its
            # views are worked out afresh from the loaded frames (no database read)
            times["filter"].append(timed(at.multiselect(key="f_sectors").select("health").run))
            other = opened(page)
            times["filter again"].append(
                timed(other.multiselect(key="f_sectors").select("health").run)
            )
        results[name] = {step: statistics.median(values) for step, values in times.items()}
    empty = AppTest.from_string("import streamlit as st\nst.write('x')").run()
    results["AppTest's own rerun (empty script)"] = {
        "warm": statistics.median(timed(empty.run) for _ in range(repeat))
    }
    return results


# -- the driver ----------------------------------------------------------------------------------


def _generate(url: str, size: int) -> float:
    from db import migrate
    from db.demo.build import generate
    from db.engine import make_engine

    migrate.upgrade(url)
    engine = make_engine(url)
    started = time.perf_counter()
    generate(engine, size)
    engine.dispose()
    return time.perf_counter() - started


def _measured_in_child(url: str, repeat: int, pages: str) -> dict[str, dict[str, float]]:
    environment = {**os.environ, "DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--repeat", str(repeat), "--pages", pages],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"measuring {url} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _stores(names: list[str], postgres: str) -> dict[str, Callable[[], tuple[str, Callable]]]:
    from sqlalchemy import make_url, text

    from db.engine import make_engine

    def sqlite() -> tuple[str, Callable[[], None]]:
        folder = Path(tempfile.mkdtemp(prefix="landscape-bench-"))
        return f"sqlite:///{folder / 'bench.sqlite3'}", lambda: None

    def postgresql() -> tuple[str, Callable[[], None]]:
        name = f"landscape_bench_{uuid.uuid4().hex[:8]}"
        admin = make_engine(postgres, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))

        def drop() -> None:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()

        return make_url(postgres).set(database=name).render_as_string(hide_password=False), drop

    known = {"sqlite": sqlite, "postgres": postgresql}
    return {name: known[name] for name in names}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--stores", default="sqlite,postgres")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pages", default="", help="only these pages (comma-separated names)")
    parser.add_argument(
        "--url", help="measure this existing store instead of generating catalogues (one column)"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        from dashboard.serving.launch import navigation_only_in_apptest

        navigation_only_in_apptest()
        only = [name.strip().lower() for name in args.pages.split(",") if name.strip()]
        print(json.dumps(measure(args.repeat, only)))
        return

    sizes = [int(size) for size in args.sizes.split(",")]
    table: dict[tuple[str, int], dict[str, dict[str, float]]] = {}
    if args.url:
        from sqlalchemy import make_url, text

        from db.engine import make_engine

        with make_engine(args.url).connect() as connection:
            size = connection.execute(text("SELECT count(*) FROM service")).scalar_one()
        table[(make_url(args.url).get_backend_name(), size)] = _measured_in_child(
            args.url, args.repeat, args.pages
        )
    for store, make in ({} if args.url else _stores(args.stores.split(","), args.postgres)).items():
        for size in sizes:
            url, drop = make()
            try:
                seconds = _generate(url, size)
                print(f"{store} {size:,}: generated in {seconds:.1f} s; measuring", flush=True)
                table[(store, size)] = _measured_in_child(url, args.repeat, args.pages)
            finally:
                drop()
    print(f"\nmedian of {args.repeat}, seconds (cold / warm / filter / filter again)\n")
    columns = list(table)
    print("| page | " + " | ".join(f"{s} {n:,}" for s, n in columns) + " |")
    print("|---|" + "---|" * len(columns))
    for page in [*PAGES, "AppTest's own rerun (empty script)"]:
        if not any(page in table[column] for column in columns):
            continue
        cells = []
        for column in columns:
            steps = table[column].get(page, {})
            cells.append(" / ".join(f"{steps[s]:.2f}" for s in STEPS if s in steps))
        print(f"| {page} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
