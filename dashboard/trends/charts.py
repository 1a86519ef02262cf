"""The Trends page's charts, each with the table of exactly what it draws (no Streamlit)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.charts import PALETTE, figure, layout
from dashboard.common.i18n import t
from dashboard.trends.compare import DOWN, MOVES, SAME, UP, RoundComparison, move_labels

#: Themes drawn in the chart of change: the most changed; the table lists every one.
CHART_THEMES = 12


def moves_data(comparison: RoundComparison) -> pd.DataFrame:
    labels = move_labels()
    return pd.DataFrame(
        {
            t("Change"): [labels[move] for move in MOVES],
            t("Services"): [comparison.moved(move) for move in MOVES],
        }
    )


def moves_figure(comparison: RoundComparison, then_name: str) -> go.Figure:
    data = moves_data(comparison)
    values = data[t("Services")].tolist()
    colours = {UP: PALETTE[0], SAME: "#8a8a8a", DOWN: PALETTE[1]}
    title = t(
        "{up} of {n} services moved up a level or more since {then}, {down} moved down",
        up=f"{comparison.moved(UP):,}",
        n=f"{comparison.compared:,}",
        then=then_name,
        down=f"{comparison.moved(DOWN):,}",
    )
    return figure(
        [
            {
                "type": "bar",
                "y": data[t("Change")].tolist(),
                "x": values,
                "orientation": "h",
                "marker": {"color": [colours[move] for move in MOVES]},
                "text": [f"{v:,}" for v in values],
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{x:,}<extra></extra>",
            }
        ],
        layout(
            title,
            height=260,
            subtitle=t("Services with a level recorded in both rounds"),
            yaxis={"autorange": "reversed", "automargin": True},
            xaxis={
                "title": {"text": t("Services")},
                "range": [0, (max(values, default=0) or 1) * 1.18],
            },
        ),
    )


def themes_data(comparison: RoundComparison, theme_names: dict[str, str]) -> pd.DataFrame:
    """The most changed themes (largest change either way first), as drawn."""
    shown = comparison.themes[comparison.themes["change"] != 0].head(CHART_THEMES)
    return pd.DataFrame(
        {
            t("Challenge or aim"): shown["theme"].map(lambda c: theme_names.get(c, c)).tolist(),
            t("Services then"): shown["then"].tolist(),
            t("Services now"): shown["now"].tolist(),
            t("Change"): shown["change"].tolist(),
        }
    )


def themes_figure(
    comparison: RoundComparison, theme_names: dict[str, str], then_name: str
) -> go.Figure:
    data = themes_data(comparison, theme_names)
    change = data[t("Change")].tolist()
    title = (
        t(
            "Challenges and aims reported more or less often than in {then}, by the same "
            "{n} services",
            then=then_name,
            n=f"{comparison.both:,}",
        )
        if change
        else t("No challenge or aim is reported more or less often than in {then}", then=then_name)
    )
    return figure(
        [
            {
                "type": "bar",
                "y": data[t("Challenge or aim")].tolist(),
                "x": change,
                "orientation": "h",
                "marker": {"color": [PALETTE[1] if v > 0 else PALETTE[0] for v in change]},
                "text": [f"{v:+,}" for v in change],
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{x:+,}<extra></extra>",
            }
        ],
        layout(
            title,
            height=max(260, 90 + 34 * len(change)),
            subtitle=t("Change in the number of services reporting each (most changed first)"),
            yaxis={"autorange": "reversed", "automargin": True},
            # room beyond the longest bar either way for its printed value
            xaxis={
                "title": {"text": t("More or fewer services than then")},
                "zeroline": True,
                "range": [
                    min(min(change, default=0), 0) * 1.3 - 1,
                    max(max(change, default=0), 0) * 1.3 + 1,
                ],
            },
        ),
    )
