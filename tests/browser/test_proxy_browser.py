"""Several app processes on one PostgreSQL database behind nginx, as compose.yaml deploys them,
started directly (tests/proxy.py): one database, two `landscape serve` processes, Debian's nginx
with the project's own configuration (deploy/nginx/landscape.conf.template), over HTTPS.

A browser lands on one process and stays there (its page loads, reruns, new websockets and
uploads); an import made through one process is seen by a session on the other at its next
rerun; a survey edited through both loses nothing; cookies are Secure and SameSite, and the
app's security headers come through the proxy."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy.engine import make_url

from dashboard.surveys import links, responses
from db.engine import make_engine
from tests.browser.conftest import eventually, screenshot, settle, sign_in_to_data
from tests.browser.test_data_browser import _choose as choose
from tests.browser.test_data_browser import upload
from tests.conftest import scratch_database, unavailable
from tests.import_files import mark_as_real
from tests.proxy import NGINX, ROUTE_COOKIE, Topology, behind_nginx, fetch, one_shot
from tests.serving import environment
from tests.survey_links import owner_link
from tests.test_security_headers import assert_security_headers

pytestmark = [pytest.mark.browser, pytest.mark.postgres]
SECRET = "proxy-steward-credential"
SLOW = 60_000


@pytest.fixture(scope="module")
def deployment(
    postgres_server_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Topology, str, str]]:
    """A fresh PostgreSQL database made ready by the one-shot commands (`landscape db upgrade`,
    then the demo data set as a steward's own), an owner's survey link, and two processes on
    it behind nginx. (the topology, the database's URL, the owner's token)"""
    if not Path(NGINX).exists():
        unavailable(f"Debian's nginx is not installed at {NGINX} (apt-get install nginx)")
    folder = tmp_path_factory.mktemp("proxy")
    with scratch_database(postgres_server_url, "landscape_proxy") as url:
        commands = environment(f"proxy-setup-{make_url(url).database}", DATABASE_URL=url)
        one_shot(["db", "upgrade"], folder, commands)
        one_shot(["demo", "load"], folder, commands)
        mark_as_real(url)  # a steward's own data, which imports add to
        engine = make_engine(url)
        token, _ = owner_link(engine)
        engine.dispose()
        with behind_nginx(url, folder, env={"LANDSCAPE_ADMIN_TOKEN": SECRET}) as topology:
            yield topology, url, token


def _route(context: BrowserContext) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == ROUTE_COOKIE)


@pytest.fixture
def session_on(
    browser: Browser, deployment: tuple[Topology, str, str]
) -> Iterator[Callable[..., Page]]:
    """A browser session (its own context, as a separate person) that the proxy has sent to
    the process on `port`, or to any process but `not_port`. Which one the proxy picks for a
    new browser is chance; a new browser is opened until it lands where wanted."""
    topology = deployment[0]
    contexts: list[BrowserContext] = []

    def open_session(port: int | None = None, not_port: int | None = None) -> Page:
        for _ in range(40):  # each new browser has an even chance: missing 40 times is 1e-12
            context = browser.new_context(
                viewport={"width": 1440, "height": 1000}, locale="en-GB", ignore_https_errors=True
            )
            page = context.new_page()
            page.set_default_timeout(SLOW)
            page.goto(f"{topology.url}/_stcore/health")
            landed = topology.port_of(_route(context))
            if (port is None or landed == port) and landed != not_port:
                contexts.append(context)
                return page
            context.close()
        raise AssertionError("the proxy sent 40 new browsers to the same process")

    yield open_session
    for context in contexts:
        context.close()


def _search(page: Page, words: str) -> None:
    """A rerun, as a person starts one: a search typed into the filter."""
    search = page.get_by_test_id("stSidebar").get_by_label("Search services")
    search.fill(words)
    search.press("Enter")
    settle(page)


def test_a_browser_stays_on_one_process_with_secure_cookies(
    deployment: tuple[Topology, str, str], session_on: Callable[..., Page]
) -> None:
    topology = deployment[0]
    page = session_on()
    context = page.context
    route = _route(context)
    page.goto(f"{topology.url}/catalogue")
    expect(page.get_by_role("heading", name="Service catalogue")).to_be_visible()
    _search(page, "school")
    page.reload()  # a new websocket: it must reach the process that holds the session's files
    expect(page.get_by_role("heading", name="Service catalogue")).to_be_visible()
    _search(page, "permit")
    assert page.get_by_test_id("stException").count() == 0
    # every cookie over HTTPS is Secure and SameSite: the proxy's route, Streamlit's XSRF
    # cookie and the page shell's window size
    cookies = {cookie["name"]: cookie for cookie in context.cookies()}
    assert {ROUTE_COOKIE, "_streamlit_xsrf"} <= set(cookies)
    for cookie in cookies.values():
        assert cookie["secure"], cookie["name"]
        assert cookie["sameSite"] in ("Lax", "Strict"), cookie["name"]
    assert cookies[ROUTE_COOKIE]["httpOnly"]
    home = topology.port_of(route)
    context.close()  # the proxy logs a websocket when it closes

    def two_websockets() -> None:
        opened = [r for r in topology.requests(route) if "/_stcore/stream" in r[0]]
        assert len(opened) == 2 and {status for _, status, _ in opened} == {101}

    eventually(two_websockets)
    requests = topology.requests(route)
    assert len(requests) > 10  # the pages, their scripts and styles, two websockets
    assert {port for _, _, port in requests} == {home}
    # the proxy spreads new browsers: one lands on the other process
    other = session_on(not_port=home)
    assert topology.port_of(_route(other.context)) != home


def test_an_import_through_one_process_is_seen_on_the_other_at_its_next_rerun(
    deployment: tuple[Topology, str, str],
    session_on: Callable[..., Page],
    tmp_path: Path,
) -> None:
    topology = deployment[0]
    reader = session_on()
    reader_port = topology.port_of(_route(reader.context))
    reader.goto(f"{topology.url}/catalogue")
    expect(reader.get_by_role("heading", name="Service catalogue")).to_be_visible()
    settle(reader)
    assert _organisations_offered(reader, "Hafan") == []

    steward = session_on(not_port=reader_port)
    steward.goto(f"{topology.url}/data")
    sign_in_to_data(steward, SECRET)
    source = tmp_path / "services.csv"
    source.write_text(
        "Body/Agency,Service name,Stage,Contracting type,Digitisation level,Welsh provision,"
        "Service area\r\n"
        "Tŷ Hafan Trust,Family support,long_running,in_house,1,full,care\r\n"
        "Tŷ Hafan Trust,Bereavement support,long_running,in_house,1,full,care\r\n",
        encoding="utf-8",
    )
    upload(steward, source)  # an HTTP upload: it must reach the process holding the session
    expect(steward.get_by_role("heading", name="New organisations")).to_be_visible()
    choose(steward, "Sector of “Tŷ Hafan Trust”", "Third sector")
    steward.get_by_text("Create the new organisations with this import").click()
    settle(steward)
    steward.get_by_role("button", name="Check the file").click()
    settle(steward)
    steward.get_by_role("button", name="Import", exact=True).click()
    settle(steward)
    expect(steward.get_by_text("3 added")).to_be_visible()
    assert topology.port_of(_route(steward.context)) != reader_port

    # the reader's session, on the other process, has not reloaded: its next rerun shows it
    _search(reader, "school")
    assert _organisations_offered(reader, "Hafan") == ["Tŷ Hafan Trust"]
    assert reader.get_by_test_id("stException").count() == 0
    assert topology.port_of(_route(reader.context)) == reader_port
    screenshot(reader, "proxy-import-seen-on-the-other-process")


def _organisations_offered(page: Page, typed: str) -> list[str]:
    """The organisations the filter's choice offers for what is typed: the list the page's
    last script run sent (opening the list runs nothing)."""
    box = page.get_by_test_id("stSidebar").get_by_label("Organisation", exact=True)
    box.click()
    box.press_sequentially(typed)
    page.wait_for_timeout(300)
    shown = [text.strip() for text in page.get_by_role("option").all_inner_texts()]
    offered = [text for text in shown if typed.casefold() in text.casefold()]  # not "No results"
    box.press("Escape")
    box.fill("")
    return offered


def _answer(page: Page, label: str, value: str) -> None:
    field = page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Tab")  # leaving the field saves it
    settle(page)


def test_a_survey_edited_through_both_processes_loses_nothing(
    deployment: tuple[Topology, str, str], session_on: Callable[..., Page]
) -> None:
    topology, url, token = deployment
    link = f"{topology.url}/survey?token={token}&section=about_service"
    first = session_on()
    first_port = topology.port_of(_route(first.context))
    second = session_on(not_port=first_port)
    for page in (first, second):  # both open the survey before either saves
        page.goto(link)
        expect(page.get_by_role("heading", name="1. About the service")).to_be_visible()
        settle(page)
    _answer(first, "Answer to question 1", "Collect a bulky item")
    _answer(second, "Answer to question 2", "Residents book a collection of furniture.")
    _answer(first, "Answer to question 4", "Booked online, paid by card.")
    engine = make_engine(url)
    try:

        def both_kept() -> None:
            stored = responses.load_response(engine, links.resolve(engine, token)).answers
            assert {
                "Collect a bulky item",
                "Residents book a collection of furniture.",
                "Booked online, paid by card.",
            } <= set(stored.values())

        eventually(both_kept)
    finally:
        engine.dispose()
    # each process shows the other's answer once its page reloads
    first.reload()
    expect(first.get_by_label("Answer to question 2", exact=True)).to_have_value(
        "Residents book a collection of furniture."
    )
    second.reload()
    expect(second.get_by_label("Answer to question 1", exact=True)).to_have_value(
        "Collect a bulky item"
    )
    assert topology.port_of(_route(first.context)) != topology.port_of(_route(second.context))


def test_the_security_headers_come_through_the_proxy(
    deployment: tuple[Topology, str, str],
) -> None:
    topology = deployment[0]
    status, headers, body = fetch(f"{topology.url}/catalogue")
    assert status == 200 and b"<script" in body
    found: dict[str, list[str]] = {}
    for name, value in headers:
        found.setdefault(name.lower(), []).append(value)
    # each the app's once: the proxy adds no second
    assert_security_headers(found)
    assert len(found.get("strict-transport-security", [])) == 1
    assert "frame-ancestors 'none'" in found["content-security-policy"][0]
    assert "'sha256-" in found["content-security-policy"][0]
    assert found["x-content-type-options"] == ["nosniff"]
    assert found["referrer-policy"] == ["same-origin"]
    assert found["strict-transport-security"] == ["max-age=31536000"]
    (route,) = [c for c in found["set-cookie"] if c.startswith(f"{ROUTE_COOKIE}=")]
    assert "; Secure" in route and "SameSite=Lax" in route and "HttpOnly" in route
    # the health check sets Streamlit's XSRF cookie: Secure, as the browser came over HTTPS
    status, headers, body = fetch(f"{topology.url}/_stcore/health", cookie=f"{ROUTE_COOKIE}=x")
    assert (status, body) == (200, b"ok")
    (xsrf,) = [v for k, v in headers if k.lower() == "set-cookie"]
    assert xsrf.startswith("_streamlit_xsrf=") and "; Secure" in xsrf and "SameSite=Lax" in xsrf
    # a known route gets no second cookie; the private endpoint stays closed; plain HTTP
    # only redirects to HTTPS
    assert fetch(f"{topology.url}/_stcore/metrics")[0] == 404
    status, headers, _ = fetch(f"{topology.http_url}/catalogue?sector=health")
    assert status == 301
    assert dict((k.lower(), v) for k, v in headers)["location"].startswith("https://")
