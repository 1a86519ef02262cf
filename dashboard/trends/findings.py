"""The Trends page's words and tables: main points, the level moves, the themes reported more
or less often, figures that became available. Plain Python (the words go through `t()`)."""

from __future__ import annotations

import pandas as pd

from dashboard.availability.tables import metric_names
from dashboard.common.i18n import t, tn
from dashboard.common.names import level_names, local_names, optional_column
from dashboard.trends.compare import (
    DOWN,
    SAME,
    UP,
    PeriodComparison,
    RoundComparison,
    move_labels,
)


def both_line(comparison: RoundComparison) -> str:
    return tn(
        "{n} service was in both rounds",
        "{n} services were in both rounds",
        comparison.both,
        n=f"{comparison.both:,}",
    )


def points_change(then: float, now: float) -> str:
    """`now` with its change in whole percentage points."""
    points = round(100 * now) - round(100 * then)
    if points > 0:
        return tn("{share}, up {n} point", "{share}, up {n} points", points, share=f"{now:.0%}")
    if points < 0:
        return tn(
            "{share}, down {n} point", "{share}, down {n} points", -points, share=f"{now:.0%}"
        )
    return t("{share}, no change", share=f"{now:.0%}")


def main_points(
    comparison: RoundComparison, then_name: str, now_name: str, theme_names: dict[str, str]
) -> list[str]:
    """The answer first: how many services compared, the level moves, the end-to-end share,
    the challenge that grew and the one that fell most."""
    points = [both_line(comparison) + t(": {a} and {b}.", a=then_name, b=now_name)]
    if not comparison.compared:
        return points
    points.append(
        t(
            "Of the {n} with a level recorded in both: {up} moved up, {down} moved down, "
            "{same} stayed at the same level.",
            n=f"{comparison.compared:,}",
            up=f"{comparison.moved(UP):,}",
            down=f"{comparison.moved(DOWN):,}",
            same=f"{comparison.moved(SAME):,}",
        )
    )
    shares = comparison.end_to_end()
    if shares is not None:
        points.append(
            t(
                "Digital end to end (level 3 or 4): {change} since {then} ({was} then), "
                "over the same {n} services.",
                change=points_change(*shares),
                then=then_name,
                was=f"{shares[0]:.0%}",
                n=f"{comparison.compared:,}",
            )
        )
    themes = comparison.themes
    more = themes[themes["change"] > 0]
    fewer = themes[themes["change"] < 0]
    if len(more):
        row = more.iloc[0]
        points.append(
            t(
                "Reported more often now: {theme}, by {now} services against {then} in {round}.",
                theme=theme_names.get(str(row["theme"]), str(row["theme"])),
                now=f"{int(row['now']):,}",
                then=f"{int(row['then']):,}",
                round=then_name,
            )
        )
    if len(fewer):
        row = fewer.iloc[0]
        points.append(
            t(
                "Reported less often now: {theme}, by {now} services against {then} in {round}.",
                theme=theme_names.get(str(row["theme"]), str(row["theme"])),
                now=f"{int(row['now']):,}",
                then=f"{int(row['then']):,}",
                round=then_name,
            )
        )
    return points


def moves_table(comparison: RoundComparison, services: pd.DataFrame) -> pd.DataFrame:
    """Each compared service whose level moved: name, organisation, level then and now."""
    moved = comparison.levels[comparison.levels["move"] != SAME]
    rows = services.reindex(moved["service_id"].to_numpy())
    names = local_names(rows["name_en"], optional_column(rows, "name_cy"))
    organisation = local_names(rows["organisation_en"], optional_column(rows, "organisation_cy"))
    levels = level_names()
    labels = move_labels()
    table = pd.DataFrame(
        {
            t("Service"): names.astype(str).to_numpy(),
            t("Organisation"): organisation.astype(str).to_numpy(),
            t("Level then"): moved["then"].map(levels).to_numpy(),
            t("Level now"): moved["now"].map(levels).to_numpy(),
            t("Change"): moved["move"].map(labels).to_numpy(),
        }
    )
    return table.sort_values([t("Change"), t("Organisation"), t("Service")]).reset_index(drop=True)


def themes_table(comparison: RoundComparison, theme_names: dict[str, str]) -> pd.DataFrame:
    themes = comparison.themes
    return pd.DataFrame(
        {
            t("Challenge or aim"): themes["theme"].map(lambda c: theme_names.get(c, c)),
            t("Services then"): themes["then"],
            t("Services now"): themes["now"],
            t("Change"): themes["change"],
        }
    )


def periods_table(comparison: PeriodComparison) -> pd.DataFrame:
    names = metric_names()
    table = comparison.table
    return pd.DataFrame(
        {
            t("Figure"): table["metric"].map(lambda c: names.get(c, c)),
            t("Services in both periods"): table["both"],
            t("Became available"): table["became"],
            t("Stopped being available"): table["stopped"],
            t("With a figure then"): table["then"],
            t("With a figure now"): table["now"],
        }
    )
