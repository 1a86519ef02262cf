"""Files for the import tests, made on the fly: good ones and every kind of bad one."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from dashboard.importing import export
from db.engine import make_engine

HEADER = "code,name_en,name_cy,abbreviation,sector,org_type"


def organisations_csv(rows: list[str], header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def workbook(rows: list[list[object]], merges: tuple[str, ...] = (), title: str = "Sheet") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for merge in merges:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_saved_results(data: bytes, results: dict[str, str]) -> bytes:
    """A workbook whose formula cells carry the results a spreadsheet program saves with them
    (openpyxl writes formulas without results, as a program that never calculated would)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                for cell, value in results.items():
                    content = re.sub(
                        rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/?>(</v>)?'.encode(),
                        rb"\1<v>" + value.encode() + rb"</v>",
                        content,
                    )
            target.writestr(item, content)
    return out.getvalue()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def sparse_file(path: Path, megabytes: int) -> Path:
    """A file of that size on disk that takes no space (for the size cap)."""
    with path.open("wb") as handle:
        handle.truncate(megabytes * 1024 * 1024)
    return path


#: What describes imports rather than the landscape: the log (a failed import is logged too),
#: saved mappings and the audit trail. An import may change these and nothing else.
ABOUT_IMPORTS = ("import_run", "import_mapping", "audit_event")


def snapshot(engine: Engine) -> dict[str, object]:
    """Everything an import could change: every exported table, row counts of every table but
    the import log and mappings, and the data version."""
    frames = export.tables(engine)
    with engine.connect() as connection:
        counts = {
            table: connection.execute(text(f'SELECT COUNT(*) FROM "{table}"')).scalar()
            for table in SQLModel.metadata.tables
            if table not in ABOUT_IMPORTS
        }
        version = connection.execute(text("SELECT data_version FROM dataset WHERE id = 1")).scalar()
    return {
        "frames": {k: v.astype(str).to_dict("split") for k, v in frames.items()},
        "counts": counts,
        "version": version,
    }


def mark_as_real(url: str) -> None:
    """Label a store's data as imported rather than invented, so a test (or a docs example)
    can import real rows into a copy of the demo store without replacing the demo."""
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE dataset SET kind = 'real', label = 'Imported data' WHERE id = 1")
        )
    engine.dispose()
