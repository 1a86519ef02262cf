"""review rounds: survey rounds ("Discovery 2021", "Review 2025") and the state each closed round
left behind (levels and deep-dive flags, survey statuses, reported challenges and aims)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 04:00:00

No existing row changes: the live survey responses, levels and themes become the first round's,
a `review_round` row written here as "First round" and left open. The three snapshot tables
start empty; `landscape rounds open` fills them when it closes a round. Going back to 0009
drops the rounds and their snapshots (the live data stays as it is).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIRST_ROUND = ("first-round", "First round", "Rownd gyntaf")


def _snapshot_keys(table: str) -> list[sa.SchemaItem]:
    return [
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["review_round.id"],
            name=op.f(f"fk_{table}_round_id_review_round"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f(f"fk_{table}_service_id_service"),
            ondelete="CASCADE",
        ),
    ]


def upgrade() -> None:
    rounds = op.create_table(
        "review_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name_cy", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("opened_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_round")),
        sa.UniqueConstraint("code", name=op.f("uq_review_round_code")),
    )
    op.create_table(
        "round_service",
        *_snapshot_keys("round_service"),
        sa.Column("digitisation_level", sa.Integer(), nullable=True),
        sa.Column("is_deep_dive", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "digitisation_level IS NULL OR digitisation_level BETWEEN 0 AND 4",
            name="ck_round_service_digitisation_level",
        ),
        sa.PrimaryKeyConstraint("round_id", "service_id", name=op.f("pk_round_service")),
    )
    op.create_table(
        "round_survey",
        *_snapshot_keys("round_survey"),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.CheckConstraint("status IN ('draft', 'submitted')", name="ck_round_survey_status"),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["survey_instrument.id"],
            name=op.f("fk_round_survey_instrument_id_survey_instrument"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "round_id", "service_id", "instrument_id", name=op.f("pk_round_survey")
        ),
    )
    op.create_table(
        "round_service_theme",
        *_snapshot_keys("round_service_theme"),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "severity IS NULL OR severity BETWEEN 1 AND 3",
            name="ck_round_service_theme_severity",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["theme.id"],
            name=op.f("fk_round_service_theme_theme_id_theme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "round_id", "service_id", "theme_id", name=op.f("pk_round_service_theme")
        ),
    )
    for table in ("round_service", "round_survey", "round_service_theme"):
        op.create_index(op.f(f"ix_{table}_service_id"), table, ["service_id"], unique=False)
    code, name_en, name_cy = FIRST_ROUND
    op.bulk_insert(
        rounds,
        [
            {
                "code": code,
                "name_en": name_en,
                "name_cy": name_cy,
                "opened_at": datetime.now(UTC),
                "closed_at": None,
            }
        ],
    )


def downgrade() -> None:
    """Back to 0009, which has no rounds: the snapshots of closed rounds go with them."""
    for table in ("round_service_theme", "round_survey", "round_service"):
        op.drop_index(op.f(f"ix_{table}_service_id"), table_name=table)
        op.drop_table(table)
    op.drop_table("review_round")
