"""Survey: a service owner's form, section by section, saved as they go and shared with a team."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.common.markdown_text import plain
from dashboard.surveys import links, progress, responses
from dashboard.surveys.links import Access, AccessDenied
from dashboard.surveys.ui import form as survey_form
from dashboard.surveys.ui import share as survey_share
from dashboard.surveys.ui.form import BASE, NOTICE, SAVED, outage_notice
from dashboard.ui import store
from dashboard.ui.admin import is_admin

ADMIN_RESPONSE = "survey_admin_response"
LAST_ACCESS = "survey_last_access"
ICONS = {"complete": "✓ ", "in_progress": "◐ ", "not_started": ""}

st.title(t("Survey of service owners"))


def _access() -> Access | None:
    """What the link in the address (or a coordinator's sign-in) opens; nothing else."""
    token = st.query_params.get("token")
    if not token and is_admin() and st.session_state.get(ADMIN_RESPONSE):
        return Access.admin(int(st.session_state[ADMIN_RESPONSE]))
    try:
        opened = links.resolve(store.engine(), token)
    except AccessDenied as denied:
        if token:
            st.error(str(denied), icon=":material/link_off:")
            survey_form.show_unsaved()
        return None
    except store.STORE_ERRORS:
        # the database went away while this survey is open: keep the form on screen from what
        # this session holds, so nothing typed disappears; every save says it could not be
        # made and the answers wait on screen (and are checked against the link again) until
        # the database is back
        held_token, held_access = st.session_state.get(LAST_ACCESS, (None, None))
        held = st.session_state.get(BASE)
        if token and held_token == token and held is not None:
            st.session_state.setdefault(NOTICE, outage_notice())
            return held_access
        raise
    st.session_state[LAST_ACCESS] = (token, opened)
    return opened


access = store.guarded(lambda _v: _access(), 0)
if access is None:
    survey_share.landing()
    st.stop()

held = st.session_state.get(BASE)
if held is None or held.id != access.response_id:
    # a new link in the same browser session: nothing of the survey held before carries over
    survey_form.forget_drafts()
    try:
        survey_form.adopt(responses.load_response(store.engine(), access, access.response_id))
    except AccessDenied as gone:
        st.error(str(gone), icon=":material/link_off:")
        st.stop()
    except store.STORE_ERRORS as error:
        store.store_problem(error)
response = survey_form.base()
instrument = response.instrument

st.header(instrument.title, anchor=False)
st.markdown(f"**{plain(response.service.name)}** · {plain(response.service.organisation)}")
statuses = response.statuses
st.progress(response.sections_complete / len(instrument.sections), text=response.progress_line)
saved_at = st.session_state.get(SAVED) or response.updated_at
status_words = (
    t("Submitted on {time}", time=survey_form.local_time(response.submitted_at))
    if response.status == "submitted"
    else t("Draft: every answer is saved as soon as you leave its field")
)
saved_words = (
    t("last saved {time} by {who}", time=survey_form.local_time(saved_at), who=response.updated_by)
    if response.updated_by
    else t("last saved {time}", time=survey_form.local_time(saved_at))
)
role = t("owner") if access.can_share else t("team member")
st.caption(
    f"{status_words} · {saved_words} · "
    + t("you are using the link for “{who}” ({role})", who=plain(access.who), role=role)
)
if st.session_state.get(NOTICE):
    st.error(st.session_state[NOTICE], icon=":material/cloud_off:")

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
