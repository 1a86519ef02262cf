"""The map as a plotly figure (frame in, Figure out; no Streamlit here).

Each area is drawn as filled outlines (`go.Scatter`, fill "toself") on plain axes: longitude
scaled by the cosine of Wales's middle latitude, so the shapes are not stretched. No map
subplot is used at all, so nothing (no base map, no tiles, no TopoJSON) is ever fetched: the
outlines are the project's own file (dashboard.map.areas.boundaries). A marker at each area's
middle carries its hover text and is what a click chooses.

Areas with a figure are coloured on a sequential blue scale from 0% to 100%. An area whose
figure rests on fewer than 5 services is hatched grey (not shown as a figure); one with no
service counted is pale grey.
"""

from __future__ import annotations

import itertools
import math
from functools import cache
from typing import Any

import plotly.graph_objects as go

from dashboard.common.charts import (
    MUTED_TEXT,
    TEXT_COLOUR,
    escape_label,
    layout,
    scale_colour,
)
from dashboard.common.disclosure import THRESHOLD
from dashboard.common.i18n import t
from dashboard.map.areas import boundaries
from dashboard.map.figures import (
    MapView,
    area_names,
    denominator_phrase,
    figure_words,
    layer_labels,
    measure_phrase,
    shown_table,
)

#: Longitude is multiplied by the cosine of this latitude (Wales's middle) to keep shapes true.
MIDDLE_LATITUDE = 52.3
X_SCALE = math.cos(math.radians(MIDDLE_LATITUDE))
#: 0% to 100%: light to dark blue; 0% is still a blue, so it never reads as "no figure".
SCALE = ("#DEEBF7", "#9ECAE1", "#4292C6", "#2171B5", "#08306B")
SMALL_FILL, EMPTY_FILL, SMALL_LINES = "#E6E6E6", "#FFFFFF", "#7A7A7A"
EDGE, CHOSEN_EDGE = "#8C8C8C", "#D55E00"
HEIGHT = 620


def _outline(
    polygons: list[list[list[list[float]]]],
) -> tuple[list[float | None], list[float | None]]:
    """The outer rings of an area's polygons as one line, gaps (None) between them."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in polygons:
        ring = polygon[0]
        if xs:
            xs.append(None)
            ys.append(None)
        xs += [x * X_SCALE for x, _ in ring]
        ys += [y for _, y in ring]
    return xs, ys


def _middle(polygons: list[list[list[list[float]]]]) -> tuple[float, float]:
    """A point inside the area's largest ring, for its marker: the ring's centroid, or (for a
    ring the centroid falls outside of) the middle of its widest horizontal crossing."""
    rings = [polygon[0] for polygon in polygons]

    def area(ring: list[list[float]]) -> float:
        return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)))

    ring = max(rings, key=area)
    twice = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / (
        3 * twice
    )
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / (
        3 * twice
    )
    crossings = sorted(
        x0 + (cy - y0) * (x1 - x0) / (y1 - y0)
        for (x0, y0), (x1, y1) in itertools.pairwise(ring)
        if (y0 <= cy < y1) or (y1 <= cy < y0)
    )
    spans = list(zip(crossings[::2], crossings[1::2], strict=False))
    if any(a <= cx <= b for a, b in spans) or not spans:
        return cx * X_SCALE, cy
    a, b = max(spans, key=lambda span: span[1] - span[0])
    return (a + b) / 2 * X_SCALE, cy


@cache
def _shapes(
    layer: str,
) -> dict[str, tuple[list[float | None], list[float | None], tuple[float, float]]]:
    """Each area's outline (x, y) and its marker's place, worked out once per layer."""
    shapes = {}
    for feature in boundaries(layer)["features"]:
        polygons = feature["geometry"]["coordinates"]
        xs, ys = _outline(polygons)
        shapes[str(feature["properties"]["code"])] = (xs, ys, _middle(polygons))
    return shapes


def fill_colour(share: float, counted: int, small: bool) -> str:
    if small:
        return SMALL_FILL
    if counted == 0 or share != share:  # NaN
        return EMPTY_FILL
    return scale_colour(share, 0.0, 1.0, SCALE)


def map_title(view: MapView, challenge_name: str = "") -> str:
    """The finding: the highest and lowest area with a figure, or why there is none."""
    shown = view.areas[view.areas["share"].notna()]
    phrase = measure_phrase(view.measure, challenge_name)
    if shown.empty:
        return t("No area has {n} or more services counted under this filter", n=THRESHOLD)
    names = dict(zip(shown["code"], area_names(shown), strict=True))
    ordered = shown.sort_values(["share", "counted"], ascending=[False, False], kind="stable")
    high, low = ordered.iloc[0], ordered.iloc[-1]
    if len(ordered) == 1:
        return t(
            "{area}: {share} of {phrase}",
            area=names[high["code"]],
            share=f"{high['share']:.0%}",
            phrase=phrase,
        )
    return t(
        "Highest {high} ({high_share}), lowest {low} ({low_share}): {phrase}",
        high=names[high["code"]],
        high_share=f"{high['share']:.0%}",
        low=names[low["code"]],
        low_share=f"{low['share']:.0%}",
        phrase=phrase,
    )


def map_subtitle(view: MapView) -> str:
    return t(
        "{areas}: share of {denominator}. Hatched: fewer than {n} services, not shown as a "
        "figure. White: no services counted.",
        areas=layer_labels()[view.layer],
        denominator=denominator_phrase(view.measure),
        n=THRESHOLD,
    )


def map_figure(view: MapView, challenge_name: str = "", chosen: tuple[str, ...] = ()) -> go.Figure:
    """The map for `view`; `chosen`: ONS codes of areas outlined as chosen."""
    shapes = _shapes(view.layer)
    names = area_names(view.areas)
    data: list[dict[str, Any]] = []
    on_top: list[dict[str, Any]] = []  # the chosen areas' outlines, over their neighbours'
    middles: list[tuple[float, float]] = []
    hovers: list[str] = []
    areas = view.areas
    rows = zip(
        [str(c) for c in areas["code"]],
        [int(v) for v in areas["hit"]],
        [int(v) for v in areas["counted"]],
        [float(v) for v in areas["share"]],
        [bool(v) for v in areas["small"]],
        names,
        strict=True,
    )
    for code, hit, counted, share, small, name in rows:
        xs, ys, middle = shapes[code]
        words = figure_words(hit, counted, small)
        label = f"{escape_label(name)}: {escape_label(words)}"
        trace: dict[str, Any] = {
            "type": "scatter",
            "x": xs,
            "y": ys,
            "mode": "lines",
            "fill": "toself",
            "fillcolor": fill_colour(share, counted, small),
            "line": {
                "color": CHOSEN_EDGE if code in chosen else EDGE,
                "width": 3 if code in chosen else 0.8,
            },
            "hoveron": "fills",
            "hoverinfo": "name",
            "name": label,
            "showlegend": False,
        }
        if small:
            trace["fillpattern"] = {
                "shape": "/",
                "fgcolor": SMALL_LINES,
                "bgcolor": SMALL_FILL,
                "size": 8,
            }
        (on_top if code in chosen else data).append(trace)
        middles.append(middle)
        hovers.append(f"<b>{escape_label(name)}</b><br>{escape_label(words)}")
    data += on_top
    data.append(
        {
            "type": "scatter",
            "x": [x for x, _ in middles],
            "y": [y for _, y in middles],
            "mode": "markers",
            "marker": {
                "size": 9,
                "color": "#FFFFFF",
                "line": {"color": TEXT_COLOUR, "width": 1.5},
            },
            "customdata": list(view.areas["code"]),
            "hovertext": hovers,
            "hovertemplate": "%{hovertext}<extra></extra>",
            "showlegend": False,
            "name": "",
        }
    )
    # the colour scale's key (an invisible point carries it)
    data.append(
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "marker": {
                "color": [0.0],
                "cmin": 0,
                "cmax": 1,
                "colorscale": [[i / (len(SCALE) - 1), colour] for i, colour in enumerate(SCALE)],
                "showscale": True,
                "colorbar": {
                    "tickformat": ".0%",
                    "thickness": 14,
                    "len": 0.6,
                    "outlinewidth": 0,
                    "tickfont": {"color": MUTED_TEXT},
                },
            },
            "hoverinfo": "skip",
            "showlegend": False,
        }
    )
    shape = layout(
        map_title(view, challenge_name),
        height=HEIGHT,
        subtitle=map_subtitle(view),
        xaxis={"visible": False, "scaleanchor": "y", "scaleratio": 1, "fixedrange": False},
        yaxis={"visible": False},
        hovermode="closest",
        dragmode="pan",
    )
    # the slide's and the page's text alternative: the table of areas as shown
    shape["meta"] = {**shape["meta"], "table": shown_table(view).to_dict("records")}
    # built from known properties (as dashboard.common.charts.figure): validating ~25 traces
    # of outlines on every rerun would cost more than the rest of the page
    return go.Figure(data=data, layout=shape, _validate=False)


def chosen_area(selection: dict[str, Any] | None) -> str | None:
    """The ONS code of the area a click chose (a chart selection event's first point with
    an area code in its custom data), or None."""
    points = ((selection or {}).get("selection") or {}).get("points") or []
    for point in points:
        code = point.get("customdata")
        if isinstance(code, list):
            code = code[0] if code else None
        if isinstance(code, str) and code.startswith("W"):
            return code
    return None
