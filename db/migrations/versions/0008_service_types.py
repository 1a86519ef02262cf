"""service types: a `service_type` table (council types keyed to the Local Government Service
List, this product's health and central lists) and a service's type, NULL when not recorded

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 10:00:00

The table starts empty: the reference loader (`db.reference.load`) writes the types from
`db/reference/service_types.yaml` on `landscape db upgrade` and before every data load, so the
list can grow without a migration. Every existing service starts with its type not recorded.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "service_type",
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("scheme", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("lgsl_code", sa.Integer(), nullable=True),
        sa.Column("name_en", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("name_cy", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "scheme IN ('council', 'health', 'central')", name="ck_service_type_scheme"
        ),
        sa.CheckConstraint(
            "lgsl_code IS NULL OR scheme = 'council'", name="ck_service_type_lgsl_council"
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_service_type")),
        sa.UniqueConstraint("lgsl_code", name=op.f("uq_service_type_lgsl_code")),
    )
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("service_type", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True)
        )
        batch_op.create_index(batch_op.f("ix_service_service_type"), ["service_type"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_service_service_type_service_type"),
            "service_type",
            ["service_type"],
            ["code"],
        )


def downgrade() -> None:
    """Back to 0007, which has no service types: every service's type is dropped with them."""
    with op.batch_alter_table("service", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_service_service_type_service_type"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_service_service_type"))
        batch_op.drop_column("service_type")
    op.drop_table("service_type")
