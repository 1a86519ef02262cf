"""The Trends page through AppTest on the demo store: the two rounds kept in the link, main
points from the core over the services in both, the filter, Welsh, and one round only."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from dashboard.common.filters import Filter, match
from dashboard.common.i18n import using
from dashboard.common.queries import load_memberships, load_services, load_themes
from dashboard.trends.compare import compare_rounds
from dashboard.trends.findings import main_points
from dashboard.trends.states import load_state
from db.engine import make_engine
from tests.conftest import sqlite_url
from tests.welsh_pages import shown

PAGE = "pages/trends.py"
BOTH = {"from": "discovery-2021", "to": "current"}


def _points(engine, flt: Filter, then: str, now: str) -> list[str]:  # type: ignore[no-untyped-def]
    services = load_services(engine)
    within = services.index[match(services, load_memberships(engine), flt)]
    result = compare_rounds(
        load_state(engine, "discovery-2021"), load_state(engine, "current"), within
    )
    themes = load_themes(engine)
    names = dict(zip(themes["code"], themes["name_en"], strict=True))
    with using("en"):
        return main_points(result, then, now, names)


def test_the_page_compares_the_two_rounds_in_the_link(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, **BOTH)
    assert at.title[0].value == "Trends"
    assert at.selectbox(key="trends_from").value == "discovery-2021"
    assert at.selectbox(key="trends_to").value == "current"
    expected = _points(demo_engine, Filter(), "Discovery 2021", "Review 2025 (current)")
    assert shown(at.markdown[0].value) == "\n".join(f"- {p}" for p in expected)
    assert "services were in both rounds" in expected[0]
    assert "moved up" in expected[1] and "since Discovery 2021" in expected[2]
    assert len(at.get("plotly_chart")) == 2
    moved = next(df.value for df in at.dataframe if "Level then" in df.value.columns)
    assert len(moved) > 0 and set(moved["Change"]) <= {"Moved up", "Moved down"}
    # the other way round is kept in the link too
    at.selectbox(key="trends_from").set_value("current").run()
    at.selectbox(key="trends_to").set_value("discovery-2021").run()
    assert not at.exception
    assert at.query_params["from"] == "current" and at.query_params["to"] == "discovery-2021"


def test_the_filter_narrows_both_rounds_alike(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, sector="health")
    expected = _points(
        demo_engine, Filter(sectors=("health",)), "Discovery 2021", "Review 2025 (current)"
    )
    everyone = _points(demo_engine, Filter(), "Discovery 2021", "Review 2025 (current)")
    assert expected[0] != everyone[0]
    assert shown(at.markdown[0].value).splitlines()[0] == f"- {expected[0]}"


def test_the_page_reads_in_welsh(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, lang="cy")
    assert at.title[0].value == "Tueddiadau"
    points = shown(at.markdown[0].value)
    assert "yn y ddwy rownd" in points and "Darganfod 2021" in points
    assert "Adolygiad 2025 (cyfredol)" in at.selectbox(key="trends_to").options


def test_only_one_round_says_where_to_open_another(
    open_app, use_database, demo_db_url, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "one_round.sqlite3"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    engine = make_engine(sqlite_url(copy))
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM review_round WHERE closed_at IS NOT NULL"))
        connection.execute(text("UPDATE dataset SET data_version = data_version + 1"))
    engine.dispose()
    use_database(sqlite_url(copy))
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP_PATH

    at = AppTest.from_file(APP_PATH, default_timeout=30)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert any(
        "Only one round so far: open a new round on the Data page to compare." in i.value
        for i in at.info
    )
    assert not at.get("plotly_chart")


def test_the_two_periods_are_kept_in_the_link(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    """The demo's three yearly periods: the last two by default, others from the link, and
    the table counts only the services that answered a figure in both periods."""
    from dashboard.common.queries import load_metric_answers_of_every_period
    from dashboard.trends.compare import compare_periods

    at = open_app(PAGE, **BOTH)
    assert at.selectbox(key="trends_period_from").value == "2023-24"
    assert at.selectbox(key="trends_period_to").value == "2024-25"
    assert at.selectbox(key="trends_period_from").options == ["2022-23", "2023-24", "2024-25"]
    assert "period_from" not in at.query_params  # the default stays out of the link
    at.selectbox(key="trends_period_from").set_value("2022-23").run()
    assert not at.exception
    assert at.query_params["period_from"] == "2022-23"
    answers = load_metric_answers_of_every_period(demo_engine)
    dated = answers[answers["period"].astype(str) != ""]
    expected = compare_periods(dated, "2022-23", "2024-25").table
    table = next(df.value for df in at.dataframe if len(df.value) == len(expected))
    assert sorted(table.iloc[:, 1].tolist()) == sorted(expected["both"].tolist())
    # a link names the periods: a new visit opens on them
    again = open_app(PAGE, period_from="2022-23", period_to="2023-24", **BOTH)
    assert again.selectbox(key="trends_period_from").value == "2022-23"
    assert again.selectbox(key="trends_period_to").value == "2023-24"
    # a period the store does not hold reads as the default
    odd = open_app(PAGE, period_from="1999-00", **BOTH)
    assert odd.selectbox(key="trends_period_from").value == "2023-24"
