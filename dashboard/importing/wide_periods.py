"""Wide period files: one row per service, one column per period and measure, as published
performance data is laid out ("April 2011 to March 2012: volume", "2023-24 Q2 transactions").

Such a table is turned into the metric answers it holds, one row per service, measure and
period, so the ordinary import checks and writes it with no hand-made script. Each long row
keeps the row number of the file's row, so the report still points at the file.

- Markers published statistics put in place of a figure ("[not provided]", "[x]", "-", "n/a",
  "ND", the words of `cells.NOT_NUMBERS`) become a blank figure that says why: not applicable
  for "n/a" and "[z]", otherwise not available (reason "other", the marker kept in the note).
- Blank cells say nothing and give no row.
- Digital take-up is worked out where the file gives both the volume and the digital volume of
  a service in a period (digital volume ÷ volume, as a percentage) and no take-up of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from dashboard.common.i18n import t, tn
from dashboard.importing import cells
from dashboard.importing.entities import SERVICES
from dashboard.importing.problems import WARNING, Problem
from dashboard.importing.reading import Sheet, Upload
from dashboard.importing.vocabularies import normalise
from dashboard.importing.wide_summary import WideSummary
from db.periods import parse_period, sort_key
from db.vocabulary import Metric

#: A measure that is not a metric but feeds one: completed digital transactions.
DIGITAL_VOLUME = "digital_volume"

#: Measures as column names say them (reduced by `normalise`, units in brackets left out).
MEASURES: dict[str, str] = {
    **dict.fromkeys(
        (
            "volume",
            "volumes",
            "transactions",
            "transaction volume",
            "transactions received",
            "total transactions",
            "number of transactions",
            "completed transactions",
            "trafodion",
            "nifer y trafodion",
        ),
        Metric.TRANSACTIONS_PER_YEAR.value,
    ),
    **dict.fromkeys(
        (
            "digital volume",
            "digital volumes",
            "digital transactions",
            "online transactions",
            "transactions online",
            "trafodion digidol",
        ),
        DIGITAL_VOLUME,
    ),
    **dict.fromkeys(
        (
            "cost per transaction",
            "cpt",
            "unit cost",
            "cost per transaction gbp",
            "cost y trafodiad",
        ),
        Metric.COST_PER_TRANSACTION.value,
    ),
    **dict.fromkeys(
        ("digital take up", "take up", "digital uptake", "digital take up rate", "defnydd digidol"),
        Metric.DIGITAL_TAKE_UP.value,
    ),
    **dict.fromkeys(("completion rate", "completion", "cyfradd cwblhau"), "completion_rate"),
    **dict.fromkeys(
        ("user satisfaction", "satisfaction", "boddhad defnyddwyr"), "user_satisfaction"
    ),
    **dict.fromkeys(
        ("users", "number of users", "unique users", "defnyddwyr"), Metric.USERS_PER_YEAR.value
    ),
}
#: Columns that name the service, best first: a code is matched exactly, a name may not be.
SERVICE_COLUMNS = (
    "service code",
    "service id",
    "cod y gwasanaeth",
    "cod gwasanaeth",
    "code",
    "service",
    "service name",
    "gwasanaeth",
    "enw r gwasanaeth",
    "name",
)
#: Of those, the columns that hold a code (the rest hold a name).
CODE_COLUMNS = frozenset(SERVICE_COLUMNS[:5])
#: Markers that say a figure does not apply; every other marker says it is not available.
NOT_APPLICABLE_MARKERS = frozenset({"n a", "na", "z", "not applicable", "dd g", "amherthnasol"})
_MARKERS = frozenset(normalise(word) for word in cells.NOT_NUMBERS) | {"not provided", "x", "c"}
_UNITS = re.compile(r"\([^)]*\)|£|%")
_SEPARATORS = (":", " - ", " – ", "|")


@dataclass(frozen=True)
class PeriodColumn:
    """A column of a wide file: the period it is for (as written) and what it measures."""

    column: str
    period: str
    measure: str


@dataclass(frozen=True)
class WideLayout:
    """Which columns of a table name the service and which hold figures by period."""

    service_column: str
    columns: tuple[PeriodColumn, ...]
    #: Columns that are neither: left out of the import (a department, notes).
    left_out: tuple[str, ...]
    #: Where the service is named by name, the column naming its organisation: kept beside
    #: each answer so the service is found by organisation and name.
    organisation_column: str | None = None

    @property
    def periods(self) -> list[str]:
        """The periods found, oldest first."""
        return sorted({c.period for c in self.columns}, key=sort_key)

    @property
    def measures(self) -> list[str]:
        return sorted({c.measure for c in self.columns})


def wide_words(summary: WideSummary) -> str:
    """What the page says about a wide period file it read (plain text: it holds the file's
    period labels, so the page must show it escaped)."""
    words = tn(
        "A wide period file: {periods} period ({first}) and {measures} measures in {columns} "
        "columns, read as {answers} metric answers, one per service, measure and period.",
        "A wide period file: {periods} periods (the oldest {first}, the latest {last}) and "
        "{measures} measures in {columns} columns, read as {answers} metric answers, one per "
        "service, measure and period.",
        summary.periods,
        periods=summary.periods,
        first=summary.first,
        last=summary.last,
        measures=summary.measures,
        columns=summary.columns,
        answers=f"{summary.answers:,}",
    )
    if summary.worked_out:
        words += " " + tn(
            "{n} digital take-up figure was worked out as digital volume ÷ volume.",
            "{n} digital take-up figures were worked out as digital volume ÷ volume.",
            summary.worked_out,
        )
    return words


def measure_of(text: str) -> str | None:
    """The measure a column name's words mean, or None."""
    return MEASURES.get(normalise(_UNITS.sub(" ", text)))


def period_column(column: str) -> PeriodColumn | None:
    """Read a column name as a period and a measure, in either order, with or without a
    separator ("2011-12: volume", "2023-24 Q2 transactions", "Volume 2011/12")."""
    name = " ".join(str(column).split())
    for separator in _SEPARATORS:
        if separator in name:
            left, right = (part.strip() for part in name.split(separator, 1))
            for period, measure in ((left, right), (right, left)):
                if parse_period(period) and measure_of(measure):
                    return PeriodColumn(str(column), period, str(measure_of(measure)))
    words = name.split(" ")
    for cut in range(len(words) - 1, 0, -1):
        for period, measure in (
            (" ".join(words[:cut]), " ".join(words[cut:])),
            (" ".join(words[-cut:]), " ".join(words[:-cut])),
        ):
            if parse_period(period) and measure_of(measure):
                return PeriodColumn(str(column), period, str(measure_of(measure)))
    return None


def wide_layout(columns: list[str]) -> WideLayout | None:
    """The layout of a wide period table, or None when the table is not one: it needs a column
    that names the service and at least two columns of figures by period."""
    found = [c for c in (period_column(name) for name in columns) if c is not None]
    if len(found) < 2:
        return None
    rest = [c for c in columns if c not in {p.column for p in found}]
    by_name = {normalise(c): c for c in rest}
    service = next((by_name[n] for n in SERVICE_COLUMNS if n in by_name), None)
    if service is None:
        return None
    organisation = None
    if normalise(service) not in CODE_COLUMNS:
        organisation = organisation_column([c for c in rest if c != service])
    left_out = tuple(c for c in rest if c not in (service, organisation))
    return WideLayout(service, tuple(found), left_out, organisation)


def organisation_column(columns: list[str]) -> str | None:
    """The column whose header names a service's organisation ("Department", "Organisation",
    "Body/Agency"), or None."""
    item = SERVICES.field("organisation")
    names = {normalise(n) for n in (item.en, item.cy, *item.synonyms)}
    return next((c for c in columns if normalise(c) in names), None)


def as_long(sheet: Sheet) -> Sheet:
    """A wide period table as the metric answers it holds, one row per service, measure and
    period (with `wide` saying what the file held); any other table as it was."""
    layout = wide_layout(sheet.columns)
    if layout is None:
        return sheet
    melted = melt(sheet.frame, sheet.rows, layout)
    return replace(
        sheet,
        columns=list(melted.frame.columns),
        frame=melted.frame,
        rows=melted.rows,
        notes=[*sheet.notes, *melted.notes],
        wide=melted.summary,
    )


def read_wide_periods(upload: Upload, sheet: Sheet) -> Sheet:
    """`sheet` of `upload` as `as_long` reads it. The sheet keeps the long table beside it, so
    the layout is read once however often it is asked for, and the upload keeps the wide table:
    a steward may still take the file's services from it."""
    del upload  # the wide table stays the upload's
    cached = getattr(sheet, _LONG, None)
    if cached is None:
        cached = as_long(sheet)
        setattr(sheet, _LONG, cached)
    return cached


_LONG = "_long_form"


@dataclass(frozen=True)
class Melted:
    """A wide table as metric-answer rows: the rows, the file's row number of each, what the
    report should say about the layout, and the counts for the page."""

    frame: pd.DataFrame
    rows: np.ndarray
    notes: list[Problem]
    summary: WideSummary


def melt(frame: pd.DataFrame, rows: np.ndarray, layout: WideLayout) -> Melted:
    """The wide table as one row per service, measure and period with a figure or a marker;
    `rows` are the file's row numbers of the table's rows.

    Built a column at a time over the whole table: a file row's answers follow one another,
    its period columns in the file's order and then the take-up worked out; no Python object
    is made per cell."""
    n = len(frame)
    blocks = _blocks(layout, frame, n)
    width = len(blocks)
    if not width:  # digital volumes alone: nothing to import (the notes say why)
        columns = ["service", "metric", "period", "value", "availability", "reason", "note"]
        empty = pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
        return _melted(empty, rows[:0], layout)
    grid = np.empty((n, width), dtype=object)
    for index, block in enumerate(blocks):
        grid[:, index] = block.values
    values = grid.ravel()  # row by row: each file row's answers together
    notes = np.full(n * width, None, dtype=object)
    for index, block in enumerate(blocks):
        if block.worked is not None:
            notes[index::width][block.worked] = _worked_note()
    marks = _classify(values)
    kept = np.flatnonzero(marks.kept)
    positions, which = np.divmod(kept, width)
    availability = np.full(len(values), None, dtype=object)
    reason = np.full(len(values), None, dtype=object)
    if marks.marker.any():
        availability[marks.marker] = np.where(
            marks.not_applicable[marks.marker], "not_applicable", "not_available"
        )
        reason[marks.marker & ~marks.not_applicable] = "other"
        said = {value: t("The file gave “{marker}”.", marker=value) for value in marks.said}
        notes[marks.marker] = [said[value] for value in marks.texts]
        values = values.copy()
        values[marks.marker] = None
    long = pd.DataFrame(
        {
            "service": _spread(frame[layout.service_column], positions),
            "metric": _spread(pd.Series([b.measure for b in blocks], dtype=object), which),
            "period": _spread(pd.Series([b.period for b in blocks], dtype=object), which),
            "value": _figures(values[kept], blocks, bool(marks.marker.any())),
            "availability": pd.Series(availability[kept], dtype=object),
            "reason": pd.Series(reason[kept], dtype=object),
            "note": pd.Series(notes[kept], dtype=object),
        }
    )
    if layout.organisation_column is not None:
        # the service is named by name: its organisation goes with every answer
        long[layout.organisation_column] = _spread(frame[layout.organisation_column], positions)
    return _melted(long, np.asarray(rows)[positions], layout)


def _melted(long: pd.DataFrame, rows: np.ndarray, layout: WideLayout) -> Melted:
    worked_out = int(long["note"].eq(_worked_note()).sum())
    periods = layout.periods
    return Melted(
        frame=long,
        rows=rows,
        notes=_notes(layout, len(long)),
        summary=WideSummary(
            periods=len(periods),
            first=periods[0],
            last=periods[-1],
            measures=len(layout.measures),
            columns=len(layout.columns),
            answers=len(long),
            worked_out=worked_out,
        ),
    )


@dataclass(frozen=True)
class _Block:
    """The cells of one measure in one period, a cell per file row; `worked` marks the cells
    worked out from other columns (digital take-up)."""

    measure: str
    period: str
    values: np.ndarray
    worked: np.ndarray | None = None


def _blocks(layout: WideLayout, frame: pd.DataFrame, n: int) -> list[_Block]:
    """Every column of figures in the file's order (digital volumes left out), then the
    digital take-up worked out for each period that can have it."""
    blocks = [
        _Block(column.measure, column.period, frame[column.column].to_numpy(dtype=object))
        for column in layout.columns
        if column.measure != DIGITAL_VOLUME
    ]
    return blocks + _take_up(layout, frame, n)


def _spread(column: pd.Series, positions: np.ndarray) -> pd.Series:
    """`column`'s values at `positions`, typed as pandas types the whole column."""
    typed = pd.Series(column.to_numpy(dtype=object))
    return typed.take(positions).reset_index(drop=True)


def _figures(values: np.ndarray, blocks: list[_Block], markers: bool) -> pd.Series:
    """The figures, typed as text when every column held text and no marker was blanked (as
    when the columns were put one under another), otherwise as Python objects."""
    typed = {pd.Series(block.values).dtype for block in blocks}
    if markers or len(typed) != 1:
        return pd.Series(values, dtype=object)
    return pd.Series(values, dtype=typed.pop())


@dataclass(frozen=True)
class _Marks:
    #: Cells with something in them (blank cells say nothing and give no row).
    kept: np.ndarray
    #: Cells holding a marker in place of a figure, and those saying it does not apply.
    marker: np.ndarray
    not_applicable: np.ndarray
    #: Each marker cell's text (trimmed), and the distinct ones.
    texts: list[str]
    said: list[str]


#: A cell of digits with commas and points (most figures) is never a marker: no marker is
#: made of digits alone. Such cells skip the reading of words.
_FIGURE_LIKE = r"[0-9.,]*[0-9][0-9.,]*"


def _classify(values: np.ndarray) -> _Marks:
    """Which cells are blank and which hold a marker (and which of those say not applicable)."""
    text = pd.Series(values, dtype=object).astype("string[pyarrow]").str.strip()
    blank = (text.isna() | (text == "")).to_numpy(dtype=bool, na_value=True)
    figure = text.str.fullmatch(_FIGURE_LIKE).to_numpy(dtype=bool, na_value=False)
    candidates = np.flatnonzero(~blank & ~figure)
    marker = np.zeros(len(values), dtype=bool)
    not_applicable = np.zeros(len(values), dtype=bool)
    texts: list[str] = []
    said: list[str] = []
    if len(candidates):
        words = text.iloc[candidates].str.lower().str.strip("[]() ")
        words = words.str.replace(r"[^\w]+", " ", regex=True).str.strip()
        is_marker = words.isin(list(_MARKERS)).to_numpy(dtype=bool, na_value=False)
        marked = candidates[is_marker]
        marker[marked] = True
        not_applicable[marked] = (
            words[is_marker].isin(list(NOT_APPLICABLE_MARKERS)).to_numpy(dtype=bool, na_value=False)
        )
        raw = text.iloc[marked].astype(object)
        texts = raw.tolist()
        said = raw.unique().tolist()
    return _Marks(~blank, marker, not_applicable, texts, said)


def _take_up(layout: WideLayout, frame: pd.DataFrame, n: int) -> list[_Block]:
    """Digital take-up for each period that has both volumes and no take-up column."""
    by_period: dict[str, dict[str, str]] = {}
    for column in layout.columns:
        by_period.setdefault(column.period, {})[column.measure] = column.column
    blocks: list[_Block] = []
    for period, measures in by_period.items():
        volume = measures.get(Metric.TRANSACTIONS_PER_YEAR.value)
        digital = measures.get(DIGITAL_VOLUME)
        if not volume or not digital or Metric.DIGITAL_TAKE_UP.value in measures:
            continue
        total, _ = cells.numbers(frame[volume].reset_index(drop=True))
        online, _ = cells.numbers(frame[digital].reset_index(drop=True))
        both = ((total > 0) & online.notna()).to_numpy()
        share = (online / total * 100)[both]
        values = np.array([None] * n, dtype=object)
        values[both] = [repr(float(v)) for v in share]
        blocks.append(_Block(Metric.DIGITAL_TAKE_UP.value, period, values, both))
    return blocks


def _worked_note() -> str:
    return t("Worked out from the file: digital volume ÷ volume.")


def _notes(layout: WideLayout, answers: int) -> list[Problem]:
    periods = layout.periods
    notes = [
        Problem(
            message=tn(
                "This is a wide period file: {columns} columns hold figures for {periods} "
                "period ({first}) and {measures} measures, read as {answers} metric answers.",
                "This is a wide period file: {columns} columns hold figures for {periods} "
                "periods (the oldest {first}, the latest {last}) and {measures} measures, read "
                "as {answers} metric answers.",
                len(periods),
                columns=len(layout.columns),
                periods=len(periods),
                first=periods[0],
                last=periods[-1],
                measures=len(layout.measures),
                answers=f"{answers:,}",
            ),
            action=t(
                "Nothing to do: each figure is one service's measure in one period, and blank "
                "cells are left out."
            ),
            severity=WARNING,
            column=layout.service_column,
        )
    ]
    if layout.organisation_column is not None:
        notes.append(
            Problem(
                message=t(
                    "The file names each service by its name: it is found in the catalogue by "
                    "its organisation (the “{column}” column) and its name.",
                    column=layout.organisation_column,
                ),
                action=t(
                    "Import the services first (the same file, as services) if the catalogue "
                    "does not hold them yet."
                ),
                severity=WARNING,
                column=layout.service_column,
            )
        )
    if layout.left_out:
        notes.append(
            Problem(
                message=t(
                    "These columns are neither the service nor figures by period, so they were "
                    "left out: {columns}.",
                    columns=", ".join(layout.left_out),
                ),
                action=t("Nothing to do if they hold nothing the dashboard keeps."),
                severity=WARNING,
            )
        )
    if DIGITAL_VOLUME in layout.measures and Metric.TRANSACTIONS_PER_YEAR.value not in (
        layout.measures
    ):
        notes.append(
            Problem(
                message=t(
                    "The file gives digital volumes but no total volumes, so digital take-up "
                    "cannot be worked out and the digital volumes were left out."
                ),
                action=t("Add the total volume for each period to import digital take-up."),
                severity=WARNING,
            )
        )
    return notes
