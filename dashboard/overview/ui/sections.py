"""The Overview page's sections: the headline figures, digitisation by sector, the top
challenges and aims, and survey progress."""

from __future__ import annotations

import streamlit as st

from dashboard.common.figure_words import percent
from dashboard.common.i18n import t
from dashboard.common.markdown_text import plain
from dashboard.overview import figures as overview_figures
from dashboard.overview import tables as overview_tables
from dashboard.overview import trend_lines
from dashboard.overview.change import (
    FigureChange,
    both_words,
    change_words,
    direction,
    figure_value,
    tile_label,
    too_few_words,
    trend_words,
)
from dashboard.overview.headline import (
    Headline,
    coverage_note,
    end_to_end_by_filter,
    end_to_end_help,
    end_to_end_value,
)
from dashboard.overview.main_points import main_points as overview_main_points
from dashboard.overview.tables import Overview
from dashboard.ui import survey_summary
from dashboard.ui.chart_panel import chart_panel, chart_width
from dashboard.ui.downloads import table_downloads
from dashboard.ui.on_demand import open_expander
from dashboard.ui.page_opening import PageView, method_link, show_main_points
from db.vocabulary import MAX_LEVEL, MIN_LEVEL


def main_points(model: Overview, page: PageView) -> None:
    """The page's answer first: three to five sentences worked out from the current filter."""
    show_main_points(overview_main_points(model, page.flt))


def headline_row(
    figures: Headline,
    level_range: tuple[int, int] = (MIN_LEVEL, MAX_LEVEL),
    changes: list[FigureChange] | None = None,
    page: PageView | None = None,
) -> None:
    """The headline figures, then the metric figures with their change since the previous
    year (when the store holds two yearly periods), then what they count."""
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
        end_to_end_value(figures, *level_range),
        help=end_to_end_by_filter(*level_range) or end_to_end_help(figures),
    )
    figure(
        t("Metrics with a figure"),
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
    changes_row(changes or [], page)
    with st.expander(t("About these figures"), icon=":material/info:"):
        st.caption(coverage_note(figures))
        method_link()


def changes_row(changes: list[FigureChange], page: PageView | None = None) -> None:
    """The headline metrics now and their change since the previous yearly period, each over
    the services that reported in both; under them, the medians year by year."""
    if not changes:
        return
    latest = changes[0].latest
    st.caption(
        plain(
            t(
                "Metric figures in {latest}, and their change since {previous}: each counts only "
                "the services that gave the figure in both years.",
                latest=latest,
                previous=changes[0].previous,
            )
        )
    )
    row = st.container(horizontal=True, gap="medium")
    arrows = {"up": "up", "down": "down"}
    for change in changes:
        words = change_words(change)
        about = (
            " ".join(part for part in (both_words(change), trend_words(change)) if part)
            if words
            else too_few_words(change)
        )
        row.metric(
            tile_label(change),
            figure_value(change.metric, change.now),
            delta=plain(words) if words else None,
            delta_color="off",  # a rise is not good or bad by itself: the words say which way
            delta_arrow=arrows.get(direction(change), "off"),  # type: ignore[arg-type]
            help=plain(about),
            width="content",
        )
    if page is not None and trend_lines.drawn(changes):
        medians_by_year(changes, page)


def medians_by_year(changes: list[FigureChange], page: PageView) -> None:
    """The headline medians year by year: one small line each, as many to a row as the
    window's width leaves room for (`trend_lines.columns_for`)."""
    width = chart_width()
    chart_panel(
        trend_lines.trend_figure(changes, trend_lines.columns_for(width)),
        trend_lines.trend_table(changes),
        name=t("Headline medians by year"),
        key="overview_trend",
        filter_summary=page.summary,
        source=page.source,
    )


def levels(model: Overview, page: PageView) -> None:
    """Services by sector and digitisation level, as numbers or as shares within each sector."""
    NUMBERS, SHARES = "numbers", "shares"
    mode = st.segmented_control(
        t("Show"),
        [NUMBERS, SHARES],
        format_func={
            NUMBERS: t("Number of services"),
            SHARES: t("Share within each sector"),
        }.__getitem__,
        default=NUMBERS,
        key="levels_mode",
        help=t("Shares make each sector's bar 100%, so a small sector compares with a large one."),
    )
    shares = mode == SHARES
    chart_panel(
        overview_figures.sector_level_figure(
            model.levels, shares=shares, level_range=model.level_range
        ),
        (
            overview_tables.shares_within_rows(model.levels) if shares else model.levels
        ).reset_index(),
        name=t("Services by sector and digitisation level"),
        key="levels",
        filter_summary=page.summary,
        source=page.source,
    )


def themes(model: Overview, page: PageView) -> None:
    """The most reported challenges and aims, split by severity or priority."""
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
            filter_summary=page.summary,
            source=page.source,
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


def surveys(model: Overview, page: PageView) -> None:
    """The deep dives' survey progress, and every started survey among the matching services."""
    chart_panel(
        overview_figures.survey_figure(model.progress),
        model.progress.reset_index(),
        name=t("Deep-dive survey progress"),
        key="surveys",
        filter_summary=page.summary,
        source=page.source,
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
                page.summary,
                key="surveys_services",
                note=page.source,
            )
    # progress of every started survey among the matching services, not only the deep dives
    survey_summary.overview_section(page.version, page.flt, page.summary, page.source)
