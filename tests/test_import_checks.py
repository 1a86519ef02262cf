"""Mapping a file's columns and values, and the check that lists every problem with its row,
column, value and what to do, before anything is written."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy.engine import Engine

from dashboard.common.i18n import using
from dashboard.importing import pipeline
from dashboard.importing.entities import METRIC_ANSWERS, ORGANISATIONS, SERVICES
from dashboard.importing.mapping import (
    Mapping,
    auto_match,
    detect_entity,
    load_mapping,
    propose,
    save_mapping,
)
from dashboard.importing.problems import ImportFailure
from dashboard.importing.reading import read_upload
from dashboard.importing.validation import Known, validate
from dashboard.importing.value_labels import unknown_values
from dashboard.importing.vocabularies import SECTOR
from db.engine import make_engine


@pytest.fixture(scope="module")
def demo(demo_db_url: str) -> Engine:
    engine = make_engine(demo_db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def known(demo: Engine) -> Known:
    return Known.load(demo)


def _check(text: str, known: Known, entity=None, mapping=None):  # type: ignore[no-untyped-def]
    sheet = read_upload("file.csv", text.encode()).sheets[0]
    target = entity or detect_entity(sheet)
    return validate(sheet, target, mapping or propose(sheet, target), known)


def _org(known: Known) -> str:
    return sorted(known.organisations)[0]


def _service(known: Known) -> str:
    return sorted(known.services)[0]


# -- mapping -----------------------------------------------------------------------------------------


def test_columns_match_fields_by_close_names_in_english_and_welsh() -> None:
    columns = [
        "Service ID",
        "Service name",
        "Enw Cymraeg",
        "Organisation code",
        "Digitization level",
        "Stage",
        "Welsh language",
        "Deep dive?",
        "channel",
        "Disgrifiad",
        "Something else",
    ]
    assert auto_match(columns, SERVICES) == {
        "Service ID": "code",
        "Service name": "name_en",
        "Enw Cymraeg": "name_cy",
        "Organisation code": "organisation",
        "Digitization level": "digitisation_level",
        "Stage": "stage",
        "Welsh language": "welsh_provision",
        "Deep dive?": "is_deep_dive",
        "channel": "channels",
        "Disgrifiad": "description_en",
    }
    welsh = ["Cod y sefydliad", "Enw yn Saesneg", "Enw yn Gymraeg", "Talfyriad", "Sector"]
    assert auto_match(welsh, ORGANISATIONS) == {
        "Cod y sefydliad": "code",
        "Enw yn Saesneg": "name_en",
        "Enw yn Gymraeg": "name_cy",
        "Talfyriad": "abbreviation",
        "Sector": "sector",
    }


def test_each_field_takes_one_column_only() -> None:
    matched = auto_match(["name", "Name", "service name"], SERVICES)
    assert list(matched.values()).count("name_en") == 1


def test_the_entity_is_found_from_the_columns() -> None:
    sheet = read_upload("x.csv", b"service,metric,value,availability\r\na,b,1,c\r\n").sheets[0]
    assert detect_entity(sheet) is METRIC_ANSWERS


@pytest.mark.parametrize(
    "label", ["LA", "Local Authority", "Awdurdod lleol", "local-authority", "COUNCIL", "Cyngor"]
)
def test_value_labels_mean_their_code(label: str) -> None:
    assert SECTOR.lookup(label) == "local_authority"


def test_unknown_value_labels_are_listed_and_a_mapping_fixes_them(known: Known) -> None:
    text = (
        "code,name_en,sector,org_type\r\n"
        "n1,One,Cyngor,Principal council\r\nn2,Two,Quango,Charity\r\nn3,Three,Quango,Charity\r\n"
    )
    sheet = read_upload("o.csv", text.encode()).sheets[0]
    mapping = propose(sheet, ORGANISATIONS)
    assert unknown_values(sheet, ORGANISATIONS, mapping) == {"sector": {"Quango": 2}}
    checked = validate(sheet, ORGANISATIONS, mapping, known)
    assert checked.rejected.tolist() == [False, True, True]
    mapping.values["sector"] = {"Quango": "arms_length_body"}
    assert unknown_values(sheet, ORGANISATIONS, mapping) == {}
    checked = validate(sheet, ORGANISATIONS, mapping, known)
    assert not checked.errors
    assert checked.frame["sector"].tolist() == ["local_authority", "arms_length_body"] * 1 + [
        "arms_length_body"
    ]


def test_a_saved_mapping_is_reused_by_name_and_as_a_file(sqlite_store: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "Org ref,Title,Part of,Body type\r\nx,X,Quango,Charity\r\n"
    sheet = read_upload("o.csv", text.encode()).sheets[0]
    mapping = Mapping(
        "organisations",
        {"Org ref": "code", "Title": "name_en", "Part of": "sector", "Body type": "org_type"},
        {"sector": {"Quango": "arms_length_body"}},
    )
    save_mapping(sqlite_store, "Quango list", mapping, "Rhian")
    again = load_mapping(sqlite_store, "Quango list")
    assert propose(sheet, ORGANISATIONS, again).columns == mapping.columns
    assert again.value_code("sector", "quango") == "arms_length_body"
    path = tmp_path / "quango.json"
    path.write_text(json.dumps(mapping.to_json()))
    assert load_mapping(sqlite_store, str(path)).columns == mapping.columns
    with pytest.raises(ImportFailure) as failure:
        load_mapping(sqlite_store, "No such mapping")
    assert "Quango list" in failure.value.action


def test_columns_a_saved_mapping_leaves_out_stay_out(sqlite_store: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A "Short name" column would match the abbreviation; the steward left it out, and the
    saved mapping (by name or as a file) keeps it out on the next file."""
    text = "code,Organisation,Short name\r\nx,X,internal note\r\n"
    sheet = read_upload("o.csv", text.encode()).sheets[0]
    assert propose(sheet, ORGANISATIONS).columns["Short name"] == "abbreviation"
    mapping = Mapping(
        "organisations", {"code": "code", "Organisation": "name_en"}, left_out=["Short name"]
    )
    save_mapping(sqlite_store, "No short names", mapping, "Rhian")
    path = tmp_path / "no-short-names.json"
    path.write_text(json.dumps(mapping.to_json()))
    for reused in (
        load_mapping(sqlite_store, "No short names"),
        load_mapping(sqlite_store, str(path)),
    ):
        proposed = propose(sheet, ORGANISATIONS, reused)
        assert proposed.columns == {"code": "code", "Organisation": "name_en"}
        assert proposed.left_out == ["Short name"]


# -- the check ----------------------------------------------------------------------------------------


def test_every_problem_has_its_row_column_value_and_what_to_do(known: Known) -> None:
    org = _org(known)
    text = (
        "Service ID,Service name,Organisation,Level,Stage,Welsh language,Contracting,Area\r\n"
        f"new-1,Bins,{org},3,Long running,Bilingual,In house,waste\r\n"
        "new-2,Bins 2,no-such-body,7,Alpha,maybe,In house,waste\r\n"
        f"new-3,,{org},n/a,Long running,Bilingual,In house,waste\r\n"
        f"new-4,X,{org},2.5,Long running,Bilingual,In house,waste\r\n"
    )
    checked = _check(text, known, SERVICES)
    found = {(p.row, p.column, p.value): p for p in checked.problems}
    assert "There is no organisation" in found[(3, "Organisation", "no-such-body")].message
    assert "goes from 0 to 4" in found[(3, "Level", "7")].message
    assert "is not a value" in found[(3, "Welsh language", "maybe")].message
    assert (
        "“n/a” is not a value “Digitisation level” can take" in found[(4, "Level", "n/a")].message
    )
    assert "is empty" in found[(4, "Service name", None)].message
    assert "not a whole number" in found[(5, "Level", "2.5")].message
    assert all(p.action for p in checked.problems)
    assert checked.rejected.tolist() == [False, True, True, True]


def test_numbers_as_people_write_them_and_the_words_that_are_not_numbers(known: Known) -> None:
    service = _service(known)
    metrics = ["users_per_year", "transactions_per_year", "digital_take_up", "completion_rate"]
    good = [("1,250", 1250.0), ("85%", 85.0), ("£3.40", 3.4), (" 12 ", 12.0)]
    text = "service,metric,value,availability\r\n"
    metric_for = [
        "users_per_year",
        "digital_take_up",
        "cost_per_transaction",
        "transactions_per_year",
    ]
    for (written, _), metric in zip(good, metric_for, strict=True):
        text += f'{service},{metric},"{written}",\r\n'
    checked = _check(text, known, METRIC_ANSWERS)
    assert not checked.errors, checked.errors
    assert checked.frame["value"].tolist() == [v for _, v in good]
    assert checked.frame["availability"].tolist() == ["provided"] * 4
    for word in ("n/a", "unknown", "-", "N/A", "TBC", "1,5"):
        text = f"service,metric,value\r\n{service},{metrics[0]},{word}\r\n"
        if word == "1,5":
            text = f'service,metric,value\r\n{service},{metrics[0]},"1,5"\r\n'
        problem = _check(text, known, METRIC_ANSWERS).errors[0]
        assert problem.row == 2 and problem.column == "value" and problem.value == word
        if word == "1,5":
            assert "comma as the decimal point" in problem.message and "1.5" in problem.action
        else:
            assert "is not a number" in problem.message
            assert "Availability column" in problem.action


def test_rates_are_percentages_and_counts_are_whole_and_never_negative(known: Known) -> None:
    service = _service(known)
    text = (
        "service,metric,value\r\n"
        f"{service},digital_take_up,185\r\n"
        f"{service},users_per_year,-5\r\n"
        f"{service},transactions_per_year,10.5\r\n"
    )
    messages = [p.message for p in _check(text, known, METRIC_ANSWERS).errors]
    assert "A rate is a percentage from 0 to 100; this is 185." in messages
    assert "“Value” cannot be negative; this is -5." in messages
    assert any("whole number; this is 10.5" in m for m in messages)


def test_a_figure_and_its_availability_must_agree(known: Known) -> None:
    service = _service(known)
    text = (
        "service,metric,value,availability,reason\r\n"
        f"{service},users_per_year,,,\r\n"
        f"{service},transactions_per_year,,provided,\r\n"
        f"{service},digital_take_up,50,not collected,\r\n"
        f"{service},completion_rate,,not applicable,shared system\r\n"
        f"{service},cost_per_transaction,,not available,\r\n"
    )
    checked = _check(text, known, METRIC_ANSWERS)
    messages = {p.row: p.message for p in checked.problems}
    assert "neither a figure nor a reason" in messages[2]
    assert "marked as given but the value is empty" in messages[3]
    assert "availability says it is missing" in messages[4]
    assert "only given when the figure is not available" in messages[5]
    warning = next(p for p in checked.problems if p.row == 6)
    assert not warning.is_error and "does not say why" in warning.message


def test_duplicates_in_the_file_identical_copies_warn_and_conflicts_reject(known: Known) -> None:
    text = (
        "code,name_en,sector,org_type\r\n"
        "d1,One,LA,Principal council\r\nd1,One,LA,Principal council\r\n"
        "d2,Two,LA,Principal council\r\nd2,Other,LA,Principal council\r\n"
    )
    checked = _check(text, known, ORGANISATIONS)
    by_row = {p.row: p for p in checked.problems}
    assert not by_row[3].is_error and "repeats row 2 exactly" in by_row[3].message
    assert by_row[4].is_error and "Row 5 has the same" in by_row[4].message
    assert by_row[5].is_error and "Row 4 has the same" in by_row[5].message
    assert checked.rejected.tolist() == [False, True, True, True]


def test_new_rows_need_what_updates_may_leave_out(known: Known) -> None:
    existing = _org(known)
    text = f"code,abbreviation\r\n{existing},ABC\r\nbrand-new,NEW\r\n"
    checked = _check(text, known, ORGANISATIONS)
    assert checked.rejected.tolist() == [False, True]
    missing = [p for p in checked.errors if p.row is None]
    assert {p.column for p in missing} == {"Name in English", "Sector", "Type of organisation"}
    assert "row 3 adds one" in missing[0].message


def test_dates_in_three_formats_and_the_ones_that_cannot_be_read(known: Known) -> None:
    service = _service(known)
    rows = [
        "2024-03-15",
        "15/03/2024",
        "15 March 2024",
        "15 Mawrth 2024",
        "2024-03-15T10:30:00+01:00",
        "03/15/2024",
        "31/02/2024",
        "15/03/24",
        "45366",
        "next Tuesday",
    ]
    text = "service,instrument,status,submitted_at\r\n"
    text += "".join(
        f"{service},{instrument},submitted,{row}\r\n"
        for row, instrument in zip(rows, ["generalist"] * len(rows), strict=True)
    )
    from dashboard.importing.entities import SURVEY_RESPONSES

    checked = _check(text, known, SURVEY_RESPONSES)
    dates = checked.frame["submitted_at"].tolist()
    assert [d.date().isoformat() for d in dates[:4]] == ["2024-03-15"] * 4
    assert dates[4].isoformat() == "2024-03-15T09:30:00+00:00"
    messages = {
        p.row: p.message for p in checked.errors if "date" in p.message or "year" in p.message
    }
    assert "US date" in messages[7]
    assert "not a real date" in messages[8]
    assert "two-digit year" in messages[9]
    assert "spreadsheet day number" in messages[10]
    assert "not a date we can read" in messages[11]
    assert all(
        "2024-03-15, 15/03/2024 or 15 March 2024" in p.action
        for p in checked.errors
        if p.row and p.row >= 7 and p.column == "submitted_at"
    )


def test_formulas_typed_into_a_csv_are_refused_and_protected_text_is_unescaped(
    known: Known,
) -> None:
    text = (
        "code,name_en,sector,org_type\r\n"
        'f1,=HYPERLINK("http://x"),LA,Principal council\r\n'
        "f2,'=not a formula,LA,Principal council\r\n"
    )
    checked = _check(text, known, ORGANISATIONS)
    assert "spreadsheet formula" in checked.errors[0].message and checked.errors[0].row == 2
    assert checked.frame["name_en"].tolist()[1] == "=not a formula"


def test_references_by_name_in_english_or_welsh_and_unknown_ones(
    demo: Engine, known: Known
) -> None:
    from sqlalchemy import text as sql

    with demo.connect() as connection:
        code, en, cy = connection.execute(
            sql("SELECT code, name_en, name_cy FROM organisation WHERE name_cy IS NOT NULL")
        ).first()
    rows = "\r\n".join(
        f"s-{i},Service {i},{org},waste,long running,in house,2,bilingual"
        for i, org in enumerate([code, en, cy, code.upper()])
    )
    header = "code,name_en,organisation,service_area,stage,contracting_type,level,welsh"
    checked = _check(f"{header}\r\n{rows}\r\n", known, SERVICES)
    assert not checked.errors, checked.errors
    assert set(checked.frame["organisation"]) == {code}


def test_survey_answers_are_checked_against_their_question(known: Known) -> None:
    service = _service(known)
    text = (
        "service,instrument,question,answer\r\n"
        f"{service},generalist,service_name,Casglu biniau ŵ\r\n"
        f"{service},generalist,digital_take_up,185\r\n"
        f"{service},generalist,no_such_question,x\r\n"
        f'{service},generalist,channels,"Online; Phone"\r\n'
        f"{service},generalist,service_stage,Long running\r\n"
    )
    from dashboard.importing.entities import SURVEY_ANSWERS

    checked = _check(text, known, SURVEY_ANSWERS)
    by_row = {p.row: p.message for p in checked.errors}
    assert set(by_row) == {3, 4}
    assert "percentage is between 0 and 100" in by_row[3]
    assert "no question “no_such_question”" in by_row[4]
    answers = checked.frame["answer"].tolist()
    assert answers[0] == "Casglu biniau ŵ"
    assert answers[3] == ["online", "phone"]
    assert answers[4] == "long_running"


def test_the_report_downloads_as_safe_csv_in_welsh(known: Known) -> None:
    text = "code,name_en,sector,org_type\r\n=1+1,Name,Pigeon,Charity\r\n"
    sheet = read_upload("o.csv", text.encode()).sheets[0]
    with using("cy"):
        job = pipeline.prepare(read_upload("o.csv", text.encode()), entity="organisations")
        checked = [validate(sheet, ORGANISATIONS, job.plans[0].mapping, known)]
        data = pipeline.report_csv(pipeline.problems(job, checked))
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Rhes", "Colofn", "Gwerth", "Difrifoldeb", "Problem", "Beth i'w wneud"]
    values = [r[2] for r in rows[1:]]
    assert "'=1+1" in values  # a value from the file cannot run as a formula in Excel
    assert any("Nid yw “Pigeon” yn werth" in r[4] for r in rows[1:])


def test_rejected_rows_download_with_their_problems(known: Known) -> None:
    text = "code,name_en,sector,org_type\r\nok,Fine,LA,Charity\r\nbad,Bad,Pigeon,Charity\r\n"
    upload = read_upload("o.csv", text.encode())
    job = pipeline.prepare(upload, entity="organisations")
    checked = [validate(upload.sheets[0], ORGANISATIONS, job.plans[0].mapping, known)]
    rows = list(csv.reader(io.StringIO(pipeline.rejected_csv(job, checked).decode("utf-8-sig"))))
    assert rows[0][:2] == ["Row", "code"] and rows[0][-1] == "Problems"
    assert rows[1][:2] == ["3", "bad"] and "Pigeon" in rows[1][-1]
    assert len(rows) == 2
