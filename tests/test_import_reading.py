"""Reading uploads: encodings, delimiters, workbooks with merged cells and formulas, and every
bad file a person might choose, each with a clear message."""

from __future__ import annotations

import pytest

from dashboard.common.i18n import using
from dashboard.importing.problems import ImportFailure
from dashboard.importing.reading import MAX_BYTES, read_path, read_upload, sniff_delimiter
from tests.import_files import (
    docx_bytes,
    organisations_csv,
    sparse_file,
    with_saved_results,
    workbook,
)

ROW = "cyngor-gwynedd,Gwynedd Council,Cyngor Gwynedd,,Local authority,Principal council"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("code,name\r\nx,Ŵyn Ŷ\r\n".encode(), "UTF-8"),
        ("code,name\r\nx,Ŵyn Ŷ\r\n".encode("utf-8-sig"), "UTF-8 with BOM"),
        ("code,name\r\nx,Ŵyn Ŷ\r\n".encode("utf-16"), "UTF-16"),
    ],
)
def test_welsh_letters_survive_every_unicode_encoding(data: bytes, encoding: str) -> None:
    sheet = read_upload("orgs.csv", data).sheets[0]
    assert sheet.encoding == encoding
    assert sheet.frame.iloc[0].tolist() == ["x", "Ŵyn Ŷ"]
    assert not sheet.notes


def test_windows_1252_is_read_and_the_lost_welsh_letters_are_flagged() -> None:
    sheet = read_upload("orgs.csv", "code,name\r\nx,Café Môn\r\n".encode("cp1252")).sheets[0]
    assert sheet.encoding == "Windows-1252"
    assert sheet.frame.iloc[0]["name"] == "Café Môn"
    assert "ŵ or ŷ" in sheet.notes[0].message and not sheet.notes[0].is_error


def test_mixed_encodings_are_read_line_by_line_and_named() -> None:
    data = "code,name\r\nx,Ŵyn\r\n".encode() + "y,Café\r\n".encode("cp1252")
    sheet = read_upload("mixed.csv", data).sheets[0]
    assert sheet.frame["name"].tolist() == ["Ŵyn", "Café"]
    assert "mixes two encodings" in sheet.notes[0].message
    assert "line 3" in sheet.notes[0].message


def test_text_garbled_by_an_earlier_save_is_pointed_out() -> None:
    garbled = "Ŵyn".encode().decode("cp1252")
    sheet = read_upload("g.csv", f"code,name\r\nx,{garbled}\r\n".encode()).sheets[0]
    assert any("garbled" in n.message and "2" in n.message for n in sheet.notes)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_delimiter_is_found(delimiter: str) -> None:
    text = delimiter.join(["code", "name", "sector"]) + "\n"
    text += delimiter.join(["a", "Name, with a comma" if delimiter != "," else "N", "LA"]) + "\n"
    assert sniff_delimiter(text) == delimiter
    sheet = read_upload("x.csv", text.encode()).sheets[0]
    assert sheet.columns == ["code", "name", "sector"]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf\r\n\r\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG file"),
        (b"%PDF-1.7\n%\xe2\xe3", "PDF file"),
        (docx_bytes(), "Word file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old-style Office file"),
        (bytes(range(256)) * 8, "not a text file"),
        (b"PK\x03\x04 this is not really a zip", "damaged"),
    ],
    ids=["empty", "bom-only", "png", "pdf", "docx", "xls", "binary", "broken-zip"],
)
def test_files_that_are_not_tables_renamed_to_csv_say_what_they_are(
    data: bytes, words: str
) -> None:
    with pytest.raises(ImportFailure) as failure:
        read_upload("catalogue.csv", data)
    assert words in failure.value.message
    assert failure.value.action  # and what to do about it


def test_a_200_megabyte_file_is_refused_before_it_is_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    huge = sparse_file(tmp_path / "huge.csv", 200)
    with pytest.raises(ImportFailure) as failure:
        read_path(huge)
    assert "200 MB" in failure.value.message and "50 MB" in failure.value.message
    with pytest.raises(ImportFailure):
        read_upload("huge.csv", b"x" * (MAX_BYTES + 1))


def test_ragged_rows_too_long_are_rejected_and_short_ones_padded() -> None:
    data = organisations_csv([ROW + ",extra,cells", "short-org,Short"])
    sheet = read_upload("orgs.csv", data).sheets[0]
    long_row = next(n for n in sheet.notes if n.row == 2)
    assert long_row.is_error and "8 cells" in long_row.message and "6 columns" in long_row.message
    assert sheet.broken_rows == {2}
    short = next(n for n in sheet.notes if n.row == 3)
    assert not short.is_error and "read as blank" in short.message
    assert sheet.frame.iloc[1].tolist() == ["short-org", "Short", None, None, None, None]


def test_an_unclosed_quote_names_the_line() -> None:
    with pytest.raises(ImportFailure) as failure:
        read_upload("q.csv", b'code,name\nx,"open\ny,z\n')
    assert "double quote" in failure.value.message


def test_title_rows_above_the_header_are_skipped_with_a_note() -> None:
    data = b"Catalogue export\r\nFilter: none\r\n\r\ncode,name,sector\r\na,b,c\r\n"
    sheet = read_upload("t.csv", data).sheets[0]
    assert sheet.columns == ["code", "name", "sector"]
    assert sheet.rows.tolist() == [5]
    assert "2 rows above the column names" in sheet.notes[0].message


def test_duplicate_and_missing_header_names_are_named() -> None:
    sheet = read_upload("d.csv", b"code,name,name,\r\na,b,c,d\r\n").sheets[0]
    assert sheet.columns == ["code", "name", "name (2)", "Column 4"]
    assert any("Two columns are called" in n.message for n in sheet.notes)


def test_merged_header_cells_over_a_row_of_names_use_the_names() -> None:
    data = workbook(
        [
            ["Service", "Figures", None, None],
            [None, "Users", "Satisfaction", "Level"],
            ["s1", 10, 0.85, 2],
        ],
        merges=("B1:D1", "A1:A2"),
    )
    sheet = read_upload("w.xlsx", data).sheets[0]
    assert sheet.columns == ["Service", "Users", "Satisfaction", "Level"]
    assert sheet.frame.iloc[0].tolist() == ["s1", "10", "0.85", "2"]
    assert sheet.rows.tolist() == [3]
    assert any("merged over columns B to D" in n.message for n in sheet.notes)


def test_a_merged_header_without_names_beneath_says_which_columns_lack_a_name() -> None:
    data = workbook([["code", "Figures", None], ["a", 1, 2]], merges=("B1:C1",))
    sheet = read_upload("w.xlsx", data).sheets[0]
    assert any("only the first of them has a name" in n.message for n in sheet.notes)
    assert "Column 3" in sheet.columns


def test_merged_cells_in_the_data_give_every_row_the_value() -> None:
    data = workbook([["org", "service"], ["cardiff", "a"], [None, "b"]], merges=("A2:A3",))
    sheet = read_upload("w.xlsx", data).sheets[0]
    assert sheet.frame["org"].tolist() == ["cardiff", "cardiff"]


def test_formulas_give_their_saved_results_and_unsaved_ones_are_errors() -> None:
    data = workbook([["code", "users", "double"], ["a", 10, "=B2*2"], ["b", 5, "=B3*2"]])
    saved = with_saved_results(data, {"C2": "20"})
    sheet = read_upload("f.xlsx", saved).sheets[0]
    assert sheet.frame["double"].tolist() == ["20", None]
    problem = next(n for n in sheet.notes if n.is_error)
    assert problem.row == 3 and "C3" in problem.message and "=B3*2" in problem.message
    assert sheet.broken_rows == {3}
    assert any("formula" in n.message and not n.is_error for n in sheet.notes)


def test_cells_formatted_as_percentages_read_as_people_see_them() -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["code", "rate"])
    sheet.append(["a", 0.85])
    sheet["B2"].number_format = "0%"
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_upload("p.xlsx", buffer.getvalue()).sheets[0].frame["rate"].tolist() == ["85%"]


def test_a_workbook_renamed_to_csv_is_read_as_a_workbook() -> None:
    sheet = read_upload("orgs.csv", workbook([["code", "name"], ["a", "Ŵ"]])).sheets[0]
    assert sheet.frame.iloc[0].tolist() == ["a", "Ŵ"]
    assert "Excel workbook with another name" in sheet.notes[0].message


def test_messages_are_in_welsh_when_the_page_is() -> None:
    with using("cy"), pytest.raises(ImportFailure) as failure:
        read_upload("gwag.csv", b"")
    assert failure.value.message == "Mae'r ffeil gwag.csv yn wag."
