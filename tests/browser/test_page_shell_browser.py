"""The page shell in Chromium: a page below the root finds the server at the first try, and
every module a page loads on arriving was named for preloading (dashboard/page_shell.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import settle

PAGES = {
    "Overview": "/",
    "Service catalogue": "/catalogue",
    "Challenges and aims": "/themes",
    "Prioritise": "/prioritise",
    "Data availability": "/data-availability",
    "Present": "/present",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_a_page_connects_at_once_with_its_modules_preloaded(page, app_url, name) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(app_url + PAGES[name])
    expect(page.get_by_test_id("stSidebar")).to_be_attached()
    settle(page)
    page.wait_for_timeout(500)
    health = [url for url in asked if url.endswith("/_stcore/health")]
    # Streamlit's own guess would first ask /catalogue/_stcore/health and be told 404
    assert health == [f"{app_url}/_stcore/health"]
    preloaded = set(
        page.eval_on_selector_all(
            "link[rel=modulepreload], script[type=module][src]",
            "found => found.map(e => (e.href || e.src).split('/').pop())",
        )
    )
    loaded = {url.rsplit("/", 1)[-1] for url in asked if "/static/js/" in url}
    assert loaded - preloaded == set(), "modules this page loads that were not preloaded"
    assert page.get_by_test_id("stException").count() == 0
