"""The Map page in Chromium: the map draws from the app's own boundary file and nothing is
asked of any other host (no base map, tiles or TopoJSON), pointing at an area gives its figure
with "N of M services", clicking an area's circle filters to its organisation, and the page
reads at 1366×768 and 1093×614 in English and Welsh. Screenshots in tests/artifacts."""

from __future__ import annotations

import csv
import io
import re
import struct
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import download_from, screenshot, settle

pytestmark = pytest.mark.browser

SLOW = 120_000
#: Cardiff's place among the councils' circles (the reference's order: W06000001 ... 015).
CARDIFF = 13


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _map_drawn(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=stPlotlyChart] .scatterlayer .point')"
        ".length >= 7"
    )


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1093, 614)], ids=["1366", "1093"])
@pytest.mark.parametrize("lang", ["en", "cy"])
def test_the_map_draws_from_its_own_file_and_asks_no_one_else(
    page, app_url, lang, width, height
) -> None:  # type: ignore[no-untyped-def]
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/map?lang={lang}")
    expect(page.get_by_role("heading", name="Map", exact=True)).to_be_visible()
    settle(page)
    _map_drawn(page)
    assert page.get_by_test_id("stException").count() == 0
    circles = page.locator("[data-testid=stPlotlyChart] .scatterlayer .point")
    assert circles.count() == 22
    page.wait_for_timeout(800)  # anything a map would fetch late
    elsewhere = [
        url
        for url in requested
        if not url.startswith(("data:", "blob:")) and _origin(url) != _origin(app_url)
    ]
    assert requested and elsewhere == []
    page.screenshot(
        path=str(
            screenshot(page, f"map-{width}-{lang}").with_name(
                f"map-{width}-{lang}-first-screen.png"
            )
        )
    )


def test_pointing_at_an_area_gives_its_figure_and_a_click_filters_to_it(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/map")
    settle(page)
    _map_drawn(page)
    circle = page.locator("[data-testid=stPlotlyChart] .scatterlayer .point").nth(CARDIFF)
    circle.scroll_into_view_if_needed()
    box = circle.bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    hover = page.locator("[data-testid=stPlotlyChart] .hoverlayer .hovertext").first
    expect(hover).to_contain_text("Cardiff")
    expect(hover).to_contain_text(re.compile(r"\d+ of \d+ services|not shown as a figure"))
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(r"org=cardiff"))
    settle(page)
    _map_drawn(page)
    assert page.get_by_test_id("stException").count() == 0
    # the box names the chosen area, and the profile link is offered
    expect(page.get_by_role("link", name=re.compile("Profile of Cardiff"))).to_be_visible()
    screenshot(page, "map-cardiff-chosen")


def test_the_maps_png_and_the_table_of_areas_download(page, app_url) -> None:  # type: ignore[no-untyped-def]
    page.set_default_timeout(SLOW)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/map?map_areas=boards")
    settle(page)
    _map_drawn(page)
    download = download_from(page, "Download PNG")
    assert re.fullmatch(r"map-of-wales-\d{8}\.png", download.suggested_filename)
    png = Path(download.path()).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (3200, 1800)
    table = download_from(page, "CSV for analysis")
    rows = list(csv.reader(io.StringIO(Path(table.path()).read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["Area", "ONS code"]
    assert {row[1] for row in rows[1:8]} == {
        "W11000023",
        "W11000024",
        "W11000025",
        "W11000028",
        "W11000029",
        "W11000030",
        "W11000031",
    }
