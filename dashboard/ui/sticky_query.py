"""The parts of the URL that follow a person from page to page: filter, weights, language.

Streamlit empties the query string when the sidebar navigation switches pages. Without this,
a decision maker who narrowed the landscape to health on the Overview would find the whole
catalogue on the next page, and the Prioritise weights back at their defaults.

The shared parameters are noted as soon as a run knows them (on arrival, and after every
change the page writes), not only when a run ends: a click on another page while a run is
still drawing stops that run at its next call into Streamlit, which may come before the end.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.common.filters import MY_ORG_KEY, QUERY_KEYS
from dashboard.common.i18n import LANGUAGE_PARAM
from dashboard.prioritise import weighting

LANGUAGE = LANGUAGE_PARAM
PAGE_KEY = "sticky_page"
QUERY_KEY = "sticky_query"
CARRIES_KEY = "sticky_carries"
ARRIVED_KEY = "sticky_arrived"


def is_sticky(key: str) -> bool:
    """The filter, the Prioritise weights (with their missing-figure choice), the reader's own
    organisation and the language follow a person from page to page."""
    return key in QUERY_KEYS or key in (LANGUAGE, MY_ORG_KEY) or weighting.is_link_param(key)


def _sticky_now() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params if is_sticky(key)}


def _history_navigation() -> bool:
    """Whether this run comes from the browser's back or forward button."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and getattr(ctx, "is_history_navigation", False))


def wanted(
    now: dict[str, list[str]], kept: dict[str, list[str]], same_page: bool
) -> dict[str, list[str]]:
    """The shared parameters a run should have, from those in the URL it arrived with (`now`)
    and those the session last had (`kept`), when the run is not the browser's back or forward.

    - on the same page, the session wins: a URL that differs was sent by a browser that had not
      yet shown (or had lost) the session's last change, not chosen by the person;
    - on arriving at another page by a link that carries none of them (the sidebar), all of
      them come back;
    - a link that carries a filter (a drill-down) keeps its filter, and the weights and the
      language it does not name come back.
    """
    if same_page:
        return kept
    if not now:
        return kept
    return now | {
        key: values for key, values in kept.items() if key not in QUERY_KEYS and key not in now
    }


def restore(page: str, carries: bool = True) -> None:
    """Put the shared parameters into this run's URL (see `wanted`); the browser's back and
    forward buttons, and a session's first run, take the URL as it is.

    The parameters are written in one step, so the browser receives the whole query string in
    one message rather than one parameter at a time."""
    previous = st.session_state.get(PAGE_KEY)
    st.session_state[PAGE_KEY] = page
    st.session_state[CARRIES_KEY] = carries
    st.session_state[ARRIVED_KEY] = previous != page
    kept = st.session_state.get(QUERY_KEY)
    if previous is not None and kept is not None and not _history_navigation():
        now = _sticky_now()
        if carries:
            target = wanted(now, kept, same_page=previous == page)
        elif previous != page and MY_ORG_KEY in kept and MY_ORG_KEY not in now:
            # a page without the filter still knows whose organisation the reader's is
            target = now | {MY_ORG_KEY: kept[MY_ORG_KEY]}
        else:
            target = now
        if target != now:
            others = {
                key: st.query_params.get_all(key) for key in st.query_params if not is_sticky(key)
            }
            replace_query(others | target)
    remember()


def all_params() -> dict[str, list[str]]:
    """Every parameter of this run's URL, each with all its values."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


def replace_query(params: dict[str, list[str]]) -> None:
    """Write the whole query string in one step (one entry in the browser's history, one
    message), from each parameter's list of values."""
    st.query_params.from_dict(
        {key: values[0] if len(values) == 1 else values for key, values in params.items()}
    )


def arrived() -> bool:
    """Whether this run is the first on its page since another page (or the session's first).

    The URL, with the shared parameters put back, is then the whole truth: the widgets are set
    from it, not from the values a browser sends while it swaps one page for another."""
    return bool(st.session_state.get(ARRIVED_KEY, True))


def remember() -> None:
    """Note the shared parameters as the URL holds them now. Call after every change a page
    makes to them. A page without the filter (a survey, the Data page) notes only its
    language, so the filter and weights wait for the next page that has them."""
    now = _sticky_now()
    if st.session_state.get(CARRIES_KEY, True):
        st.session_state[QUERY_KEY] = now
        return
    kept = dict(st.session_state.get(QUERY_KEY, {}))
    for key in (LANGUAGE, MY_ORG_KEY):
        kept.pop(key, None)
        if key in now:
            kept[key] = now[key]
    st.session_state[QUERY_KEY] = kept
