"""A round's state as frames: each service's digitisation level and the themes it reported,
read from a closed round's snapshot or from the live tables (the open round)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine

from db.models import RoundService, RoundServiceTheme, Service, ServiceTheme, Theme
from db.rounds import CURRENT, RoundInfo, list_rounds


@dataclass(frozen=True)
class RoundState:
    """`levels`: each service's level (NaN: not recorded), indexed by service id; `themes`:
    one row per service and theme code reported."""

    levels: pd.Series
    themes: pd.DataFrame


@dataclass(frozen=True)
class Rounds:
    """The rounds a comparison can use: the closed ones, oldest first, and the open one."""

    closed: list[RoundInfo]
    current: RoundInfo | None

    @property
    def codes(self) -> list[str]:
        """Each round's code in links, oldest first; the open round is `current`."""
        return [r.code for r in self.closed] + [CURRENT]

    def find(self, code: str) -> RoundInfo | None:
        if code == CURRENT:
            return self.current
        return next((r for r in self.closed if r.code == code), None)


def load_rounds(engine: Engine) -> Rounds:
    every = list_rounds(engine)
    current = next((r for r in every if r.is_open), None)
    return Rounds([r for r in every if not r.is_open], current)


def state(levels: pd.DataFrame, themes: pd.DataFrame) -> RoundState:
    level = levels.set_index("service_id")["digitisation_level"].astype(float)
    level.index = level.index.astype("int64")
    themes = themes[["service_id", "theme"]].astype({"service_id": "int64", "theme": str})
    return RoundState(level.sort_index(), themes.reset_index(drop=True))


def load_state(engine: Engine, code: str) -> RoundState:
    """The state of the round kept in links as `code` (`current`: the live tables)."""
    theme = Theme.__table__
    if code == CURRENT:
        service, membership = Service.__table__, ServiceTheme.__table__
        level_query = select(service.c.id.label("service_id"), service.c.digitisation_level)
        theme_query = select(membership.c.service_id, theme.c.code.label("theme")).join(
            theme, theme.c.id == membership.c.theme_id
        )
    else:
        found = load_rounds(engine).find(code)
        if found is None:
            raise LookupError(code)
        kept, kept_themes = RoundService.__table__, RoundServiceTheme.__table__
        level_query = select(kept.c.service_id, kept.c.digitisation_level).where(
            kept.c.round_id == found.id
        )
        theme_query = (
            select(kept_themes.c.service_id, theme.c.code.label("theme"))
            .join(theme, theme.c.id == kept_themes.c.theme_id)
            .where(kept_themes.c.round_id == found.id)
        )
    with engine.connect() as connection:
        levels = pd.DataFrame(
            connection.execute(level_query).all(), columns=["service_id", "digitisation_level"]
        )
        themes = pd.DataFrame(
            connection.execute(theme_query).all(), columns=["service_id", "theme"]
        )
    return state(levels, themes)
