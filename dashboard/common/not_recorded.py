"""Not recorded: a value a steward stored as unknown (NULL), shown in words and counted in
coverage, never guessed and never counted as a level, a sector or a stage."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.common.filters import NOT_RECORDED as NOT_RECORDED
from dashboard.common.i18n import t, term, tn
from db.vocabulary import Term


def not_recorded() -> str:
    """The words a page shows where a field holds no value."""
    return t("not recorded")


def known_count(values: pd.Series) -> int:
    """How many of `values` are recorded (not NULL)."""
    return int(values.notna().sum())


def coverage_line(field: str, known: int, total: int) -> str:
    """E.g. "Digitisation level known for 412 of 2,485 services"; `field` is the field's name
    in the reader's language."""
    return tn(
        "{field} known for {known} of {n} service",
        "{field} known for {known} of {n} services",
        total,
        field=field,
        known=f"{known:,}",
        n=f"{total:,}",
    )


def level_coverage(services: pd.DataFrame) -> str:
    """The coverage line of the digitisation level over `services`."""
    return coverage_line(
        t("Digitisation level"), known_count(services["digitisation_level"]), len(services)
    )


def is_missing(value: object) -> bool:
    """True for a value not recorded: None, NaN or pandas' NA."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def term_or_not_recorded(terms_: tuple[Term, ...], code: object) -> str:
    """A controlled value's label in the reader's language, or "not recorded"."""
    return not_recorded() if is_missing(code) else term(terms_, str(code))


def labels_or_not_recorded(series: pd.Series, terms_: tuple[Term, ...]) -> pd.Series:
    """A column of codes as labels, a value not recorded as "not recorded" (for tables and
    their CSV): looked up once per distinct code."""
    categorical = series.astype(object).astype("category")
    words = [term(terms_, str(code)) for code in categorical.cat.categories]
    table = np.asarray([*words, not_recorded()], dtype=object)
    codes = categorical.cat.codes.to_numpy()
    return pd.Series(table[np.where(codes < 0, len(words), codes)], index=series.index)
