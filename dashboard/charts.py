"""Plotly figures for the pages, all in one colour-blind safe theme (frame in, Figure out)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

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
FONT = "Source Sans Pro, Arial, sans-serif"
#: The base template as plain JSON: a template *name* is only resolved by validation, and
#: handing plotly the template object costs a deep copy per figure.
TEMPLATE = pio.templates["plotly_white"].to_plotly_json()


#: Severity or priority High, Medium, Low: dark to light, so order reads without colour names.
SEVERITY_COLOURS = ("#08519C", "#4292C6", "#9ECAE1")
#: Answer categories of a metric (dashboard.availability.CATEGORIES): figures in greens, the
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


def layout(title: str, height: int = 420, subtitle: str = "", **extra: object) -> dict:
    """The shared look as a layout dict; the title says what the chart shows, in words.

    `title` is the finding (a sentence), `subtitle` what is plotted.
    """
    heading: dict[str, object] = {"text": title, "x": 0, "xanchor": "left", "font": {"size": 18}}
    if subtitle:
        heading["subtitle"] = {"text": subtitle, "font": {"size": 14, "color": "#4A4F55"}}
    return {
        "title": heading,
        "template": TEMPLATE,
        "colorway": list(PALETTE),
        "font": {"family": FONT, "size": 14, "color": "#1B1F24"},
        "height": height,
        "margin": {"l": 10, "r": 10, "t": 110 if subtitle else 70, "b": 10},
        "legend": {
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "xanchor": "left",
            "x": 0,
            "traceorder": "normal",
        },
        "hoverlabel": {"font": {"family": FONT}},
        # a value too long for its segment is hidden, not shrunk to an unreadable size; it
        # stays in the hover label and the data table
        "uniformtext": {"minsize": 11, "mode": "hide"},
        **extra,
    }


def figure(data: list[dict], layout: dict) -> go.Figure:
    """A Figure from plain dicts, skipping plotly's per-property validation.

    Validation costs ~15 ms per trace, which on every rerun is most of a page's time; these
    figures are built by this module from known properties, and their tests render them in
    real plotly.js (browser and kaleido), which is where a mistake would show.
    """
    return go.Figure(data=data, layout=layout, _validate=False)


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

    Each segment carries its value as text, so the chart never relies on colour alone.
    """
    rows = [str(i) for i in table.index]
    data = []
    for position, column in enumerate(table.columns):
        values = table[column].tolist()
        data.append(
            {
                "type": "bar",
                "y": rows,
                "x": values,
                "name": str(column),
                "orientation": "h",
                "marker": {
                    "color": colours[position % len(colours)],
                    "line": {"color": "#FFFFFF", "width": 1},
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
    # many segments make a legend that wraps into the title: stand it to the right instead
    side_legend = len(table.columns) > 5
    extra: dict[str, object] = {}
    if side_legend:
        extra["legend"] = {
            "orientation": "v",
            "x": 1.01,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "traceorder": "normal",
        }
    return figure(
        data,
        layout(
            title,
            height=max(320, 130 + 42 * len(table)),
            subtitle=subtitle,
            **extra,
            barmode="stack",
            yaxis={"autorange": "reversed", "automargin": True},
            xaxis={
                "title": {"text": x_title},
                "rangemode": "tozero",
                "tickformat": ".0%" if percent else "",
            },
        ),
    )


def ranked_bars(series: pd.Series, title: str, x_title: str = "Services") -> go.Figure:
    """One horizontal bar per item, largest first, value printed at the end of each bar."""
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
            xaxis={"title": {"text": x_title}, "range": [0, (max(values, default=0) or 1) * 1.18]},
        ),
    )


def _wrap(text: str, width: int = 14) -> str:
    """Break a long axis label over lines so columns stay readable without tilting it."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


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
    texts = []
    for r, row in enumerate(values):
        line = []
        for c, value in enumerate(row):
            if value != value:  # NaN: nothing to show
                line.append("")
                continue
            shown = f"{value:.0%}" if percent else f"{value:,.0f}"
            if counts is not None:
                shown += f"<br>({int(counts.iat[r, c]):,})"
            line.append(shown)
        texts.append(line)
    hover = "%{y}<br>%{x}: " + ("%{z:.0%}" if percent else "%{z:,}") + "<extra></extra>"
    return figure(
        [
            {
                "type": "heatmap",
                "z": [[None if v != v else v for v in row] for row in values.tolist()],
                "x": [_wrap(str(c)) for c in table.columns],
                "y": [str(i) for i in table.index],
                "text": texts,
                "texttemplate": "%{text}",
                "hovertemplate": hover,
                "colorscale": [[i / (len(SEQUENTIAL) - 1), c] for i, c in enumerate(SEQUENTIAL)],
                "zmin": 0,
                "zmax": 1 if percent else None,
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
            plot_bgcolor="#FFFFFF",
            # column labels sit on top, under the subtitle: give them their own room
            margin={"l": 10, "r": 10, "t": 170 if subtitle else 130, "b": 10},
        ),
    )


def scatter(
    points: pd.DataFrame,
    title: str,
    subtitle: str,
    x: str,
    y: str,
    highlight: pd.Series,
    names: pd.Series,
    x_title: str,
    y_title: str,
    log_x: bool = True,
    y_ticks: dict[int, str] | None = None,
) -> go.Figure:
    """Points in grey, the highlighted ones in colour and on top, each named on hover."""
    data = []
    for chosen, colour, size, name in (
        (~highlight, "#BDBDBD", 6, "Other services"),
        (highlight, PALETTE[5], 10, "Top ranked"),
    ):
        subset = points[chosen.to_numpy()]
        data.append(
            {
                "type": "scattergl",
                "mode": "markers",
                "x": subset[x].tolist(),
                "y": subset[y].tolist(),
                "text": names[chosen.to_numpy()].tolist(),
                "name": name,
                "marker": {"color": colour, "size": size, "line": {"width": 0.5, "color": "#FFF"}},
                "hovertemplate": "%{text}<br>" + x_title + ": %{x:,.0f}<extra></extra>",
            }
        )
    yaxis: dict[str, object] = {"title": {"text": y_title}, "automargin": True}
    if y_ticks:
        yaxis.update(tickvals=list(y_ticks), ticktext=list(y_ticks.values()))
    return figure(
        data,
        layout(
            title,
            height=520,
            subtitle=subtitle,
            xaxis={"title": {"text": x_title}, "type": "log" if log_x else "linear"},
            yaxis=yaxis,
        ),
    )
