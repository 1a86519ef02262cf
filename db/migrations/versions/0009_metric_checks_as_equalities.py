"""metric checks as equalities: the code checks on `metric_answer` written as OR-ed equalities

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 03:00:00

The rules do not change: `metric`, `availability`, `reason` and `source` each hold one of their
listed codes, and a NULL passes (only `reason` may be NULL). They were written `x IN (...)`,
which SQLite evaluates in a CHECK by building a temporary index of the listed values for every
row written: half the cost of inserting a million answers. Written `x = 'a' OR x = 'b' ...`
they cost a few comparisons. On SQLite the table is rebuilt (batch mode: copied with its ids,
indexes and every other constraint); on PostgreSQL each constraint is dropped and added again,
which checks every stored row against it.

The lists are written out here as they stand at this revision, so a later change to a list
needs its own migration.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: (constraint, column, allowed codes) of every check this migration rewrites.
CHECKS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "ck_metric_answer_metric",
        "metric",
        (
            "users_per_year",
            "transactions_per_year",
            "digital_take_up",
            "completion_rate",
            "cost_per_transaction",
            "user_satisfaction",
        ),
    ),
    (
        "ck_metric_answer_availability",
        "availability",
        ("provided", "estimated", "not_available", "not_collected", "not_applicable"),
    ),
    (
        "ck_metric_answer_reason",
        "reason",
        ("shared_system", "shared_contract", "not_measured", "other"),
    ),
    ("ck_metric_answer_source", "source", ("catalogue", "survey", "import")),
)


def _as_equalities(column: str, allowed: tuple[str, ...]) -> str:
    return " OR ".join(f"{column} = '{value}'" for value in allowed)


def _as_list(column: str, allowed: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in allowed)})"


def _rewrite(as_equalities: bool) -> None:
    with op.batch_alter_table("metric_answer", schema=None) as batch_op:
        for name, column, allowed in CHECKS:
            batch_op.drop_constraint(name, type_="check")
            rule = _as_equalities(column, allowed) if as_equalities else _as_list(column, allowed)
            batch_op.create_check_constraint(name, rule)


def upgrade() -> None:
    _rewrite(as_equalities=True)


def downgrade() -> None:
    """Back to the IN lists of 0008: the same rules, so every row is kept."""
    _rewrite(as_equalities=False)
