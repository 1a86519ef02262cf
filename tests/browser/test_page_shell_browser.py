"""The page shell in Chromium: a page below the root finds the server at the first try and
notes the window's size (dashboard/serving/page_shell.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.serving.page_shell import VIEWPORT_COOKIE
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
def test_a_page_finds_the_server_at_the_first_try(page, app_url, name) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(app_url + PAGES[name])
    expect(page.get_by_test_id("stSidebar")).to_be_attached()
    settle(page)
    page.wait_for_timeout(500)
    health = [url for url in asked if url.endswith("/_stcore/health")]
    # Streamlit's own guess would first ask /catalogue/_stcore/health and be told 404
    assert health == [f"{app_url}/_stcore/health"]
    cookie = {c["name"]: c["value"] for c in page.context.cookies()}[VIEWPORT_COOKIE]
    assert cookie == f"{page.viewport_size['width']}x{page.viewport_size['height']}"
    assert page.get_by_test_id("stException").count() == 0
