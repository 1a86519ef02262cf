"""Not recorded in real Chromium: the Overview's coverage line, the Catalogue's filter and a
service's detail, and the Prioritise note."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dashboard.common.queries import load_services

pytestmark = pytest.mark.browser


def test_not_recorded_on_overview_catalogue_and_prioritise(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services = load_services(demo_engine)
    no_level = services.loc[services["digitisation_level"].isna(), "code"].astype(str)
    assert len(no_level) == 9

    page.goto(app_url)
    # the main points say it first; the coverage line waits in "About these figures"
    expect(
        page.get_by_text("42% of the 393 services whose digitisation level is known")
    ).to_be_visible(timeout=90_000)
    page.get_by_text("About these figures").first.click()
    expect(page.get_by_text("Digitisation level known for 393 of 402 services.")).to_be_visible()

    page.goto(f"{app_url}/catalogue?level=none")
    expect(page.get_by_text("Digitisation level: not recorded").first).to_be_visible()
    expect(page.get_by_text("9 of 402 services").first).to_be_visible()

    page.goto(f"{app_url}/catalogue?service={no_level.iloc[0]}")
    level = page.get_by_test_id("stMetric").filter(has_text="Digitisation level")
    expect(level.get_by_test_id("stMetricValue")).to_have_text("not recorded")

    page.goto(f"{app_url}/prioritise?level=none")
    # the main points count them; the note on how they are scored waits in the expander
    expect(page.get_by_text("9 of 9 matching services are ranked", exact=False)).to_be_visible()
    page.get_by_text("About these figures").first.click()
    expect(
        page.get_by_text("9 services have no digitisation level recorded", exact=False)
    ).to_be_visible()
    assert page.get_by_test_id("stException").count() == 0
