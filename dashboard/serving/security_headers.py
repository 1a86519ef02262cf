"""Security headers on every response the app's server sends.

What a browser is told about the pages, so that a mistake elsewhere (a script slipped into a
page, a page framed by another site, a cookie sent in the clear) cannot be used against the
people who open the app:

- `Content-Security-Policy` (`policy`): the pages run only the app's own script files and the
  two inline scripts in Streamlit's index.html (Streamlit's `window.prerenderReady` line and
  the page shell's hints), named by their SHA-256 hashes. The hashes are worked out from the
  HTML as it is sent (`inline_script_hashes`), so a Streamlit upgrade that changes its inline
  script keeps working, and a script added to the page any other way does not run. Every
  inline script of the HTML as served is trusted: that HTML is Streamlit's file plus the
  page shell's fixed hints, with nothing from a request or the data in it. What comes from
  data reaches the page later, through the websocket, and is what the policy guards against.
- `X-Content-Type-Options`, `Referrer-Policy`, `X-Frame-Options`, `Cross-Origin-Opener-Policy`
  and `Permissions-Policy` (`HEADERS`).
- Over HTTPS (`is_https`): `Secure` on every cookie and `Strict-Transport-Security`. Every
  cookie gets `SameSite=Lax` unless it says otherwise.

A header the response already has (from Streamlit) is left as it is, never sent twice.

Plain ASGI middleware (no Streamlit import), used by `serve.py`; docs/deployment.md says what
a deployer must know.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zlib
from collections.abc import Iterable

from dashboard.serving.page_shell import ASGIApp, Message, Receive, Scope, Send

Headers = list[tuple[bytes, bytes]]

#: The policy's fixed part. Each relaxation of `default-src 'self'` below was found by opening
#: every page in Chromium under a policy without it and reading the violations it reported
#: (tests/browser/test_security_headers_browser.py opens them all under this one):
_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    # The inline scripts' hashes are added per page (`inline_script_hashes`). Besides:
    # - blob: our own components (`st.components.v2.component(js=...)`: the Present page's
    #   keys and slide fitting, the page's language) are loaded by Streamlit as a module it
    #   writes into a blob: URL (`URL.createObjectURL(new Blob([js]))`, then `import()`);
    #   without it the Present page hears no key. Only a script already running in the page
    #   can make a blob: URL, so this lets no outside or injected script in.
    # - 'wasm-unsafe-eval': Streamlit's message decoder (protobuf.js, through long.js) compiles
    #   a tiny WebAssembly module for 64-bit arithmetic on every page load, and reports a
    #   violation on every page without it (it then falls back to slower JavaScript). It
    #   allows WebAssembly only, never JavaScript's eval() or new Function().
    ("script-src", "'self' blob: 'wasm-unsafe-eval'"),
    # 'unsafe-inline': Streamlit's elements are styled by emotion, which writes <style>
    # elements into the page as they draw, and plotly sets a style attribute on every part of
    # a chart; neither carries a nonce or a fixed hash. A style cannot run script.
    ("style-src", "'self' 'unsafe-inline'"),
    # data: and blob: for images Streamlit and plotly make in the browser (plotly draws a heat
    # map trace as a data: image). No page draws one today; an image cannot run script.
    ("img-src", "'self' data: blob:"),
    # data: a font Streamlit embeds in the page's styles (each page loads it).
    ("font-src", "'self' data:"),
    # the websocket (/_stcore/stream) goes to the page's own host and port: 'self' covers ws:
    # and wss: there (CSP level 3; checked in Chromium), so neither is named. No worker,
    # frame or child-src is needed: nothing runs in a worker or a frame (default-src 'self').
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)

#: Added to every response (unless it has them already).
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    # same-origin: the app's own requests carry their Referer as usual, and no address of the
    # app (a survey link's token, a filter) is ever sent to another site a page links to.
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    # nothing the app uses; fullscreen stays for this origin (the Present page's full screen).
    # Only features Chromium knows: an unknown one is a console warning on every page.
    (
        b"permissions-policy",
        b"camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), "
        b"midi=(), magnetometer=(), gyroscope=(), accelerometer=(), "
        b"display-capture=(), screen-wake-lock=(), publickey-credentials-get=(), "
        b"fullscreen=(self)",
    ),
)

#: Over HTTPS only (a browser ignores it over plain HTTP): one year, this host only. Whether
#: every subdomain is HTTPS too is the domain's owner's to say, at the reverse proxy.
HSTS = (b"strict-transport-security", b"max-age=31536000")

#: How much of an HTML response is read to find its inline scripts (Streamlit's index.html
#: is about 8 KB); a larger one is sent on with the policy of no inline script.
MAX_HTML = 1 << 20

_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(rb"\ssrc\s*=", re.IGNORECASE)


def inline_script_hashes(html: bytes) -> list[str]:
    """The CSP source of each inline script in `html` ('sha256-...'), in order, each once."""
    found: list[str] = []
    for attributes, text in _SCRIPT.findall(html):
        if _SRC.search(b" " + attributes):
            continue
        digest = base64.b64encode(hashlib.sha256(text).digest()).decode()
        source = f"'sha256-{digest}'"
        if source not in found:
            found.append(source)
    return found


def policy(script_hashes: Iterable[str] = ()) -> str:
    """The Content-Security-Policy, with the inline scripts of the page it is sent with."""
    hashes = " ".join(script_hashes)
    return "; ".join(
        f"{name} {sources} {hashes}" if name == "script-src" and hashes else f"{name} {sources}"
        for name, sources in _DIRECTIVES
    )


def public_https(public_url: str) -> bool:
    """Whether the app's public address (LANDSCAPE_PUBLIC_URL) is an HTTPS one."""
    return public_url.strip().lower().startswith("https://")


def is_https(scope: Scope, public_https: bool) -> bool:
    """Whether the browser reached the app over HTTPS.

    `public_https`: the deployer's public address (LANDSCAPE_PUBLIC_URL) starts with https://,
    so every browser comes in over HTTPS through the reverse proxy. Otherwise the request's own
    scheme: https when the server itself holds the certificate (server.sslCertFile), or when a
    trusted proxy said so in `X-Forwarded-Proto` (uvicorn, under Streamlit, takes that header
    only from FORWARDED_ALLOW_IPS, by default 127.0.0.1 and ::1, and sets the scheme from it).
    """
    return public_https or scope.get("scheme") in ("https", "wss")


def secure_cookie(value: bytes, https: bool) -> bytes:
    """A Set-Cookie value with `SameSite=Lax` unless it has a SameSite, and `Secure` over
    HTTPS unless it has it."""
    attributes = {part.split(b"=", 1)[0].strip().lower() for part in value.split(b";")[1:]}
    if b"samesite" not in attributes:
        value += b"; SameSite=Lax"
    if https and b"secure" not in attributes:
        value += b"; Secure"
    return value


def with_security_headers(
    headers: Headers, https: bool, script_hashes: Iterable[str] = ()
) -> Headers:
    """`headers` with the security headers added (those it has are kept, never doubled) and
    its cookies made `secure_cookie`."""
    out = [
        (name, secure_cookie(value, https) if name.lower() == b"set-cookie" else value)
        for name, value in headers
    ]
    present = {name.lower() for name, _ in out}
    wanted = [(b"content-security-policy", policy(script_hashes).encode()), *HEADERS]
    if https:
        wanted.append(HSTS)
    out.extend((name, value) for name, value in wanted if name not in present)
    return out


def _is_html(headers: Headers) -> bool:
    content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
    return content_type.lower().startswith(b"text/html")


def _decoded(body: bytes, headers: Headers) -> bytes | None:
    """The HTML as the browser reads it, or None when it cannot be read here."""
    encoding = next((v for k, v in headers if k.lower() == b"content-encoding"), b"identity")
    try:
        if encoding.strip().lower() in (b"identity", b""):
            return body
        if encoding.strip().lower() == b"gzip":
            reader = zlib.decompressobj(16 + zlib.MAX_WBITS)
            page = reader.decompress(body, MAX_HTML + 1)
            return page if len(page) <= MAX_HTML else None
    except zlib.error:
        return None
    return None


class SecurityHeadersMiddleware:
    """Adds the security headers to every HTTP response; an HTML response is held until it is
    whole, so that its policy can name its inline scripts. Websockets pass through."""

    def __init__(self, app: ASGIApp, public_https: bool = False) -> None:
        self.app = app
        self.public_https = public_https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = is_https(scope, self.public_https)
        start: Message | None = None
        held: list[bytes] | None = None  # an HTML body, while it is read
        size = 0

        async def flush(body: bytes, more: bool, page: bytes | None) -> None:
            assert start is not None
            hashes = inline_script_hashes(page) if page is not None else []
            headers = with_security_headers(list(start.get("headers", [])), https, hashes)
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body, "more_body": more})

        async def add_headers(message: Message) -> None:
            nonlocal start, held, size
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if _is_html(headers):
                    start, held = message, []
                    return
                await send({**message, "headers": with_security_headers(headers, https)})
                return
            if held is None or message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunk = message.get("body", b"")
            more = bool(message.get("more_body", False))
            held.append(chunk)
            size += len(chunk)
            if more and size <= MAX_HTML:
                return
            body, held = b"".join(held), None
            page = _decoded(body, list(start.get("headers", []))) if not more else None
            await flush(body, more, page)

        await self.app(scope, receive, add_headers)
