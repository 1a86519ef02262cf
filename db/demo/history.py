"""Earlier years of the invented metric figures: each service's history drawn back from its
latest answer, so the latest figures (what every page counts) stay exactly as drawn.

The change is believable rather than dramatic: digital take-up and completion mostly rise a few
points a year, cost per transaction mostly falls, satisfaction drifts, volumes grow a little.
Some services only began to report in a later year, and some early figures were not
collected. A generator of its own, from the seed, so every other draw stays as it was.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from db.vocabulary import Availability, Metric

#: Yearly periods of the demo data set, oldest first; the generator holds five.
DEMO_PERIODS = ("2022-23", "2023-24", "2024-25")
GENERATED_PERIODS = ("2020-21", "2021-22", "2022-23", "2023-24", "2024-25")

#: How many years before its latest a service already reported: 0, 1, 2, 3, 4 and more.
HISTORY_YEARS_WEIGHTS = (0.12, 0.23, 0.3, 0.2, 0.15)
#: Chance, per year back, that an early figure was not collected yet.
NOT_COLLECTED_PER_YEAR = 0.08

#: Yearly change per metric: in points (mean, spread) for percentages...
POINTS_PER_YEAR: dict[str, tuple[float, float]] = {
    Metric.DIGITAL_TAKE_UP: (3.5, 3.0),
    Metric.COMPLETION_RATE: (1.8, 2.0),
    Metric.USER_SATISFACTION: (0.6, 2.0),
}
#: ... and as a yearly factor (mean, spread) for counts and cost.
FACTOR_PER_YEAR: dict[str, tuple[float, float]] = {
    Metric.USERS_PER_YEAR: (1.03, 0.05),
    Metric.TRANSACTIONS_PER_YEAR: (1.04, 0.06),
    Metric.COST_PER_TRANSACTION: (0.93, 0.05),
}
#: Bounds of each percentage, as the latest figures are drawn.
BOUNDS: dict[str, tuple[float, float]] = {
    Metric.DIGITAL_TAKE_UP: (0.0, 100.0),
    Metric.COMPLETION_RATE: (5.0, 100.0),
    Metric.USER_SATISFACTION: (10.0, 100.0),
}


def _round_estimate(values: np.ndarray) -> np.ndarray:
    """Estimates are given as round figures (two significant digits)."""
    safe = np.where(values > 0, values, 1.0)
    magnitude = 10.0 ** (np.floor(np.log10(safe)) - 1)
    return np.where(values > 0, np.round(values / magnitude) * magnitude, values)


def draw_history(
    rng: np.random.Generator, latest: pd.DataFrame, periods: tuple[str, ...]
) -> pd.DataFrame:
    """Answers for the periods before each answer's own (columns as `latest`'s).

    `latest`: one answer per service and metric (service, metric, value, availability,
    reason, period); only answers with a figure in one of `periods` get a history.
    """
    columns = list(latest.columns)
    place = {label: position for position, label in enumerate(periods)}
    position = latest["period"].map(place)
    rows = latest[position.notna() & latest["value"].notna()].copy()
    rows["position"] = position[rows.index].astype(int)
    # a service reports from the same year for all its metrics
    services = np.unique(rows["service"].to_numpy())
    years_back = rng.choice(len(HISTORY_YEARS_WEIGHTS), size=len(services), p=HISTORY_YEARS_WEIGHTS)
    depth = pd.Series(years_back, index=services)
    rows["depth"] = np.minimum(depth.reindex(rows["service"]).to_numpy(), rows["position"])
    # one yearly trend per service and metric
    trend = np.ones(len(rows))
    metric = rows["metric"].astype(str).to_numpy()
    for code, (mean, spread) in {**POINTS_PER_YEAR, **FACTOR_PER_YEAR}.items():
        where = metric == str(code)
        trend[where] = rng.normal(mean, spread, int(where.sum()))
    additive = np.isin(metric, [str(code) for code in POINTS_PER_YEAR])
    trend[~additive] = np.maximum(trend[~additive], 0.5)
    value = rows["value"].to_numpy(dtype=float)
    estimated = (rows["availability"].astype(str) == Availability.ESTIMATED).to_numpy()
    low = np.array([BOUNDS.get(m, (0.0, np.inf))[0] for m in metric])
    high = np.array([BOUNDS.get(m, (0.0, np.inf))[1] for m in metric])
    parts = []
    for back in range(1, len(periods)):
        keep = rows["depth"].to_numpy() >= back
        if not keep.any():
            continue
        earlier = np.where(
            additive,
            value - back * trend + rng.normal(0.0, 1.0, len(rows)),
            value / trend**back,
        )[keep]
        bounded = np.clip(earlier, low[keep], high[keep])
        counted = np.isin(
            metric[keep],
            [str(Metric.USERS_PER_YEAR), str(Metric.TRANSACTIONS_PER_YEAR)],
        )
        cost = metric[keep] == str(Metric.COST_PER_TRANSACTION)
        figure = np.where(
            counted, np.round(bounded), np.where(cost, np.round(bounded, 2), np.round(bounded, 1))
        )
        figure = np.where(estimated[keep], _round_estimate(figure), figure)
        missing = rng.random(int(keep.sum())) < NOT_COLLECTED_PER_YEAR * back
        part = rows[keep][["service", "metric", "availability", "reason"]].copy()
        part["value"] = np.where(missing, np.nan, figure)
        part["availability"] = np.where(
            missing, str(Availability.NOT_COLLECTED), part["availability"].astype(str)
        )
        part["reason"] = None
        part["period"] = [periods[p - back] for p in rows["position"].to_numpy()[keep]]
        parts.append(part[columns])
    if not parts:
        return latest.iloc[0:0]
    return pd.concat(parts, ignore_index=True)
