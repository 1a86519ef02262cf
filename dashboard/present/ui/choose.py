"""Choosing the slides and their order on the Present page."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t
from dashboard.present import sequence
from dashboard.present.ui import controls
from dashboard.ui.on_demand import open_expander
from dashboard.ui.picking import EXACT_PICK


def choose_panel(order: list[str]) -> None:
    """The slides, in the order picked, each with up and down; built only while open."""
    choose = open_expander(
        t("Choose slides"), key="present_choose_panel", icon=":material/view_carousel:"
    )
    if choose is None:
        return
    with choose:
        st.session_state[controls.PICK_KEY] = order
        st.multiselect(
            t("Slides, in the order you pick them"),
            list(sequence.ALL_KINDS),
            format_func=sequence.kind_name,
            key=controls.PICK_KEY,
            on_change=controls.picked,
            **EXACT_PICK,
            help=t(
                "The choice and its order are kept in the link, so the same show can be reopened."
            ),
        )
        for number, key in enumerate(order):
            name_column, up, down = st.columns([6, 1, 1], vertical_alignment="center")
            name_column.markdown(f"{number + 1}. {sequence.kind_name(key)}")
            up.button(
                t("Up"),
                key=f"present_up_{key}",
                on_click=controls.move,
                args=(key, -1),
                icon=":material/arrow_upward:",
                disabled=number == 0,
                help=t("Move this slide one place earlier"),
                width="stretch",
            )
            down.button(
                t("Down"),
                key=f"present_down_{key}",
                on_click=controls.move,
                args=(key, 1),
                icon=":material/arrow_downward:",
                disabled=number == len(order) - 1,
                help=t("Move this slide one place later"),
                width="stretch",
            )
        st.button(t("Standard sequence"), key="present_reset", on_click=controls.reset_order)
