"""The two survey instruments, read from their YAML definitions and checked before use."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from db import vocabulary
from db.models.survey import QUESTION_TYPES

INSTRUMENT_DIR = Path(__file__).resolve().parent / "instruments"
INSTRUMENT_CODES = ("generalist", "technology")
EXAMPLE_KINDS = ("council", "health", "third_sector")
CHOICE_TYPES = frozenset({"choice", "multi_choice"})


class InstrumentError(ValueError):
    """An instrument definition that does not hold together."""


def vocabulary_options(name: str) -> list[dict[str, str]]:
    terms = getattr(vocabulary, name, None)
    if not isinstance(terms, tuple) or not all(isinstance(t, vocabulary.Term) for t in terms):
        raise InstrumentError(f"unknown vocabulary {name!r}")
    return [{"code": str(t.code), "en": t.en, "cy": t.cy} for t in terms]


def _require_text(node: Any, where: str) -> None:
    if not isinstance(node, dict) or not str(node.get("en") or "").strip():
        raise InstrumentError(f"{where}: English text missing")


def validate_instrument(definition: dict[str, Any]) -> None:
    """Raise InstrumentError naming the first problem; return quietly when all is well."""
    code = definition.get("code")
    if code not in INSTRUMENT_CODES:
        raise InstrumentError(f"instrument code {code!r} is not one of {INSTRUMENT_CODES}")
    _require_text(definition.get("title"), f"{code}: title")
    sections = definition.get("sections") or []
    if not sections:
        raise InstrumentError(f"{code}: no sections")
    section_codes: set[str] = set()
    question_codes: set[str] = set()
    for section in sections:
        where = f"{code}/{section.get('code')}"
        if section.get("code") in section_codes:
            raise InstrumentError(f"{where}: duplicate section code")
        section_codes.add(section.get("code"))
        _require_text(section.get("title"), f"{where}: title")
        if not section.get("questions"):
            raise InstrumentError(f"{where}: no questions")
        for question in section["questions"]:
            qwhere = f"{where}/{question.get('code')}"
            if question.get("code") in question_codes:
                raise InstrumentError(f"{qwhere}: duplicate question code")
            question_codes.add(question.get("code"))
            if question.get("type") not in QUESTION_TYPES:
                raise InstrumentError(f"{qwhere}: unknown type {question.get('type')!r}")
            _require_text(question.get("prompt"), f"{qwhere}: prompt")
            if question["type"] in CHOICE_TYPES:
                if "vocabulary" in question:
                    vocabulary_options(question["vocabulary"])
                elif not question.get("options"):
                    raise InstrumentError(f"{qwhere}: a choice question needs options")
            if question["type"] == "metric" and question.get("metric") not in (
                vocabulary.METRIC_CODES
            ):
                raise InstrumentError(f"{qwhere}: unknown metric {question.get('metric')!r}")
            kinds = [example.get("kind") for example in question.get("examples") or []]
            if sorted(kinds) != sorted(EXAMPLE_KINDS):
                raise InstrumentError(
                    f"{qwhere}: needs one worked example each from {', '.join(EXAMPLE_KINDS)}"
                )


@cache
def load_instrument(code: str) -> dict[str, Any]:
    path = INSTRUMENT_DIR / f"{code}.yaml"
    with path.open(encoding="utf-8") as handle:
        definition: dict[str, Any] = yaml.safe_load(handle)
    validate_instrument(definition)
    return definition


def question_spec(question: dict[str, Any]) -> dict[str, Any]:
    """The type-specific part of a question as stored in SurveyQuestion.spec."""
    spec = {
        key: value
        for key, value in question.items()
        if key not in {"code", "type", "prompt", "help", "required"}
    }
    if "vocabulary" in spec:
        spec["options"] = vocabulary_options(spec["vocabulary"])
    return spec
