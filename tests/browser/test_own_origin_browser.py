"""Every page asks only the app's own origin for anything (no font CDN, no usage statistics),
and text from a link draws no image or link of its own."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from tests.browser.conftest import drawn_without_error
from tests.test_literal_text import HOSTILE

pytestmark = pytest.mark.browser

PAGES = (
    "home",
    "catalogue",
    "themes",
    "prioritise",
    "data-availability",
    "map",
    "survey",
    "present",
    "data",
    "method",
    "accessibility",
)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.mark.parametrize("path", PAGES)
def test_each_page_asks_only_its_own_origin(page, app_url, path) -> None:  # type: ignore[no-untyped-def]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{app_url}/{path}")
    drawn_without_error(page, f"own-origin-{path}")
    page.wait_for_timeout(500)  # late fonts and icons ask after the first drawing
    elsewhere = [url for url in requested if not url.startswith(("data:", "blob:"))]
    elsewhere = [url for url in elsewhere if _origin(url) != _origin(app_url)]
    assert requested and elsewhere == []


def test_a_crafted_search_link_draws_no_image_or_link_and_asks_nobody_else(page, app_url) -> None:  # type: ignore[no-untyped-def]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{app_url}/catalogue?q={quote(HOSTILE)}")
    drawn_without_error(page, "own-origin-crafted-search")
    main = page.get_by_test_id("stMain")
    assert main.get_by_text("example.invalid/y").count() > 0  # the words are on the page
    assert main.locator("img[src*='example.invalid']").count() == 0
    assert main.locator("a[href*='example.invalid']").count() == 0
    assert not [url for url in requested if urlsplit(url).hostname == "example.invalid"]
