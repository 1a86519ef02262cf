"""How big a file the import reads, checked before it is read.

An upload is at most 50 MB, but what it unpacks to is not: a workbook is a zip of XML, and a
sheet of 1.5 KB can name a cell at the far corner of the grid (XFD1048576), which a reader
then allocates the whole grid for. So, before any reader sees a workbook or a zip of CSVs:

- the members' unpacked sizes are added up and compared with what they were packed into;
- each sheet's XML is streamed in chunks (never held whole) for its declared dimension, its
  cell references, its number of cells and its longest text;

and anything beyond the bounds below is refused in words, saying what to do. A CSV file is
counted as it is split into cells (`reading.read_csv_bytes`).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from dashboard.common.i18n import t
from dashboard.importing.problems import ImportFailure

#: More columns than this is not a table people map by hand (one choice per column).
MAX_COLUMNS = 1_000
#: Rows a sheet may reach (the import takes at most a million rows; titles and notes aside).
MAX_SHEET_ROWS = 1_001_000
#: Cells in one table (rows times columns, as a reader lays them out): reading and checking
#: three million cells takes under 1 GB (bench/upload_bounds.py); a larger file is split.
MAX_CELLS = 3_000_000
#: The longest text one cell may hold: Excel's own limit.
MAX_CELL_CHARS = 32_767
#: What the members of a workbook or zip may unpack to, together.
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
#: How many times larger than its packed size a member may unpack to (ordinary sheets pack
#: 5 to 30 times; a crafted one 1,000 times).
MAX_RATIO = 100
#: Members smaller than this are not held to the ratio (a tiny file packs very well).
_RATIO_FROM = 1024 * 1024
_CHUNK = 1024 * 1024
#: A sheet's dimension is declared in its first bytes, before any cell.
_DIMENSION_WITHIN = 64 * 1024


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f}"


def check_archive(
    archive: zipfile.ZipFile, members: Iterable[zipfile.ZipInfo] | None = None
) -> None:
    """Refuse a zip (a workbook is one) whose members unpack to too much, or too suddenly."""
    infos = list(archive.infolist() if members is None else members)
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise ImportFailure(
            t(
                "The file unpacks to {size} MB; the import reads at most {limit} MB once unpacked.",
                size=_megabytes(total),
                limit=_megabytes(MAX_UNPACKED_BYTES),
            ),
            t(
                "Split the rows into several files with the same columns and import them one "
                "after another, or save the sheet alone as CSV UTF-8."
            ),
        )
    for info in infos:
        if info.file_size > _RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ImportFailure(
                t(
                    "Part of the file ({part}) unpacks to {times} times its packed size, far "
                    "more than a spreadsheet does: it is damaged or made to overload the import.",
                    part=info.filename,
                    times=f"{info.file_size // max(info.compress_size, 1):,}",
                ),
                t("Open it in your spreadsheet program and save it again as .xlsx or CSV UTF-8."),
            )


@dataclass
class Extent:
    """What one sheet's XML says about its size."""

    #: The declared dimension (<dimension ref="A1:D20"/>): last row and column, 1-based.
    declared_rows: int = 0
    declared_columns: int = 0
    #: The furthest cell any reference names.
    rows: int = 0
    columns: int = 0
    cells: int = 0
    #: The longest run of text between two tags, in bytes.
    longest_text: int = 0
    #: Bytes of XML measured so far.
    read: int = 0


_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s[^>]*?\bref="([^"]*)"')
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CELL_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="\$?([A-Za-z]{1,4})\$?([0-9]{1,9})"')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\s[^>]*?\br="([0-9]{1,9})"')
_REF = re.compile(r"\$?([A-Za-z]{1,4})?\$?([0-9]{1,9})?")
#: Text this long between two tags (in bytes; a character is up to four) is over the limit.
_LONG_TEXT = re.compile(rb">[^<]{%d,}" % (MAX_CELL_CHARS * 4 + 1))


def column_number(letters: str) -> int:
    """A column's number from its letters (A is 1, XFD is 16,384)."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + (ord(letter) - 64)
    return number


def _reference(text: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as D20; 0 for a part it leaves out."""
    found = _REF.fullmatch(text.strip())
    if found is None:
        return 0, 0
    letters, digits = found.groups()
    return int(digits or 0), column_number(letters or "")


def measure(stream: Iterable[bytes]) -> Extent:
    """Stream a sheet's XML (in chunks) and measure it, holding one chunk at a time."""
    extent = Extent()
    carry = b""
    for chunk in stream:
        buffer = carry + chunk
        cut = buffer.rfind(b"<")
        if cut <= 0:
            carry = buffer
            extent.longest_text = max(extent.longest_text, len(carry))
            if extent.longest_text > MAX_CELL_CHARS * 4:
                return extent
            continue
        done, carry = buffer[:cut], buffer[cut:]
        _measure_part(done, extent)
        if extent.longest_text > MAX_CELL_CHARS * 4:
            return extent
    if carry:
        _measure_part(carry, extent)
    return extent


def _measure_part(part: bytes, extent: Extent) -> None:
    if extent.read < _DIMENSION_WITHIN:  # it comes before the cells
        declared = _DIMENSION.search(part)
        if declared is not None:
            for ref in declared.group(1).decode("ascii", "replace").split(":"):
                row, column = _reference(ref)
                extent.declared_rows = max(extent.declared_rows, row)
                extent.declared_columns = max(extent.declared_columns, column)
    extent.read += len(part)
    extent.cells += len(_CELL.findall(part))
    refs = _CELL_REF.findall(part)
    if refs:
        extent.columns = max(
            extent.columns, *(column_number(c.decode()) for c in {c for c, _ in refs})
        )
        extent.rows = max(extent.rows, *(int(r) for r in {r for _, r in refs}))
    rows = _ROW_REF.findall(part)
    if rows:
        extent.rows = max(extent.rows, max(map(int, set(rows))))
    if _LONG_TEXT.search(part):
        extent.longest_text = max(extent.longest_text, MAX_CELL_CHARS * 4 + 1)


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterable[bytes]:
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            yield chunk


def worksheets(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    return [
        i
        for i in archive.infolist()
        if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
    ]


def check_workbook(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook too large to read, before a reader lays any sheet out in memory."""
    check_archive(archive)
    for info in worksheets(archive):
        try:
            extent = measure(_chunks(archive, info))
        except (zipfile.BadZipFile, OSError, EOFError) as error:  # a damaged member
            raise ImportFailure(
                t("The workbook cannot be opened: it is damaged or not really an XLSX file."),
                t("Open it in Excel and save it again as .xlsx, or save the sheet as CSV UTF-8."),
            ) from error
        check_extent(extent)
    strings = next((i for i in archive.infolist() if i.filename == "xl/sharedStrings.xml"), None)
    if strings is not None and measure(_chunks(archive, strings)).longest_text > MAX_CELL_CHARS * 4:
        raise too_long_cell()


def check_extent(extent: Extent) -> None:
    if extent.longest_text > MAX_CELL_CHARS * 4:
        raise too_long_cell()
    rows = max(extent.rows, extent.declared_rows)
    columns = max(extent.columns, extent.declared_columns)
    if columns > MAX_COLUMNS:
        raise too_wide(columns)
    if rows > MAX_SHEET_ROWS:
        raise ImportFailure(
            t(
                "A sheet reaches row {rows}; the import reads at most {limit} rows.",
                rows=f"{rows:,}",
                limit=f"{MAX_SHEET_ROWS - 1000:,}",
            ),
            t(
                "Delete the empty rows below your table (select them, Delete, save), or split "
                "the rows into several files and import them one after another."
            ),
        )
    if rows * columns > MAX_CELLS or extent.cells > MAX_CELLS:
        raise too_many_cells(max(rows * columns, extent.cells))


def too_wide(columns: int) -> ImportFailure:
    return ImportFailure(
        t(
            "The table reaches column {columns}; the import reads at most {limit} columns.",
            columns=f"{columns:,}",
            limit=f"{MAX_COLUMNS:,}",
        ),
        t(
            "Delete the empty columns to the right of your table, or keep only the columns "
            "to import, save, and choose the file again."
        ),
    )


def too_many_cells(cells: int) -> ImportFailure:
    return ImportFailure(
        t(
            "The table spans {cells} cells; the import reads at most {limit} in one file.",
            cells=f"{cells:,}",
            limit=f"{MAX_CELLS:,}",
        ),
        t(
            "Delete any empty rows and columns around your table, or split the rows into "
            "several files with the same columns and import them one after another."
        ),
    )


def too_long_cell(row: int | None = None) -> ImportFailure:
    return ImportFailure(
        t(
            "A cell holds more than {limit} characters, more than a spreadsheet cell can.",
            limit=f"{MAX_CELL_CHARS:,}",
        )
        if row is None
        else t(
            "A cell on line {row} holds more than {limit} characters, more than a spreadsheet "
            "cell can.",
            row=f"{row:,}",
            limit=f"{MAX_CELL_CHARS:,}",
        ),
        t("Shorten it, or keep the long text in a document and put its address in the cell."),
    )
