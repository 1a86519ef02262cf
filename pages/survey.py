"""Survey: a service owner's form, section by section, saved as they go and shared with a team."""

from __future__ import annotations

import streamlit as st

from dashboard.markdown_text import plain
from dashboard.surveys import links, progress, responses
from dashboard.surveys.links import Access, AccessDenied
from dashboard.ui import store, survey_form, survey_share
from dashboard.ui.admin import is_admin
from dashboard.ui.survey_form import BASE, NOTICE, SAVED

ADMIN_RESPONSE = "survey_admin_response"
ICONS = {"complete": "✓ ", "in_progress": "◐ ", "not_started": ""}

st.title("Survey of service owners")


def _access() -> Access | None:
    token = st.query_params.get("token")
    if not token and is_admin() and st.session_state.get(ADMIN_RESPONSE):
        return Access.admin(int(st.session_state[ADMIN_RESPONSE]))
    try:
        return links.resolve(store.engine(), token)
    except AccessDenied as denied:
        if token:
            st.error(str(denied), icon=":material/link_off:")
        return None


access = store.guarded(lambda _v: _access(), 0)
if access is None:
    survey_share.landing()
    st.stop()

held = st.session_state.get(BASE)
if held is None or held.id != access.response_id:
    try:
        survey_form.adopt(responses.load_response(store.engine(), access))
    except AccessDenied as gone:
        st.error(str(gone), icon=":material/link_off:")
        st.stop()
    except store.STORE_ERRORS as error:
        store.store_problem(error)
response = survey_form.base()
instrument = response.instrument

st.subheader(f"{instrument.title}")
st.markdown(f"**{plain(response.service.name)}** · {plain(response.service.organisation)}")
statuses = response.statuses
done = sum(1 for s in statuses.values() if s == progress.COMPLETE)
st.progress(done / len(instrument.sections), text=response.progress_line)
saved_at = st.session_state.get(SAVED) or response.updated_at
status_words = (
    f"Submitted on {survey_form.local_time(response.submitted_at)}"
    if response.status == "submitted"
    else "Draft: every answer is saved as soon as you leave the field"
)
st.caption(
    f"{status_words} · last saved {survey_form.local_time(saved_at)}"
    + (f" by {response.updated_by}" if response.updated_by else "")
    + f" · you are signed in with the link for “{access.who}” ({access.role})"
)
if st.session_state.get(NOTICE):
    st.error(st.session_state[NOTICE], icon=":material/cloud_off:")
survey_form.draw_conflict(access)

codes = [s.code for s in instrument.sections]
if st.query_params.get("section") not in codes:
    st.query_params["section"] = progress.resume_section(instrument, response.answers)
current = st.query_params["section"]
with st.sidebar:
    st.markdown("**Sections**")
    chosen = st.radio(
        "Sections",
        codes,
        index=codes.index(current),
        format_func=lambda code: f"{ICONS[statuses[code]]}{instrument.section(code).title}",
        label_visibility="collapsed",
        key=f"section_nav_{current}",
    )
    if chosen != current:
        st.query_params["section"] = chosen
        st.rerun()
    st.caption("✓ complete · ◐ in progress · no mark: not started")
    survey_share.sidebar(access, response)

section = instrument.section(current)
position = codes.index(current)
first_number = 1 + sum(len(s.questions) for s in instrument.sections[:position])
st.header(f"{position + 1}. {section.title}", divider="gray")
editable = response.is_open
if not editable:
    st.info(
        "This survey has been submitted, so its answers are shown read-only."
        + (" As its owner you can reopen it to make changes." if access.can_share else ""),
        icon=":material/task_alt:",
    )
survey_form.draw_section(access, section, first_number, editable)

back, save_all, forward = st.columns(3)
if position > 0 and back.button("Previous section", icon=":material/arrow_back:"):
    st.query_params["section"] = codes[position - 1]
    st.rerun()
if editable:
    save_all.button(
        "Save this section",
        icon=":material/save:",
        on_click=survey_form.save,
        args=(access, [q.code for q in section.questions]),
        help="Answers save by themselves as you go; use this after a lost connection.",
    )
if position < len(codes) - 1 and forward.button(
    "Next section", icon=":material/arrow_forward:", type="primary"
):
    st.query_params["section"] = codes[position + 1]
    st.rerun()

if position == len(codes) - 1 or not editable:
    survey_share.submit_panel(access, response)
