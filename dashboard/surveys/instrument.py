"""A survey instrument as the form needs it: sections in order, each with its questions.

Every text of an instrument (titles, introductions, prompts, help, worked examples, choices) is
stored in English and Welsh; the properties here give it in the language of the current run,
falling back to the English with a marker where the Welsh is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar, overload

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import col

from dashboard.common.i18n import local_name, t
from db.models import SurveyInstrument, SurveyQuestion, SurveySection

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Record = TypeVar("_Record", bound="DataclassInstance")


def _local(en: str, cy: str | None) -> str:
    """Instrument text in the current language ('' stays '')."""
    return local_name(en, cy) if en else ""


class _InLanguage:
    """A text read in the current language from the `<name>_en` and `<name>_cy` fields beside
    it, where `<name>` is the attribute's own name."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.en, self.cy = f"{name}_en", f"{name}_cy"

    @overload
    def __get__(self, instance: None, owner: type) -> _InLanguage: ...
    @overload
    def __get__(self, instance: object, owner: type) -> str: ...
    def __get__(self, instance: object, owner: type) -> _InLanguage | str:
        if instance is None:
            return self
        return _local(getattr(instance, self.en), getattr(instance, self.cy))


def example_label(kind: str) -> str:
    """Who a worked example comes from, in the current language."""
    labels = {
        "council": t("A council"),
        "health": t("A health board"),
        "third_sector": t("A third-sector body"),
    }
    return labels.get(kind, kind)


@dataclass(frozen=True)
class Question:
    id: int
    code: str
    answer_type: str
    required: bool
    prompt_en: str
    help_en: str
    spec: dict[str, Any] = field(hash=False, compare=False)
    prompt_cy: str | None = None
    help_cy: str | None = None

    prompt = _InLanguage()
    help = _InLanguage()

    @property
    def options(self) -> list[dict[str, str]]:
        return list(self.spec.get("options") or [])

    def option_label(self, code: str) -> str:
        for option in self.options:
            if str(option["code"]) == str(code):
                return _local(str(option["en"]), option.get("cy"))
        return str(code)

    @property
    def examples(self) -> list[tuple[str, str]]:
        """(who, example) pairs: a council, a health board, a third-sector body."""
        return [
            (example_label(str(e.get("kind"))), _local(str(e.get("en", "")), e.get("cy")))
            for e in self.spec.get("examples") or []
        ]


@dataclass(frozen=True)
class Section:
    id: int
    code: str
    position: int
    title_en: str
    intro_en: str
    questions: tuple[Question, ...]
    title_cy: str | None = None
    intro_cy: str | None = None

    title = _InLanguage()
    intro = _InLanguage()

    @property
    def required(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.required)


@dataclass(frozen=True)
class Instrument:
    id: int
    code: str
    title_en: str
    intro_en: str
    sections: tuple[Section, ...]
    title_cy: str | None = None
    intro_cy: str | None = None
    version: int = 1

    title = _InLanguage()
    intro = _InLanguage()

    @property
    def short_title(self) -> str:
        """The instrument's name in a few words, for tables and file names."""
        names = {"generalist": t("Generalist survey"), "technology": t("Technology survey")}
        return names.get(self.code, self.title)

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


def _from_row(record: type[_Record], row: Any, **given: Any) -> _Record:
    """A record filled from the row's columns of the same names, and from `given`."""
    taken = {f.name: getattr(row, f.name) for f in fields(record) if f.name not in given}
    return record(**taken, **given)


def question_of(row: Any) -> Question:
    """A question as stored (a row with the columns of survey_question)."""
    return _from_row(
        Question,
        row,
        required=bool(row.required),
        help_en=row.help_en or "",
        spec=dict(row.spec or {}),
    )


def load_instrument(engine: Engine, code: str) -> Instrument:
    """The instrument `code` with its sections and questions, in order, in both languages."""
    with engine.connect() as connection:
        instrument = connection.execute(
            select(SurveyInstrument).where(col(SurveyInstrument.code) == code)
        ).one()
        sections = connection.execute(
            select(SurveySection)
            .where(col(SurveySection.instrument_id) == instrument.id)
            .order_by(col(SurveySection.position), col(SurveySection.id))
        ).all()
        questions = connection.execute(
            select(SurveyQuestion)
            .where(col(SurveyQuestion.section_id).in_([s.id for s in sections]))
            .order_by(
                col(SurveyQuestion.section_id), col(SurveyQuestion.position), col(SurveyQuestion.id)
            )
        ).all()
    by_section: dict[int, list[Question]] = {s.id: [] for s in sections}
    for q in questions:
        by_section[q.section_id].append(question_of(q))
    return _from_row(
        Instrument,
        instrument,
        intro_en=instrument.intro_en or "",
        version=int(instrument.version),
        sections=tuple(
            _from_row(
                Section,
                s,
                intro_en=s.intro_en or "",
                questions=tuple(by_section[s.id]),
            )
            for s in sections
        ),
    )


def welsh_text_missing(instrument: Instrument) -> list[str]:
    """Where an instrument lacks Welsh (for checks): 'section/question: part' entries."""
    gaps = []
    if not instrument.title_cy:
        gaps.append(f"{instrument.code}: title")
    for section in instrument.sections:
        if not section.title_cy:
            gaps.append(f"{section.code}: title")
        for q in section.questions:
            if not q.prompt_cy:
                gaps.append(f"{section.code}/{q.code}: prompt")
            if q.help_en and not q.help_cy:
                gaps.append(f"{section.code}/{q.code}: help")
            for example in q.spec.get("examples") or []:
                if not example.get("cy"):
                    gaps.append(f"{section.code}/{q.code}: example {example.get('kind')}")
    return gaps
