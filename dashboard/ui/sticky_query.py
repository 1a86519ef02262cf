"""The parts of the URL that follow a person from page to page: filter, weights, language.

Streamlit empties the query string when the sidebar navigation switches pages. Without this,
a decision maker who narrowed the landscape to health on the Overview would find the whole
catalogue on the next page, and the Prioritise weights back at their defaults.
"""

from __future__ import annotations

import streamlit as st

from dashboard.filters import QUERY_KEYS

#: The Prioritise weights and their missing-figure choice share the link with the filter.
WEIGHT_PREFIX = "w_"
OTHER_KEYS = frozenset({"missing", "lang"})
PAGE_KEY = "sticky_page"
QUERY_KEY = "sticky_query"


def is_sticky(key: str) -> bool:
    return key in QUERY_KEYS or key in OTHER_KEYS or key.startswith(WEIGHT_PREFIX)


def _sticky_now() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params if is_sticky(key)}


def restore(page: str, carries: bool = True) -> None:
    """On arriving at `page` from another page with none of the shared parameters in the URL,
    put back the ones this session last had. A link that carries its own parameters wins."""
    previous = st.session_state.get(PAGE_KEY)
    st.session_state[PAGE_KEY] = page
    if not carries or previous is None or previous == page or _sticky_now():
        return
    for key, values in st.session_state.get(QUERY_KEY, {}).items():
        st.query_params[key] = values if len(values) > 1 else values[0]


def remember(carries: bool = True) -> None:
    """Note the shared parameters as this run leaves them (call at the end of every run)."""
    if carries:
        st.session_state[QUERY_KEY] = _sticky_now()
