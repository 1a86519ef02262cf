"""Survey: a service owner's form, section by section, saved as they go and shared with a team."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.surveys import progress
from dashboard.surveys.ui import form as survey_form
from dashboard.surveys.ui import share as survey_share
from dashboard.surveys.ui.opening import open_survey

ICONS = {"complete": "✓ ", "in_progress": "◐ ", "not_started": ""}

st.title(t("Survey of service owners"))
access, response = open_survey()
instrument = response.instrument
statuses = response.statuses

codes = [s.code for s in instrument.sections]
if st.query_params.get("section") not in codes:
    st.query_params["section"] = progress.resume_section(
        instrument, response.answers, response.marked_done
    )
current = st.query_params["section"]
with st.sidebar:
    st.markdown("**" + t("Sections") + "**")
    chosen = st.radio(
        t("Sections"),
        codes,
        index=codes.index(current),
        format_func=lambda code: f"{ICONS[statuses[code]]}{instrument.section(code).title}",
        label_visibility="collapsed",
        key=f"section_nav_{current}",
    )
    if chosen != current:
        st.query_params["section"] = chosen
        st.rerun()
    st.caption(t("✓ complete · ◐ in progress · no mark: not started"))
    survey_share.sidebar(access, response)

section = instrument.section(current)
position = codes.index(current)
first_number = 1 + sum(len(s.questions) for s in instrument.sections[:position])
st.subheader(f"{position + 1}. {section.title}", divider="gray")
editable = response.is_open
if not editable:
    st.info(
        t("This survey has been submitted, so its answers are shown read-only.")
        + (" " + t("As its owner you can reopen it to make changes.") if access.can_share else ""),
        icon=":material/task_alt:",
    )
else:
    st.caption(
        t(
            "Each answer is saved when you leave its field: press Tab, or click anywhere else."
            " Text you are still typing is not saved until then."
        )
    )
survey_form.draw_conflict(access)
survey_form.draw_section(access, section, first_number, editable)
survey_form.draw_mark_done(access, section, statuses[current], editable)

back, save_all, forward = st.columns(3)
if position > 0 and back.button(t("Previous section"), icon=":material/arrow_back:"):
    st.query_params["section"] = codes[position - 1]
    st.rerun()
if editable:
    save_all.button(
        t("Save this section"),
        icon=":material/save:",
        on_click=survey_form.save,
        args=(access, [q.code for q in section.questions]),
        help=t("Answers save by themselves as you go; use this after a lost connection."),
    )
if position < len(codes) - 1 and forward.button(
    t("Next section"), icon=":material/arrow_forward:", type="primary"
):
    st.query_params["section"] = codes[position + 1]
    st.rerun()

if position == len(codes) - 1 or not editable:
    survey_share.submit_panel(access, response)
