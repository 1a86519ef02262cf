"""The Insight pages (Challenges and aims, Data availability) driven through AppTest."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import availability, themes_insight
from dashboard.filters import Filter, match
from dashboard.queries import (
    load_assessments,
    load_framework,
    load_memberships,
    load_metric_answers,
    load_services,
    load_themes,
)


@pytest.fixture
def open_page(open_app):  # type: ignore[no-untyped-def]
    return open_app


def _charts(at: AppTest) -> dict[str, dict]:  # type: ignore[type-arg]
    return {c.proto.id.rsplit("-", 1)[1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")}


def _matching(engine, flt: Filter):  # type: ignore[no-untyped-def]
    services = load_services(engine)
    return services[match(services, load_memberships(engine), flt)]


def test_availability_page_shows_the_hardest_metric(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/availability.py")
    expected = availability.by_metric(load_services(demo_engine), load_metric_answers(demo_engine))
    charts = _charts(at)
    title = charts["by_metric_chart"]["layout"]["title"]["text"].replace("<br>", " ")
    assert title == availability.hardest_finding(expected)  # long titles wrap over lines
    # on the demo data the discovery's finding shows: cost is the hardest figure to get
    assert charts["by_metric_chart"]["layout"]["title"]["text"].startswith("Cost per transaction")
    assert "by_sector_chart" in charts
    missing = next(df.value for df in at.dataframe if "Key metrics missing" in df.value.columns)
    assert (missing["Key metrics missing"] >= 1).all()


def test_availability_follows_the_filter(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/availability.py", sector="health")
    health = _matching(demo_engine, Filter(sectors=("health",)))
    cover = availability.coverage(health, load_metric_answers(demo_engine))
    assert any(
        f"{cover.answering:,} of {cover.services:,} matching services" in m.value
        for m in at.markdown
    )
    heat = _charts(at)["by_sector_chart"]["data"][0]["z"]
    rows_with_values = [row for row in heat if any(v is not None for v in row)]
    assert len(rows_with_values) == 1  # only the health row has answers


def test_availability_with_no_answers_explains_itself(open_page) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/availability.py", q="no service is called this")
    assert "None of the matching services has answered" in at.info[0].value
    assert not at.get("plotly_chart")


def test_themes_page_ranks_challenges_and_switches_to_aims(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/themes.py")
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    themes = load_themes(demo_engine)
    expected = themes_insight.theme_table(services, members.themes, themes, "challenge")
    drawn = _charts(at)["themes_chart"]
    assert drawn["data"][0]["y"] == expected["Theme"].tolist()
    assert drawn["data"][0]["x"] == expected["High"].tolist()

    at.segmented_control(key="themes_kind").set_value("opportunity").run()
    assert not at.exception
    aims = themes_insight.theme_table(services, members.themes, themes, "opportunity")
    assert _charts(at)["themes_chart"]["data"][0]["y"] == aims["Theme"].tolist()


def test_standards_at_risk_and_self_assessment(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/themes.py", sector="local_authority")
    local = _matching(demo_engine, Filter(sectors=("local_authority",)))
    framework = load_framework(demo_engine)
    members = load_memberships(demo_engine)
    risk = themes_insight.standards_at_risk(
        local, members.themes, framework.standards, framework.theme_standards
    )
    charts = _charts(at)
    assert charts["standards_chart"]["data"][0]["y"] == risk["Standard"].tolist()
    assert charts["standards_chart"]["data"][0]["x"] == risk["of them rated high"].tolist()
    assessed = themes_insight.assessment_summary(
        local, load_assessments(demo_engine), framework.standards
    )
    met = next(t for t in charts["assessment_chart"]["data"] if t["name"] == "Met")
    assert met["x"] == assessed["Met"].tolist()


def test_drill_from_a_theme_to_its_services(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/themes.py", sector="health")
    health = _matching(demo_engine, Filter(sectors=("health",)))
    members = load_memberships(demo_engine)
    at.selectbox(key="themes_drill").set_value("legacy_systems_lock_in").run()
    assert not at.exception
    table = next(df.value for df in at.dataframe if "Severity" in df.value.columns)
    expected = themes_insight.services_reporting(health, members.themes, "legacy_systems_lock_in")
    assert table["Service"].tolist() == expected["Service"].tolist()
    assert set(table["Sector"]) == {"Health"}
    framework = load_framework(demo_engine)
    links = next(m.value for m in at.markdown if "OECD dimensions:" in m.value)
    for name in themes_insight.links_of(
        "legacy_systems_lock_in", framework.standards, framework.theme_standards
    ) + themes_insight.dimensions_of(
        "legacy_systems_lock_in", framework.dimensions, framework.theme_dimensions
    ):
        assert name in links
    link = at.get("page_link")[0].proto
    assert link.page == "catalogue"
    assert link.query_string == "sector=health&challenge=legacy_systems_lock_in"
    assert f"({len(expected):,})" in link.label


def test_availability_follows_the_sidebar_widgets(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page("pages/availability.py")
    at.multiselect(key="f_sectors").select("third_sector").run()
    at.toggle(key="f_deep_dive_only").set_value(False).run()
    assert not at.exception
    third = _matching(demo_engine, Filter(sectors=("third_sector",)))
    metrics = load_metric_answers(demo_engine)
    expected = availability.by_metric(third, metrics)
    drawn = _charts(at)["by_metric_chart"]
    provided = next(t for t in drawn["data"] if t["name"] == "Provided")
    assert provided["x"] == expected["Provided"].tolist()
    assert at.query_params["sector"] in ("third_sector", ["third_sector"])
