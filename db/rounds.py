"""Survey rounds: which round is open, the rounds there are, and opening a new one.

Opening a round is one transaction: the closing round's state (each service's level and
deep-dive flag, each survey's status, each challenge or aim reported with its rating) is copied
into the snapshot tables, the round is closed, the new one opened, and every live survey
response goes back to a draft that keeps its answers (its version moves on, so an edit made
on a screen opened before is refused rather than written over). Nothing is half-written: any
failure rolls every step back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Integer, Table, func, insert, literal, select, update
from sqlalchemy.engine import Engine

from db.engine import write_session
from db.models import (
    Dataset,
    ReviewRound,
    RoundService,
    RoundServiceTheme,
    RoundSurvey,
    Service,
    ServiceTheme,
    SurveyResponse,
)
from db.models.columns import utcnow

#: The open round a store starts with (migration 0010 writes it; so does an empty store).
FIRST_ROUND = ("first-round", "First round", "Rownd gyntaf")
#: The code links use for the live state, whatever the open round is called.
CURRENT = "current"
MAX_NAME = 200
#: Why a name cannot be used (each also the key of its translation on the Data page).
NO_NAME = "Give the new round a name, e.g. “Review 2025”."
TOO_LONG = "A round's name is at most {n} characters."
NOT_CURRENT = (
    "The round's name needs a letter or a number other than “current”, e.g. “Review 2025”."
)
TAKEN = "There is already a round called “{name}”: choose another name."


class RoundProblem(ValueError):
    """A new round that cannot be opened, said in words: `template` (English, with `{name}`
    placeholders filled from `values`) is also the key of its translation."""

    def __init__(self, template: str, **values: object) -> None:
        super().__init__(template.format(**values))
        self.template = template
        self.values = values


@dataclass(frozen=True)
class RoundInfo:
    id: int
    code: str
    name_en: str
    name_cy: str | None
    opened_at: datetime
    closed_at: datetime | None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def name(self, language: str) -> str:
        return (self.name_cy or self.name_en) if language == "cy" else self.name_en


@dataclass(frozen=True)
class RoundOpened:
    closed: RoundInfo
    opened: RoundInfo
    services: int
    surveys: int
    themes: int


def round_code(name: str) -> str:
    """The code a round is kept under in links: its English name in lower case with hyphens
    ("Discovery 2021" -> "discovery-2021")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60]


def _info(row: ReviewRound) -> RoundInfo:
    assert row.id is not None
    return RoundInfo(row.id, row.code, row.name_en, row.name_cy, row.opened_at, row.closed_at)


def list_rounds(engine: Engine) -> list[RoundInfo]:
    """Every round, oldest first (the open one last)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(ReviewRound).order_by(
                ReviewRound.__table__.c.closed_at.is_(None), ReviewRound.__table__.c.opened_at
            )
        ).all()
    return [RoundInfo(r.id, r.code, r.name_en, r.name_cy, r.opened_at, r.closed_at) for r in rows]


def _open_round(connection: Connection) -> int:
    """The open round's id, writing the first round when there is none (a store emptied)."""
    table = ReviewRound.__table__
    found = connection.execute(
        select(table.c.id).where(table.c.closed_at.is_(None)).order_by(table.c.id.desc())
    ).scalar()
    if found is not None:
        return int(found)
    code, name_en, name_cy = FIRST_ROUND
    taken = connection.execute(select(func.count()).where(table.c.code == code)).scalar()
    return int(
        connection.execute(
            insert(table)
            .values(
                code=code if not taken else f"{code}-{utcnow():%Y%m%d%H%M%S}",
                name_en=name_en,
                name_cy=name_cy,
                opened_at=utcnow(),
            )
            .returning(table.c.id)
        ).scalar_one()
    )


def _checked(name_en: str, name_cy: str | None, connection: Connection) -> tuple[str, str, str]:
    english = " ".join((name_en or "").split())
    welsh = " ".join((name_cy or "").split()) or english
    if not english:
        raise RoundProblem(NO_NAME)
    if len(english) > MAX_NAME or len(welsh) > MAX_NAME:
        raise RoundProblem(TOO_LONG, n=MAX_NAME)
    code = round_code(english)
    if not code or code == CURRENT:
        raise RoundProblem(NOT_CURRENT)
    table = ReviewRound.__table__
    if connection.execute(select(func.count()).where(table.c.code == code)).scalar():
        raise RoundProblem(TAKEN, name=english)
    return code, english, welsh


def _kept(connection: Connection, table: Table, round_id: int) -> int:
    """Rows a step archived (an INSERT from a SELECT has no row count on SQLite)."""
    return int(
        connection.execute(
            select(func.count()).select_from(table).where(table.c.round_id == round_id)
        ).scalar_one()
    )


# Each step copies or changes one part, all inside the caller's transaction (a list, so a
# test can make one fail and see that none of them is kept).
def _archive(
    connection: Connection, round_id: int, target: Table, source: Table, columns: dict[str, str]
) -> int:
    """Copy every row of `source` into `target` under `round_id`, each target column from the
    source column `columns` names; how many rows the round now holds there."""
    picked = select(
        literal(round_id, Integer()).label("round_id"),
        *(source.c[name] for name in columns.values()),
    )
    connection.execute(insert(target).from_select(["round_id", *columns], picked))
    return _kept(connection, target, round_id)


def _archive_services(connection: Connection, round_id: int) -> int:
    return _archive(
        connection,
        round_id,
        RoundService.__table__,
        Service.__table__,
        {
            "service_id": "id",
            "digitisation_level": "digitisation_level",
            "is_deep_dive": "is_deep_dive",
        },
    )


def _archive_surveys(connection: Connection, round_id: int) -> int:
    return _archive(
        connection,
        round_id,
        RoundSurvey.__table__,
        SurveyResponse.__table__,
        {"service_id": "service_id", "instrument_id": "instrument_id", "status": "status"},
    )


def _archive_themes(connection: Connection, round_id: int) -> int:
    return _archive(
        connection,
        round_id,
        RoundServiceTheme.__table__,
        ServiceTheme.__table__,
        {"service_id": "service_id", "theme_id": "theme_id", "severity": "severity"},
    )


def _reopen_responses(connection: Connection, now: datetime) -> None:
    """Every live response becomes a draft keeping its answers; its version moves on."""
    response = SurveyResponse.__table__
    connection.execute(
        update(response).values(
            status="draft",
            submitted_at=None,
            version=response.c.version + 1,
            updated_at=now,
        )
    )


ARCHIVE_STEPS: list[Callable[[Connection, int], int]] = [
    _archive_services,
    _archive_surveys,
    _archive_themes,
]


def open_new_round(
    engine: Engine, name_en: str, name_cy: str | None = None, now: datetime | None = None
) -> RoundOpened:
    """Close the open round (archiving its state) and open one called `name_en` / `name_cy`,
    in one transaction. Raises RoundProblem (in words) for a name that cannot be used."""
    now = now or utcnow()
    table = ReviewRound.__table__
    with write_session(engine) as session:
        connection = session.connection()
        code, english, welsh = _checked(name_en, name_cy, connection)
        closing = _open_round(connection)
        services, surveys, themes = (step(connection, closing) for step in ARCHIVE_STEPS)
        _reopen_responses(connection, now)
        connection.execute(update(table).where(table.c.id == closing).values(closed_at=now))
        connection.execute(
            insert(table).values(code=code, name_en=english, name_cy=welsh, opened_at=now)
        )
        # the caches of every page (levels, themes) and of the surveys (their statuses) drop
        dataset = Dataset.__table__
        connection.execute(
            update(dataset).values(
                data_version=dataset.c.data_version + 1,
                survey_version=dataset.c.survey_version + 1,
                updated_at=now,
            )
        )
        closed_row = session.get_one(ReviewRound, closing)
        opened_row = session.execute(select(ReviewRound).where(table.c.code == code)).scalar_one()
        closed, opened = _info(closed_row), _info(opened_row)
    return RoundOpened(closed, opened, services, surveys, themes)
