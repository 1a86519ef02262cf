"""Trends: two survey rounds compared over the services in both, and figures that became
available between two periods."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.trends.ui import sections
from dashboard.ui import store
from dashboard.ui.page_opening import open_page

page = open_page(
    t("Trends"),
    t(
        "Change between two survey rounds, counted only over the services in both: which moved "
        "level, which challenges and aims are reported more or less often, and which figures "
        "became available."
    ),
    "trends",
    key="trends",
    method=False,  # in "About these figures", under the main points
)
found = store.guarded(sections.rounds, page.version)
if not found.closed:
    sections.only_one_round()
else:
    first, second = sections.choose_rounds(found)
    if first == second:
        st.warning(t("Choose two different rounds to compare."), icon=":material/warning:")
    else:
        sections.show_rounds(page, found, first, second)
sections.show_periods(page)
