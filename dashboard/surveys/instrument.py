"""A survey instrument as the form needs it: sections in order, each with its questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from db.models import SurveyInstrument, SurveyQuestion, SurveySection

EXAMPLE_LABELS = {
    "council": "A council",
    "health": "A health board",
    "third_sector": "A third-sector body",
}


@dataclass(frozen=True)
class Question:
    id: int
    code: str
    answer_type: str
    required: bool
    prompt: str
    help: str
    spec: dict[str, Any] = field(hash=False, compare=False)

    @property
    def options(self) -> list[dict[str, str]]:
        return list(self.spec.get("options") or [])

    def option_label(self, code: str) -> str:
        for option in self.options:
            if str(option["code"]) == str(code):
                return str(option["en"])
        return str(code)

    @property
    def examples(self) -> list[tuple[str, str]]:
        """(who, example) pairs: a council, a health board, a third-sector body."""
        return [
            (EXAMPLE_LABELS.get(str(e.get("kind")), str(e.get("kind"))), str(e.get("en", "")))
            for e in self.spec.get("examples") or []
        ]


@dataclass(frozen=True)
class Section:
    id: int
    code: str
    position: int
    title: str
    intro: str
    questions: tuple[Question, ...]

    @property
    def required(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.required)


@dataclass(frozen=True)
class Instrument:
    id: int
    code: str
    title: str
    intro: str
    sections: tuple[Section, ...]

    def section(self, code: str) -> Section:
        for section in self.sections:
            if section.code == code:
                return section
        raise KeyError(code)

    @property
    def questions(self) -> dict[str, Question]:
        return {q.code: q for s in self.sections for q in s.questions}

    def section_of(self, question_code: str) -> Section:
        for section in self.sections:
            if any(q.code == question_code for q in section.questions):
                return section
        raise KeyError(question_code)


def load_instrument(engine: Engine, code: str) -> Instrument:
    """The instrument `code` with its sections and questions, in order."""
    with engine.connect() as connection:
        instrument = connection.execute(
            select(SurveyInstrument).where(SurveyInstrument.code == code)
        ).one()
        sections = connection.execute(
            select(SurveySection)
            .where(SurveySection.instrument_id == instrument.id)
            .order_by(SurveySection.position)
        ).all()
        questions = connection.execute(
            select(SurveyQuestion)
            .where(SurveyQuestion.section_id.in_([s.id for s in sections]))
            .order_by(SurveyQuestion.section_id, SurveyQuestion.position)
        ).all()
    by_section: dict[int, list[Question]] = {s.id: [] for s in sections}
    for q in questions:
        by_section[q.section_id].append(
            Question(
                id=q.id,
                code=q.code,
                answer_type=q.answer_type,
                required=bool(q.required),
                prompt=q.prompt_en,
                help=q.help_en or "",
                spec=dict(q.spec or {}),
            )
        )
    return Instrument(
        id=instrument.id,
        code=instrument.code,
        title=instrument.title_en,
        intro=instrument.intro_en or "",
        sections=tuple(
            Section(
                id=s.id,
                code=s.code,
                position=s.position,
                title=s.title_en,
                intro=s.intro_en or "",
                questions=tuple(by_section[s.id]),
            )
            for s in sections
        ),
    )
