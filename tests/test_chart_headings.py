"""Charts fit the chart's width: headings in shorter lines in a narrow window, with room made
for them above the plot, bar names in two short lines, and the nominal look back for the files."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.common.charts import (
    FEWEST_CHARACTERS,
    NOMINAL_WIDTH,
    TITLE_CHARACTERS,
    figure,
    fit_heading,
    fit_width,
    fitted_name,
    heat_map,
    layout,
    line_characters,
    name_characters,
    stacked_bars,
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


def test_a_long_bar_name_takes_two_short_lines_on_a_narrow_chart() -> None:
    name = "Information governance and data sharing across organisations"
    assert fitted_name("Short-term funding", 28) == "Short-term funding"
    first, second = fitted_name(name, 28).split("<br>")
    assert first == "Information governance and"
    assert second.endswith("…") and len(second) <= 28
    assert name.startswith(first + " " + second[:-1])
    assert fitted_name("Supercalifragilisticexpialidocious service", 14) == "Supercalifrag…"


def test_bar_names_fit_a_narrow_chart_and_come_back_whole() -> None:
    names = ["Information governance and data sharing across organisations", "Short-term funding"]
    fig = stacked_bars(pd.DataFrame({"High": [3, 2]}, index=names), TITLE)
    assert fig.layout.yaxis.ticktext is None  # a wide chart shows them whole

    fit_width(fig, 440)
    assert list(fig.layout.yaxis.tickvals) == names  # the bars keep their whole names
    shown = list(fig.layout.yaxis.ticktext)
    assert shown[1] == "Short-term funding" and "<br>" in shown[0]
    limit = name_characters(440)
    assert limit is not None and all(len(line) <= limit for line in shown[0].split("<br>"))

    fit_width(fig, None)  # the files: whole names again
    assert fig.layout.yaxis.ticktext is None and fig.layout.yaxis.tickvals is None


def test_names_made_with_their_own_markup_are_left_as_made() -> None:
    label = "1. A service<br><span style='font-size:12px'>An organisation</span>"
    fig = figure(
        [{"type": "bar", "orientation": "h", "x": [1], "y": ["a"]}],
        layout(TITLE, yaxis={"tickmode": "array", "tickvals": ["a"], "ticktext": [label]}),
    )
    fit_width(fig, 300)
    assert list(fig.layout.yaxis.ticktext) == [label]


def test_a_heat_maps_rows_fit_too_and_a_numeric_axis_is_left_alone() -> None:
    names = ["Information governance and data sharing across organisations", "Short-term funding"]
    heat = heat_map(pd.DataFrame({"Health": [0.5, 0.2]}, index=names), TITLE)
    fit_width(heat, 440)
    assert list(heat.layout.yaxis.tickvals) == names
    assert "<br>" in heat.layout.yaxis.ticktext[0]

    numeric = figure(
        [{"type": "heatmap", "x": [0, 1], "y": [0.25, 0.75], "z": [[1], [2]]}], layout(TITLE)
    )
    fit_width(numeric, 300)
    assert numeric.layout.yaxis.ticktext is None
