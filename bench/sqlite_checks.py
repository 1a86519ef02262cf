"""What SQLite's CHECK constraints cost when an import adds a million metric answers, and what
the order of the staged rows costs when it writes them again.

    .venv/bin/python bench/sqlite_checks.py                 # 100,000 services x 10 periods
    .venv/bin/python bench/sqlite_checks.py --services 20000

A fresh store (the migrations' schema) gets the rows the wide period file of
`bench/import_speed.py` gives, staged in a temporary table as `dashboard/importing/merge.py`
stages them; then, in turn, each rolled back:

- the merge's INSERT ... SELECT into `metric_answer` with the store's CHECK constraints;
- the same INSERT into a copy of the table whose `x IN (...)` rules are written as
  `x = ... OR x = ...` (the same rules: NULL passes both, any other value outside the list fails);
- the same INSERT with CHECK constraints ignored (`PRAGMA ignore_check_constraints`);
- the merge's UPDATE ... FROM and INSERT ... NOT EXISTS over a store that holds every row,
  with the staged rows in key order and in the file's (shuffled) order.

Foreign keys are off (the services are not made); they cost nothing measurable here. Wall and
CPU seconds are printed with the load average: on the shared machine the CPU seconds are the
steadier figure.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sqlite3
import tempfile
import time
from pathlib import Path

from db import migrate

COLUMNS = "service_id, metric, period, value, availability, reason, period_months, note"
STAGE = (
    "CREATE TEMPORARY TABLE stage (service_id INTEGER, metric VARCHAR(40), period VARCHAR(60), "
    "value FLOAT, availability VARCHAR(20), reason VARCHAR(20), period_months INTEGER, "
    "note VARCHAR(2000))"
)
KEY = "t.service_id = s.service_id AND t.metric = s.metric AND t.period = s.period"
DIFFERS = " OR ".join(
    f"t.{c} IS NOT s.{c}" for c in ("value", "availability", "reason", "period_months", "note")
)


def rows(services: int, shuffled: bool) -> list[tuple[object, ...]]:
    rng = random.Random(7)
    out: list[tuple[object, ...]] = []
    for service in range(1, services + 1):
        for year in range(2011, 2021):
            period = f"April {year} to March {year + 1}"
            if rng.random() < 0.05:
                why = ("not_available", "other", 12, "The file gave “[not provided]”.")
                out.append((service, "transactions_per_year", period, None, *why))
            else:
                value = float(rng.randint(100, 5_000_000))
                out.append(
                    (service, "transactions_per_year", period, value, "provided", None, 12, None)
                )
    if shuffled:
        rng.shuffle(out)
    return out


def or_chains(ddl: str, table: str) -> str:
    """The table's DDL under another name, each `x IN (...)` written as `x = ... OR ...`."""

    def chain(match: re.Match[str]) -> str:
        column, items = match.group(1), [item.strip() for item in match.group(2).split(",")]
        return "(" + " OR ".join(f"{column} = {item}" for item in items) + ")"

    out = re.sub(r"\b(\w+) NOT IN \(([^()]*)\)", lambda m: "NOT " + chain(m), ddl)
    out = re.sub(r"\b(\w+) IN \(([^()]*)\)", chain, out)
    out = out.replace('"metric_answer"', f'"{table}"', 1)
    return re.sub(r"CONSTRAINT (\w+)", lambda m: f"CONSTRAINT {m.group(1)}_or", out)


def timed(label: str, connection: sqlite3.Connection, sql: str) -> None:
    cpu, wall = time.process_time(), time.perf_counter()
    count = connection.execute(sql).rowcount
    print(
        f"{label:<52} {time.perf_counter() - wall:6.2f} s wall {time.process_time() - cpu:6.2f} s"
        f" CPU  {count:>9,} rows  load {os.getloadavg()[0]:.1f}",
        flush=True,
    )


def insert(table: str, order: str = "s.service_id, s.metric, s.period") -> str:
    return (
        f"INSERT INTO {table} ({COLUMNS}, source, updated_at) "
        f"SELECT {COLUMNS.replace('service_id', 's.service_id')}, 'import', '2026-12-07' "
        f"FROM stage AS s WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE {KEY}) "
        f"ORDER BY {order}"
    )


def update(table: str) -> str:
    return (
        f"UPDATE {table} AS t SET value = s.value, availability = s.availability, "
        f"reason = s.reason, period_months = s.period_months, note = s.note "
        f"FROM stage AS s WHERE {KEY} AND ({DIFFERS})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "checks.sqlite3"
    migrate.upgrade(f"sqlite:///{path}")
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=OFF"):
        connection.execute(f"PRAGMA {pragma}")
    ddl = connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'metric_answer'"
    ).fetchone()[0]
    connection.execute(or_chains(ddl, "metric_answer_or"))
    for column in ("service_id", "metric"):
        connection.execute(f"CREATE INDEX ix_or_{column} ON metric_answer_or ({column})")
    print(f"{args.services:,} services x 10 periods; SQLite {sqlite3.sqlite_version}")
    for shuffled in (False, True):
        staged = rows(args.services, shuffled)
        connection.execute("DROP TABLE IF EXISTS temp.stage")
        connection.execute(STAGE)
        marks = ", ".join("?" * 8)
        connection.executemany(f"INSERT INTO stage ({COLUMNS}) VALUES ({marks})", staged)
        order = "file's order" if shuffled else "key order"
        if not shuffled:
            for _ in range(args.repeat):
                for label, table, pragma in (
                    ("insert, CHECKs as the store has them", "metric_answer", "OFF"),
                    ("insert, the same CHECKs as OR chains", "metric_answer_or", "OFF"),
                    ("insert, CHECKs ignored", "metric_answer", "ON"),
                ):
                    connection.execute("BEGIN")
                    connection.execute(f"PRAGMA ignore_check_constraints={pragma}")
                    timed(label, connection, insert(table))
                    connection.execute("ROLLBACK")
                    connection.execute("PRAGMA ignore_check_constraints=OFF")
            connection.execute("BEGIN")
            connection.execute(insert("metric_answer"))
            connection.execute("COMMIT")
        for _ in range(args.repeat):
            connection.execute("BEGIN")
            timed(f"again, staged in {order}: update", connection, update("metric_answer"))
            timed(f"again, staged in {order}: insert", connection, insert("metric_answer"))
            connection.execute("ROLLBACK")
    connection.close()


if __name__ == "__main__":
    main()
