"""Metric answers across periods: the store keeps every period; pages show each service's
latest and say which, and a per-year metric given for a shorter period says so.

"Latest" is the order of `db.periods.sort_key`: by the month a period ends, a year after its
own last quarter, undated answers before dated ones. One answer per service and metric is
what every count of services stands on, so availability still counts services, not periods.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.common.i18n import t
from db.periods import sort_key
from db.vocabulary import WITH_VALUE, Metric

#: Metrics whose figure is a count over a year: given for a quarter, it is a quarter's count.
PER_YEAR = frozenset({Metric.USERS_PER_YEAR.value, Metric.TRANSACTIONS_PER_YEAR.value})


def period_order(labels: pd.Series) -> np.ndarray:
    """Each label's place in time, as a whole number (the labels are few: each is read once)."""
    text = labels.astype(object).where(labels.notna(), "").astype(str)
    distinct = sorted(pd.unique(text), key=sort_key)
    rank = {label: position for position, label in enumerate(distinct)}
    return text.map(rank).to_numpy(dtype=np.int64)


def _group_codes(answers: pd.DataFrame) -> np.ndarray:
    """One whole number per service and metric (the same number for the same pair)."""
    key = [c for c in ("service_id", "metric") if c in answers]  # one service's: no id
    combined = np.zeros(len(answers), dtype=np.int64)
    for column in key:
        codes, uniques = pd.factorize(answers[column], use_na_sentinel=False)
        combined = combined * (len(uniques) + 1) + codes
    return combined


def _latest_positions(groups: np.ndarray, order: np.ndarray) -> np.ndarray:
    """The position of the latest answer of each group, in the answers' order."""
    picks = np.lexsort((order, groups))
    last = np.ones(len(picks), dtype=bool)
    last[:-1] = groups[picks][1:] != groups[picks][:-1]
    return np.sort(picks[last])


def latest_answers(answers: pd.DataFrame) -> pd.DataFrame:
    """The latest period's answer of each service and metric (columns and dtypes kept)."""
    if answers.empty or "period" not in answers:
        return answers
    positions = _latest_positions(_group_codes(answers), period_order(answers["period"]))
    return answers.iloc[positions]


def is_yearly(months: pd.Series) -> np.ndarray:
    """True where a figure covers a year: a 12-month period, or no length (an undated answer,
    or a label that cannot be read, taken as the service's yearly figure as it always was)."""
    length = pd.to_numeric(months.astype(object), errors="coerce")
    return (length.isna() | (length == 12)).to_numpy(dtype=bool)


def with_yearly_figures(answers: pd.DataFrame) -> pd.DataFrame:
    """`latest_answers` with, on each per-year metric's row, the latest figure that covers a
    year: "year_value" (NaN where the service gave none) and "year_period" (its label).

    Reach per year is read from these, never from a quarter's or a month's count: the latest
    answer may be a quarter while a year's figure stands behind it.
    """
    if answers.empty or "period" not in answers or "period_months" not in answers:
        return latest_answers(answers).assign(year_value=np.nan, year_period=None)
    groups = _group_codes(answers)
    order = period_order(answers["period"])
    positions = _latest_positions(groups, order)
    latest = answers.iloc[positions]
    metric = answers["metric"].astype(object)
    given = answers["availability"].astype(object).isin([str(a) for a in WITH_VALUE])
    candidate = np.flatnonzero(
        metric.isin(list(PER_YEAR)).to_numpy()
        & given.to_numpy()
        & answers["value"].notna().to_numpy()
        & is_yearly(answers["period_months"])
    )
    yearly = candidate[_latest_positions(groups[candidate], order[candidate])]
    # each group's yearly answer, looked up by the group of each latest answer
    where = pd.Series(yearly, index=groups[yearly]).reindex(groups[positions])
    found = where.notna().to_numpy()
    rows = where.to_numpy(dtype=float)
    values = np.full(len(latest), np.nan)
    periods = np.full(len(latest), None, dtype=object)
    chosen = rows[found].astype(np.int64)
    values[found] = answers["value"].to_numpy(dtype=float)[chosen]
    periods[found] = answers["period"].astype(object).to_numpy()[chosen]
    return latest.assign(year_value=values, year_period=periods)


def per_period(metric: str, months: object) -> str:
    """ "per quarter", "per month", "per 6 months" for a per-year metric given for a shorter
    or longer span than a year; "" otherwise."""
    if metric not in PER_YEAR or months is None or pd.isna(months) or int(months) == 12:  # type: ignore[call-overload]
        return ""
    count = int(months)  # type: ignore[call-overload]
    if count == 3:
        return t("per quarter")
    if count == 1:
        return t("per month")
    return t("per {n} months", n=count)


def period_cell(metric: str, period: object, months: object) -> str:
    """A figure's period for a table cell: "2023-24 Q2, per quarter", "2022-23" or ""."""
    label = "" if period is None or pd.isna(period) else str(period)  # type: ignore[call-overload]
    per = per_period(metric, months) if label else ""
    return t("{period}, {per}", period=label, per=per) if per else label


def period_cells(metric: str, answers: pd.DataFrame) -> pd.Series:
    """`period_cell` for every answer (worked out once per distinct period)."""
    if answers.empty:
        return pd.Series([], index=answers.index, dtype=object)
    labels = answers["period"].astype(object).where(answers["period"].notna(), "")
    months = answers["period_months"].astype("Int64").astype(object)
    pairs = list(zip(labels, months, strict=True))
    cells = {pair: period_cell(metric, *pair) for pair in set(pairs)}
    return pd.Series([cells[pair] for pair in pairs], index=answers.index, dtype=object)


def period_words(metric: str, period: object, months: object) -> str:
    """What a figure's period is, said beside it: "latest period: 2023-24 Q2, per quarter"."""
    label = "" if period is None or pd.isna(period) else str(period)  # type: ignore[call-overload]
    if not label:
        return ""
    per = per_period(metric, months)
    if per:
        return t("latest period: {period}, {per}", period=label, per=per)
    return t("latest period: {period}", period=label)


def short_figure_words(period: object, months: object) -> str:
    """Why a per-year figure is not known when the owner gave one for a shorter period:
    "only a 3-month figure (2023-24 Q2)" (never an annualised guess)."""
    label = "" if period is None or pd.isna(period) else str(period)  # type: ignore[call-overload]
    if months is None or pd.isna(months):  # type: ignore[call-overload]
        return t("only a figure for a shorter period than a year ({period})", period=label)
    return t("only a {months}-month figure ({period})", months=int(months), period=label)  # type: ignore[call-overload]
