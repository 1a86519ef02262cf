"""Every page works in Chromium under the app's security headers
(dashboard/serving/security_headers.py): the browser reports no Content-Security-Policy
violation and no console error, every chart is drawn, and Streamlit's own cookie still lets a
file be uploaded (the XSRF check) and a table be downloaded."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from db.engine import make_engine
from tests.browser.conftest import ARTIFACTS, screenshot, settle, sign_in_to_data, start_app, stop
from tests.browser.test_data_browser import upload
from tests.browser.test_laptop_pages_browser import PAGES
from tests.conftest import writable_demo
from tests.survey_links import owner_link

pytestmark = pytest.mark.browser
SECRET = "headers-steward-credential"

#: Records each violation the browser reports, before any of the page's own script runs.
WATCH_POLICY = (
    "document.addEventListener('securitypolicyviolation', e => "
    "(window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI))"
)
#: The pages that draw charts, and the fewest each draws (the demo data set).
CHARTS = {
    "/": 3,
    "/themes": 3,
    "/prioritise": 2,
    "/data-availability": 2,
    "/technology": 3,
    "/join-up": 1,
    "/present?slide=2": 1,
}


@pytest.fixture
def page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A browser page under the app's own policy (the shared fixture's page bypasses it)."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-GB")
    strict = context.new_page()
    strict.set_default_timeout(30_000)
    yield strict
    context.close()


@pytest.fixture(scope="module")
def secured_app(demo_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    """Its own server (as `landscape serve` starts it) on a writable copy of the demo store,
    with the administrator credential set, and an owner's survey link."""
    folder = tmp_path_factory.mktemp("headers-app")
    url = writable_demo(demo_db_url, folder)
    engine = make_engine(url)
    token, _ = owner_link(engine)
    engine.dispose()
    process, app_url = start_app(
        url, folder / "streamlit.log", env={"LANDSCAPE_ADMIN_TOKEN": SECRET}
    )
    yield app_url, token, folder
    stop(process)


def watched(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The console's errors and the page's uncaught exceptions from now on (a list that grows),
    and every policy violation noted in `window.__csp`."""
    page.context.add_init_script(WATCH_POLICY)
    problems: list[str] = []

    def console(message: Any) -> None:
        text = message.text
        if (
            message.type == "error"
            or "Content Security Policy" in text
            or "Permissions-Policy" in text
        ):
            problems.append(f"{message.type}: {text[:300]}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"exception: {error}"))
    return problems


def violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    return list(page.evaluate("() => window.__csp || []"))


def assert_clean(page, problems: list[str], where: str) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_timeout(500)  # late icons, fonts and components report after the drawing
    assert violations(page) == [], where
    assert problems == [], where
    assert page.get_by_test_id("stException").count() == 0, where


def assert_charts_drawn(page, path: str) -> None:  # type: ignore[no-untyped-def]
    """Each chart on the page has been drawn by plotly (its SVG is there). Streamlit draws a
    chart once it comes into view: the window is made as tall as the page meanwhile, again
    as the page grows."""
    viewport = page.viewport_size
    charts = page.get_by_test_id("stPlotlyChart")
    deadline = time.monotonic() + 60
    try:
        while True:
            height = page.evaluate(
                "() => document.querySelector('[data-testid=stMainBlockContainer]')"
                "?.scrollHeight ?? 0"
            )
            size = {"width": viewport["width"], "height": max(viewport["height"], height)}
            if page.viewport_size != size:
                page.set_viewport_size(size)
            if charts.count() >= CHARTS.get(path, 0) or time.monotonic() > deadline:
                break
            page.wait_for_timeout(500)
        assert charts.count() >= CHARTS.get(path, 0), (path, charts.count())
        for index in range(charts.count()):
            expect(charts.nth(index).locator(".main-svg").first).to_be_attached(timeout=30_000)
    finally:
        page.set_viewport_size(viewport)


MENU = [path for path, *_ in PAGES]


@pytest.mark.parametrize(
    "path",
    [*MENU, "/present?slide=2", "/?lang=cy", "/survey?token="],
)
def test_a_page_works_under_the_policy(page, secured_app, path) -> None:  # type: ignore[no-untyped-def]
    app_url, token, _ = secured_app
    problems = watched(page)
    address = app_url + path + (token if path.endswith("token=") else "")
    response = page.goto(address)
    assert response is not None and "script-src" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", level=1).first).to_be_visible(timeout=60_000)
    settle(page)
    assert_charts_drawn(page, path.split("&")[0])
    settle(page)
    if path.startswith("/present"):
        # the Present page's own component (a blob: module) has run: its keys are heard
        expect(page.locator("html[data-present-keys=ready]")).to_have_count(1)
    if "lang=cy" in path:
        # the Welsh page loads the language component (a blob: module too)
        expect(page.get_by_role("heading", level=1).first).to_have_text(
            "Gwasanaethau cyhoeddus digidol yng Nghymru"
        )
    if "token=" in path:
        expect(page.get_by_text("Save this section").first).to_be_visible()
    assert_clean(page, problems, path)
    name = path.strip("/").split("?")[0] or "overview"
    extra = {"slide=2": "-slide-2", "lang=cy": "-cy", "token=": "-link"}
    name = "headers-" + name + "".join(v for k, v in extra.items() if k in path)
    if path.startswith("/present"):
        # the slide is fitted to the window: a taller one would start a rerun, so as it is
        settle(page)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    else:
        screenshot(page, name)


def test_a_file_uploads_and_a_table_downloads_under_the_headers(page, secured_app) -> None:  # type: ignore[no-untyped-def]
    app_url, _, folder = secured_app
    problems = watched(page)
    page.goto(f"{app_url}/data")
    expect(page.get_by_role("heading", name="Data", exact=True)).to_be_visible(timeout=60_000)
    sign_in_to_data(page, SECRET)
    source = folder / "sefydliadau.csv"
    source.write_text(
        "Cod y sefydliad,Enw yn Saesneg,Enw yn Gymraeg,Sector,Math o sefydliad\r\n"
        "corff-newydd,New Body,Corff Newydd,ALB,Sponsored body\r\n",
        encoding="utf-8",
    )
    # the upload is a POST that Streamlit refuses without its XSRF cookie and header
    upload(page, source)
    page.get_by_role("button", name="Check the file").click()
    settle(page)
    expect(page.get_by_text("No problems found.")).to_be_visible()
    assert_clean(page, problems, "/data")
    screenshot(page, "headers-data-upload")

    page.goto(f"{app_url}/catalogue")
    expect(page.get_by_role("heading", name="Service catalogue")).to_be_visible(timeout=60_000)
    settle(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download CSV").first.click()
    assert download_info.value.path().read_bytes().count(b"\n") > 10
    assert_clean(page, problems, "/catalogue download")
