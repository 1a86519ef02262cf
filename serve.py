"""The web server: Streamlit's own, serving app.py, with the page shell's hints added,
Streamlit's private endpoints (/_stcore/metrics) refused, a refused sign-in with the organisation's
account marked for the app to say so (dashboard/serving/sign_in_outcome.py) and security headers
on every response.

`python -m dashboard.serving.launch` (and `landscape serve`) run this file with `streamlit run`, which
finds the `st.App` below and serves it; `dashboard/serving/page_shell.py` says what the hints are,
`dashboard/serving/private_endpoints.py` what is refused, `dashboard/serving/security_headers.py`
which headers (over HTTPS when LANDSCAPE_PUBLIC_URL starts with https://).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from dashboard.serving.page_shell import PageShellMiddleware
from dashboard.serving.private_endpoints import PrivateEndpointsMiddleware
from dashboard.serving.security_headers import SecurityHeadersMiddleware, public_https
from dashboard.serving.sign_in_outcome import SignInOutcomeMiddleware
from db.settings import get_settings

ROOT = Path(__file__).resolve().parent

app = st.App(
    ROOT / "app.py",
    # the first is the outermost: the headers go on every response, the 404s and pages too
    middleware=[
        Middleware(
            SecurityHeadersMiddleware,
            public_https=public_https(get_settings().landscape_public_url),
        ),
        Middleware(PrivateEndpointsMiddleware),
        Middleware(SignInOutcomeMiddleware),
        Middleware(
            PageShellMiddleware,
            base=str(st.get_option("server.baseUrlPath") or ""),
        ),
    ],
)
