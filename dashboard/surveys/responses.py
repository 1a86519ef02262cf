"""Open, save and submit a survey response: checked first, version-guarded, all or nothing.

A save names the version it started from. If somebody else saved in between, the save is
refused (`Stale`) with what they changed, so nobody's answers are overwritten without them
seeing it; the page keeps the refused answers on screen to merge. A save with any invalid
answer writes nothing (`Invalid`, with a message per field).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine

from dashboard.surveys import progress
from dashboard.surveys.answers import Parsed, parse_answer
from dashboard.surveys.instrument import Instrument, Question, load_instrument
from dashboard.surveys.links import Access, AccessDenied
from dashboard.surveys.writeback import write_back
from db.models import (
    Dataset,
    Organisation,
    Service,
    SurveyAnswer,
    SurveyInstrument,
    SurveyResponse,
    SurveySectionProgress,
)
from db.models.columns import utcnow

DRAFT, SUBMITTED = "draft", "submitted"


@dataclass(frozen=True)
class ServiceRef:
    id: int
    code: str
    name: str
    organisation: str


@dataclass(frozen=True)
class Response:
    """A response as it stands in the database, with its instrument."""

    id: int
    instrument: Instrument
    service: ServiceRef
    status: str
    version: int
    answers: dict[str, Any]
    authors: dict[str, tuple[str | None, datetime]]
    updated_at: datetime
    updated_by: str | None
    submitted_at: datetime | None

    @property
    def statuses(self) -> dict[str, str]:
        return progress.statuses(self.instrument, self.answers)

    @property
    def progress_line(self) -> str:
        return progress.progress_line(self.instrument, self.answers)

    @property
    def is_open(self) -> bool:
        return self.status == DRAFT


@dataclass(frozen=True)
class Change:
    """An answer somebody else saved after you opened the survey."""

    question: Question
    yours_before: Any
    theirs: Any
    by: str | None
    at: datetime | None


class SaveRefused(Exception):
    """Nothing was written; the message says why in words."""


class Invalid(SaveRefused):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(f"{len(errors)} answer(s) need correcting; nothing was saved.")
        self.errors = errors


class Stale(SaveRefused):
    def __init__(self, current: Response, changes: list[Change]) -> None:
        names = ", ".join(f"“{c.question.prompt}”" for c in changes[:3]) or "no answers"
        super().__init__(
            "Somebody else saved this survey after you opened it, so your change was not"
            f" saved. They changed {len(changes)} answer(s): {names}."
        )
        self.current = current
        self.changes = changes


class Closed(SaveRefused):
    def __init__(self) -> None:
        super().__init__(
            "This survey has been submitted, so it cannot be changed. The owner can reopen it."
        )


class Incomplete(SaveRefused):
    def __init__(self, missing: list[progress.Missing]) -> None:
        super().__init__(f"{len(missing)} required answer(s) are missing; nothing was submitted.")
        self.missing = missing


def find_response(engine: Engine, service_code: str, instrument_code: str) -> int | None:
    with engine.connect() as connection:
        return connection.execute(
            select(SurveyResponse.id)
            .join(Service, Service.id == SurveyResponse.service_id)
            .join(SurveyInstrument, SurveyInstrument.id == SurveyResponse.instrument_id)
            .where(Service.code == service_code, SurveyInstrument.code == instrument_code)
        ).scalar()


def ensure_response(engine: Engine, service_code: str, instrument_code: str) -> int:
    """The response of a service to an instrument, started as an empty draft if there is none."""
    existing = find_response(engine, service_code, instrument_code)
    if existing is not None:
        return existing
    with engine.begin() as connection:
        service_id = connection.execute(
            select(Service.id).where(Service.code == service_code)
        ).scalar()
        instrument_id = connection.execute(
            select(SurveyInstrument.id).where(SurveyInstrument.code == instrument_code)
        ).scalar()
        if service_id is None or instrument_id is None:
            raise LookupError(f"No service {service_code!r} or survey {instrument_code!r}.")
        now = utcnow()
        result = connection.execute(
            insert(SurveyResponse).values(
                service_id=service_id,
                instrument_id=instrument_id,
                status=DRAFT,
                version=1,
                created_at=now,
                updated_at=now,
            )
        )
        _bump(connection, surveys_only=True)
        return int(result.inserted_primary_key[0])


def load_response(engine: Engine, access: Access) -> Response:
    with engine.connect() as connection:
        return _load(connection, access.response_id)


def _load(connection: Connection, response_id: int) -> Response:
    row = connection.execute(
        select(
            SurveyResponse.id,
            SurveyResponse.service_id,
            SurveyResponse.status,
            SurveyResponse.version,
            SurveyResponse.updated_at,
            SurveyResponse.updated_by,
            SurveyResponse.submitted_at,
            SurveyInstrument.code,
            Service.code,
            Service.name_en,
            Organisation.name_en,
        )
        .join(SurveyInstrument, SurveyInstrument.id == SurveyResponse.instrument_id)
        .join(Service, Service.id == SurveyResponse.service_id)
        .join(Organisation, Organisation.id == Service.organisation_id)
        .where(SurveyResponse.id == response_id)
    ).first()
    if row is None:
        raise AccessDenied("This survey no longer exists.")
    response = row
    instrument_code, service_code, service_name, organisation = row[-4:]
    instrument = load_instrument(connection.engine, instrument_code)
    by_id = {q.id: q for q in instrument.questions.values()}
    answers: dict[str, Any] = {}
    authors: dict[str, tuple[str | None, datetime]] = {}
    for question_id, value, by, at in connection.execute(
        select(
            SurveyAnswer.question_id,
            SurveyAnswer.value,
            SurveyAnswer.updated_by,
            SurveyAnswer.updated_at,
        ).where(SurveyAnswer.response_id == response_id)
    ):
        question = by_id.get(question_id)
        if question is not None and value is not None:
            answers[question.code] = value
            authors[question.code] = (by, at)
    return Response(
        id=response.id,
        instrument=instrument,
        service=ServiceRef(response.service_id, service_code, service_name, organisation),
        status=response.status,
        version=response.version,
        answers=answers,
        authors=authors,
        updated_at=response.updated_at,
        updated_by=response.updated_by,
        submitted_at=response.submitted_at,
    )


def check_answers(instrument: Instrument, raw: Mapping[str, Any]) -> dict[str, Parsed]:
    questions = instrument.questions
    unknown = [code for code in raw if code not in questions]
    if unknown:
        raise KeyError(f"not questions of this survey: {unknown}")
    return {code: parse_answer(questions[code], value) for code, value in raw.items()}


class _Refusal(Exception):
    """Raised inside a write to roll it back when the version moved on."""


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction; on SQLite the write lock is taken up front (BEGIN IMMEDIATE)."""
    with engine.connect() as connection:
        connection = connection.execution_options(sqlite_begin="IMMEDIATE")
        with connection.begin():
            yield connection


def save_answers(
    engine: Engine,
    access: Access,
    raw: Mapping[str, Any],
    base_version: int,
    base_answers: Mapping[str, Any],
) -> Response:
    """Save answers (question code -> what was typed) in one transaction; return the new state.

    `base_version` and `base_answers` are what the saver's page showed when they started.
    Raises Invalid (per-field messages), Stale (somebody saved since), Closed (submitted) or
    AccessDenied; in every case nothing is written.
    """
    current = load_response(engine, access)
    parsed = check_answers(current.instrument, raw)
    errors = {code: p.error for code, p in parsed.items() if p.error}
    if errors:
        raise Invalid(errors)  # type: ignore[arg-type]
    try:
        with _writing(engine) as connection:
            _claim(connection, access, base_version)
            _write(connection, current.instrument, access, {c: p.value for c, p in parsed.items()})
            _bump(connection, surveys_only=True)
    except _Refusal:
        _explain_refusal(engine, access, base_answers)
    return load_response(engine, access)


def _claim(connection: Connection, access: Access, base_version: int) -> None:
    """Move the version on, only if it is still the one the saver started from."""
    result = connection.execute(
        update(SurveyResponse)
        .where(
            SurveyResponse.id == access.response_id,
            SurveyResponse.version == base_version,
            SurveyResponse.status == DRAFT,
        )
        .values(version=SurveyResponse.version + 1, updated_at=utcnow(), updated_by=access.who)
    )
    if result.rowcount != 1:
        raise _Refusal()


def _explain_refusal(engine: Engine, access: Access, base_answers: Mapping[str, Any]) -> None:
    current = load_response(engine, access)
    if current.status != DRAFT:
        raise Closed()
    changes = [
        Change(
            question=question,
            yours_before=base_answers.get(code),
            theirs=current.answers.get(code),
            by=current.authors.get(code, (None, None))[0],
            at=current.authors.get(code, (None, None))[1],
        )
        for code, question in current.instrument.questions.items()
        if current.answers.get(code) != base_answers.get(code)
    ]
    raise Stale(current, changes)


def _write(
    connection: Connection, instrument: Instrument, access: Access, values: Mapping[str, Any]
) -> None:
    now = utcnow()
    questions = instrument.questions
    ids = [questions[code].id for code in values]
    connection.execute(
        delete(SurveyAnswer).where(
            SurveyAnswer.response_id == access.response_id,
            SurveyAnswer.question_id.in_(ids),  # type: ignore[attr-defined]
        )
    )
    rows = [
        {
            "response_id": access.response_id,
            "question_id": questions[code].id,
            "value": value,
            "updated_at": now,
            "updated_by": access.who,
        }
        for code, value in values.items()
        if value is not None
    ]
    if rows:
        connection.execute(insert(SurveyAnswer), rows)
    stored = {
        question_id: value
        for question_id, value in connection.execute(
            select(SurveyAnswer.question_id, SurveyAnswer.value).where(
                SurveyAnswer.response_id == access.response_id
            )
        )
    }
    answers = {q.code: stored.get(q.id) for q in questions.values()}
    connection.execute(
        delete(SurveySectionProgress).where(SurveySectionProgress.response_id == access.response_id)
    )
    connection.execute(
        insert(SurveySectionProgress),
        [
            {
                "response_id": access.response_id,
                "section_id": section.id,
                "status": progress.section_status(section, answers),
                "updated_at": now,
            }
            for section in instrument.sections
        ],
    )


def _bump(connection: Connection, surveys_only: bool) -> None:
    values: dict[str, Any] = {"survey_version": Dataset.survey_version + 1}
    if not surveys_only:
        values["data_version"] = Dataset.data_version + 1
    connection.execute(update(Dataset).where(Dataset.id == 1).values(**values, updated_at=utcnow()))


def submit(engine: Engine, access: Access, base_version: int) -> Response:
    """Submit a complete response; a generalist survey then updates the catalogue it describes."""
    if not access.can_share:
        raise AccessDenied("Only the survey's owner can submit it. Tell them it is ready.")
    current = load_response(engine, access)
    if current.status != DRAFT:
        raise Closed()
    missing = progress.missing_required(current.instrument, current.answers)
    if missing:
        raise Incomplete(missing)
    try:
        with _writing(engine) as connection:
            _claim(connection, access, base_version)
            now = utcnow()
            connection.execute(
                update(SurveyResponse)
                .where(SurveyResponse.id == access.response_id)
                .values(status=SUBMITTED, submitted_at=now)
            )
            if current.instrument.code == "generalist":
                write_back(connection, current.service.id, current.answers)
            _bump(connection, surveys_only=False)
    except _Refusal:
        _explain_refusal(engine, access, current.answers)
    return load_response(engine, access)


def reopen(engine: Engine, access: Access) -> Response:
    """Put a submitted response back into draft so its owner can correct it."""
    if not access.can_share:
        raise AccessDenied("Only the survey's owner can reopen it.")
    with engine.begin() as connection:
        connection.execute(
            update(SurveyResponse)
            .where(SurveyResponse.id == access.response_id, SurveyResponse.status == SUBMITTED)
            .values(
                status=DRAFT,
                version=SurveyResponse.version + 1,
                updated_at=utcnow(),
                updated_by=access.who,
            )
        )
        _bump(connection, surveys_only=True)
    return load_response(engine, access)
