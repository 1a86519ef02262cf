"""The README and docs/ stay true: every `landscape` command they show runs as written, and
every relative link in them points to a file (and a heading, when it names one).

What counts as a command
    In README.md and docs/*.md, inside fenced blocks marked ```bash, each line (a trailing `\\`
    joins the next; `#` starts a comment) is split at `&&`. Every part that starts with
    `landscape` or `.venv/bin/landscape` is a command, and is run for real, in the order of its
    block, through the installed `landscape` entry point. So are `.venv/bin/python bench/…`
    scripts. Other parts (making the environment, pip, pytest, pgrep, kill) are not run here;
    `.ci/run` runs the install and the test command. A bash block therefore holds commands a
    reader can paste: no placeholders. Synopses with placeholders (`landscape survey link
    SERVICE_CODE [--days 90]`) are written as inline code in the prose; those are checked
    without running: the command must exist, every `--option` they name must be one of its
    options, and it must take as many arguments as they show. Blocks marked ```text, ```toml or
    ```json are illustrations and are not run. Every `landscape` command must be shown running
    in some bash block.

Where commands run
    Each block runs in its own empty working directory, against a throwaway SQLite store that
    holds the demo data set: what a reader has after the README's command. `export NAME=value`
    lines set the environment of the commands after them in the same block. An exported
    `DATABASE_URL` gets a fresh, empty database instead of the one it names: a `postgresql://`
    URL (such as the deployment guide's db.example.internal, which no test can reach) becomes a
    new database on the PostgreSQL test server (TEST_DATABASE_URL), so the deployment example
    runs on real PostgreSQL; it is skipped where that server is missing, and fails under CI.

Files
    The sample files the docs name are written into the working directory first (samples()):
    services.csv (two demo services' digitisation levels), services-with-problems.csv (the same
    and a level that does not exist), services-mapping.json (a mapping of those columns) and
    pairs.json (one Welsh translation). `landscape i18n add` writes to a copy of the Welsh
    catalogues, never to the repository's. Every file a command names (an export, a report, a
    template) must exist after it.

What passes
    A command must exit with code 0 and print what EXPECTED says its command prints; a command
    the docs show that has no entry there fails until one is added. `landscape serve` is
    started as a process on a free port (its `--port` is replaced or added), must answer its
    health check and serve the page, and is then stopped as docs/deployment.md says: SIGINT to
    its process id, after which the port must be closed. A command that does not exist, or an
    option it does not have, exits with code 2 and fails the test; so does a command that
    would wait for an answer (`landscape demo reset` without `--yes`).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.common import translation_checks
from dashboard.common.queries import load_services
from db.engine import get_engine
from db.settings import get_settings
from tests.import_files import mark_as_real

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LANDSCAPE = ("landscape", ".venv/bin/landscape")
BENCH = ".venv/bin/python"

#: What each command prints when it did its work (a regular expression).
EXPECTED: dict[tuple[str, ...], str] = {
    ("db", "upgrade"): r"Database ready at schema",
    ("db", "status"): r"The database is ready",
    ("demo", "load"): r"Loaded the demo data set: \d+ organisations, \d+ services",
    ("demo", "reset"): r"The catalogue is now empty",
    ("generate",): r"Generated [\d,]+ services",
    ("survey", "link"): r"http://\S+/survey\?token=\S{20,}",
    ("services", "list"): r"Code\s+Service\s+Organisation",
    ("data", "import"): r"(Written|Would write) in [\d.]+ s: \d+ added, \d+ updated",
    ("data", "export"): r"Exported everything to \S+ \([\d,]+ KB\)",
    ("data", "history"): r"No imports yet|Outcome",
    ("audit", "list"): r"No events recorded|UTC  (import|export)",
    ("data", "mappings"): r"No saved mappings yet|columns",
    ("rounds", "list"): r"first-round|review-2025|discovery-2021",
    ("rounds", "open"): r"Opened Review 2026 \(review-2026\)",
    (
        "roles",
        "list",
    ): r"Nobody has been given a role yet|\S+@\S+: (data_steward|survey_coordinator|administrator)",
    ("roles", "set"): r"\S+@\S+ is now (data_steward|survey_coordinator|administrator)",
    ("roles", "remove"): r"\S+@\S+ no longer has a role in the table",
    ("i18n", "check"): r"Every message has Welsh",
    ("i18n", "extract"): r"\d+ messages written to",
    ("i18n", "add"): r"\d+ translations added to",
    ("serve",): r"Starting the app at http://localhost:\d+",
}


# --- reading the docs ---------------------------------------------------------------------


@dataclass
class Block:
    """One fenced ```bash block: where it is, and its lines (continuations joined)."""

    path: Path
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def _fences(path: Path) -> Iterator[tuple[str, int, list[str]]]:
    """(info string, first line number, lines) of every fenced block in a Markdown file."""
    info, start, body = None, 0, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if info is None and stripped.startswith("```"):
            info, start, body = stripped[3:].strip(), number, []
        elif info is not None and stripped == "```":
            yield info, start, body
            info = None
        elif info is not None:
            body.append(line)


def _prose(path: Path) -> Iterator[str]:
    """The lines of a Markdown file outside its fenced blocks."""
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith("```"):
            fenced = not fenced
        elif not fenced:
            yield line


def bash_blocks() -> list[Block]:
    blocks = []
    for path in DOCS:
        for info, start, body in _fences(path):
            if info != "bash":
                continue
            block = Block(path, start)
            pending = ""
            for line in body:
                if line.rstrip().endswith("\\"):
                    pending += line.rstrip()[:-1] + " "
                    continue
                block.lines.append(pending + line)
                pending = ""
            blocks.append(block)
    return blocks


def parts(line: str) -> list[list[str]]:
    """A shell line as its commands (split at `&&`), each as words; comments dropped."""
    found: list[list[str]] = [[]]
    for word in shlex.split(line, comments=True):
        if word == "&&":
            found.append([])
        else:
            found[-1].append(word)
    return [words for words in found if words]


def is_command(words: list[str]) -> bool:
    if words[0] == BENCH:
        return len(words) > 1 and words[1].startswith("bench/")
    return words[0] in LANDSCAPE


def documented_commands() -> list[tuple[Block, list[str]]]:
    return [
        (block, words)
        for block in bash_blocks()
        for line in block.lines
        for words in parts(line)
        if is_command(words)
    ]


def command_path(args: list[str]) -> tuple[str, ...]:
    """The subcommand names at the start of `landscape`'s arguments: ("data", "import")."""
    command: Any = typer.main.get_command(app)
    path: list[str] = []
    for word in args:
        if word not in getattr(command, "commands", {}):
            break
        command = command.commands[word]
        path.append(word)
    return tuple(path)


# --- the tests of the docs' shape -----------------------------------------------------------


def test_the_docs_show_commands_to_run() -> None:
    commands = documented_commands()
    assert len(commands) >= 20, [" ".join(words) for _, words in commands]
    assert {block.path.name for block, _ in commands} >= {
        "README.md",
        "cli.md",
        "deployment.md",
        "data.md",
    }


def test_every_landscape_command_is_shown_running() -> None:
    """Each of the command's leaves appears in a bash block, so the CLI guide is complete."""

    def leaves(command: Any, path: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                yield from leaves(sub, (*path, name))
        else:
            yield path

    shown = {command_path(w[1:]) for _, w in documented_commands() if w[0] in LANDSCAPE}
    missing = set(leaves(typer.main.get_command(app), ())) - shown
    assert not missing, f"commands no doc shows running: {sorted(missing)}"
    assert set(EXPECTED) >= shown, "say in EXPECTED what each documented command prints"


def inline_references() -> list[tuple[str, str]]:
    """(file, code) of every inline code span in the prose that starts with `landscape`."""
    found = []
    for path in DOCS:
        for line in _prose(path):
            for code in re.findall(r"`([^`]+)`", line):
                if code.split()[0] in LANDSCAPE:
                    found.append((str(path.relative_to(ROOT)), code))
    return found


def reference_problem(code: str) -> str | None:
    """What is wrong with a command named in the prose, or None. The subcommands must exist,
    every --option must be one the command takes, and there must be no more arguments than it
    takes; placeholders (FILE, SERVICE_CODE) stand for values, and [ ] | mark optional parts."""
    command: Any = typer.main.get_command(app)
    words = [w.strip("[]|") for w in code.split()[1:]]
    words = [w for w in words if w and w != "…"]
    path: list[str] = []
    while words and not words[0].startswith("-") and hasattr(command, "commands"):
        if words[0] not in command.commands:
            return f"`{' '.join(['landscape', *path])}` has no command {words[0]!r}"
        path.append(words.pop(0))
        command = command.commands[path[-1]]
    name = " ".join(["landscape", *path])
    options = {
        opt: param
        for param in command.params
        if param.param_type_name == "option"
        for opt in (*param.opts, *param.secondary_opts)
    }
    takes = sum(param.param_type_name == "argument" for param in command.params)
    given = 0
    while words:
        word = words.pop(0)
        if not word.startswith("-"):
            given += 1
            continue
        option = options.get(word.split("=")[0])
        if option is None:
            if word != "--help":
                return f"`{name}` has no option {word.split('=')[0]}"
        elif not option.is_flag and "=" not in word and words:
            words.pop(0)  # the option's value
    if given > takes:
        return f"`{name}` takes {takes} arguments, not {given}"
    return None


def test_commands_named_in_the_prose_exist_with_their_options() -> None:
    references = inline_references()
    assert len(references) >= 20
    problems = [
        f"{where}: {problem}" for where, code in references if (problem := reference_problem(code))
    ]
    assert not problems, problems


def test_a_wrong_command_or_option_is_found() -> None:
    """The checks above catch what they are for."""
    assert reference_problem("landscape data import FILE [--valid-only]") is None
    assert reference_problem("landscape serve --no-demo") is None
    assert "no option --out" in str(reference_problem("landscape i18n extract --out x.pot"))
    assert "no command 'frobnicate'" in str(reference_problem("landscape frobnicate"))
    assert "takes 0 arguments, not 1" in str(reference_problem("landscape i18n extract x.pot"))
    assert reference_problem("landscape survey link CODE [--owner NAME] [--days 90]") is None
    result = CliRunner().invoke(app, ["i18n", "extract", "messages.pot"])
    assert result.exit_code == 2  # an extra argument, as the old README had it


def _anchors(path: Path) -> set[str]:
    """GitHub's anchors for the headings of a Markdown file."""
    anchors = set()
    for line in _prose(path):
        heading = re.match(r"#{1,6}\s+(.*)", line)
        if heading:
            text = heading.group(1).strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", text).replace(" ", "-"))
    return anchors


def test_every_relative_link_points_to_a_file_and_heading() -> None:
    links = 0
    broken = []
    for path in DOCS:
        for line in _prose(path):
            for target in re.findall(r"\]\(([^)\s]+)\)", line):
                if re.match(r"[a-z]+:", target):
                    continue  # http:, https:, mailto:
                links += 1
                file_part, _, anchor = target.partition("#")
                linked = (path.parent / file_part).resolve() if file_part else path
                if not linked.exists():
                    broken.append(f"{path.name}: {target} (no such file)")
                elif anchor and anchor not in _anchors(linked):
                    broken.append(f"{path.name}: {target} (no such heading)")
    assert links >= 20
    assert not broken, broken


def test_the_readme_test_command_is_the_one_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = ".venv/bin/python -m pytest"
    assert f"```bash\n{command}\n```" in readme
    assert f"\n{command}\n" in ci
    install = (
        'python3 -m venv .venv && .venv/bin/pip install -e ".[dev]" && .venv/bin/landscape serve'
    )
    assert f"```bash\n{install}\n```" in readme


# --- running the documented commands ------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> tuple[int, str] | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _write_csv(path: Path, rows: list[tuple[str, str]]) -> None:
    lines = ["Service code,Digitisation level", *(f"{code},{level}" for code, level in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


#: Files of the shapes public bodies publish, which the README's worked examples import.
REAL_FORMATS = (
    "council_register.tsv",
    "council_register_mapping.json",
    "council_services_lgsl.csv",
    "performance_wide.csv",
    "national_inventory.csv",
    "national_inventory_mapping.json",
)


def _copy_real_format(name: str, path: Path) -> None:
    shutil.copy(ROOT / "tests" / "data" / "real_formats" / name, path)


def samples(codes: list[str]) -> dict[str, Callable[[Path], None]]:
    """The sample files the docs' commands name, by name: each writes its file."""
    levels = [(codes[0], "Level 3"), (codes[1], "2")]
    return {
        "services.csv": lambda p: _write_csv(p, levels),
        "services-with-problems.csv": lambda p: _write_csv(p, [*levels, (codes[2], "9")]),
        "services-mapping.json": lambda p: p.write_text(
            json.dumps(
                {
                    "entity": "services",
                    "columns": {
                        "Service code": "code",
                        "Digitisation level": "digitisation_level",
                    },
                }
            ),
            encoding="utf-8",
        ),
        **{name: partial(_copy_real_format, name) for name in REAL_FORMATS},
        "pairs.json": lambda p: p.write_text(
            json.dumps([["A phrase only the docs' test adds", "Ymadrodd prawf y dogfennau"]]),
            encoding="utf-8",
        ),
    }


@pytest.fixture
def demo_codes(demo_engine: Engine) -> list[str]:
    return [str(code) for code in load_services(demo_engine)["code"].iloc[:3]]


def _serve(args: list[str], env: dict[str, str], cwd: Path) -> str:
    """Start `landscape serve` as written (on a free port), check it answers, stop it with
    SIGINT as the deployment guide says; return what it printed."""
    port = _free_port()
    if "--port" in args:
        args = list(args)
        args[args.index("--port") + 1] = str(port)
    else:
        args = [*args, "--port", str(port)]
    entry = Path(sys.executable).with_name("landscape")
    program = [str(entry)] if entry.exists() else [sys.executable, "-m", "dashboard.cli"]
    process = subprocess.Popen(
        [*program, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, so nothing is left behind
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while (health := _answers(f"{base}/_stcore/health")) is None:
            assert process.poll() is None, process.communicate()[0]
            assert time.monotonic() < deadline, "the server did not answer within 120 s"
            time.sleep(0.5)
        assert health == (200, "ok")
        page = _answers(f"{base}/catalogue")
        assert page is not None and page[0] == 200 and "<html" in page[1].lower()
        os.kill(process.pid, signal.SIGINT)  # what Ctrl+C sends
        output, _ = process.communicate(timeout=30)
        assert _answers(f"{base}/_stcore/health") is None, "the server outlived SIGINT"
        return output
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()


@pytest.mark.parametrize(
    "block",
    [
        block
        for block in bash_blocks()
        if any(is_command(w) for ln in block.lines for w in parts(ln))
    ],
    ids=lambda block: block.name,
)
def test_documented_commands_run(  # type: ignore[no-untyped-def]
    block: Block,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    demo_db_url: str,
    demo_codes: list[str],
) -> None:
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    for name, write in samples(demo_codes).items():
        write(workdir / name)
    store = tmp_path / "store.sqlite3"
    shutil.copy(demo_db_url.removeprefix("sqlite:///"), store)
    mark_as_real(f"sqlite:///{store}")  # the docs' imports update a steward's real data
    environment = {"DATABASE_URL": f"sqlite:///{store}"}
    catalogues = tmp_path / "LC_MESSAGES"
    shutil.copytree(translation_checks.CATALOGUES, catalogues)
    monkeypatch.setattr(translation_checks, "CATALOGUES", catalogues)
    runner = CliRunner()

    for line in block.lines:
        for words in parts(line):
            if words[0] == "export":
                name, _, value = words[1].partition("=")
                if name == "DATABASE_URL" and value.startswith("postgresql"):
                    value = request.getfixturevalue("postgres_url")
                elif name == "DATABASE_URL":
                    value = f"sqlite:///{tmp_path / 'exported.sqlite3'}"
                environment[name] = value
                continue
            if not is_command(words):
                continue
            shown = " ".join(words)
            for name, value in environment.items():
                monkeypatch.setenv(name, value)
            get_settings.cache_clear()
            get_engine.cache_clear()
            if words[0] == BENCH:
                done = subprocess.run(
                    [sys.executable, str(ROOT / words[1]), *words[2:]],
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
                assert done.returncode == 0, f"{shown}\n{done.stdout}{done.stderr}"
                assert done.stdout.strip(), f"{shown} printed nothing"
                continue
            args = words[1:]
            path = command_path(args)
            if path == ("serve",):
                output = _serve(args, dict(os.environ), workdir)
            else:
                result = runner.invoke(app, args)
                output = result.output
                assert result.exit_code == 0, f"{block.name}: `{shown}` exited with code " + (
                    f"{result.exit_code}:\n{output}{result.exception or ''}"
                )
            wanted = EXPECTED.get(path)
            assert wanted, f"`{shown}`: say in EXPECTED what `landscape {' '.join(path)}` prints"
            assert re.search(wanted, output), f"{block.name}: `{shown}` printed:\n{output}"
            for word in args:
                if re.search(r"\.(csv|zip|xlsx|json|pot)$", word):
                    assert (workdir / word).is_file(), f"`{shown}` left no {word}"
    get_engine.cache_clear()
