"""Organisations named by a services file and not yet in the store: proposed once each, flagged
when they look like one that exists, created with the services once confirmed; service codes
made for a file without them; real data never joining the demo silently."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine

from dashboard.importing import pipeline
from dashboard.importing.new_organisations import (
    Choices,
    distinctive,
    looks_alike,
    slug,
)
from dashboard.importing.problems import ImportFailure
from dashboard.importing.reading import read_upload
from db.demo.build import load_demo
from tests.import_files import snapshot

ORGANISATIONS = (
    "code,name_en,sector,org_type\r\n"
    "city-of-cardiff,City of Cardiff Council,local_authority,principal_council\r\n"
    "welsh-government,Welsh Government,central_government,government\r\n"
)

SERVICES = (
    "Organisation,Service name,Stage,Contracting type,Digitisation level,Welsh provision,"
    "Service area\r\n"
    "Cardiff Council,Parking permits,long_running,in_house,3,full,parking\r\n"
    "Cardiff Council,Parking fines,long_running,in_house,2,full,parking\r\n"
    "Cardiff Council,Bulky waste,long_running,in_house,2,full,waste\r\n"
    "Ynys Môn County Council,Bulky waste,long_running,in_house,1,partial,waste\r\n"
    "Welsh Government,Farm grants,long_running,outsourced,2,full,farming\r\n"
)


def _store_with_organisations(engine: Engine) -> Engine:
    job = pipeline.prepare(read_upload("orgs.csv", ORGANISATIONS.encode()))
    pipeline.run(engine, job, pipeline.check(engine, job), "Test")
    return engine


def _job(data: str = SERVICES) -> pipeline.Job:
    return pipeline.prepare(read_upload("services.csv", data.encode()), entity="services")


def _scalar(engine: Engine, sql: str) -> object:
    with engine.connect() as connection:
        return connection.execute(text(sql)).scalar()


def test_names_lose_the_words_every_council_shares() -> None:
    assert distinctive("City of Cardiff Council") == "cardiff"
    assert distinctive("Cyngor Caerdydd") == "caerdydd"
    assert looks_alike("Cardiff Council", "City of Cardiff Council")
    assert looks_alike("Cardiff Council.", "Cardiff  council")
    assert not looks_alike("Cardiff Council", "Conwy County Borough Council")
    assert slug("Ynys Môn County Council") == "ynys-mon-county-council"


def test_each_new_name_is_one_proposal_with_a_code_and_its_look_alikes(
    sqlite_store: Engine,
) -> None:
    _store_with_organisations(sqlite_store)
    found = pipeline.proposals(sqlite_store, _job())
    assert [(p.name, p.code, p.rows) for p in found] == [
        ("Cardiff Council", "cardiff-council", 3),
        ("Ynys Môn County Council", "ynys-mon-county-council", 1),
    ]
    assert found[0].similar == (("city-of-cardiff", "City of Cardiff Council"),)
    assert found[1].similar == ()


def test_unconfirmed_names_give_one_problem_each_and_nothing_is_written(
    sqlite_store: Engine,
) -> None:
    _store_with_organisations(sqlite_store)
    before = snapshot(sqlite_store)
    guided = pipeline.guided_check(sqlite_store, _job())
    errors = [p for p in guided.problems() if p.is_error]
    about = [p for p in errors if p.value in ("Cardiff Council", "Ynys Môn County Council")]
    assert len(about) == 2
    assert "3 rows name the organisation “Cardiff Council”" in about[0].message
    assert "--create-organisations" in about[0].action
    with pytest.raises(ImportFailure):
        pipeline.guided_run(sqlite_store, guided, "Test")
    assert snapshot(sqlite_store) == before


def test_confirmed_organisations_are_written_with_the_services(sqlite_store: Engine) -> None:
    _store_with_organisations(sqlite_store)
    choices = Choices(create=True, sector="local_authority")
    guided = pipeline.guided_check(sqlite_store, _job(), choices)
    assert not [p for p in guided.problems() if p.is_error]
    outcome = pipeline.guided_run(sqlite_store, guided, "Test")
    assert outcome.tables["organisations"].added == 2
    assert outcome.tables["services"].added == 5
    assert (
        _scalar(
            sqlite_store,
            "SELECT sector || ' ' || org_type FROM organisation WHERE code = 'cardiff-council'",
        )
        == "local_authority principal_council"
    )
    codes = {
        row[0]
        for row in sqlite_store.connect().execute(text("SELECT code FROM service")).fetchall()
    }
    assert codes == {
        "cardiff-council-parking-permits",
        "cardiff-council-parking-fines",
        "cardiff-council-bulky-waste",
        "ynys-mon-county-council-bulky-waste",
        "welsh-government-farm-grants",
    }
    again = pipeline.guided_run(sqlite_store, pipeline.guided_check(sqlite_store, _job()), "Test")
    assert again.total.added == 0 and again.total.unchanged == 5


def test_a_proposal_taken_as_an_existing_organisation_creates_nothing(
    sqlite_store: Engine,
) -> None:
    _store_with_organisations(sqlite_store)
    choices = Choices(
        create=True, sector="local_authority", same_as={"Cardiff Council": "city-of-cardiff"}
    )
    outcome = pipeline.guided_run(
        sqlite_store, pipeline.guided_check(sqlite_store, _job(), choices), "Test"
    )
    assert outcome.tables["organisations"].added == 1
    assert (
        _scalar(
            sqlite_store,
            "SELECT COUNT(*) FROM service s JOIN organisation o ON o.id = s.organisation_id "
            "WHERE o.code = 'city-of-cardiff'",
        )
        == 3
    )
    assert _scalar(sqlite_store, "SELECT COUNT(*) FROM organisation") == 3


def test_a_sector_column_gives_the_sector_and_none_needs_the_steward(
    sqlite_store: Engine,
) -> None:
    data = (
        "Organisation,Sector,Service name,Stage,Contracting type,Digitisation level,"
        "Welsh provision,Service area\r\n"
        "Hywel Dda,Health,Booking,long_running,in_house,2,full,care\r\n"
        "Nowhere Trust,,Advice,long_running,in_house,2,full,advice\r\n"
    )
    found = pipeline.proposals(sqlite_store, _job(data))
    assert {p.name: p.sector for p in found} == {"Hywel Dda": "health", "Nowhere Trust": None}
    guided = pipeline.guided_check(sqlite_store, _job(data), Choices(create=True))
    missing = [p for p in guided.problems() if "No sector" in p.message]
    assert len(missing) == 1 and "“Nowhere Trust”" in missing[0].message
    outcome = pipeline.guided_run(sqlite_store, guided, "Test", valid_only=True)
    assert outcome.tables["organisations"].added == 1
    assert _scalar(sqlite_store, "SELECT sector FROM organisation WHERE code = 'hywel-dda'") == (
        "health"
    )


def test_real_rows_are_refused_by_a_demo_store_unless_it_is_replaced(
    sqlite_store: Engine,
) -> None:
    load_demo(sqlite_store)
    before = snapshot(sqlite_store)
    choices = Choices(create=True, sector="local_authority")
    kept = pipeline.guided_check(sqlite_store, _job(), choices)
    trial = pipeline.guided_run(sqlite_store, kept, "Test", trial=True)
    assert trial.total.added > 0
    with pytest.raises(ImportFailure) as refused:
        pipeline.guided_run(sqlite_store, kept, "Test")
    assert "--replace-demo" in refused.value.action
    assert snapshot(sqlite_store) == before

    replaced = pipeline.guided_check(sqlite_store, _job(), choices, replace_demo=True)
    assert {p.name for p in replaced.proposals} == {
        "Cardiff Council",
        "Ynys Môn County Council",
        "Welsh Government",
    }
    pipeline.guided_run(sqlite_store, replaced, "Rhian")
    assert _scalar(sqlite_store, "SELECT COUNT(*) FROM service") == 5
    assert _scalar(sqlite_store, "SELECT COUNT(*) FROM organisation") == 3
    assert _scalar(sqlite_store, "SELECT COUNT(*) FROM metric_answer") == 0
    assert _scalar(sqlite_store, "SELECT COUNT(*) FROM journey") == 0
    assert _scalar(sqlite_store, "SELECT COUNT(*) FROM survey_response") == 0
    assert _scalar(sqlite_store, "SELECT kind FROM dataset") == "real"
    label = str(_scalar(sqlite_store, "SELECT label FROM dataset"))
    assert label.startswith("Imported data: services.csv by Rhian, 20")


def test_generated_codes_stay_apart_when_long_names_share_their_start(
    sqlite_store: Engine,
) -> None:
    _store_with_organisations(sqlite_store)
    stem = "Grants for the repair and improvement of " + "older homes " * 10
    data = (
        "Organisation,Service name,Stage,Contracting type,Digitisation level,Welsh provision,"
        "Service area\r\n"
        f"Welsh Government,{stem}in towns,long_running,in_house,2,full,housing\r\n"
        f"Welsh Government,{stem}in villages,long_running,in_house,2,full,housing\r\n"
    )
    guided = pipeline.guided_check(sqlite_store, _job(data))
    assert not [p for p in guided.problems() if p.is_error]
    codes = guided.checked[0].frame["code"].tolist()
    assert len(set(codes)) == 2 and all(len(c) <= 120 for c in codes)
    assert codes[1] == codes[0][:118] + "-2"
