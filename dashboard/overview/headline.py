"""Headline figures for a set of services, each with the coverage it rests on."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.common.figure_words import percent
from dashboard.common.i18n import t, tn
from dashboard.common.not_recorded import coverage_line, known_count
from db.vocabulary import END_TO_END_LEVEL, WITH_VALUE


@dataclass(frozen=True)
class Headline:
    services: int
    organisations: int
    deep_dives_planned: int
    deep_dives_surveyed: int  # generalist survey submitted
    digital_end_to_end: int  # services at level 3 or 4
    level_known: int  # services whose digitisation level is recorded (the share's base)
    metric_answers_expected: int  # 6 metrics x services whose owners reported metrics
    metric_answers_with_value: int  # provided or estimated
    services_reporting_metrics: int
    journeys: int  # journeys held by these services (a service counts once elsewhere)
    services_with_journeys: int

    @property
    def share_end_to_end(self) -> float | None:
        """Of the services whose level is known: a level not recorded is never counted as
        below 3."""
        return self.digital_end_to_end / self.level_known if self.level_known else None

    @property
    def share_metrics_with_value(self) -> float | None:
        if not self.metric_answers_expected:
            return None
        return self.metric_answers_with_value / self.metric_answers_expected


def headline(services: pd.DataFrame, metrics: pd.DataFrame, surveys: pd.DataFrame) -> Headline:
    """Figures for the services in `services` (already filtered); other frames are narrowed here."""
    ids = services.index
    metrics = metrics[metrics["service_id"].isin(ids)]
    deep = services[services["is_deep_dive"]]
    generalist = surveys[
        (surveys["instrument"] == "generalist") & surveys["service_id"].isin(deep.index)
    ]
    return Headline(
        services=len(services),
        organisations=int(services["organisation_id"].nunique()),
        deep_dives_planned=len(deep),
        deep_dives_surveyed=int((generalist["status"] == "submitted").sum()),
        digital_end_to_end=int(
            (services["digitisation_level"] >= END_TO_END_LEVEL).fillna(False).sum()
        ),
        level_known=known_count(services["digitisation_level"]),
        metric_answers_expected=len(metrics),
        metric_answers_with_value=int(metrics["availability"].isin(list(WITH_VALUE)).sum()),
        services_reporting_metrics=int(metrics["service_id"].nunique()),
        journeys=int(services["journeys"].sum()) if "journeys" in services else 0,
        services_with_journeys=int((services["journeys"] > 0).sum())
        if "journeys" in services
        else 0,
    )


def end_to_end_by_filter(low: int, high: int) -> str:
    """When the filter's digitisation levels (`low` to `high`) decide the share digital end to
    end by themselves (0% when it keeps levels below 3 only, 100% when it keeps 3 and 4 only),
    the sentence that says so instead of the share; "" when the share is a finding."""
    if high < END_TO_END_LEVEL:
        return t(
            "The filter keeps digitisation levels {low} to {high} only, so it leaves out the "
            "services at level 3 or 4 (digital end to end).",
            low=low,
            high=high,
        )
    if low >= END_TO_END_LEVEL:
        return t(
            "The filter keeps digitisation levels {low} to {high} only, so every service shown "
            "is digital end to end by the filter's choice.",
            low=low,
            high=high,
        )
    return ""


def end_to_end_value(figures: Headline, low: int, high: int) -> str:
    """The "Digital end to end" tile's value: the share, or what the filter did to it."""
    if high < END_TO_END_LEVEL:
        return t("Left out by the filter")
    if low >= END_TO_END_LEVEL:
        return t("All, by the filter")
    return percent(figures.share_end_to_end)


def end_to_end_help(figures: Headline) -> str:
    """What the "Digital end to end" share counts: of the services whose level is known."""
    text = t(
        "{count} of {services} services are at digitisation level 3 (digital end to end) "
        "or 4 (digital by default, joined up).",
        count=f"{figures.digital_end_to_end:,}",
        services=f"{figures.level_known:,}",
    )
    missing = figures.services - figures.level_known
    if missing:
        text += " " + tn(
            "{n} service has no level recorded and is left out of the share.",
            "{n} services have no level recorded and are left out of the share.",
            missing,
            n=f"{missing:,}",
        )
    return text


def coverage_note(figures: Headline) -> str:
    """Under the headline figures: how many services reported metrics, how many have a
    digitisation level recorded (when some have not), and that every figure counts a service
    once however many journeys it holds."""
    coverage = t(
        "Metric coverage: {reporting} of {services} services reported any metrics.",
        reporting=f"{figures.services_reporting_metrics:,}",
        services=f"{figures.services:,}",
    )
    if figures.level_known < figures.services:
        level = coverage_line(t("Digitisation level"), figures.level_known, figures.services)
        coverage = f"{coverage} {t('{coverage}.', coverage=level)}"
    if figures.journeys:
        counting = tn(
            "{holders} of these services hold {count} separate journey between them (one "
            "user need can fan out into many, as in health); every figure on this page "
            "counts a service once.",
            "{holders} of these services hold {count} separate journeys between them (one "
            "user need can fan out into many, as in health); every figure on this page "
            "counts a service once.",
            figures.journeys,
            holders=f"{figures.services_with_journeys:,}",
            count=f"{figures.journeys:,}",
        )
    else:
        counting = t("Every figure on this page counts a service once.")
    return f"{coverage} {counting}"
