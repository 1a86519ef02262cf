"""Chart PNGs: real images from kaleido in the system Chromium, one warm browser for all."""

from __future__ import annotations

import io
import os
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import plotly.graph_objects as go
import pytest
from PIL import Image

from dashboard.common import chart_images
from dashboard.common.chart_images import figure_png
from dashboard.common.charts import stacked_bars
from db.settings import get_settings
from tests.conftest import unavailable

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def renderer() -> Iterator[None]:
    if chart_images.renderer_problem():
        unavailable("Chromium is not installed")
    yield


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def _chromium_children() -> set[int]:
    """Chromium processes started by this test process (the kaleido browser and its helpers)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == os.getpid() and b"chrom" in command:
            found.add(int(entry.name))
    return found


def _figure() -> go.Figure:
    import pandas as pd

    table = pd.DataFrame(
        {"Low": [3, 1], "High": [2, 5]}, index=["Cyngor Gwynedd", "Bwrdd Iechyd ŷ ŵ"]
    )
    return stacked_bars(table, "A finding in words", subtitle="What is plotted")


def test_png_is_a_real_image_at_presentation_resolution(renderer) -> None:  # type: ignore[no-untyped-def]
    png = chart_images.figure_png(_figure(), ["Filter: none (all services)", "Source: demo"])
    width, height = _size(png)
    assert (width, height) == (
        chart_images.WIDTH * chart_images.SCALE,
        chart_images.HEIGHT * chart_images.SCALE,
    )
    assert len(png) > 20_000  # a drawn chart, not a blank canvas


def test_one_warm_browser_serves_every_export(renderer) -> None:  # type: ignore[no-untyped-def]
    chart_images.figure_png(_figure())
    browsers = _chromium_children()
    assert browsers, "kaleido should run Chromium as a child of this process"
    for _ in range(3):
        chart_images.figure_png(_figure())
    assert _chromium_children() == browsers


def test_tall_charts_keep_the_presentation_size(renderer) -> None:  # type: ignore[no-untyped-def]
    fig = _figure()
    fig.update_layout(height=1200)
    assert _size(chart_images.figure_png(fig, ["one line"])) == (
        chart_images.WIDTH * chart_images.SCALE,
        chart_images.HEIGHT * chart_images.SCALE,
    )


def test_footer_is_drawn_under_the_chart_not_over_it() -> None:
    import io

    from PIL import Image

    chart = Image.new("RGB", (400, 200), "white")
    buffer = io.BytesIO()
    chart.save(buffer, format="PNG")
    lines = ["Hidlydd: Sector: Iechyd", "Ffynhonnell: <b>demo</b> & ŵ ŷ"]
    framed = Image.open(io.BytesIO(chart_images.add_footer(buffer.getvalue(), lines, scale=1)))
    assert framed.size == (400, 200 + chart_images.footer_height(lines))
    # the chart's pixels are untouched; the strip under it carries text (dark pixels)
    assert framed.crop((0, 0, 400, 200)).getextrema() == ((255, 255),) * 3
    strip = framed.crop((0, 200, 400, framed.height)).convert("L")
    assert strip.getextrema()[0] < 128
    assert chart_images.add_footer(buffer.getvalue(), []) == buffer.getvalue()


def test_footer_keeps_the_presentation_size(renderer) -> None:  # type: ignore[no-untyped-def]
    png = chart_images.figure_png(_figure(), ["one", "two", "three"])
    assert _size(png) == (
        chart_images.WIDTH * chart_images.SCALE,
        chart_images.HEIGHT * chart_images.SCALE,
    )


def test_missing_chromium_is_explained_not_crashed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANDSCAPE_CHROMIUM", "/nowhere/chromium")
    get_settings.cache_clear()
    problem = chart_images.renderer_problem()
    assert problem is not None and "LANDSCAPE_CHROMIUM" in problem
    monkeypatch.setattr(chart_images, "_started", False)
    with pytest.raises(chart_images.RendererUnavailable, match="Install it"):
        chart_images.start_renderer()


def test_sessions_exporting_at_once_each_get_their_own_image(renderer) -> None:  # type: ignore[no-untyped-def]
    """Several sessions press "Download PNG" at the same moment on one shared browser."""
    wrong: list[tuple[int, int]] = []

    def export(number: int) -> None:
        for attempt in range(3):
            width = 300 + 40 * number
            figure = go.Figure(go.Bar(x=[1, 2], y=[number, attempt]))
            png = figure_png(figure, width=width, height=300, scale=1)
            drawn = Image.open(io.BytesIO(png)).size[0]
            if drawn != width:
                wrong.append((width, drawn))

    threads = [threading.Thread(target=export, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
