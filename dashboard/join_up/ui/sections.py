"""The Join up page's sections: the main points, what the figures count, the order, the
chart of levels by type, the table of types, and one type's organisations and services."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.common.i18n import language, t
from dashboard.common.link_choices import LinkChoice, switch
from dashboard.common.service_types import lgsl_words
from dashboard.join_up import charts, tables
from dashboard.join_up.figures import (
    ORDER_PARAM,
    ORDERS,
    SHARED_PARAM,
    JoinUpView,
)
from dashboard.join_up.findings import finding, order_labels, reach_words
from dashboard.join_up.findings import main_points as join_up_main_points
from dashboard.ui import store
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.downloads import table_downloads
from dashboard.ui.link_choice import settle_choice, settle_switch, write_choice, write_switch
from dashboard.ui.page_opening import PageView, method_link, show_main_points
from dashboard.ui.service_table import service_table

ORDER_KEY = "join_up_order"
ORDER_CHOICE = LinkChoice(ORDER_PARAM, ORDERS, ORDERS[0])
SHARED_KEY = "join_up_shared"
TYPE_PARAM, TYPE_KEY = "join_type", "join_up_type"
#: On (only shared types) unless the link says `?shared=0`.
ALL_TYPES = switch(SHARED_PARAM, default=True)


def today() -> date:
    return date.today()


def choose_order() -> str:
    """The order box; the link follows it (`?join_order=reach`)."""
    order = settle_choice(ORDER_CHOICE, ORDER_KEY)
    labels = order_labels()
    order = st.selectbox(
        t("Order"),
        options=list(ORDERS),
        index=list(ORDERS).index(order),
        format_func=labels.__getitem__,
        key=ORDER_KEY,
        help=t("Where a shared solution would reach most: the chart, the table and the downloads."),
        width=420,
    )
    write_choice(ORDER_CHOICE, ORDER_KEY, order)
    return order


def shared_only() -> bool:
    """The switch that leaves out types run by one organisation; the link keeps it off
    (`?single=1`)."""
    settle_switch(ALL_TYPES, SHARED_KEY)
    # the switch says "only shared"; the link says "single ones too"
    shown = st.toggle(
        t("Only types shared by at least 2 organisations"),
        key=SHARED_KEY,
        help=t("Off: types run by one organisation are listed after the shared ones."),
    )
    write_switch(ALL_TYPES, SHARED_KEY, bool(shown))
    return bool(shown)


def main_points(view: JoinUpView, order: str) -> None:
    show_main_points(join_up_main_points(view, order))


def about(view: JoinUpView, page: PageView) -> None:
    """What the figures count; with no typed service, why (and stop)."""
    if not view.typed:
        st.info(
            t(
                "None of the matching services has a service type recorded, so there is "
                "nothing to join up. Widen the filter, or record service types through the "
                "Data page."
            ),
            icon=":material/info:",
        )
        st.stop()
    with st.expander(t("About these figures"), icon=":material/info:"):
        st.markdown(
            "\n".join(
                "- " + line
                for line in (
                    t(
                        "A service type is the same need met by many organisations. Service "
                        "type known for {typed} of {n} matching services; the others are in "
                        "no row.",
                        typed=f"{view.typed:,}",
                        n=f"{view.services:,}",
                    ),
                    t("Counts are of services and of distinct organisations, never of people."),
                    t(
                        "Reach is service users per year, added across services (a person "
                        "using two services counts twice), from figures covering a year; each "
                        "row says how many services gave one."
                    ),
                    t(
                        "The one to learn from is named only from a figure its owner "
                        "provided (never an estimate) for a 12-month period, so services are "
                        "compared on the same measure over the same span. Cost per "
                        "transaction is compared only within a type."
                    ),
                    t(
                        "Main platforms come from submitted technology surveys only: each "
                        "figure says how many of the type's services answered."
                    ),
                )
            )
        )
        method_link()


def levels_chart(view: JoinUpView, rows: pd.DataFrame, page: PageView) -> None:
    chart_panel(
        charts.level_figure(rows, len(rows)),
        charts.level_data(rows),
        name=t("Digitisation levels by service type"),
        key="join_up_levels",
        filter_summary=page.summary,
        source=page.source,
        note=t("Services of each type at each digitisation level, for the types drawn."),
    )


def types_list(rows: pd.DataFrame, page: PageView) -> None:
    st.subheader(t("Every service type, in the order chosen"), anchor=False)
    table = tables.types_table(rows)
    st.dataframe(table, hide_index=True, key="join_up_types_table")
    table_downloads(table, t("Service types"), page.summary, key="join_up_types", note=page.source)


def drill(view: JoinUpView, rows: pd.DataFrame, page: PageView) -> None:
    """One type: its finding, best performers, platforms, link to the catalogue, services."""
    st.header(t("One service type across organisations"), anchor=False)
    names = dict(zip(rows["service_type"], rows["name"], strict=True))
    # kept in the link (`?join_type=missed-bin`): a shared link opens on the same type
    chosen = LinkChoice(TYPE_PARAM, list(names), next(iter(names)))
    code = settle_choice(chosen, TYPE_KEY)
    code = st.selectbox(
        t("Service type"),
        list(names),
        index=list(names).index(code),
        format_func=names.__getitem__,
        key=TYPE_KEY,
    )
    if code is None:
        return
    write_choice(chosen, TYPE_KEY, code)
    row = rows[rows["service_type"] == code].iloc[0]
    number = lgsl_words(code)
    st.subheader(f"{row['name']} ({number})" if number else str(row["name"]), anchor=False)
    st.text(finding(row))
    if pd.notna(row["reach"]):
        st.text(
            reach_words(
                float(row["reach"]), int(row["reach_services"]), int(row["reach_estimated"])
            )
        )
    services = store.guarded(store.services, page.version)
    st.markdown("**" + t("The ones to learn from") + "**")
    st.dataframe(tables.best_table(view, code, services), hide_index=True, key="join_up_best")
    st.markdown("**" + t("Main platforms they report") + "**")
    st.caption(
        t(
            "{a} of {s} services answered (a submitted technology survey naming a main platform).",
            a=f"{int(row['platform_answers']):,}",
            s=f"{int(row['services']):,}",
        )
    )
    platforms = tables.platforms_table(view, code)
    if len(platforms):
        st.dataframe(platforms, hide_index=True, key="join_up_platforms")
    narrowed = replace(page.flt, service_types=(code,))
    st.page_link(
        "pages/catalogue.py",
        label=t("Open these services in the catalogue ({n})", n=f"{int(row['services']):,}"),
        icon=":material/list_alt:",
        query_params=narrowed.to_query(),
    )
    labels = store.guarded(store.service_labels, page.version, language())
    mask = store.guarded(store.filter_mask, page.version, page.flt)
    ids = services.index[mask & (services["service_type"].astype(object) == code).to_numpy()]
    positions = services.index.get_indexer(ids)
    table = labels.frame.iloc[labels.place[positions]].reset_index(drop=True)
    order = np.lexsort((table["Service"].to_numpy(), table["Organisation"].to_numpy()))
    service_table(
        table.iloc[order].reset_index(drop=True),
        t("Services of type {type}", type=row["name"]),
        key="join_up_services",
        filter_summary=page.summary,
        source=page.source,
    )


def no_shared() -> None:
    st.info(
        t(
            "No service type under this filter is run by more than one organisation. Turn off "
            "“Only types shared by at least 2 organisations” to see each organisation's own."
        ),
        icon=":material/info:",
    )
