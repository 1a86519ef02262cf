"""Which metrics owners could give, and why not: the data-availability finding, as tables.

Every function takes the services already narrowed by the filter (indexed by service id) and
the metric answers (one row per service and metric). Shares are of the services that answered
the metric questions at all; services that did not are counted apart, never as "missing".
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from db.vocabulary import (
    AVAILABILITY,
    METRICS,
    SECTORS,
    UNAVAILABLE_REASONS,
    WITH_VALUE,
    Availability,
    Metric,
    label,
)

METRIC_NAMES = {m.code: m.en for m in METRICS}
#: The answer categories, in the order a stacked bar reads them: figures first, gaps after.
CATEGORIES = (
    "Provided",
    "Estimated",
    *(f"Not available: {t.en.lower()}" for t in UNAVAILABLE_REASONS),
    "Not collected",
    "Not applicable",
)
#: Metrics a decision needs most: how many use it, how often, at what cost.
KEY_METRICS = (Metric.USERS_PER_YEAR, Metric.TRANSACTIONS_PER_YEAR, Metric.COST_PER_TRANSACTION)


def answer_category(availability: pd.Series, reason: pd.Series) -> pd.Series:
    """One category per answer: the availability, split by reason where not available."""
    names = {str(t.code): t.en for t in AVAILABILITY}
    reasons = {str(t.code): t.en.lower() for t in UNAVAILABLE_REASONS}
    base = availability.astype(str).map(names)
    why = reason.astype(object).map(lambda code: reasons.get(str(code), "other"))
    not_available = availability.astype(str) == Availability.NOT_AVAILABLE
    return base.where(~not_available, "Not available: " + why.astype(str))


def _answers(services: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    rows = metrics[metrics["service_id"].isin(services.index)]
    return pd.DataFrame(
        {
            "service_id": rows["service_id"].to_numpy(),
            "metric": rows["metric"].astype(str).to_numpy(),
            "category": answer_category(rows["availability"], rows["reason"]).to_numpy(),
            "with_value": rows["availability"].astype(str).isin(list(WITH_VALUE)).to_numpy(),
        }
    )


def by_metric(services: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """Share of answering services in each category, one row per metric (all six, in order).

    Columns: the CATEGORIES as shares, then "With a figure" (provided or estimated) and
    "Services answering" (the denominator).
    """
    answers = _answers(services, metrics)
    counts = (
        answers.groupby(["metric", "category"]).size().unstack(fill_value=0)
        if len(answers)
        else pd.DataFrame()
    )
    counts = counts.reindex(index=list(METRIC_NAMES), columns=list(CATEGORIES), fill_value=0)
    answering = counts.sum(axis=1)
    shares = counts.div(answering.replace(0, float("nan")), axis=0).fillna(0.0).round(3)
    shares.columns.name = None
    shares["With a figure"] = (shares["Provided"] + shares["Estimated"]).round(3)
    shares["Services answering"] = answering.astype(int)
    shares.index = [METRIC_NAMES[m] for m in shares.index]
    shares.index.name = "Metric"
    return shares


def _with_value_share(answers: pd.DataFrame, group: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = answers.assign(group=group.reindex(answers["service_id"]).to_numpy())
    grouped = frame.groupby(["group", "metric"], observed=True)["with_value"]
    shares = grouped.mean().unstack()
    counts = grouped.size().unstack()
    return shares, counts


def by_group(
    services: pd.DataFrame, metrics: pd.DataFrame, column: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Share of answering services with a figure, per group (rows) and metric (columns).

    Returns (shares, counts of services answering); a group that did not answer a metric has
    an empty cell, not a zero.
    """
    answers = _answers(services, metrics)
    shares, counts = _with_value_share(answers, services[column].astype(str))
    columns = list(METRIC_NAMES)
    shares = shares.reindex(columns=columns)
    counts = counts.reindex(index=shares.index, columns=columns).fillna(0).astype(int)
    shares.columns = counts.columns = [METRIC_NAMES[m] for m in columns]
    return shares, counts


def by_sector(services: pd.DataFrame, metrics: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """by_group over sectors, every sector in its usual order (a sector with no answers blank)."""
    shares, counts = by_group(services, metrics, "sector")
    order = [t.code for t in SECTORS]
    shares = shares.reindex(order).round(3)
    counts = counts.reindex(order).fillna(0).astype(int)
    names = [label(SECTORS, code) for code in order]
    shares.index = counts.index = pd.Index(names, name="Sector")
    return shares, counts


def by_organisation(services: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """Per organisation: services answering and the share with a figure for each metric."""
    shares, counts = by_group(services, metrics, "organisation_en")
    table = shares.round(3)
    table.insert(0, "Services answering", counts.max(axis=1).astype(int))
    sector_of = services.groupby(services["organisation_en"].astype(str))["sector"].first()
    table.insert(
        1, "Sector", sector_of.reindex(table.index).astype(str).map(lambda c: label(SECTORS, c))
    )
    table.index.name = "Organisation"
    return table.sort_values(["Services answering"], ascending=False, kind="stable")


def missing_key_metrics(services: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    """Services that answered but gave no figure for at least one key metric, with why not.

    One row per service; a column per key metric saying "Provided", "Not available: shared
    contract" and so on; sorted by how many key metrics are missing.
    """
    answers = _answers(services, metrics)
    key = answers[answers["metric"].isin([str(m) for m in KEY_METRICS])]
    if key.empty:
        return pd.DataFrame(
            columns=["Service", "Organisation", "Sector", "Key metrics missing"]
            + [METRIC_NAMES[m] for m in KEY_METRICS]
        )
    wide = key.pivot(index="service_id", columns="metric", values="category")
    wide = wide.reindex(columns=[str(m) for m in KEY_METRICS])
    has_figure = key.pivot(index="service_id", columns="metric", values="with_value")
    has_figure = has_figure.reindex(columns=[str(m) for m in KEY_METRICS])
    applicable = key.pivot(index="service_id", columns="metric", values="category")
    applicable = applicable.reindex(columns=has_figure.columns) != "Not applicable"
    # NaN (not answered) counts as missing; "not applicable" does not
    missing = ((has_figure != True) & applicable).sum(axis=1)  # noqa: E712
    wide = wide[missing > 0]
    chosen = services.loc[wide.index]
    table = pd.DataFrame(
        {
            "Code": chosen["code"].astype(str),
            "Service": chosen["name_en"].astype(str),
            "Organisation": chosen["organisation_en"].astype(str),
            "Sector": chosen["sector"].astype(str).map(lambda c: label(SECTORS, c)),
            "Key metrics missing": missing[wide.index].astype(int),
        },
        index=wide.index,
    )
    for metric in KEY_METRICS:
        table[METRIC_NAMES[metric]] = wide[str(metric)].fillna("Not answered")
    return table.sort_values(
        ["Key metrics missing", "Sector", "Service"], ascending=[False, True, True]
    ).reset_index(drop=True)


@dataclass(frozen=True)
class Coverage:
    """How many of the filtered services answered the metric questions at all."""

    services: int
    answering: int


def coverage(services: pd.DataFrame, metrics: pd.DataFrame) -> Coverage:
    answering = metrics.loc[metrics["service_id"].isin(services.index), "service_id"].nunique()
    return Coverage(services=len(services), answering=int(answering))


def hardest_finding(table: pd.DataFrame) -> str:
    """E.g. "Cost per transaction is the hardest to get: 28% of services gave a figure"."""
    answered = table[table["Services answering"] > 0]
    if answered.empty:
        return "No matching service has answered the metric questions yet"
    ranked = answered.sort_values("With a figure", kind="stable")
    hardest, easiest = ranked.iloc[0], ranked.iloc[-1]
    return (
        f"{ranked.index[0]} is the hardest to get: {hardest['With a figure']:.0%} of services "
        f"gave a figure, against {easiest['With a figure']:.0%} for {ranked.index[-1].lower()}"
    )


@dataclass(frozen=True)
class AvailabilityView:
    """Everything the Data availability page draws for one filter."""

    coverage: Coverage
    by_metric: pd.DataFrame
    sector_shares: pd.DataFrame
    sector_counts: pd.DataFrame
    by_organisation: pd.DataFrame
    missing: pd.DataFrame


def build(services: pd.DataFrame, metrics: pd.DataFrame) -> AvailabilityView:
    metrics = metrics[metrics["service_id"].isin(services.index)]
    shares, counts = by_sector(services, metrics)
    return AvailabilityView(
        coverage=coverage(services, metrics),
        by_metric=by_metric(services, metrics),
        sector_shares=shares,
        sector_counts=counts,
        by_organisation=by_organisation(services, metrics),
        missing=missing_key_metrics(services, metrics),
    )
