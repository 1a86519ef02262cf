"""One import from file to database, the same for the Data page and the command line.

`prepare` decides which tables of the upload feed which entity under which mapping (a full
export's sheets by their names; a single table by its columns, or as told); `check` validates
them in order, so a workbook's services may name organisations from its own organisations
sheet; `run` writes them all in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.common.exports import to_csv
from dashboard.common.i18n import t
from dashboard.importing import commit as committing
from dashboard.importing import demo_replacement, new_organisations, service_names
from dashboard.importing.entities import BY_NAME, ENTITIES, Entity
from dashboard.importing.mapping import (
    Guess,
    Mapping,
    entity_for_sheet_name,
    guess_entity,
    propose,
)
from dashboard.importing.new_organisations import Choices, Proposal
from dashboard.importing.problems import WARNING, ImportFailure, Problem
from dashboard.importing.reading import Sheet, Upload
from dashboard.importing.validation import Checked, Known, validate
from dashboard.importing.wide_periods import read_wide_periods

Progress = Callable[[float, str], None]
EVERYTHING = "everything"


class UnclearEntity(ImportFailure):
    """The columns fit more than one kind of table equally: the person must say which."""

    def __init__(self, candidates: tuple[Entity, ...], notes: Iterable[Problem] = ()) -> None:
        super().__init__(
            t(
                "The import cannot tell what this file holds: its columns fit {candidates}.",
                candidates=_or(candidates),
            )
            if len(candidates) < len(ENTITIES)
            else t(
                "The import cannot tell what this file holds: none of its columns has a name "
                "it knows."
            ),
            t("Say which kind of table it is."),
        )
        self.candidates = candidates
        #: What reading the file found (a merged header, a guessed encoding): often the reason
        #: its columns were not recognised.
        self.notes = list(notes)

    def __str__(self) -> str:
        return " ".join([super().__str__(), *(f"{p.message} {p.action}" for p in self.notes)])


def _or(entities: tuple[Entity, ...]) -> str:
    labels = [e.label.lower() for e in entities]
    if len(labels) == 1:
        return labels[0]
    return t("{some} or {last}", some=", ".join(labels[:-1]), last=labels[-1])


@dataclass
class Plan:
    sheet: Sheet
    entity: Entity
    mapping: Mapping


@dataclass
class Job:
    upload: Upload
    plans: list[Plan]
    #: Sheets left out, said as warnings (a README sheet, an unknown table).
    skipped: list[Problem] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return len(self.plans) > 1

    @property
    def entity_name(self) -> str:
        return EVERYTHING if self.full else self.plans[0].entity.name


def is_full_export(upload: Upload) -> bool:
    """Several tables named as the export names them (organisations, services, ...)."""
    named = [s for s in upload.sheets if entity_for_sheet_name(s.name) is not None]
    return len(named) >= 2


def prepare(
    upload: Upload,
    entity: str | None = None,
    sheet: str | None = None,
    saved: Mapping | None = None,
) -> Job:
    if entity in (None, EVERYTHING) and sheet is None and is_full_export(upload):
        return _full(upload)
    if entity == EVERYTHING:
        raise ImportFailure(
            t("This file is not a full export: it does not have a table for each kind of data."),
            t("Choose what the file holds (organisations, services, ...) and import it alone."),
        )
    asked = entity or (saved.entity if saved else None)
    # a column per period and measure is read long as metric answers, unless the steward asks
    # for something else from the same file (its services, say)
    chosen = _sheet(upload, sheet, melt=asked in (None, "metric_answers"))
    target = (
        BY_NAME[entity]
        if entity
        else (BY_NAME[saved.entity] if saved else entity_for_sheet_name(chosen.name))
    )
    if target is None:
        found = guess_entity(chosen)
        broken = [p for p in chosen.notes if p.is_error]
        if not found.sure and broken:
            raise ImportFailure(broken[0].message, broken[0].action)  # the file first
        if not found.sure:
            raise UnclearEntity(found.candidates, chosen.notes)
        target = found.entity
    return Job(upload, [Plan(chosen, target, propose(chosen, target, saved))])


def guess(upload: Upload, sheet: str | None = None) -> Guess:
    """What one table of the upload holds, as far as its name and columns tell."""
    chosen = _sheet(upload, sheet)
    named = entity_for_sheet_name(chosen.name)
    return Guess(named, True, (named,)) if named else guess_entity(chosen)


def _sheet(upload: Upload, name: str | None, melt: bool = True) -> Sheet:
    try:
        chosen = upload.sheets[0] if name is None else upload.sheet(name)
    except KeyError:
        names = ", ".join(s.name for s in upload.sheets)
        raise ImportFailure(
            t("The file has no sheet called “{name}”.", name=name),
            t("Its sheets are: {names}.", names=names),
        ) from None
    if not melt:
        return chosen
    return read_wide_periods(upload, chosen)  # a column per period and measure: read long


def _full(upload: Upload) -> Job:
    plans, skipped = [], []
    for sheet in upload.sheets:
        target = entity_for_sheet_name(sheet.name)
        if target is None:
            skipped.append(
                Problem(
                    message=t(
                        "The sheet “{name}” is not a table the import knows, so it was left out.",
                        name=sheet.name,
                    ),
                    action=t("Nothing to do if it holds notes."),
                    severity=WARNING,
                    table=sheet.name,
                )
            )
            continue
        plans.append(Plan(sheet, target, propose(sheet, target)))
    order = {e.name: i for i, e in enumerate(ENTITIES)}
    plans.sort(key=lambda p: order[p.entity.name])
    return Job(upload, plans, skipped)


def check(
    engine: Engine, job: Job, progress: Progress | None = None, known: Known | None = None
) -> list[Checked]:
    """Validate every table of the job against the store (or `known`); nothing is written."""
    report = progress or (lambda _share, _text: None)
    ensure_reference(engine)
    known = known if known is not None else Known.load(engine)
    checked = []
    total = sum(p.sheet.row_count for p in job.plans) or 1
    done = 0
    for plan in job.plans:
        rows = plan.sheet.row_count

        def step(share: float, text: str, done: int = done, rows: int = rows) -> None:
            report((done + share * rows) / total, text)

        result = validate(plan.sheet, plan.entity, plan.mapping, known, step)
        known.learn(result)
        checked.append(result)
        done += rows
    return checked


def ensure_reference(engine: Engine) -> None:
    """Survey questions, standards and themes are checked against: make sure a fresh store
    has its fixed reference data (the same rows `landscape db upgrade` users get on first
    load; the data version does not move)."""
    from sqlalchemy import func, select

    from db.engine import write_session
    from db.models import SurveyInstrument
    from db.reference.load import load_reference

    with engine.connect() as connection:
        present = connection.execute(select(func.count()).select_from(SurveyInstrument)).scalar()
    if not present:
        with write_session(engine) as session:
            load_reference(session)


def problems(job: Job, checked: list[Checked]) -> list[Problem]:
    """Every problem of every table; a full import names the table of each."""
    found = list(job.skipped)
    for result in checked:
        for problem in result.problems:
            if job.full:
                problem = Problem(**{**problem.__dict__, "table": result.entity.name})
            found.append(problem)
    return found


def report_csv(found: list[Problem]) -> bytes:
    """The report as a CSV file (UTF-8 with BOM; values from the file made formula-safe)."""
    return to_csv(report_frame(found))


def rejected_csv(job: Job, checked: list[Checked]) -> bytes:
    frames = []
    for result in checked:
        if not result.rejected_count:
            continue
        frame = result.rejected_rows()
        if job.full:
            frame.insert(0, t("Table"), result.entity.name)
        frames.append(frame)
    combined = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return to_csv(combined)


def run(
    engine: Engine,
    job: Job,
    checked: list[Checked],
    who: str,
    via: str = "app",
    *,
    valid_only: bool = False,
    trial: bool = False,
    progress: Progress | None = None,
    replace_demo: bool = False,
    actor: str | None = None,
) -> committing.Outcome:
    """Write the checked job; `who` goes in the import log, `actor` (the signed-in person,
    `who` when not given) in the audit trail."""
    source = committing.Source(
        file_name=job.upload.file_name,
        sha256=job.upload.sha256,
        who=who,
        via=via,
        mapping_name=None if job.full else job.plans[0].mapping.name,
        entity=job.entity_name,
        actor=actor,
    )
    return committing.commit(
        engine,
        checked,
        source,
        valid_only=valid_only,
        trial=trial,
        progress=progress,
        replace_demo=replace_demo,
    )


def report_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    """The report as a table with headed columns in the language of the run."""
    rows = [
        {
            t("Table"): p.table or "",
            t("Row"): p.row,
            t("Column"): p.column or "",
            t("Value"): p.value if p.value is not None else "",
            t("Severity"): t("Error") if p.is_error else t("Warning"),
            t("Problem"): p.message,
            t("What to do"): p.action,
        }
        for p in problems
    ]
    columns = [
        t("Table"),
        t("Row"),
        t("Column"),
        t("Value"),
        t("Severity"),
        t("Problem"),
        t("What to do"),
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame[t("Row")] = frame[t("Row")].astype("Int64")
    if not frame[t("Table")].astype(bool).any():
        frame = frame.drop(columns=[t("Table")])
    return frame


# -- the data steward's choices: replacing the demo data, new organisations ------------------------


@dataclass
class Guided:
    """A job checked under the steward's choices: what to write, what the report says, what the
    steward must still decide."""

    job: Job
    checked: list[Checked]
    proposals: list[Proposal]
    #: The store holds the demo (or a generated) data set.
    invented: bool
    replace_demo: bool

    def problems(self) -> list[Problem]:
        return problems(self.job, self.checked)


def known_for(engine: Engine, replacing: bool) -> Known:
    """What a file is checked against: the store, or its reference data alone when the
    invented catalogue is being replaced."""
    ensure_reference(engine)
    known = Known.load(engine)
    if not replacing:
        return known
    return Known(themes=known.themes, theme_names=known.theme_names, questions=known.questions)


def proposals(engine: Engine, job: Job, replace_demo: bool = False) -> list[Proposal]:
    """The organisations a single services table names that the store (as it will be) lacks."""
    if job.full:
        return []
    replacing = replace_demo and demo_replacement.holds_invented(engine)
    existing = {} if replacing else new_organisations.existing_organisations(engine)
    plan = job.plans[0]
    return new_organisations.propose(
        plan.sheet, plan.mapping, known_for(engine, replacing), existing
    )


def guided_check(
    engine: Engine,
    job: Job,
    choices: Choices | None = None,
    *,
    replace_demo: bool = False,
    progress: Progress | None = None,
) -> Guided:
    """Check the job under the steward's choices (organisations created or taken as existing
    ones, service codes made for a file without them, the demo replaced); nothing is written."""
    choices = choices or Choices()
    invented = demo_replacement.holds_invented(engine)
    replacing = replace_demo and invented
    known = known_for(engine, replacing)
    if job.full:
        return Guided(job, check(engine, job, progress, known), [], invented, replace_demo)
    existing = {} if replacing else new_organisations.existing_organisations(engine)
    plan = job.plans[0]
    ready = new_organisations.prepare(plan.sheet, plan.mapping, known, existing, choices)
    mapping = service_names.with_name_column(ready.sheet, ready.mapping)
    named = service_names.Named(ready.sheet, mapping)
    if service_names.needs_names(ready.sheet, mapping, known):
        # figures for services named by organisation and name: found in the store by both
        stored = service_names.stored_services(engine)
        named = service_names.with_service_codes(ready.sheet, mapping, known, stored)
    job = Job(job.upload, [Plan(named.sheet, plan.entity, named.mapping)], job.skipped)
    checked = ready.first + check(engine, job, progress, known)
    new_organisations.grouped(checked, ready.proposals, ready.problems)
    service_names.regrouped(checked, named)
    return Guided(job, checked, ready.proposals, invented, replace_demo)


def guided_run(
    engine: Engine,
    guided: Guided,
    who: str,
    via: str = "app",
    *,
    valid_only: bool = False,
    trial: bool = False,
    progress: Progress | None = None,
    actor: str | None = None,
) -> committing.Outcome:
    """Write the checked job (or try it and roll back); real rows never join invented ones
    unless the steward chose to replace them. `actor` is who the audit trail names."""
    if not trial:
        demo_replacement.refuse_unless_replacing(engine, guided.replace_demo)
    return run(
        engine,
        guided.job,
        guided.checked,
        who,
        via,
        valid_only=valid_only,
        trial=trial,
        progress=progress,
        replace_demo=guided.replace_demo and demo_replacement.holds_invented(engine),
        actor=actor,
    )
