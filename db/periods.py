"""Reporting periods as published statistics label them: the span a label covers, and its order.

A metric answer names its period by a label people wrote ("April 2011 to March 2012",
"2011-12", "2023-24 Q2", "Jan-Mar 2024", "2024"). The label is kept as written; this module
reads from it the first month and the length in months, so that answers sort in time and a
quarter's figure is never taken for a year's.

Readings follow UK public-sector use: "2011-12" and "2011/12" are financial years (April to
March); a quarter of a financial year counts from April ("2023-24 Q1" is April to June 2023); a
quarter of a calendar year ("2023 Q1") from January. A label that is none of these is kept
but has no length; the empty label means an undated answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("january", "jan", "ionawr"),
    ("february", "feb", "chwefror", "chwef"),
    ("march", "mar", "mawrth", "maw", "fawrth"),
    ("april", "apr", "ebrill", "ebr"),
    ("may", "mai", "fai"),
    ("june", "jun", "mehefin", "meh", "fehefin"),
    ("july", "jul", "gorffennaf", "gorff", "orffennaf"),
    ("august", "aug", "awst"),
    ("september", "sep", "sept", "medi", "fedi"),
    ("october", "oct", "hydref", "hyd"),
    ("november", "nov", "tachwedd", "tach", "dachwedd"),
    ("december", "dec", "rhagfyr", "rhag", "ragfyr"),
)
MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names
}
_MONTH = r"([a-z]+)\.?"
_TO = r"\s*(?:-|–|—|to|until|i|hyd at)\s*"
_RANGE = re.compile(rf"^{_MONTH}\s+(\d{{4}}){_TO}{_MONTH}\s+(\d{{4}})$")
_SHORT_RANGE = re.compile(rf"^{_MONTH}{_TO}{_MONTH}\s+(\d{{4}})$")
_ONE_MONTH = re.compile(rf"^{_MONTH}\s+(\d{{4}})$")
_FINANCIAL = re.compile(r"^(?:fy\s*)?(\d{4})\s*[-/–]\s*(\d{2}|\d{4})$")
_QUARTER = r"(?:q|quarter\s*|ch|chwarter\s*)([1-4])"
_FINANCIAL_QUARTER = re.compile(
    rf"^(?:(\d{{4}})\s*[-/–]\s*(\d{{2}}|\d{{4}})[\s,]+{_QUARTER}|{_QUARTER}[\s,]+(\d{{4}})\s*[-/–]\s*(\d{{2}}|\d{{4}}))$"
)
_CALENDAR_QUARTER = re.compile(rf"^(?:(\d{{4}})[\s,]+{_QUARTER}|{_QUARTER}[\s,]+(\d{{4}}))$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Period:
    """A span of whole months: its label as written, its first month and its length."""

    label: str
    year: int
    month: int
    months: int

    @property
    def end(self) -> tuple[int, int]:
        """The year and month of its last month."""
        last = self.year * 12 + self.month - 1 + self.months - 1
        return last // 12, last % 12 + 1


def _following(first: int, second: str) -> bool:
    """Whether the second year of "2011-12" or "2011/2012" is the year after the first."""
    if len(second) == 4:
        return int(second) == first + 1
    return int(second) == (first + 1) % 100


def _span(label: str, year: int, month: int, end_year: int, end_month: int) -> Period | None:
    months = (end_year * 12 + end_month) - (year * 12 + month) + 1
    return Period(label, year, month, months) if 1 <= months <= 120 else None


@lru_cache(maxsize=4096)
def parse_period(label: str) -> Period | None:
    """The span a label covers, or None when it is empty or not a period this module reads."""
    text = " ".join(label.lower().split())
    if not text:
        return None
    if match := _RANGE.match(text):
        first, last = MONTHS.get(match[1]), MONTHS.get(match[3])
        if first and last:
            return _span(label, int(match[2]), first, int(match[4]), last)
        return None
    if match := _SHORT_RANGE.match(text):
        first, last = MONTHS.get(match[1]), MONTHS.get(match[2])
        if first and last:
            year = int(match[3])
            return _span(label, year if first <= last else year - 1, first, year, last)
        return None
    if match := _ONE_MONTH.match(text):
        month = MONTHS.get(match[1])
        return Period(label, int(match[2]), month, 1) if month else None
    if match := _FINANCIAL.match(text):
        year = int(match[1])
        return Period(label, year, 4, 12) if _following(year, match[2]) else None
    if match := _FINANCIAL_QUARTER.match(text):
        year_text, second, quarter = (
            (match[1], match[2], match[3]) if match[1] else (match[5], match[6], match[4])
        )
        year = int(year_text)
        if not _following(year, second):
            return None
        first = year * 12 + 3 + (int(quarter) - 1) * 3  # April, as months since year 0
        return Period(label, first // 12, first % 12 + 1, 3)
    if match := _CALENDAR_QUARTER.match(text):
        year_text, quarter = (match[1], match[2]) if match[1] else (match[4], match[3])
        return Period(label, int(year_text), (int(quarter) - 1) * 3 + 1, 3)
    if match := _YEAR.match(text):
        return Period(label, int(match[1]), 1, 12)
    return None


def period_months(label: str | None) -> int | None:
    """How many months a label covers (3 for a quarter, 12 for a year), None when unknown."""
    period = parse_period(label or "")
    return period.months if period else None


def sort_key(label: str | None) -> tuple[int, int, int, str]:
    """Order of periods in time: undated first, then labels that cannot be read (by their
    text), then by the month a period ends and, for periods that end together, the shorter
    first (so a year counts as later than its own last quarter: it is the fuller figure)."""
    text = label or ""
    if not text.strip():
        return (0, 0, 0, "")
    period = parse_period(text)
    if period is None:
        return (1, 0, 0, text)
    end_year, end_month = period.end
    return (2, end_year * 12 + end_month, period.months, text)


def latest(labels: Iterable[str | None]) -> str:
    """The latest of some labels ("" when there are none, or all are undated)."""
    return max(((label or "") for label in labels), key=sort_key, default="")
