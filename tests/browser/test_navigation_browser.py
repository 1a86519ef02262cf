"""Moving between pages with the sidebar keeps the filter, the weights and the language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.common.filters import Filter, match
from dashboard.common.i18n import t, using
from dashboard.common.queries import load_memberships, load_services
from tests.browser.conftest import settle

pytestmark = pytest.mark.browser


def test_the_sidebar_links_carry_the_view_from_page_to_page(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    health = int(match(services, members, Filter(sectors=("health",))).sum())
    counted = f"{health:,} of {len(services):,} services"

    page.goto(f"{app_url}/?sector=health")
    page.get_by_text(counted).first.wait_for()
    settle(page)

    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Service catalogue").click()
    page.wait_for_url(re.compile(r".*/catalogue\?.*sector=health.*"))
    page.get_by_text(counted).first.wait_for()

    nav.get_by_role("link", name="Prioritise").click()
    page.wait_for_url(re.compile(r".*/prioritise\?.*sector=health.*"))
    settle(page)
    cost = page.get_by_test_id("stSlider").filter(has_text="Cost").get_by_role("slider")
    for _ in range(10):  # up to the maximum weight, one step per run: a key pressed while a
        if cost.get_attribute("aria-valuenow") == "5":  # run redraws the slider can go unheard
            break
        cost.focus()
        cost.press("ArrowRight")
        settle(page)
    page.wait_for_url(re.compile(r".*w_cost=5.*"))
    settle(page)

    nav.get_by_role("link", name="Challenges and aims").click()
    page.wait_for_url(re.compile(r".*/themes\?.*w_cost=5.*"))
    settle(page)
    assert "sector=health" in page.url

    nav.get_by_role("link", name="Prioritise").click()
    page.wait_for_url(re.compile(r".*/prioritise\?.*sector=health.*"))
    settle(page)
    expect(
        page.get_by_test_id("stSlider").filter(has_text="Cost").get_by_role("slider")
    ).to_have_value("5")
    assert page.get_by_test_id("stException").count() == 0


def test_the_language_follows_from_page_to_page(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/catalogue?lang=cy")
    expect(page.get_by_test_id("stSidebar").get_by_role("heading", name="Hidlydd")).to_be_visible()
    page.wait_for_function("document.documentElement.lang === 'cy'")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Trosolwg").click()
    page.wait_for_url(re.compile(r".*lang=cy.*"))
    expect(page.get_by_test_id("stSidebar").get_by_role("heading", name="Hidlydd")).to_be_visible()
    page.wait_for_function("document.documentElement.lang === 'cy'")
    page.get_by_test_id("stSidebar").get_by_role("radio", name="English").click()
    expect(page.get_by_test_id("stSidebar").get_by_role("heading", name="Filter")).to_be_visible()
    page.wait_for_url(re.compile(r"^(?!.*lang=).*$"))
    page.wait_for_function("document.documentElement.lang === 'en'")


def test_the_overview_by_its_name_opens_with_the_links_filter(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    """The Overview lives at "/"; "/overview" sends the reader there with the link's filter
    and language, not to Streamlit's "Page not found"."""
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    health = int(match(services, members, Filter(sectors=("health",))).sum())

    page.goto(f"{app_url}/overview?sector=health&lang=cy")
    page.wait_for_url(re.compile(r"^[^?]*/\?(?=.*sector=health)(?=.*lang=cy).*$"))
    with using("cy"):
        title = t("Digital public services in Wales")
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    page.get_by_text(f"{health:,} o {len(services):,}").first.wait_for()
    settle(page)
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_test_id("stException").count() == 0
