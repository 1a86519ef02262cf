"""Chart text reads on what is behind it (WCAG 2.2 AA, 4.5:1), and colour is never the only
thing that tells the parts of a chart apart."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import slide_sources
from dashboard.common import charts
from dashboard.common.charts import (
    MIN_TEXT_CONTRAST,
    PATTERNS,
    SEQUENTIAL,
    contrast_ratio,
    heat_map,
    label_colour,
    relative_luminance,
    scale_colour,
    stacked_bars,
    stripe_colour,
)
from dashboard.overview import figures as overview_figures
from dashboard.present import sequence
from dashboard.prioritise import figures as priority_figures
from dashboard.themes import figures as themes_figures
from tests.test_deck import inputs  # noqa: F401  (the demo data's slide inputs)

#: Every set of fills the theme puts values on.
FILL_SETS = {
    "PALETTE": charts.PALETTE,
    "SEQUENTIAL": charts.SEQUENTIAL,
    "LEVEL_COLOURS": charts.LEVEL_COLOURS,
    "SEVERITY_COLOURS": charts.SEVERITY_COLOURS,
    "AVAILABILITY_COLOURS": charts.AVAILABILITY_COLOURS,
    "ASSESSMENT_COLOURS": charts.ASSESSMENT_COLOURS,
    "PROGRESS_COLOURS": charts.PROGRESS_COLOURS,
    "NOT_RATED_COLOUR": (themes_figures.NOT_RATED_COLOUR,),
    "DENSITY_GREYS": priority_figures.DENSITY_GREYS,
}
FILLS = sorted({colour for colours in FILL_SETS.values() for colour in colours})
SPAN = re.compile(r"<span style='color:(#[0-9A-F]{6})'>")


def test_contrast_ratio_follows_the_wcag_formula() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21)  # either order
    assert contrast_ratio("#0072B2", "#0072B2") == pytest.approx(1)
    assert relative_luminance("#FFFFFF") == pytest.approx(1)
    assert relative_luminance("#808080") == pytest.approx(0.2159, abs=1e-4)
    # WebAIM's reference pairs: the lightest grey that passes on white, and the review's case
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#FFFFFF", "#009E73") == pytest.approx(3.42, abs=0.01)


@pytest.mark.parametrize("fill", FILLS)
def test_a_value_printed_on_any_fill_of_the_theme_reads(fill: str) -> None:
    label = label_colour(fill)
    assert contrast_ratio(label, fill) >= MIN_TEXT_CONTRAST
    # and on the lines of the fill pattern that stacked segments carry
    assert contrast_ratio(label, stripe_colour(fill, label)) >= MIN_TEXT_CONTRAST


def test_green_gets_dark_labels_and_dark_blue_white_ones() -> None:
    assert label_colour("#009E73") != charts.WHITE
    assert label_colour("#08306B") == charts.WHITE


@pytest.mark.parametrize("step", SEQUENTIAL)
def test_every_step_of_the_heat_map_scale_reads(step: str) -> None:
    assert contrast_ratio(label_colour(step), step) >= MIN_TEXT_CONTRAST


def test_every_shade_between_the_heat_map_steps_reads() -> None:
    for hundredth in range(101):
        shade = scale_colour(hundredth / 100, 0, 1, SEQUENTIAL)
        assert contrast_ratio(label_colour(shade), shade) >= MIN_TEXT_CONTRAST, hundredth
    assert scale_colour(0, 0, 1, SEQUENTIAL) == SEQUENTIAL[0]
    assert scale_colour(1, 0, 1, SEQUENTIAL) == SEQUENTIAL[-1]
    assert scale_colour(0.5, 0, 1, SEQUENTIAL) == SEQUENTIAL[2]


def test_text_on_the_page_background_reads() -> None:
    layout = charts.layout("A finding", subtitle="What is plotted")
    background = layout["paper_bgcolor"]
    assert layout["plot_bgcolor"] == background == "#FFFFFF"
    colours = [layout["font"]["color"], layout["title"]["subtitle"]["font"]["color"]]
    colours.append(charts.MUTED_TEXT)
    # the base template sets no other text colour that would win over the theme's
    template_fonts = re.findall(r"'font': \{[^}]*'color': '([^']+)'", str(charts.TEMPLATE))
    assert all(c.startswith("#") for c in template_fonts)
    for colour in colours:
        assert contrast_ratio(colour, background) >= MIN_TEXT_CONTRAST, colour


def _table(columns: int) -> pd.DataFrame:
    return pd.DataFrame(
        {f"Part {n}": [3 + n, 10 + n] for n in range(columns)}, index=["Health", "Local"]
    )


@pytest.mark.parametrize(("name", "colours"), list(FILL_SETS.items()))
def test_stacked_segments_read_and_differ_in_more_than_colour(name, colours) -> None:  # type: ignore[no-untyped-def]
    columns = max(len(colours), 2)
    fig = stacked_bars(_table(columns), "A finding", colours=colours).to_plotly_json()
    bars = fig["data"]
    shapes = [bar["marker"]["pattern"]["shape"] for bar in bars]
    assert len(set(shapes)) == len(bars), "each segment has a pattern of its own"
    assert set(shapes) <= set(PATTERNS)
    for bar in bars:
        fill = bar["marker"]["color"]
        text = bar["insidetextfont"]["color"]
        assert contrast_ratio(text, fill) >= MIN_TEXT_CONTRAST, (name, fill)
        if bar["marker"]["pattern"]["shape"]:
            stripes = bar["marker"]["pattern"]["fgcolor"]
            assert contrast_ratio(text, stripes) >= MIN_TEXT_CONTRAST, (name, fill)
        assert bar["name"] in bar["hovertemplate"], "hover names the segment"


def test_heat_map_cell_text_takes_the_colour_that_reads_on_its_cell() -> None:
    shares = pd.DataFrame(
        {"Cost": [0.0, 0.35, 0.62], "Users": [0.81, 1.0, float("nan")]}, index=["A", "B", "C"]
    )
    counts = pd.DataFrame({"Cost": [0, 7, 12], "Users": [30, 4, 0]}, index=shares.index)
    trace = heat_map(shares, "Where figures are given", counts=counts).to_plotly_json()["data"][0]
    assert (trace["zmin"], trace["zmax"]) == (0, 1)  # fixed, so each cell's shade is known
    seen = set()
    for row, texts in zip(shares.to_numpy(), trace["text"], strict=True):
        for value, text in zip(row, texts, strict=True):
            if value != value:
                assert text == ""
                continue
            shade = scale_colour(value, 0, 1, SEQUENTIAL)
            colours = SPAN.findall(text)
            assert len(colours) == 2  # the share and the count, each coloured
            for colour in colours:
                assert contrast_ratio(colour, shade) >= MIN_TEXT_CONTRAST, (value, colour)
            seen.update(colours)
    assert charts.WHITE in seen and len(seen) == 2  # dark cells white, light ones dark


def test_heat_map_of_counts_fixes_its_scale_too() -> None:
    table = pd.DataFrame({"a": [0.0, 12.0], "b": [40.0, 3.0]}, index=["x", "y"])
    trace = heat_map(table, "Counts", percent=False).to_plotly_json()["data"][0]
    assert (trace["zmin"], trace["zmax"]) == (0, 40.0)
    top = SPAN.findall(trace["text"][0][1])[0]
    assert contrast_ratio(top, SEQUENTIAL[-1]) >= MIN_TEXT_CONTRAST


def _inside_text_problems(fig) -> list[str]:  # type: ignore[no-untyped-def]
    problems = []
    for trace in fig.to_plotly_json()["data"]:
        if trace.get("type") != "bar" or not trace.get("text"):
            continue
        if trace.get("textposition", "auto") not in ("inside", "auto"):
            continue
        fills = trace["marker"]["color"]
        texts = trace.get("insidetextfont", {}).get("color")
        fills = [fills] if isinstance(fills, str) else fills
        texts = [texts] * len(fills) if isinstance(texts, str) or texts is None else texts
        pattern = trace["marker"].get("pattern") or {}
        for fill, text in zip(fills, texts, strict=True):
            behind = [fill] + ([pattern["fgcolor"]] if pattern.get("shape") else [])
            if text is None or min(contrast_ratio(text, b) for b in behind) < MIN_TEXT_CONTRAST:
                problems.append(f"{trace.get('name')}: {text} on {behind}")
    return problems


def test_every_chart_of_the_slides_prints_readable_values(inputs) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """The Overview, Insight and Present charts on the demo data, through the same theme."""
    figures = [s.figure for s in slide_sources.build(sequence.DEFAULT_ORDER, inputs) if s.figure]
    figures.append(overview_figures.sector_level_figure(inputs.overview.levels, shares=True))
    assert len(figures) >= 8
    problems = [p for fig in figures for p in _inside_text_problems(fig)]
    assert problems == []


def test_a_hatched_part_keeps_its_label_readable() -> None:
    """A chart's own pattern (the Prioritise chart hatches estimates in white): its lines move
    away from the label's colour where they would hide it."""
    fig = charts.figure(
        [
            {
                "type": "bar",
                "x": [0.4],
                "y": ["a"],
                "text": ["≈0.40"],
                "textposition": "inside",
                "marker": {
                    "color": "#009E73",
                    "pattern": {"shape": "/", "fgcolor": "#FFFFFF", "solidity": 0.35},
                },
            }
        ],
        charts.layout("A finding"),
    )
    assert _inside_text_problems(fig) == []
    bar = fig.to_plotly_json()["data"][0]
    assert bar["marker"]["pattern"]["shape"] == "/"  # the meaning stays
    assert bar["marker"]["pattern"]["solidity"] == 0.35
