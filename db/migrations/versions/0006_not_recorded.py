"""not recorded: a service's stage, contracting type, digitisation level, Welsh provision and
service area, and an organisation's sector and type, may be NULL (not recorded)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 18:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (table, column, type): every column that may now hold "not recorded".
COLUMNS: tuple[tuple[str, str, sa.types.TypeEngine[object]], ...] = (
    ("service", "service_area", sqlmodel.sql.sqltypes.AutoString(length=60)),
    ("service", "stage", sqlmodel.sql.sqltypes.AutoString(length=30)),
    ("service", "contracting_type", sqlmodel.sql.sqltypes.AutoString(length=30)),
    ("service", "digitisation_level", sa.Integer()),
    ("service", "welsh_provision", sqlmodel.sql.sqltypes.AutoString(length=20)),
    ("organisation", "sector", sqlmodel.sql.sqltypes.AutoString(length=30)),
    ("organisation", "org_type", sqlmodel.sql.sqltypes.AutoString(length=40)),
)


def _set_nullable(nullable: bool) -> None:
    for table in ("organisation", "service"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for owner, column, type_ in COLUMNS:
                if owner == table:
                    batch_op.alter_column(column, existing_type=type_, nullable=nullable)


def upgrade() -> None:
    _set_nullable(True)


def downgrade() -> None:
    """Back to 0004, which cannot store "not recorded": refused while any such value is stored,
    rather than inventing one."""
    connection = op.get_bind()
    for table, column, _ in COLUMNS:
        missing = connection.execute(
            sa.text(f"SELECT count(*) FROM {table} WHERE {column} IS NULL")
        ).scalar_one()
        if missing:
            raise RuntimeError(
                f"{missing} rows of {table} have {column} not recorded, which revision 0005 "
                "cannot store. Record a value for them (import a file) and downgrade again."
            )
    _set_nullable(False)
