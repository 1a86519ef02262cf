"""Headline metric figures and their change since the previous yearly period, like with like.

A change is worked out only over the services that gave a figure (provided or estimated) in
both periods: a service that reported for the first time, or stopped reporting, never shows
up as change. The line of medians by year (`trend_lines`) follows the services that gave a
figure in every yearly period it draws.

Only yearly periods (12 months) are compared: a quarter's figure is never set beside a year's.
The values are held once per data version as one dense block (metric × service × period),
so a filter only picks rows from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.common.disclosure import THRESHOLD
from dashboard.common.i18n import t, tn
from dashboard.common.metric_periods import period_order
from db.vocabulary import WITH_VALUE, Metric

#: The metric figures the Overview heads with, and whether a fall is the better way.
HEADLINE_METRICS: tuple[str, ...] = (
    Metric.DIGITAL_TAKE_UP.value,
    Metric.COMPLETION_RATE.value,
    Metric.USER_SATISFACTION.value,
    Metric.COST_PER_TRANSACTION.value,
)
PERCENT_METRICS = frozenset(HEADLINE_METRICS[:3])
#: The fewest services a change or a trend line is given for: the disclosure threshold, as
#: for every other figure (a median of fewer would all but give each service's own figure).
MIN_SERVICES = THRESHOLD


@dataclass(frozen=True)
class PeriodValues:
    """Each service's figure per yearly period: `values[m, s, p]` is metric `metrics[m]` of
    service `services[s]` in period `periods[p]` (oldest first), NaN where none was given."""

    periods: tuple[str, ...]
    metrics: tuple[str, ...]
    services: pd.Index
    values: np.ndarray


def period_values(
    answers: pd.DataFrame, services: pd.Index, metrics: tuple[str, ...] = HEADLINE_METRICS
) -> PeriodValues:
    """`answers`: every period's metric answers (service_id, metric, value, availability,
    period, period_months); `services`: the catalogue's service ids, in the filter's order."""
    given = answers["availability"].astype(str).isin({str(a) for a in WITH_VALUE})
    yearly = pd.to_numeric(answers["period_months"].astype(object), errors="coerce") == 12
    rows = answers[
        given.to_numpy()
        & yearly.to_numpy()
        & answers["value"].notna().to_numpy()
        & answers["metric"].astype(str).isin(metrics).to_numpy()
    ]
    labels = pd.Series(pd.unique(rows["period"].astype(str)))
    periods = tuple(labels.iloc[np.argsort(period_order(labels), kind="stable")])
    values = np.full((len(metrics), len(services), len(periods)), np.nan)
    if len(rows):
        metric_at = pd.Index(metrics).get_indexer(pd.Index(rows["metric"].astype(str)))
        service_at = services.get_indexer(pd.Index(rows["service_id"]))
        period_at = pd.Index(periods).get_indexer(pd.Index(rows["period"].astype(str)))
        known = service_at >= 0
        values[metric_at[known], service_at[known], period_at[known]] = rows["value"].to_numpy(
            dtype=float
        )[known]
    return PeriodValues(periods, metrics, services, values)


@dataclass(frozen=True)
class FigureChange:
    """One metric's median now and in the previous period, over the services in both."""

    metric: str
    previous: str
    latest: str
    both: int  # services that gave a figure in both periods
    then: float | None
    now: float | None
    #: the median per period over the services that gave a figure in every period drawn
    trend: tuple[float, ...]
    trend_periods: tuple[str, ...]
    trend_services: int

    @property
    def change(self) -> float | None:
        if self.then is None or self.now is None:
            return None
        return self.now - self.then


def figure_changes(values: PeriodValues, mask: np.ndarray | None = None) -> list[FigureChange]:
    """The change of each headline metric between the last two yearly periods, over the
    services `mask` keeps (all when None) that gave a figure in both; [] with fewer than two
    periods."""
    if len(values.periods) < 2:
        return []
    block = values.values if mask is None else values.values[:, mask, :]
    previous, latest = values.periods[-2], values.periods[-1]
    changes = []
    for position, metric in enumerate(values.metrics):
        rows = block[position]
        both = ~np.isnan(rows[:, -2]) & ~np.isnan(rows[:, -1])
        count = int(both.sum())
        enough = count >= MIN_SERVICES
        every = ~np.isnan(rows).any(axis=1)
        drawn = int(every.sum()) >= MIN_SERVICES and len(values.periods) > 2
        changes.append(
            FigureChange(
                metric=metric,
                previous=previous,
                latest=latest,
                both=count,
                then=float(np.median(rows[both, -2])) if enough else None,
                now=float(np.median(rows[both, -1])) if enough else None,
                trend=tuple(float(v) for v in np.median(rows[every], axis=0)) if drawn else (),
                trend_periods=values.periods if drawn else (),
                trend_services=int(every.sum()) if drawn else 0,
            )
        )
    return changes


def metric_label(metric: str) -> str:
    """The headline tile's label: the median of a metric."""
    return {
        Metric.DIGITAL_TAKE_UP.value: t("Digital take-up (median)"),
        Metric.COMPLETION_RATE.value: t("Completion rate (median)"),
        Metric.USER_SATISFACTION.value: t("User satisfaction (median)"),
        Metric.COST_PER_TRANSACTION.value: t("Cost per transaction (median)"),
    }[metric]


def tile_label(change: FigureChange) -> str:
    """The tile's label with the services behind its figure, on the tile itself:
    "Digital take-up (median), 124 services"."""
    if change.now is None:
        return metric_label(change.metric)
    return tn(
        "{label}, {n} service",
        "{label}, {n} services",
        change.both,
        label=metric_label(change.metric),
        n=f"{change.both:,}",
    )


def figure_value(metric: str, value: float | None) -> str:
    """A median as people read it: "42%" or "£3.20"; a dash where there is none."""
    if value is None:
        return "–"
    if metric in PERCENT_METRICS:
        return f"{value:.0f}%"
    return f"£{value:,.2f}"


def direction(change: FigureChange) -> str:
    """ "up", "down" or "same" (a change that rounds to nothing as shown is the same)."""
    amount = change.change
    if amount is None:
        return ""
    shown = round(amount) if change.metric in PERCENT_METRICS else round(amount, 2)
    return "up" if shown > 0 else "down" if shown < 0 else "same"


def change_words(change: FigureChange) -> str:
    """ "up 6 points since 2023-24", "down £0.40 since 2023-24", "no change since 2023-24";
    "" when too few services gave a figure in both periods."""
    amount = change.change
    if amount is None:
        return ""
    way = direction(change)
    if way == "same":
        return t("no change since {period}", period=change.previous)
    if change.metric in PERCENT_METRICS:
        points = abs(round(amount))
        if way == "up":
            return tn(
                "up {n} point since {period}",
                "up {n} points since {period}",
                points,
                n=points,
                period=change.previous,
            )
        return tn(
            "down {n} point since {period}",
            "down {n} points since {period}",
            points,
            n=points,
            period=change.previous,
        )
    money = f"£{abs(amount):,.2f}"
    if way == "up":
        return t("up {amount} since {period}", amount=money, period=change.previous)
    return t("down {amount} since {period}", amount=money, period=change.previous)


def both_words(change: FigureChange) -> str:
    """What a change counts: "124 services reported in both 2023-24 and 2024-25"."""
    return tn(
        "{n} service reported in both {previous} and {latest}; the median and its change "
        "count only it.",
        "{n} services reported in both {previous} and {latest}; the median and its change "
        "count only these.",
        change.both,
        n=f"{change.both:,}",
        previous=change.previous,
        latest=change.latest,
    )


def trend_words(change: FigureChange) -> str:
    """What the line under "Medians by year" draws for this figure, or "" when there is none."""
    if not change.trend:
        return ""
    return t(
        "Under the figures, Medians by year draws the median in each year from {first} to "
        "{last}, over the {n} services that reported in every one of those years.",
        first=change.trend_periods[0],
        last=change.trend_periods[-1],
        n=f"{change.trend_services:,}",
    )


def too_few_words(change: FigureChange) -> str:
    return t(
        "Fewer than {n} services gave this figure in both {previous} and {latest}, so no "
        "change is shown.",
        n=MIN_SERVICES,
        previous=change.previous,
        latest=change.latest,
    )
