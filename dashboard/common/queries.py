"""Reads the store into compact, typed pandas frames for the pages (no Streamlit here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.engine import Engine

from dashboard.common.filters import Memberships, fold_series
from dashboard.common.i18n import t
from db.frames import read_frame
from db.models import (
    Dataset,
    Journey,
    MetricAnswer,
    OecdDimension,
    Organisation,
    Service,
    ServiceTheme,
    ServiceUserType,
    Standard,
    StandardAssessment,
    SurveyInstrument,
    SurveyResponse,
    SurveySection,
    SurveySectionProgress,
    Theme,
    ThemeOecd,
    ThemeStandard,
)
from db.vocabulary import AVAILABILITY, METRIC_CODES, SECTORS, STAGES, codes


@dataclass(frozen=True)
class DatasetInfo:
    kind: str
    label: str
    data_version: int
    loaded_at: datetime | None

    @property
    def is_invented(self) -> bool:
        """Demo and generated data are invented: every page must say so."""
        return self.kind in ("demo", "generated")

    @property
    def title(self) -> str:
        """What the store holds, in the reader's language (a real data set keeps its own name)."""
        match self.kind:
            case "demo":
                return t("Demo data set")
            case "generated":
                return t("Generated catalogue for testing at scale")
            case "empty":
                return t("No data loaded")
        return self.label

    @property
    def source_line(self) -> str:
        """Written under every image and table that leaves the app."""
        if self.is_invented:
            return t("Source: {title}, invented for illustration, not a finding.", title=self.title)
        return t("Source: {title}", title=self.title)


def dataset_info(engine: Engine) -> DatasetInfo:
    with engine.connect() as connection:
        row = connection.execute(
            select(Dataset.kind, Dataset.label, Dataset.data_version, Dataset.loaded_at).where(
                Dataset.id == 1
            )
        ).first()
    if row is None:
        return DatasetInfo("empty", "No data loaded", 0, None)
    return DatasetInfo(row.kind, row.label, row.data_version, row.loaded_at)


def _read(engine: Engine, query: Select, plain: bool = False) -> pd.DataFrame:
    """Run a select into a frame with its column names (`db.frames.read_frame`)."""
    with engine.connect() as connection:
        return read_frame(connection, query, plain=plain)


def _categorical(series: pd.Series, categories: tuple[str, ...]) -> pd.Series:
    return pd.Categorical(series, categories=list(categories))


def load_services(engine: Engine) -> pd.DataFrame:
    """One row per service with its organisation; categoricals keep 100,000 rows small."""
    journeys = (
        select(Journey.service_id, func.count().label("journeys"))
        .group_by(Journey.service_id)
        .subquery()
    )
    query = (
        select(
            Service.id,
            Service.code,
            Service.name_en,
            Service.name_cy,
            Service.service_area,
            Service.stage,
            Service.contracting_type,
            Service.digitisation_level,
            Service.welsh_provision,
            Service.is_deep_dive,
            Service.description_en,
            Service.description_cy,
            Organisation.id.label("organisation_id"),
            Organisation.code.label("organisation_code"),
            Organisation.name_en.label("organisation_en"),
            Organisation.name_cy.label("organisation_cy"),
            Organisation.sector,
            func.coalesce(journeys.c.journeys, 0).label("journeys"),
        )
        .join(Organisation, Organisation.id == Service.organisation_id)
        .outerjoin(journeys, journeys.c.service_id == Service.id)
        .order_by(Service.id)
    )
    frame = _read(engine, query, plain=True)
    frame["sector"] = _categorical(frame["sector"], codes(SECTORS))
    frame["stage"] = _categorical(frame["stage"], codes(STAGES))
    for column in ("service_area", "contracting_type", "welsh_provision"):
        frame[column] = frame[column].astype("category")
    for column in ("organisation_en", "organisation_cy"):
        frame[column] = frame[column].astype("category")
    frame["search_text"] = _search_text(frame)
    frame = frame.drop(columns=["description_en", "description_cy"])
    frame["organisation_code"] = frame["organisation_code"].astype("category")
    frame["digitisation_level"] = frame["digitisation_level"].astype("int8")
    frame["is_deep_dive"] = frame["is_deep_dive"].astype(bool)
    frame["journeys"] = frame["journeys"].astype("int32")
    return frame.set_index("id")


def _search_text(frame: pd.DataFrame) -> pd.Series:
    """Names and descriptions in English and Welsh, folded (case, accents) for the search."""
    parts = [
        frame[column].astype(object).fillna("").astype(str)
        for column in (
            "name_en",
            "name_cy",
            "description_en",
            "description_cy",
            "organisation_en",
            "organisation_cy",
        )
    ]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + " | " + part
    return fold_series(joined)


def load_memberships(engine: Engine) -> Memberships:
    """Which services serve each user type and report each theme (for the shared filter)."""
    user_types = _read(
        engine, select(ServiceUserType.service_id, ServiceUserType.user_type), plain=True
    )
    themes = _read(
        engine,
        select(
            ServiceTheme.service_id, Theme.code.label("theme"), Theme.kind, ServiceTheme.severity
        ).join(Theme, Theme.id == ServiceTheme.theme_id),
        plain=True,
    )
    user_types["user_type"] = user_types["user_type"].astype("category")
    themes["theme"] = themes["theme"].astype("category")
    themes["kind"] = themes["kind"].astype("category")
    return Memberships(user_types=user_types, themes=themes)


def load_themes(engine: Engine) -> pd.DataFrame:
    """Theme codes with their kind, category and names, in a stable order."""
    return _read(
        engine,
        select(Theme.code, Theme.kind, Theme.category, Theme.name_en, Theme.name_cy).order_by(
            Theme.kind, Theme.name_en
        ),
    )


def load_metric_answers(engine: Engine) -> pd.DataFrame:
    query = select(
        MetricAnswer.service_id,
        MetricAnswer.metric,
        MetricAnswer.value,
        MetricAnswer.availability,
        MetricAnswer.reason,
        MetricAnswer.period,
    )
    frame = _read(engine, query, plain=True)
    frame["metric"] = _categorical(frame["metric"], METRIC_CODES)
    frame["availability"] = _categorical(frame["availability"], codes(AVAILABILITY))
    frame["reason"] = frame["reason"].astype("category")
    frame["value"] = frame["value"].astype(float)
    return frame


def survey_progress_query() -> Select:
    """Survey responses with their status and sections complete of the instrument's total."""
    sections_total = (
        select(SurveySection.instrument_id, func.count().label("sections_total"))
        .group_by(SurveySection.instrument_id)
        .subquery()
    )
    complete = (
        select(
            SurveySectionProgress.response_id,
            func.count().label("sections_complete"),
        )
        .where(SurveySectionProgress.status == "complete")
        .group_by(SurveySectionProgress.response_id)
        .subquery()
    )
    return (
        select(
            SurveyResponse.service_id,
            SurveyInstrument.code.label("instrument"),
            SurveyInstrument.title_en.label("title"),
            SurveyInstrument.title_cy.label("title_cy"),
            SurveyResponse.status,
            func.coalesce(complete.c.sections_complete, 0).label("sections_complete"),
            sections_total.c.sections_total,
            SurveyResponse.updated_at,
        )
        .join(SurveyInstrument, SurveyInstrument.id == SurveyResponse.instrument_id)
        .join(sections_total, sections_total.c.instrument_id == SurveyResponse.instrument_id)
        .outerjoin(complete, complete.c.response_id == SurveyResponse.id)
    )


def load_survey_progress(engine: Engine, service_id: int | None = None) -> pd.DataFrame:
    """One row per survey response (of one service, if given)."""
    query = survey_progress_query()
    if service_id is not None:
        query = query.where(SurveyResponse.service_id == service_id)
    return _read(engine, query)


@dataclass(frozen=True)
class Framework:
    """The standards and OECD dimensions, and which themes bear on which."""

    standards: pd.DataFrame  # id, group, name_en, name_cy
    dimensions: pd.DataFrame  # code, name_en, name_cy
    theme_standards: pd.DataFrame  # theme (code), standard_id
    theme_dimensions: pd.DataFrame  # theme (code), dimension (code)


def load_framework(engine: Engine) -> Framework:
    return Framework(
        standards=_read(
            engine,
            select(
                Standard.id,
                Standard.standard_group.label("group"),
                Standard.name_en,
                Standard.name_cy,
            ).order_by(Standard.id),
        ),
        dimensions=_read(
            engine,
            select(OecdDimension.code, OecdDimension.name_en, OecdDimension.name_cy).order_by(
                OecdDimension.id
            ),
        ),
        theme_standards=_read(
            engine,
            select(Theme.code.label("theme"), ThemeStandard.standard_id)
            .select_from(ThemeStandard)
            .join(Theme, Theme.id == ThemeStandard.theme_id),
        ),
        theme_dimensions=_read(
            engine,
            select(Theme.code.label("theme"), OecdDimension.code.label("dimension"))
            .select_from(ThemeOecd)
            .join(Theme, Theme.id == ThemeOecd.theme_id)
            .join(OecdDimension, OecdDimension.id == ThemeOecd.dimension_id),
        ),
    )


def load_assessments(engine: Engine) -> pd.DataFrame:
    """Every standards self-assessment: service_id, standard_id, rating."""
    frame = _read(
        engine,
        select(
            StandardAssessment.service_id,
            StandardAssessment.standard_id,
            StandardAssessment.rating,
        ),
        plain=True,
    )
    frame["rating"] = frame["rating"].astype("category")
    return frame
