"""Everything known about one service, for its detail view (no Streamlit here).

The tables are built in the language of the run (`using()`); the service and organisation
records are kept as stored, with both languages, for the page to choose from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col
from sqlmodel import select as select_models

from dashboard.catalogue.table import metric_status
from dashboard.common.i18n import is_welsh, local_name, t, term
from dashboard.common.metric_periods import latest_answers, per_period, period_order
from dashboard.common.queries import load_survey_progress
from db.frames import read_frame
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
from db.models.metric import answer_columns
from db.vocabulary import (
    ASSESSMENT_RATINGS,
    CHANNELS,
    DIGITISATION_LEVELS,
    METRICS,
    SEVERITIES,
    SURVEY_STATUSES,
    USER_TYPES,
)


@dataclass(frozen=True)
class ServiceDetail:
    service: dict[str, Any]
    organisation: dict[str, Any]
    channels: list[str]
    user_types: list[str]
    metrics: pd.DataFrame  # Metric, Figure, Availability, Period, Source (Note where any)
    #: Every period of every metric answered, newest first: Metric, Period, Figure, Availability
    metric_history: pd.DataFrame
    challenges: pd.DataFrame  # Challenge, Severity (Note where any owner wrote one)
    aims: pd.DataFrame  # Aim or opportunity, Priority (Note)
    standards: pd.DataFrame  # Standard, Self-assessment (Note)
    journeys: pd.DataFrame  # every journey: Journey, Digitisation level
    surveys: pd.DataFrame  # Survey, Status, Sections complete

    @property
    def has_history(self) -> bool:
        """Whether some metric has answers for more than one period."""
        return bool(self.metric_history[t("Metric")].duplicated().any())

    @property
    def journey_count(self) -> int:
        return len(self.journeys)


def _format_value(value: float, unit: str) -> str:
    if unit == "percent":
        return f"{value:.0f}%"
    if unit == "gbp":
        return f"£{value:,.2f}"
    return f"{value:,.0f}"


def source_label(code: object) -> str:
    """Where a metric answer came from, in words."""
    return {
        "catalogue": t("Catalogue"),
        "survey": t("Owner's survey"),
        "import": t("Imported"),
    }.get(str(code), str(code))


def _text(value: object) -> str:
    return "" if value is None or value != value else str(value)  # value != value: NaN


def load_service_detail(engine: Engine, code: str) -> ServiceDetail | None:
    with Session(engine) as session:
        row = session.exec(
            select_models(Service, Organisation)
            .join(Organisation, col(Organisation.id) == col(Service.organisation_id))
            .where(col(Service.code) == code)
        ).first()
    if row is None:
        return None
    service, organisation = row
    sid = service.id
    with engine.connect() as c:
        channels = (
            c.execute(
                select(col(ServiceChannel.channel)).where(col(ServiceChannel.service_id) == sid)
            )
            .scalars()
            .all()
        )
        users = (
            c.execute(
                select(col(ServiceUserType.user_type)).where(col(ServiceUserType.service_id) == sid)
            )
            .scalars()
            .all()
        )
        metric_rows = read_frame(
            c, select(*answer_columns()).where(col(MetricAnswer.service_id) == sid)
        )
        themes = read_frame(
            c,
            select(
                col(Theme.kind),
                col(Theme.name_en),
                col(Theme.name_cy),
                col(ServiceTheme.severity),
                col(ServiceTheme.note),
            )
            .join(ServiceTheme, col(ServiceTheme.theme_id) == col(Theme.id))
            .where(col(ServiceTheme.service_id) == sid)
            .order_by(col(Theme.kind), col(ServiceTheme.severity).desc(), col(Theme.name_en)),
        )
        standards = read_frame(
            c,
            select(
                col(Standard.id),
                col(Standard.name_en),
                col(Standard.name_cy),
                col(StandardAssessment.rating),
                col(StandardAssessment.note),
            )
            .outerjoin(
                StandardAssessment,
                (col(StandardAssessment.standard_id) == col(Standard.id))
                & (col(StandardAssessment.service_id) == sid),
            )
            .order_by(col(Standard.id)),
            ["number", "name_en", "name_cy", "rating", "note"],
        )
        # every journey: a health service can hold hundreds, and all of them are its own
        journeys = read_frame(
            c,
            select(col(Journey.name_en), col(Journey.name_cy), col(Journey.digitisation_level))
            .where(col(Journey.service_id) == sid)
            .order_by(col(Journey.position), col(Journey.id)),
            ["name_en", "name_cy", "level"],
        )
    surveys = load_survey_progress(engine, service_id=sid)
    return ServiceDetail(
        service=service.model_dump(),
        organisation=organisation.model_dump(),
        channels=[term(CHANNELS, ch) for ch in channels],
        user_types=[term(USER_TYPES, u) for u in users],
        metrics=_metrics_table(latest_answers(metric_rows)),
        metric_history=metric_history_table(metric_rows),
        challenges=_themes_table(themes[themes["kind"] == "challenge"], "challenge"),
        aims=_themes_table(themes[themes["kind"] == "opportunity"], "opportunity"),
        standards=_with_notes(
            pd.DataFrame(
                {
                    t("Standard"): [
                        f"{number}. {local_name(en, cy)}"
                        for number, en, cy in zip(
                            standards["number"],
                            standards["name_en"],
                            standards["name_cy"],
                            strict=True,
                        )
                    ],
                    t("Self-assessment"): [
                        t("No self-assessment")
                        if rating is None or pd.isna(rating)
                        else term(ASSESSMENT_RATINGS, rating)
                        for rating in standards["rating"]
                    ],
                }
            ),
            standards["note"],
        ),
        journeys=pd.DataFrame(
            {
                t("Journey"): [
                    local_name(en, cy)
                    for en, cy in zip(journeys["name_en"], journeys["name_cy"], strict=True)
                ],
                t("Digitisation level"): [
                    ""
                    if level is None or pd.isna(level)
                    else term(DIGITISATION_LEVELS, str(int(level)))
                    for level in journeys["level"]
                ],
            }
        ),
        surveys=pd.DataFrame(
            {
                t("Survey"): [
                    local_name(en, cy)
                    for en, cy in zip(
                        surveys["title"],
                        surveys["title_cy"] if "title_cy" in surveys else [None] * len(surveys),
                        strict=True,
                    )
                ],
                t("Status"): [term(SURVEY_STATUSES, status) for status in surveys["status"]],
                t("Sections complete"): [
                    t("{done} of {total}", done=int(done), total=int(total))
                    for done, total in zip(
                        surveys["sections_complete"], surveys["sections_total"], strict=True
                    )
                ],
            }
        ),
    )


def _with_notes(table: pd.DataFrame, notes: pd.Series) -> pd.DataFrame:
    """Add the owner's notes as a last column, if any row has one."""
    written = [_text(note) for note in notes]
    if any(written):
        table[t("Note")] = written
    return table


def _themes_table(rows: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Challenges with their severity, or aims with their priority (the owner's rating)."""
    name = t("Challenge") if kind == "challenge" else t("Aim or opportunity")
    rating = t("Severity") if kind == "challenge" else t("Priority")
    table = pd.DataFrame(
        {
            name: [
                local_name(en, cy) for en, cy in zip(rows["name_en"], rows["name_cy"], strict=True)
            ],
            rating: [
                "" if pd.isna(level) else term(SEVERITIES, str(int(level)))
                for level in rows["severity"]
            ],
        }
    )
    return _with_notes(table, rows["note"])


def _figure(metric: str, unit: str, answer: pd.Series) -> str:
    """A figure as shown, with "per quarter" where a yearly figure covers a quarter."""
    value = answer["value"]
    if value is None or pd.isna(value):
        return ""
    figure = _format_value(float(value), unit)
    per = per_period(metric, answer.get("period_months"))
    return f"{figure} {per}" if per else figure


def metric_history_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Every period of every metric the service answered: the metrics in the standard order,
    each one's periods newest first."""
    headers = [t("Metric"), t("Period"), t("Figure"), t("Availability"), t("Source")]
    if rows.empty:
        return pd.DataFrame(columns=headers)
    position = {d.code: i for i, d in enumerate(METRICS)}
    ordered = rows.assign(
        _metric=rows["metric"].map(position), _period=-period_order(rows["period"])
    ).sort_values(["_metric", "_period"], kind="stable")
    by_code = {d.code: d for d in METRICS}
    records = []
    for _index, answer in ordered.iterrows():
        definition = by_code[str(answer["metric"])]
        records.append(
            {
                t("Metric"): definition.cy if is_welsh() else definition.en,
                t("Period"): _text(answer["period"]) or t("Undated"),
                t("Figure"): _figure(definition.code, definition.unit, answer),
                t("Availability"): metric_status(answer.to_frame().T).iloc[0],
                t("Source"): source_label(answer["source"]),
            }
        )
    return pd.DataFrame(records, columns=headers)


def _metrics_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Every metric in the standard order, reported or not, with why a figure is missing,
    where the answer came from and the owner's note."""
    by_metric = rows.set_index("metric") if not rows.empty else rows
    records = []
    for definition in METRICS:
        if definition.code in by_metric.index:
            row = by_metric.loc[[definition.code]]
            answer = row.iloc[0]
            status = metric_status(row).iloc[0]
            figure = _figure(definition.code, definition.unit, answer)
            period, source, note = (
                _text(answer["period"]),
                source_label(answer["source"]),
                _text(answer["note"]),
            )
        else:
            figure, status, period, source, note = "", t("Not reported"), "", "", ""
        records.append(
            {
                t("Metric"): definition.cy if is_welsh() else definition.en,
                t("Figure"): figure,
                t("Availability"): status,
                t("Period"): period,
                t("Source"): source,
                t("Note"): note,
            }
        )
    table = pd.DataFrame(records)
    # a column of nothing says nothing: the owner's notes only where there are some
    return table if table[t("Note")].astype(bool).any() else table.drop(columns=t("Note"))
