"""A steward's first run with a real file: a complete report in one pass, never a crash.

Each test here is a file a data steward brought that broke the import before: a services file
with no code column, metric answers with no availability column, a list field mapped to a code
that does not exist, a table the import could not tell, a report that came in layers, a TSV.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.common.metric_periods import latest_answers
from dashboard.importing import pipeline
from dashboard.importing.entities import BY_NAME, JOURNEYS, SERVICES
from dashboard.importing.mapping import guess_entity, propose
from dashboard.importing.problems import ImportFailure
from dashboard.importing.reading import read_upload
from dashboard.importing.validation import Known, validate
from db.demo.build import load_demo
from tests.import_files import mark_as_real, snapshot
from tests.test_data_page import data_db  # noqa: F401  (the fixture)

runner = CliRunner()


@pytest.fixture
def demo_store(use_database, sqlite_store: Engine) -> Engine:  # type: ignore[no-untyped-def]
    load_demo(sqlite_store)
    use_database(str(sqlite_store.url))
    return sqlite_store


def _sheet(content: str, name: str = "file.csv"):  # type: ignore[no-untyped-def]
    return read_upload(name, content.encode("utf-8")).sheets[0]


def _a_service(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT min(code) FROM service")).scalar())


def _an_organisation(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.execute(text("SELECT min(code) FROM organisation")).scalar())


# -- 1. a key column no column maps to ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "entity", "field"),
    [
        ("Service name\nRenew a permit\n", SERVICES, "Service code"),
        ("Name,Position\nFirst visit,1\n", JOURNEYS, "Service code"),
    ],
)
def test_a_missing_key_column_is_a_problem_not_a_crash(
    demo_store: Engine, content: str, entity, field: str
) -> None:  # type: ignore[no-untyped-def]
    sheet = _sheet(content)
    job = pipeline.Job(read_upload("file.csv", content.encode()), [])
    job.plans.append(pipeline.Plan(sheet, entity, propose(sheet, entity)))
    checked = pipeline.check(demo_store, job)
    assert checked[0].fatal
    assert any(p.column == field and p.row is None for p in checked[0].errors)


def test_the_command_reports_a_missing_service_code_in_words(demo_store: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "x.csv"
    source.write_text("Service name\nRenew a permit\n", encoding="utf-8")
    result = runner.invoke(
        app, ["data", "import", str(source), "--entity", "services", "--dry-run"]
    )
    assert result.exit_code == 1
    assert "No column holds “Service code”" in result.output
    assert "Traceback" not in result.output and "KeyError" not in result.output
    assert "x: 1 row as services" in result.output
    # every problem at once: the columns a new service needs are said with the missing code
    assert "No column holds “Stage”" in result.output
    journeys = tmp_path / "j.csv"
    journeys.write_text("Name,Position\nFirst visit,1\n", encoding="utf-8")
    result = runner.invoke(app, ["data", "import", str(journeys), "--entity", "journeys"])
    assert result.exit_code == 1 and "KeyError" not in result.output
    assert "1 problem, so nothing was written" in result.output  # said in the singular


# -- 2. metric answers with no availability column ----------------------------------------------------


def test_a_figure_with_no_availability_column_is_provided(demo_store: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    service = _a_service(demo_store)
    mark_as_real(str(demo_store.url))  # a steward's own data, which the figures update
    source = tmp_path / "m.csv"
    source.write_text(
        f"service,metric,value\n{service},transactions_per_year,100\n{service},completion_rate,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["data", "import", str(source), "--who", "Rhian"])
    assert result.exit_code == 0, result.output
    assert "warning: row 3" in result.output  # the blank with no reason is said, not a crash
    with demo_store.connect() as connection:
        rows = pd.read_sql(
            text(
                "SELECT m.service_id, m.metric, m.period, m.value, m.availability "
                "FROM metric_answer m JOIN service s ON s.id = m.service_id "
                "WHERE s.code = :code AND m.metric = :metric"
            ),
            connection,
            params={"code": service, "metric": "transactions_per_year"},
        )
    # with no period column the figure updates the service's latest answer; earlier periods stay
    latest = latest_answers(rows)
    assert len(latest) == 1
    assert (float(latest["value"].iloc[0]), latest["availability"].iloc[0]) == (100.0, "provided")
    assert len(rows) == len(set(rows["period"]))  # no second row for the same period


def test_a_blank_with_no_reason_is_left_out_with_a_warning(demo_store: Engine) -> None:
    service = _a_service(demo_store)
    sheet = _sheet(f"service,metric,value\n{service},completion_rate,\n")
    entity = BY_NAME["metric_answers"]
    checked = validate(sheet, entity, propose(sheet, entity), Known.load(demo_store))
    assert not checked.errors
    assert [p.row for p in checked.warnings] == [2]
    assert checked.accepted == 0  # nothing invented for it


# -- 3. list values mapped to codes that do not exist -------------------------------------------------


def test_a_list_value_mapped_to_an_unknown_code_fails_the_check(demo_store: Engine) -> None:
    organisation = _an_organisation(demo_store)
    sheet = _sheet(
        "code,organisation,name,service area,stage,contracting type,level,welsh,users\n"
        f"new-one,{organisation},A new service,Housing,live,in_house,2,full,Residents\n"
    )
    mapping = propose(sheet, SERVICES)
    mapping.values = {"user_types": {"Residents": "residents_of_mars"}}
    checked = validate(sheet, SERVICES, mapping, Known.load(demo_store))
    problems = [p for p in checked.errors if p.column == "users"]
    assert problems and "residents_of_mars" in problems[0].message
    assert checked.rejected_count == 1


def test_a_refused_write_does_not_say_try_again(demo_store: Engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A constraint the check missed cannot be fixed by retrying; a lost connection can."""
    from sqlalchemy.exc import IntegrityError, OperationalError

    from dashboard.importing import commit

    organisation = _an_organisation(demo_store)
    content = (
        "code,name,organisation,service area,stage,contracting type,level,welsh\n"
        f"new-x,New X,{organisation},Housing,long_running,in_house,2,full\n"
    )
    sheet = _sheet(content)
    entity = BY_NAME["services"]
    checked = validate(sheet, entity, propose(sheet, entity), Known.load(demo_store))
    source = commit.Source("f.csv", "0" * 64, "Rhian", "cli", None, "services")
    before = snapshot(demo_store)

    for error, retry in (
        (IntegrityError("INSERT", {}, Exception("CHECK constraint failed")), False),
        (OperationalError("INSERT", {}, Exception("database is locked")), True),
    ):

        def refuse(*_args, error=error, **_kwargs):  # type: ignore[no-untyped-def]
            raise error

        monkeypatch.setitem(commit.WRITERS, "services", refuse)
        with pytest.raises(ImportFailure) as failure:
            commit.commit(demo_store, [checked], source, valid_only=True)
        assert ("Try again" in failure.value.action) is retry, failure.value.action
        assert snapshot(demo_store) == before


# -- 4. a table the import cannot tell ----------------------------------------------------------------


def test_a_code_and_names_table_is_a_weak_guess_with_candidates() -> None:
    guess = guess_entity(_sheet("Code\tName\tWelsh-name\nw1\tOne\tUn\n", "register.tsv"))
    assert not guess.sure
    assert {"organisations", "themes", "services"} <= {e.name for e in guess.candidates}


def test_a_clear_file_is_a_sure_guess() -> None:
    guess = guess_entity(
        _sheet("Organisation code,Name,Sector,Type of organisation\nx,X,nhs,Health board\n")
    )
    assert guess.sure and guess.entity.name == "organisations"


def test_the_command_asks_for_the_entity_when_the_guess_is_weak(
    demo_store: Engine, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "register.tsv"
    source.write_text("Code\tName\tWelsh-name\nw1\tOne\tUn\n", encoding="utf-8")
    before = snapshot(demo_store)
    result = runner.invoke(app, ["data", "import", str(source), "--dry-run"])
    assert result.exit_code == 1
    assert "--entity" in result.output and "organisations" in result.output
    assert "services" in result.output
    assert snapshot(demo_store) == before


def test_people_s_headers_make_a_services_file() -> None:
    sheet = _sheet(
        "Service ID,Name of service,Description of service,Department,Customer type\n"
        "1,Renew a permit,Renew it online,Transport,Residents\n"
    )
    guess = guess_entity(sheet)
    assert guess.entity.name == "services"
    matched = propose(sheet, SERVICES).columns
    assert matched == {
        "Service ID": "code",
        "Name of service": "name_en",
        "Description of service": "description_en",
        "Department": "organisation",
        "Customer type": "user_types",
    }


# -- 5. every problem in one pass ---------------------------------------------------------------------


def test_unknown_organisations_do_not_hide_other_problems(demo_store: Engine) -> None:
    sheet = _sheet(
        "code,name,organisation\n"
        "s-1,First,nobody-we-know\n"
        "s-1,First again,nobody-we-know\n"
        "s-2,Second,nobody-we-know\n"
    )
    checked = validate(sheet, SERVICES, propose(sheet, SERVICES), Known.load(demo_store))
    messages = " ".join(p.message for p in checked.problems)
    assert "There is no organisation" in messages
    assert "same Service code" in messages  # the duplicate is said now, not after a fix
    assert "Stage" in messages  # and the columns new services need


# -- 6. wording and file types ------------------------------------------------------------------------


def test_nd_gets_the_same_advice_as_na(demo_store: Engine) -> None:
    service = _a_service(demo_store)
    sheet = _sheet(
        f"service,metric,value,availability\n{service},users_per_year,ND,not collected\n"
    )
    entity = BY_NAME["metric_answers"]
    checked = validate(sheet, entity, propose(sheet, entity), Known.load(demo_store))
    advice = [p.action for p in checked.problems if p.value == "ND"]
    assert advice and "Availability" in advice[0] and "digits" not in advice[0]


def test_garbled_accents_are_not_called_welsh_letters() -> None:
    sheet = _sheet("code,name\nx,CafÃ© Bach\n")
    notes = " ".join(p.message for p in sheet.notes)
    assert "Café" in notes and "Welsh" not in notes
    welsh = _sheet("code,name\nx,Gwasanaeth DÅµr\n")
    assert "Welsh" in " ".join(p.message for p in welsh.notes)


def test_rows_that_differ_only_in_unmapped_columns_are_not_exact_repeats(
    demo_store: Engine,
) -> None:
    organisation = _an_organisation(demo_store)
    sheet = _sheet(
        f"code,name,organisation,Internal note\ns-9,X,{organisation},a\ns-9,X,{organisation},b\n"
    )
    mapping = propose(sheet, SERVICES)
    assert "Internal note" not in mapping.columns
    checked = validate(sheet, SERVICES, mapping, Known.load(demo_store))
    repeat = [p for p in checked.problems if p.row == 3 and "row 2" in p.message]
    assert repeat and "exactly" not in repeat[0].message
    assert "Internal note" in repeat[0].message


def test_a_tsv_reads_as_tab_separated(tmp_path: Path) -> None:
    upload = read_upload("register.tsv", b"Code\tName\nw1\tOne\n")
    assert upload.sheets[0].columns == ["Code", "Name"]


@pytest.mark.usefixtures("data_db")
def test_the_data_page_takes_a_tsv_and_asks_what_a_weak_guess_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.test_data_page import _signed_in

    at = _signed_in(monkeypatch)
    uploader = at.file_uploader(key="data_upload")
    assert "tsv" in " ".join(uploader.proto.type)
    register = "Code\tName\tWelsh-name\nw1\tOne\tUn\n"
    uploader.upload("register.tsv", register.encode(), "text/tab-separated-values").run()
    assert not at.exception
    question = at.selectbox(key="data_entity_register")
    assert question.value is None  # the page asks rather than guessing
    assert any("organisations" in w.value.lower() for w in at.warning)
    assert not [b for b in at.button if b.key == "data_check"]
    question.set_value("organisations").run()
    assert [b for b in at.button if b.key == "data_check"]
