"""The two survey instruments (defined as data) and owners' responses, saved section by section."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, UniqueConstraint
from sqlmodel import Field

from db.models.columns import TableModel, one_of, utcnow

QUESTION_TYPES = (
    "text",
    "long_text",
    "integer",
    "number",
    "percent",
    "money",
    "choice",
    "multi_choice",
    "scale",
    "yes_no",
    "metric",
    "themes",
    "standards_assessment",
)
SECTION_STATUSES = ("not_started", "in_progress", "complete")
LINK_ROLES = ("owner", "editor")


class SurveyInstrument(TableModel, table=True):
    __tablename__ = "survey_instrument"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    version: int = 1
    title_en: str = Field(max_length=200)
    title_cy: str | None = Field(default=None, max_length=200)
    intro_en: str = Field(default="", max_length=4000)
    intro_cy: str | None = Field(default=None, max_length=4000)


class SurveySection(TableModel, table=True):
    __tablename__ = "survey_section"
    __table_args__ = (UniqueConstraint("instrument_id", "code", name="uq_survey_section_code"),)

    id: int | None = Field(default=None, primary_key=True)
    instrument_id: int = Field(foreign_key="survey_instrument.id", index=True, ondelete="CASCADE")
    code: str = Field(max_length=60)
    position: int
    title_en: str = Field(max_length=200)
    title_cy: str | None = Field(default=None, max_length=200)
    intro_en: str = Field(default="", max_length=4000)
    intro_cy: str | None = Field(default=None, max_length=4000)


class SurveyQuestion(TableModel, table=True):
    """A question; `spec` holds its type-specific settings (options, bounds, metric, examples)."""

    __tablename__ = "survey_question"
    __table_args__ = (
        UniqueConstraint("section_id", "code", name="uq_survey_question_code"),
        one_of("answer_type", QUESTION_TYPES, "ck_survey_question_answer_type"),
    )

    id: int | None = Field(default=None, primary_key=True)
    section_id: int = Field(foreign_key="survey_section.id", index=True, ondelete="CASCADE")
    code: str = Field(max_length=80)
    position: int
    answer_type: str = Field(max_length=30)
    required: bool = False
    prompt_en: str = Field(max_length=1000)
    prompt_cy: str | None = Field(default=None, max_length=1000)
    help_en: str = Field(default="", max_length=4000)
    help_cy: str | None = Field(default=None, max_length=4000)
    spec: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)


class SurveyResponse(TableModel, table=True):
    """One service's answers to one instrument; `version` guards against lost concurrent edits."""

    __tablename__ = "survey_response"
    __table_args__ = (
        UniqueConstraint("service_id", "instrument_id", name="uq_survey_response_service"),
        one_of("status", ("draft", "submitted"), "ck_survey_response_status"),
        CheckConstraint("version >= 1", name="ck_survey_response_version"),
    )

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True, ondelete="CASCADE")
    instrument_id: int = Field(foreign_key="survey_instrument.id", ondelete="CASCADE")
    status: str = Field(default="draft", max_length=20, index=True)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    submitted_at: datetime | None = None
    updated_by: str | None = Field(default=None, max_length=120)


class SurveySectionProgress(TableModel, table=True):
    __tablename__ = "survey_section_progress"
    __table_args__ = (one_of("status", SECTION_STATUSES, "ck_survey_section_progress_status"),)

    response_id: int = Field(foreign_key="survey_response.id", primary_key=True, ondelete="CASCADE")
    section_id: int = Field(foreign_key="survey_section.id", primary_key=True, ondelete="CASCADE")
    status: str = Field(default="not_started", max_length=20)
    updated_at: datetime = Field(default_factory=utcnow)


class SurveyAnswer(TableModel, table=True):
    """One answer; `value` is the typed answer as JSON (a metric answer is value+availability+reason)."""

    __tablename__ = "survey_answer"

    response_id: int = Field(foreign_key="survey_response.id", primary_key=True, ondelete="CASCADE")
    question_id: int = Field(foreign_key="survey_question.id", primary_key=True, ondelete="CASCADE")
    value: Any = Field(default=None, sa_type=JSON)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: str | None = Field(default=None, max_length=120)


class SurveyLink(TableModel, table=True):
    """A link that opens one survey response; only a hash of its token is kept.

    An owner link can also create and revoke editor links for colleagues; an editor link can
    view and edit that survey and nothing else.
    """

    __tablename__ = "survey_link"
    __table_args__ = (one_of("role", LINK_ROLES, "ck_survey_link_role"),)

    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(foreign_key="survey_response.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    role: str = Field(max_length=20)
    label: str = Field(max_length=120)
    created_by: str = Field(max_length=120)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None
