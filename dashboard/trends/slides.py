"""The Trends page's slide for the Present page: what changed since the last survey round,
over the services in both rounds (the level moves drawn, the main points as speaker's notes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard.common.i18n import language, t
from dashboard.common.slides import Slide, chart_slide
from dashboard.trends.charts import moves_figure
from dashboard.trends.compare import RoundComparison, compare_rounds
from dashboard.trends.findings import main_points
from dashboard.trends.states import Rounds, RoundState
from db.rounds import CURRENT, RoundInfo


@dataclass(frozen=True)
class SinceLastRound:
    """The last closed round against the open one under a filter; `comparison` is None when
    there is only one round. Names are read in the language the slide is built in."""

    comparison: RoundComparison | None
    then: RoundInfo | None
    now: RoundInfo | None
    themes: pd.DataFrame  # code, name_en, name_cy

    def names(self) -> tuple[str, str]:
        lang = language()
        then = self.then.name(lang) if self.then else t("Previous round")
        now = t("{name} (current)", name=self.now.name(lang)) if self.now else t("Current round")
        return then, now

    def theme_names(self) -> dict[str, str]:
        themes = self.themes
        names = themes["name_en"]
        if language() == "cy":
            names = themes["name_cy"].fillna(themes["name_en"])
        return dict(zip(themes["code"].astype(str), names.astype(str), strict=True))


def since_last_round(
    rounds: Rounds,
    state_of: Callable[[str], RoundState],
    within: pd.Index | None,
    themes: pd.DataFrame,
) -> SinceLastRound:
    """The last closed round against the open one, over the services in both (and `within`)."""
    if not rounds.closed:
        return SinceLastRound(None, None, rounds.current, themes)
    last = rounds.closed[-1]
    compared = compare_rounds(state_of(last.code), state_of(CURRENT), within)
    return SinceLastRound(compared, last, rounds.current, themes)


def since_last_round_slide(view: SinceLastRound) -> Slide:
    """The level moves since the last round as the finding; the main points as notes."""
    if view.comparison is None:
        return Slide(
            "since_last_round",
            t("Only one survey round so far"),
            message=t("Only one round so far: open a new round on the Data page to compare."),
        )
    then, now = view.names()
    if not view.comparison.compared:
        return Slide(
            "since_last_round",
            t("No matching service has a level in both rounds"),
            message=t("No service under this filter was in both rounds."),
        )
    notes = " ".join(main_points(view.comparison, then, now, view.theme_names()))
    return chart_slide("since_last_round", moves_figure(view.comparison, then), notes)
