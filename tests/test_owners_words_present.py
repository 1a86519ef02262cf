"""The Present page's optional slide "In owners' words": off in the standard sequence, chosen
through the link or the chooser, shown as text on screen, and written into the PPTX and PDF."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from dashboard import slide_sources
from dashboard.common.i18n import using
from dashboard.common.slides import Quote, Slide
from dashboard.present import deck, sequence
from tests.on_demand import open_expanders
from tests.test_deck import meta, pdf_text, pptx_texts, words

PAGE = "pages/present.py"


@pytest.fixture
def inputs(demo_engine) -> slide_sources.Inputs:  # type: ignore[no-untyped-def]
    return slide_sources.for_whole_store(demo_engine)


def test_the_slide_is_optional_and_kept_in_the_link() -> None:
    assert "owners_words" not in sequence.DEFAULT_ORDER
    assert "owners_words" in sequence.ALL_KINDS
    assert sequence.parse_order("levels,owners_words") == ["levels", "owners_words"]
    assert sequence.to_link(["owners_words"], 0) == {"slides": ["owners_words"], "slide": ["1"]}
    with using("cy"):
        welsh = sequence.kind_name("owners_words")
    assert welsh == "Yng ngeiriau'r perchnogion (dyfyniadau)"
    assert sequence.key_of(welsh) == "owners_words"


def test_the_slide_quotes_a_handful_on_the_top_challenge(inputs) -> None:  # type: ignore[no-untyped-def]
    slide = slide_sources.build_one("owners_words", inputs)
    noted = set(inputs.owners_words.table["_theme"].dropna())
    top = next(code for code in inputs.challenges.themes["Code"] if code in noted)
    name = inputs.challenges.themes.set_index("Code").loc[top, "Theme"]
    assert slide.title == f"In owners' words: {name}"
    assert 1 <= len(slide.quotes) <= 4
    of_theme = inputs.owners_words.table[inputs.owners_words.table["_theme"] == top]
    assert {q.text for q in slide.quotes} <= set(of_theme["Quote"])  # short demo notes: whole
    assert len({q.text for q in slide.quotes}) == len(slide.quotes)  # no quote twice
    assert "Invented for the demo data set" in slide.caption


def test_the_page_shows_the_slide_when_chosen(open_app, inputs) -> None:  # type: ignore[no-untyped-def]
    expected = slide_sources.build_one("owners_words", inputs)
    at = open_app(PAGE, slides="levels,owners_words", slide="2")
    assert not at.exception
    assert expected.title in [title.value.replace("\\", "") for title in at.title]
    shown = [text.value for text in at.text]
    for quote in expected.quotes:
        assert f"“{quote.text}”" in shown
        assert f"— {quote.who}" in shown
    assert expected.caption in shown
    # the chooser offers it after the standard slides, and shows it chosen
    open_expanders(at, "present_choose_panel")
    chooser = at.multiselect(key="present_order")
    assert chooser.options.index("In owners' words (quotes)") >= len(sequence.DEFAULT_ORDER)
    assert chooser.value == ["levels", "owners_words"]


def test_the_deck_holds_the_quotes_whole_and_never_cut() -> None:
    long = "A very long quote " * 30
    slide = Slide(
        "owners_words",
        "In owners' words: Short-term funding",
        quotes=[
            Quote("Each grant lasts a year.", "Book a room · Cardiff Council"),
            Quote(long.strip(), "Report a bin · Gwynedd Council", shortened=True),
            Quote("Mae'r ŵyn yn cyrraedd.", "Apply · Cyngor Gwynedd"),
        ],
        caption="3 quotes from 3 services in 2 organisations; 3 shown.",
    )
    drawn = [deck.Drawn(slide, None)]
    page = Presentation(io.BytesIO(deck.to_pptx(drawn, meta()))).slides[1]
    texts = words(" ".join(pptx_texts(page)))
    for quote in slide.quotes:
        assert f"“{words(quote.text)}”" in texts
        assert f"— {quote.who}" in texts
    assert slide.caption in texts
    pdf = words(pdf_text(deck.to_pdf(drawn, meta()), 1))
    assert "“Mae'r ŵyn yn cyrraedd.”" in pdf and "— Book a room · Cardiff Council" in pdf
    assert slide.caption in pdf
    # every block within the body, none over the footer
    plan = deck.layout(slide, meta())
    blocks = deck.quote_blocks(slide, plan)
    top, last, _ = blocks[-1]
    assert top + last.height <= plan.body_bottom
