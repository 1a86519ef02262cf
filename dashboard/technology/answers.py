"""The technology survey's answers read from the store into one compact row per service (no
Streamlit here).

Only **submitted** responses count: a draft can still change, and its owner has not said it
is ready (the generalist survey reaches the catalogue only on submission too). The services
with a draft are kept apart, so the page can say how many are left out.

Each answer becomes a small typed column: a choice its option code (categorical), a list of
choices a bit mask over the question's options, a number its band, a platform's name its
tidied key beside the name as typed, a contract's end its band from the day the frame is
built, and an identity check the kinds its words name. A missing value is a question the
owner left blank.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Text, cast, select
from sqlalchemy.engine import Engine
from sqlmodel import col

from dashboard.technology.free_text import (
    contract_band,
    identity_kinds,
    platform_key,
    platform_label,
)
from dashboard.technology.questions import BY_CODE, QUESTIONS
from db.frames import read_frame
from db.models import SurveyAnswer, SurveyInstrument, SurveyQuestion, SurveyResponse

INSTRUMENT = "technology"


@dataclass(frozen=True)
class TechnologyAnswers:
    """`answers`: one row per service with a submitted technology survey (index: service
    id), one column per analysed question; `drafts`: the ids of services whose technology
    survey is still a draft."""

    answers: pd.DataFrame
    drafts: np.ndarray


def read_answers(engine: Engine) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Every submitted technology answer to an analysed question as (service_id, question,
    value) rows, the services that submitted, and those with a draft.

    The answers are read as JSON text straight from the driver and parsed here: at 100,000
    services that is half a million answers, and SQLAlchemy's row processing took seconds.
    """
    technology = (
        select(col(SurveyResponse.id))
        .join(SurveyInstrument, col(SurveyInstrument.id) == col(SurveyResponse.instrument_id))
        .where(col(SurveyInstrument.code) == INSTRUMENT)
    )
    wanted = [question.code for question in QUESTIONS] + ["main_platform"]
    with engine.connect() as connection:
        long = read_frame(
            connection,
            select(
                col(SurveyResponse.service_id),
                col(SurveyQuestion.code),
                cast(col(SurveyAnswer.value), Text),
            )
            .select_from(SurveyAnswer)
            .join(SurveyResponse, col(SurveyResponse.id) == col(SurveyAnswer.response_id))
            .join(SurveyQuestion, col(SurveyQuestion.id) == col(SurveyAnswer.question_id))
            .where(
                col(SurveyAnswer.response_id).in_(technology),
                col(SurveyResponse.status) == "submitted",
                col(SurveyQuestion.code).in_(wanted),
            ),
            ["service_id", "question", "value"],
            plain=True,
        )
        statuses = read_frame(
            connection,
            select(col(SurveyResponse.service_id), col(SurveyResponse.status)).where(
                col(SurveyResponse.id).in_(technology)
            ),
            plain=True,
        )
    long["value"] = [None if v is None else json.loads(v) for v in long["value"]]
    ids = statuses["service_id"].to_numpy(dtype=np.int64)
    submitted = np.sort(ids[statuses["status"].to_numpy() == "submitted"])
    drafts = np.sort(ids[statuses["status"].to_numpy() == "draft"])
    return long, submitted, drafts


def load_technology_answers(engine: Engine, today: date) -> TechnologyAnswers:
    long, submitted, drafts = read_answers(engine)
    return TechnologyAnswers(build_frame(long, submitted, today), drafts)


def _mask(values: Any, options: tuple[str, ...]) -> float:
    """A list of options as a bit mask over `options` (NaN for no list)."""
    if not isinstance(values, list | tuple) or not values:
        return np.nan
    return float(sum(1 << options.index(v) for v in values if v in options))


def build_frame(long: pd.DataFrame, submitted: np.ndarray | None, today: date) -> pd.DataFrame:
    """One row per submitted response (`submitted`: their service ids; by default those with
    an answer), one typed column per analysed question (see the module's docstring)."""
    ids = (
        np.asarray(submitted, dtype=np.int64)
        if submitted is not None
        else np.unique(long["service_id"].to_numpy(dtype=np.int64))
    )
    frame = pd.DataFrame(index=pd.Index(ids, name="service_id"))
    by_question = {
        str(code): part.set_index("service_id")["value"]
        for code, part in long.groupby("question", sort=False)
    }

    def answers(code: str) -> pd.Series:
        found = by_question.get(code)
        if found is None:
            return pd.Series(np.nan, index=frame.index, dtype=object)
        return found[~found.index.duplicated()].reindex(frame.index)

    for question in QUESTIONS:
        raw = answers(question.code)
        if question.code == "security_incidents":
            coded = raw.map({True: "yes", False: "no"})
        elif question.code == "identity_checks":
            coded = raw.map(
                lambda v: identity_kinds(v) if isinstance(v, str) and v.strip() else None
            )
        elif question.code == "hard_to_fill_vacancies":
            coded = raw.map(vacancy_band)
        elif question.code == "contract_end_date":
            coded = raw.map(
                lambda v: contract_band(v, today) if isinstance(v, str) and v.strip() else None
            )
        elif question.code == "contractor_reliance":
            coded = raw.map(lambda v: None if v is None or v != v else str(int(v)))
        else:
            coded = raw
        if question.kind == "multi":
            frame[question.code] = (
                coded.map(lambda v, q=question: _mask(v, q.options)).astype("float").astype("Int16")
            )
        else:
            frame[question.code] = pd.Categorical(
                coded.where(coded.isin(question.options)), categories=list(question.options)
            )
    platforms = answers("main_platform")
    # an answer of punctuation alone ("-", ".") names no platform
    typed = platforms.where(platforms.map(lambda v: isinstance(v, str) and bool(platform_key(v))))
    frame["platform_name"] = typed.map(lambda v: platform_label(v) if isinstance(v, str) else v)
    frame["platform_key"] = typed.map(
        lambda v: platform_key(v) if isinstance(v, str) else v
    ).astype("category")
    return frame


def vacancy_band(value: Any) -> str | None:
    """A number of hard-to-fill posts as its band: none, one, two or three, four or more."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    if number <= 0:
        return "none"
    if number == 1:
        return "one"
    return "two_or_three" if number <= 3 else "four_or_more"


def option_bits(code: str) -> dict[str, int]:
    """Each option of a several-choice question with its bit in the mask."""
    return {option: 1 << i for i, option in enumerate(BY_CODE[code].options)}
