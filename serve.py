"""The web server: Streamlit's own, serving app.py, with the page shell's hints added and
Streamlit's private endpoints (/_stcore/metrics) refused.

`python -m dashboard.serving.launch` (and `landscape serve`) run this file with `streamlit run`, which
finds the `st.App` below and serves it; `dashboard/serving/page_shell.py` says what the hints are,
`dashboard/serving/private_endpoints.py` what is refused.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from dashboard.serving.page_shell import PageShellMiddleware
from dashboard.serving.private_endpoints import PrivateEndpointsMiddleware

ROOT = Path(__file__).resolve().parent

app = st.App(
    ROOT / "app.py",
    middleware=[
        Middleware(PrivateEndpointsMiddleware),
        Middleware(
            PageShellMiddleware,
            base=str(st.get_option("server.baseUrlPath") or ""),
        ),
    ],
)
