"""Files as public bodies really send them, gone wrong: each gets a report in words, never a
traceback, and nothing is written.

The files live in tests/data/real_formats/bad/: a statistics table with titles above the column
names and a totals row and notes below, a Windows-1252 CSV, a web page saved with an .xls name,
a workbook cut short, cells that are formulas, a header with no rows, an empty file, a quote
left open.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.importing.reading import read_path
from db.demo.build import load_demo
from tests.import_files import snapshot

BAD = Path(__file__).parent / "data" / "real_formats" / "bad"
runner = CliRunner()

#: file -> words the report must hold
EXPECTED = {
    "title_rows_and_totals.csv": "adds up the others (“Total”)",
    "windows_1252.csv": "Windows-1252",
    "web_page_saved_as.xls": "is a web page or an XML file, not a spreadsheet",
    "cut_short.xlsx": "is damaged",
    "formula_cells.csv": "spreadsheet formula, not a value",
    "header_only.csv": "has column names but no rows under them",
    "empty.csv": "is empty",
    "ragged_rows.csv": "opened and never closed",
}


@pytest.fixture
def demo_store(use_database, sqlite_store: Engine) -> Engine:  # type: ignore[no-untyped-def]
    load_demo(sqlite_store)
    use_database(str(sqlite_store.url))
    return sqlite_store


def test_every_bad_file_in_the_corpus_is_covered() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_dry_run_with_no_mapping_explains_the_file_in_words(
    demo_store: Engine, name: str
) -> None:
    before = snapshot(demo_store)
    result = runner.invoke(app, ["data", "import", str(BAD / name), "--dry-run"])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert EXPECTED[name] in result.output, result.output
    assert snapshot(demo_store) == before


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_an_import_writes_nothing_from_a_bad_file(demo_store: Engine, name: str) -> None:
    before = snapshot(demo_store)
    result = runner.invoke(app, ["data", "import", str(BAD / name), "--entity", "services"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert snapshot(demo_store) == before


def test_titles_above_and_a_total_and_notes_below_are_not_rows() -> None:
    sheet = read_path(BAD / "title_rows_and_totals.csv").sheets[0]
    assert sheet.columns == ["Local authority", "Service name", "Transactions"]
    assert sheet.frame["Local authority"].tolist() == ["Cardiff", "Swansea"]
    assert sheet.rows.tolist() == [5, 6]
    said = " ".join(p.message for p in sheet.notes)
    assert "2 rows above the column names were skipped" in said
    assert "line after the table was left out" in said
    total = next(p for p in sheet.notes if "adds up the others" in p.message)
    assert total.row == 7


def test_a_total_row_in_welsh_is_left_out_too(tmp_path: Path) -> None:
    source = tmp_path / "cyfanswm.csv"
    source.write_text("Awdurdod,Nifer\nCaerdydd,10\nAbertawe,5\nCyfanswm,15\n", encoding="utf-8")
    sheet = read_path(source).sheets[0]
    assert sheet.frame["Awdurdod"].tolist() == ["Caerdydd", "Abertawe"]


def test_a_header_with_a_comma_free_title_still_reads_an_ordinary_file(tmp_path: Path) -> None:
    source = tmp_path / "plain.csv"
    source.write_text("Code,Name,Notes\nw1,Cardiff,\nw2,Swansea,coastal\n", encoding="utf-8")
    sheet = read_path(source).sheets[0]
    assert sheet.columns == ["Code", "Name", "Notes"]
    assert sheet.row_count == 2
    assert not [p for p in sheet.notes if "left out" in p.message]


def test_a_long_title_right_above_the_column_names_is_skipped(tmp_path: Path) -> None:
    source = tmp_path / "titled.csv"
    source.write_text(
        "Table 7: Applications made online by service and authority, 2023-24\n"
        "Authority,Service,Applications\nCardiff,Parking permit,1200\n",
        encoding="utf-8",
    )
    sheet = read_path(source).sheets[0]
    assert sheet.columns == ["Authority", "Service", "Applications"]
    assert sheet.frame["Applications"].tolist() == ["1200"]
