"""Accessibility statement: how accessible the service is, what is not, and how to tell us."""

from __future__ import annotations

import streamlit as st

from dashboard.accessibility.statement import statement
from dashboard.common.i18n import t
from db.settings import get_settings

st.title(t("Accessibility statement"))
contact = get_settings().landscape_accessibility_contact
for section in statement(contact):
    st.header(section.heading, anchor=False)
    for paragraph in section.paragraphs:
        st.markdown(paragraph)
    if section.bullets:
        st.markdown("\n".join(f"- {bullet}" for bullet in section.bullets))
