"""The Data page's "Audit trail" tab, for administrators: who imported, exported, made or
withdrew a survey link, changed a role, and when; newest first, with a CSV of what is shown.

Every text in it (file names, filter words, names) comes from data and is shown inside a table,
never as Markdown.
"""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from dashboard.common import audit
from dashboard.common.exports import to_csv
from dashboard.common.i18n import t
from dashboard.ui import store
from dashboard.ui.downloads import file_stem

ALL = ""


def audit_tab() -> None:
    st.caption(
        t(
            "Who imported, exported, made or withdrew a survey link, or changed a role, and "
            "when, newest first. Each is recorded with the change itself."
        )
    )
    choice = st.selectbox(
        t("Action"),
        [ALL, *audit.ACTIONS],
        format_func=lambda action: t("All actions") if action == ALL else audit.action_name(action),
        key="data_audit_action",
    )
    try:
        frame = audit.events(store.engine(), action=choice or None)
    except store.STORE_ERRORS as error:
        store.store_problem(error)
    if frame.empty:
        st.caption(t("Nothing recorded yet.") if choice == ALL else t("Nothing recorded of this."))
        return
    shown = audit.shown(frame)
    st.dataframe(shown, hide_index=True, key="data_audit_table")
    st.download_button(
        t("Download the audit trail (CSV)"),
        data=to_csv(shown),
        file_name=file_stem(t("audit trail"), datetime.now(UTC)) + ".csv",
        mime="text/csv",
        key="data_audit_csv",
        icon=":material/download:",
    )
