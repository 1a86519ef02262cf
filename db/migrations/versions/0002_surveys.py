"""surveys: instruments, sections, questions, responses saved section by section

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 06:32:13.580369
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "survey_instrument",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("title_cy", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("intro_en", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("intro_cy", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_instrument")),
        sa.UniqueConstraint("code", name=op.f("uq_survey_instrument_code")),
    )
    op.create_table(
        "survey_section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("title_cy", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("intro_en", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("intro_cy", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["survey_instrument.id"],
            name=op.f("fk_survey_section_instrument_id_survey_instrument"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_section")),
        sa.UniqueConstraint("instrument_id", "code", name="uq_survey_section_code"),
    )
    with op.batch_alter_table("survey_section", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_section_instrument_id"), ["instrument_id"], unique=False
        )

    op.create_table(
        "survey_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("answer_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("prompt_en", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("prompt_cy", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("help_en", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("help_cy", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "answer_type IN ('text', 'long_text', 'integer', 'number', 'percent', 'money', 'choice', 'multi_choice', 'scale', 'yes_no', 'metric', 'themes', 'standards_assessment')",
            name="ck_survey_question_answer_type",
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["survey_section.id"],
            name=op.f("fk_survey_question_section_id_survey_section"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_question")),
        sa.UniqueConstraint("section_id", "code", name="uq_survey_question_code"),
    )
    with op.batch_alter_table("survey_question", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_question_section_id"), ["section_id"], unique=False
        )

    op.create_table(
        "survey_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("submitted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.CheckConstraint("status IN ('draft', 'submitted')", name="ck_survey_response_status"),
        sa.CheckConstraint("version >= 1", name="ck_survey_response_version"),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["survey_instrument.id"],
            name=op.f("fk_survey_response_instrument_id_survey_instrument"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_survey_response_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_response")),
        sa.UniqueConstraint("service_id", "instrument_id", name="uq_survey_response_service"),
    )
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_survey_response_service_id"), ["service_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_survey_response_status"), ["status"], unique=False)

    op.create_table(
        "survey_answer",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["survey_question.id"],
            name=op.f("fk_survey_answer_question_id_survey_question"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["survey_response.id"],
            name=op.f("fk_survey_answer_response_id_survey_response"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("response_id", "question_id", name=op.f("pk_survey_answer")),
    )
    op.create_table(
        "survey_section_progress",
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('not_started', 'in_progress', 'complete')",
            name="ck_survey_section_progress_status",
        ),
        sa.ForeignKeyConstraint(
            ["response_id"],
            ["survey_response.id"],
            name=op.f("fk_survey_section_progress_response_id_survey_response"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["section_id"],
            ["survey_section.id"],
            name=op.f("fk_survey_section_progress_section_id_survey_section"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "response_id", "section_id", name=op.f("pk_survey_section_progress")
        ),
    )


def downgrade() -> None:
    op.drop_table("survey_section_progress")
    op.drop_table("survey_answer")
    with op.batch_alter_table("survey_response", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_response_status"))
        batch_op.drop_index(batch_op.f("ix_survey_response_service_id"))

    op.drop_table("survey_response")
    with op.batch_alter_table("survey_question", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_question_section_id"))

    op.drop_table("survey_question")
    with op.batch_alter_table("survey_section", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_section_instrument_id"))

    op.drop_table("survey_section")
    op.drop_table("survey_instrument")
