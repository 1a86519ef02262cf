"""The Data availability page's sections: how many services answered, each metric's answers
overall and by sector, one metric by sector and organisation, and the services missing key
figures."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.availability import figures as availability_figures
from dashboard.availability import tables as availability
from dashboard.availability.catalogue_fields import not_recorded_fields
from dashboard.availability.main_points import main_points as availability_main_points
from dashboard.availability.notes import hardest_note
from dashboard.availability.tables import AvailabilityView
from dashboard.common.charts import heat_map
from dashboard.common.headers import localised
from dashboard.common.i18n import t, tn
from dashboard.common.names import and_list
from dashboard.ui import insight_notes, store
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.downloads import table_downloads
from dashboard.ui.page_opening import PageView, method_link, show_main_points
from dashboard.ui.service_table import service_table

METRIC_FIRST = availability.METRIC_CODES[0]


def main_points(view: AvailabilityView) -> None:
    """The page's answer first: three to five sentences worked out from the current filter."""
    show_main_points(availability_main_points(view))


def answering(view: AvailabilityView, page: PageView) -> None:
    """How many matching services answered the metric questions; with none, why (and stop)."""
    version = page.version
    coverage = view.coverage
    # with answers, the main points say how many answered: the caveats go in an expander
    box = (
        st.expander(t("About these figures"), icon=":material/info:")
        if coverage.answering
        else st.container()
    )
    with box:
        st.markdown(
            tn(
                "**{answering} of {n} matching service** answered the metric questions. Shares "
                "below are of those services; a service that has not answered yet is not counted "
                "as missing data.",
                "**{answering} of {n} matching services** answered the metric questions. Shares "
                "below are of those services; a service that has not answered yet is not counted "
                "as missing data.",
                coverage.services,
                answering=f"{coverage.answering:,}",
                n=f"{coverage.services:,}",
            )
        )
        if coverage.services:
            insight_notes.counting(view.journeys, view.services_with_journeys)
        if coverage.answering:
            method_link()
    if not coverage.answering:
        services = store.guarded(store.services, version)
        answered = store.guarded(store.metric_answers, version)["service_id"].unique()
        insight_notes.explain_empty(
            version,
            coverage.services,
            t("None of the matching services has answered the metric questions yet."),
            insight_notes.counter(version, services.index.isin(answered)),
            lambda part, n: tn(
                "without “{part}”: {count} service that answered",
                "without “{part}”: {count} services that answered",
                n,
                part=part,
                count=f"{n:,}",
            ),
        )
        st.stop()


def metric_charts(view: AvailabilityView, page: PageView) -> None:
    """Each metric's answers, the finding when cost and volumetrics are hardest, and each
    metric by sector."""
    table = view.by_metric
    note = hardest_note(table)
    if note:
        st.info(note, icon=":material/data_alert:")

    chart_panel(
        availability_figures.availability_figure(table),
        localised(table.drop(columns="Code").reset_index()),
        name=t("Availability of each metric"),
        key="by_metric",
        filter_summary=page.summary,
        source=page.source,
        note=t(
            "Shares are of the services that answered the metric questions; “with a figure” is of "
            "the services each metric applies to (not applicable left out)."
        ),
    )

    chart_panel(
        heat_map(
            view.sector_shares,
            t("Share of services giving a figure, by sector and metric"),
            subtitle=t(
                "Provided or estimated, of the services the metric applies to; their number in brackets"
            ),
            counts=view.sector_counts,
            colour_title=t("With a figure"),
        ),
        localised(view.sector_shares.reset_index()),
        name=t("Figures given by sector"),
        key="by_sector",
        filter_summary=page.summary,
        source=page.source,
        note=t(
            "Share of the sector's services the metric applies to that gave a figure (provided or "
            "estimated). Blank: no service in the sector answered, or the metric applies to none."
        ),
    )


def _share_table(
    table: pd.DataFrame, as_is: list[str], title: str, key: str, page: PageView
) -> None:
    """A table of shares drawn as bars (the `as_is` columns, counts and names, as they are),
    with its downloads."""
    shown = localised(table).round(2)
    keep = set(localised(table[as_is]).columns)
    st.dataframe(
        shown,
        key=key,
        column_config={
            column: st.column_config.ProgressColumn(
                column, format="percent", min_value=0, max_value=1
            )
            for column in shown.columns
            if column not in keep
        },
    )
    table_downloads(shown.reset_index(), title, page.summary, key=key, note=page.source)


def one_metric(view: AvailabilityView, page: PageView) -> None:
    """One metric (the hardest first) by sector, as a chart, and by organisation, as a table."""
    table = view.by_metric
    st.header(t("One metric by sector and organisation"), anchor=False)
    st.caption(
        t(
            "For the metric you choose: how many of each sector's and each organisation's services "
            "gave a figure, estimated it, could not give it (and why) or do not collect it."
        )
    )
    metric_names = availability.metric_names()
    hardest_first = availability.hardest(table)
    metric = st.selectbox(
        t("Metric"),
        list(availability.METRIC_CODES),
        # the hardest metric first: the chart above names it
        index=list(availability.METRIC_CODES).index(
            str(table.loc[hardest_first[0][0], "Code"]) if hardest_first else METRIC_FIRST
        ),
        format_func=metric_names.__getitem__,
        key="availability_metric",
    )
    metric = metric or METRIC_FIRST
    metric_name = metric_names[metric]
    in_sectors = availability.metric_by_sector(view.sector_categories, metric)
    chart_panel(
        availability_figures.sector_availability_figure(in_sectors, metric_name),
        localised(in_sectors.reset_index()),
        name=t("{metric} by sector", metric=metric_name),
        key="metric_by_sector",
        filter_summary=page.summary,
        source=page.source,
        note=t(
            "Each category is a share of the sector's services answering; “with a figure” is of "
            "the services the metric applies to (not applicable left out)."
        ),
    )
    silent = [str(s) for s in in_sectors.index[in_sectors["Services answering"] == 0]]
    if silent:
        st.caption(
            t(
                "No bar for {sectors}: no matching service there answered for this metric.",
                sectors=and_list(silent),
            )
        )
    st.subheader(t("{metric} by organisation", metric=metric_name), anchor=False)
    st.caption(
        t(
            "Each organisation whose services answered for this metric, most services first. The "
            "answers are shares of its services answering; “with a figure” is of those the metric "
            "applies to."
        )
    )
    by_organisation = availability.metric_by_organisation(
        view.organisation_categories, view.organisations, metric
    )
    _share_table(
        by_organisation,
        ["Sector", "Services answering", "Services it applies to"],
        t("{metric} by organisation", metric=metric_name),
        "metric_by_organisation",
        page,
    )


def by_organisation(view: AvailabilityView, page: PageView) -> None:
    """Each organisation's share of services giving a figure, per metric."""
    st.header(t("By organisation"), anchor=False)
    st.caption(
        t(
            "Share of each organisation's services that gave a figure, per metric, of those the "
            "metric applies to."
        )
    )
    _share_table(
        view.by_organisation,
        ["Services answering", "Sector"],
        t("Figures given by organisation"),
        "by_organisation",
        page,
    )


def missing_key_figures(view: AvailabilityView, page: PageView) -> None:
    """The services that answered but gave no figure for users, transactions or cost."""
    st.header(t("Services missing key figures"), anchor=False)
    st.caption(
        t(
            "Services that answered but gave no figure for users, transactions or cost per "
            "transaction, with the reason the owner gave. Most gaps first; **Details** opens the "
            "service in the catalogue."
        )
    )
    missing = view.missing
    if missing.empty:
        st.success(
            t("Every answering service gave all three key figures."), icon=":material/check:"
        )
    else:
        service_table(
            missing,
            t("Services missing key figures"),
            key="missing",
            filter_summary=page.summary,
            source=page.source,
        )


def catalogue_fields(page: PageView) -> None:
    """The catalogue's own fields that are not recorded, with how many services miss each."""
    st.header(t("Catalogue fields not recorded"), anchor=False)
    services = store.guarded(store.services, page.version)
    matching = services[store.guarded(store.filter_mask, page.version, page.flt)]
    table = not_recorded_fields(matching)
    if table.empty:
        st.success(
            t("Every catalogue field is recorded for every matching service."),
            icon=":material/check:",
        )
        return
    st.caption(
        t(
            "Values stored as not recorded: an explicit unknown, never a guess. They are left "
            "out of the shares and scores on the other pages, which say how many are known."
        )
    )
    st.dataframe(table, hide_index=True, key="not_recorded_fields")
