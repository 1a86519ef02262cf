"""The show-and-tell sequence: one idea per slide, built from the same tables as the pages.

Plain Python: the Present page shows these slides one at a time, and dashboard.deck writes the
same list into a PPTX and a PDF. Every word is in the language of the run (dashboard.i18n), so a
deck built inside `using("cy")` is Welsh from the title slide to the footers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import pandas as pd
import plotly.graph_objects as go
from babel.dates import format_date

from dashboard import insight_figures, overview_figures
from dashboard.availability import AvailabilityView
from dashboard.charts import SEQUENTIAL, stacked_bars
from dashboard.i18n import LANGUAGES, WELSH, language, t, term, tn, using
from dashboard.landscape import Overview
from dashboard.themes_insight import ThemesView
from db.vocabulary import SECTORS

#: Bars on a chart slide of the deck: enough for the finding, few enough to read from the back
#: of the room (the page shows fewer on a small screen).
BARS_IN_DECK = 10

T = TypeVar("T")
#: A part of the inputs: the value itself, or a function that works it out when first needed.
Part = T | Callable[[], T]


@dataclass(frozen=True)
class Fact:
    """A figure shown as large native text, with what it rests on."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Slide:
    key: str
    title: str  # the finding, in plain words: no markup, on one line (wrapped where shown)
    figure: go.Figure | None = None
    facts: list[Fact] = field(default_factory=list)
    message: str = ""  # why there is nothing to draw, when there is nothing
    notes: str = ""


class Inputs:
    """Everything the slides draw on, for one filter (built by the page from cached views).

    Each part is given as its value or as a function that works it out. The page shows one
    slide at a time, so a part is worked out only when a slide first asks for it: a filter no
    one has asked for before costs the views of the slide on screen, not of every slide.
    """

    def __init__(
        self,
        *,
        overview: Part[Overview],
        challenges: Part[ThemesView],
        availability: Part[AvailabilityView],
        priorities: Part[pd.DataFrame],  # top of the ranking (dashboard.prioritise.ranked)
        weights: dict[str, int],
        journeys: Part[pd.DataFrame],  # journey_bands() of the matching services
    ) -> None:
        self._parts: dict[str, Any] = {
            "overview": overview,
            "challenges": challenges,
            "availability": availability,
            "priorities": priorities,
            "journeys": journeys,
        }
        self.weights = weights

    def replace(self, **changes: Any) -> Inputs:
        """The same inputs with some parts given anew."""
        return Inputs(**{**self._parts, "weights": self.weights, **changes})

    def _part(self, name: str) -> Any:
        part = self._parts[name]
        if callable(part):
            part = self._parts[name] = part()
        return part

    @property
    def overview(self) -> Overview:
        return self._part("overview")

    @property
    def challenges(self) -> ThemesView:
        return self._part("challenges")

    @property
    def availability(self) -> AvailabilityView:
        return self._part("availability")

    @property
    def priorities(self) -> pd.DataFrame:
        return self._part("priorities")

    @property
    def journeys(self) -> pd.DataFrame:
        return self._part("journeys")


def long_date(when: datetime) -> str:
    """ "25 November 2026" / "25 Tachwedd 2026", in the language of the run."""
    return format_date(when, "d MMMM y", locale="cy" if language() == WELSH else "en_GB")


@dataclass(frozen=True)
class Meta:
    """What every slide carries at its foot, and the title slide says."""

    filter_summary: list[str]
    source: str
    made: datetime  # when the slides were made
    data_loaded: datetime | None  # when the data set was loaded (DatasetInfo.loaded_at)
    invented: bool

    @property
    def filter_line(self) -> str:
        if not self.filter_summary:
            return t("Filter: none (all services)")
        return t("Filter: {filter}", filter="; ".join(self.filter_summary))

    @property
    def dates_line(self) -> str:
        if self.data_loaded is None:
            return t("Slides made {made}", made=long_date(self.made))
        return t(
            "Data loaded {loaded} · slides made {made}",
            loaded=long_date(self.data_loaded),
            made=long_date(self.made),
        )

    @property
    def footer(self) -> list[str]:
        return [self.filter_line, f"{self.source} · {self.dates_line}"]


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


def _headline(data: Inputs, bars: int) -> Slide:
    figures = data.overview.headline
    # the scope is the title; the tiles below are what it holds, each with its coverage
    title = tn("{n} service", "{n} services", figures.services, n=f"{figures.services:,}")
    title += " " + tn(
        "from {n} organisation",
        "from {n} organisations",
        figures.organisations,
        n=f"{figures.organisations:,}",
    )
    facts = [
        Fact(
            t("Digital end to end"),
            _percent(figures.share_end_to_end),
            t(
                "{count} of {total} services at level 3 or 4",
                count=f"{figures.digital_end_to_end:,}",
                total=f"{figures.services:,}",
            ),
        ),
        Fact(
            t("Metrics with a figure"),
            _percent(figures.share_metrics_with_value),
            t(
                "{count} of {total} answers, from {services} services",
                count=f"{figures.metric_answers_with_value:,}",
                total=f"{figures.metric_answers_expected:,}",
                services=f"{figures.services_reporting_metrics:,}",
            ),
        ),
        Fact(
            t("Deep dives surveyed"),
            t(
                "{count} of {total}",
                count=f"{figures.deep_dives_surveyed:,}",
                total=f"{figures.deep_dives_planned:,}",
            ),
            t("generalist survey submitted"),
        ),
        Fact(
            t("Journeys"),
            f"{figures.journeys:,}",
            t(
                "held by {count} services; each service counts once",
                count=f"{figures.services_with_journeys:,}",
            ),
        ),
    ]
    return Slide(
        "headline",
        title,
        facts=facts,
        notes=t(
            "Every figure counts a service once, however many journeys it holds. Metrics are "
            "users, transactions, digital take-up, completion rate, cost per transaction and "
            "satisfaction; an estimate counts as a figure."
        ),
    )


_TAG = re.compile(r"<[^>]*>")


def plain_title(text: str | None) -> str:
    """A chart's title or subtitle as plain words: plotly's line breaks (`<br>`) and any other
    tags become spaces and its escaped characters (`&amp;`) the characters themselves. Slide
    titles, the PPTX and PDF and alt text take this; the chart image keeps its own wrapping."""
    return " ".join(html.unescape(_TAG.sub(" ", text or "")).split())


def _chart(key: str, fig: go.Figure, notes: str = "") -> Slide:
    return Slide(key, plain_title(fig.layout.title.text), fig, notes=notes)


def _levels(data: Inputs, bars: int) -> Slide:
    return _chart(
        "levels",
        overview_figures.sector_level_figure(data.overview.levels),
        t(
            "Digitisation levels: 0 not digital, 1 information online, 2 partly digital, "
            "3 digital end to end, 4 digital by default and joined up."
        ),
    )


def _challenges(data: Inputs, bars: int) -> Slide:
    model = data.overview
    if model.challenges.empty or not model.challenges_reporting:
        return Slide(
            "challenges",
            t("No matching service reported a challenge"),
            message=t("Challenges come from the generalist survey; none is in yet."),
        )
    fig = overview_figures.theme_figure(
        model.challenges.head(bars), "challenge", model.challenges_reporting
    )
    return _chart(
        "challenges",
        fig,
        t(
            "Of {count} services whose owners reported challenges; a service counts once per "
            "challenge.",
            count=f"{model.challenges_reporting:,}",
        ),
    )


def _opportunities(data: Inputs, bars: int) -> Slide:
    model = data.overview
    if model.opportunities.empty or not model.opportunities_reporting:
        return Slide(
            "opportunities",
            t("No matching service named an aim or opportunity"),
            message=t("Aims come from the generalist survey; none is in yet."),
        )
    fig = overview_figures.theme_figure(
        model.opportunities.head(bars), "opportunity", model.opportunities_reporting
    )
    return _chart(
        "opportunities",
        fig,
        t(
            "Of {count} services whose owners named aims; a service counts once per aim.",
            count=f"{model.opportunities_reporting:,}",
        ),
    )


def _priorities(data: Inputs, bars: int) -> Slide:
    top = data.priorities
    if top.empty:
        return Slide(
            "priorities",
            t("No service could be ranked for this filter"),
            message=t(
                "A score needs at least one weighted part. Widen the filter, or raise a weight "
                "on the Prioritise page."
            ),
        )
    return _chart(
        "priorities",
        insight_figures.priority_figure(top.head(bars), data.weights),
        t(
            "Each bar splits a service's score into its weighted parts; the weights are in "
            "the link and on the Prioritise page. A missing figure is estimated from the "
            "median, never counted as zero."
        ),
    )


def _data_gaps(data: Inputs, bars: int) -> Slide:
    view = data.availability
    if not view.coverage.answering:
        return Slide(
            "data_gaps",
            t("No matching service has answered the metric questions yet"),
            message=t("Metrics come from the generalist survey; none is in yet."),
        )
    return _chart(
        "data_gaps",
        insight_figures.availability_figure(view.by_metric),
        t(
            "{answering} of {services} services answered. Shared systems and contracts often "
            "cannot be split per service, so volumes and cost are the hardest to give.",
            answering=f"{view.coverage.answering:,}",
            services=f"{view.coverage.services:,}",
        ),
    )


def _standards(data: Inputs, bars: int) -> Slide:
    view = data.challenges
    if not view.reporting:
        return Slide(
            "standards",
            t("No matching service reported a challenge"),
            message=t("Challenges come from the generalist survey; none is in yet."),
        )
    shown = view.standards.head(bars)
    fig = insight_figures.framework_figure(shown, "Standard", "challenge", "standard")
    if len(shown) < len(view.standards):
        fig.layout.title.subtitle.text = t(
            "The {shown} of {total} standards with the most services reporting a "
            "high-severity linked challenge",
            shown=len(shown),
            total=len(view.standards),
        )
    return _chart(
        "standards",
        fig,
        t(
            "Each challenge theme is linked to the Digital Service Standards for Wales it bears "
            "on; a service counts once per standard."
        ),
    )


#: How many journeys the service holding a journey has: the fan-out of one user need.
JOURNEY_BANDS = ("one", "few", "many")


def journey_bands(services: pd.DataFrame) -> pd.DataFrame:
    """Journeys by sector (codes, in the vocabulary's order), split by how many journeys the
    service that holds them has (one, 2 to 9, 10 or more); with each sector's services that
    hold journeys and the largest count held by one service."""
    held = services.loc[services["journeys"] > 0, ["sector", "journeys"]]
    counts = held["journeys"]
    band = pd.cut(counts, [0, 1, 9, float("inf")], labels=list(JOURNEY_BANDS))
    sectors = [s.code for s in SECTORS]
    sector = held["sector"].astype(str)
    table = counts.groupby([sector, band], observed=False).sum().unstack(fill_value=0)
    table = table.reindex(index=sectors, columns=list(JOURNEY_BANDS), fill_value=0)
    table["services"] = counts.groupby(sector).size().reindex(sectors, fill_value=0)
    table["most"] = counts.groupby(sector).max().reindex(sectors, fill_value=0)
    table.columns.name = None
    return table.fillna(0).astype(int)


def _journeys(data: Inputs, bars: int) -> Slide:
    table = data.journeys[data.journeys["services"] > 0]
    if table.empty:
        return Slide(
            "journeys",
            t("No matching service has journeys recorded"),
            message=t("Journeys are counted where an owner has listed them."),
        )
    journeys = table[list(JOURNEY_BANDS)].sum(axis=1)
    leader = journeys.idxmax()
    title = t(
        "{sector}: {services} services hold {journeys} of the {total} journeys, up to {most} "
        "for one service",
        sector=term(SECTORS, leader),
        services=f"{int(table.loc[leader, 'services']):,}",
        journeys=f"{int(journeys[leader]):,}",
        total=f"{int(journeys.sum()):,}",
        most=f"{int(table.loc[leader, 'most']):,}",
    )
    bands = pd.DataFrame(
        {
            t("From a service with one journey"): table["one"].to_numpy(),
            t("From services with 2 to 9"): table["few"].to_numpy(),
            t("From services with 10 or more"): table["many"].to_numpy(),
        },
        index=[term(SECTORS, code) for code in table.index],
    )
    fig = stacked_bars(
        bands,
        title,
        colours=SEQUENTIAL[2:],
        x_title=t("Journeys"),
        subtitle=t("Journeys by sector, split by how many journeys the service holding them has"),
    )
    return _chart(
        "journeys",
        fig,
        t(
            "One user need can fan out into many journeys, above all in health. Every other "
            "figure counts a service once, however many journeys it holds."
        ),
    )


def _surveys(data: Inputs, bars: int) -> Slide:
    return _chart("surveys", overview_figures.survey_figure(data.overview.progress))


@dataclass(frozen=True)
class SlideKind:
    key: str
    build: Callable[[Inputs, int], Slide]

    @property
    def name(self) -> str:
        return kind_name(self.key)


def kind_name(key: str) -> str:
    """The name of a kind of slide, for the page's controls, in the language of the run."""
    names = {
        "headline": t("Headline figures"),
        "levels": t("Digitisation by sector"),
        "challenges": t("Top challenges"),
        "opportunities": t("Top aims and opportunities"),
        "priorities": t("Top priorities"),
        "data_gaps": t("Data gaps"),
        "standards": t("Standards at risk"),
        "journeys": t("Journeys"),
        "surveys": t("Survey progress"),
    }
    return names[key]


def key_of(value: str) -> str | None:
    """The slide key for a key, or for a kind's name in either language (a widget may hand
    back the label it showed, in the language it was showing)."""
    if value in BY_KEY:
        return value
    for lang in LANGUAGES:
        with using(lang):
            for key in BY_KEY:
                if kind_name(key) == value:
                    return key
    return None


KINDS = (
    SlideKind("headline", _headline),
    SlideKind("levels", _levels),
    SlideKind("challenges", _challenges),
    SlideKind("opportunities", _opportunities),
    SlideKind("priorities", _priorities),
    SlideKind("data_gaps", _data_gaps),
    SlideKind("standards", _standards),
    SlideKind("journeys", _journeys),
    SlideKind("surveys", _surveys),
)
BY_KEY = {kind.key: kind for kind in KINDS}
DEFAULT_ORDER = tuple(kind.key for kind in KINDS)


def parse_order(text: str | Sequence[str] | None) -> list[str]:
    """Slide keys from a URL value ("levels,priorities"), unknown and repeated ones dropped."""
    if text is None:
        return list(DEFAULT_ORDER)
    items = [text] if isinstance(text, str) else list(text)
    keys = [part.strip() for item in items for part in item.split(",")]
    return [key for key in dict.fromkeys(keys) if key in BY_KEY]


def move(order: Sequence[str], key: str, step: int) -> list[str]:
    """`order` with `key` moved `step` places (-1 up, +1 down), stopping at either end."""
    moved = list(order)
    if key not in moved:
        return moved
    here = moved.index(key)
    there = max(0, min(len(moved) - 1, here + step))
    moved.insert(there, moved.pop(here))
    return moved


def chart_table(figure: go.Figure) -> pd.DataFrame:
    """The figures a bar chart draws, one row per bar and a column per part: the chart's text
    alternative, in the chart's own words."""
    rows: dict[str, dict[str, object]] = {}
    for trace in figure.data:
        for label, value in zip(trace.y or (), trace.x or (), strict=False):
            rows.setdefault(str(label), {})[str(trace.name or "")] = value
    return pd.DataFrame.from_dict(rows, orient="index")


def build_one(key: str, data: Inputs, bars: int = BARS_IN_DECK) -> Slide:
    return BY_KEY[key].build(data, bars)


def build(order: Sequence[str], data: Inputs, bars: int = BARS_IN_DECK) -> list[Slide]:
    return [build_one(key, data, bars) for key in order if key in BY_KEY]
