"""A submitted generalist survey updates the catalogue, so every page shows what owners said.

A question never answered leaves the catalogue's value as it was (it may have come from an
import). A question the owner answered and then cleared clears the catalogue's value too, where
the catalogue allows no value (user need, channels, user types, challenges, aims, standards).
Metric answers are recorded with source "survey" and keep their availability and reason, so a
figure the owner could not give stays visible as a gap.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlmodel import col

from db.models import (
    MetricAnswer,
    Service,
    ServiceChannel,
    ServiceTheme,
    ServiceUserType,
    StandardAssessment,
    Theme,
)
from db.models.columns import TableModel, utcnow
from db.periods import period_months
from db.vocabulary import METRIC_CODES

#: Generalist questions whose answer replaces a column of the service row.
SERVICE_COLUMNS = {
    "service_name": "name_en",
    "service_summary": "description_en",
    "user_need": "user_need",
    "service_stage": "stage",
    "digitisation_level": "digitisation_level",
    "welsh_provision": "welsh_provision",
}
#: Service columns that may hold no value, so a cleared answer clears them.
NULLABLE_COLUMNS = {"user_need"}


def write_back(
    connection: Connection,
    service_id: int,
    answers: Mapping[str, Any],
    cleared: Collection[str] = (),
) -> int:
    """Apply a submitted generalist response to the catalogue; return how many facts changed.

    `cleared` names the questions that were answered once and then emptied.
    """
    changed = 0
    now = utcnow()
    values: dict[str, Any] = {
        column: (int(answers[code]) if column == "digitisation_level" else answers[code])
        for code, column in SERVICE_COLUMNS.items()
        if answers.get(code) is not None
    }
    values.update(
        {
            column: None
            for code, column in SERVICE_COLUMNS.items()
            if code in cleared and column in NULLABLE_COLUMNS
        }
    )
    answers = {**{code: _EMPTY[code] for code in cleared if code in _EMPTY}, **answers}
    if values:
        connection.execute(
            update(Service).where(col(Service.id) == service_id).values(**values, updated_at=now)
        )
        changed += len(values)
    changed += _replace_links(connection, ServiceChannel, "channel", service_id, answers)
    changed += _replace_links(connection, ServiceUserType, "user_type", service_id, answers)
    changed += _metrics(connection, service_id, answers, now)
    for code in ("challenge_themes", "opportunity_themes"):
        if answers.get(code) is not None:
            changed += _themes(connection, service_id, code.split("_")[0], answers[code])
    ratings = answers.get("standards_rating")
    if ratings is not None:
        connection.execute(
            delete(StandardAssessment).where(col(StandardAssessment.service_id) == service_id)
        )
        if ratings:
            connection.execute(
                insert(StandardAssessment),
                [
                    {"service_id": service_id, "standard_id": int(standard), "rating": rating}
                    for standard, rating in ratings.items()
                ],
            )
        changed += max(1, len(ratings))
    return changed


#: What a cleared answer means to the catalogue: nothing chosen.
_EMPTY: dict[str, Any] = {
    "channels": [],
    "user_types": [],
    "challenge_themes": [],
    "opportunity_themes": [],
    "standards_rating": {},
}


def _replace_links(
    connection: Connection,
    model: type[TableModel],
    column: str,
    service_id: int,
    answers: Mapping[str, Any],
) -> int:
    chosen = answers.get(f"{column}s")
    if chosen is None:
        return 0
    connection.execute(delete(model).where(model.__table__.c.service_id == service_id))
    if chosen:
        connection.execute(insert(model), [{"service_id": service_id, column: c} for c in chosen])
    return 1


def _metrics(
    connection: Connection, service_id: int, answers: Mapping[str, Any], now: datetime
) -> int:
    period = answers.get("metrics_period")
    changed = 0
    for metric in METRIC_CODES:
        answer = answers.get(metric)
        if not answer:
            continue
        label = answer.get("period") or period or ""
        connection.execute(
            delete(MetricAnswer).where(
                col(MetricAnswer.service_id) == service_id,
                col(MetricAnswer.metric) == metric,
                col(MetricAnswer.period) == label,
            )
        )
        connection.execute(
            insert(MetricAnswer).values(
                service_id=service_id,
                metric=metric,
                value=answer.get("value"),
                availability=answer["availability"],
                reason=answer.get("reason"),
                period=label,
                period_months=period_months(label),
                source="survey",
                updated_at=now,
            )
        )
        changed += 1
    return changed


def _themes(
    connection: Connection, service_id: int, kind: str, chosen: list[dict[str, Any]]
) -> int:
    ids = dict(
        connection.execute(
            select(col(Theme.code), col(Theme.id)).where(col(Theme.kind) == kind)
        ).all()
    )
    connection.execute(
        delete(ServiceTheme).where(
            col(ServiceTheme.service_id) == service_id,
            col(ServiceTheme.theme_id).in_(list(ids.values())),
        )
    )
    rows = [
        {"service_id": service_id, "theme_id": ids[item["code"]], "severity": item.get("severity")}
        for item in chosen
        if item["code"] in ids
    ]
    if rows:
        connection.execute(insert(ServiceTheme), rows)
    return len(rows)
