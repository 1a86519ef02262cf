"""A sign-in with the organisation's account that did not succeed is said, not hidden.

When the provider's answer is refused at `/oauth2callback` (a token meant for another
application, an expired one, a bad signature, the person declining), Streamlit logs why and
sends the browser back to the home page with no word to the person, who then sees nothing
happen. This middleware notices that answer (a callback that carries a `code` or an `error`
and sets no identity cookie) and adds `?sign_in=failed` to where the browser is sent, which
the app turns into a message in words. Plain ASGI middleware, no Streamlit import.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from dashboard.serving.page_shell import ASGIApp, Message, Receive, Scope, Send

CALLBACK = "/oauth2callback"
#: The query parameter the app reads (dashboard/ui/admin.py).
FAILED_PARAM = "sign_in"
FAILED_VALUE = "failed"
#: Streamlit's identity cookie (streamlit.web.server.server_util.AUTH_COOKIE_NAME).
IDENTITY_COOKIE = b"_streamlit_user="


def is_sign_in_answer(scope: Scope) -> bool:
    """Whether this request is the provider's answer to a sign-in (not a sign-out's return)."""
    if scope["type"] != "http" or not str(scope.get("path", "")).rstrip("/").endswith(CALLBACK):
        return False
    query = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
    return "code" in query or "error" in query


def signed_in(headers: list[tuple[bytes, bytes]]) -> bool:
    """Whether the response sets Streamlit's identity cookie to a value (not clears it)."""
    for name, value in headers:
        if name.lower() == b"set-cookie" and value.startswith(IDENTITY_COOKIE):
            cookie = value[len(IDENTITY_COOKIE) :].split(b";", 1)[0].strip(b'"')
            if cookie:
                return True
    return False


def with_failure(location: bytes) -> bytes:
    separator = b"&" if b"?" in location else b"?"
    return location + separator + f"{FAILED_PARAM}={FAILED_VALUE}".encode()


class SignInOutcomeMiddleware:
    """Marks the redirect after a refused sign-in with `?sign_in=failed`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not is_sign_in_answer(scope):
            await self.app(scope, receive, send)
            return

        async def marked(message: Message) -> None:
            if message["type"] == "http.response.start" and 300 <= message["status"] < 400:
                headers = list(message.get("headers", []))
                if not signed_in(headers):
                    headers = [
                        (name, with_failure(value) if name.lower() == b"location" else value)
                        for name, value in headers
                    ]
                    message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, marked)
