"""The security headers (dashboard/serving/security_headers.py) on stand-in apps, and on the real
server; Chromium under them: tests/browser/test_security_headers_browser.py."""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import re
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit

from dashboard.serving.page_shell import PageShellMiddleware, hints
from dashboard.serving.security_headers import (
    SecurityHeadersMiddleware,
    inline_script_hashes,
    policy,
    public_https,
    secure_cookie,
)
from tests.serving import environment, free_port, kill_marked, start_serving, wait_until_answering

#: Streamlit's own index.html, as the installed version serves it.
STREAMLIT_INDEX = (Path(streamlit.__file__).parent / "static" / "index.html").read_bytes()
PAGE = (
    b"<html><head><script>window.prerenderReady = false</script>"
    b'<script type="module" src="./static/js/index.js"></script>'
    b"<script>let a = 1;</script></head><body></body></html>"
)


def sha256(text: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text).digest()).decode() + "'"


def directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}


def _serve(
    body: bytes = PAGE,
    content_type: bytes = b"text/html; charset=utf-8",
    headers: list[tuple[bytes, bytes]] | None = None,
    scheme: str = "http",
    public: bool = False,
    kind: str = "http",
    app: Any = None,
) -> tuple[dict[bytes, list[bytes]], bytes, list[dict[str, Any]]]:
    """One GET through the middleware over a stand-in app that sends `body` in two parts;
    the headers sent (each name with its values), the body, and every message."""

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", content_type),
                    (b"content-length", str(len(body)).encode()),
                    *(headers or []),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body[:20], "more_body": True})
        await send({"type": "http.response.body", "body": body[20:], "more_body": False})

    sent: list[dict[str, Any]] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    scope = {"type": kind, "method": "GET", "path": "/", "scheme": scheme, "headers": []}
    asyncio.run(SecurityHeadersMiddleware(app or inner, public_https=public)(scope, receive, send))
    found: dict[bytes, list[bytes]] = {}
    for name, value in sent[0].get("headers", []):
        found.setdefault(name.lower(), []).append(value)
    return found, b"".join(m.get("body", b"") for m in sent[1:]), sent


def test_the_policy_names_what_streamlit_needs_and_no_inline_script() -> None:
    parts = directives(policy(["'sha256-abc='"]))
    assert parts["default-src"] == ["'self'"]
    assert parts["script-src"][0] == "'self'" and "'sha256-abc='" in parts["script-src"]
    assert "'unsafe-inline'" not in parts["script-src"]
    assert "'unsafe-eval'" not in parts["script-src"]
    assert parts["style-src"] == ["'self'", "'unsafe-inline'"]
    assert parts["img-src"] == ["'self'", "data:", "blob:"]
    assert parts["font-src"] == ["'self'", "data:"]
    assert parts["connect-src"] == ["'self'"]
    assert parts["frame-ancestors"] == ["'none'"]
    assert parts["object-src"] == ["'none'"]
    assert parts["base-uri"] == parts["form-action"] == ["'self'"]
    assert "'sha256-" not in policy()


def test_the_hashes_are_those_of_the_inline_scripts_only() -> None:
    assert inline_script_hashes(PAGE) == [
        sha256(b"window.prerenderReady = false"),
        sha256(b"let a = 1;"),
    ]
    assert inline_script_hashes(b"<html><script src='x.js'></script></html>") == []


def test_the_hashes_follow_streamlits_own_index_and_the_page_shell() -> None:
    """Streamlit's inline script, whatever this version's is, and the hints' script."""
    page = STREAMLIT_INDEX.replace(b"</head>", hints("") + b"</head>", 1)
    inline = re.findall(rb"<script>(.*?)</script>", page, re.DOTALL)
    assert len(inline) == 2  # Streamlit's prerenderReady line and the page shell's hints
    assert inline_script_hashes(page) == [sha256(text) for text in inline]


def test_an_html_page_gets_every_header_and_its_scripts_hashes() -> None:
    headers, body, sent = _serve()
    assert body == PAGE and sent[-1]["more_body"] is False
    csp = directives(headers[b"content-security-policy"][0].decode())
    assert sha256(b"window.prerenderReady = false") in csp["script-src"]
    assert sha256(b"let a = 1;") in csp["script-src"]
    assert headers[b"x-content-type-options"] == [b"nosniff"]
    assert headers[b"referrer-policy"] == [b"same-origin"]
    assert headers[b"x-frame-options"] == [b"DENY"]
    assert headers[b"cross-origin-opener-policy"] == [b"same-origin"]
    permissions = headers[b"permissions-policy"][0]
    for feature in (b"camera=()", b"microphone=()", b"geolocation=()"):
        assert feature in permissions
    assert headers[b"content-length"] == [str(len(PAGE)).encode()]
    assert b"strict-transport-security" not in headers  # plain HTTP


def test_a_compressed_page_is_read_for_its_scripts_and_sent_as_it_came() -> None:
    packed = gzip.compress(PAGE)
    headers, body, _ = _serve(packed, headers=[(b"content-encoding", b"gzip")])
    assert body == packed
    assert sha256(b"let a = 1;") in headers[b"content-security-policy"][0].decode()


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        (b"application/javascript", b"console.log('<script>x</script>')"),
        (b"text/plain; charset=utf-8", b"ok"),
        (b"application/json", b"{}"),
    ],
)
def test_other_responses_get_the_headers_without_hashes_and_pass_untouched(
    content_type: bytes, body: bytes
) -> None:
    headers, sent_body, sent = _serve(body, content_type=content_type)
    assert sent_body == body
    assert headers[b"content-security-policy"] == [policy().encode()]
    assert headers[b"x-content-type-options"] == [b"nosniff"]
    assert headers[b"x-frame-options"] == [b"DENY"]
    assert len(sent) == 3  # the body streams through as it came, in its parts


def test_a_header_the_response_has_is_kept_and_never_doubled() -> None:
    headers, _, _ = _serve(
        headers=[
            (b"X-Content-Type-Options", b"nosniff"),
            (b"Referrer-Policy", b"no-referrer"),
            (b"content-security-policy", b"default-src 'none'"),
        ]
    )
    assert headers[b"x-content-type-options"] == [b"nosniff"]
    assert headers[b"referrer-policy"] == [b"no-referrer"]
    assert headers[b"content-security-policy"] == [b"default-src 'none'"]


XSRF = b"_streamlit_xsrf=2|aa|bb|1; Path=/; SameSite=Lax"


@pytest.mark.parametrize(
    ("scheme", "public", "secure"),
    [
        ("http", False, False),
        ("https", False, True),  # TLS at the server, or X-Forwarded-Proto from a trusted proxy
        ("http", True, True),  # LANDSCAPE_PUBLIC_URL is https://
    ],
)
def test_cookies_are_secure_and_hsts_sent_only_over_https(
    scheme: str, public: bool, secure: bool
) -> None:
    headers, _, _ = _serve(
        content_type=b"text/plain",
        headers=[(b"set-cookie", XSRF), (b"set-cookie", b"session=abc; HttpOnly")],
        scheme=scheme,
        public=public,
    )
    cookies = headers[b"set-cookie"]
    assert len(cookies) == 2
    assert cookies[0].startswith(XSRF) and cookies[0].count(b"SameSite") == 1
    assert cookies[1].startswith(b"session=abc; HttpOnly") and b"SameSite=Lax" in cookies[1]
    for cookie in cookies:
        assert cookie.endswith(b"; Secure") is secure
    assert (b"strict-transport-security" in headers) is secure
    if secure:
        assert headers[b"strict-transport-security"] == [b"max-age=31536000"]


@pytest.mark.parametrize(
    ("cookie", "https", "expected"),
    [
        (b"a=1", False, b"a=1; SameSite=Lax"),
        (b"a=1", True, b"a=1; SameSite=Lax; Secure"),
        (b"a=1; samesite=strict", True, b"a=1; samesite=strict; Secure"),
        (b"a=1; SameSite=None; Secure", True, b"a=1; SameSite=None; Secure"),
        (b"a=1; Path=/; secure", False, b"a=1; Path=/; secure; SameSite=Lax"),
    ],
)
def test_a_cookie_gets_only_what_it_lacks(cookie: bytes, https: bool, expected: bytes) -> None:
    assert secure_cookie(cookie, https) == expected


@pytest.mark.parametrize(
    ("url", "https"),
    [
        ("https://landscape.example.gov.wales", True),
        (" HTTPS://x.example/ ", True),
        ("http://localhost:8501", False),
        ("", False),
    ],
)
def test_the_public_address_says_whether_browsers_come_over_https(url: str, https: bool) -> None:
    assert public_https(url) is https


def test_a_websocket_passes_through_untouched() -> None:
    seen: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["type"])
        await send({"type": "websocket.accept", "headers": []})

    _, _, sent = _serve(kind="websocket", app=app)
    assert seen == ["websocket"] and sent == [{"type": "websocket.accept", "headers": []}]


def test_the_page_shells_cookie_is_secure_over_https() -> None:
    script = hints("").decode()
    assert "location.protocol === 'https:' ? '; Secure' : ''" in script


def test_the_page_shells_page_gets_the_hash_of_its_hints() -> None:
    """The two middlewares as serve.py stacks them: the hash is of the page as sent."""

    async def streamlit_app(scope: Any, receive: Any, send: Any) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/html")],
            }
        )
        await send({"type": "http.response.body", "body": STREAMLIT_INDEX})

    app = SecurityHeadersMiddleware(PageShellMiddleware(streamlit_app))
    headers, body, _ = _serve(app=app)
    assert hints("") in body
    script = hints("").decode().split(">", 1)[1].rsplit("</script>", 1)[0]
    assert sha256(script.encode()) in headers[b"content-security-policy"][0].decode()


# --- the real server -------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`landscape serve` on an empty store, as a deployer starts it."""
    folder = tmp_path_factory.mktemp("headers-serve")
    port, mark, log = free_port(), uuid.uuid4().hex, folder / "serve.log"
    env = environment(mark, DATABASE_URL=f"sqlite:///{folder / 'store.sqlite3'}")
    process = start_serving(["--port", str(port), "--no-demo"], folder, env, log)
    try:
        wait_until_answering(process, port, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.kill()
        kill_marked(mark)


def _get(url: str, **headers: str) -> tuple[int, dict[str, list[str]], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, raw, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, raw, body = error.code, error.headers, error.read()
    found: dict[str, list[str]] = {}
    for name, value in raw.items():
        found.setdefault(name.lower(), []).append(value)
    return int(status), found, body


def assert_security_headers(headers: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each security header once, with the values the page shell sets; the CSP's directives."""
    for name in (
        "content-security-policy",
        "x-content-type-options",
        "referrer-policy",
        "x-frame-options",
        "cross-origin-opener-policy",
        "permissions-policy",
    ):
        assert len(headers.get(name, [])) == 1, name
    assert headers["x-content-type-options"] == ["nosniff"]
    assert headers["x-frame-options"] == ["DENY"]
    return directives(headers["content-security-policy"][0])


def test_the_real_servers_pages_files_and_health_check_carry_the_headers(served: str) -> None:
    scripts: list[str] = []
    for path in ("/", "/catalogue"):
        status, headers, body = _get(served + path, **{"Accept-Encoding": "gzip"})
        assert status == 200
        csp = assert_security_headers(headers)
        inline = re.findall(rb"<script>(.*?)</script>", body, re.DOTALL)
        assert len(inline) == 2 and b"BACKEND_BASE_URL" in inline[1]
        assert [s for s in csp["script-src"] if s.startswith("'sha256-")] == [
            sha256(text) for text in inline
        ]
        assert "strict-transport-security" not in headers
        scripts = re.findall(r'<script type="module" crossorigin src="\./([^"]+)"', body.decode())
    assert scripts, "Streamlit's index.html names its JavaScript"
    status, headers, _ = _get(f"{served}/{scripts[0]}")
    assert status == 200 and headers["content-type"][0].startswith(
        ("application/javascript", "text/javascript")
    )
    assert "'sha256-" not in headers["content-security-policy"][0]
    assert_security_headers(headers)
    status, headers, _ = _get(f"{served}/_stcore/metrics")
    assert status == 404
    assert_security_headers(headers)


def test_the_real_servers_cookie_is_secure_only_behind_an_https_proxy(served: str) -> None:
    status, headers, body = _get(f"{served}/_stcore/health")
    assert status == 200 and body == b"ok"
    assert_security_headers(headers)
    (cookie,) = headers["set-cookie"]
    assert cookie.startswith("_streamlit_xsrf=") and "SameSite=Lax" in cookie
    assert "Secure" not in cookie and "strict-transport-security" not in headers
    # the proxy on this machine (trusted by default) says the browser came over HTTPS
    status, headers, _ = _get(f"{served}/_stcore/health", **{"X-Forwarded-Proto": "https"})
    (cookie,) = headers["set-cookie"]
    assert cookie.endswith("; Secure") and cookie.count("SameSite") == 1
    assert headers["strict-transport-security"] == ["max-age=31536000"]
