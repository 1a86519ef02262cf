"""Metric answers by period: one answer per service, metric and period; the length of each
period stored with it; a file without periods imports undated answers as before."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from dashboard.importing import pipeline
from dashboard.importing.reading import read_upload
from db.demo.build import load_demo


@pytest.fixture
def demo_store(store: Engine) -> Engine:
    load_demo(store)
    return store


def _service(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT code FROM service ORDER BY code")).scalar())


def _import(engine: Engine, data: bytes, entity: str | None = None):  # type: ignore[no-untyped-def]
    job = pipeline.prepare(read_upload("metrics.csv", data), entity=entity)
    checked = pipeline.check(engine, job)
    assert not [p for p in pipeline.problems(job, checked) if p.is_error]
    return pipeline.run(engine, job, checked, "Test steward")


def _answers(engine: Engine, code: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT a.period, a.period_months, a.value FROM metric_answer a "
                "JOIN service s ON s.id = a.service_id WHERE s.code = :code "
                "AND a.metric = 'transactions_per_year' ORDER BY a.period"
            ),
            {"code": code},
        ).all()
    return [tuple(r) for r in rows]


def test_the_same_metric_in_two_periods_is_two_answers_with_their_lengths(
    demo_store: Engine,
) -> None:
    code = _service(demo_store)
    data = (
        "service,metric,period,value\r\n"
        f"{code},transactions_per_year,2023-24 Q2,300\r\n"
        f"{code},transactions_per_year,April 2011 to March 2012,1200\r\n"
    ).encode()
    outcome = _import(demo_store, data)
    assert outcome.total.added == 2
    stored = _answers(demo_store, code)
    assert ("2023-24 Q2", 3, 300.0) in stored
    assert ("April 2011 to March 2012", 12, 1200.0) in stored
    again = _import(demo_store, data)
    assert (again.total.added, again.total.updated, again.total.unchanged) == (0, 0, 2)


def test_a_file_without_periods_is_recognised_and_gives_undated_answers(
    demo_store: Engine,
) -> None:
    code = _service(demo_store)
    with demo_store.begin() as connection:
        connection.execute(
            text(
                "DELETE FROM metric_answer WHERE service_id = "
                "(SELECT id FROM service WHERE code = :code)"
            ),
            {"code": code},
        )
    data = f"service,metric,value\r\n{code},transactions_per_year,4321\r\n".encode()
    job = pipeline.prepare(read_upload("metrics.csv", data))
    assert job.entity_name == "metric_answers"
    _import(demo_store, data)
    assert _answers(demo_store, code) == [("", None, 4321.0)]


def test_a_file_without_periods_updates_each_metrics_latest_answer(demo_store: Engine) -> None:
    code = _service(demo_store)
    _import(
        demo_store,
        (
            "service,metric,period,value\r\n"
            f"{code},transactions_per_year,2011-12,10\r\n"
            f"{code},transactions_per_year,2026-27 Q1,20\r\n"
        ).encode(),
    )
    before = len(_answers(demo_store, code))
    outcome = _import(
        demo_store, f"service,metric,value\r\n{code},transactions_per_year,25\r\n".encode()
    )
    assert (outcome.total.added, outcome.total.updated) == (0, 1)
    stored = _answers(demo_store, code)
    assert len(stored) == before
    assert ("2026-27 Q1", 3, 25.0) in stored and ("2011-12", 12, 10.0) in stored
