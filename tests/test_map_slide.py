"""Present's map slide: Wales's councils by the share digital end to end, with the main points
as the speaker's notes, the table of areas as its text alternative, fitted to the room, and
shown when chosen (it is optional: the standard sequence stays as it was)."""

from __future__ import annotations

from dashboard import slide_sources
from dashboard.common.i18n import using
from dashboard.common.slides import chart_table
from dashboard.map.main_points import main_points
from dashboard.present import fit, sequence

PAGE = "pages/present.py"


def test_the_map_slide_draws_every_council_with_its_finding(demo_engine) -> None:  # type: ignore[no-untyped-def]
    inputs = slide_sources.for_whole_store(demo_engine)
    with using("en"):
        slide = slide_sources.build_one("map", inputs)
        points = main_points(inputs.map_view)
    assert slide.figure is not None and slide.title.startswith("Highest")
    markers = next(trace for trace in slide.figure.data if trace.customdata)
    assert len(markers.customdata) == 22
    assert slide.notes == " ".join(points)
    table = chart_table(slide.figure)
    assert len(table) == 22 and table["ONS code"].iloc[0] == "W06000001"
    fitted = fit.slide_figure(slide.figure, 1206, 420)
    assert fitted.layout.height == 420
    assert "map" in sequence.ALL_KINDS and "map" not in sequence.DEFAULT_ORDER
    with using("cy"):
        assert sequence.kind_name("map") == "Map o Gymru"
        assert slide_sources.build_one("map", inputs).title.startswith("Uchaf")


def test_the_present_page_shows_the_map_slide_when_chosen(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    with using("en"):
        expected = slide_sources.build_one("map", slide_sources.for_whole_store(demo_engine))
    at = open_app(PAGE, slides="levels,map", slide="2")
    assert not at.exception
    assert expected.title in [title.value.replace("\\", "") for title in at.title]
