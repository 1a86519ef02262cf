"""Open, save and submit a survey response: checked first, guarded per question, all or nothing.

A save names the version and the answers its page started from. If somebody else saved in
between, their changes are merged with this save as long as they touched other questions; only
a true overlap (the same question changed by both) is refused (`Stale`), with what they
changed, so nobody's answer is overwritten without them seeing it. A save with any invalid
answer writes nothing (`Invalid`, with a message per field). Every write checks again, inside
its transaction, that the link it comes through still opens this survey.

An answer that is cleared is kept as an empty row, so a later submit knows the owner took the
value back and clears it in the catalogue too.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine, Row
from sqlmodel import col

from dashboard.common.i18n import t, tn
from dashboard.surveys import progress
from dashboard.surveys.answers import Parsed, parse_answer
from dashboard.surveys.instrument import Instrument, Question, load_instrument
from dashboard.surveys.links import Access, AccessDenied, check_still_valid
from dashboard.surveys.writeback import write_back
from db.engine import inserted_id
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
    name_en: str
    organisation_en: str
    name_cy: str | None = None
    organisation_cy: str | None = None

    @property
    def name(self) -> str:
        from dashboard.common.i18n import local_name

        return local_name(self.name_en, self.name_cy)

    @property
    def organisation(self) -> str:
        from dashboard.common.i18n import local_name

        return local_name(self.organisation_en, self.organisation_cy)


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
    marked_done: frozenset[str] = frozenset()
    cleared: frozenset[str] = field(default=frozenset())

    @property
    def statuses(self) -> dict[str, str]:
        return progress.statuses(self.instrument, self.answers, self.marked_done)

    @property
    def progress_line(self) -> str:
        return progress.progress_line(self.instrument, self.answers, self.marked_done)

    @property
    def sections_complete(self) -> int:
        return progress.sections_complete(self.instrument, self.answers, self.marked_done)

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
        super().__init__(
            tn(
                "{n} answer needs correcting; nothing was saved.",
                "{n} answers need correcting; nothing was saved.",
                len(errors),
            )
        )
        self.errors = errors


class Stale(SaveRefused):
    """Somebody else changed the very questions this save changes (a true overlap).

    `changes` are those questions with the other person's answer; `refused` names every
    question of the refused save (nothing of it was written).
    """

    def __init__(
        self, current: Response, changes: list[Change], refused: Collection[str] = ()
    ) -> None:
        super().__init__()
        self.current = current
        self.changes = changes
        self.refused = frozenset(refused) or frozenset(c.question.code for c in changes)

    def __str__(self) -> str:
        names = ", ".join(f"“{c.question.prompt}”" for c in self.changes[:3])
        return tn(
            "Somebody else changed {n} of the same answers after you opened the survey, so"
            " your change was not saved: {names}.",
            "Somebody else changed {n} of the same answers after you opened the survey, so"
            " your changes were not saved: {names}.",
            len(self.changes),
            names=names,
        )


class Closed(SaveRefused):
    def __str__(self) -> str:
        return t(
            "This survey has been submitted, so it cannot be changed. The owner can reopen it."
        )


class Incomplete(SaveRefused):
    def __init__(self, missing: list[progress.Missing]) -> None:
        super().__init__()
        self.missing = missing

    def __str__(self) -> str:
        return tn(
            "{n} required answer is missing; nothing was submitted.",
            "{n} required answers are missing; nothing was submitted.",
            len(self.missing),
        )


def find_response(engine: Engine, service_code: str, instrument_code: str) -> int | None:
    with engine.connect() as connection:
        return connection.execute(
            select(col(SurveyResponse.id))
            .join(Service, col(Service.id) == col(SurveyResponse.service_id))
            .join(SurveyInstrument, col(SurveyInstrument.id) == col(SurveyResponse.instrument_id))
            .where(col(Service.code) == service_code, col(SurveyInstrument.code) == instrument_code)
        ).scalar()


def ensure_response(engine: Engine, service_code: str, instrument_code: str) -> int:
    """The response of a service to an instrument, started as an empty draft if there is none."""
    existing = find_response(engine, service_code, instrument_code)
    if existing is not None:
        return existing
    with engine.begin() as connection:
        service_id = connection.execute(
            select(col(Service.id)).where(col(Service.code) == service_code)
        ).scalar()
        instrument_id = connection.execute(
            select(col(SurveyInstrument.id)).where(col(SurveyInstrument.code) == instrument_code)
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
        return inserted_id(result)


def load_response(engine: Engine, access: Access, response_id: int | None = None) -> Response:
    """The response this access opens (`response_id`, when given, must be that one)."""
    if response_id is not None:
        access.require(response_id)
    with engine.connect() as connection:
        return _load(connection, access.response_id)


def _load(connection: Connection, response_id: int) -> Response:
    row: Row[*tuple[Any, ...]] | None = connection.execute(
        select(
            col(SurveyResponse.id),
            col(SurveyResponse.service_id),
            col(SurveyResponse.status),
            col(SurveyResponse.version),
            col(SurveyResponse.updated_at),
            col(SurveyResponse.updated_by),
            col(SurveyResponse.submitted_at),
            col(SurveyInstrument.code).label("instrument"),
            col(Service.code).label("service_code"),
            col(Service.name_en).label("name_en"),
            col(Service.name_cy).label("name_cy"),
            col(Organisation.name_en).label("organisation_en"),
            col(Organisation.name_cy).label("organisation_cy"),
        )
        .join(SurveyInstrument, col(SurveyInstrument.id) == col(SurveyResponse.instrument_id))
        .join(Service, col(Service.id) == col(SurveyResponse.service_id))
        .join(Organisation, col(Organisation.id) == col(Service.organisation_id))
        .where(col(SurveyResponse.id) == response_id)
    ).first()
    if row is None:
        raise AccessDenied(t("This survey no longer exists."))
    instrument = load_instrument(connection.engine, row.instrument)
    answers, authors, cleared = _answers(connection, instrument, response_id)
    stored = _stored_progress(connection, instrument, response_id)
    return Response(
        id=row.id,
        instrument=instrument,
        service=ServiceRef(
            row.service_id,
            row.service_code,
            row.name_en,
            row.organisation_en,
            row.name_cy,
            row.organisation_cy,
        ),
        status=row.status,
        version=row.version,
        answers=answers,
        authors=authors,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        submitted_at=row.submitted_at,
        marked_done=progress.marked_sections(instrument, answers, stored),
        cleared=frozenset(cleared),
    )


def _answers(
    connection: Connection, instrument: Instrument, response_id: int
) -> tuple[dict[str, Any], dict[str, tuple[str | None, datetime]], set[str]]:
    """Stored answers by question code, who saved each and when, and the cleared ones."""
    by_id = {q.id: q for q in instrument.questions.values()}
    answers: dict[str, Any] = {}
    authors: dict[str, tuple[str | None, datetime]] = {}
    cleared: set[str] = set()
    for question_id, value, by, at in connection.execute(
        select(
            col(SurveyAnswer.question_id),
            col(SurveyAnswer.value),
            col(SurveyAnswer.updated_by),
            col(SurveyAnswer.updated_at),
        ).where(col(SurveyAnswer.response_id) == response_id)
    ):
        question = by_id.get(question_id)
        if question is None:
            continue
        authors[question.code] = (by, at)
        if value is None:
            cleared.add(question.code)
        else:
            answers[question.code] = value
    return answers, authors, cleared


def _stored_progress(
    connection: Connection, instrument: Instrument, response_id: int
) -> dict[str, str]:
    codes = {s.id: s.code for s in instrument.sections}
    return {
        codes[section_id]: status
        for section_id, status in connection.execute(
            select(col(SurveySectionProgress.section_id), col(SurveySectionProgress.status)).where(
                col(SurveySectionProgress.response_id) == response_id
            )
        )
        if section_id in codes
    }


def check_answers(instrument: Instrument, raw: Mapping[str, Any]) -> dict[str, Parsed]:
    questions = instrument.questions
    unknown = [code for code in raw if code not in questions]
    if unknown:
        raise KeyError(f"not questions of this survey: {unknown}")
    return {code: parse_answer(questions[code], value) for code, value in raw.items()}


class _Overlap(Exception):
    """Raised inside a write to roll it back: these questions were changed by someone else."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(codes)
        self.codes = codes


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction; on SQLite the write lock is taken up front (BEGIN IMMEDIATE)."""
    with engine.connect() as connection:
        connection = connection.execution_options(sqlite_begin="IMMEDIATE")
        with connection.begin():
            yield connection


def _lock(connection: Connection, access: Access) -> Any:
    """The response's row, locked until the write ends (SQLite holds its lock already); the
    link is checked again here, so a link withdrawn after the page opened cannot write."""
    check_still_valid(connection, access)
    row = connection.execute(
        select(col(SurveyResponse.status), col(SurveyResponse.version))
        .where(col(SurveyResponse.id) == access.response_id)
        .with_for_update()
    ).first()
    if row is None:
        raise AccessDenied(t("This survey no longer exists."))
    return row


def save_answers(
    engine: Engine,
    access: Access,
    response_id: int,
    raw: Mapping[str, Any],
    base_version: int,
    base_answers: Mapping[str, Any],
    *,
    overwrite: Collection[str] = (),
) -> Response:
    """Save answers (question code -> what was typed) in one transaction; return the new state.

    `base_version` and `base_answers` are what the saver's page showed when they started.
    Changes others saved since then are kept: this save is merged with them unless one of its
    questions was changed by someone else too (listed in `overwrite` when the saver has seen
    that and chose their own answer). Raises Invalid (per-field messages), Stale (a true
    overlap), Closed (submitted) or AccessDenied; in every case nothing is written.
    """
    access.require(response_id)
    instrument = load_response(engine, access).instrument
    parsed = check_answers(instrument, raw)
    errors = {code: p.error for code, p in parsed.items() if p.error}
    if errors:
        raise Invalid(errors)
    values = {code: p.value for code, p in parsed.items()}
    try:
        with _writing(engine) as connection:
            row = _lock(connection, access)
            if row.status != DRAFT:
                raise Closed()
            stored, _, cleared = _answers(connection, instrument, access.response_id)
            if row.version != base_version:
                overlap = [
                    code
                    for code, value in values.items()
                    if code not in overwrite
                    and stored.get(code) != base_answers.get(code)
                    and stored.get(code) != value
                ]
                if overlap:
                    raise _Overlap(overlap)
            _claim(connection, access, row.version)
            _write(connection, instrument, access, stored, cleared, values)
            _bump(connection, surveys_only=True)
    except _Overlap as overlap:
        current = load_response(engine, access)
        raise Stale(current, _changes(current, overlap.codes, base_answers), values) from None
    return load_response(engine, access)


def _changes(current: Response, codes: Collection[str], base: Mapping[str, Any]) -> list[Change]:
    questions = current.instrument.questions
    return [
        Change(
            question=questions[code],
            yours_before=base.get(code),
            theirs=current.answers.get(code),
            by=current.authors.get(code, (None, None))[0],
            at=current.authors.get(code, (None, None))[1],
        )
        for code in questions
        if code in codes
    ]


def _claim(connection: Connection, access: Access, version: int) -> None:
    """Move the version on from the one just read (the row is locked, so this always lands)."""
    result = connection.execute(
        update(SurveyResponse)
        .where(col(SurveyResponse.id) == access.response_id, col(SurveyResponse.version) == version)
        .values(version=col(SurveyResponse.version) + 1, updated_at=utcnow(), updated_by=access.who)
    )
    if result.rowcount != 1:  # pragma: no cover - the lock makes this impossible
        raise RuntimeError("the survey's version moved during a locked write")


def _write(
    connection: Connection,
    instrument: Instrument,
    access: Access,
    before: Mapping[str, Any],
    cleared: Collection[str],
    values: Mapping[str, Any],
) -> None:
    """Replace the given answers (a cleared one stays as an empty row) and section states."""
    now = utcnow()
    questions = instrument.questions
    stored = _stored_progress(connection, instrument, access.response_id)
    marked = progress.marked_sections(instrument, before, stored)
    ids = [questions[code].id for code in values]
    connection.execute(
        delete(SurveyAnswer).where(
            col(SurveyAnswer.response_id) == access.response_id,
            col(SurveyAnswer.question_id).in_(ids),
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
        if value is not None or code in before or code in cleared
    ]
    if rows:
        connection.execute(insert(SurveyAnswer), rows)
    answers = {**before, **values}
    _write_progress(connection, instrument, access.response_id, answers, marked, now)


def _write_progress(
    connection: Connection,
    instrument: Instrument,
    response_id: int,
    answers: Mapping[str, Any],
    marked: Collection[str],
    now: datetime,
) -> None:
    connection.execute(
        delete(SurveySectionProgress).where(col(SurveySectionProgress.response_id) == response_id)
    )
    connection.execute(
        insert(SurveySectionProgress),
        [
            {
                "response_id": response_id,
                "section_id": section.id,
                "status": progress.section_status(section, answers, marked),
                "updated_at": now,
            }
            for section in instrument.sections
        ],
    )


def mark_section(
    engine: Engine, access: Access, response_id: int, section_code: str, done: bool
) -> Response:
    """Mark a section without required questions as done (or take that back)."""
    access.require(response_id)
    instrument = load_response(engine, access).instrument
    section = instrument.section(section_code)
    if not progress.can_mark_done(section):
        raise ValueError(f"section {section_code!r} has required questions")
    with _writing(engine) as connection:
        row = _lock(connection, access)
        if row.status != DRAFT:
            raise Closed()
        answers, _, _ = _answers(connection, instrument, access.response_id)
        stored = _stored_progress(connection, instrument, access.response_id)
        marked = set(progress.marked_sections(instrument, answers, stored))
        (marked.add if done else marked.discard)(section_code)
        _claim(connection, access, row.version)
        _write_progress(connection, instrument, access.response_id, answers, marked, utcnow())
        _bump(connection, surveys_only=True)
    return load_response(engine, access)


def _bump(connection: Connection, surveys_only: bool) -> None:
    values: dict[str, Any] = {"survey_version": col(Dataset.survey_version) + 1}
    if not surveys_only:
        values["data_version"] = col(Dataset.data_version) + 1
    connection.execute(
        update(Dataset).where(col(Dataset.id) == 1).values(**values, updated_at=utcnow())
    )


def submit(
    engine: Engine,
    access: Access,
    response_id: int,
    base_version: int,
    base_answers: Mapping[str, Any] | None = None,
) -> Response:
    """Submit a complete response; a generalist survey then updates the catalogue it describes.

    Refused (Stale) if anything changed since the owner's page last loaded, so the owner
    submits exactly what they saw.
    """
    access.require(response_id)
    if not access.can_share:
        raise AccessDenied(t("Only the survey's owner can submit it. Tell them it is ready."))
    before = load_response(engine, access)
    instrument = before.instrument
    with _writing(engine) as connection:
        row = _lock(connection, access)
        if row.status != DRAFT:
            raise Closed()
        answers, _, cleared = _answers(connection, instrument, access.response_id)
        seen = before.answers if base_answers is None else base_answers
        changed = [c for c in instrument.questions if answers.get(c) != seen.get(c)]
        stale = row.version != base_version and bool(changed)
        if not stale:
            missing = progress.missing_required(instrument, answers)
            if missing:
                raise Incomplete(missing)
            _claim(connection, access, row.version)
            connection.execute(
                update(SurveyResponse)
                .where(col(SurveyResponse.id) == access.response_id)
                .values(status=SUBMITTED, submitted_at=utcnow())
            )
            if instrument.code == "generalist":
                write_back(connection, before.service.id, answers, cleared)
            _bump(connection, surveys_only=False)
    if stale:
        current = load_response(engine, access)
        raise Stale(current, _changes(current, changed, seen))
    return load_response(engine, access)


def reopen(engine: Engine, access: Access, response_id: int) -> Response:
    """Put a submitted response back into draft so its owner can correct it."""
    access.require(response_id)
    if not access.can_share:
        raise AccessDenied(t("Only the survey's owner can reopen it."))
    with _writing(engine) as connection:
        _lock(connection, access)
        connection.execute(
            update(SurveyResponse)
            .where(
                col(SurveyResponse.id) == access.response_id,
                col(SurveyResponse.status) == SUBMITTED,
            )
            .values(
                status=DRAFT,
                version=col(SurveyResponse.version) + 1,
                updated_at=utcnow(),
                updated_by=access.who,
            )
        )
        # the Insight pages count submitted answers only: a reopened survey leaves them
        _bump(connection, surveys_only=False)
    return load_response(engine, access)
