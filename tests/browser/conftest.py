"""A real app server on a free port and Debian's headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import unavailable

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    target: list[str], log_path: Path, env: dict[str, str] | None = None, port: int | None = None
) -> tuple[subprocess.Popen, str]:
    """Start a Streamlit server on a free loopback port (`target`: what `python -m` runs, with
    its own arguments) and wait until it answers its health check. `port` when the caller
    had to know it before (a sign-in's redirect address)."""
    port = port or free_port()
    log = log_path.open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            *target,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=os.environ | {"PYTHONUNBUFFERED": "1"} | (env or {}),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited early; see {log_path}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().strip() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"the app did not start within 60 s; see {log_path}")


def start_app(
    database_url: str, log_path: Path, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen, str]:
    """The app as `landscape serve` starts it, on the given store (with `env` set for it)."""
    return start_server(
        ["dashboard.serving.launch"], log_path, env={"DATABASE_URL": database_url} | (env or {})
    )


def stop(process: subprocess.Popen) -> None:
    """Stop a server: politely, then for good after ten seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def app_url(demo_db_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    process, url = start_app(demo_db_url, tmp_path_factory.mktemp("server") / "streamlit.log")
    yield url
    stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        unavailable(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    # a 2-core CI machine running the app, Chromium and the tests at once can take a few
    # seconds for a first script run; assertions wait for the page, not a fixed short time
    expect.set_options(timeout=20_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh browser page. The tests evaluate their own expressions in it (waiting for a
    chart, reading a size), which the app's Content-Security-Policy forbids a page's scripts:
    this page lets the test's own expressions through. Whether the app's pages work under the
    policy is checked by tests/browser/test_security_headers_browser.py, whose page does not."""
    context = browser.new_context(
        viewport={"width": 1440, "height": 1000}, locale="en-GB", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def settle(page) -> None:  # type: ignore[no-untyped-def]
    """Wait until the script run the last action started has finished drawing."""
    page.wait_for_timeout(150)  # a rerun starts a moment after the click or key press
    page.locator("[data-testid='stStatusWidgetRunningIcon']").wait_for(state="detached")
    page.locator("[data-testid='stStatusWidgetRunningManIcon']").wait_for(state="detached")


def eventually(check: Callable[[], None], seconds: float = 20) -> None:
    """Retry an assertion about what the server saved until it holds or time runs out.

    A saved answer is written by the script run a click starts, and on a busy machine that run
    can start after settle() has looked; the page can show the new state before the store does.
    """
    deadline = time.monotonic() + seconds
    while True:
        try:
            check()
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def drawn_without_error(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """The page as drawn once its run has finished: no exception box, and its screenshot."""
    settle(page)
    assert page.get_by_test_id("stException").count() == 0
    return screenshot(page, name)


def download_from(page, button: str):  # type: ignore[no-untyped-def]
    """The file the first button named `button` gives."""
    with page.expect_download() as download_info:
        page.get_by_role("button", name=button).first.click()
    return download_info.value


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    """The whole page: Streamlit scrolls inside its main area, so grow the window to fit it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    settle(page)
    viewport = page.viewport_size
    height = page.evaluate(
        "() => (document.querySelector('[data-testid=stMainBlockContainer]')?.scrollHeight ?? 0) + 120"
    )
    page.set_viewport_size({"width": viewport["width"], "height": max(viewport["height"], height)})
    page.wait_for_timeout(300)  # let charts re-lay themselves out at the new size
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(viewport)
    return path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):  # type: ignore[no-untyped-def]
    """A failed browser test leaves a screenshot of each of its pages in tests/artifacts/."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    for name in ("page", "projector", "laptop"):
        page = item.funcargs.get(name) if hasattr(item, "funcargs") else None
        if page is None or not hasattr(page, "screenshot"):
            continue
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(ARTIFACTS / f"failed-{item.name}-{name}.png"), full_page=True)
        except Exception as error:  # the page may be gone: the failure itself matters more
            report.sections.append(("failure screenshot", str(error)))


def sign_in_to_data(page, secret: str, name: str = "Rhian Steward") -> None:  # type: ignore[no-untyped-def]
    """On the Data page: sign in with the administrator credential and give a name for the
    audit trail, as a data steward does before an import."""
    page.get_by_label("Administrator credential", exact=True).fill(secret)
    page.get_by_role("button", name="Sign in").click()
    settle(page)
    page.get_by_label("Your name", exact=True).fill(name)
    page.get_by_label("Your name", exact=True).press("Tab")
    settle(page)
