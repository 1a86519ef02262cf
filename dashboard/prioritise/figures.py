"""The Prioritise page's charts, shared with the slide deck (frame in, Figure out).

Titles, axes, legends and hover text are in the language the function runs in; the frames come
from dashboard.prioritise.score with their fixed English column keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.common.charts import (
    MUTED_TEXT,
    PALETTE,
    RANKED_BARS,
    escape_label,
    figure,
    fit_ranked_bars,
    label_colour,
    layout,
    scale_colour,
    shorten,
    wrap,
)
from dashboard.common.i18n import t, tn
from dashboard.common.names import level_names
from dashboard.prioritise import areas as priority_areas
from dashboard.prioritise import confidence, weighting
from dashboard.prioritise import reach as priority_reach
from dashboard.prioritise import score as p

#: A cell of the reach chart that holds top-ranked services prints its count above its
#: middle and its mark below (by COUNT_UP, in powers of ten: a band is 1 / BANDS_PER_DECADE
#: high), the mark left of the middle by MARK_LEFT of a column, so that it and the ranks
#: beside it sit in the middle; a band is ROW_HEIGHT pixels high, room for both lines.
COUNT_UP, MARK_LEFT, ROW_HEIGHT = 0.12, 0.12, 36


#: How many services a cell of the reach chart counts: light to dark grey, so the top-ranked
#: services, in colour, stand out on it.
DENSITY_GREYS = ("#F0F0F0", "#D0D0D0", "#A8A8A8", "#7A7A7A", "#4D4D4D")


#: Estimated parts of a score: hatched, so the chart never relies on colour or shade alone.
ESTIMATED_PATTERN = "/"


LABEL_WIDTH = 46
#: Pixels of the ranking chart's height per bar: room for a name and its organisation.
BAR_HEIGHT = 54


def _short(text: str, width: int = LABEL_WIDTH) -> str:
    return shorten(str(text), width)


def _estimated_sets(top: pd.DataFrame) -> list[set[str]]:
    if "_estimated" not in top:
        return [set() for _ in range(len(top))]
    return [set(p.estimated_codes(mask)) for mask in top["_estimated"]]


def priority_figure(
    top: pd.DataFrame, weights: dict[str, int], ranked: int | None = None, types: bool = False
) -> go.Figure:
    """The top of the ranking, each bar split into the parts that make up its score.

    Each bar is named by rank, service and organisation (many services share a name across
    organisations). A part estimated from the median is hatched and its value starts with "≈";
    a value too long for its segment is hidden (it stays in the hover and the table).
    `ranked` is how many services the whole ranking holds (None: only these). With `types`
    the bars are service types (`by_type.chart_rows`): "Organisation" holds how many
    organisations and services each covers, and the words say types, not services.

    The layout fits the chart's width (`charts.fit_ranked_bars`): the legend under the plot,
    names cut to leave the bars at least half the width, fewer bars on a phone with the subtitle
    saying how many of the ranking are shown.
    """
    names = weighting.component_names()
    used = [c for c in weighting.CODES if weights.get(c)]
    ids = top["Code"].astype(str).tolist() if "Code" in top else [str(i) for i in range(len(top))]
    hover_names = [
        f"{rank}. {escape_label(service)} ({escape_label(organisation)})"
        for rank, service, organisation in zip(
            top["Rank"], top["Service"], top["Organisation"], strict=True
        )
    ]
    if "How sure" in top:  # how sure each score is, in its hover
        hover_names = [
            f"{name}<br>{escape_label(mark)}"
            for name, mark in zip(hover_names, top["How sure"], strict=True)
        ]
    estimated = _estimated_sets(top)
    estimate_note = t("estimated from the median")
    parts = [(c, f"{weighting.NAMES[c]} contribution", names[c]) for c in used] or [
        ("", "Score", t("Score"))
    ]
    data: list[dict[str, Any]] = []
    for code, column, name in parts:
        values = top[column].astype(float).tolist()
        guessed = [code in row for row in estimated]
        colour = PALETTE[weighting.CODES.index(code)] if code else PALETTE[0]
        # each part is two traces in one legend group: the known values, and the estimated
        # ones hatched (so the legend key shows the part's plain colour)
        for hatched in (False, True):
            if hatched and not any(guessed):
                continue
            chosen = [g == hatched for g in guessed]
            marker: dict[str, object] = {
                "color": colour,
                "line": {"color": "#FFFFFF", "width": 1},
            }
            if hatched:
                marker["pattern"] = {
                    "shape": ESTIMATED_PATTERN,
                    "fgcolor": "#FFFFFF",
                    "size": 8,
                    "solidity": 0.35,
                }
            data.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "y": ids,
                    "x": [v if c else None for v, c in zip(values, chosen, strict=True)],
                    "name": name,
                    "legendgroup": code or "score",
                    "showlegend": not hatched,
                    "marker": marker,
                    "text": [
                        (("≈" if hatched else "") + f"{v:.2f}") if c and v else ""
                        for v, c in zip(values, chosen, strict=True)
                    ],
                    "textposition": "inside",
                    "insidetextanchor": "middle",
                    "textangle": 0,
                    "customdata": hover_names,
                    "hovertemplate": "%{customdata}<br>"
                    + escape_label(name)
                    + ": %{x:.2f}"
                    + (f" ({estimate_note})" if hatched else "")
                    + "<extra></extra>",
                }
            )
    if any(any(code in row for row in estimated) for code, _, _ in parts):
        # a legend key for the hatching: a bar of no length
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": ids[:1],
                "x": [0],
                "name": t("Hatched, ≈: estimated from the median"),
                "marker": {
                    "color": "#FFFFFF",
                    "line": {"color": MUTED_TEXT, "width": 0},
                    "pattern": {"shape": ESTIMATED_PATTERN, "fgcolor": MUTED_TEXT, "size": 8},
                },
                "hoverinfo": "skip",
            }
        )
    leader = top.iloc[0]
    title = (
        t(
            "Top priority type: {type} ({covers}), score {score}",
            type=escape_label(leader["Service"]),
            covers=escape_label(leader["Organisation"]),
            score=f"{leader['Score']:.2f}",
        )
        if types
        else t(
            "Top priority: {service} ({organisation}), score {score}",
            service=escape_label(leader["Service"]),
            organisation=escape_label(leader["Organisation"]),
            score=f"{leader['Score']:.2f}",
        )
    )
    total = len(top) if ranked is None else max(ranked, len(top))
    subtitles = {}
    # a subtitle for every count a chart may show: a phone shows SMALL_BARS, a slide what its
    # height holds
    for shown in range(1, len(top) + 1):
        subtitle = tn(
            "The highest score and why: each part's share of it",
            "The {n} highest scores and why: each part's share of the score",
            shown,
        )
        if "How sure" in top:
            subtitle = f"{subtitle}. {confidence.top_sentence(top.head(shown))}"
        if shown < total:
            subtitle += " · " + (
                tn(
                    "{shown} of {n} ranked service type shown",
                    "{shown} of {n} ranked service types shown",
                    total,
                    shown=f"{shown:,}",
                    n=f"{total:,}",
                )
                if types
                else tn(
                    "{shown} of {n} ranked service shown",
                    "{shown} of {n} ranked services shown",
                    total,
                    shown=f"{shown:,}",
                    n=f"{total:,}",
                )
            )
        subtitles[str(shown)] = subtitle
    fig = figure(
        data,
        layout(
            title,
            height=max(340, 150 + 54 * len(top)),
            subtitle=subtitles[str(len(top))],
            barmode="stack",
            yaxis={
                "autorange": "reversed",
                "automargin": True,
                "tickmode": "array",
                "tickvals": ids,
                # the names, fitted to the chart's width by fit_ranked_bars
                "ticktext": ids,
                "type": "category",
            },
            xaxis={"title": {"text": t("Score (the parts add up to it)")}, "rangemode": "tozero"},
        ),
    )
    fig.layout.meta = {
        **fig.layout.meta,
        RANKED_BARS: {
            "ids": ids,
            "labels": [
                [f"{rank}. {service}", str(organisation)]
                for rank, service, organisation in zip(
                    top["Rank"], top["Service"], top["Organisation"], strict=True
                )
            ],
            "subtitles": subtitles,
            "axis": t("Score (the parts add up to it)"),
            "bar": BAR_HEIGHT,
            "least": 340,
        },
    }
    return fit_ranked_bars(fig, None)


def areas_figure(areas: pd.DataFrame, measure: str = "total") -> go.Figure:
    """Improvement areas by one measure: total reach, median reach or services reporting.

    An area whose services have no known reach is marked "not known" where its bar would be,
    never drawn as 0; when one service carries most of a total, its name and share stand under
    the area's name.
    """
    measure = measure if measure in priority_areas.AREA_MEASURES else "total"
    ordered = priority_areas.areas_by(areas, measure)
    column = {
        "total": "Users or transactions per year",
        "median": "Median reach",
        "services": "Services",
    }[measure]
    ids = ordered["Code"].astype(str).tolist()
    labels = []
    for name, share, largest in zip(
        ordered["Improvement area"],
        ordered["Largest service's share"],
        ordered["Largest service"],
        strict=True,
    ):
        label = escape_label(_short(name, 52))
        if measure == "total" and share == share and share > priority_areas.DOMINANT:
            carried = t("{share} of it: {service}", share=f"{share:.0%}", service=largest)
            label += f"<br><span style='font-size:12px;color:{MUTED_TEXT}'>{escape_label(_short(carried, 60))}</span>"
        labels.append(label)
    values = ordered[column].astype(float)
    known = values.notna()
    data: list[dict[str, Any]] = [
        {
            "type": "bar",
            "orientation": "h",
            "y": ids,
            "x": [v if v == v else None for v in values],
            "marker": {"color": PALETTE[0]},
            "text": [f"{v:,.0f}" if v == v else "" for v in values],
            "textposition": "outside",
            "cliponaxis": False,
            "customdata": [escape_label(n) for n in ordered["Improvement area"]],
            "hovertemplate": "%{customdata}: %{x:,.0f}<extra></extra>",
            "showlegend": False,
        }
    ]
    unknown = [i for i, k in zip(ids, known, strict=True) if not k]
    if unknown:
        data.append(
            {
                "type": "scatter",
                "mode": "text",
                "y": unknown,
                "x": [0] * len(unknown),
                "text": ["  " + t("not known: no service reporting it gave users or transactions")]
                * len(unknown),
                "textposition": "middle right",
                "textfont": {"color": MUTED_TEXT, "size": 12},
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )
    x_titles = {
        "total": t(
            "Service users (or transactions) per year, added across the services reporting it "
            "(a person using two services counts twice)"
        ),
        "median": t("Median users (or transactions) per year of the services reporting it"),
        "services": t("Services reporting it"),
    }
    lead = ordered.iloc[0]
    name = lead["Improvement area"]
    subtitle = ""
    if measure == "services":
        title = t(
            "“{area}” is reported by the most services ({n})", area=name, n=int(lead["Services"])
        )
    elif lead[column] != lead[column]:
        title = t("No service reporting these challenges gave users or transactions")
    elif measure == "median":
        title = t(
            "“{area}” touches the services with the largest typical reach (median {value} a year)",
            area=name,
            value=f"{lead[column]:,.0f}",
        )
    else:
        title = reach_sum_title(
            name, int(lead["Services"]), lead.get("Organisations"), lead[column]
        )
        share = lead["Largest service's share"]
        if share == share and share > priority_areas.DOMINANT:
            subtitle = t(
                "{share} of that is one service: {service}",
                share=f"{share:.0%}",
                service=lead["Largest service"],
            )
    top_value = float(values.max()) if known.any() else 1.0
    return figure(
        data,
        layout(
            escape_label(title),
            height=max(300, (110 if subtitle else 70) + 44 * len(ordered)),
            subtitle=escape_label(subtitle),
            yaxis={
                "autorange": "reversed",
                "automargin": True,
                "type": "category",
                "tickmode": "array",
                "tickvals": ids,
                "ticktext": labels,
            },
            xaxis={"title": {"text": x_titles[measure]}, "range": [0, (top_value or 1) * 1.2]},
        ),
    )


def reach_sum_title(area: str, services: int, organisations: object, value: float) -> str:
    """The lead of the improvement areas by their added users: how many services and
    organisations first, then the sum, said to be one of service users, never of people."""
    reported = tn(
        "“{area}”, reported by {n} service",
        "“{area}”, reported by {n} services",
        services,
        area=area,
        n=f"{services:,}",
    )
    if organisations is not None and organisations == organisations:
        reported = tn(
            "{reported} in {n} organisation",
            "{reported} in {n} organisations",
            int(organisations),  # type: ignore[call-overload]
            reported=reported,
            n=f"{int(organisations):,}",  # type: ignore[call-overload]
        )
    return t(
        "{reported}, has the most service users per year: {value}, added across services (a "
        "person using two services counts twice)",
        reported=reported,
        value=f"{value:,.0f}",
    )


def reach_figure_text(value: float) -> str:
    """A reach band's edge as the axis and hover print it: whole numbers, grouped."""
    return f"{value:,.0f}"


def rank_label(ranks: tuple[int, ...]) -> str:
    """The ranks beside a cell's mark on the reach chart, short enough to keep to the cell:
    one or two ranks, or the best and how many more ("1, +6"); the hover and the data list
    them all."""
    text = [str(r) for r in ranks]
    return ", ".join(text if len(text) <= 2 else [text[0], f"+{len(text) - 1}"])


def reach_density(
    cells: pd.DataFrame, names: Mapping[int, str], title: str, subtitle: str
) -> go.Figure:
    """Services counted by digitisation level (columns) and reach band (rows, from
    `prioritise.reach_cells`), a grey cell each, darker for more and printing its count; a
    diamond marks each cell that holds top-ranked services, with their ranks beside it, so
    they stand out without relying on colour.

    Counting instead of drawing a dot per service keeps every service in the chart at any
    scale (100,000 dots would be sampled, and cost the browser seconds to draw). Levels run
    across, so the columns stay five and wide enough for their counts in a narrow window;
    bands run up, in powers of ten (log10 of the reach) labelled with the reach itself.
    `names` gives the name of each top-ranked service by rank, for the hover.
    """
    marked = cells[cells["top"].map(len) > 0]
    reach_title = t("Users (or transactions) per year")
    first, last = int(cells["band"].min()), int(cells["band"].max())
    rows = last - first + 1
    levels = {level: escape_label(name) for level, name in level_names().items()}
    counts: list[list[float | None]] = [[None] * len(levels) for _ in range(rows)]
    hovers: list[list[str]] = [[""] * len(levels) for _ in range(rows)]
    count_colours: list[str] = []
    most = max(int(cells["services"].max()), 1)
    high = float(np.log10(most)) or 1.0
    for level, band, low, upper, services, ranks in cells.itertuples(index=False):
        row, shade = int(band) - first, float(np.log10(services))
        counts[row][int(level)] = shade
        count_colours.append(label_colour(scale_colour(shade, 0.0, high, DENSITY_GREYS)))
        line = tn(
            "{n} service, {low} to {high} a year",
            "{n} services, {low} to {high} a year",
            int(services),
            n=f"{services:,}",
            low=reach_figure_text(low),
            high=reach_figure_text(upper),
        )
        if ranks:
            line += "<br>" + t("Top ranked here: {ranks}", ranks=", ".join(str(r) for r in ranks))
        hovers[row][int(level)] = levels[int(level)] + "<br>" + line
    edges = [b / priority_reach.BANDS_PER_DECADE for b in range(first, last + 2)]
    decades = range(int(np.ceil(edges[0])), int(np.floor(edges[-1])) + 1)

    def middle(bands: pd.Series) -> list[float]:
        return [(b + 0.5) / priority_reach.BANDS_PER_DECADE for b in bands]

    data: list[dict[str, Any]] = [
        {
            "type": "heatmap",
            "x": list(levels),
            "y": edges,
            "z": counts,
            "hovertext": hovers,
            "hovertemplate": "%{hovertext}<extra></extra>",
            "colorscale": [[i / (len(DENSITY_GREYS) - 1), c] for i, c in enumerate(DENSITY_GREYS)],
            "zmin": 0,
            "zmax": high,
            "xgap": 2,
            "ygap": 2,
            # every cell prints its count: a colour scale would only take width from them
            "showscale": False,
        },
        {
            # each cell's count in the colour that reads on its shade, over its mark where it
            # has one (plotly prints a heat map's own text only in the middle of a cell)
            "type": "scatter",
            "mode": "text",
            "x": [float(level) for level in cells["level"]],
            "y": [
                y + (COUNT_UP if ranks else 0.0)
                for y, ranks in zip(middle(cells["band"]), cells["top"], strict=True)
            ],
            "text": [f"{n:,}" for n in cells["services"]],
            "textfont": {"size": 12, "color": count_colours},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            # one diamond per cell that holds top-ranked services, under its count, with their
            # ranks beside it: a diamond at each service's own reach would pile up with its
            # neighbours, and their numbers with them
            "type": "scatter",
            "mode": "markers+text",
            "x": [float(level) - MARK_LEFT for level in marked["level"]],
            "y": [y - COUNT_UP for y in middle(marked["band"])],
            "text": [rank_label(ranks) for ranks in marked["top"]],
            "textposition": "middle right",
            "textfont": {"size": 12, "color": "#1B1F24"},
            "hovertext": [
                "<br>".join(f"{r}. {escape_label(names.get(r, ''))}" for r in ranks)
                for ranks in marked["top"]
            ],
            "name": t("Top ranked (numbered by rank)"),
            "marker": {
                "color": PALETTE[5],
                "size": 12,
                "symbol": "diamond",
                "line": {"width": 1, "color": "#FFF"},
            },
            "hovertemplate": "%{hovertext}<extra></extra>",
        },
    ]
    return figure(
        data,
        layout(
            escape_label(title),
            height=260 + ROW_HEIGHT * rows,
            subtitle=escape_label(subtitle),
            showlegend=True,
            xaxis={
                "title": {"text": t("Digitisation level")},
                "tickvals": list(levels),
                "ticktext": [wrap(name, 12) for name in levels.values()],
                "tickangle": 0,
                "tickfont": {"size": 12},
                "range": [-0.5, len(levels) - 0.5],
                "showgrid": False,
                "zeroline": False,
            },
            yaxis={
                "title": {"text": reach_title},
                "automargin": True,
                "tickvals": list(decades),
                "ticktext": [reach_figure_text(10**d) for d in decades],
                "range": [edges[0], edges[-1]],
                "showgrid": False,
                "zeroline": False,
            },
        ),
    )
