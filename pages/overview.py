"""Overview: the headline figures, digitisation by sector, top themes and survey progress."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.organisation.ui import mine
from dashboard.overview.ui import sections
from dashboard.ui import explore, store
from dashboard.ui.page_opening import open_page

page = open_page(
    t("Digital public services in Wales"),
    t(
        "The landscape at a glance: how many services the catalogue holds, how digital they "
        "are, what their owners find hard and what they aim for, and how far the deep-dive "
        "surveys have got. Counts are of services, never of journeys."
    ),
    "overview",
    key="overview",
    method=False,  # in "About these figures", under the main points
)
model = store.guarded(store.overview, page.version, page.flt)

if not model.headline.services:
    sections.headline_row(model.headline, model.level_range)
    explore.explain_no_match(page.version)
    st.stop()
sections.main_points(model, page)
mine.overview_line(page.version)  # with `?my_org=`: where the reader's organisation stands
changes = store.guarded(store.figure_changes, page.version, page.flt)
sections.headline_row(model.headline, model.level_range, changes, page)
sections.levels(model, page)
sections.themes(model, page)
sections.surveys(model, page)
