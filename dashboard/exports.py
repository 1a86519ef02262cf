"""Downloads: CSV safe against formula injection and readable by Excel, XLSX, and chart PNGs."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime

import pandas as pd

#: A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


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
    """The lines above a downloaded table: what it is, which filter, when, any caveat."""
    lines = [
        title,
        "Filter: " + ("; ".join(filter_summary) if filter_summary else "none (all services)"),
    ]
    lines.append(f"Downloaded: {when:%Y-%m-%d %H:%M} UTC")
    if note:
        lines.append(note)
    return lines


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
    """An XLSX workbook: header lines, a blank row, then the table; cells kept as text values."""
    buffer = io.BytesIO()
    start = len(header) + 1 if header else 0
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, sheet_name=sheet[:31], index=False, startrow=start)
        worksheet = writer.sheets[sheet[:31]]
        for row, line in enumerate(header, start=1):
            worksheet.cell(row=row, column=1, value=neutralise(line))
    return buffer.getvalue()
