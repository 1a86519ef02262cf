"""A data steward in Chromium: sign in, upload a CSV, check it, import it, see it in the history."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect
from sqlalchemy import text

from db.engine import make_engine
from tests.browser.conftest import screenshot, settle, sign_in_to_data, start_app, stop
from tests.conftest import writable_demo
from tests.import_files import mark_as_real

pytestmark = pytest.mark.browser
SECRET = "browser-steward-credential"


@pytest.fixture(scope="module")
def data_app(demo_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """Its own server, with the administrator credential set, on a writable copy of the demo."""
    folder = tmp_path_factory.mktemp("data-app")
    url = writable_demo(demo_db_url, folder)
    mark_as_real(url)  # a steward's own data, which imports add to
    process, app_url = start_app(
        url, folder / "streamlit.log", env={"LANDSCAPE_ADMIN_TOKEN": SECRET}
    )
    engine = make_engine(url)
    yield app_url, engine, folder
    stop(process)
    engine.dispose()


def upload(page, source: Path) -> None:  # type: ignore[no-untyped-def]
    """Choose a file in the uploader and wait until the server has it.

    On a busy machine the rerun that committing "Your name" starts can still be drawing when the
    file is chosen, and the uploader then comes back empty; choosing again is what a person does.
    """
    dropzone = page.locator("[data-testid='stFileUploaderDropzoneInput']")
    shown = page.locator("[data-testid='stFileUploader']").get_by_text(source.name)
    for _ in range(3):
        dropzone.set_input_files(str(source))
        settle(page)
        try:
            expect(shown).to_be_visible(timeout=5000)
            return
        except AssertionError:
            continue
    expect(shown).to_be_visible()


def _sign_in(page) -> None:  # type: ignore[no-untyped-def]
    """Sign in as the steward and give the name the import log records."""
    sign_in_to_data(page, SECRET)


def test_a_steward_uploads_checks_and_imports_a_file(data_app, page) -> None:  # type: ignore[no-untyped-def]
    app_url, engine, folder = data_app
    page.goto(f"{app_url}/data")
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible()
    _sign_in(page)
    source = folder / "byrddau.csv"
    source.write_text(
        "Cod y sefydliad,Enw yn Saesneg,Enw yn Gymraeg,Sector,Math o sefydliad\r\n"
        "bwrdd-newydd,New Health Board,Bwrdd Iechyd Newydd ŵ,GIG,Bwrdd iechyd lleol\r\n"
        "corff-arall,Another Body,Corff Arall,ALB,Sponsored body\r\n",
        encoding="utf-8-sig",
    )
    upload(page, source)
    expect(page.get_by_text("encoding UTF-8 with BOM")).to_be_visible()
    page.get_by_role("button", name="Check the file").click()
    settle(page)
    expect(page.get_by_text("No problems found.")).to_be_visible()
    screenshot(page, "data-checked")
    page.get_by_role("button", name="Import", exact=True).click()
    settle(page)
    expect(page.get_by_text("2 added, 0 updated, 0 unchanged, 0 left out.")).to_be_visible()
    with engine.connect() as connection:
        name = connection.execute(
            text("SELECT name_cy FROM organisation WHERE code = 'bwrdd-newydd'")
        ).scalar()
    assert name == "Bwrdd Iechyd Newydd ŵ"
    page.get_by_role("tab", name="Import history").click()
    settle(page)
    screenshot(page, "data-history")


def test_a_steward_confirms_new_organisations_with_their_sector(data_app, page) -> None:  # type: ignore[no-untyped-def]
    app_url, engine, folder = data_app
    page.goto(f"{app_url}/data")
    _sign_in(page)
    source = folder / "services.csv"
    source.write_text(
        "Body/Agency,Service name,Stage,Contracting type,Digitisation level,Welsh provision,"
        "Service area\r\n"
        "Tŷ Hafan Trust,Family support,long_running,in_house,1,full,care\r\n"
        "Tŷ Hafan Trust,Bereavement support,long_running,in_house,1,full,care\r\n",
        encoding="utf-8",
    )
    upload(page, source)
    expect(page.get_by_role("heading", name="New organisations")).to_be_visible()
    _choose(page, "Sector of “Tŷ Hafan Trust”", "Third sector")
    page.get_by_text("Create the new organisations with this import").click()
    settle(page)
    screenshot(page, "data-new-organisations")
    page.get_by_role("button", name="Check the file").click()
    settle(page)
    page.get_by_role("button", name="Import", exact=True).click()
    settle(page)
    expect(page.get_by_text("3 added")).to_be_visible()
    with engine.connect() as connection:
        sector = connection.execute(
            text("SELECT sector FROM organisation WHERE code = 'ty-hafan-trust'")
        ).scalar()
        services = connection.execute(
            text("SELECT COUNT(*) FROM service WHERE code LIKE 'ty-hafan-trust-%'")
        ).scalar()
    assert sector == "third_sector" and services == 2


WIDE = (
    "Department,Service code,Service name,"
    "2022-23: volume,2022-23: digital volume,2022-23: cost per transaction (£),"
    "2023-24: volume,2023-24: digital volume,2023-24: cost per transaction (£)\r\n"
    'Ysgol Newydd Trust,ynt-admissions,School admissions,"1,200",900,4.10,1300,1040,'
    "[not provided]\r\n"
    "Ysgol Newydd Trust,ynt-transport,School transport,800,[not provided],6.00,820,410,5.50\r\n"
)


def _choose(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Pick `option` in the selectbox called `label`: a click focuses it, and where the list
    does not open on the click (as happens lower on a long page), the arrow key opens it."""
    box = page.get_by_label(label, exact=True)
    for _ in range(4):
        box.click()
        if box.get_attribute("aria-expanded") != "true":
            box.press("ArrowDown")
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=8_000)
            break
        except PlaywrightTimeout:
            # a rerun redrew the list under the pointer (a busy machine): open it again
            page.keyboard.press("Escape")
            settle(page)
    else:
        raise AssertionError(f"could not choose {option!r} in {label!r}")
    settle(page)


def test_a_steward_brings_in_a_wide_period_file_without_a_script(data_app, page) -> None:  # type: ignore[no-untyped-def]
    """Upload a wide period file; take its services first (a new organisation confirmed with
    its sector not recorded, every field the file lacks not recorded), then its figures."""
    app_url, engine, folder = data_app
    page.goto(f"{app_url}/data")
    _sign_in(page)
    source = folder / "performance.csv"
    source.write_text(WIDE, encoding="utf-8")
    upload(page, source)
    expect(page.get_by_text("wide period file", exact=False).first).to_be_visible()
    # the services first
    _choose(page, "The file holds", "Services")
    expect(page.get_by_role("heading", name="New organisations")).to_be_visible()
    for field in ("Stage", "Contracting type", "Digitisation level", "Welsh language provision"):
        _choose(page, f"{field} (required)", "Not recorded")
    page.get_by_label("Service area (required)", exact=True).fill("not recorded")
    page.get_by_label("Service area (required)", exact=True).press("Tab")
    settle(page)
    _choose(page, "Sector of “Ysgol Newydd Trust”", "Not recorded")
    page.get_by_text("Create the new organisations with this import").click()
    settle(page)
    screenshot(page, "data-wide-services")
    page.get_by_role("button", name="Check the file").click()
    settle(page)
    page.get_by_role("button", name="Import", exact=True).click()
    settle(page)
    expect(page.get_by_text("3 added")).to_be_visible()  # one organisation, two services
    # then the figures, one answer per service, measure and period
    _choose(page, "The file holds", "Metric answers")
    page.get_by_role("button", name="Check the file").click()
    settle(page)
    screenshot(page, "data-wide-figures")
    page.get_by_role("button", name="Import", exact=True).click()
    settle(page)
    # wait for this import's own result: 2 services x 2 periods x 3 measures, less the one
    # digital volume that is only "[not provided]" beside a provided volume
    expect(page.get_by_text("Imported performance.csv: 11 added", exact=False)).to_be_visible()
    with engine.connect() as connection:
        organisation = connection.execute(
            text("SELECT sector, org_type FROM organisation WHERE name_en = 'Ysgol Newydd Trust'")
        ).one()
        services = connection.execute(
            text(
                "SELECT COUNT(*), COUNT(digitisation_level), COUNT(stage), COUNT(service_area) "
                "FROM service WHERE code IN ('ynt-admissions', 'ynt-transport')"
            )
        ).one()
        volumes = dict(
            connection.execute(
                text(
                    "SELECT a.period, SUM(a.value) FROM metric_answer a JOIN service s "
                    "ON s.id = a.service_id WHERE s.code LIKE 'ynt-%' "
                    "AND a.metric = 'transactions_per_year' GROUP BY a.period"
                )
            ).all()
        )
        missing = connection.execute(
            text(
                "SELECT COUNT(*) FROM metric_answer a JOIN service s ON s.id = a.service_id "
                "WHERE s.code LIKE 'ynt-%' AND a.value IS NULL AND a.availability != 'provided'"
            )
        ).scalar()
    assert tuple(organisation) == (None, None)
    assert tuple(services) == (2, 0, 0, 0)
    assert volumes == {"2022-23": 2000, "2023-24": 2120}
    # the [not provided] cost: a blank figure that says why (the [not provided] digital volume
    # only means no take-up can be worked out for that period)
    assert missing == 1
