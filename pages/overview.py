"""Overview: the headline figures of the catalogue and the deep-dive surveys."""

from __future__ import annotations

import streamlit as st

from dashboard.headline import headline
from dashboard.summary import describe_filter
from dashboard.ui import filter_panel, store

version = st.session_state["data_version"]
services = store.guarded(store.services, version)
metrics = store.guarded(store.metric_answers, version)
surveys = store.guarded(store.survey_progress, version)

st.title("Digital public services in Wales")
st.caption(
    "The landscape at a glance: how many services the catalogue holds, how digital they are, "
    "and how far the deep-dive surveys have got. Counts are of services, never of journeys."
)

chips = describe_filter(filter_panel.current())
st.markdown("**Filter:** " + ("; ".join(chips) if chips else "none, the whole catalogue"))
figures = headline(filter_panel.matching(services), metrics, surveys)


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


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
    f"Metric coverage: {figures.services_reporting_metrics:,} of {figures.services:,} services "
    "reported any metrics."
)
