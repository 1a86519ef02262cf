"""Metric answers across periods: pages show each service's latest period and say which; a
per-year metric given for a quarter says "per quarter"."""

from __future__ import annotations

import pandas as pd

from dashboard.common.metric_periods import latest_answers, period_words


def _answers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "service_id": [1, 1, 1, 2, 2, 3],
            "metric": [
                "transactions_per_year",
                "transactions_per_year",
                "transactions_per_year",
                "transactions_per_year",
                "digital_take_up",
                "transactions_per_year",
            ],
            "value": [1200.0, 300.0, 1500.0, 10.0, 55.0, 7.0],
            "availability": ["provided"] * 6,
            "reason": [None] * 6,
            "period": ["2011-12", "2023-24 Q2", "2022-23", "", "2024", "2024"],
            "period_months": [12, 3, 12, None, 12, 12],
        }
    )


def test_each_service_and_metric_keeps_only_its_latest_period() -> None:
    latest = latest_answers(_answers())
    assert len(latest) == 4  # one per service and metric: services are counted, not periods
    one = latest[(latest["service_id"] == 1)].iloc[0]
    assert (one["period"], one["value"], one["period_months"]) == ("2023-24 Q2", 300.0, 3)
    assert set(latest.loc[latest["service_id"] == 2, "metric"]) == {
        "transactions_per_year",
        "digital_take_up",
    }


def test_no_answers_give_an_empty_frame_with_the_same_columns() -> None:
    empty = _answers().iloc[0:0]
    assert list(latest_answers(empty).columns) == list(empty.columns)


def test_a_per_year_metric_over_a_quarter_says_per_quarter() -> None:
    assert period_words("transactions_per_year", "2023-24 Q2", 3) == (
        "latest period: 2023-24 Q2, per quarter"
    )
    assert period_words("users_per_year", "Jan 2024", 1) == "latest period: Jan 2024, per month"
    assert period_words("users_per_year", "H1 2024", 6) == ("latest period: H1 2024, per 6 months")
    assert period_words("transactions_per_year", "2022-23", 12) == "latest period: 2022-23"
    assert period_words("digital_take_up", "2023-24 Q2", 3) == "latest period: 2023-24 Q2"
    assert period_words("transactions_per_year", "", None) == ""


def test_a_service_detail_shows_its_latest_period_and_its_history(store) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    from dashboard.catalogue.detail import load_service_detail
    from dashboard.common.queries import load_metric_answers
    from db.demo.build import load_demo

    load_demo(store)
    with store.begin() as connection:
        service_id, code = connection.execute(
            text("SELECT id, code FROM service ORDER BY id LIMIT 1")
        ).one()
        connection.execute(
            text("DELETE FROM metric_answer WHERE service_id = :s"), {"s": service_id}
        )
        connection.execute(
            text(
                "INSERT INTO metric_answer (service_id, metric, value, availability, period, "
                "period_months, source, updated_at) VALUES "
                "(:s, 'transactions_per_year', 41250, 'provided', 'April 2011 to March 2012', "
                "12, 'import', '2026-01-01'), "
                "(:s, 'transactions_per_year', 11420, 'provided', '2023-24 Q2', 3, 'import', "
                "'2026-01-01'), "
                "(:s, 'transactions_per_year', 43800, 'provided', '2012-13', 12, 'import', "
                "'2026-01-01')"
            ),
            {"s": service_id},
        )
    answers = load_metric_answers(store)
    mine = answers[answers["service_id"] == service_id]
    assert mine[["period", "value"]].values.tolist() == [["2023-24 Q2", 11420.0]]
    assert answers.groupby(["service_id", "metric"], observed=True).size().max() == 1

    detail = load_service_detail(store, code)
    assert detail is not None
    row = detail.metrics[detail.metrics["Metric"] == "Transactions per year"].iloc[0]
    assert (row["Figure"], row["Period"]) == ("11,420 per quarter", "2023-24 Q2")
    assert detail.has_history
    assert detail.metric_history["Period"].tolist() == [
        "2023-24 Q2",
        "2012-13",
        "April 2011 to March 2012",
    ]
    assert detail.metric_history["Figure"].tolist()[1:] == ["43,800", "41,250"]
