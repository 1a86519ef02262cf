"""Overview: the headline figures, digitisation by sector, top themes and survey progress."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import t, tn
from dashboard.overview import figures as overview_figures
from dashboard.overview import tables as overview_tables
from dashboard.overview.headline import Headline
from dashboard.ui import explore, filter_panel, store, survey_summary
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.downloads import table_downloads
from dashboard.ui.on_demand import open_expander

version = st.session_state["data_version"]
source = store.guarded(store.dataset_info, version).source_line
try:
    model = store.overview(version, filter_panel.current())
except store.STORE_ERRORS as error:
    store.store_problem(error)
summary = filter_panel.describe()

st.title(t("Digital public services in Wales"))
st.caption(
    t(
        "The landscape at a glance: how many services the catalogue holds, how digital they "
        "are, what their owners find hard and what they aim for, and how far the deep-dive "
        "surveys have got. Counts are of services, never of journeys."
    )
)
with st.container(horizontal=True, vertical_alignment="center"):
    filter_panel.chips_row("overview")
    explore.share_link("overview", key="overview")


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def headline_row(figures: Headline) -> None:
    # each figure as wide as its label (Welsh labels run longer): they wrap onto a second
    # line on a narrow screen instead of being cut short
    row = st.container(horizontal=True, gap="medium")

    def figure(label: str, value: str, help: str) -> None:
        row.metric(label, value, help=help, width="content")

    figure(
        t("Services"),
        f"{figures.services:,}",
        help=t("Services in the catalogue. A service with many journeys counts once."),
    )
    figure(
        t("Organisations"),
        f"{figures.organisations:,}",
        help=t("Public bodies running at least one of these services."),
    )
    figure(
        t("Deep dives surveyed"),
        t(
            "{surveyed} of {planned}",
            surveyed=figures.deep_dives_surveyed,
            planned=figures.deep_dives_planned,
        ),
        help=t("Deep-dive services whose generalist survey has been submitted, of those planned."),
    )
    figure(
        t("Digital end to end"),
        percent(figures.share_end_to_end),
        help=t(
            "{count} of {services} services are at digitisation level 3 (digital end to end) "
            "or 4 (digital by default, joined up).",
            count=f"{figures.digital_end_to_end:,}",
            services=f"{figures.services:,}",
        ),
    )
    figure(
        t("Metrics provided"),
        percent(figures.share_metrics_with_value),
        help=t(
            "Of {expected} metric answers from {reporting} services that reported metrics, "
            "{given} gave a figure (provided or estimated). The rest say why not: not "
            "available, not collected or not applicable.",
            expected=f"{figures.metric_answers_expected:,}",
            reporting=f"{figures.services_reporting_metrics:,}",
            given=f"{figures.metric_answers_with_value:,}",
        ),
    )
    coverage = t(
        "Metric coverage: {reporting} of {services} services reported any metrics.",
        reporting=f"{figures.services_reporting_metrics:,}",
        services=f"{figures.services:,}",
    )
    if figures.journeys:
        counting = tn(
            "{holders} of these services hold {count} separate journey between them (one "
            "user need can fan out into many, as in health); every figure on this page "
            "counts a service once.",
            "{holders} of these services hold {count} separate journeys between them (one "
            "user need can fan out into many, as in health); every figure on this page "
            "counts a service once.",
            figures.journeys,
            holders=f"{figures.services_with_journeys:,}",
            count=f"{figures.journeys:,}",
        )
    else:
        counting = t("Every figure on this page counts a service once.")
    st.caption(f"{coverage} {counting}")


headline_row(model.headline)
if not model.headline.services:
    explore.explain_no_match(version)
    st.stop()

NUMBERS, SHARES = "numbers", "shares"
mode = st.segmented_control(
    t("Show"),
    [NUMBERS, SHARES],
    format_func={
        NUMBERS: t("Number of services"),
        SHARES: t("Share within each sector"),
    }.get,
    default=NUMBERS,
    key="levels_mode",
    help=t("Shares make each sector's bar 100%, so a small sector compares with a large one."),
)
shares = mode == SHARES
chart_panel(
    overview_figures.sector_level_figure(model.levels, shares=shares),
    (overview_tables.shares_within_rows(model.levels) if shares else model.levels).reset_index(),
    name=t("Services by sector and digitisation level"),
    key="levels",
    filter_summary=summary,
    source=source,
)

for kind, name, table, reporting in (
    ("challenge", t("Top challenges"), model.challenges, model.challenges_reporting),
    (
        "opportunity",
        t("Top aims and opportunities"),
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
        note=(
            t(
                "Share is of the {reporting} matching services whose owners reported any "
                "challenge; severity is as the owner rated it.",
                reporting=f"{reporting:,}",
            )
            if kind == "challenge"
            else t(
                "Share is of the {reporting} matching services whose owners reported any aim "
                "or opportunity; priority is as the owner rated it.",
                reporting=f"{reporting:,}",
            )
        ),
    )

# ---- Survey progress ---------------------------------------------------------------------
# Everything about surveys on this page lives in this block (the deep dives' progress now; an
# all-surveys status table can join it here).
chart_panel(
    overview_figures.survey_figure(model.progress),
    model.progress.reset_index(),
    name=t("Deep-dive survey progress"),
    key="surveys",
    filter_summary=summary,
    source=source,
)
deep_dives_box = (
    None
    if model.deep_dives.empty
    else open_expander(
        t("Deep-dive services and their surveys"),
        key="surveys_services_data",
        icon=":material/table:",
    )
)
if deep_dives_box is not None:
    with deep_dives_box:
        st.dataframe(model.deep_dives, hide_index=True, key="surveys_services")
        table_downloads(
            model.deep_dives,
            t("Deep-dive services and their surveys"),
            summary,
            key="surveys_services",
            note=source,
        )
# progress of every started survey among the matching services, not only the deep dives
survey_summary.overview_section(version, filter_panel.current(), summary, source)
# ---- end of survey progress --------------------------------------------------------------
