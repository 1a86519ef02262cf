"""user roles: the People and roles table (a person's role, by e-mail address)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 13:00:00

A new, empty table; no existing row changes. Going back to 0010 drops it (and the roles it
held: people signed in with the organisation's account keep the roles their claims give).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_role",
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=True),
        sa.CheckConstraint(
            "role IN ('data_steward', 'survey_coordinator', 'administrator')",
            name="ck_user_role_role",
        ),
        sa.PrimaryKeyConstraint("email", name=op.f("pk_user_role")),
    )


def downgrade() -> None:
    op.drop_table("user_role")
