"""The Present page through AppTest: next and previous, the chosen slides and their order in the
URL, full screen, the footer, the deck, and the whole page in Welsh."""

from __future__ import annotations

import re

import pytest
from streamlit.elements.progress import ProgressMixin

from dashboard.common import charts
from dashboard.common.chart_images import renderer_problem
from dashboard.common.i18n import catalogue
from dashboard.present import sequence
from dashboard.present.screen import Screen
from tests.conftest import unavailable
from tests.on_demand import open_expanders

PAGE = "pages/present.py"
TOTAL = len(sequence.DEFAULT_ORDER)


#: The slide chooser and the deck are built only once their expander is opened.
PANELS = ("present_choose_panel", "present_deck_panel")


@pytest.fixture
def present(open_app):  # type: ignore[no-untyped-def]
    """The page as someone sees it after opening the slide chooser and the deck panel."""
    return lambda **query: open_expanders(open_app(PAGE, **query), *PANELS)


def test_the_slide_chooser_and_the_deck_are_built_once_opened(open_app) -> None:  # type: ignore[no-untyped-def]
    at = open_app(PAGE)
    labels = {e.label for e in at.main.expander}
    assert {"Choose slides", "Download the deck (PPTX and PDF)"} <= labels
    keys = {b.key for b in at.button}
    assert not {"present_reset", "present_build", "present_up_headline"} & keys
    assert not [m for m in at.multiselect if m.key == "present_order"]
    open_expanders(at, *PANELS)
    keys = {b.key for b in at.button}
    assert {"present_reset", "present_build", "present_up_headline"} <= keys
    assert at.multiselect(key="present_order").value == list(sequence.DEFAULT_ORDER)


def unescaped(text: str) -> str:
    """Markdown source as people read it (text typed by people is escaped on the page)."""
    return re.sub(r"\\(.)", r"\1", text)


def markdowns(at) -> list[str]:  # type: ignore[no-untyped-def]
    return [unescaped(m.value) for m in at.markdown]


def where(at) -> str:  # type: ignore[no-untyped-def]
    return next(m for m in markdowns(at) if m.startswith(("Slide ", "Sleid ")))


def footer(at) -> str:  # type: ignore[no-untyped-def]
    return next(m for m in markdowns(at) if m.startswith(("Filter", "Hidlydd")))


def query(at, key: str) -> str:  # type: ignore[no-untyped-def]
    value = at.query_params[key]
    return value[0] if isinstance(value, list) else value


def order(at) -> list[str]:  # type: ignore[no-untyped-def]
    return list(at.session_state["present_slides"])


def heading(at) -> str:  # type: ignore[no-untyped-def]
    """The slide's h1 as people read it."""
    return unescaped(at.title[0].value)


def test_next_and_previous_step_through_the_slides(present) -> None:  # type: ignore[no-untyped-def]
    at = present()
    assert where(at) == f"Slide 1 of {TOTAL} · Headline figures"
    assert at.title[0].value.endswith("organisations")
    assert len(at.title) == 1  # one h1: the slide's finding; the figures are not headings
    at.button(key="present_next").click().run()
    assert where(at) == f"Slide 2 of {TOTAL} · Digitisation by sector"
    assert query(at, "slide") == "2"
    assert len(at.get("plotly_chart")) == 1
    assert at.main.expander[0].label == "The data behind this chart"
    at.button(key="present_previous").click().run()
    at.button(key="present_previous").click().run()  # wraps round to the last slide
    assert where(at).startswith(f"Slide {TOTAL} of {TOTAL}")


def test_the_chosen_slides_and_order_live_in_the_url(present) -> None:  # type: ignore[no-untyped-def]
    at = present()
    at.multiselect(key="present_order").set_value(["priorities", "headline"]).run()
    assert not at.exception
    assert query(at, "slides") == "priorities,headline"
    assert where(at).startswith("Slide 1 of 2")

    again = present(slides="priorities,headline", slide="2")
    assert where(again) == "Slide 2 of 2 · Headline figures"
    again.button(key="present_reset").click().run()
    assert "slides" not in again.query_params


def test_slides_move_up_and_down_without_picking_them_again(present) -> None:  # type: ignore[no-untyped-def]
    at = present(slides="headline,levels,surveys")
    assert at.button(key="present_up_headline").disabled  # the first cannot go earlier
    assert at.button(key="present_down_surveys").disabled  # the last cannot go later
    at.button(key="present_up_surveys").click().run()
    assert order(at) == ["headline", "surveys", "levels"]
    assert query(at, "slides") == "headline,surveys,levels"
    at.button(key="present_down_headline").click().run()
    assert order(at) == ["surveys", "headline", "levels"]
    assert at.multiselect(key="present_order").value == ["surveys", "headline", "levels"]
    assert where(at) == "Slide 1 of 3 · Survey progress"


def test_every_slide_shows_the_filter_the_data_date_and_the_day(present) -> None:  # type: ignore[no-untyped-def]
    at = present(sector="health", slides="levels")
    lines = footer(at).split("\n")
    assert lines[0].strip() == "Filter: Sector: Health"
    assert "invented for illustration" in lines[1]
    assert re.search(r"Data loaded \d{1,2} \w+ \d{4} · slides made \d{1,2} \w+ \d{4}$", lines[1])


def test_full_screen_hides_the_notice_and_the_controls_but_keeps_the_slides(present) -> None:  # type: ignore[no-untyped-def]
    at = present(slides="headline,levels,surveys")
    assert any("Illustrative data" in w.value for w in at.warning)
    at.button(key="present_full_screen").click().run()
    assert not at.exception
    assert not at.warning  # the notice is gone; the footer says the data is invented
    assert "invented" in footer(at)
    assert not at.main.expander  # choosing slides and the deck wait until full screen is left
    assert at.button(key="present_full_screen").label == "Leave full screen"
    # the room sees the slide alone: the one small way out, no other button, no notes toggle
    assert [button.key for button in at.main.button] == ["present_full_screen"]
    assert not at.main.toggle
    assert any(text.value == "1 / 3" for text in at.markdown)
    # the chosen slides survive full screen, where their widget is not drawn
    at.button(key="present_full_screen").click().run()
    assert at.warning and at.main.expander
    open_expanders(at, *PANELS)  # full screen drew no chooser, so it starts closed again
    assert at.multiselect(key="present_order").value == ["headline", "levels", "surveys"]


def test_a_filter_that_matches_nothing_is_said_on_every_slide(present) -> None:  # type: ignore[no-untyped-def]
    at = present(q="no service is called this")
    assert at.title[0].value == "0 services from 0 organisations"
    titles = []
    for _ in range(TOTAL):
        at.button(key="present_next").click().run()
        assert not at.exception
        titles.append(at.title[0].value)
    assert "No service could be ranked for this filter" in titles
    assert "No matching service has journeys recorded" in titles
    assert "No matching service reported a challenge" in titles


def test_every_slide_heading_is_plain_words_however_long(present) -> None:  # type: ignore[no-untyped-def]
    at = present()
    headings = []
    for _ in range(TOTAL):
        headings.append(heading(at))
        at.button(key="present_next").click().run()
    # long findings (the top priority, the journeys) wrap on the chart, not in the heading
    assert any(len(text) > charts.TITLE_CHARACTERS for text in headings)
    for text in headings:
        assert "<" not in text and "&amp;" not in text, text


def test_a_link_changed_from_outside_wins_over_the_session(present) -> None:  # type: ignore[no-untyped-def]
    at = present(slides="headline,levels,surveys")
    at.button(key="present_next").click().run()
    assert where(at) == "Slide 2 of 3 · Digitisation by sector"
    # the browser's back or forward button, or an edited address, in the same session
    at.query_params["slides"] = "priorities,headline"
    at.query_params["slide"] = "2"
    at.run()
    assert where(at) == "Slide 2 of 2 · Headline figures"
    assert order(at) == ["priorities", "headline"]
    assert at.multiselect(key="present_order").value == ["priorities", "headline"]
    # a link with no choice of slides is the standard sequence
    del at.query_params["slides"]
    at.query_params["slide"] = "3"
    at.run()
    assert where(at) == f"Slide 3 of {TOTAL} · Top challenges"
    # and the page's own controls decide again on the next run
    at.button(key="present_next").click().run()
    assert where(at).startswith(f"Slide 4 of {TOTAL} · ")
    assert query(at, "slide") == "4"
    at.multiselect(key="present_order").set_value(["surveys", "levels"]).run()
    assert where(at) == "Slide 2 of 2 · Digitisation by sector"
    assert query(at, "slides") == "surveys,levels"
    at.button(key="present_next").click().run()
    assert where(at) == "Slide 1 of 2 · Survey progress"


def test_coming_back_from_another_page_keeps_the_slides(present) -> None:  # type: ignore[no-untyped-def]
    at = present(slides="surveys,levels", slide="2")
    at.switch_page("pages/overview.py").run()
    # the page menu empties the link on the way back
    for key in ("slides", "slide"):
        del at.query_params[key]
    at.switch_page(PAGE).run()
    assert not at.exception
    assert where(at) == "Slide 2 of 2 · Digitisation by sector"
    assert query(at, "slides") == "surveys,levels" and query(at, "slide") == "2"


def test_speaker_notes_show_and_hide(present) -> None:  # type: ignore[no-untyped-def]
    at = present(slides="headline,levels")
    assert at.toggle(key="present_notes").value is False
    assert not at.info  # no notes until asked for
    at.toggle(key="present_notes").set_value(True).run()
    assert len(at.info) == 1 and at.info[0].value.startswith("Every figure counts a service once")
    at.button(key="present_next").click().run()  # the choice stays on for the next slide
    assert len(at.info) == 1 and at.info[0].value.startswith("Digitisation levels: 0 not digital")
    at.toggle(key="present_notes").set_value(False).run()
    assert not at.info


def test_no_slides_chosen_explains_itself(present) -> None:  # type: ignore[no-untyped-def]
    at = present(slides="nonsense")
    assert at.title[0].value == "No slides are chosen"
    assert "Choose slides" in at.info[0].value


def test_building_the_deck_shows_progress_then_offers_pptx_and_pdf(present, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    if renderer_problem():
        unavailable("Chromium is not installed")
    # every update the page sends to its progress bar while the deck is built
    shown: list[tuple[float, str]] = []
    update = ProgressMixin.progress

    def recorded(self, value, text=None):  # type: ignore[no-untyped-def]
        shown.append((float(value), str(text)))
        return update(self, value, text=text)

    monkeypatch.setattr(ProgressMixin, "progress", recorded)
    at = present(slides="headline,levels")
    at.button(key="present_build").click().run()
    assert not at.exception
    steps = [text for _, text in shown]
    assert steps[:2] == [f"Drawing “{heading(at)}”", steps[1]]
    assert steps[1].startswith("Drawing “") and "<" not in steps[1]
    assert steps[2:] == ["Charts drawn", "Writing the PPTX and the PDF"]
    values = [value for value, _ in shown]
    assert values == sorted(values) and values[0] == 0.0 and values[-1] == 1.0
    assert not at.get("progress")  # and the bar is gone once the deck is built
    keys = {d.proto.id.rsplit("-", 1)[1] for d in at.get("download_button")}
    assert {"present_pptx", "present_pdf"} <= keys
    assert any(c.value.startswith("Built 3 slides in") for c in at.caption)
    # changing the slides makes the built deck stale, and the page says so
    at.multiselect(key="present_order").set_value(["levels"]).run()
    assert any("build it again" in c.value for c in at.caption)


def test_a_slide_is_fitted_to_the_window_it_is_shown_in() -> None:
    footer = ["Filter: none (all services)", "Source: demo · Data loaded 2 November 2026"]
    title = "42% of 402 services are digital end to end (level 3 or 4)"
    projector = Screen(1920, 1080, full=False, notice=True)
    laptop = Screen(1366, 768, full=False, notice=True)
    assert laptop.body_height(title, footer) < projector.body_height(title, footer)
    # full screen gives the chart the room of the header and the notice
    full = Screen(1366, 768, full=True, notice=False)
    assert full.body_height(title, footer) > laptop.body_height(title, footer) + 100
    # a finding over three lines leaves less room than one over one line
    assert projector.body_height(title * 3, footer) < projector.body_height(title, footer)
    # however small the window, the chart keeps a least height (its bars: dashboard/present/fit)
    assert Screen(1093, 614, notice=True).body_height(title * 3, footer * 3) == 200


# ---- Welsh ---------------------------------------------------------------------------------


def english_with_welsh() -> set[str]:
    """Every message of the Present catalogue that has Welsh, as English shows it."""
    return {m for m in catalogue("cy") if isinstance(m, str) and "{" not in m}


def test_the_page_in_welsh(present) -> None:  # type: ignore[no-untyped-def]
    at = present(lang="cy")
    assert not at.exception
    assert where(at) == f"Sleid 1 o {TOTAL} · Prif ffigurau"
    assert re.fullmatch(r"[\d,]+ gwasanaeth o [\d,]+ sefydliad", at.title[0].value)
    shown = markdowns(at)
    assert "Digidol o'r dechrau i'r diwedd" in shown and "Metrigau â ffigur" in shown
    assert footer(at).startswith("Hidlydd: dim (pob gwasanaeth)")
    assert "Tachwedd" in footer(at) or re.search(r"wedi'u creu ar \d", footer(at))
    labels = {b.label for b in at.button}
    assert {"Blaenorol", "Nesaf", "Sgrin lawn", "Creu'r dec", "Trefn safonol"} <= labels
    assert {e.label for e in at.main.expander} >= {
        "Dewis sleidiau",
        "Lawrlwytho'r dec (PPTX a PDF)",
    }
    # nothing that has Welsh is left in English
    english = english_with_welsh()
    texts = shown + [at.title[0].value] + [b.label for b in at.button]
    texts += [e.label for e in at.main.expander] + [c.value for c in at.caption]
    assert not english & set(texts)


def test_every_slide_kind_is_named_in_welsh_and_the_journeys_slide_speaks_it(present) -> None:  # type: ignore[no-untyped-def]
    at = present(lang="cy")
    names = []
    for _ in range(TOTAL):
        names.append(where(at).split(" · ", 1)[1])
        at.button(key="present_next").click().run()
    assert names == [
        "Prif ffigurau",
        "Digideiddio fesul sector",
        "Y prif heriau",
        "Y prif nodau a chyfleoedd",
        "Y prif flaenoriaethau",
        "Bylchau yn y data",
        "Safonau mewn perygl",
        "Teithiau",
        "Cynnydd yr arolygon",
    ]
    journeys = present(lang="cy", slides="journeys")
    assert heading(journeys).startswith("Iechyd: mae gan ")
    assert "o'r" in heading(journeys) and "taith" in heading(journeys)


def test_a_deck_built_in_welsh_says_so_and_goes_stale_when_the_language_changes(present) -> None:  # type: ignore[no-untyped-def]
    if renderer_problem():
        unavailable("Chromium is not installed")
    at = present(lang="cy", slides="headline")
    at.button(key="present_build").click().run()
    assert not at.exception
    assert any(c.value.startswith("Crëwyd 2 sleid mewn") for c in at.caption)
    labels = {d.proto.label for d in at.get("download_button")}
    assert {"Lawrlwytho PPTX", "Lawrlwytho PDF"} <= labels
    at.segmented_control(key="ui_language").set_value("en").run()
    open_expanders(at, *PANELS)  # a panel's label is part of it: a new language closes it
    assert any("build it again" in c.value for c in at.caption)


def test_a_footer_line_that_wraps_takes_a_line_from_the_chart() -> None:
    title = "42% of 402 services are digital end to end (level 3 or 4)"
    screen = Screen(1093, 614, notice=True)
    short = ["Filter: none (all services)", "Source: demo"]
    long = ["Filter: none (all services)", "Source: " + "a long source line " * 8]
    assert screen.body_height(title, short) - screen.body_height(title, long) >= 25
    # the data notice takes its lines from the chart too, and full screen gives them back
    assert Screen(1093, 614).body_height(title, short) > screen.body_height(title, short) + 40
