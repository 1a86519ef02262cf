"""The page shell: Streamlit's index.html, served with two hints that make a first visit faster.

Every visit to a page loads Streamlit's index.html and its JavaScript, opens the websocket, and
draws what the script sends. Two waits in that sequence are Streamlit's defaults, not the app's
(`bench/README.md`, "the page shell"):

- **Finding the server.** On a page below the root (/catalogue, /present, ...) Streamlit's
  JavaScript does not know whether the app is served from "/catalogue" or from "/": it asks
  /catalogue/_stcore/health first, gets a 404, waits 100 ms and asks /_stcore/health. Telling it
  where the server is (`window.__streamlit.BACKEND_BASE_URL`, Streamlit's own setting for
  hosted apps) removes that round trip.
- **The window's size.** The Present page fits each slide to the window, and a script run
  cannot ask the browser. The shell notes the size in a cookie (`VIEWPORT_COOKIE`) before the
  websocket opens, so the first run already knows it (`st.context.cookies`); before, every
  window but a 1080p projector took a second run, once the browser had reported its size.
  Over HTTPS the cookie is `Secure`.

Both are hints: a change in Streamlit's index.html leaves the page as Streamlit serves it.
Nothing from the request goes into the page. (Preloading the JavaScript modules each page draws
with was tried and taken out: on the 2-core machine it was no faster than the browser loading
them as the elements arrive, and it tied the app to the names of Streamlit's build files.)

This module is plain ASGI middleware (no Streamlit import), used by `serve.py`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The cookie with the window's size in CSS pixels, "1440x1000"; set on every page load.
VIEWPORT_COOKIE = "landscape_viewport"
_VIEWPORT = re.compile(r"(\d{3,5})x(\d{3,5})")
#: Request paths that are never a page: Streamlit's endpoints and every file it serves.
_NOT_A_PAGE = ("/_stcore/", "/static/", "/media/", "/component/", "/app/static/", "/~/")


def page_of(path: str, base: str = "") -> str | None:
    """The page a request path opens ("" for the Overview), or None when it is not a page."""
    if any(part in path for part in _NOT_A_PAGE) or "." in path.rsplit("/", 1)[-1]:
        return None
    base = base.strip("/")
    rest = path.strip("/")
    if base:
        if rest != base and not rest.startswith(base + "/"):
            return None
        rest = rest[len(base) :].strip("/")
    return rest.split("/", 1)[0]


def viewport(cookie: object) -> dict[str, int] | None:
    """The window's size from `VIEWPORT_COOKIE`, or None when it is missing or malformed."""
    match = _VIEWPORT.fullmatch(cookie) if isinstance(cookie, str) else None
    if match is None:
        return None
    width, height = int(match[1]), int(match[2])
    if not (200 <= width <= 10_000 and 200 <= height <= 10_000):
        return None
    return {"width": width, "height": height}


#: Streamlit's layout, measured in Chromium: under this window width the sidebar floats over
#: the page (collapsed) and the main column takes the window less a 16 px margin each side;
#: from it, the sidebar takes 300 px and the main column's padding 80 px each side.
SIDEBAR_BREAKPOINT, SIDEBAR, MAIN_PADDING, NARROW_PADDING = 768, 300, 160, 32


def main_width(window: int) -> int:
    """How wide the main column's content (a chart) is in a window `window` px wide, with the
    sidebar as Streamlit first shows it (open on a wide screen, closed on a narrow one)."""
    if window < SIDEBAR_BREAKPOINT:
        return max(window - NARROW_PADDING, 1)
    return max(window - SIDEBAR - MAIN_PADDING, 1)


def hints(base: str) -> bytes:
    """What goes before </head>: where the server is, and a script noting the window's size."""
    where = json.dumps("/" + base.strip("/") if base.strip("/") else "")
    path = json.dumps("/" + base.strip("/"))
    lines = [
        "<script>window.__streamlit = Object.assign("
        f"{{BACKEND_BASE_URL: window.location.origin + {where}}}, window.__streamlit || {{}});"
        f"document.cookie = {json.dumps(VIEWPORT_COOKIE + '=')} + window.innerWidth + 'x' + "
        f"window.innerHeight + '; path=' + {path} + '; SameSite=Strict' + "
        "(location.protocol === 'https:' ? '; Secure' : '');"
        "</script>"
    ]
    return "\n".join(lines).encode() + b"\n"


class PageShellMiddleware:
    """Adds `hints` to the index.html Streamlit serves for a page; leaves every other
    response alone."""

    def __init__(self, app: ASGIApp, base: str = "") -> None:
        self.app = app
        self.base = base
        self.hints = hints(base)  # the same for every page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        page = (
            page_of(str(scope.get("path", "")), self.base)
            if scope["type"] == "http" and scope.get("method") == "GET"
            else None
        )
        if page is None:
            await self.app(scope, receive, send)
            return
        # the page whole and uncompressed, so the hints can go in (it is about 10 KB)
        dropped = {b"accept-encoding", b"if-none-match", b"if-modified-since"}
        scope = dict(scope, headers=[(k, v) for k, v in scope["headers"] if k not in dropped])
        start: Message | None = None
        body: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await _send_page(send, start, b"".join(body), self.hints)

        await self.app(scope, receive, capture)


async def _send_page(send: Send, start: Message, page: bytes, extra: bytes) -> None:
    headers = list(start.get("headers", []))
    content_type = dict(headers).get(b"content-type", b"")
    if start.get("status") == 200 and content_type.startswith(b"text/html") and b"</head>" in page:
        page = page.replace(b"</head>", extra + b"</head>", 1)
        skip = {b"content-length", b"etag", b"last-modified"}
        headers = [(k, v) for k, v in headers if k not in skip]
        headers.append((b"content-length", str(len(page)).encode()))
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": page, "more_body": False})
