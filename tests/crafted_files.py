"""Crafted uploads made on the fly (never committed): files small on disk that unpack, or lay
out, far larger than they look. For the upload-bounds tests and `bench/upload_bounds.py`."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
_MB = 1024 * 1024


def _sheet_start(dimension: str | None) -> bytes:
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}">{declared}<sheetData>'
    ).encode()


_SHEET_END = b"</sheetData></worksheet>"


def xlsx(
    sheet: Iterator[bytes] | bytes,
    strings: Iterator[bytes] | bytes = b"",
    string_count: int = 0,
) -> bytes:
    """A workbook of one sheet whose XML (and shared strings) come in pieces, packed as they
    come: a sheet of gigabytes is never held whole."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        for name, parts in (
            ("xl/sharedStrings.xml", _shared(strings, string_count)),
            ("xl/worksheets/sheet1.xml", [sheet] if isinstance(sheet, bytes) else sheet),
        ):
            with archive.open(name, "w", force_zip64=True) as member:
                for part in parts:
                    member.write(part)
    return buffer.getvalue()


def _shared(strings: Iterator[bytes] | bytes, count: int) -> Iterator[bytes]:
    yield f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" count="{count}" uniqueCount="{count}">'.encode()
    if isinstance(strings, bytes):
        yield strings
    else:
        yield from strings
    yield b"</sst>"


def _cell(ref: str, number: int) -> bytes:
    return f'<c r="{ref}"><v>{number}</v></c>'.encode()


def corner_cells(dimension: str | None = "A1:XFD1048576", last: str = "XFD1048576") -> bytes:
    """A1 and the last cell of a sheet: 1.5 KB that a reader lays out as 17 billion cells."""
    last_row = "".join(ch for ch in last if ch.isdigit())
    sheet = (
        _sheet_start(dimension)
        + b'<row r="1">'
        + _cell("A1", 1)
        + b"</row>"
        + f'<row r="{last_row}">'.encode()
        + _cell(last, 2)
        + b"</row>"
        + _SHEET_END
    )
    return xlsx(sheet)


def far_row_without_references(row: int = 1_000_000, width: int = 1_000) -> bytes:
    """Cells with no references (allowed: a reader counts them along the row), a row far
    down: within every bound the sheet's XML states, yet laid out as `row` x `width` cells."""
    sheet = (
        _sheet_start(None)
        + b"<row>"
        + b"<c><v>1</v></c>" * width
        + b"</row>"
        + f'<row r="{row}"><c><v>2</v></c></row>'.encode()
        + _SHEET_END
    )
    return xlsx(sheet)


def inflating(unpacked: int) -> bytes:
    """A workbook whose sheet unpacks to `unpacked` bytes of rows (a thousand times its size)."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    block = row * (_MB // len(row))

    def parts() -> Iterator[bytes]:
        yield _sheet_start("A1:A2")
        for _ in range(unpacked // len(block)):
            yield block
        yield _SHEET_END

    return xlsx(parts())


def one_long_string(characters: int) -> bytes:
    """A workbook whose one shared string is `characters` long (a 1 GiB one packs to 1 MB)."""
    chunk = b"A" * _MB

    def text() -> Iterator[bytes]:
        yield b"<si><t>"
        for _ in range(characters // _MB):
            yield chunk
        yield b"A" * (characters % _MB)
        yield b"</t></si>"

    sheet = _sheet_start("A1:A2") + b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + _SHEET_END
    return xlsx(sheet, text(), 1)


def tiny_cells_csv(megabytes: int) -> bytes:
    """A CSV of one-character cells: 47 MB of it is 24 million cells."""
    line = ",".join(["1"] * 50) + "\n"
    header = ",".join(f"c{i}" for i in range(50)) + "\n"
    return (header + line * (megabytes * _MB // len(line))).encode()


def wide_csv(columns: int = 20_000, rows: int = 3) -> bytes:
    header = ",".join(f"Column {i}" for i in range(columns))
    body = ",".join("1" for _ in range(columns))
    return ("\n".join([header, *([body] * rows)]) + "\n").encode()


def long_cell_csv(characters: int) -> bytes:
    return ("code,name_en\nx1," + "A" * characters + "\n").encode()


def many_cells(rows: int, columns: int = 5) -> bytes:
    """A workbook within every bound whose reading takes a while: `rows` rows of `columns`
    numbers each (about 300,000 cells take the reader a second of processor time)."""
    letters = "ABCDEFGHIJ"[:columns]

    def sheet() -> Iterator[bytes]:
        yield _sheet_start(f"A1:{letters[-1]}{rows}")
        for start in range(1, rows + 1, 10_000):
            yield b"".join(
                b'<row r="%d">' % row
                + b"".join(_cell(f"{c}{row}", row) for c in letters)
                + b"</row>"
                for row in range(start, min(start + 10_000, rows + 1))
            )
        yield _SHEET_END

    return xlsx(sheet())
