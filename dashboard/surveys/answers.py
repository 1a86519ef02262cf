"""What an owner typed, turned into a typed answer or a message for the field.

Every check says, in words, what is wrong and what to write instead. A blank answer is `None`
(no answer). Numbers are typed as text on the form so that "85%", "1,250" and "£3.40" are
understood and "n/a" gets a helpful message instead of being silently dropped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from dashboard.surveys.instrument import Question
from db.reference.frameworks import STANDARDS, THEMES
from db.vocabulary import (
    ASSESSMENT_RATINGS,
    AVAILABILITY,
    METRICS,
    UNAVAILABLE_REASONS,
    WITH_VALUE,
    codes,
)

DEFAULT_TEXT_LIMIT = {"text": 300, "long_text": 4000}
METRIC_UNITS = {m.code: m.unit for m in METRICS}
NOT_A_NUMBER = {"n/a", "na", "n.a.", "unknown", "not known", "-", "--", "?", "none", "nil", "dk"}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_THEMES_BY_KIND: dict[str, set[str]] = {}
for _theme in THEMES:
    _THEMES_BY_KIND.setdefault(_theme.kind, set()).add(_theme.code)
STANDARD_IDS = {str(s.number) for s in STANDARDS}


@dataclass(frozen=True)
class Parsed:
    """The typed answer (None for no answer), or the message to show next to the field."""

    value: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _fail(message: str) -> Parsed:
    return Parsed(None, message)


def is_blank(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, float) and math.isnan(raw):
        return True
    if isinstance(raw, (list, tuple, set, dict)):
        return len(raw) == 0
    return False


def clean_text(raw: str, *, multiline: bool) -> str:
    """Text as stored: control characters removed, line ends unified, outer spaces trimmed."""
    text = _CONTROL.sub("", str(raw)).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text if multiline else " ".join(text.split())


def parse_number(raw: Any, unit: str) -> Parsed:
    """A number typed by a person: thousands commas, a leading £ and a trailing % are fine."""
    if isinstance(raw, bool):
        return _fail("Enter a number.")
    if isinstance(raw, (int, float)):
        number = float(raw)
    else:
        text = str(raw).strip().lower()
        if text in NOT_A_NUMBER:
            return _fail(
                f"“{raw}” is not a number. If you do not have the figure, leave it blank"
                " and say why it is missing."
            )
        stripped = text.replace(",", "").replace(" ", "").replace("\u00a0", "")
        if unit == "gbp":
            stripped = stripped.removeprefix("£")
        if unit == "percent":
            stripped = stripped.removesuffix("%")
        if not _NUMBER.match(stripped):
            example = {"percent": "85 or 85%", "gbp": "3.40 or £3.40"}.get(unit, "1,250")
            return _fail(f"“{raw}” is not a number. Write digits only, for example {example}.")
        number = float(stripped)
    if not math.isfinite(number):
        return _fail("Enter an ordinary number.")
    if number < 0:
        return _fail(f"This cannot be negative; you wrote {_show(number)}.")
    if unit == "percent" and number > 100:
        return _fail(f"A percentage is between 0 and 100; you wrote {_show(number)}.")
    if unit == "count" and number != int(number):
        return _fail(f"Give a whole number; you wrote {_show(number)}.")
    if number > 1e12:
        return _fail(f"{_show(number)} is far too large to be right: check the figure.")
    return Parsed(number)


def _show(number: float) -> str:
    return f"{int(number):,}" if number == int(number) else f"{number:,.2f}"


def _bounded(number: float, question: Question, whole: bool) -> Parsed:
    low, high = question.spec.get("min"), question.spec.get("max")
    if whole and number != int(number):
        return _fail(f"Give a whole number; you wrote {_show(number)}.")
    if (low is not None and number < float(low)) or (high is not None and number > float(high)):
        return _fail(f"Give a number from {low} to {high}; you wrote {_show(number)}.")
    return Parsed(int(number) if whole else number)


def _text(question: Question, raw: Any) -> Parsed:
    multiline = question.answer_type == "long_text"
    text = clean_text(raw, multiline=multiline)
    limit = int(question.spec.get("max_length") or DEFAULT_TEXT_LIMIT[question.answer_type])
    if len(text) > limit:
        return _fail(
            f"This answer is {len(text):,} characters long; the limit here is {limit:,}."
            " Shorten it, or keep the detail in a document and summarise it here."
        )
    return Parsed(text or None)


def _choice(question: Question, raw: Any) -> Parsed:
    allowed = [str(o["code"]) for o in question.options]
    if str(raw) not in allowed:
        return _fail(f"“{raw}” is not one of the choices. Pick one from the list.")
    return Parsed(str(raw))


def _multi(question: Question, raw: Any) -> Parsed:
    allowed = [str(o["code"]) for o in question.options]
    picked = [str(item) for item in (raw if isinstance(raw, (list, tuple, set)) else [raw])]
    unknown = [item for item in picked if item not in allowed]
    if unknown:
        return _fail(f"“{unknown[0]}” is not one of the choices. Pick from the list.")
    exclusive = {"none", "not_known"} & set(picked)
    if exclusive and len(picked) > 1:
        label = question.option_label(sorted(exclusive)[0])
        return _fail(f"“{label}” cannot be chosen together with other answers.")
    return Parsed([code for code in allowed if code in picked])  # in the list's order


def _yes_no(raw: Any) -> Parsed:
    if isinstance(raw, bool):
        return Parsed(raw)
    text = str(raw).strip().lower()
    if text in {"yes", "y", "true", "ie", "do"}:
        return Parsed(True)
    if text in {"no", "n", "false", "na", "naddo", "nac ydy"}:
        return Parsed(False)
    return _fail("Answer yes or no.")


def parse_metric(question: Question, raw: Any) -> Parsed:
    """A metric answer: a figure and its availability, and why it is missing when it is."""
    if not isinstance(raw, dict):
        return _fail("Give the figure, or say why it is not available.")
    value_raw, availability = raw.get("value"), raw.get("availability") or None
    reason, period = raw.get("reason") or None, raw.get("period")
    unit = METRIC_UNITS.get(str(question.spec.get("metric")), "count")
    value: float | None = None
    if not is_blank(value_raw):
        parsed = parse_number(value_raw, unit)
        if not parsed.ok:
            return parsed
        value = parsed.value
    if availability is None and value is None and is_blank(period):
        return Parsed(None)
    if availability is None:
        if value is None:
            return _fail("Give the figure, or choose why it is not available.")
        availability = "provided"  # a figure typed in is a provided figure unless marked estimated
    if availability not in codes(AVAILABILITY):
        return _fail(f"“{availability}” is not one of the availability choices.")
    if availability in WITH_VALUE and value is None:
        return _fail("Give the figure, or choose why it is not available.")
    if availability not in WITH_VALUE and value is not None:
        return _fail(
            "You gave a figure but said it is not available: choose “Provided” or"
            " “Estimated”, or clear the figure."
        )
    if availability == "not_available":
        if reason is None:
            return _fail(
                "Say what stands in the way: a shared system, a shared contract, not measured,"
                " or other."
            )
        if reason not in codes(UNAVAILABLE_REASONS):
            return _fail(f"“{reason}” is not one of the reasons.")
    else:
        reason = None
    period_text = clean_text(period, multiline=False) if not is_blank(period) else None
    if period_text and len(period_text) > 20:
        return _fail("Write the period briefly, for example 2024-25.")
    return Parsed(
        {"value": value, "availability": availability, "reason": reason, "period": period_text}
    )


def _themes(question: Question, raw: Any) -> Parsed:
    kind = str(question.spec.get("theme_kind", "challenge"))
    allowed = _THEMES_BY_KIND.get(kind, set())
    items = raw if isinstance(raw, list) else []
    chosen: list[dict[str, Any]] = []
    for item in items:
        code = str(item.get("code")) if isinstance(item, dict) else str(item)
        if code not in allowed:
            return _fail(f"“{code}” is not one of the listed {kind}s.")
        severity = item.get("severity") if isinstance(item, dict) else None
        if severity is not None and str(severity) not in {"1", "2", "3"}:
            return _fail("Rate each one low, medium or high.")
        chosen.append({"code": code, "severity": int(severity) if severity is not None else 2})
    return Parsed(chosen or None)


def _standards(raw: Any) -> Parsed:
    if not isinstance(raw, dict):
        return _fail("Rate each standard.")
    ratings = {str(k): str(v) for k, v in raw.items() if not is_blank(v)}
    for standard, rating in ratings.items():
        if standard not in STANDARD_IDS:
            return _fail(f"There is no standard {standard}.")
        if rating not in codes(ASSESSMENT_RATINGS):
            return _fail(f"“{rating}” is not a rating: choose met, partly met or not met.")
    return Parsed(ratings or None)


def parse_answer(question: Question, raw: Any) -> Parsed:
    """Check one answer against its question; a blank answer is no answer (not an error)."""
    kind = question.answer_type
    if kind == "metric":
        return parse_metric(question, raw)
    if is_blank(raw):
        return Parsed(None)
    if kind in ("text", "long_text"):
        return _text(question, raw)
    if kind == "choice":
        return _choice(question, raw)
    if kind == "multi_choice":
        return _multi(question, raw)
    if kind == "yes_no":
        return _yes_no(raw)
    if kind in ("integer", "scale"):
        parsed = parse_number(raw, "number")
        return _bounded(parsed.value, question, whole=True) if parsed.ok else parsed
    if kind in ("number", "money", "percent"):
        parsed = parse_number(raw, {"money": "gbp", "percent": "percent"}.get(kind, "number"))
        return _bounded(parsed.value, question, whole=False) if parsed.ok else parsed
    if kind == "themes":
        return _themes(question, raw)
    if kind == "standards_assessment":
        return _standards(raw)
    return _fail(f"This question type ({kind}) cannot be answered here.")


def is_answered(value: Any) -> bool:
    """Whether a stored answer counts as answered (for required questions and progress)."""
    return not is_blank(value)


def display(question: Question, value: Any) -> str:
    """A stored answer as a person reads it (for conflict messages and documents)."""
    if value is None:
        return "(no answer)"
    kind = question.answer_type
    if kind == "choice":
        return question.option_label(value)
    if kind == "multi_choice":
        return "; ".join(question.option_label(code) for code in value)
    if kind == "yes_no":
        return "Yes" if value else "No"
    if kind == "metric":
        from db.vocabulary import label

        parts = []
        if value.get("value") is not None:
            parts.append(_show(float(value["value"])))
        parts.append(label(AVAILABILITY, value.get("availability", "")))
        if value.get("reason"):
            parts.append(label(UNAVAILABLE_REASONS, value["reason"]).lower())
        if value.get("period"):
            parts.append(str(value["period"]))
        return ", ".join(parts)
    if kind == "themes":
        names = {t.code: t.name_en for t in THEMES}
        severity = {1: "low", 2: "medium", 3: "high"}
        return "; ".join(
            f"{names.get(item['code'], item['code'])} ({severity.get(item.get('severity'), '?')})"
            for item in value
        )
    if kind == "standards_assessment":
        from db.vocabulary import label

        return "; ".join(
            f"{standard}: {label(ASSESSMENT_RATINGS, rating)}"
            for standard, rating in sorted(value.items(), key=lambda kv: int(kv[0]))
        )
    if isinstance(value, float) and value == int(value):
        return _show(value)
    return str(value)
