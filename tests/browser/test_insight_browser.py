"""The Insight pages in Chromium, in English and Welsh: they draw, a theme drills through to
the catalogue, and the weights travel in the link and in the files."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from dashboard.common.filters import Filter, match
from dashboard.common.queries import load_memberships, load_services, load_themes
from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser


def _drawn(page) -> None:  # type: ignore[no-untyped-def]
    """Every chart on the page has drawn, and nothing failed."""
    settle(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]"
        ".every(c => c.querySelector('.main-svg'))"
    )
    assert page.get_by_test_id("stException").count() == 0


def test_data_availability_page(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/data-availability")
    expect(page.get_by_text("Cost and volumetrics are the hardest figures to get")).to_be_visible()
    expect(page.get_by_text("is the hardest to get").first).to_be_visible()
    page.get_by_role("heading", name="Services missing key figures").wait_for()
    page.get_by_role("heading", name="One metric by sector and organisation").wait_for()
    expect(page.get_by_text("Cost per transaction is hardest to get from").first).to_be_visible()
    page.get_by_role("heading", name="Cost per transaction by organisation").wait_for()
    # the main points lead; how many answered and the journeys note wait in the expander
    expect(page.get_by_role("heading", name="Main points")).to_be_visible()
    page.get_by_text("About these figures").first.click()
    expect(page.get_by_text("of the matching services hold").first).to_be_visible()
    _drawn(page)
    assert page.title() == "Data availability"
    screenshot(page, "data-availability")


def test_data_availability_in_welsh(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/data-availability?lang=cy")
    page.wait_for_function("document.documentElement.lang === 'cy'")
    expect(page.get_by_role("heading", name="Argaeledd data", exact=True)).to_be_visible()
    expect(page.get_by_text("yw'r anoddaf i'w gael").first).to_be_visible()
    page.get_by_role("heading", name="Gwasanaethau heb ffigurau allweddol").wait_for()
    _drawn(page)
    assert page.title() == "Argaeledd data"
    screenshot(page, "data-availability-cy")


def test_theme_drills_through_to_the_catalogue(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    flt = Filter(sectors=("health",), challenges=("recruiting_developers",))
    expected = int(match(services, members, flt).sum())

    page.goto(f"{app_url}/themes?sector=health")
    page.get_by_role("heading", name="Standards and OECD dimensions at risk").wait_for()
    page.get_by_role("heading", name="Standards self-assessment").wait_for()
    _drawn(page)
    expect(page.get_by_text("No theme in the framework is linked to").first).to_be_visible()
    screenshot(page, "challenges-and-aims")

    page.get_by_role("link", name=re.compile(r"Open these services in the catalogue")).click()
    page.wait_for_url(re.compile(r".*/catalogue\?.*challenge=recruiting_developers.*"))
    page.get_by_text(f"{expected:,} of {len(services):,} services").first.wait_for()
    assert "sector=health" in page.url


def test_a_drill_link_opens_as_many_services_as_it_says(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    themes = load_themes(demo_engine).set_index("code")
    name = str(themes.loc["recruiting_developers", "name_en"])
    flt = Filter(sectors=("health",), challenges=("recruiting_developers",))
    opened = int(match(services, members, flt).sum())

    # the filter holds another challenge: the catalogue cannot open "this one and that one"
    page.goto(f"{app_url}/themes?sector=health&challenge=legacy_systems_lock_in")
    page.get_by_role("heading", name="Services behind a challenge").wait_for()
    settle(page)
    choose = page.get_by_test_id("stSelectbox").filter(has_text="Choose a challenge")
    choose.scroll_into_view_if_needed()
    choose.click()
    page.get_by_role("option", name=name, exact=True).click()
    link = page.get_by_role("link", name=re.compile(r"Open every service reporting it"))
    expect(link).to_contain_text(f"({opened:,})")
    expect(page.get_by_text("cannot open only these").first).to_be_visible()
    link.click()
    page.wait_for_url(re.compile(r".*/catalogue\?.*challenge=recruiting_developers.*"))
    page.get_by_text(f"{opened:,} of {len(services):,} services").first.wait_for()
    assert "legacy_systems_lock_in" not in page.url


def test_themes_in_welsh(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/themes?lang=cy")
    page.get_by_role("heading", name="Heriau, nodau a safonau").wait_for()
    page.get_by_role("heading", name="Hunanasesiad yn erbyn y safonau").wait_for()
    _drawn(page)
    expect(page.get_by_text("Mewn mwyaf o berygl").first).to_be_visible()
    screenshot(page, "challenges-and-aims-cy")


def test_prioritise_weights_travel_in_the_link_and_the_files(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/prioritise?w_cost=5&w_reach=0")
    page.get_by_text("Top priority:").first.wait_for()
    _drawn(page)
    sliders = page.get_by_test_id("stSlider")
    expect(sliders.filter(has_text="Cost").get_by_role("slider")).to_have_value("5")
    expect(sliders.filter(has_text="Reach").get_by_role("slider")).to_have_value("0")
    screenshot(page, "prioritise")

    with page.expect_download() as download:
        page.locator(".st-key-ranking_all_csv button:visible").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    header = [line.strip('"') for line in text.splitlines()[:5]]
    assert header[0] == "Priority ranking, all services"
    assert any("Weights: reach 0, digital gap 3, pain 2, data gaps 1, cost 5" in h for h in header)
    assert "Not available: shared" in text  # a missing figure says why, never "None"

    page.get_by_role("button", name="Reset weights").click()
    page.wait_for_url(re.compile(r"^(?!.*w_cost).*$"))
    expect(sliders.filter(has_text="Cost").get_by_role("slider")).to_have_value("1")

    # the browser's back button brings the earlier weights back onto the sliders, and they
    # stay in the link (the page does not write the reset weights over it)
    page.go_back()
    page.wait_for_url(re.compile(r".*w_cost=5.*"))
    expect(sliders.filter(has_text="Cost").get_by_role("slider")).to_have_value("5")
    expect(sliders.filter(has_text="Reach").get_by_role("slider")).to_have_value("0")
    settle(page)
    page.wait_for_timeout(1000)
    assert "w_cost=5" in page.url and "w_reach=0" in page.url
    page.go_forward()
    page.wait_for_url(re.compile(r"^(?!.*w_cost).*$"))
    expect(sliders.filter(has_text="Cost").get_by_role("slider")).to_have_value("1")
    expect(sliders.filter(has_text="Reach").get_by_role("slider")).to_have_value("3")


def test_prioritise_in_welsh(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{app_url}/prioritise?lang=cy")
    page.get_by_text("Y flaenoriaeth uchaf:").first.wait_for()
    page.get_by_role("heading", name="Cyrhaeddiad yn erbyn digideiddio").wait_for()
    _drawn(page)
    sliders = page.get_by_test_id("stSlider")
    expect(sliders.filter(has_text="Bwlch digidol").get_by_role("slider")).to_have_value("3")
    screenshot(page, "prioritise-cy")


def test_the_reach_chart_prints_every_count_and_rank_apart_in_a_narrow_window(
    page, app_url
) -> None:  # type: ignore[no-untyped-def]
    # a laptop window with the sidebar open: the chart is some 440 px wide
    page.set_viewport_size({"width": 900, "height": 1000})
    page.goto(f"{app_url}/prioritise")
    page.get_by_role("heading", name="Reach against digitisation").wait_for()
    _drawn(page)
    chart = page.get_by_test_id("stPlotlyChart").filter(has_text="known reach")
    chart.scroll_into_view_if_needed()
    assert chart.locator("g.hm image").count() == 1  # the heat map is drawn
    boxes = chart.locator("g.textpoint text, g.points path.point").evaluate_all(
        """els => els.map(e => {
            const r = e.getBoundingClientRect();
            return [r.left, r.top, r.right, r.bottom, e.textContent || 'mark'];
        })"""
    )
    marks = [b for b in boxes if b[4] == "mark"]
    assert len(marks) >= 3 and len(boxes) - len(marks) > 20
    overlapping = [
        (a[4], b[4])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1
    ]
    assert not overlapping
    screenshot(page, "prioritise-reach-narrow")


def test_chart_headings_and_bar_names_fit_their_charts_in_a_narrow_window(page, app_url) -> None:  # type: ignore[no-untyped-def]
    # the sidebar open beside a 440 px main column: long findings wrap to more lines
    page.set_viewport_size({"width": 900, "height": 1000})
    page.goto(f"{app_url}/themes")
    page.get_by_role("heading", name="Challenges, aims and standards").wait_for()
    page.locator(".gtitle").first.wait_for()
    _drawn(page)
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')].flatMap(c => {
            const box = c.querySelector('.main-svg').getBoundingClientRect();
            return [...c.querySelectorAll('.gtitle, .gtitle-subtitle')]
              .map(e => [e.textContent, e.getBoundingClientRect().right - box.right])
              .filter(([, over]) => over > 1);
        })"""
    )
    assert page.locator(".gtitle").count() >= 3
    assert not overflow
    # and the names beside the bars and the heat map's rows start inside their chart
    cut = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
          .filter(c => c.querySelector('.barlayer .point, .hm')).flatMap(c => {
            const box = c.querySelector('.main-svg').getBoundingClientRect();
            return [...c.querySelectorAll('.ytick text')]
              .map(e => [e.textContent, box.left - e.getBoundingClientRect().left])
              .filter(([, over]) => over > 1);
        })"""
    )
    assert page.locator(".barlayer .point").count() > 20
    assert page.locator(".hm").count() >= 1
    assert not cut
