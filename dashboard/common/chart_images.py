"""Chart PNGs at presentation resolution, drawn in one warm Chromium, with a footer under them.

The first export starts a headless browser that stays up for the life of the process
(`chart_browser`); every later image is drawn in that same browser and page, so an export takes
a fraction of a second instead of the seconds a fresh browser needs. The footer's rows are
added to the drawn PNG without decoding it (`png_rows`), and the last charts drawn are kept
(`drawn_charts`): the same chart downloaded again only gets its new footer.
"""

from __future__ import annotations

import functools
import io
import shutil
import threading
from collections.abc import Sequence
from pathlib import Path

import plotly.graph_objects as go
from PIL import Image, ImageDraw, ImageFont

from dashboard.common import png_rows
from dashboard.common.chart_browser import WAIT, ChartBrowser
from dashboard.common.drawn_charts import DrawnCharts, drawing_key
from dashboard.common.i18n import t
from db.settings import get_settings

#: 16:9 at twice the pixel density: sharp on a projector and in a slide deck.
WIDTH, HEIGHT, SCALE = 1600, 900, 2
_lock = threading.Lock()
_browser: ChartBrowser | None = None
#: Charts drawn lately: a second download of one only adds its footer.
drawn = DrawnCharts()


class RendererUnavailable(RuntimeError):
    """No Chromium to draw images with; the message says what to install."""


def chromium_path() -> str | None:
    """The Chromium kaleido should drive: the configured one, else the one on PATH."""
    configured = get_settings().landscape_chromium
    if configured:
        return configured if shutil.which(configured) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def renderer_problem() -> str | None:
    """Why PNG export cannot work here, in words; None when it can."""
    if chromium_path() is None:
        return t(
            "Chart images need Chromium on the server. Install it (Debian: `apt-get install "
            "chromium`) or set LANDSCAPE_CHROMIUM to its path, then restart the app."
        )
    return None


def start_renderer() -> ChartBrowser:
    """The one shared headless browser, started on first use (thread-safe)."""
    global _browser
    with _lock:
        if _browser is None:
            path = chromium_path()
            if path is None:
                raise RendererUnavailable(renderer_problem())
            _browser = ChartBrowser(path)
        return _browser


def stop_renderer() -> None:
    global _browser
    with _lock:
        if _browser is not None:
            _browser.close()
            _browser = None


#: The footer under an exported chart: 13 px type on 19 px lines, in the subtitle's grey, with
#: FOOTER_SIDE px clear at each side.
FOOTER_SIZE, FOOTER_LINE, FOOTER_PAD, FOOTER_SIDE = 13, 19, 12, 10
FOOTER_COLOUR = (0x4A, 0x4F, 0x55)
#: Metric-compatible with Arial, the charts' fallback font; Debian's fonts-liberation.
FOOTER_FONTS = (
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


def footer_height(lines: Sequence[str]) -> int:
    """The height of the footer strip in chart pixels (before the export's scale), for lines
    as drawn (`footer_rows`: already wrapped)."""
    return 2 * FOOTER_PAD + FOOTER_LINE * len(lines) if lines else 0


@functools.lru_cache(maxsize=8)
def _footer_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FOOTER_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def footer_rows(lines: Sequence[str], width: float, scale: float = SCALE) -> list[str]:
    """`lines` wrapped by words to fit an image `width` chart pixels wide (FOOTER_SIDE clear
    at each side), as the footer's type measures them; a word longer than a row is broken."""
    font = _footer_font(round(FOOTER_SIZE * scale))
    room = (width - 2 * FOOTER_SIDE) * scale

    def fits(text: str) -> bool:
        return font.getlength(text) <= room

    rows: list[str] = []
    for line in lines:
        row = ""
        for word in line.split():
            candidate = f"{row} {word}" if row else word
            if fits(candidate):
                row = candidate
                continue
            if row:
                rows.append(row)
            while not fits(word):  # one word wider than the image: break it where it must
                cut = 1
                while cut < len(word) and fits(word[: cut + 1]):
                    cut += 1
                rows.append(word[:cut])
                word = word[cut:]
            row = word
        rows.append(row)
    return rows


def add_footer(png: bytes, lines: Sequence[str], scale: float = SCALE) -> bytes:
    """The image with a strip under it carrying `lines` (filter, source, date) as text,
    wrapped to the image's width (`footer_rows`).

    Drawn under the chart rather than inside it, so it can never run into the chart's legend
    or axis titles, whatever their size. Text is drawn as given (no markup is read).
    """
    if not lines:
        return png
    width, _, _, colour, _ = png_rows.header(png)
    strip = _strip(footer_rows(lines, width / scale, scale), width, scale, colour == 6)
    rows = png_rows.Rows.of(strip.tobytes(), width, len(strip.getbands()))
    if png_rows.fits(png, rows):
        return png_rows.append(png, rows)
    chart = Image.open(io.BytesIO(png))
    framed = Image.new("RGB", (chart.width, chart.height + strip.height), "white")
    framed.paste(chart.convert("RGB"), (0, 0))
    framed.paste(strip.convert("RGB"), (0, chart.height))
    out = io.BytesIO()
    framed.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _strip(rows: Sequence[str], width: int, scale: float, alpha: bool) -> Image.Image:
    """The footer strip: `rows` (wrapped) of text on white, `width` image pixels wide, in the
    image's own mode."""
    height = round(footer_height(rows) * scale)
    strip = Image.new("RGBA" if alpha else "RGB", (width, height), "white")
    draw = ImageDraw.Draw(strip)
    font = _footer_font(round(FOOTER_SIZE * scale))
    for number, row in enumerate(rows):
        y = round((FOOTER_PAD + FOOTER_LINE * number) * scale)
        draw.text((round(FOOTER_SIDE * scale), y), row, fill=FOOTER_COLOUR, font=font)
    return strip


def figure_png(
    fig: go.Figure,
    footer: Sequence[str] = (),
    height: int | None = None,
    width: int = WIDTH,
    scale: float = SCALE,
) -> bytes:
    """The figure as PNG bytes, 3200 x 1800 px (16:9) by default, with the footer under it.

    The whole image, footer included, is `height` (by default HEIGHT, whatever the figure's own
    height: the chart is laid out in what the footer leaves). A smaller `width` at a larger
    `scale` gives the same pixels with larger type (for slides).
    """
    browser = start_renderer()
    rows = footer_rows(footer, width, scale)
    figure, chart_height = fig.to_dict(), (height or HEIGHT) - footer_height(rows)
    drawing = drawn.drawing(
        drawing_key(figure, width, chart_height, scale),
        lambda: browser.submit(figure, width, chart_height, scale),
    )
    if not footer:
        return drawing.result(WAIT)
    # the footer does not depend on the chart: it is drawn and deflated while the browser draws
    # (the browser's page draws Chromium's PNG as RGBA)
    strip = _strip(rows, round(width * scale), scale, alpha=True)
    added = png_rows.Rows.of(strip.tobytes(), strip.width, 4)
    png = drawing.result(WAIT)
    if png_rows.fits(png, added):
        return png_rows.append(png, added)
    return add_footer(png, footer, scale)
