"""audit trail: who imported, exported, made or withdrew a survey link, changed a role, and when

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 13:00:00

A new table, `audit_event`, starting empty; no existing row changes. Going back to 0011 drops
it (and the events recorded in it).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The actions as this migration knows them (the model's list may grow in later migrations).
ACTIONS = (
    "import",
    "export",
    "survey_link_made",
    "survey_link_withdrawn",
    "role_changed",
    "sign_in_refused",
)


def upgrade() -> None:
    allowed = ", ".join(f"'{action}'" for action in ACTIONS)
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("who", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.CheckConstraint(f"action IN ({allowed})", name="ck_audit_event_action"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_event")),
    )
    op.create_index(op.f("ix_audit_event_at"), "audit_event", ["at"], unique=False)
    op.create_index(op.f("ix_audit_event_action"), "audit_event", ["action"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_event_action"), table_name="audit_event")
    op.drop_index(op.f("ix_audit_event_at"), table_name="audit_event")
    op.drop_table("audit_event")
