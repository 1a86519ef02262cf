"""service notes: free text kept with a service, such as its name and description in a
language other than English and Welsh

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 18:35:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("service") as batch:
        batch.add_column(
            sa.Column("notes", sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("service") as batch:
        batch.drop_column("notes")
