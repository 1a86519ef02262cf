"""Plotly figures for the pages, all in one colour-blind safe theme (frame in, Figure out)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dashboard.common.i18n import t

#: Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",
)
#: Sequential blues for ordered values (digitisation level 0..4, heat maps).
SEQUENTIAL = ("#F7FBFF", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
#: Digitisation levels 0..4, light to dark, so order reads without colour names.
LEVEL_COLOURS = ("#D9D9D9", "#9ECAE1", "#4292C6", "#08519C", "#08306B")
#: A digitisation level not recorded, beside the levels: a grey of its own, not a blue, so it
#: never reads as a step of the scale.
LEVEL_NOT_RECORDED = "#8C8C8C"
FONT = "Source Sans Pro, Arial, sans-serif"
#: The base template as plain JSON: a template *name* is only resolved by validation, and
#: handing plotly the template object costs a deep copy per figure.
TEMPLATE = pio.templates["plotly_white"].to_plotly_json()


#: Severity or priority High, Medium, Low: dark to light, so order reads without colour names.
SEVERITY_COLOURS = ("#08519C", "#4292C6", "#9ECAE1")
#: Answer categories of a metric (dashboard.common.answers.CATEGORIES): figures in greens, the
#: reasons a figure is not available in oranges and purple, not collected and n/a in greys.
AVAILABILITY_COLOURS = (
    "#009E73",  # provided
    "#7FD1B9",  # estimated
    "#D55E00",  # not available: shared system
    "#E69F00",  # not available: shared contract
    "#F5C26B",  # not available: not measured
    "#CC79A7",  # not available: other
    "#8C8C8C",  # not collected
    "#D9D9D9",  # not applicable
)
#: Self-assessment Met, Partly met, Not met, Not assessed.
ASSESSMENT_COLOURS = ("#009E73", "#F0E442", "#D55E00", "#D9D9D9")
#: Survey states Submitted, In progress, Not started.
PROGRESS_COLOURS = ("#009E73", "#E69F00", "#D9D9D9")


#: Text on the white page: values beside bars, axes, legends and titles; subtitles and notes.
TEXT_COLOUR, MUTED_TEXT = "#1B1F24", "#4A4F55"
BACKGROUND, WHITE, BLACK = "#FFFFFF", "#FFFFFF", "#000000"
#: WCAG 2.2 AA, success criterion 1.4.3: normal-size text against what is behind it.
MIN_TEXT_CONTRAST = 4.5
#: One fill pattern per segment of a stacked bar, so segments and their legend keys differ in
#: shape as well as colour. The first is solid; "/" comes last, as the Prioritise chart's
#: hatching already means "estimated".
PATTERNS = ("", ".", "x", "-", "|", "+", "\\", "/")
#: A legend stood to the right of the plot: keys in a row under a long title would wrap into it.
SIDE_LEGEND: dict[str, object] = {
    "orientation": "v",
    "x": 1.01,
    "xanchor": "left",
    "y": 1,
    "yanchor": "top",
    "traceorder": "normal",
}


def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a `#RRGGBB` colour (0 black, 1 white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def label_colour(fill: str) -> str:
    """Text colour for a label drawn on `fill`: the theme's text colour or white, whichever
    stands out more, or black where neither reaches 4.5:1 (black or white always does)."""
    best = max((TEXT_COLOUR, WHITE), key=lambda text: contrast_ratio(text, fill))
    return best if contrast_ratio(best, fill) >= MIN_TEXT_CONTRAST else BLACK


def mix(colour: str, other: str, share: float) -> str:
    """`colour` moved `share` of the way to `other` (in sRGB, as plotly interpolates)."""
    a, b = _channels(colour), _channels(other)
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(a, b, strict=True))


def stripe_colour(fill: str, label: str) -> str:
    """The lines of a fill pattern: the fill moved away from its label's colour (darker under
    white text, lighter under dark text), so the label stands out from both."""
    return mix(fill, BLACK if label == WHITE else WHITE, 0.6)


def scale_colour(value: float, low: float, high: float, scale: tuple[str, ...]) -> str:
    """The colour a heat map gives `value` on evenly spaced `scale` stops from low to high."""
    share = 0.0 if high <= low else min(max((value - low) / (high - low), 0.0), 1.0)
    position = share * (len(scale) - 1)
    step = min(int(position), len(scale) - 2)
    return mix(scale[step], scale[step + 1], position - step)


#: Characters per line of a chart's title and subtitle. Plotly does not wrap titles, and a long
#: finding ("Most reported challenge: ... (48% of 248 services reporting)") would run off a chart
#: in a narrow column; at these widths a title fits a chart NOMINAL_WIDTH px wide.
TITLE_CHARACTERS, SUBTITLE_CHARACTERS = 72, 95
NOMINAL_WIDTH = 700
#: The fewest characters a heading line is cut to, however narrow the chart.
FEWEST_CHARACTERS = 24
#: Pixel heights of one line of the title (18 px type) and of the subtitle (14 px).
TITLE_LINE, SUBTITLE_LINE = 24, 19


def line_characters(full: int, width: int | None = None) -> int:
    """Characters to a heading line on a chart `width` px wide (None: the nominal width).

    A wider chart keeps the nominal lines (a long line is harder to read, and the files of a
    chart are drawn wider than any screen); a narrower one gets shorter lines, in proportion.
    """
    if width is None or width >= NOMINAL_WIDTH:
        return full
    return max(FEWEST_CHARACTERS, full * width // NOMINAL_WIDTH)


def _heading(
    title: str, subtitle: str, top_extra: int, width: int | None
) -> tuple[dict[str, object], int]:
    """The title (and its subtitle) wrapped for a chart `width` px wide, and the top margin
    that makes room for their lines."""
    heading_text = wrap(title, line_characters(TITLE_CHARACTERS, width))
    lines = heading_text.count("<br>") + 1
    heading: dict[str, object] = {
        "text": heading_text,
        "x": 0,
        "xanchor": "left",
        "yref": "container",
        "y": 1,
        "yanchor": "top",
        # plotly centres a title of several lines on its anchor, half a line up for each line
        # after the first (and its automargin lifts it further, off the top edge): push it down
        "pad": {"t": 10 + round((lines - 1) * TITLE_LINE / 2)},
        "automargin": False,
        "font": {"size": 18},
    }
    top = 10 + TITLE_LINE * lines + 14 + top_extra
    if subtitle:
        subtitle_text = wrap(subtitle, line_characters(SUBTITLE_CHARACTERS, width))
        heading["subtitle"] = {"text": subtitle_text, "font": {"size": 14, "color": MUTED_TEXT}}
        top += 4 + SUBTITLE_LINE * (subtitle_text.count("<br>") + 1)
    return heading, top


def layout(
    title: str, height: int = 420, subtitle: str = "", top_extra: int = 0, **extra: Any
) -> dict[str, Any]:
    """The shared look as a layout dict; the title says what the chart shows, in words.

    `title` is the finding (a sentence), `subtitle` what is plotted. Both wrap over lines by
    words, and the top margin is worked out from their lines (plus `top_extra` for anything
    drawn above the plot, such as a heat map's column labels). The legend sits under the plot,
    where plotly makes room for it however many rows it takes at the chart's width, so it never
    runs into the title. The unwrapped heading is kept in `meta`, so `fit_heading` can wrap it
    again for a narrower chart.
    """
    heading, top = _heading(title, subtitle, top_extra, None)
    return {
        "title": heading,
        "meta": {"heading": [title, subtitle, top_extra]},
        "template": TEMPLATE,
        "colorway": list(PALETTE),
        "font": {"family": FONT, "size": 14, "color": TEXT_COLOUR},
        "paper_bgcolor": BACKGROUND,
        "plot_bgcolor": BACKGROUND,
        "height": height,
        "margin": {"l": 10, "r": 10, "t": top, "b": 10},
        "legend": {
            "orientation": "h",
            "xref": "container",
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "traceorder": "normal",
        },
        "hoverlabel": {"font": {"family": FONT}},
        # a value too long for its segment is hidden, not shrunk to an unreadable size; it
        # stays in the hover label and the data table
        "uniformtext": {"minsize": 11, "mode": "hide"},
        **extra,
    }


def fit_width(fig: go.Figure, width: int | None) -> go.Figure:
    """Fit the figure, in place, to a chart `width` px wide (None: the nominal width, as the
    files are drawn): its title and subtitle wrapped again (`fit_heading`), and the names of
    horizontal bars cut to what the width leaves them (`fit_bar_names`), a ranking's names,
    bars and legend laid out to keep its bars at least half the width (`fit_ranked_bars`)."""
    fig = fit_heading(fit_ranked_bars(fig, width), width)
    return fit_heat_labels(fit_bar_names(fig, width), width)


def fit_heading(fig: go.Figure, width: int | None) -> go.Figure:
    """Wrap the figure's title and subtitle again for a chart `width` px wide (None: the
    nominal width), in place. The top margin follows the lines, and the height grows or shrinks
    with it, so the plot keeps its size. A figure not made by `layout` is left as it is."""
    meta = fig.layout.meta
    heading = meta.get("heading") if isinstance(meta, dict) else None
    if not heading:
        return fig
    title, subtitle, top_extra = heading
    fitted, top = _heading(title, subtitle, int(top_extra), width)
    before = fig.layout.margin.t or 0
    fig.layout.title = fitted
    fig.layout.margin.t = top
    if fig.layout.height:
        fig.layout.height = fig.layout.height + top - before
    return fig


#: A bar's name on a narrow chart may take this share of its width, at about this many pixels
#: a character of the axis's 14 px type, and is never cut below the fewest characters.
NAME_SHARE, NAME_CHARACTER, FEWEST_NAME_CHARACTERS = 0.45, 7, 14
FITTED_NAMES = "fitted_names"


def name_characters(width: int | None) -> int | None:
    """The longest bar name a chart `width` px wide shows whole (None: no limit)."""
    if width is None or width >= NOMINAL_WIDTH:
        return None
    return max(FEWEST_NAME_CHARACTERS, int(width * NAME_SHARE / NAME_CHARACTER))


def shorten(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, ending in "…" where it had to be cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def fitted_name(name: str, limit: int) -> str:
    """A bar's name in at most two lines of `limit` characters, the second cut if it must be
    ("Information governance and<br>data sharing across…")."""
    if len(name) <= limit:
        return name
    first, *rest = wrap(name, limit).split("<br>")
    if len(first) > limit:  # one long word
        return shorten(name, limit)
    return first + "<br>" + shorten(" ".join(rest), limit)


def fit_bar_names(fig: go.Figure, width: int | None) -> go.Figure:
    """Fit the names beside horizontal bars (and a heat map's rows) to a narrow chart, in place:
    two short lines, cut where they must be (`fitted_name`); the hover and the data table keep
    them whole.

    Names that carry their own markup or ticks (a ranked service with its organisation under
    it) are already cut to a fixed length where they are made, and are left alone.
    """
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    bars = [
        trace
        for trace in fig.data
        if (trace.type == "bar" and trace.orientation == "h") or trace.type == "heatmap"
    ]
    if not bars or (fig.layout.yaxis.ticktext is not None and not meta.get(FITTED_NAMES)):
        return fig
    values = [value for trace in bars for value in (trace.y if trace.y is not None else ())]
    if not all(isinstance(value, str) for value in values):  # a numeric axis has no names
        return fig
    names = list(dict.fromkeys(values))
    limit = name_characters(width)
    if any("<" in name for name in names):
        return fig
    if limit is None or all(len(name) <= limit for name in names):
        if meta.get(FITTED_NAMES):  # drawn narrow before: back to the whole names
            fig.layout.yaxis.tickmode = None
            fig.layout.yaxis.tickvals = None
            fig.layout.yaxis.ticktext = None
            fig.layout.meta = {**meta, FITTED_NAMES: False}
        return fig
    fig.layout.yaxis.tickmode = "array"
    fig.layout.yaxis.tickvals = names
    fig.layout.yaxis.ticktext = [fitted_name(name, limit) for name in names]
    fig.layout.meta = {**meta, FITTED_NAMES: True}
    return fig


#: A ranking (one bar per ranked service, named "1. Service" over its organisation) keeps its
#: bars at least half the chart's width: the names take at most RANK_NAME_SHARE of it, at
#: about NAME_CHARACTER px a character, between the fewest and most characters a line. On a
#: chart narrower than WHOLE_NAMES_FROM px a name is cut to one line (whole on hover); from it
#: (a wide screen, and every PNG) names wrap over lines and are never cut.
RANKED_BARS = "ranked_bars"
RANK_NAME_SHARE = 0.42
FEWEST_RANK_CHARACTERS, NOMINAL_RANK_CHARACTERS, MOST_RANK_CHARACTERS = 16, 46, 80
WHOLE_NAMES_FROM = 1200
#: A chart narrower than SMALL_CHART px (a phone) shows the first SMALL_BARS bars of a ranking.
SMALL_CHART, SMALL_BARS = 520, 8
#: The legend under a ranking: a row LEGEND_ROW px high, each key its text plus LEGEND_KEY px
#: (the swatch and the gap); under the plot AXIS_BELOW px for the axis's numbers and one line of
#: its title, AXIS_LINE px for each further line.
LEGEND_ROW, LEGEND_KEY, AXIS_BELOW, AXIS_LINE = 22, 48, 58, 19
#: What a character of 14 px type takes as drawn (NAME_CHARACTER is a safe upper bound, which
#: keeps the bars' half; this, the likely width, keeps the legend from leaving a gap).
DRAWN_CHARACTER = 6


def rank_name_characters(width: int | None) -> int:
    """Characters to a line of a ranked bar's name on a chart `width` px wide."""
    if width is None:
        return NOMINAL_RANK_CHARACTERS
    return min(
        MOST_RANK_CHARACTERS,
        max(FEWEST_RANK_CHARACTERS, int(width * RANK_NAME_SHARE / NAME_CHARACTER)),
    )


def ranked_bars_shown(width: int | None, count: int) -> int:
    """How many of a ranking's `count` bars a chart `width` px wide shows."""
    if width is None or width >= SMALL_CHART:
        return count
    return min(count, SMALL_BARS)


def legend_rows(names: list[str], width: int | None, room: float | None = None) -> int:
    """About how many rows a legend of `names`, laid in a row under the plot, takes on a chart
    `width` px wide whose plot is `room` px wide (None: the whole width but its margins).

    As plotly lays it: one row if every key fits the plot's width; otherwise a grid whose
    columns are as wide as the widest key (a long key makes one column of them all).
    """
    room = (width or NOMINAL_WIDTH) - 20 if room is None else room
    keys = [LEGEND_KEY + DRAWN_CHARACTER * len(name) for name in names]
    if not keys or sum(keys) <= room:
        return 1
    columns = max(1, int(room // max(keys)))
    return -(-len(keys) // columns)


def _name_lines(text: str, limit: int, whole: bool) -> list[str]:
    """`text` as label lines of at most `limit` characters (escaped): wrapped whole, or cut to
    one line with "…"; a word longer than a line is cut only where it cannot wrap."""
    if not whole:
        return [escape_label(shorten(text, limit))]
    lines = wrap(text.replace("<br>", " "), limit).split("<br>")
    return [escape_label(line if len(line) <= limit else shorten(line, limit)) for line in lines]


def ranked_label(first: str, second: str, limit: int, whole: bool) -> str:
    """A ranked bar's name: its first line ("1. Service") over a smaller, muted second
    ("Organisation"), each wrapped or cut to `limit` characters a line (`_name_lines`)."""
    under = [
        f"<span style='font-size:12px;color:{MUTED_TEXT}'>{line}</span>"
        for line in _name_lines(second, limit, whole)
    ]
    return "<br>".join([*_name_lines(first, limit, whole), *under])


def fit_ranked_bars(fig: go.Figure, width: int | None, most: int | None = None) -> go.Figure:
    """Lay a ranking out, in place, for a chart `width` px wide (None: the nominal width),
    showing at most `most` bars (None: as many as the width allows; a slide passes what its
    height holds).

    The names take at most RANK_NAME_SHARE of the width (cut to one line, or wrapped whole on
    a wide chart: `ranked_label`), so the bars keep at least half of it; the legend sits under
    the plot with room for its rows; a narrow chart shows the first bars only, and its subtitle
    says how many of the ranking it shows (the meta's own sentence for that count). The height
    follows the bars shown. A figure without a ranking in its meta is left as it is.
    """
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    ranked = meta.get(RANKED_BARS)
    if not ranked:
        return fig
    ids, labels = ranked["ids"], ranked["labels"]
    shown = ranked_bars_shown(width, len(ids))
    if most is not None:
        shown = max(1, min(shown, most))
    limit = rank_name_characters(width)
    whole = width is not None and width >= WHOLE_NAMES_FROM
    fig.layout.yaxis.ticktext = [ranked_label(a, b, limit, whole) for a, b in labels]
    if shown < len(ids):
        # the first bars only: a reversed category range keeps rank 1 on top
        fig.layout.yaxis.autorange = False
        fig.layout.yaxis.range = [shown - 0.5, -0.5]
    else:
        fig.layout.yaxis.range = None
        fig.layout.yaxis.autorange = "reversed"
    heading = meta.get("heading")
    if heading:
        subtitle = ranked["subtitles"].get(str(shown), heading[1])
        meta = {**meta, "heading": [heading[0], subtitle, heading[2]]}
    keys = [str(trace.name) for trace in fig.data if trace.showlegend is not False and trace.name]
    longest = max((len(line) for a, b in labels for line in (a, b)), default=0)
    names = min(longest, limit) * DRAWN_CHARACTER + 10
    plot = (width or NOMINAL_WIDTH) - names - 20
    # the axis title is centred on the plot: wrapped to what the plot surely has (the names at
    # their widest, 8 px a character of the title), not cut at the chart's edge
    least = (width or NOMINAL_WIDTH) - min(longest, limit) * NAME_CHARACTER - 36
    axis_text = wrap(ranked.get("axis", ""), max(12, int(least / 8)))
    fig.layout.xaxis.title.text = axis_text
    bottom = (
        AXIS_BELOW
        + AXIS_LINE * axis_text.count("<br>")
        # not knowing the width (a slide draws it wider than nominal, in larger type): room
        # for one row, and plotly's own margin takes any more
        + LEGEND_ROW * (legend_rows(keys, width, plot) if width is not None else 1)
    )
    fig.layout.margin.b = bottom
    fig.layout.height = max(
        int(ranked.get("least", 300)), (fig.layout.margin.t or 0) + ranked["bar"] * shown + bottom
    )
    fig.layout.meta = meta
    return fig


def wrap(text: str, width: int) -> str:
    """Break text over lines (plotly's <br>) at spaces, each line at most `width` characters
    where the words allow; text that already carries its own breaks is left alone."""
    if "<br>" in text or len(text) <= width:
        return text
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def count_axis(largest: float) -> dict[str, object]:
    """Axis settings for counts: whole numbers only (no 0.5 of a service on a small axis)."""
    axis: dict[str, object] = {"tickformat": ",d", "rangemode": "tozero"}
    if largest <= 10:
        axis["dtick"] = 1
    return axis


def figure(data: list[dict[str, Any]], layout: dict[str, Any]) -> go.Figure:
    """A Figure from plain dicts, skipping plotly's per-property validation.

    Validation costs ~15 ms per trace, which on every rerun is most of a page's time; these
    figures are built by this module from known properties, and their tests render them in
    real plotly.js (browser and kaleido), which is where a mistake would show. Values printed
    inside bars get a colour that reads on their fill (see `readable_labels`).
    """
    return go.Figure(data=readable_labels(data), layout=layout, _validate=False)


def readable_labels(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give the values printed inside bars a colour with at least 4.5:1 contrast on their fill.

    Left to itself, plotly picks white or dark grey by a brightness rule that puts white on
    Okabe-Ito green (3.4:1) and grey on mid blues. A label set by the chart is kept if it reads;
    the lines of a fill pattern behind a label are moved away from the label's colour too.
    """
    for trace in data:
        if trace.get("type") != "bar" or not trace.get("text"):
            continue
        if trace.get("textposition", "auto") not in ("inside", "auto"):
            continue
        marker = trace.setdefault("marker", {})
        fills = marker.get("color")
        if not isinstance(fills, str | list | tuple):
            continue
        chosen = trace.get("insidetextfont", {}).get("color")
        if isinstance(fills, str):
            if not isinstance(chosen, str) or contrast_ratio(chosen, fills) < MIN_TEXT_CONTRAST:
                chosen = label_colour(fills)
            pattern = marker.get("pattern")
            if pattern and pattern.get("shape"):
                stripes = pattern.get("fgcolor")
                if not stripes or contrast_ratio(chosen, stripes) < MIN_TEXT_CONTRAST:
                    marker["pattern"] = {**pattern, "fgcolor": stripe_colour(fills, chosen)}
        else:
            chosen = [label_colour(fill) for fill in fills]
        trace["insidetextfont"] = {**trace.get("insidetextfont", {}), "color": chosen}
    return data


def stacked_bars(
    table: pd.DataFrame,
    title: str,
    colours: tuple[str, ...] = PALETTE,
    x_title: str = "",
    subtitle: str = "",
    percent: bool = False,
    decimals: int = 0,
) -> go.Figure:
    """Horizontal stacked bars: one bar per row of `table`, one segment per column.

    Each segment carries its value as text in a colour that reads on it, a fill pattern of its
    own (shown in its legend key too) and its column's name on hover, so the chart never relies
    on colour alone.
    """
    rows = [str(i) for i in table.index]
    data = []
    for position, column in enumerate(table.columns):
        values = table[column].tolist()
        fill = colours[position % len(colours)]
        data.append(
            {
                "type": "bar",
                "y": rows,
                "x": values,
                "name": str(column),
                "orientation": "h",
                "marker": {
                    "color": fill,
                    "line": {"color": "#FFFFFF", "width": 1},
                    "pattern": {
                        "shape": PATTERNS[position % len(PATTERNS)],
                        "fgcolor": stripe_colour(fill, label_colour(fill)),
                        "size": 7,
                        "solidity": 0.25,
                    },
                },
                "text": [
                    (f"{v:.0%}" if percent else f"{v:,.{decimals}f}") if v else "" for v in values
                ],
                "textposition": "inside",
                "insidetextanchor": "middle",
                "hovertemplate": "%{y}<br>"
                + str(column)
                + (": %{x:.1%}" if percent else ": %{x:,}")
                + "<extra></extra>",
            }
        )
    # many segments make a legend of many rows under the plot: stand it to the right instead
    side_legend = len(table.columns) > 5
    extra: dict[str, Any] = {}
    if side_legend:
        extra["legend"] = dict(SIDE_LEGEND)
    if percent:
        scale: dict[str, object] = {"tickformat": ".0%"}
    elif decimals == 0:
        scale = count_axis(float(table.sum(axis=1).max()) if len(table) else 0.0)
    else:
        scale = {}
    shape = layout(
        title,
        subtitle=subtitle,
        **extra,
        barmode="stack",
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"title": {"text": x_title}, "rangemode": "tozero", **scale},
    )
    # the bars keep their thickness whatever the title takes: title, bars, axis and legend
    shape["height"] = max(
        320, shape["margin"]["t"] + 42 * len(table) + (70 if side_legend else 100)
    )
    return figure(
        data,
        shape,
    )


def ranked_bars(series: pd.Series, title: str, x_title: str | None = None) -> go.Figure:
    """One horizontal bar per item, largest first, value printed at the end of each bar."""
    if x_title is None:
        x_title = t("Services")
    series = series.sort_values(ascending=False)
    values = series.tolist()
    return figure(
        [
            {
                "type": "bar",
                "y": [str(i) for i in series.index],
                "x": values,
                "orientation": "h",
                "marker": {"color": PALETTE[0]},
                "text": [f"{v:,.0f}" for v in values],
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{x:,}<extra></extra>",
            }
        ],
        layout(
            title,
            height=max(300, 70 + 34 * len(series)),
            yaxis={"autorange": "reversed", "automargin": True},
            # room beyond the longest bar for its printed value
            xaxis={
                "title": {"text": x_title},
                "range": [0, (max(values, default=0) or 1) * 1.18],
                **({"dtick": 1} if max(values, default=0) <= 5 else {}),
            },
        ),
    )


def _wrap(text: str, width: int = 14) -> str:
    """Break a long axis label over lines so columns stay readable without tilting it."""
    return wrap(text, width)


def heat_map(
    table: pd.DataFrame,
    title: str,
    subtitle: str = "",
    percent: bool = True,
    counts: pd.DataFrame | None = None,
    colour_title: str = "",
) -> go.Figure:
    """A grid of cells, light to dark, each printing its value (and its count, if given).

    Rows are the table's index, columns its columns; empty cells (NaN) stay blank and say so
    on hover, so "no data" never reads as zero.
    """
    values = table.to_numpy(dtype=float)
    count_values = None if counts is None else counts.to_numpy()
    known = values[values == values]
    # both ends fixed: plotly would otherwise stretch the scale over the data, and the colour
    # of each cell (so the colour of its text) could not be known here
    high = 1.0 if percent else max(float(known.max()) if known.size else 0.0, 1.0)
    texts, shorter = [], []
    longest = {"full": 1, "short": 1}
    for r, row in enumerate(values):
        line, short_line = [], []
        for c, value in enumerate(row):
            if value != value:  # NaN: nothing to show
                line.append("")
                short_line.append("")
                continue
            parts = [f"{value:.0%}" if percent else f"{value:,.0f}"]
            if count_values is not None:
                parts.append(f"({int(count_values[r, c]):,})")
            longest["full"] = max(longest["full"], *(len(p) for p in parts))
            longest["short"] = max(longest["short"], len(parts[0]))
            # each cell's text in the colour that reads on that cell's shade
            colour = label_colour(scale_colour(value, 0.0, high, SEQUENTIAL))
            spans = [f"<span style='color:{colour}'>{p}</span>" for p in parts]
            line.append("<br>".join(spans))
            short_line.append(spans[0])
        texts.append(line)
        shorter.append(short_line)
    hover = "%{y}<br>%{x}: " + ("%{z:.0%}" if percent else "%{z:,}") + "<extra></extra>"
    left = max((len(str(i)) for i in table.index), default=0)
    fig = figure(
        [
            {
                "type": "heatmap",
                "z": [[None if v != v else v for v in row] for row in values.tolist()],
                "x": [_wrap(str(c)) for c in table.columns],
                "y": [str(i) for i in table.index],
                "text": texts,
                "texttemplate": "%{text}",
                # a fixed size: plotly would shrink the text to the cell (3 px on a laptop);
                # where a cell is too narrow for it, `fit_heat_labels` drops it instead
                "textfont": {"size": HEAT_LABEL_SIZE},
                "hovertemplate": hover,
                "colorscale": [[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
                "zmin": 0,
                "zmax": high,
                "xgap": 2,
                "ygap": 2,
                "colorbar": {
                    "title": {"text": colour_title},
                    "tickformat": ".0%" if percent else ",",
                    "thickness": 14,
                },
            }
        ],
        layout(
            title,
            height=max(320, 150 + 44 * len(table)),
            subtitle=subtitle,
            yaxis={"autorange": "reversed", "automargin": True},
            xaxis={"side": "top", "automargin": True, "tickangle": 0},
            # column labels sit on top, under the subtitle: room for their lines
            top_extra=8
            + 18 * max((_wrap(str(c)).count("<br>") + 1 for c in table.columns), default=1),
        ),
    )
    fig.layout.meta = {
        **fig.layout.meta,
        HEAT_LABELS: {
            "full": texts,
            "short": shorter,
            "columns": len(table.columns),
            "rows": left,
            "chars": [longest["full"], longest["short"]],
        },
    }
    return fit_heat_labels(fig, None)


#: Heat-map cell labels are drawn at this size or not at all.
HEAT_LABEL_SIZE = 12
HEAT_LABELS = "heat_labels"
#: About how wide a character of 12 px type is, and room around a cell's label.
_HEAT_CHARACTER, _HEAT_PADDING, _COLOUR_BAR = 7.5, 8, 90


def heat_cell_width(fig: go.Figure, width: int | None) -> float:
    """About how wide each heat-map cell is when the chart is `width` px wide."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    labels = meta.get(HEAT_LABELS)
    if not labels:
        return 0.0
    total = width or NOMINAL_WIDTH
    names = name_characters(width) or labels["rows"]
    left = min(labels["rows"], names) * NAME_CHARACTER + 20
    return float(max(0.0, (total - left - _COLOUR_BAR) / max(1, int(labels["columns"]))))


def fit_heat_labels(fig: go.Figure, width: int | None) -> go.Figure:
    """Fit a heat map's cell labels to a chart `width` px wide, in place: the value and its
    count where both fit at 12 px, the value alone where only it fits, and no label where
    neither does (the value stays in the hover and in the table under the chart)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    labels = meta.get(HEAT_LABELS)
    if not labels:
        return fig
    cell = heat_cell_width(fig, width)
    full, short = labels["chars"]
    trace = next(t for t in fig.data if t.type == "heatmap")
    if cell >= full * _HEAT_CHARACTER + _HEAT_PADDING:
        trace.text, trace.texttemplate = labels["full"], "%{text}"
    elif cell >= short * _HEAT_CHARACTER + _HEAT_PADDING:
        trace.text, trace.texttemplate = labels["short"], "%{text}"
    else:
        trace.texttemplate = ""
    return fig


def escape_label(text: object) -> str:
    """Plotly reads a small HTML subset in labels; names from the data are shown as text."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def level_segment_labels(fig: go.Figure) -> go.Figure:
    """Values in bar segments read level: one too long for its segment is hidden (it stays in
    the hover and the data table), never turned on its side."""
    for trace in fig.data:
        if trace.type == "bar":
            trace.textangle = 0
    return fig
