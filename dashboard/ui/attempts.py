"""Who is trying, for the limits on guessing (dashboard/common/attempt_limits.py), and the one
limiter this app process shares between its sessions."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.common.attempt_limits import AttemptLimiter, client_key
from db.settings import get_settings


@st.cache_resource(show_spinner=False)
def limiter() -> AttemptLimiter:
    """The process's limiter: every session's attempts count in the same place."""
    return AttemptLimiter()


def client() -> str:
    """This browser's key for the limiter: its address, else its session."""
    context = get_script_run_ctx()
    session = context.session_id if context is not None else "unknown"
    try:
        headers = {str(k): str(v) for k, v in st.context.headers.items()}
        address = st.context.ip_address
    except Exception:  # no connection behind this run: the session alone
        headers, address = {}, None
    # a run with no real connection (AppTest) has a stand-in object for the address
    header = get_settings().landscape_client_address_header
    return client_key(address if isinstance(address, str) else None, headers, session, header)
