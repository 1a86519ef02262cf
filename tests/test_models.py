"""Model round-trips and the database's own guards (check constraints, cascades), on both stores."""

from __future__ import annotations

from typing import TypeVar

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, select

from db.engine import write_session
from db.models import (
    Journey,
    MetricAnswer,
    Organisation,
    Service,
    ServiceChannel,
    ServiceUserType,
    SurveyAnswer,
    SurveyInstrument,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
)

WELSH = "Gwasanaeth casglu gwastraff — Cyngor Sir Ynys Môn, ŵyr ac ŷd"
_Row = TypeVar("_Row", bound=SQLModel)


def _written(session: Session, row: _Row) -> _Row:
    """The row added and flushed, so that it has its id."""
    session.add(row)
    session.flush()
    return row


def _service(session: Session, **overrides) -> Service:  # type: ignore[no-untyped-def]
    org = _written(
        session,
        Organisation(
            code="ynys-mon",
            name_en="Isle of Anglesey County Council",
            name_cy="Cyngor Sir Ynys Môn",
            sector="local_authority",
            org_type="principal_council",
        ),
    )
    fields = {
        "code": "ynys-mon--bins",
        "organisation_id": org.id,
        "name_en": "Report a missed bin",
        "name_cy": WELSH,
        "service_area": "waste_collection",
        "stage": "long_running",
        "contracting_type": "in_house",
        "digitisation_level": 2,
        "welsh_provision": "full",
    } | overrides
    return _written(session, Service(**fields))


def test_catalogue_round_trip_keeps_welsh_letters(store: Engine) -> None:
    with write_session(store) as session:
        service = _service(session)
        session.add(ServiceUserType(service_id=service.id, user_type="citizens"))
        session.add(ServiceChannel(service_id=service.id, channel="online"))
        session.add_all(
            Journey(service_id=service.id, position=i, name_en=f"Journey {i}") for i in range(30)
        )
        session.add(
            MetricAnswer(
                service_id=service.id,
                metric="cost_per_transaction",
                availability="not_available",
                reason="shared_contract",
            )
        )
    with Session(store) as session:
        loaded = session.exec(select(Service)).one()
        assert loaded.name_cy == WELSH
        assert loaded.created_at.tzinfo is not None
        journeys = session.exec(select(Journey).where(Journey.service_id == loaded.id)).all()
        assert len(journeys) == 30
        metric = session.exec(select(MetricAnswer)).one()
        assert (metric.value, metric.availability, metric.reason) == (
            None,
            "not_available",
            "shared_contract",
        )


@pytest.mark.parametrize(
    "answer",
    [
        {"availability": "provided"},  # a provided metric needs a value
        {"availability": "not_available", "value": 12.0},  # a missing metric cannot have one
        {"availability": "provided", "value": -5.0},  # counts and costs are never negative
        {
            "availability": "estimated",
            "value": 3.0,
            "reason": "shared_system",
        },  # reason only if N/A
        {"availability": "maybe"},  # unknown availability
    ],
)
def test_metric_answers_that_contradict_themselves_are_refused(store: Engine, answer: dict) -> None:
    with write_session(store) as session:
        service_id = _service(session).id
    with pytest.raises(IntegrityError), write_session(store) as session:
        session.add(MetricAnswer(service_id=service_id, metric="users_per_year", **answer))
    with Session(store) as session:
        assert session.exec(select(MetricAnswer)).all() == []  # nothing half-written


@pytest.mark.parametrize(
    "overrides",
    [{"digitisation_level": 5}, {"digitisation_level": -1}, {"stage": "ancient"}],
)
def test_service_codes_outside_the_vocabulary_are_refused(store: Engine, overrides: dict) -> None:
    with pytest.raises(IntegrityError), write_session(store) as session:
        _service(session, **overrides)
    with Session(store) as session:
        assert session.exec(select(Organisation)).all() == []  # the whole transaction rolled back


def test_survey_response_and_json_answers_round_trip(store: Engine) -> None:
    with write_session(store) as session:
        service = _service(session)
        instrument = _written(
            session, SurveyInstrument(code="generalist", title_en="Generalist survey")
        )
        section = _written(
            session,
            SurveySection(instrument_id=instrument.id, code="metrics", position=1, title_en="M"),
        )
        question = SurveyQuestion(
            section_id=section.id,
            code="users",
            position=1,
            answer_type="metric",
            prompt_en="Users per year",
            spec={"metric": "users_per_year", "examples": [{"kind": "council", "en": "9,000"}]},
        )
        session.add(question)
        response = _written(
            session, SurveyResponse(service_id=service.id, instrument_id=instrument.id)
        )
        session.add(
            SurveyAnswer(
                response_id=response.id,
                question_id=question.id,
                value={"value": None, "availability": "not_available", "reason": "shared_system"},
            )
        )
    with Session(store) as session:
        answer = session.exec(select(SurveyAnswer)).one()
        assert answer.value["reason"] == "shared_system"
        stored = session.exec(select(SurveyQuestion)).one()
        assert stored.spec["examples"][0]["en"] == "9,000"
        assert session.exec(select(SurveyResponse)).one().version == 1


def test_one_response_per_service_and_instrument(store: Engine) -> None:
    with write_session(store) as session:
        service = _service(session)
        instrument = _written(
            session, SurveyInstrument(code="technology", title_en="Technology survey")
        )
        session.add(SurveyResponse(service_id=service.id, instrument_id=instrument.id))
        ids = (service.id, instrument.id)
    with pytest.raises(IntegrityError), write_session(store) as session:
        session.add(SurveyResponse(service_id=ids[0], instrument_id=ids[1]))


def test_deleting_a_service_removes_what_hangs_off_it(store: Engine) -> None:
    with write_session(store) as session:
        service = _service(session)
        session.add(Journey(service_id=service.id, name_en="Only journey"))
        session.add(ServiceChannel(service_id=service.id, channel="phone"))
    with write_session(store) as session:
        session.delete(session.exec(select(Service)).one())
    with Session(store) as session:
        assert session.exec(select(Journey)).all() == []
        assert session.exec(select(ServiceChannel)).all() == []
        assert len(session.exec(select(Organisation)).all()) == 1


def test_the_export_and_detail_view_read_every_column_a_metric_answer_says() -> None:
    """What the detail view and the export read of an answer: every column but its id, its
    service and when it was changed (a new column is read by both, or by neither)."""
    from db.models.metric import ANSWER_FIELDS, answer_columns

    assert set(ANSWER_FIELDS) == set(MetricAnswer.__table__.c.keys()) - {
        "id",
        "service_id",
        "updated_at",
    }
    assert [column.key for column in answer_columns()] == list(ANSWER_FIELDS)


def test_a_written_row_has_its_id_and_an_unwritten_one_says_so(store: Engine) -> None:
    """id_of() gives the id the database numbered a row with, and refuses a row not written;
    inserted_id() gives the id of the row an INSERT wrote."""
    from sqlalchemy import insert

    from db.engine import inserted_id
    from db.models.columns import id_of

    organisation = Organisation(code="o", name_en="O", sector="health", org_type="nhs_trust")
    with pytest.raises(ValueError, match="no id yet"):
        id_of(organisation)
    with write_session(store) as session:
        written = _written(session, organisation)
        assert id_of(written) == written.id and isinstance(id_of(written), int)
        result = session.connection().execute(
            insert(Organisation).values(
                code="p", name_en="P", sector="health", org_type="nhs_trust"
            )
        )
        stored = session.exec(select(Organisation).where(Organisation.code == "p")).one()
        assert inserted_id(result) == stored.id
