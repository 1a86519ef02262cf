"""A survey as a Word document, blank or with the answers so far, to prepare answers offline.

Every section and question is there in order, with its help text, its worked examples (a
council, a health board, a third-sector body), the choices to pick from, and either the saved
answer or space to write one. Text is written as text: nothing an owner typed is interpreted.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from docx import Document
from docx.shared import Pt, RGBColor

from dashboard.surveys.answers import display
from dashboard.surveys.instrument import Instrument, Question
from db.reference.frameworks import STANDARDS, THEMES
from db.vocabulary import ASSESSMENT_RATINGS, AVAILABILITY, UNAVAILABLE_REASONS

MUTED = RGBColor(0x55, 0x5F, 0x6B)
_XML_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
BLANK_LINE = "_" * 60


def _clean(text: Any) -> str:
    """Word refuses control characters; everything else is written exactly as typed."""
    return _XML_UNSAFE.sub("", str(text))


def _choices(question: Question) -> list[str]:
    kind = question.answer_type
    if kind in ("choice", "multi_choice"):
        return [str(option["en"]) for option in question.options]
    if kind == "yes_no":
        return ["Yes", "No"]
    if kind == "scale":
        low, high = int(question.spec.get("min", 1)), int(question.spec.get("max", 5))
        return [str(n) for n in range(low, high + 1)]
    if kind == "themes":
        kind_name = str(question.spec.get("theme_kind", "challenge"))
        return [t.name_en for t in THEMES if t.kind == kind_name]
    return []


def survey_document(
    instrument: Instrument,
    answers: Mapping[str, Any] | None = None,
    service: str | None = None,
    when: datetime | None = None,
    invented: bool = False,
) -> bytes:
    """The instrument as DOCX bytes; with `answers`, each question shows its saved answer."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    document.core_properties.title = instrument.title
    document.add_heading(_clean(instrument.title), level=0)
    if service:
        document.add_paragraph(_clean(service))
    stamp = f"{'Answers saved so far' if answers is not None else 'Blank survey'}"
    if when is not None:
        stamp += f", {when:%d %B %Y}"
    _muted(document.add_paragraph(), stamp)
    if invented:
        _muted(
            document.add_paragraph(),
            "The answers here belong to an invented demo data set and are illustrative only.",
        )
    document.add_paragraph(_clean(instrument.intro))
    number = 0
    for section in instrument.sections:
        document.add_heading(f"{section.position}. {_clean(section.title)}", level=1)
        if section.intro:
            document.add_paragraph(_clean(section.intro))
        for question in section.questions:
            number += 1
            heading = document.add_paragraph()
            heading.add_run(f"{number}. {_clean(question.prompt)}").bold = True
            if question.required:
                heading.add_run(" (required)")
            if question.help:
                _muted(document.add_paragraph(), question.help)
            for who, example in question.examples:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(f"Example, {who.lower()}: ").italic = True
                paragraph.add_run(_clean(example))
            _answer_space(document, question, answers)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _muted(paragraph: Any, text: str) -> None:
    run = paragraph.add_run(_clean(text))
    run.font.color.rgb = MUTED
    run.font.size = Pt(9.5)


def _answer_space(document: Any, question: Question, answers: Mapping[str, Any] | None) -> None:
    value = None if answers is None else answers.get(question.code)
    if value is not None:
        paragraph = document.add_paragraph()
        paragraph.add_run("Answer: ").bold = True
        paragraph.add_run(_clean(display(question, value)))
        return
    kind = question.answer_type
    choices = _choices(question)
    if choices:
        hint = "Tick all that apply" if kind in ("multi_choice", "themes") else "Tick one"
        _muted(document.add_paragraph(), hint)
        for choice in choices:
            document.add_paragraph(f"☐ {choice}")
    elif kind == "metric":
        document.add_paragraph(f"Figure: {BLANK_LINE[:20]}   Period: {BLANK_LINE[:10]}")
        document.add_paragraph("Availability: " + "  ".join(f"☐ {t.en}" for t in AVAILABILITY))
        document.add_paragraph(
            "If not available, why: " + "  ".join(f"☐ {t.en}" for t in UNAVAILABLE_REASONS)
        )
    elif kind == "standards_assessment":
        table = document.add_table(rows=1, cols=1 + len(ASSESSMENT_RATINGS))
        table.style = "Table Grid"
        header = table.rows[0].cells
        header[0].text = "Standard"
        for index, rating in enumerate(ASSESSMENT_RATINGS, start=1):
            header[index].text = rating.en
        for standard in STANDARDS:
            cells = table.add_row().cells
            cells[0].text = f"{standard.number}. {standard.name_en}"
            for index in range(1, len(cells)):
                cells[index].text = "☐"
    else:
        lines = 4 if kind == "long_text" else 1
        for _ in range(lines):
            document.add_paragraph(BLANK_LINE)
