"""Each service's Join up inputs, worked out once per data version (no Streamlit here).

A filter change then only adds these up by type under the filter's mask (`figures.join_up_of`),
with `np.bincount` and grouped reductions over arrays, instead of selecting and joining the
metric answers and technology answers again for every filter.

Every array holds one value per catalogue service, in the catalogue frame's row order, so a
filter's boolean mask (`filters.match`) selects from them directly:

- `type_of`, `org_of`: the service's type and organisation as category numbers (-1 for none),
  with `type_codes` and `org_codes` naming them;
- `level`: the digitisation level (NaN where not known);
- `measures`: per measure ("take_up", "completion", "cost"), the figure a best performer can be
  named from: provided by the owner (never an estimate), for a 12-month period or undated; NaN
  where the service has none;
- `reach`: service users per year from a figure that covers a year (NaN where none), and
  `reach_estimated` whether that figure was estimated;
- `technology`: whether the service has a submitted technology survey; `platform_of` the main
  platform it names (a number into `platform_keys`, -1 for none) and `spelling_of` how it was
  spelt (a number into `platform_names`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.metric_periods import is_yearly
from db.vocabulary import Availability, Metric

#: The measures a best performer is named on: (metric code or "level", higher is better).
MEASURES: dict[str, tuple[str, bool]] = {
    "level": ("level", True),
    "take_up": (Metric.DIGITAL_TAKE_UP.value, True),
    "completion": (Metric.COMPLETION_RATE.value, True),
    "cost": (Metric.COST_PER_TRANSACTION.value, False),
}


@dataclass(frozen=True)
class ServiceInputs:
    """One value per catalogue service (see the module's note)."""

    ids: np.ndarray
    type_of: np.ndarray
    type_codes: np.ndarray
    org_of: np.ndarray
    org_codes: np.ndarray
    level: np.ndarray
    measures: dict[str, np.ndarray]
    reach: np.ndarray
    reach_estimated: np.ndarray
    technology: np.ndarray
    platform_of: np.ndarray
    platform_keys: np.ndarray
    spelling_of: np.ndarray
    platform_names: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)


def categories(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column as (category number of each row, -1 where missing; the categories)."""
    categorical = (
        column
        if isinstance(column.dtype, pd.CategoricalDtype)
        else column.astype(object).astype("category")
    )
    return (
        categorical.cat.codes.to_numpy(dtype=np.int64),
        np.asarray(categorical.cat.categories, dtype=object),
    )


def comparable(rows: pd.DataFrame) -> pd.DataFrame:
    """Metric answers a best performer can be named from: provided (not estimated), with a
    value, for a 12-month period or undated."""
    provided = rows["availability"].astype(object) == Availability.PROVIDED
    keep = provided.to_numpy() & rows["value"].notna().to_numpy() & is_yearly(rows["period_months"])
    out: pd.DataFrame = rows[keep]
    return out


def _first_answers(answers: pd.DataFrame, metric: str, ids: pd.Index) -> pd.DataFrame:
    """Each catalogue service's first answer to `metric`, with `_row` its catalogue row."""
    rows = answers[answers["metric"] == metric].drop_duplicates("service_id")
    at = ids.get_indexer(pd.Index(rows["service_id"]))
    return rows.assign(_row=at)[at >= 0]


def _placed(size: int, rows: np.ndarray, values: np.ndarray) -> np.ndarray:
    """`values` at catalogue `rows`, NaN elsewhere."""
    out = np.full(size, np.nan)
    out[rows] = values
    return out


def service_inputs(
    services: pd.DataFrame, answers: pd.DataFrame, technology: pd.DataFrame
) -> ServiceInputs:
    """The inputs of every service in `services` (the catalogue frame, indexed by service id),
    from `answers` (each service's latest metric answers, with year_value) and `technology`
    (one row per service with a submitted technology survey, indexed by service id, with
    platform_key, blank where no platform was named, and platform_name)."""
    size = len(services)
    ids = services.index
    type_of, type_codes = categories(services["service_type"])
    org_of, org_codes = categories(services["organisation_code"])
    level = services["digitisation_level"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    measures: dict[str, np.ndarray] = {}
    for measure, (metric, _) in MEASURES.items():
        if metric != "level":
            rows = comparable(_first_answers(answers, metric, ids))
            measures[measure] = _placed(
                size, rows["_row"].to_numpy(), rows["value"].to_numpy(dtype=float)
            )
    users = _first_answers(answers, Metric.USERS_PER_YEAR.value, ids)
    users = users[users["year_value"].notna()]
    reach = _placed(size, users["_row"].to_numpy(), users["year_value"].to_numpy(dtype=float))
    estimated = np.zeros(size, dtype=bool)
    estimated[users["_row"].to_numpy()] = (
        users["availability"].astype(object) == Availability.ESTIMATED
    ).to_numpy(dtype=bool)
    at = ids.get_indexer(technology.index)
    surveyed = technology[at >= 0]
    at = at[at >= 0]
    has_survey = np.zeros(size, dtype=bool)
    has_survey[at] = True
    key_of, keys = categories(surveyed["platform_key"])
    name_of, names = categories(surveyed["platform_name"].where(key_of >= 0))
    platform_of = np.full(size, -1, dtype=np.int64)
    platform_of[at] = key_of
    spelling_of = np.full(size, -1, dtype=np.int64)
    spelling_of[at] = name_of
    return ServiceInputs(
        ids=ids.to_numpy(),
        type_of=type_of,
        type_codes=type_codes,
        org_of=org_of,
        org_codes=org_codes,
        level=level,
        measures=measures,
        reach=reach,
        reach_estimated=estimated,
        technology=has_survey,
        platform_of=platform_of,
        platform_keys=keys,
        spelling_of=spelling_of,
        platform_names=names,
    )
