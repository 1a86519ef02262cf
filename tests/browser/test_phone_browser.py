"""A phone (390×844) in Chromium: the page opens on the page, not on the menu, and charts carry
no toolbar over their titles; a laptop keeps the open sidebar and the toolbar."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("width", "height", "folded", "toolbar"),
    [(390, 844, "true", False), (1366, 768, "false", True)],
)
def test_a_phone_opens_on_the_page_and_its_charts_have_no_toolbar(  # type: ignore[no-untyped-def]
    page, app_url, demo_engine, width, height, folded, toolbar
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar).to_be_attached()
    chart = page.locator(".js-plotly-plot").first
    chart.wait_for()
    settle(page)
    assert sidebar.get_attribute("data-collapsed") == folded
    # plotly draws its toolbar as .modebar inside each chart, unless told not to
    assert (page.locator(".js-plotly-plot .modebar").count() > 0) is toolbar
    if width < 600:
        box = page.get_by_role("heading", name="Digital public services in Wales").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        # the medians by year stand one panel under another: each name and its years apart
        medians = page.locator(".st-key-overview_trend_chart .js-plotly-plot")
        names = [medians.locator(".annotation").nth(i).bounding_box() for i in range(4)]
        assert all(names)
        tops = [round(b["y"]) for b in names]  # type: ignore[index]
        assert tops == sorted(tops) and len(set(tops)) == 4
        for name in names:
            assert name["x"] + name["width"] <= width  # type: ignore[index]
        screenshot(page, "overview-phone")
