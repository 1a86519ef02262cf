"""The ranking chart's PNG: 3200 x 1800 (16:9) however many bars, the filter-and-weights footer
wrapped inside the image, service names wrapped whole instead of cut."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from dashboard.common import chart_images
from dashboard.common.charts import fit_width
from dashboard.prioritise.figures import priority_figure
from tests.conftest import unavailable
from tests.test_ranking_fit import WEIGHTS, _top

#: A filter line as long as a real one with four filters and the weights.
LONG_FILTER = (
    "Filter: Sector: Health, Local government, Fire and rescue · Digitisation level: 0, 1, 2 · "
    "Challenge theme: Cyber security, Legacy systems, Information governance and data "
    "sharing · Weights: Reach 3, Digital gap 2, Pain 2, Data gaps 1, Cost 1; a missing part is "
    "estimated from the median of the matching services"
)
FOOTER = [LONG_FILTER, "Source: demo data (invented) · Drawn 2026-12-06 21:00 UTC"]


@pytest.fixture
def renderer() -> None:
    if chart_images.renderer_problem():
        unavailable("Chromium is not installed")


def test_footer_rows_wrap_to_the_image_width() -> None:
    rows = chart_images.footer_rows(FOOTER, chart_images.WIDTH)
    assert len(rows) > len(FOOTER)  # the filter line took more than one row
    font = chart_images._footer_font(round(chart_images.FOOTER_SIZE * chart_images.SCALE))
    room = (chart_images.WIDTH - 2 * chart_images.FOOTER_SIDE) * chart_images.SCALE
    assert all(font.getlength(row) <= room for row in rows)
    assert " ".join(rows).split() == " ".join(FOOTER).split()  # every word, in order


def test_a_word_wider_than_the_image_is_broken_not_lost() -> None:
    word = "x" * 400
    rows = chart_images.footer_rows([word], 400, scale=1)
    assert len(rows) > 1 and "".join(rows) == word


def test_the_footer_strip_holds_every_row() -> None:
    chart = Image.new("RGBA", (400, 200), "white")
    buffer = io.BytesIO()
    chart.save(buffer, format="PNG")
    framed = Image.open(io.BytesIO(chart_images.add_footer(buffer.getvalue(), FOOTER, scale=1)))
    rows = chart_images.footer_rows(FOOTER, 400, scale=1)
    assert framed.size == (400, 200 + chart_images.footer_height(rows))
    strip = framed.convert("L").crop((0, 200, 400, framed.height))
    # text on the last row, and nothing drawn in the clear margin at the right edge
    last = strip.crop(
        (0, strip.height - chart_images.FOOTER_PAD - chart_images.FOOTER_LINE, 400, strip.height)
    )
    assert last.getextrema()[0] < 128
    edge = strip.crop((400 - chart_images.FOOTER_SIDE + 2, 0, 400, strip.height))
    assert edge.getextrema() == (255, 255)


def test_the_ranking_png_is_16_by_9_with_its_footer_inside(renderer) -> None:  # type: ignore[no-untyped-def]
    fig = fit_width(priority_figure(_top(), WEIGHTS, ranked=402), chart_images.WIDTH)
    assert fig.layout.height > chart_images.HEIGHT  # the figure alone is taller than 16:9
    png = chart_images.figure_png(fig, FOOTER)
    image = Image.open(io.BytesIO(png)).convert("L")
    assert image.size == (3200, 1800)
    scale = chart_images.SCALE
    rows = chart_images.footer_rows(FOOTER, chart_images.WIDTH)
    assert len(rows) >= 3
    top = image.height - round(chart_images.footer_height(rows) * scale)
    # every footer row carries text, the last one included: nothing is cut at the bottom
    for number in range(len(rows)):
        y = top + round((chart_images.FOOTER_PAD + chart_images.FOOTER_LINE * number) * scale)
        band = image.crop((0, y, image.width, y + round(chart_images.FOOTER_LINE * scale)))
        assert band.getextrema()[0] < 128, f"footer row {number} is blank"
    # and nothing reaches the right edge
    edge = image.crop(
        (image.width - round(chart_images.FOOTER_SIDE * scale) + 4, top, image.width, image.height)
    )
    assert edge.getextrema() == (255, 255)


def test_the_ranking_png_wraps_names_instead_of_cutting_them() -> None:
    fig = fit_width(priority_figure(_top(), WEIGHTS, ranked=402), chart_images.WIDTH)
    labels = [re.sub(r"<[^>]+>", "", t.replace("<br>", " ")) for t in fig.layout.yaxis.ticktext]
    assert not any("…" in label for label in labels)
    assert labels[0].startswith(
        "1. Apply for a concessionary travel pass for older and disabled people across Wales"
    )
