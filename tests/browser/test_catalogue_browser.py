"""The catalogue in Chromium: a shared link reopens the view; the CSV holds exactly those rows."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from dashboard.common.filters import Filter, match
from dashboard.common.queries import load_memberships, load_services, load_themes
from tests.browser.conftest import (
    drawn_without_error,
    eventually,
    screenshot,
    settle,
)

pytestmark = pytest.mark.browser


def test_filtered_link_and_csv_download(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    flt = Filter(sectors=("health",), level_min=1, level_max=2)
    n = int(match(services, members, flt).sum())

    page.goto(f"{app_url}/catalogue?sector=health&level=1-2")
    page.get_by_text(f"{n:,} of {len(services):,} services").first.wait_for()
    drawn_without_error(page, "catalogue-filtered")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    download = download_info.value
    assert re.fullmatch(r"service-catalogue-\d{8}\.csv", download.suggested_filename)
    raw = Path(download.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Service catalogue"]
    assert rows[1][0].startswith("Filter: Sector: Health; Digitisation level: 1")
    assert re.fullmatch(rf"Downloaded: {datetime.now(UTC):%Y-%m-%d} \d\d:\d\d UTC", rows[2][0])
    start = next(i for i, row in enumerate(rows) if row and row[0] == "Service")
    assert rows[start][-1] == "Code"  # the code column is shown last, and downloaded the same
    table = rows[start + 1 :]
    assert len(table) == n
    expected_codes = set(services.loc[match(services, members, flt), "code"].astype(str))
    assert {row[-1] for row in table} == expected_codes

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


def _choose(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Pick `option` in the sidebar multiselect called `label`, as a person would: open it,
    type the start of the name (a long list only draws the options in view), click it."""
    sidebar = page.get_by_test_id("stSidebar")
    box = sidebar.get_by_test_id("stMultiSelect").filter(has=page.get_by_text(label, exact=True))
    combobox = box.get_by_role("combobox")
    choice = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):  # a rerun that lands as the list opens can close it again
        settle(page)
        combobox.click()
        combobox.press_sequentially(option[:12])
        try:
            choice.wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    choice.click()
    page.keyboard.press("Escape")
    settle(page)


def _sort_by_first_column(page) -> None:  # type: ignore[no-untyped-def]
    """Click the first column's heading (the grid is drawn on a canvas: click by position)."""
    grid = page.get_by_test_id("stDataFrame").first
    grid.hover()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 150, box["y"] + 35 / 2)
    page.wait_for_timeout(500)


def test_sidebar_filter_then_csv_and_xlsx_hold_exactly_the_matching_services(  # type: ignore[no-untyped-def]
    page, app_url, demo_engine
) -> None:
    services, members = load_services(demo_engine), load_memberships(demo_engine)
    themes = load_themes(demo_engine).set_index("code")
    total = len(services)
    # the challenge theme most often reported in health: some health services, not all
    health_ids = services.index[services["sector"] == "health"]
    reported = members.themes[
        (members.themes["kind"] == "challenge") & members.themes["service_id"].isin(health_ids)
    ]
    challenge = str(reported["theme"].astype(str).value_counts().index[0])
    challenge_name = str(themes.loc[challenge, "name_en"])
    health = Filter(sectors=("health",))
    flt = Filter(sectors=("health",), challenges=(challenge,))
    n_health = int(match(services, members, health).sum())
    n = int(match(services, members, flt).sum())
    assert 0 < n < n_health < total
    expected_codes = services.loc[match(services, members, flt), "code"].astype(str).tolist()

    page.goto(f"{app_url}/catalogue")
    page.get_by_text(f"{total:,} of {total:,} services").first.wait_for()
    settle(page)
    _choose(page, "Sector", "Health")
    page.get_by_text(f"{n_health:,} of {total:,} services").first.wait_for()
    _choose(page, "Challenge theme", challenge_name)
    page.get_by_text(f"{n:,} of {total:,} services").first.wait_for()
    page.wait_for_url(re.compile(rf".*challenge={re.escape(challenge)}.*"))
    assert "sector=health" in page.url
    assert page.get_by_test_id("stException").count() == 0
    screenshot(page, "catalogue-sidebar-filter")

    # sort the table on screen: the files keep the table's default order, as their help says
    _sort_by_first_column(page)
    screenshot(page, "catalogue-sidebar-filter-sorted")
    page.mouse.move(0, 0)
    settle(page)
    filter_line = f"Filter: Sector: Health; Challenge: {challenge_name}"
    today = f"{datetime.now(UTC):%Y-%m-%d}"

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").click()
    assert re.fullmatch(r"service-catalogue-\d{8}\.csv", download_info.value.suggested_filename)
    raw = Path(download_info.value.path()).read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Service catalogue"]
    assert rows[1] == [filter_line]
    assert re.fullmatch(rf"Downloaded: {today} \d\d:\d\d UTC", rows[2][0])
    assert rows[3][0].startswith("Source: ")
    start = rows.index(next(row for row in rows if row and row[0] == "Service"))
    assert rows[start][-1] == "Code"
    assert [row[-1] for row in rows[start + 1 :]] == expected_codes

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download XLSX").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    cells = list(book.active.iter_rows(values_only=True))
    assert [row[0] for row in cells[:2]] == ["Service catalogue", filter_line]
    assert re.fullmatch(rf"Downloaded: {today} \d\d:\d\d UTC", str(cells[2][0]))
    start = next(i for i, row in enumerate(cells) if row[0] == "Service")
    assert cells[start][-1] == "Code"
    assert [row[-1] for row in cells[start + 1 :]] == expected_codes


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
    # the box is redrawn just after the count: wait for it (the value is still required)
    expect(page.get_by_label("Search services")).to_have_value("")

    page.go_forward()
    page.get_by_text(f"{narrowed:,} of {len(services):,} services").first.wait_for()
    expect(page.get_by_label("Search services")).to_have_value("appointment")


def _choose_row(page, number: int) -> None:  # type: ignore[no-untyped-def]
    """Click a table row's selection box (the grid is drawn on a canvas: click by position)."""
    grid = page.get_by_test_id("stDataFrame").first
    grid.hover()
    box = grid.bounding_box()
    row_height = 35  # Streamlit's default row height; the header row has the same height
    page.mouse.click(box["x"] + 18, box["y"] + row_height * (number + 1) + row_height / 2)


def test_choosing_a_row_opens_the_service_and_back_returns(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services = load_services(demo_engine)
    health = int(match(services, load_memberships(demo_engine), Filter(sectors=("health",))).sum())
    counted = f"{health:,} of {len(services):,} services"

    page.goto(f"{app_url}/catalogue?sector=health")
    page.get_by_text(counted).first.wait_for()
    settle(page)
    # the link to this view is the address itself, ready to copy
    link = page.get_by_test_id("stCode")

    def open_the_link() -> None:
        # a rerun that lands just after the click (the grid reporting its size on a busy
        # machine) closes the popover again: click until it stays open
        if not link.is_visible():
            page.get_by_role("button", name="Link to this view").click()
        expect(link).to_contain_text(f"{app_url}/catalogue?sector=health", timeout=3_000)

    eventually(open_the_link, 40)
    page.keyboard.press("Escape")
    settle(page)
    _choose_row(page, 0)
    page.wait_for_url(re.compile(r".*service=.*"))
    page.get_by_role("button", name="Back to the catalogue").wait_for()
    settle(page)
    code = re.search(r"service=([^&]+)", page.url).group(1)
    name = str(services.loc[services["code"] == code, "name_en"].iloc[0])
    expect(page.get_by_role("heading", name=name)).to_be_visible()

    # Back: the table again, and it stays there
    page.get_by_role("button", name="Back to the catalogue").click()
    page.get_by_text(counted).first.wait_for()
    settle(page)
    page.wait_for_timeout(1000)
    assert "service=" not in page.url
    assert page.get_by_role("button", name="Back to the catalogue").count() == 0

    # a second service, then the browser's back button
    _choose_row(page, 1)
    page.wait_for_url(re.compile(r".*service=.*"))
    page.get_by_role("button", name="Back to the catalogue").wait_for()
    page.go_back()
    page.get_by_text(counted).first.wait_for()
    settle(page)
    page.wait_for_timeout(1000)
    assert "service=" not in page.url
    assert page.get_by_role("button", name="Back to the catalogue").count() == 0
    assert page.get_by_test_id("stException").count() == 0


def test_detail_view_link_and_return(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services = load_services(demo_engine)
    deep = services[services["is_deep_dive"] & services["code"].str.contains("planned-care")]
    code, name = str(deep["code"].iloc[0]), str(deep["name_en"].iloc[0])

    page.goto(f"{app_url}/catalogue?sector=health&service={code}")
    page.get_by_role("heading", name=name).wait_for()
    page.get_by_text("Journeys").first.wait_for()
    page.get_by_test_id("stDataFrame").first.wait_for()
    drawn_without_error(page, "service-detail")

    # the detail view's tables download as workbooks (a ":" in their titles once broke them);
    # the metrics table's XLSX button, found by its key (the page has one such row per table)
    button = page.locator(".st-key-detail_metrics_xlsx").get_by_role("button", name="Download XLSX")
    with page.expect_download() as download_info:
        button.click()
    download = download_info.value
    assert re.fullmatch(r"metrics-.*-\d{8}\.xlsx", download.suggested_filename)
    book = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert book.active.title.startswith("Metrics ")
    assert book.active["A1"].value == f"Metrics: {name}"

    page.get_by_role("button", name="Back to the catalogue").click()
    page.get_by_text(" of 402 services").first.wait_for()
    page.wait_for_url(re.compile(r"^(?!.*service=).*sector=health.*"))


def test_catalogue_and_detail_in_welsh(page, app_url, demo_engine) -> None:  # type: ignore[no-untyped-def]
    services = load_services(demo_engine)
    deep = services[services["is_deep_dive"] & services["code"].str.contains("planned-care")]
    code, name = str(deep["code"].iloc[0]), str(deep["name_cy"].iloc[0])

    page.goto(f"{app_url}/catalogue?lang=cy&sector=health")
    expect(page.get_by_role("heading", name="Catalog gwasanaethau")).to_be_visible()
    page.get_by_test_id("stDataFrame").first.wait_for()
    drawn_without_error(page, "catalogue-cy")

    page.goto(f"{app_url}/catalogue?lang=cy&service={code}")
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.get_by_role("heading", name="Metrigau", exact=True)).to_be_visible()
    page.get_by_test_id("stDataFrame").first.wait_for()
    drawn_without_error(page, "service-detail-cy")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Lawrlwytho CSV").first.click()
    text = Path(download_info.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == [f"Metrigau: {name}"]
    assert rows[2][0].startswith("Lawrlwythwyd: ")


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_1366_laptop_sees_name_level_and_figures_with_their_reasons(  # type: ignore[no-untyped-def]
    page, app_url, demo_engine, lang
) -> None:
    from dashboard.catalogue.table import SCREEN_FIRST, SCREEN_WIDTHS, columns
    from dashboard.common.i18n import using

    with using(lang):
        headers = columns()
        reason = t_reason()
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/catalogue?lang={lang}")
    grid = page.get_by_test_id("stDataFrame").first
    grid.wait_for()
    settle(page)
    # the columns in view, as the grid lists them for screen readers
    heading = grid.locator('[role="row"]').first.locator('[role="columnheader"]')
    heading.first.wait_for(state="attached")
    shown = [text.strip() for text in heading.all_inner_texts() if text.strip()]
    first = [headers[field] for field in SCREEN_FIRST[:5]]
    assert shown[:5] == first
    box = grid.bounding_box()
    assert box is not None and box["width"] >= 36 + sum(SCREEN_WIDTHS[f] for f in SCREEN_FIRST[:5])
    cells = grid.locator('[role="gridcell"]').all_inner_texts()
    assert reason in cells  # a missing figure says why, in its own cell
    grid.scroll_into_view_if_needed()
    screenshot(page, f"catalogue-1366-{lang}")


def t_reason() -> str:
    """How the screen words a users figure the owner could not split from a shared system."""
    from dashboard.catalogue.table import metric_status

    frame = pd.DataFrame({"availability": ["not_available"], "reason": ["shared_system"]})
    return str(metric_status(frame).iloc[0])


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_a_service_type_link_shows_its_filter_column_and_detail(  # type: ignore[no-untyped-def]
    page, app_url, demo_engine, lang
) -> None:
    services = load_services(demo_engine)
    n = int((services["service_type"] == "missed-bin").sum())
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{app_url}/catalogue?type=missed-bin&lang={lang}")
    words = {
        "en": (f"{n:,} of {len(services):,} services", "Service type: Report a missed bin"),
        "cy": (f"{n:,} o {len(services):,}", "Math o wasanaeth: Rhoi gwybod am gasgliad bin"),
    }[lang]
    page.get_by_text(words[0]).first.wait_for()
    expect(page.get_by_role("button", name=re.compile(words[1])).first).to_be_visible()
    drawn_without_error(page, f"catalogue-service-type-{lang}")
    code = str(services.loc[services["service_type"] == "missed-bin", "code"].iloc[0])
    page.goto(f"{app_url}/catalogue?service={code}&lang={lang}")
    page.get_by_text("LGSL 524").first.wait_for()
    drawn_without_error(page, f"catalogue-service-type-detail-{lang}")
