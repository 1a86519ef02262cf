"""The show-and-tell slides and the deck files: they open, and hold what the slides say."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime

import pypdfium2 as pdfium
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard import availability, deck, landscape, slides, themes_insight
from dashboard import prioritise as p
from dashboard.images import renderer_problem
from dashboard.queries import (
    load_assessments,
    load_framework,
    load_memberships,
    load_metric_answers,
    load_services,
    load_survey_progress,
    load_themes,
)
from tests.conftest import unavailable


@pytest.fixture
def inputs(demo_engine) -> slides.Inputs:  # type: ignore[no-untyped-def]
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    themes, metrics = load_themes(demo_engine), load_metric_answers(demo_engine)
    parts = p.components(services, metrics, members.themes)
    return slides.Inputs(
        overview=landscape.overview(
            services, metrics, load_survey_progress(demo_engine), members.themes, themes
        ),
        challenges=themes_insight.build(
            services,
            members.themes,
            themes,
            load_framework(demo_engine),
            load_assessments(demo_engine),
            "challenge",
        ),
        availability=availability.build(services, metrics),
        priorities=p.ranked(p.score(parts, p.DEFAULT_WEIGHTS), services, parts, top=10),
        weights=p.DEFAULT_WEIGHTS,
    )


META = slides.Meta(["Sector: Health"], "Source: demo", datetime(2026, 11, 25, tzinfo=UTC), True)


def test_parse_order_keeps_known_slides_in_the_given_order() -> None:
    assert slides.parse_order("priorities,headline") == ["priorities", "headline"]
    assert slides.parse_order(["levels", "nonsense,levels", "surveys"]) == ["levels", "surveys"]
    assert slides.parse_order(None) == list(slides.DEFAULT_ORDER)
    assert slides.parse_order("") == []


def test_every_slide_states_a_finding(inputs) -> None:  # type: ignore[no-untyped-def]
    built = slides.build(slides.DEFAULT_ORDER, inputs)
    assert [slide.key for slide in built] == list(slides.DEFAULT_ORDER)
    headline = built[0]
    assert headline.figure is None
    assert ("Services", f"{inputs.overview.headline.services:,}") in headline.facts
    assert all(slide.figure is not None for slide in built[1:])
    data_gaps = next(slide for slide in built if slide.key == "data_gaps")
    assert data_gaps.title.startswith("Cost per transaction is the hardest to get")


def test_pptx_and_pdf_open_and_hold_the_slides(inputs) -> None:  # type: ignore[no-untyped-def]
    if renderer_problem():
        unavailable("Chromium is not installed")
    order = ["headline", "levels", "priorities", "data_gaps"]
    built = slides.build(order, inputs)
    steps: list[tuple[int, int]] = []
    started = time.perf_counter()
    drawn = deck.draw(built, lambda done, total, what: steps.append((done, total)))
    pptx_bytes, pdf_bytes = deck.to_pptx(drawn, META), deck.to_pdf(drawn, META)
    print(f"deck of {len(order) + 1} slides in {time.perf_counter() - started:.1f} s")
    assert steps[0] == (0, 4) and steps[-1] == (4, 4)  # progress reported from start to end

    presentation = Presentation(io.BytesIO(pptx_bytes))
    pages = list(presentation.slides)
    assert len(pages) == len(order) + 1
    cover = " ".join(shape.text_frame.text for shape in pages[0].shapes if shape.has_text_frame)
    assert "Digital public services in Wales" in cover
    assert "Filter: Sector: Health" in cover and "invented" in cover
    for page, slide in zip(pages[1:], built, strict=True):
        texts = [shape.text_frame.text for shape in page.shapes if shape.has_text_frame]
        assert texts[0] == slide.title  # the finding, as editable text
        pictures = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == (1 if slide.figure is not None else 0)
        if slide.notes:
            assert page.notes_slide.notes_text_frame.text == slide.notes
    facts = " ".join(s.text_frame.text for s in pages[1].shapes if s.has_text_frame)
    assert f"{inputs.overview.headline.services:,}" in facts  # figures as native text

    pdf = pdfium.PdfDocument(io.BytesIO(pdf_bytes))
    try:
        assert len(pdf) == len(order) + 1
        text = pdf[2].get_textpage().get_text_range()
        assert built[1].title[:40] in text
        image = pdf[0].render(scale=1).to_pil()
        assert image.size == (960, 540)
        low, high = image.convert("L").getextrema()
        assert high - low > 100  # drawn, not blank
    finally:
        pdf.close()
