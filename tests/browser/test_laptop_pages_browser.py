"""Every page of the menu on the two commonest laptop windows (1366×768, and 1093×614: a 1366 screen at
Windows' 125% scaling), in English and in Welsh: it draws without an error, nothing runs off
the right edge, and the page answers before the fold (its title and, where it has them, its
main points start on the first screen), and the heat maps' cell labels are drawn 11 px or
more. The first screen of each is kept in tests/artifacts/screens/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, settle
from tests.browser.test_heat_labels_browser import assert_heat_labels_readable

pytestmark = pytest.mark.browser

#: Path, English title, Welsh title, whether the page leads with main points.
PAGES = [
    ("/", "Digital public services in Wales", "Gwasanaethau cyhoeddus digidol yng Nghymru", True),
    ("/catalogue", "Service catalogue", "Catalog gwasanaethau", True),
    ("/organisation?org=blaenau-gwent", "Organisation", "Sefydliad", True),
    ("/themes", "Challenges, aims and standards", None, True),
    ("/prioritise", "Prioritise", "Blaenoriaethu", True),
    ("/data-availability", "Data availability", "Argaeledd data", True),
    ("/technology", "Technology landscape", "Tirwedd technoleg", True),
    ("/join-up", "Join up", "Cydgysylltu", True),
    ("/map", "Map", "Map", True),
    ("/trends", "Trends", "Tueddiadau", True),
    ("/present", None, None, False),
    ("/survey", None, None, False),
    ("/data", None, None, False),
    ("/method", None, None, False),
    ("/accessibility", None, None, False),
]
WINDOWS = [(1366, 768), (1093, 614)]
#: The pages with heat maps.
HEAT_MAPS = ("/themes", "/data-availability")
#: How tall the first line of a second-level heading is drawn, in CSS px.
HEADING_LINE = 48


@pytest.mark.parametrize(("width", "height"), WINDOWS, ids=["1366", "1093"])
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_every_page_fits_a_laptop_window(page, app_url, lang, width, height) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": height})
    points = "Main points" if lang == "en" else "Prif bwyntiau"
    for path, english, welsh, leads in PAGES:
        page.goto(f"{app_url}{path}{'&' if '?' in path else '?'}lang={lang}")
        heading = page.get_by_role("heading", level=1).first
        expect(heading).to_be_visible(timeout=60_000)
        title = english if lang == "en" else welsh
        if title:
            expect(heading).to_have_text(title)
        settle(page)
        assert page.get_by_test_id("stException").count() == 0, path
        # nothing wider than the window: no sideways scrolling of the page itself
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, (path, overflow)
        if leads:
            # the answer starts on the first screen, measured once the page has drawn it all
            heading = page.get_by_role("heading", name=points, exact=True)
            first = page.get_by_test_id("stMarkdownContainer").locator("li").first
            expect(first).to_be_visible()
            page.wait_for_timeout(500)
            settle(page)
            top = settled_box(page, heading)
            # its first line at least (a heading's box carries its margin below)
            assert top is not None and top["y"] + HEADING_LINE < height, (path, top)
        if path in HEAT_MAPS:
            assert_heat_labels_readable(page)
        # the first screen as a person sees it, kept to look at: tests/artifacts/screens/
        name = path.strip("/").split("?")[0] or "overview"
        page.screenshot(path=str(screenshot_path(f"{name}-{width}x{height}-{lang}")))


def settled_box(page, locator) -> dict[str, float] | None:  # type: ignore[no-untyped-def]
    """Where `locator` is drawn once the web fonts have loaded and the page has stopped moving:
    on a busy machine text first drawn in a fallback font wraps onto more lines for a moment."""
    page.evaluate("() => document.fonts.ready.then(() => true)")
    box = locator.bounding_box()
    for _ in range(20):
        page.wait_for_timeout(250)
        again = locator.bounding_box()
        if again == box:
            break
        box = again
    return box  # type: ignore[no-any-return]


def screenshot_path(name: str) -> Path:
    folder = ARTIFACTS / "screens"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.png"
