"""Challenges and aims: what owners find hard and what they aim for, against the standards."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import insight_figures, themes_insight
from dashboard.charts import ASSESSMENT_COLOURS, SEVERITY_COLOURS, heat_map, stacked_bars
from dashboard.filters import LIST_KEYS
from dashboard.ui import filter_panel, store
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.downloads import table_downloads

KINDS = {"challenge": "Challenges", "opportunity": "Aims and opportunities"}

version = st.session_state["data_version"]
source = store.guarded(store.dataset_info, version).source_line
flt = filter_panel.current()
summary = filter_panel.describe()

st.title("Challenges, aims and standards")
st.caption(
    "What service owners find hard and what they aim for, in which sectors, and which Digital "
    "Service Standards for Wales and OECD dimensions those themes bear on."
)
filter_panel.chips_row("themes")
kind = st.segmented_control(
    "Themes",
    list(KINDS),
    format_func=KINDS.get,
    default="challenge",
    key="themes_kind",
    required=True,
)
kind = kind or "challenge"
try:
    view = store.themes_view(version, flt, kind)
except store.STORE_ERRORS as error:
    store.store_problem(error)

noun = "challenge" if kind == "challenge" else "aim or opportunity"
split = "severity" if kind == "challenge" else "priority"
st.markdown(
    f"**{view.reporting:,} matching services** reported at least one {noun}. Shares are of "
    "those services; services whose owners were not asked are not counted."
)
if not view.reporting:
    st.info(
        f"No matching service reported a {noun}. Widen the filter, or use **Reset filter** to "
        "see the whole catalogue.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

themes = view.themes
top = themes.iloc[0]
chart_panel(
    stacked_bars(
        themes.set_index("Theme")[["High", "Medium", "Low"]],
        f"{top['Theme']} is reported by {top['Share of services reporting']:.0%} of the "
        f"{view.reporting:,} services reporting",
        colours=SEVERITY_COLOURS,
        x_title="Services reporting",
        subtitle=f"Every {noun} by how many services report it, split by {split}",
    ),
    themes.drop(columns="Code"),
    name=f"{KINDS[kind]} reported",
    key="themes",
    filter_summary=summary,
    source=source,
    note=f"Share is of the {view.reporting:,} matching services that reported any {noun}.",
)

chart_panel(
    heat_map(
        view.sector_shares,
        f"Where each {noun} is reported, by sector",
        subtitle="Share of the sector's services reporting any; number of services in brackets",
        counts=view.sector_counts,
        colour_title="Share",
    ),
    view.sector_shares.reset_index(),
    name=f"{KINDS[kind]} by sector",
    key="themes_sector",
    filter_summary=summary,
    source=source,
    note=f"Share of the sector's services that reported any {noun}; blank where none did.",
)


def framework_chart(table: pd.DataFrame, column: str, name: str, key: str, what: str) -> None:
    chart_panel(
        insight_figures.framework_figure(table, column, kind, what),
        table,
        name=name,
        key=key,
        filter_summary=summary,
        source=source,
        note="A service counts once per standard or dimension, however many linked themes it "
        "reports.",
    )


st.header("Standards and OECD dimensions at risk", anchor=False)
framework_chart(
    view.standards,
    "Standard",
    "Digital Service Standards for Wales at risk",
    "standards",
    "standard",
)
framework_chart(
    view.dimensions, "OECD dimension", "OECD dimensions at risk", "dimensions", "OECD dimension"
)

st.header(f"Services behind a {noun}", anchor=False)
names = dict(zip(themes["Code"], themes["Theme"], strict=True))
chosen = st.selectbox(
    f"Choose a {noun}",
    list(names),
    format_func=names.get,
    key="themes_drill",
)
if chosen:
    framework = store.guarded(store.framework, version)
    linked = themes_insight.links_of(chosen, framework.standards, framework.theme_standards)
    oecd = themes_insight.dimensions_of(chosen, framework.dimensions, framework.theme_dimensions)
    st.markdown(
        "**Digital Service Standards for Wales:** "
        + ("; ".join(linked) if linked else "none linked in the framework")
        + "  \n**OECD dimensions:** "
        + ("; ".join(oecd) if oecd else "none linked in the framework")
    )
    services = filter_panel.matching(store.guarded(store.services, version))
    members = store.guarded(store.memberships, version)
    drill = themes_insight.services_reporting(services, members.themes, chosen)
    st.dataframe(drill, hide_index=True, key="themes_drill_table", column_config={"Code": None})
    table_downloads(
        drill, f"Services reporting {names[chosen]}", summary, key="themes_drill", note=source
    )
    field = "challenges" if kind == "challenge" else "opportunities"
    query = {k: v for k, v in flt.to_query().items()}
    query[LIST_KEYS[field]] = sorted({*getattr(flt, field), chosen})
    st.page_link(
        "pages/catalogue.py",
        label=f"Open these services in the catalogue ({len(drill):,})",
        icon=":material/list_alt:",
        query_params=query,
    )

st.header("Standards self-assessment", anchor=False)
assessed = view.assessments
if not int(assessed["Services assessed"].max()):
    st.caption("No matching service has assessed itself against the standards yet.")
else:
    ratings = ["Met", "Partly met", "Not met", "Not assessed"]
    worst = assessed.sort_values("Not met", ascending=False).index[0]
    chart_panel(
        stacked_bars(
            assessed[ratings],
            f"Most often not met: {worst}",
            colours=ASSESSMENT_COLOURS,
            x_title="Services",
            subtitle="How services rate themselves against each standard",
        ),
        assessed.reset_index(),
        name="Standards self-assessment",
        key="assessment",
        filter_summary=summary,
        source=source,
    )
