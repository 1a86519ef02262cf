"""The Map's core on a small hand-built catalogue: an area's share worked out by hand, small
areas marked and suppressed, national bodies kept off the map, organisations matched by ONS
code, slug and name, and the boundary files (a health board is the union of its councils)."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pandas as pd
import pytest

from dashboard.common.disclosure import SUPPRESSED
from dashboard.common.filters import Memberships
from dashboard.common.i18n import using
from dashboard.map import areas as map_areas
from dashboard.map.areas import boundaries, load_areas, name_key, organisation_areas
from dashboard.map.charts import chosen_area, map_figure
from dashboard.map.figures import (
    figure_words,
    map_view,
    measure_from_link,
    measure_link,
    national_table,
    service_inputs,
    shown_table,
)
from dashboard.map.main_points import main_points
from db.reference import boundaries as build

# organisation code, English name, Welsh name, sector, levels of its services, deep dives
ORGANISATIONS = [
    ("cardiff", "Cardiff Council", "Cyngor Caerdydd", "local_authority", [3, 4, 1, 2, None, 3]),
    ("W06000023", "Powys County Council", None, "local_authority", [3, 0, 1]),
    ("council-x", "Swansea", None, "local_authority", [4, 4, 4, 4, 3]),
    ("mon", "Cyngor Sir Ynys Mon", "Cyngor Sir Ynys Môn", "local_authority", [0, 0, 0, 1, 2]),
    ("cv", "Cardiff and Vale University Health Board", None, "health", [3, 3, 1, 1, 1]),
    ("welsh-government", "Welsh Government", "Llywodraeth Cymru", "central_government", [4, 1]),
]


@pytest.fixture
def catalogue() -> tuple[pd.DataFrame, pd.DataFrame, Memberships, pd.DataFrame]:
    rows = []
    for code, en, cy, sector, levels in ORGANISATIONS:
        for level in levels:
            rows.append(
                {
                    "organisation_code": code,
                    "organisation_en": en,
                    "organisation_cy": cy,
                    "sector": sector,
                    "digitisation_level": level,
                }
            )
    services = pd.DataFrame(rows)
    services.index = pd.Index(range(101, 101 + len(services)), name="id")
    services["digitisation_level"] = services["digitisation_level"].astype("Int8")
    services["organisation_code"] = services["organisation_code"].astype("category")
    ids = list(services.index)
    cardiff = ids[:6]
    services["is_deep_dive"] = services.index.isin(cardiff[:4])
    # Cardiff: key metrics answered by its first 5 services, a figure from 3 of them
    answers = pd.DataFrame(
        {
            "service_id": [*cardiff[:5], cardiff[0], *cardiff[:1]],
            "metric": ["users_per_year"] * 5 + ["cost_per_transaction", "satisfaction"],
            "availability": [
                "provided",
                "estimated",
                "provided",
                "not_available",
                "not_collected",
                "not_available",
                "provided",
            ],
        }
    )
    # Cardiff: 5 services report a challenge, 2 of them "legacy"
    themes = pd.DataFrame(
        {
            "service_id": [cardiff[0], cardiff[0], cardiff[1], cardiff[2], cardiff[3], cardiff[4]],
            "theme": ["legacy", "skills", "legacy", "skills", "funding", "skills"],
            "kind": ["challenge"] * 6,
        }
    )
    surveys = pd.DataFrame(
        {
            "service_id": [cardiff[0], cardiff[1], cardiff[2]],
            "instrument": ["generalist", "generalist", "technology"],
            "status": ["submitted", "draft", "submitted"],
        }
    )
    return services, answers, Memberships(themes=themes), surveys


def _row(view, code: str) -> pd.Series:  # type: ignore[no-untyped-def]
    return view.areas.set_index("code").loc[code]


def _view(catalogue, measure: str, layer: str = "councils", challenge: str = ""):  # type: ignore[no-untyped-def]
    services, answers, memberships, surveys = catalogue
    inputs = service_inputs(services, answers, memberships, surveys)
    return map_view(inputs, np.ones(len(services), dtype=bool), measure, layer, challenge)


def test_an_areas_share_is_worked_out_by_hand(catalogue) -> None:  # type: ignore[no-untyped-def]
    # Cardiff's 6 services: levels 3, 4, 1, 2, not recorded, 3 -> 3 of the 5 with a level
    cardiff = _row(_view(catalogue, "digital"), "W06000015")
    assert (cardiff["services"], cardiff["counted"], cardiff["hit"]) == (6, 5, 3)
    assert cardiff["share"] == pytest.approx(0.6) and not cardiff["small"]
    with using("en"):
        assert figure_words(3, 5, False) == "60% (3 of 5 services)"


def test_each_measure_counts_its_own_services(catalogue) -> None:  # type: ignore[no-untyped-def]
    # a key figure: 5 services answered a key metric (satisfaction is not one); the first
    # three gave a figure (provided, estimated, provided), the others none -> 3 of 5
    figure = _row(_view(catalogue, "figure"), "W06000015")
    assert (figure["counted"], figure["hit"]) == (5, 3)
    legacy = _row(_view(catalogue, "challenge", challenge="legacy"), "W06000015")
    assert (legacy["counted"], legacy["hit"]) == (5, 2)
    # 4 deep dives, one generalist survey submitted (a technology one does not count)
    surveys = _row(_view(catalogue, "surveys"), "W06000015")
    assert (surveys["counted"], surveys["hit"]) == (4, 1) and surveys["small"]


def test_small_areas_are_marked_and_their_counts_suppressed(catalogue) -> None:  # type: ignore[no-untyped-def]
    view = _view(catalogue, "digital")
    powys = _row(view, "W06000023")
    assert (powys["counted"], powys["small"]) == (3, True) and math.isnan(powys["share"])
    empty = _row(view, "W06000001")  # Anglesey's council is in the catalogue (by its Welsh name)
    assert (empty["counted"], empty["hit"]) == (5, 0) and empty["share"] == 0
    gwynedd = _row(view, "W06000002")
    assert (gwynedd["services"], gwynedd["small"]) == (0, False) and math.isnan(gwynedd["share"])
    with using("en"):
        table = shown_table(view).set_index("ONS code")
        assert table.loc["W06000023", "Share"] == SUPPRESSED
        assert table.loc["W06000023", "Services"] == SUPPRESSED
        assert table.loc["W06000015", "Share"] == "60%"
        assert figure_words(1, 3, True) == "fewer than 5 services: not shown as a figure"
        fig = map_figure(view)
    hatched = [trace for trace in fig.data if trace.fillpattern and trace.fillpattern.shape]
    assert len(hatched) == 1 and hatched[0].name.startswith("Powys")


def test_national_bodies_are_listed_not_drawn(catalogue) -> None:  # type: ignore[no-untyped-def]
    view = _view(catalogue, "digital")
    assert list(view.national["code"]) == ["welsh-government"]
    assert "welsh-government" not in {c for codes in view.areas["organisations"] for c in codes}
    with using("en"):
        table = national_table(view)
        # 2 services: too few to show a share
        assert table.iloc[0]["Organisation"] == "Welsh Government"
        assert table.iloc[0]["Share"] == SUPPRESSED
        points = main_points(view)
    assert points[0] == (
        "Highest: Swansea, 100% of services digital end to end (level 3 or 4): 5 of 5 services."
    )
    assert points[1] == "Lowest: Isle of Anglesey, 0% (0 of 5 services)."
    assert "1 area has fewer than 5 services counted" in points[3]


def test_a_health_board_counts_its_own_services(catalogue) -> None:  # type: ignore[no-untyped-def]
    view = _view(catalogue, "digital", "boards")
    board = _row(view, "W11000029")
    assert board["organisations"] == ("cv",)
    assert (board["counted"], board["hit"]) == (5, 2)
    # the councils' services are not a board's
    assert int(view.areas["services"].sum()) == 5


def test_organisations_match_by_ons_code_slug_and_either_name() -> None:
    organisations = pd.DataFrame(
        {
            "code": ["W06000023", "cardiff", "x1", "x2", "x3", "x4", "welsh-government"],
            "name_en": [
                "Powys County Council",
                "Cardiff Council",
                "RHONDDA-CYNON-TAF",
                "Something else",
                "Betsi Cadwaladr University Health Board",
                "Swansea Bay University Health Board",
                "Welsh Government",
            ],
            "name_cy": [None, None, None, "Ynys Mon", None, None, "Llywodraeth Cymru"],
        }
    )
    councils = organisation_areas(organisations, "councils")
    assert councils == {
        "W06000023": "W06000023",  # the ONS code
        "cardiff": "W06000015",  # the slug
        "x1": "W06000016",  # the English name, case and punctuation aside
        "x2": "W06000001",  # the Welsh name, without its circumflex
    }
    assert organisation_areas(organisations, "boards") == {
        "x3": "W11000023",
        "x4": "W11000031",
    }
    assert name_key("Ynys Môn") == name_key("ynys-mon") == "ynys mon"


def test_the_reference_and_the_boundaries_agree() -> None:
    reference = load_areas()
    assert len(reference.councils) == 22 and len(reference.boards) == 7
    for layer, prefix, count in (("councils", "W06", 22), ("boards", "W11", 7)):
        codes = {f["properties"]["code"] for f in boundaries(layer)["features"]}
        assert codes == {a.code for a in reference.layer(layer)}
        assert len(codes) == count and all(c.startswith(prefix) for c in codes)
        assert map_areas.BOUNDARY_FILES[layer].stat().st_size <= 300_000


def _area(geometry: dict) -> float:  # type: ignore[type-arg]
    total = 0.0
    for polygon in geometry["coordinates"]:
        ring = polygon[0]
        total += abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2)
    return total


def test_a_health_board_is_the_union_of_its_councils() -> None:
    reference = load_areas()
    councils = {f["properties"]["code"]: f["geometry"] for f in boundaries("councils")["features"]}
    for feature in boundaries("boards")["features"]:
        members = reference.board_councils(feature["properties"]["code"])
        assert members
        # the same ground: the board's area is its councils' areas added up
        assert _area(feature["geometry"]) == pytest.approx(
            sum(_area(councils[c.code]) for c in members), rel=1e-6
        )
        # and the same extent
        points = [p for poly in feature["geometry"]["coordinates"] for p in poly[0]]
        inside = [p for c in members for poly in councils[c.code]["coordinates"] for p in poly[0]]
        assert min(points) == min(inside) and max(points) == max(inside)
    assert sorted(c.board for c in reference.councils).count("W11000023") == 6


def test_the_files_are_what_the_build_makes_of_the_ons_extract() -> None:
    councils, boards = build.build()
    assert councils == json.loads(build.COUNCILS_FILE.read_text(encoding="utf-8"))
    assert boards == json.loads(build.BOARDS_FILE.read_text(encoding="utf-8"))


def test_a_ring_that_does_not_close_is_refused() -> None:
    arcs = {0: [(0.0, 0.0), (1.0, 0.0)], 1: [(1.0, 0.0), (1.0, 1.0)]}
    with pytest.raises(build.BoundaryError):
        build.ring_points([0, 1], arcs)


def test_the_choices_round_trip_through_the_link() -> None:
    assert measure_from_link({}) == ("digital", "councils", "")
    assert measure_from_link({"map_measure": ["nonsense"], "map_areas": ["wards"]}) == (
        "digital",
        "councils",
        "",
    )
    params = measure_link("challenge", "boards", "legacy")
    assert params == {
        "map_measure": ["challenge"],
        "map_areas": ["boards"],
        "map_challenge": ["legacy"],
    }
    assert measure_from_link(params) == ("challenge", "boards", "legacy")
    assert measure_link("digital", "councils", "legacy") == {}


def test_a_click_names_the_area_of_the_point_chosen() -> None:
    event = {"selection": {"points": [{"customdata": "W06000015", "point_index": 3}]}}
    assert chosen_area(event) == "W06000015"
    assert chosen_area({"selection": {"points": [{"customdata": ["W11000024"]}]}}) == "W11000024"
    assert chosen_area({"selection": {"points": []}}) is None
    assert chosen_area(None) is None
