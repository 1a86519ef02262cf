"""The catalogue's order, kept in the link like the filter (`?order=users`)."""

from __future__ import annotations

import streamlit as st

from dashboard.catalogue.table import (
    ORDER_PARAM,
    ORDERS,
    order_from_link,
    order_labels,
    order_link,
)
from dashboard.common.i18n import t
from dashboard.ui.link_state import LinkPart

ORDER_KEY = "catalogue_order"
LINK = LinkPart("catalogue_order", lambda key: key == ORDER_PARAM)


def order_choice() -> str:
    """The order box; returns the order of this run, with the link following it."""
    if LINK.link_decides(first_run=ORDER_KEY not in st.session_state):
        st.session_state[ORDER_KEY] = order_from_link(LINK.in_link())
    labels = order_labels()
    order = st.selectbox(
        t("Order"),
        options=list(ORDERS),
        # its current value as its default too: drawn late, it starts from the default
        index=list(ORDERS).index(st.session_state[ORDER_KEY]),
        format_func=labels.__getitem__,
        key=ORDER_KEY,
        help=t(
            "The order of the whole list, the downloads included. A click on a column heading "
            "sorts only the rows on screen."
        ),
        width=320,
    )
    LINK.write(order_link(order))
    return order
