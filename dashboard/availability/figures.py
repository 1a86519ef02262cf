"""The Data availability page's charts, shared with the slide deck (frame in, Figure out).

Titles, axes, legends and hover text are in the language the function runs in; the frames come
dashboard.availability.tables with their fixed English column keys.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.availability import tables as availability
from dashboard.common import answers
from dashboard.common.charts import AVAILABILITY_COLOURS, level_segment_labels, stacked_bars
from dashboard.common.headers import with_headers
from dashboard.common.i18n import t


def availability_figure(table: pd.DataFrame) -> go.Figure:
    """Each metric's answers: a figure, or the reason there is none (shares)."""
    return level_segment_labels(
        stacked_bars(
            with_headers(table[list(answers.CATEGORIES)]),
            availability.hardest_finding(table),
            colours=AVAILABILITY_COLOURS,
            x_title=t("Share of services answering"),
            subtitle=t("What owners said for each metric: a figure, or why there is none"),
            percent=True,
        )
    )


def sector_availability_figure(table: pd.DataFrame, metric_name: str) -> go.Figure:
    """One metric's answers in each sector that answered it: a 100% bar per sector, split
    into a figure (provided, estimated) and each reason there is none.

    `table` is dashboard.availability.metric_by_sector; a sector with no answers is left out
    of the bars (an empty bar would read as 0%) and the page names it instead. Each bar's
    label carries the number of services answering.
    """
    answered = table[table["Services answering"] > 0]
    bars = with_headers(answered[list(answers.CATEGORIES)])
    bars.index = [
        f"{sector} ({int(n):,})"
        for sector, n in zip(answered.index, answered["Services answering"], strict=True)
    ]
    return level_segment_labels(
        stacked_bars(
            bars,
            availability.sector_finding(table, metric_name),
            colours=AVAILABILITY_COLOURS,
            x_title=t("Share of the sector's services answering"),
            subtitle=t(
                "What owners said about {metric} in each sector: a figure, or why there is "
                "none (services answering in brackets)",
                metric=metric_name.lower(),
            ),
            percent=True,
        )
    )
