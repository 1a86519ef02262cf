"""Everything known about one service, for its detail view (no Streamlit here)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dashboard.catalogue import metric_status
from dashboard.queries import load_survey_progress
from db.models import (
    Journey,
    MetricAnswer,
    Organisation,
    Service,
    ServiceChannel,
    ServiceTheme,
    ServiceUserType,
    Standard,
    StandardAssessment,
    Theme,
)
from db.vocabulary import (
    ASSESSMENT_RATINGS,
    CHANNELS,
    METRICS,
    SEVERITIES,
    USER_TYPES,
    label,
)

JOURNEYS_SHOWN = 50


@dataclass(frozen=True)
class ServiceDetail:
    service: dict
    organisation: dict
    channels: list[str]
    user_types: list[str]
    metrics: pd.DataFrame  # Metric, Figure, Availability, Period
    themes: pd.DataFrame  # Kind, Theme, Severity
    standards: pd.DataFrame  # Standard, Self-assessment
    journeys: pd.DataFrame  # first JOURNEYS_SHOWN: Journey, Digitisation level
    journey_count: int
    surveys: pd.DataFrame  # Survey, Status, Sections complete


def _format_value(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{value:.0f}%"
    if unit == "gbp":
        return f"£{value:,.2f}"
    return f"{value:,.0f}"


def load_service_detail(engine: Engine, code: str) -> ServiceDetail | None:
    with Session(engine) as session:
        row = session.exec(
            select(Service, Organisation)
            .join(Organisation, Organisation.id == Service.organisation_id)
            .where(Service.code == code)
        ).first()
    if row is None:
        return None
    service, organisation = row
    sid = service.id
    with engine.connect() as c:
        channels = (
            c.execute(select(ServiceChannel.channel).where(ServiceChannel.service_id == sid))
            .scalars()
            .all()
        )
        users = (
            c.execute(select(ServiceUserType.user_type).where(ServiceUserType.service_id == sid))
            .scalars()
            .all()
        )
        metric_rows = pd.DataFrame(
            c.execute(
                select(
                    MetricAnswer.metric,
                    MetricAnswer.value,
                    MetricAnswer.availability,
                    MetricAnswer.reason,
                    MetricAnswer.period,
                ).where(MetricAnswer.service_id == sid)
            ).all(),
            columns=["metric", "value", "availability", "reason", "period"],
        )
        themes = pd.DataFrame(
            c.execute(
                select(Theme.kind, Theme.name_en, ServiceTheme.severity)
                .join(ServiceTheme, ServiceTheme.theme_id == Theme.id)
                .where(ServiceTheme.service_id == sid)
                .order_by(Theme.kind, ServiceTheme.severity.desc(), Theme.name_en)
            ).all(),
            columns=["kind", "name", "severity"],
        )
        standards = pd.DataFrame(
            c.execute(
                select(Standard.id, Standard.name_en, StandardAssessment.rating)
                .outerjoin(
                    StandardAssessment,
                    (StandardAssessment.standard_id == Standard.id)
                    & (StandardAssessment.service_id == sid),
                )
                .order_by(Standard.id)
            ).all(),
            columns=["number", "name", "rating"],
        )
        journey_count = (
            c.execute(select(func.count()).where(Journey.service_id == sid)).scalar() or 0
        )
        journeys = pd.DataFrame(
            c.execute(
                select(Journey.name_en, Journey.digitisation_level)
                .where(Journey.service_id == sid)
                .order_by(Journey.position)
                .limit(JOURNEYS_SHOWN)
            ).all(),
            columns=["Journey", "Digitisation level"],
        )
    surveys = load_survey_progress(engine, service_id=sid)
    return ServiceDetail(
        service=service.model_dump(),
        organisation=organisation.model_dump(),
        channels=[label(CHANNELS, ch) for ch in channels],
        user_types=[label(USER_TYPES, u) for u in users],
        metrics=_metrics_table(metric_rows),
        themes=pd.DataFrame(
            {
                "Kind": themes["kind"].map(
                    {"challenge": "Challenge", "opportunity": "Opportunity"}
                ),
                "Theme": themes["name"],
                "Severity": themes["severity"].map(
                    lambda s: "" if pd.isna(s) else label(SEVERITIES, str(int(s)))
                ),
            }
        ),
        standards=pd.DataFrame(
            {
                "Standard": standards["number"].astype(str) + ". " + standards["name"],
                "Self-assessment": standards["rating"].map(
                    lambda r: (
                        "No self-assessment"
                        if r is None or pd.isna(r)
                        else label(ASSESSMENT_RATINGS, r)
                    )
                ),
            }
        ),
        journeys=journeys,
        journey_count=int(journey_count),
        surveys=pd.DataFrame(
            {
                "Survey": surveys["title"],
                "Status": surveys["status"].map({"submitted": "Submitted", "draft": "In progress"}),
                "Sections complete": surveys["sections_complete"].astype(str)
                + " of "
                + surveys["sections_total"].astype(str),
            }
        ),
    )


def _metrics_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Every metric in the standard order, reported or not, with why a figure is missing."""
    by_metric = rows.set_index("metric") if not rows.empty else rows
    records = []
    for definition in METRICS:
        if definition.code in by_metric.index:
            answer = by_metric.loc[definition.code]
            status = metric_status(answer.to_frame().T).iloc[0]
            value = answer["value"]
            figure = (
                ""
                if value is None or pd.isna(value)
                else _format_value(float(value), definition.unit)
            )
            period = (
                ""
                if answer["period"] is None or pd.isna(answer["period"])
                else str(answer["period"])
            )
        else:
            figure, status, period = "", "Not reported", ""
        records.append(
            {"Metric": definition.en, "Figure": figure, "Availability": status, "Period": period}
        )
    return pd.DataFrame(records)
