"""The Organisation page in Chromium at 1366×768 and 1093×614, in English and Welsh: opened
from a link naming an organisation, it leads with its main points and draws the peers'
spread without an error; an unknown code is said in words. Screenshots in tests/artifacts."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, screenshot, settle

pytestmark = pytest.mark.browser

SLOW = 120_000
COUNCIL = "blaenau-gwent"


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1093, 614)], ids=["1366", "1093"])
@pytest.mark.parametrize(
    ("lang", "title", "points"),
    [("en", "Organisation", "Main points"), ("cy", "Sefydliad", "Prif bwyntiau")],
)
def test_the_profile_opens_from_a_link(page, app_url, lang, title, points, width, height) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/organisation?org={COUNCIL}&lang={lang}")
    expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=points, exact=True)).to_be_visible()
    settle(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".some(c => c.querySelector('.main-svg'))"
    )
    assert page.get_by_test_id("stException").count() == 0
    assert f"org={COUNCIL}" in page.url
    # the first screen as a person sees it, then the whole page
    page.screenshot(path=str(ARTIFACTS / f"organisation-{width}-{lang}-first.png"))
    screenshot(page, f"organisation-{width}-{lang}")


def test_an_unknown_code_is_said_in_words(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/organisation?org=unknown")
    expect(page.get_by_text("No organisation has the code “unknown”")).to_be_visible()
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, "organisation-unknown")


def test_my_organisation_on_overview(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/?my_org={COUNCIL}")
    line = page.get_by_text("Your organisation: Blaenau Gwent County Borough Council")
    expect(line).to_be_visible()
    link = page.get_by_role("link", name="Open its profile")
    expect(link).to_be_visible()
    assert f"org={COUNCIL}" in (link.get_attribute("href") or "")
    assert page.get_by_test_id("stException").count() == 0
    page.screenshot(path=str(ARTIFACTS / "overview-my-organisation-1366.png"))
