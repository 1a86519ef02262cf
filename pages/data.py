"""Data: import spreadsheets (upload, preview, map, check, write) and export everything."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.importing.ui import data_steward
from dashboard.importing.ui.audit_trail import audit_tab
from dashboard.trends.ui.new_round import rounds_tab
from dashboard.ui.admin import is_admin

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
administrator = is_admin()  # the audit trail is for administrators only
tabs = st.tabs([*names, t("Audit trail")] if administrator else names)
importing, past, exporting, rounds = tabs[:4]
with importing:
    data_steward.import_steps()
with past:
    data_steward.history_table()
with exporting:
    data_steward.export_buttons()
with rounds:
    rounds_tab()
if administrator:
    with tabs[4]:
        audit_tab()
