"""Roles: the core rules, the People and roles table, `landscape roles` and migration 0011."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.common import audit, roles
from dashboard.common.people import list_people, remove_person, role_of, set_role
from dashboard.common.roles import (
    ADMINISTRATOR,
    DATA_STEWARD,
    SURVEY_COORDINATOR,
    VIEWER,
    RoleClaims,
    RoleProblem,
)
from db import migrate
from db.engine import make_engine
from db.migrate import SchemaState

runner = CliRunner()
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_administrator_allows_everything_and_others_only_their_own() -> None:
    for needed in roles.ROLES:
        assert roles.allows({ADMINISTRATOR}, needed)
    assert roles.allows(set(), VIEWER)
    assert roles.allows({DATA_STEWARD}, DATA_STEWARD)
    assert not roles.allows({DATA_STEWARD}, SURVEY_COORDINATOR)
    assert not roles.allows({SURVEY_COORDINATOR}, DATA_STEWARD)
    assert not roles.allows({DATA_STEWARD, SURVEY_COORDINATOR}, ADMINISTRATOR)
    assert not roles.allows(set(), DATA_STEWARD)


def test_roles_come_from_the_configured_claim_through_the_mapping() -> None:
    config = roles.role_claims_from(
        {
            "claim": "groups",
            "map": {"a1b2-stewards": "data steward", "Survey team": "survey_coordinator"},
        }
    )
    claims = {"groups": ["a1b2-stewards", "Survey team", "everyone"], "roles": ["administrator"]}
    assert roles.roles_from_claims(claims, config) == {DATA_STEWARD, SURVEY_COORDINATOR}
    # a role's own code in the claim grants it; viewer grants nothing; a missing claim, nothing
    assert roles.roles_from_claims({"roles": ["administrator", "viewer"]}, RoleClaims()) == {
        ADMINISTRATOR
    }
    assert roles.roles_from_claims({"roles": "data_steward other"}, RoleClaims()) == {DATA_STEWARD}
    assert roles.roles_from_claims({}, config) == set()
    assert roles.roles_from_claims({"groups": {"x": 1}}, config) == set()


def test_a_mapping_to_no_role_is_refused_in_words() -> None:
    with pytest.raises(RoleProblem, match="is not a role"):
        roles.role_claims_from({"map": {"g": "superuser"}})
    with pytest.raises(RoleProblem, match="max_hours"):
        roles.role_claims_from({"max_hours": "soon"})


def test_email_falls_back_to_entra_preferred_username() -> None:
    assert roles.email_of({"email": " Ann@Example.gov.wales "}) == "ann@example.gov.wales"
    assert roles.email_of({"preferred_username": "bob@contoso.onmicrosoft.com"}) == (
        "bob@contoso.onmicrosoft.com"
    )
    assert roles.email_of({"preferred_username": "not an address"}) is None
    assert roles.email_of({"sub": "123"}) is None


def _claims(**changes: object) -> dict[str, object]:
    claims: dict[str, object] = {"aud": "landscape", "iat": NOW.timestamp() - 60}
    claims.update(changes)
    return claims


def test_a_token_for_another_audience_is_not_accepted() -> None:
    assert roles.sign_in_problem(_claims(), ["landscape"], now=NOW) is None
    assert roles.sign_in_problem(_claims(aud=["x", "landscape"]), ["landscape"], now=NOW) is None
    problem = roles.sign_in_problem(_claims(aud="another-app"), ["landscape"], now=NOW)
    assert problem is not None and "another application" in problem
    assert roles.sign_in_problem(_claims(aud=[]), ["landscape"], now=NOW) is not None


def test_an_old_or_undated_sign_in_has_expired() -> None:
    old = NOW - timedelta(hours=12, minutes=5)
    problem = roles.sign_in_problem(_claims(iat=old.timestamp()), ["landscape"], now=NOW)
    assert problem is not None and "expired" in problem
    recent = (NOW - timedelta(hours=11)).timestamp()
    assert roles.sign_in_problem(_claims(iat=recent), ["landscape"], now=NOW) is None
    short = roles.sign_in_problem(_claims(iat=recent), ["landscape"], now=NOW, max_hours=1)
    assert short is not None and "expired" in short
    assert roles.sign_in_problem(_claims(iat=None), ["landscape"], now=NOW) is not None
    future = (NOW + timedelta(hours=1)).timestamp()
    assert roles.sign_in_problem(_claims(iat=future), ["landscape"], now=NOW) is not None


def test_no_role_message_says_whom_to_ask() -> None:
    assert "the digital team" in roles.no_role_message("the digital team")
    assert "administrator" in roles.no_role_message("")
    assert "data steward" in roles.missing_role_message(DATA_STEWARD, "")


def test_the_table_gives_replaces_and_removes_roles(store) -> None:  # type: ignore[no-untyped-def]
    assert list_people(store) == []
    set_role(" Ann@Example.gov.wales", "data steward", "admin@example.gov.wales", store)
    set_role("ann@example.gov.wales", "administrator", None, store)
    people = list_people(store)
    assert [(p.email, p.role) for p in people] == [("ann@example.gov.wales", ADMINISTRATOR)]
    assert role_of("ANN@example.gov.wales", store) == ADMINISTRATOR
    assert role_of("nobody@example.gov.wales", store) is None
    assert remove_person("ann@example.gov.wales", store, by="admin@example.gov.wales")
    assert not remove_person("ann@example.gov.wales", store)
    assert list_people(store) == []
    # each change is in the audit trail, newest first, with who made it and what it was
    events = audit.events(store, action=audit.ROLE_CHANGED)
    assert list(events["who"]) == ["admin@example.gov.wales", "?", "admin@example.gov.wales"]
    assert [(d["person"], d["before"], d["after"]) for d in events["detail"]] == [
        ("ann@example.gov.wales", ADMINISTRATOR, None),
        ("ann@example.gov.wales", DATA_STEWARD, ADMINISTRATOR),
        ("ann@example.gov.wales", None, DATA_STEWARD),
    ]


@pytest.mark.parametrize(
    ("email", "role", "words"),
    [
        ("not-an-address", ADMINISTRATOR, "not an e-mail address"),
        ("ann@example.gov.wales", "superuser", "not a role"),
        ("ann@example.gov.wales", VIEWER, "needs no entry"),
    ],
)
def test_bad_input_writes_nothing(store, email: str, role: str, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RoleProblem, match=words):
        set_role(email, role, None, store)
    assert list_people(store) == []
    assert audit.events(store).empty  # a refused change leaves no event either


def test_the_database_refuses_a_role_that_is_not_one(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IntegrityError), store.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO user_role (email, role, updated_at) "
                "VALUES ('x@example.org', 'superuser', CURRENT_TIMESTAMP)"
            )
        )


def test_roles_command_lists_sets_and_removes(use_database, sqlite_store) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    result = runner.invoke(app, ["roles", "list"])
    assert result.exit_code == 0, result.output
    assert "Nobody" in result.output
    result = runner.invoke(app, ["roles", "set", "Ann@example.gov.wales", "survey_coordinator"])
    assert result.exit_code == 0, result.output
    assert "ann@example.gov.wales is now survey_coordinator" in result.output
    result = runner.invoke(app, ["roles", "list"])
    assert "ann@example.gov.wales: survey_coordinator" in result.output
    assert "by command line" in result.output
    result = runner.invoke(app, ["roles", "set", "ann@example.gov.wales", "boss"])
    assert result.exit_code == 1
    assert "not a role" in result.output and "Traceback" not in result.output
    assert role_of("ann@example.gov.wales", sqlite_store) == SURVEY_COORDINATOR
    result = runner.invoke(app, ["roles", "remove", "ann@example.gov.wales"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["roles", "remove", "ann@example.gov.wales"])
    assert result.exit_code == 1
    assert "has no role" in result.output


def test_migration_0011_upgrades_an_existing_store_and_goes_back(empty_url: str) -> None:
    engine = make_engine(empty_url)
    migrate.upgrade(empty_url, "0010")
    with engine.begin() as connection:
        rounds = connection.execute(text("SELECT count(*) FROM review_round")).scalar_one()
    assert "user_role" not in inspect(engine).get_table_names()
    migrate.upgrade(empty_url)
    assert migrate.check_schema(engine).ready
    assert "user_role" in inspect(engine).get_table_names()
    with engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM review_round")).scalar_one() == rounds
    set_role("ann@example.gov.wales", ADMINISTRATOR, None, engine)
    engine.dispose()
    migrate.downgrade(empty_url, "0010")
    engine = make_engine(empty_url)
    assert "user_role" not in inspect(engine).get_table_names()
    assert migrate.check_schema(engine).state is not SchemaState.EMPTY
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))
