"""A chart with everything a meeting needs: the plot, its data table, CSV/XLSX and a PNG."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.common import chart_images
from dashboard.common.charts import fit_width
from dashboard.common.exports import filter_line
from dashboard.common.i18n import language, t, using
from dashboard.serving import page_shell
from dashboard.ui.downloads import file_stem, table_downloads
from dashboard.ui.on_demand import open_expander

#: The browser toolbar keeps zoom and pan; images come from the PNG button, drawn server-side.
PLOTLY_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["toImage", "select2d", "lasso2d"],
    "responsive": True,
}


#: Below this chart width (a phone) plotly's toolbar is left out: it sat on the chart's title,
#: and zooming and panning are no use on a touch screen of that size.
TOOLBAR_MIN_WIDTH = 600


def plotly_config(width: int | None) -> dict[str, object]:
    """The chart's plotly settings for a chart `width` px wide (None: not known)."""
    if width is not None and width < TOOLBAR_MIN_WIDTH:
        return {**PLOTLY_CONFIG, "displayModeBar": False}
    return PLOTLY_CONFIG


def chart_width() -> int | None:
    """How wide a chart is in this session's window, from the size the page shell noted as the
    page loaded; None when the browser sent none (the headings keep their nominal lines)."""
    size = page_shell.viewport(st.context.cookies.get(page_shell.VIEWPORT_COOKIE))
    return None if size is None else page_shell.main_width(size["width"])


def footer_lines(chips: list[str], source: str) -> list[str]:
    """What a pasted image must carry: the filter, where the data came from, and when."""
    return [
        filter_line(chips),
        t(
            "{source} · Drawn {when} UTC",
            source=source,
            when=f"{datetime.now(UTC):%Y-%m-%d %H:%M}",
        ),
    ]


def png_button(fig: go.Figure, name: str, key: str, filter_summary: list[str], source: str) -> None:
    """A button that draws `fig` as a PNG at presentation resolution when clicked."""
    problem = chart_images.renderer_problem()
    lang = language()

    def draw() -> bytes:
        # the click is served outside the script run: keep the page's language
        with using(lang):
            # the image is 1600 px wide (at twice the density) whatever the window
            return chart_images.figure_png(
                fit_width(fig, chart_images.WIDTH), footer_lines(filter_summary, source)
            )

    st.download_button(
        t("Download PNG"),
        data=draw,
        file_name=f"{file_stem(name)}.png",
        mime="image/png",
        key=f"{key}_png",
        icon=":material/image:",
        on_click="ignore",
        disabled=problem is not None,
        help=problem
        or t(
            "The chart at presentation resolution (3200 px wide), with the filter and data "
            "source written under it."
        ),
    )


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
    """Draw `fig`; under it a PNG download and an expander with `table` and its downloads
    (built only while it is open).

    `name` is the short name files carry; `table` is exactly what the chart draws.
    """
    width = chart_width()
    st.plotly_chart(
        fit_width(fig, width),
        key=f"{key}_chart",
        config=plotly_config(width),
        width="stretch",
        theme=None,
    )
    png_button(fig, name, key, filter_summary, source)
    box = open_expander(
        t("Data behind this chart: {name}", name=name), key=f"{key}_data", icon=":material/table:"
    )
    if box is None:
        return
    with box:
        st.dataframe(table, hide_index=True, key=f"{key}_table")
        if note:
            st.caption(note)
        table_downloads(table, name, filter_summary, key=key, note=note)
