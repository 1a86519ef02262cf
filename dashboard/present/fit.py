"""A slide's chart fitted to the room it has on screen: its width and the height the title and
footer leave it.

The page charts are laid out for 14 px type (dashboard.common.charts). A slide draws them in
larger type for the back of the room, so the chart is laid out as if it were `width * 14 / font`
px wide: the names, the legend's rows and the headings get as many characters as the larger
type really has room for. A ranking then shows as many bars as its height holds legibly, each
bar tall enough for its two-line name, and its title says how many of the ranking are shown.
"""

from __future__ import annotations

import math

import plotly.graph_objects as go

from dashboard.common import charts
from dashboard.common.i18n import t

#: The type of a slide's chart on a window `width` px wide, and of its title (the chart's
#: subtitle: what is plotted; the screen's own heading states the finding).
PAGE_FONT = 14
#: Pixels plotly's own margins take beyond the estimates (measured in Chromium at 1093 x 614):
#: left out of the room for a ranking's bars, so the bars never get less than they need.
PLOTLY_SLACK = 8
#: The same beside a legend stood at the plot's side (plotly pads it and its keys more).
SIDE_LEGEND_SLACK = 24


def font_size(width: int) -> int:
    """The chart's type on a chart `width` px wide: 18 px on a projector, 16 on a laptop,
    14 on a laptop at 125% scaling."""
    return 18 if width >= 1500 else 16 if width >= 1000 else 14


def laid_out_width(width: int, font: int) -> int:
    """The width a page chart in 14 px type would have for the same characters a line."""
    return int(width * PAGE_FONT / font)


def bar_height(font: int) -> int:
    """Pixels a ranked bar needs: its name over its organisation (12/14 of the type), at
    plotly's 1.3 lines each (measured: 38 px at 16 px type), and a gap, so two names never
    print over one another."""
    return math.ceil(font * 1.3 + font * 12 / PAGE_FONT * 1.3 + 6)


def _title(text: str, width: int, font: int) -> tuple[str, int]:
    """The slide chart's title wrapped to the chart's width, and its lines."""
    flat = " ".join(text.replace("<br>", " ").split())
    if not flat:
        return "", 0
    wrapped = charts.wrap(flat, max(24, int(width / (font * 0.52))))
    return wrapped, wrapped.count("<br>") + 1


#: What a character of the legend's type takes at most, in 14 px type (charts.DRAWN_CHARACTER
#: is the likely width; a slide must not let a legend run off its foot, so the wider bound).
LEGEND_CHARACTER = 7


def legend_rows(keys: list[str], room: float) -> int:
    """The rows of a legend of `keys` under a plot `room` px wide (14 px type), as plotly lays
    them: one row if all fit the plot's width, else a grid as wide as the widest key."""
    sizes = [charts.LEGEND_KEY + LEGEND_CHARACTER * len(key) for key in keys]
    if not sizes or sum(sizes) <= room:
        return 1
    columns = max(1, int(room // max(sizes)))
    return -(-len(sizes) // columns)


def flowing_rows(keys: list[str], room: float) -> int:
    """The rows of a flowing legend (`flow_legend`) of `keys` under a plot `room` px wide
    (14 px type): each key as wide as its own text, a new row where the next would not fit."""
    rows, used = 1, 0.0
    for key in keys:
        size = charts.LEGEND_KEY + LEGEND_CHARACTER * len(key)
        if used and used + size > room:
            rows, used = rows + 1, 0.0
        used += size
    return rows


def flow_legend(fig: go.Figure) -> None:
    """Lay a legend under the plot as flowing text, in place: each key as wide as its own text
    (plotly lays keys that do not fit one row in a grid as wide as the widest key, so one long
    key, "Hatched, ≈: estimated from the median", made three rows of six short ones). Plotly
    flows legend groups so: each shown key gets a group of its own."""
    for number, trace in enumerate(fig.data):
        if trace.showlegend is not False and trace.name and not trace.legendgroup:
            trace.legendgroup = f"key {number}"
    fig.layout.legend.traceorder = "grouped"
    fig.layout.legend.tracegroupgap = 0


def _keys(fig: go.Figure) -> list[str]:
    return [str(trace.name) for trace in fig.data if trace.showlegend is not False and trace.name]


def _scaled(pixels: float, font: int) -> int:
    return math.ceil(pixels * font / PAGE_FONT)


def _heading_height(lines: int, title_font: int) -> int:
    return 12 + math.ceil(lines * title_font * 1.3) + (12 if lines else 0)


#: The smallest legend type a slide uses, and a legend key's row per pixel of its type.
LEAST_LEGEND_FONT, LEGEND_LINE = 11, 1.5


def _side_legend(fig: go.Figure, laid: int, font: int, height: int, top: int) -> None:
    """A legend stood beside the plot scrolls when its keys are taller than the plot: set it in
    smaller type (not below LEAST_LEGEND_FONT px) so all its keys show; if even that is too
    tall, lay it in rows under the plot."""
    legend = fig.layout.legend
    if legend.orientation != "v":
        return
    keys = _keys(fig)
    # the plot is what the heading, the axis's numbers and title leave
    plot = height - top - max(fig.layout.margin.b or 0, _scaled(charts.AXIS_BELOW, font))
    plot -= SIDE_LEGEND_SLACK
    if len(keys) * font * LEGEND_LINE <= plot:
        return
    fits = math.floor(plot / max(len(keys), 1) / LEGEND_LINE)
    if fits >= LEAST_LEGEND_FONT:
        fig.layout.legend.font.size = min(fits, font)
        return
    fig.layout.legend = {
        "orientation": "h",
        "xref": "container",
        "x": 0,
        "xanchor": "left",
        "yref": "container",
        "y": 0,
        "yanchor": "bottom",
        "traceorder": "normal",
    }
    # plotly makes the legend's room under the plot itself: the margin holds the axis only
    axis = fig.layout.xaxis.title.text
    below = charts.AXIS_BELOW + (charts.AXIS_LINE * axis.count("<br>") if axis else -20)
    fig.layout.margin.b = _scaled(below, font)


def _ranking_bottom(fig: go.Figure, laid: int, font: int) -> int:
    """Room under a ranking's bars: the axis's numbers and title, and the legend's rows as
    plotly lays them (across the plot's width, beside the names)."""
    ranked = fig.layout.meta[charts.RANKED_BARS]
    limit = charts.rank_name_characters(laid)
    longest = max((len(line) for pair in ranked["labels"] for line in pair), default=0)
    plot = laid - min(longest, limit) * charts.DRAWN_CHARACTER - 30
    axis = fig.layout.xaxis.title.text or ""
    rows = flowing_rows(_keys(fig), plot)
    return _scaled(
        charts.AXIS_BELOW + charts.AXIS_LINE * axis.count("<br>") + charts.LEGEND_ROW * rows,
        font,
    )


def row_height(font: int, lines: int = 1) -> int:
    """Pixels a row of a bar chart needs on a slide: its name's `lines` at plotly's 1.3 lines
    and a gap. (Plotly names every other row, or fewer, where rows are closer than 1.2 lines.)"""
    return math.ceil(font * 1.3 * lines + 8)


def _rows(fig: go.Figure) -> list[str]:
    """The names of a chart's rows (horizontal bars), in the order plotly lays them out."""
    names = [
        value
        for trace in fig.data
        if trace.type == "bar" and trace.orientation == "h" and trace.y is not None
        for value in trace.y
    ]
    return [str(name) for name in dict.fromkeys(names)]


def _name_lines(fig: go.Figure, rows: list[str]) -> int:
    labels = fig.layout.yaxis.ticktext if fig.layout.yaxis.ticktext is not None else rows
    return max((str(label).count("<br>") + 1 for label in labels), default=1)


def _bottom(fig: go.Figure, laid: int, font: int, rows: list[str]) -> int:
    """Room under the plot of a chart of `rows`: the axis's numbers and title, and the rows of
    a legend laid under the plot (none for a legend beside it)."""
    axis = fig.layout.xaxis.title.text or ""
    bottom = charts.AXIS_BELOW + charts.AXIS_LINE * axis.count("<br>")
    if fig.layout.legend.orientation != "v" and _keys(fig):
        longest = max((len(row) for row in rows), default=0)
        plot = laid - longest * charts.DRAWN_CHARACTER - 30
        bottom += charts.LEGEND_ROW * flowing_rows(_keys(fig), plot)
    return _scaled(bottom, font)


def _show_top_rows(fig: go.Figure, shown: int, total: int) -> None:
    """Show only the top `shown` of a chart's `total` rows as drawn, in place."""
    reversed_axis = fig.layout.yaxis.autorange == "reversed"
    fig.layout.yaxis.autorange = False
    # categories sit at 0, 1, 2 ...; a reversed axis draws the first on top
    fig.layout.yaxis.range = (
        [shown - 0.5, -0.5] if reversed_axis else [total - shown - 0.5, total - 0.5]
    )


def shown_note(shown: int, total: int) -> str:
    """What a slide that shows some of a chart's rows adds to its title: "6 of 10 shown"."""
    return t("{shown} of {n} shown", shown=f"{shown:,}", n=f"{total:,}")


def _fit_rows(
    fig: go.Figure, subtitle: str, width: int, height: int, laid: int, font: int
) -> tuple[str, int]:
    """Fit a bar chart's rows to a slide's chart `height` px high, in place: as many rows as
    the height holds, each tall enough for its name, the top ones as drawn, and the title saying
    how many of the rows those are. Returns the title and its lines."""
    title_font = font + 2
    title, lines = _title(subtitle, width, title_font)
    rows = _rows(fig)
    if not rows:
        return title, lines
    need = row_height(font, _name_lines(fig, rows))
    shown = len(rows)
    # twice: a title that says "6 of 10 shown" may take a line more, and leave a row less
    for _ in range(2):
        top = _heading_height(lines, title_font)
        room = height - top - _bottom(fig, laid, font, rows) - PLOTLY_SLACK
        shown = max(1, min(len(rows), room // need))
        if shown == len(rows):
            return title, lines
        title, lines = _title(f"{subtitle} · {shown_note(shown, len(rows))}", width, title_font)
    _show_top_rows(fig, shown, len(rows))
    return title, lines


def slide_figure(fig: go.Figure, width: int, height: int) -> go.Figure:
    """A copy of `fig` fitted to a slide's chart `width` x `height` px: its subtitle as its
    title, large type, names, legend and bars laid out to fit (`charts.fit_width`); a ranking
    shows the bars its height holds, saying how many of the ranking those are; a legend beside
    the plot that would scroll is set smaller, or under the plot."""
    fig = go.Figure(fig)
    font = font_size(width)
    title_font = font + 2
    laid = laid_out_width(width, font)
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    ranked = meta.get(charts.RANKED_BARS)
    charts.fit_width(fig, laid)
    subtitle = fig.layout.title.subtitle.text or ""
    title, lines = _title(subtitle, width, title_font)
    top = _heading_height(lines, title_font)
    if ranked:
        flow_legend(fig)
        # the legend and axis under the plot, in the slide's type; the bars get what is left.
        # Twice: the title that says "3 of 336 shown" may take a line more, and leave less
        bottom = _ranking_bottom(fig, laid, font)
        for _ in range(2):
            room = height - top - bottom - PLOTLY_SLACK
            charts.fit_ranked_bars(fig, laid, max(1, room // bar_height(font)))
            title, lines = _title(fig.layout.meta["heading"][1], width, title_font)
            fitted_top = _heading_height(lines, title_font)
            if fitted_top <= top:
                break
            top = fitted_top
        top = fitted_top
        # plotly makes room for the legend under the plot itself (it stands at the chart's
        # foot): the margin holds the axis's numbers and title only, or the legend's room
        # would be counted twice and the bars squeezed away
        axis = fig.layout.xaxis.title.text or ""
        fig.layout.margin.b = _scaled(
            charts.AXIS_BELOW + charts.AXIS_LINE * axis.count("<br>"), font
        )
    else:
        _side_legend(fig, laid, font, height, top)
        if fig.layout.legend.orientation != "v":
            flow_legend(fig)
        title, lines = _fit_rows(fig, subtitle, width, height, laid, font)
        top = _heading_height(lines, title_font)
    fig.update_layout(
        title_text=title,
        title_font_size=title_font,
        # plotly centres a title of several lines on its anchor: push it down half a line
        # for each line after the first
        title_pad_t=12 + round((lines - 1) * title_font * 1.3 / 2),
        font_size=font,
        margin_t=top,
        height=height,
    )
    fig.layout.title.subtitle.text = None
    return fig
