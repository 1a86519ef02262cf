"""Overview: the headline figures, digitisation by sector, top themes and survey progress."""

from __future__ import annotations

import streamlit as st

from dashboard import landscape, overview_figures
from dashboard.headline import Headline
from dashboard.ui import filter_panel, store, survey_summary
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.downloads import table_downloads

version = st.session_state["data_version"]
source = store.guarded(store.dataset_info, version).source_line
try:
    model = store.overview(version, filter_panel.current())
except store.STORE_ERRORS as error:
    store.store_problem(error)
summary = filter_panel.describe()

st.title("Digital public services in Wales")
st.caption(
    "The landscape at a glance: how many services the catalogue holds, how digital they are, "
    "what their owners find hard and what they aim for, and how far the deep-dive surveys have "
    "got. Counts are of services, never of journeys."
)
filter_panel.chips_row("overview")


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
        "services reported any metrics. "
        + (
            f"{figures.services_with_journeys:,} of these services hold "
            f"{figures.journeys:,} separate journeys between them (one user need can fan out "
            "into many, as in health); every figure on this page counts a service once."
            if figures.journeys
            else "Every figure on this page counts a service once."
        )
    )


headline_row(model.headline)
if not model.headline.services:
    st.info(
        "No service matches every part of this filter, so there is nothing to chart. Remove a "
        "chip above or in the sidebar, or use **Reset filter** to see the whole catalogue.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

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
    overview_figures.sector_level_figure(model.levels, shares=shares),
    (landscape.shares_within_rows(model.levels) if shares else model.levels).reset_index(),
    name="Services by sector and digitisation level",
    key="levels",
    filter_summary=summary,
    source=source,
)

for kind, name, table, reporting in (
    ("challenge", "Top challenges", model.challenges, model.challenges_reporting),
    (
        "opportunity",
        "Top aims and opportunities",
        model.opportunities,
        model.opportunities_reporting,
    ),
):
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

chart_panel(
    overview_figures.survey_figure(model.progress),
    model.progress.reset_index(),
    name="Deep-dive survey progress",
    key="surveys",
    filter_summary=summary,
    source=source,
)
if not model.deep_dives.empty:
    with st.expander("Deep-dive services and their surveys"):
        st.dataframe(model.deep_dives, hide_index=True, key="surveys_services")
        table_downloads(
            model.deep_dives,
            "Deep-dive services and their surveys",
            summary,
            key="surveys_services",
            note=source,
        )

# Surveys area: progress of every started survey among the matching services.
survey_summary.overview_section(version, filter_panel.current(), summary, source)
