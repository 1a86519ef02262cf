"""Challenges and aims: the page's main points, three to five plain sentences worked out from
the current filter, before any chart: how many services reported, the themes reported most
(and how severe), where one stands out by sector, and which standard it bears on most.

Shares are of the services that reported any theme of the kind; a sector is compared only when
enough of its services reported.
"""

from __future__ import annotations

import numpy as np

from dashboard.common.i18n import t, tn
from dashboard.themes.tables import ThemesView

#: A sector's share is compared with the whole only when this many of its services reported.
MIN_SECTOR_REPORTING = 5
#: A theme stands out in a sector when its share there is at least this much above the whole.
STANDS_OUT_BY = 0.15


def _percent(share: float) -> str:
    return f"{share:.0%}"


def reporting(view: ThemesView) -> str:
    if view.kind == "challenge":
        return tn(
            "{n} of {services} matching service reported at least one challenge; shares are of "
            "those that did.",
            "{n} of {services} matching services reported at least one challenge; shares are "
            "of those that did.",
            view.services,
            n=f"{view.reporting:,}",
            services=f"{view.services:,}",
        )
    return tn(
        "{n} of {services} matching service named at least one aim or opportunity; shares are "
        "of those that did.",
        "{n} of {services} matching services named at least one aim or opportunity; shares are "
        "of those that did.",
        view.services,
        n=f"{view.reporting:,}",
        services=f"{view.services:,}",
    )


def most_reported(view: ThemesView) -> str | None:
    """The two themes reported for the most services, and how many rate the first high."""
    themes = view.themes[view.themes["Services"] > 0]
    if themes.empty or not view.reporting:
        return None
    first = themes.iloc[0]
    words = {
        "first": str(first["Theme"]),
        "first_share": _percent(int(first["Services"]) / view.reporting),
        "first_count": f"{int(first['Services']):,}",
    }
    if view.kind == "challenge":
        said = tn(
            "The challenge reported most is {first}: {first_count} service ({first_share}), "
            "{high} of them rating it high.",
            "The challenge reported most is {first}: {first_count} services ({first_share}), "
            "{high} of them rating it high.",
            int(first["Services"]),
            high=f"{int(first['High']):,}",
            **words,
        )
    else:
        said = tn(
            "The aim named most is {first}: {first_count} service ({first_share}).",
            "The aim named most is {first}: {first_count} services ({first_share}).",
            int(first["Services"]),
            **words,
        )
    if len(themes) > 1:
        second = themes.iloc[1]
        said += " " + t(
            "Next comes {second} ({share}).",
            second=str(second["Theme"]),
            share=_percent(int(second["Services"]) / view.reporting),
        )
    return said


def stands_out(view: ThemesView) -> str | None:
    """The theme whose share in one sector most exceeds its share over every sector, among
    sectors where at least MIN_SECTOR_REPORTING services reported; None when none exceeds it
    by STANDS_OUT_BY."""
    shares, counts = view.sector_shares, view.sector_counts
    if shares.empty or not view.reporting:
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        reporting = (counts / shares).round()  # each sector's services reporting any
    overall = view.themes.set_index("Theme")["Services"].reindex(shares.index) / view.reporting
    best: tuple[float, str, str] | None = None
    for sector in shares.columns:
        base = reporting[sector].replace([np.inf], np.nan).dropna()
        if base.empty or base.max() < MIN_SECTOR_REPORTING:
            continue
        excess = (shares[sector] - overall).dropna()
        if excess.empty:
            continue
        theme = str(excess.idxmax())
        if best is None or excess[theme] > best[0]:
            best = (float(excess[theme]), theme, str(sector))
    if best is None or best[0] < STANDS_OUT_BY:
        return None
    _, theme, sector = best
    sector_reporting = int(reporting[sector].astype(float)[theme])
    share = _percent(float(shares[sector].astype(float)[theme]))
    if view.kind == "challenge":
        return t(
            "{theme} stands out in {sector}: {share} of its {n} services reporting challenges, "
            "against {overall} across all sectors.",
            theme=theme,
            sector=sector,
            share=share,
            n=f"{sector_reporting:,}",
            overall=_percent(float(overall[theme])),
        )
    return t(
        "{theme} stands out in {sector}: {share} of its {n} services naming aims, against "
        "{overall} across all sectors.",
        theme=theme,
        sector=sector,
        share=share,
        n=f"{sector_reporting:,}",
        overall=_percent(float(overall[theme])),
    )


def standard_most_at_risk(view: ThemesView) -> str | None:
    """The standard with the most services reporting a high-severity challenge linked to it,
    said to come from the links, not from self-assessment."""
    table = view.standards
    if view.kind != "challenge" or table.empty:
        return None
    first = table.iloc[0]
    high = int(first["of them rated high"])
    if not high:
        return None
    return tn(
        "By the challenges linked to it, the standard most at risk is {standard}: {n} service "
        "reports a high-severity challenge that bears on it (the links, not the owners' "
        "self-assessment).",
        "By the challenges linked to it, the standard most at risk is {standard}: {n} services "
        "report a high-severity challenge that bears on it (the links, not the owners' "
        "self-assessment).",
        high,
        standard=str(first["Standard"]),
        n=f"{high:,}",
    )


def main_points(view: ThemesView) -> list[str]:
    """Three to four sentences; none when no matching service reported a theme of the kind."""
    if not view.reporting:
        return []
    points = [reporting(view), most_reported(view), stands_out(view), standard_most_at_risk(view)]
    return [point for point in points if point]
