"""Two rounds, or two metric periods, compared like with like: every figure counts only the
services present on both sides, so a service that joined (or left) the catalogue between them
never shows up as change."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.i18n import t
from dashboard.common.metric_periods import period_order
from dashboard.trends.states import RoundState
from db.vocabulary import END_TO_END_LEVEL, WITH_VALUE

UP, SAME, DOWN = "up", "same", "down"
MOVES = (UP, SAME, DOWN)


def move_labels() -> dict[str, str]:
    return {UP: t("Moved up"), SAME: t("Stayed at the same level"), DOWN: t("Moved down")}


@dataclass(frozen=True)
class RoundComparison:
    """`both`: services in both rounds; `levels`: those with a level recorded in both, one row
    each (service_id, then, now, move); `themes`: one row per theme reported on either side
    by a service in both (theme, then, now, change), most changed first."""

    both: int
    levels: pd.DataFrame
    themes: pd.DataFrame

    def moved(self, move: str) -> int:
        return int((self.levels["move"] == move).sum())

    @property
    def compared(self) -> int:
        return len(self.levels)

    def end_to_end(self) -> tuple[float, float] | None:
        """The share at level 3 or above then and now, over the same services (None: none)."""
        if not self.compared:
            return None
        then = float((self.levels["then"] >= END_TO_END_LEVEL).mean())
        now = float((self.levels["now"] >= END_TO_END_LEVEL).mean())
        return then, now


def compare_rounds(
    then: RoundState, now: RoundState, within: pd.Index | None = None
) -> RoundComparison:
    """`then` and `now` over the services in both (and in `within`, the filter's, if given)."""
    both = then.levels.index.intersection(now.levels.index)
    if within is not None:
        both = both.intersection(within)
    before, after = then.levels.reindex(both), now.levels.reindex(both)
    known = before.notna() & after.notna()
    levels = pd.DataFrame(
        {
            "service_id": both[known.to_numpy()].to_numpy(dtype=np.int64),
            "then": before[known].to_numpy(dtype=np.int64),
            "now": after[known].to_numpy(dtype=np.int64),
        }
    )
    levels["move"] = np.select(
        [levels["now"] > levels["then"], levels["now"] < levels["then"]], [UP, DOWN], SAME
    )
    return RoundComparison(len(both), levels, _theme_counts(then, now, both))


def _theme_counts(then: RoundState, now: RoundState, both: pd.Index) -> pd.DataFrame:
    def counts(side: RoundState) -> pd.Series:
        rows = side.themes[side.themes["service_id"].isin(both)]
        return rows.drop_duplicates()["theme"].value_counts()

    table = pd.concat({"then": counts(then), "now": counts(now)}, axis=1).fillna(0)
    table = table.astype("int64").rename_axis("theme").reset_index()
    table["change"] = table["now"] - table["then"]
    order = np.lexsort((table["theme"].to_numpy(), -table["change"].abs().to_numpy()))
    return table.iloc[order].reset_index(drop=True)[["theme", "then", "now", "change"]]


@dataclass(frozen=True)
class PeriodComparison:
    """Per metric: services that answered it in both periods, and of those how many gave a
    figure (provided or estimated) in one period and not the other."""

    table: pd.DataFrame  # metric, both, became, stopped, then, now


@dataclass(frozen=True)
class PeriodAnswers:
    """Every dated metric answer as whole numbers, once per data version: the position of its
    service in `services` (-1: not in it), of its metric in `metrics` (sorted), of its period
    in `periods` (oldest first), and whether it gave a figure."""

    services: pd.Index
    metrics: tuple[str, ...]
    periods: tuple[str, ...]
    service_at: np.ndarray
    metric_at: np.ndarray
    period_at: np.ndarray
    figure: np.ndarray


def period_answers(answers: pd.DataFrame, services: pd.Index | None = None) -> PeriodAnswers:
    """`answers`: metric answers (service_id, metric, period, availability); undated ones are
    left out. `services`: the catalogue's ids, in the filter's order (default: those answering)."""
    text = answers["period"].astype(object).where(answers["period"].notna(), "").astype(str)
    dated = answers[(text != "").to_numpy()]
    labels = text[text != ""]
    distinct = pd.Series(pd.unique(labels))
    periods = tuple(distinct.iloc[np.argsort(period_order(distinct), kind="stable")])
    metric = dated["metric"].astype(str)
    metrics = tuple(sorted(pd.unique(metric)))
    if services is None:
        services = pd.Index(pd.unique(dated["service_id"]))
    return PeriodAnswers(
        services=services,
        metrics=metrics,
        periods=periods,
        service_at=services.get_indexer(pd.Index(dated["service_id"])),
        metric_at=pd.Index(metrics).get_indexer(pd.Index(metric)),
        period_at=pd.Index(periods).get_indexer(pd.Index(labels)),
        figure=dated["availability"].astype(str).isin({a.value for a in WITH_VALUE}).to_numpy(),
    )


def _side(keys: np.ndarray, figure: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each service and metric once, with whether any of its answers gave a figure."""
    unique, inverse = np.unique(keys, return_inverse=True)
    given = np.zeros(len(unique), dtype=bool)
    np.logical_or.at(given, inverse, figure)
    return unique, given


def compare_period_answers(
    data: PeriodAnswers, first: str, second: str, mask: np.ndarray | None = None
) -> PeriodComparison:
    """`first` against `second` over the services `mask` keeps (all when None) that answered
    a metric in both periods."""
    columns = ["metric", "both", "became", "stopped", "then", "now"]
    if first not in data.periods or second not in data.periods:
        return PeriodComparison(pd.DataFrame({c: [] for c in columns}))
    one, two = data.periods.index(first), data.periods.index(second)
    keep = ((data.period_at == one) | (data.period_at == two)) & (data.service_at >= 0)
    if mask is not None:
        keep &= mask[np.maximum(data.service_at, 0)]
    width = max(len(data.metrics), 1)
    keys = data.service_at[keep].astype(np.int64) * width + data.metric_at[keep]
    period, figure = data.period_at[keep], data.figure[keep]
    then_keys, then_given = _side(keys[period == one], figure[period == one])
    now_keys, now_given = _side(keys[period == two], figure[period == two])
    _, at_then, at_now = np.intersect1d(
        then_keys, now_keys, assume_unique=True, return_indices=True
    )
    then, now = then_given[at_then], now_given[at_now]
    metric = then_keys[at_then] % width

    def count(flags: np.ndarray) -> np.ndarray:
        return np.bincount(metric, weights=flags.astype(float), minlength=width).astype(np.int64)

    table = pd.DataFrame(
        {
            "metric": list(data.metrics) or [""],
            "both": np.bincount(metric, minlength=width),
            "became": count(~then & now),
            "stopped": count(then & ~now),
            "then": count(then),
            "now": count(now),
        }
    )
    table = table[table["both"] > 0].reset_index(drop=True)
    return PeriodComparison(table[columns])


def compare_periods(
    answers: pd.DataFrame, first: str, second: str, within: pd.Index | None = None
) -> PeriodComparison:
    """`answers`: every period's metric answers (service_id, metric, period, availability)."""
    data = period_answers(answers)
    mask = None if within is None else data.services.isin(within)
    return compare_period_answers(data, first, second, mask)
