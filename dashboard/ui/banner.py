"""The notice shown on every page while the store holds invented (demo or generated) data."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.common.queries import DatasetInfo


def invented_data_notice(info: DatasetInfo) -> None:
    if info.is_invented:
        st.warning(
            t(
                "**Illustrative data.** {label}. The organisations are real Welsh public bodies, "
                "but every service figure, survey answer, owner's quote and score shown here is "
                "invented and must not be quoted as a finding.",
                label=info.title,
            ),
            icon=":material/science:",
        )
    elif info.kind == "empty":
        st.info(
            t(
                "No catalogue is loaded yet. A data steward can import one, or run "
                "`landscape demo load` to explore with the demo data set."
            ),
            icon=":material/inbox:",
        )
