"""Streamlit endpoints that are not for the public: answered 404 before Streamlit sees them.

`/_stcore/metrics` lists the server's sessions, caches and memory for a monitoring system to
scrape, to anyone who asks. Streamlit 1.67 has no setting that switches it off (its options
only change what it reports), and the browser page never asks for it, so the app's own server
(serve.py) refuses it here, below any base path. Plain ASGI middleware, no Streamlit import.
"""

from __future__ import annotations

from dashboard.serving.page_shell import ASGIApp, Receive, Scope, Send

#: Request paths (after any base path) no one outside the server's machine may reach.
PRIVATE = ("/_stcore/metrics",)


def is_private(path: str) -> bool:
    """Whether `path` asks for a private endpoint, with or without a base path or a final /."""
    trimmed = "/" + path.strip("/")
    return any(trimmed == end or trimmed.endswith(end) for end in PRIVATE)


class PrivateEndpointsMiddleware:
    """Answers 404 to every request for a `PRIVATE` endpoint; passes everything else on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_private(str(scope.get("path", ""))):
            await self.app(scope, receive, send)
            return
        body = b"Not found"
        await send(
            {
                "type": "http.response.start",
                "status": 404,
                "headers": [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body, "more_body": False})
