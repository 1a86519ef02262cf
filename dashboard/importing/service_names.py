"""Figures for services a file names by organisation and service name rather than by code.

Published figures often name a service only by its name, beside a column that names its
organisation ("Department", "Organisation"). Once the services are in (a services file without
codes gets `<organisation code>-<service name>` codes, see `new_organisations`), each row of
such a metric answers file (or wide period file) is matched to the stored service of that
organisation with that name, English or Welsh. A name that matches no service of the
organisation, or two, is one problem for the row that says what to do; never a guess, never
a row dropped without a word.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import col

from dashboard.common.i18n import t
from dashboard.importing.mapping import Mapping
from dashboard.importing.problems import Problem
from dashboard.importing.reading import Sheet
from dashboard.importing.service_codes import resolve_organisation, service_code
from dashboard.importing.validation import Checked, Known
from dashboard.importing.vocabularies import normalise
from dashboard.importing.wide_periods import organisation_column
from db.models import Organisation, Service

#: (organisation code, service name normalised) -> the codes of the services so named.
ByName = dict[tuple[str, str], tuple[str, ...]]


def stored_services(engine: Engine) -> ByName:
    """Every stored service by its organisation's code and its English and Welsh names."""
    query = select(
        col(Service.code), col(Organisation.code), col(Service.name_en), col(Service.name_cy)
    ).join(Organisation, col(Organisation.id) == col(Service.organisation_id))
    found: dict[tuple[str, str], list[str]] = {}
    with engine.connect() as connection:
        for code, organisation, en, cy in connection.execute(query):
            for name in {normalise(n) for n in (en, cy) if n}:
                codes = found.setdefault((organisation, name), [])
                if code not in codes:
                    codes.append(code)
    return {key: tuple(codes) for key, codes in found.items()}


@dataclass
class Named:
    """A metric answers table with services found by organisation and name: the table, the
    problems of the rows whose service was not found, and those rows' service cells."""

    sheet: Sheet
    mapping: Mapping
    problems: list[Problem] = field(default_factory=list)
    #: The service cells (as the file wrote them) of rows these problems speak for.
    unmatched: set[str] = field(default_factory=set)


def _organisation_column(sheet: Sheet, mapping: Mapping) -> str | None:
    free = [c for c in sheet.columns if c not in mapping.columns]
    return organisation_column(free)


#: Headers (normalised) of a column that names the service by its name.
NAME_HEADERS = ("service name", "name of service", "name of the service", "enw r gwasanaeth")


def with_name_column(sheet: Sheet, mapping: Mapping) -> Mapping:
    """A metric answers mapping with no service code column takes a column that names the
    service by name ("Service name") as the service, when a column names its organisation."""
    if mapping.entity != "metric_answers" or "service" in mapping.fields:
        return mapping
    free = [c for c in sheet.columns if c not in mapping.columns and c not in mapping.left_out]
    by_header = {normalise(c): c for c in free}
    column = next((by_header[n] for n in NAME_HEADERS if n in by_header), None)
    if column is None or organisation_column([c for c in free if c != column]) is None:
        return mapping
    return replace(mapping, columns={**mapping.columns, column: "service"})


def needs_names(sheet: Sheet, mapping: Mapping, known: Known) -> bool:
    """A metric answers table that names some service by something other than a code, beside
    a column naming the organisation."""
    service = mapping.fields.get("service")
    if mapping.entity != "metric_answers" or service is None:
        return False
    if _organisation_column(sheet, mapping) is None:
        return False
    values = sheet.frame[service].dropna().astype(str).str.strip()
    return bool((~values.isin(known.services) & values.ne("")).any())


def with_service_codes(sheet: Sheet, mapping: Mapping, known: Known, stored: ByName) -> Named:
    """The table with each service named by organisation and name replaced by the stored
    service's code (a code the file gives is kept as it is)."""
    service = mapping.fields.get("service")
    organisation = _organisation_column(sheet, mapping)
    if service is None or organisation is None:
        return Named(sheet, mapping)
    frame = sheet.frame
    out: list[object] = []
    problems: dict[int, Problem] = {}
    unmatched: set[str] = set()
    cache: dict[tuple[str, str], tuple[str | None, Problem | None]] = {}
    pairs = zip(frame[organisation].tolist(), frame[service].tolist(), strict=True)
    for position, (org_cell, name_cell) in enumerate(pairs):
        name = "" if pd.isna(name_cell) else str(name_cell).strip()
        org_text = "" if pd.isna(org_cell) else str(org_cell).strip()
        if not name or name in known.services:
            out.append(name_cell)
            continue
        key = (org_text, name)
        if key not in cache:
            cache[key] = _find(org_text, name, known, stored, service, organisation)
        code, problem = cache[key]
        if code is not None:
            out.append(code)
            continue
        out.append(name_cell)
        unmatched.update({name, str(name_cell)})
        row = int(sheet.rows[position])
        if problem is not None and row not in problems:
            problems[row] = replace(problem, row=row)
    with_codes = frame.copy()
    with_codes[service] = pd.Series(out, index=frame.index, dtype=object)
    return Named(replace(sheet, frame=with_codes), mapping, list(problems.values()), unmatched)


def _find(
    org_text: str, name: str, known: Known, stored: ByName, service: str, organisation: str
) -> tuple[str | None, Problem | None]:
    """The code of the one service of this organisation with this name, or the problem."""
    org = (
        resolve_organisation(org_text, known.organisations, known.organisation_names)
        if org_text
        else None
    )
    if org is None:
        return None, Problem(
            message=t(
                "The service “{name}” is named by its name, but its organisation “{organisation}” "
                "is not in the catalogue, so the service cannot be found.",
                name=name,
                organisation=org_text,
            ),
            action=t(
                "Import the services file first (it creates the organisation), or correct the "
                "organisation's name in the “{column}” column.",
                column=organisation,
            ),
            column=organisation,
            value=org_text,
        )
    codes = stored.get((org, normalise(name)), ())
    if not codes:
        # the code the services import made for a file without codes
        generated = service_code(org, name)
        codes = (generated,) if generated in known.services else ()
    if len(codes) == 1:
        return codes[0], None
    if not codes:
        return None, Problem(
            message=t(
                "No service of “{organisation}” is called “{name}”.",
                organisation=org_text,
                name=name,
            ),
            action=t(
                "Import the services first (the same file, as services), correct the name to the "
                "one in the catalogue, or give the service's code in a Service code column."
            ),
            column=service,
            value=name,
        )
    return None, Problem(
        message=t(
            "More than one service of “{organisation}” is called “{name}”: {codes}.",
            organisation=org_text,
            name=name,
            codes=", ".join(codes),
        ),
        action=t(
            "Say which with the service's code: add a Service code column and give one of "
            "these codes on this row."
        ),
        column=service,
        value=name,
    )


def regrouped(checked: list[Checked], named: Named) -> None:
    """In the metric answers report, the problem of each row whose service was not found by
    name in place of the check's "There is no service" for each of its answers."""
    if not named.problems and not named.unmatched:
        return
    service = named.mapping.fields.get("service")
    for result in checked:
        if result.entity.name != "metric_answers":
            continue
        kept = [
            p
            for p in result.problems
            if not (p.is_error and p.column == service and p.value in named.unmatched)
        ]
        result.problems[:] = named.problems + kept
