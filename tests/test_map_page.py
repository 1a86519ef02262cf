"""The Map page through AppTest on the demo store: the main points come from the core, the
measure and the areas are kept in the link, choosing an area filters every page to its
organisation, a click on the map does the same, and the page reads in Welsh."""

from __future__ import annotations

import json

import numpy as np

from dashboard.common.i18n import using
from dashboard.common.queries import (
    load_memberships,
    load_metric_answers,
    load_services,
    load_survey_progress,
)
from dashboard.map.figures import MapView, map_view, service_inputs
from dashboard.map.main_points import main_points
from tests.welsh_pages import shown

PAGE = "pages/map.py"


def _view(engine, measure: str, layer: str = "councils", challenge: str = "") -> MapView:  # type: ignore[no-untyped-def]
    services = load_services(engine)
    inputs = service_inputs(
        services,
        load_metric_answers(engine),
        load_memberships(engine),
        load_survey_progress(engine),
    )
    return map_view(inputs, np.ones(len(services), dtype=bool), measure, layer, challenge)


def _points(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [line[2:] for line in shown(at.markdown[0].value).splitlines()]


def _spec(at) -> dict:  # type: ignore[type-arg,no-untyped-def]
    return dict(json.loads(at.get("plotly_chart")[0].proto.spec))


def test_the_page_shows_the_cores_main_points_and_the_map(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE)
    with using("en"):
        expected = main_points(_view(demo_engine, "digital"))
    assert _points(at) == expected
    spec = _spec(at)
    # 22 council outlines, their markers (one per council) and the colour key
    markers = [trace for trace in spec["data"] if trace.get("customdata")]
    assert len(markers) == 1 and len(markers[0]["customdata"]) == 22
    assert all(code.startswith("W06") for code in markers[0]["customdata"])
    assert "Highest" in spec["layout"]["title"]["text"]


def test_the_measure_and_the_areas_are_kept_in_the_link(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, map_measure="figure", map_areas="boards")
    assert at.selectbox(key="map_measure").value == "figure"
    with using("en"):
        expected = main_points(_view(demo_engine, "figure", "boards"))
    assert _points(at) == expected
    markers = next(trace for trace in _spec(at)["data"] if trace.get("customdata"))
    assert len(markers["customdata"]) == 7 and markers["customdata"][0].startswith("W11")
    at.selectbox(key="map_measure").set_value("surveys").run()
    assert not at.exception
    assert at.query_params["map_measure"] == ["surveys"] or at.query_params["map_measure"] == (
        "surveys"
    )
    with using("en"):
        assert _points(at) == main_points(_view(demo_engine, "surveys", "boards"))


def test_a_challenge_measure_names_the_challenge_and_keeps_it(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, map_measure="challenge")
    challenge = at.selectbox(key="map_challenge").value
    assert challenge
    assert at.query_params["map_challenge"] in ([challenge], challenge)
    with using("en"):
        assert _points(at) == main_points(
            _view(demo_engine, "challenge", "councils", challenge),
            at.selectbox(key="map_challenge").format_func(challenge),
        )


def test_choosing_an_area_filters_to_its_organisation(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE)
    at.selectbox(key="map_area").set_value("W06000015").run()
    assert not at.exception
    assert at.query_params["org"] in (["cardiff"], "cardiff")
    assert at.multiselect(key="f_organisations").value == ["cardiff"]
    # the map still draws every council, and outlines the chosen one
    spec = _spec(at)
    outlined = [t for t in spec["data"] if t.get("line", {}).get("width") == 3]
    assert len(outlined) == 1 and outlined[0]["name"].startswith("Cardiff")
    assert any("Cardiff" in text.value for text in at.text)
    # no area: the organisations leave the filter
    at.selectbox(key="map_area").set_value("").run()
    assert "org" not in at.query_params


def test_a_health_board_area_filters_to_the_board(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, map_areas="boards")
    at.selectbox(key="map_area").set_value("W11000028").run()
    assert at.multiselect(key="f_organisations").value == ["aneurin-bevan-uhb"]


def test_the_page_reads_in_welsh(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, lang="cy")
    assert at.title[0].value == "Map"
    points = "\n".join(_points(at))
    assert "Uchaf" in points
    title = _spec(at)["layout"]["title"]["text"]
    assert "Uchaf" in title
    names = next(trace for trace in _spec(at)["data"] if trace.get("customdata"))["hovertext"]
    assert any("Caerdydd" in name for name in names)
    assert any("Ynys Môn" in name for name in names)
