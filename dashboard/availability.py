"""Which metrics owners could give, and why not: the data-availability finding, as tables.

Every function takes the services already narrowed by the filter (indexed by service id) and
the metric answers (one row per service and metric). Shares are of the services that answered
the metric questions at all; services that did not are counted apart, never as "missing". The
share "with a figure" leaves out the services a metric does not apply to (a service with no
transactions has no cost per transaction to give), so it is not diluted by them.

Tables keep fixed English column keys for the answer categories and counts
(dashboard.insight_text gives them headers); metric, sector, organisation and service names
follow the language the function runs in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.i18n import is_welsh, t, terms
from dashboard.insight_text import and_list, local_names, relabel
from db.vocabulary import (
    METRICS,
    SECTORS,
    UNAVAILABLE_REASONS,
    WITH_VALUE,
    Availability,
    Metric,
)

METRIC_CODES = tuple(str(m.code) for m in METRICS)
#: The answer categories (fixed keys), in the order a stacked bar reads them: figures first.
CATEGORIES = (
    "Provided",
    "Estimated",
    *(f"Not available: {t.en.lower()}" for t in UNAVAILABLE_REASONS),
    "Not collected",
    "Not applicable",
)
NOT_APPLICABLE = "Not applicable"
NOT_ANSWERED = "Not answered"
#: Metrics a decision needs most: how many use it, how often, at what cost.
KEY_METRICS = (Metric.USERS_PER_YEAR, Metric.TRANSACTIONS_PER_YEAR, Metric.COST_PER_TRANSACTION)
VOLUMETRICS = frozenset({Metric.USERS_PER_YEAR, Metric.TRANSACTIONS_PER_YEAR})


def metric_names() -> dict[str, str]:
    """Metric code to its name in the current language."""
    welsh = is_welsh()
    return {str(m.code): m.cy if welsh else m.en for m in METRICS}


def category_labels() -> dict[str, str]:
    """Each answer category's words in the current language ("Not available: shared contract")."""
    return {
        "Provided": t("Provided"),
        "Estimated": t("Estimated"),
        "Not available: shared system": t("Not available: shared system"),
        "Not available: shared contract": t("Not available: shared contract"),
        "Not available: not measured": t("Not available: not measured"),
        "Not available: other": t("Not available: other"),
        "Not collected": t("Not collected"),
        "Not applicable": t("Not applicable"),
        NOT_ANSWERED: t("Not answered"),
    }


_BASE = {
    Availability.PROVIDED: "Provided",
    Availability.ESTIMATED: "Estimated",
    Availability.NOT_AVAILABLE: "Not available",
    Availability.NOT_COLLECTED: "Not collected",
    Availability.NOT_APPLICABLE: NOT_APPLICABLE,
}


def _codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Category codes and their values: vectorised work on 370,000 answers without strings."""
    categorical = values.astype("category")
    return categorical.cat.codes.to_numpy(), [str(c) for c in categorical.cat.categories]


def answer_category(availability: pd.Series, reason: pd.Series) -> pd.Series:
    """One category key per answer: the availability, split by reason where not available.

    Worked out once per distinct (availability, reason) pair, not once per answer.
    """
    reasons = {str(t.code): t.en.lower() for t in UNAVAILABLE_REASONS}
    a_codes, a_values = _codes(availability)
    r_codes, r_values = _codes(reason)
    width = len(r_values) + 1
    names: list[str] = list(CATEGORIES)
    lookup = []
    for a_value in [*a_values, ""]:  # code -1 (missing) is the last entry
        for r_value in [*r_values, ""]:
            name = _BASE.get(a_value, a_value)  # type: ignore[call-overload]
            if a_value == Availability.NOT_AVAILABLE:
                name = f"Not available: {reasons.get(r_value, 'other')}"
            if name not in names:
                names.append(name)
            lookup.append(names.index(name))
    a_index = np.where(a_codes < 0, len(a_values), a_codes)
    r_index = np.where(r_codes < 0, len(r_values), r_codes)
    codes = np.asarray(lookup, dtype=np.int16)[a_index * width + r_index]
    return pd.Series(pd.Categorical.from_codes(codes, names), index=availability.index)


def _answers(services: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    rows = metrics[metrics["service_id"].isin(services.index)]
    reason = rows["reason"] if "reason" in rows else pd.Series(None, index=rows.index)
    category = answer_category(rows["availability"], reason).array
    return pd.DataFrame(
        {
            "service_id": rows["service_id"].to_numpy(),
            "metric": rows["metric"].astype("category").array,
            "category": category,
            "with_value": rows["availability"].isin(list(WITH_VALUE)).to_numpy(),
            "applies": np.asarray(category != NOT_APPLICABLE),
        }
    )


def by_metric(
    services: pd.DataFrame, metrics: pd.DataFrame, answers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Share of answering services in each category, one row per metric (all six, in order).

    Columns: the CATEGORIES as shares of the services answering; "With a figure" (provided or
    estimated) as a share of the services the metric applies to; "Services answering";
    "Services it applies to"; and "Code" (the metric's code). Rows are named in the current
    language. `answers` (from _answers) saves working them out again.
    """
    answers = _answers(services, metrics) if answers is None else answers
    counts = (
        answers.groupby(["metric", "category"]).size().unstack(fill_value=0)
        if len(answers)
        else pd.DataFrame()
    )
    counts = counts.reindex(index=list(METRIC_CODES), columns=list(CATEGORIES), fill_value=0)
    answering = counts.sum(axis=1)
    applies = answering - counts[NOT_APPLICABLE]
    shares = counts.div(answering.replace(0, float("nan")), axis=0).fillna(0.0).round(3)
    shares.columns.name = None
    with_figure = (counts["Provided"] + counts["Estimated"]) / applies.replace(0, float("nan"))
    shares["With a figure"] = with_figure.fillna(0.0).round(3)
    shares["Services answering"] = answering.astype(int)
    shares["Services it applies to"] = applies.astype(int)
    shares["Code"] = list(METRIC_CODES)
    names = metric_names()
    shares.index = pd.Index([names[m] for m in shares.index], name="Metric")
    return shares


def _with_value_share(answers: pd.DataFrame, group: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    applicable = answers[answers["applies"]]
    frame = applicable.assign(group=group.reindex(applicable["service_id"]).array)
    grouped = frame.groupby(["group", "metric"], observed=True)["with_value"]
    shares = grouped.mean().unstack()
    counts = grouped.size().unstack()
    return shares, counts


def by_group(
    services: pd.DataFrame,
    metrics: pd.DataFrame,
    column: str,
    answers: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Share of services with a figure, per group (rows) and metric (columns), of the services
    the metric applies to.

    Returns (shares, counts of services it applies to); a group where no service answered a
    metric (or it applies to none) has an empty cell, not a zero.
    """
    answers = _answers(services, metrics) if answers is None else answers
    shares, counts = _with_value_share(answers, services[column].astype("category"))
    shares.index = counts.index = shares.index.astype(str)
    shares.columns = shares.columns.astype(str)
    counts.columns = counts.columns.astype(str)
    columns = list(METRIC_CODES)
    shares = shares.reindex(columns=columns)
    counts = counts.reindex(index=shares.index, columns=columns).fillna(0).astype(int)
    names = metric_names()
    shares.columns = counts.columns = [names[m] for m in columns]
    return shares, counts


def by_sector(
    services: pd.DataFrame, metrics: pd.DataFrame, answers: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """by_group over sectors, every sector in its usual order (a sector with no answers blank)."""
    shares, counts = by_group(services, metrics, "sector", answers)
    order = [t.code for t in SECTORS]
    shares = shares.reindex(order).round(3)
    counts = counts.reindex(order).fillna(0).astype(int)
    sectors = terms(SECTORS)
    names = [sectors[code] for code in order]
    shares.index = counts.index = pd.Index(names, name="Sector")
    return shares, counts


def by_organisation(
    services: pd.DataFrame, metrics: pd.DataFrame, answers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per organisation: services answering and the share with a figure for each metric."""
    shares, _ = by_group(services, metrics, "organisation_en", answers)
    answered = metrics.loc[metrics["service_id"].isin(services.index), "service_id"].unique()
    answering = services["organisation_en"].reindex(answered).value_counts()
    answering.index = answering.index.astype(str)
    table = shares.round(3)
    table.insert(0, "Services answering", answering.reindex(table.index).fillna(0).astype(int))
    columns = [c for c in ("organisation_en", "sector", "organisation_cy") if c in services]
    first = services[columns].drop_duplicates("organisation_en")
    first.index = first["organisation_en"].astype(str)
    sectors = terms(SECTORS)
    table.insert(
        1,
        "Sector",
        relabel(first["sector"].reindex(table.index), sectors),
    )
    if "organisation_cy" in first:
        table.index = local_names(
            pd.Series(table.index, index=table.index),
            first["organisation_cy"].astype(object).reindex(table.index),
        ).to_numpy()
    table.index.name = "Organisation"
    return table.sort_values(["Services answering"], ascending=False, kind="stable")


def missing_key_metrics(
    services: pd.DataFrame, metrics: pd.DataFrame, answers: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Services that answered but gave no figure for at least one key metric, with why not.

    One row per service; a column per key metric saying "Provided", "Not available: shared
    contract" and so on (in the current language); sorted by how many key metrics are missing.
    """
    names = metric_names()
    answers = _answers(services, metrics) if answers is None else answers
    key = answers[answers["metric"].isin([str(m) for m in KEY_METRICS])]
    columns = ["Code", "Service", "Organisation", "Sector", "Key metrics missing"] + [
        names[str(m)] for m in KEY_METRICS
    ]
    if key.empty:
        return pd.DataFrame(columns=columns)
    key = key.drop_duplicates(["service_id", "metric"])
    wide = key.pivot(index="service_id", columns="metric", values="category").astype(object)
    wide.columns = [str(c) for c in wide.columns]
    wide = wide.reindex(columns=[str(m) for m in KEY_METRICS])
    has_figure = key.pivot(index="service_id", columns="metric", values="with_value")
    has_figure.columns = [str(c) for c in has_figure.columns]
    has_figure = has_figure.reindex(columns=[str(m) for m in KEY_METRICS])
    applicable = wide != NOT_APPLICABLE
    # NaN (not answered) counts as missing; "not applicable" does not
    missing = ((has_figure != True) & applicable).sum(axis=1)  # noqa: E712
    wide = wide[missing > 0]
    chosen = services.loc[wide.index]
    sectors = terms(SECTORS)
    table = pd.DataFrame(
        {
            "Code": chosen["code"].astype(str),
            "Service": local_names(chosen["name_en"], _column(chosen, "name_cy")),
            "Organisation": local_names(
                chosen["organisation_en"], _column(chosen, "organisation_cy")
            ),
            "Sector": relabel(chosen["sector"], sectors),
            "Key metrics missing": missing[wide.index].astype(int),
        },
        index=wide.index,
    )
    labels = category_labels()
    for metric in KEY_METRICS:
        table[names[str(metric)]] = relabel(wide[str(metric)], labels, missing=labels[NOT_ANSWERED])
    return table.sort_values(
        ["Key metrics missing", "Sector", "Service"], ascending=[False, True, True]
    ).reset_index(drop=True)


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame else pd.Series(None, index=frame.index, dtype=object)


@dataclass(frozen=True)
class Coverage:
    """How many of the filtered services answered the metric questions at all."""

    services: int
    answering: int


def coverage(services: pd.DataFrame, metrics: pd.DataFrame) -> Coverage:
    answering = metrics.loc[metrics["service_id"].isin(services.index), "service_id"].nunique()
    return Coverage(services=len(services), answering=int(answering))


def _percent(share: float) -> str:
    return f"{share:.0%}"


def _rounded(table: pd.DataFrame) -> pd.Series:
    """Each metric's share with a figure in whole percent: what a reader sees as equal is."""
    return (table["With a figure"] * 100).round().astype(int)


def hardest(table: pd.DataFrame) -> list[list[str]]:
    """The metrics from hardest to easiest to get, grouped where their shares tie (in whole
    percent): [["Cost per transaction"], ["Transactions per year"], ...] (row names)."""
    answered = table[table["Services it applies to"] > 0]
    if answered.empty:
        return []
    shares = _rounded(answered)
    return [list(shares[shares == value].index) for value in sorted(shares.unique())]


def _joined(names: list[str]) -> str:
    return and_list(names)


def hardest_finding(table: pd.DataFrame) -> str:
    """The finding in one short sentence (it is a chart title), naming the two hardest metrics
    or every one tied: "Cost per transaction is the hardest to get (28% gave a figure), then
    transactions per year (36%)". Shares are of the services each metric applies to.
    """
    groups = hardest(table)
    if not groups:
        return t("No matching service has answered the metric questions yet")
    shares = table["With a figure"]
    first = groups[0]
    share = _percent(shares[first[0]])
    if len(groups) == 1:
        return t("Every metric is as hard to get as the next: {share} gave a figure", share=share)
    second = groups[1]
    values = {
        "share": share,
        "second": _joined([name.lower() for name in second]),
        "second_share": _percent(shares[second[0]]),
    }
    if len(first) > 1:
        return t(
            "{metrics} are the hardest to get ({share} gave a figure), then {second} "
            "({second_share})",
            metrics=_joined([first[0], *[name.lower() for name in first[1:]]]),
            **values,
        )
    return t(
        "{metric} is the hardest to get ({share} gave a figure), then {second} ({second_share})",
        metric=first[0],
        **values,
    )


def cost_and_volumetrics_hardest(table: pd.DataFrame) -> bool:
    """True when cost per transaction and a volumetric (users or transactions per year) are the
    two hardest figures to get: the discovery's finding, shown when the data says so."""
    groups = hardest(table)
    if not groups:
        return False
    codes = dict(zip(table.index, table["Code"], strict=True))
    bottom: list[str] = []
    for group in groups:
        if len(bottom) >= 2:
            break
        bottom.extend(codes[name] for name in group)
    return Metric.COST_PER_TRANSACTION in bottom[:2] and bool(VOLUMETRICS & set(bottom[:2]))


def main_reason(table: pd.DataFrame, metric_name: str) -> tuple[str, float] | None:
    """The commonest reason a metric has no figure (a category key) and its share."""
    gaps = [c for c in CATEGORIES if c.startswith("Not available") or c == "Not collected"]
    row = table.loc[metric_name, gaps]
    if not row.max():
        return None
    return str(row.idxmax()), float(row.max())


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
    answers = _answers(services, metrics)
    shares, counts = by_sector(services, metrics, answers)
    return AvailabilityView(
        coverage=coverage(services, metrics),
        by_metric=by_metric(services, metrics, answers),
        sector_shares=shares,
        sector_counts=counts,
        by_organisation=by_organisation(services, metrics, answers),
        missing=missing_key_metrics(services, metrics, answers),
    )
