"""Reach per year comes only from a figure that covers a year: a quarter's count is never taken
for a year's. A service whose only figures are for shorter periods has reach not known, and
its row says why in words."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import text

from dashboard.common.i18n import using
from dashboard.common.metric_periods import with_yearly_figures
from dashboard.prioritise import ranking_table
from dashboard.prioritise import reach as priority_reach
from dashboard.prioritise import score as p

SERVICES = pd.DataFrame(
    {
        "code": ["q", "y", "u", "t"],
        "name_en": ["Quarter only", "Year behind a quarter", "Undated", "Transactions quarter"],
        "organisation_en": ["Org"] * 4,
        "sector": ["health"] * 4,
        "digitisation_level": [1, 2, 3, 1],
    },
    index=pd.Index([1, 2, 3, 4], name="id"),
)
NO_THEMES = pd.DataFrame({"service_id": [], "theme": [], "kind": [], "severity": []})


def _all_answers() -> pd.DataFrame:
    rows = [
        # service, metric, value, period, months
        (1, "users_per_year", 300.0, "2023-24 Q2", 3),
        (2, "users_per_year", 9_999.0, "2022-23", 12),
        (2, "users_per_year", 2_500.0, "2023-24 Q2", 3),
        (3, "users_per_year", 99.0, "", None),
        (4, "transactions_per_year", 11_420.0, "Jan 2024", 1),
    ]
    frame = pd.DataFrame(rows, columns=["service_id", "metric", "value", "period", "period_months"])
    frame["availability"] = "provided"
    frame["reason"] = None
    frame["period_months"] = frame["period_months"].astype("Int64")
    return frame


def test_the_latest_answer_keeps_the_latest_yearly_figure_beside_it() -> None:
    latest = with_yearly_figures(_all_answers()).set_index("service_id")
    assert latest.loc[2, "period"] == "2023-24 Q2"  # the page still shows the latest
    assert (latest.loc[2, "year_value"], latest.loc[2, "year_period"]) == (9_999.0, "2022-23")
    assert pd.isna(latest.loc[1, "year_value"])  # a quarter is not a year
    assert latest.loc[3, "year_value"] == 99.0  # undated: the yearly figure, as always
    assert pd.isna(latest.loc[4, "year_value"])


def test_reach_never_comes_from_a_quarter() -> None:
    parts = p.components(SERVICES, with_yearly_figures(_all_answers()), NO_THEMES)
    assert pd.isna(parts.loc[1, "users"]) and pd.isna(parts.loc[1, "reach"])
    assert parts.loc[2, "users"] == 9_999.0  # the year's figure, not the later quarter's 2,500
    assert parts.loc[3, "users"] == 99.0
    assert pd.isna(parts.loc[4, "transactions"]) and pd.isna(parts.loc[4, "reach"])
    assert (parts.loc[1, "_users_short"], parts.loc[1, "_users_short_months"]) == ("2023-24 Q2", 3)
    assert pd.isna(parts.loc[2, "_users_short"])  # it has a yearly figure: nothing to explain
    assert parts.loc[4, "_transactions_short_months"] == 1


def test_a_frame_without_yearly_columns_reads_each_answer_by_its_own_period() -> None:
    latest = with_yearly_figures(_all_answers()).drop(columns=["year_value", "year_period"])
    parts = p.components(SERVICES, latest, NO_THEMES)
    assert pd.isna(parts.loc[1, "users"])
    assert pd.isna(parts.loc[2, "users"])  # its latest answer is a quarter's
    assert parts.loc[2, "_users_short"] == "2023-24 Q2"
    assert parts.loc[3, "users"] == 99.0


def _ranked() -> pd.DataFrame:
    parts = p.components(SERVICES, with_yearly_figures(_all_answers()), NO_THEMES)
    ranking = p.score(parts, {"reach": 1, "gap": 1, "pain": 0, "data": 0, "cost": 0})
    return p.ranked(ranking, SERVICES, parts)


def test_the_row_says_why_reach_is_not_known_in_words() -> None:
    shown = ranking_table.for_screen(_ranked()).set_index("Service")
    assert shown.loc["Quarter only", "Users per year"] == "only a 3-month figure (2023-24 Q2)"
    assert shown.loc["Transactions quarter", "Transactions per year"] == (
        "only a 1-month figure (Jan 2024)"
    )
    # the year's figure behind a later quarter says which year it is for
    assert shown.loc["Year behind a quarter", "Users per year"] == "9,999 (2022-23)"
    assert shown.loc["Undated", "Users per year"] == "99"
    assert "Reach" in shown.loc["Quarter only", "Estimated from the median"]
    downloaded = ranking_table.for_download(_ranked()).set_index("Service")
    assert downloaded.loc["Year behind a quarter", "Users per year"] == 9_999  # a number
    assert downloaded.loc["Quarter only", "Users per year"] == "only a 3-month figure (2023-24 Q2)"
    with using("cy"):
        welsh = ranking_table.for_screen(_ranked())
    assert "dim ond ffigur 3 mis (2023-24 Q2)" in welsh.astype(str).to_numpy().ravel().tolist()


def test_the_reach_chart_names_services_with_only_shorter_periods_apart() -> None:
    parts = p.components(SERVICES, with_yearly_figures(_all_answers()), NO_THEMES)
    view = priority_reach.reach_view(parts, SERVICES, _ranked())
    assert "Quarter only" in view.short and "Transactions quarter" in view.short
    assert "Quarter only" not in view.unknown


def test_a_stored_quarter_only_service_has_no_reach(store) -> None:  # type: ignore[no-untyped-def]
    from dashboard.common.queries import load_metric_answers, load_services
    from db.demo.build import load_demo

    load_demo(store)
    with store.begin() as connection:
        first, second = connection.execute(
            text("SELECT id FROM service ORDER BY id LIMIT 2")
        ).scalars()
        connection.execute(
            text("DELETE FROM metric_answer WHERE service_id IN (:a, :b)"),
            {"a": first, "b": second},
        )
        connection.execute(
            text(
                "INSERT INTO metric_answer (service_id, metric, value, availability, period, "
                "period_months, source, updated_at) VALUES "
                "(:a, 'users_per_year', 11420, 'provided', '2023-24 Q2', 3, 'import', "
                "'2026-01-01'), "
                "(:b, 'users_per_year', 43800, 'provided', '2012-13', 12, 'import', "
                "'2026-01-01'), "
                "(:b, 'users_per_year', 500, 'provided', '2023-24 Q2', 3, 'import', "
                "'2026-01-01')"
            ),
            {"a": first, "b": second},
        )
    services = load_services(store)
    parts = p.components(services, load_metric_answers(store), NO_THEMES)
    assert pd.isna(parts.loc[first, "users"]) and pd.isna(parts.loc[first, "reach"])
    assert parts.loc[first, "_users_short"] == "2023-24 Q2"
    assert parts.loc[second, "users"] == 43_800.0
