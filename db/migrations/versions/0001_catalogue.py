"""catalogue: organisations, services, journeys, metrics, themes, standards

Revision ID: 0001
Revises:
Create Date: 2026-11-25 06:32:13.580369
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "dataset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("label", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("data_version", sa.Integer(), nullable=False),
        sa.Column("loaded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('empty', 'demo', 'generated', 'real')", name="ck_dataset_kind"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dataset")),
    )
    op.create_table(
        "oecd_dimension",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name_cy", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("summary_en", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("summary_cy", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_oecd_dimension")),
        sa.UniqueConstraint("code", name=op.f("uq_oecd_dimension_code")),
    )
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name_cy", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("abbreviation", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("sector", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("org_type", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.CheckConstraint(
            "org_type IN ('government', 'non_ministerial_department', 'principal_council', 'local_health_board', 'nhs_trust', 'special_health_authority', 'sponsored_body', 'company', 'charity')",
            name="ck_organisation_org_type",
        ),
        sa.CheckConstraint(
            "sector IN ('central_government', 'local_authority', 'health', 'arms_length_body', 'third_sector')",
            name="ck_organisation_sector",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_code"), ["code"], unique=True)
        batch_op.create_index(batch_op.f("ix_organisation_sector"), ["sector"], unique=False)

    op.create_table(
        "standard",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("standard_group", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name_cy", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("summary_en", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("summary_cy", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.CheckConstraint(
            "standard_group IN ('meeting_user_needs', 'good_digital_teams', 'right_technology')",
            name="ck_standard_group",
        ),
        sa.CheckConstraint("id BETWEEN 1 AND 12", name="ck_standard_number"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_standard")),
    )
    op.create_table(
        "theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name_cy", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("description_en", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("description_cy", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.CheckConstraint(
            "category IN ('service_design', 'technology', 'skills', 'organisation')",
            name="ck_theme_category",
        ),
        sa.CheckConstraint("kind IN ('challenge', 'opportunity')", name="ck_theme_kind"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme")),
    )
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_theme_code"), ["code"], unique=True)

    op.create_table(
        "service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("name_cy", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("description_en", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column("description_cy", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True),
        sa.Column("user_need", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
        sa.Column("service_area", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("contracting_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("digitisation_level", sa.Integer(), nullable=False),
        sa.Column("welsh_provision", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("is_deep_dive", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "contracting_type IN ('in_house', 'outsourced', 'shared_service', 'mixed')",
            name="ck_service_contracting_type",
        ),
        sa.CheckConstraint(
            "stage IN ('developing', 'newly_established', 'long_running')", name="ck_service_stage"
        ),
        sa.CheckConstraint(
            "welsh_provision IN ('full', 'partial', 'none')", name="ck_service_welsh_provision"
        ),
        sa.CheckConstraint(
            "digitisation_level BETWEEN 0 AND 4", name="ck_service_digitisation_level"
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_service_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service")),
    )
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_code"), ["code"], unique=True)
        batch_op.create_index(
            batch_op.f("ix_service_digitisation_level"), ["digitisation_level"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_is_deep_dive"), ["is_deep_dive"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_service_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_service_service_area"), ["service_area"], unique=False)

    op.create_table(
        "theme_oecd",
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("dimension_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dimension_id"],
            ["oecd_dimension.id"],
            name=op.f("fk_theme_oecd_dimension_id_oecd_dimension"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["theme.id"],
            name=op.f("fk_theme_oecd_theme_id_theme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("theme_id", "dimension_id", name=op.f("pk_theme_oecd")),
    )
    op.create_table(
        "theme_standard",
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("standard_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["standard_id"],
            ["standard.id"],
            name=op.f("fk_theme_standard_standard_id_standard"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["theme.id"],
            name=op.f("fk_theme_standard_theme_id_theme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("theme_id", "standard_id", name=op.f("pk_theme_standard")),
    )
    op.create_table(
        "journey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("name_cy", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=True),
        sa.Column("digitisation_level", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "digitisation_level IS NULL OR digitisation_level BETWEEN 0 AND 4",
            name="ck_journey_digitisation_level",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_journey_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journey")),
    )
    with op.batch_alter_table("journey", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journey_service_id"), ["service_id"], unique=False)

    op.create_table(
        "metric_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("metric", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("availability", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("period", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "(availability IN ('estimated', 'provided') AND value IS NOT NULL) OR (availability NOT IN ('estimated', 'provided') AND value IS NULL)",
            name="ck_metric_answer_value_matches_availability",
        ),
        sa.CheckConstraint(
            "availability IN ('provided', 'estimated', 'not_available', 'not_collected', 'not_applicable')",
            name="ck_metric_answer_availability",
        ),
        sa.CheckConstraint(
            "metric IN ('users_per_year', 'transactions_per_year', 'digital_take_up', 'completion_rate', 'cost_per_transaction', 'user_satisfaction')",
            name="ck_metric_answer_metric",
        ),
        sa.CheckConstraint(
            "reason IN ('shared_system', 'shared_contract', 'not_measured', 'other')",
            name="ck_metric_answer_reason",
        ),
        sa.CheckConstraint(
            "reason IS NULL OR availability = 'not_available'",
            name="ck_metric_answer_reason_only_when_not_available",
        ),
        sa.CheckConstraint(
            "source IN ('catalogue', 'survey', 'import')", name="ck_metric_answer_source"
        ),
        sa.CheckConstraint(
            "value IS NULL OR value >= 0", name="ck_metric_answer_value_non_negative"
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_metric_answer_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_answer")),
        sa.UniqueConstraint("service_id", "metric", name="uq_metric_answer_service_metric"),
    )
    with op.batch_alter_table("metric_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_metric_answer_metric"), ["metric"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_metric_answer_service_id"), ["service_id"], unique=False
        )

    op.create_table(
        "service_channel",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.CheckConstraint(
            "channel IN ('online', 'app', 'phone', 'face_to_face', 'paper', 'email')",
            name="ck_service_channel_channel",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_service_channel_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "channel", name=op.f("pk_service_channel")),
    )
    op.create_table(
        "service_theme",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.CheckConstraint(
            "severity IS NULL OR severity BETWEEN 1 AND 3", name="ck_service_theme_severity"
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_service_theme_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["theme.id"],
            name=op.f("fk_service_theme_theme_id_theme"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "theme_id", name=op.f("pk_service_theme")),
    )
    with op.batch_alter_table("service_theme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_theme_theme_id"), ["theme_id"], unique=False)

    op.create_table(
        "service_user_type",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("user_type", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.CheckConstraint(
            "user_type IN ('citizens', 'patients', 'carers', 'businesses', 'professionals', 'third_sector_orgs', 'students', 'visitors')",
            name="ck_service_user_type_user_type",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_service_user_type_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "user_type", name=op.f("pk_service_user_type")),
    )
    op.create_table(
        "standard_assessment",
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("standard_id", sa.Integer(), nullable=False),
        sa.Column("rating", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.CheckConstraint(
            "rating IN ('met', 'partly_met', 'not_met', 'not_assessed')",
            name="ck_standard_assessment_rating",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["service.id"],
            name=op.f("fk_standard_assessment_service_id_service"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["standard_id"],
            ["standard.id"],
            name=op.f("fk_standard_assessment_standard_id_standard"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("service_id", "standard_id", name=op.f("pk_standard_assessment")),
    )


def downgrade() -> None:

    op.drop_table("standard_assessment")
    op.drop_table("service_user_type")
    with op.batch_alter_table("service_theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_theme_theme_id"))

    op.drop_table("service_theme")
    op.drop_table("service_channel")
    with op.batch_alter_table("metric_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_metric_answer_service_id"))
        batch_op.drop_index(batch_op.f("ix_metric_answer_metric"))

    op.drop_table("metric_answer")
    with op.batch_alter_table("journey", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journey_service_id"))

    op.drop_table("journey")
    op.drop_table("theme_standard")
    op.drop_table("theme_oecd")
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_service_area"))
        batch_op.drop_index(batch_op.f("ix_service_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_service_is_deep_dive"))
        batch_op.drop_index(batch_op.f("ix_service_digitisation_level"))
        batch_op.drop_index(batch_op.f("ix_service_code"))

    op.drop_table("service")
    with op.batch_alter_table("theme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_theme_code"))

    op.drop_table("theme")
    op.drop_table("standard")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_sector"))
        batch_op.drop_index(batch_op.f("ix_organisation_code"))

    op.drop_table("organisation")
    op.drop_table("oecd_dimension")
    op.drop_table("dataset")
