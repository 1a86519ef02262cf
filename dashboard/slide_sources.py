"""Where each kind of slide comes from: the one place the Present page's sequence meets the
other pages' views (plain Python, so the page, the tests and the benchmarks build the same deck).

Each page builds its own slides (dashboard/<page>/slides.py) from its own views; `Inputs` holds
those views for one filter, each worked out only when a slide first asks for it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeAlias, TypeVar

import numpy as np
import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.availability import tables as availability
from dashboard.availability.slides import data_gaps_slide
from dashboard.availability.tables import AvailabilityView
from dashboard.common import queries
from dashboard.common.filters import Memberships
from dashboard.common.service_labels import ServiceLabels
from dashboard.common.slides import Slide
from dashboard.map import figures as map_figures
from dashboard.map.areas import COUNCILS
from dashboard.map.figures import MapView
from dashboard.map.slides import map_slide
from dashboard.overview import slides as overview_slides
from dashboard.overview.journeys import journey_bands
from dashboard.overview.tables import Overview, overview
from dashboard.prioritise import score, weighting
from dashboard.prioritise.by_type import type_ranking
from dashboard.prioritise.slides import priorities_slide, priority_types_slide
from dashboard.themes import owners_words as themes_words
from dashboard.themes import tables as themes_tables
from dashboard.themes.owners_words import OwnersWords
from dashboard.themes.quotes_slide import owners_words_slide
from dashboard.themes.slides import standards_slide
from dashboard.themes.tables import ThemesView
from dashboard.trends.slides import SinceLastRound, since_last_round, since_last_round_slide
from dashboard.trends.states import load_rounds, load_state

#: Bars on a chart slide of the deck: enough for the finding, few enough to read from the back
#: of the room (the page shows fewer on a small screen).
BARS_IN_DECK = 10

T = TypeVar("T")
#: A part of the inputs: the value itself, or a function that works it out when first needed.
Part: TypeAlias = T | Callable[[], T]


class _Lazy(Generic[T]):
    """A part worked out (once) when first asked for."""

    def __init__(self, part: Part[T]) -> None:
        self._part = part
        self._value: T | None = None

    def get(self) -> T:
        if self._value is None:
            part = self._part
            self._value = part() if callable(part) else part
        return self._value

    @property
    def given(self) -> Part[T]:
        return self._part


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
        owners_words: Part[OwnersWords] | None = None,  # every challenge quote, no search
        priority_types: Part[pd.DataFrame] | None = None,  # by_type.type_ranking, all types
        invented: bool = False,  # the data set is invented (its quotes say so)
        map_view: Part[MapView] | None = None,  # councils by the share digital end to end
        since_last_round: Part[SinceLastRound] | None = None,  # the last round against now
    ) -> None:
        self._overview = _Lazy(overview)
        self._challenges = _Lazy(challenges)
        self._availability = _Lazy(availability)
        self._priorities = _Lazy(priorities)
        self._journeys = _Lazy(journeys)
        self._owners_words = _Lazy(owners_words if owners_words is not None else _no_words)
        self._priority_types = _Lazy(priority_types if priority_types is not None else _no_types)
        self._map_view = _Lazy(map_view if map_view is not None else _no_map)
        self._since_last_round = _Lazy(
            since_last_round if since_last_round is not None else _no_rounds
        )
        self.weights = weights
        self.invented = invented

    def replace(self, **changes: Any) -> Inputs:
        """The same inputs with some parts given anew."""
        given: dict[str, Any] = {
            "overview": self._overview.given,
            "challenges": self._challenges.given,
            "availability": self._availability.given,
            "priorities": self._priorities.given,
            "journeys": self._journeys.given,
            "owners_words": self._owners_words.given,
            "priority_types": self._priority_types.given,
            "map_view": self._map_view.given,
            "since_last_round": self._since_last_round.given,
            "weights": self.weights,
            "invented": self.invented,
        }
        return Inputs(**{**given, **changes})

    @property
    def overview(self) -> Overview:
        return self._overview.get()

    @property
    def challenges(self) -> ThemesView:
        return self._challenges.get()

    @property
    def availability(self) -> AvailabilityView:
        return self._availability.get()

    @property
    def priorities(self) -> pd.DataFrame:
        return self._priorities.get()

    @property
    def journeys(self) -> pd.DataFrame:
        return self._journeys.get()

    @property
    def owners_words(self) -> OwnersWords:
        return self._owners_words.get()

    @property
    def priority_types(self) -> pd.DataFrame:
        return self._priority_types.get()

    @property
    def map_view(self) -> MapView:
        return self._map_view.get()

    @property
    def since_last_round(self) -> SinceLastRound:
        return self._since_last_round.get()


def _no_rounds() -> SinceLastRound:
    """One round only: for inputs built without the rounds."""
    return SinceLastRound(
        None, None, None, pd.DataFrame({"code": [], "name_en": [], "name_cy": []})
    )


def _no_types() -> pd.DataFrame:
    """No service types ranked: for inputs built without them."""
    return pd.DataFrame()


def _no_map() -> MapView:
    """No services: for inputs built without the map's view (every council drawn empty)."""
    services = pd.DataFrame(
        {
            "organisation_code": pd.Series([], dtype="category"),
            "organisation_en": [],
            "organisation_cy": [],
            "sector": [],
            "digitisation_level": pd.Series([], dtype="Int8"),
            "is_deep_dive": pd.Series([], dtype=bool),
        }
    )
    empty = pd.DataFrame({"service_id": [], "metric": [], "availability": []})
    inputs = map_figures.service_inputs(
        services,
        empty,
        Memberships(themes=pd.DataFrame({"service_id": [], "theme": [], "kind": []})),
        pd.DataFrame({"service_id": [], "instrument": [], "status": []}),
    )
    return map_figures.map_view(inputs, np.zeros(0, dtype=bool), map_figures.DIGITAL, COUNCILS)


def _no_words() -> OwnersWords:
    """No quotes: for inputs built without the owners' words."""
    return OwnersWords(
        table=pd.DataFrame({column: [] for column in themes_words.QUOTE_COLUMNS}),
        counts=themes_words.QuoteCounts(0, 0, 0),
    )


#: Each kind of slide and how it is built from the inputs, with the most bars it may draw.
KINDS: dict[str, Callable[[Inputs, int], Slide]] = {
    "headline": lambda data, bars: overview_slides.headline_slide(data.overview),
    "levels": lambda data, bars: overview_slides.levels_slide(data.overview),
    "challenges": lambda data, bars: overview_slides.theme_slide(data.overview, "challenge", bars),
    "opportunities": lambda data, bars: overview_slides.theme_slide(
        data.overview, "opportunity", bars
    ),
    "priorities": lambda data, bars: priorities_slide(data.priorities, data.weights, bars),
    "data_gaps": lambda data, bars: data_gaps_slide(data.availability),
    "standards": lambda data, bars: standards_slide(data.challenges, bars),
    "journeys": lambda data, bars: overview_slides.journeys_slide(data.journeys),
    "surveys": lambda data, bars: overview_slides.surveys_slide(data.overview),
    "owners_words": lambda data, bars: owners_words_slide(
        data.challenges, data.owners_words, data.invented
    ),
    "priority_types": lambda data, bars: priority_types_slide(
        data.priority_types, data.weights, bars
    ),
    "map": lambda data, bars: map_slide(data.map_view),
    "since_last_round": lambda data, bars: since_last_round_slide(data.since_last_round),
}


def build_one(key: str, data: Inputs, bars: int = BARS_IN_DECK) -> Slide:
    return KINDS[key](data, bars)


def build(order: Sequence[str], data: Inputs, bars: int = BARS_IN_DECK) -> list[Slide]:
    return [build_one(key, data, bars) for key in order if key in KINDS]


def for_whole_store(engine: Engine) -> Inputs:
    """The inputs for every service in the store, read straight from it with the default
    weights (no filter, no cache): for the tests and the benchmarks."""
    services, members = queries.load_services(engine), queries.load_memberships(engine)
    themes, metrics = queries.load_themes(engine), queries.load_metric_answers(engine)
    parts = score.components(services, metrics, members.themes)
    ranking = score.score(parts, weighting.DEFAULT_WEIGHTS)
    return Inputs(
        overview=overview(
            services, metrics, queries.load_survey_progress(engine), members.themes, themes
        ),
        challenges=themes_tables.build(
            services,
            members.themes,
            themes,
            queries.load_framework(engine),
            queries.load_assessments(engine),
            "challenge",
        ),
        availability=availability.build(services, metrics),
        priorities=score.ranked(ranking, services, parts, top=BARS_IN_DECK),
        priority_types=type_ranking(ranking.table, parts, services, weighting.DEFAULT_WEIGHTS),
        weights=weighting.DEFAULT_WEIGHTS,
        journeys=journey_bands(services),
        owners_words=themes_words.owners_words(
            themes_words.WordsIndex.build(services, themes_words.load_words(engine)),
            ServiceLabels.build(services),
            themes,
            np.ones(len(services), dtype=bool),
            "challenge",
        ),
        invented=queries.dataset_info(engine).is_invented,
        map_view=map_figures.map_view(
            map_figures.service_inputs(
                services, metrics, members, queries.load_survey_progress(engine)
            ),
            np.ones(len(services), dtype=bool),
            map_figures.DIGITAL,
            COUNCILS,
        ),
        since_last_round=since_last_round(
            load_rounds(engine), lambda code: load_state(engine, code), None, themes
        ),
    )
