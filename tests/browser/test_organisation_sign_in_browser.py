"""Signing in with the organisation's account, in Chromium, against a real OpenID Connect
provider the test starts (oidc-provider-mock, on loopback): sign-in, sign-out, a person with
no role, a token meant for another application and an expired token.

The provider issues and signs every token itself. For the last two cases a hook on its token
endpoint re-signs the ID token, with the provider's own key, after changing its audience or
its expiry: the app receives exactly what a misconfigured or replayed provider answer is.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import free_port, settle, start_server, stop
from tests.conftest import writable_demo

pytestmark = pytest.mark.browser

CLIENT = "landscape-browser"
STEWARD = "steward@example.gov.wales"
NOBODY = "nobody@example.gov.wales"
LOGIN = "Sign in with your organisation's account"
#: What the token endpoint's hook does to the next ID tokens: None, "audience" or "expired".
TAMPER: dict[str, str | None] = {"mode": None}


def _b64(data: str) -> bytes:
    return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))


def _tampered(id_token: str, key: dict[str, Any], mode: str) -> str:
    from joserfc import jwt
    from joserfc.jwk import RSAKey

    head, body, _ = id_token.split(".")
    header, claims = json.loads(_b64(head)), json.loads(_b64(body))
    now = int(time.time())
    if mode == "audience":
        claims["aud"] = "another-application"
    elif mode == "expired":
        claims["iat"], claims["exp"] = now - 7200, now - 3600
    return jwt.encode(header, claims, RSAKey.import_key(key))


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """The OpenID Connect provider on a free loopback port, with two people to sign in as."""
    import flask
    import werkzeug.serving
    from oidc_provider_mock import User
    from oidc_provider_mock import app as provider_app

    people = [
        User(
            sub=STEWARD, claims={"email": STEWARD, "name": "Siân Steward", "groups": ["stewards"]}
        ),
        User(sub=NOBODY, claims={"email": NOBODY, "name": "Nia Nobody", "groups": ["everyone"]}),
    ]
    wsgi = provider_app(user_claims=people)

    @wsgi.after_request
    def tamper(response: flask.Response) -> flask.Response:
        mode = TAMPER["mode"]
        if mode is None or flask.request.path != "/oauth2/token" or response.status_code != 200:
            return response
        body = response.get_json()
        key = flask.g.oidc_provider_mock_storage.jwk.as_dict(is_private=True)
        body["id_token"] = _tampered(body["id_token"], key, mode)
        response.set_data(json.dumps(body))
        return response

    server = werkzeug.serving.make_server("127.0.0.1", 0, wsgi, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture(scope="module")
def signing_app(
    provider: str, demo_db_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The app with `[auth]` in a secrets.toml of its own (a temporary folder)."""
    folder = tmp_path_factory.mktemp("oidc-app")
    store = writable_demo(demo_db_url, folder)
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "a-cookie-secret-for-the-browser-tests"
client_id = "{CLIENT}"
client_secret = "not-a-real-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[landscape_roles]
claim = "groups"
contact = "the digital team"

[landscape_roles.map]
stewards = "data_steward"
""",
        encoding="utf-8",
    )
    process, url = start_server(
        ["dashboard.serving.launch", "--secrets.files", str(secrets)],
        folder / "streamlit.log",
        env={"DATABASE_URL": store},
        port=port,
    )
    yield url
    stop(process)


@pytest.fixture
def local_page(browser) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A page under the app's own Content-Security-Policy (not bypassed: the sign-in's
    redirects must work under it), refusing any request off this machine (the provider's own
    page asks a CDN for its style sheet: the app and its provider work without it)."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "http://localhost", "data:"))
            else route.abort()
        ),
    )
    yield page
    context.close()


def _sign_in_as(page, app: str, who: str) -> None:  # type: ignore[no-untyped-def]
    """From the Data page, through the provider's page, back to the app."""
    page.goto(f"{app}/data")
    page.get_by_role("button", name=LOGIN).click()
    page.get_by_role("button", name=who).click()  # the provider's page: one button per person
    page.wait_for_url(f"{app}/**")
    settle(page)


def test_sign_in_and_sign_out(local_page, signing_app: str) -> None:  # type: ignore[no-untyped-def]
    page = local_page
    TAMPER["mode"] = None
    _sign_in_as(page, signing_app, STEWARD)
    # back on the page the sign-in started from, signed in
    expect(page).to_have_url(f"{signing_app}/data")
    expect(page.get_by_text("did not work")).to_have_count(0)
    expect(page.get_by_text("Signed in as Siân Steward (data steward)")).to_be_visible()
    expect(page.get_by_test_id("stFileUploaderDropzone")).to_be_visible()
    expect(page.get_by_role("tab", name="People and roles")).to_have_count(0)

    page.get_by_test_id("stMain").get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="End session").click()  # the provider's sign-out page
    page.wait_for_url(f"{signing_app}/**")
    page.goto(f"{signing_app}/data")
    settle(page)
    expect(page.get_by_role("button", name=LOGIN)).to_be_visible()
    expect(page.get_by_test_id("stFileUploaderDropzone")).to_have_count(0)


def test_a_person_with_no_role_can_view_and_is_told_whom_to_ask(  # type: ignore[no-untyped-def]
    local_page, signing_app: str
) -> None:
    page = local_page
    TAMPER["mode"] = None
    _sign_in_as(page, signing_app, NOBODY)
    page.goto(f"{signing_app}/data")
    settle(page)
    expect(page.get_by_text("no role here yet")).to_be_visible()
    expect(page.get_by_text("ask the digital team for a role")).to_be_visible()
    expect(page.get_by_test_id("stFileUploaderDropzone")).to_have_count(0)
    page.goto(f"{signing_app}/catalogue")
    settle(page)
    expect(page.get_by_role("heading", name="Service catalogue")).to_be_visible()
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Signed in as Nia Nobody.")).to_be_visible()
    sidebar.get_by_role("button", name="Sign out").click()  # on any page, from the sidebar
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{signing_app}/**")
    settle(page)
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as")).to_have_count(0)


@pytest.mark.parametrize("mode", ["audience", "expired"])
def test_a_token_for_another_application_or_expired_signs_nobody_in(  # type: ignore[no-untyped-def]
    local_page, signing_app: str, mode: str
) -> None:
    page = local_page
    TAMPER["mode"] = mode
    try:
        _sign_in_as(page, signing_app, STEWARD)
    finally:
        TAMPER["mode"] = None
    expect(page.get_by_text("did not work, so you are not signed in")).to_be_visible()
    expect(page).to_have_url(f"{signing_app}/data")  # the mark is taken off the link once said
    page.goto(f"{signing_app}/data")
    settle(page)
    expect(page.get_by_role("button", name=LOGIN)).to_be_visible()
    expect(page.get_by_test_id("stFileUploaderDropzone")).to_have_count(0)
    expect(page.get_by_text("Signed in as")).to_have_count(0)
