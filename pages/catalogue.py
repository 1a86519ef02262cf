"""Service catalogue: the services that match the filter, in a sortable table, with downloads."""

from __future__ import annotations

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from dashboard.ui import filter_panel, service_view, store
from dashboard.ui.downloads import table_downloads

version = st.session_state["data_version"]
code = st.query_params.get(service_view.SERVICE_PARAM)
if code:
    try:
        detail = store.service_detail(version, code[:200])
    except SQLAlchemyError as error:
        store.store_problem(error)
    service_view.render(detail, code[:200], store.guarded(store.dataset_info, version).source_line)
    st.stop()

services = store.guarded(store.services, version)
matching = filter_panel.matching(services)

st.title("Service catalogue")
st.caption(
    "Every service that matches the filter. Users and transactions show the figure where the "
    "owner gave one, and otherwise why there is none."
)
st.markdown(f"**{len(matching):,} of {len(services):,} services**")
filter_panel.chips_row("catalogue")

if matching.empty:
    st.info(
        "No service matches every part of this filter. Remove a filter in the sidebar, or use "
        "**Reset filter** to see the whole catalogue.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

table = filter_panel.matching(store.guarded(store.catalogue_rows, version))
st.caption(
    "One row per service: a service with many journeys is one row, with its journey count. "
    "Choose a row to open the service's detail view, where its journeys are listed."
)
selection = st.dataframe(
    table,
    hide_index=True,
    key="catalogue_table",
    height=560,
    on_select="rerun",
    selection_mode="single-row",
    column_config={
        "Code": None,
        "Users per year": st.column_config.NumberColumn(format="localized"),
        "Transactions per year": st.column_config.NumberColumn(format="localized"),
    },
)
table_downloads(
    table,
    "Service catalogue",
    filter_panel.describe(),
    key="catalogue",
    note=store.guarded(store.dataset_info, version).source_line,
)

if selection.selection.rows:
    st.query_params[service_view.SERVICE_PARAM] = table.iloc[selection.selection.rows[0]]["Code"]
    st.rerun()
