"""What SQLite's CHECK constraints cost when an import adds a million metric answers, and what
the order of the staged rows costs when it writes them again.

    .venv/bin/python bench/sqlite_checks.py                 # 100,000 services x 10 periods
    .venv/bin/python bench/sqlite_checks.py --services 20000

A fresh store (the migrations' schema) gets the rows the wide period file of
`bench/import_speed.py` gives, staged in a temporary table as `dashboard/importing/merge.py`
stages them; then, in turn, each rolled back:

- the merge's INSERT ... SELECT into `metric_answer` with the store's CHECK constraints (since
  migration 0009 its code checks are OR-ed equalities);
- the same INSERT into a copy of the table as it was at migration 0008 (every code check an
  `x IN (...)` list);
- the same INSERT into a copy whose every IN is written `x = ... OR x = ...`, the two-value
  `availability IN (...)` of the figure-and-availability check too (the same rules: NULL passes
  both, any other value outside the list fails);
- the same INSERT with CHECK constraints ignored (`PRAGMA ignore_check_constraints`);
- the merge's UPDATE ... FROM and INSERT ... NOT EXISTS over a store that holds every row,
  with the staged rows in key order and in the file's (shuffled) order; then three ways to
  put shuffled rows in key order: staged in key order (sorted before they are loaded, as
  `dashboard/importing/merge.py` does; the sort itself is not timed here, it happens in
  pandas), an index on the staging table's key made after loading, and a copy of the staging
  table made `ORDER BY` the key.

`--explain` prints, for each variant of the table, how many temporary indexes
(`OpenEphemeral`) SQLite's plan of a one-row INSERT opens: one per IN list it builds per row.

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


def insert(
    table: str, stage: str = "stage", order: str = "s.service_id, s.metric, s.period"
) -> str:
    return (
        f"INSERT INTO {table} ({COLUMNS}, source, updated_at) "
        f"SELECT {COLUMNS.replace('service_id', 's.service_id')}, 'import', '2026-12-07' "
        f"FROM {stage} AS s WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE {KEY}) "
        f"ORDER BY {order}"
    )


def update(table: str, stage: str = "stage") -> str:
    return (
        f"UPDATE {table} AS t SET value = s.value, availability = s.availability, "
        f"reason = s.reason, period_months = s.period_months, note = s.note "
        f"FROM {stage} AS s WHERE {KEY} AND ({DIFFERS})"
    )


def copy_of(ddl: str, table: str) -> str:
    """The table's DDL under another name, its constraints renamed (names are per schema)."""
    out = ddl.replace('"metric_answer"', f'"{table}"', 1).replace(
        "CREATE TABLE metric_answer", f'CREATE TABLE "{table}"', 1
    )
    return re.sub(r"CONSTRAINT (\w+)", lambda m: f"CONSTRAINT {m.group(1)}_{table}", out)


def stage(connection: sqlite3.Connection, staged: list[tuple[object, ...]]) -> None:
    connection.execute("DROP TABLE IF EXISTS temp.stage")
    connection.execute(STAGE)
    marks = ", ".join("?" * 8)
    connection.executemany(f"INSERT INTO stage ({COLUMNS}) VALUES ({marks})", staged)


def ephemeral_indexes(connection: sqlite3.Connection, table: str) -> int:
    plan = connection.execute(
        f"EXPLAIN INSERT INTO {table} ({COLUMNS}, source, updated_at) VALUES "
        "(1, 'users_per_year', '2020-21', 1.0, 'provided', NULL, 12, NULL, 'import', '2026')"
    ).fetchall()
    return sum(1 for step in plan if step[1] == "OpenEphemeral")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--explain", action="store_true", help="Count each plan's IN-list indexes")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    old = folder / "at_0008.sqlite3"
    migrate.upgrade(f"sqlite:///{old}", "0008")
    with sqlite3.connect(old) as at_0008:
        old_ddl = at_0008.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'metric_answer'"
        ).fetchone()[0]
    path = folder / "checks.sqlite3"
    migrate.upgrade(f"sqlite:///{path}")
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=OFF"):
        connection.execute(f"PRAGMA {pragma}")
    ddl = connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'metric_answer'"
    ).fetchone()[0]
    connection.execute(copy_of(old_ddl, "metric_answer_0008"))
    connection.execute(or_chains(ddl, "metric_answer_or"))
    for table in ("metric_answer_0008", "metric_answer_or"):
        for column in ("service_id", "metric"):
            connection.execute(f"CREATE INDEX ix_{table}_{column} ON {table} ({column})")
    print(
        f"{args.services:,} services x 10 periods; SQLite {sqlite3.sqlite_version}; "
        f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
        flush=True,
    )
    variants = (
        ("insert, CHECKs as the store has them (0009)", "metric_answer", "OFF"),
        ("insert, CHECKs as at 0008 (IN lists)", "metric_answer_0008", "OFF"),
        ("insert, every IN as OR chains (compound too)", "metric_answer_or", "OFF"),
        ("insert, CHECKs ignored", "metric_answer", "ON"),
    )
    if args.explain:
        for label, table, _ in variants[:3]:
            print(f"{label:<52} {ephemeral_indexes(connection, table)} temporary indexes a row")
    stage(connection, rows(args.services, shuffled=False))
    for _ in range(args.repeat):
        for label, table, pragma in variants:
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
        timed("again, staged in key order: update", connection, update("metric_answer"))
        timed("again, staged in key order: insert", connection, insert("metric_answer"))
        connection.execute("ROLLBACK")
    shuffled = rows(args.services, shuffled=True)
    in_key_order = sorted(shuffled, key=lambda row: (row[0], row[1], row[2]))
    for _ in range(args.repeat):
        stage(connection, shuffled)
        connection.execute("BEGIN")
        timed("again, staged shuffled: update", connection, update("metric_answer"))
        timed("again, staged shuffled: insert", connection, insert("metric_answer"))
        connection.execute("ROLLBACK")

        connection.execute("BEGIN")
        timed(
            "  index on the staged key, made after loading",
            connection,
            "CREATE INDEX temp.ix_stage ON stage (service_id, metric, period)",
        )
        timed("  then update", connection, update("metric_answer"))
        timed("  then insert", connection, insert("metric_answer"))
        connection.execute("ROLLBACK")
        connection.execute("DROP INDEX IF EXISTS temp.ix_stage")

        connection.execute("BEGIN")
        timed(
            "  staged rows copied ORDER BY the key",
            connection,
            "CREATE TEMPORARY TABLE sorted_stage AS SELECT * FROM stage "
            "ORDER BY service_id, metric, period",
        )
        timed("  then update", connection, update("metric_answer", "sorted_stage"))
        timed(
            "  then insert (ORDER BY rowid)",
            connection,
            insert("metric_answer", "sorted_stage", "s.rowid"),
        )
        connection.execute("ROLLBACK")

        cpu, wall = time.process_time(), time.perf_counter()
        stage(connection, in_key_order)
        print(
            f"{'  staged sorted (loading, not the sort)':<52} "
            f"{time.perf_counter() - wall:6.2f} s wall {time.process_time() - cpu:6.2f} s CPU",
            flush=True,
        )
        connection.execute("BEGIN")
        timed("  then update", connection, update("metric_answer"))
        timed("  then insert (ORDER BY key)", connection, insert("metric_answer"))
        connection.execute("ROLLBACK")
        connection.execute("BEGIN")
        timed("  then update", connection, update("metric_answer"))
        timed(
            "  then insert (ORDER BY rowid)", connection, insert("metric_answer", order="s.rowid")
        )
        connection.execute("ROLLBACK")
    connection.close()


if __name__ == "__main__":
    main()
