"""Checking a mapped table before anything is written, with every problem said in words.

Three passes: cells are read as their field's type (numbers as people write them, dates in
three formats, value labels, references to organisations, services and themes); then the rules
are checked with a pandera schema per entity (required fields, ranges such as rates 0-100 and
counts >= 0, lengths, duplicates inside the file, what a new row needs); then the rules that
join fields (a metric's figure and its availability) and survey answers against their questions.

Every problem carries the row number as the spreadsheet shows it, the file's column, the value
and what to do. A row with any error is rejected; the rest are ready to write.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine, Row
from sqlmodel import col

from dashboard.common.i18n import is_welsh, t, tn
from dashboard.common.typed_values import LARGEST_FIGURE
from dashboard.importing import cells, not_recorded
from dashboard.importing.entities import Entity, Field, Kind
from dashboard.importing.mapping import (
    Mapping,
    is_sentinel_field,
    sentinel_meaning,
    split_list,
)
from dashboard.importing.problems import (
    ERROR,
    MAX_LISTED,
    WARNING,
    Problem,
    ProblemList,
    shown_value,
)
from dashboard.importing.reading import Sheet, more_of_a_kind
from dashboard.importing.vocabularies import INSTRUMENT, normalise
from dashboard.surveys.answers import parse_answer
from dashboard.surveys.instrument import Question, question_of
from db.models import (
    Journey,
    Organisation,
    Service,
    SurveyInstrument,
    SurveyQuestion,
    SurveySection,
    Theme,
)
from db.vocabulary import METRICS, PERCENT_METRICS, WITH_VALUE

COUNT_METRICS = frozenset(m.code for m in METRICS if m.unit == "count")
NEW = "_new"
Progress = Callable[[float, str], None]


# -- what the store holds ---------------------------------------------------------------------------


@dataclass
class Known:
    """Stable keys the store holds (and that earlier tables of the same import add)."""

    organisations: set[str] = field(default_factory=set)
    organisation_names: dict[str, str | None] = field(default_factory=dict)
    services: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)
    theme_names: dict[str, str | None] = field(default_factory=dict)
    journeys: set[tuple[str, int]] = field(default_factory=set)
    questions: dict[str, dict[str, Question]] = field(default_factory=dict)

    @classmethod
    def load(cls, engine: Engine) -> Known:
        with engine.connect() as connection:
            return cls.read(connection)

    @classmethod
    def read(cls, connection: Connection) -> Known:
        known = cls()
        for code, en, cy, abbreviation in connection.execute(
            select(
                col(Organisation.code),
                col(Organisation.name_en),
                col(Organisation.name_cy),
                col(Organisation.abbreviation),
            )
        ):
            known.add_organisation(code, en, cy, abbreviation)
        known.services = set(connection.execute(select(col(Service.code))).scalars())
        for code, en, cy in connection.execute(
            select(col(Theme.code), col(Theme.name_en), col(Theme.name_cy))
        ):
            known.add_theme(code, en, cy)
        known.journeys = {
            (code, int(position))
            for code, position in connection.execute(
                select(col(Service.code), col(Journey.position)).join(
                    Service, col(Service.id) == col(Journey.service_id)
                )
            )
        }
        known.questions = _questions(connection)
        return known

    def add_organisation(self, code: str, *names: object) -> None:
        self.organisations.add(code)
        for name in names:
            if name:
                key = normalise(name)
                self.organisation_names[key] = (
                    code if self.organisation_names.get(key, code) == code else None
                )

    def add_theme(self, code: str, *names: object) -> None:
        self.themes.add(code)
        for name in names:
            if name:
                key = normalise(name)
                self.theme_names[key] = code if self.theme_names.get(key, code) == code else None

    def learn(self, checked: Checked) -> None:
        """After a table of a full import is checked, its good rows count as known."""
        good = checked.frame[~checked.rejected]
        if not set(checked.entity.key) <= set(good.columns):
            return  # no column holds its key: the check said so, and no row is known by it
        if checked.entity.name == "organisations":
            for row in good.itertuples(index=False):
                self.add_organisation(str(row.code), getattr(row, "name_en", None))
        elif checked.entity.name == "services":
            self.services |= set(good["code"])
        elif checked.entity.name == "themes":
            for row in good.itertuples(index=False):
                self.add_theme(str(row.code), getattr(row, "name_en", None))
        elif checked.entity.name == "journeys":
            self.journeys |= set(zip(good["service"], good["position"].astype(int), strict=True))


def _questions(connection: Connection) -> dict[str, dict[str, Question]]:
    rows: Sequence[Row[*tuple[Any, ...]]] = connection.execute(
        select(col(SurveyInstrument.code).label("instrument"), SurveyQuestion)
        .join(SurveySection, col(SurveySection.id) == col(SurveyQuestion.section_id))
        .join(SurveyInstrument, col(SurveyInstrument.id) == col(SurveySection.instrument_id))
    ).all()
    found: dict[str, dict[str, Question]] = {}
    for row in rows:
        found.setdefault(row.instrument, {})[row.code] = question_of(row)
    return found


# -- the result -----------------------------------------------------------------------------------------


@dataclass
class Checked:
    """A table checked against one entity: typed values, problems, rows rejected."""

    entity: Entity
    sheet: Sheet
    mapping: Mapping
    #: Typed values in canonical columns (only the fields the file gives), one row per file row.
    frame: pd.DataFrame
    problems: list[Problem]
    rejected: np.ndarray
    provided: tuple[str, ...]

    @property
    def rows(self) -> np.ndarray:
        return self.sheet.rows

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def accepted(self) -> int:
        return int((~self.rejected).sum())

    @property
    def rejected_count(self) -> int:
        return int(self.rejected.sum())

    @property
    def fatal(self) -> bool:
        """An error about the whole table (a missing column): no row can be written."""
        return any(p.is_error and p.row is None for p in self.problems)

    def rejected_rows(self) -> pd.DataFrame:
        """The rejected rows as the file had them, with their row number and what was wrong."""
        mask = self.rejected
        frame = self.sheet.frame[mask].copy()
        numbers = self.rows[mask]
        by_row: dict[int, list[str]] = {}
        for problem in self.problems:
            if problem.is_error and problem.row is not None:
                by_row.setdefault(problem.row, []).append(problem.message)
        general = [p.message for p in self.problems if p.is_error and p.row is None]
        frame.insert(0, t("Row"), numbers)
        frame[t("Problems")] = [" ".join(by_row.get(int(n), general)) for n in numbers]
        return frame


# -- checking ----------------------------------------------------------------------------------------


class _Collector:
    """Gathers problems for one table and marks the rows they reject."""

    def __init__(self, sheet: Sheet, entity: Entity, mapping: Mapping) -> None:
        self.sheet = sheet
        self.entity = entity
        self.columns = mapping.fields
        self.problems: list[Problem] = []
        #: Cell problems beyond the first few thousand: counted by kind, not listed.
        self.overflow = ProblemList(limit=0)
        self.rejected = np.zeros(len(sheet.frame), dtype=bool)
        #: Cells already reported (a value that could not be read is not also "empty").
        self.seen: set[tuple[int, str | None]] = set()

    def column(self, field_name: str) -> str:
        return self.columns.get(field_name) or self.entity.field(field_name).label

    def raw(self, field_name: str, position: int) -> str | None:
        column = self.columns.get(field_name)
        if column is None:
            return None
        return shown_value(self.sheet.frame[column].iat[position])

    def cell(
        self,
        position: int,
        field_name: str | None,
        message: str,
        action: str,
        severity: str = ERROR,
        value: object = None,
    ) -> None:
        column = self.column(field_name) if field_name else None
        if severity == ERROR:
            self.rejected[position] = True
        self.seen.add((position, field_name))
        if len(self.problems) >= MAX_LISTED:
            self.overflow.add(Problem(message, action, column=column, severity=severity))
            return
        shown = shown_value(value) if value is not None else None
        if shown is None and field_name:
            shown = self.raw(field_name, position)
        self.problems.append(
            Problem(
                message=message,
                action=action,
                row=int(self.sheet.rows[position]),
                column=column,
                value=shown,
                severity=severity,
            )
        )

    def whole(self, message: str, action: str, column: str | None = None) -> None:
        self.problems.append(Problem(message=message, action=action, column=column))
        self.rejected[:] = True


def validate(
    sheet: Sheet,
    entity: Entity,
    mapping: Mapping,
    known: Known,
    progress: Progress | None = None,
) -> Checked:
    """Check every row of `sheet` as `entity` under `mapping`; nothing is written."""
    report = progress or (lambda _share, _text: None)
    found = _Collector(sheet, entity, mapping)
    found.problems.extend(sheet.notes)
    for number in sheet.broken_rows:
        positions = np.flatnonzero(sheet.rows == number)
        found.rejected[positions] = True
    fields = mapping.fields
    constants = _constants(entity, mapping)
    _missing_columns(found, entity, {**dict.fromkeys(constants, ""), **fields})
    frame = pd.DataFrame(index=pd.RangeIndex(len(sheet.frame)))
    mapped = [f for f in entity.fields if f.name in fields or f.name in constants]
    for step, item in enumerate(mapped):
        report(0.6 * step / max(1, len(mapped)), item.label)
        if item.name in fields:
            raw, errors = cells.unescape(sheet.frame[fields[item.name]].reset_index(drop=True))
            for error in errors:
                found.cell(error.position, item.name, error.message, error.action)
        else:
            raw = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        if item.name in constants:
            blank = raw.isna() | (raw.astype(str).str.strip() == "")
            raw = raw.where(~blank, constants[item.name])
        if is_sentinel_field(entity, item.name) and mapping.values.get(item.name):
            raw = _sentinels(raw, item.name, mapping, frame)
        raw, said = not_recorded.take_words(entity.name, item.name, raw, mapping.value_code)
        typed = _typed(found, item, raw, mapping, known)
        if said is not None:
            frame[not_recorded.marker(item.name)] = said.to_numpy()
        if item.default == "":  # a blank description is an empty one, not a missing one
            typed = typed.where(typed.notna(), "")
        frame[item.name] = typed
    for item in entity.fields:  # a part of the key a file may leave out: blank (undated)
        if item.name in entity.key and item.name not in frame and item.default == "":
            frame[item.name] = ""
    if entity.name == "journeys" and "position" not in fields and "service" in frame:
        frame["position"] = (frame.groupby("service", dropna=False).cumcount() + 1).astype("Int64")
        found.problems.append(
            Problem(
                message=t("The file has no journey positions, so they were numbered in order."),
                action=t(
                    "Check that the journeys of each service are listed in order; add a Position "
                    "column to keep their numbers stable between imports."
                ),
                severity=WARNING,
            )
        )
    report(0.65, t("rules"))
    # every rule runs on every row, so one check lists every problem (a cell already
    # reported is not reported again)
    frame[NEW] = _is_new(entity, frame, known)
    _missing_for_new(found, entity, frame)
    _rules(found, entity, frame)
    _joined_rules(found, entity, frame)
    if entity.name == "survey_answers" and {"answer", "instrument", "question"} <= set(frame):
        report(0.8, t("survey answers"))
        frame["answer"] = _answers(found, frame, known)
    report(1.0, t("checked"))
    frame = frame.drop(columns=[NEW, SENTINEL], errors="ignore")
    return Checked(
        entity=entity,
        sheet=sheet,
        mapping=mapping,
        frame=frame,
        problems=[*found.problems, *found.overflow.summaries(more_of_a_kind)],
        rejected=found.rejected,
        provided=tuple(f.name for f in mapped) + _derived(entity, fields, frame),
    )


def _constants(entity: Entity, mapping: Mapping) -> dict[str, str]:
    """The mapping's value-for-every-row choices, for fields this entity has."""
    names = {f.name for f in entity.fields}
    return {n: v for n, v in mapping.constants.items() if n in names and str(v).strip()}


#: A hidden column: the availability a sentinel in the Value column was mapped to.
SENTINEL = "__sentinel__"


def _sentinels(raw: pd.Series, name: str, mapping: Mapping, frame: pd.DataFrame) -> pd.Series:
    """Blank the figure cells whose words ("[not provided]", "NA") the mapping says mean a
    missing figure, and keep what they mean for the availability rules."""
    present = raw.dropna().astype(str).str.strip()
    meanings: dict[str, str | None] = {}
    for text in present.unique():
        codes = mapping.value_codes(name, text)
        meanings[text] = codes[0] if codes else None
    meant = present.map(meanings).dropna()
    if meant.empty:
        return raw
    frame[SENTINEL] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    frame.loc[meant.index, SENTINEL] = meant
    out = raw.copy()
    out[meant.index] = None
    return out


def _derived(entity: Entity, fields: dict[str, str], frame: pd.DataFrame) -> tuple[str, ...]:
    """Fields the check worked out where the file has no column: journeys' positions from
    their order, a metric's availability from whether it has a figure."""
    derived = {"journeys": ("position",), "metric_answers": ("availability", "reason")}
    return tuple(
        name
        for name in derived.get(entity.name, ())
        if name not in fields and name in frame and name not in {f for f in fields}
    )


def _missing_columns(found: _Collector, entity: Entity, fields: dict[str, str]) -> None:
    for item in entity.fields:
        if item.name in fields:
            continue
        if item.required and not (entity.name == "journeys" and item.name == "position"):
            found.whole(
                t("No column holds “{field}”, which every row needs.", field=item.label),
                t("Map the column that holds it on the mapping step, or add one to the file."),
                column=item.label,
            )


def _missing_for_new(found: _Collector, entity: Entity, frame: pd.DataFrame) -> None:
    """A field new rows need, with no column in the file: one problem per field, naming how
    many rows add something new (rows that update what is stored are fine)."""
    new = frame[NEW].to_numpy(dtype=bool)
    if not new.any():
        return
    for item in entity.fields:
        if not item.for_new or item.name in frame:
            continue
        first = int(found.sheet.rows[np.flatnonzero(new)[0]])
        found.problems.append(
            Problem(
                message=tn(
                    "No column holds “{field}”, which a new {entity_row} needs; row {first} "
                    "adds one.",
                    "No column holds “{field}”, which a new {entity_row} needs; {n} rows add "
                    "new ones (the first is row {first}).",
                    int(new.sum()),
                    field=item.label,
                    entity_row=_row_word(entity),
                    first=first,
                ),
                action=t(
                    "Map the column that holds it, or add one to the file (rows that update "
                    "what is stored do not need it)."
                ),
                column=item.label,
            )
        )
        found.rejected |= new


def _typed(
    found: _Collector, item: Field, raw: pd.Series, mapping: Mapping, known: Known
) -> pd.Series:
    kind = item.kind
    if kind in (Kind.KEY, Kind.TEXT):
        return cells.one_line(raw)
    if kind is Kind.LONG_TEXT:
        return cells.many_lines(raw)
    if kind is Kind.NUMBER:
        missing = (
            t(
                "Leave the value blank and say why it is missing in the Availability column "
                "(not available, not collected or not applicable)."
            )
            if found.entity.name == "metric_answers"
            else None
        )
        values, errors = cells.numbers(raw, missing, largest=LARGEST_FIGURE)
        for error in errors:
            found.cell(error.position, item.name, error.message, error.action)
        return values
    if kind is Kind.INTEGER:
        return _integers(found, item, raw, mapping)
    if kind is Kind.BOOLEAN:
        return _booleans(found, item, raw)
    if kind is Kind.CHOICE:
        return _choice(found, item, raw, mapping)
    if kind is Kind.CHOICES:
        return _choices(found, item, raw, mapping)
    if kind is Kind.REFERENCE:
        return _reference(found, item, cells.one_line(raw), known)
    if kind is Kind.DATE:
        values, errors = cells.dates(raw)
        for error in errors:
            found.cell(error.position, item.name, error.message, error.action)
        return values
    return raw  # answers: read once the question is known


def _integers(found: _Collector, item: Field, raw: pd.Series, mapping: Mapping) -> pd.Series:
    present = raw.dropna().astype(str)
    labelled = pd.Series([None] * len(raw), index=raw.index, dtype=object)
    if item.vocabulary is not None and not present.empty:
        codes: dict[str, str | None] = {}
        for text in present.unique():
            if _is_plain_integer(text):
                continue  # a number: read as one below
            codes[text] = mapping.value_code(item.name, text) or item.vocabulary.lookup(text)
        if codes:
            looked_up = present.map(codes)
            labelled[looked_up.index] = looked_up
    numeric_raw = raw.where(labelled.isna(), labelled)
    values, errors = cells.whole_numbers(numeric_raw)
    for error in errors:
        text = raw[error.position]
        if item.vocabulary is not None and not _is_number_like(str(text)):
            found.cell(
                error.position,
                item.name,
                t("“{value}” is not a value “{field}” can take.", value=text, field=item.label),
                _choices_action(item),
            )
        else:
            found.cell(error.position, item.name, error.message, error.action)
    return values


def _is_plain_integer(text: str) -> bool:
    stripped = text.strip()
    return stripped.isdigit() or (stripped[:1] in "+-" and stripped[1:].isdigit())


def _is_number_like(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and not any(ch.isalpha() for ch in text)


def _booleans(found: _Collector, item: Field, raw: pd.Series) -> pd.Series:
    from dashboard.importing.vocabularies import boolean

    present = raw.dropna().astype(str)
    meanings = {text: boolean(text) for text in present.unique()}
    read = present.map(meanings)
    out = pd.Series(pd.NA, index=raw.index, dtype="boolean")
    good = read.notna()
    out[read.index[good]] = read[good].astype(bool).to_numpy()
    for position in read.index[~good]:
        found.cell(
            position,
            item.name,
            t("“{value}” is not yes or no.", value=present[position]),
            t("Write yes or no (ie or na in Welsh), or leave it blank."),
        )
    return out


def _labels(item: Field) -> str:
    vocabulary = item.vocabulary
    assert vocabulary is not None
    welsh = is_welsh()
    shown = [vocabulary.label(code, welsh) for code in vocabulary.codes]
    if len(shown) > 12:
        shown = [*shown[:12], "…"]
    return "; ".join(shown)


def _choices_action(item: Field) -> str:
    if item.name == "service_type":  # seventy names: say how to write one, not all of them
        return t(
            "Give the service type by its code (such as “missed-bin”), its Local Government "
            "Service List number (such as “524”) or its name in English or Welsh (such as "
            "“Report a missed bin collection”); write “not recorded” if it is not known. Or map "
            "this value to a type on the mapping step."
        )
    return t(
        "Use one of: {choices}. Or map this value to one of them on the mapping step.",
        choices=_labels(item),
    )


def _choice(found: _Collector, item: Field, raw: pd.Series, mapping: Mapping) -> pd.Series:
    vocabulary = item.vocabulary
    assert vocabulary is not None
    missing = raw.isna().to_numpy(dtype=bool)
    if missing.all():
        return pd.Series([None] * len(raw), index=raw.index, dtype=object)
    present = raw[~missing].astype(str)
    # each distinct label looked up once, then spread to its cells
    positions, distinct = pd.factorize(present, use_na_sentinel=True)
    labels = [str(text) for text in distinct]
    codes: dict[str, str | None] = {}
    wrong: dict[str, str] = {}  # label -> why its mapping cannot be used
    for text in labels:
        mapped = mapping.value_codes(item.name, text)
        if mapped is None:
            codes[text] = vocabulary.lookup(text)
        elif not mapped:
            codes[text] = None  # the mapping says the label means none: the cell is blank
        elif len(mapped) > 1:
            codes[text] = None
            wrong[text] = t(
                "“{value}” is mapped to several values, but “{field}” takes one.",
                value=text,
                field=item.label,
            )
        elif mapped[0] not in vocabulary.codes:
            codes[text] = None
            wrong[text] = t(
                "“{value}” is mapped to “{code}”, which is not a value “{field}” can take.",
                value=text,
                code=mapped[0],
                field=item.label,
            )
        else:
            codes[text] = mapped[0]
    # plain text, as a column of text holds it (a vocabulary's codes may be str enums)
    lookup = np.array([_plain_text(codes[text]) for text in labels], dtype=object)
    values = np.full(len(raw), None, dtype=object)
    values[~missing] = lookup[positions]
    unread = np.array([codes[text] is None for text in labels], dtype=bool)[positions]
    where = present.index.to_numpy()
    for at in np.flatnonzero(unread):
        position, text = int(where[at]), labels[positions[at]]
        if text in wrong:
            found.cell(position, item.name, wrong[text], _choices_action(item))
        elif mapping.value_codes(item.name, text) is None:
            found.cell(
                position,
                item.name,
                t(
                    "“{value}” is not a value “{field}” can take.",
                    value=text,
                    field=item.label,
                ),
                _choices_action(item),
            )
    return pd.Series(values, index=raw.index, dtype=object)


def _plain_text(code: Any) -> Any:
    """A code that is text as a plain str (an enum member's value), anything else as it is."""
    return str.__str__(code) if isinstance(code, str) else code


def _choices(found: _Collector, item: Field, raw: pd.Series, mapping: Mapping) -> pd.Series:
    vocabulary = item.vocabulary
    assert vocabulary is not None
    cache: dict[str, tuple[tuple[Any, ...], list[str]]] = {}
    for text in raw.dropna().unique():
        if text not in cache:
            codes: list[str] = []
            unknown: list[str] = []
            # a mapping for the whole cell ("Phone and online") wins over its parts
            whole = mapping.value_codes(item.name, str(text))
            parts = [str(text)] if whole is not None else split_list(str(text))
            for part in parts:
                mapped = mapping.value_codes(item.name, part)
                if mapped is None:
                    code = vocabulary.lookup(part)
                    (codes if code else unknown).append(code or part)
                    continue
                for code in mapped:  # several codes, or none: the label is dropped
                    if code in vocabulary.codes:
                        codes.append(code)
                    else:  # the mapping names a code the list does not have
                        unknown.append(f"{part} → {code}")
            values = sorted({int(c) if vocabulary.as_int else c for c in codes})
            cache[text] = (tuple(values), unknown)
    out = raw.map(lambda text: cache[text][0] if text is not None else ())
    wrong = [text for text, (_values, unknown) in cache.items() if unknown]
    wrongly = raw[raw.isin(wrong)]
    for position, text in zip(wrongly.index.tolist(), wrongly, strict=True):
        unknown = cache[text][1]
        if unknown:
            found.cell(
                position,
                item.name,
                tn(
                    "“{values}” is not a value “{field}” can take.",
                    "“{values}” are not values “{field}” can take.",
                    len(unknown),
                    values="”, “".join(unknown),
                    field=item.label,
                ),
                t(
                    "Separate values with semicolons and use: {choices}. Or map them on the "
                    "mapping step.",
                    choices=_labels(item),
                ),
            )
    return out


def _reference(found: _Collector, item: Field, raw: pd.Series, known: Known) -> pd.Series:
    target = item.references
    if target == "organisations":
        codes, names = known.organisations, known.organisation_names
    elif target == "themes":
        codes, names = known.themes, known.theme_names
    else:
        codes, names = known.services, {}
    folded = {code.casefold(): code for code in codes}
    # each distinct text looked up once, then spread to its cells (a wide file gives every
    # service code once per period: a million cells, a hundred thousand codes)
    positions, distinct = pd.factorize(raw.to_numpy(dtype=object), use_na_sentinel=True)
    resolved: list[str | None] = []
    ambiguous: set[str] = set()
    for text in distinct:
        if text in codes:
            resolved.append(text)
            continue
        code = folded.get(text.casefold())
        if code is None and names:
            by_name = names.get(normalise(text), "")
            if by_name is None:
                ambiguous.add(text)
            code = by_name or None
        resolved.append(code)
    lookup = np.array([*resolved, None], dtype=object)  # a blank cell (-1) takes the last: None
    out = pd.Series(lookup[positions], index=raw.index, dtype=object)
    unknown = np.array([code is None for code in resolved] + [False], dtype=bool)[positions]
    for at in np.flatnonzero(unknown):
        position, text = raw.index[int(at)], distinct[positions[at]]
        if text in ambiguous:
            found.cell(
                position,
                item.name,
                t("More than one {what} is called “{value}”.", what=_what(target), value=text),
                t("Use the code instead of the name."),
            )
        else:
            found.cell(
                position,
                item.name,
                t("There is no {what} “{value}”.", what=_what(target), value=text),
                _reference_action(target),
            )
    return out


def _what(target: str | None) -> str:
    return {
        "organisations": t("organisation"),
        "themes": t("theme"),
    }.get(target or "", t("service"))


def _reference_action(target: str | None) -> str:
    if target == "organisations":
        return t(
            "Check the code or name against the organisations in the catalogue, or import the "
            "organisation first (in a full workbook, add it to the organisations sheet)."
        )
    if target == "themes":
        return t("Use the code or name of one of the themes (see the themes sheet of the export).")
    return t(
        "Check the service code against the catalogue, or import the service first (in a full "
        "workbook, add it to the services sheet)."
    )


def _is_new(entity: Entity, frame: pd.DataFrame, known: Known) -> pd.Series:
    if entity.name == "organisations" and "code" in frame:
        return ~frame["code"].isin(known.organisations)
    if entity.name == "services" and "code" in frame:
        return ~frame["code"].isin(known.services)
    if entity.name == "themes" and "code" in frame:
        return ~frame["code"].isin(known.themes)
    if entity.name == "journeys" and {"service", "position"} <= set(frame):
        keys = zip(frame["service"], frame["position"], strict=True)
        return pd.Series(
            [(s, int(p)) not in known.journeys if p is not pd.NA else True for s, p in keys],
            index=frame.index,
        )
    return pd.Series(True, index=frame.index)


# -- rules (pandera) ----------------------------------------------------------------------------------


def schema(entity: Entity, frame: pd.DataFrame) -> pa.DataFrameSchema:
    """The rules one entity's rows must meet, for the columns present."""
    columns: dict[str, pa.Column] = {}
    checks: list[pa.Check] = []
    for item in entity.fields:
        if item.name not in frame:
            continue
        rules: list[pa.Check] = []
        if item.max_length:
            rules.append(pa.Check.str_length(max_value=item.max_length, name="too_long"))
        if item.kind in (Kind.INTEGER, Kind.NUMBER) and item.low is not None:
            rules.append(pa.Check.ge(item.low, name="too_low"))
        if item.kind in (Kind.INTEGER, Kind.NUMBER) and item.high is not None:
            rules.append(pa.Check.le(item.high, name="too_high"))
        if item.kind is Kind.CHOICE and item.vocabulary is not None:
            rules.append(pa.Check.isin(list(item.vocabulary.codes), name="not_in_list"))
        if item.kind is Kind.KEY:
            rules.append(
                pa.Check(
                    lambda s: ~s.astype(str).str.contains(r"[\r\n]", regex=True),
                    element_wise=False,
                    name="line_break",
                )
            )
        columns[item.name] = pa.Column(checks=rules, nullable=not item.required, coerce=False)
        if item.for_new and not item.required:
            checks.append(
                pa.Check(
                    lambda df, name=item.name: (
                        ~(
                            df[NEW].astype(bool)
                            & df[name].isna()
                            & ~not_recorded.said_not_recorded(df, name)
                        )
                    ),
                    name=f"needed_for_new:{item.name}",
                )
            )
    if entity.name == "metric_answers" and {"metric", "value"} <= set(frame):
        checks.append(
            pa.Check(
                lambda df: ~(df["metric"].isin(PERCENT_METRICS) & (df["value"] > 100)),
                name="percent_over_100",
            )
        )
        checks.append(
            pa.Check(
                lambda df: (
                    ~(
                        df["metric"].isin(COUNT_METRICS)
                        & df["value"].notna()
                        & (df["value"] != df["value"].round())
                    )
                ),
                name="count_not_whole",
            )
        )
    key = [k for k in entity.key if k in frame]
    return pa.DataFrameSchema(
        columns,
        checks=checks,
        unique=key if len(key) == len(entity.key) else None,
        report_duplicates="all",
        name=entity.name,
    )


def _rules(found: _Collector, entity: Entity, frame: pd.DataFrame) -> None:
    checked = frame
    try:
        schema(entity, frame).validate(_as_arrow_text(frame), lazy=True)
        return
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
    duplicates_done = False
    reported: set[tuple[int | None, str]] = set()
    for case in failures.itertuples(index=False):
        check = _check_name(str(case.check))
        position = None if pd.isna(case.index) else int(case.index)
        column = None if pd.isna(case.column) else str(case.column)
        if "uniqueness" in check or "duplicates" in check or check == "unique":
            if not duplicates_done:
                _duplicates(found, entity, checked)
                duplicates_done = True
            continue
        if position is None or ((position, check) in reported and case.schema_context != "Column"):
            continue
        reported.add((position, check))
        if check.startswith("needed_for_new:"):
            name = check.split(":", 1)[1]
            if (position, name) in found.seen:
                continue
            found.cell(
                position,
                name,
                t(
                    "“{field}” is empty, and this row adds a new {entity_row}, which needs it.",
                    field=entity.field(name).label,
                    entity_row=_row_word(entity),
                ),
                t(
                    "Fill it in, or write “not recorded” if it is not known (rows that update "
                    "what is stored may leave it blank)."
                ),
            )
            continue
        _rule_problem(found, entity, check, column, position, frame)


def _as_arrow_text(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with each column of Python strings (None for blank) held as Arrow text, which
    pandera's rules (empty, length, in a list, the same key twice) check in C++ over the whole
    column; the values and the rows that fail are the same."""
    columns: dict[str, pd.Series] = {}
    for name in frame.columns:
        column = frame[name]
        if column.dtype == object:
            try:
                text = pyarrow.array(column.to_numpy(), type=pyarrow.string(), from_pandas=True)
            except (pyarrow.ArrowException, TypeError, ValueError):
                pass  # not all text (lists of codes, dates, answers): checked as it is
            else:
                column = pd.Series(pd.arrays.ArrowStringArray(text), index=column.index)
        columns[name] = column
    return pd.DataFrame(columns, index=frame.index)


_BUILT_IN_CHECKS = {
    "greater_than_or_equal_to": "too_low",
    "less_than_or_equal_to": "too_high",
    "str_length": "too_long",
    "isin": "not_in_list",
}


def _check_name(check: str) -> str:
    """pandera reports its built-in checks by their own names, e.g. "str_length(None, 80)"."""
    return _BUILT_IN_CHECKS.get(check.split("(", 1)[0], check)


def _row_word(entity: Entity) -> str:
    return {
        "organisations": t("organisation"),
        "services": t("service"),
        "themes": t("theme"),
        "journeys": t("journey"),
    }.get(entity.name, t("row"))


def _rule_problem(
    found: _Collector,
    entity: Entity,
    check: str,
    column: str | None,
    position: int,
    frame: pd.DataFrame,
) -> None:
    if check in ("percent_over_100", "count_not_whole"):
        if (position, "value") in found.seen:
            return
        value = _num(frame, position)
        if check == "percent_over_100":
            message = t("A rate is a percentage from 0 to 100; this is {value}.", value=value)
            action = t(
                "Write the percentage (85 for 85%); if the file holds fractions, multiply by 100."
            )
        else:
            message = t(
                "A count of users or transactions is a whole number; this is {value}.",
                value=value,
            )
            action = t("Round it to a whole number.")
        found.cell(position, "value", message, action)
        return
    if column is None or (position, column) in found.seen:
        return
    item = entity.field(column)
    if check == "not_nullable":
        found.cell(
            position,
            column,
            t("“{field}” is empty, and every row needs it.", field=item.label),
            t("Fill it in, or leave the row out of the file."),
        )
    elif check == "too_long":
        length = len(str(frame[column].iat[position]))
        found.cell(
            position,
            column,
            t(
                "This is {length} characters long; “{field}” holds at most {limit}.",
                length=length,
                field=item.label,
                limit=item.max_length,
            ),
            t("Shorten it."),
        )
    elif check in ("too_low", "too_high"):
        if item.low == 0 and item.high is None:
            message = t(
                "“{field}” cannot be negative; this is {value}.",
                field=item.label,
                value=_num(frame, position, column),
            )
        else:
            message = t(
                "“{field}” goes from {low} to {high}; this is {value}.",
                field=item.label,
                low=_plain_number(item.low),
                high=_plain_number(item.high),
                value=_num(frame, position, column),
            )
        found.cell(position, column, message, t("Correct the figure."))
    elif check == "line_break":
        found.cell(
            position,
            column,
            t("A code cannot hold a line break."),
            t("Remove the line break from the cell."),
        )
    else:
        found.cell(
            position,
            column,
            t("“{field}” has a value that is not allowed.", field=item.label),
            _choices_action(item) if item.vocabulary else t("Correct the value."),
        )


def _plain_number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _num(frame: pd.DataFrame, position: int, column: str = "value") -> str:
    value: Any = frame[column].iat[position]  # a number, or a marker of none
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return _plain_number(float(value))


def _duplicates(found: _Collector, entity: Entity, frame: pd.DataFrame) -> None:
    """Rows with the same key: identical copies are a warning (one is kept); rows that differ
    are all rejected, as the import cannot tell which is right."""
    key = list(entity.key)
    clean = frame.drop(columns=[NEW], errors="ignore")
    # a key that could not be read (a blank, or a service not found) is a problem of its own
    # already: two such rows are not the same row
    clean = clean[clean[key].notna().all(axis=1).to_numpy()]
    repeated = clean[clean.duplicated(key, keep=False)]
    label = " + ".join(entity.field(k).label for k in key)
    left_out = [c for c in found.sheet.frame.columns if c not in found.columns.values()]
    for _values, group in repeated.groupby(key, dropna=False, sort=False):
        positions = list(group.index)
        first = int(found.sheet.rows[positions[0]])
        identical = len(group.astype(str).drop_duplicates()) == 1
        for position in positions[1:] if identical else positions:
            other = first if position != positions[0] else int(found.sheet.rows[positions[1]])
            if identical:
                differs = _differing(found.sheet.frame, positions[0], position, left_out)
                found.cell(
                    position,
                    key[-1],
                    t(
                        "This row has the same values as row {other} in every column imported; "
                        "they differ only in columns left out of the import: {columns}.",
                        other=other,
                        columns=", ".join(differs),
                    )
                    if differs
                    else t("This row repeats row {other} exactly.", other=other),
                    t("Nothing to do: the copy is left out."),
                    severity=WARNING,
                )
                found.rejected[position] = True  # the first copy is written once
            else:
                found.cell(
                    position,
                    key[-1],
                    t(
                        "Row {other} has the same {key} with different values.",
                        other=other,
                        key=label,
                    ),
                    t("Keep one of the rows (the import cannot tell which is right)."),
                )


def _differing(frame: pd.DataFrame, first: int, other: int, columns: list[str]) -> list[str]:
    """The columns (of those given) in which two rows of the file differ."""
    a, b = frame.iloc[first], frame.iloc[other]
    return [c for c in columns if not (a[c] == b[c] or (pd.isna(a[c]) and pd.isna(b[c])))]


def _joined_rules(found: _Collector, entity: Entity, frame: pd.DataFrame) -> None:
    """Rules that join fields: a metric's figure and its availability."""
    if entity.name != "metric_answers":
        return
    has_value = "value" in frame
    has_availability = "availability" in frame
    if not (has_value or has_availability):
        found.whole(
            t("The file has neither a Value nor an Availability column."),
            t("Map the column with the figures, or the one that says why they are missing."),
        )
        return
    value = frame["value"] if has_value else pd.Series(np.nan, index=frame.index)
    availability = frame["availability"] if has_availability else pd.Series(None, index=frame.index)
    if SENTINEL in frame:
        # "[not provided]" mapped to an availability (and perhaps a reason): said by the cell
        meant = frame[SENTINEL].dropna().map(sentinel_meaning)
        said = pd.Series([m[0] for m in meant], index=meant.index, dtype=object)
        availability = availability.copy().astype(object)
        fill = said.index[availability[said.index].isna()]
        availability[fill] = said[fill]
        reasons = pd.Series([m[1] for m in meant], index=meant.index, dtype=object).dropna()
        if not reasons.empty:
            if "reason" not in frame:
                frame["reason"] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
            open_reason = reasons.index[frame.loc[reasons.index, "reason"].isna()]
            frame.loc[open_reason, "reason"] = reasons[open_reason]
    # masks as numpy arrays over the whole column (a wide file gives a million rows)
    figure = value.notna().to_numpy(dtype=bool)
    stated = availability.to_numpy(dtype=object)
    worked_out = stated.copy()  # a row that does not say has a figure provided, or nothing
    unsaid = pd.isna(stated)
    worked_out[unsaid] = np.nan  # as pandas fills a blank
    worked_out[unsaid & figure] = "provided"
    inferred = pd.Series(worked_out, index=frame.index, dtype=object)
    frame["availability"] = inferred
    known = inferred.notna().to_numpy(dtype=bool)
    with_value = inferred.isin(list(WITH_VALUE)).to_numpy(dtype=bool)
    not_available = inferred.isin(["not_available"]).to_numpy(dtype=bool)
    unread = {p for p, name in found.seen if name in ("value", "availability")}

    def fresh(mask: np.ndarray) -> list[int]:
        """Rows the rule catches whose figure and availability were read without a problem."""
        return [int(p) for p in frame.index[mask] if p not in unread]

    for position in fresh(~known):
        found.cell(
            position,
            "value",
            t("There is neither a figure nor a reason why it is missing, so the row is left out."),
            t(
                "Nothing to do if the figure is not known; to record why, say so in the "
                "Availability column (not available, not collected or not applicable)."
            ),
            severity=WARNING,
        )
        found.rejected[position] = True  # nothing is invented for it
    for position in fresh(with_value & ~figure):
        found.cell(
            position,
            "availability",
            t("The figure is marked as given but the value is empty."),
            t("Add the figure, or change the availability to say why it is missing."),
        )
    for position in fresh(known & ~with_value & figure):
        found.cell(
            position,
            "availability",
            t("There is a figure, but the availability says it is missing."),
            t("Mark it provided or estimated, or clear the figure."),
        )
    if "reason" in frame:
        reason = frame["reason"].notna().to_numpy(dtype=bool)
        for position in fresh(reason & known & ~not_available):
            found.cell(
                position,
                "reason",
                t("A reason is only given when the figure is not available."),
                t("Clear the reason, or set the availability to “Not available”."),
            )
    missing_reason = not_available
    if "reason" in frame:
        missing_reason = missing_reason & frame["reason"].isna().to_numpy(dtype=bool)
    for position in fresh(missing_reason):
        found.cell(
            position,
            "availability",
            t("The figure is not available, but the row does not say why."),
            t("Add the reason: a shared system, a shared contract, not measured, or other."),
            severity=WARNING,
        )


# -- survey answers ----------------------------------------------------------------------------------


def _answers(found: _Collector, frame: pd.DataFrame, known: Known) -> pd.Series:
    out = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    for position in frame.index:
        instrument, code = frame.at[position, "instrument"], frame.at[position, "question"]
        if instrument is None or code is None or (position, "answer") in found.seen:
            continue  # said already: the survey or question is missing or unreadable
        question = known.questions.get(str(instrument), {}).get(str(code))
        if question is None:
            found.cell(
                position,
                "question",
                t(
                    "The {survey} has no question “{question}”.",
                    survey=INSTRUMENT.label(str(instrument), is_welsh()).lower(),
                    question=code,
                ),
                t("Use a question code from the survey; the full export lists them all."),
            )
            continue
        raw = frame.at[position, "answer"]
        if raw is None:
            continue  # a blank answer clears what is stored
        if question.answer_type == "multi_choice":
            out[position] = _multi_choice(found, position, question, str(raw))
            continue
        parsed = parse_answer(question, _answer_input(question, str(raw)))
        if parsed.error:
            found.cell(
                position,
                "answer",
                t("The answer does not fit the question: {reason}", reason=parsed.error),
                t("Correct the answer; the survey page shows what each question takes."),
            )
        else:
            out[position] = parsed.value
    return out


def _multi_choice(found: _Collector, position: int, question: Question, text: str) -> Any:
    """Several options of a question, kept in the file's order (so an export reads back
    exactly). A combination the survey form would refuse ("none" with others) is reported
    but kept: it is what the owner's answer says."""
    value = cells.json_value(text)
    items = value if isinstance(value, list) else split_list(text)
    codes = list(dict.fromkeys(_option_code(question, str(item)) for item in items))
    allowed = {str(o["code"]) for o in question.options}
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        found.cell(
            position,
            "answer",
            t("“{value}” is not one of the question's choices.", value=unknown[0]),
            t("Use the codes or the wording of the question's choices, separated by semicolons."),
        )
        return None
    if {"none", "not_known"} & set(codes) and len(codes) > 1:
        found.cell(
            position,
            "answer",
            t("The answer picks “none” together with other choices."),
            t("It is imported as written; check it with the service's owner."),
            severity=WARNING,
        )
    return codes or None


def _answer_input(question: Question, text: str) -> object:
    """A cell turned into what the survey's own checks expect for the question's type."""
    kind = question.answer_type
    value = cells.json_value(text) if kind in _STRUCTURED else text
    if kind == "choice":
        return _option_code(question, text)
    if kind == "multi_choice":
        items = value if isinstance(value, list) else split_list(text)
        return [_option_code(question, str(item)) for item in items]
    if kind == "metric" and not isinstance(value, dict):
        from dashboard.importing.vocabularies import AVAILABILITY_VOCABULARY

        code = AVAILABILITY_VOCABULARY.lookup(text)
        return {"availability": code} if code and code not in WITH_VALUE else {"value": text}
    if kind == "themes" and not isinstance(value, list):
        return [_theme_item(part) for part in split_list(text)]
    if kind == "standards_assessment" and not isinstance(value, dict):
        pairs = [part.split(":", 1) for part in split_list(text) if ":" in part]
        return {k.strip(): _rating(v) for k, v in pairs}
    return value


_STRUCTURED = {"metric", "themes", "standards_assessment", "multi_choice"}


def _option_code(question: Question, text: str) -> str:
    wanted = normalise(text)
    for option in question.options:
        names = (option.get("code"), option.get("en"), option.get("cy"))
        if any(name is not None and normalise(name) == wanted for name in names):
            return str(option["code"])
    return text.strip()


def _theme_item(text: str) -> dict[str, Any]:
    from dashboard.importing.vocabularies import SEVERITY

    code, _, severity = text.partition(":")
    level = SEVERITY.lookup(severity) if severity.strip() else None
    return {"code": code.strip(), "severity": int(level) if level else severity.strip() or None}


def _rating(text: str) -> str:
    from dashboard.importing.vocabularies import RATING

    return RATING.lookup(text) or text.strip()
