"""The Overview's main points: three to five plain sentences, worked out from the current
filter, that answer "where do we stand?" before any chart.

Each sentence names what it counts and how many services stand behind it. A share that the
filter decides by construction (a level range of 0 to 2 holds no service at level 3 or 4) is
said as such, never stated as a finding.
"""

from __future__ import annotations

import pandas as pd

from dashboard.common.filters import Filter
from dashboard.common.i18n import t, tn
from dashboard.overview.headline import Headline
from dashboard.overview.tables import (
    Overview,
    all_levels,
    level_not_recorded,
    services_column,
    survey_finding,
)
from db.vocabulary import END_TO_END_LEVEL

#: A sector is compared with the others only when this many of its services have a level:
#: a share of two services is not a finding.
MIN_SECTOR_SERVICES = 5
#: At most this many points: the ones beyond are in the charts below.
MOST = 5


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.0%}"


def scope_and_level(figures: Headline, flt: Filter) -> str:
    """How many services from how many organisations, and how many are digital end to end:
    of those whose level is known, or said to be decided by the filter."""
    scope = tn(
        "{services} service from {organisations} organisations matches this view.",
        "{services} services from {organisations} organisations match this view.",
        figures.services,
        services=f"{figures.services:,}",
        organisations=f"{figures.organisations:,}",
    )
    if flt.level_not_recorded or not figures.level_known:
        level = t("None of them has a digitisation level recorded.")
    elif flt.level_max < END_TO_END_LEVEL:
        level = t(
            "The filter keeps digitisation levels {low} to {high} only, so none of them is "
            "digital end to end: that follows from the filter, not from the data.",
            low=flt.level_min,
            high=flt.level_max,
        )
    elif flt.level_min >= END_TO_END_LEVEL:
        level = t(
            "The filter keeps digitisation levels {low} to {high} only, so every one with a "
            "known level is digital end to end: that follows from the filter.",
            low=flt.level_min,
            high=flt.level_max,
        )
    else:
        level = tn(
            "{share} of the {known} service whose digitisation level is known is digital end "
            "to end (level 3 or 4).",
            "{share} of the {known} services whose digitisation level is known are digital "
            "end to end (level 3 or 4).",
            figures.level_known,
            share=_percent(figures.digital_end_to_end, figures.level_known),
            known=f"{figures.level_known:,}",
        )
    return f"{scope} {level}"


def sector_contrast(levels: pd.DataFrame, flt: Filter) -> str | None:
    """Which sector is least and which most often digital end to end, among sectors with at
    least MIN_SECTOR_SERVICES services of known level; None when fewer than two compare, or
    when the filter decides the levels."""
    if flt.levels_active or levels.empty:
        return None
    known = levels[all_levels()]
    by_level = levels.drop(columns=[all_levels(), level_not_recorded()])
    end_to_end = by_level.iloc[:, END_TO_END_LEVEL:].sum(axis=1)
    compared = known[known >= MIN_SECTOR_SERVICES]
    if len(compared) < 2:
        return None
    shares = (end_to_end[compared.index] / compared).sort_values(kind="stable")
    low, high = str(shares.index[0]), str(shares.index[-1])
    if shares.iloc[0] == shares.iloc[-1]:
        return None
    return t(
        "By sector, {low} is least often digital end to end ({low_share} of {low_count} "
        "services) and {high} most often ({high_share} of {high_count}).",
        low=low,
        low_share=_percent(int(end_to_end[low]), int(known[low])),
        low_count=f"{int(known[low]):,}",
        high=high,
        high_share=_percent(int(end_to_end[high]), int(known[high])),
        high_count=f"{int(known[high]):,}",
    )


def top_theme(table: pd.DataFrame, reporting: int, kind: str) -> str | None:
    """The theme reported for the most services, of those that reported any of its kind."""
    if table.empty or not reporting:
        return None
    top = table.iloc[0]
    count = int(top[services_column()])
    words = {
        "theme": str(top[t("Theme")]),
        "count": f"{count:,}",
        "reporting": f"{reporting:,}",
        "share": _percent(count, reporting),
    }
    if kind == "challenge":
        return tn(
            "The challenge reported for the most services is {theme}: {count} of the "
            "{reporting} service that reported challenges ({share}).",
            "The challenge reported for the most services is {theme}: {count} of the "
            "{reporting} services that reported challenges ({share}).",
            reporting,
            **words,
        )
    return tn(
        "The aim named for the most services is {theme}: {count} of the {reporting} service "
        "that named aims ({share}).",
        "The aim named for the most services is {theme}: {count} of the {reporting} services "
        "that named aims ({share}).",
        reporting,
        **words,
    )


def what_is_missing(figures: Headline) -> str:
    """The gap as a finding: how many services gave no metrics at all, and how many of the
    metric answers hold a figure."""
    silent = figures.services - figures.services_reporting_metrics
    if not figures.metric_answers_expected:
        return tn(
            "None of the {services} service has reported any metrics: volumes and costs are "
            "missing here.",
            "None of the {services} services has reported any metrics: volumes and costs are "
            "missing here.",
            figures.services,
            services=f"{figures.services:,}",
        )
    return tn(
        "{silent} of {services} service reported no metrics; where owners did answer, "
        "{given} of {expected} metric answers hold a figure ({share}), and the rest say why "
        "not.",
        "{silent} of {services} services reported no metrics; where owners did answer, "
        "{given} of {expected} metric answers hold a figure ({share}), and the rest say why "
        "not.",
        figures.services,
        silent=f"{silent:,}",
        services=f"{figures.services:,}",
        given=f"{figures.metric_answers_with_value:,}",
        expected=f"{figures.metric_answers_expected:,}",
        share=_percent(figures.metric_answers_with_value, figures.metric_answers_expected),
    )


def main_points(model: Overview, flt: Filter) -> list[str]:
    """Three to five sentences for the matching services (none when no service matches)."""
    figures = model.headline
    if not figures.services:
        return []
    points = [
        scope_and_level(figures, flt),
        sector_contrast(model.levels, flt),
        top_theme(model.challenges, model.challenges_reporting, "challenge"),
        what_is_missing(figures),
        top_theme(model.opportunities, model.opportunities_reporting, "opportunity"),
    ]
    if figures.deep_dives_planned:
        points.append(survey_finding(model.progress) + ".")
    return [point for point in points if point][:MOST]
