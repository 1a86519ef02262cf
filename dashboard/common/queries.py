"""Reads the store into compact, typed pandas frames for the pages (no Streamlit here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Select, func, select
from sqlalchemy.engine import Engine
from sqlmodel import col

from dashboard.common.filters import Memberships, fold_series
from dashboard.common.i18n import t
from dashboard.common.metric_periods import with_yearly_figures
from dashboard.common.typed_values import LARGEST_FIGURE
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
            select(
                col(Dataset.kind),
                col(Dataset.label),
                col(Dataset.data_version),
                col(Dataset.loaded_at),
            ).where(col(Dataset.id) == 1)
        ).first()
    if row is None:
        return DatasetInfo("empty", "No data loaded", 0, None)
    return DatasetInfo(row.kind, row.label, row.data_version, row.loaded_at)


def _read(engine: Engine, query: Select[*tuple[Any, ...]], plain: bool = False) -> pd.DataFrame:
    """Run a select into a frame with its column names (`db.frames.read_frame`)."""
    with engine.connect() as connection:
        return read_frame(connection, query, plain=plain)


def _categorical(series: pd.Series, categories: tuple[str, ...]) -> pd.Categorical:
    return pd.Categorical(series, categories=list(categories))


def load_services(engine: Engine) -> pd.DataFrame:
    """One row per service with its organisation; categoricals keep 100,000 rows small."""
    journeys = (
        select(col(Journey.service_id), func.count().label("journeys"))
        .group_by(col(Journey.service_id))
        .subquery()
    )
    query = (
        select(
            col(Service.id),
            col(Service.code),
            col(Service.name_en),
            col(Service.name_cy),
            col(Service.service_area),
            col(Service.service_type),
            col(Service.stage),
            col(Service.contracting_type),
            col(Service.digitisation_level),
            col(Service.welsh_provision),
            col(Service.is_deep_dive),
            col(Service.description_en),
            col(Service.description_cy),
            col(Organisation.id).label("organisation_id"),
            col(Organisation.code).label("organisation_code"),
            col(Organisation.name_en).label("organisation_en"),
            col(Organisation.name_cy).label("organisation_cy"),
            col(Organisation.sector),
            col(Organisation.org_type),
            func.coalesce(journeys.c.journeys, 0).label("journeys"),
        )
        .join(Organisation, col(Organisation.id) == col(Service.organisation_id))
        .outerjoin(journeys, journeys.c.service_id == col(Service.id))
        .order_by(col(Service.id))
    )
    frame = _read(engine, query, plain=True)
    frame["sector"] = _categorical(frame["sector"], codes(SECTORS))
    frame["stage"] = _categorical(frame["stage"], codes(STAGES))
    for column in (
        "service_area",
        "service_type",
        "contracting_type",
        "welsh_provision",
        "org_type",
    ):
        frame[column] = frame[column].astype("category")
    for column in ("organisation_en", "organisation_cy"):
        frame[column] = frame[column].astype("category")
    frame["search_text"] = _search_text(frame)
    frame = frame.drop(columns=["description_en", "description_cy"])
    frame["organisation_code"] = frame["organisation_code"].astype("category")
    # NA = not recorded (a nullable integer keeps the unknown apart from every level)
    frame["digitisation_level"] = frame["digitisation_level"].astype("Int8")
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
        engine, select(col(ServiceUserType.service_id), col(ServiceUserType.user_type)), plain=True
    )
    themes = _read(
        engine,
        select(
            col(ServiceTheme.service_id),
            col(Theme.code).label("theme"),
            col(Theme.kind),
            col(ServiceTheme.severity),
        ).join(Theme, col(Theme.id) == col(ServiceTheme.theme_id)),
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
        select(
            col(Theme.code),
            col(Theme.kind),
            col(Theme.category),
            col(Theme.name_en),
            col(Theme.name_cy),
        ).order_by(col(Theme.kind), col(Theme.name_en)),
    )


def load_metric_answers_of_every_period(engine: Engine) -> pd.DataFrame:
    """Every metric answer the store keeps, each period's, as stored (plain columns): what
    `load_metric_answers` picks each service's latest answers from."""
    query = select(
        col(MetricAnswer.service_id),
        col(MetricAnswer.metric),
        col(MetricAnswer.value),
        col(MetricAnswer.availability),
        col(MetricAnswer.reason),
        col(MetricAnswer.period),
        col(MetricAnswer.period_months),
    )
    return within_bounds(_read(engine, query, plain=True))


#: The longest period a figure may cover, in months (a hundred years).
LONGEST_PERIOD = 1200


def within_bounds(answers: pd.DataFrame) -> pd.DataFrame:
    """Answers as the pages can use them whatever the store holds: a figure no check lets in
    (beyond the surveys' largest, negative, not finite) or a period of more than a hundred
    years, written there by hand, is read as not known, so sums and charts stay finite."""
    values = pd.to_numeric(answers["value"], errors="coerce").astype(float)
    wild = values.notna() & (~np.isfinite(values) | (values.abs() > LARGEST_FIGURE))
    if wild.any():
        answers["value"] = values.where(~wild)
    months = pd.to_numeric(answers["period_months"], errors="coerce").astype(float)
    odd = months.notna() & ((months < 1) | (months > LONGEST_PERIOD))
    if odd.any():  # only then: an ordinary store's columns keep their types
        answers["period_months"] = months.where(~odd)
    return answers


def load_metric_answers(engine: Engine) -> pd.DataFrame:
    """Each service's answer to each metric in its latest period (the store keeps them all:
    a service's detail view shows its history), with the period and its length in months,
    and for users and transactions per year the latest figure that covers a year."""
    answers = load_metric_answers_of_every_period(engine)
    frame = with_yearly_figures(answers).reset_index(drop=True)
    frame["period_months"] = frame["period_months"].astype("Int64")
    frame["metric"] = _categorical(frame["metric"], METRIC_CODES)
    frame["availability"] = _categorical(frame["availability"], codes(AVAILABILITY))
    frame["reason"] = frame["reason"].astype("category")
    frame["value"] = frame["value"].astype(float)
    return frame


def survey_progress_query() -> Select[*tuple[Any, ...]]:
    """Survey responses with their status and sections complete of the instrument's total."""
    sections_total = (
        select(col(SurveySection.instrument_id), func.count().label("sections_total"))
        .group_by(col(SurveySection.instrument_id))
        .subquery()
    )
    complete = (
        select(
            col(SurveySectionProgress.response_id),
            func.count().label("sections_complete"),
        )
        .where(col(SurveySectionProgress.status) == "complete")
        .group_by(col(SurveySectionProgress.response_id))
        .subquery()
    )
    return (
        select(
            col(SurveyResponse.service_id),
            col(SurveyInstrument.code).label("instrument"),
            col(SurveyInstrument.title_en).label("title"),
            col(SurveyInstrument.title_cy).label("title_cy"),
            col(SurveyResponse.status),
            func.coalesce(complete.c.sections_complete, 0).label("sections_complete"),
            sections_total.c.sections_total,
            col(SurveyResponse.updated_at),
        )
        .join(SurveyInstrument, col(SurveyInstrument.id) == col(SurveyResponse.instrument_id))
        .join(sections_total, sections_total.c.instrument_id == col(SurveyResponse.instrument_id))
        .outerjoin(complete, complete.c.response_id == col(SurveyResponse.id))
    )


def load_survey_progress(engine: Engine, service_id: int | None = None) -> pd.DataFrame:
    """One row per survey response (of one service, if given)."""
    query = survey_progress_query()
    if service_id is not None:
        query = query.where(col(SurveyResponse.service_id) == service_id)
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
                col(Standard.id),
                col(Standard.standard_group).label("group"),
                col(Standard.name_en),
                col(Standard.name_cy),
            ).order_by(col(Standard.id)),
        ),
        dimensions=_read(
            engine,
            select(
                col(OecdDimension.code), col(OecdDimension.name_en), col(OecdDimension.name_cy)
            ).order_by(col(OecdDimension.id)),
        ),
        theme_standards=_read(
            engine,
            select(col(Theme.code).label("theme"), col(ThemeStandard.standard_id))
            .select_from(ThemeStandard)
            .join(Theme, col(Theme.id) == col(ThemeStandard.theme_id)),
        ),
        theme_dimensions=_read(
            engine,
            select(col(Theme.code).label("theme"), col(OecdDimension.code).label("dimension"))
            .select_from(ThemeOecd)
            .join(Theme, col(Theme.id) == col(ThemeOecd.theme_id))
            .join(OecdDimension, col(OecdDimension.id) == col(ThemeOecd.dimension_id)),
        ),
    )


def load_assessments(engine: Engine) -> pd.DataFrame:
    """Every standards self-assessment: service_id, standard_id, rating."""
    frame = _read(
        engine,
        select(
            col(StandardAssessment.service_id),
            col(StandardAssessment.standard_id),
            col(StandardAssessment.rating),
        ),
        plain=True,
    )
    frame["rating"] = frame["rating"].astype("category")
    return frame
