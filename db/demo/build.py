"""Loads the demo data set or a generated catalogue at scale, or empties the store."""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from db.dataset import stamp_dataset
from db.demo.draw import (
    CatalogueFrames,
    demo_plan,
    draw_catalogue,
    pick_deep_dives,
    scale_plan,
)
from db.demo.history import DEMO_PERIODS, GENERATED_PERIODS, draw_history
from db.demo.not_recorded import (
    NO_TYPE,
    NO_TYPE_SHARE,
    leave_some_types_unrecorded,
    leave_some_unrecorded,
)
from db.demo.owners_words import add_theme_notes, write_owners_answers
from db.demo.rounds import clear_rounds, write_rounds
from db.demo.surveys import write_deep_dive_surveys
from db.demo.technology_surveys import write_technology_surveys
from db.demo.write import clear_catalogue, write_catalogue
from db.engine import write_session
from db.models import Organisation
from db.reference.load import load_reference

DEMO_SEED = 2024
DEMO_LABEL = "Demo data set: invented figures for illustration only"
MAX_GENERATED = 200_000


@dataclass(frozen=True)
class LoadSummary:
    kind: str
    organisations: int
    services: int
    deep_dives: int
    metric_answers: int
    journeys: int
    seconds: float


def is_empty(engine: Engine) -> bool:
    with engine.connect() as connection:
        return not connection.execute(select(func.count()).select_from(Organisation)).scalar()


def load_demo(engine: Engine, seed: int = DEMO_SEED) -> LoadSummary:
    """Replace the catalogue with the demo data set (about 400 services, 15 deep dives)."""
    rng = np.random.default_rng(seed)
    return _replace_catalogue(engine, rng, *demo_plan(rng), "demo", DEMO_LABEL, seed)


def generate(engine: Engine, services: int, seed: int = 7) -> LoadSummary:
    """Replace the catalogue with `services` generated services drawn like the demo data."""
    if not 1 <= services <= MAX_GENERATED:
        raise ValueError(f"services must be between 1 and {MAX_GENERATED:,}")
    rng = np.random.default_rng(seed)
    label = f"Generated catalogue of {services:,} services: invented, for scale tests"
    return _replace_catalogue(engine, rng, *scale_plan(rng, services), "generated", label, seed)


def _replace_catalogue(
    engine: Engine,
    rng: np.random.Generator,
    orgs: np.ndarray,
    templates: np.ndarray,
    kind: str,
    label: str,
    seed: int,
) -> LoadSummary:
    """Draw the catalogue for a plan and swap it in, in one transaction."""
    started = time.perf_counter()
    frames = draw_catalogue(rng, orgs, templates)
    deep = pick_deep_dives(rng, frames)
    if kind == "demo":
        leave_some_unrecorded(frames, seed)
        leave_some_types_unrecorded(frames, seed, NO_TYPE)
    else:
        leave_some_types_unrecorded(frames, seed, round(len(frames.services) * NO_TYPE_SHARE))
    add_theme_notes(frames, seed)
    # earlier years, drawn back from each latest figure by a generator of their own
    periods = DEMO_PERIODS if kind == "demo" else GENERATED_PERIODS
    frames.history = draw_history(np.random.default_rng([seed, 5]), frames.metrics, periods)
    with write_session(engine) as session:
        connection = session.connection()
        load_reference(session)
        clear_catalogue(connection)
        service_ids = write_catalogue(connection, frames)
        write_deep_dive_surveys(session, rng, frames, deep, service_ids)
        write_owners_answers(session, seed, frames, service_ids)
        # a generator of its own: the catalogue and the deep dives stay as they were drawn
        technology = np.random.default_rng([seed, 4])
        write_technology_surveys(session, technology, frames, deep, service_ids)
        session.flush()
        if kind == "demo":  # two rounds to compare; a generated catalogue starts with one
            write_rounds(connection, seed)
        else:
            clear_rounds(connection)
        stamp_dataset(session, kind, label, seed)
    return _summary(kind, frames, len(deep), started)


def reset(engine: Engine) -> None:
    """Empty the catalogue, keeping the reference data (standards, themes, instruments)."""
    with write_session(engine) as session:
        load_reference(session)
        clear_catalogue(session.connection())
        clear_rounds(session.connection())
        stamp_dataset(session, "empty", "Empty: no catalogue loaded")


def ensure_data(engine: Engine) -> LoadSummary | None:
    """Load the demo data set when the store holds no catalogue yet (first start)."""
    return load_demo(engine) if is_empty(engine) else None


def _summary(kind: str, frames: CatalogueFrames, deep_dives: int, started: float) -> LoadSummary:
    return LoadSummary(
        kind=kind,
        organisations=len(frames.organisations),
        services=len(frames.services),
        deep_dives=deep_dives,
        metric_answers=len(frames.metrics) + len(frames.history),
        journeys=len(frames.journeys),
        seconds=round(time.perf_counter() - started, 2),
    )
