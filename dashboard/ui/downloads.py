"""Download buttons for a table: CSV and XLSX of exactly what is shown, built only when clicked.

Everything in the files follows the language of the page: the title, the header lines and the
file name. A table built lazily is built in the language of the click's page (the download
runs outside the script, where no session says which language it is).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from streamlit.delta_generator import DeltaGenerator

from dashboard.common import audit
from dashboard.common.exports import (
    header_lines,
    provenance_rows,
    to_csv,
    to_tidy_csv,
    to_xlsx,
)
from dashboard.common.filters import fold
from dashboard.common.i18n import language, t, using
from dashboard.ui import store
from dashboard.ui.admin import NOBODY, current_actor

LOG = logging.getLogger(__name__)


def slug(text: str, fallback: str = "table") -> str:
    """A file-name stem from a title in either language: "Gwasanaethau sŵn" -> "gwasanaethau-swn"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:80].strip("-") or fallback


def file_stem(title: str, when: datetime | None = None) -> str:
    """ "service-catalogue-20261125": the title and the day, so repeated downloads sort."""
    return f"{slug(title)}-{(when or datetime.now(UTC)):%Y%m%d}"


def table_downloads(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    title: str,
    filter_summary: list[str],
    key: str,
    note: str = "",
    help_note: str = "",
) -> None:
    """Three buttons side by side: CSV and XLSX carry the title, the filter and the date on
    top; the CSV for analysis has its column headings first and what it is at its foot.

    `frame` may be a function that builds the table, so a large one is only built on a click.
    `help_note` is added to every button's help (e.g. what order the rows come in).
    """
    if not callable(frame):
        frame = _constant(frame)
    frame = _recorded(frame, title, filter_summary)
    lang = language()
    when = datetime.now(UTC)
    header = header_lines(title, filter_summary, when, note)
    provenance = provenance_rows(title, filter_summary, when, note)
    stem = file_stem(title, when)

    def build() -> pd.DataFrame:
        with using(lang):
            return frame()

    def workbook() -> bytes:
        with using(lang):  # the About sheet's words too
            return to_xlsx(frame(), header, sheet=title, provenance=provenance)

    def for_analysis() -> bytes:
        with using(lang):  # the "why no figure" headings and the About block's words too
            return to_tidy_csv(frame(), provenance)

    row = st.container(horizontal=True, gap="small")
    _button(
        row,
        t("Download CSV"),
        lambda: to_csv(build(), header),
        t("The rows shown, with the title, filter, date and source above them."),
        help_note,
        name=f"{stem}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon="download",
    )
    _button(
        row,
        t("Download XLSX"),
        workbook,
        t(
            "The same rows as an Excel workbook; its About sheet says what they are, a "
            "label and a value to a row."
        ),
        help_note,
        name=f"{stem}.xlsx",
        mime=XLSX,
        key=f"{key}_xlsx",
        icon="download",
    )
    _button(
        row,
        t("CSV for analysis"),
        for_analysis,
        t(
            "For R, Python or a pivot table: the column headings are the first line, a "
            "figure column holds numbers only with the reason for a missing figure beside "
            "it, and what the table is comes last, on lines starting with #."
        ),
        help_note,
        name=f"{stem}-data.csv",
        mime="text/csv",
        key=f"{key}_tidy_csv",
        icon="dataset",
    )


#: The workbook's media type.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _button(
    row: DeltaGenerator,
    label: str,
    data: Callable[[], bytes],
    explanation: str,
    help_note: str,
    *,
    name: str,
    mime: str,
    key: str,
    icon: str,
) -> None:
    """A download button in `row` for the file `name` of type `mime`, built only when clicked
    (a click does not rerun the page); its help is `explanation` and the table's `help_note`;
    `icon` is a Material icon's name."""
    row.download_button(
        label,
        data=data,
        file_name=name,
        mime=mime,
        key=key,
        icon=f":material/{icon}:",
        on_click="ignore",
        help=f"{explanation} {help_note}" if help_note else explanation,
    )


def _recorded(
    frame: Callable[[], pd.DataFrame], title: str, filter_summary: list[str]
) -> Callable[[], pd.DataFrame]:
    """`frame`, recording each download in the audit trail when someone is signed in (a
    visitor's downloads of the public tables are not recorded: writing needs a credential).
    Who, and the store, are taken now: the download is built outside this run."""
    who = current_actor()
    if who == NOBODY:
        return frame
    engine = store.engine()
    summary = "; ".join(filter_summary)

    def built() -> pd.DataFrame:
        table = frame()
        try:
            audit.record_export(engine, who, title, len(table), summary)
        except SQLAlchemyError:
            LOG.warning(
                "The download of %r could not be recorded in the audit trail",  # not translated: a server log line
                title,
            )
        return table

    return built


def _constant(frame: pd.DataFrame) -> Callable[[], pd.DataFrame]:
    return lambda: frame
