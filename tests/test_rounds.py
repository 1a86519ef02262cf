"""Survey rounds: migration 0010 keeps every row, and opening a round archives the closing
round's state and reopens the surveys as drafts, all or nothing (CLI and core)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from dashboard.cli import app
from db import migrate, rounds
from db.engine import make_engine, write_session
from db.reference.load import load_reference

runner = CliRunner()

#: The hand-built store: three services, two of them surveyed, themes for two.
LEVELS = {1: 1, 2: 3, 3: None}


def _seed(engine: Engine) -> None:
    """Organisation, three services, a submitted and a draft survey with answers, themes."""
    with write_session(engine) as session:
        load_reference(session)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO organisation (id, code, name_en, sector, org_type) "
            "VALUES (1, 'org-a', 'Org A', 'health', 'nhs_trust')"
        )
        for number, level in LEVELS.items():
            connection.exec_driver_sql(
                "INSERT INTO service (id, code, organisation_id, name_en, description_en, "
                "digitisation_level, is_deep_dive, created_at, updated_at) VALUES "
                f"({number}, 'svc-{number}', 1, 'Service {number}', '', "
                f"{'NULL' if level is None else level}, {'true' if number == 1 else 'false'}, "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        instrument = connection.exec_driver_sql(
            "SELECT id FROM survey_instrument WHERE code = 'generalist'"
        ).scalar_one()
        question = connection.exec_driver_sql(
            "SELECT q.id FROM survey_question q JOIN survey_section s ON s.id = q.section_id "
            f"WHERE s.instrument_id = {instrument} ORDER BY q.id LIMIT 1"
        ).scalar_one()
        for number, status in ((1, "submitted"), (2, "draft")):
            submitted = "'2026-02-01 00:00:00'" if status == "submitted" else "NULL"
            connection.exec_driver_sql(
                "INSERT INTO survey_response (id, service_id, instrument_id, status, version, "
                f"created_at, updated_at, submitted_at) VALUES ({number}, {number}, "
                f"{instrument}, '{status}', 2, '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
                f"{submitted})"
            )
            connection.exec_driver_sql(
                "INSERT INTO survey_answer (response_id, question_id, value, updated_at) "
                f"VALUES ({number}, {question}, '\"answer {number}\"', '2026-01-01 00:00:00')"
            )
        themes = connection.exec_driver_sql("SELECT id FROM theme ORDER BY id LIMIT 2").all()
        for service, theme, severity in (
            (1, themes[0][0], 3),
            (1, themes[1][0], 1),
            (2, themes[0][0], 2),
        ):
            connection.exec_driver_sql(
                "INSERT INTO service_theme (service_id, theme_id, severity) "
                f"VALUES ({service}, {theme}, {severity})"
            )


def _rows(engine: Engine, sql: str) -> list[tuple[Any, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql)).all()]


def _counts(engine: Engine) -> dict[str, int]:
    tables = sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})
    with engine.connect() as connection:
        return {
            table: connection.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar_one()
            for table in tables
        }


def _live(engine: Engine) -> list[tuple[Any, ...]]:
    """Everything opening a round may change: responses, answers, rounds."""
    return _rows(
        engine,
        "SELECT id, status, version, submitted_at FROM survey_response ORDER BY id",
    ) + _rows(engine, "SELECT code, closed_at FROM review_round ORDER BY id")


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


def test_upgrade_from_0009_keeps_every_row_opens_a_first_round_and_goes_back(
    empty_url: str,
) -> None:
    migrate.upgrade(empty_url, "0009")
    engine = make_engine(empty_url)
    _seed(engine)
    before = _counts(engine)
    assert before["service"] == 3 and before["survey_response"] == 2
    migrate.upgrade(empty_url)
    assert migrate.check_schema(engine).ready
    after = _counts(engine)
    assert {table: after[table] for table in before} == before
    assert _rows(engine, "SELECT code, name_en, name_cy, closed_at FROM review_round") == [
        ("first-round", "First round", "Rownd gyntaf", None)
    ]
    assert after["round_service"] == after["round_survey"] == after["round_service_theme"] == 0
    # a round opened on the upgraded store, then back to 0009: the live rows stay
    rounds.open_new_round(engine, "Review 2025", "Adolygiad 2025")
    migrate.downgrade(empty_url, "0009")
    tables = set(inspect(engine).get_table_names())
    assert not tables & {"review_round", "round_service", "round_survey", "round_service_theme"}
    assert _counts(engine) == before
    migrate.upgrade(empty_url)  # and up again
    assert migrate.check_schema(engine).ready
    engine.dispose()


def test_opening_a_round_archives_the_state_and_reopens_surveys_as_drafts(
    store: Engine,
) -> None:
    _seed(store)
    answers = _rows(store, "SELECT response_id, value FROM survey_answer ORDER BY response_id")
    opened = rounds.open_new_round(store, "Review 2025", "Adolygiad 2025")
    assert (opened.services, opened.surveys, opened.themes) == (3, 2, 3)
    assert opened.closed.code == "first-round" and opened.closed.closed_at is not None
    assert opened.opened.code == "review-2025" and opened.opened.is_open
    assert opened.opened.name_cy == "Adolygiad 2025"
    closed = opened.closed.id
    assert _rows(
        store,
        "SELECT service_id, digitisation_level, is_deep_dive FROM round_service "
        f"WHERE round_id = {closed} ORDER BY service_id",
    ) == [(1, 1, True), (2, 3, False), (3, None, False)]
    assert _rows(
        store,
        f"SELECT service_id, status FROM round_survey WHERE round_id = {closed} "
        "ORDER BY service_id",
    ) == [(1, "submitted"), (2, "draft")]
    assert sorted(
        _rows(
            store, f"SELECT service_id, severity FROM round_service_theme WHERE round_id = {closed}"
        )
    ) == [(1, 1), (1, 3), (2, 2)]
    # every live survey is a draft again, answers kept, version moved on
    assert _rows(
        store, "SELECT id, status, version, submitted_at FROM survey_response ORDER BY id"
    ) == [(1, "draft", 3, None), (2, "draft", 3, None)]
    assert (
        _rows(store, "SELECT response_id, value FROM survey_answer ORDER BY response_id") == answers
    )
    assert [r.code for r in rounds.list_rounds(store)] == ["first-round", "review-2025"]


def test_a_round_name_that_cannot_be_used_is_refused_in_words(sqlite_store: Engine) -> None:
    _seed(sqlite_store)
    rounds.open_new_round(sqlite_store, "Review 2025")
    before = _live(sqlite_store)
    for name, words in (
        ("  ", "Give the new round a name"),
        ("review 2025", "already a round called"),
        ("Current", "other than “current”"),
        ("x" * 201, "at most 200 characters"),
    ):
        with pytest.raises(rounds.RoundProblem, match=words):
            rounds.open_new_round(sqlite_store, name)
    assert _live(sqlite_store) == before


def test_a_fault_mid_way_leaves_the_store_as_it_was(
    store: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The services are archived, then the themes step fails: nothing is kept."""
    _seed(store)
    counts, live = _counts(store), _live(store)

    def broken(connection: object, round_id: int) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(rounds, "ARCHIVE_STEPS", [*rounds.ARCHIVE_STEPS[:2], broken])
    with pytest.raises(RuntimeError, match="disk full"):
        rounds.open_new_round(store, "Review 2025")
    assert _counts(store) == counts
    assert _live(store) == live


def test_opening_a_round_moves_each_surveys_version_on(sqlite_store: Engine) -> None:
    """The version every save and submit checks against moves on, so a page opened in the
    last round is no longer taken for the current one (the survey's own save rules decide
    what happens then: merge, or refuse an overlap)."""
    _seed(sqlite_store)
    seen = _rows(sqlite_store, "SELECT id, version FROM survey_response ORDER BY id")
    rounds.open_new_round(sqlite_store, "Review 2025")
    now = _rows(sqlite_store, "SELECT id, version FROM survey_response ORDER BY id")
    assert now == [(i, v + 1) for i, v in seen]


def test_cli_opens_a_round_and_lists_it(use_database, sqlite_store: Engine) -> None:  # type: ignore[no-untyped-def]
    _seed(sqlite_store)
    use_database(str(sqlite_store.url))
    result = runner.invoke(app, ["rounds", "open", "Review 2025", "--welsh", "Adolygiad 2025"])
    assert result.exit_code == 0, result.output
    assert "Closed First round" in result.output and "3 services' levels" in result.output
    assert "Opened Review 2025 (review-2025)" in result.output
    listed = runner.invoke(app, ["rounds", "list"])
    assert listed.exit_code == 0, listed.output
    assert "first-round: First round / Rownd gyntaf" in listed.output
    assert "review-2025: Review 2025 / Adolygiad 2025" in listed.output and "open)" in listed.output
    again = runner.invoke(app, ["rounds", "open", "Review 2025"])
    assert again.exit_code == 1
    assert "already a round called “Review 2025”" in again.output
    assert "Traceback" not in again.output
