"""The Data page's People and roles tab: who holds which role, for administrators to change.

Thin: the rules are in `dashboard/common/roles.py`, the table in `dashboard/common/people.py`.
Addresses are shown in a table (never as Markdown).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard.common.i18n import t
from dashboard.common.markdown_text import plain
from dashboard.common.people import list_people, remove_person, set_role
from dashboard.common.roles import ADMINISTRATOR, GIVEN_ROLES, RoleProblem, role_name
from dashboard.ui import store
from dashboard.ui.admin import has_role, providers, role_claims, signed_in_as

DONE = "people_done"


def people_tab() -> None:
    """The table of people and roles, a form to give a role and one to take it away."""
    if not has_role(ADMINISTRATOR):
        st.info(
            t("Only administrators can see and change who holds which role."),
            icon=":material/lock:",
        )
        return
    engine = store.engine()
    st.markdown(
        t(
            "Everyone may view the pages. A **data steward** imports and exports the full"
            " data; a **survey coordinator** runs the deep dives and sends owners their links;"
            " an **administrator** manages people and roles, and may do everything."
        )
    )
    if providers():
        st.caption(
            t(
                "People also hold the roles their organisation's sign-in gives through its"
                " `{claim}` claim; those are not listed here.",
                claim=plain(role_claims().claim),
            )
        )
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(done, icon=":material/check:")
    people = list_people(engine)
    if people:
        st.dataframe(
            pd.DataFrame(
                {
                    t("E-mail address"): [person.email for person in people],
                    t("Role"): [role_name(person.role) for person in people],
                    t("Since"): [f"{person.updated_at:%Y-%m-%d}" for person in people],
                    t("Given by"): [person.updated_by or "" for person in people],
                }
            ),
            hide_index=True,
        )
    else:
        st.caption(t("Nobody has been given a role yet."))
    with st.form("people_give", border=True):
        email = st.text_input(t("E-mail address"), key="people_email", max_chars=320)
        role = st.selectbox(
            t("Role"), GIVEN_ROLES, format_func=role_name, key="people_role", index=0
        )
        if st.form_submit_button(t("Give the role"), icon=":material/person_add:"):
            try:
                person = set_role(email, role, signed_in_as(), engine)
            except RoleProblem as problem:
                st.error(plain(str(problem)), icon=":material/error:")
            except SQLAlchemyError:
                st.error(t("The role could not be saved; nothing was changed. Try again."))
            else:
                st.session_state[DONE] = t(
                    "{email} is now a {role}.",
                    email=plain(person.email),
                    role=role_name(person.role),
                )
                st.rerun()
    if people:
        with st.form("people_remove", border=True):
            chosen = st.selectbox(
                t("Take away the role of"), [person.email for person in people], key="people_out"
            )
            if st.form_submit_button(t("Take away the role"), icon=":material/person_remove:"):
                try:
                    remove_person(chosen, engine, by=signed_in_as())
                except (RoleProblem, SQLAlchemyError):
                    st.error(t("The role could not be taken away; nothing was changed."))
                else:
                    st.session_state[DONE] = t(
                        "{email} no longer has a role here.", email=plain(chosen)
                    )
                    st.rerun()
