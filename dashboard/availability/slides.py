"""The Data availability page's slide for the Present page: the data gaps."""

from __future__ import annotations

from dashboard.availability import figures as availability_figures
from dashboard.availability.tables import AvailabilityView
from dashboard.common.i18n import t
from dashboard.common.slides import Slide, chart_slide


def data_gaps_slide(view: AvailabilityView) -> Slide:
    """What owners said for each metric: a figure, or why there is none."""
    if not view.coverage.answering:
        return Slide(
            "data_gaps",
            t("No matching service has answered the metric questions yet"),
            message=t("Metrics come from the generalist survey; none is in yet."),
        )
    return chart_slide(
        "data_gaps",
        availability_figures.availability_figure(view.by_metric),
        t(
            "{answering} of {services} services answered. Shared systems and contracts often "
            "cannot be split per service, so volumes and cost are the hardest to give.",
            answering=f"{view.coverage.answering:,}",
            services=f"{view.coverage.services:,}",
        ),
    )
