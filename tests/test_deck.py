"""The show-and-tell slides and the deck files: they open, hold what the slides say, fit the
page whatever the filter, and speak the language they were built in."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pandas as pd
import pypdfium2 as pdfium
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from dashboard import slide_sources
from dashboard.common import charts
from dashboard.common import slides as common_slides
from dashboard.common.chart_images import renderer_problem
from dashboard.common.i18n import using
from dashboard.overview import journeys
from dashboard.present import deck, sequence
from tests.conftest import unavailable

MADE = datetime(2026, 11, 25, 14, 30, tzinfo=UTC)
LOADED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def inputs(demo_engine) -> slide_sources.Inputs:  # type: ignore[no-untyped-def]
    return slide_sources.for_whole_store(demo_engine)


def meta(summary: list[str] | None = None, invented: bool = True) -> sequence.Meta:
    source = "Source: Demo data set, invented for illustration, not a finding."
    return sequence.Meta(summary or ["Sector: Health"], source, MADE, LOADED, invented)


def needs_renderer() -> None:
    if renderer_problem():
        unavailable("Chromium is not installed")


def a_chart_png(width: int = 2400, height: int = 1120) -> bytes:
    """A stand-in for a drawn chart (the layout tests need no browser)."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#0072B2").save(buffer, format="PNG")
    return buffer.getvalue()


def pptx_texts(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [shape.text_frame.text for shape in page.shapes if shape.has_text_frame]


def pdf_text(data: bytes, page: int) -> str:
    pdf = pdfium.PdfDocument(io.BytesIO(data))
    try:
        return pdf[page].get_textpage().get_text_range()
    finally:
        pdf.close()


def words(text: str) -> str:
    return " ".join(text.split())


# ---- the slides ----------------------------------------------------------------------------


def test_parse_order_keeps_known_slides_in_the_given_order() -> None:
    assert sequence.parse_order("priorities,headline") == ["priorities", "headline"]
    assert sequence.parse_order(["levels", "nonsense,levels", "surveys"]) == ["levels", "surveys"]
    assert sequence.parse_order(None) == list(sequence.DEFAULT_ORDER)
    assert sequence.parse_order("") == []


def test_a_slide_moves_one_place_and_stops_at_the_ends() -> None:
    order = ["headline", "levels", "surveys"]
    assert sequence.move(order, "surveys", -1) == ["headline", "surveys", "levels"]
    assert sequence.move(order, "headline", 1) == ["levels", "headline", "surveys"]
    assert sequence.move(order, "headline", -1) == order  # already first
    assert sequence.move(order, "surveys", 1) == order  # already last
    assert sequence.move(order, "journeys", 1) == order  # not chosen: nothing moves


def test_a_slide_is_found_by_its_key_or_its_name_in_either_language() -> None:
    assert sequence.key_of("journeys") == "journeys"
    assert sequence.key_of("Top priorities") == "priorities"
    assert sequence.key_of("Y prif flaenoriaethau") == "priorities"
    assert sequence.key_of("Nonsense") is None


def test_every_slide_states_a_finding(inputs) -> None:  # type: ignore[no-untyped-def]
    built = slide_sources.build(sequence.DEFAULT_ORDER, inputs)
    assert [slide.key for slide in built] == list(sequence.DEFAULT_ORDER)
    assert len(built) == 9  # with the title slide, a deck of ten
    headline = built[0]
    assert headline.figure is None and len(headline.facts) == 4
    assert all(slide.figure is not None for slide in built[1:])
    # the chart's finding, as plain words: the chart wraps its title with <br>, the slide not
    for slide in built[1:]:
        assert slide.title == common_slides.plain_title(slide.figure.layout.title.text)
        assert slide.title and "<" not in slide.title and "&amp;" not in slide.title
    data_gaps = next(slide for slide in built if slide.key == "data_gaps")
    assert data_gaps.title.startswith("Cost per transaction is the hardest to get")


def test_a_chart_title_becomes_plain_words() -> None:
    assert common_slides.plain_title("Top priority: Apply for a<br>permit &amp; licence") == (
        "Top priority: Apply for a permit & licence"
    )
    # a name that really holds "<" (escaped for plotly) reads as written
    assert common_slides.plain_title("Fix &lt;b&gt; tags<br>now") == "Fix <b> tags now"
    assert common_slides.plain_title(None) == ""


LONG_SERVICE = "Apply for a street trading, market stall & pavement café licence and renew it"


def long_titled(inputs: slide_sources.Inputs) -> common_slides.Slide:
    """The top priorities slide led by a service whose name makes the finding run to several
    lines of the chart's title (with an "&" plotly needs escaped)."""
    top = inputs.priorities.copy()
    top.loc[top.index[0], "Service"] = LONG_SERVICE
    slide = slide_sources.build_one("priorities", inputs.replace(priorities=top))
    # and a subtitle over two lines, wrapped as every chart's is
    slide.figure.layout.title.subtitle.text = charts.wrap(
        "The ten highest scores and why, each part's share of the score, for every service "
        "the filter matches & that has a figure",
        charts.SUBTITLE_CHARACTERS,
    )
    return slide


def test_a_long_finding_is_one_plain_title_on_the_slide(inputs) -> None:  # type: ignore[no-untyped-def]
    slide = long_titled(inputs)
    wrapped = slide.figure.layout.title.text
    assert "<br>" in wrapped and "&amp;" in wrapped  # the chart itself wraps and escapes it
    assert "<br>" in slide.figure.layout.title.subtitle.text
    leader = inputs.priorities.iloc[0]
    assert slide.title == (
        f"Top priority: {LONG_SERVICE} ({leader['Organisation']}), score {leader['Score']:.2f}"
    )


def test_the_headline_title_does_not_repeat_its_figures(inputs) -> None:  # type: ignore[no-untyped-def]
    headline = slide_sources.build_one("headline", inputs)
    figures = inputs.overview.headline
    assert headline.title == (
        f"{figures.services:,} services from {figures.organisations:,} organisations"
    )
    for fact in headline.facts:
        assert fact.value not in headline.title
        assert fact.detail  # each figure says what it rests on
    shares = {fact.label: fact for fact in headline.facts}
    # the share is of the services whose level is known; the slide says how many are not
    missing = figures.services - figures.level_known
    assert missing == 9
    assert shares["Digital end to end"].detail == (
        f"{figures.digital_end_to_end:,} of {figures.level_known:,} services with a level "
        f"recorded are at level 3 or 4 ({missing} not recorded)"
    )
    assert shares["Journeys"].value == f"{figures.journeys:,}"


def test_fewer_bars_when_the_screen_has_less_room(inputs) -> None:  # type: ignore[no-untyped-def]
    many = slide_sources.build_one("standards", inputs, bars=10)
    few = slide_sources.build_one("standards", inputs, bars=4)
    assert len(many.figure.data[0].y) == 10 and len(few.figure.data[0].y) == 4
    assert few.title == many.title  # the finding is the same
    assert few.figure.layout.title.subtitle.text.startswith("The 4 of 12 standards")
    challenges = slide_sources.build_one("challenges", inputs, bars=5)
    assert len(challenges.figure.data[0].y) == 5


def test_journeys_count_the_fan_out_by_sector() -> None:
    services = pd.DataFrame(
        {
            "sector": ["health", "health", "local_authority", "local_authority", "third_sector"],
            "journeys": [80, 1, 3, 0, 0],
        }
    )
    table = journeys.journey_bands(services)
    assert table.loc["health"].to_dict() == {
        "one": 1,
        "few": 0,
        "many": 80,
        "services": 2,
        "most": 80,
    }
    assert table.loc["local_authority", "few"] == 3
    assert table.loc["local_authority", "services"] == 1  # the service with none is left out
    assert table.loc["third_sector"].sum() == 0


def test_the_journeys_slide_names_the_sector_holding_most(inputs) -> None:  # type: ignore[no-untyped-def]
    slide = slide_sources.build_one("journeys", inputs)
    table = inputs.journeys
    total = int(table[list(journeys.JOURNEY_BANDS)].to_numpy().sum())
    assert slide.title.startswith("Health: ")
    assert f"of the {total:,} journeys" in slide.title
    empty = inputs.replace(journeys=table * 0)
    nothing = slide_sources.build_one("journeys", empty)
    assert nothing.figure is None and nothing.message


def test_the_data_behind_a_chart_is_its_bars(inputs) -> None:  # type: ignore[no-untyped-def]
    slide = slide_sources.build_one("levels", inputs)
    table = common_slides.chart_table(slide.figure)
    # a level not recorded is in no bar: the bars are the levels only
    levels = inputs.overview.levels.drop(columns=["All levels", "Level not recorded"])
    assert list(table.index) == [str(i) for i in levels.index]
    assert table.to_numpy().sum() == levels.to_numpy().sum()


def test_the_footer_carries_the_filter_and_both_dates() -> None:
    footer = meta(["Sector: Health", 'Search: "permit"']).footer
    assert footer[0] == 'Filter: Sector: Health; Search: "permit"'
    assert footer[1].endswith("Data loaded 2 November 2026 · slides made 25 November 2026")
    assert sequence.Meta([], "Source: x", MADE, None, False).footer == [
        "Filter: none (all services)",
        "Source: x · Slides made 25 November 2026",
    ]


# ---- the deck, laid out without a browser --------------------------------------------------


def stand_ins(built: list[common_slides.Slide]) -> list[deck.Drawn]:
    return [deck.Drawn(s, a_chart_png() if s.figure is not None else None) for s in built]


def test_the_title_slide_has_the_filter_both_dates_and_the_demo_note(inputs) -> None:  # type: ignore[no-untyped-def]
    drawn = stand_ins(slide_sources.build(["headline"], inputs))
    cover = " ".join(pptx_texts(Presentation(io.BytesIO(deck.to_pptx(drawn, meta()))).slides[0]))
    assert "Digital public services in Wales" in cover
    assert "Filter: Sector: Health" in cover
    assert "Data loaded 2 November 2026 · slides made 25 November 2026" in cover
    assert deck.demo_note() in cover
    text = words(pdf_text(deck.to_pdf(drawn, meta()), 0))
    assert "slides made 25 November 2026" in text and "Illustrative data" in text


def test_no_demo_note_when_the_data_is_real(inputs) -> None:  # type: ignore[no-untyped-def]
    real = sequence.Meta(["Sector: Health"], "Source: Discovery 2026", MADE, LOADED, False)
    drawn = stand_ins(slide_sources.build(["headline", "levels"], inputs))
    presentation = Presentation(io.BytesIO(deck.to_pptx(drawn, real)))
    every_text = " ".join(" ".join(pptx_texts(page)) for page in presentation.slides)
    assert "Illustrative" not in every_text and "invented" not in every_text
    pdf = deck.to_pdf(drawn, real)
    assert all("Illustrative" not in pdf_text(pdf, page) for page in range(3))


def test_pictures_are_centred_and_titles_fit_their_box(inputs) -> None:  # type: ignore[no-untyped-def]
    built = slide_sources.build(["levels", "standards"], inputs)
    presentation = Presentation(io.BytesIO(deck.to_pptx(stand_ins(built), meta())))
    width = presentation.slide_width
    for page, slide in zip(list(presentation.slides)[1:], built, strict=True):
        picture = next(s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        assert abs((picture.left + picture.width / 2) - width / 2) < width * 0.005
        title = page.shapes.title  # the slide's title placeholder: the outline and readers
        assert title.text_frame.text == slide.title
        assert (
            title.text_frame._bodyPr.find(  # shrink on overflow as a backstop
                "{http://schemas.openxmlformats.org/drawingml/2006/main}normAutofit"
            )
            is not None
        )
        assert picture.top >= title.top + title.height  # the chart starts below the title
        assert picture._element.nvPicPr.cNvPr.get("descr").startswith(slide.title)


def test_deck_titles_and_alt_text_are_plain_words(inputs) -> None:  # type: ignore[no-untyped-def]
    built = [*slide_sources.build(["levels", "journeys", "standards"], inputs), long_titled(inputs)]
    assert any("<br>" in s.figure.layout.title.text for s in built)  # long titles were wrapped
    drawn = stand_ins(built)
    pages = list(Presentation(io.BytesIO(deck.to_pptx(drawn, meta()))).slides)[1:]
    for page, slide in zip(pages, built, strict=True):
        title = page.shapes.title.text_frame.text
        assert title == slide.title and "<" not in title and "&amp;" not in title
        picture = next(s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        alt = picture._element.nvPicPr.cNvPr.get("descr")
        assert alt.startswith(slide.title) and "<" not in alt and "&amp;" not in alt
    assert LONG_SERVICE in pages[-1].shapes.title.text_frame.text
    pdf = deck.to_pdf(drawn, meta())
    for number, slide in enumerate(built, start=1):
        text = words(pdf_text(pdf, number))
        assert words(slide.title) in text
        assert "<" not in text and "&amp;" not in text


def test_long_text_wraps_and_shrinks_to_fit_the_pdf_page(inputs) -> None:  # type: ignore[no-untyped-def]
    long_filter = [
        "Organisation: " + ", ".join(f"Cyngor Bwrdeistref Sirol Rhif {n}" for n in range(30)),
        'Search: "' + "cynllunio " * 12 + "supercalifragilisticexpialidocious" * 4 + '"',
    ]
    long_title = "A finding " + "that goes on and on " * 14
    built = [
        *slide_sources.build(["headline", "levels"], inputs),
        common_slides.Slide("x", long_title),
    ]
    pdf_bytes = deck.to_pdf(stand_ins(built), meta(long_filter))
    pdf = pdfium.PdfDocument(io.BytesIO(pdf_bytes))
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            width, height = page.get_size()
            text = page.get_textpage()
            for index in range(text.count_chars()):
                if text.get_text_range(index, 1).isspace():
                    continue
                left, bottom, right, top = text.get_charbox(index)
                assert left >= 0 and bottom >= 0 and right <= width and top <= height, (
                    f"page {number + 1}: {text.get_text_range(index, 1)!r} off the page"
                )
        # nothing was cut: the whole filter is on the title slide (the over-long word broken
        # over lines, not dropped)
        cover = "".join(pdf[0].get_textpage().get_text_range().split())
        assert "".join(meta(long_filter).filter_line.split()) in cover
        assert words(long_title) in words(pdf[3].get_textpage().get_text_range())
    finally:
        pdf.close()


def test_wrap_breaks_at_spaces_and_only_splits_a_word_wider_than_the_line() -> None:
    lines = deck.wrap("one two three four five six seven", 12, 80)
    assert len(lines) > 1 and " ".join(lines) == "one two three four five six seven"
    assert all(deck._width(line, 12) <= 80 for line in lines)
    long_word = "x" * 200
    broken = deck.wrap(long_word, 12, 80)
    assert "".join(broken) == long_word and all(deck._width(line, 12) <= 80 for line in broken)
    fitted = deck.fit("word " * 60, 300, 20, 8, 2)
    assert fitted.size < 20 and fitted.size >= 8


def test_without_a_font_for_welsh_letters_the_page_is_told_why(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(deck, "FONT_FILES", (("/nowhere/a.ttf", "/nowhere/b.ttf"),))
    deck._fonts.cache_clear()
    try:
        with using("cy"):
            assert "ŵ ac ŷ" in deck.font_problem()
        with pytest.raises(RuntimeError, match="fonts-dejavu-core"):
            deck.to_pdf([], meta())
    finally:
        deck._fonts.cache_clear()  # the next test finds the real font again


# ---- the real deck, drawn in the browser ---------------------------------------------------


def test_pptx_and_pdf_open_and_hold_the_slides(inputs) -> None:  # type: ignore[no-untyped-def]
    needs_renderer()
    order = ["headline", "levels", "priorities", "data_gaps", "journeys"]
    steps: list[tuple[int, int]] = []
    made = deck.make(
        lambda: slide_sources.build(order, inputs),
        meta(),
        "en",
        lambda done, total, what: steps.append((done, total)),
    )
    built = slide_sources.build(order, inputs)
    assert steps[0] == (0, 5) and steps[-1] == (5, 5)  # progress reported from start to end
    assert made.slides == len(order) + 1
    assert made.file_name(".pptx", MADE) == "digital-services-wales-slides-2026-11-25.pptx"

    presentation = Presentation(io.BytesIO(made.pptx))
    pages = list(presentation.slides)
    assert len(pages) == len(order) + 1
    for page, slide in zip(pages[1:], built, strict=True):
        assert page.shapes.title.text_frame.text == slide.title  # the finding, editable
        pictures = [s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == (1 if slide.figure is not None else 0)
        if slide.notes:
            assert page.notes_slide.notes_text_frame.text == slide.notes
    facts = " ".join(pptx_texts(pages[1]))
    assert f"{inputs.overview.headline.journeys:,}" in facts  # figures as native text

    pdf = pdfium.PdfDocument(io.BytesIO(made.pdf))
    try:
        assert len(pdf) == len(order) + 1
        assert words(built[1].title) in words(pdf[2].get_textpage().get_text_range())
        image = pdf[0].render(scale=1).to_pil()
        assert image.size == (960, 540)
        low, high = image.convert("L").getextrema()
        assert high - low > 100  # drawn, not blank
        chart = pdf[2].render(scale=1).to_pil().convert("L")
        assert len(chart.getcolors(maxcolors=1 << 16)) > 20  # a chart, in many shades
    finally:
        pdf.close()


def test_a_deck_built_in_welsh_is_welsh_throughout(inputs) -> None:  # type: ignore[no-untyped-def]
    needs_renderer()
    with using("cy"):
        summary = ["Sector: Iechyd", "Sefydliad: Dŵr Cymru"]
        welsh = sequence.Meta(summary, "Ffynhonnell: Set ddata enghreifftiol", MADE, LOADED, True)
    order = ["headline", "journeys"]
    made = deck.make(lambda: slide_sources.build(order, inputs), welsh, "cy")
    assert made.file_name(".pdf", MADE) == "sleidiau-gwasanaethau-digidol-cymru-2026-11-25.pdf"
    presentation = Presentation(io.BytesIO(made.pptx))
    pages = list(presentation.slides)
    figures = inputs.overview.headline
    assert pages[0].shapes.title.text_frame.text == "Gwasanaethau cyhoeddus digidol yng Nghymru"
    cover = " ".join(pptx_texts(pages[0]))
    assert "Ble i wella nesaf" in cover
    assert "Hidlydd: Sector: Iechyd; Sefydliad: Dŵr Cymru" in cover
    assert "Data wedi'u llwytho ar 2 Tachwedd 2026" in cover
    assert "sleidiau wedi'u creu ar 25 Tachwedd 2026" in cover
    assert pages[1].shapes.title.text_frame.text == (
        f"{figures.services:,} gwasanaeth o {figures.organisations:,} sefydliad"
    )
    labels = " ".join(pptx_texts(pages[1]))
    assert "Digidol o'r dechrau i'r diwedd" in labels and "Teithiau" in labels
    assert pages[2].shapes.title.text_frame.text.startswith("Iechyd: mae gan ")
    assert "Digital end to end" not in labels and "Filter:" not in cover

    cover_text = words(pdf_text(made.pdf, 0))
    assert "Gwasanaethau cyhoeddus digidol yng Nghymru" in cover_text
    assert "Dŵr Cymru" in cover_text  # ŵ set in a font that has it, and read back
    assert "Tachwedd" in cover_text and "November" not in cover_text
    assert "Digidol o'r dechrau i'r diwedd" in words(pdf_text(made.pdf, 1))


def test_a_deck_of_every_kind_has_ten_slides_and_ten_pages(inputs) -> None:  # type: ignore[no-untyped-def]
    needs_renderer()
    made = deck.make(lambda: slide_sources.build(sequence.DEFAULT_ORDER, inputs), meta(), "en")
    built = slide_sources.build(sequence.DEFAULT_ORDER, inputs)
    assert len(sequence.DEFAULT_ORDER) == 9 and made.slides == 10  # the title slide and nine kinds
    pages = list(Presentation(io.BytesIO(made.pptx)).slides)
    assert len(pages) == 10
    assert [page.shapes.title.text_frame.text for page in pages[1:]] == [s.title for s in built]
    for page in pages[1:]:
        assert "<" not in page.shapes.title.text_frame.text
        for picture in (s for s in page.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE):
            assert "<" not in picture._element.nvPicPr.cNvPr.get("descr")
    pdf = pdfium.PdfDocument(io.BytesIO(made.pdf))
    try:
        assert len(pdf) == 10
        for number, slide in enumerate(built, start=1):
            text = words(pdf[number].get_textpage().get_text_range())
            assert words(slide.title) in text and "<br>" not in text
    finally:
        pdf.close()


def test_the_slides_link_holds_the_choice_and_the_slide_shown() -> None:
    assert sequence.to_link(sequence.DEFAULT_ORDER, 0) == {"slide": ["1"]}
    assert sequence.to_link(["levels", "headline"], 1) == {
        "slides": ["levels,headline"],
        "slide": ["2"],
    }
    assert sequence.to_link([], None) == {"slides": [""]}
    assert sequence.from_link({"slides": ["levels,headline"], "slide": ["2"]}) == (
        ["levels", "headline"],
        1,
    )
    assert sequence.from_link(sequence.to_link([], None)) == ([], 0)
    # no choice is the standard sequence; an unreadable slide number is the first
    assert sequence.from_link({"slide": ["x"]}) == (list(sequence.DEFAULT_ORDER), 0)
    assert sequence.from_link({"slide": ["-3"]}) == (list(sequence.DEFAULT_ORDER), 0)


def test_the_statement_says_the_pdf_is_untagged_while_it_is(inputs) -> None:  # type: ignore[no-untyped-def]
    """The PDF has no structure tree (ReportLab's open-source edition cannot write one): the
    accessibility statement must say so, and point to the PowerPoint, as long as that holds."""
    from dashboard.accessibility.statement import statement

    built = slide_sources.build(["levels"], inputs)
    pdf = deck.to_pdf(stand_ins(built), meta())
    tagged = b"/StructTreeRoot" in pdf and b"/MarkInfo" in pdf
    with using("en"):
        words_ = " ".join(
            line for section in statement(None) for line in (*section.paragraphs, *section.bullets)
        )
    assert tagged is False
    assert "The PDF of a presentation is not a tagged PDF" in words_
    assert "PowerPoint file of the same slides" in words_
