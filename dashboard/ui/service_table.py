"""A table of services behind an Insight figure: the first rows on screen, each with a link to
its detail view, and the whole table as CSV and XLSX."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.common.catalogue_links import with_links
from dashboard.common.headers import localised
from dashboard.common.i18n import language, t, tn, using
from dashboard.ui.downloads import table_downloads

#: Rows drawn on screen; at 100,000 services a drill-down can hold tens of thousands, and
#: sending them all on every rerun would make the page slow for no reader's benefit.
SHOWN = 1_000


def service_table(
    table: pd.DataFrame,
    title: str,
    *,
    key: str,
    filter_summary: list[str],
    source: str,
    shown: int = SHOWN,
) -> None:
    """`table` has a "Code" column (the service code) and fixed English column keys."""
    if len(table) > shown:
        st.caption(
            tn(
                "The first {shown} of {n} service are listed; the download holds them all.",
                "The first {shown} of {n} services are listed; the download holds them all.",
                len(table),
                shown=f"{shown:,}",
                n=f"{len(table):,}",
            )
        )
    st.dataframe(
        localised(with_links(table.head(shown))),
        hide_index=True,
        key=f"{key}_table",
        column_config={t("Details"): st.column_config.LinkColumn(display_text=t("Open"))},
    )
    lang = language()

    def whole() -> pd.DataFrame:
        # built when the button is clicked, perhaps outside this run: in the reader's language
        with using(lang):
            return localised(table)

    table_downloads(whole, title, filter_summary, key=key, note=source)
