"""The survey as a Word document, blank and filled, read back with python-docx."""

from __future__ import annotations

import io

from docx import Document
from sqlalchemy.engine import Engine

from dashboard.common.access import check_credential, usable
from dashboard.surveys.document import survey_document
from dashboard.surveys.instrument import load_instrument


def _text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_blank_survey_has_every_question_example_and_choice(demo_engine: Engine) -> None:
    instrument = load_instrument(demo_engine, "generalist")
    text = _text(survey_document(instrument))
    for section in instrument.sections:
        assert section.title in text
        for question in section.questions:
            assert question.prompt in text
            for _who, example in question.examples:
                assert example in text
    assert "☐ Long running" in text
    assert "Shared contract" in text  # the reasons a figure can be missing
    assert "Answer:" not in text


def test_filled_survey_shows_answers_as_text(demo_engine: Engine) -> None:
    instrument = load_instrument(demo_engine, "generalist")
    answers = {
        "service_name": "Gwasanaeth ŵyn <script>alert(1)</script>",
        "service_stage": "long_running",
        "cost_per_transaction": {
            "value": None,
            "availability": "not_available",
            "reason": "shared_system",
            "period": None,
        },
    }
    data = survey_document(instrument, answers, "Service · Cyngor", invented=True)
    text = _text(data)
    assert "Answer: Gwasanaeth ŵyn <script>alert(1)</script>" in text
    assert "Answer: Long running" in text
    assert "Answer: Not available: shared system" in text
    assert "invented demo data" in text


def test_administrator_credential_checks() -> None:
    assert not usable(None) and not usable("short")
    assert check_credential("a-long-enough-secret", "a-long-enough-secret")
    assert not check_credential("a-long-enough-secreT", "a-long-enough-secret")
    assert not check_credential("", "a-long-enough-secret")
    assert not check_credential("short", "short")  # too short to be configured at all


def test_filled_figures_keep_their_units(demo_engine: Engine) -> None:
    instrument = load_instrument(demo_engine, "generalist")
    answers = {
        "digital_take_up": {"value": 85.0, "availability": "provided", "reason": None},
        "cost_per_transaction": {"value": 3.4, "availability": "estimated", "period": "2024-25"},
        "users_per_year": {"value": 12500.0, "availability": "provided"},
    }
    text = _text(survey_document(instrument, answers))
    assert "Answer: 85% (provided)" in text
    assert "Answer: £3.40 (estimated, 2024-25)" in text
    assert "Answer: 12,500 a year (provided)" in text


def test_the_document_in_welsh(demo_engine: Engine) -> None:
    from dashboard.common.i18n import using

    instrument = load_instrument(demo_engine, "generalist")
    answers = {
        "service_stage": "long_running",
        "digital_take_up": {"value": 85.0, "availability": "provided"},
    }
    with using("cy"):
        blank = _text(survey_document(instrument))
        filled = _text(survey_document(instrument, answers, "Gwasanaeth · Cyngor"))
    assert "Am y gwasanaeth" in blank and "Beth yw enw'r gwasanaeth?" in blank
    assert "Enghraifft, cyngor: Rhoi gwybod am fin heb ei gasglu" in blank
    assert "☐ Hirsefydlog" in blank and "Contract a rennir" in blank
    assert "What is the service called?" not in blank and "Tick one" not in blank
    assert "Ateb: Hirsefydlog" in filled and "Ateb: 85% (wedi'i ddarparu)" in filled
