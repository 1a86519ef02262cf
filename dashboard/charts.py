"""Plotly figures for the pages, all in one colour-blind safe theme (frame in, Figure out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

#: Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",
)
#: Sequential blues for ordered values (digitisation level 0..4, heat maps).
SEQUENTIAL = ("#F7FBFF", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
#: Digitisation levels 0..4, light to dark, so order reads without colour names.
LEVEL_COLOURS = ("#D9D9D9", "#9ECAE1", "#4292C6", "#08519C", "#08306B")
FONT = "Source Sans Pro, Arial, sans-serif"


#: Severity or priority High, Medium, Low: dark to light, so order reads without colour names.
SEVERITY_COLOURS = ("#08519C", "#4292C6", "#9ECAE1")
#: Survey states Submitted, In progress, Not started.
PROGRESS_COLOURS = ("#009E73", "#E69F00", "#D9D9D9")


def themed(fig: go.Figure, title: str, height: int = 420, subtitle: str = "") -> go.Figure:
    """Apply the shared look; the title says what the chart shows, in words.

    `title` is the finding (a sentence), `subtitle` what is plotted.
    """
    heading: dict[str, object] = {"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}}
    if subtitle:
        heading["subtitle"] = {"text": subtitle, "font": {"size": 14, "color": "#4A4F55"}}
    fig.update_layout(
        title=heading,
        template="plotly_white",
        colorway=list(PALETTE),
        font={"family": FONT, "size": 14, "color": "#1B1F24"},
        height=height,
        margin={"l": 10, "r": 10, "t": 110 if subtitle else 70, "b": 10},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "xanchor": "left",
            "x": 0,
            "traceorder": "normal",
        },
        hoverlabel={"font": {"family": FONT}},
    )
    return fig


def stacked_bars(
    table: pd.DataFrame,
    title: str,
    colours: tuple[str, ...] = PALETTE,
    x_title: str = "",
    subtitle: str = "",
    percent: bool = False,
) -> go.Figure:
    """Horizontal stacked bars: one bar per row of `table`, one segment per column.

    Each segment carries its value as text, so the chart never relies on colour alone.
    """
    fig = go.Figure()
    for position, column in enumerate(table.columns):
        values = table[column]
        fig.add_bar(
            y=[str(i) for i in table.index],
            x=values.tolist(),
            name=str(column),
            orientation="h",
            marker={
                "color": colours[position % len(colours)],
                "line": {"color": "#FFFFFF", "width": 1},
            },
            text=[(f"{v:.0%}" if percent else f"{v:,.0f}") if v else "" for v in values],
            textposition="inside",
            insidetextanchor="middle",
            hovertemplate="%{y}<br>"
            + str(column)
            + (": %{x:.1%}" if percent else ": %{x:,}")
            + "<extra></extra>",
        )
    fig.update_layout(
        barmode="stack",
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"title": x_title, "rangemode": "tozero", "tickformat": ".0%" if percent else ""},
    )
    return themed(fig, title, height=max(320, 130 + 42 * len(table)), subtitle=subtitle)


def ranked_bars(series: pd.Series, title: str, x_title: str = "Services") -> go.Figure:
    """One horizontal bar per item, largest first, value printed at the end of each bar."""
    series = series.sort_values(ascending=False)
    fig = go.Figure(
        go.Bar(
            y=[str(i) for i in series.index],
            x=series.tolist(),
            orientation="h",
            marker={"color": PALETTE[0]},
            text=[f"{v:,.0f}" for v in series.to_numpy()],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    fig.update_layout(yaxis={"autorange": "reversed"}, xaxis_title=x_title)
    return themed(fig, title, height=max(300, 70 + 34 * len(series)))
