"""Invented survey responses for the deep-dive services: about two thirds submitted, the rest drafts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import numpy as np
import pandas as pd
from sqlmodel import Session, col, select

from db.demo import distributions as dist
from db.demo.draw import CatalogueFrames
from db.models import (
    SurveyAnswer,
    SurveyInstrument,
    SurveyQuestion,
    SurveyResponse,
    SurveySection,
    SurveySectionProgress,
)
from db.models.columns import id_of, utcnow
from db.reference.frameworks import THEMES
from db.vocabulary import EXCLUSIVE_CHOICES, Sector

EXAMPLE_KIND: dict[str, str] = {
    Sector.LOCAL_AUTHORITY: "council",
    Sector.HEALTH: "health",
    Sector.THIRD_SECTOR: "third_sector",
    Sector.CENTRAL_GOVERNMENT: "council",
    Sector.ARMS_LENGTH_BODY: "third_sector",
}


def write_deep_dive_surveys(
    session: Session,
    rng: np.random.Generator,
    frames: CatalogueFrames,
    deep: np.ndarray,
    service_ids: np.ndarray,
) -> None:
    instruments = {i.code: i for i in session.exec(select(SurveyInstrument)).all()}
    layout = {code: _layout(session, instrument) for code, instrument in instruments.items()}
    order = rng.permutation(deep)
    submitted = set(order[: dist.DEEP_DIVES_SUBMITTED].tolist())
    now = utcnow()
    for rank, service in enumerate(order.tolist()):
        facts = _facts(frames, service)
        is_submitted = service in submitted
        # The technology survey lags: most submitted services finished it, few drafts began it.
        plans = {"generalist": "submitted" if is_submitted else "draft"}
        if is_submitted:
            plans["technology"] = "submitted" if rank % 5 else "draft"
        elif rank % 2:
            plans["technology"] = "draft"
        for code, status in plans.items():
            started = now - timedelta(days=int(rng.integers(20, 90)))
            response = SurveyResponse(
                service_id=int(service_ids[service]),
                instrument_id=id_of(instruments[code]),
                status=status,
                version=int(rng.integers(2, 12)),
                created_at=started,
                updated_at=started + timedelta(days=int(rng.integers(1, 19))),
                submitted_at=now - timedelta(days=int(rng.integers(0, 15)))
                if status == "submitted"
                else None,
            )
            session.add(response)
            session.flush()
            sections = layout[code]
            complete = (
                len(sections)
                if status == "submitted"
                else int(rng.integers(1, max(2, len(sections) - 1)))
            )
            for position, (section, questions) in enumerate(sections):
                if position < complete:
                    state, answered = "complete", questions
                elif position == complete:
                    state, answered = "in_progress", questions[: max(1, len(questions) // 2)]
                else:
                    state, answered = "not_started", []
                session.add(
                    SurveySectionProgress(
                        response_id=id_of(response),
                        section_id=id_of(section),
                        status=state,
                        updated_at=response.updated_at,
                    )
                )
                for question in answered:
                    session.add(
                        SurveyAnswer(
                            response_id=id_of(response),
                            question_id=id_of(question),
                            value=_answer(rng, question, facts),
                            updated_at=response.updated_at,
                        )
                    )
    session.flush()


def _layout(
    session: Session, instrument: SurveyInstrument
) -> list[tuple[SurveySection, list[SurveyQuestion]]]:
    sections = session.exec(
        select(SurveySection)
        .where(SurveySection.instrument_id == instrument.id)
        .order_by(col(SurveySection.position))
    ).all()
    return [
        (
            section,
            list(
                session.exec(
                    select(SurveyQuestion)
                    .where(SurveyQuestion.section_id == section.id)
                    .order_by(col(SurveyQuestion.position))
                ).all()
            ),
        )
        for section in sections
    ]


def _facts(frames: CatalogueFrames, service: int) -> dict[str, Any]:
    row = frames.services.loc[service]

    def pick(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["service"] == service]

    return {
        "row": row,
        "kind": EXAMPLE_KIND[str(row["sector"])],
        "codes": {
            str(row["stage"]),
            str(row["digitisation_level"]),
            str(row["welsh_provision"]),
            str(row["contracting_type"]),
        },
        "user_types": pick(frames.user_types)["user_type"].tolist(),
        "channels": pick(frames.channels)["channel"].tolist(),
        "metrics": pick(frames.metrics).set_index("metric"),
        "themes": pick(frames.themes),
        "assessments": pick(frames.assessments),
    }


def _plain(value: Any, kind: type) -> Any:
    """A JSON-safe scalar: pandas' missing markers (NaN, None) become None."""
    return None if value is None or pd.isna(value) else kind(value)


def _answer(rng: np.random.Generator, question: SurveyQuestion, facts: dict[str, Any]) -> Any:
    spec = question.spec or {}
    kind = question.answer_type
    options = [str(option["code"]) for option in spec.get("options", [])]
    if kind == "metric":
        metric = facts["metrics"].loc[spec["metric"]]
        return {
            "value": _plain(metric["value"], float),
            "availability": str(metric["availability"]),
            "reason": _plain(metric["reason"], str),
            "period": _plain(metric["period"], str),
        }
    if kind == "themes":
        themes = facts["themes"]
        theme_kind = spec.get("theme_kind", "challenge")
        wanted = {t.code for t in THEMES if t.kind == theme_kind}
        chosen = themes[themes["theme"].isin(wanted)]
        return [
            {"code": c, "severity": int(s)}
            for c, s in zip(chosen["theme"], chosen["severity"], strict=True)
        ]
    if kind == "standards_assessment":
        ratings = facts["assessments"]
        return {str(int(s)): r for s, r in zip(ratings["standard"], ratings["rating"], strict=True)}
    if kind == "multi_choice":
        for known in (facts["channels"], facts["user_types"]):
            if known and set(known) <= set(options):
                return list(known)
        # "none" and "not known" stand alone: the form refuses them beside other choices.
        ordinary = [o for o in options if o not in EXCLUSIVE_CHOICES]
        size = int(rng.integers(1, min(3, len(ordinary)) + 1)) if ordinary else 0
        return sorted(rng.choice(ordinary, size=size, replace=False).tolist()) if size else []
    if kind == "choice":
        matching = [o for o in options if o in facts["codes"]]
        return matching[0] if matching else (str(rng.choice(options)) if options else None)
    if kind == "yes_no":
        return bool(rng.random() < 0.6)
    if kind in ("integer", "scale"):
        low, high = (
            int(spec.get("min", 1 if kind == "scale" else 0)),
            int(spec.get("max", 5 if kind == "scale" else 10)),
        )
        return int(rng.integers(low, high + 1))
    if kind in ("number", "money", "percent"):
        least, most = (
            float(spec.get("min", 0)),
            float(spec.get("max", 100 if kind == "percent" else 1000)),
        )
        return round(float(rng.uniform(least, most)), 1)
    if question.code.endswith("name"):
        return str(facts["row"]["name_en"])
    if "summary" in question.code or "description" in question.code:
        return str(facts["row"]["description_en"])
    if "need" in question.code:
        return str(facts["row"]["user_need"])
    examples = {e.get("kind"): e for e in spec.get("examples", [])}
    example = examples.get(facts["kind"]) or next(iter(examples.values()), {"en": ""})
    return example.get("en", "")
