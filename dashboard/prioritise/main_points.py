"""Prioritise's main points: three to five plain sentences, worked out from the current filter
and weights, that answer "where first?" before the weights and the chart.

Each says how sure it is: how many of the top rest on an estimate, whether the top 5 hold
when a weight moves, and how many services the ranking rests on.
"""

from __future__ import annotations

import pandas as pd

from dashboard.common.i18n import t, tn
from dashboard.prioritise import confidence
from dashboard.prioritise.weighting import CODES, NAMES, component_names


def leader(top: pd.DataFrame) -> str:
    """Who comes first, with its score, and how many of the top rest on estimates."""
    first = top.iloc[0]
    said = t(
        "Under these weights the top priority is {service} ({organisation}), score {score}.",
        service=str(first["Service"]),
        organisation=str(first["Organisation"]),
        score=f"{first['Score']:.2f}",
    )
    return f"{said} {confidence.top_sentence(top)}."


def leading_part(top: pd.DataFrame) -> str | None:
    """Which weighted part makes up most of the top's scores, and how much of them."""
    columns = {code: f"{NAMES[code]} contribution" for code in CODES}
    present = {code: column for code, column in columns.items() if column in top}
    total = float(top["Score"].sum())
    if not present or total <= 0:
        return None
    sums = {code: float(top[column].sum()) for code, column in present.items()}
    code = max(sums, key=lambda c: sums[c])
    return tn(
        "{part} makes up the largest share of the top service's score ({share}).",
        "{part} makes up the largest share of the top {n} services' scores ({share}).",
        len(top),
        part=component_names()[code],
        share=f"{sums[code] / total:.0%}",
    )


def coverage(ranked: int, matching: int, known: int) -> str:
    """How many services the ranking rests on, and how many of them on known figures only."""
    return tn(
        "{ranked} of {matching} matching service is ranked; {known} of them has every weighted "
        "part known.",
        "{ranked} of {matching} matching services are ranked; {known} of them have every "
        "weighted part known.",
        matching,
        ranked=f"{ranked:,}",
        matching=f"{matching:,}",
        known=f"{known:,}",
    )


def main_points(
    top: pd.DataFrame, ranking: pd.DataFrame, matching: int, stability_sentence: str
) -> list[str]:
    """Three or four sentences: the top priority and how sure, whether the top 5 hold, the
    part that leads the top, and what the ranking rests on. None for an empty ranking."""
    if top.empty:
        return []
    known = len(ranking) - confidence.resting_on_estimates(ranking)
    points = [
        leader(top),
        stability_sentence,
        leading_part(top),
        coverage(len(ranking), matching, known),
    ]
    return [point for point in points if point]
