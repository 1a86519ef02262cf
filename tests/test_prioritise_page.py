"""The Prioritise page through AppTest: sliders change the ranking and live in the URL."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import prioritise as p
from dashboard.filters import Filter, match
from dashboard.queries import load_memberships, load_metric_answers, load_services

PAGE = "pages/prioritise.py"


@pytest.fixture
def open_page(open_app):  # type: ignore[no-untyped-def]
    return lambda **query: open_app(PAGE, **query)


def _expected(engine, weights, missing=p.ESTIMATE, flt=None):  # type: ignore[no-untyped-def]
    services, members = load_services(engine), load_memberships(engine)
    services = services[match(services, members, flt or Filter())]
    parts = p.components(services, load_metric_answers(engine), members.themes)
    return p.ranked(p.score(parts, weights, missing), services, parts)


def _ranking(at: AppTest):  # type: ignore[no-untyped-def]
    return next(
        df.value for df in at.dataframe if "Score" in df.value.columns and len(df.value) > 15
    )


def test_default_ranking_matches_the_scoring_core(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page()
    expected = _expected(demo_engine, p.DEFAULT_WEIGHTS)
    shown = _ranking(at)
    assert shown["Service"].head(20).tolist() == expected["Service"].head(20).tolist()
    assert shown["Rank"].tolist() == expected["Rank"].tolist()
    charts = {c.proto.id.rsplit("-", 1)[1] for c in at.get("plotly_chart")}
    assert {"ranking_chart", "areas_chart", "scatter_chart"} <= charts
    assert any("Estimated from the median" in c.value for c in at.caption)


def test_a_weight_slider_reorders_and_goes_into_the_url(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page()
    before = _ranking(at)["Service"].head(10).tolist()
    at.slider(key="weight_reach").set_value(0).run()
    at.slider(key="weight_gap").set_value(0).run()
    at.slider(key="weight_cost").set_value(5).run()
    assert not at.exception
    weights = {**p.DEFAULT_WEIGHTS, "reach": 0, "gap": 0, "cost": 5}
    expected = _expected(demo_engine, weights)
    after = _ranking(at)["Service"].head(10).tolist()
    assert after == expected["Service"].head(10).tolist()
    assert after != before
    assert at.query_params["w_reach"] in ("0", ["0"])
    assert at.query_params["w_cost"] in ("5", ["5"])
    assert "w_pain" not in at.query_params  # defaults stay out of the link


def test_a_link_with_weights_reopens_the_same_ranking(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page(w_pain="5", w_reach="1", missing="known_only", sector="health")
    assert at.slider(key="weight_pain").value == 5
    assert at.radio(key="weight_missing").value == p.KNOWN_ONLY
    weights = {**p.DEFAULT_WEIGHTS, "pain": 5, "reach": 1}
    expected = _expected(demo_engine, weights, p.KNOWN_ONLY, Filter(sectors=("health",)))
    shown = next(df.value for df in at.dataframe if "Score" in df.value.columns)
    assert shown["Service"].tolist() == expected["Service"].tolist()
    assert any("left out because a weighted part is not known" in c.value for c in at.caption)


def test_all_weights_zero_is_explained(open_page) -> None:  # type: ignore[no-untyped-def]
    at = open_page(**{f"w_{c}": "0" for c in p.CODES})
    assert "Every weight is 0" in at.warning[-1].value
    at.button(key="weight_reset").click().run()
    assert at.slider(key="weight_reach").value == p.DEFAULT_WEIGHTS["reach"]
    assert "w_reach" not in at.query_params


def test_the_chart_shows_why_each_service_ranks_there(open_page, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_page()
    chart = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if c.proto.id.endswith("ranking_chart")
    )
    expected = _expected(demo_engine, p.DEFAULT_WEIGHTS).head(15)
    totals = [sum(values) for values in zip(*(t["x"] for t in chart["data"]), strict=True)]
    assert totals == pytest.approx(expected["Score"].tolist(), abs=1e-3)
    assert {t["name"] for t in chart["data"]} == {c.name for c in p.COMPONENTS}
