"""A SQLite store whose file is missing is never created behind anyone's back: only set-up
(`landscape db upgrade`, `landscape serve`) makes one; every other command, the pages' store
check and the app's engine say it is missing, in words, and leave nothing at that path."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from dashboard.cli import app
from db import migrate
from db.engine import get_engine

runner = CliRunner()

NOT_SET_UP = (
    ["db", "status"],
    ["demo", "load"],
    ["demo", "reset", "--yes"],
    ["data", "history"],
    ["data", "mappings"],
    ["services", "list"],
    ["survey", "link", "some-service"],
    ["generate", "--services", "10"],
)


def test_commands_that_are_not_set_up_say_the_store_is_missing_and_make_nothing(  # type: ignore[no-untyped-def]
    use_database, tmp_path: Path
) -> None:
    store = tmp_path / "landscape.sqlite3"
    use_database(f"sqlite:///{store}")
    for command in (*NOT_SET_UP, ["data", "export", str(tmp_path / "out.zip")]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, (command, result.output)
        assert isinstance(result.exception, SystemExit)
        assert f"The database file {store} is missing" in result.output, result.output
        assert "landscape db upgrade" in result.output
        assert "Traceback" not in result.output
        assert not store.exists(), command
    # set-up makes it; then the same commands work on it
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert store.is_file()
    assert runner.invoke(app, ["db", "status"]).exit_code == 0


def test_a_store_removed_after_set_up_is_missing_not_made_again(  # type: ignore[no-untyped-def]
    use_database, tmp_path: Path
) -> None:
    store = tmp_path / "landscape.sqlite3"
    url = f"sqlite:///{store}"
    use_database(url)
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    get_engine().dispose()
    store.unlink()
    result = runner.invoke(app, ["demo", "load"])
    assert result.exit_code == 1 and "is missing" in result.output
    assert not store.exists()
    # the app's own engine and its store check do not create it either
    get_engine.cache_clear()
    with pytest.raises(OperationalError), get_engine().connect() as connection:
        connection.execute(text("SELECT 1"))
    assert migrate.check_configured_store(url).state is migrate.SchemaState.UNREACHABLE
    assert not store.exists()
