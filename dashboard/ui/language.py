"""The English / Cymraeg switch: kept in the URL (`?lang=cy`), remembered for the session, and
written into the page's `lang` attribute so screen readers read Welsh as Welsh."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.common import i18n
from dashboard.ui import sticky_query

PARAM = "lang"
KEY = "ui_language"
#: The language this session last wrote into the URL; any other value came from outside.
URL_KEY = "ui_language_url"
#: Set once this session has written Welsh into the page's `lang` attribute.
MARKED_KEY = "ui_language_marked"

_DOCUMENT_LANGUAGE = st.components.v2.component(
    "landscape_document_language",
    js="""
export default function (component) {
    const lang = component.data && component.data.lang;
    if (lang === "en" || lang === "cy") {
        document.documentElement.setAttribute("lang", lang);
    }
}
""",
)


def _session_language() -> str:
    if get_script_run_ctx() is None:  # a background thread: no session to ask
        return i18n.ENGLISH
    return str(st.session_state.get(KEY, i18n.ENGLISH))


i18n.install_provider(_session_language)


def _from_url() -> str | None:
    value = st.query_params.get(PARAM)
    return value if value in i18n.LANGUAGES else None


def prepare() -> str:
    """Settle this run's language before anything is drawn: the URL decides on a session's
    first run and whenever it changed without us (a shared link, the back button)."""
    in_url = _from_url()
    if KEY not in st.session_state:
        st.session_state[KEY] = in_url or i18n.ENGLISH
    elif in_url is not None and in_url != st.session_state.get(URL_KEY):
        st.session_state[KEY] = in_url
    elif in_url is None and st.session_state.get(URL_KEY) not in (None, i18n.ENGLISH):
        # the address lost its ?lang= (a page link, an edited URL): keep the session's choice
        pass
    return str(st.session_state[KEY])


def render() -> str:
    """The switch at the top of the sidebar; returns the language of this run."""
    with st.sidebar:
        st.segmented_control(
            i18n.t("Language"),
            options=list(i18n.LANGUAGES),
            # its current value as its default too: drawn late, it starts from the default
            default=st.session_state.get(KEY),
            format_func=i18n.LANGUAGE_NAMES.get,
            key=KEY,
            selection_mode="single",
            label_visibility="collapsed",
            on_change=_keep_a_choice,
        )
    lang = str(st.session_state.get(KEY) or i18n.ENGLISH)
    _write_url(lang)
    # The page starts as lang="en", so an English session needs no component until it has
    # been Welsh. Each component's code loads before the browser draws the widgets after it,
    # which cost every English page load about 0.25 s (`bench/README.md`).
    if lang != i18n.ENGLISH or st.session_state.get(MARKED_KEY):
        st.session_state[MARKED_KEY] = True
        _DOCUMENT_LANGUAGE(data={"lang": lang}, key="document_language")
    return lang


def _keep_a_choice() -> None:
    # clicking the chosen option again unselects it: treat that as "stay"
    if st.session_state.get(KEY) not in i18n.LANGUAGES:
        st.session_state[KEY] = st.session_state.get(URL_KEY) or i18n.ENGLISH


def _write_url(lang: str) -> None:
    st.session_state[URL_KEY] = lang
    if lang == i18n.ENGLISH:
        if PARAM in st.query_params:
            del st.query_params[PARAM]
    elif st.query_params.get(PARAM) != lang:
        st.query_params[PARAM] = lang
    sticky_query.remember()
