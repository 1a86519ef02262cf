"""Present's "Since the last round" slide: the level moves between the last closed survey round
and the open one, over the services in both, with the Trends page's main points as notes; in
the PPTX and PDF, in Welsh, and on the page when chosen (it is optional)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard import slide_sources
from dashboard.common.i18n import using
from dashboard.common.queries import load_themes
from dashboard.present import deck, sequence
from dashboard.trends.compare import UP, compare_rounds
from dashboard.trends.findings import main_points
from dashboard.trends.slides import SinceLastRound, since_last_round_slide
from dashboard.trends.states import load_state
from tests.test_deck import meta, needs_renderer, words

PAGE = "pages/present.py"


def test_the_slide_draws_the_moves_since_the_last_round(demo_engine) -> None:  # type: ignore[no-untyped-def]
    inputs = slide_sources.for_whole_store(demo_engine)
    compared = compare_rounds(
        load_state(demo_engine, "discovery-2021"), load_state(demo_engine, "current")
    )
    themes = load_themes(demo_engine)
    names = dict(zip(themes["code"], themes["name_en"], strict=True))
    with using("en"):
        slide = slide_sources.build_one("since_last_round", inputs)
        expected = main_points(compared, "Discovery 2021", "Review 2025 (current)", names)
    assert slide.figure is not None
    assert slide.title == (
        f"{compared.moved(UP):,} of {compared.compared:,} services moved up a level or more "
        f"since Discovery 2021, {compared.moved('down'):,} moved down"
    )
    assert slide.notes == " ".join(expected)
    assert "since_last_round" in sequence.OPTIONAL
    assert "since_last_round" not in sequence.DEFAULT_ORDER
    with using("cy"):
        assert sequence.kind_name("since_last_round") == "Ers y rownd ddiwethaf"
        welsh = slide_sources.build_one("since_last_round", inputs)
    assert welsh.title != slide.title and "gwasanaeth" in welsh.title


def test_one_round_only_says_so_in_words() -> None:
    empty = slide_sources.Inputs(
        overview=lambda: None,  # type: ignore[arg-type,return-value]
        challenges=lambda: None,  # type: ignore[arg-type,return-value]
        availability=lambda: None,  # type: ignore[arg-type,return-value]
        priorities=lambda: None,  # type: ignore[arg-type,return-value]
        weights={},
        journeys=lambda: None,  # type: ignore[arg-type,return-value]
    )
    with using("en"):
        slide = slide_sources.build_one("since_last_round", empty)
    assert slide.figure is None and slide.title == "Only one survey round so far"
    assert "open a new round on the Data page" in slide.message


def test_the_slide_in_the_pptx_and_pdf(demo_engine) -> None:  # type: ignore[no-untyped-def]
    needs_renderer()
    inputs = slide_sources.for_whole_store(demo_engine)
    order = ["headline", "since_last_round"]
    made = deck.make(lambda: slide_sources.build(order, inputs), meta(), "en")
    built = slide_sources.build(order, inputs)
    pages = list(Presentation(io.BytesIO(made.pptx)).slides)
    assert len(pages) == 3
    page = pages[2]
    assert page.shapes.title.text_frame.text == built[1].title
    assert [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert page.notes_slide.notes_text_frame.text == built[1].notes
    pdf = pdfium.PdfDocument(io.BytesIO(made.pdf))
    try:
        assert words(built[1].title) in words(pdf[2].get_textpage().get_text_range())
    finally:
        pdf.close()


def test_the_present_page_shows_the_slide_when_chosen(open_app, demo_engine) -> None:  # type: ignore[no-untyped-def]
    with using("en"):
        expected = slide_sources.build_one(
            "since_last_round", slide_sources.for_whole_store(demo_engine)
        )
    at = open_app(PAGE, slides="levels,since_last_round", slide="2")
    assert not at.exception
    assert expected.title in [title.value.replace("\\", "") for title in at.title]


def test_the_filter_narrows_the_services_compared(demo_engine) -> None:  # type: ignore[no-untyped-def]
    whole = slide_sources.for_whole_store(demo_engine).since_last_round
    assert isinstance(whole, SinceLastRound) and whole.comparison is not None
    then, now = load_state(demo_engine, "discovery-2021"), load_state(demo_engine, "current")
    health = then.levels.index[:20]
    narrowed = SinceLastRound(
        compare_rounds(then, now, health), whole.then, whole.now, whole.themes
    )
    with using("en"):
        slide = since_last_round_slide(narrowed)
    assert narrowed.comparison is not None and narrowed.comparison.both <= 20
    assert f"of {narrowed.comparison.compared:,} services" in slide.title
