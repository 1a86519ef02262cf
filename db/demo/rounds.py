"""The demo's two survey rounds: "Discovery 2021" (closed, its state invented from today's
with believable change) and "Review 2025" (open: the live responses).

Then, fewer services were in the catalogue (some were added since), a fifth of those with a
level stood one level lower (and a few one higher: a service can slip), and the challenges of
skills, legacy systems and paper processes were reported more often, data sharing less.
Drawn from a generator of its own, so the rest of the demo stays as it was drawn.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
from sqlalchemy import Connection, delete, insert, select

from db.bulk import bulk_insert
from db.models import (
    ReviewRound,
    RoundService,
    RoundServiceTheme,
    RoundSurvey,
    Service,
    ServiceTheme,
    SurveyResponse,
    Theme,
)
from db.vocabulary import MAX_LEVEL, MIN_LEVEL

DISCOVERY = ("discovery-2021", "Discovery 2021", "Darganfod 2021")
REVIEW = ("review-2025", "Review 2025", "Adolygiad 2025")
DISCOVERY_OPENED = datetime(2021, 3, 1, tzinfo=UTC)
REVIEW_OPENED = datetime(2025, 4, 1, tzinfo=UTC)
#: Share of today's services already in the catalogue in 2021.
IN_DISCOVERY = 0.9
#: Of those with a level: share one level lower then (they moved up), one higher (moved down).
LOWER_THEN, HIGHER_THEN = 0.22, 0.04
#: Challenges reported more often then (added for this share of services not reporting them
#: now), and less often (dropped for this share of those reporting them now).
MORE_THEN = 0.12
LESS_THEN = 0.35


def clear_rounds(connection: Connection) -> None:
    for model in (RoundServiceTheme, RoundSurvey, RoundService, ReviewRound):
        connection.execute(delete(model.__table__))


def _read(connection: Connection, query: object) -> pd.DataFrame:
    result = connection.execute(query)  # type: ignore[call-overload]
    return pd.DataFrame(result.all(), columns=list(result.keys()))


def _discovery_themes(
    rng: np.random.Generator, connection: Connection, kept: np.ndarray
) -> pd.DataFrame:
    theme = Theme.__table__
    themes = _read(
        connection,
        select(theme.c.id, theme.c.code, theme.c.kind).order_by(theme.c.id),
    )
    now = _read(
        connection,
        select(ServiceTheme.__table__).order_by(
            ServiceTheme.__table__.c.service_id, ServiceTheme.__table__.c.theme_id
        ),
    )[["service_id", "theme_id", "severity"]]
    now = now[now["service_id"].isin(kept)]
    challenges = themes[themes["kind"] == "challenge"]["id"].to_numpy()
    more_then = challenges[: max(1, len(challenges) // 3)]
    less_then = challenges[-max(1, len(challenges) // 4) :]
    dropped = now["theme_id"].isin(less_then).to_numpy() & (rng.random(len(now)) < LESS_THEN)
    then = now[~dropped]
    reporting = np.unique(now["service_id"].to_numpy())
    added = []
    for theme_id in more_then:
        has = set(then.loc[then["theme_id"] == theme_id, "service_id"])
        others = np.array([s for s in reporting if s not in has], dtype=np.int64)
        chosen = others[rng.random(len(others)) < MORE_THEN]
        added.append(
            pd.DataFrame(
                {
                    "service_id": chosen,
                    "theme_id": theme_id,
                    "severity": rng.integers(1, 4, len(chosen)),
                }
            )
        )
    return pd.concat([then, *added], ignore_index=True)


def write_rounds(connection: Connection, seed: int) -> None:
    """The two rounds and Discovery 2021's snapshot (call after the catalogue and surveys)."""
    rng = np.random.default_rng([seed, 5])
    clear_rounds(connection)
    table = ReviewRound.__table__
    discovery_id = connection.execute(
        insert(table)
        .values(
            code=DISCOVERY[0],
            name_en=DISCOVERY[1],
            name_cy=DISCOVERY[2],
            opened_at=DISCOVERY_OPENED,
            closed_at=REVIEW_OPENED,
        )
        .returning(table.c.id)
    ).scalar_one()
    connection.execute(
        insert(table).values(
            code=REVIEW[0], name_en=REVIEW[1], name_cy=REVIEW[2], opened_at=REVIEW_OPENED
        )
    )
    service = Service.__table__
    services = _read(
        connection,
        select(service.c.id, service.c.digitisation_level, service.c.is_deep_dive).order_by(
            service.c.id
        ),
    )
    # every deep dive was surveyed in the discovery; other services joined since
    kept = services[services["is_deep_dive"] | (rng.random(len(services)) < IN_DISCOVERY)]
    level = kept["digitisation_level"].astype("Float64")
    draw = rng.random(len(kept))
    lower = (draw < LOWER_THEN) & (level > MIN_LEVEL).fillna(False).to_numpy()
    higher = (draw > 1 - HIGHER_THEN) & (level < MAX_LEVEL).fillna(False).to_numpy()
    level = level.where(~lower, level - 1).where(~higher, level + 1)
    bulk_insert(
        connection,
        RoundService.__table__,
        pd.DataFrame(
            {
                "round_id": discovery_id,
                "service_id": kept["id"].to_numpy(),
                "digitisation_level": level.astype("Int64"),
                "is_deep_dive": kept["is_deep_dive"].astype(bool).to_numpy(),
            }
        ),
    )
    themes = _discovery_themes(rng, connection, kept["id"].to_numpy())
    themes.insert(0, "round_id", discovery_id)
    bulk_insert(connection, RoundServiceTheme.__table__, themes)
    response = SurveyResponse.__table__
    surveys = _read(
        connection, select(response.c.service_id, response.c.instrument_id).order_by(response.c.id)
    )
    surveys = surveys[surveys["service_id"].isin(kept["id"])]
    surveys.insert(0, "round_id", discovery_id)
    surveys["status"] = "submitted"
    bulk_insert(connection, RoundSurvey.__table__, surveys)
