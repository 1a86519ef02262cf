"""The Trends page's sections: the two rounds (kept in the link), main points, the chart and
list of level moves, the chart and table of challenges and aims reported more or less often,
and figures that became available between two metric periods."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common.i18n import language, t
from dashboard.common.link_choices import LinkChoice
from dashboard.common.markdown_text import plain
from dashboard.trends import charts
from dashboard.trends.compare import (
    RoundComparison,
    compare_rounds,
)
from dashboard.trends.findings import (
    both_line,
    main_points,
    moves_table,
    periods_table,
    themes_table,
)
from dashboard.trends.states import Rounds
from dashboard.ui import store
from dashboard.ui.chart_panel import chart_panel
from dashboard.ui.downloads import table_downloads
from dashboard.ui.link_choice import settle_choice, write_choice
from dashboard.ui.page_opening import PageView, show_main_points
from db.rounds import CURRENT

FROM_PARAM, TO_PARAM = "from", "to"
FROM_KEY, TO_KEY = "trends_from", "trends_to"
PERIOD_FROM_PARAM, PERIOD_TO_PARAM = "period_from", "period_to"
PERIOD_FROM_KEY, PERIOD_TO_KEY = "trends_period_from", "trends_period_to"


rounds = store.rounds
round_state = store.round_state


def round_name(found: Rounds, code: str) -> str:
    chosen = found.find(code)
    if chosen is None:
        return t("Current round")
    name = chosen.name(language())
    return t("{name} (current)", name=name) if code == CURRENT else name


def only_one_round() -> None:
    st.info(
        t("Only one round so far: open a new round on the Data page to compare."),
        icon=":material/info:",
    )
    st.page_link("pages/data.py", label=t("Data"), icon=":material/database:")


def choose_rounds(found: Rounds) -> tuple[str, str]:
    """The two rounds, kept in the link (`?from=discovery-2021&to=current`)."""
    codes = found.codes
    names = {code: round_name(found, code) for code in codes}
    chosen: list[str] = []
    boxes = st.columns(2)
    for box, (param, key, label, default) in zip(
        boxes,
        (
            (FROM_PARAM, FROM_KEY, t("Compare from"), codes[-2]),
            (TO_PARAM, TO_KEY, t("Compare with"), codes[-1]),
        ),
        strict=True,
    ):
        choice = LinkChoice(param, codes, default)
        value = settle_choice(choice, key)
        with box:
            value = st.selectbox(
                label, codes, index=codes.index(value), format_func=names.__getitem__, key=key
            )
        write_choice(choice, key, value)
        chosen.append(value)
    return chosen[0], chosen[1]


def choose_periods(periods: list[str]) -> tuple[str, str]:
    """The two metric periods, kept in the link (`?period_from=2022-23&period_to=2024-25`);
    by default the last two."""
    chosen: list[str] = []
    for box, (param, key, label, default) in zip(
        st.columns(2),
        (
            (PERIOD_FROM_PARAM, PERIOD_FROM_KEY, t("Period from"), periods[-2]),
            (PERIOD_TO_PARAM, PERIOD_TO_KEY, t("Period to"), periods[-1]),
        ),
        strict=True,
    ):
        choice = LinkChoice(param, periods, default)
        value = settle_choice(choice, key)
        with box:
            value = st.selectbox(label, periods, index=periods.index(value), key=key)
        write_choice(choice, key, value)
        chosen.append(value)
    return chosen[0], chosen[1]


def theme_names(version: int) -> dict[str, str]:
    themes = store.guarded(store.themes, version)
    names = themes["name_cy"].fillna(themes["name_en"]) if language() == "cy" else themes["name_en"]
    return dict(zip(themes["code"].astype(str), names.astype(str), strict=True))


def filtered(page: PageView) -> pd.Index:
    services = store.guarded(store.services, page.version)
    mask = store.guarded(store.filter_mask, page.version, page.flt)
    return services.index[mask]


def comparison(page: PageView, first: str, second: str) -> RoundComparison:
    then = store.guarded(round_state, page.version, first)
    now = store.guarded(round_state, page.version, second)
    return compare_rounds(then, now, filtered(page))


def show_rounds(page: PageView, found: Rounds, first: str, second: str) -> None:
    then_name, now_name = round_name(found, first), round_name(found, second)
    compared = comparison(page, first, second)
    names = theme_names(page.version)
    show_main_points(main_points(compared, then_name, now_name, names))
    with st.expander(t("About these figures"), icon=":material/info:"):
        st.markdown(
            "\n".join(
                "- " + plain(line)
                for line in (
                    both_line(compared) + t(", under the filter: every figure counts only these."),
                    t(
                        "A service added to the catalogue since, or gone from it, is in no "
                        "figure: a change is never a service joining or leaving."
                    ),
                    t(
                        "Level moves count the services with a level recorded in both rounds "
                        "({n}); digital end to end is level 3 or 4.",
                        n=f"{compared.compared:,}",
                    ),
                    t("Counts are of services, never of people."),
                )
            )
        )
    if not compared.both:
        st.info(t("No service under this filter was in both rounds."), icon=":material/info:")
        return
    st.header(t("Services that moved level"), anchor=False)
    chart_panel(
        charts.moves_figure(compared, then_name),
        charts.moves_data(compared),
        name=t("Level moves"),
        key="trends_moves",
        filter_summary=page.summary,
        source=page.source,
        note=both_line(compared),
    )
    moves = moves_table(compared, store.guarded(store.services, page.version))
    st.subheader(t("Services whose level moved ({n})", n=f"{len(moves):,}"), anchor=False)
    st.dataframe(moves, hide_index=True, key="trends_moves_table")
    table_downloads(
        moves, t("Services whose level moved"), page.summary, key="trends_moves", note=page.source
    )
    st.header(t("Challenges and aims reported more or less often"), anchor=False)
    chart_panel(
        charts.themes_figure(compared, names, then_name),
        charts.themes_data(compared, names),
        name=t("Challenges and aims over time"),
        key="trends_themes",
        filter_summary=page.summary,
        source=page.source,
        note=both_line(compared),
    )
    themes = themes_table(compared, names)
    st.dataframe(themes, hide_index=True, key="trends_themes_table")
    table_downloads(
        themes,
        t("Challenges and aims over time"),
        page.summary,
        key="trends_themes",
        note=page.source,
    )


def show_periods(page: PageView) -> None:
    """Figures that became (or stopped being) available between two metric periods."""
    st.header(t("Figures that became available"), anchor=False)
    periods = list(store.guarded(store.period_answers, page.version).periods)
    if len(periods) < 2:
        st.info(
            t("Metric answers are kept for one period only so far: nothing to compare yet."),
            icon=":material/info:",
        )
        return
    first, second = choose_periods(periods)
    result = store.guarded(store.period_comparison, page.version, page.flt, first, second)
    if result.table.empty:
        st.info(
            t(
                "No service under this filter answered the same figure for both periods, so "
                "nothing is compared."
            ),
            icon=":material/info:",
        )
        return
    st.caption(
        t(
            "Each row counts only the services that answered that figure for both periods. A "
            "figure is available when it was provided or estimated."
        )
    )
    table = periods_table(result)
    st.dataframe(table, hide_index=True, key="trends_periods_table")
    table_downloads(
        table,
        t("Figures that became available"),
        page.summary,
        key="trends_periods",
        note=page.source,
    )
