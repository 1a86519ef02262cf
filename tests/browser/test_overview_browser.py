"""The app in real headless Chromium: it starts, shows the headline figures, no exception box."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from dashboard.common.queries import load_metric_answers, load_services, load_survey_progress
from dashboard.overview.headline import headline
from tests.browser.conftest import drawn_without_error, screenshot, settle

pytestmark = pytest.mark.browser


def test_overview_in_chromium(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    expected = headline(
        load_services(demo_engine),
        load_metric_answers(demo_engine),
        load_survey_progress(demo_engine),
    )
    page.goto(app_url)  # the default page is served at the root
    values = page.get_by_test_id("stMetricValue")
    # the first visit to a fresh server loads the catalogue: allow a busy CI machine its time
    expect(values.first).to_have_text(f"{expected.services:,}", timeout=90_000)
    expect(values.nth(2)).to_have_text(f"{expected.deep_dives_surveyed} of 15")
    assert page.get_by_text("Illustrative data").is_visible()
    assert page.get_by_test_id("stException").count() == 0
    assert page.title() == "Overview"
    path = screenshot(page, "overview")
    assert path.stat().st_size > 10_000


def test_chart_png_downloads_through_the_page(page, app_url) -> None:  # type: ignore[no-untyped-def]
    import re
    import struct
    from pathlib import Path

    page.goto(f"{app_url}/?sector=health")
    page.get_by_text("Filtered by").wait_for()
    page.locator(".st-key-levels_chart .js-plotly-plot").wait_for()
    drawn_without_error(page, "overview-health")

    with page.expect_download() as download_info:
        page.locator(".st-key-levels_png").get_by_role("button", name="Download PNG").click()
    download = download_info.value
    assert re.fullmatch(
        r"services-by-sector-and-digitisation-level-\d{8}\.png", download.suggested_filename
    )
    png = Path(download.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (3200, 1800)


def test_chart_table_csv_holds_what_the_chart_draws(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io
    from pathlib import Path

    from dashboard.common.filters import Filter, match
    from dashboard.common.queries import load_memberships, load_themes
    from dashboard.overview import tables as overview_tables

    services, members = load_services(demo_engine), load_memberships(demo_engine)
    health = services[match(services, members, Filter(sectors=("health",)))]
    expected = overview_tables.theme_counts(
        health, members.themes, load_themes(demo_engine), "challenge"
    )

    page.goto(f"{app_url}/?sector=health")
    page.get_by_text("Data behind this chart: Top challenges").click()
    settle(page)
    expander = page.get_by_test_id("stExpander").filter(has_text="Top challenges")
    with page.expect_download() as download_info:
        expander.get_by_role("button", name="Download CSV").click()
    text = Path(download_info.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Top challenges"]
    assert rows[1] == ["Filter: Sector: Health"]
    start = next(i for i, row in enumerate(rows) if row and row[0] == "Theme")
    assert rows[start] == list(expected.columns)
    body = rows[start + 1 :]
    assert [row[0] for row in body] == expected["Theme"].tolist()
    assert [int(row[2]) for row in body] == expected["High"].tolist()


def test_overview_in_welsh_with_a_welsh_png(page, app_url) -> None:  # type: ignore[no-untyped-def]
    import re
    from pathlib import Path

    from PIL import Image

    page.goto(f"{app_url}/?lang=cy&sector=health")
    expect(
        page.get_by_role("heading", name="Gwasanaethau cyhoeddus digidol yng Nghymru")
    ).to_be_visible()
    page.locator(".st-key-levels_chart .js-plotly-plot").wait_for()
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    # chart titles, axes and legends are Welsh too
    first = page.locator(".st-key-levels_chart .js-plotly-plot")
    expect(first.locator(".gtitle")).to_contain_text("gwasanaeth yn ddigidol")
    expect(first.locator(".legend")).to_contain_text("Rhannol ddigidol")
    screenshot(page, "overview-cy")

    with page.expect_download() as download_info:
        page.locator(".st-key-levels_png").get_by_role("button", name="Lawrlwytho PNG").click()
    download = download_info.value
    assert re.fullmatch(
        r"gwasanaethau-yn-ol-sector-a-lefel-digideiddio-\d{8}\.png", download.suggested_filename
    )
    image = Image.open(Path(download.path()))
    assert image.size == (3200, 1800)


@pytest.mark.parametrize(
    ("lang", "label", "since", "by_year"),
    [
        ("en", "Digital take-up (median)", "since 2023-24", "Medians by year"),
        ("cy", "Defnydd digidol (canolrif)", "ers 2023-24", "Canolrifau fesul blwyddyn"),
    ],
)
def test_the_change_since_the_previous_year_in_chromium(  # type: ignore[no-untyped-def]
    page, app_url, lang, label, since, by_year
):
    """Each headline metric's change reads as words, at 1366×768; under the tiles the medians
    by year draw one line per metric, each panel naming its services."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/?lang={lang}")
    tile = page.get_by_test_id("stMetric").filter(has_text=label)
    expect(tile).to_be_visible(timeout=90_000)
    settle(page)
    expect(tile.get_by_test_id("stMetricDelta")).to_contain_text(since)
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, f"overview-change-{lang}")
    chart = page.locator(".js-plotly-plot").filter(has_text=by_year).first
    expect(chart).to_be_visible(timeout=60_000)
    settle(page)
    expect(chart.locator(".gtitle")).to_contain_text(by_year)
    expect(chart.locator(".annotation-text").first).to_contain_text(label)
    # four panels in a row, their names apart
    boxes = [chart.locator(".annotation").nth(i).bounding_box() for i in range(4)]
    assert all(boxes)
    assert len({round(b["y"]) for b in boxes}) == 1  # type: ignore[index]
    for left, right in itertools.pairwise(boxes):
        assert left["x"] + left["width"] <= right["x"]  # type: ignore[index]
    assert chart.locator(".scatterlayer .trace").count() >= 3
    assert page.get_by_test_id("stException").count() == 0
    chart.scroll_into_view_if_needed()
    screenshot(page, f"overview-medians-by-year-{lang}")
