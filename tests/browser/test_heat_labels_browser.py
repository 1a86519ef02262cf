"""Heat-map cell labels, read from the SVG Chromium draws: 11 px or more, or none (the value is
on hover and in the table). The phone, 1024 and 1080p windows are measured here; the two laptop
windows (1366 and 1093, a 1366 screen at 125%) in test_laptop_pages_browser.py, which opens
both pages at them already, in English and Welsh."""

from __future__ import annotations

import pytest

from tests.browser.conftest import settle

pytestmark = pytest.mark.browser

#: The least size, in CSS px, of a label drawn on a chart.
LEAST_LABEL = 11
#: Each label's type as drawn: its font size times any scale plotly set on it or its group.
DRAWN_SIZE = """(selector) => Array.from(document.querySelectorAll(selector))
    .filter(t => t.textContent.trim())
    .map(t => parseFloat(getComputedStyle(t).fontSize) * Math.abs(t.getScreenCTM().d))"""
HEAT_LABELS = ".heatmaplayer text"
#: The heat maps' pages, and windows not measured on a laptop: phones, 1024 with the sidebar
#: open, a 1080p screen.
PAGES = ["themes", "data-availability"]
WINDOWS = [(360, 780), (390, 844), (1024, 768), (1920, 1080)]


def drawn_sizes(page, selector: str) -> list[float]:  # type: ignore[no-untyped-def]
    """The drawn type, in CSS px, of every text element with text that `selector` finds."""
    return [float(size) for size in page.evaluate(DRAWN_SIZE, selector)]


def assert_heat_labels_readable(page) -> None:  # type: ignore[no-untyped-def]
    """The page's heat maps are drawn, and each cell label on them is 11 px or more."""
    page.locator(".heatmaplayer").first.wait_for(timeout=90_000)
    settle(page)
    assert page.locator(".heatmaplayer").count() >= 1
    sizes = drawn_sizes(page, HEAT_LABELS)
    assert all(size >= LEAST_LABEL for size in sizes), sorted(sizes)[:5]


@pytest.mark.parametrize("path", PAGES)
def test_heat_map_labels_are_readable_or_absent(page, app_url, path: str) -> None:  # type: ignore[no-untyped-def]
    # one page for every window: the chart is fitted to the window the page is opened in
    for width, height in WINDOWS:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{app_url}/{path}")
        assert_heat_labels_readable(page)
