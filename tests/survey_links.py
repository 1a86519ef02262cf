"""A survey of its own for a test: a service nobody has started a survey for, and its owner link."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine

from dashboard.surveys import links, responses


def unsurveyed_service(engine: Engine, *, last: bool = False, deep_dive: bool | None = None) -> str:
    """The first (or last) service by code with no survey started, optionally only deep dives or
    only the others."""
    kind = {None: "", True: "is_deep_dive AND ", False: "NOT is_deep_dive AND "}[deep_dive]
    order = "DESC" if last else "ASC"
    with engine.connect() as connection:
        return connection.execute(
            text(
                f"SELECT code FROM service WHERE {kind}id NOT IN "
                f"(SELECT service_id FROM survey_response) ORDER BY code {order} LIMIT 1"
            )
        ).scalar_one()


def owner_link(
    engine: Engine,
    *,
    last: bool = False,
    deep_dive: bool | None = None,
    instrument: str = "generalist",
    who: str = "Owner",
) -> tuple[str, str]:
    """Start a survey for an unsurveyed service; (the owner's token, the service code)."""
    code = unsurveyed_service(engine, last=last, deep_dive=deep_dive)
    response_id = responses.ensure_response(engine, code, instrument)
    return links.create_link(engine, response_id, links.OWNER, who, "test"), code


def a_colleague_saves(
    engine: Engine, owner: links.Access, answers: dict[str, Any], name: str = "Dafydd"
) -> responses.Response:
    """The owner shares the survey with a colleague, who opens it and saves `answers`."""
    colleague = links.resolve(engine, links.share(engine, owner, name, 7))
    seen = responses.load_response(engine, colleague)
    return responses.save_answers(
        engine, colleague, colleague.response_id, answers, seen.version, seen.answers
    )
