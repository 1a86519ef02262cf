"""Uploads that are small on disk but huge once read are refused in words before they are
read (the crafted files are made by tests/crafted_files.py, never committed); a reader that
fails hard fails in its own process, not the server's; a file with a million bad cells gives
a report of a few thousand lines with the rest counted by kind."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy.engine import Engine

from dashboard.importing import bounds, pipeline
from dashboard.importing.entities import METRIC_ANSWERS, ORGANISATIONS, SURVEY_RESPONSES
from dashboard.importing.mapping import propose
from dashboard.importing.problems import MAX_LISTED, ImportFailure
from dashboard.importing.reading import read_upload
from dashboard.importing.validation import Known, validate
from db.engine import make_engine
from tests import crafted_files as crafted
from tests.import_files import workbook


def _refused(name: str, data: bytes) -> str:
    with pytest.raises(ImportFailure) as refused:
        read_upload(name, data)
    said = str(refused.value)
    assert "Traceback" not in said and refused.value.action
    return said


# -- finding 1: the last cell of a sheet ------------------------------------------------------------


@pytest.mark.parametrize("dimension", ["A1:XFD1048576", None, "A1:B2"])
def test_a_cell_at_the_far_corner_of_a_sheet_is_refused_before_reading(
    dimension: str | None,
) -> None:
    """A1 and XFD1048576, with the dimension declared, left out, or declared falsely small:
    a reader would lay out 17 billion cells (512 GiB) and abort the server."""
    data = crafted.corner_cells(dimension)
    assert len(data) < 3000
    said = _refused("corner.xlsx", data)
    assert "column 16,384" in said and "at most 1,000 columns" in said


def test_a_sheet_reaching_far_down_is_refused_in_words() -> None:
    said = _refused("deep.xlsx", crafted.corner_cells("A1:B1048576", last="B1048576"))
    assert "row 1,048,576" in said


def test_a_sheet_too_large_for_the_reader_fails_in_words_and_this_process_goes_on() -> None:
    """Cells without references are laid out along their row, so the sheet's XML states no
    size a check could refuse; the reader asks for tens of gigabytes and dies, in its own
    process: the import says so in words, and this process reads the next file."""
    said = _refused("no-refs.xlsx", crafted.far_row_without_references())
    assert "could not be read" in said
    upload = read_upload("fine.xlsx", workbook([["code", "name_en"], ["a", "A body"]]))
    assert upload.sheets[0].frame.iloc[0].tolist() == ["a", "A body"]


def test_a_workbook_taking_longer_than_the_processor_limit_is_refused_in_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reader's process may use LANDSCAPE_READ_CPU_SECONDS of processor time: a workbook
    within every bound but slower to read than that (here a million cells against 1 s) is
    refused, saying the limit and what to do, and this process reads the next file."""
    from db.settings import get_settings

    data = crafted.many_cells(200_000)
    monkeypatch.setenv("LANDSCAPE_READ_CPU_SECONDS", "1")
    get_settings.cache_clear()
    with pytest.raises(ImportFailure) as refused:
        read_upload("slow.xlsx", data)
    assert "more than 1 seconds of processor time" in refused.value.message
    assert "CSV UTF-8" in refused.value.action and "split" in refused.value.action
    # under the default limit this process reads the next file, and the same workbook
    # (a small one is not read under 1 s here: starting the reader takes half of it, more on
    # a busy machine)
    monkeypatch.delenv("LANDSCAPE_READ_CPU_SECONDS")
    get_settings.cache_clear()
    assert get_settings().landscape_read_cpu_seconds == 30
    upload = read_upload("fine.xlsx", workbook([["code", "name_en"], ["a", "A body"]]))
    assert upload.sheets[0].frame.iloc[0].tolist() == ["a", "A body"]
    assert read_upload("slow.xlsx", data).sheets[0].row_count == 199_999


def test_the_reader_process_limits_its_processor_time_and_leaves_no_core_file() -> None:
    import subprocess
    import sys

    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource\n"
            "from dashboard.importing.read_child import _limit_memory_and_time\n"
            "_limit_memory_and_time(7)\n"
            "print(resource.getrlimit(resource.RLIMIT_CPU)[0], "
            "resource.getrlimit(resource.RLIMIT_CORE)[0])",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.split() == ["7", "0"]


def test_an_ordinary_workbook_still_reads_with_its_notes_in_the_language_of_the_run() -> None:
    from dashboard.common.i18n import using

    data = workbook([["code", "name_en"], ["a", "=1+1"], ["b", "B"]])
    with using("cy"):
        upload = read_upload("book.xlsx", data)
    assert upload.sheets[0].row_count == 2


# -- finding 2: the unpacked size -----------------------------------------------------------------


def test_a_workbook_unpacking_to_more_than_the_limit_is_refused_before_reading() -> None:
    data = crafted.inflating(bounds.MAX_UNPACKED_BYTES + 8 * 1024 * 1024)
    assert len(data) < 5 * 1024 * 1024
    said = _refused("inflating.xlsx", data)
    assert "unpacks to 308 MB" in said and "at most 300 MB" in said


def test_a_part_unpacking_a_thousand_times_its_size_is_refused() -> None:
    data = crafted.inflating(40 * 1024 * 1024)
    said = _refused("ratio.xlsx", data)
    assert "xl/worksheets/sheet1.xml" in said and "times its packed size" in said


def test_a_zip_of_csvs_is_held_to_the_same_bounds() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("organisations.csv", "code,name_en\n" + "a,b\n" * (5 * 1024 * 1024))
    assert "times its packed size" in _refused("all.zip", buffer.getvalue())


def test_a_cell_longer_than_a_spreadsheet_cell_is_refused() -> None:
    said = _refused("long.xlsx", crafted.one_long_string(200_000))
    assert "more than 32,767 characters" in said
    said = _refused("long.csv", crafted.long_cell_csv(40_000))
    assert "on line 2" in said and "more than 32,767 characters" in said
    # at the limit is fine
    assert read_upload("ok.csv", crafted.long_cell_csv(32_767)).sheets[0].row_count == 1


def test_a_csv_of_millions_of_tiny_cells_is_refused_as_it_is_split() -> None:
    data = crafted.tiny_cells_csv(8)  # 4 million cells
    said = _refused("tiny.csv", data)
    assert "at most 3,000,000" in said


def test_a_csv_of_twenty_thousand_columns_is_refused_at_its_first_line() -> None:
    said = _refused("wide.csv", crafted.wide_csv())
    assert "column 20,000" in said and "at most 1,000 columns" in said


def test_the_sheet_measure_reads_references_across_chunk_boundaries() -> None:
    xml = b'<worksheet><dimension ref="A1:C3"/><sheetData>' + (
        b'<row r="7"><c r="C7"><v>1</v></c></row>' * 1000
    )
    pieces = [xml[i : i + 7] for i in range(0, len(xml), 7)]
    extent = bounds.measure(iter(pieces))
    assert (extent.declared_rows, extent.declared_columns) == (3, 3)
    assert (extent.rows, extent.columns, extent.cells) == (7, 3, 1000)


# -- finding 2: the problems list ------------------------------------------------------------------


def test_a_file_of_many_bad_cells_lists_a_few_thousand_and_counts_the_rest_by_kind(
    sqlite_store: Engine,
) -> None:
    rows = "".join(f"o{i},Body {i},nowhere,nothing\r\n" for i in range(12_000))
    upload = read_upload("bodies.csv", ("code,name_en,sector,org_type\r\n" + rows).encode())
    sheet = upload.sheets[0]
    checked = validate(sheet, ORGANISATIONS, propose(sheet, ORGANISATIONS), Known())
    assert checked.rejected_count == 12_000  # every row still left out
    listed = [p for p in checked.problems if p.row is not None]
    assert len(listed) == MAX_LISTED
    summaries = [p for p in checked.problems if p.message.startswith("…and")]
    assert {p.column for p in summaries} == {"sector", "org_type"}
    total = len(listed) + sum(int(p.message.split()[1].replace(",", "")) for p in summaries)
    assert total == 24_000
    assert all(p.action for p in summaries)
    report = pipeline.report_frame(checked.problems)
    assert len(report) < MAX_LISTED + 10


# -- finding 6: values the pages cannot take ---------------------------------------------------------


@pytest.fixture(scope="module")
def known(demo_db_url: str) -> Known:
    engine = make_engine(demo_db_url)
    try:
        return Known.load(engine)
    finally:
        engine.dispose()


def _check(text: str, known: Known, entity):  # type: ignore[no-untyped-def]
    sheet = read_upload("file.csv", text.encode()).sheets[0]
    return validate(sheet, entity, propose(sheet, entity), known)


def test_figures_beyond_the_surveys_bound_are_problems_in_words(known: Known) -> None:
    service = sorted(known.services)[0]
    text = (
        "service,metric,value,period_months\r\n"
        f"{service},users_per_year,1e308,12\r\n"
        f"{service},transactions_per_year,9223372036854775808,12\r\n"
        f"{service},digital_take_up,50,9223372036854775808\r\n"
        f"{service},cost_per_transaction,1000000000000,12\r\n"
    )
    checked = _check(text, known, METRIC_ANSWERS)
    by_row = {p.row: p for p in checked.errors}
    assert set(by_row) == {2, 3, 4}
    assert "far too large to be right" in by_row[2].message
    assert "1,000,000,000,000" in by_row[2].action
    assert by_row[4].column == "period_months"
    assert checked.frame["value"].iloc[3] == 1e12  # the surveys' own largest figure


def test_dates_before_1990_or_more_than_a_year_ahead_are_problems_in_words(known: Known) -> None:
    service = sorted(known.services)[0]
    text = "service,instrument,status,submitted_at\r\n" + "".join(
        f"{service},generalist,submitted,{day}\r\n"
        for day in ("0001-01-01", "1989-12-31", "2999-01-01", "2024-03-15")
    )
    checked = _check(text, known, SURVEY_RESPONSES)
    messages = {p.row: p.message for p in checked.errors if p.column == "submitted_at"}
    assert "before 1990" in messages[2] and "before 1990" in messages[3]
    assert "more than a year from now" in messages[4]
    assert 5 not in messages


def test_the_command_line_says_a_huge_whole_number_in_words(  # type: ignore[no-untyped-def]
    use_database, demo_db_url: str, tmp_path
) -> None:
    from typer.testing import CliRunner

    from dashboard.cli import app
    from tests.conftest import writable_demo

    url = writable_demo(demo_db_url, tmp_path, "store.sqlite3")
    use_database(url)
    engine = make_engine(url)
    service = sorted(Known.load(engine).services)[0]
    engine.dispose()
    source = tmp_path / "figures.csv"
    source.write_text(
        "service,metric,value,period_months\r\n"
        f"{service},users_per_year,1e308,9223372036854775808\r\n"
    )
    result = CliRunner().invoke(app, ["data", "import", str(source), "--entity", "metric_answers"])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "far too large to be right" in result.output and "nothing was written" in result.output
