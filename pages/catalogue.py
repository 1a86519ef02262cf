"""Service catalogue: the services that match the filter, in a sortable table, with downloads.

Choosing a row opens the service's detail view at its own address (?service=<code>); the
table's selection is cleared as it opens, so "Back" and the browser's back button return to
the table instead of bouncing into the same service again.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from dashboard.catalogue.main_points import main_points
from dashboard.catalogue.table import (
    ESTIMATE_MARK,
    SCREEN_WIDTHS,
    SHOWN,
    code_column,
    columns,
    for_screen,
    in_order,
)
from dashboard.catalogue.ui import service_view
from dashboard.catalogue.ui.actions import GENERATION_KEY, on_select, open_service, whole_catalogue
from dashboard.catalogue.ui.order import order_choice
from dashboard.common.i18n import language, t
from dashboard.ui import explore, filter_panel, store
from dashboard.ui.downloads import table_downloads
from dashboard.ui.page_opening import open_page, show_main_points

TABLE_KEY = "catalogue_table"
ROW_HEIGHT = 66

version = st.session_state["data_version"]
code = st.query_params.get(service_view.SERVICE_PARAM)
if code:
    detail = store.guarded(store.service_detail, version, code[:200])
    service_view.render(detail, code[:200], store.guarded(store.dataset_info, version).source_line)
    st.stop()


def screen_columns() -> dict[str, Any]:
    """Widths that keep the name, organisation, level and both figures in a 1366 px laptop's
    window (SCREEN_WIDTHS); the name stays in view when the table scrolls sideways."""
    headers = columns()
    return {
        headers[field]: st.column_config.TextColumn(width=width)
        for field, width in SCREEN_WIDTHS.items()
        if field != "journeys"
    } | {headers["journeys"]: st.column_config.NumberColumn(width=SCREEN_WIDTHS["journeys"])}


def table_key() -> str:
    return f"{TABLE_KEY}_{st.session_state.get(GENERATION_KEY, 0)}"


services = store.guarded(store.services, version)
matching = filter_panel.matching(services)

view = open_page(
    t("Service catalogue"),
    t(
        "Every service that matches the filter. Users and transactions show the figure where "
        "the owner gave one, and otherwise why there is none."
    ),
    "catalogue",
    key="catalogue",
    lead=t(
        "**{matching} of {total} services**",
        matching=f"{len(matching):,}",
        total=f"{len(services):,}",
    ),
)

if matching.empty:
    explore.explain_no_match(version)
    st.stop()

rows = filter_panel.matching(store.guarded(store.catalogue_rows, version))
show_main_points(main_points(rows, int(matching["organisation_id"].nunique())))
order = order_choice()
ranks = filter_panel.matching(store.guarded(store.catalogue_ranks, version, order))
table = in_order(rows, ranks.to_numpy())
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
    for_screen(shown),
    hide_index=True,
    key=key,
    height=560,
    # tall enough for the grid to wrap a cell's text onto a second line (over 4 rem), so long
    # names, levels and reasons are read whole instead of cut
    row_height=ROW_HEIGHT,
    on_select=partial(on_select, codes, key),
    selection_mode="single-row",
    column_config=screen_columns(),
)
st.caption(
    t(
        "{mark} marks a figure the owner estimated. Where there is no figure, the cell says "
        "why. Sorting by a heading sorts figures as text: choose an order above to sort by "
        "size.",
        mark=ESTIMATE_MARK,
    )
)
table_downloads(
    # rebuilt when clicked from the view's settings, so a session does not hold its table
    partial(whole_catalogue, view.version, view.flt, order, language()),
    t("Service catalogue"),
    view.summary,
    key="catalogue",
    note=view.source,
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
