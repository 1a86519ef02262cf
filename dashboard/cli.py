"""The `landscape` command: migrate the store, load demo or generated data, start the app.

Settings come from the environment and the .env file of the directory the command is started
in; the app that `landscape serve` starts reads the same. What goes wrong is said in words,
with what to do and a non-zero exit code.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import socket
import subprocess
import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from sqlalchemy.exc import SQLAlchemyError

from db import migrate
from db.demo import build
from db.engine import (
    create_sqlite_file,
    database_url_problem,
    get_engine,
    normalise_url,
    sqlite_file,
)
from db.settings import DEFAULT_DATA_DIR, get_settings

if TYPE_CHECKING:
    from dashboard.importing.entities import Entity

app = typer.Typer(help=__doc__, no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="Create, upgrade and check the database schema.", no_args_is_help=True)
demo_app = typer.Typer(help="Load or clear the demo data set.", no_args_is_help=True)
survey_app = typer.Typer(help="Start surveys and make owners' links.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(demo_app, name="demo")
i18n_app = typer.Typer(help="Check and extract the interface's translations.", no_args_is_help=True)
app.add_typer(survey_app, name="survey")
app.add_typer(i18n_app, name="i18n")
data_app = typer.Typer(
    help="Import spreadsheets and export everything (see the Data page).", no_args_is_help=True
)
app.add_typer(data_app, name="data")
services_app = typer.Typer(help="Find services' codes.", no_args_is_help=True)
app.add_typer(services_app, name="services")
rounds_app = typer.Typer(
    help="Survey rounds: list them, or close the open one and open the next.",
    no_args_is_help=True,
)
app.add_typer(rounds_app, name="rounds")
roles_app = typer.Typer(
    help="People and roles: who may import, run surveys or manage people.", no_args_is_help=True
)
app.add_typer(roles_app, name="roles")
audit_app = typer.Typer(
    help="Read the audit trail: imports, exports, survey links, roles.", no_args_is_help=True
)
app.add_typer(audit_app, name="audit")


def _usable_url() -> str:
    """The configured DATABASE_URL, or one line on what is wrong with it and exit code 1."""
    url = get_settings().database_url
    problem = database_url_problem(url)
    if problem:
        _fail(problem)
    return url


def _safe_url() -> str:
    """The configured URL with any password hidden, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(normalise_url(get_settings().database_url)).render_as_string(hide_password=True)


def _fail(message: str) -> NoReturn:
    typer.secho(message, fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


def _can_ask() -> bool:
    """Whether a person can answer a question (a terminal), rather than a script or a service."""
    return sys.stdin is not None and sys.stdin.isatty()


def _existing_store() -> None:
    """Fail in words if DATABASE_URL names a SQLite file that does not exist, or one in a
    folder that does not exist.

    Connecting would otherwise be the first step to a new, empty store in the wrong place
    (a typo in the folder's name, a disk not mounted, a file moved away while the server
    runs): only set-up (`landscape db upgrade`, `landscape serve`) creates a store.
    """
    path = sqlite_file(_usable_url())
    if path is not None and not path.parent.is_dir():
        _fail(
            f"There is no database at {path.absolute()}: the folder {path.parent.absolute()} "
            "does not exist. Check DATABASE_URL, or run `landscape db upgrade` to create a "
            "new empty store there."
        )
    if path is not None and not path.exists():
        _fail(
            f"The database file {path.absolute()} is missing: nothing was created. If it was "
            "moved, put it back (or point DATABASE_URL at it); to start a new store there, "
            "run `landscape db upgrade` (empty) or `landscape serve` (with the demo data)."
        )


def _store_folder(yes: bool) -> None:
    """Make the SQLite file's folder if it does not exist: the default one (data/ in the
    project) without a word, any other only when the person says so (a question at a
    terminal, or --yes); with no terminal and no --yes, refuse in words instead of waiting."""
    path = sqlite_file(_usable_url())
    if path is None or path.parent.is_dir():
        return
    folder = path.parent.absolute()
    if folder.resolve() != DEFAULT_DATA_DIR.resolve() and not yes:
        if not _can_ask():
            _fail(
                f"DATABASE_URL points into {folder}, which does not exist. Check DATABASE_URL, "
                "or run the command again with --yes to create it and a new empty store there."
            )
        if not typer.confirm(
            f"DATABASE_URL points into {folder}, which does not exist. "
            f"Create {folder} and a new empty store there?",
            default=False,
        ):
            _fail("Nothing was created. Check DATABASE_URL, then run the command again.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _fail(
            f"The folder {folder} could not be created ({error.strerror or error}). Check "
            "DATABASE_URL, or create the folder yourself and run the command again."
        )


def _ready_or_fail() -> None:
    _existing_store()
    status = migrate.check_schema(get_engine())
    if not status.ready:
        _fail(status.advice())


def _upgrade(yes: bool) -> None:
    _store_folder(yes)
    create_sqlite_file(_usable_url())  # set-up: the one place a missing store is made
    status = migrate.check_schema(get_engine())
    if status.state is migrate.SchemaState.UNREACHABLE:
        _fail(f"{status.advice()}\nDatabase: {_safe_url()}")
    if status.state is migrate.SchemaState.UNKNOWN:
        _fail(status.advice())
    try:
        migrate.upgrade()
    except SQLAlchemyError as error:
        _fail(f"The schema upgrade failed and was rolled back: {error}")
    typer.echo(f"Database ready at schema {migrate.head_revision()} ({_safe_url()}).")
    # survey instruments edited in their YAML reach an existing store (answers are kept)
    from db.reference.load import SERVICE_TYPES_WRITTEN, upgrade_reference

    for code in upgrade_reference(get_engine()):
        if code == SERVICE_TYPES_WRITTEN:
            typer.echo("Service types brought up to db/reference/service_types.yaml.")
        else:
            typer.echo(f"Survey instrument {code!r} brought up to its definition.")


#: Shared by the commands that may create a store.
YES_CREATE = typer.Option(
    False,
    "--yes",
    help="If DATABASE_URL names a SQLite file in a folder that does not exist, create the "
    "folder and a new empty store there without asking (for scripts and services).",
)


@db_app.command("upgrade")
def db_upgrade(yes: bool = YES_CREATE) -> None:
    """Create the schema or bring it up to date (safe to run again).

    A SQLite file in a folder that does not exist is created only after you say so (a
    question at a terminal, or --yes); the default store in data/ is created without asking.
    """
    _upgrade(yes)


@db_app.command("status")
def db_status() -> None:
    """Say whether the database is reachable and at the schema this version needs.

    Nothing is created: a SQLite file whose folder does not exist is reported as missing.
    """
    _existing_store()
    status = migrate.check_schema(get_engine())
    typer.echo(f"Database: {_safe_url()}\n{status.advice()}")
    if not status.ready:
        raise typer.Exit(code=1)


@demo_app.command("load")
def demo_load(
    seed: int = typer.Option(build.DEMO_SEED, help="Random seed; the default gives the demo."),
) -> None:
    """Replace the catalogue with the demo data set (invented figures)."""
    _ready_or_fail()
    summary = build.load_demo(get_engine(), seed=seed)
    typer.echo(
        f"Loaded the demo data set: {summary.organisations} organisations, "
        f"{summary.services} services, {summary.deep_dives} deep dives, "
        f"{summary.journeys} journeys in {summary.seconds:.1f} s. All figures are invented."
    )


@demo_app.command("reset")
def demo_reset(
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Empty the catalogue and survey responses (reference data stays)."""
    _ready_or_fail()
    if not yes:
        typer.confirm(f"Delete every service and survey response in {_safe_url()}?", abort=True)
    build.reset(get_engine())
    typer.echo("The catalogue is now empty.")


@survey_app.command("link")
def survey_link(
    service: str = typer.Argument(
        ..., help="The service's code (landscape services list [--org ORGANISATION])."
    ),
    instrument: str = typer.Option("generalist", help="generalist or technology."),
    owner: str = typer.Option("Service owner", help="Who the link is for (shown in the survey)."),
    days: int = typer.Option(90, min=1, max=365, help="How long the link works."),
    base_url: str = typer.Option(
        None,
        help="Where people open the app, e.g. https://landscape.example.gov.wales "
        "(default: the LANDSCAPE_PUBLIC_URL setting, or http://localhost:8501).",
    ),
) -> None:
    """Start a service's survey if needed and print an owner link to it (shown only once).

    The link starts with --base-url, or else the LANDSCAPE_PUBLIC_URL setting (environment
    or .env): set it once to the address people open the app at. `landscape services list`
    prints the services' codes.
    """
    from dashboard.surveys import links, responses

    base_url = (base_url or get_settings().landscape_public_url).strip()
    if not base_url.startswith(("http://", "https://")):
        _fail(
            f"The app's address {base_url!r} does not start with http:// or https://. Give it "
            "with --base-url, or set LANDSCAPE_PUBLIC_URL (e.g. https://landscape.example.gov.wales)."
        )
    _ready_or_fail()
    if instrument not in ("generalist", "technology"):
        _fail("The survey is either generalist or technology.")
    try:
        response_id = responses.ensure_response(get_engine(), service, instrument)
    except LookupError:
        _fail(
            f"There is no service with the code {service!r}. Find it with "
            "`landscape services list --org ORGANISATION`."
        )
    token = links.create_link(get_engine(), response_id, links.OWNER, owner, "command line", days)
    typer.echo(f"Owner link for the {instrument} survey of {service} (valid {days} days):")
    typer.echo(f"{base_url.rstrip('/')}/survey?token={token}")
    typer.echo("Keep it safe: it is not stored and cannot be shown again.")


@services_app.command("list")
def services_list(
    org: str = typer.Option(
        None, "--org", help="Only this organisation's: its code, name or abbreviation."
    ),
    limit: int = typer.Option(100, min=1, max=1_000_000, help="How many to show at most."),
) -> None:
    """Print each service's code, name and organisation, by organisation and name.

    The code is what `landscape survey link CODE` and the import files take. An organisation
    that is not found is named with those whose names are close.
    """
    from dashboard.common.service_list import find_organisation, list_services

    _ready_or_fail()
    engine = get_engine()
    body = None
    if org:
        body, like = find_organisation(engine, org)
        if body is None:
            close = "; ".join(f"{b.name} ({b.code})" for b in like)
            _fail(
                f"There is no organisation {org!r}."
                + (
                    f" Did you mean: {close}?"
                    if close
                    else " `landscape services list` names them all."
                )
            )
    found, total = list_services(engine, body, limit)
    if not found:
        typer.echo(
            f"{body.name} has no services in the catalogue."
            if body
            else "The catalogue has no services yet."
        )
        return
    width = max(len("Code"), *(len(s.code) for s in found))
    name_width = min(60, max(len("Service"), *(len(s.name) for s in found)))
    typer.echo(f"{'Code':<{width}}  {'Service':<{name_width}}  Organisation")
    for service in found:
        typer.echo(f"{service.code:<{width}}  {service.name:<{name_width}}  {service.organisation}")
    if total > len(found):
        typer.echo(f"{len(found):,} of {total:,} services shown: use --limit or --org for more.")


@rounds_app.command("list")
def rounds_list() -> None:
    """List the survey rounds, oldest first, with when each opened and closed."""
    from db.rounds import list_rounds

    _ready_or_fail()
    for found in list_rounds(get_engine()):
        closed = f"closed {found.closed_at:%Y-%m-%d}" if found.closed_at else "open"
        welsh = f" / {found.name_cy}" if found.name_cy else ""
        typer.echo(
            f"{found.code}: {found.name_en}{welsh} (opened {found.opened_at:%Y-%m-%d}, {closed})"
        )


@rounds_app.command("open")
def rounds_open(
    name: Annotated[str, typer.Argument(help='The new round\'s name, e.g. "Review 2025".')],
    welsh: Annotated[
        str | None, typer.Option("--welsh", help='Its name in Welsh, e.g. "Adolygiad 2025".')
    ] = None,
) -> None:
    """Close the open round and open a new one, in one transaction.

    The closing round's levels, deep-dive flags, survey statuses and reported challenges and
    aims are kept for the Trends page; every survey goes back to a draft that keeps its
    answers, for owners to check and submit again.
    """
    from db.rounds import RoundProblem, open_new_round

    _ready_or_fail()
    try:
        opened = open_new_round(get_engine(), name, welsh)
    except RoundProblem as problem:
        _fail(str(problem))
    except SQLAlchemyError as error:
        _fail(f"The new round could not be opened; nothing was changed: {error}")
    typer.echo(
        f"Closed {opened.closed.name_en}: kept {opened.services:,} services' levels, "
        f"{opened.surveys:,} surveys' statuses and {opened.themes:,} reported challenges and "
        f"aims. Opened {opened.opened.name_en} ({opened.opened.code}): every survey is a draft "
        "again, keeping its answers."
    )


@roles_app.command("list")
def roles_list() -> None:
    """List the people given a role, by e-mail address, with who gave it and when."""
    from dashboard.common.people import list_people

    _ready_or_fail()
    people = list_people(get_engine())
    if not people:
        typer.echo("Nobody has been given a role yet (everyone may view).")
    for person in people:
        by = f" by {person.updated_by}" if person.updated_by else ""
        typer.echo(f"{person.email}: {person.role} (since {person.updated_at:%Y-%m-%d}{by})")


@roles_app.command("set")
def roles_set(
    email: Annotated[str, typer.Argument(help="The person's e-mail address.")],
    role: Annotated[str, typer.Argument(help="data_steward, survey_coordinator or administrator.")],
) -> None:
    """Give a person a role (replacing the one they had)."""
    from dashboard.common.people import set_role
    from dashboard.common.roles import RoleProblem

    _ready_or_fail()
    try:
        person = set_role(email, role, "command line", get_engine())
    except RoleProblem as problem:
        _fail(f"{problem} Nothing was changed.")
    except SQLAlchemyError as error:
        _fail(f"The role could not be saved; nothing was changed: {error}")
    typer.echo(f"{person.email} is now {person.role}.")


@roles_app.command("remove")
def roles_remove(
    email: Annotated[str, typer.Argument(help="The person's e-mail address.")],
) -> None:
    """Take a person out of the table: they keep only what their sign-in's claims give."""
    from dashboard.common.people import remove_person
    from dashboard.common.roles import RoleProblem

    _ready_or_fail()
    try:
        removed = remove_person(email, get_engine(), by="command line")
    except RoleProblem as problem:
        _fail(f"{problem} Nothing was changed.")
    except SQLAlchemyError as error:
        _fail(f"The role could not be removed; nothing was changed: {error}")
    if not removed:
        _fail(f"{email.strip()} has no role in the table; nothing was changed.")
    typer.echo(f"{email.strip().lower()} no longer has a role in the table.")


@i18n_app.command("extract")
def i18n_extract(
    output: str = typer.Option(
        "dashboard/locales/messages.pot", help="Where to write the gettext template."
    ),
) -> None:
    """Write every interface message to a POT template for translators."""
    from pathlib import Path

    from dashboard.common import translation_checks

    count = translation_checks.write_template(Path(output))
    typer.echo(f"{count} messages written to {output}.")


@i18n_app.command("add")
def i18n_add(
    area: str = typer.Argument(..., help="Catalogue file to add to, e.g. explore, surveys"),
    pairs: str = typer.Argument(..., help="JSON file: a list of [English, Welsh] pairs"),
) -> None:
    """Add translations to dashboard/locales/cy/LC_MESSAGES/AREA.po (a plural is
    [[singular, plural], [five Welsh forms]])."""
    import json
    from pathlib import Path

    from dashboard.common import translation_checks

    items = json.loads(Path(pairs).read_text(encoding="utf-8"))
    entries = [(tuple(en), tuple(cy)) if isinstance(en, list) else (en, cy) for en, cy in items]
    path = translation_checks.add_welsh(area, entries)
    typer.echo(f"{len(entries)} translations added to {path}.")


@i18n_app.command("check")
def i18n_check() -> None:
    """List messages with no Welsh, and interface text that skips the translation."""
    from dashboard.common import translation_checks

    problems = [
        *(f"no Welsh: {f}" for f in translation_checks.missing_welsh()),
        *(f"computed message: {f}" for f in translation_checks.non_literal_messages()),
        *(f"two translations: {c}" for c in translation_checks.conflicting_welsh()),
        *(
            f"not translated: {f}"
            for f in translation_checks.untranslated_text(translation_checks.ui_files())
        ),
    ]
    for problem in problems:
        typer.echo(problem)
    if problems:
        _fail(f"{len(problems)} translation problems.")
    typer.echo("Every message has Welsh.")


def _every_row(entity: Entity, pairs: list[str]) -> dict[str, str]:
    """--set FIELD=VALUE pairs, checked against the entity's fields."""
    names = [f.name for f in entity.fields]
    found: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        name = name.strip()
        if not equals or name not in names:
            _fail(
                f"--set {pair!r}: write FIELD=VALUE, where FIELD is one of the fields of "
                f"{entity.name}: {', '.join(names)}."
            )
        found[name] = value.strip()
    return found


@data_app.command("import")
def data_import(
    file: str = typer.Argument(..., help="A CSV or XLSX file, or a full export (zip or xlsx)."),
    entity: str = typer.Option(
        None,
        help="What the file holds: organisations, themes, services, journeys, metric_answers, "
        "service_themes, standard_assessments, survey_responses, survey_answers "
        "(found from the columns when left out).",
    ),
    mapping: str = typer.Option(None, help="A mapping saved on the Data page, or a JSON file."),
    sheet: str = typer.Option(None, help="The sheet of a workbook to import."),
    valid_only: bool = typer.Option(
        False, "--valid-only", help="Write the rows without problems and leave the others out."
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check and count, write nothing."),
    report: str = typer.Option(None, help="Write the problems found to this CSV file."),
    rejected: str = typer.Option(None, help="Write the rows left out to this CSV file."),
    who: str = typer.Option(None, help="Your name for the import log (default: your login)."),
    every_row: list[str] = typer.Option(  # noqa: B008
        None,
        "--set",
        help="A value for every row, as FIELD=VALUE (e.g. --set sector='local authority'); "
        "it fills the field's blank cells when a column feeds it too. Repeat for more fields.",
    ),
    create_organisations: bool = typer.Option(
        False,
        "--create-organisations",
        help="Create the organisations a services file names that the store does not hold.",
    ),
    sector: str = typer.Option(
        None, help="The sector of new organisations the file gives none for (local_authority, ...)."
    ),
    organisation_as: Annotated[
        list[str] | None,
        typer.Option(
            "--organisation-as",
            help="NAME=CODE: take an organisation the file names as one the store holds.",
        ),
    ] = None,
    replace_demo: bool = typer.Option(
        False, "--replace-demo", help="Replace the invented demo data with this import."
    ),
) -> None:
    """Import a file: the same checks and one all-or-nothing write as the Data page."""
    import getpass
    from pathlib import Path

    from dashboard.importing import import_choices, pipeline
    from dashboard.importing.entities import BY_NAME
    from dashboard.importing.mapping import load_mapping
    from dashboard.importing.problems import ImportFailure
    from dashboard.importing.reading import read_path

    _ready_or_fail()
    engine = get_engine()
    if entity and entity not in (*BY_NAME, pipeline.EVERYTHING):
        _fail(f"There is no entity {entity!r}. Choose one of: {', '.join(BY_NAME)}.")
    choices = import_choices.choices(create_organisations, sector, organisation_as or [])
    if isinstance(choices, str):
        _fail(choices)
    try:
        saved = load_mapping(engine, mapping) if mapping else None
        prepared = pipeline.prepare(read_path(file), entity=entity, sheet=sheet, saved=saved)
        for plan in prepared.plans:
            plan.mapping.constants.update(_every_row(plan.entity, every_row or []))
        guided = pipeline.guided_check(engine, prepared, choices, replace_demo=replace_demo)
        job = guided.job
        for plan in job.plans:
            set_here = ", ".join(f"{f} = {v}" for f, v in plan.mapping.constants.items())
            mapped = ", ".join(f"{c} -> {f}" for c, f in plan.mapping.columns.items())
            rows = plan.sheet.row_count
            typer.echo(
                f"{plan.sheet.name}: {rows:,} row{'' if rows == 1 else 's'} as {plan.entity.name}"
            )
            typer.echo(f"  columns: {mapped or 'none matched'}")
            if set_here:
                typer.echo(f"  every row: {set_here}")
        checked = guided.checked
        for line in import_choices.lines(
            guided.proposals, guided.invented, replace_demo, choices, dry_run
        ):
            typer.echo(line)
        found = pipeline.problems(job, checked)
        if report:
            Path(report).write_bytes(pipeline.report_csv(found))
        if rejected:
            Path(rejected).write_bytes(pipeline.rejected_csv(job, checked))
        errors = [p for p in found if p.is_error]
        for problem in found[:20]:
            where = f"row {problem.row}" if problem.row else "file"
            column = f", {problem.column}" if problem.column else ""
            typer.echo(f"  {problem.severity}: {where}{column}: {problem.message} {problem.action}")
        if len(found) > 20:
            typer.echo(f"  ... and {len(found) - 20:,} more" + ("" if report else " (--report)"))
        if errors and not valid_only:
            _fail(
                f"{_problems(len(errors))}, so nothing was written. "
                f"Fix {'it' if len(errors) == 1 else 'them'}, or use "
                "--valid-only to write only the rows without problems."
            )
        outcome = pipeline.guided_run(
            engine,
            guided,
            who or getpass.getuser(),
            via="cli",
            valid_only=valid_only,
            trial=dry_run,
        )
    except pipeline.UnclearEntity as unclear:
        for note in unclear.notes:
            where = f"row {note.row}" if note.row else "file"
            typer.echo(f"  {note.severity}: {where}: {note.message} {note.action}")
        names = ", ".join(e.name for e in unclear.candidates)
        _fail(f"{unclear.message} Say which with --entity: {names}.")
    except ImportFailure as failure:
        _fail(f"{failure.message} {failure.action}")
    except (OSError, SQLAlchemyError) as error:
        _fail(f"The import could not run: {error}")
    verb = "Would write" if dry_run else "Written"
    typer.echo(f"{verb} in {outcome.seconds:.1f} s: {outcome.summary()}")


def _problems(n: int) -> str:
    return f"{n:,} problem" if n == 1 else f"{n:,} problems"


@data_app.command("export")
def data_export(
    path: str = typer.Argument(..., help="Where to write: a .zip of CSVs or one .xlsx workbook."),
) -> None:
    """Export the whole database in the columns the import reads (round-trips exactly)."""
    from pathlib import Path

    from dashboard.importing import export

    _ready_or_fail()
    target = Path(path)
    builders = {".zip": export.to_zip, ".xlsx": export.to_workbook}
    if target.suffix.lower() not in builders:
        _fail("Give a file name ending in .zip (CSV files) or .xlsx (one workbook).")
    try:
        data = export.recorded(
            builders[target.suffix.lower()], get_engine(), _login(), f"{target.name} (command line)"
        )
        target.write_bytes(data)
    except OSError as error:
        _fail(f"The export could not be written to {target}: {error.strerror}.")
    except SQLAlchemyError as error:
        _fail(f"The database could not be read: {error}")
    typer.echo(f"Exported everything to {target} ({len(data) / 1024:,.0f} KB).")


def _login() -> str:
    """Who runs the command, for the audit trail."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "command line"


@audit_app.command("list")
def audit_list(
    since: Annotated[
        str | None, typer.Option("--since", help="Only events on or after this day (YYYY-MM-DD).")
    ] = None,
    action: Annotated[
        str | None,
        typer.Option(
            "--action",
            help="Only this action: import, export, survey_link_made, survey_link_withdrawn, "
            "role_changed or sign_in_refused.",
        ),
    ] = None,
    limit: int = typer.Option(200, min=1, max=100_000, help="How many at most."),
) -> None:
    """List the audit trail, newest first: when, what, who, and the particulars."""
    from datetime import date

    from dashboard.common import audit

    day: date | None = None
    if since is not None:
        try:
            day = date.fromisoformat(since.strip())
        except ValueError:
            _fail(f"{since!r} is not a day: give it as YYYY-MM-DD, e.g. 2026-12-01.")
    if action is not None and action not in audit.ACTIONS:
        _fail(f"{action!r} is not an action: use one of {', '.join(audit.ACTIONS)}.")
    _ready_or_fail()
    try:
        frame = audit.events(get_engine(), since=day, action=action, limit=limit)
    except SQLAlchemyError as error:
        _fail(f"The database could not be read: {error}")
    if frame.empty:
        typer.echo("No events recorded" + (" that match." if since or action else " yet."))
        return
    for when, what, who, detail in zip(
        frame["at"], frame["action"], frame["who"], frame["detail"], strict=True
    ):
        typer.echo(
            f"{when:%Y-%m-%d %H:%M} UTC  {what:<21}  {who}  "
            f"{audit.detail_words(what, detail or {})}"
        )


@data_app.command("history")
def data_history(limit: int = typer.Option(20, min=1, max=1000, help="How many.")) -> None:
    """List the latest imports: who, when, which file, what changed."""
    from dashboard.importing import history

    _ready_or_fail()
    frame = history.runs(get_engine(), limit)
    if frame.empty:
        typer.echo("No imports yet.")
        return
    typer.echo(frame.drop(columns=[frame.columns[-1]]).to_string(index=False))


@data_app.command("mappings")
def data_mappings() -> None:
    """List the saved mappings (use one with `landscape data import --mapping NAME`)."""
    from dashboard.importing.mapping import saved_mappings

    _ready_or_fail()
    found = saved_mappings(get_engine())
    if not found:
        typer.echo("No saved mappings yet: save one on the Data page.")
    for mapping in found:
        typer.echo(f"{mapping.name}: {mapping.entity}, {len(mapping.columns)} columns")


@app.command("generate")
def generate(
    services: int = typer.Option(100_000, min=1, max=build.MAX_GENERATED, help="How many."),
    seed: int = typer.Option(7, help="Random seed."),
) -> None:
    """Replace the catalogue with N generated services drawn like the demo data (scale tests)."""
    _ready_or_fail()
    summary = build.generate(get_engine(), services, seed=seed)
    typer.echo(
        f"Generated {summary.services:,} services ({summary.metric_answers:,} metric answers, "
        f"{summary.journeys:,} journeys) in {summary.seconds:.1f} s. All figures are invented."
    )


#: Where `landscape serve` listens unless told otherwise: this machine only.
LOCAL_ADDRESS = "127.0.0.1"
#: Addresses meaning every interface: a port taken on either family is taken for the server.
_EVERY_INTERFACE = ("", "0.0.0.0", "::")


def _port_taken(port: int, address: str = LOCAL_ADDRESS) -> bool:
    """Whether something already listens on `port` where the server would: `address`, or for
    every interface, IPv6 and IPv4 (as Streamlit binds)."""
    tries = ["::", "0.0.0.0"] if address in _EVERY_INTERFACE else [address]
    for where in tries:
        family = socket.AF_INET6 if ":" in where else socket.AF_INET
        try:
            with socket.socket(family, socket.SOCK_STREAM) as probe:
                if os.name == "posix":  # as the server does: a port just freed is usable
                    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                if family == socket.AF_INET6 and where == "::":
                    probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
                probe.bind((where, port))
            return False
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return True
            # no IPv6 here: the next try, or the server, says
    return False


def _address_or_fail(address: str) -> str:
    """The address to listen on, checked: an IP address this machine has, in words if not."""
    address = address.strip()
    if address in _EVERY_INTERFACE:
        return address or "0.0.0.0"
    try:
        ip = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        _fail(
            f"--address {address!r} is not an IP address. Give one of this machine's addresses, "
            f"such as {LOCAL_ADDRESS} (this machine only) or 0.0.0.0 (every interface)."
        )
    family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((str(ip), 0))
    except OSError:
        _fail(
            f"This machine has no address {ip}, so the app cannot listen there. Give one of its "
            f"addresses, such as {LOCAL_ADDRESS} (this machine only) or 0.0.0.0 (every interface)."
        )
    return str(ip)


def _free_port_after(port: int, address: str) -> int | None:
    return next(
        (p for p in range(port + 1, min(port + 100, 65536)) if not _port_taken(p, address)), None
    )


def _port_or_fail(port: int, address: str) -> None:
    """A port already in use is one line with a free one to use instead, before any work."""
    if not _port_taken(port, address):
        return
    free = _free_port_after(port, address)
    instead = f"landscape serve --port {free}" if free else "landscape serve --port <another>"
    _fail(
        f"Port {port} is already in use (another app, or an earlier `landscape serve`). "
        f"Stop it, or start on another port: {instead}"
    )


def _browser_address(address: str, port: int) -> str:
    """Where to open the app from this machine: localhost when it listens there."""
    if address in _EVERY_INTERFACE or ipaddress.ip_address(address).is_loopback:
        return f"http://localhost:{port}"
    host = f"[{address}]" if ":" in address else address
    return f"http://{host}:{port}"


def server_arguments(port: int, address: str, headless: bool) -> list[str]:
    """The `streamlit run` options `landscape serve` starts the server with."""
    return [
        "--server.port",
        str(port),
        "--server.address",
        address,
        "--server.headless",
        "true" if headless else "false",
    ]


@app.command("serve")
def serve(
    port: int = typer.Option(
        8501, min=1, max=65535, help="Port to listen on (one in use is reported, with a free one)."
    ),
    address: str = typer.Option(
        LOCAL_ADDRESS,
        "--address",
        envvar="STREAMLIT_SERVER_ADDRESS",
        help="Address to listen on: 127.0.0.1 is this machine only; 0.0.0.0 is every interface"
        " (behind a reverse proxy or firewall), or give one of the machine's addresses.",
    ),
    headless: bool = typer.Option(True, help="Do not open a browser window."),
    demo: bool = typer.Option(True, help="Load the demo data set when the store is empty."),
    yes: bool = YES_CREATE,
) -> None:
    """Upgrade the schema, load the demo data if the store is empty, and start the app.

    `landscape serve` becomes the server: stopping its process id stops the app. Settings
    come from the environment and the `.env` in the directory it is started in, for the
    command and the app alike.

    The first start creates the default store (data/landscape.sqlite3) without asking. A
    DATABASE_URL naming a SQLite file in a folder that does not exist is a question
    ("Create <folder> and a new empty store there?", no unless you say yes); with no terminal
    to ask at, it is refused unless --yes is given. A port already in use is reported before anything is
    done, with a free one to use instead (--port).

    The app listens on this machine only (127.0.0.1) unless --address says otherwise.
    """
    _usable_url()
    address = _address_or_fail(address)
    _port_or_fail(port, address)
    _upgrade(yes)
    if demo:
        summary = build.ensure_data(get_engine())
        if summary is not None:
            typer.echo(f"First start: loaded the demo data set ({summary.services} services).")
    typer.echo(f"Starting the app at {_browser_address(address, port)}")
    command = [
        sys.executable,
        "-P",  # the working directory is the person's, not a place to import code from
        "-m",
        "dashboard.serving.launch",
        *server_arguments(port, address, headless),
    ]
    _start_server(command)


def _start_server(command: list[str]) -> NoReturn:
    """Become the Streamlit server: the same process, so its id is `landscape serve`'s.

    Stopping `landscape serve` by its process id (`kill <pid>`, a service manager, a
    container's stop) therefore stops the server and frees the port; started as a child,
    the server went on answering after its parent had gone. Where a process cannot be
    replaced (not POSIX), the server runs as a child and Ctrl+C reaches both.

    The server stays in the directory the command was started in, so it reads the same
    `.env` (and a relative SQLite path means the same file) as the command that has just
    migrated the store. Streamlit reads the app's `.streamlit/config.toml` beside serve.py
    wherever it is started from.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    get_engine().dispose()  # the server opens its own connections
    if os.name == "posix":
        os.execv(command[0], command)
    raise typer.Exit(code=subprocess.call(command))


if __name__ == "__main__":
    app()
