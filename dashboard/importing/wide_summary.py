"""What a wide period table held before it was read as metric answers (for the page to say)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WideSummary:
    """Counts of a wide period table: its periods (oldest and latest), measures, figure columns,
    the metric answers read from it and how many of those were worked out (digital take-up)."""

    periods: int
    first: str
    last: str
    measures: int
    columns: int
    answers: int
    worked_out: int
