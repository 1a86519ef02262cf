"""Chart PNGs: real images from kaleido in the system Chromium, one warm browser for all."""

from __future__ import annotations

import io
import os
import struct
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image

from dashboard.common import chart_browser, chart_images, png_rows
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


def _pixels(png: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(png))
    image.load()
    return np.asarray(image.convert("RGBA"))


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
    monkeypatch.setattr(chart_images, "_browser", None)
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


FOOTER = ["Filter: Sector: Iechyd · Digitisation level: 0, 1", "Source: demo · Drawn 2026-12-07"]


def test_the_footer_is_added_without_recompressing_the_chart(renderer) -> None:  # type: ignore[no-untyped-def]
    """The browser's PNG ends its stream flushed, so the footer's rows are appended to it:
    the same pixels as the chart and the footer strip decoded and put together."""
    browser = chart_images.start_renderer()
    fig = _figure()
    rows = chart_images.footer_rows(FOOTER, chart_images.WIDTH)
    height = chart_images.HEIGHT - chart_images.footer_height(rows)
    chart = browser.draw(fig.to_dict(), chart_images.WIDTH, height, chart_images.SCALE)
    data = [body for kind, body in png_rows._chunks(chart) if kind == b"IDAT"]
    assert png_rows.ends_flushed(data), "Chromium's PNG no longer ends the way png_rows expects"
    png = figure_png(fig, FOOTER)
    stream = b"".join(body for kind, body in png_rows._chunks(png) if kind == b"IDAT")
    assert stream.startswith(b"".join(data)[:-6])  # the chart's compressed bytes, as they were
    zlib.decompress(stream)  # the whole stream and its checksum are valid
    strip = chart_images._strip(rows, chart_images.WIDTH * 2, chart_images.SCALE, alpha=True)
    expected = np.concatenate([_pixels(chart), np.asarray(strip)])
    assert np.array_equal(_pixels(png), expected)


def test_warm_drawings_keep_the_page_and_match_a_fresh_one(renderer) -> None:  # type: ignore[no-untyped-def]
    """Drawings follow each other in one page without reloading it, and a chart drawn after
    others has the very pixels of the same chart drawn first in a new browser."""
    import pandas as pd

    from dashboard.common.charts import heat_map

    browser = chart_images.start_renderer()
    other = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2], name="ŵ"))
    table = pd.DataFrame([[0.1, 0.9], [0.5, 0.3]], index=["a", "b"], columns=["x", "y"])
    heat = heat_map(table, "Heat", subtitle="share").to_dict()
    drawn, reloaded = browser.drawn, browser.reloaded
    browser.draw(other.to_dict(), 800, 450, 1)
    browser.draw(_figure().to_dict(), 800, 450, 1)
    warm = browser.draw(heat, 800, 450, 1)
    assert (browser.drawn, browser.reloaded) == (drawn + 3, reloaded)
    fresh = chart_browser.ChartBrowser(chart_images.chromium_path() or "chromium")
    try:
        first = fresh.draw(heat, 800, 450, 1)
    finally:
        fresh.close()
    assert np.array_equal(_pixels(warm), _pixels(first))


def test_a_failed_drawing_reloads_the_page_and_the_next_one_works(renderer) -> None:  # type: ignore[no-untyped-def]
    browser = chart_images.start_renderer()
    reloaded = browser.reloaded
    broken = {"data": 5, "layout": {}}  # plotly.js refuses it
    with pytest.raises(Exception, match="non-array figure data"):
        browser.draw(broken, 300, 200, 1)
    png = browser.draw(_figure().to_dict(), 300, 200, 1)
    assert _size(png) == (300, 200)
    assert browser.reloaded == reloaded + 1


def test_the_page_is_reloaded_now_and_then(renderer, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    browser = chart_images.start_renderer()
    monkeypatch.setattr(chart_browser, "RELOAD_EVERY", 2)
    reloaded = browser.reloaded
    sizes = {_size(browser.draw(_figure().to_dict(), 300 + n, 200, 1)) for n in range(4)}
    assert sizes == {(300 + n, 200) for n in range(4)}
    assert browser.reloaded - reloaded in (1, 2)  # every other drawing; the last one may run on


def test_a_chart_downloaded_again_only_gets_its_new_footer(renderer) -> None:  # type: ignore[no-untyped-def]
    browser = chart_images.start_renderer()
    fig = go.Figure(go.Bar(x=[1, 2, 3], y=[2, 7, 1]))  # a chart no other test draws
    first = figure_png(fig, ["Filter: none", "Drawn 10:00"], width=500, height=300, scale=1)
    drawn = browser.drawn
    again = figure_png(fig, ["Filter: none", "Drawn 10:01"], width=500, height=300, scale=1)
    assert browser.drawn == drawn  # not drawn again
    chart_rows = 300 - chart_images.footer_height(["Filter: none", "Drawn 10:01"])
    assert np.array_equal(_pixels(first)[:chart_rows], _pixels(again)[:chart_rows])
    assert not np.array_equal(_pixels(first)[chart_rows:], _pixels(again)[chart_rows:])
    fig.update_traces(y=[2, 7, 2])
    figure_png(fig, ["Filter: none", "Drawn 10:01"], width=500, height=300, scale=1)
    assert browser.drawn == drawn + 1  # another chart: drawn
