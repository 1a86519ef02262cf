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

from dashboard.common.i18n import local_name, t, term
from dashboard.common.typed_values import CONTROL_CHARACTERS, LARGEST_FIGURE, NOT_A_NUMBER
from dashboard.surveys.instrument import Question
from db.reference.frameworks import STANDARDS, THEMES
from db.vocabulary import (
    ASSESSMENT_RATINGS,
    AVAILABILITY,
    EXCLUSIVE_CHOICES,
    METRICS,
    SEVERITIES,
    UNAVAILABLE_REASONS,
    WITH_VALUE,
    codes,
)

DEFAULT_TEXT_LIMIT = {"text": 300, "long_text": 4000}
METRIC_UNITS = {m.code: m.unit for m in METRICS}
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
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


def clean_text(raw: object, *, multiline: bool) -> str:
    """Text as stored: control characters removed, line ends unified, outer spaces trimmed."""
    text = CONTROL_CHARACTERS.sub("", str(raw)).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text if multiline else " ".join(text.split())


def parse_number(raw: Any, unit: str) -> Parsed:
    """A number typed by a person: thousands commas, a leading £ and a trailing % are fine."""
    if isinstance(raw, bool):
        return _fail(t("Enter a number."))
    if isinstance(raw, (int, float)):
        number = float(raw)
    else:
        text = str(raw).strip().lower()
        if text in NOT_A_NUMBER:
            return _fail(
                t(
                    "“{raw}” is not a number. If you do not have the figure, leave it blank"
                    " and say why it is missing.",
                    raw=raw,
                )
            )
        stripped = text.replace(",", "").replace(" ", "").replace("\u00a0", "")
        if unit == "gbp":
            stripped = stripped.removeprefix("£")
        if unit == "percent":
            stripped = stripped.removesuffix("%")
        if not _NUMBER.match(stripped):
            example = {"percent": t("85 or 85%"), "gbp": t("3.40 or £3.40")}.get(unit, "1,250")
            return _fail(
                t(
                    "“{raw}” is not a number. Write digits only, for example {example}.",
                    raw=raw,
                    example=example,
                )
            )
        number = float(stripped)
    if not math.isfinite(number):
        return _fail(t("Enter an ordinary number."))
    if number < 0:
        return _fail(t("This cannot be negative; you wrote {number}.", number=_show(number)))
    if unit == "percent" and number > 100:
        return _fail(
            t("A percentage is between 0 and 100; you wrote {number}.", number=_show(number))
        )
    if unit == "count" and number != int(number):
        return _fail(t("Give a whole number; you wrote {number}.", number=_show(number)))
    if number > LARGEST_FIGURE:
        return _fail(
            t("{number} is far too large to be right: check the figure.", number=_show(number))
        )
    return Parsed(number)


def _show(number: float) -> str:
    return f"{int(number):,}" if number == int(number) else f"{number:,.2f}"


def _bounded(number: float, question: Question, whole: bool) -> Parsed:
    low, high = question.spec.get("min"), question.spec.get("max")
    if whole and number != int(number):
        return _fail(t("Give a whole number; you wrote {number}.", number=_show(number)))
    if (low is not None and number < float(low)) or (high is not None and number > float(high)):
        return _fail(
            t(
                "Give a number from {low} to {high}; you wrote {number}.",
                low=low,
                high=high,
                number=_show(number),
            )
        )
    return Parsed(int(number) if whole else number)


def _text(question: Question, raw: Any) -> Parsed:
    multiline = question.answer_type == "long_text"
    text = clean_text(raw, multiline=multiline)
    limit = int(question.spec.get("max_length") or DEFAULT_TEXT_LIMIT[question.answer_type])
    if len(text) > limit:
        return _fail(
            t(
                "This answer is {length} characters long; the limit here is {limit}."
                " Shorten it, or keep the detail in a document and summarise it here.",
                length=f"{len(text):,}",
                limit=f"{limit:,}",
            )
        )
    return Parsed(text or None)


def _choice(question: Question, raw: Any) -> Parsed:
    allowed = [str(o["code"]) for o in question.options]
    if str(raw) not in allowed:
        return _fail(t("“{raw}” is not one of the choices. Pick one from the list.", raw=raw))
    return Parsed(str(raw))


def _multi(question: Question, raw: Any) -> Parsed:
    allowed = [str(o["code"]) for o in question.options]
    picked = [str(item) for item in (raw if isinstance(raw, (list, tuple, set)) else [raw])]
    unknown = [item for item in picked if item not in allowed]
    if unknown:
        return _fail(t("“{raw}” is not one of the choices. Pick from the list.", raw=unknown[0]))
    exclusive = EXCLUSIVE_CHOICES & set(picked)
    if exclusive and len(picked) > 1:
        label = question.option_label(sorted(exclusive)[0])
        return _fail(t("“{choice}” cannot be chosen together with other answers.", choice=label))
    return Parsed([code for code in allowed if code in picked])  # in the list's order


def _yes_no(raw: Any) -> Parsed:
    if isinstance(raw, bool):
        return Parsed(raw)
    text = str(raw).strip().lower()
    if text in {"yes", "y", "true", "ie", "do"}:
        return Parsed(True)
    if text in {"no", "n", "false", "na", "naddo", "nac ydy"}:
        return Parsed(False)
    return _fail(t("Answer yes or no."))


def parse_metric(question: Question, raw: Any) -> Parsed:
    """A metric answer: a figure and its availability, and why it is missing when it is."""
    if not isinstance(raw, dict):
        return _fail(t("Give the figure, or say why it is not available."))
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
            return _fail(t("Give the figure, or choose why it is not available."))
        availability = "provided"  # a figure typed in is a provided figure unless marked estimated
    if availability not in codes(AVAILABILITY):
        return _fail(t("“{raw}” is not one of the availability choices.", raw=availability))
    if availability in WITH_VALUE and value is None:
        return _fail(t("Give the figure, or choose why it is not available."))
    if availability not in WITH_VALUE and value is not None:
        return _fail(
            t(
                "You gave a figure but said it is not available: choose “{provided}” or"
                " “{estimated}”, or clear the figure.",
                provided=term(AVAILABILITY, "provided"),
                estimated=term(AVAILABILITY, "estimated"),
            )
        )
    if availability == "not_available":
        if reason is None:
            return _fail(
                t(
                    "Say what stands in the way: a shared system, a shared contract, not"
                    " measured, or other."
                )
            )
        if reason not in codes(UNAVAILABLE_REASONS):
            return _fail(t("“{raw}” is not one of the reasons.", raw=reason))
    else:
        reason = None
    period_text = clean_text(period, multiline=False) if not is_blank(period) else None
    if period_text and len(period_text) > 20:
        return _fail(t("Write the period briefly, for example 2024-25."))
    return Parsed(
        {"value": value, "availability": availability, "reason": reason, "period": period_text}
    )


def _severity_text(severity: Any) -> str:
    if severity is None:
        return t("Not rated").lower()
    return term(SEVERITIES, str(severity)).lower()


def _themes(question: Question, raw: Any) -> Parsed:
    kind = str(question.spec.get("theme_kind", "challenge"))
    allowed = _THEMES_BY_KIND.get(kind, set())
    items = raw if isinstance(raw, list) else []
    chosen: list[dict[str, Any]] = []
    for item in items:
        code = str(item.get("code")) if isinstance(item, dict) else str(item)
        if code not in allowed:
            return _fail(t("“{raw}” is not one of the listed choices.", raw=code))
        severity = item.get("severity") if isinstance(item, dict) else None
        if severity is not None and str(severity) not in {"1", "2", "3"}:
            return _fail(t("Rate each one low, medium or high."))
        # No severity given (an import, say) stays "not rated": never invented as medium.
        chosen.append({"code": code, "severity": int(severity) if severity is not None else None})
    return Parsed(chosen or None)


def _standards(raw: Any) -> Parsed:
    if not isinstance(raw, dict):
        return _fail(t("Rate each standard."))
    ratings = {str(k): str(v) for k, v in raw.items() if not is_blank(v)}
    for standard, rating in ratings.items():
        if standard not in STANDARD_IDS:
            return _fail(t("There is no standard {number}.", number=standard))
        if rating not in codes(ASSESSMENT_RATINGS):
            return _fail(
                t("“{raw}” is not a rating: choose met, partly met or not met.", raw=rating)
            )
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
    return _fail(t("This question type ({kind}) cannot be answered here.", kind=kind))


def is_answered(value: Any) -> bool:
    """Whether a stored answer counts as answered (for required questions and progress)."""
    return not is_blank(value)


def unit_of(question: Question) -> str | None:
    """The unit a numeric answer is in: count, percent or gbp (None for other questions)."""
    kind = question.answer_type
    if kind == "metric":
        return METRIC_UNITS.get(str(question.spec.get("metric")), "count")
    return {"percent": "percent", "money": "gbp", "integer": "count", "number": "count"}.get(kind)


def figure(number: float, unit: str | None) -> str:
    """A number with its unit: 85%, £3.40, 12,500."""
    if unit == "percent":
        return f"{_show(number)}%"
    if unit == "gbp":
        return f"£{number:,.2f}"
    return _show(number)


def display(question: Question, value: Any) -> str:
    """A stored answer as a person reads it, with its unit (for tables, messages, documents)."""
    if value is None:
        return t("(no answer)")
    kind = question.answer_type
    if kind == "choice":
        return question.option_label(value)
    if kind == "multi_choice":
        return "; ".join(question.option_label(code) for code in value)
    if kind == "yes_no":
        return t("Yes") if value else t("No")
    if kind == "metric":
        return _metric_text(question, value)
    if kind == "themes":
        names = {theme.code: local_name(theme.name_en, theme.name_cy) for theme in THEMES}
        return "; ".join(
            f"{names.get(item['code'], item['code'])} ({_severity_text(item.get('severity'))})"
            for item in value
        )
    if kind == "standards_assessment":
        return "; ".join(
            f"{standard}: {term(ASSESSMENT_RATINGS, rating)}"
            for standard, rating in sorted(value.items(), key=lambda kv: int(kv[0]))
        )
    if kind in ("integer", "number", "money", "percent", "scale") and isinstance(
        value, (int, float)
    ):
        return figure(float(value), unit_of(question))
    return str(value)


def _metric_text(question: Question, value: dict[str, Any]) -> str:
    """E.g. "12,500 a year (provided, 2024-25)", "Not available: shared system"."""
    availability = str(value.get("availability") or "")
    details = []
    if value.get("period"):
        details.append(str(value["period"]))
    if value.get("value") is not None:
        unit = unit_of(question)
        number = figure(float(value["value"]), unit)
        if unit == "count":
            number = t("{number} a year", number=number)
        qualifier = term(AVAILABILITY, availability).lower()
        return f"{number} ({', '.join([qualifier, *details])})"
    text = term(AVAILABILITY, availability)
    if value.get("reason"):
        text = t(
            "{availability}: {reason}",
            availability=text,
            reason=term(UNAVAILABLE_REASONS, value["reason"]).lower(),
        )
    return f"{text} ({', '.join(details)})" if details else text


def widget_text(question: Question, number: float) -> str:
    """A stored number as the form's text box shows it: digits and the unit, no thousands
    separators, so that saving it again without a change gives the same number."""
    unit = unit_of(question)
    text = f"{int(number)}" if number == int(number) else f"{number:.2f}".rstrip("0").rstrip(".")
    if unit == "percent":
        return f"{text}%"
    if unit == "gbp":
        return f"£{number:.2f}" if number != int(number) else f"£{text}"
    return text
