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


def test_metric_periods_upgrade_keeps_every_answer_and_reads_period_lengths(
    empty_url: str,
) -> None:
    """Answers stored before periods were part of the key survive: undated ones become "",
    labelled ones get their length, and a second period of the same metric can then be added."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    migrate.upgrade(empty_url, "0004")
    engine = make_engine(empty_url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organisation (id, code, name_en, sector, org_type) "
                "VALUES (1, 'ORG', 'Org', 'local_authority', 'principal_council')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO service (id, code, organisation_id, name_en, description_en, "
                "service_area, stage, contracting_type, digitisation_level, welsh_provision, "
                "is_deep_dive, created_at, updated_at) VALUES (1, 'S1', 1, 'Bins', '', "
                "'waste', 'long_running', 'in_house', 2, 'full', false, '2026-01-01', "
                "'2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO metric_answer (service_id, metric, value, availability, period, "
                "source, updated_at) VALUES "
                "(1, 'transactions_per_year', 1200, 'provided', '2023-24', 'import', "
                "'2026-01-01'), "
                "(1, 'digital_take_up', NULL, 'not_collected', NULL, 'import', '2026-01-01')"
            )
        )
    migrate.upgrade(empty_url)
    with engine.begin() as connection:
        rows = connection.execute(
            text("SELECT metric, value, period, period_months FROM metric_answer ORDER BY metric")
        ).all()
        assert [tuple(r) for r in rows] == [
            ("digital_take_up", None, "", None),
            ("transactions_per_year", 1200.0, "2023-24", 12),
        ]
        connection.execute(
            text(
                "INSERT INTO metric_answer (service_id, metric, value, availability, period, "
                "period_months, source, updated_at) VALUES (1, 'transactions_per_year', 300, "
                "'provided', '2024-25 Q1', 3, 'import', '2026-01-01')"
            )
        )
    for broken in (
        # the same service, metric and period twice
        "(1, 'transactions_per_year', 5, 'provided', '2023-24', 12, 'import', '2026-01-01')",
        # a figure without an availability that allows one: the old rules still hold
        "(1, 'users_per_year', 5, 'not_collected', '2022-23', 12, 'import', '2026-01-01')",
        # a period of no months
        "(1, 'users_per_year', 5, 'provided', '2022-23', 0, 'import', '2026-01-01')",
    ):
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO metric_answer (service_id, metric, value, availability, "
                    "period, period_months, source, updated_at) VALUES " + broken
                )
            )
    engine.dispose()
