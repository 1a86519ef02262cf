"""Download buttons for a table: CSV and XLSX of exactly what is shown, built only when clicked."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from dashboard.exports import header_lines, to_csv, to_xlsx


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "table"


def table_downloads(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    title: str,
    filter_summary: list[str],
    key: str,
    note: str = "",
) -> None:
    """Two buttons side by side; the files carry the title, the filter and the date on top.

    `frame` may be a function that builds the table, so a large one is only built on a click.
    """
    if not callable(frame):
        frame = _constant(frame)
    when = datetime.now(UTC)
    header = header_lines(title, filter_summary, when, note)
    stem = f"{_slug(title)}-{when:%Y%m%d}"
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        "Download CSV",
        data=lambda: to_csv(frame(), header),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    right.download_button(
        "Download XLSX",
        data=lambda: to_xlsx(frame(), header, sheet=title),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        icon=":material/download:",
    )


def _constant(frame: pd.DataFrame) -> Callable[[], pd.DataFrame]:
    return lambda: frame
