"""The Overview's charts, each drawn from the table that is downloaded beside it.

The tables come from `dashboard.overview.tables` in the language of the run, and so do the words
here: build a table and its chart under the same `using()`.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.charts import LEVEL_COLOURS, PROGRESS_COLOURS, SEVERITY_COLOURS, stacked_bars
from dashboard.common.i18n import t, tn
from dashboard.overview import tables as overview_tables
from db.vocabulary import MAX_LEVEL, MIN_LEVEL


def sector_level_figure(
    table: pd.DataFrame,
    shares: bool = False,
    level_range: tuple[int, int] = (MIN_LEVEL, MAX_LEVEL),
) -> go.Figure:
    """Stacked bars: one per sector, one segment per digitisation level (light to dark).

    With `shares`, each sector's bar is its own 100%, so small sectors compare with large.
    Services with no level recorded are in no bar; the subtitle says how many levels are known.
    """
    coverage = overview_tables.level_coverage(table)

    def subtitle(text: str) -> str:
        return f"{text} · {coverage}" if coverage else text

    if shares:
        return stacked_bars(
            overview_tables.shares_within_rows(table).drop(
                columns=[overview_tables.services_column(), overview_tables.level_not_recorded()]
            ),
            overview_tables.level_finding(table, level_range),
            colours=LEVEL_COLOURS,
            x_title=t("Share of the sector's services"),
            subtitle=subtitle(t("Share of each sector's services at each digitisation level")),
            percent=True,
        )
    return stacked_bars(
        table.drop(columns=[overview_tables.all_levels(), overview_tables.level_not_recorded()]),
        overview_tables.level_finding(table, level_range),
        colours=LEVEL_COLOURS,
        x_title=t("Services"),
        subtitle=subtitle(t("Services by sector and digitisation level")),
    )


def theme_figure(table: pd.DataFrame, kind: str, reporting: int) -> go.Figure:
    """Stacked bars: the most reported themes, split by severity (or priority for aims)."""
    severities = [c for c in overview_tables.severity_columns() if c in table.columns]
    frame = table.set_index(t("Theme"))[severities] if not table.empty else pd.DataFrame()
    if kind == "challenge":
        subtitle = tn(
            "The {n} challenge reported for the most services, by severity",
            "The {n} challenges reported for the most services, by severity",
            len(table),
        )
    else:
        subtitle = tn(
            "The {n} aim or opportunity reported for the most services, by priority",
            "The {n} aims and opportunities reported for the most services, by priority",
            len(table),
        )
    return stacked_bars(
        frame,
        overview_tables.theme_finding(table, kind, reporting),
        colours=SEVERITY_COLOURS,
        x_title=t("Services reporting"),
        subtitle=subtitle,
    )


def survey_figure(progress: pd.DataFrame) -> go.Figure:
    """Stacked bars: each survey's deep dives submitted, in progress and not started."""
    return stacked_bars(
        progress[overview_tables.survey_states()],
        overview_tables.survey_finding(progress),
        colours=PROGRESS_COLOURS,
        x_title=t("Deep-dive services"),
        subtitle=t("Survey progress of the deep-dive services"),
    )
