"""Crafted uploads against the import's bounds: for each file, accepted or refused, seconds,
and peak memory.

    .venv/bin/python bench/upload_bounds.py            # every file
    .venv/bin/python bench/upload_bounds.py --only csv # those whose name has "csv" in it

The files are made in a temporary folder (tests/crafted_files.py; none is kept): the cell at
the far corner of a sheet, a workbook of 4 MB that unpacks to 4 GiB, a 1 MB workbook holding
one 1 GiB shared string, a 47 MB CSV of one-character cells, a CSV of 20,000 columns, a sheet
whose cells carry no references (only the reader can tell its size), and two large files
within the bounds (a CSV and a workbook of about 2.9 million cells each) to show what an
accepted upload costs.

Each file is read, and when it is accepted its table checked (`pipeline.prepare` then
`validate` against no store), in a process of its own, so each peak is its own: "peak" is that
process's largest resident size, "reader" the largest of the workbook reader's child process
(`read_worker`), both from getrusage, with the CPU seconds both spent and the reader's own
(held to LANDSCAPE_READ_CPU_SECONDS, 30 by default; on a busy machine the wall-clock seconds
are mostly waiting for a core). The target: any accepted upload under 1 GB and 30 s on
the 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import crafted_files as crafted  # noqa: E402

GIB = 1024 * 1024 * 1024


def _accepted_csv() -> bytes:
    """About 580,000 organisations-like rows of five cells (2.9 million cells, ~40 MB)."""
    rng = random.Random(7)
    sectors = ["Local authority", "Health", "Third sector", "Central government"]
    lines = ["code,name_en,abbreviation,sector,org_type"]
    for i in range(580_000):
        name = "".join(rng.choices(string.ascii_lowercase, k=12))
        lines.append(f"o{i},Body {name},{name[:5].upper()},{rng.choice(sectors)},Charity")
    return ("\r\n".join(lines) + "\r\n").encode()


def _accepted_xlsx() -> bytes:
    """About 580,000 rows of five cells as inline strings with references (as Excel saves)."""
    rng = random.Random(7)
    sectors = ["Local authority", "Health", "Third sector", "Central government"]

    def cell(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    def sheet() -> Iterator[bytes]:
        yield (
            b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
            b'openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E580001"/>'
            b"<sheetData>"
        )
        header = ["code", "name_en", "abbreviation", "sector", "org_type"]
        rows = [
            f'<row r="1">{"".join(cell(f"{c}1", h) for c, h in zip("ABCDE", header, strict=True))}</row>'
        ]
        for i in range(2, 580_002):
            name = "".join(rng.choices(string.ascii_lowercase, k=12))
            values = [f"o{i}", f"Body {name}", name[:5].upper(), rng.choice(sectors), "Charity"]
            rows.append(
                f'<row r="{i}">'
                + "".join(cell(f"{c}{i}", v) for c, v in zip("ABCDE", values, strict=True))
                + "</row>"
            )
            if len(rows) >= 20_000:
                yield "".join(rows).encode()
                rows = []
        yield "".join(rows).encode()
        yield b"</sheetData></worksheet>"

    return crafted.xlsx(sheet())


FILES: dict[str, Callable[[], bytes]] = {
    "corner-A1-XFD1048576.xlsx": crafted.corner_cells,
    "unpacks-to-4-GiB.xlsx": lambda: crafted.inflating(4 * GIB),
    "one-1-GiB-shared-string.xlsx": lambda: crafted.one_long_string(GIB),
    "tiny-cells-47-MB.csv": lambda: crafted.tiny_cells_csv(47),
    "20000-columns.csv": crafted.wide_csv,
    "cells-without-references.xlsx": crafted.far_row_without_references,
    "accepted-2.9-million-cells.csv": _accepted_csv,
    "accepted-2.9-million-cells.xlsx": _accepted_xlsx,
}


def one(path: Path) -> dict[str, object]:
    """Read (and when accepted, check) one file; runs in its own process."""
    from dashboard.importing import pipeline
    from dashboard.importing.problems import ImportFailure
    from dashboard.importing.reading import read_upload
    from dashboard.importing.validation import Known, validate

    started = time.perf_counter()
    outcome: dict[str, object] = {}
    try:
        upload = read_upload(path.name, path.read_bytes())
        read = time.perf_counter() - started
        job = pipeline.prepare(upload)
        plan = job.plans[0]
        checked = validate(plan.sheet, plan.entity, plan.mapping, Known())
        outcome.update(
            outcome="accepted",
            rows=plan.sheet.row_count,
            read=round(read, 1),
            problems=len(checked.problems),
        )
    except ImportFailure as failure:
        outcome.update(outcome="refused", said=failure.message)
    outcome["seconds"] = round(time.perf_counter() - started, 1)
    own, reader = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    outcome["cpu"] = round(own.ru_utime + own.ru_stime + reader.ru_utime + reader.ru_stime, 1)
    outcome["reader_cpu"] = round(reader.ru_utime + reader.ru_stime, 1)
    outcome["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    outcome["reader_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="Only files whose name holds this.")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(Path(args.one))))
        return
    print(f"load average at the start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        for name, make in FILES.items():
            if args.only not in name:
                continue
            path = Path(folder) / name
            made = time.perf_counter()
            path.write_bytes(make())
            made = time.perf_counter() - made
            size = path.stat().st_size
            done = subprocess.run(
                [sys.executable, __file__, "--one", str(path)],
                capture_output=True,
                text=True,
                check=False,
                cwd=ROOT,
            )
            path.unlink()
            if done.returncode != 0:
                print(
                    f"{name:<34} {size / 1e6:8.2f} MB  the reading process died: "
                    f"exit {done.returncode} {done.stderr[-300:]}"
                )
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            what = (
                f"accepted, {result['rows']:,} rows, read {result['read']} s, "
                f"{result['problems']:,} problems listed"
                if result["outcome"] == "accepted"
                else f"refused: {result['said']}"
            )
            print(
                f"{name:<34} {size / 1e6:8.2f} MB (made in {made:.0f} s)  "
                f"{result['seconds']:6.1f} s ({result['cpu']:.1f} s CPU, reader "
                f"{result['reader_cpu']:.1f} s)  "
                f"peak {result['peak_mb']:5,} MB  "
                f"reader {result['reader_mb']:5,} MB  {what}",
                flush=True,
            )
    print(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
