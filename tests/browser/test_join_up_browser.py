"""The Join up page in Chromium at 1366×768, in English and Welsh: it opens with its main
points and the chart of levels by type, without an error. Screenshots in tests/artifacts."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser

SLOW = 120_000


@pytest.mark.parametrize(("lang", "title"), [("en", "Join up"), ("cy", "Cydgysylltu")])
def test_join_up_at_1366(page, app_url, lang, title) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/join-up?lang={lang}")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    settle(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".some(c => c.querySelector('.main-svg'))"
    )
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, f"join-up-1366-{lang}")
