"""A refused sign-in with the organisation's account is marked for the app to say so
(sign_in_outcome.py); a sign-in that worked, a sign-out's return and every other request pass
untouched. The whole flow in Chromium: tests/browser/test_organisation_sign_in_browser.py."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import quote

import pytest

from dashboard.serving.sign_in_outcome import RETURN_COOKIE, SignInOutcomeMiddleware

SIGNED_IN = (b"set-cookie", b'_streamlit_user="2|abc|def"; HttpOnly; Path=/')
CLEARED = (b"set-cookie", b'_streamlit_user=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/')


def _response(
    path: str,
    query: bytes,
    cookies: list[tuple[bytes, bytes]],
    request_headers: list[tuple[bytes, bytes]] | None = None,
) -> list[tuple[bytes, bytes]]:
    sent: list[dict[str, Any]] = []

    async def streamlit(scope: Any, receive: Any, send: Any) -> None:
        headers = [(b"location", b"/"), *cookies]
        await send({"type": "http.response.start", "status": 302, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    scope = {
        "type": "http",
        "path": path,
        "query_string": query,
        "headers": request_headers or [],
    }
    asyncio.run(SignInOutcomeMiddleware(streamlit)(scope, receive, send))
    return list(sent[0]["headers"])


def _location(
    path: str,
    query: bytes,
    cookies: list[tuple[bytes, bytes]],
    request_headers: list[tuple[bytes, bytes]] | None = None,
) -> str:
    return dict(_response(path, query, cookies, request_headers))[b"location"].decode()


@pytest.mark.parametrize(
    ("path", "query", "cookies", "location"),
    [
        ("/oauth2callback", b"code=x&state=y", [CLEARED], "/?sign_in=failed"),
        ("/oauth2callback", b"code=x&state=y", [], "/?sign_in=failed"),
        ("/base/oauth2callback", b"error=access_denied", [], "/?sign_in=failed"),
        ("/oauth2callback", b"code=x&state=y", [CLEARED, SIGNED_IN], "/"),
        ("/oauth2callback", b"", [], "/"),  # back from the provider's sign-out
        ("/oauth2callback", b"state=y", [CLEARED], "/"),
        ("/auth/login", b"code=x", [], "/"),
    ],
)
def test_only_a_refused_answer_is_marked(
    path: str, query: bytes, cookies: list[tuple[bytes, bytes]], location: str
) -> None:
    assert _location(path, query, cookies) == location


HOST = (b"host", b"landscape.example.gov.wales")


@pytest.mark.parametrize(
    ("referer", "kept"),
    [
        (b"https://landscape.example.gov.wales/data", "/data"),
        (b"https://landscape.example.gov.wales/base/catalogue?q=x", "/base/catalogue?q=x"),
        (b"https://elsewhere.example.org/data", None),
        (b"https://landscape.example.gov.wales//evil.example.org/x", None),
        (b"javascript:alert(1)", None),
        (b"", None),
    ],
)
def test_the_start_keeps_only_one_of_our_own_pages(referer: bytes, kept: str | None) -> None:
    headers = _response("/auth/login", b"provider=x", [], [HOST, (b"referer", referer)])
    cookies = [value.decode() for name, value in headers if name == b"set-cookie"]
    if kept is None:
        assert cookies == []
    else:
        assert cookies and cookies[0].startswith(f"{RETURN_COOKIE}={quote(kept, safe='')};")
        assert "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0]


def test_the_answer_goes_back_to_the_page_and_forgets_it() -> None:
    came_from = [(b"cookie", f"other=1; {RETURN_COOKIE}={quote('/data', safe='')}".encode())]
    headers = _response("/oauth2callback", b"code=x&state=y", [SIGNED_IN], came_from)
    assert dict(headers)[b"location"] == b"/data"
    assert any(
        value.startswith(f"{RETURN_COOKIE}=;".encode()) and b"Max-Age=0" in value
        for name, value in headers
        if name == b"set-cookie"
    )
    refused = _location("/oauth2callback", b"code=x&state=y", [CLEARED], came_from)
    assert refused == "/data?sign_in=failed"
    crafted = [(b"cookie", f"{RETURN_COOKIE}={quote('//evil.example.org', safe='')}".encode())]
    assert _location("/oauth2callback", b"code=x", [SIGNED_IN], crafted) == "/"
