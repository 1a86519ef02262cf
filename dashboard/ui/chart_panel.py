"""A chart with everything a meeting needs: the plot, its data table, CSV/XLSX and a PNG."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import images
from dashboard.ui.downloads import table_downloads

#: The browser toolbar keeps zoom and pan; images come from the PNG button, drawn server-side.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["toImage", "select2d", "lasso2d"],
    "responsive": True,
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chart"


def footer_lines(chips: list[str], source: str) -> list[str]:
    """What a pasted image must carry: the filter, where the data came from, and when."""
    return [
        "Filter: " + ("; ".join(chips) if chips else "none (all services)"),
        f"{source} · Drawn {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
    ]


def chart_panel(
    fig: go.Figure,
    table: pd.DataFrame,
    *,
    name: str,
    key: str,
    filter_summary: list[str],
    source: str,
    note: str = "",
) -> None:
    """Draw `fig`; under it a PNG download and an expander with `table` and its downloads.

    `name` is the short name files carry; `table` is exactly what the chart draws.
    """
    st.plotly_chart(fig, key=f"{key}_chart", config=PLOTLY_CONFIG, width="stretch", theme=None)
    problem = images.renderer_problem()
    stem = f"{_slug(name)}-{datetime.now(UTC):%Y%m%d}"
    st.download_button(
        "Download PNG",
        data=lambda: images.figure_png(fig, footer_lines(filter_summary, source)),
        file_name=f"{stem}.png",
        mime="image/png",
        key=f"{key}_png",
        icon=":material/image:",
        disabled=problem is not None,
        help=problem
        or "The chart at presentation resolution (3200 px wide), with the filter "
        "and data source written under it.",
    )
    with st.expander(f"Data behind this chart: {name.lower()}"):
        st.dataframe(table, hide_index=True, key=f"{key}_table")
        if note:
            st.caption(note)
        table_downloads(table, name, filter_summary, key=key, note=note)
