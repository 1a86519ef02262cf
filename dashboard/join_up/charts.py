"""The Join up page's chart: services at each digitisation level, a bar per service type, with
its data table holding exactly what is drawn (no Streamlit here)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.charts import LEVEL_COLOURS, LEVEL_NOT_RECORDED, stacked_bars
from dashboard.common.i18n import t
from dashboard.common.names import level_names
from dashboard.join_up.figures import LEVEL_COLUMNS, LEVELS
from dashboard.join_up.findings import finding

#: Types drawn in the chart; the table under the page lists every one.
CHART_TYPES = 15


def level_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Services at each level (and with no level) for each type shown, in the order given."""
    names = level_names()
    table = pd.DataFrame(
        {
            names[level]: rows[column].to_numpy()
            for level, column in zip(LEVELS, LEVEL_COLUMNS, strict=True)
        },
        index=rows["name"].to_numpy(),
    )
    table[t("Level not recorded")] = rows["level_unknown"].to_numpy()
    return table


def level_figure(rows: pd.DataFrame, total_types: int) -> go.Figure:
    """The first `CHART_TYPES` of `rows` (already in order); the title is the first one's
    finding."""
    shown = rows.head(CHART_TYPES)
    table = level_table(shown)
    return stacked_bars(
        table,
        finding(shown.iloc[0]) if len(shown) else t("No service type to show"),
        # the levels as on every page (light to dark blues), then "not recorded" in grey
        colours=(*LEVEL_COLOURS, LEVEL_NOT_RECORDED),
        x_title=t("Services"),
        subtitle=t(
            "Services at each digitisation level, for {shown} of {total} service types, in the "
            "order chosen",
            shown=len(shown),
            total=total_types,
        ),
    )


def level_data(rows: pd.DataFrame) -> pd.DataFrame:
    """The chart's data table: the types drawn, with their counts at each level."""
    shown = rows.head(CHART_TYPES)
    table = level_table(shown)
    table.insert(0, t("Organisations"), shown["organisations"].to_numpy())
    return table.rename_axis(t("Service type")).reset_index()
