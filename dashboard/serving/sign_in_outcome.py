"""A sign-in with the organisation's account ends on the page it started from, and one that
did not succeed is said, not hidden.

Streamlit sends the browser to the home page after every sign-in. A data steward who signed in
on the Data page would land on the Overview; so when the sign-in starts (`/auth/login`, asked
from one of the app's own pages, as its `Referer` says), the page's path is kept in a short
cookie, and the answer's redirect goes back there.

When the provider's answer is refused at `/oauth2callback` (a token meant for another
application, an expired one, a bad signature, the person declining), Streamlit logs why and
sends the browser back with no word to the person, who then sees nothing happen. This
middleware notices that answer (a callback that carries a `code` or an `error` and sets no
identity cookie) and adds `?sign_in=failed` to where the browser is sent, which the app turns
into a message in words. Plain ASGI middleware, no Streamlit import.
"""

from __future__ import annotations

from urllib.parse import parse_qs, quote, unquote, urlsplit

from dashboard.serving.page_shell import ASGIApp, Message, Receive, Scope, Send

CALLBACK = "/oauth2callback"
LOGIN = "/auth/login"
#: The query parameter the app reads (dashboard/ui/admin.py).
FAILED_PARAM = "sign_in"
FAILED_VALUE = "failed"
#: Streamlit's identity cookie (streamlit.web.server.server_util.AUTH_COOKIE_NAME).
IDENTITY_COOKIE = b"_streamlit_user="
#: The page a sign-in started from, kept while the person is at the provider.
RETURN_COOKIE = "landscape_sign_in_from"
RETURN_SECONDS = 600
MAX_RETURN = 2000


def _path(scope: Scope) -> str:
    return str(scope.get("path", "")).rstrip("/")


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


def is_sign_in_answer(scope: Scope) -> bool:
    """Whether this request is the provider's answer to a sign-in (not a sign-out's return)."""
    if scope["type"] != "http" or not _path(scope).endswith(CALLBACK):
        return False
    query = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
    return "code" in query or "error" in query


def is_sign_in_start(scope: Scope) -> bool:
    return scope["type"] == "http" and _path(scope).endswith(LOGIN)


def own_page(referer: str, host: str) -> str | None:
    """The path and query of `referer` when it is one of this server's own pages, else None
    (never another site, never a protocol-relative `//host` path)."""
    if not referer or not host or len(referer) > MAX_RETURN:
        return None
    parts = urlsplit(referer)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != host.lower():
        return None
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//") or "\\" in path:
        return None
    if path.rstrip("/").endswith((LOGIN, CALLBACK)):
        return None
    return path + (f"?{parts.query}" if parts.query else "")


def _cookie(scope: Scope, name: str) -> str | None:
    for part in _header(scope, b"cookie").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return unquote(value)
    return None


def return_to(scope: Scope) -> str | None:
    """The page this sign-in started from (the cookie, checked again as a path of ours)."""
    kept = _cookie(scope, RETURN_COOKIE)
    if not kept or not kept.startswith("/") or kept.startswith("//") or "\\" in kept:
        return None
    return kept if len(kept) <= MAX_RETURN else None


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


def _set_cookie(value: str, seconds: int) -> tuple[bytes, bytes]:
    cookie = (
        f"{RETURN_COOKIE}={quote(value, safe='')}; Max-Age={seconds}; Path=/; HttpOnly;"
        " SameSite=Lax"
    )
    return (b"set-cookie", cookie.encode("latin-1"))


class SignInOutcomeMiddleware:
    """Keeps the page a sign-in starts from; sends the answer back there, marked with
    `?sign_in=failed` when the sign-in was refused."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if is_sign_in_start(scope):
            page = own_page(_header(scope, b"referer"), _header(scope, b"host"))
            await self.app(scope, receive, self._keeping(page, send))
        elif is_sign_in_answer(scope):
            await self.app(scope, receive, self._answering(return_to(scope), send))
        else:
            await self.app(scope, receive, send)

    @staticmethod
    def _keeping(page: str | None, send: Send) -> Send:
        async def keeping(message: Message) -> None:
            if page and message["type"] == "http.response.start":
                headers = [*message.get("headers", []), _set_cookie(page, RETURN_SECONDS)]
                message = {**message, "headers": headers}
            await send(message)

        return keeping

    @staticmethod
    def _answering(page: str | None, send: Send) -> Send:
        async def answering(message: Message) -> None:
            if message["type"] == "http.response.start" and 300 <= message["status"] < 400:
                headers = list(message.get("headers", []))
                ok = signed_in(headers)
                changed: list[tuple[bytes, bytes]] = []
                for name, value in headers:
                    if name.lower() == b"location":
                        target = page.encode("latin-1") if page else value
                        value = target if ok else with_failure(target)
                    changed.append((name, value))
                if page:
                    changed.append(_set_cookie("", 0))
                message = {**message, "headers": changed}
            await send(message)

        return answering
