"""Reading an uploaded file into tables of text cells, whatever the spreadsheet program did to it.

CSV: the encoding is found (UTF-8 with or without a byte-order mark, UTF-16, Windows-1252 and
other one-byte encodings, and a file that mixes UTF-8 and Windows-1252 line by line), then the
delimiter. XLSX: read with calamine (fast), with merged cells filled in, formulas replaced by
the results the spreadsheet saved (or reported when there is none), and cells formatted as
percentages read as percentages. A zip of CSVs is read as one table per file.

Every cell comes out as text (or None for a blank); types are the validator's job. Anything that
stops a file being read raises `ImportFailure` with what to do.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import pairwise
from pathlib import Path, PurePosixPath
from typing import cast
from xml.etree import ElementTree

import numpy as np
import pandas as pd

from dashboard.common.i18n import language, t, tn
from dashboard.importing import bounds
from dashboard.importing.problems import (
    ERROR,
    WARNING,
    ImportFailure,
    Problem,
    ProblemList,
    shown_value,
)
from dashboard.importing.read_worker import TIME_LIMIT, ReaderStopped, read_apart
from dashboard.importing.sheets import Sheet
from db.settings import get_settings

#: The largest file the import reads; `.streamlit/config.toml` caps uploads at the same size.
MAX_MEGABYTES = 50
MAX_BYTES = MAX_MEGABYTES * 1024 * 1024
#: More rows than this is not a catalogue; refuse before building a huge table in memory.
MAX_ROWS = 1_000_000
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_EXCEL_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!"}
#: Text that was UTF-8, read as Windows-1252 and saved again ("Ã©" for "é", "Åµ" for "ŵ").
_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf\u0152-\u2122]|Å[\u00b4\u00b5\u00b6\u00b7]|â€")
_SHOW_ROWS = 8


@dataclass
class Upload:
    """What a file held: one table (CSV, one sheet) or several (a workbook, a zip of CSVs)."""

    file_name: str
    kind: str  # "csv", "xlsx" or "zip"
    sheets: list[Sheet]
    sha256: str
    size: int

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)


def read_path(path: Path | str, max_bytes: int = MAX_BYTES) -> Upload:
    """Read a file from disk; its size is checked before any of it is read."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImportFailure(
            t(
                "The file {name} cannot be opened ({reason}).",
                name=path.name,
                reason=error.strerror,
            ),
            t("Check the path and that you may read the file."),
        ) from error
    check_size(size, max_bytes)
    return read_upload(path.name, path.read_bytes(), max_bytes)


def check_size(size: int, max_bytes: int = MAX_BYTES) -> None:
    if size > max_bytes:
        raise ImportFailure(
            t(
                "The file is {size} MB; the largest file the import takes is {limit} MB.",
                size=f"{size / 1024 / 1024:,.0f}",
                limit=f"{max_bytes / 1024 / 1024:,.0f}",
            ),
            t(
                "Split the rows into several files with the same columns and import them one "
                "after another: each import adds to what is already there."
            ),
        )


def read_upload(file_name: str, data: bytes, max_bytes: int = MAX_BYTES) -> Upload:
    """Read the bytes of an uploaded file, deciding what it is from its content, not its name."""
    check_size(len(data), max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportFailure(
            t("The file {name} is empty.", name=file_name),
            t(
                "Open it in your spreadsheet program, check that it holds your rows, save it and "
                "choose it again."
            ),
        )
    kind = _sniff_kind(file_name, data)
    if kind == "xlsx":
        sheets = read_workbook(data)
        if Path(file_name).suffix.lower() not in (".xlsx", ".xlsm"):
            for sheet in sheets:
                sheet.notes.insert(
                    0,
                    Problem(
                        message=t(
                            "{name} is an Excel workbook with another name, so it was read as "
                            "a workbook.",
                            name=file_name,
                        ),
                        action=t("Nothing to do; next time keep the .xlsx name."),
                        severity=WARNING,
                    ),
                )
    elif kind == "zip":
        sheets = _read_zip(data, max_bytes)
    else:
        sheets = [read_csv_bytes(data, Path(file_name).stem or file_name)]
    return Upload(file_name=file_name, kind=kind, sheets=sheets, sha256=digest, size=len(data))


# -- what kind of file ---------------------------------------------------------------------------


def _sniff_kind(file_name: str, data: bytes) -> str:
    suffix = Path(file_name).suffix.lower()
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(file_name, data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFailure(
            t(
                "{name} is an old-style Office file (Excel 97-2003 .xls, or a password-protected "
                "workbook), not a CSV or XLSX file.",
                name=file_name,
            ),
            t("Open it in Excel, remove any password, and save it as .xlsx or as CSV UTF-8."),
        )
    for magic, what in (
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG"),
        (b"\xff\xd8\xff", "JPEG"),
        (b"GIF8", "GIF"),
        (b"\x1f\x8b", "gzip"),
        (b"Rar!", "RAR"),
        (b"7z\xbc\xaf", "7-Zip"),
    ):
        if data.startswith(magic):
            raise _not_a_table(file_name, what)
    opening = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if opening.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")):
        raise ImportFailure(
            t(
                "{name} is a web page or an XML file, not a spreadsheet, even though its name "
                "may say so (some websites serve tables this way).",
                name=file_name,
            ),
            t(
                "Open it in your spreadsheet program and save it as .xlsx or as CSV UTF-8, "
                "then choose the saved copy."
            ),
        )
    if suffix in (".xlsx", ".xlsm") and not _looks_like_text(data):
        raise ImportFailure(
            t("{name} is named as a workbook but is not one, or it is damaged.", name=file_name),
            t("Open it in Excel and save it again as .xlsx, or save the sheet as CSV UTF-8."),
        )
    if not _looks_like_text(data):
        raise ImportFailure(
            t(
                "{name} is not a text file, so it cannot be a CSV file (it may be a file of "
                "another type renamed to .csv).",
                name=file_name,
            ),
            t("Open the data in your spreadsheet program and save it as CSV UTF-8 or as .xlsx."),
        )
    return "csv"


def _not_a_table(file_name: str, what: str) -> ImportFailure:
    return ImportFailure(
        t(
            "{name} is a {kind} file, not a CSV or XLSX file, even though its name may say so.",
            name=file_name,
            kind=what,
        ),
        t("Choose the spreadsheet itself, saved as .xlsx or as CSV UTF-8."),
    )


def _looks_like_text(data: bytes) -> bool:
    """Text has no NUL bytes (UTF-16 aside) and hardly any control characters."""
    sample = data[:65536]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in sample:
        return False
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 13, 12))
    return controls <= max(2, len(sample) // 200)


def _zip_kind(file_name: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile as error:
        raise ImportFailure(
            t("{name} looks like a workbook or a zip file but is damaged.", name=file_name),
            t("Save or download it again and choose the new copy."),
        ) from error
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        raise _not_a_table(file_name, "Word")
    if any(n.startswith("ppt/") for n in names):
        raise _not_a_table(file_name, "PowerPoint")
    if "content.xml" in names and "mimetype" in names:
        raise ImportFailure(
            t("{name} is an OpenDocument file.", name=file_name),
            t("Save it as .xlsx or as CSV UTF-8 and choose it again."),
        )
    if any(_csv_member(n) for n in names):
        return "zip"
    raise ImportFailure(
        t("{name} is a zip file with no CSV files in it.", name=file_name),
        t("Choose a CSV or XLSX file, or a zip of CSV files such as the full export."),
    )


def _csv_member(name: str) -> bool:
    path = PurePosixPath(name)
    return path.suffix.lower() == ".csv" and not any(p.startswith(("__", ".")) for p in path.parts)


def _read_zip(data: bytes, max_bytes: int) -> list[Sheet]:
    sheets = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = sorted((i for i in archive.infolist() if _csv_member(i.filename)), key=_order)
        if sum(i.file_size for i in members) > 8 * max_bytes:
            raise ImportFailure(
                t("The CSV files in this zip are too large to import in one go."),
                t("Import the CSV files one at a time."),
            )
        bounds.check_archive(archive, members)
        for info in members:
            name = PurePosixPath(info.filename).stem
            member = archive.read(info)
            if not member.strip(b" \t\r\n\xef\xbb\xbf"):
                continue
            if not _looks_like_text(member):
                raise ImportFailure(
                    t("{name} inside the zip is not a CSV file.", name=info.filename),
                    t("Remove it from the zip, or save it as CSV UTF-8."),
                )
            sheets.append(read_csv_bytes(member, name))
    return sheets


def _order(info: zipfile.ZipInfo) -> str:
    return info.filename


# -- CSV --------------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str, list[Problem]]:
    """The text of a CSV file, the encoding it was in, and anything a person should check."""
    if data.startswith(b"\xef\xbb\xbf"):
        body = data[3:]
        try:
            return body.decode("utf-8"), "UTF-8 with BOM", []
        except UnicodeDecodeError:
            text, notes = _mixed(body)
            return text, "UTF-8 with BOM, some lines Windows-1252", notes
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16", []
        except UnicodeDecodeError as error:
            raise ImportFailure(
                t("The file says it is UTF-16 text but part of it is not."),
                t("Save it again from your spreadsheet program as CSV UTF-8."),
            ) from error
    try:
        return data.decode("utf-8"), "UTF-8", []
    except UnicodeDecodeError:
        pass
    if _has_utf8_sequences(data):
        text, notes = _mixed(data)
        return text, "UTF-8, some lines Windows-1252", notes
    encoding = _legacy_encoding(data)
    note = Problem(
        message=t(
            "The file is in the {encoding} encoding, not UTF-8. It was read as such, but that "
            "encoding has no ŵ or ŷ, so Welsh names may have lost letters.",
            encoding=encoding,
        ),
        action=t(
            "Check the Welsh names in the preview. Next time save the file as “CSV UTF-8”, "
            "which keeps every Welsh letter."
        ),
        severity=WARNING,
    )
    return data.decode(_CODECS[encoding], errors="replace"), encoding, [note]


_CODECS = {"Windows-1252": "cp1252", "ISO-8859-1": "latin-1", "ISO-8859-15": "iso8859_15"}


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether any line is valid UTF-8 with letters beyond ASCII in it."""
    for line in data.splitlines():
        if max(line, default=0) < 128:
            continue
        try:
            line.decode("utf-8")
            return True
        except UnicodeDecodeError:
            continue
    return False


def _legacy_encoding(data: bytes) -> str:
    """Which one-byte encoding a non-UTF-8 file is in; Windows-1252 unless clearly another."""
    from charset_normalizer import from_bytes

    guess = from_bytes(data[:200_000], cp_isolation=["cp1252", "latin_1", "iso8859_15"]).best()
    name = (guess.encoding if guess else "cp1252").lower()
    if name in ("iso8859_15",):
        return "ISO-8859-15"
    try:
        data.decode("cp1252")
        return "Windows-1252"
    except UnicodeDecodeError:
        return "ISO-8859-1"


def _mixed(data: bytes) -> tuple[str, list[Problem]]:
    """Decode line by line: UTF-8 where a line is UTF-8, Windows-1252 where it is not."""
    lines = data.split(b"\n")
    legacy: list[int] = []
    out = []
    for number, line in enumerate(lines, start=1):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
            legacy.append(number)
    note = Problem(
        message=tn(
            "The file mixes two encodings: line {lines} is in Windows-1252 and the rest in UTF-8. "
            "Each line was read in its own encoding.",
            "The file mixes two encodings: {n} lines ({lines}) are in Windows-1252 and the rest "
            "in UTF-8. Each line was read in its own encoding.",
            len(legacy),
            lines=_some(legacy),
        ),
        action=t(
            "Check the names on those lines in the preview, then save the file as “CSV UTF-8” "
            "so it has one encoding."
        ),
        severity=WARNING,
    )
    return "\n".join(out), [note]


def _some(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:_SHOW_ROWS])
    return shown + (" …" if len(numbers) > _SHOW_ROWS else "")


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the same number of cells most often."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rfind("\n")]
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample), delimiter=delimiter))[:200]
        except csv.Error:
            continue
        counts = [len(r) for r in rows if any(c.strip() for c in r)]
        if not counts:
            continue
        mode, seen = Counter(counts).most_common(1)[0]
        if mode <= 1:
            continue
        score = (seen / len(counts), mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_bytes(data: bytes, name: str) -> Sheet:
    text, encoding, notes = decode(data)
    delimiter = sniff_delimiter(text)
    csv.field_size_limit(bounds.MAX_CELL_CHARS)  # a longer cell stops the reader at once
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    cells = 0
    try:
        for record in reader:
            if len(record) > bounds.MAX_COLUMNS:
                raise bounds.too_wide(len(record))
            cells += len(record)
            if cells > bounds.MAX_CELLS:
                raise bounds.too_many_cells(_cells_at_least(text, delimiter, cells))
            records.append(record)
            if len(records) > MAX_ROWS + 50:
                break
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise bounds.too_long_cell(reader.line_num) from error
        raise ImportFailure(
            t(
                'The file cannot be split into cells at line {line}: a double quote (") is '
                "opened and never closed, or text follows a closing quote.",
                line=reader.line_num,
            ),
            t(
                "Put the whole value inside the quotes, or remove the stray quote mark, and save "
                "the file again."
            ),
        ) from error
    rows: list[list[str | None]] = []
    for record in records:  # blank cells as None; the file's lists are let go as they go
        rows.append([cell if cell.strip() else None for cell in record])
        record.clear()
    del records
    sheet = _table(name, rows, list(range(1, len(rows) + 1)), notes)
    sheet.encoding, sheet.delimiter = encoding, delimiter
    _garbled(sheet, text)
    return sheet


def _cells_at_least(text: str, delimiter: str, counted: int) -> int:
    """About how many cells the whole text holds (separators and line ends), for the message."""
    return max(counted, text.count(delimiter) + text.count("\n"))


def _garbled(sheet: Sheet, text: str | None = None) -> None:
    """Warn about text that was saved twice in different encodings (é shown as Ã©)."""
    if text is not None and not _MOJIBAKE.search(text):
        return  # the usual case, found in one pass over the file
    hits: list[int] = []
    example: str | None = None
    for column in sheet.frame.columns:
        values = sheet.frame[column]
        found = values.notna() & values.astype("string").str.contains(_MOJIBAKE, na=False)
        hits.extend(sheet.rows[found.to_numpy()].tolist())
        if example is None and found.any():
            example = str(values[found.to_numpy()].iloc[0])
    if not hits:
        return
    rows = sorted(set(hits))
    repaired = _repaired(example or "")
    welsh = any(letter in repaired for letter in _WELSH_LETTERS)
    if repaired and repaired != example:
        said = t(
            "Some text looks garbled, as if the file was opened and saved in a program that "
            "read its {letters} wrongly: “{garbled}” is probably “{meant}”. Rows: {rows}.",
            letters=t("Welsh letters") if welsh else t("accented letters and symbols"),
            garbled=shown_value(example, 80),
            meant=shown_value(repaired, 80),
            rows=_some(rows),
        )
    else:
        said = t(
            "Some text looks garbled, as if the file was opened and saved in a program that "
            "read its accented letters and symbols wrongly. Rows: {rows}.",
            rows=_some(rows),
        )
    sheet.notes.append(
        Problem(
            message=said,
            action=t(
                "Fix the text in those rows, or export the data again from the original "
                "source as CSV UTF-8."
            ),
            severity=WARNING,
        )
    )


#: Letters Welsh has that Windows-1252 lacks or that Welsh uses often (ŵ, ŷ, and the to bach).
_WELSH_LETTERS = "ŵŷŴŶâêîôûÂÊÎÔÛ"


def _repaired(text: str) -> str:
    """Text saved as UTF-8, read as Windows-1252 and saved again, put back; "" if it is not."""
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        try:
            return text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return ""


# -- tables from rows -------------------------------------------------------------------------------


def _table(
    name: str, rows: list[list[str | None]], numbers: list[int], notes: list[Problem]
) -> Sheet:
    """Find the header, name the columns, and square the rows off against it."""
    notes = list(notes)
    header_at = _header_index(rows)
    if header_at is None:
        raise ImportFailure(
            t("{name} has no rows with values in them.", name=name),
            t("Check that you chose the right file or sheet."),
        )
    skipped = sum(1 for row in rows[:header_at] if any(cell is not None for cell in row))
    if skipped:
        notes.append(
            Problem(
                message=tn(
                    "The row above the column names was skipped (a title, not data).",
                    "The {n} rows above the column names were skipped (titles, not data).",
                    skipped,
                ),
                action=t("Nothing to do if those rows were titles or notes."),
                severity=WARNING,
            )
        )
    header = rows[header_at]
    width = max((len(r) for r in rows[header_at:]), default=0)
    columns, keep = _column_names(header, rows[header_at + 1 :], width, numbers[header_at], notes)
    body, body_numbers, broken = [], [], set()
    width = len(header)
    below = rows[header_at + 1 :]
    below_numbers = numbers[header_at + 1 :]
    end = _left_out_below(below, below_numbers, sum(1 for c in header if c is not None), notes)
    said = ProblemList()  # a note per row: the first few thousand listed, the rest counted
    for row, number in zip(below[:end], below_numbers[:end], strict=True):
        if not any(cell is not None for cell in row):
            continue  # a blank line is not a row
        if _is_total(row):
            said.add(
                Problem(
                    message=t(
                        "This row adds up the others (“{first}”), so it was left out: "
                        "importing it would count them twice.",
                        first=shown_value(next(c for c in row if c is not None)),
                    ),
                    action=t("Nothing to do; if it is a real row, give it another name."),
                    row=number,
                    severity=WARNING,
                )
            )
            continue
        if len(row) > width and any(cell is not None for cell in row[width:]):
            broken.add(number)
            said.add(
                Problem(
                    message=t(
                        "This row has {cells} cells but the header has {columns} columns.",
                        cells=len(row),
                        columns=width,
                    ),
                    action=t(
                        "A value probably holds the separator without quotes around it, so it "
                        "was split in two. Put that value in double quotes, or remove the "
                        "extra cells."
                    ),
                    row=number,
                    value=shown_value(" | ".join(c or "" for c in row[width:])),
                )
            )
        elif len(row) < width:
            said.add(
                Problem(
                    message=tn(
                        "This row has one cell but the header has {columns} columns; the "
                        "missing cells were read as blank.",
                        "This row has {n} cells but the header has {columns} columns; the "
                        "missing cells were read as blank.",
                        len(row),
                        columns=width,
                    ),
                    action=t(
                        "Check that the row was not split over two lines (a line break inside "
                        "a value needs quotes around the value)."
                    ),
                    row=number,
                    severity=WARNING,
                )
            )
        body.append([row[i] if i < len(row) else None for i in keep])
        body_numbers.append(number)
        if len(body) > MAX_ROWS:
            raise ImportFailure(
                t("{name} has more than {limit} rows.", name=name, limit=f"{MAX_ROWS:,}"),
                t("Split it into several files and import them one after another."),
            )
    notes.extend([*said.listed, *said.summaries(more_of_a_kind)])
    if not body:
        notes.append(
            Problem(
                message=t("{name} has column names but no rows under them.", name=name),
                action=t("Check that you chose the right file or sheet, and that it was saved."),
                severity=WARNING,  # an empty table in a full export is not a fault
            )
        )
    frame = pd.DataFrame(body, columns=columns, dtype=object)
    return Sheet(
        name=name,
        columns=columns,
        frame=frame,
        rows=np.asarray(body_numbers, dtype=np.int64),
        notes=notes,
        broken_rows=broken,
    )


def _header_index(rows: list[list[str | None]]) -> int | None:
    """The first row filled at least half as wide as the widest of the first rows, unless it
    is narrower than the rows below and the next such row is all names (a title with a comma
    in it, "Table 3: transactions, 2023-24", above the real column names)."""
    filled = [sum(1 for c in row if c is not None) for row in rows[:30]]
    if not any(filled):
        return None
    widest = max(filled)
    need = max(1, min(2, widest), (widest + 1) // 2)
    candidates = [i for i, n in enumerate(filled) if n >= need]
    for here, following in pairwise(candidates):
        below = [_reach(r) for r in rows[following : following + 20] if any(r)]
        usual = max(sorted(set(below)), key=below.count) if below else 0
        apart = following > here + 1  # a blank or a note line between: a title block
        titled = max((len(c) for c in rows[here] if c is not None), default=0) > _TITLE_LENGTH
        if (apart or titled) and _reach(rows[here]) < usual and _is_label_row(rows, following):
            continue
        return here
    return candidates[-1]


#: A cell this long in the first rows is a title ("Table 3: Online transactions by local
#: authority, 2023-24"), not a column name.
_TITLE_LENGTH = 40


def _reach(row: list[str | None]) -> int:
    """How far along a row its cells reach: the position of its last filled cell, plus one."""
    return next((i + 1 for i in range(len(row) - 1, -1, -1) if row[i] is not None), 0)


#: First cells of rows that add the others up: importing one would count its services twice.
TOTAL_WORDS = frozenset(
    {"total", "totals", "grand total", "sum", "all", "all wales", "wales total", "total wales"}
    | {"cyfanswm", "cyfanswm cymru", "cymru gyfan"}
)


def _is_total(row: list[str | None]) -> bool:
    first = next((c for c in row if c is not None), None)
    return first is not None and first.strip().casefold().rstrip(":") in TOTAL_WORDS


def _left_out_below(
    rows: list[list[str | None]], numbers: list[int], width: int, notes: list[Problem]
) -> int:
    """How many rows at the end are notes (one filled cell in a wider table), reported once."""
    end = len(rows)
    while end > 0 and width >= 3:
        filled = sum(1 for c in rows[end - 1] if c is not None)
        if filled > 1:
            break
        end -= 1
    notes_below = sum(1 for row in rows[end:] if any(c is not None for c in row))
    if notes_below:
        notes.append(
            Problem(
                message=tn(
                    "The line after the table was left out (a note, not data).",
                    "The {n} lines after the table were left out (notes, not data).",
                    notes_below,
                ),
                action=t("Nothing to do if those lines were notes or sources."),
                row=next(n for r, n in zip(rows[end:], numbers[end:], strict=True) if any(r)),
                severity=WARNING,
            )
        )
    return end


def _column_names(
    header: list[str | None],
    body: list[list[str | None]],
    width: int,
    header_row: int,
    notes: list[Problem],
) -> tuple[list[str], list[int]]:
    """Names for the header's columns: trimmed, unique; blank-headed empty columns dropped."""
    names: list[str] = []
    keep: list[int] = []
    seen: Counter[str] = Counter()
    for index, raw in enumerate(header):
        name = " ".join(str(raw).split()) if raw is not None else ""
        if not name:
            has_data = any(index < len(r) and r[index] is not None for r in body[:5000])
            if not has_data:
                continue
            name = t("Column {number}", number=index + 1)
            notes.append(
                Problem(
                    message=t(
                        "Column {number} has values but no name in the header.", number=index + 1
                    ),
                    action=t("Give it a name in the header row, or map it below."),
                    row=header_row,
                    column=name,
                    severity=WARNING,
                )
            )
        seen[name.casefold()] += 1
        if seen[name.casefold()] > 1:
            unique = f"{name} ({seen[name.casefold()]})"
            notes.append(
                Problem(
                    message=t("Two columns are called “{name}”.", name=name),
                    action=t(
                        "The second was renamed “{unique}”; rename one of them in the file so "
                        "each column says what it holds.",
                        unique=unique,
                    ),
                    row=header_row,
                    column=unique,
                    severity=WARNING,
                )
            )
            name = unique
        names.append(name)
        keep.append(index)
    del width
    return names, keep


# -- XLSX -------------------------------------------------------------------------------------------


def read_workbook(data: bytes) -> list[Sheet]:
    """Every sheet with values in it, as tables of text.

    The workbook's size is checked first, streaming its parts (`bounds`); then it is read in
    a process of its own (`read_worker`), so a reader that fails hard fails only there.
    """

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            bounds.check_workbook(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError) as error:
        raise ImportFailure(
            t("The workbook cannot be opened: it is damaged or not really an XLSX file."),
            t("Open it in Excel and save it again as .xlsx, or save the sheet as CSV UTF-8."),
        ) from error
    cpu_seconds = get_settings().landscape_read_cpu_seconds
    try:
        sheets = read_apart(data, language(), cpu_seconds)
    except ReaderStopped as stopped:
        raise _reader_stopped(stopped.how, cpu_seconds) from stopped
    if isinstance(sheets, ImportFailure):
        raise sheets
    assert isinstance(sheets, list)
    return sheets


def _reader_stopped(how: str, cpu_seconds: int) -> ImportFailure:
    """What the import says when the workbook's reader stopped before it read the file."""
    if how == "failed":
        return ImportFailure(
            t(
                "The workbook could not be read: the reader stopped on it (it is too large "
                "once unpacked, or damaged)."
            ),
            t(
                "Open it in Excel and save it again as .xlsx, or save the sheet to import as "
                "CSV UTF-8 and choose that."
            ),
        )
    said = (
        t(
            "Reading the workbook took more than {seconds} seconds of processor time, so "
            "it was stopped.",
            seconds=f"{cpu_seconds:,}",
        )
        if how == "processor"
        else t(
            "Reading the workbook took more than {seconds} seconds, so it was stopped.",
            seconds=f"{TIME_LIMIT:.0f}",
        )
    )
    return ImportFailure(
        said,
        t(
            "Save the sheet to import as CSV UTF-8 and choose that, or split the rows into "
            "several files."
        ),
    )


def read_sheets_here(data: bytes) -> list[Sheet]:
    """`read_workbook` in this process, once the workbook is known to be within bounds."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as error:  # calamine raises its own error types for damaged files
        raise ImportFailure(
            t("The workbook cannot be opened: it is damaged or not really an XLSX file."),
            t("Open it in Excel and save it again as .xlsx, or save the sheet as CSV UTF-8."),
        ) from error
    parts = _WorkbookXml(data)
    sheets = []
    for name in workbook.sheet_names:
        sheet = workbook.get_sheet_by_name(name)
        values = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges or []
        del sheet  # the reader's own copy of the cells
        if not any(any(v not in ("", None) for v in row) for row in values):
            continue
        sheets.append(_sheet_from_cells(name, cast(list[list[object]], values), merged, parts))
        del values
    if not sheets:
        raise ImportFailure(
            t("Every sheet in the workbook is empty."),
            t("Check that you chose the right workbook."),
        )
    return sheets


class _WorkbookXml:
    """The parts of an XLSX file calamine does not tell: formulas and percentage formats."""

    def __init__(self, data: bytes) -> None:
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.paths = self._sheet_paths()
        self.percent_styles = self._percent_styles()

    def _read(self, path: str) -> bytes:
        try:
            return self.archive.read(path)
        except KeyError:
            return b""

    def _sheet_paths(self) -> dict[str, str]:
        ns = {
            "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
            "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        }
        try:
            book = ElementTree.fromstring(self._read("xl/workbook.xml"))
            rels = ElementTree.fromstring(self._read("xl/_rels/workbook.xml.rels"))
        except ElementTree.ParseError:
            return {}
        targets = {r.get("Id"): r.get("Target", "") for r in rels}
        paths = {}
        for sheet in book.iterfind("m:sheets/m:sheet", ns):
            target = targets.get(sheet.get(f"{{{ns['r']}}}id"), "")
            target = target.lstrip("/")
            paths[sheet.get("name", "")] = target if target.startswith("xl/") else f"xl/{target}"
        return paths

    def _percent_styles(self) -> set[int]:
        try:
            styles = ElementTree.fromstring(self._read("xl/styles.xml") or b"<x/>")
        except ElementTree.ParseError:
            return set()
        custom = {
            int(f.get("numFmtId", "-1")): f.get("formatCode", "")
            for f in styles.iter()
            if f.tag.endswith("}numFmt")
        }
        xfs = next((e for e in styles.iter() if e.tag.endswith("}cellXfs")), None)
        percent = set()
        for index, xf in enumerate(list(xfs) if xfs is not None else []):
            fmt = int(xf.get("numFmtId", "0"))
            if fmt in (9, 10) or "%" in custom.get(fmt, ""):
                percent.add(index)
        return percent

    def cells(self, sheet_name: str) -> tuple[dict[tuple[int, int], str], set[tuple[int, int]]]:
        """Formula cells (0-based row, column) with no saved result, and percentage cells."""
        xml = self._read(self.paths.get(sheet_name, ""))
        unsaved: dict[tuple[int, int], str] = {}
        percent: set[tuple[int, int]] = set()
        if not xml:
            return unsaved, percent
        if b"<f" in xml:
            for match in _FORMULA_CELL.finditer(xml):
                cached = match.group("v")
                if cached is None or not cached.strip():
                    formula = (match.group("f") or b"").decode("utf-8", "replace")
                    unsaved[_cell_index(match.group("ref"))] = "=" + formula
        if self.percent_styles:
            styles = {str(s).encode() for s in self.percent_styles}
            for match in _STYLED_CELL.finditer(xml):
                if match.group("s") in styles:
                    percent.add(_cell_index(match.group("ref")))
        return unsaved, percent

    def formula_count(self, sheet_name: str) -> int:
        xml = self._read(self.paths.get(sheet_name, ""))
        return len(re.findall(rb"<f[ >/]", xml))


_FORMULA_CELL = re.compile(
    rb'<c r="(?P<ref>[A-Z]+\d+)"[^>]*>\s*<f(?:\s[^>]*)?(?:/>|>(?P<f>.*?)</f>)\s*'
    rb"(?:<v>(?P<v>.*?)</v>|<v\s*/>)?",
    re.S,
)
_STYLED_CELL = re.compile(rb'<c r="(?P<ref>[A-Z]+\d+)"[^>]*?\ss="(?P<s>\d+)"')


def _cell_index(ref: bytes) -> tuple[int, int]:
    found = re.match(rb"[A-Z]+", ref)
    if found is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    letters = found.group(0)
    column = 0
    for letter in letters:
        column = column * 26 + (letter - 64)
    return int(ref[len(letters) :]) - 1, column - 1


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


#: Merged cells: (row, column) of the first cell and of the last, counted from 0.
_Span = tuple[tuple[int, int], tuple[int, int]]


def _sheet_from_cells(
    name: str, values: list[list[object]], merged: list[_Span], parts: _WorkbookXml
) -> Sheet:
    """The table of a sheet's cells. `values` is turned into text in place (one copy of a
    large sheet in memory, not two)."""
    notes: list[Problem] = []
    unsaved, percent = parts.cells(name)
    garbled = any(_MOJIBAKE.search(v) for row in values[:2000] for v in row if isinstance(v, str))
    raw_percent = {
        (r, c): values[r][c] for r, c in percent if r < len(values) and c < len(values[r])
    }
    for index, cells in enumerate(values):
        values[index] = [_cell_text(v) for v in cells]
    grid = cast(list[list[str | None]], values)
    for (row, column), raw in raw_percent.items():
        text = grid[row][column]
        if text is not None:
            grid[row][column] = _as_percent(raw, text)
    header_at = _header_index(grid)
    across = [m for m in merged if header_at is not None and m[0][0] <= header_at <= m[1][0]]
    if across and header_at is not None:
        _merged_headers(grid, header_at, [m for m in across if m[1][1] > m[0][1]], notes)
    for (r0, c0), (r1, c1) in merged:
        if (r0, c0) in {m[0] for m in across} or r1 == r0:
            continue
        top = grid[r0][c0] if r0 < len(grid) and c0 < len(grid[r0]) else None
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, len(grid[r]) - 1) + 1):
                grid[r][c] = top
        notes.append(
            Problem(
                message=t(
                    "Cells {first} to {last} are merged; each of their rows took the value "
                    "“{value}”.",
                    first=f"{_column_letter(c0)}{r0 + 1}",
                    last=f"{_column_letter(c1)}{r1 + 1}",
                    value=shown_value(top) or "",
                ),
                action=t("Check that every one of those rows should have that value."),
                row=r0 + 1,
                severity=WARNING,
            )
        )
    broken_formulas: list[Problem] = []
    for (row, column), formula in sorted(unsaved.items()):
        if row < len(grid) and column < len(grid[row]):
            grid[row][column] = None
        broken_formulas.append(
            Problem(
                message=t(
                    "Cell {cell} holds a formula ({formula}) whose result was never saved in the "
                    "file, so there is no value to import.",
                    cell=f"{_column_letter(column)}{row + 1}",
                    formula=shown_value(formula, 80) or "",
                ),
                action=t(
                    "Open the workbook in Excel and save it (that stores every result), or copy "
                    "the column and paste it back as values."
                ),
                row=row + 1,
                value=shown_value(formula, 80),
            )
        )
    formulas = parts.formula_count(name) - len(unsaved)
    if formulas > 0:
        notes.append(
            Problem(
                message=tn(
                    "One cell holds a formula; the result the spreadsheet saved was imported.",
                    "{n} cells hold formulas; the results the spreadsheet saved were imported.",
                    formulas,
                ),
                action=t("Nothing to do, unless the workbook was changed without being saved."),
                severity=WARNING,
            )
        )
    sheet = _table(name, grid, list(range(1, len(grid) + 1)), notes)
    present = set(sheet.rows.tolist())
    for problem in broken_formulas:
        if problem.row in present:
            sheet.broken_rows.add(int(problem.row or 0))
            sheet.notes.append(problem)
    if garbled:
        _garbled(sheet)
    return sheet


def _merged_headers(
    grid: list[list[str | None]], header_at: int, spans: list[_Span], notes: list[Problem]
) -> None:
    """Header cells merged across columns. When the row beneath holds a name for every one of
    those columns (a group title over its columns' own names), that row names them; otherwise
    say which columns have no name of their own."""
    if not spans:
        return
    below = header_at + 1
    names = grid[below] if below < len(grid) else []
    covered = all(
        all(c < len(names) and names[c] is not None for c in range(c0, c1 + 1))
        for (_r0, c0), (_r1, c1) in spans
    )
    if covered and _is_label_row(grid, below):
        header = grid[header_at]
        titles = {c0: header[c0] for (_r0, c0), _end in spans}
        for c, name in enumerate(names):
            if name is not None and c < len(header):
                header[c] = name
        grid[below] = [None] * len(names)  # now part of the header; row numbers stay as shown
        for (_r0, c0), (_r1, c1) in spans:
            notes.append(
                Problem(
                    message=t(
                        "The header “{title}” is merged over columns {first} to {last}; the "
                        "names in the row beneath it were used for those columns.",
                        title=shown_value(titles[c0]) or "",
                        first=_column_letter(c0),
                        last=_column_letter(c1),
                    ),
                    action=t("Check the mapping of those columns below."),
                    row=header_at + 1,
                    severity=WARNING,
                )
            )
        return
    for (_r0, c0), (_r1, c1) in spans:
        title = grid[header_at][c0]
        for c in range(c0 + 1, min(c1, len(grid[header_at]) - 1) + 1):
            grid[header_at][c] = None
        notes.append(
            Problem(
                message=t(
                    "The header “{title}” is merged over columns {first} to {last}, so only "
                    "the first of them has a name.",
                    title=shown_value(title) or "",
                    first=_column_letter(c0),
                    last=_column_letter(c1),
                ),
                action=t(
                    "Unmerge the header cells and give each column its own name, or map the "
                    "unnamed columns below."
                ),
                row=header_at + 1,
                column=shown_value(title),
                severity=WARNING,
            )
        )


def _is_label_row(grid: list[list[str | None]], index: int) -> bool:
    """A row of names: text that does not parse as numbers."""
    cells = [c for c in grid[index] if c is not None]
    return bool(cells) and all(not re.fullmatch(r"[-+]?[\d.,%£]+", c) for c in cells)


def _cell_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if not text.strip():
        return None
    return text


def _as_percent(raw: object, text: str) -> str:
    """A cell shown as 85% holds 0.85: import the 85 that people see."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        shown = round(float(raw) * 100, 10)
        return (str(int(shown)) if shown.is_integer() else repr(shown)) + "%"
    return text


def is_spreadsheet_error(text: str) -> bool:
    return text.strip().upper() in _EXCEL_ERRORS


__all__ = [
    "DELIMITER_NAMES",
    "ERROR",
    "MAX_BYTES",
    "MAX_MEGABYTES",
    "ImportFailure",
    "Sheet",
    "Upload",
    "check_size",
    "decode",
    "read_path",
    "read_upload",
    "sniff_delimiter",
]


def more_of_a_kind(count: int, example: str) -> str:
    """The line that stands for the problems of one kind left out of a long list."""
    return tn(
        "…and one more problem of this kind (such as: {example})",
        "…and {count} more problems of this kind (such as: {example})",
        count,
        count=f"{count:,}",
        example=example,
    )
