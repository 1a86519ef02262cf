"""The Challenges and aims page's charts, shared with the slide deck (frame in, Figure out).

Titles, axes, legends and hover text are in the language the function runs in; the frames come
from dashboard.themes.tables with their fixed English column keys.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.charts import (
    ASSESSMENT_COLOURS,
    MUTED_TEXT,
    SEVERITY_COLOURS,
    level_segment_labels,
    stacked_bars,
)
from dashboard.common.headers import with_headers
from dashboard.common.i18n import t, tn
from dashboard.themes import tables as themes_tables

#: Not rated: a grey that reads apart from the severity blues.
NOT_RATED_COLOUR = "#BDBDBD"


def _no_link_marks(missing: list[str]) -> list[dict[str, Any]]:
    """A text mark at zero for rows the framework links no theme to, so an empty bar is
    explained where it stands."""
    if not missing:
        return []
    return [
        {
            "type": "scatter",
            "mode": "text",
            "y": missing,
            "x": [0] * len(missing),
            "text": ["  " + t("no theme is linked to it")] * len(missing),
            "textposition": "middle right",
            "textfont": {"color": MUTED_TEXT, "size": 12},
            "showlegend": False,
            "hoverinfo": "skip",
        }
    ]


def framework_figure(table: pd.DataFrame, column: str, kind: str, what: str) -> go.Figure:
    """Standards (or OECD dimensions) by the services reporting themes linked to them.

    `what` is "standard" or "OECD dimension" (the kind of row). Rows no theme is linked to are
    marked as such, so an empty bar never reads as "no risk".
    """
    dimension = what != "standard"
    counts = "Linked challenge themes" if kind == "challenge" else "Linked opportunity themes"
    if kind == "challenge":
        not_rated = (
            table["of them not rated"]
            if "of them not rated" in table
            else pd.Series(0, index=table.index)
        )
        bars = pd.DataFrame(
            {
                t("Rated high"): table["of them rated high"].to_numpy(),
                t("Rated medium or low"): (
                    table["Services with linked challenges"]
                    - table["of them rated high"]
                    - not_rated
                ).to_numpy(),
            },
            index=table[column],
        )
        colours: tuple[str, ...] = SEVERITY_COLOURS[::2]
        if int(not_rated.sum()):
            bars[t("Not rated")] = not_rated.to_numpy()
            colours = (*colours, NOT_RATED_COLOUR)
        first = table.iloc[0]
        title = tn(
            "Most at risk by the challenges linked to it: {name} ({n} service with a "
            "high-severity linked challenge)",
            "Most at risk by the challenges linked to it: {name} ({n} services with a "
            "high-severity linked challenge)",
            int(first["of them rated high"]),
            name=first[column],
        )
        subtitle = (
            t("Services reporting challenges linked to each OECD dimension")
            if dimension
            else t("Services reporting challenges linked to each standard")
        )
        order = table
    else:
        order = table.sort_values("Services with linked opportunities", ascending=False)
        bars = pd.DataFrame(
            {t("Services"): order["Services with linked opportunities"].to_numpy()},
            index=order[column],
        )
        title = t("Most aims bear on {name}", name=order.iloc[0][column])
        colours = SEVERITY_COLOURS[1:]
        subtitle = (
            t("Services naming aims or opportunities linked to each OECD dimension")
            if dimension
            else t("Services naming aims or opportunities linked to each standard")
        )
    fig = level_segment_labels(
        stacked_bars(bars, title, colours=colours, x_title=t("Services"), subtitle=subtitle)
    )
    if counts in order:
        missing = order.loc[order[counts] == 0, column].astype(str).tolist()
        for mark in _no_link_marks(missing):
            fig.add_trace(mark)
    return fig


def themes_figure(table: pd.DataFrame, kind: str, reporting: int) -> go.Figure:
    """Every theme by how many services report it, split by severity (or priority)."""
    columns = ["High", "Medium", "Low"]
    colours: tuple[str, ...] = SEVERITY_COLOURS
    if "Not rated" in table and int(table["Not rated"].sum()):
        columns.append("Not rated")
        colours = (*colours, NOT_RATED_COLOUR)
    bars = with_headers(table.set_index("Theme")[columns])
    top = table.iloc[0]
    values = {
        "theme": top["Theme"],
        "share": f"{top['Share of services reporting']:.0%}",
        "n": f"{reporting:,}",
    }
    if kind == "challenge":
        title = t(
            "{theme} is reported by {share} of the {n} services reporting challenges", **values
        )
        subtitle = t("Every challenge by how many services report it, split by severity")
    else:
        title = t("{theme} is named by {share} of the {n} services naming aims", **values)
        subtitle = t("Every aim or opportunity by how many services name it, split by priority")
    return level_segment_labels(
        stacked_bars(
            bars, title, colours=colours, x_title=t("Services reporting"), subtitle=subtitle
        )
    )


def assessment_figure(assessed: pd.DataFrame) -> go.Figure:
    """How services rate themselves against each standard: met, partly, not met, not assessed."""
    ratings = ["Met", "Partly met", "Not met", "Not assessed"]
    return level_segment_labels(
        stacked_bars(
            with_headers(assessed[ratings]),
            themes_tables.assessment_finding(assessed),
            colours=ASSESSMENT_COLOURS,
            x_title=t("Services"),
            subtitle=t("How services rate themselves against each standard"),
        )
    )
