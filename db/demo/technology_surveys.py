"""Writes the invented technology-survey responses of the services beyond the deep dives, in
bulk (the 100,000-service generator writes some 30,000 responses this way)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlmodel import Session, col
from sqlmodel import select as select_models

from db.bulk import bulk_insert, reset_sequences
from db.demo.draw import CatalogueFrames
from db.demo.surveys import _layout
from db.demo.technology_answers import draw_answers, pick_answering
from db.models import (
    SurveyAnswer,
    SurveyInstrument,
    SurveyResponse,
    SurveySectionProgress,
)
from db.models.columns import id_of, utcnow


def write_technology_surveys(
    session: Session,
    rng: np.random.Generator,
    frames: CatalogueFrames,
    deep: np.ndarray,
    service_ids: np.ndarray,
) -> int:
    """Technology responses for about a quarter of the services that are not deep dives (the
    deep dives have theirs already); returns how many were written."""
    instrument = session.exec(
        select_models(SurveyInstrument).where(col(SurveyInstrument.code) == "technology")
    ).first()
    if instrument is None:
        return 0
    sections = _layout(session, instrument)
    answering = pick_answering(rng, len(frames.services), deep.tolist())
    count = len(answering.rows)
    if not count:
        return 0
    now = utcnow()
    connection = session.connection()
    first_id = int(connection.execute(select(func.max(col(SurveyResponse.id)))).scalar() or 0) + 1
    response_ids = np.arange(first_id, first_id + count)
    started = [now - timedelta(days=int(d)) for d in rng.integers(20, 120, count)]
    saved = [
        s + timedelta(days=int(d)) for s, d in zip(started, rng.integers(1, 19, count), strict=True)
    ]
    submitted = answering.submitted
    responses = pd.DataFrame(
        {
            "id": response_ids,
            "service_id": service_ids[answering.rows],
            "instrument_id": id_of(instrument),
            "status": np.where(submitted, "submitted", "draft"),
            "version": rng.integers(2, 12, count),
            "created_at": started,
            "updated_at": saved,
            "submitted_at": [s if done else None for s, done in zip(saved, submitted, strict=True)],
        }
    )
    bulk_insert(connection, SurveyResponse.__table__, responses)
    reset_sequences(connection, ["survey_response"])

    # a draft has its first sections done (at least one, never all)
    done = np.where(submitted, len(sections), rng.integers(1, max(2, len(sections)), count))
    answers = draw_answers(rng, frames.services, answering.rows, date.today())
    progress_rows = []
    answer_frames = []
    for position, (section, questions) in enumerate(sections):
        state = np.where(done > position, "complete", "not_started")
        progress_rows.append(
            pd.DataFrame(
                {
                    "response_id": response_ids,
                    "section_id": id_of(section),
                    "status": state,
                    "updated_at": saved,
                }
            )
        )
        answered = done > position
        for question in questions:
            values = answers.get(question.code)
            if values is None:
                continue
            answer_frames.append(
                pd.DataFrame(
                    {
                        "response_id": response_ids[answered],
                        "question_id": id_of(question),
                        "value": pd.Series(values, dtype=object)[answered].to_list(),
                        "updated_at": pd.Series(saved, dtype=object)[answered].to_list(),
                    }
                )
            )
    bulk_insert(connection, SurveySectionProgress.__table__, pd.concat(progress_rows))
    bulk_insert(connection, SurveyAnswer.__table__, pd.concat(answer_frames, ignore_index=True))
    return count
