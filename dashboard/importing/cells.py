"""Cells as typed values: text cleaned, numbers as people write them, dates in three formats.

Each reader takes a column of text cells (None for blank) and returns the typed column and, for
each cell it could not read, what is wrong and what to do (in the language of the run).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.common.exports import FORMULA_TRIGGERS
from dashboard.common.i18n import t
from dashboard.common.typed_values import (
    CONTROL_CHARACTERS,
    DAYS_AHEAD,
    EARLIEST_YEAR,
    LARGEST_FIGURE,
    NOT_A_NUMBER,
)
from dashboard.importing.vocabularies import normalise

#: Words people put in number cells instead of a number, in English and Welsh.
NOT_NUMBERS = frozenset(
    NOT_A_NUMBER
    | {"n k", "nk", "tbc", "tbd", "unknown", "not known", "amh", "anhysbys", "dim", "dd/g", "x"}
    # what published statistics write: no data, not provided, suppressed, confidential
    | {"nd", "no data", "not provided", "not available", "..", "c", "z", "[x]", "[c]", "[z]"}
    | {"dim data", "heb ei ddarparu"}
)
_SPACES = re.compile(r"\s+")
#: Every character \s stands for, written out, so that a pattern using them runs in Arrow's
#: C++ over a whole column (pandas runs a pattern with \s in Python, a cell at a time).
WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d{1,2}$")
SPREADSHEET_ERRORS = {
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#SPILL!",
}


@dataclass(frozen=True)
class CellError:
    position: int
    message: str
    action: str


Reader = Callable[[pd.Series], tuple[pd.Series, list[CellError]]]


def _text(series: pd.Series) -> pd.Series:
    """Cells as Arrow-backed text, so string operations run in C++ over the whole column."""
    return series.astype("string[pyarrow]")


def _objects(series: pd.Series) -> pd.Series:
    """Back to plain Python strings with None for blanks."""
    out = series.astype(object)
    return out.where(series.notna() & (series.str.len() > 0), None)


def unescape(series: pd.Series) -> tuple[pd.Series, list[CellError]]:
    """Trim cells; undo the apostrophe a safe export puts before a formula-like value; refuse
    formulas and spreadsheet error values, which are not data."""
    errors: list[CellError] = []
    if not series.notna().any():
        return pd.Series([None] * len(series), index=series.index, dtype=object), errors
    values, formula, spreadsheet_error = _by_distinct(series, _unescaped)
    for position in series.index[formula]:
        errors.append(
            CellError(
                int(position),
                t("The cell holds a spreadsheet formula, not a value."),
                t(
                    "Replace the formula by its result (copy the column and paste it back as "
                    "values), then import again."
                ),
            )
        )
    for position in series.index[spreadsheet_error]:
        errors.append(
            CellError(
                int(position),
                t("The cell shows a spreadsheet error instead of a value."),
                t("Fix the formula that gives the error in your spreadsheet, or clear the cell."),
            )
        )
    return values, errors


def _unescaped(series: pd.Series) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """`unescape` of each cell, with where formulas and spreadsheet errors are."""
    values = _text(series).str.strip()
    formula = (values.str.startswith("=") & (values.str.len() > 1)).fillna(False)
    spreadsheet_error = values.str.upper().isin(SPREADSHEET_ERRORS).fillna(False)
    escaped = (
        values.str.startswith("'") & values.str.slice(1, 2).isin([*FORMULA_TRIGGERS, "'", "#"])
    ).fillna(False)
    if escaped.any():
        values = values.where(~escaped, values.str.slice(1))
    values = values.where(~(formula | spreadsheet_error))
    return (
        _objects(values),
        formula.to_numpy(dtype=bool),
        spreadsheet_error.to_numpy(dtype=bool),
    )


def one_line(series: pd.Series) -> pd.Series:
    """Text on one line: control characters dropped, runs of spaces made one."""
    if not series.notna().any():
        return series
    cleaned: pd.Series = _by_distinct(series, lambda distinct: (_one_line(distinct),))[0]
    return cleaned


def _one_line(series: pd.Series) -> pd.Series:
    values = _text(series)
    values = values.str.replace(CONTROL_CHARACTERS.pattern, "", regex=True)
    values = values.str.replace(f"[{WHITESPACE}]+", " ", regex=True).str.strip()
    return _objects(values)


def _by_distinct(series: pd.Series, clean: Callable[[pd.Series], tuple[Any, ...]]) -> Any:
    """`clean` of a column of text cells, worked out once per distinct value when the column
    repeats itself (a service code on each of its rows, a period on every row): a million
    cells of a wide file hold a hundred thousand codes and ten periods. `clean` returns a
    column and any flags (boolean arrays), all a value per cell; they come back per cell,
    blank cells blank and unflagged."""
    if pd.api.types.infer_dtype(series, skipna=True) != "string":
        return clean(series)  # 1 and 1.0 are one value to factorize, but read differently
    if _mostly_distinct(series):
        return clean(series)  # figures: counting the distinct values would cost more
    codes, distinct = pd.factorize(series, use_na_sentinel=True)
    if len(distinct) * 2 > len(series):
        return clean(series)
    blank = codes < 0
    out: list[Any] = []
    for part in clean(pd.Series(np.asarray(distinct, dtype=object), dtype=object)):
        if isinstance(part, pd.Series):
            spread = part.to_numpy(dtype=object)[codes]
            spread[blank] = None
            out.append(pd.Series(spread, index=series.index, dtype=object))
        else:
            flags = np.asarray(part, dtype=bool)[codes]
            flags[blank] = False
            out.append(flags)
    return tuple(out)


#: How many cells of a long column `_mostly_distinct` looks at.
_SAMPLE = 2_000


def _mostly_distinct(series: pd.Series) -> bool:
    """Whether the first cells of a long column are mostly different from one another."""
    if len(series) < 10 * _SAMPLE:
        return False
    head = series.iloc[:_SAMPLE].dropna().tolist()
    return len(head) * 3 > _SAMPLE and len(set(head)) * 2 > len(head)


def many_lines(series: pd.Series) -> pd.Series:
    """Text that may keep its line breaks: control characters dropped, line ends unified."""
    if not series.notna().any():
        return series
    values = _text(series).str.replace(CONTROL_CHARACTERS.pattern, "", regex=True)
    values = values.str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n", regex=False)
    return _objects(values.str.strip())


def numbers(
    series: pd.Series, missing_action: str | None = None, largest: float | None = None
) -> tuple[pd.Series, list[CellError]]:
    """Numbers as written by people: 1,250 and £3.40 and 85% are fine; "n/a" and "1,5" are not."""
    errors: list[CellError] = []
    out = pd.Series(float("nan"), index=series.index, dtype="float64")
    present = series.notna()
    if not present.any():
        return out, errors
    text = series[present].astype(str).str.strip()
    # in Arrow's C++ over the whole column (whitespace written out: pandas reads \s in Python)
    compact = _text(text).str.replace(f"[{WHITESPACE}]", "", regex=True)
    compact = compact.str.replace("£", "", regex=False).str.removesuffix("%")
    thousands = compact.str.match(_THOUSANDS.pattern).fillna(False)
    compact = compact.where(~thousands, compact.str.replace(",", "", regex=False))
    as_floats = _parsed(compact)
    readable = np.isfinite(as_floats)
    with np.errstate(invalid="ignore"):
        huge = readable & (np.abs(as_floats) > (np.inf if largest is None else largest))
    finite = pd.Series(readable & ~huge, index=compact.index)
    out[present] = np.where(finite, as_floats, np.nan)
    for position in text.index[huge]:
        errors.append(
            CellError(
                int(position),
                t("“{value}” is far too large to be right.", value=text[position]),
                t(
                    "Check the figure: the import takes figures up to {largest}.",
                    largest=f"{largest:,.0f}",
                ),
            )
        )
    for position in text.index[~readable]:
        raw = text[position]
        errors.append(CellError(int(position), *_not_a_number(raw, missing_action)))
    return out, errors


#: A figure of plain digits (a sign, a point): read by Arrow in C++, which gives the double
#: nearest the decimal as pandas does. Anything else (an exponent, "inf", a very long run of
#: digits, digits of other scripts) is read by pandas, a cell at a time.
_PLAIN = r"[+-]?([0-9]{1,18}(\.[0-9]{0,18})?|\.[0-9]{1,18})"


def _parsed(compact: pd.Series) -> np.ndarray:
    """Each cell of Arrow text (spaces, £ and % taken out) as a number; NaN where none."""
    plain = compact.str.fullmatch(_PLAIN).to_numpy(dtype=bool, na_value=False)
    values = np.full(len(compact), np.nan)
    if plain.any():
        digits = pa.array(compact[plain].array, type=pa.string())
        values[plain] = pc.cast(digits, pa.float64()).to_numpy(zero_copy_only=False)
    if not plain.all():
        rest = pd.to_numeric(compact[~plain].astype(object), errors="coerce")
        values[~plain] = rest.to_numpy(dtype=float, na_value=np.nan)
    return values


def _not_a_number(raw: str, missing_action: str | None) -> tuple[str, str]:
    word = normalise(raw) or raw.strip()
    if word in NOT_NUMBERS or raw.strip().lower() in NOT_NUMBERS:
        return (
            t("“{value}” is not a number.", value=raw),
            missing_action or t("Leave the cell blank when the figure is not known."),
        )
    if _DECIMAL_COMMA.match(raw.strip()):
        return (
            t("“{value}” uses a comma as the decimal point.", value=raw),
            t("Write it with a full stop, for example {example}.", example=raw.replace(",", ".")),
        )
    return (
        t("“{value}” is not a number.", value=raw),
        t("Write digits only, for example 1250, 3.40 or 85%."),
    )


def whole_numbers(series: pd.Series) -> tuple[pd.Series, list[CellError]]:
    """Numbers that must be whole (a level, a position); returned as nullable integers."""
    values, errors = numbers(series, largest=LARGEST_FIGURE)  # beyond 64 bits otherwise
    fractional = values.notna() & (values != values.round())
    for position in values.index[fractional]:
        errors.append(
            CellError(
                int(position),
                t("“{value}” is not a whole number.", value=series[position]),
                t("Give a whole number, such as 3."),
            )
        )
    values = values.where(~fractional)
    return values.round().astype("Int64"), errors


# -- dates --------------------------------------------------------------------------------------------

MONTHS = {
    **{
        name: number
        for number, names in enumerate(
            (
                ("january", "jan", "ionawr"),
                ("february", "feb", "chwefror", "chwef"),
                ("march", "mar", "mawrth", "maw"),
                ("april", "apr", "ebrill", "ebr"),
                ("may", "mai"),
                ("june", "jun", "mehefin", "meh"),
                ("july", "jul", "gorffennaf", "gorff"),
                ("august", "aug", "awst"),
                ("september", "sep", "sept", "medi"),
                ("october", "oct", "hydref", "hyd"),
                ("november", "nov", "tachwedd", "tach"),
                ("december", "dec", "rhagfyr", "rhag"),
            ),
            start=1,
        )
        for name in names
    }
}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|af|ed|eg|fed)?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_WORDS_US = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")


def _date_help() -> str:
    return t("Write dates as 2024-03-15, 15/03/2024 or 15 March 2024.")


def _date_range_help() -> str:
    return t("Check the date: dates here are from {year} to a year from now.", year=EARLIEST_YEAR)


def parse_date(text: str) -> tuple[datetime | None, str | None]:
    """A date or time in one of the three formats people use here; UTC unless it says."""
    raw = " ".join(text.split())
    if _ISO.match(raw):
        try:
            value = datetime.fromisoformat(raw.replace(" ", "T", 1) if "T" not in raw else raw)
        except ValueError:
            return None, t("“{value}” is not a real date.", value=text)
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC), None
    numeric = _NUMERIC.match(raw)
    if numeric:
        day, month, year = (int(g) for g in numeric.groups())
        if len(numeric.group(3)) == 2:
            return None, t("“{value}” has a two-digit year.", value=text)
        if month > 12 and day <= 12:
            return None, t(
                "“{value}” looks like a US date (month first); dates here are read day first.",
                value=text,
            )
        return _calendar(year, month, day, text)
    words = _WORDS.match(raw) or _WORDS_US.match(raw)
    if words:
        if words.re is _WORDS:
            day, month_name, year = int(words.group(1)), words.group(2), int(words.group(3))
        else:
            month_name, day, year = words.group(1), int(words.group(2)), int(words.group(3))
        named = MONTHS.get(normalise(month_name))
        if named is None:
            return None, t("“{value}” has a month we do not know.", value=text)
        return _calendar(year, named, day, text)
    if re.fullmatch(r"\d{5}(\.\d+)?", raw):
        return None, t(
            "“{value}” looks like a date stored as a spreadsheet day number.", value=text
        )
    return None, t("“{value}” is not a date we can read.", value=text)


def _calendar(year: int, month: int, day: int, text: str) -> tuple[datetime | None, str | None]:
    try:
        return datetime(year, month, day, tzinfo=UTC), None
    except ValueError:
        return None, t("“{value}” is not a real date.", value=text)


def date_out_of_range(value: datetime, text: str, today: datetime | None = None) -> str | None:
    """What is wrong with a date before 1990 or more than a year ahead; None if nothing."""
    now = today or datetime.now(UTC)
    if value.year < EARLIEST_YEAR:
        return t(
            "“{value}” is before {year}, earlier than any date the catalogue holds.",
            value=text,
            year=EARLIEST_YEAR,
        )
    if value > now + timedelta(days=DAYS_AHEAD):
        return t("“{value}” is more than a year from now.", value=text)
    return None


def dates(series: pd.Series) -> tuple[pd.Series, list[CellError]]:
    errors: list[CellError] = []
    out = pd.Series([None] * len(series), index=series.index, dtype=object)
    present = series.dropna()
    for position, raw in zip(present.index.tolist(), present, strict=True):
        value, problem = parse_date(str(raw))
        if problem:
            errors.append(CellError(int(position), problem, _date_help()))
            continue
        assert value is not None
        odd = date_out_of_range(value, str(raw))
        if odd:
            errors.append(CellError(int(position), odd, _date_range_help()))
        else:
            out[position] = value
    return out, errors


def json_value(text: str) -> object:
    """A JSON value written in a cell (survey answers with parts), or the text itself."""
    stripped = text.strip()
    if stripped[:1] in ("{", "["):
        try:
            return json.loads(stripped)
        except ValueError:
            return text
    return text
