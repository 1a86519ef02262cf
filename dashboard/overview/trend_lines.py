"""The headline metrics' medians year by year: a small chart of one panel per metric, and the
table it is drawn from.

Each line follows only the services that gave the figure in every yearly period it draws
(`change.figure_changes`), so a service that started or stopped reporting never moves it; a
metric with too few such services has no panel, and the subtitle says so.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.charts import MUTED_TEXT, PALETTE, figure, layout
from dashboard.common.i18n import t, tn
from dashboard.overview.change import (
    MIN_SERVICES,
    PERCENT_METRICS,
    FigureChange,
    figure_value,
    metric_label,
)

#: Panels side by side: all four in a row where the chart is wide, two on a small laptop
#: window or a tablet, one under another on a phone, so each keeps room for its years and name.
WIDE_COLUMNS, NARROW_COLUMNS, PHONE_COLUMNS = 4, 2, 1
WIDE_FROM, NARROW_FROM = 900, 560
#: Each panel's height, and the room between two rows for the years and the next names (px).
PANEL_HEIGHT, ROW_GAP = 130, 80
GAP_X = 0.06


def drawn(changes: list[FigureChange]) -> list[FigureChange]:
    """The metrics with a line: enough services gave the figure in every year."""
    return [change for change in changes if change.trend]


def trend_table(changes: list[FigureChange]) -> pd.DataFrame:
    """One row per metric and year: the median, and the services it is the median of."""
    rows = [
        (
            metric_label(change.metric),
            period,
            round(value, 0 if change.metric in PERCENT_METRICS else 2),
            change.trend_services,
        )
        for change in drawn(changes)
        for period, value in zip(change.trend_periods, change.trend, strict=True)
    ]
    columns = [t("Figure"), t("Year"), t("Median"), t("Services that reported in every year")]
    return pd.DataFrame(rows, columns=columns)


def trend_title(changes: list[FigureChange]) -> str:
    """The chart's title: the years it covers."""
    lines = drawn(changes)
    if not lines:
        return t("Too few services reported in every year to draw a median by year")
    return t(
        "Medians by year, {first} to {last}",
        first=lines[0].trend_periods[0],
        last=lines[0].trend_periods[-1],
    )


def trend_subtitle(changes: list[FigureChange]) -> str:
    """What each line counts, and the metrics left out for too few services."""
    said = t(
        "Each line is the median over the services that gave the figure in every year; "
        "the panel says how many."
    )
    left_out = len(changes) - len(drawn(changes))
    if left_out:
        said += " " + tn(
            "{n} figure has no line: fewer than {fewest} services gave it in every year.",
            "{n} figures have no line: fewer than {fewest} services gave them in every year.",
            left_out,
            fewest=MIN_SERVICES,
        )
    return said


def columns_for(width: int | None) -> int:
    """Panels in a row for a chart `width` px wide (None: as the files are drawn, wide)."""
    if width is None or width >= WIDE_FROM:
        return WIDE_COLUMNS
    return NARROW_COLUMNS if width >= NARROW_FROM else PHONE_COLUMNS


def _plot_height(rows: int) -> int:
    return max(1, rows) * PANEL_HEIGHT + max(0, rows - 1) * ROW_GAP


def _panel_domains(position: int, rows: int, columns: int) -> tuple[list[float], list[float]]:
    column, row = position % columns, position // columns
    width = (1 - GAP_X * (columns - 1)) / columns
    gap = ROW_GAP / _plot_height(rows)
    height = PANEL_HEIGHT / _plot_height(rows)
    left = column * (width + GAP_X)
    top = 1 - row * (height + gap)

    def within(low: float, high: float) -> list[float]:
        return [max(0.0, round(low, 6)), min(1.0, round(high, 6))]

    return within(left, left + width), within(top - height, top)


def trend_figure(changes: list[FigureChange], columns: int = WIDE_COLUMNS) -> go.Figure:
    """One small line per headline metric, `columns` panels to a row, each panel named with
    its services."""
    lines = drawn(changes)
    rows = -(-len(lines) // columns)
    data: list[dict[str, Any]] = []
    axes: dict[str, Any] = {}
    notes: list[dict[str, Any]] = []
    for position, change in enumerate(lines):
        suffix = "" if position == 0 else str(position + 1)
        x_domain, y_domain = _panel_domains(position, rows, columns)
        labels = [figure_value(change.metric, value) for value in change.trend]
        colour = PALETTE[position % len(PALETTE)]
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers+text",
                "x": list(change.trend_periods),
                "y": list(change.trend),
                "text": labels,
                "textposition": "top center",
                "cliponaxis": False,
                "line": {"color": colour, "width": 3},
                "marker": {"color": colour, "size": 8},
                "name": metric_label(change.metric),
                "showlegend": False,
                "hovertemplate": "%{x}: %{text}<extra>" + metric_label(change.metric) + "</extra>",
                "xaxis": f"x{suffix}",
                "yaxis": f"y{suffix}",
            }
        )
        low, high = min(change.trend), max(change.trend)
        room = max((high - low) * 0.6, 5.0 if change.metric in PERCENT_METRICS else 0.5)
        axes[f"xaxis{suffix}"] = {
            "domain": x_domain,
            "anchor": f"y{suffix}",
            "type": "category",
            "showgrid": False,
            "tickfont": {"size": 12},
        }
        axes[f"yaxis{suffix}"] = {
            "domain": y_domain,
            "anchor": f"x{suffix}",
            "range": [low - room, high + room],
            "showticklabels": False,
            "showgrid": False,
            "zeroline": False,
        }
        notes.append(
            {
                "text": metric_label(change.metric)
                + "<br>"
                + tn(
                    "{n} service",
                    "{n} services",
                    change.trend_services,
                    n=f"{change.trend_services:,}",
                ),
                "xref": "paper",
                "yref": "paper",
                "x": x_domain[0],
                "y": y_domain[1],
                "xanchor": "left",
                "yanchor": "bottom",
                "align": "left",
                "yshift": 12,
                "showarrow": False,
                "font": {"size": 13, "color": MUTED_TEXT},
            }
        )
    shape = layout(
        trend_title(changes),
        subtitle=trend_subtitle(changes),
        top_extra=40,  # the first row's panel names, two lines each
        annotations=notes,
        **axes,
    )
    shape["margin"] = {**shape["margin"], "b": 30}  # room for the years
    shape["height"] = _plot_height(rows) + shape["margin"]["t"] + 30
    return figure(data, shape)
