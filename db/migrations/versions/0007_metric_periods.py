"""metric periods: a metric answer per service, metric and period, with the period's length

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 18:30:00

`period` becomes the label as written, up to 60 characters, "" for an undated answer (existing
answers without one become undated); `period_months` holds how long the period is when its
label can be read (3 for a quarter, 12 for a year). The unique key becomes (service, metric,
period), so a service keeps a history of periods.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from db.periods import period_months

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE metric_answer SET period = '' WHERE period IS NULL")
    with op.batch_alter_table("metric_answer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("period_months", sa.Integer(), nullable=True))
        batch_op.alter_column(
            "period",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=20),
            type_=sqlmodel.sql.sqltypes.AutoString(length=60),
            nullable=False,
            server_default="",
        )
        batch_op.drop_constraint("uq_metric_answer_service_metric", type_="unique")
        batch_op.create_unique_constraint(
            "uq_metric_answer_service_metric_period", ["service_id", "metric", "period"]
        )
        batch_op.create_check_constraint(
            "ck_metric_answer_period_months", "period_months IS NULL OR period_months > 0"
        )
    connection = op.get_bind()
    labels = connection.execute(sa.text("SELECT DISTINCT period FROM metric_answer")).scalars()
    for label in list(labels):
        months = period_months(label)
        if months is not None:
            connection.execute(
                sa.text("UPDATE metric_answer SET period_months = :months WHERE period = :label"),
                {"months": months, "label": label},
            )


def downgrade() -> None:
    # one answer per service and metric again: the latest-written of each is kept
    op.execute(
        "DELETE FROM metric_answer WHERE id NOT IN ("
        "SELECT MAX(id) FROM metric_answer GROUP BY service_id, metric)"
    )
    op.execute("UPDATE metric_answer SET period = NULL WHERE period = ''")
    op.execute("UPDATE metric_answer SET period = SUBSTR(period, 1, 20)")
    with op.batch_alter_table("metric_answer", schema=None) as batch_op:
        batch_op.drop_constraint("ck_metric_answer_period_months", type_="check")
        batch_op.drop_constraint("uq_metric_answer_service_metric_period", type_="unique")
        batch_op.create_unique_constraint(
            "uq_metric_answer_service_metric", ["service_id", "metric"]
        )
        batch_op.alter_column(
            "period",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=60),
            type_=sqlmodel.sql.sqltypes.AutoString(length=20),
            nullable=True,
            server_default=None,
        )
        batch_op.drop_column("period_months")
