"""A transparent priority score per service, from named components and weights the user sets.

Each component is a number from 0 (no case for improving) to 1 (the strongest case):

- reach: users per year (transactions per year where users are not known), log scale,
  relative to the services being ranked;
- digital gap: distance from digital end to end, (4 - level) / 4;
- pain: the severity of the challenges the owner reported (high 3, medium 2, low 1, summed),
  relative to the services being ranked;
- data gaps: the share of applicable metrics the owner could not give a figure for;
- cost: cost per transaction where known, log scale, relative (dearer means more to save).

The score is the weighted mean of the components. A component that is not known for a service
is never taken as zero: it is estimated as the median of the services that have it (and the
row says so), or, if the user chooses, services with any estimated component are left out.
Every service has the same weights, so raising a component's weight can only help the services
that are strongest on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from db.vocabulary import MAX_LEVEL, SECTORS, WITH_VALUE, Availability, Metric, label


@dataclass(frozen=True)
class Component:
    code: str
    name: str
    explanation: str
    default_weight: int


COMPONENTS = (
    Component("reach", "Reach", "Users per year, or transactions where users are unknown", 3),
    Component("gap", "Digital gap", "How far the service is from digital end to end", 3),
    Component("pain", "Pain", "Severity of the challenges the owner reported", 2),
    Component("data", "Data gaps", "Share of metrics the owner could not give", 1),
    Component("cost", "Cost", "Cost per transaction, where known", 1),
)
CODES = tuple(c.code for c in COMPONENTS)
NAMES = {c.code: c.name for c in COMPONENTS}
DEFAULT_WEIGHTS = {c.code: c.default_weight for c in COMPONENTS}
MAX_WEIGHT = 5
ESTIMATE, KNOWN_ONLY = "estimate", "known_only"


def _relative_log(values: pd.Series) -> pd.Series:
    """log10(1 + x) scaled to 0..1 over the known values; all equal means all at the top."""
    logged = np.log10(1 + values.clip(lower=0))
    low, high = logged.min(), logged.max()
    if pd.isna(low):
        return logged
    if high == low:
        return logged.where(logged.isna(), 1.0)
    return (logged - low) / (high - low)


def _relative(values: pd.Series) -> pd.Series:
    high = values.max()
    if pd.isna(high):
        return values
    if high == 0:
        return values.where(values.isna(), 0.0)
    return values / high


def _metric(metrics: pd.DataFrame, metric: str, index: pd.Index) -> pd.Series:
    rows = metrics[
        (metrics["metric"].astype(str) == metric)
        & metrics["availability"].astype(str).isin(list(WITH_VALUE))
    ]
    return rows.drop_duplicates("service_id").set_index("service_id")["value"].reindex(index)


def components(
    services: pd.DataFrame, metrics: pd.DataFrame, service_themes: pd.DataFrame
) -> pd.DataFrame:
    """Raw figures and 0..1 components for `services` (already filtered); NaN where unknown."""
    index = services.index
    metrics = metrics[metrics["service_id"].isin(index)]
    users = _metric(metrics, Metric.USERS_PER_YEAR, index)
    transactions = _metric(metrics, Metric.TRANSACTIONS_PER_YEAR, index)
    reach_raw = users.fillna(transactions)
    cost_raw = _metric(metrics, Metric.COST_PER_TRANSACTION, index)

    challenges = service_themes[
        (service_themes["kind"] == "challenge") & service_themes["service_id"].isin(index)
    ]
    reported_any = service_themes.loc[service_themes["service_id"].isin(index), "service_id"]
    pain_raw = challenges.groupby("service_id")["severity"].sum().reindex(index)
    # asked and reported no challenge: no pain, a real 0; never asked: unknown
    pain_raw = pain_raw.where(pain_raw.notna() | ~index.isin(reported_any.unique()), 0.0)

    availability = metrics["availability"].astype(str)
    applicable = metrics[availability != Availability.NOT_APPLICABLE]
    missing_share = (
        (~applicable["availability"].astype(str).isin(list(WITH_VALUE)))
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
            "reach": _relative_log(reach_raw.astype(float)),
            "gap": (MAX_LEVEL - level) / MAX_LEVEL,
            "pain": _relative(pain_raw.astype(float)),
            "data": missing_share.astype(float),
            "cost": _relative_log(cost_raw.astype(float)),
        },
        index=index,
    )


def clean_weights(weights: Mapping[str, object]) -> dict[str, int]:
    """Weights as whole numbers 0..MAX_WEIGHT for every component (defaults where unreadable)."""
    cleaned = {}
    for code in CODES:
        try:
            value = int(str(weights.get(code, DEFAULT_WEIGHTS[code])))
        except ValueError:
            value = DEFAULT_WEIGHTS[code]
        cleaned[code] = max(0, min(MAX_WEIGHT, value))
    return cleaned


@dataclass(frozen=True)
class Ranking:
    table: pd.DataFrame  # one row per ranked service, best first
    left_out: int  # services left out because a weighted component was not known
    estimated: dict[str, int]  # per component: services whose value was estimated
    medians: dict[str, float]


def score(parts: pd.DataFrame, weights: Mapping[str, int], missing: str = ESTIMATE) -> Ranking:
    """Weighted mean of the components; contributions per component add up to the score."""
    weights = clean_weights(weights)
    used = [c for c in CODES if weights[c] > 0]
    total = sum(weights[c] for c in used)
    values = parts[list(CODES)].copy()
    known = values.notna()
    medians = {c: float(values[c].median()) if known[c].any() else 0.0 for c in CODES}
    estimated_counts = {c: int((~known[c]).sum()) for c in used}
    keep = pd.Series(True, index=parts.index)
    if missing == KNOWN_ONLY and used:
        keep = known[used].all(axis=1)
    values = values[keep].fillna(medians)
    known = known[keep]
    table = pd.DataFrame(index=values.index)
    for code in CODES:
        table[f"{NAMES[code]} contribution"] = (
            values[code] * weights[code] / total if total and code in used else 0.0
        )
    contribution_columns = [f"{NAMES[c]} contribution" for c in CODES]
    table["Score"] = table[contribution_columns].sum(axis=1)
    estimated = pd.Series("", index=values.index, dtype=object)
    for code in used:  # vectorised: one pass per component, not one per service
        estimated = estimated + np.where(known[code].to_numpy(), "", ", " + NAMES[code])
    table["Estimated (median)"] = estimated.str.removeprefix(", ")
    for code in CODES:
        table[NAMES[code]] = values[code]
    table = table.round(4)
    return Ranking(
        table=table,
        left_out=int((~keep).sum()),
        estimated=estimated_counts if missing == ESTIMATE else dict.fromkeys(used, 0),
        medians=medians,
    )


def ranked(
    ranking: Ranking, services: pd.DataFrame, parts: pd.DataFrame, top: int | None = None
) -> pd.DataFrame:
    """The ranking with names and raw figures, best first; ties share a rank (1, 2, 2, 4)."""
    table = ranking.table
    rank = table["Score"].rank(method="min", ascending=False).astype(int)
    if top is not None and len(table) > top:
        # only the rows that can make the top (ties at the edge included) are named and sorted
        cutoff = np.sort(table["Score"].to_numpy())[::-1][top - 1]
        table = table[table["Score"].to_numpy() >= cutoff]
    chosen = services.loc[table.index]
    out = pd.DataFrame(
        {
            "Code": chosen["code"].astype(str),
            "Service": chosen["name_en"].astype(str),
            "Organisation": chosen["organisation_en"].astype(str),
            "Sector": chosen["sector"].astype(str).map(lambda c: label(SECTORS, c)),
            "Digitisation level": chosen["digitisation_level"].astype(int),
            "Users per year": parts.loc[table.index, "users"],
            "Transactions per year": parts.loc[table.index, "transactions"],
            "Cost per transaction": parts.loc[table.index, "cost_per_transaction"],
        },
        index=table.index,
    ).join(table)
    out = out.sort_values(["Score", "Service", "Code"], ascending=[False, True, True])
    out.insert(0, "Rank", rank.reindex(out.index).to_numpy())
    if top is not None:
        out = out.head(top)
    return out.reset_index(drop=True)


def improvement_areas(
    services: pd.DataFrame,
    service_themes: pd.DataFrame,
    themes: pd.DataFrame,
    parts: pd.DataFrame,
) -> pd.DataFrame:
    """Challenge themes ranked by the reach of the services that report them.

    Reach is the users (or transactions) per year of those services where known; how many of
    them have no known reach is shown beside it, not hidden.
    """
    rows = service_themes[
        (service_themes["kind"] == "challenge") & service_themes["service_id"].isin(services.index)
    ]
    reach = parts["users"].fillna(parts["transactions"])
    frame = rows.assign(reach=reach.reindex(rows["service_id"]).to_numpy())
    grouped = frame.groupby(frame["theme"].astype(str))
    table = pd.DataFrame(
        {
            "Services": grouped["service_id"].nunique(),
            "Users or transactions per year": grouped["reach"].sum(min_count=1).fillna(0),
            "Services with unknown reach": grouped["reach"].apply(lambda s: int(s.isna().sum())),
            "Rated high": grouped["severity"].apply(lambda s: int((s >= 3).sum())),
        }
    )
    names = dict(zip(themes["code"].astype(str), themes["name_en"].astype(str), strict=True))
    table.insert(0, "Improvement area", [names.get(c, c) for c in table.index])
    table = table.sort_values(
        ["Users or transactions per year", "Services"], ascending=False, kind="stable"
    )
    return table.reset_index(drop=True)
