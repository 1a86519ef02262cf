"""The Challenges and aims page's slide for the Present page: the standards at risk."""

from __future__ import annotations

from dashboard.common.i18n import t
from dashboard.common.slides import Slide, chart_slide
from dashboard.themes import figures as themes_figures
from dashboard.themes.tables import ThemesView


def standards_slide(view: ThemesView, bars: int) -> Slide:
    """The standards most at risk from the challenges the matching services report."""
    if not view.reporting:
        return Slide(
            "standards",
            t("No matching service reported a challenge"),
            message=t("Challenges come from the generalist survey; none is in yet."),
        )
    shown = view.standards.head(bars)
    fig = themes_figures.framework_figure(shown, "Standard", "challenge", "standard")
    if len(shown) < len(view.standards):
        fig.layout.title.subtitle.text = t(
            "The {shown} of {total} standards with the most services reporting a "
            "high-severity linked challenge",
            shown=len(shown),
            total=len(view.standards),
        )
    return chart_slide(
        "standards",
        fig,
        t(
            "Each challenge theme is linked to the Digital Service Standards for Wales it bears "
            "on; a service counts once per standard."
        ),
    )
