"""Reported service metrics: a value where there is one, and always why there is or is not."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, UniqueConstraint
from sqlmodel import Field

from db.models.columns import TableModel, one_of, utcnow
from db.vocabulary import AVAILABILITY, METRIC_CODES, UNAVAILABLE_REASONS, WITH_VALUE, codes

_WITH_VALUE = ", ".join(f"'{code}'" for code in sorted(WITH_VALUE))


class MetricAnswer(TableModel, table=True):
    """One metric for one service in one period.

    A value exists exactly when the owner provided or estimated it; otherwise `availability` says
    why not (and for "not available", `reason` says what stands in the way).
    """

    __tablename__ = "metric_answer"
    __table_args__ = (
        UniqueConstraint(
            "service_id", "metric", "period", name="uq_metric_answer_service_metric_period"
        ),
        # written as OR-ed equalities: SQLite checks those far faster than IN lists, and an
        # import writes a million answers at a time (migration 0009)
        one_of("metric", METRIC_CODES, "ck_metric_answer_metric", as_equalities=True),
        one_of(
            "availability",
            codes(AVAILABILITY),
            "ck_metric_answer_availability",
            as_equalities=True,
        ),
        one_of("reason", codes(UNAVAILABLE_REASONS), "ck_metric_answer_reason", as_equalities=True),
        one_of(
            "source",
            ("catalogue", "survey", "import"),
            "ck_metric_answer_source",
            as_equalities=True,
        ),
        # two values: SQLite compares them in place already (no temporary index), so this one
        # stays as it was
        CheckConstraint(
            f"(availability IN ({_WITH_VALUE}) AND value IS NOT NULL) "
            f"OR (availability NOT IN ({_WITH_VALUE}) AND value IS NULL)",
            name="ck_metric_answer_value_matches_availability",
        ),
        CheckConstraint("value IS NULL OR value >= 0", name="ck_metric_answer_value_non_negative"),
        CheckConstraint(
            "period_months IS NULL OR period_months > 0", name="ck_metric_answer_period_months"
        ),
        CheckConstraint(
            "reason IS NULL OR availability = 'not_available'",
            name="ck_metric_answer_reason_only_when_not_available",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True, ondelete="CASCADE")
    metric: str = Field(max_length=40, index=True)
    value: float | None = None
    availability: str = Field(max_length=20)
    reason: str | None = Field(default=None, max_length=20)
    #: The period as written ("2024-25", "2023-24 Q2", "April 2011 to March 2012"); "" is undated.
    period: str = Field(default="", max_length=60, sa_column_kwargs={"server_default": ""})
    #: How many months the period covers (3 for a quarter, 12 for a year), when it can be read:
    #: a per-year metric given for a quarter is a quarter's figure, and says so.
    period_months: int | None = None
    source: str = Field(default="catalogue", max_length=20)
    note: str | None = Field(default=None, max_length=2000)
    updated_at: datetime = Field(default_factory=utcnow)


#: What an answer says about its metric: every column but its id, its service and when it was
#: last changed. A service's detail view and the export read these.
ANSWER_FIELDS = (
    "metric",
    "value",
    "availability",
    "reason",
    "period",
    "period_months",
    "source",
    "note",
)


def answer_columns() -> list[Any]:
    """The columns of ANSWER_FIELDS, to select."""
    return [getattr(MetricAnswer, name) for name in ANSWER_FIELDS]
