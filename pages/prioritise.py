"""Prioritise: a transparent score per service, with weights the user sets and sees in the URL."""

from __future__ import annotations

import streamlit as st

from dashboard.common.i18n import language, t
from dashboard.common.markdown_text import plain
from dashboard.organisation.ui import mine
from dashboard.prioritise import (
    by_type,
    confidence,
    notes,
    ranking_table,
    score,
    stability,
    weighting,
)
from dashboard.prioritise import figures as priority_figures
from dashboard.prioritise.main_points import main_points, type_main_points
from dashboard.prioritise.ui import sections
from dashboard.prioritise.ui.weights import weights_panel
from dashboard.ui import explore, filter_panel, insight_notes, store
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.page_opening import method_link, open_page, show_main_points

TOP = 15

view = open_page(
    t("Prioritise"),
    t(
        "Where to improve first: a score per service from named parts, each from 0 to 1, "
        "weighted as you choose. The weights are part of the link, so a shared view shows the "
        "same ranking."
    ),
    "prioritise",
    key="prioritise",
    method=False,  # in "About these figures", under the main points
)
# the answer first: filled once the ranking below is worked out from the weights
points_box = st.container()
weights, missing = weights_panel()
weights_line = weighting.weights_text(weights, missing)
# every file and image from this page carries the weights beside the filter, so a shared
# ranking can be rebuilt (an image's footer has one line for the view, one for the source)
view_summary = [*view.summary, weights_line]

parts = store.guarded(store.priority_parts, view.version, view.flt)
if parts.empty:
    explore.explain_no_match(view.version)
    st.stop()

services = filter_panel.matching(store.guarded(store.services, view.version))
# shared by every session with this view (read only)
ranking = store.guarded(
    store.priority_ranking, view.version, view.flt, tuple(weights.items()), missing
)
if not sum(weights.values()):
    st.warning(
        t("Every weight is 0, so every service scores the same. Raise at least one weight."),
        icon=":material/balance:",
    )
# the caveats, one click away: how the ranking was made, what it rests on
with st.expander(t("About these figures"), icon=":material/info:"):
    if weights["cost"]:
        st.caption(
            t(
                "Cost per transaction is not comparable across kinds of service: a licence and "
                "a hospital referral cost very different amounts. Read the cost part with "
                "care, or narrow the filter to one kind of service."
            )
        )
    flat = notes.flat_note([c for c in score.flat_components(parts) if weights[c]])
    if flat:
        st.caption(flat)
    st.caption(notes.ranking_note(ranking, missing))
    journeys = services["journeys"]
    insight_notes.counting(int(journeys.sum()), int((journeys > 0).sum()))
    method_link()
if ranking.table.empty:
    st.info(
        t(
            "Every matching service lacks a figure for at least one weighted part. Choose to "
            "estimate missing parts, or lower the weight of the part that is missing."
        ),
        icon=":material/help:",
    )
    st.stop()

# the named ranking, its table and the reach chart: shared by every session with this view
shown = store.guarded(
    store.priority_view,
    view.version,
    view.flt,
    tuple(weights.items()),
    missing,
    sections.SHOWN,
    TOP,
    language(),
)
full = shown.full
top = full.head(TOP)
if sections.choose_rank_by() == "type":
    types = store.guarded(
        store.priority_types, view.version, view.flt, tuple(weights.items()), missing
    )
    charted = by_type.chart_rows(types.head(sections.TYPES_CHARTED), weights)
    # the answer for what the page ranks: the types
    with points_box:
        show_main_points(
            type_main_points(types, charted, ranked=len(ranking.table), matching=len(services))
        )
    sections.type_ranking(types, charted, weights, view_summary, view.source)
else:
    # would the top 5 hold if any one weight moved by 1? (service names are data: shown plain)
    steadiness = store.guarded(store.priority_stability, view.version, view.flt, weights, missing)
    said = stability.sentence(steadiness, stability.names_of(steadiness, services))
    with points_box:
        show_main_points(main_points(top, ranking.table, len(services), said))
    chart_panel(
        priority_figures.priority_figure(top, weights, ranked=len(ranking.table)),
        ranking_table.chart_table(top),
        name=t("Priority ranking"),
        key="ranking",
        filter_summary=view_summary,
        source=view.source,
        note=weights_line,
    )
    st.caption(confidence.legend())
    if said:
        st.markdown(plain(said))
    sections.whole_ranking_table(
        shown.screen,
        len(ranking.table),
        version=view.version,
        flt=view.flt,
        weights=weights,
        missing=missing,
        summary=view.summary,
        note=f"{weights_line} {view.source}",
        yours=mine.yours(full, services),  # with `?my_org=`: the reader's services marked
    )
sections.improvement_areas(
    store.improvement_areas(view.version, view.flt), view_summary, view.source
)
sections.reach_against_digitisation(shown.reach, view_summary, view.source)
