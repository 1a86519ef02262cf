"""The show-and-tell sequence: which slides, in what order, and what every slide carries.

The slides themselves come from the pages (dashboard.slide_sources puts them together); every
word is in the language of the run (dashboard.common.i18n), so a deck built inside
`using("cy")` is Welsh from the title slide to the footers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date

from dashboard.common.i18n import LANGUAGES, WELSH, language, t, using

#: Every kind of slide, in the standard order.
DEFAULT_ORDER = (
    "headline",
    "levels",
    "challenges",
    "opportunities",
    "priorities",
    "data_gaps",
    "standards",
    "journeys",
    "surveys",
)
#: Slides a presenter may add, left out of the standard sequence: quotes read best when the
#: presenter chooses to show them; the map of Wales when places matter to the room; service
#: types ranked as one when the talk is about joining up; what changed since the last survey
#: round when the room asks about progress.
OPTIONAL = ("map", "owners_words", "priority_types", "since_last_round")
#: Every kind of slide that can be chosen, in the order the choice offers them.
ALL_KINDS = DEFAULT_ORDER + OPTIONAL


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
        "owners_words": t("In owners' words (quotes)"),
        "priority_types": t("Top service types"),
        "map": t("Map of Wales"),
        "since_last_round": t("Since the last round"),
    }
    return names[key]


def key_of(value: str) -> str | None:
    """The slide key for a key, or for a kind's name in either language (a widget may hand
    back the label it showed, in the language it was showing)."""
    if value in ALL_KINDS:
        return value
    for lang in LANGUAGES:
        with using(lang):
            for key in ALL_KINDS:
                if kind_name(key) == value:
                    return key
    return None


def parse_order(text: str | Sequence[str] | None) -> list[str]:
    """Slide keys from a URL value ("levels,priorities"), unknown and repeated ones dropped."""
    if text is None:
        return list(DEFAULT_ORDER)
    items = [text] if isinstance(text, str) else list(text)
    keys = [part.strip() for item in items for part in item.split(",")]
    return [key for key in dict.fromkeys(keys) if key in ALL_KINDS]


def move(order: Sequence[str], key: str, step: int) -> list[str]:
    """`order` with `key` moved `step` places (-1 up, +1 down), stopping at either end."""
    moved = list(order)
    if key not in moved:
        return moved
    here = moved.index(key)
    there = max(0, min(len(moved) - 1, here + step))
    moved.insert(there, moved.pop(here))
    return moved


#: The link's parameters: the chosen slides in order (`?slides=levels,priorities`, not written
#: for the standard sequence) and the slide shown, from 1 (`&slide=2`).
SLIDES_PARAM, SLIDE_PARAM = "slides", "slide"


def from_link(params: Mapping[str, Sequence[str]]) -> tuple[list[str], int]:
    """The slides, in order, and the position of the one shown (from 0) a link gives."""
    raw = params.get(SLIDES_PARAM) or []
    order = parse_order(raw) if raw else list(DEFAULT_ORDER)
    try:
        index = max(1, int((params.get(SLIDE_PARAM) or ["1"])[0])) - 1
    except ValueError:
        index = 0
    return order, index


def to_link(order: Sequence[str], index: int | None) -> dict[str, list[str]]:
    """The link's parameters for the slides and the one shown (none shown: no slide number)."""
    params = {} if list(order) == list(DEFAULT_ORDER) else {SLIDES_PARAM: [",".join(order)]}
    if index is not None:
        params[SLIDE_PARAM] = [str(index + 1)]
    return params
