"""A transparent priority score per service, from named components and weights the user sets.

Each component is a number from 0 (no case for improving) to 1 (the strongest case):

- reach: users per year (transactions per year where users are not known), log scale,
  relative to the services being ranked; only a figure that covers a year counts (a 12-month
  period, or an undated answer): a quarter's count is never taken for a year's, and a service
  whose only figures are for shorter periods has reach not known, its row saying so;
- digital gap: distance from digital end to end, (4 - level) / 4; a service with no level
  recorded is scored on the other components only (their weights scaled up to the whole);
- pain: the severity of the challenges the owner reported (high 3, medium 2, low 1, summed),
  relative to the services being ranked; unknown when a reported challenge has no severity;
- data gaps: the share of applicable metrics the owner could not give a figure for;
- cost: cost per transaction where known, log scale, relative (dearer means more to save).

The relative components (reach, pain, cost) need at least two different known values to say
which service is higher; with one value (a single service, or all alike) every known service
gets the middle, 0.5, and the page says so.

The score is the weighted mean of the components. A component that is not known for a service
is never taken as zero: it is estimated as the median of the services that have it (and the
row says so), or, if the user chooses, services with any estimated component are left out.
Every service has the same weights, so raising a component's weight can only help the services
that are strongest on it.

Tables keep fixed English column keys; dashboard.common.headers gives them headers in the
reader's language. Names in the cells follow the language the function runs in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.answers import NOT_ANSWERED, answer_category
from dashboard.common.metric_periods import is_yearly
from dashboard.common.names import optional_column
from dashboard.common.service_labels import service_columns
from dashboard.prioritise import confidence
from dashboard.prioritise.weighting import (
    CODES,
    ESTIMATE,
    KNOWN_ONLY,
    NAMES,
    clean_weights,
    component_names,
)
from db.vocabulary import MAX_LEVEL, WITH_VALUE, Availability, Metric

#: Components scaled relative to the services ranked (the others have a fixed scale).
RELATIVE = ("reach", "pain", "cost")
FLAT = 0.5
#: The raw figures shown beside the score, and the column of each figure's answer code.
FIGURES = {
    "Users per year": ("users", "_users_answer"),
    "Transactions per year": ("transactions", "_transactions_answer"),
    "Cost per transaction": ("cost_per_transaction", "_cost_answer"),
}
#: Per-year figures given only for a shorter period: the column of that period's label and
#: of its length in months (the row says "only a 3-month figure (2023-24 Q2)").
SHORT_PERIODS = {
    "Users per year": ("_users_short", "_users_short_months"),
    "Transactions per year": ("_transactions_short", "_transactions_short_months"),
}
#: A yearly figure older than the service's latest answer (a later quarter): its period, so
#: the row says which year the figure is for ("43,800 (2012-13)").
EARLIER_YEARS = {
    "Users per year": "_users_year",
    "Transactions per year": "_transactions_year",
}


def _relative_log(values: pd.Series) -> pd.Series:
    """log10(1 + x) scaled to 0..1 over the known values; no spread (one value) gives 0.5."""
    logged: pd.Series = np.log10(1 + values.clip(lower=0))
    low, high = logged.min(), logged.max()
    if pd.isna(low):
        return logged
    if high == low:
        return logged.where(logged.isna(), FLAT)
    scaled: pd.Series = (logged - low) / (high - low)
    return scaled


def _relative(values: pd.Series) -> pd.Series:
    """x / max over the known values; all zero stays 0 (no pain is a real zero), and one
    positive value with nothing to compare gives 0.5."""
    high = values.max()
    if pd.isna(high):
        return values
    if high == 0:
        return values.where(values.isna(), 0.0)
    if values.dropna().nunique() == 1:
        return values.where(values.isna(), FLAT)
    scaled: pd.Series = values / high
    return scaled


def _known(metrics: pd.DataFrame, metric: str) -> pd.DataFrame:
    # compared as categories, never turned into 370,000 strings
    return metrics[metrics["metric"] == metric].drop_duplicates("service_id")


def _metric(rows: pd.DataFrame, index: pd.Index) -> pd.Series:
    rows = rows[rows["availability"].isin(list(WITH_VALUE))]
    return rows.set_index("service_id")["value"].reindex(index)


def _earlier_year(rows: pd.DataFrame, index: pd.Index) -> pd.Series:
    """The period of each service's yearly figure where it is not its latest answer's."""
    if "year_period" not in rows or rows.empty:
        return pd.Series(None, index=index, dtype=object)
    by_service = rows.set_index("service_id")
    year = by_service["year_period"].astype(object)
    latest = by_service["period"].astype(object)
    return year.where(year.notna() & (year != latest)).reindex(index)


def _per_year(rows: pd.DataFrame, index: pd.Index) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Each service's latest figure for a per-year metric that covers a year, and where it has
    none but its latest answer is a figure for a shorter period, that period and its length.

    Frames from `queries.load_metric_answers` carry the yearly figure ("year_value"); a frame
    without period columns holds undated answers, each taken as the service's yearly figure.
    """
    given = rows[rows["availability"].isin(list(WITH_VALUE)) & rows["value"].notna()]
    yearly = (
        is_yearly(given["period_months"])
        if "period_months" in given
        else np.ones(len(given), dtype=bool)
    )
    if "year_value" in rows:
        values = rows.set_index("service_id")["year_value"].astype(float).reindex(index)
    else:
        values = given[yearly].set_index("service_id")["value"].astype(float).reindex(index)
    short = given[~yearly].set_index("service_id")
    no_year = values.isna()
    if short.empty:
        period = pd.Series(None, index=index, dtype=object)
        months = pd.Series(pd.NA, index=index, dtype="Int64")
    else:
        period = short["period"].astype(object).reindex(index).where(no_year)
        months = short["period_months"].astype("Int64").reindex(index).where(no_year)
    return values, period, months


def _answer(rows: pd.DataFrame, index: pd.Index) -> pd.Series:
    """What the owner said about one metric, as an answer category ("Provided", "Not
    available: shared system", ... or "Not answered"): a small category column, no words yet."""
    reason = optional_column(rows, "reason")
    said = answer_category(rows["availability"], reason)
    answers = pd.Series(said.array, index=rows["service_id"].to_numpy()).reindex(index)
    if NOT_ANSWERED not in answers.cat.categories:
        answers = answers.cat.add_categories([NOT_ANSWERED])
    return answers.fillna(NOT_ANSWERED)


def components(
    services: pd.DataFrame, metrics: pd.DataFrame, service_themes: pd.DataFrame
) -> pd.DataFrame:
    """Raw figures and 0..1 components for `services` (already filtered); NaN where unknown.

    No words in it (answers are category keys), so one cached copy serves every language.
    """
    index = services.index
    metrics = metrics[metrics["service_id"].isin(index)]
    figures = {
        metric: _known(metrics, metric)
        for metric in (
            Metric.USERS_PER_YEAR,
            Metric.TRANSACTIONS_PER_YEAR,
            Metric.COST_PER_TRANSACTION,
        )
    }
    users, users_short, users_months = _per_year(figures[Metric.USERS_PER_YEAR], index)
    transactions, transactions_short, transactions_months = _per_year(
        figures[Metric.TRANSACTIONS_PER_YEAR], index
    )
    cost_raw = _metric(figures[Metric.COST_PER_TRANSACTION], index)

    in_view = service_themes[service_themes["service_id"].isin(index)]
    challenges = in_view[in_view["kind"] == "challenge"]
    severity = challenges["severity"].astype(float)
    by_service = challenges["service_id"]
    pain_raw = severity.groupby(by_service).sum()
    # a challenge with no severity leaves the pain unknown: never read as "no pain"
    unrated = severity.isna().groupby(by_service).any()
    pain_raw = pain_raw.where(~unrated.reindex(pain_raw.index, fill_value=False))
    pain_raw = pain_raw.reindex(index)
    # asked and reported no challenge (only aims): no pain, a real 0; never asked: unknown
    answered_only_aims = index.isin(in_view["service_id"].unique()) & ~index.isin(
        by_service.unique()
    )
    pain_raw = pain_raw.where(~answered_only_aims, 0.0)

    applicable = metrics[metrics["availability"] != Availability.NOT_APPLICABLE]
    missing_share = (
        (~applicable["availability"].isin(list(WITH_VALUE)))
        .groupby(applicable["service_id"])
        .mean()
        .reindex(index)
    )
    level = services["digitisation_level"].astype(float)
    return pd.DataFrame(
        {
            "users": users,
            "transactions": transactions,
            "cost_per_transaction": cost_raw,
            "pain_raw": pain_raw.astype(float),
            "reach": _reach(users, transactions),
            "gap": (MAX_LEVEL - level) / MAX_LEVEL,
            "pain": _relative(pain_raw.astype(float)),
            "data": missing_share.astype(float),
            "cost": _relative_log(cost_raw.astype(float)),
            "_users_answer": _answer(figures[Metric.USERS_PER_YEAR], index),
            "_transactions_answer": _answer(figures[Metric.TRANSACTIONS_PER_YEAR], index),
            "_cost_answer": _answer(figures[Metric.COST_PER_TRANSACTION], index),
            "_users_short": users_short,
            "_users_short_months": users_months,
            "_transactions_short": transactions_short,
            "_transactions_short_months": transactions_months,
            "_users_year": _earlier_year(figures[Metric.USERS_PER_YEAR], index),
            "_transactions_year": _earlier_year(figures[Metric.TRANSACTIONS_PER_YEAR], index),
        },
        index=index,
    )


def _reach(users: pd.Series, transactions: pd.Series) -> pd.Series:
    return _relative_log(users.fillna(transactions).astype(float))


def components_of(everyone: pd.DataFrame, mask: np.ndarray) -> pd.DataFrame:
    """`components` of the services `mask` keeps, from the components of every service.

    A service's figures, answers, gap and missing share are its own; only reach, pain and
    cost are relative to the services ranked, so only they are worked out again. Working out
    every service's components once per data version makes a filter a selection and three
    rescalings, not a pass over 370,000 answers and half a million theme reports.
    """
    parts = everyone[mask].copy()
    parts["reach"] = _reach(parts["users"], parts["transactions"])
    parts["pain"] = _relative(parts["pain_raw"])
    parts["cost"] = _relative_log(parts["cost_per_transaction"].astype(float))
    return parts


def flat_components(parts: pd.DataFrame) -> list[str]:
    """Relative components that cannot tell the ranked services apart: one known value (or
    all alike), so every service that has it gets 0.5. All-zero pain is a real zero, not flat."""
    raws = {
        "reach": parts["users"].fillna(parts["transactions"]),
        "pain": parts["pain_raw"],
        "cost": parts["cost_per_transaction"],
    }
    flat = []
    for code in RELATIVE:
        known = raws[code].dropna()
        if len(known) and known.nunique() == 1 and not (code == "pain" and known.iloc[0] == 0):
            flat.append(code)
    return flat


@dataclass(frozen=True)
class Ranking:
    table: pd.DataFrame  # one row per ranked service, best first
    left_out: int  # services left out because a weighted component was not known
    estimated: dict[str, int]  # per component: services whose value was estimated
    medians: dict[str, float]
    weighted: int = 0  # how many components carry weight
    without_level: int = 0  # services with no digitisation level (the gap weighted)
    level_only: bool = False  # the digital gap is the only weighted part

    def estimated_counts(self) -> dict[int, int]:
        """How many ranked services have 0, 1, 2, ... weighted parts estimated."""
        counts = self.table["Parts estimated"].value_counts()
        counts = counts.sort_index()
        return dict(
            zip(counts.index.astype(int).tolist(), counts.astype(int).tolist(), strict=True)
        )


def score(parts: pd.DataFrame, weights: Mapping[str, int], missing: str = ESTIMATE) -> Ranking:
    """Weighted mean of the components; contributions per component add up to the score.

    A service with no digitisation level recorded has no digital gap: it is never estimated
    from a median, but scored on the other weighted parts only, their weights scaled up to
    make the whole ("_no_level" marks it). With the gap the only weighted part it cannot be
    scored, and is left out.
    """
    weights = clean_weights(weights)
    used = [c for c in CODES if weights[c] > 0]
    total = sum(weights[c] for c in used)
    values = parts[list(CODES)].copy()
    known = values.notna()
    no_level = ~known["gap"] if "gap" in used else pd.Series(False, index=parts.index)
    # a level not recorded is left out of the score, never estimated
    known.loc[no_level, "gap"] = True
    medians = {c: float(values[c].median()) if known[c].any() else 0.0 for c in CODES}
    estimated_counts = {c: int((~known[c]).sum()) for c in used}
    row_total = total - no_level.astype(int) * (weights["gap"] if "gap" in used else 0)
    keep = (row_total > 0) | (total == 0)
    if missing == KNOWN_ONLY and used:
        keep &= known[used].all(axis=1)
    values.loc[no_level, "gap"] = 0.0
    values = values[keep].fillna(medians)
    known, no_level, row_total = known[keep], no_level[keep], row_total[keep]
    table = pd.DataFrame(index=values.index)
    for code in CODES:
        table[f"{NAMES[code]} contribution"] = (
            values[code] * weights[code] / row_total if total and code in used else 0.0
        )
    contribution_columns = [f"{NAMES[c]} contribution" for c in CODES]
    table["Score"] = table[contribution_columns].sum(axis=1)
    table["Parts estimated"] = (~known[used]).sum(axis=1).astype(int) if used else 0
    # which parts were estimated, one bit per component: named only for the rows shown
    mask = np.zeros(len(values), dtype=np.int64)
    for code in used:  # vectorised: one pass per component, not one per service
        mask |= np.where(known[code].to_numpy(), 0, 1 << CODES.index(code))
    table["_estimated"] = mask
    table["_no_level"] = no_level.to_numpy(dtype=bool)
    for code in CODES:
        table[NAMES[code]] = values[code].where(~no_level) if code == "gap" else values[code]
    table = table.round(4)
    without_level = int((~parts["gap"].notna()).sum()) if "gap" in used else 0
    return Ranking(
        table=table,
        left_out=int((~keep).sum()),
        estimated=estimated_counts if missing == ESTIMATE else dict.fromkeys(used, 0),
        medians=medians,
        weighted=len(used),
        without_level=without_level,
        level_only=used == ["gap"],
    )


def ranked(
    ranking: Ranking, services: pd.DataFrame, parts: pd.DataFrame, top: int | None = None
) -> pd.DataFrame:
    """The ranking with names and raw figures, best first; ties share a rank (1, 2, 2, 4).

    Columns starting with "_" hold codes for the page (which parts were estimated, what the
    owner said about each figure); `localised` leaves them out of what people see.
    """
    table = ranking.table
    rank = table["Score"].rank(method="min", ascending=False).astype(int)
    if top is not None and len(table) > top:
        # only the rows that can make the top (ties at the edge included) are named and sorted
        cutoff = np.sort(table["Score"].to_numpy())[::-1][top - 1]
        table = table[table["Score"].to_numpy() >= cutoff]
    chosen = services.loc[table.index]
    figures = parts.loc[table.index]
    masks = table["_estimated"] if "_estimated" in table else pd.Series(0, index=table.index)
    out = pd.DataFrame(
        {
            **service_columns(chosen),
            # NA where not recorded (the tables people read say so in words)
            "Digitisation level": chosen["digitisation_level"].astype("Int8"),
            "Users per year": figures["users"],
            "Transactions per year": figures["transactions"],
            "Cost per transaction": figures["cost_per_transaction"],
        },
        index=table.index,
    ).join(table)
    position = list(out.columns).index("Parts estimated")
    # how sure the score is, in words and a symbol (dashboard.prioritise.confidence)
    out.insert(position, "How sure", confidence.marks(out).to_numpy())
    out.insert(position + 2, "Estimated (median)", estimated_names(masks).to_numpy())
    for _, (_, answer) in FIGURES.items():
        out[answer] = (
            figures[answer].astype(object)
            if answer in figures
            else pd.Series(NOT_ANSWERED, index=out.index)
        )
    for period, months in SHORT_PERIODS.values():
        if period in figures:
            out[period] = figures[period].astype(object)
            out[months] = figures[months]
    for year in EARLIER_YEARS.values():
        if year in figures:
            out[year] = figures[year].astype(object)
    out["_id"] = out.index
    out = out.sort_values(["Score", "Service", "Code"], ascending=[False, True, True])
    out.insert(0, "Rank", rank.reindex(out.index).to_numpy())
    if top is not None:
        out = out.head(top)
    return out.reset_index(drop=True)


def estimated_codes(mask: int) -> list[str]:
    """The components a bit mask of score() names ("_estimated"), in their usual order."""
    return [code for position, code in enumerate(CODES) if int(mask) & (1 << position)]


def estimated_names(masks: pd.Series) -> pd.Series:
    """ "Reach, Cost" for each row's mask of estimated parts, worked out once per distinct mask."""
    names = component_names()
    words = {
        mask: ", ".join(names[code] for code in estimated_codes(mask)) for mask in masks.unique()
    }
    return masks.map(words)
