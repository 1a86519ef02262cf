"""Challenges and aims: what owners find hard and what they aim for, against the standards."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.themes.ui import owners_words, sections
from dashboard.ui import store
from dashboard.ui.page_opening import open_page

KINDS = {"challenge": t("Challenges"), "opportunity": t("Aims and opportunities")}

page = open_page(
    t("Challenges, aims and standards"),
    t(
        "What service owners find hard and what they aim for, in which sectors, and which "
        "Digital Service Standards for Wales and OECD dimensions those themes bear on."
    ),
    "themes",
    key="themes",
    method=False,  # in "About these figures", under the main points
)
# the answer first, above the choice of challenges or aims it follows
points_box = st.container()
kind = (
    st.segmented_control(
        t("Themes"),
        list(KINDS),
        format_func=KINDS.__getitem__,
        default="challenge",
        key="themes_kind",
        required=True,
    )
    or "challenge"
)
view = store.guarded(store.themes_view, page.version, page.flt, kind)

with points_box:
    sections.main_points(view)
sections.reporting(view, kind, page)
sections.theme_charts(view, kind, page)
owners_words.section(kind, page)
sections.framework_charts(view, kind, page)
sections.framework_drill(view, kind, page)
sections.theme_drill(view, kind, page)
sections.assessment(view, page)
