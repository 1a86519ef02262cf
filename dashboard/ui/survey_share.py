"""Around the survey form: the landing page, sharing with a team, downloads, and submitting."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from dashboard.surveys import links, responses
from dashboard.surveys.document import survey_document
from dashboard.surveys.instrument import load_instrument
from dashboard.surveys.links import Access, AccessDenied
from dashboard.surveys.responses import Closed, Incomplete, Response, Stale
from dashboard.ui import store, survey_form
from dashboard.ui.admin import sign_in

NEW_LINK = "survey_new_link"
EXPIRY_DAYS = {7: "1 week", 30: "30 days", 90: "90 days"}


def link_url(token: str) -> str:
    """The full address of a survey link, on the server the user is looking at."""
    try:
        host = st.context.headers.get("Host") or "localhost:8501"
    except Exception:
        host = "localhost:8501"
    scheme = "http" if host.startswith(("localhost", "127.", "[::1]")) else "https"
    return f"{scheme}://{host}/survey?token={token}"


def landing() -> None:
    st.markdown(
        "Service owners answer two surveys about their service: a **generalist** one (the "
        "service, its users, its figures, what gets in the way and what would help) and a "
        "**technology** one (platforms, components, hosting, security, skills). Each can be "
        "completed in stages: every answer is saved as you go, and you can come back to it "
        "with the same link. Every question has worked examples from a council, a health "
        "board and a third-sector body."
    )
    st.info(
        "**To open a survey, use the link you were sent.** The survey's owner can share it "
        "with colleagues from inside the survey. If you have lost your link, ask the survey "
        "coordinator for a new one.",
        icon=":material/link:",
    )
    with st.expander("Blank surveys to read or prepare offline"):
        engine = store.engine()
        for code in ("generalist", "technology"):
            instrument = load_instrument(engine, code)
            st.download_button(
                f"{instrument.title} (Word)",
                data=survey_document(instrument),
                file_name=f"{code}-survey-blank.docx",
                mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                key=f"blank_{code}",
                icon=":material/description:",
            )
    st.subheader("Survey coordinators")
    if sign_in("start surveys and send owners their links"):
        _coordinator()


def _coordinator() -> None:
    """List the surveys, start one for a service, and make its owner link."""
    version = st.session_state.get("data_version", 0)
    services = store.guarded(store.services, version)
    progress = store.guarded(lambda v: store.survey_progress(v, store.survey_version()), version)
    deep = services[services["is_deep_dive"]]
    rows = []
    for service_id, service in deep.iterrows():
        entry = {
            "Service": service["name_en"],
            "Organisation": service["organisation_en"],
            "code": service["code"],
        }
        for code, title in (("generalist", "Generalist"), ("technology", "Technology")):
            mine = progress[
                (progress["service_id"] == service_id) & (progress["instrument"] == code)
            ]
            entry[title] = (
                "not started"
                if mine.empty
                else (
                    "submitted"
                    if mine.iloc[0]["status"] == "submitted"
                    else f"{mine.iloc[0]['sections_complete']} of {mine.iloc[0]['sections_total']} sections"
                )
            )
        rows.append(entry)
    table = pd.DataFrame(rows)
    st.dataframe(table.drop(columns="code"), hide_index=True, width="stretch")
    with st.form("owner_link"):
        st.markdown("**Send an owner their link**")
        choices = dict(
            zip(table["code"], table["Service"] + " · " + table["Organisation"], strict=True)
        )
        other = st.text_input(
            "Or the code of another service in the catalogue",
            help="Shown in the service catalogue's detail view.",
        )
        service_code = st.selectbox("Deep-dive service", list(choices), format_func=choices.get)
        instrument = st.radio(
            "Survey", ["generalist", "technology"], horizontal=True, format_func=str.capitalize
        )
        owner = st.text_input("Owner's name or role", value="Service owner", max_chars=120)
        days = st.select_slider(
            "Link lasts", list(EXPIRY_DAYS), value=90, format_func=EXPIRY_DAYS.get
        )
        make = st.form_submit_button("Create owner link", type="primary")
        open_it = st.form_submit_button("Open the survey as administrator")
    if make or open_it:
        code = other.strip() or service_code
        try:
            response_id = responses.ensure_response(store.engine(), code, instrument)
        except LookupError:
            st.error(f"There is no service with the code “{code}”. Check it in the catalogue.")
            return
        if open_it:
            st.session_state["survey_admin_response"] = response_id
            st.rerun()
        token = links.create_link(
            store.engine(), response_id, links.OWNER, owner, "administrator", days
        )
        st.success(
            "Owner link created. Copy it now: it is shown only once and cannot be recovered."
        )
        st.code(link_url(token), language=None)


def sidebar(access: Access, response: Response) -> None:
    st.divider()
    st.markdown("**Prepare offline**")
    stamp = pd.Timestamp.now(tz="Europe/London")
    name = re.sub(
        r"[^a-z0-9-]+", "-", f"{response.service.code}-{response.instrument.code}".lower()
    )
    st.download_button(
        "Survey with answers so far (Word)",
        data=lambda: survey_document(
            response.instrument,
            response.answers,
            f"{response.service.name} · {response.service.organisation}",
            stamp,
            invented=store.guarded(
                store.dataset_info, st.session_state.get("data_version", 0)
            ).is_invented,
        ),
        file_name=f"{name}-answers.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key="doc_filled",
        icon=":material/description:",
    )
    st.download_button(
        "Blank survey (Word)",
        data=lambda: survey_document(response.instrument),
        file_name=f"{response.instrument.code}-survey-blank.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key="doc_blank",
        icon=":material/draft:",
    )
    if access.can_share:
        _share(access)


def _share(access: Access) -> None:
    st.divider()
    st.markdown("**Share with your team**")
    st.caption(
        "Anyone with a team link can read and edit this survey, and nothing else, until it "
        "expires or you withdraw it."
    )
    with st.form("share_link", clear_on_submit=True, border=False):
        who = st.text_input(
            "Colleague's name or role", max_chars=120, placeholder="e.g. Finance lead"
        )
        days = st.select_slider(
            "Link lasts", list(EXPIRY_DAYS), value=30, format_func=EXPIRY_DAYS.get
        )
        if st.form_submit_button("Create team link", icon=":material/share:"):
            try:
                st.session_state[NEW_LINK] = link_url(
                    links.share(store.engine(), access, who, days)
                )
            except AccessDenied as denied:
                st.error(str(denied))
    if st.session_state.get(NEW_LINK):
        st.success("Copy this link now: it is shown only once.")
        st.code(st.session_state.pop(NEW_LINK), language=None, wrap_lines=True)
    shared = links.list_links(store.engine(), access)
    active = shared[shared["state"] == "active"] if not shared.empty else shared
    if not shared.empty:
        st.dataframe(
            shared[["label", "role", "state"]].rename(columns=str.capitalize),
            hide_index=True,
            width="stretch",
        )
    withdrawable = active[active["id"] != access.link_id] if not active.empty else active
    if not withdrawable.empty:
        names = dict(
            zip(
                withdrawable["id"],
                withdrawable["label"] + " (" + withdrawable["role"] + ")",
                strict=True,
            )
        )
        chosen = st.selectbox(
            "Withdraw a link",
            list(names),
            format_func=names.get,
            index=None,
            placeholder="Choose a link",
        )
        if chosen is not None and st.button("Withdraw it now", icon=":material/link_off:"):
            links.revoke(store.engine(), access, int(chosen))
            st.toast(f"The link for {names[chosen]} no longer works.")
            st.rerun()


def submit_panel(access: Access, response: Response) -> None:
    st.divider()
    if not response.is_open:
        if access.can_share and st.button("Reopen to make changes", icon=":material/edit:"):
            survey_form.adopt(responses.reopen(store.engine(), access))
            st.rerun()
        return
    st.subheader("Submit")
    from dashboard.surveys.progress import missing_required

    missing = missing_required(response.instrument, response.answers)
    if missing:
        st.warning(
            f"{len(missing)} required answer(s) are still missing before this survey can be "
            "submitted. Optional questions can stay blank.",
            icon=":material/checklist:",
        )
        st.dataframe(
            pd.DataFrame(
                {
                    "Section": [m.section.title for m in missing],
                    "Question": [m.question.prompt for m in missing],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        return
    if not access.can_share:
        st.info("Every required answer is in. The survey's owner can now submit it.")
        return
    st.success("Every required answer is in.", icon=":material/check_circle:")
    if st.button("Submit the survey", type="primary", icon=":material/send:"):
        try:
            survey_form.adopt(responses.submit(store.engine(), access, response.version))
        except Incomplete as refused:
            st.error(str(refused))
            return
        except (Stale, Closed) as refused:
            st.error(f"{refused} Reload the page to see the latest answers.")
            return
        st.toast("Submitted. Thank you: the answers now appear on every page.")
        st.rerun()
