"""The audit trail: who imported, exported, made or withdrew a survey link, changed a role, and
when. Each event is written in the same transaction as the change it records."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field

from db.models.columns import TableModel, one_of, utcnow

#: What an event records (`dashboard.common.audit` names each in words).
AUDIT_ACTIONS = (
    "import",
    "export",
    "survey_link_made",
    "survey_link_withdrawn",
    "role_changed",
    "sign_in_refused",
)


class AuditEvent(TableModel, table=True):
    """One recorded action: when, which, by whom, and its particulars (never a token)."""

    __tablename__ = "audit_event"
    __table_args__ = (one_of("action", AUDIT_ACTIONS, "ck_audit_event_action"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    action: str = Field(max_length=30, index=True)
    #: "administrator" while sign-in is the one credential; a person's email with roles.
    who: str = Field(max_length=200)
    #: The particulars, e.g. {"entity": "services", "file_name": "x.csv", "added": 3}.
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
