"""Pieces the Explore pages share: the explained empty result and the link to the current view."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import streamlit as st

from dashboard.common import no_match
from dashboard.common.filters import Filter
from dashboard.common.i18n import t
from dashboard.ui import filter_panel, store


def explain_no_match(version: int) -> None:
    """An empty result says which part of the filter removes everything (and how many services
    each part's removal would bring back)."""

    def count(flt: Filter) -> int:
        return int(store.filter_mask(version, flt).sum())

    try:
        message = no_match.explain(filter_panel.current(), count, filter_panel.names())
    except store.STORE_ERRORS as error:
        store.store_problem(error)
    st.info(message, icon=":material/filter_alt_off:")


def view_link(path: str) -> str:
    """The address of this view (page, filter, language, open service) to paste elsewhere."""
    query = urlencode(
        [(key, value) for key in st.query_params for value in st.query_params.get_all(key)]
    )
    base = ""
    url = getattr(st.context, "url", None)
    if url:
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
    return f"{base}/{path.strip('/')}" + (f"?{query}" if query else "")


def share_link(path: str, key: str) -> None:
    """A small "Link to this view" control that shows the address with a copy button."""
    with st.popover(t("Link to this view"), icon=":material/link:", key=f"{key}_share"):
        st.caption(t("Copy this address to share exactly what you see: filter, language and page."))
        st.code(view_link(path), language=None, wrap_lines=True)
