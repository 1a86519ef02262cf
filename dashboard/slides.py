"""The show-and-tell sequence: one idea per slide, built from the same tables as the pages.

Plain Python: the Present page shows these slides one at a time, and dashboard.deck writes the
same list into a PPTX and a PDF.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import plotly.graph_objects as go

from dashboard import insight_figures, overview_figures
from dashboard.availability import AvailabilityView
from dashboard.landscape import Overview
from dashboard.themes_insight import ThemesView


@dataclass(frozen=True)
class Slide:
    key: str
    title: str  # the finding, in words
    figure: go.Figure | None = None
    facts: list[tuple[str, str]] = field(default_factory=list)  # label, value: native text
    notes: str = ""


@dataclass(frozen=True)
class Inputs:
    """Everything the slides draw on, for one filter (built by the page from cached views)."""

    overview: Overview
    challenges: ThemesView
    availability: AvailabilityView
    priorities: object  # pandas frame: top of the ranking (dashboard.prioritise.ranked)
    weights: dict[str, int]


@dataclass(frozen=True)
class Meta:
    """What every slide carries at its foot, and the title slide says."""

    filter_summary: list[str]
    source: str
    when: datetime
    invented: bool

    @property
    def filter_line(self) -> str:
        return "Filter: " + (
            "; ".join(self.filter_summary) if self.filter_summary else "none (all services)"
        )

    @property
    def footer(self) -> list[str]:
        return [self.filter_line, f"{self.source} · {self.when:%d %B %Y}"]


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _headline(data: Inputs) -> Slide:
    figures = data.overview.headline
    return Slide(
        "headline",
        f"{figures.services:,} services from {figures.organisations:,} organisations",
        facts=[
            ("Services", f"{figures.services:,}"),
            ("Organisations", f"{figures.organisations:,}"),
            (
                "Deep dives surveyed",
                f"{figures.deep_dives_surveyed} of {figures.deep_dives_planned}",
            ),
            ("Digital end to end", _percent(figures.share_end_to_end)),
            ("Metrics with a figure", _percent(figures.share_metrics_with_value)),
        ],
        notes=(
            f"{figures.services_reporting_metrics:,} of the services reported metrics. "
            + (
                f"The services hold {figures.journeys:,} journeys between them; every figure "
                "counts a service once."
                if figures.journeys
                else "Every figure counts a service once."
            )
        ),
    )


def _levels(data: Inputs) -> Slide:
    fig = overview_figures.sector_level_figure(data.overview.levels)
    return Slide(
        "levels",
        fig.layout.title.text,
        fig,
        notes="Digitisation levels: 0 not digital, 1 information online, 2 partly digital, "
        "3 digital end to end, 4 digital by default and joined up.",
    )


def _challenges(data: Inputs) -> Slide:
    model = data.overview
    fig = overview_figures.theme_figure(model.challenges, "challenge", model.challenges_reporting)
    return Slide(
        "challenges",
        fig.layout.title.text,
        fig,
        notes=f"Of {model.challenges_reporting:,} services whose owners reported challenges.",
    )


def _opportunities(data: Inputs) -> Slide:
    model = data.overview
    fig = overview_figures.theme_figure(
        model.opportunities, "opportunity", model.opportunities_reporting
    )
    return Slide(
        "opportunities",
        fig.layout.title.text,
        fig,
        notes=f"Of {model.opportunities_reporting:,} services whose owners named aims.",
    )


def _priorities(data: Inputs) -> Slide:
    top = data.priorities
    if getattr(top, "empty", True):
        return Slide("priorities", "No service could be ranked for this filter")
    fig = insight_figures.priority_figure(top, data.weights)
    weights = ", ".join(f"{name.lower()} {value}" for name, value in data.weights.items())
    return Slide(
        "priorities",
        fig.layout.title.text,
        fig,
        notes=f"Weights: {weights}. Missing figures are estimated from the median, never zero.",
    )


def _data_gaps(data: Inputs) -> Slide:
    view = data.availability
    if not view.coverage.answering:
        return Slide("data_gaps", "No matching service has answered the metric questions yet")
    fig = insight_figures.availability_figure(view.by_metric)
    return Slide(
        "data_gaps",
        fig.layout.title.text,
        fig,
        notes=f"{view.coverage.answering:,} of {view.coverage.services:,} services answered. "
        "Shared systems and contracts often cannot be split per service.",
    )


def _standards(data: Inputs) -> Slide:
    view = data.challenges
    if not view.reporting:
        return Slide("standards", "No matching service reported a challenge")
    fig = insight_figures.framework_figure(view.standards, "Standard", "challenge", "standard")
    return Slide(
        "standards",
        fig.layout.title.text,
        fig,
        notes="Each challenge theme is linked to the Digital Service Standards for Wales it "
        "bears on; a service counts once per standard.",
    )


def _surveys(data: Inputs) -> Slide:
    fig = overview_figures.survey_figure(data.overview.progress)
    return Slide("surveys", fig.layout.title.text, fig)


@dataclass(frozen=True)
class SlideKind:
    key: str
    name: str
    build: Callable[[Inputs], Slide]


KINDS = (
    SlideKind("headline", "Headline figures", _headline),
    SlideKind("levels", "Digitisation by sector", _levels),
    SlideKind("challenges", "Top challenges", _challenges),
    SlideKind("opportunities", "Top aims and opportunities", _opportunities),
    SlideKind("priorities", "Top priorities", _priorities),
    SlideKind("data_gaps", "Data gaps", _data_gaps),
    SlideKind("standards", "Standards at risk", _standards),
    SlideKind("surveys", "Survey progress", _surveys),
)
BY_KEY = {kind.key: kind for kind in KINDS}
DEFAULT_ORDER = tuple(kind.key for kind in KINDS)


def parse_order(text: str | Sequence[str] | None) -> list[str]:
    """Slide keys from a URL value ("levels,priorities"), unknown and repeated ones dropped."""
    if text is None:
        return list(DEFAULT_ORDER)
    items = [text] if isinstance(text, str) else list(text)
    keys = [part.strip() for item in items for part in item.split(",")]
    chosen = [key for key in dict.fromkeys(keys) if key in BY_KEY]
    return chosen


def build(order: Sequence[str], data: Inputs) -> list[Slide]:
    return [BY_KEY[key].build(data) for key in order if key in BY_KEY]
