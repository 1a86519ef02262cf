"""Prioritise: a transparent score per service, with weights the user sets and sees in the URL."""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.common.headers import localised
from dashboard.common.i18n import language, t, tn
from dashboard.prioritise import figures as priority_figures
from dashboard.prioritise import score as p
from dashboard.prioritise.ui import actions as priority_actions
from dashboard.ui import explore, filter_panel, insight_notes, sticky_query, store
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.downloads import table_downloads

TOP = 15
SHOWN = 1_000
WEIGHT_PREFIX = "w_"
MISSING_KEY = "missing"
#: The weights as this session last wrote them to the link; any other link came from outside.
URL_KEY = "weights_url"

version = st.session_state["data_version"]
source = store.guarded(store.dataset_info, version).source_line
flt = filter_panel.current()
summary = filter_panel.describe()
names = p.component_names()
explanations = p.component_help()
choices = p.missing_choices()


def _in_url() -> tuple[dict[str, int], str]:
    """The weights and the missing-figure choice the link holds (defaults where it has none)."""
    weights = p.clean_weights(
        {c: st.query_params.get(WEIGHT_PREFIX + c, p.DEFAULT_WEIGHTS[c]) for c in p.CODES}
    )
    missing = st.query_params.get(MISSING_KEY, p.ESTIMATE)
    return weights, missing if missing in choices else p.ESTIMATE


def _write_url(weights: dict[str, int], missing: str) -> None:
    """Only what differs from the defaults goes into the link, beside the filter.

    The link is written in one step: each change of the address is a step of the browser's
    history, and a reset that took out three weights one by one would need three presses of
    the back button to undo.
    """
    st.session_state[URL_KEY] = (weights, missing)
    ours = {WEIGHT_PREFIX + code for code in p.CODES} | {MISSING_KEY}
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    wanted = {key: values for key, values in current.items() if key not in ours}
    for code, value in weights.items():
        if value != p.DEFAULT_WEIGHTS[code]:
            wanted[WEIGHT_PREFIX + code] = [str(value)]
    if missing != p.ESTIMATE:
        wanted[MISSING_KEY] = [missing]
    if wanted != current:
        sticky_query.replace_query(wanted)
        sticky_query.remember()


# The link decides on the first run, on arriving from another page, and whenever it changed
# without this page writing it (the browser's back and forward buttons, as for the filter).
# Otherwise the sliders decide, and the link follows them.
in_url = _in_url()
written = st.session_state.get(URL_KEY)
if (
    "weight_reach" not in st.session_state
    or sticky_query.arrived()
    or (written is not None and in_url != written)
):
    priority_actions.seed_weights(*in_url)

st.title(t("Prioritise"))
st.caption(
    t(
        "Where to improve first: a score per service from named parts, each from 0 to 1, "
        "weighted as you choose. The weights are part of the link, so a shared view shows the "
        "same ranking."
    )
)
insight_notes.chips_and_link("prioritise", "prioritise")

with st.container(border=True):
    st.markdown(t("**Weights**: how much each part counts (0 leaves it out)"))
    columns = st.columns(len(p.COMPONENTS))
    for column, component in zip(columns, p.COMPONENTS, strict=True):
        column.slider(
            names[component.code],
            min_value=0,
            max_value=p.MAX_WEIGHT,
            # its current value as its default too: a slider the browser draws late starts
            # from the default (see filter_panel.render)
            value=int(st.session_state[f"weight_{component.code}"]),
            key=f"weight_{component.code}",
            help=explanations[component.code],
        )
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.radio(
        t("When a service has no figure for a weighted part"),
        list(choices),
        index=list(choices).index(st.session_state["weight_missing"]),
        format_func=choices.get,
        key="weight_missing",
        horizontal=True,
        help=t(
            "A missing figure is never counted as zero. Estimating uses the median of the "
            "services that have it; every estimated part is named in the ranking and hatched "
            "in the chart."
        ),
    )
    right.button(
        t("Reset weights"),
        key="weight_reset",
        on_click=priority_actions.reset_weights,
        icon=":material/restart_alt:",
    )

weights = p.clean_weights({c: st.session_state[f"weight_{c}"] for c in p.CODES})
missing = st.session_state["weight_missing"]
_write_url(weights, missing)
weights_line = p.weights_text(weights, missing)
# every file and image from this page carries the weights beside the filter, so a shared
# ranking can be rebuilt (an image's footer has one line for the view, one for the source)
view_summary = [*summary, weights_line]
weighted_source = f"{weights_line} {source}"

try:
    parts = store.priority_parts(version, flt)
except store.STORE_ERRORS as error:
    store.store_problem(error)
if parts.empty:
    explore.explain_no_match(version)
    st.stop()

if weights["cost"]:
    st.caption(
        t(
            "Cost per transaction is not comparable across kinds of service: a licence and a "
            "hospital referral cost very different amounts. Read the cost part with care, or "
            "narrow the filter to one kind of service."
        )
    )
flat = [c for c in p.flat_components(parts) if weights[c]]
if flat:
    st.caption(
        t(
            "{parts}: only one known value among these services (or all the same), so it "
            "cannot tell them apart; every service with a figure gets the middle, 0.5.",
            parts=", ".join(names[c] for c in flat),
        )
    )

services = filter_panel.matching(store.guarded(store.services, version))
ranking = p.score(parts, weights, missing)
if not sum(weights.values()):
    st.warning(
        t("Every weight is 0, so every service scores the same. Raise at least one weight."),
        icon=":material/balance:",
    )

ranked_count = len(ranking.table)
if missing == p.ESTIMATE:
    estimated = [
        tn("{part} for {n} service", "{part} for {n} services", n, part=names[c].lower())
        for c, n in ranking.estimated.items()
        if n
    ]
    counts = ranking.estimated_counts() if ranked_count else {}
    complete = counts.get(0, 0)
    st.caption(
        tn("Ranking {n} service.", "Ranking {n} services.", ranked_count, n=f"{ranked_count:,}")
        + " "
        + (
            t(
                "Estimated from the median because the owner gave no figure: {parts}.",
                parts="; ".join(estimated),
            )
            + " "
            + t(
                "{complete} of {total} have every weighted part known; {some} have one or more "
                "estimated (the “Parts estimated” column says how many of the {weighted}).",
                complete=f"{complete:,}",
                total=f"{ranked_count:,}",
                some=f"{ranked_count - complete:,}",
                weighted=ranking.weighted,
            )
            if estimated
            else t("Every weighted part is known for every service.")
        )
    )
else:
    st.caption(
        tn(
            "Ranking {n} service; {left_out} left out because a weighted part is not known for "
            "them.",
            "Ranking {n} services; {left_out} left out because a weighted part is not known for "
            "them.",
            ranked_count,
            n=f"{ranked_count:,}",
            left_out=f"{ranking.left_out:,}",
        )
    )
journeys = services["journeys"]
insight_notes.counting(int(journeys.sum()), int((journeys > 0).sum()))
if ranking.table.empty:
    st.info(
        t(
            "Every matching service lacks a figure for at least one weighted part. Choose to "
            "estimate missing parts, or lower the weight of the part that is missing."
        ),
        icon=":material/help:",
    )
    st.stop()

full = p.ranked(ranking, services, parts, top=SHOWN)
top = full.head(TOP)
chart_panel(
    priority_figures.priority_figure(top, weights),
    p.chart_table(top),
    name=t("Priority ranking"),
    key="ranking",
    filter_summary=view_summary,
    source=source,
    note=weights_line,
)

st.header(t("The whole ranking"), anchor=False)
if ranked_count > SHOWN:
    st.caption(
        t(
            "The first {shown} of {total} ranked services are listed; the download holds them all.",
            shown=f"{SHOWN:,}",
            total=f"{ranked_count:,}",
        )
    )
st.caption(
    t(
        "A figure the owner could not give shows what they said instead. **Details** opens the "
        "service in the catalogue."
    )
)
shown_table = p.for_screen(full.head(SHOWN))
header = localised(pd.DataFrame(columns=["Score", "Details", *p.FIGURES])).columns
score_header, details_header, *figure_headers = list(header)
contribution_headers = localised(
    pd.DataFrame(columns=[f"{p.NAMES[c]} contribution" for c in p.CODES])
).columns
st.dataframe(
    shown_table,
    hide_index=True,
    key="ranking_table",
    column_config={
        score_header: st.column_config.ProgressColumn(format="%.2f", min_value=0, max_value=1),
        details_header: st.column_config.LinkColumn(display_text=t("Open")),
        **{c: st.column_config.TextColumn(width="medium") for c in figure_headers},
        **{c: st.column_config.NumberColumn(format="%.2f") for c in contribution_headers},
    },
)
lang = language()


table_downloads(
    partial(priority_actions.whole_ranking, version, flt, dict(weights), missing, lang),
    t("Priority ranking, all services"),
    summary,
    key="ranking_all",
    note=weighted_source,
)

st.header(t("Improvement areas"), anchor=False)
st.caption(
    t(
        "Challenges ranked by the services they affect. The total adds up the users (or "
        "transactions) per year of the services reporting it, so one very large service can "
        "carry it; the median and the count of services cannot be driven by one service."
    )
)
areas = store.improvement_areas(version, flt)
if areas.empty:
    st.caption(t("No matching service reported a challenge."))
else:
    measures = {
        "total": t("Total reach"),
        "median": t("Median reach"),
        "services": t("Services reporting"),
    }
    measure = (
        st.segmented_control(
            t("Rank improvement areas by"),
            list(measures),
            format_func=measures.get,
            default="total",
            key="areas_measure",
            required=True,
        )
        or "total"
    )
    ordered = p.areas_by(areas, measure)
    carried = ordered[ordered["Largest service's share"] > p.DOMINANT]
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
        filter_summary=view_summary,
        source=source,
        note=t(
            "Reach adds the users per year (transactions where users are unknown) of the "
            "services that report the challenge; services with no known reach are counted "
            "apart, and an area where none is known has no total. The weights do not change "
            "this table."
        ),
    )

st.header(t("Reach against digitisation"), anchor=False)
reach_raw = parts["users"].fillna(parts["transactions"])
top_ranks = pd.Series(top["Rank"].to_numpy(), index=top["_id"].to_numpy())
levels = services.loc[reach_raw.index, "digitisation_level"]
cells = p.reach_cells(reach_raw, levels, top_ranks.reindex(reach_raw.index))
if cells.empty:
    st.caption(t("No matching service gave users or transactions, so there is nothing to plot."))
else:
    placed = {rank for ranks in cells["top"] for rank in ranks}
    on_chart = top_ranks[top_ranks.isin(placed)]
    rank_names = dict(
        zip(
            on_chart.astype(int),
            p.service_names(services.loc[on_chart.index]),
            strict=True,
        )
    )
    title = (
        t("The top {top} by score, against every service with a known reach", top=len(top))
        if len(on_chart) == len(top)
        else t(
            "{shown} of the top {top} by score, against every service with a known reach",
            shown=len(on_chart),
            top=len(top),
        )
    )
    subtitle = t(
        "Each grey cell counts the services at one digitisation level whose reach falls in its "
        "band ({total} in all): higher reaches more people, further right is more digital",
        total=f"{int(cells['services'].sum()):,}",
    )
    names_of_levels = priority_figures.level_names()
    table = pd.DataFrame(
        {
            "Digitisation level": [names_of_levels[int(v)] for v in cells["level"]],
            "Reach from": cells["low"].round().astype(int).to_numpy(),
            "Reach to": cells["high"].round().astype(int).to_numpy(),
            "Services": cells["services"].to_numpy(),
            "Top ranked here": [", ".join(map(str, ranks)) for ranks in cells["top"]],
        }
    )
    chart_panel(
        priority_figures.reach_density(cells, rank_names, title, subtitle),
        localised(table),
        name=t("Reach against digitisation"),
        key="scatter",
        filter_summary=view_summary,
        source=source,
    )


def _listed(rows: pd.DataFrame) -> str:
    return "; ".join(
        f"{rank}. {service} ({organisation})"
        for rank, service, organisation in zip(
            rows["Rank"], rows["Service"], rows["Organisation"], strict=True
        )
    )


top_reach = reach_raw.reindex(top["_id"]).to_numpy()
unknown_reach = top[pd.isna(top_reach)]
zero_reach = top[~pd.isna(top_reach) & (np.nan_to_num(top_reach, nan=1.0) <= 0)]
if len(unknown_reach):
    st.caption(
        t(
            "Not plotted, because the owner gave neither users nor transactions: {services}.",
            services=_listed(unknown_reach),
        )
    )
if len(zero_reach):
    st.caption(
        t(
            "Not plotted, because their users and transactions are 0 (a log scale has no 0): "
            "{services}.",
            services=_listed(zero_reach),
        )
    )
