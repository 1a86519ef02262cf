"""The Overview's charts, each drawn from the table that is downloaded beside it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import landscape
from dashboard.charts import LEVEL_COLOURS, PROGRESS_COLOURS, SEVERITY_COLOURS, stacked_bars


def sector_level_figure(table: pd.DataFrame, shares: bool = False) -> go.Figure:
    """Stacked bars: one per sector, one segment per digitisation level (light to dark).

    With `shares`, each sector's bar is its own 100%, so small sectors compare with large.
    """
    if shares:
        return stacked_bars(
            landscape.shares_within_rows(table).drop(columns="Services"),
            landscape.level_finding(table),
            colours=LEVEL_COLOURS,
            x_title="Share of the sector's services",
            subtitle="Share of each sector's services at each digitisation level",
            percent=True,
        )
    return stacked_bars(
        table.drop(columns="All levels"),
        landscape.level_finding(table),
        colours=LEVEL_COLOURS,
        x_title="Services",
        subtitle="Services by sector and digitisation level",
    )


def theme_figure(table: pd.DataFrame, kind: str, reporting: int) -> go.Figure:
    """Stacked bars: the most reported themes, split by severity (or priority for aims)."""
    severities = [c for c in table.columns if c in ("High", "Medium", "Low")]
    noun = "challenges" if kind == "challenge" else "aims and opportunities"
    split = landscape.SEVERITY_TITLE[kind].lower()
    frame = table.set_index("Theme")[severities] if not table.empty else pd.DataFrame()
    return stacked_bars(
        frame,
        landscape.theme_finding(table, kind, reporting),
        colours=SEVERITY_COLOURS,
        x_title="Services reporting",
        subtitle=f"The {len(table)} {noun} reported for the most services, by {split}",
    )


def survey_figure(progress: pd.DataFrame) -> go.Figure:
    """Stacked bars: each survey's deep dives submitted, in progress and not started."""
    return stacked_bars(
        progress[list(landscape.SURVEY_STATES)],
        landscape.survey_finding(progress),
        colours=PROGRESS_COLOURS,
        x_title="Deep-dive services",
        subtitle="Survey progress of the deep-dive services",
    )
