"""A refused sign-in with the organisation's account is marked for the app to say so
(sign_in_outcome.py); a sign-in that worked, a sign-out's return and every other request pass
untouched. The whole flow in Chromium: tests/browser/test_organisation_sign_in_browser.py."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from dashboard.serving.sign_in_outcome import SignInOutcomeMiddleware

SIGNED_IN = (b"set-cookie", b'_streamlit_user="2|abc|def"; HttpOnly; Path=/')
CLEARED = (b"set-cookie", b'_streamlit_user=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/')


def _location(path: str, query: bytes, cookies: list[tuple[bytes, bytes]]) -> str:
    sent: list[dict[str, Any]] = []

    async def streamlit(scope: Any, receive: Any, send: Any) -> None:
        headers = [(b"location", b"/"), *cookies]
        await send({"type": "http.response.start", "status": 302, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    scope = {"type": "http", "path": path, "query_string": query}
    asyncio.run(SignInOutcomeMiddleware(streamlit)(scope, receive, send))
    return dict(sent[0]["headers"])[b"location"].decode()


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
