"""Data availability: which metrics owners could give, and why they could not."""

from __future__ import annotations

import streamlit as st

from dashboard import insight_figures
from dashboard.charts import heat_map
from dashboard.ui import filter_panel, store
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.downloads import table_downloads

version = st.session_state["data_version"]
source = store.guarded(store.dataset_info, version).source_line
try:
    view = store.availability_view(version, filter_panel.current())
except store.STORE_ERRORS as error:
    store.store_problem(error)
summary = filter_panel.describe()

st.title("Data availability")
st.caption(
    "Which figures service owners could give, and why not. A missing figure is a finding in "
    "its own right: shared systems and contracts often cannot be split per service."
)
filter_panel.chips_row("availability")

coverage = view.coverage
st.markdown(
    f"**{coverage.answering:,} of {coverage.services:,} matching services** answered the metric "
    "questions. Shares below are of those services; a service that has not answered yet is not "
    "counted as missing data."
)
if not coverage.answering:
    st.info(
        "None of the matching services has answered the metric questions yet. Widen the filter, "
        "or use **Reset filter** to see the whole catalogue.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

table = view.by_metric
chart_panel(
    insight_figures.availability_figure(table),
    table.reset_index(),
    name="Availability of each metric",
    key="by_metric",
    filter_summary=summary,
    source=source,
    note="Shares are of the services that answered the metric questions.",
)

chart_panel(
    heat_map(
        view.sector_shares,
        "Share of services giving a figure, by sector and metric",
        subtitle="Provided or estimated; the number of services answering in brackets",
        counts=view.sector_counts,
        colour_title="With a figure",
    ),
    view.sector_shares.reset_index(),
    name="Figures given by sector",
    key="by_sector",
    filter_summary=summary,
    source=source,
    note="Share of answering services in the sector that gave a figure (provided or "
    "estimated). Blank: no service in the sector answered.",
)

st.subheader("By organisation", anchor=False)
st.caption("Share of each organisation's answering services that gave a figure, per metric.")
percent_columns = {
    column: st.column_config.ProgressColumn(column, format="percent", min_value=0, max_value=1)
    for column in view.by_organisation.columns
    if column not in ("Services answering", "Sector")
}
st.dataframe(view.by_organisation, key="by_organisation", column_config=percent_columns)
table_downloads(
    view.by_organisation.reset_index(),
    "Figures given by organisation",
    summary,
    key="by_organisation",
    note=source,
)

st.subheader("Services missing key figures", anchor=False)
st.caption(
    "Services that answered but gave no figure for users, transactions or cost per "
    "transaction, with the reason the owner gave. Most gaps first."
)
missing = view.missing
if missing.empty:
    st.success("Every answering service gave all three key figures.", icon=":material/check:")
else:
    st.dataframe(missing, hide_index=True, key="missing", column_config={"Code": None})
    table_downloads(missing, "Services missing key figures", summary, key="missing", note=source)
