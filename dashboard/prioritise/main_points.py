"""Prioritise's main points: three to five plain sentences, worked out from the current filter
and weights, that answer "where first?" before the weights and the chart.

Each says how sure it is: how many of the top rest on an estimate, whether the top 5 hold
when a weight moves, and how many services the ranking rests on.
"""

from __future__ import annotations

import pandas as pd

from dashboard.common.i18n import t, tn
from dashboard.common.service_types import type_labels
from dashboard.prioritise import confidence
from dashboard.prioritise.by_type import covers_words
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


def leading_part(top: pd.DataFrame, types: bool = False) -> str | None:
    """Which weighted part makes up most of the top's scores, and how much of them (of the
    top service types' scores with `types`)."""
    columns = {code: f"{NAMES[code]} contribution" for code in CODES}
    present = {code: column for code, column in columns.items() if column in top}
    total = float(top["Score"].sum())
    if not present or total <= 0:
        return None
    sums = {code: float(top[column].sum()) for code, column in present.items()}
    code = max(sums, key=lambda c: sums[c])
    if types:
        return tn(
            "{part} makes up the largest share of the top service type's score ({share}).",
            "{part} makes up the largest share of the top {n} service types' scores ({share}).",
            len(top),
            part=component_names()[code],
            share=f"{sums[code] / total:.0%}",
        )
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


def type_leader(types: pd.DataFrame, shown: int) -> str:
    """The first service type, what it covers and its score, and how many of the top `shown`
    types rest on at least one estimated part."""
    first = types.iloc[0]
    said = t(
        "Ranked as service types, the top priority is {type} ({covers}), score {score}.",
        type=str(type_labels(types["service_type"].head(1)).iloc[0]),
        covers=covers_words(int(first["organisations"]), int(first["services"])),
        score=f"{first['Score']:.2f}",
    )
    top = types.head(shown)
    estimated = int((top["parts_estimated"] > 0).sum())
    how_sure = (
        tn(
            "{n} of the top {top} rests on at least one estimated part of its services.",
            "{n} of the top {top} rest on at least one estimated part of their services.",
            estimated,
            n=estimated,
            top=len(top),
        )
        if estimated
        else tn(
            "The top type rests on known figures only.",
            "All of the top {top} rest on known figures only.",
            len(top),
            top=len(top),
        )
    )
    return f"{said} {how_sure}"


def type_coverage(types: pd.DataFrame, ranked: int, matching: int) -> str:
    """How many types are ranked, and how many of the ranked services they hold: a service
    with no type recorded is in no type."""
    typed = int(types["services"].sum())
    return tn(
        "{types} service type is ranked, from {typed} of the {ranked} ranked services (of "
        "{matching} matching); a service with no type recorded is in none.",
        "{types} service types are ranked, from {typed} of the {ranked} ranked services (of "
        "{matching} matching); a service with no type recorded is in none.",
        len(types),
        types=f"{len(types):,}",
        typed=f"{typed:,}",
        ranked=f"{ranked:,}",
        matching=f"{matching:,}",
    )


def type_main_points(
    types: pd.DataFrame, chart_rows: pd.DataFrame, ranked: int, matching: int
) -> list[str]:
    """The main points when the page ranks service types (`by_type.type_ranking`, best first;
    `chart_rows`: the top types as the chart draws them, with each part's contribution): the
    top type and how sure, the part that leads the top types, and what the ranking rests on.
    None when no ranked service has a type."""
    if types.empty:
        return []
    points = [
        type_leader(types, len(chart_rows)),
        leading_part(chart_rows, types=True),
        type_coverage(types, ranked, matching),
    ]
    return [point for point in points if point]
