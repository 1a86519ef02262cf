"""Streamlit's metrics endpoint is refused by the app's own server (private_endpoints.py);
every other request passes through untouched. The real server: tests/test_serve.py."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from dashboard.serving.private_endpoints import PrivateEndpointsMiddleware, is_private


@pytest.mark.parametrize(
    ("path", "private"),
    [
        ("/_stcore/metrics", True),
        ("/_stcore/metrics/", True),
        ("/landscape/_stcore/metrics", True),
        ("//_stcore/metrics", True),
        ("/_stcore/health", False),
        ("/_stcore/stream", False),
        ("/", False),
        ("/catalogue", False),
        ("/static/js/metrics.js", False),
    ],
)
def test_only_the_metrics_endpoint_is_private(path: str, private: bool) -> None:
    assert is_private(path) is private


def _through(path: str, kind: str = "http") -> tuple[list[dict[str, Any]], list[str]]:
    reached: list[str] = []
    sent: list[dict[str, Any]] = []

    async def streamlit(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"metrics here"})

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    async def send(message: Any) -> None:
        sent.append(message)

    scope = {"type": kind, "path": path, "method": "GET", "headers": []}
    asyncio.run(PrivateEndpointsMiddleware(streamlit)(scope, receive, send))
    return sent, reached


def test_the_metrics_endpoint_answers_404_and_streamlit_never_sees_it() -> None:
    sent, reached = _through("/_stcore/metrics")
    assert reached == []
    assert sent[0]["status"] == 404
    assert b"metrics here" not in sent[1]["body"]


def test_everything_else_reaches_streamlit_untouched() -> None:
    for path in ("/_stcore/health", "/catalogue"):
        sent, reached = _through(path)
        assert reached == [path]
        assert sent[0]["status"] == 200 and sent[1]["body"] == b"metrics here"
    _, reached = _through("/_stcore/stream", kind="websocket")
    assert reached == ["/_stcore/stream"]
