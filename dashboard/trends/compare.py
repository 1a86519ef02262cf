"""Two rounds, or two metric periods, compared like with like: every figure counts only the
services present on both sides, so a service that joined (or left) the catalogue between them
never shows up as change."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.i18n import t
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


def compare_periods(
    answers: pd.DataFrame, first: str, second: str, within: pd.Index | None = None
) -> PeriodComparison:
    """`answers`: every period's metric answers (service_id, metric, period, availability)."""
    rows = answers[answers["period"].isin([first, second])]
    if within is not None:
        rows = rows[rows["service_id"].isin(within)]
    has = rows.assign(figure=rows["availability"].astype(str).isin({a.value for a in WITH_VALUE}))
    wide = has.pivot_table(
        index=["metric", "service_id"], columns="period", values="figure", aggfunc="max"
    )
    for period in (first, second):
        if period not in wide:
            wide[period] = np.nan
    paired = wide[[first, second]].dropna().astype(bool)
    then, now = paired[first], paired[second]
    flags = pd.DataFrame(
        {
            "both": 1,
            "became": (~then & now).astype(int),
            "stopped": (then & ~now).astype(int),
            "then": then.astype(int),
            "now": now.astype(int),
        }
    )
    table = flags.groupby(level="metric", observed=True).sum().reset_index()
    table["metric"] = table["metric"].astype(str)
    return PeriodComparison(table[["metric", "both", "became", "stopped", "then", "now"]])
