"""Where the surveys stand across services, and what owners answered (no Streamlit here).

Works on the survey progress frame (`queries.load_survey_progress`: one row per response with
its status and sections complete) and returns language-neutral codes; the UI translates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import col

from db.models import SurveyAnswer, SurveyInstrument, SurveyQuestion, SurveyResponse

INSTRUMENTS = ("generalist", "technology")
NOT_STARTED, IN_PROGRESS, SUBMITTED = "not_started", "in_progress", "submitted"


def progress_counts(service_ids: pd.Index, surveys: pd.DataFrame) -> pd.DataFrame:
    """For each instrument (rows): how many of the services have not started it, have it in
    progress, or have submitted it, and how many sections the ones in progress have done."""
    rows = []
    wanted = pd.Index(service_ids)
    for code in INSTRUMENTS:
        mine = surveys[(surveys["instrument"] == code) & surveys["service_id"].isin(wanted)]
        mine = mine.drop_duplicates("service_id")
        drafts = mine[mine["status"] == "draft"]
        rows.append(
            {
                "instrument": code,
                "services": len(wanted),
                NOT_STARTED: len(wanted) - len(mine),
                IN_PROGRESS: len(drafts),
                "sections_done": int(drafts["sections_complete"].sum()),
                "sections_total": int(drafts["sections_total"].sum()),
                SUBMITTED: int((mine["status"] == "submitted").sum()),
            }
        )
    return pd.DataFrame(rows).set_index("instrument")


def started_surveys(services: pd.DataFrame, surveys: pd.DataFrame) -> pd.DataFrame:
    """Every started survey of `services`: service, organisation, instrument, status, sections
    done of total and when last saved; drafts first, most recently saved first."""
    mine = surveys[surveys["service_id"].isin(services.index)]
    if mine.empty:
        return pd.DataFrame(
            columns=[
                "service_id",
                "name_en",
                "name_cy",
                "organisation_en",
                "organisation_cy",
                "instrument",
                "status",
                "sections_complete",
                "sections_total",
                "updated_at",
            ]
        )
    names = services.loc[
        mine["service_id"], ["name_en", "name_cy", "organisation_en", "organisation_cy"]
    ].reset_index(drop=True)
    table = pd.concat(
        [
            mine[
                ["service_id", "instrument", "status", "sections_complete", "sections_total"]
            ].reset_index(drop=True),
            names,
            mine[["updated_at"]].reset_index(drop=True),
        ],
        axis=1,
    )
    table["draft_first"] = table["status"] != "draft"
    return (
        table.sort_values(["draft_first", "updated_at"], ascending=[True, False])
        .drop(columns="draft_first")
        .reset_index(drop=True)
    )


@dataclass(frozen=True)
class ServiceAnswers:
    """One survey of one service: its status and the answers saved so far (by question code)."""

    instrument: str
    status: str
    answers: dict[str, Any]


def service_answers(engine: Engine, service_id: int) -> list[ServiceAnswers]:
    """The answers of each survey a service has started, generalist first."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                col(SurveyInstrument.code),
                col(SurveyResponse.status),
                col(SurveyQuestion.code),
                col(SurveyAnswer.value),
            )
            .select_from(SurveyResponse)
            .join(SurveyInstrument, col(SurveyInstrument.id) == col(SurveyResponse.instrument_id))
            .outerjoin(SurveyAnswer, col(SurveyAnswer.response_id) == col(SurveyResponse.id))
            .outerjoin(SurveyQuestion, col(SurveyQuestion.id) == col(SurveyAnswer.question_id))
            .where(col(SurveyResponse.service_id) == service_id)
        ).all()
    found: dict[str, ServiceAnswers] = {}
    for instrument, status, question, value in rows:
        entry = found.setdefault(instrument, ServiceAnswers(instrument, status, {}))
        if question is not None and value is not None:
            entry.answers[question] = value
    return sorted(found.values(), key=lambda s: INSTRUMENTS.index(s.instrument))
