"""Writes the fixed reference data every store needs: standards, OECD dimensions, themes, instruments."""

from __future__ import annotations

from sqlmodel import Session, select

from db.models import (
    OecdDimension,
    Standard,
    SurveyInstrument,
    SurveyQuestion,
    SurveySection,
    Theme,
    ThemeOecd,
    ThemeStandard,
)
from db.reference import frameworks
from db.reference.instruments import INSTRUMENT_CODES, load_instrument, question_spec


def load_reference(session: Session) -> None:
    """Insert the reference data if it is not there yet (idempotent; run inside a transaction)."""
    if session.exec(select(Standard)).first() is None:
        _load_frameworks(session)
    existing = set(session.exec(select(SurveyInstrument.code)).all())
    for code in INSTRUMENT_CODES:
        if code not in existing:
            _load_instrument(session, code)
    session.flush()


def _load_frameworks(session: Session) -> None:
    for seed in frameworks.STANDARDS:
        session.add(
            Standard(
                id=seed.number,
                standard_group=seed.group,
                name_en=seed.name_en,
                name_cy=seed.name_cy,
                summary_en=seed.summary_en,
                summary_cy=seed.summary_cy,
            )
        )
    dimensions = {}
    for seed in frameworks.OECD_DIMENSIONS:
        dimension = OecdDimension(
            code=seed.code,
            name_en=seed.name_en,
            name_cy=seed.name_cy,
            summary_en=seed.summary_en,
            summary_cy=seed.summary_cy,
        )
        session.add(dimension)
        dimensions[seed.code] = dimension
    session.flush()
    for seed in frameworks.THEMES:
        theme = Theme(
            code=seed.code,
            kind=seed.kind,
            category=seed.category,
            name_en=seed.name_en,
            name_cy=seed.name_cy,
            description_en=seed.description_en,
            description_cy=seed.description_cy,
        )
        session.add(theme)
        session.flush()
        for number in seed.standards:
            session.add(ThemeStandard(theme_id=theme.id, standard_id=number))
        for code in seed.oecd:
            session.add(ThemeOecd(theme_id=theme.id, dimension_id=dimensions[code].id))


def _load_instrument(session: Session, code: str) -> None:
    definition = load_instrument(code)
    instrument = SurveyInstrument(
        code=code,
        version=int(definition.get("version", 1)),
        title_en=definition["title"]["en"],
        title_cy=definition["title"].get("cy"),
        intro_en=(definition.get("intro") or {}).get("en", ""),
        intro_cy=(definition.get("intro") or {}).get("cy"),
    )
    session.add(instrument)
    session.flush()
    for position, section_def in enumerate(definition["sections"], start=1):
        section = SurveySection(
            instrument_id=instrument.id,
            code=section_def["code"],
            position=position,
            title_en=section_def["title"]["en"],
            title_cy=section_def["title"].get("cy"),
            intro_en=(section_def.get("intro") or {}).get("en", ""),
            intro_cy=(section_def.get("intro") or {}).get("cy"),
        )
        session.add(section)
        session.flush()
        for qposition, question in enumerate(section_def["questions"], start=1):
            session.add(
                SurveyQuestion(
                    section_id=section.id,
                    code=question["code"],
                    position=qposition,
                    answer_type=question["type"],
                    required=bool(question.get("required", False)),
                    prompt_en=question["prompt"]["en"],
                    prompt_cy=question["prompt"].get("cy"),
                    help_en=(question.get("help") or {}).get("en", ""),
                    help_cy=(question.get("help") or {}).get("cy"),
                    spec=question_spec(question),
                )
            )
