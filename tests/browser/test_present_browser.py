"""Presenting in Chromium at projector size: every screen draws and fits the window, the sidebar
stays folded through many clicks, keys and full screen work, and the deck downloads in Welsh."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import expect
from pptx import Presentation

from dashboard.common.i18n import t, using
from dashboard.present import sequence
from tests.browser.conftest import ARTIFACTS, eventually, settle

pytestmark = pytest.mark.browser
TOTAL = len(sequence.DEFAULT_ORDER)

#: Notes, every animation frame, whether the sidebar was ever open: a sidebar that springs open
#: for a moment between two runs is caught, not only one that stays open.
WATCH_SIDEBAR = """
() => {
    window.sidebarOpened = false;
    const look = () => {
        const sidebar = document.querySelector('[data-testid="stSidebar"]');
        if (sidebar && sidebar.getAttribute("data-collapsed") === "false") {
            window.sidebarOpened = true;
        }
        requestAnimationFrame(look);
    };
    look();
}
"""


def window(browser, width: int, height: int) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


@pytest.fixture
def projector(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    yield from window(browser, 1920, 1080)


@pytest.fixture
def laptop(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    yield from window(browser, 1366, 768)


def where_text(number: int, key: str, lang: str, total: int = TOTAL) -> str:
    with using(lang):
        return t(
            "Slide {number} of {total} · {name}",
            number=number,
            total=total,
            name=sequence.kind_name(key),
        )


def drawn(page, chart: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Wait for the run to finish and, on a chart screen, for plotly to draw the chart (the
    screenshot of a chart screen once showed an empty frame)."""
    settle(page)
    if chart:
        svg = page.get_by_test_id("stPlotlyChart").locator(".main-svg").first
        expect(svg).to_be_visible(timeout=30_000)
        page.wait_for_timeout(300)  # plotly's own transition


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """The window exactly as the room sees it (not grown to the page's full length)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def assert_fits(page) -> None:  # type: ignore[no-untyped-def]
    """The slide's footer (filter, source and dates) shows without scrolling (once the last
    run has drawn it: on a busy machine a late rerun can still be laying the slide out)."""
    footer = page.locator(".st-key-present_footer")
    expect(footer).to_be_visible()

    def inside() -> None:
        box = footer.bounding_box()
        assert box is not None and box["y"] + box["height"] <= page.viewport_size["height"], box

    eventually(inside, seconds=10)


def open_present(page, url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    expect(page.locator(".st-key-present_where")).to_be_visible(timeout=60_000)
    settle(page)
    page.wait_for_timeout(500)  # the browser reports the window size: one more run
    settle(page)
    keys_heard(page)


def keys_heard(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the page listens for slide keys (its script has run since the last rerun)."""
    expect(page.locator("html[data-present-keys=ready]")).to_have_count(1)


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_each_presentation_screen_fits_and_the_sidebar_stays_folded(  # type: ignore[no-untyped-def]
    projector, app_url, lang
) -> None:
    page = projector
    open_present(page, f"{app_url}/present" + ("?lang=cy" if lang == "cy" else ""))
    page.evaluate(WATCH_SIDEBAR)
    order = list(sequence.DEFAULT_ORDER)
    for step in range(TOTAL + 1):  # every screen, then round to the first: ten clicks
        number = step % TOTAL + 1
        key = order[number - 1]
        expect(page.get_by_text(where_text(number, key, lang), exact=True)).to_be_visible()
        drawn(page, chart=key != "headline")
        assert page.get_by_test_id("stException").count() == 0
        expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
        assert_fits(page)
        if step < TOTAL:
            shot(page, f"present-{lang}-{number}-{key}")
        next_label = "Nesaf" if lang == "cy" else "Next"
        page.get_by_role("button", name=next_label, exact=True).click()
    settle(page)
    assert page.evaluate("() => window.sidebarOpened") is False


def test_a_laptop_screen_fits_each_slide(laptop, app_url) -> None:  # type: ignore[no-untyped-def]
    page = laptop
    open_present(page, f"{app_url}/present?slides=standards,priorities,headline")
    for number, key in enumerate(["standards", "priorities", "headline"], start=1):
        expect(page.get_by_text(where_text(number, key, "en", 3), exact=True)).to_be_visible()
        drawn(page, chart=key != "headline")
        assert_fits(page)
        shot(page, f"present-1366-{number}-{key}")
        page.get_by_role("button", name="Next", exact=True).click()


def test_keys_and_a_clickers_page_keys_change_slides(projector, app_url) -> None:  # type: ignore[no-untyped-def]
    page = projector
    open_present(page, f"{app_url}/present?slides=headline,levels,surveys")
    for key, number in [
        ("ArrowRight", 2),
        ("PageDown", 3),
        ("PageUp", 2),
        ("ArrowLeft", 1),
        ("End", 3),
        ("Home", 1),
    ]:
        keys_heard(page)
        page.keyboard.press(key)
        expect(page.get_by_text(re.compile(rf"^Slide {number} of 3 · "))).to_be_visible()
        settle(page)
    # typing in a field is typing, not presenting
    # a run still drawing can show the old copy of the expander beside the new one for a moment
    choose = page.get_by_text("Choose slides", exact=True)
    expect(choose).to_have_count(1)
    choose.click()  # the chooser is built once opened: wait for its field
    field = page.get_by_role("combobox", name="Slides, in the order you pick them")
    field.click()
    field.press("ArrowRight")
    field.press("f")
    settle(page)
    expect(page.get_by_text(re.compile(r"^Slide 1 of 3 · "))).to_be_visible()
    expect(page.get_by_test_id("stHeader")).to_be_visible()  # not full screen


def test_f_switches_full_screen_only_from_the_slide(projector, app_url) -> None:  # type: ignore[no-untyped-def]
    """F is a character key (WCAG 2.1.4): it works only while the focus is in the slide."""
    page = projector
    open_present(page, f"{app_url}/present?slides=headline,levels")
    full_screen = page.get_by_role("button", name="Full screen", exact=True)
    leave = page.get_by_role("button", name="Leave full screen")
    # the focus outside the slide (as after clicking the page's text): F does nothing
    page.get_by_text(re.compile(r"^Keys: ")).click()
    assert page.evaluate("() => !document.activeElement.closest('.st-key-present_slide')"), (
        page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
    )
    page.keyboard.press("f")
    page.wait_for_timeout(1000)
    settle(page)
    expect(full_screen).to_be_visible()
    expect(page.get_by_test_id("stHeader")).to_be_visible()
    # the focus on one of the slide's buttons: F switches full screen on, and off again
    page.get_by_role("button", name="Next", exact=True).focus()
    page.keyboard.press("f")
    expect(leave).to_be_visible()
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    settle(page)
    keys_heard(page)
    leave.focus()
    page.keyboard.press("f")
    expect(full_screen).to_be_visible()
    expect(page.get_by_test_id("stHeader")).to_be_visible()


def test_back_and_forward_buttons_step_through_the_slides(projector, app_url) -> None:  # type: ignore[no-untyped-def]
    page = projector
    open_present(page, f"{app_url}/present?slides=headline,levels,surveys")
    for number in (2, 3):
        page.get_by_role("button", name="Next", exact=True).click()
        page.wait_for_url(re.compile(rf".*slide={number}.*"))
        settle(page)
    page.go_back()
    expect(page.get_by_text(re.compile(r"^Slide 2 of 3 · "))).to_be_visible()
    settle(page)
    page.wait_for_timeout(1000)  # the slide shown stays the one the link names
    assert "slide=2" in page.url
    expect(page.get_by_text(re.compile(r"^Slide 2 of 3 · "))).to_be_visible()
    page.go_back()
    expect(page.get_by_text(re.compile(r"^Slide 1 of 3 · "))).to_be_visible()
    page.go_forward()
    expect(page.get_by_text(re.compile(r"^Slide 2 of 3 · "))).to_be_visible()
    settle(page)
    assert page.get_by_test_id("stException").count() == 0


def test_full_screen_leaves_only_the_slide(projector, app_url) -> None:  # type: ignore[no-untyped-def]
    page = projector
    open_present(page, f"{app_url}/present?slides=levels,headline")
    notice = page.get_by_test_id("stMain").get_by_test_id("stAlert")
    expect(notice.first).to_be_visible()  # the demo-data notice
    page.get_by_role("button", name="Full screen", exact=True).click()
    expect(page.get_by_role("button", name="Leave full screen")).to_be_visible()
    drawn(page)
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    expect(notice).to_have_count(0)
    expect(page.get_by_test_id("stMain").get_by_test_id("stExpander")).to_have_count(0)
    expect(page.locator(".st-key-present_footer")).to_contain_text("invented")
    assert_fits(page)
    shot(page, "present-full-screen")
    page.keyboard.press("PageDown")
    # full screen numbers the slide in a corner, the buttons being left out
    expect(page.locator(".st-key-present_number")).to_have_text("2 / 2")
    page.get_by_role("button", name="Leave full screen").click()
    expect(page.get_by_test_id("stHeader")).to_be_visible()
    expect(notice.first).to_be_visible()


def test_the_deck_downloads_in_welsh(projector, app_url) -> None:  # type: ignore[no-untyped-def]
    page = projector
    open_present(page, f"{app_url}/present?lang=cy&slides=headline,levels,journeys&sector=health")
    page.get_by_text("Lawrlwytho'r dec (PPTX a PDF)").click()
    page.get_by_role("button", name="Creu'r dec").click()
    pptx_button = page.get_by_role("button", name="Lawrlwytho PPTX")
    pptx_button.wait_for(timeout=120_000)
    shot(page, "present-cy-deck-built")
    with page.expect_download() as download_info:
        pptx_button.click()
    download = download_info.value
    assert re.fullmatch(
        r"sleidiau-gwasanaethau-digidol-cymru-\d{4}-\d{2}-\d{2}\.pptx", download.suggested_filename
    )
    deck = Presentation(io.BytesIO(Path(download.path()).read_bytes()))
    assert len(deck.slides) == 4
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    assert titles[0] == "Gwasanaethau cyhoeddus digidol yng Nghymru"
    assert titles[1].endswith("sefydliad") and " gwasanaeth o " in titles[1]
    assert titles[3].startswith("Iechyd: mae gan ")
    cover = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Hidlydd: Sector: Iechyd" in cover

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Lawrlwytho PDF").click()
    pdf = pdfium.PdfDocument(Path(download_info.value.path()).read_bytes())
    try:
        text = " ".join(pdf[0].get_textpage().get_text_range().split())
        assert "Hidlydd: Sector: Iechyd" in text and "Data wedi'u llwytho ar" in text
    finally:
        pdf.close()


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768)])
def test_any_window_is_fitted_in_one_run_and_a_resized_one_again(  # type: ignore[no-untyped-def]
    browser, app_url, width, height
) -> None:
    """The page shell notes the window's size as the page loads, so the first script run
    fits the slide to it: one run, not two. A window resized later is reported and refitted."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
    page = context.new_page()
    sent: list[object] = []  # each message the page sends asks for a script run
    page.on("websocket", lambda socket: socket.on("framesent", lambda frame: sent.append(frame)))
    try:
        open_present(page, f"{app_url}/present?slides=levels")
        page.wait_for_timeout(1000)
        settle(page)
        assert len(sent) == 1
        assert_fits(page)
        page.set_viewport_size({"width": 1600, "height": 900})
        page.wait_for_timeout(1500)  # the component waits 250 ms for the resizing to stop
        settle(page)
        assert len(sent) == 2
        assert_fits(page)
    finally:
        context.close()


def test_without_the_size_cookie_the_browser_reports_its_window(  # type: ignore[no-untyped-def]
    browser, app_url
) -> None:
    """A browser that keeps no cookie gets a slide for a 1080p projector first, then its own."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="en-GB")
    # the shell's cookie is never stored, as in a browser that refuses cookies
    context.add_init_script(
        "Object.defineProperty(document, 'cookie', {get: () => '', set: () => true});"
    )
    page = context.new_page()
    sent: list[object] = []
    page.on("websocket", lambda socket: socket.on("framesent", lambda frame: sent.append(frame)))
    try:
        open_present(page, f"{app_url}/present?slides=levels")
        page.wait_for_timeout(1000)
        settle(page)
        assert len(sent) == 2
        assert_fits(page)
    finally:
        context.close()
