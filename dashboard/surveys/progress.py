"""How far a response has got: each section's state and what is still required to submit.

A section with required questions is complete once they are all answered. A section whose
questions are all optional is complete only when every question is answered or when the
owner marks it done (one optional answer does not finish it): otherwise a technology section
would count as done after its first answer.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from dashboard.common.i18n import tn
from dashboard.surveys.answers import is_answered
from dashboard.surveys.instrument import Instrument, Question, Section

NOT_STARTED, IN_PROGRESS, COMPLETE = "not_started", "in_progress", "complete"


def answered_status(section: Section, answers: Mapping[str, Any]) -> str:
    """The state the answers alone give a section (without the owner marking it done)."""
    answered = [q for q in section.questions if is_answered(answers.get(q.code))]
    if not answered:
        return NOT_STARTED
    needed = section.required or section.questions
    if all(is_answered(answers.get(q.code)) for q in needed):
        return COMPLETE
    return IN_PROGRESS


def can_mark_done(section: Section) -> bool:
    """Only a section without required questions can be marked done by hand."""
    return not section.required


def section_status(
    section: Section, answers: Mapping[str, Any], marked_done: Collection[str] = ()
) -> str:
    if can_mark_done(section) and section.code in marked_done:
        return COMPLETE
    return answered_status(section, answers)


def marked_sections(
    instrument: Instrument, answers: Mapping[str, Any], stored: Mapping[str, str]
) -> frozenset[str]:
    """Sections the owner marked done, read back from the stored section states: stored as
    complete although the answers alone do not make them so."""
    return frozenset(
        section.code
        for section in instrument.sections
        if can_mark_done(section)
        and stored.get(section.code) == COMPLETE
        and answered_status(section, answers) != COMPLETE
    )


def statuses(
    instrument: Instrument, answers: Mapping[str, Any], marked_done: Collection[str] = ()
) -> dict[str, str]:
    return {s.code: section_status(s, answers, marked_done) for s in instrument.sections}


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


def sections_complete(
    instrument: Instrument, answers: Mapping[str, Any], marked_done: Collection[str] = ()
) -> int:
    return sum(1 for s in statuses(instrument, answers, marked_done).values() if s == COMPLETE)


def progress_line(
    instrument: Instrument, answers: Mapping[str, Any], marked_done: Collection[str] = ()
) -> str:
    done = sections_complete(instrument, answers, marked_done)
    return tn(
        "{done} of {n} section complete",
        "{done} of {n} sections complete",
        len(instrument.sections),
        done=done,
    )


def resume_section(
    instrument: Instrument, answers: Mapping[str, Any], marked_done: Collection[str] = ()
) -> str:
    """Where to reopen a response: the first section that is not complete (else the first)."""
    for code, status in statuses(instrument, answers, marked_done).items():
        if status != COMPLETE:
            return code
    return instrument.sections[0].code
