"""Import speed at scale: a CSV of N generated services read, checked and written, then the
same file again (nothing changes), then a changed file (every row updates).

    .venv/bin/python bench/import_speed.py                       # temporary SQLite file
    .venv/bin/python bench/import_speed.py --url postgresql://postgres@127.0.0.1:5432/landscape_bench

The services come from the scale generator (`landscape generate`) in a source store, are
exported in the importer's columns, and imported into an empty store (organisations first).

Then a wide period file: one row per service, a volume column per financial year ("April
2011 to March 2012: volume", ...; `--periods`, 10 by default), some cells "[not provided]",
figures written with thousands separators; each figure becomes one metric answer. It is
imported twice in the services' order (first import, then the same file again), then once with
its rows shuffled (`wide periods, rows shuffled`): nothing changes, but the rows reach the store
in no useful order, as a file sorted by name would.

Each line gives the wall seconds of read, check and write, the CPU seconds of this process (on
PostgreSQL the server's own CPU is not in them) and the load average (1 minute) when the step
ended: the machine is shared, so compare figures taken at a like load.

    .venv/bin/python bench/import_speed.py --wide-only           # services once, then the wide file
    .venv/bin/python bench/import_speed.py --source /tmp/source.sqlite3   # a store generated before

`--source` takes a SQLite store `landscape generate` (or an earlier run of this script, whose
folder is printed) filled with the same number of services, and skips generating them: on a
loaded machine the generator takes longer than the imports.
"""

from __future__ import annotations

import argparse
import io
import os
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.importing import export, pipeline
from dashboard.importing.reading import read_upload
from db import migrate
from db.demo.build import generate, reset
from db.engine import make_engine


def timed(label: str, engine: Engine, name: str, data: bytes) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    upload = read_upload(name, data)
    read = time.perf_counter()
    job = pipeline.prepare(upload)
    checked = pipeline.check(engine, job)
    check = time.perf_counter()
    outcome = pipeline.run(engine, job, checked, "bench", via="cli")
    done = time.perf_counter()
    rows = sum(p.sheet.row_count for p in job.plans)
    print(
        f"{label:<28} {rows:>8,} rows  read {read - started:5.1f} s  check {check - read:5.1f} s"
        f"  write {done - check:5.1f} s  total {done - started:5.1f} s"
        f"  CPU {time.process_time() - cpu:5.1f} s  load {os.getloadavg()[0]:4.1f}"
        f"  ({outcome.summary()})",
        flush=True,
    )


def wide_periods_csv(codes: pd.Series, periods: int, shuffled: bool = False) -> bytes:
    """A wide period file: a service code column and a volume column per financial year (the
    same cells in another row order when `shuffled`)."""
    rng = np.random.default_rng(7)
    frame = pd.DataFrame({"Service code": codes.to_numpy()})
    for year in range(2011, 2011 + periods):
        volumes = rng.integers(100, 5_000_000, len(codes))
        cells = pd.Series([f"{v:,}" for v in volumes], dtype=object)
        cells[rng.random(len(codes)) < 0.05] = "[not provided]"
        frame[f"April {year} to March {year + 1}: volume"] = cells
    if shuffled:
        frame = frame.sample(frac=1.0, random_state=3)
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False)
    return buffer.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", help="An empty database to import into (default: SQLite)")
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--periods", type=int, default=10, help="Periods in the wide file")
    parser.add_argument(
        "--wide-only",
        action="store_true",
        help="Import the services once (the wide file needs them), then only the wide file",
    )
    parser.add_argument("--source", type=Path, help="A generated SQLite store to export from")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    print(f"folder: {folder}", flush=True)
    if args.source:
        source_url = f"sqlite:///{args.source}"
        migrate.upgrade(source_url)
        source = make_engine(source_url)
    else:
        source_url = f"sqlite:///{folder / 'source.sqlite3'}"
        migrate.upgrade(source_url)
        source = make_engine(source_url)
        generate(source, args.services, seed=11)
    frames = export.tables(source)
    services = export.csv_bytes(frames["services"])
    organisations = export.csv_bytes(frames["organisations"])
    changed = frames["services"].copy()
    changed["digitisation_level"] = (changed["digitisation_level"] + 1) % 5
    changed_csv = export.csv_bytes(changed)
    target_url = args.url or f"sqlite:///{folder / 'target.sqlite3'}"
    migrate.upgrade(target_url)
    target = make_engine(target_url)
    reset(target)
    print(f"store: {target.dialect.name}; services file {len(services) / 1e6:.1f} MB")
    timed("organisations", target, "organisations.csv", organisations)
    timed("services, first import", target, "services.csv", services)
    if not args.wide_only:
        timed("services, same file again", target, "services.csv", services)
        timed("services, every level changed", target, "services.csv", changed_csv)
    wide = wide_periods_csv(frames["services"]["code"], args.periods)
    print(f"wide period file: {args.periods} periods, {len(wide) / 1e6:.1f} MB")
    timed("wide periods, first import", target, "performance.csv", wide)
    timed("wide periods, same file again", target, "performance.csv", wide)
    shuffled = wide_periods_csv(frames["services"]["code"], args.periods, shuffled=True)
    timed("wide periods, rows shuffled", target, "performance.csv", shuffled)
    zipped = export.to_zip(target)
    print(f"full export (zip) of the target: {len(zipped) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
