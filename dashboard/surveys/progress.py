"""How far a response has got: each section's state and what is still required to submit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dashboard.surveys.answers import is_answered
from dashboard.surveys.instrument import Instrument, Question, Section

NOT_STARTED, IN_PROGRESS, COMPLETE = "not_started", "in_progress", "complete"


def section_status(section: Section, answers: Mapping[str, Any]) -> str:
    """Complete when every required question is answered and something is; otherwise in
    progress once anything is answered; not started before that."""
    answered = [q for q in section.questions if is_answered(answers.get(q.code))]
    if not answered:
        return NOT_STARTED
    if all(is_answered(answers.get(q.code)) for q in section.required):
        return COMPLETE
    return IN_PROGRESS


def statuses(instrument: Instrument, answers: Mapping[str, Any]) -> dict[str, str]:
    return {s.code: section_status(s, answers) for s in instrument.sections}


@dataclass(frozen=True)
class Missing:
    section: Section
    question: Question


def missing_required(instrument: Instrument, answers: Mapping[str, Any]) -> list[Missing]:
    """Required questions without an answer, in the order they appear."""
    return [
        Missing(section, question)
        for section in instrument.sections
        for question in section.required
        if not is_answered(answers.get(question.code))
    ]


def progress_line(instrument: Instrument, answers: Mapping[str, Any]) -> str:
    done = sum(1 for s in statuses(instrument, answers).values() if s == COMPLETE)
    return f"{done} of {len(instrument.sections)} sections complete"


def resume_section(instrument: Instrument, answers: Mapping[str, Any]) -> str:
    """Where to reopen a response: the first section that is not complete (else the first)."""
    for code, status in statuses(instrument, answers).items():
        if status != COMPLETE:
            return code
    return instrument.sections[0].code
