"""Prioritise's ranking chart fits every window from a phone up: the legend under the plot, the
names short enough to leave the bars at least half the width, fewer bars on a phone with a note
saying how many of the ranking are shown."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.common import charts
from dashboard.common.charts import fit_width
from dashboard.prioritise import weighting
from dashboard.prioritise.figures import priority_figure
from dashboard.serving.page_shell import main_width

WEIGHTS = {"reach": 3, "gap": 2, "pain": 2, "data": 1, "cost": 1}
#: Windows from a small phone to a 1080p screen; 1093 is a 1366 laptop at 125%.
WINDOWS = (360, 390, 1024, 1093, 1366, 1920)
LONG_SERVICE = "Apply for a concessionary travel pass for older and disabled people across Wales"
LONG_ORGANISATION = "Betsi Cadwaladr University Health Board (Bwrdd Iechyd Prifysgol)"


def _top(rows: int = 15) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "Rank": range(1, rows + 1),
            "Code": [f"S{i:03d}" for i in range(rows)],
            "Service": [LONG_SERVICE if i % 2 == 0 else f"Bins {i}" for i in range(rows)],
            "Organisation": [LONG_ORGANISATION] * rows,
            "Score": [0.9 - 0.01 * i for i in range(rows)],
            # reach estimated for every third service: the hatching key joins the legend
            "_estimated": [1 if i % 3 == 0 else 0 for i in range(rows)],
        }
    )
    for code in weighting.CODES:
        frame[f"{weighting.NAMES[code]} contribution"] = [0.1] * rows
    return frame


def _ranked(width: int | None):  # type: ignore[no-untyped-def]
    return fit_width(priority_figure(_top(), WEIGHTS, ranked=402), width)


def _tick_lines(fig) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Each bar's name as the lines it is drawn in, markup taken out."""
    return [
        [re.sub(r"<[^>]+>", "", line) for line in text.split("<br>")]
        for text in fig.layout.yaxis.ticktext
    ]


@pytest.mark.parametrize("window", WINDOWS)
def test_the_legend_sits_under_the_plot(window: int) -> None:
    fig = _ranked(main_width(window))
    legend = fig.layout.legend
    assert legend.orientation == "h"
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom")
    # room under the plot for the axis and every row of keys the width makes
    keys = [str(t.name) for t in fig.data if t.showlegend is not False and t.name]
    rows = charts.legend_rows(keys, main_width(window))
    assert fig.layout.margin.b >= charts.AXIS_BELOW + charts.LEGEND_ROW * rows


@pytest.mark.parametrize("window", WINDOWS)
def test_the_bars_keep_at_least_half_the_width(window: int) -> None:
    width = main_width(window)
    fig = _ranked(width)
    longest = max(len(line) for lines in _tick_lines(fig) for line in lines)
    assert longest <= charts.rank_name_characters(width)
    names = longest * charts.NAME_CHARACTER + 10  # the axis's own gap
    plot = width - names - fig.layout.margin.l - fig.layout.margin.r
    assert plot / width >= 0.5


@pytest.mark.parametrize("window", WINDOWS)
def test_names_are_cut_on_a_narrow_chart_and_whole_on_hover(window: int) -> None:
    width = main_width(window)
    fig = _ranked(width)
    first = _tick_lines(fig)[0]
    if width < charts.WHOLE_NAMES_FROM:
        assert len(first) == 2 and first[0].endswith("…")
        assert first[0].startswith("1. Apply")  # the rank is never cut
    else:
        assert " ".join(first).startswith(f"1. {LONG_SERVICE}")
    hover = next(t for t in fig.data if t.type == "bar").customdata[0]
    assert LONG_SERVICE in hover and LONG_ORGANISATION in hover


@pytest.mark.parametrize("window", WINDOWS)
def test_a_phone_shows_fewer_bars_and_says_so(window: int) -> None:
    width = main_width(window)
    fig = _ranked(width)
    shown = 8 if width < charts.SMALL_CHART else 15
    assert (window <= 390) == (shown == 8)
    if shown < 15:
        assert list(fig.layout.yaxis.range) == [shown - 0.5, -0.5]
    else:
        assert fig.layout.yaxis.range is None and fig.layout.yaxis.autorange == "reversed"
    subtitle = re.sub(r"<br>", " ", fig.layout.title.subtitle.text)
    assert f"The {shown} highest scores" in subtitle
    assert f"{shown} of 402 ranked services shown" in subtitle
    # the height follows the bars shown, so each keeps its thickness
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    assert plot == pytest.approx(54 * shown, abs=1)


def test_a_ranking_drawn_whole_says_nothing_about_shown() -> None:
    fig = fit_width(priority_figure(_top(5), WEIGHTS, ranked=5), 1000)
    assert "shown" not in fig.layout.title.subtitle.text


def test_a_wide_chart_after_a_narrow_one_shows_every_bar_again() -> None:
    fig = priority_figure(_top(), WEIGHTS, ranked=402)
    fit_width(fig, main_width(390))
    fit_width(fig, 1600)
    assert fig.layout.yaxis.range is None
    assert "The 15 highest scores" in fig.layout.title.subtitle.text


def test_the_files_wrap_long_names_instead_of_cutting_them() -> None:
    long = " ".join(["Gwasanaeth"] * 12)  # longer than any line
    top = _top()
    top.loc[0, "Service"] = long
    fig = fit_width(priority_figure(top, WEIGHTS, ranked=402), 1600)
    lines = _tick_lines(fig)[0]
    assert len(lines) >= 3 and "…" not in "".join(lines)
    assert " ".join(lines[:-1]) == f"1. {long}"
    assert all(len(line) <= charts.rank_name_characters(1600) for line in lines)


def test_names_from_the_data_stay_text() -> None:
    top = _top()
    top.loc[0, "Service"] = "<b>Bold</b> & co"
    fig = fit_width(priority_figure(top, WEIGHTS, ranked=402), 1600)
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in fig.layout.yaxis.ticktext[0]


def test_legend_rows_follow_the_width() -> None:
    keys = ["Reach", "Digital gap", "Pain", "Data gaps", "Cost", "Hatched, ≈: estimated from"]
    assert charts.legend_rows(keys, 1600) == 1
    # as plotly lays a legend that does not fit one row: columns as wide as the widest key
    widest = charts.LEGEND_KEY + charts.DRAWN_CHARACTER * len(keys[-1])
    assert charts.legend_rows(keys, 700, room=widest * 2 + 1) == 3
    assert charts.legend_rows(keys, 400, room=widest + 1) == 6


@pytest.mark.parametrize("window", WINDOWS)
def test_the_axis_title_wraps_to_the_plot_on_a_phone(window: int) -> None:
    width = main_width(window)
    fig = _ranked(width)
    lines = fig.layout.xaxis.title.text.split("<br>")
    assert " ".join(lines) == "Score (the parts add up to it)"
    names = charts.rank_name_characters(width) * charts.NAME_CHARACTER + 36
    assert all(len(line) * 8 <= width - names for line in lines)
    assert (len(lines) > 1) == (window <= 390)
    assert fig.layout.margin.b >= charts.AXIS_BELOW + charts.AXIS_LINE * (len(lines) - 1)


def test_a_figure_drawn_at_no_known_width_keeps_one_legend_row() -> None:
    # a slide draws it wider than nominal, in larger type: no rows guessed for a narrow chart
    fig = priority_figure(_top(8), WEIGHTS)
    assert fig.layout.margin.b == charts.AXIS_BELOW + charts.LEGEND_ROW
    before = fig.layout.margin.b
    assert fit_width(fig, main_width(390)).layout.margin.b > before
