"""Alembic owns the schema: it creates and upgrades it on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from db import migrate
from db.engine import make_engine
from db.migrate import SchemaState

EXPECTED_TABLES = {
    "organisation",
    "service",
    "service_user_type",
    "service_channel",
    "journey",
    "metric_answer",
    "theme",
    "service_theme",
    "standard",
    "oecd_dimension",
    "theme_standard",
    "theme_oecd",
    "standard_assessment",
    "survey_instrument",
    "survey_section",
    "survey_question",
    "survey_response",
    "survey_section_progress",
    "survey_answer",
    "dataset",
}


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def test_upgrade_creates_every_table_and_matches_the_models(empty_url: str) -> None:
    engine = make_engine(empty_url)
    assert migrate.check_schema(engine).state is SchemaState.EMPTY
    migrate.upgrade(empty_url)
    assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
    assert migrate.check_schema(engine).ready
    with engine.connect() as connection:
        drift = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert drift == [], f"models and migrations disagree: {drift}"
    engine.dispose()


def test_older_schema_is_reported_and_upgrades_in_place(empty_url: str) -> None:
    engine = make_engine(empty_url)
    migrate.upgrade(empty_url, "0001")
    status = migrate.check_schema(engine)
    assert status.state is SchemaState.OUTDATED
    assert "landscape db upgrade" in status.advice()
    assert "survey_response" not in inspect(engine).get_table_names()
    migrate.upgrade(empty_url)
    assert migrate.check_schema(engine).ready
    assert "survey_response" in inspect(engine).get_table_names()
    engine.dispose()


def test_downgrade_to_base_leaves_an_empty_store(empty_url: str) -> None:
    migrate.upgrade(empty_url)
    migrate.downgrade(empty_url, "base")
    engine = make_engine(empty_url)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert migrate.check_schema(engine).state is SchemaState.EMPTY
    engine.dispose()


def test_unreachable_store_gives_advice_not_a_traceback() -> None:
    status = migrate.check_configured_store("postgresql://nobody@127.0.0.1:9/nowhere")
    assert status.state is SchemaState.UNREACHABLE
    assert "cannot be reached" in status.advice()
    assert "DATABASE_URL" in status.advice()


def test_foreign_tables_are_not_mistaken_for_ours(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    status = migrate.check_schema(engine)
    assert status.state is SchemaState.UNKNOWN
    assert "does not recognise" in status.advice()
    engine.dispose()
