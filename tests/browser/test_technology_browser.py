"""The Technology landscape in Chromium at 1366×768 and 1920×1080, in English and Welsh: it
draws every topic without an error, the security counts read "[c]" where small, and the
shared-component gap lists its services. The screenshots are kept in tests/artifacts."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser

WINDOWS = [(1366, 768), (1920, 1080)]
#: A whole-page screenshot of a page of charts takes a while on a busy 2-core machine.
SLOW = 120_000


def _drawn(page) -> None:  # type: ignore[no-untyped-def]
    settle(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".every(c => c.querySelector('.main-svg'))"
    )
    assert page.get_by_test_id("stException").count() == 0


def _choose(page, topic: str) -> None:  # type: ignore[no-untyped-def]
    """Click a topic of the segmented control above the charts."""
    main = page.get_by_test_id("stMainBlockContainer")
    main.get_by_test_id("stButtonGroup").first.get_by_text(topic, exact=True).click()


@pytest.mark.parametrize(("width", "height"), WINDOWS, ids=["1366", "1920"])
def test_technology_landscape_topics(page, app_url, width, height) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/technology")
    expect(page.get_by_role("heading", name="Technology landscape", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Main points")).to_be_visible()
    expect(page.get_by_text("have submitted the technology survey").first).to_be_visible()
    _drawn(page)
    assert page.title() == "Technology landscape"
    screenshot(page, f"technology-{width}-systems")
    for topic, name in (
        ("Security", "security"),
        ("Skills and vacancies", "skills"),
        ("Where shared components would help", "gaps"),
    ):
        _choose(page, topic)
        settle(page)
        _drawn(page)
        screenshot(page, f"technology-{width}-{name}")
    expect(page.get_by_role("heading", name="The services in the gap")).to_be_visible()


def test_small_security_counts_read_c_in_the_chart(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/technology?org=cardiff")
    expect(page.get_by_role("heading", name="Technology landscape", exact=True)).to_be_visible()
    _choose(page, "Security")
    settle(page)
    _drawn(page)
    expect(page.get_by_text("[c]: not shown").first).to_be_visible()
    screenshot(page, "technology-1366-security-one-council")


def test_technology_landscape_in_welsh(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/technology?lang=cy")
    page.wait_for_function("document.documentElement.lang === 'cy'")
    expect(page.get_by_role("heading", name="Tirwedd technoleg", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Prif bwyntiau")).to_be_visible()
    _drawn(page)
    assert page.title() == "Tirwedd technoleg"
    screenshot(page, "technology-1366-cy")
