"""A slide's chart fitted to the room it has on screen (dashboard/present/fit.py): a ranking
shows the bars its height holds, each tall enough for its two-line name, and says how many of
the ranking those are; a side legend that would scroll is set smaller or laid under the plot."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.common import charts
from dashboard.common.i18n import t, using
from dashboard.present import fit
from dashboard.prioritise.figures import priority_figure
from tests.test_ranking_fit import WEIGHTS, _top


def _shown(fig: go.Figure) -> int:
    low, high = fig.layout.yaxis.range if fig.layout.yaxis.range else (14.5, -0.5)
    return round(low - high)


def test_type_and_laid_out_width_follow_the_window() -> None:
    assert [fit.font_size(w) for w in (933, 1206, 1760)] == [14, 16, 18]
    # a chart in 16 px type has the characters of a 14 px chart 7/8 as wide
    assert fit.laid_out_width(1206, 16) == 1055
    # a bar holds its name (16 px) over its organisation (12/14 of it) at 1.3 lines, and a gap
    assert fit.bar_height(16) == 45 and fit.bar_height(14) == 40


def test_a_ranking_shows_the_bars_its_height_holds_and_says_how_many() -> None:
    fig = priority_figure(_top(15), WEIGHTS, ranked=402)
    tall = fit.slide_figure(fig, 1760, 900)
    short = fit.slide_figure(fig, 1206, 420)
    assert _shown(short) < _shown(tall) <= 15
    # each shown bar has at least the height its two-line name needs
    for slide, width in ((tall, 1760), (short, 1206)):
        font = fit.font_size(width)
        plot = slide.layout.height - slide.layout.margin.t - slide.layout.margin.b
        assert plot / _shown(slide) >= fit.bar_height(font) * 0.8
        assert slide.layout.height in (900, 420)
        assert slide.layout.font.size == font
    # the title (the page chart's subtitle) says how many of the ranking are shown
    title = short.layout.title.text.replace("<br>", " ")
    assert f"{_shown(short)} of 402 ranked services shown" in title
    assert short.layout.title.subtitle.text is None
    # the figure handed in is left as it was: the page and the deck draw it too
    assert fig.layout.height != 420 and fig.layout.yaxis.range is None


def test_the_welsh_title_says_how_many_are_shown_too() -> None:
    with using("cy"):
        slide = fit.slide_figure(priority_figure(_top(15), WEIGHTS, ranked=402), 933, 300)
    title = slide.layout.title.text.replace("<br>", " ")
    assert f"Dangosir {_shown(slide)} o'r 402" in title, title


def test_the_estimated_key_stays_in_the_legend() -> None:
    slide = fit.slide_figure(priority_figure(_top(15), WEIGHTS, ranked=402), 933, 300)
    names = [trace.name for trace in slide.data if trace.showlegend is not False]
    assert t("Hatched, ≈: estimated from the median") in names


def _side_legend_figure(keys: int) -> go.Figure:
    data = [
        {"type": "bar", "orientation": "h", "y": ["a", "b"], "x": [1, 2], "name": f"Key {n}"}
        for n in range(keys)
    ]
    layout = charts.layout("A finding", subtitle="What is plotted", legend=dict(charts.SIDE_LEGEND))
    return charts.figure(data, layout)


@pytest.mark.parametrize(("height", "expected"), [(900, None), (250, "smaller"), (150, "under")])
def test_a_side_legend_that_would_scroll_is_set_smaller_or_under_the_plot(
    height: int, expected: str | None
) -> None:
    slide = fit.slide_figure(_side_legend_figure(7), 933, height)
    legend = slide.layout.legend
    if expected is None:
        assert legend.orientation == "v" and legend.font.size is None
    elif expected == "smaller":
        assert legend.orientation == "v"
        assert fit.LEAST_LEGEND_FONT <= legend.font.size < 14
    else:
        assert legend.orientation == "h" and legend.y == 0 and legend.yanchor == "bottom"


def test_legend_rows_follow_the_room() -> None:
    keys = ["Reach", "Digital gap", "Hatched, ≈: estimated from the median"]
    assert fit.legend_rows(keys, 2000) == 1
    assert fit.legend_rows(keys, 300) == 3
    assert fit.legend_rows([], 100) == 1


def test_the_ranking_legend_flows_in_rows_of_keys_as_wide_as_their_text() -> None:
    slide = fit.slide_figure(priority_figure(_top(15), WEIGHTS, ranked=402), 933, 300)
    assert slide.layout.legend.traceorder == "grouped"
    # each key has a group of its own, so plotly flows them one after another
    shown = [trace for trace in slide.data if trace.showlegend is not False and trace.name]
    assert len({trace.legendgroup for trace in shown}) == len(shown)
    # five short keys and one long one: two rows flowing, three in plotly's grid
    keys = ["Reach", "Digital gap", "Pain", "Data gaps", "Cost"]
    keys.append("Hatched, ≈: estimated from the median")
    assert fit.flowing_rows(keys, 660) == 2 < fit.legend_rows(keys, 660) == 3
    assert fit.flowing_rows(keys, 2000) == 1


def _challenges(rows: int) -> go.Figure:
    table = pd.DataFrame(
        {"High": range(rows, 0, -1), "Medium": [3] * rows, "Low": [2] * rows},
        index=[f"Challenge number {n}" for n in range(1, rows + 1)],
    )
    return charts.stacked_bars(
        table, "A finding", x_title="Services reporting", subtitle="The most reported"
    )


def _rows_shown(fig: go.Figure, total: int) -> list[int]:
    """The positions of the rows a fitted chart shows (all of them when it sets no range)."""
    if fig.layout.yaxis.range is None:
        return list(range(total))
    low, high = sorted(fig.layout.yaxis.range)
    return [row for row in range(total) if low < row < high]


def test_a_bar_chart_shows_the_top_rows_its_height_holds_and_says_how_many() -> None:
    fig = _challenges(10)
    tall = fit.slide_figure(fig, 1760, 900)
    short = fit.slide_figure(fig, 933, 320)
    assert _rows_shown(tall, 10) == list(range(10))
    assert "shown" not in tall.layout.title.text
    shown = _rows_shown(short, 10)
    # the top rows as drawn (the first of the table: the axis runs top down), each with the
    # height its name needs, so plotly names every one of them
    assert 1 <= len(shown) < 10 and shown == list(range(len(shown)))
    font = fit.font_size(933)
    plot = short.layout.height - short.layout.margin.t - short.layout.margin.b
    assert plot / len(shown) >= fit.row_height(font)
    title = short.layout.title.text.replace("<br>", " ")
    assert title.endswith(f"The most reported · {len(shown)} of 10 shown"), title


def test_an_axis_drawn_bottom_up_shows_its_top_rows_too() -> None:
    fig = _challenges(10)
    fig.layout.yaxis.autorange = True  # the first row at the foot, the last on top
    short = fit.slide_figure(fig, 933, 320)
    shown = _rows_shown(short, 10)
    assert shown and shown[-1] == 9 and len(shown) < 10


def test_the_welsh_bar_chart_says_how_many_rows_are_shown() -> None:
    with using("cy"):
        slide = fit.slide_figure(_challenges(10), 933, 320)
    shown = len(_rows_shown(slide, 10))
    assert f"Dangosir {shown} o'r 10" in slide.layout.title.text.replace("<br>", " ")
