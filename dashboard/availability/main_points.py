"""The Data availability page's main points: three to five plain sentences, worked out from the
current filter, on which figures owners could give, which they could not, and why.

What is missing is a finding in its own right; each sentence says what it counts and of how
many services.
"""

from __future__ import annotations

from dashboard.availability.tables import AvailabilityView, hardest, hardest_finding, main_reason
from dashboard.common.answers import CATEGORIES, category_labels
from dashboard.common.i18n import t, tn
from dashboard.common.names import and_list

#: The answer categories that are a gap with a reason given (not "not applicable").
GAPS = tuple(c for c in CATEGORIES if c.startswith("Not available") or c == "Not collected")


def _percent(share: float) -> str:
    return f"{share:.0%}"


def answering(view: AvailabilityView) -> str:
    coverage = view.coverage
    return tn(
        "{answering} of {n} matching service answered the metric questions; the shares here "
        "are of the services each metric applies to among them.",
        "{answering} of {n} matching services answered the metric questions; the shares here "
        "are of the services each metric applies to among them.",
        coverage.services,
        answering=f"{coverage.answering:,}",
        n=f"{coverage.services:,}",
    )


def commonest_reason(view: AvailabilityView) -> str | None:
    """Why the hardest metric is missing, most often (every reason tied at the top, named)."""
    groups = hardest(view.by_metric)
    if not groups:
        return None
    metric = groups[0][0]
    reason = main_reason(view.by_metric, metric)
    if reason is None:
        return None
    _, share = reason
    row = view.by_metric.loc[metric, list(GAPS)].astype(float)
    labels = category_labels()
    tied = [f"“{labels.get(key, key)}”" for key in GAPS if row[key] == share]
    if len(tied) > 1:
        return t(
            "Where {metric} has no figure, the reasons given are {reasons}, each for {share} of "
            "the services answering.",
            metric=metric.lower(),
            reasons=and_list(tied),
            share=_percent(share),
        )
    return t(
        "The commonest reason there is no figure for {metric} is {reason} ({share} of the "
        "services answering).",
        metric=metric.lower(),
        reason=tied[0],
        share=_percent(share),
    )


def easiest(view: AvailabilityView) -> str | None:
    """The metric (or metrics, tied) owners most often gave a figure for."""
    groups = hardest(view.by_metric)
    if len(groups) < 2:
        return None
    easiest = groups[-1]
    share = _percent(float(view.by_metric["With a figure"].astype(float)[easiest[0]]))
    if len(easiest) > 1:
        return t(
            "The easiest to get are {metrics}: {share} gave a figure for each.",
            metrics=and_list([name.lower() for name in easiest]),
            share=share,
        )
    return t(
        "The easiest to get is {metric}: {share} gave a figure.",
        metric=easiest[0].lower(),
        share=share,
    )


def key_figures_missing(view: AvailabilityView) -> str:
    missing = len(view.missing)
    return tn(
        "{missing} of the {answering} answering service lacks at least one key figure (users, "
        "transactions or cost per transaction): they are listed below with the reason.",
        "{missing} of the {answering} answering services lack at least one key figure (users, "
        "transactions or cost per transaction): they are listed below with the reason.",
        view.coverage.answering,
        missing=f"{missing:,}",
        answering=f"{view.coverage.answering:,}",
    )


def main_points(view: AvailabilityView) -> list[str]:
    """Three to five sentences; none when no matching service has answered."""
    if not view.coverage.answering:
        return []
    points = [
        answering(view),
        hardest_finding(view.by_metric) + ".",
        commonest_reason(view),
        easiest(view),
        key_figures_missing(view),
    ]
    return [point for point in points if point]
