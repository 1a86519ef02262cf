"""Services by their codes, for the command line (`landscape services list`): the code a
survey link or an import needs, without copying it from a browser's address bar."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from db.models import Organisation, Service


@dataclass(frozen=True)
class Body:
    """An organisation, as the command names it."""

    id: int
    code: str
    name: str


@dataclass(frozen=True)
class Listed:
    code: str
    name: str
    organisation: str


def find_organisation(engine: Engine, wanted: str) -> tuple[Body | None, list[Body]]:
    """The organisation with this code, English or Welsh name or abbreviation (any case);
    when there is none, up to five with a name or code like it."""
    wanted = wanted.strip()
    key = wanted.casefold()
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                col(Organisation.id),
                col(Organisation.code),
                col(Organisation.name_en),
                col(Organisation.name_cy),
                col(Organisation.abbreviation),
            ).order_by(col(Organisation.name_en))
        ).all()
    bodies = {row.id: Body(row.id, row.code, row.name_en) for row in rows}
    names: dict[str, int] = {}
    for row in rows:
        for name in (row.code, row.name_en, row.name_cy, row.abbreviation):
            if name:
                names.setdefault(name.casefold(), row.id)
    if key in names:
        return bodies[names[key]], []
    like = [i for name, i in names.items() if key and key in name]
    like += [names[n] for n in difflib.get_close_matches(key, list(names), n=5, cutoff=0.6)]
    return None, [bodies[i] for i in dict.fromkeys(like)][:5]


def list_services(
    engine: Engine, organisation: Body | None = None, limit: int = 100
) -> tuple[list[Listed], int]:
    """Up to `limit` services (code, name, organisation) by organisation and name, and how
    many there are in all."""
    where: list[ColumnElement[bool]] = (
        [] if organisation is None else [col(Service.organisation_id) == organisation.id]
    )
    query: Select[*tuple[Any, ...]] = (
        select(
            col(Service.code), col(Service.name_en), col(Organisation.name_en).label("organisation")
        )
        .join(Organisation, col(Organisation.id) == col(Service.organisation_id))
        .where(*where)
    )
    with engine.connect() as connection:
        total = connection.execute(
            select(func.count()).select_from(Service).where(*where)
        ).scalar_one()
        rows = connection.execute(
            query.order_by(
                col(Organisation.name_en), col(Service.name_en), col(Service.code)
            ).limit(limit)
        ).all()
    return [Listed(row.code, row.name_en, row.organisation) for row in rows], total
