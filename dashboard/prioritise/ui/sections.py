"""The Prioritise page's sections under the weights: the whole ranking, the improvement areas
and reach against digitisation, each with its chart or table and its downloads."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from dashboard.common.filters import Filter
from dashboard.common.headers import localised
from dashboard.common.i18n import language, t, tn
from dashboard.prioritise import areas as priority_areas
from dashboard.prioritise import by_type, ranking_table
from dashboard.prioritise import figures as priority_figures
from dashboard.prioritise.reach import ReachView
from dashboard.prioritise.score import FIGURES
from dashboard.prioritise.ui.actions import whole_ranking
from dashboard.prioritise.weighting import CODES, NAMES
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.downloads import table_downloads
from dashboard.ui.link_choice import settle_choice, write_choice

RANK_BY_KEY = "prioritise_rank_by"

#: Rows of the whole ranking drawn on screen; the download holds them all.
SHOWN = 1_000
#: The service types the type ranking's chart draws (the table lists every one).
TYPES_CHARTED = 15


def whole_ranking_table(
    screen: pd.DataFrame,
    ranked_count: int,
    *,
    version: int,
    flt: Filter,
    weights: dict[str, int],
    missing: str,
    summary: list[str],
    note: str,
    yours: pd.Series | None = None,
) -> None:
    """The first rows of the ranking (`screen`: `ranking_table.for_screen`, shared and read
    only) with each part's contribution and a link to each service, and a download of every
    ranked service. `yours` marks the services of the reader's own organisation (a column
    "Yours" beside the organisation)."""
    st.header(t("The whole ranking"), anchor=False)
    if ranked_count > SHOWN:
        st.caption(
            t(
                "The first {shown} of {total} ranked services are listed; the download holds "
                "them all.",
                shown=f"{SHOWN:,}",
                total=f"{ranked_count:,}",
            )
        )
    st.caption(
        t(
            "A figure the owner could not give shows what they said instead. **Details** opens "
            "the service in the catalogue."
        )
    )
    header = localised(pd.DataFrame(columns=["Score", "Details", *FIGURES])).columns
    score_header, details_header, *figure_headers = list(header)
    contribution_headers = localised(
        pd.DataFrame(columns=[f"{NAMES[c]} contribution" for c in CODES])
    ).columns
    shown = screen.head(SHOWN)
    if yours is not None:
        shown = shown.copy()  # the shared table stays as it is
        ranking_table.insert_beside_organisation(
            shown, t("Yours"), ["✓" if mine else "" for mine in yours.head(SHOWN)]
        )
    st.dataframe(
        shown,
        hide_index=True,
        key="ranking_table",
        column_config={
            score_header: st.column_config.ProgressColumn(format="%.2f", min_value=0, max_value=1),
            details_header: st.column_config.LinkColumn(display_text=t("Open")),
            **{c: st.column_config.TextColumn(width="medium") for c in figure_headers},
            **{c: st.column_config.NumberColumn(format="%.2f") for c in contribution_headers},
        },
    )
    table_downloads(
        partial(whole_ranking, version, flt, dict(weights), missing, language()),
        t("Priority ranking, all services"),
        summary,
        key="ranking_all",
        note=note,
    )


def improvement_areas(areas: pd.DataFrame, summary: list[str], source: str) -> None:
    """Challenges ranked by the services they affect, by total reach, median reach or count."""
    st.header(t("Improvement areas"), anchor=False)
    st.caption(
        t(
            "Challenges ranked by the services they affect. The total is service users (or "
            "transactions) per year, added across the services reporting it: a person using two "
            "services counts twice, so it is not a count of people, and one very large service "
            "can carry it. The median and the count of services cannot be driven by one service."
        )
    )
    if areas.empty:
        st.caption(t("No matching service reported a challenge."))
        return
    measures = {
        "total": t("Users added across services"),
        "median": t("Median reach"),
        "services": t("Services reporting"),
    }
    measure = (
        st.segmented_control(
            t("Rank improvement areas by"),
            list(measures),
            format_func=measures.__getitem__,
            default="total",
            key="areas_measure",
            required=True,
        )
        or "total"
    )
    ordered = priority_areas.areas_by(areas, measure)
    carried = ordered[ordered["Largest service's share"] > priority_areas.DOMINANT]
    if measure == "total" and len(carried):
        st.caption(
            tn(
                "In {n} area one service gives more than half the total reach; its bar names "
                "it. Rank by median reach or services to see past it.",
                "In {n} areas one service gives more than half the total reach; their bars name "
                "it. Rank by median reach or services to see past it.",
                len(carried),
                n=f"{len(carried):,}",
            )
        )
    chart_panel(
        priority_figures.areas_figure(areas, measure),
        localised(ordered.drop(columns="Code")),
        name=t("Improvement areas"),
        key="areas",
        filter_summary=summary,
        source=source,
        note=t(
            "The total adds the users per year (transactions where users are unknown) of the "
            "services that report the challenge: service users added across services, where a "
            "person using two services counts twice. Services with no known reach are counted "
            "apart, and an area where none is known has no total. The weights do not change "
            "this table."
        ),
    )


def reach_against_digitisation(view: ReachView, summary: list[str], source: str) -> None:
    """Every service with a known reach counted by level and band, the top ranks marked."""
    st.header(t("Reach against digitisation"), anchor=False)
    if view.cells.empty:
        st.caption(
            t("No matching service gave users or transactions, so there is nothing to plot.")
        )
    else:
        chart_panel(
            priority_figures.reach_density(view.cells, view.rank_names, view.title, view.subtitle),
            localised(view.table),
            name=t("Reach against digitisation"),
            key="scatter",
            filter_summary=summary,
            source=source,
        )
    for note in (view.unknown, view.short, view.zero, view.no_level):
        if note:
            st.caption(note)


def choose_rank_by() -> str:
    """Rank single services or service types; the link follows (`?rank_by=type`)."""
    settle_choice(by_type.RANK_BY, RANK_BY_KEY)
    labels = {"service": t("Single services"), "type": t("Service types")}
    rank_by = (
        st.segmented_control(
            t("Rank"),
            list(by_type.RANK_BY.options),
            format_func=labels.__getitem__,
            key=RANK_BY_KEY,
            required=True,
            help=t(
                "Service types: the same need met by many organisations, ranked as one from "
                "its services' parts."
            ),
        )
        or by_type.RANK_BY.default
    )
    write_choice(by_type.RANK_BY, RANK_BY_KEY, rank_by)
    return rank_by


def type_ranking(
    types: pd.DataFrame,
    charted: pd.DataFrame,
    weights: dict[str, int],
    summary: list[str],
    source: str,
) -> None:
    """Service types ranked as one, with how each type's score is made and its downloads
    (`charted`: the top `TYPES_CHARTED` as `by_type.chart_rows` gives them, also read by the
    main points)."""
    st.header(t("Service types ranked"), anchor=False)
    st.caption(
        t(
            "A type's reach is service users (or transactions) per year added across its "
            "services: a person using two services counts twice, so it is not a count of "
            "people. Each other part is the median of its services' parts. The score weighs "
            "the parts as for single services. Parts estimated counts its services' parts "
            "taken from the median, of every weighted part of every service."
        )
    )
    if types.empty:
        st.caption(t("No ranked service has a service type recorded."))
        return
    chart_panel(
        priority_figures.priority_figure(
            charted,
            weights,
            ranked=len(types),
            types=True,
        ),
        by_type.for_screen(types.head(TYPES_CHARTED), weights),
        name=t("Service types ranked"),
        key="ranking_types_chart",
        filter_summary=summary,
        source=source,
        note=summary[-1] if summary else "",
    )
    table = by_type.for_screen(types, weights)
    st.dataframe(
        table,
        hide_index=True,
        key="ranking_types_table",
        column_config={
            t("Score"): st.column_config.ProgressColumn(format="%.2f", min_value=0, max_value=1)
        },
    )
    table_downloads(table, t("Service types ranked"), summary, key="ranking_types", note=source)
