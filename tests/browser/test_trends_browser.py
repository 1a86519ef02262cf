"""The Trends page in Chromium at 1366×768, in English and Welsh: two rounds from a shared link,
main points first, both charts drawn, no error. Screenshots in tests/artifacts."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser

SLOW = 120_000


@pytest.mark.parametrize(("lang", "title"), [("en", "Trends"), ("cy", "Tueddiadau")])
def test_trends_at_1366(page, app_url, lang, title) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/trends?from=discovery-2021&to=current&lang={lang}")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible(timeout=SLOW)
    settle(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".filter(c => c.querySelector('.main-svg')).length >= 2"
    )
    assert page.get_by_test_id("stException").count() == 0
    both = "services were in both rounds" if lang == "en" else "yn y ddwy rownd"
    expect(page.get_by_test_id("stMarkdownContainer").locator("li").first).to_contain_text(both)
    # the main points start on the first screen
    first = page.get_by_test_id("stMarkdownContainer").locator("li").first.bounding_box()
    assert first is not None and first["y"] < 768
    screenshot(page, f"trends-1366-{lang}")


def test_trends_periods_from_a_link(page, app_url) -> None:  # type: ignore[no-untyped-def]
    """The two metric periods a link names are the ones chosen, and the table is drawn."""
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/trends?period_from=2022-23&period_to=2023-24")
    expect(page.get_by_role("heading", name="Figures that became available")).to_be_visible(
        timeout=SLOW
    )
    settle(page)
    expect(page.get_by_role("combobox", name="Period from")).to_have_value("2022-23")
    expect(page.get_by_role("combobox", name="Period to")).to_have_value("2023-24")
    assert page.get_by_test_id("stException").count() == 0
