"""Survey rounds (e.g. "Discovery 2021", "Review 2025") and what each closed round left behind.

The live survey responses, digitisation levels and reported themes are the open round's (the
round whose `closed_at` is empty). Opening a new round copies the closing round's state into
the three snapshot tables below, so a later round can be compared with it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field

from db.models.columns import TableModel, one_of, utcnow
from db.vocabulary import MAX_LEVEL, MIN_LEVEL


class ReviewRound(TableModel, table=True):
    """One survey round; open while `closed_at` is empty (at most one is)."""

    __tablename__ = "review_round"

    id: int | None = Field(default=None, primary_key=True)
    #: Kept in links (`?from=discovery-2021`).
    code: str = Field(max_length=60, unique=True)
    name_en: str = Field(max_length=200)
    name_cy: str | None = Field(default=None, max_length=200)
    opened_at: datetime = Field(default_factory=utcnow)
    closed_at: datetime | None = None


class RoundService(TableModel, table=True):
    """A service as a closed round left it: its digitisation level and deep-dive flag."""

    __tablename__ = "round_service"
    __table_args__ = (
        CheckConstraint(
            f"digitisation_level IS NULL OR digitisation_level BETWEEN {MIN_LEVEL} AND {MAX_LEVEL}",
            name="ck_round_service_digitisation_level",
        ),
    )

    round_id: int = Field(foreign_key="review_round.id", primary_key=True, ondelete="CASCADE")
    service_id: int = Field(
        foreign_key="service.id", primary_key=True, index=True, ondelete="CASCADE"
    )
    digitisation_level: int | None = None
    is_deep_dive: bool = False


class RoundSurvey(TableModel, table=True):
    """Each survey's status for a service when its round closed."""

    __tablename__ = "round_survey"
    __table_args__ = (one_of("status", ("draft", "submitted"), "ck_round_survey_status"),)

    round_id: int = Field(foreign_key="review_round.id", primary_key=True, ondelete="CASCADE")
    service_id: int = Field(
        foreign_key="service.id", primary_key=True, index=True, ondelete="CASCADE"
    )
    instrument_id: int = Field(
        foreign_key="survey_instrument.id", primary_key=True, ondelete="CASCADE"
    )
    status: str = Field(max_length=20)


class RoundServiceTheme(TableModel, table=True):
    """A challenge or aim reported for a service when its round closed, with its rating."""

    __tablename__ = "round_service_theme"
    __table_args__ = (
        CheckConstraint(
            "severity IS NULL OR severity BETWEEN 1 AND 3",
            name="ck_round_service_theme_severity",
        ),
    )

    round_id: int = Field(foreign_key="review_round.id", primary_key=True, ondelete="CASCADE")
    service_id: int = Field(
        foreign_key="service.id", primary_key=True, index=True, ondelete="CASCADE"
    )
    theme_id: int = Field(foreign_key="theme.id", primary_key=True, ondelete="CASCADE")
    severity: int | None = None
