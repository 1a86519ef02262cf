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


def _chart_drawn(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".some(c => c.querySelector('.main-svg'))"
    )


def test_join_up_on_a_projector_keeps_a_shared_view(page, app_url) -> None:  # type: ignore[no-untyped-def]
    """1920×1080 (a projector): the page opens from a shared link with every type listed and
    one type chosen, and draws it without an error."""
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{app_url}/join-up?shared=0&join_type=missed-bin")
    expect(page.get_by_role("heading", name="Join up", exact=True)).to_be_visible()
    settle(page)
    _chart_drawn(page)
    switch = page.get_by_role("switch", name="Only types shared by at least 2 organisations")
    expect(switch).not_to_be_checked()
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, "join-up-1920-en")


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1093, 614)])
def test_prioritise_by_type_draws_its_ranking(page, app_url, width, height) -> None:  # type: ignore[no-untyped-def]
    """The ranking of service types: its chart draws with every bar named, nothing runs off
    the window's right edge."""
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/prioritise?rank_by=type")
    expect(page.get_by_role("heading", name="Service types ranked", exact=True)).to_be_visible()
    settle(page)
    _chart_drawn(page)
    chart = page.get_by_test_id("stPlotlyChart").filter(has_text="Top priority type").first
    expect(chart).to_be_visible()
    names = chart.locator(".yaxislayer-above text").evaluate_all(
        "texts => texts.map(t => t.textContent)"
    )
    assert len(names) >= 5
    assert all(name.strip() for name in names)
    assert names[0].startswith("1. ")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, f"prioritise-by-type-{width}-en")
