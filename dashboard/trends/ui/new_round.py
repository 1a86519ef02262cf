"""The Data page's "Rounds" tab: the rounds so far, and opening a new one (administrators)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common.i18n import language, t
from dashboard.common.markdown_text import plain
from dashboard.ui import store
from db.rounds import (
    NO_NAME,
    NOT_CURRENT,
    TOO_LONG,
    RoundProblem,
    list_rounds,
    open_new_round,
)

DONE = "rounds_done"


def problem_words(problem: RoundProblem) -> str:
    """Why a name cannot be used, in the interface's language."""
    if problem.template == NO_NAME:
        return t("Give the new round a name, e.g. “Review 2025”.")
    if problem.template == TOO_LONG:
        return t("A round's name is at most {n} characters.", **problem.values)
    if problem.template == NOT_CURRENT:
        return t(
            "The round's name needs a letter or a number other than “current”, e.g. “Review 2025”."
        )
    return t("There is already a round called “{name}”: choose another name.", **problem.values)


def rounds_tab() -> None:
    """The rounds so far and the form that closes the open one and opens the next."""
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(done, icon=":material/check_circle:")
    found = store.guarded(list_rounds, store.engine())
    if found:
        welsh = language() == "cy"
        st.dataframe(
            pd.DataFrame(
                {
                    t("Round"): [r.name("cy" if welsh else "en") for r in found],
                    t("Opened"): [f"{r.opened_at:%Y-%m-%d}" for r in found],
                    t("Closed"): [
                        f"{r.closed_at:%Y-%m-%d}" if r.closed_at else t("Still open") for r in found
                    ],
                }
            ),
            hide_index=True,
            key="rounds_table",
        )
    st.subheader(t("Open a new round"), anchor=False)
    st.markdown(
        t(
            "The open round closes: its levels, deep dives, survey statuses and reported "
            "challenges and aims are kept for the Trends page. Every survey becomes a draft "
            "again that keeps its answers, for its owner to check and submit. Done in one step: "
            "if anything fails, nothing changes."
        )
    )
    with st.form("rounds_open", border=True):
        english = st.text_input(t("Name in English"), key="rounds_name_en", max_chars=200)
        welsh_name = st.text_input(t("Name in Welsh"), key="rounds_name_cy", max_chars=200)
        sure = st.checkbox(t("I understand every survey goes back to a draft"), key="rounds_sure")
        pressed = st.form_submit_button(
            t("Open the new round"), icon=":material/autorenew:", type="primary"
        )
    if not pressed:
        return
    if not sure:
        st.warning(
            t("Tick the box to say you understand every survey goes back to a draft."),
            icon=":material/warning:",
        )
        return
    try:
        opened = open_new_round(store.engine(), english, welsh_name)
    except RoundProblem as problem:
        st.error(plain(problem_words(problem)), icon=":material/error:")
        return
    except store.STORE_ERRORS as error:
        store.store_problem(error)
    st.session_state[DONE] = t(
        "Opened {new}. {old} is closed and kept: {n} services' levels and {themes} reported "
        "challenges and aims.",
        new=plain(opened.opened.name(language())),
        old=plain(opened.closed.name(language())),
        n=f"{opened.services:,}",
        themes=f"{opened.themes:,}",
    )
    st.rerun()
