"""Method: how every figure is worked out, with worked examples (from dashboard.method)."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.method.explained import sections

st.title(t("Method"))
st.caption(
    t(
        "How the figures on every page are worked out: what each counts, what is estimated, "
        "and how sure a ranking is."
    )
)
for section in sections():
    st.header(section.heading, anchor=section.key)
    for paragraph in section.paragraphs:
        st.markdown(paragraph)
    if section.example:
        with st.container(border=True):
            st.markdown(f"**{t('Worked example')}:** {section.example}")
