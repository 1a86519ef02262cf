"""The English / Cymraeg switch: kept in the URL (`?lang=cy`), remembered for the session, and
written into the page's `lang` attribute so screen readers read Welsh as Welsh."""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.common import i18n
from dashboard.ui.link_state import LinkPart

KEY = "ui_language"
#: Set once this session has written Welsh into the page's `lang` attribute.
MARKED_KEY = "ui_language_marked"
#: The language in the link; a link without it (the page menu, an edited address) keeps the
#: session's choice. It is settled before the page is known, so arriving is not a signal.
LINK = LinkPart(
    "language",
    lambda key: key == i18n.LANGUAGE_PARAM,
    keeps_without_params=True,
    follows_arrival=False,
)

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


def prepare() -> str:
    """Settle this run's language before anything is drawn: the link decides on a session's
    first run and whenever it changed without us (a shared link, the back button)."""
    if LINK.link_decides(first_run=KEY not in st.session_state):
        st.session_state[KEY] = i18n.language_from_link(LINK.in_link()) or i18n.ENGLISH
    return str(st.session_state[KEY])


def render() -> str:
    """The switch at the top of the sidebar; returns the language of this run."""
    with st.sidebar:
        st.segmented_control(
            i18n.t("Language"),
            options=list(i18n.LANGUAGES),
            # its current value as its default too: drawn late, it starts from the default
            default=st.session_state.get(KEY),
            format_func=i18n.LANGUAGE_NAMES.__getitem__,
            key=KEY,
            selection_mode="single",
            label_visibility="collapsed",
            on_change=_keep_a_choice,
        )
    lang = str(st.session_state.get(KEY) or i18n.ENGLISH)
    LINK.write(i18n.language_link(lang))
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
        written = i18n.language_from_link(LINK.written() or {})
        st.session_state[KEY] = written or i18n.ENGLISH
