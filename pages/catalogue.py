"""Service catalogue: the services that match the filter, in a sortable table, with downloads.

Choosing a row opens the service's detail view at its own address (?service=<code>); the
table's selection is cleared as it opens, so "Back" and the browser's back button return to
the table instead of bouncing into the same service again.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard.catalogue.table import ORDERS, SHOWN, code_column, columns, in_order, order_labels
from dashboard.catalogue.ui import service_view
from dashboard.catalogue.ui.actions import GENERATION_KEY, on_select, open_service, whole_catalogue
from dashboard.common.i18n import language, t
from dashboard.ui import explore, filter_panel, store
from dashboard.ui.downloads import table_downloads

TABLE_KEY = "catalogue_table"
ORDER_PARAM = "order"
ORDER_KEY = "catalogue_order"
#: The order this session last wrote into the URL; any other value came from outside.
ORDER_URL_KEY = "catalogue_order_url"

version = st.session_state["data_version"]
code = st.query_params.get(service_view.SERVICE_PARAM)
if code:
    try:
        detail = store.service_detail(version, code[:200])
    except store.STORE_ERRORS as error:
        store.store_problem(error)
    service_view.render(detail, code[:200], store.guarded(store.dataset_info, version).source_line)
    st.stop()


def table_key() -> str:
    return f"{TABLE_KEY}_{st.session_state.get(GENERATION_KEY, 0)}"


services = store.guarded(store.services, version)
matching = filter_panel.matching(services)

st.title(t("Service catalogue"))
st.caption(
    t(
        "Every service that matches the filter. Users and transactions show the figure where "
        "the owner gave one, and otherwise why there is none."
    )
)
st.markdown(
    t(
        "**{matching} of {total} services**",
        matching=f"{len(matching):,}",
        total=f"{len(services):,}",
    )
)
with st.container(horizontal=True, vertical_alignment="center"):
    filter_panel.chips_row("catalogue")
    explore.share_link("catalogue", key="catalogue")

if matching.empty:
    explore.explain_no_match(version)
    st.stop()

# the order is part of the link, like the filter: the URL decides on arrival and when it
# changed without this page writing it (back, forward); otherwise the choice does
in_url = st.query_params.get(ORDER_PARAM, ORDERS[0])
in_url = in_url if in_url in ORDERS else ORDERS[0]
if ORDER_KEY not in st.session_state or in_url != st.session_state.get(ORDER_URL_KEY, in_url):
    st.session_state[ORDER_KEY] = in_url
labels = order_labels()
order = st.selectbox(
    t("Order"),
    options=list(ORDERS),
    # its current value as its default too: drawn late, it starts from the default
    index=list(ORDERS).index(st.session_state[ORDER_KEY]),
    format_func=labels.get,
    key=ORDER_KEY,
    help=t(
        "The order of the whole list, the downloads included. A click on a column heading "
        "sorts only the rows on screen."
    ),
    width=320,
)
st.session_state[ORDER_URL_KEY] = order
if order == ORDERS[0]:
    if ORDER_PARAM in st.query_params:
        del st.query_params[ORDER_PARAM]
elif st.query_params.get(ORDER_PARAM) != order:
    st.query_params[ORDER_PARAM] = order

ranks = filter_panel.matching(store.guarded(lambda v: store.catalogue_ranks(v, order), version))
table = in_order(
    filter_panel.matching(store.guarded(store.catalogue_rows, version)), ranks.to_numpy()
)
shown = table.head(SHOWN)
headers = columns()
st.caption(
    t(
        "One row per service: a service with many journeys is one row, with its journey count. "
        "Choose a row to open the service's detail view, where its journeys are listed."
    )
)
if len(table) > len(shown):
    st.caption(
        t(
            "The first {shown} of {n} services in this order are listed; choose another order "
            "or narrow the filter to see others. The downloads hold them all.",
            shown=f"{len(shown):,}",
            n=f"{len(table):,}",
        )
    )
# a tuple of their own: a view of the column would keep this run's whole table alive
codes = tuple(shown[code_column()].tolist())
key = table_key()
selection = st.dataframe(
    shown,
    hide_index=True,
    key=key,
    height=560,
    on_select=partial(on_select, codes, key),
    selection_mode="single-row",
    # the name and the key figures fit a 1,400 px screen without scrolling sideways
    column_config={
        headers["name"]: st.column_config.TextColumn(width=280),
        headers["organisation"]: st.column_config.TextColumn(width=190),
        headers["users"]: st.column_config.NumberColumn(format="localized", width=150),
        headers["transactions"]: st.column_config.NumberColumn(format="localized", width=150),
        headers["journeys"]: st.column_config.NumberColumn(width=75),
    },
    placeholder="–",  # no figure: the figure columns further right say why
)
table_downloads(
    # rebuilt when clicked from the view's settings, so a session does not hold its table
    partial(whole_catalogue, version, filter_panel.current(), order, language()),
    t("Service catalogue"),
    filter_panel.describe(),
    key="catalogue",
    note=store.guarded(store.dataset_info, version).source_line,
    # the grid sorts in the browser and never tells the server, so the file cannot follow it
    help_note=t(
        "The file lists every matching service in the order chosen above: sorting by a "
        "column heading on screen does not change it."
    ),
)

if selection.selection.rows:
    # a selection the callback did not see (set from outside a browser): open it now
    open_service(codes, list(selection.selection.rows))
    st.rerun()
