"""The Prioritise page's slide for the Present page: the top of the ranking."""

from __future__ import annotations

import pandas as pd

from dashboard.common.i18n import t
from dashboard.common.slides import Slide, chart_slide
from dashboard.prioritise import by_type
from dashboard.prioritise import figures as priority_figures


def priorities_slide(top: pd.DataFrame, weights: dict[str, int], bars: int) -> Slide:
    """The top of the ranking (`score.ranked`), each bar split into its weighted parts.

    `top.attrs["ranked"]`, where the store put it, is how many services the whole ranking
    holds, so a slide that shows fewer bars says "10 of 143 ranked services shown"."""
    if top.empty:
        return Slide(
            "priorities",
            t("No service could be ranked for this filter"),
            message=t(
                "A score needs at least one weighted part. Widen the filter, or raise a weight "
                "on the Prioritise page."
            ),
        )
    return chart_slide(
        "priorities",
        priority_figures.priority_figure(top.head(bars), weights, ranked=top.attrs.get("ranked")),
        t(
            "Each bar splits a service's score into its weighted parts; the weights are in "
            "the link and on the Prioritise page. A missing figure is estimated from the "
            "median, never counted as zero."
        ),
    )


def priority_types_slide(types: pd.DataFrame, weights: dict[str, int], bars: int) -> Slide:
    """Service types ranked as one (`by_type.type_ranking`), each bar split into its weighted
    parts, with how many organisations and services each covers."""
    if types.empty:
        return Slide(
            "priority_types",
            t("No ranked service has a service type recorded"),
            message=t(
                "Types are ranked from their services' parts. Record service types through "
                "the Data page, or widen the filter."
            ),
        )
    return chart_slide(
        "priority_types",
        priority_figures.priority_figure(
            by_type.chart_rows(types.head(bars), weights), weights, ranked=len(types), types=True
        ),
        t(
            "A type is the same service run by many organisations, ranked as one: each part is "
            "the median of its services' parts, and its reach is added across them (a person "
            "using two services counts twice)."
        ),
    )
