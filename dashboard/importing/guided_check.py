"""The check and the write as the data steward's choices shape them.

Around the plain pipeline: whether the invented demo data is replaced (then the file is
checked against a store without it), which organisations the file names are new and what the
steward decided about them, and the service codes made for a file that has none.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from dashboard.importing import demo_replacement, new_organisations, pipeline
from dashboard.importing.commit import Outcome
from dashboard.importing.new_organisations import Choices, Proposal
from dashboard.importing.pipeline import Job, Progress
from dashboard.importing.problems import Problem
from dashboard.importing.validation import Checked, Known


@dataclass
class Guided:
    """A checked job: what to write, what the report says, what the steward must decide."""

    job: Job
    checked: list[Checked]
    proposals: list[Proposal]
    #: The store holds the demo (or a generated) data set.
    invented: bool
    replace_demo: bool

    def problems(self) -> list[Problem]:
        return pipeline.problems(self.job, self.checked)

    @property
    def organisations_created(self) -> int:
        return sum(r.accepted for r in self.checked if r.entity.name == "organisations")


def known_for(engine: Engine, replacing: bool) -> Known:
    """What the file is checked against: the store, or its reference data alone when the
    invented catalogue is being replaced."""
    pipeline.ensure_reference(engine)
    known = Known.load(engine)
    return demo_replacement.without_catalogue(known) if replacing else known


def proposals(engine: Engine, job: Job, replace_demo: bool = False) -> list[Proposal]:
    """The organisations the file names that the store (as it will be) does not hold."""
    replacing = replace_demo and demo_replacement.holds_invented(engine)
    existing = {} if replacing else new_organisations.existing_organisations(engine)
    return new_organisations.propose(job, known_for(engine, replacing), existing)


def check(
    engine: Engine,
    job: Job,
    choices: Choices | None = None,
    *,
    replace_demo: bool = False,
    progress: Progress | None = None,
) -> Guided:
    """Check the job under the steward's choices; nothing is written."""
    choices = choices or Choices()
    invented = demo_replacement.holds_invented(engine)
    replacing = replace_demo and invented
    known = known_for(engine, replacing)
    existing = {} if replacing else new_organisations.existing_organisations(engine)
    prepared = new_organisations.prepare(job, known, existing, choices)
    checked = prepared.first + pipeline.check(engine, prepared.job, progress, known=known)
    new_organisations.grouped(checked, prepared.proposals, prepared.problems)
    return Guided(prepared.job, checked, prepared.proposals, invented, replace_demo)


def run(
    engine: Engine,
    guided: Guided,
    who: str,
    via: str = "app",
    *,
    valid_only: bool = False,
    trial: bool = False,
    progress: Progress | None = None,
) -> Outcome:
    """Write the checked job (or try it and roll back); real rows never join invented ones
    unless the steward chose to replace them."""
    if not trial:
        demo_replacement.refuse_unless_replacing(engine, guided.replace_demo)
    return pipeline.run(
        engine,
        guided.job,
        guided.checked,
        who,
        via,
        valid_only=valid_only,
        trial=trial,
        progress=progress,
        replace_demo=guided.replace_demo and demo_replacement.holds_invented(engine),
    )
