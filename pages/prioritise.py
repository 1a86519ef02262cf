"""Prioritise: a transparent score per service, with weights the user sets and sees in the URL."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import insight_figures
from dashboard import prioritise as p
from dashboard.charts import ranked_bars, scatter
from dashboard.ui import filter_panel, store
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.downloads import table_downloads
from db.vocabulary import DIGITISATION_LEVELS

TOP = 15
MAX_POINTS = 5_000
WEIGHT_PREFIX = "w_"
MISSING_KEY = "missing"
MISSING_CHOICES = {
    p.ESTIMATE: "Estimate it from the median of the other services",
    p.KNOWN_ONLY: "Leave the service out of the ranking",
}

version = st.session_state["data_version"]
source = store.guarded(store.dataset_info, version).source_line
flt = filter_panel.current()
summary = filter_panel.describe()


def _seed_from_url() -> None:
    weights = p.clean_weights(
        {c: st.query_params.get(WEIGHT_PREFIX + c, p.DEFAULT_WEIGHTS[c]) for c in p.CODES}
    )
    for code, value in weights.items():
        st.session_state[f"weight_{code}"] = value
    missing = st.query_params.get(MISSING_KEY, p.ESTIMATE)
    st.session_state["weight_missing"] = missing if missing in MISSING_CHOICES else p.ESTIMATE


def _reset() -> None:
    for code, value in p.DEFAULT_WEIGHTS.items():
        st.session_state[f"weight_{code}"] = value
    st.session_state["weight_missing"] = p.ESTIMATE


def _write_url(weights: dict[str, int], missing: str) -> None:
    """Only what differs from the defaults goes into the link, beside the filter."""
    for code, value in weights.items():
        key = WEIGHT_PREFIX + code
        if value == p.DEFAULT_WEIGHTS[code]:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != str(value):
            st.query_params[key] = str(value)
    if missing == p.ESTIMATE:
        if MISSING_KEY in st.query_params:
            del st.query_params[MISSING_KEY]
    elif st.query_params.get(MISSING_KEY) != missing:
        st.query_params[MISSING_KEY] = missing


if "weight_reach" not in st.session_state:
    _seed_from_url()

st.title("Prioritise")
st.caption(
    "Where to improve first: a score per service from named parts, each from 0 to 1, weighted as "
    "you choose. The weights are part of the link, so a shared view shows the same ranking."
)
filter_panel.chips_row("prioritise")

with st.container(border=True):
    st.markdown("**Weights** — how much each part counts (0 leaves it out)")
    columns = st.columns(len(p.COMPONENTS))
    for column, component in zip(columns, p.COMPONENTS, strict=True):
        column.slider(
            component.name,
            min_value=0,
            max_value=p.MAX_WEIGHT,
            key=f"weight_{component.code}",
            help=component.explanation,
        )
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.radio(
        "When a service has no figure for a weighted part",
        list(MISSING_CHOICES),
        format_func=MISSING_CHOICES.get,
        key="weight_missing",
        horizontal=True,
        help="A missing figure is never counted as zero. Estimating uses the median of the "
        "services that have it; every estimated part is named in the ranking.",
    )
    right.button(
        "Reset weights", key="weight_reset", on_click=_reset, icon=":material/restart_alt:"
    )

weights = p.clean_weights({c: st.session_state[f"weight_{c}"] for c in p.CODES})
missing = st.session_state["weight_missing"]
_write_url(weights, missing)

try:
    parts = store.priority_parts(version, flt)
except store.STORE_ERRORS as error:
    store.store_problem(error)
if parts.empty:
    st.info(
        "No service matches this filter, so there is nothing to rank. Remove a chip above, or "
        "use **Reset filter**.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

services = filter_panel.matching(store.guarded(store.services, version))
ranking = p.score(parts, weights, missing)
if not sum(weights.values()):
    st.warning(
        "Every weight is 0, so every service scores the same. Raise at least one weight.",
        icon=":material/balance:",
    )

used = [c for c in p.CODES if weights[c]]
if missing == p.ESTIMATE:
    estimated = [f"{p.NAMES[c].lower()} for {n:,}" for c, n in ranking.estimated.items() if n]
    st.caption(
        f"Ranking {len(ranking.table):,} services. "
        + (
            "Estimated from the median because the owner gave no figure: "
            + "; ".join(estimated)
            + " services."
            if estimated
            else "Every weighted part is known for every service."
        )
    )
else:
    st.caption(
        f"Ranking {len(ranking.table):,} services; {ranking.left_out:,} left out because a "
        "weighted part is not known for them."
    )
if ranking.table.empty:
    st.info(
        "Every matching service lacks a figure for at least one weighted part. Choose to "
        "estimate missing parts, or lower the weight of the part that is missing.",
        icon=":material/help:",
    )
    st.stop()

SHOWN = 1_000
full = p.ranked(ranking, services, parts, top=SHOWN)
top = full.head(TOP)
contribution_columns = [f"{p.NAMES[c]} contribution" for c in p.CODES]
chart_panel(
    insight_figures.priority_figure(top, weights),
    top.drop(columns=["Code"]),
    name="Priority ranking",
    key="ranking",
    filter_summary=summary,
    source=source,
    note="Weights: "
    + ", ".join(f"{p.NAMES[c]} {weights[c]}" for c in p.CODES)
    + f". Missing parts: {MISSING_CHOICES[missing].lower()}.",
)

st.subheader("The whole ranking", anchor=False)
if len(ranking.table) > SHOWN:
    st.caption(
        f"The first {SHOWN:,} of {len(ranking.table):,} ranked services are listed; the "
        "download holds them all."
    )
st.dataframe(
    full.head(SHOWN),
    hide_index=True,
    key="ranking_table",
    column_config={
        "Code": None,
        "Score": st.column_config.ProgressColumn(format="%.2f", min_value=0, max_value=1),
        "Users per year": st.column_config.NumberColumn(format="localized"),
        "Transactions per year": st.column_config.NumberColumn(format="localized"),
        **{c: st.column_config.NumberColumn(format="%.2f") for c in contribution_columns},
    },
)
table_downloads(
    lambda: p.ranked(ranking, services, parts),
    "Priority ranking, all services",
    summary,
    key="ranking_all",
    note=source,
)

st.header("Improvement areas", anchor=False)
areas = store.improvement_areas(version, flt)
if areas.empty:
    st.caption("No matching service reported a challenge.")
else:
    reach = areas.set_index("Improvement area")["Users or transactions per year"]
    chart_panel(
        ranked_bars(
            reach,
            f"Solving “{areas.iloc[0]['Improvement area']}” would reach the most people",
            x_title="Users (or transactions) per year of the services reporting it",
        ),
        areas,
        name="Improvement areas by reach",
        key="areas",
        filter_summary=summary,
        source=source,
        note="Reach adds the users per year (transactions where users are unknown) of the "
        "services that report the challenge; services with no known reach are counted apart.",
    )

st.header("Reach against digitisation", anchor=False)
reach_raw = parts["users"].fillna(parts["transactions"])
known = reach_raw.notna() & (reach_raw > 0)
points = pd.DataFrame(
    {
        "reach": reach_raw[known],
        "level": services.loc[known[known].index, "digitisation_level"].astype(float),
    }
)
if points.empty:
    st.caption("No matching service gave users or transactions, so there is nothing to plot.")
else:
    top_ids = set(top["Code"])
    codes = services.loc[points.index, "code"].astype(str)
    if len(points) > MAX_POINTS:  # keep the top ranked, sample the rest evenly
        keep = codes.isin(top_ids) | (np.arange(len(points)) % (len(points) // MAX_POINTS + 1) == 0)
        points, codes = points[keep.to_numpy()], codes[keep.to_numpy()]
    jitter = (np.random.default_rng(7).random(len(points)) - 0.5) * 0.35
    points["level"] = points["level"] + jitter
    highlight = codes.isin(top_ids)
    shown_note = (
        f" ({len(points):,} of {int(known.sum()):,} services shown)"
        if len(points) < int(known.sum())
        else ""
    )
    chart_panel(
        scatter(
            points,
            f"The top {len(top_ids)} by score against everyone with a known reach{shown_note}",
            "Each dot is a service: further right reaches more people, lower is less digital",
            x="reach",
            y="level",
            highlight=highlight,
            names=services.loc[points.index, "name_en"].astype(str),
            x_title="Users (or transactions) per year",
            y_title="Digitisation level",
            y_ticks={int(t.code): t.en for t in DIGITISATION_LEVELS},
        ),
        pd.DataFrame(
            {
                "Service": services.loc[points.index, "name_en"].astype(str).to_numpy(),
                "Users or transactions per year": reach_raw[points.index].to_numpy(),
                "Digitisation level": services.loc[points.index, "digitisation_level"].to_numpy(),
                "Top ranked": highlight.map({True: "Yes", False: "No"}).to_numpy(),
            }
        ),
        name="Reach against digitisation",
        key="scatter",
        filter_summary=summary,
        source=source,
    )
