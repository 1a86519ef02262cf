"""Downloads: CSV safe against formula injection and readable by Excel, XLSX, and chart PNGs."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime

import pandas as pd
from openpyxl.utils import get_column_letter

from dashboard.common.i18n import t

#: A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
#: Characters Excel refuses in a sheet name, and its length limit.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_LIMIT = 31
#: Widest a column is set (in characters): long text wraps in the cell instead.
MAX_COLUMN_WIDTH = 60


def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe.

    Plain negative numbers held as text (e.g. "-12.5") are left alone: they are data, not code.
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_TRIGGERS) and not _NUMBER.match(value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every text cell (and header) is neutralised."""
    safe = frame.copy()
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    for column in safe.columns:
        if safe[column].dtype == object or isinstance(safe[column].dtype, pd.StringDtype):
            safe[column] = safe[column].map(neutralise)
        elif isinstance(safe[column].dtype, pd.CategoricalDtype):
            safe[column] = safe[column].astype(object).map(neutralise)
    return safe


def header_lines(
    title: str, filter_summary: Sequence[str], when: datetime, note: str = ""
) -> list[str]:
    """The lines above a downloaded table: what it is, which filter, when, any caveat
    (in the language of the run)."""
    lines = [
        title,
        filter_line(filter_summary),
        t("Downloaded: {when} UTC", when=f"{when:%Y-%m-%d %H:%M}"),
    ]
    if note:
        lines.append(note)
    return lines


def filter_line(filter_summary: Sequence[str]) -> str:
    """ "Filter: Sector: Health; Deep-dive services only", or that there is none."""
    if not filter_summary:
        return t("Filter: none (all services)")
    return t("Filter: {parts}", parts="; ".join(filter_summary))


def sheet_name(title: str) -> str:
    """A name Excel accepts for a sheet: no []:*?/\\, no apostrophe at either end, at most
    31 characters (cut at a word where one is near), never empty."""
    name = " ".join(_SHEET_FORBIDDEN.sub(" ", title).split()).strip("'").strip()
    if len(name) > SHEET_NAME_LIMIT:
        cut = name[:SHEET_NAME_LIMIT]
        space = cut.rfind(" ")
        name = (cut[:space] if space >= SHEET_NAME_LIMIT // 2 else cut).strip().strip("'")
    return name or "Data"


def to_csv(frame: pd.DataFrame, header: Sequence[str] = ()) -> bytes:
    """UTF-8 with a byte-order mark (so Excel shows ŵ and ŷ), header lines first, cells neutralised."""
    buffer = io.StringIO()
    for line in header:
        pd.DataFrame([[neutralise(line)]]).to_csv(
            buffer, header=False, index=False, lineterminator="\r\n"
        )
    if header:
        buffer.write("\r\n")
    # CRLF line ends: what Excel writes, and it makes the csv module quote a lone CR in a cell
    safe_frame(frame).to_csv(buffer, index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(frame: pd.DataFrame, header: Sequence[str] = (), sheet: str = "Data") -> bytes:
    """An XLSX workbook: header lines, a blank row, then the table; cells kept as text values.

    The table's header row is frozen (it stays in view while scrolling) and each column is as
    wide as its longest value, up to MAX_COLUMN_WIDTH characters.
    """
    buffer = io.BytesIO()
    start = len(header) + 1 if header else 0
    name = sheet_name(sheet)
    safe = safe_frame(frame)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=name, index=False, startrow=start)
        worksheet = writer.sheets[name]
        for row, line in enumerate(header, start=1):
            worksheet.cell(row=row, column=1, value=neutralise(line))
        # rows are 1-based and the table's header row is row start + 1: freeze what is above
        worksheet.freeze_panes = worksheet.cell(row=start + 2, column=1)
        for number, column in enumerate(safe.columns, start=1):
            worksheet.column_dimensions[get_column_letter(number)].width = _width(
                safe[column], str(column)
            )
    return buffer.getvalue()


def _width(values: pd.Series, title: str) -> float:
    """Characters wide a column needs for its title and its longest value (sampled).

    A missing value is an empty cell: pandas keeps it missing through `astype(str)`.
    """
    sample = values.head(2_000).astype(object)
    longest = max([len(title), *(len(str(v)) for v in sample if not pd.isna(v))], default=8)
    return float(min(MAX_COLUMN_WIDTH, max(8, longest + 2)))
