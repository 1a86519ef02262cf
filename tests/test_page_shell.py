"""The page shell's hints (dashboard/serving/page_shell.py): which requests are pages, what goes into
them, and that every other response passes through untouched."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from dashboard.serving.page_shell import (
    VIEWPORT_COOKIE,
    PageShellMiddleware,
    hints,
    main_width,
    page_of,
    viewport,
)

INDEX = b"<html><head><title>x</title></head><body></body></html>"


@pytest.mark.parametrize(
    ("path", "base", "page"),
    [
        ("/", "", ""),
        ("/catalogue", "", "catalogue"),
        ("/present/", "", "present"),
        ("/_stcore/health", "", None),
        ("/present/_stcore/health", "", None),
        ("/static/js/index.js", "", None),
        ("/media/abc.png", "", None),
        ("/favicon.png", "", None),
        ("/landscape/themes", "landscape", "themes"),
        ("/landscape", "/landscape/", ""),
        ("/elsewhere/themes", "landscape", None),
    ],
)
def test_only_pages_get_hints(path: str, base: str, page: str | None) -> None:
    assert page_of(path, base) == page


@pytest.mark.parametrize(
    ("cookie", "size"),
    [
        ("1440x1000", {"width": 1440, "height": 1000}),
        ("1920x1080", {"width": 1920, "height": 1080}),
        (None, None),
        (1440, None),
        ("", None),
        ("1440x", None),
        ("99999x100", None),
        ("1440x1000; x=1", None),
        ("<script>", None),
    ],
)
def test_the_window_size_is_read_strictly(cookie: str | None, size: dict | None) -> None:
    assert viewport(cookie) == size


def test_hints_name_the_server_and_note_the_window() -> None:
    text = hints("").decode()
    assert 'BACKEND_BASE_URL: window.location.origin + ""' in text
    assert f"{VIEWPORT_COOKIE}=" in text and "SameSite=Strict" in text
    under = hints("landscape/").decode()
    assert 'window.location.origin + "/landscape"' in under
    assert 'path=\' + "/landscape"' in under


def _serve(path: str, status: int = 200, content_type: bytes = b"text/html", **headers: str):  # type: ignore[no-untyped-def]
    """Run one GET through the middleware over a stand-in app; what it sent and was asked."""
    asked: dict[str, Any] = {}

    async def inner(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        asked["headers"] = dict(scope["headers"])
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", content_type),
                    (b"content-length", str(len(INDEX)).encode()),
                    (b"etag", b'"abc"'),
                ],
            }
        )
        await send({"type": "http.response.body", "body": INDEX[:20], "more_body": True})
        await send({"type": "http.response.body", "body": INDEX[20:], "more_body": False})

    sent: list[dict] = []

    async def send(message) -> None:  # type: ignore[no-untyped-def]
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request"}

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
    }
    asyncio.run(PageShellMiddleware(inner)(scope, receive, send))
    return sent, asked


def test_a_page_is_served_whole_with_the_hints() -> None:
    sent, asked = _serve("/catalogue", **{"accept-encoding": "gzip", "if-none-match": '"abc"'})
    assert b"accept-encoding" not in asked["headers"]  # so the body can be read
    assert b"if-none-match" not in asked["headers"]
    start, body = sent[0], b"".join(m.get("body", b"") for m in sent[1:])
    headers = dict(start["headers"])
    assert b"BACKEND_BASE_URL" in body and body.index(b"BACKEND_BASE_URL") < body.index(b"</head>")
    assert int(headers[b"content-length"]) == len(body)
    assert b"etag" not in headers


@pytest.mark.parametrize(
    ("path", "status", "content_type"),
    [
        ("/_stcore/host-config", 200, b"application/json"),
        ("/catalogue", 304, b"text/html"),
        ("/catalogue", 200, b"application/json"),
    ],
)
def test_anything_else_passes_through(path: str, status: int, content_type: bytes) -> None:
    sent, _ = _serve(path, status=status, content_type=content_type)
    body = b"".join(m.get("body", b"") for m in sent[1:])
    assert body == INDEX
    assert dict(sent[0]["headers"])[b"content-length"] == str(len(INDEX)).encode()


@pytest.mark.parametrize(
    ("window", "chart"),
    # measured in Chromium: the sidebar floats over a narrow window, and takes 300 px of a wide one
    [(360, 328), (700, 668), (800, 340), (900, 440), (1280, 820), (1920, 1460)],
)
def test_the_main_column_width_follows_the_window(window: int, chart: int) -> None:
    assert main_width(window) == chart
