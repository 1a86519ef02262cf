"""The set-based write of an import: one batch that adds, updates and leaves rows unchanged is
counted and written as the row-by-row upsert did, a trial writes nothing, a failure between its
statements leaves the store as it was; on SQLite and PostgreSQL. And the cell cleaning that
works once per distinct value gives every cell what it would have got alone."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from dashboard.importing import cells, history, merge, pipeline
from dashboard.importing.problems import ImportFailure
from dashboard.importing.reading import read_upload
from db.demo.build import load_demo
from tests.import_files import snapshot

PERIOD = "2031-32"


@pytest.fixture
def demo_store(store: Engine) -> Engine:
    load_demo(store)
    return store


def _codes(engine: Engine, n: int) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                text("SELECT code FROM service ORDER BY code LIMIT :n"), {"n": n}
            ).scalars()
        )


def _import(engine: Engine, data: bytes, **options):  # type: ignore[no-untyped-def]
    job = pipeline.prepare(read_upload("figures.csv", data))
    checked = pipeline.check(engine, job)
    assert not [p for p in pipeline.problems(job, checked) if p.is_error]
    return pipeline.run(engine, job, checked, "Test steward", **options)


def _figures(rows: list[tuple[str, str, str]]) -> bytes:
    lines = ["service,metric,period,value,availability"]
    lines += [f"{code},transactions_per_year,{PERIOD},{value},{why}" for code, value, why in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


def _stored(engine: Engine) -> dict[str, tuple[object, ...]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT s.code, a.value, a.availability, a.source, a.period_months, a.updated_at "
                "FROM metric_answer a JOIN service s ON s.id = a.service_id "
                "WHERE a.period = :period AND a.metric = 'transactions_per_year'"
            ),
            {"period": PERIOD},
        ).all()
    return {r[0]: tuple(r[1:]) for r in rows}


def test_one_batch_adds_updates_and_leaves_unchanged(demo_store: Engine) -> None:
    a, b, c, d = _codes(demo_store, 4)
    first = _import(
        demo_store,
        _figures([(a, "100", "provided"), (c, "300", "provided"), (d, "", "not_collected")]),
    )
    assert (first.total.added, first.total.updated, first.total.unchanged) == (3, 0, 0)
    before = _stored(demo_store)
    assert before[a][:4] == (100.0, "provided", "import", 12)  # the default source, the length
    assert before[d][:2] == (None, "not_collected")
    # a changed, b new, c and d as stored (d's blank figure equals the stored blank)
    second = _figures(
        [
            (a, "150", "provided"),
            (b, "200", "provided"),
            (c, "300", "provided"),
            (d, "", "not_collected"),
        ]
    )
    stored = snapshot(demo_store)
    tried = _import(demo_store, second, trial=True)
    assert (tried.total.added, tried.total.updated, tried.total.unchanged) == (1, 1, 2)
    assert snapshot(demo_store) == stored  # the trial wrote nothing
    outcome = _import(demo_store, second)
    assert (outcome.total.added, outcome.total.updated, outcome.total.unchanged) == (1, 1, 2)
    assert outcome.tables["metric_answers"].as_dict() == {
        "added": 1,
        "updated": 1,
        "unchanged": 2,
        "rejected": 0,
    }
    after = _stored(demo_store)
    assert after[a][:3] == (150.0, "provided", "import")
    assert after[b][:3] == (200.0, "provided", "import")
    assert after[c] == before[c] and after[d] == before[d]  # not written: same time stamp
    assert after[a][4] != before[a][4]  # the updated row says when it changed
    logged = history.runs(demo_store).iloc[0]
    assert (logged["Added"], logged["Updated"], logged["Unchanged"]) == (1, 1, 2)
    again = _import(demo_store, second)
    assert (again.total.added, again.total.updated, again.total.unchanged) == (0, 0, 4)


class Boom(RuntimeError):
    pass


def test_a_failure_between_the_update_and_the_insert_leaves_the_store_as_it_was(
    demo_store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = _codes(demo_store, 2)
    _import(demo_store, _figures([(a, "100", "provided")]))
    before = snapshot(demo_store)
    data = _figures([(a, "150", "provided"), (b, "200", "provided")])
    real_insert = merge.insert

    def failing_insert(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise Boom("injected failure after the update, before the insert")

    monkeypatch.setattr(merge, "insert", failing_insert)
    with pytest.raises(ImportFailure) as failure:
        _import(demo_store, data)
    assert "injected failure" in failure.value.message
    assert snapshot(demo_store) == before  # the update of a's figure was rolled back too
    assert _stored(demo_store)[a][0] == 100.0 and b not in _stored(demo_store)
    assert history.runs(demo_store).iloc[0]["Outcome"] == "Rolled back, nothing written"
    monkeypatch.setattr(merge, "insert", real_insert)
    outcome = _import(demo_store, data)  # no staging table left behind in the way
    assert (outcome.total.added, outcome.total.updated) == (1, 1)
    assert _stored(demo_store)[a][0] == 150.0 and _stored(demo_store)[b][0] == 200.0


def test_a_key_given_twice_takes_the_row_by_row_upsert() -> None:
    frame = pd.DataFrame({"code": ["a", "a"], "name_en": ["x", "y"]})
    from db.models import Organisation

    table = Organisation.__table__
    assert not merge.can_merge(table, frame, ["code"], ["name_en"])  # type: ignore[arg-type]
    assert merge.can_merge(table, frame.iloc[:1], ["code"], ["name_en"])  # type: ignore[arg-type]


# -- cleaning cells once per distinct value ------------------------------------------------------


def test_the_whitespace_written_out_is_every_character_backslash_s_matches() -> None:
    import re
    import sys

    spaces = {chr(i) for i in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(i))}
    assert set(cells.WHITESPACE) == spaces


def test_repeated_cells_are_cleaned_as_each_would_be_alone() -> None:
    messy = ["  A\u00a0\u2003b\tc  ", "x\x01y", None, "plain", ""]
    column = pd.Series(messy * 5, dtype=object)  # few distinct values: cleaned once each
    cleaned = cells.one_line(column)
    assert cleaned.tolist() == ["A b c", "xy", None, "plain", None] * 5
    assert cleaned.index.equals(column.index)


def test_formulas_in_repeated_cells_are_reported_at_every_row() -> None:
    column = pd.Series(["=SUM(A1)", "ok", "#N/A", "'=kept", None, "ok"] * 3, dtype=object)
    values, errors = cells.unescape(column)
    formulas = [e.position for e in errors if "formula" in e.message]
    broken = [e.position for e in errors if "error instead" in e.message]
    assert formulas == [0, 6, 12] and broken == [2, 8, 14]
    assert values.tolist() == [None, "ok", None, "=kept", None, "ok"] * 3


def test_numbers_with_any_space_in_them_are_read() -> None:
    column = pd.Series(["1\u00a0250", "2 500", "3\u20095", "1,250,000", "£3.40", "85%", "n/a"])
    values, errors = cells.numbers(column)
    assert values.tolist()[:6] == [1250.0, 2500.0, 35.0, 1250000.0, 3.4, 85.0]
    assert [e.position for e in errors] == [6]


def test_references_repeated_over_many_cells_are_resolved_and_reported_at_every_cell() -> None:
    from types import SimpleNamespace

    from dashboard.importing.validation import Known, _reference

    known = Known(
        organisations={"ORG-A", "ORG-B"},
        organisation_names={"alpha council": "ORG-A", "twin": None},  # two bodies called Twin
    )
    cells_in = ["ORG-A", "org-b", None, "Alpha Council", "Twin", "NOPE", "ORG-A", "NOPE", "Twin"]
    raw = pd.Series(cells_in, dtype=object)
    reported: list[tuple[int, str]] = []
    found = SimpleNamespace(
        cell=lambda position, _name, message, _action: reported.append((int(position), message))
    )
    item = SimpleNamespace(references="organisations", name="organisation")
    out = _reference(found, item, raw, known)  # type: ignore[arg-type]
    assert out.tolist() == ["ORG-A", "ORG-B", None, "ORG-A", None, None, "ORG-A", None, None]
    assert [p for p, _ in reported] == [4, 5, 7, 8]  # every cell, in order; blanks are not
    assert "More than one organisation is called “Twin”" in reported[0][1]
    assert "There is no organisation “NOPE”" in reported[1][1]
    assert reported[2][1] == reported[1][1] and reported[3][1] == reported[0][1]


def test_a_long_column_is_cleaned_alike_whether_its_values_repeat_or_not() -> None:
    distinct = [f" figure\u00a0{i} " for i in range(30_000)]
    repeated = [" A\u2003b ", "=SUM(A1)", None, "x\x01y"] * 7_500
    for column in (distinct, distinct[:2_000] + repeated[2_000:], repeated):
        series = pd.Series(column, dtype=object)
        alone = [cells.one_line(pd.Series([v], dtype=object)).iat[0] for v in column[:50]]
        assert cells.one_line(series).tolist()[:50] == alone
        values, errors = cells.unescape(series)
        expected = [i for i, v in enumerate(column) if v == "=SUM(A1)"]
        assert [e.position for e in errors] == expected
        assert values.tolist()[:8] == [
            None if v in ("=SUM(A1)", None) else v.strip() for v in column[:8]
        ]


def test_plain_figures_are_read_as_pandas_reads_them() -> None:
    import numpy as np

    rng = np.random.default_rng(5)
    written = [str(v) for v in rng.integers(0, 10**18, 2_000)]
    written += [repr(float(v)) for v in rng.uniform(0, 1e6, 2_000)]
    written += [f"{v:.2f}" for v in rng.uniform(0, 100, 2_000)]
    written += ["-0", "+5", "1.", ".5", "00012", "1e5", "12345678901234567890123", "0.1"]
    values, errors = cells.numbers(pd.Series(written, dtype=object))
    expected = pd.to_numeric(pd.Series(written, dtype=object)).astype(float)
    assert not errors
    assert values.tolist() == expected.tolist()


def test_checked_codes_are_plain_text_as_the_driver_takes_them(demo_store: Engine) -> None:
    (code,) = _codes(demo_store, 1)
    job = pipeline.prepare(read_upload("figures.csv", _figures([(code, "100", "provided")])))
    frame = pipeline.check(demo_store, job)[0].frame
    assert {type(frame[c].iat[0]) for c in ("metric", "availability")} == {str}


#: Keys as an import gives them: whole numbers, and text with accents, Welsh letters, capitals,
#: an empty period and one beyond the Basic Multilingual Plane.
_KEYS = [
    (service, metric, period)
    for service in (10, 2, 1)
    for metric in ("users_per_year", "cost_per_transaction")
    for period in ("2023-24", "2023-24 Q1", "", "Ŵyl 2024", "Zoo", "april", "é", "2024 📅")
]


def test_rows_are_put_in_key_order_as_sqlite_orders_its_key() -> None:
    """The staged rows follow the unique index SQLite looks them up in: the order is checked
    against SQLite's own ORDER BY of the same rows."""
    import random
    import sqlite3

    rows = [(*key, float(number)) for number, key in enumerate(_KEYS)]
    random.Random(5).shuffle(rows)
    frame = pd.DataFrame(rows, columns=["service_id", "metric", "period", "value"])
    ordered = merge.in_key_order(frame, ["service_id", "metric", "period"])
    database = sqlite3.connect(":memory:")
    database.execute(
        "CREATE TABLE t (service_id INTEGER, metric VARCHAR(40), period VARCHAR(60), value FLOAT)"
    )
    database.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
    by_sqlite = database.execute("SELECT * FROM t ORDER BY service_id, metric, period").fetchall()
    assert list(ordered.itertuples(index=False, name=None)) == by_sqlite
    assert sorted(rows) != rows  # the shuffle did shuffle
    assert merge.in_key_order(ordered, ["service_id", "metric", "period"]) is ordered


def test_a_shuffled_batch_is_staged_in_key_order_on_sqlite_and_written_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A batch in a file's own order reaches SQLite's staging table in key order, and the rows
    written, their ids and the counts are those of the same batch given in key order."""
    import random

    from sqlalchemy import (
        Column,
        Float,
        Integer,
        MetaData,
        String,
        Table,
        UniqueConstraint,
        create_engine,
    )

    staged: list[list[tuple[object, ...]]] = []
    real_load = merge._load

    def recording_load(connection, staging, frame):  # type: ignore[no-untyped-def]
        staged.append(list(frame[["service_id", "metric", "period"]].itertuples(False, None)))
        real_load(connection, staging, frame)

    monkeypatch.setattr(merge, "_load", recording_load)
    key = ["service_id", "metric", "period"]
    rows = [(*k, float(number)) for number, k in enumerate(_KEYS)]
    shuffled = list(rows)
    random.Random(9).shuffle(shuffled)
    stored = []
    for batch in (sorted(rows), shuffled):
        table = Table(
            "answer",
            MetaData(),
            Column("id", Integer, primary_key=True),
            Column("service_id", Integer, nullable=False),
            Column("metric", String(40), nullable=False),
            Column("period", String(60), nullable=False),
            Column("value", Float),
            UniqueConstraint(*key),
        )
        engine = create_engine("sqlite://")
        table.create(engine)
        frame = pd.DataFrame(batch, columns=[*key, "value"])
        with engine.begin() as connection:
            first = merge.merge(connection, table, frame, key, ["value"])
            changed = frame.assign(value=frame["value"] + (frame["service_id"] == 2))
            again = merge.merge(connection, table, changed, key, ["value"])
            stored.append(connection.execute(table.select().order_by(table.c.id)).all())
        assert (first.added, again.updated, again.unchanged) == (48, 16, 32)
        engine.dispose()
    assert stored[0] == stored[1]
    assert [row[1:4] for row in stored[0]] == sorted(_KEYS)
    assert all(batch == sorted(_KEYS) for batch in staged)
