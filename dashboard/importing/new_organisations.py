"""Organisations a services file names that the store does not hold yet.

A services file often names its organisation by name ("Department", "Body/Agency",
"Organisation") rather than by a code the store knows. Each such name becomes one `Proposal`
(a suggested code, a sector when a column of the file gives one, and the existing
organisations it looks like), never one problem per row. Once the data steward confirms the
proposals and their sector (`Choices`), they are written as organisations in the same
transaction as the services; a proposal can instead be taken as an existing organisation.

A file without service codes gets stable ones, `<organisation code>-<service name>`, so the
same file imported again updates the same services.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import col

from dashboard.common.i18n import is_welsh, t, tn
from dashboard.importing import other_languages
from dashboard.importing.entities import ORGANISATIONS, SERVICES
from dashboard.importing.mapping import Mapping
from dashboard.importing.not_recorded import NOT_RECORDED
from dashboard.importing.problems import WARNING, Problem
from dashboard.importing.service_codes import (
    CODE_LENGTH,
    SERVICE_CODE_LENGTH,
    resolve_organisation,
    service_code,
    slug,
)
from dashboard.importing.sheets import Sheet
from dashboard.importing.validation import Checked, Known, validate
from dashboard.importing.vocabularies import SECTOR, normalise
from db.models import Organisation

#: Column names (normalised) that say which sector an organisation is in.
SECTOR_HEADERS = frozenset(
    {"sector", "organisation sector", "org sector", "body sector", "sector code", "sector name"}
)
#: Column names (normalised) that name the body above the organisation.
PARENT_HEADERS = frozenset(
    {"parent", "parent department", "parent body", "parent organisation", "sponsor department"}
)
#: The type of body a new organisation gets from its sector.
TYPE_FOR_SECTOR = {
    "central_government": "government",
    "local_authority": "principal_council",
    "health": "local_health_board",
    "arms_length_body": "sponsored_body",
    "third_sector": "charity",
}
#: Words that say what kind of body it is rather than which: left out when comparing names.
_GENERIC = frozenset(
    {
        "city",
        "county",
        "borough",
        "council",
        "of",
        "the",
        "and",
        "cyngor",
        "sir",
        "dinas",
        "bwrdeistref",
    }
)
#: How alike two names' distinctive words must be to be flagged as perhaps the same body.
NEAR = 0.85


@dataclass(frozen=True)
class Proposal:
    """One organisation the file names and the store does not hold."""

    name: str
    code: str
    rows: int
    sector: str | None = None
    parent: str | None = None
    #: Existing organisations (code, English name) whose name looks like this one.
    similar: tuple[tuple[str, str], ...] = ()


@dataclass
class Choices:
    """What the data steward decided about the proposals."""

    #: Create the proposals (those not taken as an existing organisation).
    create: bool = False
    #: The sector of proposals the file gives none for.
    sector: str | None = None
    #: Proposal name -> sector, for one proposal.
    sectors: dict[str, str] = field(default_factory=dict)
    #: Proposal name -> the code of an existing organisation it is.
    same_as: dict[str, str] = field(default_factory=dict)


def _unique(code: str, taken: set[str], length: int) -> str:
    if code not in taken:
        return code
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = code[: length - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        number += 1


def distinctive(name: str) -> str:
    """A body's name without the words every council shares ("City of", "Council", "Cyngor")."""
    words = [w for w in normalise(name).split() if w not in _GENERIC]
    return " ".join(words) or normalise(name)


def looks_alike(a: str, b: str) -> bool:
    left, right = distinctive(a), distinctive(b)
    return left == right or SequenceMatcher(None, left, right).ratio() >= NEAR


def existing_organisations(engine: Engine) -> dict[str, str]:
    """code -> English name of every organisation in the store."""
    with engine.connect() as connection:
        rows = connection.execute(select(col(Organisation.code), col(Organisation.name_en))).all()
    return {str(code): str(name) for code, name in rows}


def _column_named(sheet: Sheet, mapping: Mapping, names: frozenset[str]) -> str | None:
    for column in sheet.columns:
        if column not in mapping.columns and normalise(column) in names:
            return column
    return None


def resolves(text: str, known: Known) -> bool:
    """The store (or an earlier table) knows this organisation by code or by name."""
    if text in known.organisations:
        return True
    if text.casefold() in {c.casefold() for c in known.organisations}:
        return True
    return bool(known.organisation_names.get(normalise(text)))


def _resolve(text: str, known: Known) -> str | None:
    return resolve_organisation(text, known.organisations, known.organisation_names)


def propose(
    sheet: Sheet, mapping: Mapping, known: Known, existing: dict[str, str]
) -> list[Proposal]:
    """The organisations a services table names that `known` does not hold, most rows first;
    nothing for other tables. `existing` (code -> English name) is what look-alikes are
    sought among."""
    if mapping.entity != SERVICES.name:
        return []
    column = mapping.fields.get("organisation")
    if column is None or column not in sheet.frame:
        return []
    frame = sheet.frame
    names = frame[column].dropna().astype(str).str.strip()
    names = names[names != ""]
    counts = Counter(n for n in names if not resolves(n, known))
    if not counts:
        return []
    sector_column = _column_named(sheet, mapping, SECTOR_HEADERS)
    parent_column = _column_named(sheet, mapping, PARENT_HEADERS)
    taken = set(known.organisations)
    proposals = []
    for name, rows in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        mine = names[names == name].index
        code = _unique(slug(name) or "organisation", taken, CODE_LENGTH)
        taken.add(code)
        proposals.append(
            Proposal(
                name=name,
                code=code,
                rows=rows,
                sector=_most_common(frame, sector_column, mine, SECTOR.lookup),
                parent=_most_common(frame, parent_column, mine, lambda text: text),
                similar=tuple((c, n) for c, n in sorted(existing.items()) if looks_alike(name, n)),
            )
        )
    return proposals


def _most_common(
    frame: pd.DataFrame, column: str | None, index: pd.Index, read: Callable[[str], str | None]
) -> str | None:
    if column is None:
        return None
    values = [read(str(v).strip()) for v in frame.loc[index, column].dropna() if str(v).strip()]
    found = Counter(v for v in values if v)
    return str(found.most_common(1)[0][0]) if found else None


def sector_of(proposal: Proposal, choices: Choices) -> str | None:
    return choices.sectors.get(proposal.name) or proposal.sector or choices.sector


def to_create(proposals: list[Proposal], choices: Choices) -> list[Proposal]:
    """The proposals that become new organisations under these choices."""
    if not choices.create:
        return []
    return [p for p in proposals if p.name not in choices.same_as]


def organisations_sheet(proposals: list[Proposal], choices: Choices) -> Sheet:
    """The organisations to create, as a table the organisations check reads."""
    chosen = [p for p in to_create(proposals, choices) if sector_of(p, choices)]
    rows = [
        {
            "code": p.code,
            "name_en": p.name,
            "sector": sector_of(p, choices),
            # a sector not recorded leaves the type not recorded too: never a guess
            "org_type": TYPE_FOR_SECTOR.get(sector_of(p, choices) or "", NOT_RECORDED),
        }
        for p in chosen
    ]
    frame = pd.DataFrame(rows, columns=["code", "name_en", "sector", "org_type"], dtype=object)
    return Sheet(
        name=ORGANISATIONS.name,
        columns=list(frame.columns),
        frame=frame,
        rows=np.arange(2, len(frame) + 2),
    )


def with_service_codes(
    sheet: Sheet, mapping: Mapping, known: Known, proposals: list[Proposal], choices: Choices
) -> tuple[Sheet, Mapping]:
    """The table with a generated service code for each row when the file has no codes:
    `<organisation code>-<name>`, the same for the same organisation and name on every import;
    a second service whose code would be the same gets `-2`, `-3` in file order."""
    fields = mapping.fields
    if (
        mapping.entity != SERVICES.name
        or "code" in fields
        or "organisation" not in fields
        or "name_en" not in fields
    ):
        return sheet, mapping
    codes_of = {p.name: choices.same_as.get(p.name, p.code) for p in proposals}
    frame = sheet.frame
    generated: list[str | None] = []
    taken: set[str] = set()
    first: dict[tuple[str, str], str] = {}
    for org_text, name in zip(frame[fields["organisation"]], frame[fields["name_en"]], strict=True):
        org_text = str(org_text).strip() if pd.notna(org_text) else ""
        name = str(name).strip() if pd.notna(name) else ""
        org = codes_of.get(org_text) or _resolve(org_text, known)
        if not org or not name:
            generated.append(None)
            continue
        pair = (org, normalise(name))
        if pair in first:  # the same service again: the duplicate check speaks for it
            generated.append(first[pair])
            continue
        base = service_code(org, name)
        code = _unique(base, taken, SERVICE_CODE_LENGTH)
        taken.add(code)
        first[pair] = code
        generated.append(code)
    column = _free_name(sheet, t("Service code (generated)"))
    with_codes = frame.copy()
    with_codes[column] = pd.Series(generated, index=frame.index, dtype=object)
    return (
        replace(sheet, columns=[*sheet.columns, column], frame=with_codes),
        replace(mapping, columns={**mapping.columns, column: "code"}),
    )


def with_chosen_sector(sheet: Sheet, mapping: Mapping, choices: Choices) -> tuple[Sheet, Mapping]:
    """An organisations table with no sector column takes the sector the steward chose for
    every row (and the type of body that sector's organisations are, when no column says)."""
    fields = mapping.fields
    if mapping.entity != ORGANISATIONS.name or "sector" in fields or not choices.sector:
        return sheet, mapping
    frame = sheet.frame.copy()
    added = {_free_name(sheet, t("Sector (chosen)")): ("sector", choices.sector)}
    if "org_type" not in fields:
        kind = TYPE_FOR_SECTOR.get(choices.sector, NOT_RECORDED)
        added[_free_name(sheet, t("Type of organisation (from the sector)"))] = ("org_type", kind)
    for column, (_field, value) in added.items():
        frame[column] = value
    return (
        replace(sheet, columns=[*sheet.columns, *added], frame=frame),
        replace(mapping, columns={**mapping.columns, **{c: f for c, (f, _v) in added.items()}}),
    )


def _free_name(sheet: Sheet, wanted: str) -> str:
    name, number = wanted, 2
    while name in sheet.columns:
        name, number = f"{wanted} {number}", number + 1
    return name


@dataclass
class Prepared:
    """A services table made ready to check: codes generated, new organisations checked first."""

    sheet: Sheet
    mapping: Mapping
    proposals: list[Proposal]
    first: list[Checked]
    problems: list[Problem]


def prepare(
    sheet: Sheet, mapping: Mapping, known: Known, existing: dict[str, str], choices: Choices
) -> Prepared:
    """Take the steward's choices into `known` (organisations taken as existing ones, new
    organisations checked as an organisations table) and give the table its service codes."""
    sheet, mapping = other_languages.kept_in_notes(sheet, mapping)
    sheet, mapping = with_chosen_sector(sheet, mapping, choices)
    proposals = propose(sheet, mapping, known, existing)
    problems: list[Problem] = []
    for proposal in proposals:
        code = choices.same_as.get(proposal.name)
        if code is not None:
            known.add_organisation(code, proposal.name)
    first: list[Checked] = []
    if proposals and choices.create:
        new = organisations_sheet(proposals, choices)
        if new.row_count:
            as_is = Mapping(ORGANISATIONS.name, {c: c for c in new.columns})
            checked = validate(new, ORGANISATIONS, as_is, known)
            known.learn(checked)
            first.append(checked)
        without = [p.name for p in to_create(proposals, choices) if not sector_of(p, choices)]
        if without:
            problems.append(
                Problem(
                    message=tn(
                        "No sector is given for the new organisation {names}.",
                        "No sector is given for the new organisations {names}.",
                        len(without),
                        names=_quoted(without),
                    ),
                    action=t(
                        "Choose their sector (on the command line, --sector), or add a Sector "
                        "column to the file."
                    ),
                    column=SERVICES.field("organisation").label,
                )
            )
    for proposal in proposals:
        if proposal.similar and proposal.name not in choices.same_as:
            problems.append(
                Problem(
                    message=t(
                        "“{name}” looks like an organisation already in the catalogue: {similar}.",
                        name=proposal.name,
                        similar=", ".join(f"{n} ({c})" for c, n in proposal.similar),
                    ),
                    action=t(
                        "If it is the same body, take it as that organisation (on the command "
                        "line, --organisation-as “{name}=CODE”) instead of creating a new one.",
                        name=proposal.name,
                    ),
                    column=SERVICES.field("organisation").label,
                    value=proposal.name,
                    severity=WARNING,
                )
            )
    sheet, mapping = with_service_codes(sheet, mapping, known, proposals, choices)
    return Prepared(sheet, mapping, proposals, first, problems)


def _quoted(names: list[str]) -> str:
    return ", ".join(f"“{n}”" for n in names)


def grouped(checked: list[Checked], proposals: list[Proposal], extra: list[Problem]) -> None:
    """One problem per organisation the store does not hold, instead of one per row, in the
    services table's report (its rows stay left out); then the `extra` problems."""
    names = {p.name: p for p in proposals}
    for result in checked:
        if result.entity.name != SERVICES.name:
            continue
        organisation = result.mapping.fields.get("organisation")
        kept: list[Problem] = []
        counted: Counter[str] = Counter()
        for problem in result.problems:
            if problem.column == organisation and problem.value in names and problem.is_error:
                counted[problem.value] += 1
                continue
            kept.append(problem)
        for name, rows in counted.items():
            kept.append(
                Problem(
                    message=tn(
                        "One row names the organisation “{name}”, which is not in the catalogue.",
                        "{n} rows name the organisation “{name}”, which is not in the catalogue.",
                        rows,
                        name=name,
                    ),
                    action=t(
                        "Confirm it as a new organisation with its sector (on the command line, "
                        "--create-organisations --sector SECTOR), take it as an organisation "
                        "already in the catalogue, or correct the name in the file."
                    ),
                    column=organisation,
                    value=name,
                )
            )
        result.problems[:] = kept + [replace(p, column=organisation) for p in extra]
        return


def preview(proposals: list[Proposal], choices: Choices) -> pd.DataFrame:
    """The proposals as a table to show: name, code, sector, type, rows, look-alikes."""
    rows = []
    for p in proposals:
        sector = sector_of(p, choices)
        same = choices.same_as.get(p.name)
        rows.append(
            {
                t("Organisation in the file"): p.name,
                t("Code"): same or p.code,
                t("Sector"): SECTOR.label(sector, is_welsh()) if sector else t("not chosen"),
                t("Parent body"): p.parent or "",
                t("Services"): p.rows,
                t("Looks like"): ", ".join(f"{n} ({c})" for c, n in p.similar),
                t("What happens"): t("taken as {code}", code=same)
                if same
                else (t("created") if choices.create else t("not created yet")),
            }
        )
    return pd.DataFrame(rows)
