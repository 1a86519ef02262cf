"""The `landscape` command: clear words and a non-zero exit when the store is not usable."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.common.queries import dataset_info, load_services
from db import migrate
from db.engine import make_engine
from tests.serving import free_port

runner = CliRunner()


def test_upgrade_then_demo_load_then_status(use_database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    use_database(url)
    result = runner.invoke(app, ["db", "status"])
    assert result.exit_code == 1
    assert "is missing" in result.output  # status never creates a store
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
        serve = ["serve", "--port", str(free_port())]
        for command in (["db", "status"], ["db", "upgrade"], ["demo", "load"], serve):
            result = runner.invoke(app, command)
            assert result.exit_code == 1, (url, command, result.exception)
            assert isinstance(result.exception, SystemExit), (url, command, result.exception)
            assert words in result.output, (url, command, result.output)
            assert len(result.output.strip().splitlines()) == 1, result.output
            assert "secret" not in result.output


def _no_server(monkeypatch) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Stand in for starting Streamlit: `serve` does everything before it, the test looks."""
    from dashboard import cli

    started: list[list[str]] = []
    monkeypatch.setattr(cli, "_start_server", started.append)
    return started


def test_a_missing_folder_is_an_error_for_status_not_a_new_store(use_database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "typo"
    use_database(f"sqlite:///{folder / 'landscape.sqlite3'}")
    for command in (["db", "status"], ["demo", "load"], ["data", "history"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, command
        assert isinstance(result.exception, SystemExit)
        assert f"the folder {folder} does not exist" in result.output, result.output
        assert len(result.output.strip().splitlines()) == 1
        assert not folder.exists()
    # the pages' store check does not make one either: the store cannot be reached, in words
    status = migrate.check_configured_store(f"sqlite:///{folder / 'landscape.sqlite3'}")
    assert status.state is migrate.SchemaState.UNREACHABLE
    assert not folder.exists()


def test_serve_asks_before_creating_a_store_in_a_missing_folder(  # type: ignore[no-untyped-def]
    use_database, tmp_path, monkeypatch
) -> None:
    from dashboard import cli

    started = _no_server(monkeypatch)
    folder = tmp_path / "new" / "stores"
    use_database(f"sqlite:///{folder / 'landscape.sqlite3'}")
    serve = ["serve", "--no-demo", "--port", str(free_port())]
    # no terminal: refused in words at once, nothing made
    result = runner.invoke(app, serve)
    assert result.exit_code == 1
    assert f"points into {folder}, which does not exist" in result.output
    assert "--yes" in result.output
    assert not folder.exists() and not started
    # at a terminal: a question, and "no" (the default) makes nothing
    monkeypatch.setattr(cli, "_can_ask", lambda: True)
    result = runner.invoke(app, serve, input="\n")
    assert f"Create {folder} and a new empty store there? [y/N]" in result.output
    assert result.exit_code == 1 and "Nothing was created" in result.output
    assert not folder.exists() and not started
    # "yes" creates the folder and the store, then starts the app
    result = runner.invoke(app, serve, input="y\n")
    assert result.exit_code == 0, result.output
    assert (folder / "landscape.sqlite3").is_file()
    assert serve[-1] in started[0]
    assert migrate.check_configured_store(f"sqlite:///{folder / 'landscape.sqlite3'}").ready


def test_yes_creates_the_folder_without_a_terminal(use_database, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    started = _no_server(monkeypatch)
    store = tmp_path / "a" / "b" / "landscape.sqlite3"
    use_database(f"sqlite:///{store}")
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 1
    assert not store.parent.exists()
    result = runner.invoke(app, ["db", "upgrade", "--yes"])
    assert result.exit_code == 0, result.output
    assert store.is_file()
    other = tmp_path / "c" / "landscape.sqlite3"
    use_database(f"sqlite:///{other}")
    result = runner.invoke(app, ["serve", "--yes", "--no-demo", "--port", str(free_port())])
    assert result.exit_code == 0, result.output
    assert other.is_file() and len(started) == 1


def test_the_default_store_is_made_without_asking(use_database, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The README's first command, on a fresh clone and with no terminal, must just work."""
    from dashboard import cli

    started = _no_server(monkeypatch)
    default = tmp_path / "clone" / "data"
    monkeypatch.setattr(cli, "DEFAULT_DATA_DIR", default)
    use_database(f"sqlite:///{default / 'landscape.sqlite3'}")
    result = runner.invoke(app, ["serve", "--no-demo", "--port", str(free_port())])
    assert result.exit_code == 0, result.output
    assert "Create" not in result.output
    assert (default / "landscape.sqlite3").is_file() and started


def test_a_folder_that_cannot_be_created_is_one_line(use_database, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    started = _no_server(monkeypatch)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    use_database(f"sqlite:///{blocker / 'stores' / 'landscape.sqlite3'}")
    for command in (["db", "upgrade", "--yes"], ["serve", "--yes", "--port", str(free_port())]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, command
        assert isinstance(result.exception, SystemExit)
        assert f"The folder {blocker / 'stores'} could not be created (Not a directory)" in (
            result.output
        )
        assert len(result.output.strip().splitlines()) == 1
    assert not started


def test_a_taken_port_suggests_another_before_anything_is_done(  # type: ignore[no-untyped-def]
    use_database, tmp_path, monkeypatch
) -> None:
    import re
    import socket

    started = _no_server(monkeypatch)
    store = tmp_path / "landscape.sqlite3"
    use_database(f"sqlite:///{store}")
    listeners = [(socket.AF_INET, "127.0.0.1")]  # another app, on one interface
    if socket.has_ipv6:
        listeners.append((socket.AF_INET6, "::"))  # an earlier server, on every interface
    for family, address in listeners:
        with socket.socket(family, socket.SOCK_STREAM) as other:
            other.bind((address, 0))
            other.listen()
            port = other.getsockname()[1]
            result = runner.invoke(app, ["serve", "--port", str(port)])
            assert result.exit_code == 1, (address, result.output)
            assert f"Port {port} is already in use" in result.output
            suggested = re.search(r"landscape serve --port (\d+)$", result.output.strip())
            assert suggested, result.output
            assert len(result.output.strip().splitlines()) == 1
            with socket.socket() as probe:  # the suggested one is free
                probe.bind(("127.0.0.1", int(suggested.group(1))))
    assert not store.exists() and not started  # nothing was migrated or started
    beyond = runner.invoke(app, ["serve", "--port", "70000"])
    assert beyond.exit_code == 2 and isinstance(beyond.exception, SystemExit)


def test_survey_link_starts_with_the_public_address(  # type: ignore[no-untyped-def]
    use_database, demo_db_url, tmp_path, monkeypatch
) -> None:
    import shutil

    copy = tmp_path / "links.sqlite3"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    monkeypatch.setenv("LANDSCAPE_PUBLIC_URL", "https://landscape.example.gov.wales/app/")
    use_database(f"sqlite:///{copy}")
    engine = make_engine(f"sqlite:///{copy}")
    code = load_services(engine)["code"].iloc[0]
    engine.dispose()
    result = runner.invoke(app, ["survey", "link", code])
    assert result.exit_code == 0, result.output
    assert "https://landscape.example.gov.wales/app/survey?token=" in result.output
    given = runner.invoke(app, ["survey", "link", code, "--base-url", "http://10.0.0.5:8501"])
    assert "\nhttp://10.0.0.5:8501/survey?token=" in given.output
    wrong = runner.invoke(app, ["survey", "link", code, "--base-url", "landscape.example"])
    assert wrong.exit_code == 1
    assert "does not start with http:// or https://" in wrong.output
    assert len(wrong.output.strip().splitlines()) == 1


def test_services_list_prints_the_codes_a_link_needs(  # type: ignore[no-untyped-def]
    use_database, demo_db_url, tmp_path
) -> None:
    import shutil

    copy = tmp_path / "list.sqlite3"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), copy)
    use_database(f"sqlite:///{copy}")
    engine = make_engine(f"sqlite:///{copy}")
    services = load_services(engine)
    engine.dispose()
    cardiff = services[services["organisation_code"] == "cardiff"]
    result = runner.invoke(app, ["services", "list", "--org", "cardiff"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].split() == ["Code", "Service", "Organisation"]
    assert sorted(line.split()[0] for line in lines[1:]) == sorted(cardiff["code"])
    assert all(line.endswith("Cardiff Council") for line in lines[1:])
    # by English or Welsh name or in any case, the same list
    for other in ("Cardiff Council", "CYNGOR CAERDYDD"):
        assert runner.invoke(app, ["services", "list", "--org", other]).output == result.output
    # a code from the list is one a survey link takes
    code = lines[1].split()[0]
    assert runner.invoke(app, ["survey", "link", code]).exit_code == 0
    few = runner.invoke(app, ["services", "list", "--limit", "3"]).output.strip().splitlines()
    assert len(few) == 5
    assert few[-1] == f"3 of {len(services):,} services shown: use --limit or --org for more."
    unknown = runner.invoke(app, ["services", "list", "--org", "Cardif"])
    assert unknown.exit_code == 1
    assert "There is no organisation 'Cardif'. Did you mean: Cardiff Council (cardiff)" in (
        unknown.output
    )
    assert len(unknown.output.strip().splitlines()) == 1


def _address_in(command: list[str]) -> str:
    return command[command.index("--server.address") + 1]


def test_serve_listens_on_this_machine_only_unless_told(  # type: ignore[no-untyped-def]
    use_database, tmp_path, monkeypatch
) -> None:
    from dashboard.cli import server_arguments

    assert server_arguments(8501, "127.0.0.1", True) == [
        "--server.port",
        "8501",
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    started = _no_server(monkeypatch)
    use_database(f"sqlite:///{tmp_path / 'landscape.sqlite3'}")
    monkeypatch.delenv("STREAMLIT_SERVER_ADDRESS", raising=False)
    result = runner.invoke(app, ["serve", "--no-demo", "--port", str(free_port())])
    assert result.exit_code == 0, result.output
    assert _address_in(started[-1]) == "127.0.0.1"
    assert "Starting the app at http://localhost:" in result.output
    result = runner.invoke(
        app, ["serve", "--no-demo", "--address", "0.0.0.0", "--port", str(free_port())]
    )
    assert result.exit_code == 0, result.output
    assert _address_in(started[-1]) == "0.0.0.0"
    assert "Starting the app at http://localhost:" in result.output
    monkeypatch.setenv("STREAMLIT_SERVER_ADDRESS", "::")  # a deployment's own setting still counts
    result = runner.invoke(app, ["serve", "--no-demo", "--port", str(free_port())])
    assert result.exit_code == 0, result.output
    assert _address_in(started[-1]) == "::"


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("my-laptop", "is not an IP address"),
        ("999.1.1.1", "is not an IP address"),
        ("203.0.113.77", "This machine has no address 203.0.113.77"),
    ],
)
def test_a_wrong_address_is_said_in_words_before_anything_is_done(  # type: ignore[no-untyped-def]
    use_database, tmp_path, monkeypatch, address: str, words: str
) -> None:
    started = _no_server(monkeypatch)
    store = tmp_path / "landscape.sqlite3"
    use_database(f"sqlite:///{store}")
    result = runner.invoke(app, ["serve", "--address", address, "--port", str(free_port())])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert words in result.output and "127.0.0.1" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not store.exists() and not started
