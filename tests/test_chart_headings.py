"""Chart headings wrap for the chart's width: shorter lines in a narrow window, room made for
them above the plot, and the nominal lines back for the files."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.charts import (
    FEWEST_CHARACTERS,
    NOMINAL_WIDTH,
    TITLE_CHARACTERS,
    figure,
    fit_heading,
    layout,
    line_characters,
)

TITLE = (
    "Most reported challenge: Recruiting and retaining software developers "
    "(48% of 248 services reporting)"
)
SUBTITLE = "The 10 challenges reported for the most services, by severity"


def _lines(text: str) -> list[str]:
    return text.split("<br>")


def test_lines_shorten_in_proportion_below_the_nominal_width_only() -> None:
    assert line_characters(TITLE_CHARACTERS) == TITLE_CHARACTERS
    assert line_characters(TITLE_CHARACTERS, 1460) == TITLE_CHARACTERS
    assert line_characters(TITLE_CHARACTERS, NOMINAL_WIDTH // 2) == TITLE_CHARACTERS // 2
    assert line_characters(TITLE_CHARACTERS, 120) == FEWEST_CHARACTERS


def test_a_narrow_chart_gets_more_shorter_lines_and_room_for_them() -> None:
    fig = figure([{"type": "bar", "x": [1], "y": ["a"]}], layout(TITLE, 400, subtitle=SUBTITLE))
    wide_title = fig.layout.title.text
    wide_top, wide_height = fig.layout.margin.t, fig.layout.height
    assert len(_lines(wide_title)) == 2

    fit_heading(fig, 440)
    narrow = _lines(fig.layout.title.text)
    assert len(narrow) == 3
    assert max(map(len, narrow)) <= line_characters(TITLE_CHARACTERS, 440)
    assert " ".join(narrow) == TITLE  # every word kept, in order
    added = fig.layout.margin.t - wide_top
    assert added > 0
    assert fig.layout.height - wide_height == added  # the plot keeps its size

    fit_heading(fig, None)  # the files: back to the nominal lines
    assert fig.layout.title.text == wide_title
    assert (fig.layout.margin.t, fig.layout.height) == (wide_top, wide_height)


def test_a_figure_not_made_by_the_theme_is_left_alone() -> None:
    fig = go.Figure(layout={"title": {"text": TITLE}, "height": 300})
    fit_heading(fig, 300)
    assert fig.layout.title.text == TITLE and fig.layout.height == 300
