"""Service types across organisations: one row of figures per type under a filter, the best
known performer on each measure, and the main platforms each type's services report (no
Streamlit here).

Every figure counts services (or distinct organisations), never people, except the combined
reach: service users per year added across a type's services, so a person using two services
counts twice, and the page says so. Reach is added only from figures that cover a year (a
12-month period, or an undated answer), never a quarter's count.

A best performer is named only from a figure the owner **provided** (never an estimate) for a
12-month period (or undated) where the metric has periods: two services of one type are then
compared on the same measure over the same span. Digitisation level is a catalogue field, so
the highest known level names its service directly.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.common.metric_periods import is_yearly
from dashboard.common.service_types import group_by_type
from db.vocabulary import END_TO_END_LEVEL, MAX_LEVEL, MIN_LEVEL, Availability, Metric

LEVELS = tuple(range(MIN_LEVEL, MAX_LEVEL + 1))
LEVEL_COLUMNS = tuple(f"level_{level}" for level in LEVELS)

#: The measures a best performer is named on: (metric code or "level", higher is better).
MEASURES: dict[str, tuple[str, bool]] = {
    "level": ("level", True),
    "take_up": (Metric.DIGITAL_TAKE_UP.value, True),
    "completion": (Metric.COMPLETION_RATE.value, True),
    "cost": (Metric.COST_PER_TRANSACTION.value, False),
}


@dataclass(frozen=True)
class JoinUpView:
    """The Join up figures for one filter.

    `table`: one row per service type some matching service has: service_type, name,
    lgsl_code, services, organisations, level_0 .. level_4 (services at each level),
    level_unknown, level_known, best_level, worst_level, spread (best minus worst),
    not_end_to_end (services with a level below digital end to end), reach (users per year
    added across services), reach_services (services behind it), reach_estimated (of them,
    estimated figures), reach_score (organisations x reach; blank with no reach),
    technology (services with a submitted technology survey), platform_answers (of them,
    naming a main platform), platforms (distinct main platforms named).

    `best`: one row per type and measure with a figure: service_type, measure, value,
    service_id (the best performer; the lowest id among equals), givers (services of the type
    with a comparable figure), at_best (how many share the best value).

    `platforms`: service_type, key, Platform (commonest spelling), Services, Organisations.
    """

    table: pd.DataFrame
    best: pd.DataFrame
    platforms: pd.DataFrame
    services: int
    untyped: int

    @property
    def typed(self) -> int:
        return self.services - self.untyped


def _level_figures(typed: pd.DataFrame) -> pd.DataFrame:
    level = typed["digitisation_level"]
    known = level.notna()
    counts = (
        pd.crosstab(typed.loc[known, "service_type"], level[known].astype(int))
        .reindex(columns=list(LEVELS), fill_value=0)
        .rename(columns=dict(zip(LEVELS, LEVEL_COLUMNS, strict=True)))
    )
    by_type = typed.assign(_known=known, _low=known & (level.fillna(MAX_LEVEL) < END_TO_END_LEVEL))
    grouped = by_type.groupby("service_type", observed=True)
    out = pd.DataFrame(
        {
            "level_known": grouped["_known"].sum(),
            "level_unknown": grouped["_known"].size() - grouped["_known"].sum(),
            "best_level": grouped["digitisation_level"].max(),
            "worst_level": grouped["digitisation_level"].min(),
            "not_end_to_end": grouped["_low"].sum(),
        }
    )
    out = out.join(counts).fillna({column: 0 for column in LEVEL_COLUMNS})
    out["spread"] = out["best_level"].astype("Float64") - out["worst_level"].astype("Float64")
    return out


def _answers_of(answers: pd.DataFrame, typed: pd.DataFrame, metric: str) -> pd.DataFrame:
    rows = answers[(answers["metric"] == metric) & answers["service_id"].isin(typed.index)]
    return rows.drop_duplicates("service_id")


def _reach(answers: pd.DataFrame, typed: pd.DataFrame) -> pd.DataFrame:
    """Users per year added across each type's services, from figures that cover a year."""
    rows = _answers_of(answers, typed, Metric.USERS_PER_YEAR.value)
    rows = rows[rows["year_value"].notna()]
    frame = pd.DataFrame(
        {
            "service_type": typed["service_type"].reindex(rows["service_id"]).astype(object),
            "value": rows["year_value"].to_numpy(dtype=float),
            "estimated": (rows["availability"].astype(object) == Availability.ESTIMATED).to_numpy(),
        }
    )
    grouped = frame.groupby("service_type")
    return pd.DataFrame(
        {
            "reach": grouped["value"].sum(),
            "reach_services": grouped["value"].size(),
            "reach_estimated": grouped["estimated"].sum(),
        }
    )


def _pick_best(frame: pd.DataFrame, higher: bool, measure: str) -> pd.DataFrame:
    """`frame`: service_type, service_id, value; the best row of each type, with counts."""
    if frame.empty:
        return pd.DataFrame(
            columns=["service_type", "measure", "value", "service_id", "givers", "at_best"]
        )
    ranked = frame.sort_values(
        ["service_type", "value", "service_id"], ascending=[True, not higher, True]
    )
    best = ranked.drop_duplicates("service_type").set_index("service_type")
    grouped = frame.groupby("service_type")
    best["givers"] = grouped.size()
    top = frame["value"] == frame["service_type"].map(best["value"])
    best["at_best"] = frame[top].groupby("service_type").size()
    best["measure"] = measure
    out: pd.DataFrame = best.reset_index()[
        ["service_type", "measure", "value", "service_id", "givers", "at_best"]
    ]
    return out


def comparable(rows: pd.DataFrame) -> pd.DataFrame:
    """Metric answers a best performer can be named from: provided (not estimated), with a
    value, for a 12-month period or undated."""
    provided = rows["availability"].astype(object) == Availability.PROVIDED
    keep = provided.to_numpy() & rows["value"].notna().to_numpy() & is_yearly(rows["period_months"])
    out: pd.DataFrame = rows[keep]
    return out


def best_performers(answers: pd.DataFrame, typed: pd.DataFrame) -> pd.DataFrame:
    """The best known performer of each type on each measure (see `JoinUpView.best`)."""
    parts = []
    for measure, (metric, higher) in MEASURES.items():
        if metric == "level":
            known = typed[typed["digitisation_level"].notna()]
            frame = pd.DataFrame(
                {
                    "service_type": known["service_type"].astype(object).to_numpy(),
                    "service_id": known.index.to_numpy(),
                    "value": known["digitisation_level"].astype(float).to_numpy(),
                }
            )
        else:
            rows = comparable(_answers_of(answers, typed, metric))
            frame = pd.DataFrame(
                {
                    "service_type": typed["service_type"]
                    .reindex(rows["service_id"])
                    .astype(object)
                    .to_numpy(),
                    "service_id": rows["service_id"].to_numpy(),
                    "value": rows["value"].to_numpy(dtype=float),
                }
            )
        parts.append(_pick_best(frame, higher, measure))
    return pd.concat(parts, ignore_index=True)


def platform_figures(
    technology: pd.DataFrame, typed: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per type: services with a submitted technology survey, those naming a main platform,
    distinct platforms; and each type's platforms (see `JoinUpView.platforms`).

    `technology`: one row per service with a submitted technology survey (index: service id)
    with platform_key (tidied name, blank where none was named) and platform_name."""
    rows = technology[technology.index.isin(typed.index)]
    kinds = typed["service_type"].astype(object).reindex(rows.index)
    named = rows["platform_key"].notna()
    counts = pd.DataFrame(
        {
            "technology": kinds.groupby(kinds).size(),
            "platform_answers": kinds[named].groupby(kinds[named]).size(),
            "platforms": rows.loc[named, "platform_key"].groupby(kinds[named]).nunique(),
        }
    )
    named_rows = pd.DataFrame(
        {
            "service_type": kinds[named].to_numpy(),
            "key": rows.loc[named, "platform_key"].astype(object).to_numpy(),
            "name": rows.loc[named, "platform_name"].astype(object).to_numpy(),
            "organisation": typed["organisation_code"]
            .astype(object)
            .reindex(rows.index[named])
            .to_numpy(),
        }
    )
    columns = ["service_type", "key", "Platform", "Services", "Organisations"]
    if named_rows.empty:
        return counts, pd.DataFrame(columns=columns)
    spelling = (
        named_rows.groupby(["service_type", "key", "name"])
        .size()
        .reset_index(name="n")
        .sort_values(["service_type", "key", "n", "name"], ascending=[True, True, False, True])
        .drop_duplicates(["service_type", "key"])
        .set_index(["service_type", "key"])["name"]
    )
    table = named_rows.groupby(["service_type", "key"]).agg(
        Services=("name", "size"), Organisations=("organisation", "nunique")
    )
    table["Platform"] = spelling.reindex(table.index)
    table = table.reset_index().sort_values(
        ["service_type", "Services", "Organisations", "key"],
        ascending=[True, False, False, True],
    )
    return counts, table[columns].reset_index(drop=True)


def join_up(matching: pd.DataFrame, answers: pd.DataFrame, technology: pd.DataFrame) -> JoinUpView:
    """The Join up figures of `matching` (catalogue services under the filter, indexed by
    service id), with `answers` (each service's latest metric answers, with year_value) and
    `technology` (see `platform_figures`). Type names follow the current language."""
    groups = group_by_type(matching)
    typed = matching[matching["service_type"].notna()]
    table = groups.table.set_index("service_type")
    table = table.join(_level_figures(typed)).join(_reach(answers, typed))
    counts, platforms = platform_figures(technology, typed)
    table = table.join(counts)
    for column in ("reach_services", "reach_estimated", "technology", "platform_answers"):
        table[column] = table[column].fillna(0).astype("int64")
    table["platforms"] = table["platforms"].fillna(0).astype("int64")
    for column in (*LEVEL_COLUMNS, "level_known", "level_unknown", "not_end_to_end"):
        table[column] = table[column].fillna(0).astype("int64")
    table["reach"] = table["reach"].where(table["reach_services"] > 0)
    table["reach_score"] = table["organisations"] * table["reach"]
    return JoinUpView(
        table=table.reset_index(),
        best=best_performers(answers, typed),
        platforms=platforms,
        services=groups.services,
        untyped=groups.untyped,
    )


#: The orders a person can choose, kept in the link (`?join_order=reach`).
ORDERS = ("organisations", "reach", "spread")
ORDER_PARAM = "join_order"
#: The switch that lists types run by one organisation too (`?single=1`).
SINGLE_PARAM = "single"


def ordered(table: pd.DataFrame, order: str, shared_only: bool = True) -> pd.DataFrame:
    """The types in `order`: types run by at least 2 organisations first (only those, with
    `shared_only`), then those run by one. Within each: "organisations" (most first, then
    services), "reach" (organisations x reach, most first, types with no reach last) or
    "spread" (best minus worst level, widest first, types with no known level last); ties by
    organisations, services and name."""
    rows = table[table["organisations"] >= 2] if shared_only else table
    key = {"organisations": "organisations", "reach": "reach_score", "spread": "spread"}[order]
    value = pd.to_numeric(rows[key], errors="coerce").astype(float)
    frame = rows.assign(
        _single=(rows["organisations"] < 2).astype(int),
        _missing=value.isna().astype(int),
        _value=value.fillna(0.0),
    )
    frame = frame.sort_values(
        ["_single", "_missing", "_value", "organisations", "services", "name"],
        ascending=[True, True, False, False, False, True],
        kind="stable",
    )
    return frame.drop(columns=["_single", "_missing", "_value"]).reset_index(drop=True)


def order_from_link(params: dict[str, list[str]]) -> str:
    value = (params.get(ORDER_PARAM) or [ORDERS[0]])[0]
    return value if value in ORDERS else ORDERS[0]


def order_link(order: str) -> dict[str, list[str]]:
    return {} if order == ORDERS[0] else {ORDER_PARAM: [order]}
