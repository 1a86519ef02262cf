"""The catalogue's order, kept in the link like the filter (`?order=users`)."""

from __future__ import annotations

import streamlit as st

from dashboard.catalogue.table import ORDER, ORDERS, order_labels
from dashboard.common.i18n import t
from dashboard.ui.link_choice import settle_choice, write_choice

ORDER_KEY = "catalogue_order"


def order_choice() -> str:
    """The order box; returns the order of this run, with the link following it."""
    current = settle_choice(ORDER, ORDER_KEY)
    labels = order_labels()
    order = st.selectbox(
        t("Order"),
        options=list(ORDERS),
        # its current value as its default too: drawn late, it starts from the default
        index=list(ORDERS).index(current),
        format_func=labels.__getitem__,
        key=ORDER_KEY,
        help=t(
            "The order of the whole list, the downloads included. A click on a column heading "
            "sorts only the rows on screen."
        ),
        width=320,
    )
    write_choice(ORDER, ORDER_KEY, order)
    return order
