"""Import: a blank cell on a row that updates a service keeps what is stored; "not recorded"
(in English or Welsh) stores the unknown explicitly."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from dashboard.importing import pipeline
from dashboard.importing.not_recorded import is_not_recorded
from dashboard.importing.reading import read_upload
from db.demo.build import load_demo

HEADER = (
    "code,name_en,organisation,service_area,stage,contracting_type,digitisation_level,"
    "welsh_provision"
)


@pytest.fixture
def demo_store(sqlite_store: Engine) -> Engine:
    load_demo(sqlite_store)
    return sqlite_store


def _import(engine: Engine, data: str):  # type: ignore[no-untyped-def]
    job = pipeline.prepare(read_upload("services.csv", data.encode()))
    checked = pipeline.check(engine, job)
    return pipeline.run(engine, job, checked, "Test steward")


def _row(engine: Engine, code: str) -> tuple[object, ...]:
    with engine.connect() as connection:
        return tuple(
            connection.execute(
                text(
                    "SELECT stage, contracting_type, digitisation_level, welsh_provision, "
                    "service_area FROM service WHERE code = :code"
                ),
                {"code": code},
            ).one()
        )


def _a_service(engine: Engine) -> tuple[str, str, str]:
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT s.code, s.name_en, o.code FROM service s JOIN organisation o "
                "ON o.id = s.organisation_id WHERE s.digitisation_level IS NOT NULL "
                "AND s.stage IS NOT NULL ORDER BY s.id LIMIT 1"
            )
        ).one()
    return str(row[0]), str(row[1]).replace(",", " "), str(row[2])


def test_the_words_for_not_recorded_in_english_and_welsh() -> None:
    for word in ("not recorded", "Not Recorded", " unknown ", "heb ei gofnodi", "Anhysbys"):
        assert is_not_recorded(word)
    for word in ("", "none", "3", "Long running"):
        assert not is_not_recorded(word)


def test_a_blank_cell_on_an_update_keeps_the_stored_value(demo_store: Engine) -> None:
    code, name, org = _a_service(demo_store)
    before = _row(demo_store, code)
    _import(demo_store, f"{HEADER}\r\n{code},{name},{org},,,,,\r\n")
    assert _row(demo_store, code) == before


def test_not_recorded_stores_the_unknown_explicitly(demo_store: Engine) -> None:
    code, name, org = _a_service(demo_store)
    before = _row(demo_store, code)
    _import(demo_store, f"{HEADER}\r\n{code},{name},{org},,heb ei gofnodi,,not recorded,\r\n")
    after = _row(demo_store, code)
    assert after[0] is None and after[2] is None  # stage and level: not recorded
    assert after[1] == before[1] and after[3] == before[3]  # blanks kept


def test_a_new_service_may_say_not_recorded_but_not_leave_it_blank(demo_store: Engine) -> None:
    _, _, org = _a_service(demo_store)
    blank = f"{HEADER}\r\nnew-svc,New service,{org},waste,Long running,In house,,Bilingual\r\n"
    job = pipeline.prepare(read_upload("services.csv", blank.encode()))
    checked = pipeline.check(demo_store, job)
    actions = " ".join(p.action for c in checked for p in c.errors)
    assert "write “not recorded” if it is not known" in actions
    said = blank.replace("In house,,Bilingual", "In house,Unknown,Bilingual")
    result = _import(demo_store, said)
    assert result.total.added == 1
    assert _row(demo_store, "new-svc") == ("long_running", "in_house", None, "full", "waste")
