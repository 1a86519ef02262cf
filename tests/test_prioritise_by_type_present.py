"""The Present page's optional slide "Top service types": off in the standard sequence, chosen
through the link, and drawn from the same type ranking as the Prioritise page."""

from __future__ import annotations

import json

from dashboard import slide_sources
from dashboard.common.i18n import using
from dashboard.common.service_types import type_labels
from dashboard.present import sequence
from tests.welsh_pages import shown

PAGE = "pages/present.py"


def test_the_slide_is_optional_and_named_in_both_languages() -> None:
    assert "priority_types" not in sequence.DEFAULT_ORDER
    assert sequence.parse_order("priority_types") == ["priority_types"]
    with using("cy"):
        welsh = sequence.kind_name("priority_types")
    assert welsh == "Y prif fathau o wasanaeth"
    assert sequence.key_of(welsh) == "priority_types"


def test_the_slide_ranks_the_stores_types(demo_engine) -> None:  # type: ignore[no-untyped-def]
    inputs = slide_sources.for_whole_store(demo_engine)
    types = inputs.priority_types
    assert not types.empty
    with using("en"):
        slide = slide_sources.build_one("priority_types", inputs, bars=5)
        top = type_labels(types["service_type"].head(1)).iloc[0]
    assert slide.figure is not None
    assert str(slide.figure.layout.title.text).startswith(f"Top priority type: {top} (")
    drawn = {y for trace in slide.figure.data for y in trace.y}
    assert drawn == set(types["service_type"].head(5).astype(str))
    assert "counts twice" in slide.notes


def test_no_typed_service_gives_a_slide_that_says_so(demo_engine) -> None:  # type: ignore[no-untyped-def]
    inputs = slide_sources.for_whole_store(demo_engine).replace(
        priority_types=slide_sources._no_types
    )
    with using("en"):
        slide = slide_sources.build_one("priority_types", inputs)
    assert slide.figure is None
    assert slide.title == "No ranked service has a service type recorded"


def test_the_page_shows_the_slide_when_chosen(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE, slides="levels,priority_types", slide="2")
    assert not at.exception
    assert any(shown(title.value).startswith("Top priority type: ") for title in at.title)
    (chart,) = at.get("plotly_chart")
    subtitle = str(json.loads(chart.proto.spec)["layout"]["title"]["text"])
    assert "ranked service types shown" in subtitle
