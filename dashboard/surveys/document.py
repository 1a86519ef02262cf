"""A survey as a Word document, blank or with the answers so far, to prepare answers offline.

Every section and question is there in order, with its help text, its worked examples (a
council, a health board, a third-sector body), the choices to pick from, and either the saved
answer or space to write one. Text is written as text: nothing an owner typed is interpreted.
The document is in the language of the current run (call it inside `i18n.using(lang)` from
code that runs outside a page).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from docx import Document
from docx.shared import Pt, RGBColor

from dashboard.common.i18n import language, local_name, t, term
from dashboard.surveys.answers import display, unit_of
from dashboard.surveys.dates import day
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
        return [question.option_label(str(option["code"])) for option in question.options]
    if kind == "yes_no":
        return [t("Yes"), t("No")]
    if kind == "scale":
        low, high = int(question.spec.get("min", 1)), int(question.spec.get("max", 5))
        return [str(n) for n in range(low, high + 1)]
    if kind == "themes":
        kind_name = str(question.spec.get("theme_kind", "challenge"))
        return [local_name(th.name_en, th.name_cy) for th in THEMES if th.kind == kind_name]
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
    document.core_properties.language = "cy-GB" if language() == "cy" else "en-GB"
    document.add_heading(_clean(instrument.title), level=0)
    if service:
        document.add_paragraph(_clean(service))
    stamp = t("Answers saved so far") if answers is not None else t("Blank survey")
    if when is not None:
        stamp += f", {day(when)}"
    _muted(document.add_paragraph(), stamp)
    if invented:
        _muted(
            document.add_paragraph(),
            t("The answers here belong to an invented demo data set and are illustrative only."),
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
                heading.add_run(" " + t("(required)"))
            if question.help:
                _muted(document.add_paragraph(), question.help)
            for who, example in question.examples:
                paragraph = document.add_paragraph(style="List Bullet")
                paragraph.add_run(t("Example, {who}:", who=who.lower()) + " ").italic = True
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
        paragraph.add_run(t("Answer:") + " ").bold = True
        paragraph.add_run(_clean(display(question, value)))
        return
    kind = question.answer_type
    choices = _choices(question)
    if choices:
        hint = t("Tick all that apply") if kind in ("multi_choice", "themes") else t("Tick one")
        _muted(document.add_paragraph(), hint)
        for choice in choices:
            document.add_paragraph(f"☐ {choice}")
    elif kind == "metric":
        unit = {"percent": " (%)", "gbp": " (£)"}.get(unit_of(question) or "", "")
        document.add_paragraph(
            t("Figure") + f"{unit}: {BLANK_LINE[:20]}   " + t("Period") + f": {BLANK_LINE[:10]}"
        )
        document.add_paragraph(
            t("Is this figure available?")
            + " "
            + "  ".join(f"☐ {term(AVAILABILITY, a.code)}" for a in AVAILABILITY)
        )
        document.add_paragraph(
            t("If not available, why?")
            + " "
            + "  ".join(f"☐ {term(UNAVAILABLE_REASONS, r.code)}" for r in UNAVAILABLE_REASONS)
        )
    elif kind == "standards_assessment":
        table = document.add_table(rows=1, cols=1 + len(ASSESSMENT_RATINGS))
        table.style = "Table Grid"
        header = table.rows[0].cells
        header[0].text = t("Standard")
        for index, rating in enumerate(ASSESSMENT_RATINGS, start=1):
            header[index].text = term(ASSESSMENT_RATINGS, rating.code)
        for standard in STANDARDS:
            cells = table.add_row().cells
            cells[0].text = f"{standard.number}. {local_name(standard.name_en, standard.name_cy)}"
            for index in range(1, len(cells)):
                cells[index].text = "☐"
    else:
        lines = 4 if kind == "long_text" else 1
        for _ in range(lines):
            document.add_paragraph(BLANK_LINE)
