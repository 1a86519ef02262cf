"""Around the survey form: the landing page, sharing with a team, downloads, and submitting."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.common.i18n import language, local_name, t, tn, using
from dashboard.common.markdown_text import plain
from dashboard.common.roles import SURVEY_COORDINATOR
from dashboard.surveys import links, responses
from dashboard.surveys.document import survey_document
from dashboard.surveys.instrument import load_instrument
from dashboard.surveys.link_address import is_configured, public_base, survey_address
from dashboard.surveys.links import Access, AccessDenied
from dashboard.surveys.progress import missing_required
from dashboard.surveys.responses import Closed, Incomplete, Response, Stale
from dashboard.surveys.ui import form as survey_form
from dashboard.ui import store
from dashboard.ui.admin import current_actor, sign_in
from db.settings import get_settings

NEW_LINK = "survey_new_link"
SUBMIT_REFUSED = "survey_submit_refused"
#: The survey a signed-in coordinator opened (the page opens it without a link).
ADMIN_RESPONSE = "survey_admin_response"
EXPIRY_DAYS = (7, 30, 90)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def link_unchanged_notice() -> str:
    return t(
        "The database cannot be reached right now, so the link could not be changed. Try again"
        " in a moment."
    )


def expiry_words(days: int) -> str:
    return t("1 week") if days == 7 else tn("{n} day", "{n} days", days)


def _file_name(*parts: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", "-".join(parts).lower()).strip("-") + ".docx"


def _blank_name(code: str) -> str:
    return _file_name(code, t("survey-blank"))


def _document(lang: str, *args: Any, **kwargs: Any) -> bytes:
    """The Word document (survey_document's arguments) in the language of the click: it is
    built outside the page run."""
    with using(lang):
        return survey_document(*args, **kwargs)


def link_url(token: str) -> str:
    """The full address of a survey link, at the app's configured public address."""
    return survey_address(get_settings(), token)


def local_address_notice() -> None:
    """Tell the coordinator when links use the local default address, and how to change it."""
    settings = get_settings()
    if not is_configured(settings):
        st.info(
            t(
                "Survey links start with the local address {address}, which works only on this"
                " computer. To send links to owners elsewhere, set LANDSCAPE_PUBLIC_URL to the"
                " address people open the app at (in .env or the environment) and restart the"
                " app.",
                address=plain(public_base(settings)),
            ),
            icon=":material/info:",
        )


def landing() -> None:
    st.markdown(
        t(
            "Service owners answer two surveys about their service: a **generalist** one (the"
            " service, its users, its figures, what gets in the way and what would help) and a"
            " **technology** one (platforms, components, hosting, security, skills). Each can be"
            " completed in stages: every answer is saved as you go, and you can come back to it"
            " with the same link. Every question has worked examples from a council, a health"
            " board and a third-sector body."
        )
    )
    st.info(
        t(
            "**To open a survey, use the link you were sent.** The survey's owner can share it"
            " with colleagues from inside the survey. If you have lost your link, ask the survey"
            " coordinator for a new one."
        ),
        icon=":material/link:",
    )
    with st.expander(t("Blank surveys to read or prepare offline")):
        engine = store.engine()
        lang = language()
        for code in ("generalist", "technology"):
            instrument = load_instrument(engine, code)
            st.download_button(
                t("{title} (Word)", title=instrument.title),
                data=partial(_document, lang, instrument),
                file_name=_blank_name(code),
                mime=DOCX,
                key=f"blank_{code}",
                icon=":material/description:",
            )
    st.header(t("Survey coordinators"), anchor=False)
    if sign_in(t("start surveys and send owners their links"), role=SURVEY_COORDINATOR):
        _coordinator()


def _coordinator() -> None:
    """List the surveys, start one for a service, and make its owner link."""
    version = st.session_state.get("data_version", 0)
    services = store.guarded(store.services, version)
    progress = store.guarded(store.survey_progress, version, store.survey_version())
    deep = services[services["is_deep_dive"]]
    names = {"generalist": t("Generalist survey"), "technology": t("Technology survey")}
    rows = []
    for service_id, service in deep.iterrows():
        entry = {
            t("Service"): local_name(service["name_en"], service.get("name_cy")),
            t("Organisation"): local_name(
                service["organisation_en"], service.get("organisation_cy")
            ),
            "code": service["code"],
        }
        for code, title in names.items():
            mine = progress[
                (progress["service_id"] == service_id) & (progress["instrument"] == code)
            ]
            entry[title] = (
                t("Not started")
                if mine.empty
                else (
                    t("Submitted")
                    if mine.iloc[0]["status"] == "submitted"
                    else t(
                        "In progress: {done} of {total} sections",
                        done=int(mine.iloc[0]["sections_complete"]),
                        total=int(mine.iloc[0]["sections_total"]),
                    )
                )
            )
        rows.append(entry)
    table = pd.DataFrame(rows)
    st.dataframe(table.drop(columns="code"), hide_index=True, width="stretch")
    local_address_notice()
    with st.form("owner_link"):
        st.markdown("**" + t("Send an owner their link") + "**")
        choices = dict(
            zip(
                table["code"],
                table[t("Service")] + " · " + table[t("Organisation")],
                strict=True,
            )
        )
        other = st.text_input(
            t("Or the code of another service in the catalogue"),
            help=t("Shown in the service catalogue's detail view."),
        )
        service_code = st.selectbox(
            t("Deep-dive service"), list(choices), format_func=lambda code: choices[code]
        )
        instrument = st.radio(
            t("Survey"), list(names), horizontal=True, format_func=lambda code: names[code]
        )
        owner = st.text_input(t("Owner's name or role"), value=t("Service owner"), max_chars=120)
        days = st.select_slider(
            t("Link lasts"), list(EXPIRY_DAYS), value=90, format_func=expiry_words
        )
        make = st.form_submit_button(t("Create owner link"), type="primary")
        open_it = st.form_submit_button(t("Open the survey as administrator"))
    if make or open_it:
        code = other.strip() or service_code or ""
        try:
            response_id = responses.ensure_response(store.engine(), code, instrument)
        except LookupError:
            st.error(
                t(
                    "There is no service with the code “{code}”. Check it in the catalogue.",
                    code=plain(code),
                )
            )
            return
        if open_it:
            st.session_state[ADMIN_RESPONSE] = response_id
            st.rerun()
        token = links.create_link(
            store.engine(), response_id, links.OWNER, owner, current_actor(), days
        )
        st.success(
            t("Owner link created. Copy it now: it is shown only once and cannot be recovered.")
        )
        st.code(link_url(token), language=None)


def sidebar(access: Access, response: Response) -> None:
    st.divider()
    st.markdown("**" + t("Prepare offline") + "**")
    stamp = pd.Timestamp.now(tz="Europe/London")
    lang = language()
    invented = store.guarded(
        store.dataset_info, st.session_state.get("data_version", 0)
    ).is_invented
    st.download_button(
        t("Survey with answers so far (Word)"),
        data=lambda: _document(
            lang,
            response.instrument,
            response.answers,
            f"{response.service.name} · {response.service.organisation}",
            stamp,
            invented=invented,
        ),
        file_name=_file_name(response.service.code, response.instrument.code, t("answers")),
        mime=DOCX,
        key="doc_filled",
        icon=":material/description:",
    )
    st.download_button(
        t("Blank survey (Word)"),
        data=lambda: _document(lang, response.instrument),
        file_name=_blank_name(response.instrument.code),
        mime=DOCX,
        key="doc_blank",
        icon=":material/draft:",
    )
    if access.can_share:
        _share(access)


def _share(access: Access) -> None:
    st.divider()
    st.markdown("**" + t("Share with your team") + "**")
    st.caption(
        t(
            "Anyone with a team link can read and edit this survey, and nothing else, until it"
            " expires or you withdraw it."
        )
    )
    with st.form("share_link", clear_on_submit=True, border=False):
        who = st.text_input(
            t("Colleague's name or role"), max_chars=120, placeholder=t("e.g. Finance lead")
        )
        days = st.select_slider(
            t("Link lasts"), list(EXPIRY_DAYS), value=30, format_func=expiry_words
        )
        if st.form_submit_button(t("Create team link"), icon=":material/share:"):
            try:
                st.session_state[NEW_LINK] = link_url(
                    links.share(store.engine(), access, who, days)
                )
            except AccessDenied as denied:
                st.error(str(denied))
            except store.STORE_ERRORS:
                st.error(link_unchanged_notice())
    if st.session_state.get(NEW_LINK):
        st.success(t("Copy this link now: it is shown only once."))
        st.code(st.session_state.pop(NEW_LINK), language=None, wrap_lines=True)
    try:
        shared = links.list_links(store.engine(), access)
    except AccessDenied as denied:
        st.error(str(denied))
        return
    except store.STORE_ERRORS:
        st.caption(t("The team links cannot be listed while the database cannot be reached."))
        return
    active = shared[shared["state"] == "active"] if not shared.empty else shared
    states = {"active": t("Active"), "withdrawn": t("Withdrawn"), "expired": t("Expired")}
    roles = {"owner": t("owner"), "editor": t("team member")}
    for label, role, state in zip(shared["label"], shared["role"], shared["state"], strict=True):
        # one line per link: the sidebar is too narrow for a readable table
        st.caption(
            t(
                "{label} ({role}): {state}",
                label=plain(label),
                role=roles.get(role, role),
                state=states.get(state, state),
            )
        )
    withdrawable = active[active["id"] != access.link_id] if not active.empty else active
    if not withdrawable.empty:
        names = {
            link_id: f"{label} ({roles.get(role, role)})"
            for link_id, label, role in zip(
                withdrawable["id"], withdrawable["label"], withdrawable["role"], strict=True
            )
        }
        chosen = st.selectbox(
            t("Withdraw a link"),
            list(names),
            format_func=lambda link_id: names[link_id],
            index=None,
            placeholder=t("Choose a link"),
        )
        if chosen is not None and st.button(t("Withdraw it now"), icon=":material/link_off:"):
            try:
                links.revoke(store.engine(), access, int(chosen))
            except AccessDenied as denied:
                st.error(str(denied))
                return
            except store.STORE_ERRORS:
                st.error(link_unchanged_notice())
                return
            st.toast(t("The link for {name} no longer works.", name=names[chosen]))
            st.rerun()


def submit_panel(access: Access, response: Response) -> None:
    st.divider()
    if not response.is_open:
        if access.can_share and st.button(t("Reopen to make changes"), icon=":material/edit:"):
            try:
                survey_form.adopt(responses.reopen(store.engine(), access, response.id))
            except AccessDenied as denied:
                st.error(str(denied))
                return
            st.rerun()
        return
    st.subheader(t("Submit"))
    refused = st.session_state.pop(SUBMIT_REFUSED, None)
    if refused:
        st.warning(refused, icon=":material/sync_problem:")
    missing = missing_required(response.instrument, response.answers)
    if missing:
        st.warning(
            tn(
                "{n} required answer is still missing before this survey can be submitted."
                " Optional questions can stay blank.",
                "{n} required answers are still missing before this survey can be submitted."
                " Optional questions can stay blank.",
                len(missing),
            ),
            icon=":material/checklist:",
        )
        st.dataframe(
            pd.DataFrame(
                {
                    t("Section"): [m.section.title for m in missing],
                    t("Question"): [m.question.prompt for m in missing],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        return
    if not access.can_share:
        st.info(t("Every required answer is in. The survey's owner can now submit it."))
        return
    st.success(t("Every required answer is in."), icon=":material/check_circle:")
    if st.button(t("Submit the survey"), type="primary", icon=":material/send:"):
        try:
            survey_form.adopt(
                responses.submit(
                    store.engine(), access, response.id, response.version, response.answers
                )
            )
        except Incomplete as refused:
            st.error(str(refused))
            return
        except Stale as refused:
            # show what is saved now (a colleague may have cleared a required answer), not the
            # state this page opened with, so the next press does not fail the same way
            survey_form.adopt(refused.current)
            st.session_state[SUBMIT_REFUSED] = tn(
                "Not submitted: somebody else changed {n} answer after you opened the survey"
                " ({names}). The page now shows the latest answers: check them, then submit.",
                "Not submitted: somebody else changed {n} answers after you opened the survey"
                " ({names}). The page now shows the latest answers: check them, then submit.",
                len(refused.changes),
                names=", ".join(f"“{c.question.prompt}”" for c in refused.changes[:3]),
            )
            st.rerun()
        except (Closed, AccessDenied) as refused:
            st.error(t("{reason} Reload the page to see the latest answers.", reason=str(refused)))
            return
        st.toast(t("Submitted. Thank you: the answers now appear on every page."))
        st.rerun()
