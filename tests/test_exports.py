"""Downloads: formula-injection safe CSV with a BOM for Excel, XLSX with the same content."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from dashboard.common.exports import header_lines, neutralise, sheet_name, to_csv, to_xlsx
from dashboard.common.i18n import using

HOSTILE = ["=1+2", "+44 29 2000 0000", "-cmd|' /C calc'!A0", "@SUM(A1)", "\tTAB", "\rCR", "＝WIDE"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_cells_that_would_run_as_formulas_are_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Cyngor Sir Ynys Môn", "-12.5", "+3", "1e5", "", "a=b"])
def test_ordinary_values_pass_unchanged(cell: str) -> None:
    assert neutralise(cell) == cell


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Service": ["Casglu gwastraff ŵyr ŷd", *HOSTILE],
            "Level": [2, 0, 1, 2, 3, 4, 1, 2],
            "Sector": pd.Categorical(["health"] * 7 + ["=evil"]),
        }
    )


def test_csv_has_bom_header_lines_and_safe_cells() -> None:
    header = header_lines("Services", ["Sector: Health"], datetime(2026, 11, 25, 9, 30))
    data = to_csv(_frame(), header)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Services"]
    assert rows[1] == ["Filter: Sector: Health"]
    assert rows[2] == ["Downloaded: 2026-11-25 09:30 UTC"]
    table = rows[rows.index(["Service", "Level", "Sector"]) + 1 :]
    assert table[0][0] == "Casglu gwastraff ŵyr ŷd"
    assert all(not row[0].startswith(("=", "+", "-", "@", "\t", "\r")) for row in table)
    assert table[-1][2] == "'=evil"  # categorical cells are neutralised too
    assert len(table) == len(_frame())


def test_xlsx_holds_the_same_rows_as_text_not_formulas() -> None:
    header = header_lines("Services", [], datetime(2026, 11, 25))
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(_frame(), header)))
    sheet = book.active
    assert sheet["A1"].value == "Services"
    assert sheet["A2"].value == "Filter: none (all services)"
    values = [row for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert values[0] == ("Service", "Level", "Sector")
    assert values[1][0] == "Casglu gwastraff ŵyr ŷd"
    assert len(values) == 1 + len(_frame())
    for cell in sheet["A"][4:]:
        assert cell.data_type != "f"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Metrics: X", "Metrics X"),
        ("Sheet [1]/[2]*?\\", "Sheet 1 2"),
        ("'quoted'", "quoted"),
        ("", "Data"),
        (":::", "Data"),
        ("Metrigau: Casglu gwastraff swmpus o'r cartref", "Metrigau Casglu gwastraff"),
    ],
)
def test_sheet_names_are_ones_excel_accepts(title: str, expected: str) -> None:
    name = sheet_name(title)
    assert name == expected
    assert len(name) <= 31
    assert not set(name) & set("[]:*?/\\")


def test_xlsx_takes_any_title_freezes_the_header_and_sizes_columns() -> None:
    frame = pd.DataFrame(
        {"Metric": ["Users per year", "Cost per transaction"], "Figure": ["1,200", "£3.20"]}
    )
    header = header_lines("Metrics: X", ["Sector: Health"], datetime(2026, 11, 25))
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame, header, sheet="Metrics: X")))
    sheet = book.active
    assert sheet.title == "Metrics X"
    assert sheet["A1"].value == "Metrics: X"  # the title itself is kept in full
    table_header = len(header) + 2  # header lines, a blank row, then the table's header
    assert sheet.cell(row=table_header, column=1).value == "Metric"
    assert sheet.freeze_panes == f"A{table_header + 1}"
    assert sheet.column_dimensions["A"].width >= len("Cost per transaction")
    assert 8 <= sheet.column_dimensions["B"].width < sheet.column_dimensions["A"].width


def test_header_lines_follow_the_language() -> None:
    when = datetime(2026, 11, 25, 9, 30)
    with using("cy"):
        assert header_lines("Metrigau", [], when) == [
            "Metrigau",
            "Hidlydd: dim (pob gwasanaeth)",
            "Lawrlwythwyd: 2026-11-25 09:30 UTC",
        ]
        assert header_lines("Metrigau", ["Sector: Iechyd"], when)[1] == "Hidlydd: Sector: Iechyd"


def test_xlsx_of_a_table_with_missing_figures() -> None:
    """The catalogue has no figure for many services; its workbook once failed to build."""
    frame = pd.DataFrame(
        {
            "Service": ["Casglu gwastraff ŵyr ŷd", "Book a GP appointment", None],
            "Users per year": [1200.0, float("nan"), float("nan")],
            "Transactions per year": [float("nan")] * 3,
            "Users figure": pd.Categorical(["Provided", None, "Not reported"]),
            "Welsh name": pd.Series(["Casglu", pd.NA, "Archebu"], dtype="string"),
        }
    )
    header = header_lines("Service catalogue", ["Sector: Health"], datetime(2026, 11, 25))
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(frame, header, sheet="Service catalogue")))
    sheet = book.active
    rows = list(sheet.iter_rows(min_row=len(header) + 2, values_only=True))
    assert rows[0] == tuple(frame.columns)
    assert rows[1] == ("Casglu gwastraff ŵyr ŷd", 1200, None, "Provided", "Casglu")
    assert rows[2][1:3] == (None, None)  # no figure: an empty cell, not "nan"
    assert len(rows) == 1 + len(frame)
    assert sheet.column_dimensions["C"].width == len("Transactions per year") + 2


def _ranking_like() -> pd.DataFrame:
    """A figure column that holds, where the owner gave none, what they said instead."""
    return pd.DataFrame(
        {
            "Service": ["Bins", "=HYPERLINK(1)", "Parking"],
            "Users per year": pd.Series([1200.0, "Not available: shared contract", 30.0]),
            "Score": [0.9, 0.5, 0.1],
        }
    )


def test_a_figure_column_mixing_numbers_and_reasons_is_split_in_two() -> None:
    from dashboard.common.exports import numbers_apart

    with using("en"):
        split = numbers_apart(_ranking_like())
    assert list(split.columns) == [
        "Service",
        "Users per year",
        "Users per year: why no figure",
        "Score",
    ]
    assert split["Users per year"].dtype == float
    assert split["Users per year"].isna().tolist() == [False, True, False]
    assert split["Users per year: why no figure"].tolist()[1] == "Not available: shared contract"
    assert split["Users per year: why no figure"].isna().tolist() == [True, False, True]


def test_the_csv_for_analysis_reads_back_with_its_header_first_and_its_provenance_apart() -> None:
    from dashboard.common.exports import provenance_rows, to_tidy_csv

    when = datetime(2026, 12, 6, 21, 5)
    with using("cy"):
        provenance = provenance_rows(
            "Blaenoriaethu",
            ["Sector: Iechyd", "Pwysiadau: cyrhaeddiad 3, bwlch digidol 3"],
            when,
            "Ffynhonnell: Set ddata",
        )
        data = to_tidy_csv(_ranking_like(), provenance)
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Service,Users per year,Users per year: pam nad oes ffigur,Score"
    # what analysis tools read: the table alone, its figures as numbers
    frame = pd.read_csv(io.StringIO(text), comment="#")
    assert len(frame) == 3
    assert frame["Users per year"].tolist()[0] == 1200.0 and pd.isna(frame["Users per year"][1])
    assert frame["Service"].tolist()[1] == "'=HYPERLINK(1)"  # still safe from formulas
    # what people read at the end: a label and a value to a line, the weights and source apart
    rows = [row for row in csv.reader(io.StringIO(text)) if row and row[0].startswith("# ")]
    assert rows == [
        ["# Am y tabl hwn", ""],
        ["# Teitl", "Blaenoriaethu"],
        ["# Sector", "Iechyd"],
        ["# Pwysiadau", "cyrhaeddiad 3, bwlch digidol 3"],
        ["# Lawrlwythwyd (UTC)", "2026-12-06 21:05"],
        ["# Ffynhonnell", "Set ddata"],
    ]


def test_the_workbook_says_what_it_holds_on_an_about_sheet() -> None:
    from dashboard.common.exports import provenance_rows

    when = datetime(2026, 12, 6, 21, 5)
    with using("en"):
        provenance = provenance_rows("Ranking", [], when, "Source: Demo")
        data = to_xlsx(_frame(), ["Ranking"], sheet="Ranking", provenance=provenance)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Ranking", "About"]
    rows = list(book["About"].iter_rows(values_only=True))
    assert rows[0][0] == "About this table"
    assert rows[1:] == [
        ("Title", "Ranking"),
        ("Filter", "none (all services)"),
        ("Downloaded (UTC)", "2026-12-06 21:05"),
        ("Source", "Demo"),
    ]
