"""The Insight pages in Chromium: they draw, and a theme drills through to the catalogue."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.filters import Filter, match
from dashboard.queries import load_memberships, load_services
from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser


def test_data_availability_page(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/data-availability")
    expect(page.get_by_text("is the hardest to get").first).to_be_visible()
    page.get_by_role("heading", name="Services missing key figures").wait_for()
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    assert page.title() == "Data availability"
    screenshot(page, "data-availability")


def test_theme_drills_through_to_the_catalogue(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    flt = Filter(sectors=("health",), challenges=("recruiting_developers",))
    expected = int(match(services, members, flt).sum())

    page.goto(f"{app_url}/themes?sector=health")
    page.get_by_role("heading", name="Standards and OECD dimensions at risk").wait_for()
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, "challenges-and-aims")

    page.get_by_role("link", name=re.compile(r"Open these services in the catalogue")).click()
    page.wait_for_url(re.compile(r".*/catalogue\?.*challenge=recruiting_developers.*"))
    page.get_by_text(f"{expected:,} of {len(services):,} services").first.wait_for()
    assert "sector=health" in page.url


def test_prioritise_weights_travel_in_the_link(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/prioritise?w_cost=5&w_reach=0")
    page.get_by_text("Top priority:").first.wait_for()
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    sliders = page.get_by_test_id("stSlider")
    expect(sliders.filter(has_text="Cost").get_by_role("slider")).to_have_value("5")
    expect(sliders.filter(has_text="Reach").get_by_role("slider")).to_have_value("0")
    screenshot(page, "prioritise")
    page.get_by_role("button", name="Reset weights").click()
    page.wait_for_url(re.compile(r"^(?!.*w_cost).*$"))
