"""Which metrics owners could give, and why not: the data-availability finding, as tables.

Every function takes the services already narrowed by the filter (indexed by service id) and
the metric answers (one row per service and metric). Shares are of the services that answered
the metric questions at all; services that did not are counted apart, never as "missing". The
share "with a figure" leaves out the services a metric does not apply to (a service with no
transactions has no cost per transaction to give), so it is not diluted by them.

Tables keep fixed English column keys for the answer categories and counts
(dashboard.common.headers gives them headers); metric, sector, organisation and service names
follow the language the function runs in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dashboard.common.answers import (
    CATEGORIES,
    NOT_ANSWERED,
    NOT_APPLICABLE,
    answer_category,
    category_labels,
)
from dashboard.common.i18n import is_welsh, t, terms
from dashboard.common.names import and_list, local_names, optional_column, relabel
from dashboard.common.service_labels import service_columns
from db.vocabulary import (
    METRICS,
    SECTORS,
    WITH_VALUE,
    Metric,
)

if TYPE_CHECKING:
    from dashboard.common.service_labels import ServiceLabels

METRIC_CODES = tuple(str(m.code) for m in METRICS)
#: Metrics a decision needs most: how many use it, how often, at what cost.
KEY_METRICS = (Metric.USERS_PER_YEAR, Metric.TRANSACTIONS_PER_YEAR, Metric.COST_PER_TRANSACTION)
VOLUMETRICS = frozenset({Metric.USERS_PER_YEAR, Metric.TRANSACTIONS_PER_YEAR})


def metric_names() -> dict[str, str]:
    """Metric code to its name in the current language."""
    welsh = is_welsh()
    return {str(m.code): m.cy if welsh else m.en for m in METRICS}


def _answers(services: pd.DataFrame, metrics: pd.DataFrame) -> pd.DataFrame:
    rows = metrics[metrics["service_id"].isin(services.index)]
    reason = optional_column(rows, "reason")
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


def _category_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """Counts per category (rows: metrics, sectors or organisations) as the shares a table
    shows: each category of the services answering, "With a figure" of the services the
    metric applies to, and both numbers of services."""
    counts = counts.reindex(columns=list(CATEGORIES), fill_value=0)
    answering = counts.sum(axis=1)
    applies = answering - counts[NOT_APPLICABLE]
    shares = counts.div(answering.replace(0, float("nan")), axis=0).fillna(0.0).round(3)
    shares.columns.name = None
    with_figure = (counts["Provided"] + counts["Estimated"]) / applies.replace(0, float("nan"))
    shares["With a figure"] = with_figure.round(3)
    shares["Services answering"] = answering.astype(int)
    shares["Services it applies to"] = applies.astype(int)
    return shares


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
    shares = _category_shares(counts)
    shares["With a figure"] = shares["With a figure"].fillna(0.0)
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


def organisation_labels(services: pd.DataFrame) -> pd.DataFrame:
    """Each organisation (indexed by its English name, as the tables group them) with its name
    in the current language ("Organisation") and its sector's ("Sector")."""
    columns = [c for c in ("organisation_en", "sector", "organisation_cy") if c in services]
    first = services[columns].drop_duplicates("organisation_en")
    index = pd.Index(first["organisation_en"].astype(str).to_numpy(), name="organisation_en")
    english = pd.Series(index, index=index)
    welsh = (
        pd.Series(first["organisation_cy"].astype(object).to_numpy(), index=index)
        if "organisation_cy" in first
        else pd.Series(None, index=index, dtype=object)
    )
    return pd.DataFrame(
        {
            "Organisation": local_names(english, welsh).to_numpy(),
            "Sector": relabel(pd.Series(first["sector"].to_numpy(), index=index), terms(SECTORS)),
        },
        index=index,
    )


def by_organisation(
    services: pd.DataFrame,
    metrics: pd.DataFrame,
    answers: pd.DataFrame | None = None,
    organisations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per organisation: services answering and the share with a figure for each metric."""
    shares, _ = by_group(services, metrics, "organisation_en", answers)
    answered = metrics.loc[metrics["service_id"].isin(services.index), "service_id"].unique()
    answering = services["organisation_en"].reindex(answered).value_counts()
    answering.index = answering.index.astype(str)
    table = shares.round(3)
    table.insert(0, "Services answering", answering.reindex(table.index).fillna(0).astype(int))
    info = organisation_labels(services) if organisations is None else organisations
    info = info.reindex(table.index)
    table.insert(1, "Sector", info["Sector"].to_numpy())
    table.index = pd.Index(info["Organisation"].to_numpy(), name="Organisation")
    return table.sort_values(["Services answering"], ascending=False, kind="stable")


def category_counts(services: pd.DataFrame, answers: pd.DataFrame, column: str) -> pd.DataFrame:
    """How many answers fall in each category, per metric and group of services.

    Indexed by (metric code, group), where a group is a value of `services[column]` (a sector
    code, an organisation's English name), one column per category; a metric and group with
    no answer has no row. Counted once per filter (it holds numbers and codes only), so a page
    can show any one metric without counting again.
    """
    metric = answers["metric"].astype("category")
    category = answers["category"].astype("category").cat.set_categories(list(CATEGORIES))
    group = services[column].astype("category")
    rows = services.index.get_indexer(pd.Index(answers["service_id"].to_numpy()))
    group_codes = np.where(rows >= 0, group.cat.codes.to_numpy()[rows], -1)
    metric_codes = metric.cat.codes.to_numpy()
    category_codes = category.cat.codes.to_numpy()
    known = (group_codes >= 0) & (metric_codes >= 0) & (category_codes >= 0)
    sizes = (len(metric.cat.categories), len(group.cat.categories), len(CATEGORIES))
    # one pass of integer counting over every answer (370,000 at 100,000 services)
    cell = metric_codes[known].astype(np.int64) * sizes[1] + group_codes[known]
    flat = cell * sizes[2] + category_codes[known]
    counts = np.bincount(flat, minlength=sizes[0] * sizes[1] * sizes[2]).reshape(-1, sizes[2])
    index = pd.MultiIndex.from_product(
        [
            [str(m) for m in metric.cat.categories],
            [str(g) for g in group.cat.categories],
        ],
        names=["metric", "group"],
    )
    table = pd.DataFrame(counts, index=index, columns=list(CATEGORIES))
    kept: pd.DataFrame = table[counts.sum(axis=1) > 0]
    return kept


def _one_metric(counts: pd.DataFrame, metric: str) -> pd.DataFrame:
    if metric not in counts.index.get_level_values("metric"):
        return pd.DataFrame(0, index=pd.Index([], name="group"), columns=list(CATEGORIES))
    one = counts.xs(metric, level="metric")
    assert isinstance(one, pd.DataFrame)  # a level of a MultiIndex: always a table
    return one


def metric_by_sector(counts: pd.DataFrame, metric: str) -> pd.DataFrame:
    """One metric's answers in each sector, from `category_counts` over sectors.

    Every sector in its usual order (one with no answers has 0 services answering and a blank
    "With a figure"); the categories are shares of the sector's services answering and add up
    to 1, "With a figure" is of the services the metric applies to.
    """
    order = [t.code for t in SECTORS]
    table = _category_shares(_one_metric(counts, metric).reindex(order, fill_value=0))
    sectors = terms(SECTORS)
    table.index = pd.Index([sectors[code] for code in order], name="Sector")
    return table


def metric_by_organisation(
    counts: pd.DataFrame, organisations: pd.DataFrame, metric: str
) -> pd.DataFrame:
    """One metric's answers in each organisation that answered it, from `category_counts`
    over organisations (`organisations` from organisation_labels): sector, services answering,
    the share with a figure and each category's share; most services answering first."""
    table = _category_shares(_one_metric(counts, metric))
    info = organisations.reindex(table.index)
    table.insert(0, "Sector", info["Sector"].to_numpy())
    table.index = pd.Index(info["Organisation"].to_numpy(), name="Organisation")
    table = table[
        ["Sector", "Services answering", "With a figure", *CATEGORIES, "Services it applies to"]
    ]
    return table.sort_index(kind="stable").sort_values(
        "Services answering", ascending=False, kind="stable"
    )


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def sector_finding(table: pd.DataFrame, metric_name: str) -> str:
    """What a metric's sector breakdown shows, in one sentence (a chart title): the sectors
    where it is hardest and easiest to get, ties named together, in whole percent."""
    if not int(table["Services answering"].sum()):
        return t("No matching service has answered for {metric} yet", metric=metric_name.lower())
    applies = table[table["Services it applies to"] > 0]
    if applies.empty:
        return t(
            "{metric} applies to none of the matching services that answered", metric=metric_name
        )
    rounded = (applies["With a figure"] * 100).round().astype(int)
    low, high = int(rounded.min()), int(rounded.max())
    if len(applies) == 1:
        return t(
            "{metric}: {share} of the {sector} services it applies to gave a figure",
            metric=metric_name,
            share=f"{low}%",
            sector=_lower_first(str(applies.index[0])),
        )
    if low == high:
        return t(
            "{metric}: {share} of the services it applies to gave a figure in every sector "
            "that answered",
            metric=metric_name,
            share=f"{low}%",
        )

    def named(value: int) -> str:
        return and_list([_lower_first(str(s)) for s in rounded[rounded == value].index])

    return t(
        "{metric} is hardest to get from {low} services ({low_share} of those it applies to "
        "gave a figure) and easiest from {high} services ({high_share})",
        metric=metric_name,
        low=named(low),
        low_share=f"{low}%",
        high=named(high),
        high_share=f"{high}%",
    )


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
    table = pd.DataFrame(
        {
            **service_columns(chosen),
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


def missing_key_metrics_indexed(
    answers: pd.DataFrame, everyone: pd.Index, labels: ServiceLabels
) -> pd.DataFrame:
    """`missing_key_metrics`, cell for cell, from the answers (`_answers`) and the labels of
    every service worked out once per data version and language (`labels`, aligned with
    `everyone`, the index of the whole services frame). Strings are only taken, never built
    or sorted: the order comes from the labels' ranks."""
    names = metric_names()
    key_codes = [str(m) for m in KEY_METRICS]
    columns = ["Code", "Service", "Organisation", "Sector", "Key metrics missing"] + [
        names[code] for code in key_codes
    ]
    metric = pd.Categorical(answers["metric"])
    # each answer's key metric (its column), or -1: looked up per category, not per answer
    lookup_metric = np.asarray(
        [key_codes.index(str(c)) if str(c) in key_codes else -1 for c in metric.categories] + [-1],
        dtype=np.int64,
    )
    which = lookup_metric[np.where(metric.codes < 0, len(metric.categories), metric.codes)]
    keep = which >= 0
    if not keep.any():
        return pd.DataFrame(columns=columns)
    category = pd.Categorical(answers["category"])
    category_codes = category.codes[keep].astype(np.int64)
    has_figure = answers["with_value"].to_numpy(dtype=bool)[keep]
    ids, inverse = np.unique(answers["service_id"].to_numpy()[keep], return_inverse=True)
    width = len(key_codes)
    slot = inverse * width + which[keep]
    _, first = np.unique(slot, return_index=True)  # a service's first answer to each metric
    grid = np.full(len(ids) * width, -1, dtype=np.int64)  # -1: not answered
    grid[slot[first]] = category_codes[first]
    figure = np.zeros(len(ids) * width, dtype=bool)
    figure[slot[first]] = has_figure[first]
    grid2d, figure2d = grid.reshape(-1, width), figure.reshape(-1, width)
    categories = [str(c) for c in category.categories]
    not_applicable = categories.index(NOT_APPLICABLE) if NOT_APPLICABLE in categories else -2
    # not answered counts as missing; "not applicable" does not
    missing = (~figure2d & (grid2d != not_applicable)).sum(axis=1)
    kept = missing > 0
    ids, grid2d, missing = ids[kept], grid2d[kept], missing[kept]
    positions = everyone.get_indexer(ids)
    # most missing first, then by sector and name; ties in the order of the service ids
    order = np.lexsort((labels.group[positions], -missing))
    table = pd.DataFrame(labels.rows(positions[order]))
    table["Key metrics missing"] = missing[order].astype(int)
    words = category_labels()
    lookup = np.asarray(
        [words.get(name, name) for name in categories] + [words[NOT_ANSWERED]], dtype=object
    )
    for column, code in enumerate(key_codes):
        chosen = grid2d[order, column]
        table[names[code]] = lookup[np.where(chosen < 0, len(categories), chosen)]
    return table


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
        return t(
            "Every metric is as hard to get as the next: {share} of the services each applies "
            "to gave a figure",
            share=share,
        )
    second = groups[1]
    values = {
        "share": share,
        "second": _joined([name.lower() for name in second]),
        "second_share": _percent(shares[second[0]]),
    }
    if len(first) > 1:
        return t(
            "{metrics} are the hardest to get ({share} of the services they apply to gave a "
            "figure), then {second} ({second_share})",
            metrics=_joined([first[0], *[name.lower() for name in first[1:]]]),
            **values,
        )
    return t(
        "{metric} is the hardest to get ({share} of the services it applies to gave a "
        "figure), then {second} ({second_share})",
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
    row = table.loc[metric_name, gaps].astype(float)
    if not row.max():
        return None
    return str(row.idxmax()), float(row.to_numpy().max())


@dataclass(frozen=True)
class AvailabilityView:
    """Everything the Data availability page draws for one filter."""

    coverage: Coverage
    by_metric: pd.DataFrame
    sector_shares: pd.DataFrame
    sector_counts: pd.DataFrame
    by_organisation: pd.DataFrame
    missing: pd.DataFrame
    #: category_counts over sectors and over organisations, and the organisations' names
    sector_categories: pd.DataFrame
    organisation_categories: pd.DataFrame
    organisations: pd.DataFrame
    #: journeys the matching services hold, and how many of them hold any
    journeys: int = 0
    services_with_journeys: int = 0


def build(
    services: pd.DataFrame,
    metrics: pd.DataFrame,
    *,
    labels: ServiceLabels | None = None,
    everyone: pd.Index | None = None,
) -> AvailabilityView:
    """The page's tables for the matching `services`. With the labels of every service
    (`labels`, aligned with `everyone`, the whole services frame's index) the table of services
    missing key figures takes its words instead of building them: the same table, faster."""
    metrics = metrics[metrics["service_id"].isin(services.index)]
    answers = _answers(services, metrics)
    if labels is not None and everyone is not None:
        missing = missing_key_metrics_indexed(answers, everyone, labels)
    else:
        missing = missing_key_metrics(services, metrics, answers)
    shares, counts = by_sector(services, metrics, answers)
    organisations = organisation_labels(services)
    journeys = (
        services["journeys"] if "journeys" in services else pd.Series(0, index=services.index)
    )
    return AvailabilityView(
        coverage=coverage(services, metrics),
        by_metric=by_metric(services, metrics, answers),
        sector_shares=shares,
        sector_counts=counts,
        by_organisation=by_organisation(services, metrics, answers, organisations),
        missing=missing,
        sector_categories=category_counts(services, answers, "sector"),
        organisation_categories=category_counts(services, answers, "organisation_en"),
        organisations=organisations,
        journeys=int(journeys.sum()),
        services_with_journeys=int((journeys > 0).sum()),
    )
