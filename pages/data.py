"""Data: import spreadsheets (upload, preview, map, check, write) and export everything."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.common.roles import ADMINISTRATOR, SURVEY_COORDINATOR
from dashboard.importing.ui import data_steward
from dashboard.importing.ui.audit_trail import audit_tab
from dashboard.trends.ui.new_round import rounds_tab
from dashboard.ui.admin import has_role, missing_role
from dashboard.ui.people_roles import people_tab

st.title(t("Data"))
st.markdown(
    t(
        "Bring catalogue and survey data in from spreadsheets, and take everything out. Every "
        "import is checked first and written all or nothing."
    )
)
if not data_steward.signed_in():
    st.stop()

names = [t("Import"), t("Import history"), t("Export"), t("Rounds")]
administrator = has_role(ADMINISTRATOR)  # people, roles and the audit trail
if administrator:
    names += [t("People and roles"), t("Audit trail")]
importing, past, exporting, rounds, *admin_tabs = st.tabs(names)
with importing:
    data_steward.import_steps()
with past:
    data_steward.history_table()
with exporting:
    data_steward.export_buttons()
with rounds:  # closing a round and opening the next is the survey coordinators'
    if has_role(SURVEY_COORDINATOR):
        rounds_tab()
    else:
        missing_role(SURVEY_COORDINATOR)
if administrator:
    with admin_tabs[0]:
        people_tab()
    with admin_tabs[1]:
        audit_tab()
