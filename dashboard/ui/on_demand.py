"""Expanders whose content is built and sent to the browser only while they are open.

A closed `st.expander` still runs its body and sends every element in it: on the Overview that
was four hidden data tables with their download buttons, which the browser had to mount before
the page settled (`bench/README.md`, "visually complete"). Opening one of these reruns the
script (a warm run, well under 300 ms), and it stays open across filter changes.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def open_expander(
    label: str, *, key: str, icon: str | None = None, expanded: bool = False
) -> DeltaGenerator | None:
    """Draw an expander; return it to write into when it is open, or None when closed."""
    box = st.expander(label, expanded=expanded, icon=icon, key=key, on_change="rerun")
    return box if box.open else None
