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

Each service's inputs are worked out once per data version (`inputs.service_inputs`); a
filter's figures add them up by type under its mask with `np.bincount` and sorted groups
(`join_up_of`), so a new filter over 100,000 services takes tens of milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.service_types import group_numbers
from dashboard.join_up.inputs import MEASURES, ServiceInputs, service_inputs
from db.vocabulary import END_TO_END_LEVEL, MAX_LEVEL, MIN_LEVEL

LEVELS = tuple(range(MIN_LEVEL, MAX_LEVEL + 1))
LEVEL_COLUMNS = tuple(f"level_{level}" for level in LEVELS)


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


_BEST_COLUMNS = ["service_type", "measure", "value", "service_id", "givers", "at_best"]
_PLATFORM_COLUMNS = ["service_type", "key", "Platform", "Services", "Organisations"]


def _rank(labels: np.ndarray) -> np.ndarray:
    """Each label's place when the labels are sorted as text."""
    ranks = np.empty(len(labels), dtype=np.int64)
    ranks[np.argsort(labels.astype(str), kind="stable")] = np.arange(len(labels))
    return ranks


def _level_figures(kind: np.ndarray, level: np.ndarray, types: int) -> dict[str, object]:
    known = ~np.isnan(level)
    of, value = kind[known], level[known].astype(np.int64)
    counts = np.bincount(
        of * len(LEVELS) + (value - MIN_LEVEL), minlength=types * len(LEVELS)
    ).reshape(types, len(LEVELS))
    level_known = np.bincount(of, minlength=types)
    best = np.full(types, MIN_LEVEL - 1, dtype=np.int64)
    worst = np.full(types, MAX_LEVEL + 1, dtype=np.int64)
    np.maximum.at(best, of, value)
    np.minimum.at(worst, of, value)
    some = level_known > 0
    best_level = pd.array(np.where(some, best, 0), dtype="Int8")
    worst_level = pd.array(np.where(some, worst, 0), dtype="Int8")
    best_level[~some] = pd.NA
    worst_level[~some] = pd.NA
    figures: dict[str, object] = {
        "level_known": level_known,
        "level_unknown": np.bincount(kind, minlength=types) - level_known,
        "best_level": best_level,
        "worst_level": worst_level,
        "not_end_to_end": np.bincount(of[value < END_TO_END_LEVEL], minlength=types),
    }
    figures.update(zip(LEVEL_COLUMNS, counts.T, strict=True))
    spread = pd.Series(best_level, dtype="Float64") - pd.Series(worst_level, dtype="Float64")
    figures["spread"] = spread.array
    return figures


def _reach_figures(
    kind: np.ndarray, reach: np.ndarray, estimated: np.ndarray, types: int
) -> dict[str, object]:
    """Users per year added across each type's services, from figures that cover a year."""
    given = ~np.isnan(reach)
    services = np.bincount(kind[given], minlength=types)
    total = np.bincount(kind[given], weights=reach[given], minlength=types)
    return {
        "reach": np.where(services > 0, total, np.nan),
        "reach_services": services,
        "reach_estimated": np.bincount(kind[given & estimated], minlength=types),
    }


def _best_of(
    kind: np.ndarray, ids: np.ndarray, values: np.ndarray, higher: bool, codes: np.ndarray
) -> pd.DataFrame:
    """The best value of each type (the lowest id among equals), how many services gave one
    (`givers`) and how many share the best (`at_best`)."""
    given = ~np.isnan(values)
    kind, ids, values = kind[given], ids[given], values[given]
    if not len(kind):
        return pd.DataFrame(columns=_BEST_COLUMNS)
    order = np.lexsort((ids, -values if higher else values, _rank(codes)[kind]))
    kind, ids, values = kind[order], ids[order], values[order]
    first = np.flatnonzero(np.r_[True, kind[1:] != kind[:-1]])
    best = np.full(len(codes), np.nan)
    best[kind[first]] = values[first]
    givers = np.bincount(kind, minlength=len(codes))
    at_best = np.bincount(kind[values == best[kind]], minlength=len(codes))
    top = kind[first]
    return pd.DataFrame(
        {
            "service_type": codes[top].astype(str).astype(object),
            "value": values[first],
            "service_id": ids[first].astype("int64"),
            "givers": givers[top].astype("int64"),
            "at_best": at_best[top].astype("int64"),
        }
    )


def best_performers(inputs: ServiceInputs, keep: np.ndarray) -> pd.DataFrame:
    """The best known performer of each type on each measure (see `JoinUpView.best`), among
    the typed services `keep` selects."""
    kind, ids = inputs.type_of[keep], inputs.ids[keep]
    parts = []
    for measure, (_, higher) in MEASURES.items():
        values = inputs.level if measure == "level" else inputs.measures[measure]
        part = _best_of(kind, ids, values[keep], higher, inputs.type_codes)
        parts.append(part.assign(measure=measure)[_BEST_COLUMNS])
    return pd.concat([part for part in parts if len(part)] or parts[:1], ignore_index=True)


def platform_figures(
    inputs: ServiceInputs, keep: np.ndarray
) -> tuple[dict[str, object], pd.DataFrame]:
    """Per type: services with a submitted technology survey, those naming a main platform,
    distinct platforms; and each type's platforms (see `JoinUpView.platforms`)."""
    types, keys = len(inputs.type_codes), len(inputs.platform_keys)
    kind = inputs.type_of[keep]
    platform = inputs.platform_of[keep]
    named = platform >= 0
    pair_of = kind[named] * keys + platform[named]
    pairs, pair_at, services = np.unique(pair_of, return_inverse=True, return_counts=True)
    counts: dict[str, object] = {
        "technology": np.bincount(kind[inputs.technology[keep]], minlength=types),
        "platform_answers": np.bincount(kind[named], minlength=types),
        "platforms": np.bincount(pairs // keys, minlength=types),
    }
    if not len(pairs):
        return counts, pd.DataFrame(columns=_PLATFORM_COLUMNS)
    org = inputs.org_of[keep][named] + 1
    runs = np.unique(pair_at * (len(inputs.org_codes) + 1) + org)
    organisations = np.bincount(runs // (len(inputs.org_codes) + 1), minlength=len(pairs))
    # the commonest spelling of each platform in each type (ties: the first as text)
    names = len(inputs.platform_names)
    spelt, how_often = np.unique(
        pair_at * names + inputs.spelling_of[keep][named], return_counts=True
    )
    spelt_pair, spelling = spelt // names, spelt % names
    choice = np.lexsort((_rank(inputs.platform_names)[spelling], -how_often, spelt_pair))
    first = choice[np.r_[True, spelt_pair[choice][1:] != spelt_pair[choice][:-1]]]
    table = pd.DataFrame(
        {
            "service_type": inputs.type_codes[pairs // keys].astype(str).astype(object),
            "key": inputs.platform_keys[pairs % keys].astype(str).astype(object),
            "Platform": inputs.platform_names[spelling[first]].astype(object),
            "Services": services.astype("int64"),
            "Organisations": organisations.astype("int64"),
        }
    )
    table = table.sort_values(
        ["service_type", "Services", "Organisations", "key"],
        ascending=[True, False, False, True],
    )
    return counts, table[_PLATFORM_COLUMNS].reset_index(drop=True)


def join_up_of(inputs: ServiceInputs, mask: np.ndarray | None = None) -> JoinUpView:
    """The Join up figures of the services `mask` keeps (every service without one), from
    their inputs. Type names follow the current language."""
    chosen = np.ones(len(inputs), dtype=bool) if mask is None else np.asarray(mask, dtype=bool)
    groups = group_numbers(
        inputs.type_of, inputs.type_codes, inputs.org_of, inputs.org_codes, chosen
    )
    keep = chosen & (inputs.type_of >= 0)
    kind, types = inputs.type_of[keep], len(inputs.type_codes)
    figures = _level_figures(kind, inputs.level[keep], types)
    figures.update(_reach_figures(kind, inputs.reach[keep], inputs.reach_estimated[keep], types))
    counts, platforms = platform_figures(inputs, keep)
    figures.update(counts)
    per_type = pd.DataFrame(
        figures, index=pd.Index(inputs.type_codes.astype(str), name="service_type")
    )
    table = groups.table.join(per_type, on="service_type")
    table["reach_score"] = table["organisations"] * table["reach"]
    table["service_type"] = table["service_type"].astype("str")
    return JoinUpView(
        table=table,
        best=best_performers(inputs, keep),
        platforms=platforms,
        services=groups.services,
        untyped=groups.untyped,
    )


def join_up(matching: pd.DataFrame, answers: pd.DataFrame, technology: pd.DataFrame) -> JoinUpView:
    """The Join up figures of `matching` (catalogue services, indexed by service id), with
    `answers` (each service's latest metric answers, with year_value) and `technology` (one
    row per service with a submitted technology survey: platform_key, platform_name)."""
    return join_up_of(service_inputs(matching, answers, technology))


#: The orders a person can choose, kept in the link (`?join_order=reach`).
ORDERS = ("organisations", "reach", "spread")
ORDER_PARAM = "join_order"
#: The switch that lists only types shared by two or more organisations (`?shared=0`: every
#: type, the shared ones first).
SHARED_PARAM = "shared"


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
