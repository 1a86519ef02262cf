"""Writes the fixed reference data every store needs: standards, OECD dimensions, themes,
instruments and service types.

Service types are brought in line with `service_types.yaml` every time (added, renamed,
renumbered); a type dropped from the file is deleted only if no service has it.

Instruments are upgraded in place when their YAML file carries a higher `version` than the
database holds: texts, choices and order change, new sections and questions are added, and
every answer already given stays attached to its question (matched by code). A question or
section dropped from the YAML is deleted only if nobody has answered it; otherwise it is kept.
"""

from __future__ import annotations

import logging
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from db.models import (
    OecdDimension,
    Service,
    ServiceType,
    Standard,
    SurveyAnswer,
    SurveyInstrument,
    SurveyQuestion,
    SurveySection,
    Theme,
    ThemeOecd,
    ThemeStandard,
)
from db.models.columns import id_of
from db.reference import frameworks
from db.reference.instruments import INSTRUMENT_CODES, load_instrument, question_spec
from db.reference.service_types import SERVICE_TYPES

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Model = TypeVar("_Model", bound=SQLModel)


def load_reference(session: Session) -> None:
    """Insert the reference data if it is not there yet (idempotent; run inside a transaction)."""
    if session.exec(select(Standard)).first() is None:
        _load_frameworks(session)
    upgrade_instruments(session)
    sync_service_types(session)


def sync_service_types(session: Session) -> int:
    """Bring the `service_type` table in line with the reference list; return how many rows
    were added, changed or deleted (run inside a transaction; idempotent)."""
    stored = {row.code: row for row in session.exec(select(ServiceType)).all()}
    wanted = {seed.code: seed for seed in SERVICE_TYPES}
    used = set(
        session.exec(
            select(Service.service_type).where(col(Service.service_type).is_not(None)).distinct()
        ).all()
    )
    written = 0
    # a number moves between types only once its old holder has let go of it (it is unique)
    for code, row in stored.items():
        seed = wanted.get(code)
        if seed is not None and row.lgsl_code not in (None, seed.lgsl_code):
            row.lgsl_code = None
            session.add(row)
    session.flush()
    for code, row in stored.items():
        if code not in wanted and code not in used:
            session.delete(row)
            written += 1
    session.flush()
    for code, seed in wanted.items():
        row = stored.get(code) or ServiceType(code=code, scheme=seed.scheme, name_en="", name_cy="")
        values = {
            "scheme": seed.scheme,
            "lgsl_code": seed.lgsl_code,
            "name_en": seed.name_en,
            "name_cy": seed.name_cy,
            "sort_order": seed.sort_order,
        }
        if code in stored and all(getattr(row, k) == v for k, v in values.items()):
            continue
        for name, value in values.items():
            setattr(row, name, value)
        session.add(row)
        written += 1
    session.flush()
    return written


def upgrade_instruments(session: Session) -> list[str]:
    """Insert missing instruments and upgrade those whose YAML version is newer; return the
    codes of the instruments written (run inside a transaction)."""
    written = []
    existing = {i.code: i for i in session.exec(select(SurveyInstrument)).all()}
    for code in INSTRUMENT_CODES:
        definition = load_instrument(code)
        if code not in existing:
            _load_instrument(session, code)
            written.append(code)
        elif int(definition.get("version", 1)) > existing[code].version:
            _upgrade_instrument(session, existing[code], definition)
            written.append(code)
    session.flush()
    return written


#: What `upgrade_reference` lists when it brought the service types up to their file.
SERVICE_TYPES_WRITTEN = "service types"


def upgrade_reference(engine: Engine) -> list[str]:
    """Bring the instruments and service types of an existing store up to their reference
    files (idempotent); return what was written (instrument codes, "service types")."""
    with Session(engine) as session:
        if session.exec(select(SurveyInstrument)).first() is None:
            return []  # an empty store: the first data load writes all the reference data
        written = upgrade_instruments(session)
        if sync_service_types(session):
            written.append(SERVICE_TYPES_WRITTEN)
        session.commit()
    return written


def _from_seed(model: type[_Model], seed: DataclassInstance, **given: Any) -> _Model:
    """A row of `model` from the seed's fields of the same names, and from `given`."""
    same = {f.name: getattr(seed, f.name) for f in fields(seed) if f.name in model.model_fields}
    return model(**same, **given)


def _load_frameworks(session: Session) -> None:
    for standard in frameworks.STANDARDS:
        session.add(
            _from_seed(Standard, standard, id=standard.number, standard_group=standard.group)
        )
    dimensions = {}
    for seed in frameworks.OECD_DIMENSIONS:
        dimension = _from_seed(OecdDimension, seed)
        session.add(dimension)
        dimensions[seed.code] = dimension
    session.flush()
    for theme_seed in frameworks.THEMES:
        theme = _from_seed(Theme, theme_seed)
        session.add(theme)
        session.flush()
        for number in theme_seed.standards:
            session.add(ThemeStandard(theme_id=id_of(theme), standard_id=number))
        for code in theme_seed.oecd:
            session.add(ThemeOecd(theme_id=id_of(theme), dimension_id=id_of(dimensions[code])))


def _texts(definition: dict[str, Any], main: str, more: str) -> dict[str, Any]:
    """The `main` text of a definition (its English required) and its `more` text ('' when it
    has none), in English and Welsh, as the fields of a model."""
    extra = definition.get(more) or {}
    return {
        f"{main}_en": definition[main]["en"],
        f"{main}_cy": definition[main].get("cy"),
        f"{more}_en": extra.get("en", ""),
        f"{more}_cy": extra.get("cy"),
    }


def _instrument_fields(definition: dict[str, Any]) -> dict[str, Any]:
    return {"version": int(definition.get("version", 1)), **_texts(definition, "title", "intro")}


def _section_fields(section_def: dict[str, Any], position: int) -> dict[str, Any]:
    return {
        "code": section_def["code"],
        "position": position,
        **_texts(section_def, "title", "intro"),
    }


def _question_fields(question: dict[str, Any], position: int) -> dict[str, Any]:
    return {
        "code": question["code"],
        "position": position,
        "answer_type": question["type"],
        "required": bool(question.get("required", False)),
        **_texts(question, "prompt", "help"),
        "spec": question_spec(question),
    }


def _load_instrument(session: Session, code: str) -> None:
    definition = load_instrument(code)
    instrument = SurveyInstrument(code=code, **_instrument_fields(definition))
    session.add(instrument)
    session.flush()
    for position, section_def in enumerate(definition["sections"], start=1):
        section = SurveySection(
            instrument_id=id_of(instrument), **_section_fields(section_def, position)
        )
        session.add(section)
        session.flush()
        for qposition, question in enumerate(section_def["questions"], start=1):
            session.add(
                SurveyQuestion(section_id=id_of(section), **_question_fields(question, qposition))
            )


def _upgrade_instrument(
    session: Session, instrument: SurveyInstrument, definition: dict[str, Any]
) -> None:
    """Rewrite an instrument from its newer definition, keeping every answer given."""
    for name, value in _instrument_fields(definition).items():
        setattr(instrument, name, value)
    session.add(instrument)
    sections = {
        s.code: s
        for s in session.exec(
            select(SurveySection).where(SurveySection.instrument_id == instrument.id)
        ).all()
    }
    questions = {
        q.code: q
        for q in session.exec(
            select(SurveyQuestion).where(
                col(SurveyQuestion.section_id).in_([id_of(s) for s in sections.values()])
            )
        ).all()
    }
    kept_sections, kept_questions = set(), set()
    count = len(definition["sections"])
    for position, section_def in enumerate(definition["sections"], start=1):
        section = sections.get(section_def["code"]) or SurveySection(
            instrument_id=id_of(instrument),
            code=section_def["code"],
            position=position,
            title_en="",
        )
        for name, value in _section_fields(section_def, position).items():
            setattr(section, name, value)
        session.add(section)
        session.flush()
        kept_sections.add(section.code)
        for qposition, question_def in enumerate(section_def["questions"], start=1):
            question = questions.get(question_def["code"]) or SurveyQuestion(
                section_id=id_of(section),
                code=question_def["code"],
                position=qposition,
                answer_type=question_def["type"],
                prompt_en="",
            )
            question.section_id = id_of(section)
            for name, value in _question_fields(question_def, qposition).items():
                setattr(question, name, value)
            session.add(question)
            kept_questions.add(question.code)
    session.flush()
    for code, question in questions.items():
        if code in kept_questions:
            continue
        if _answer_count(session, question.id) == 0:
            session.delete(question)
        else:
            logging.getLogger(__name__).warning(
                "%s: question %s is no longer in the definition but has answers; kept",
                instrument.code,
                code,
            )
            question.position = 1000 + question.position
            session.add(question)
    session.flush()
    for code, section in sections.items():
        if code in kept_sections:
            continue
        remaining = session.exec(
            select(func.count()).where(SurveyQuestion.section_id == section.id)
        ).one()
        if remaining:
            section.position = count + section.position
            session.add(section)
        else:
            session.delete(section)


def _answer_count(session: Session, question_id: int | None) -> int:
    return int(
        session.exec(select(func.count()).where(SurveyAnswer.question_id == question_id)).one()
    )
