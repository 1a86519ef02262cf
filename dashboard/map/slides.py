"""The Map page's slide for the Present page: Wales coloured by digitisation."""

from __future__ import annotations

from dashboard.common.i18n import t
from dashboard.common.slides import Slide, chart_slide
from dashboard.map.charts import map_figure
from dashboard.map.figures import MapView
from dashboard.map.main_points import main_points


def map_slide(view: MapView) -> Slide:
    """The councils coloured by the share of services digital end to end; the main points are
    the speaker's notes."""
    if not int(view.areas["services"].sum()):
        return Slide(
            "map",
            t("No matching service belongs to a council"),
            message=t("Widen the filter to draw Wales's councils."),
        )
    return chart_slide("map", map_figure(view), " ".join(main_points(view)))
