"""Overview: the headline figures, digitisation by sector, top themes and survey progress."""

from __future__ import annotations

import streamlit as st

from dashboard import landscape, overview_figures
from dashboard.headline import Headline, headline
from dashboard.ui import filter_panel, store
from dashboard.ui.chart_panel import chart_panel

version = st.session_state["data_version"]
services = store.guarded(store.services, version)
metrics = store.guarded(store.metric_answers, version)
surveys = store.guarded(store.survey_progress, version)
memberships = store.guarded(store.memberships, version)
themes = store.guarded(store.themes, version)
source = store.guarded(store.dataset_info, version).source_line

st.title("Digital public services in Wales")
st.caption(
    "The landscape at a glance: how many services the catalogue holds, how digital they are, "
    "what their owners find hard and what they aim for, and how far the deep-dive surveys have "
    "got. Counts are of services, never of journeys."
)
filter_panel.chips_row("overview")
matching = filter_panel.matching(services)
summary = filter_panel.describe()
figures = headline(matching, metrics, surveys)


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def headline_row(figures: Headline) -> None:
    cols = st.columns(5)
    cols[0].metric(
        "Services",
        f"{figures.services:,}",
        help="Services in the catalogue. A service with many journeys counts once.",
    )
    cols[1].metric(
        "Organisations",
        f"{figures.organisations:,}",
        help="Public bodies running at least one of these services.",
    )
    cols[2].metric(
        "Deep dives surveyed",
        f"{figures.deep_dives_surveyed} of {figures.deep_dives_planned}",
        help="Deep-dive services whose generalist survey has been submitted, of those planned.",
    )
    cols[3].metric(
        "Digital end to end",
        percent(figures.share_end_to_end),
        help=f"{figures.digital_end_to_end:,} of {figures.services:,} services are at "
        "digitisation level 3 (digital end to end) or 4 (digital by default, joined up).",
    )
    cols[4].metric(
        "Metrics provided",
        percent(figures.share_metrics_with_value),
        help=f"Of {figures.metric_answers_expected:,} metric answers from "
        f"{figures.services_reporting_metrics:,} services that reported metrics, "
        f"{figures.metric_answers_with_value:,} gave a figure (provided or estimated). "
        "The rest say why not: not available, not collected or not applicable.",
    )
    st.caption(
        f"Metric coverage: {figures.services_reporting_metrics:,} of {figures.services:,} "
        "services reported any metrics."
    )


headline_row(figures)
if matching.empty:
    st.info(
        "No service matches every part of this filter, so there is nothing to chart. Remove a "
        "chip above or in the sidebar, or use **Reset filter** to see the whole catalogue.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

levels = landscape.sector_by_level(matching)
SHARES = "Share within each sector"
mode = st.segmented_control(
    "Show",
    ["Number of services", SHARES],
    default="Number of services",
    key="levels_mode",
    help="Shares make each sector's bar 100%, so a small sector compares with a large one.",
)
shares = mode == SHARES
chart_panel(
    overview_figures.sector_level_figure(levels, shares=shares),
    (landscape.shares_within_rows(levels) if shares else levels).reset_index(),
    name="Services by sector and digitisation level",
    key="levels",
    filter_summary=summary,
    source=source,
)

for kind, name in (("challenge", "Top challenges"), ("opportunity", "Top aims and opportunities")):
    table = landscape.theme_counts(matching, memberships.themes, themes, kind)
    reporting = landscape.services_reporting(matching, memberships.themes, kind)
    chart_panel(
        overview_figures.theme_figure(table, kind, reporting),
        table,
        name=name,
        key=kind,
        filter_summary=summary,
        source=source,
        note=f"Share is of the {reporting:,} matching services whose owners reported any "
        f"{'challenge' if kind == 'challenge' else 'aim or opportunity'}; "
        f"{landscape.SEVERITY_TITLE[kind].lower()} is as the owner rated it.",
    )

per_service = landscape.deep_dive_surveys(matching, surveys)
progress = landscape.survey_progress(per_service)
chart_panel(
    overview_figures.survey_figure(progress),
    progress.reset_index(),
    name="Deep-dive survey progress",
    key="surveys",
    filter_summary=summary,
    source=source,
)
if not per_service.empty:
    with st.expander("Deep-dive services and their surveys"):
        st.dataframe(per_service, hide_index=True, key="surveys_services")
