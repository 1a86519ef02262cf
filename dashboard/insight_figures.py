"""Charts of the Insight pages, shared by the pages and the slide deck (frame in, Figure out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import availability
from dashboard import prioritise as p
from dashboard.charts import AVAILABILITY_COLOURS, PALETTE, SEVERITY_COLOURS, stacked_bars


def availability_figure(table: pd.DataFrame) -> go.Figure:
    """Each metric's answers: a figure, or the reason there is none (shares)."""
    return stacked_bars(
        table[list(availability.CATEGORIES)],
        availability.hardest_finding(table),
        colours=AVAILABILITY_COLOURS,
        x_title="Share of services answering",
        subtitle="What owners said for each metric: a figure, or why there is none",
        percent=True,
    )


def priority_figure(top: pd.DataFrame, weights: dict[str, int]) -> go.Figure:
    """The top of the ranking, each bar split into the parts that make up its score."""
    used = [c for c in p.CODES if weights.get(c)]
    columns = [f"{p.NAMES[c]} contribution" for c in used] or ["Score"]
    bars = top.set_index(top["Rank"].astype(str) + ". " + top["Service"])[columns]
    bars.columns = [p.NAMES[c] for c in used] or ["Score"]
    leader = top.iloc[0]
    return stacked_bars(
        bars,
        f"Top priority: {leader['Service']} ({leader['Organisation']}), score "
        f"{leader['Score']:.2f}",
        # each part keeps its colour whichever parts are weighted
        colours=tuple(PALETTE[p.CODES.index(c)] for c in used) if used else PALETTE,
        x_title="Score (the parts add up to it)",
        subtitle=f"The {len(top)} highest scores and why: each part's share of the score",
        decimals=2,
    )


def framework_figure(table: pd.DataFrame, column: str, kind: str, what: str) -> go.Figure:
    """Standards (or OECD dimensions) by the services reporting themes linked to them."""
    noun = "challenge" if kind == "challenge" else "aim or opportunity"
    if kind == "challenge":
        bars = pd.DataFrame(
            {
                "Rated high": table["of them rated high"].to_numpy(),
                "Rated medium or low": (
                    table["Services with linked challenges"] - table["of them rated high"]
                ).to_numpy(),
            },
            index=table[column],
        )
        first = table.iloc[0]
        title = (
            f"Most at risk: {first[column]} ({first['of them rated high']:,} services with a "
            "high-severity linked challenge)"
        )
        colours = SEVERITY_COLOURS[::2]
    else:
        ordered = table.sort_values("Services with linked opportunities", ascending=False)
        bars = ordered.set_index(column)[["Services with linked opportunities"]]
        title = f"Most aims bear on {ordered.iloc[0][column]}"
        colours = SEVERITY_COLOURS[1:]
    return stacked_bars(
        bars,
        title,
        colours=colours,
        x_title="Services",
        subtitle=f"Services reporting {noun}s linked to each {what}",
    )
