"""Writes a drawn catalogue into the store, replacing what was there, in one transaction."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import delete, select
from sqlalchemy.engine import Connection
from sqlmodel import col

from db.bulk import bulk_insert, reset_sequences
from db.demo.draw import CatalogueFrames
from db.models import (
    Journey,
    MetricAnswer,
    Organisation,
    RoundService,
    RoundServiceTheme,
    RoundSurvey,
    Service,
    ServiceChannel,
    ServiceTheme,
    ServiceUserType,
    StandardAssessment,
    SurveyAnswer,
    SurveyResponse,
    SurveySectionProgress,
    Theme,
)
from db.models.columns import utcnow
from db.periods import period_months

#: Catalogue tables, children first, so deleting in this order respects foreign keys.
CATALOGUE_TABLES = (
    RoundServiceTheme,
    RoundSurvey,
    RoundService,
    SurveyAnswer,
    SurveySectionProgress,
    SurveyResponse,
    StandardAssessment,
    ServiceTheme,
    MetricAnswer,
    Journey,
    ServiceChannel,
    ServiceUserType,
    Service,
    Organisation,
)


def clear_catalogue(connection: Connection) -> None:
    """Remove organisations, services and everything hanging off them (reference data stays)."""
    for model in CATALOGUE_TABLES:
        connection.execute(delete(model.__table__))


def write_catalogue(connection: Connection, frames: CatalogueFrames) -> np.ndarray:
    """Insert the frames with ids 1..n; returns the service id of each services row."""
    now = utcnow()
    organisations = frames.organisations.copy()
    organisations.insert(0, "id", np.arange(1, len(organisations) + 1))
    bulk_insert(connection, Organisation.__table__, organisations)

    service_ids = np.arange(1, len(frames.services) + 1)
    services = frames.services.drop(columns=["organisation", "template", "sector"])
    services.insert(0, "id", service_ids)
    services.insert(
        2, "organisation_id", organisations["id"].to_numpy()[frames.services["organisation"]]
    )
    services["created_at"] = now
    services["updated_at"] = now
    bulk_insert(connection, Service.__table__, services)

    def by_service(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.drop(columns=["service"])
        out.insert(0, "service_id", service_ids[frame["service"].to_numpy()])
        return out

    bulk_insert(connection, ServiceUserType.__table__, by_service(frames.user_types))
    bulk_insert(connection, ServiceChannel.__table__, by_service(frames.channels))

    metrics = by_service(frames.metrics)
    source = np.where(
        frames.services["is_deep_dive"].to_numpy()[frames.metrics["service"].to_numpy()],
        "survey",
        "catalogue",
    )
    if not frames.history.empty:  # earlier years: from the catalogue, before any survey
        metrics = pd.concat([metrics, by_service(frames.history)], ignore_index=True)
        source = np.concatenate([source, np.full(len(frames.history), "catalogue")])
    metrics.insert(0, "id", np.arange(1, len(metrics) + 1))
    metrics["source"] = source
    metrics["updated_at"] = now
    metrics["period"] = metrics["period"].fillna("")  # no figure, no period: undated
    metrics["period_months"] = metrics["period"].map(period_months).astype("Int64")
    bulk_insert(connection, MetricAnswer.__table__, metrics)

    theme_ids = dict(connection.execute(select(col(Theme.code), col(Theme.id))).all())
    themes = by_service(frames.themes)
    themes["theme_id"] = themes.pop("theme").map(theme_ids)
    bulk_insert(
        connection, ServiceTheme.__table__, themes.drop_duplicates(["service_id", "theme_id"])
    )

    assessments = by_service(frames.assessments).rename(columns={"standard": "standard_id"})
    bulk_insert(connection, StandardAssessment.__table__, assessments)

    journeys = by_service(frames.journeys)
    journeys.insert(0, "id", np.arange(1, len(journeys) + 1))
    bulk_insert(connection, Journey.__table__, journeys)

    reset_sequences(connection, ["organisation", "service", "metric_answer", "journey"])
    return service_ids
