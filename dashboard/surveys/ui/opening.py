"""How the Survey page opens: the link in the address (or a coordinator's sign-in) decides
which survey, if any; then the survey's title, service, progress, and who saves what."""

from __future__ import annotations

import streamlit as st

from dashboard.common.attempt_limits import SURVEY_LINK, too_many
from dashboard.common.i18n import t
from dashboard.common.markdown_text import plain
from dashboard.common.roles import SURVEY_COORDINATOR
from dashboard.surveys import links, responses
from dashboard.surveys.links import Access, AccessDenied, UnknownLink
from dashboard.surveys.responses import Response
from dashboard.surveys.ui import form as survey_form
from dashboard.surveys.ui import share as survey_share
from dashboard.surveys.ui.form import BASE, NOTICE, SAVED, outage_notice
from dashboard.surveys.ui.share import ADMIN_RESPONSE
from dashboard.ui import attempts, store
from dashboard.ui.admin import current_actor, has_role

LAST_ACCESS = "survey_last_access"
#: The last unknown link this session was refused (its reruns do not count as more guesses).
REFUSED = "survey_refused_link"


def _access() -> Access | None:
    """What the link in the address (or a coordinator's sign-in) opens; nothing else."""
    token = st.query_params.get("token")
    if not token and has_role(SURVEY_COORDINATOR) and st.session_state.get(ADMIN_RESPONSE):
        return Access.admin(int(st.session_state[ADMIN_RESPONSE]), current_actor())
    # the same unknown link again (a rerun of this session) is not another wrong attempt
    again = bool(token) and st.session_state.get(REFUSED) == token
    limiter, client = attempts.limiter(), attempts.client()
    wait = limiter.refused(client, SURVEY_LINK) if token and not again else 0.0
    if wait > 0:
        st.error(too_many(wait), icon=":material/timer:")
        return None
    try:
        opened = links.resolve(store.engine(), token)
    except AccessDenied as denied:
        if token:
            message = str(denied)
            if isinstance(denied, UnknownLink) and not again:
                st.session_state[REFUSED] = token
                wait = limiter.failed(client, SURVEY_LINK)
                message = too_many(wait) if wait > 0 else message
            st.error(message, icon=":material/link_off:")
            survey_form.show_unsaved()
        return None
    except store.STORE_ERRORS:
        # the database went away while this survey is open: keep the form on screen from what
        # this session holds, so nothing typed disappears; every save says it could not be
        # made and the answers wait on screen (and are checked against the link again) until
        # the database is back
        held_access: Access | None
        held_token, held_access = st.session_state.get(LAST_ACCESS, (None, None))
        held = st.session_state.get(BASE)
        if token and held_token == token and held is not None:
            st.session_state.setdefault(NOTICE, outage_notice())
            return held_access
        raise
    limiter.succeeded(client, SURVEY_LINK)
    st.session_state[LAST_ACCESS] = (token, opened)
    return opened


def open_survey() -> tuple[Access, Response]:
    """The survey this link opens and its heading; without one, the landing page (and stop)."""
    access = store.guarded(_access)
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
    _heading(access, response)
    return access, response


def _heading(access: Access, response: Response) -> None:
    instrument = response.instrument
    st.header(instrument.title, anchor=False)
    st.markdown(f"**{plain(response.service.name)}** · {plain(response.service.organisation)}")
    st.progress(response.sections_complete / len(instrument.sections), text=response.progress_line)
    saved_at = st.session_state.get(SAVED) or response.updated_at
    status_words = (
        t("Submitted on {time}", time=survey_form.local_time(response.submitted_at))
        if response.status == "submitted"
        else t("Draft: every answer is saved as soon as you leave its field")
    )
    saved_words = (
        t(
            "last saved {time} by {who}",
            time=survey_form.local_time(saved_at),
            who=plain(response.updated_by),
        )
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
