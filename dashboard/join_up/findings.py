"""The Join up page's words: each type's finding (a chart title that states it), the main
points, and the order names (no Streamlit here)."""

from __future__ import annotations

import pandas as pd

from dashboard.common.i18n import t, tn
from dashboard.join_up.figures import JoinUpView, ordered


def order_labels() -> dict[str, str]:
    return {
        "organisations": t("Most organisations first"),
        "reach": t("Widest reach first (organisations × service users)"),
        "spread": t("Widest spread of digitisation levels first"),
    }


def reach_words(reach: float, services: int, estimated: int) -> str:
    """The combined reach, said as what it is: never a count of people."""
    line = tn(
        "{reach} service users per year, added across services (a person using two services "
        "counts twice), from {n} service's figure",
        "{reach} service users per year, added across services (a person using two services "
        "counts twice), from {n} services' figures",
        services,
        reach=f"{reach:,.0f}",
        n=f"{services:,}",
    )
    if estimated:
        line += " " + tn("({n} estimated)", "({n} estimated)", estimated, n=f"{estimated:,}")
    return line


def finding(row: pd.Series) -> str:
    """What one type's figures say, e.g. "15 organisations run “Report a missed bin
    collection” on 2 main platforms (5 of 15 services answered); 2 of 15 services with a
    level are not digital end to end"."""
    line = tn(
        "{n} organisation runs “{type}”",
        "{n} organisations run “{type}”",
        int(row["organisations"]),
        n=f"{int(row['organisations']):,}",
        type=row["name"],
    )
    if int(row["platform_answers"]):
        line += " " + tn(
            "on {p} main platform ({a} of {s} services answered)",
            "on {p} main platforms ({a} of {s} services answered)",
            int(row["platforms"]),
            p=f"{int(row['platforms']):,}",
            a=f"{int(row['platform_answers']):,}",
            s=f"{int(row['services']):,}",
        )
    if int(row["level_known"]):
        line += "; " + tn(
            "{low} of {known} service with a level is not digital end to end",
            "{low} of {known} services with a level are not digital end to end",
            int(row["level_known"]),
            low=f"{int(row['not_end_to_end']):,}",
            known=f"{int(row['level_known']):,}",
        )
    return line


def main_points(view: JoinUpView, order: str) -> list[str]:
    """A few sentences for the current filter and order; none without a typed service."""
    if not view.typed:
        return []
    shared = view.table[view.table["organisations"] >= 2]
    points = [
        tn(
            "{typed} of {n} matching service has a service type: {types} types, {shared} of "
            "them run by at least 2 organisations.",
            "{typed} of {n} matching services have a service type: {types} types, {shared} of "
            "them run by at least 2 organisations.",
            view.services,
            typed=f"{view.typed:,}",
            n=f"{view.services:,}",
            types=f"{len(view.table):,}",
            shared=f"{len(shared):,}",
        )
    ]
    if shared.empty:
        return points
    first = ordered(view.table, order).iloc[0]
    points.append(finding(first) + ".")
    if pd.notna(first["reach"]):
        points.append(
            t(
                "“{type}” reaches {reach}.",
                type=first["name"],
                reach=reach_words(
                    float(first["reach"]),
                    int(first["reach_services"]),
                    int(first["reach_estimated"]),
                ),
            )
        )
    spread = ordered(view.table, "spread").iloc[0]
    if pd.notna(spread["spread"]) and float(spread["spread"]) > 0:
        points.append(
            t(
                "The widest spread of digitisation levels: “{type}”, from level {worst} to "
                "level {best} across {n} services with a level.",
                type=spread["name"],
                worst=int(spread["worst_level"]),
                best=int(spread["best_level"]),
                n=f"{int(spread['level_known']):,}",
            )
        )
    return points
