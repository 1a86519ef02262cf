"""The Present page through AppTest: next and previous, the chosen slides in the URL, the deck."""

from __future__ import annotations

import pytest

from dashboard import slides
from dashboard.images import renderer_problem
from tests.conftest import unavailable

PAGE = "pages/present.py"


@pytest.fixture
def present(open_app):  # type: ignore[no-untyped-def]
    return lambda **query: open_app(PAGE, **query)


def _where(at) -> str:  # type: ignore[no-untyped-def]
    return next(c.value for c in at.caption if c.value.startswith("Slide "))


def test_next_and_previous_step_through_the_slides(present) -> None:  # type: ignore[no-untyped-def]
    at = present()
    assert _where(at) == f"Slide 1 of {len(slides.DEFAULT_ORDER)} · Headline figures"
    assert at.title[0].value.endswith("organisations")
    at.button(key="present_next").click().run()
    assert _where(at).startswith("Slide 2 of") and "Digitisation by sector" in _where(at)
    assert at.query_params["slide"] in ("2", ["2"])
    assert len(at.get("plotly_chart")) == 1
    at.button(key="present_previous").click().run()
    at.button(key="present_previous").click().run()  # wraps round to the last slide
    assert _where(at).startswith(f"Slide {len(slides.DEFAULT_ORDER)} of")


def test_the_chosen_slides_and_order_live_in_the_url(present) -> None:  # type: ignore[no-untyped-def]
    at = present()
    at.multiselect(key="present_order").set_value(["priorities", "headline"]).run()
    assert not at.exception
    assert at.query_params["slides"] in ("priorities,headline", ["priorities,headline"])
    assert _where(at).startswith("Slide 1 of 2")

    again = present(slides="priorities,headline", slide="2")
    assert _where(again) == "Slide 2 of 2 · Headline figures"
    again.button(key="present_reset").click().run()
    assert "slides" not in again.query_params


def test_every_slide_shows_the_filter_and_data_source(present) -> None:  # type: ignore[no-untyped-def]
    at = present(sector="health", slides="levels")
    footer = next(c.value for c in at.caption if c.value.startswith("Filter:"))
    assert footer.startswith("Filter: Sector: Health")
    assert "invented" in footer.lower()


def test_no_slides_chosen_explains_itself(present) -> None:  # type: ignore[no-untyped-def]
    at = present(slides="nonsense")
    assert "No slides are chosen" in at.info[0].value


def test_building_the_deck_offers_pptx_and_pdf(present) -> None:  # type: ignore[no-untyped-def]
    if renderer_problem():
        unavailable("Chromium is not installed")
    at = present(slides="headline,levels")
    at.button(key="present_build").click().run()
    assert not at.exception
    keys = {d.proto.id.rsplit("-", 1)[1] for d in at.get("download_button")}
    assert {"present_pptx", "present_pdf"} <= keys
    assert any(c.value.startswith("Built 3 slides in") for c in at.caption)
    # changing the slides makes the built deck stale, and the page says so
    at.multiselect(key="present_order").set_value(["levels"]).run()
    assert any("build it again" in c.value for c in at.caption)
