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
- **Code for each kind of element.** Each kind of element (multiselect, slider, chart, table)
  is a JavaScript module loaded only once the script has sent one, and the modules it imports
  come after it, wave by wave. Naming the modules a page is known to use as `modulepreload`
  links lets the browser fetch and compile them while it waits for the websocket.

Both are hints: an unknown page, a module that no longer exists or a change in Streamlit's
index.html leave the page as Streamlit serves it. Nothing from the request goes into the page
except the page's own path, matched against a fixed list.

This module is plain ASGI middleware (no Streamlit import), used by `serve.py`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from functools import cache
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The kinds of element in the sidebar of every page with the catalogue filter (the language
#: switch, the search box, the multiselects, the level slider, the deep-dive toggle, the reset
#: button), named as Streamlit's modules are.
SIDEBAR = ("ButtonGroup", "TextInput", "Multiselect", "Slider", "Checkbox", "Button")
#: What each page draws on arriving, by URL path (the first segment; "" is the Overview), as
#: measured in Chromium (`tests/browser/test_page_shell_browser.py` checks it still holds). The
#: largest module first: on the chart pages the browser waits for Plotly's the longest.
PAGES: dict[str, tuple[str, ...]] = {
    "": ("PlotlyChart", *SIDEBAR, "Metric", "DataFrame", "DownloadButton", "Spinner"),
    "catalogue": (*SIDEBAR, "Selectbox", "DataFrame", "DownloadButton"),
    "themes": ("PlotlyChart", *SIDEBAR, "Selectbox", "PageLink", "DataFrame", "DownloadButton"),
    "prioritise": ("PlotlyChart", *SIDEBAR, "Radio", "DataFrame", "DownloadButton"),
    "data-availability": ("PlotlyChart", *SIDEBAR, "Selectbox", "DataFrame", "DownloadButton"),
    "present": (*SIDEBAR, "BidiComponent"),
}
#: The cookie with the window's size in CSS pixels, "1440x1000"; set on every page load.
VIEWPORT_COOKIE = "landscape_viewport"
_VIEWPORT = re.compile(r"(\d{3,5})x(\d{3,5})")
_IMPORT = re.compile(rb"""(?:from|import)\s*["'`]\./([\w.\-]+\.js)["'`]""")
_PRELOADED = re.compile(rb"""href=["']\./static/js/([\w.\-]+\.js)["']""")
_ENTRY = re.compile(rb"""src=["']\./static/js/([\w.\-]+\.js)["']""")
#: Request paths that are never a page: Streamlit's endpoints and every file it serves.
_NOT_A_PAGE = ("/_stcore/", "/static/", "/media/", "/component/", "/app/static/", "/~/")


class Modules:
    """Streamlit's JavaScript modules on disk: which module draws a kind of element, and
    every module it imports, so a page's list can be preloaded whole."""

    def __init__(self, static_dir: Path) -> None:
        self.static_dir = static_dir
        self.js_dir = static_dir / "static" / "js"
        index = (static_dir / "index.html").read_bytes()
        # what index.html already loads needs no second hint
        self.in_index = {name.decode() for name in _PRELOADED.findall(index)} | {
            name.decode() for name in _ENTRY.findall(index)
        }

    @cache  # noqa: B019 - one instance per server, a few dozen names
    def entry(self, kind: str) -> str | None:
        """The module that draws `kind` (e.g. "Multiselect" -> "Multiselect.DBsRqIhx.js")."""
        found = sorted(self.js_dir.glob(f"{kind}.*.js"))
        exact = [path.name for path in found if path.name.count(".") == 2]
        return exact[0] if exact else None

    @cache  # noqa: B019
    def imports(self, name: str) -> tuple[str, ...]:
        try:
            text = (self.js_dir / name).read_bytes()
        except OSError:
            return ()
        return tuple(dict.fromkeys(match.decode() for match in _IMPORT.findall(text)))

    def closure(self, kinds: Iterable[str]) -> list[str]:
        """The modules for these kinds and all they import, not already in index.html; in
        the order a browser needs them (each after the ones it imports)."""
        order: list[str] = []
        seen: set[str] = set(self.in_index)

        def visit(name: str) -> None:
            if name in seen:
                return
            seen.add(name)
            for imported in self.imports(name):
                visit(imported)
            order.append(name)

        for kind in kinds:
            entry = self.entry(kind)
            if entry is not None:
                visit(entry)
        return order


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


def hints(page: str, modules: Modules | None, base: str) -> bytes:
    """What goes before </head>: where the server is and the window's size, then the page's
    modules to preload."""
    where = json.dumps("/" + base.strip("/") if base.strip("/") else "")
    path = json.dumps("/" + base.strip("/"))
    lines = [
        "<script>window.__streamlit = Object.assign("
        f"{{BACKEND_BASE_URL: window.location.origin + {where}}}, window.__streamlit || {{}});"
        f"document.cookie = {json.dumps(VIEWPORT_COOKIE + '=')} + window.innerWidth + 'x' + "
        f"window.innerHeight + '; path=' + {path} + '; SameSite=Strict';"
        "</script>"
    ]
    if modules is not None:
        lines += [
            f'<link rel="modulepreload" crossorigin href="./static/js/{name}">'
            for name in modules.closure(PAGES.get(page, ()))
        ]
    return "\n".join(lines).encode() + b"\n"


class PageShellMiddleware:
    """Adds `hints` to the index.html Streamlit serves for a page; leaves every other
    response alone."""

    def __init__(self, app: ASGIApp, static_dir: Path | None = None, base: str = "") -> None:
        self.app = app
        self.base = base
        self.modules: Modules | None = None
        if static_dir is not None:
            try:
                self.modules = Modules(static_dir)
            except OSError:  # an unusual install: the server hint alone still helps
                self.modules = None

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
            await _send_page(send, start, b"".join(body), hints(page, self.modules, self.base))

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
