"""The catalogue in Chromium: a shared link reopens the view; the CSV holds exactly those rows."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from dashboard.filters import Filter, match
from dashboard.queries import load_memberships, load_services
from tests.browser.conftest import screenshot, settle

pytestmark = pytest.mark.browser


def test_filtered_link_and_csv_download(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    flt = Filter(sectors=("health",), level_min=1, level_max=2)
    n = int(match(services, members, flt).sum())

    page.goto(f"{app_url}/catalogue?sector=health&level=1-2")
    page.get_by_text(f"{n:,} of {len(services):,} services").first.wait_for()
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, "catalogue-filtered")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    download = download_info.value
    assert re.fullmatch(r"service-catalogue-\d{8}\.csv", download.suggested_filename)
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Service catalogue"]
    assert rows[1][0].startswith("Filter: Sector: Health; Digitisation level: 1")
    start = next(i for i, row in enumerate(rows) if row and row[0] == "Code") + 1
    table = rows[start:]
    assert len(table) == n
    expected_codes = set(services.loc[match(services, members, flt), "code"].astype(str))
    assert {row[0] for row in table} == expected_codes

    # a further change keeps the level range from the link and updates the URL
    search = page.get_by_label("Search services")
    search.fill("appointment")
    search.press("Enter")
    narrowed = Filter(sectors=("health",), level_min=1, level_max=2, text="appointment")
    m = int(match(services, members, narrowed).sum())
    page.get_by_text(f"{m:,} of {len(services):,} services").first.wait_for()
    page.wait_for_url(re.compile(r".*q=appointment.*"))
    assert "level=1-2" in page.url
    screenshot(page, "catalogue-search")


def test_back_and_forward_buttons_restore_the_filter(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    health = int(match(services, members, Filter(sectors=("health",))).sum())
    narrowed = int(match(services, members, Filter(sectors=("health",), text="appointment")).sum())
    assert narrowed < health

    page.goto(f"{app_url}/catalogue?sector=health")
    page.get_by_text(f"{health:,} of {len(services):,} services").first.wait_for()
    search = page.get_by_label("Search services")
    search.fill("appointment")
    search.press("Enter")
    page.get_by_text(f"{narrowed:,} of {len(services):,} services").first.wait_for()
    page.wait_for_url(re.compile(r".*q=appointment.*"))

    page.go_back()
    page.get_by_text(f"{health:,} of {len(services):,} services").first.wait_for()
    assert "q=" not in page.url and "sector=health" in page.url
    assert page.get_by_label("Search services").input_value() == ""

    page.go_forward()
    page.get_by_text(f"{narrowed:,} of {len(services):,} services").first.wait_for()
    assert page.get_by_label("Search services").input_value() == "appointment"


def test_detail_view_link_and_return(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services = load_services(demo_engine)
    deep = services[services["is_deep_dive"] & services["code"].str.contains("planned-care")]
    code, name = str(deep["code"].iloc[0]), str(deep["name_en"].iloc[0])

    page.goto(f"{app_url}/catalogue?sector=health&service={code}")
    page.get_by_role("heading", name=name).wait_for()
    page.get_by_text("Journeys").first.wait_for()
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, "service-detail")

    page.get_by_role("button", name="Back to the catalogue").click()
    page.get_by_text(" of 402 services").first.wait_for()
    page.wait_for_url(re.compile(r"^(?!.*service=).*sector=health.*"))
