"""A slide: one idea, as a finding in words with a chart or a few large figures.

Each page builds its own slides from its own views (dashboard/<page>/slides.py); the Present
page shows them one at a time and dashboard.present.deck writes them into a PPTX and a PDF.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go


@dataclass(frozen=True)
class Fact:
    """A figure shown as large native text, with what it rests on."""

    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Quote:
    """An owner's words on a slide, as text (never markup), with whose they are."""

    text: str  # as written, or shortened at a word boundary and ending in "…"
    who: str  # the service and organisation, and where the words came from
    shortened: bool = False


@dataclass(frozen=True)
class Slide:
    key: str
    title: str  # the finding, in plain words: no markup, on one line (wrapped where shown)
    figure: go.Figure | None = None
    facts: list[Fact] = field(default_factory=list)
    message: str = ""  # why there is nothing to draw, when there is nothing
    notes: str = ""
    quotes: list[Quote] = field(default_factory=list)
    caption: str = ""  # under the quotes: how many, shortened, invented


_TAG = re.compile(r"<[^>]*>")


def plain_title(text: str | None) -> str:
    """A chart's title or subtitle as plain words: plotly's line breaks (`<br>`) and any other
    tags become spaces and its escaped characters (`&amp;`) the characters themselves. Slide
    titles, the PPTX and PDF and alt text take this; the chart image keeps its own wrapping."""
    return " ".join(html.unescape(_TAG.sub(" ", text or "")).split())


def chart_slide(key: str, fig: go.Figure, notes: str = "") -> Slide:
    return Slide(key, plain_title(fig.layout.title.text), fig, notes=notes)


def chart_table(figure: go.Figure) -> pd.DataFrame:
    """The figures a bar chart draws, one row per bar and a column per part: the chart's text
    alternative, in the chart's own words. A chart that is not bars (the map) carries its own
    table in its layout's `meta["table"]` (a list of rows)."""
    meta = figure.layout.meta
    if isinstance(meta, dict) and isinstance(meta.get("table"), list):
        return pd.DataFrame(meta["table"])
    rows: dict[str, dict[str, object]] = {}
    for trace in figure.data:
        for label, value in zip(trace.y or (), trace.x or (), strict=False):
            rows.setdefault(str(label), {})[str(trace.name or "")] = value
    return pd.DataFrame.from_dict(rows, orient="index")
