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


def provenance_rows(
    title: str, filter_summary: Sequence[str], when: datetime, note: str = ""
) -> list[tuple[str, str]]:
    """What a table is, which filter (one row per part), the weights, when and the source,
    each as a label and a value in cells of their own: "Sector" | "Health", "Source" | "...".

    The lines people read ("Filter: Sector: Health", "Source: ...") are split at their first
    colon; a line with none is a note.
    """
    rows = [(t("Title"), title)]
    if not filter_summary:
        rows.append((t("Filter"), t("none (all services)")))
    rows.extend(_labelled(part, t("Filter")) for part in filter_summary)
    rows.append((t("Downloaded (UTC)"), f"{when:%Y-%m-%d %H:%M}"))
    if note:
        rows.append(_labelled(note, t("Note")))
    return rows


def _labelled(line: str, fallback: str) -> tuple[str, str]:
    label, colon, value = line.partition(": ")
    return (label, value) if colon and label and value else (fallback, line)


def why_column(column: str) -> str:
    """The column beside a figure that says why there is no figure."""
    return t("{column}: why no figure", column=column)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and not pd.isna(value)


def numbers_apart(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every column that mixes figures and words (a figure, or in its place why
    there is none) split in two: the figures alone, as numbers, and beside them the words."""
    out = frame.copy()
    for column in list(frame.columns):
        values = frame[column]
        if values.dtype != object:
            continue
        numeric = values.map(_is_number)
        words = values.notna() & ~numeric
        if not numeric.any() or not words.any():
            continue
        position = out.columns.get_loc(column)
        out[column] = pd.to_numeric(values.where(numeric), errors="coerce")
        assert isinstance(position, int)
        out.insert(position + 1, why_column(str(column)), values.where(words))
    return out


def to_tidy_csv(frame: pd.DataFrame, provenance: Sequence[tuple[str, str]]) -> bytes:
    """A CSV for analysis: the header is the first line, each column one kind of value (a
    figure column holds numbers only, the reason beside it), and what the table is comes
    after it, below a blank line, on lines that start with "#" (read_csv(comment="#") and
    R's comment.char skip them), one label and one value to a line."""
    buffer = io.StringIO()
    safe_frame(numbers_apart(frame)).to_csv(buffer, index=False, lineterminator="\r\n")
    buffer.write("\r\n")
    about = pd.DataFrame(
        [[f"# {t('About this table')}", ""]]
        + [[f"# {label}", neutralise(value)] for label, value in provenance]
    )
    about.to_csv(buffer, header=False, index=False, lineterminator="\r\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


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


def to_xlsx(
    frame: pd.DataFrame,
    header: Sequence[str] = (),
    sheet: str = "Data",
    provenance: Sequence[tuple[str, str]] = (),
) -> bytes:
    """An XLSX workbook: header lines, a blank row, then the table; cells kept as text values.

    The table's header row is frozen (it stays in view while scrolling) and each column is as
    wide as its longest value, up to MAX_COLUMN_WIDTH characters. With `provenance`, a second
    sheet ("About") holds it, a label and a value to a row.
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
        if provenance:
            about_name = sheet_name(t("About"))
            about = pd.DataFrame(
                [[neutralise(label), neutralise(value)] for label, value in provenance],
                columns=[t("About this table"), ""],
            )
            about.to_excel(writer, sheet_name=about_name, index=False)
            about_sheet = writer.sheets[about_name]
            about_sheet.column_dimensions["A"].width = 24
            about_sheet.column_dimensions["B"].width = MAX_COLUMN_WIDTH
    return buffer.getvalue()


def _width(values: pd.Series, title: str) -> float:
    """Characters wide a column needs for its title and its longest value (sampled).

    A missing value is an empty cell: pandas keeps it missing through `astype(str)`.
    """
    sample = values.head(2_000).astype(object)
    longest = max([len(title), *(len(str(v)) for v in sample if not pd.isna(v))], default=8)
    return float(min(MAX_COLUMN_WIDTH, max(8, longest + 2)))
