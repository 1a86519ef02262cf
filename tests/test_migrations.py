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
    "review_round",
    "round_service",
    "round_survey",
    "round_service_theme",
    "user_role",
    "audit_event",
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


def _seed_at_0004(engine) -> None:  # type: ignore[no-untyped-def]
    """A store at 0004 with an organisation, services and rows hanging off them."""
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO organisation (id, code, name_en, sector, org_type) "
            "VALUES (1, 'org-a', 'Org A', 'health', 'nhs_trust')"
        )
        for number in (1, 2):
            connection.exec_driver_sql(
                "INSERT INTO service (id, code, organisation_id, name_en, description_en, "
                "service_area, stage, contracting_type, digitisation_level, welsh_provision, "
                "is_deep_dive, created_at, updated_at) VALUES "
                f"({number}, 'svc-{number}', 1, 'Service {number}', '', 'housing', "
                f"'developing', 'in_house', {number}, 'full', false, "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
            connection.exec_driver_sql(
                "INSERT INTO journey (service_id, position, name_en) "
                f"VALUES ({number}, 0, 'Journey {number}')"
            )
            connection.exec_driver_sql(
                f"INSERT INTO service_channel (service_id, channel) VALUES ({number}, 'online')"
            )
            connection.exec_driver_sql(
                "INSERT INTO service_user_type (service_id, user_type) "
                f"VALUES ({number}, 'citizens')"
            )


def _row_counts(engine) -> dict[str, int]:  # type: ignore[no-untyped-def]
    tables = sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})
    with engine.connect() as connection:
        return {
            table: connection.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar_one()
            for table in tables
        }


def _kept_counts(engine, before: dict[str, int]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """The row counts now of the tables that existed `before` (later migrations add tables)."""
    now = _row_counts(engine)
    return {table: now.get(table, -1) for table in before}


def test_not_recorded_upgrade_keeps_every_row_and_allows_null(empty_url: str) -> None:
    migrate.upgrade(empty_url, "0004")
    engine = make_engine(empty_url)
    _seed_at_0004(engine)
    before = _row_counts(engine)
    assert before["service"] == 2 and before["journey"] == 2 and before["service_channel"] == 2
    migrate.upgrade(empty_url)
    assert migrate.check_schema(engine).ready
    assert _kept_counts(engine, before) == before
    with engine.begin() as connection:
        levels = connection.exec_driver_sql(
            "SELECT code, digitisation_level, stage FROM service ORDER BY id"
        ).all()
        assert [tuple(row) for row in levels] == [
            ("svc-1", 1, "developing"),
            ("svc-2", 2, "developing"),
        ]
        connection.exec_driver_sql(
            "UPDATE service SET digitisation_level = NULL, stage = NULL, contracting_type = NULL, "
            "welsh_provision = NULL, service_area = NULL WHERE id = 1"
        )
        connection.exec_driver_sql("UPDATE organisation SET sector = NULL, org_type = NULL")
    columns = {c["name"]: c for c in inspect(engine).get_columns("service")}
    assert all(
        columns[name]["nullable"]
        for name in (
            "stage",
            "contracting_type",
            "digitisation_level",
            "welsh_provision",
            "service_area",
        )
    )
    engine.dispose()


def test_not_recorded_downgrade_refuses_to_invent_values(empty_url: str) -> None:
    """Going back to 0004 cannot store "not recorded"; with no NULLs it goes back cleanly."""
    migrate.upgrade(empty_url, "0004")
    engine = make_engine(empty_url)
    _seed_at_0004(engine)
    before = _row_counts(engine)
    migrate.upgrade(empty_url)
    migrate.downgrade(empty_url, "0004")
    assert _row_counts(engine) == before
    migrate.upgrade(empty_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE service SET digitisation_level = NULL WHERE id = 2")
    with pytest.raises(RuntimeError, match="not recorded"):
        migrate.downgrade(empty_url, "0004")
    assert _kept_counts(engine, before) == before


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


def test_service_types_upgrade_keeps_services_types_follow_the_list_and_downgrade_drops_them(
    empty_url: str,
) -> None:
    """0008 adds the service types: every service is kept with its type not recorded, the
    reference loader writes the list (once), a type must be one of the list, and going back
    to 0007 drops the types and nothing else."""
    from sqlalchemy.exc import IntegrityError
    from sqlmodel import Session

    from db.reference.load import sync_service_types
    from db.reference.service_types import SERVICE_TYPES

    migrate.upgrade(empty_url, "0007")
    engine = make_engine(empty_url)
    _seed_at_0004(engine)
    before = _row_counts(engine)
    migrate.upgrade(empty_url)
    assert migrate.check_schema(engine).ready
    after = _row_counts(engine)
    assert after.pop("service_type") == 0 and _kept_counts(engine, before) == before
    with engine.connect() as connection:
        types = connection.exec_driver_sql("SELECT service_type FROM service").scalars().all()
    assert types == [None, None]  # not recorded, never guessed
    with Session(engine) as session:
        assert sync_service_types(session) == len(SERVICE_TYPES)
        session.commit()
        assert sync_service_types(session) == 0  # in line already: nothing written
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE service SET service_type = 'missed-bin' WHERE id = 1")
        lgsl = connection.exec_driver_sql(
            "SELECT lgsl_code, name_cy FROM service_type WHERE code = 'missed-bin'"
        ).one()
    assert tuple(lgsl) == (524, "Rhoi gwybod am gasgliad bin a fethwyd")
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.exec_driver_sql("UPDATE service SET service_type = 'no-such-type' WHERE id = 2")
    with pytest.raises(IntegrityError), engine.begin() as connection:  # health has no LGSL
        connection.exec_driver_sql(
            "INSERT INTO service_type (code, scheme, lgsl_code, name_en, name_cy, sort_order) "
            "VALUES ('x', 'health', 1, 'X', 'X', 0)"
        )
    migrate.downgrade(empty_url, "0007")
    assert "service_type" not in inspect(engine).get_table_names()
    assert "service_type" not in {c["name"] for c in inspect(engine).get_columns("service")}
    assert _row_counts(engine) == before
    engine.dispose()


def _check_rules(engine, table: str, schema: str | None = None) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each named CHECK constraint of `table` and its rule, as the database reports it."""
    return {
        str(check["name"]): " ".join(str(check["sqltext"]).split())
        for check in inspect(engine).get_check_constraints(table, schema=schema)
    }


def test_check_constraints_of_the_migrations_match_the_models(empty_url: str) -> None:
    """Alembic's comparison above does not look at CHECK constraints: every table's are
    compared here, the migrated store's against a store the models make (a second SQLite file,
    a second schema on PostgreSQL), both read back from the database."""
    migrate.upgrade(empty_url)
    engine = make_engine(empty_url)
    if engine.dialect.name == "sqlite":
        models = make_engine(empty_url.replace("fresh.sqlite3", "models.sqlite3"))
        schema = None
    else:
        models, schema = engine, "from_models"
        with engine.begin() as connection:
            connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
    with models.begin() as connection:
        SQLModel.metadata.create_all(
            connection.execution_options(schema_translate_map={None: schema})
        )
    tables = sorted(SQLModel.metadata.tables)
    migrated = {table: _check_rules(engine, table) for table in tables}
    from_models = {table: _check_rules(models, table, schema) for table in tables}
    assert migrated == from_models
    assert "ck_metric_answer_metric" in migrated["metric_answer"]
    models.dispose()
    engine.dispose()


#: A good row of metric_answer (as 0008 has it) and, per coded column, a value its rule refuses.
_GOOD_ANSWER = {
    "service_id": 1,
    "metric": "users_per_year",
    "value": 10.0,
    "availability": "provided",
    "reason": None,
    "period": "2030-31",
    "period_months": 12,
    "source": "import",
    "note": None,
    "updated_at": "2026-01-01 00:00:00",
}
_REFUSED = {
    "metric": "visitors_per_year",
    "availability": "maybe",
    "reason": "too_busy",
    "source": "guesswork",
}


def _answers(engine) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.exec_driver_sql(
                "SELECT id, service_id, metric, value, availability, reason, period, "
                "period_months, source, note FROM metric_answer ORDER BY id"
            )
        ]


def _insert_answer(engine, **changes: object) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    row = {**_GOOD_ANSWER, **changes}
    with engine.begin() as connection:
        connection.execute(
            text(
                f"INSERT INTO metric_answer ({', '.join(row)}) "
                f"VALUES ({', '.join(':' + column for column in row)})"
            ),
            row,
        )


def _assert_rules_hold(engine, period: str) -> None:  # type: ignore[no-untyped-def]
    """Every coded column refuses a value outside its list; a reason may be missing."""
    from sqlalchemy.exc import IntegrityError

    for column, refused in _REFUSED.items():
        changes: dict[str, object] = {column: refused, "period": period}
        if column in ("availability", "reason"):  # no figure, so that only this rule fails
            changes["value"] = None
        if column == "reason":
            changes["availability"] = "not_available"
        with pytest.raises(IntegrityError, match="ck_metric_answer_" + column):
            _insert_answer(engine, **changes)
    _insert_answer(engine, period=period)  # reason NULL: allowed
    _insert_answer(
        engine,
        period=period + " Q1",
        value=None,
        availability="not_available",
        reason="not_measured",
        source="survey",
    )


def test_metric_checks_as_equalities_keep_every_row_and_every_rule(empty_url: str) -> None:
    """0009 writes metric_answer's code checks as OR-ed equalities: every stored row is kept
    with its id, the rules refuse what they refused and allow a missing reason, and going back
    to 0008 gives the IN lists again with every row."""
    migrate.upgrade(empty_url, "0008")
    engine = make_engine(empty_url)
    _seed_at_0004(engine)
    _insert_answer(engine, period="2023-24", value=1200.0)
    _insert_answer(engine, service_id=2, metric="digital_take_up", value=0.5, source="survey")
    _insert_answer(
        engine,
        metric="cost_per_transaction",
        period="",
        period_months=None,
        value=None,
        availability="not_available",
        reason="shared_contract",
        source="catalogue",
        note="Paid by the region",
    )
    _insert_answer(engine, metric="completion_rate", value=None, availability="not_collected")
    counts, answers = _row_counts(engine), _answers(engine)
    assert len(answers) == 4
    before = _check_rules(engine, "metric_answer")["ck_metric_answer_metric"].upper()
    assert " IN (" in before or "ANY" in before  # PostgreSQL reads IN back as = ANY (ARRAY[...])

    migrate.upgrade(empty_url)
    assert migrate.check_schema(engine).ready
    assert _answers(engine) == answers and _kept_counts(engine, counts) == counts
    rules = _check_rules(engine, "metric_answer")
    for column in _REFUSED:
        rule = rules[f"ck_metric_answer_{column}"]
        assert " OR " in rule and " IN " not in rule.upper() and "ANY" not in rule.upper(), rule
    _assert_rules_hold(engine, "2031-32")
    added = _answers(engine)
    assert len(added) == 6

    migrate.downgrade(empty_url, "0008")
    assert _answers(engine) == added
    rules = _check_rules(engine, "metric_answer")
    for column in _REFUSED:
        rule = rules[f"ck_metric_answer_{column}"].upper()
        assert " OR " not in rule and (" IN (" in rule or "ANY" in rule), rule
    _assert_rules_hold(engine, "2032-33")
    assert len(_answers(engine)) == 8
    engine.dispose()


def test_audit_trail_upgrade_keeps_every_row_and_downgrade_drops_only_the_trail(
    empty_url: str,
) -> None:
    """0012 adds the empty `audit_event` table and changes no row; an event can be written
    under its rule; going back to 0011 drops the trail and keeps everything else."""
    migrate.upgrade(empty_url, "0004")
    engine = make_engine(empty_url)
    _seed_at_0004(engine)
    migrate.upgrade(empty_url, "0011")
    counts = _row_counts(engine)
    assert counts["service"] == 2 and counts["journey"] == 2 and counts["review_round"] == 1
    migrate.upgrade(empty_url, "0012")
    assert _kept_counts(engine, counts) == counts
    assert _row_counts(engine)["audit_event"] == 0
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO audit_event (at, action, who, detail) VALUES "
            "('2026-12-07 12:00:00', 'export', 'administrator', '{\"rows\": 3}')"
        )
    with pytest.raises(Exception, match=r"ck_audit_event_action|CHECK"), engine.begin() as c:
        c.exec_driver_sql(
            "INSERT INTO audit_event (at, action, who, detail) VALUES "
            "('2026-12-07 12:00:00', 'deleted', 'x', '{}')"
        )
    migrate.downgrade(empty_url, "0011")
    assert "audit_event" not in inspect(engine).get_table_names()
    assert _kept_counts(engine, counts) == counts
    engine.dispose()
