"""Chart PNGs at presentation resolution, rendered by kaleido in one warm Chromium.

The first export starts a headless browser that stays up for the life of the process; every
later image is drawn in that same browser, so an export takes a fraction of a second instead of
the seconds a fresh browser needs.
"""

from __future__ import annotations

import io
import shutil
import threading
import warnings
from collections.abc import Sequence
from pathlib import Path

import kaleido
import plotly.graph_objects as go
import plotly.io as pio
from PIL import Image, ImageDraw, ImageFont

from dashboard.common.i18n import t
from db.settings import get_settings

#: 16:9 at twice the pixel density: sharp on a projector and in a slide deck.
WIDTH, HEIGHT, SCALE = 1600, 900, 2
_lock = threading.Lock()
#: kaleido's shared server answers calls through one queue: two sessions exporting at the same
#: moment got each other's images. One drawing at a time (about 0.2 s each, warm).
_drawing = threading.Lock()
_started = False


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


def start_renderer() -> None:
    """Start the one shared headless browser (idempotent, thread-safe)."""
    global _started
    with _lock:
        if _started:
            return
        path = chromium_path()
        if path is None:
            raise RendererUnavailable(renderer_problem())
        # no MathJax: the charts carry no formulas, and it would be fetched from the internet
        kaleido.start_sync_server(path=path, mathjax=False, silence_warnings=True)
        _started = True


def stop_renderer() -> None:
    global _started
    with _lock:
        if _started:
            kaleido.stop_sync_server(silence_warnings=True)
            _started = False


#: The footer under an exported chart: 13 px type on 19 px lines, in the subtitle's grey.
FOOTER_SIZE, FOOTER_LINE, FOOTER_PAD = 13, 19, 12
FOOTER_COLOUR = (0x4A, 0x4F, 0x55)
#: Metric-compatible with Arial, the charts' fallback font; Debian's fonts-liberation.
FOOTER_FONTS = (
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


def footer_height(lines: Sequence[str]) -> int:
    """The height of the footer strip in chart pixels (before the export's scale)."""
    return 2 * FOOTER_PAD + FOOTER_LINE * len(lines) if lines else 0


def _footer_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FOOTER_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def add_footer(png: bytes, lines: Sequence[str], scale: float = SCALE) -> bytes:
    """The image with a strip under it carrying `lines` (filter, source, date) as text.

    Drawn under the chart rather than inside it, so it can never run into the chart's legend
    or axis titles, whatever their size. Text is drawn as given (no markup is read).
    """
    if not lines:
        return png
    chart = Image.open(io.BytesIO(png))
    strip = round(footer_height(lines) * scale)
    framed = Image.new("RGB", (chart.width, chart.height + strip), "white")
    framed.paste(chart.convert("RGB"), (0, 0))
    draw = ImageDraw.Draw(framed)
    font = _footer_font(round(FOOTER_SIZE * scale))
    for number, line in enumerate(lines):
        y = chart.height + round((FOOTER_PAD + FOOTER_LINE * number) * scale)
        draw.text((round(10 * scale), y), line, fill=FOOTER_COLOUR, font=font)
    out = io.BytesIO()
    # the fastest compression: a third of the time of the default for a file of ~0.1 MB
    framed.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def figure_png(
    fig: go.Figure,
    footer: Sequence[str] = (),
    height: int | None = None,
    width: int = WIDTH,
    scale: float = SCALE,
) -> bytes:
    """The figure as PNG bytes (3200 x 1800 px by default), with the footer lines under it.

    The whole image, footer included, is `height` (or 16:9, taller for a tall chart). A
    smaller `width` at a larger `scale` gives the same pixels with larger type (for slides).
    """
    start_renderer()
    strip = footer_height(footer)
    total = height or max(HEIGHT, (fig.layout.height or 0) + strip)
    with _drawing, warnings.catch_warnings():
        # plotly notes that per-call browser options are unused with a running server: expected
        warnings.filterwarnings("ignore", message="The kopts argument", category=UserWarning)
        png = pio.to_image(
            fig, format="png", width=width, height=total - strip, scale=scale, validate=False
        )
    return add_footer(png, footer, scale)
