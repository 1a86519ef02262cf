"""The `landscape` command: clear words and a non-zero exit when the store is not usable."""

from __future__ import annotations

from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.common.queries import dataset_info, load_services
from db import migrate
from db.engine import make_engine

runner = CliRunner()


def test_upgrade_then_demo_load_then_status(use_database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    use_database(url)
    result = runner.invoke(app, ["db", "status"])
    assert result.exit_code == 1
    assert "no tables yet" in result.output
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"schema {migrate.head_revision()}" in result.output
    result = runner.invoke(app, ["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "invented" in result.output
    engine = make_engine(url)
    assert dataset_info(engine).kind == "demo"
    assert runner.invoke(app, ["db", "status"]).exit_code == 0
    result = runner.invoke(app, ["demo", "reset", "--yes"])
    assert result.exit_code == 0
    assert len(load_services(engine)) == 0
    engine.dispose()


def test_generate_replaces_the_catalogue(use_database, sqlite_store) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    result = runner.invoke(app, ["generate", "--services", "800", "--seed", "4"])
    assert result.exit_code == 0, result.output
    assert "800 services" in result.output
    assert len(load_services(sqlite_store)) == 800


def test_unreachable_database_gives_words_and_exit_code_not_a_traceback(use_database) -> None:  # type: ignore[no-untyped-def]
    use_database("postgresql://nobody:secret@127.0.0.1:9/nowhere")
    for command in (["db", "upgrade"], ["demo", "load"], ["db", "status"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, command
        assert "cannot be reached" in result.output
        assert "Traceback" not in result.output
        assert "secret" not in result.output  # the password is never echoed


def test_data_commands_refuse_an_outdated_schema(use_database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    migrate.upgrade(url, "0001")
    use_database(url)
    result = runner.invoke(app, ["demo", "load"])
    assert result.exit_code == 1
    assert "landscape db upgrade" in result.output


def test_generate_rejects_sizes_out_of_range(use_database, sqlite_store) -> None:  # type: ignore[no-untyped-def]
    use_database(str(sqlite_store.url))
    result = runner.invoke(app, ["generate", "--services", "0"])
    assert result.exit_code != 0
    assert len(load_services(sqlite_store)) == 0


def test_survey_link_prints_a_working_owner_link(use_database, demo_db_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from dashboard.surveys import links

    copy = tmp_path / "links.sqlite3"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    use_database(f"sqlite:///{copy}")
    engine = make_engine(f"sqlite:///{copy}")
    code = load_services(engine)["code"].iloc[0]
    result = runner.invoke(app, ["survey", "link", code, "--owner", "Gwen", "--days", "5"])
    assert result.exit_code == 0, result.output
    token = result.output.split("token=")[1].split()[0]
    access = links.resolve(engine, token)
    assert (access.role, access.who) == ("owner", "Gwen")
    missing = runner.invoke(app, ["survey", "link", "no-such-service"])
    assert missing.exit_code == 1 and "no service with the code" in missing.output
    engine.dispose()


def test_terminal_messages_never_ask_to_reload_a_page(use_database) -> None:  # type: ignore[no-untyped-def]
    from dashboard.ui import store

    for state in migrate.SchemaState:
        status = migrate.SchemaStatus(state, "0001", migrate.head_revision(), "refused")
        assert "page" not in status.advice(), state
    use_database("postgresql://nobody@127.0.0.1:9/nowhere")
    result = runner.invoke(app, ["db", "status"])
    assert result.exit_code == 1
    assert "run the command again" in result.output
    assert "reload" not in result.output
    # the pages keep their own wording, in the reader's language
    unreachable = migrate.SchemaStatus(migrate.SchemaState.UNREACHABLE, None, "", "refused")
    assert "reload this page" in store.advice(unreachable)


def test_a_url_this_app_cannot_use_is_one_line_not_a_traceback(use_database) -> None:  # type: ignore[no-untyped-def]
    cases = {
        "mysql://landscape:secret@db.example/landscape": "'mysql' database",
        "postgressql://landscape:secret@db.example/landscape": "did you mean postgresql://",
        "postgresql+asyncpg://landscape:secret@db.example/x": "'asyncpg' driver",
        "sqlite://data/landscape.sqlite3": "names no SQLite file",
        "not a url": "is not a database address",
        "postgresql://landscape:secret@db.example:port/x": "is not a database address",
    }
    for url, words in cases.items():
        use_database(url)
        for command in (["db", "status"], ["db", "upgrade"], ["demo", "load"], ["serve"]):
            result = runner.invoke(app, command)
            assert result.exit_code == 1, (url, command, result.exception)
            assert isinstance(result.exception, SystemExit), (url, command, result.exception)
            assert words in result.output, (url, command, result.output)
            assert len(result.output.strip().splitlines()) == 1, result.output
            assert "secret" not in result.output
