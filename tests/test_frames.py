"""A select's rows as a frame: named after the select or the caller, the same either way it is
read, and with its columns when nothing matches (on SQLite and PostgreSQL)."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from db.engine import write_session
from db.frames import read_frame
from db.models import Organisation


def _organisations(engine: Engine) -> None:
    with write_session(engine) as session:
        session.connection().execute(
            insert(Organisation),
            [
                {"code": "b", "name_en": "Bee", "sector": "health", "org_type": "nhs_trust"},
                {"code": "a", "name_en": "Ay", "sector": "health", "org_type": "nhs_trust"},
            ],
        )


def test_columns_are_named_after_the_select_or_as_asked(store: Engine) -> None:
    _organisations(store)
    query = select(Organisation.code, Organisation.name_en.label("name")).order_by(
        Organisation.code
    )
    with store.connect() as connection:
        own = read_frame(connection, query)
        named = read_frame(connection, query, ["organisation", "english"])
        plain = read_frame(connection, query, plain=True)
    assert list(own.columns) == ["code", "name"]
    assert own.values.tolist() == [["a", "Ay"], ["b", "Bee"]]
    assert list(named.columns) == ["organisation", "english"]
    assert named.values.tolist() == own.values.tolist()
    assert plain.equals(own)


def test_no_rows_still_give_the_columns(store: Engine) -> None:
    query = select(Organisation.code, Organisation.sector).where(Organisation.code == "none")
    with store.connect() as connection:
        for frame in (read_frame(connection, query), read_frame(connection, query, plain=True)):
            assert frame.empty and list(frame.columns) == ["code", "sector"]
        assert list(read_frame(connection, query, ["a", "b"]).columns) == ["a", "b"]
