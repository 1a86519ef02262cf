"""Chart PNGs at presentation resolution, rendered by kaleido in one warm Chromium.

The first export starts a headless browser that stays up for the life of the process; every
later image is drawn in that same browser, so an export takes a fraction of a second instead of
the seconds a fresh browser needs.
"""

from __future__ import annotations

import functools
import io
import shutil
import struct
import threading
import warnings
import zlib
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
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


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
    width, _, depth, colour, interlace = _header(png)
    rows = footer_rows(lines, width / scale, scale)
    strip = _strip(width, round(footer_height(rows) * scale), rows, scale, colour == 6)
    if depth == 8 and colour in (2, 6) and interlace == 0:
        return _append_rows(png, strip)
    chart = Image.open(io.BytesIO(png))
    framed = Image.new("RGB", (chart.width, chart.height + strip.height), "white")
    framed.paste(chart.convert("RGB"), (0, 0))
    framed.paste(strip.convert("RGB"), (0, chart.height))
    out = io.BytesIO()
    framed.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _header(png: bytes) -> tuple[int, int, int, int, int]:
    """Width, height, bit depth, colour type and interlace method from a PNG's IHDR."""
    if png[:8] != PNG_SIGNATURE or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", png[16:29])
    return width, height, depth, colour, interlace


def _strip(width: int, height: int, rows: Sequence[str], scale: float, alpha: bool) -> Image.Image:
    """The footer strip: `rows` of text on white, in the image's own mode."""
    strip = Image.new("RGBA" if alpha else "RGB", (width, height), "white")
    draw = ImageDraw.Draw(strip)
    font = _footer_font(round(FOOTER_SIZE * scale))
    for number, row in enumerate(rows):
        y = round((FOOTER_PAD + FOOTER_LINE * number) * scale)
        draw.text((round(FOOTER_SIDE * scale), y), row, fill=FOOTER_COLOUR, font=font)
    return strip


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _append_rows(png: bytes, strip: Image.Image) -> bytes:
    """`png` (8-bit RGB or RGBA, not interlaced) with `strip`'s rows added under it.

    The chart's rows are kept as the browser filtered them: only the stream is inflated, the
    strip's rows appended (unfiltered) and the whole deflated once at the fastest level, which
    takes about half the time of decoding and encoding the image again.
    """
    width, height = _header(png)[:2]
    before: list[bytes] = []
    after: list[bytes] = []
    data: list[bytes] = []
    position = 8
    while position < len(png):
        (size,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        body = png[position + 8 : position + 8 + size]
        position += 12 + size
        if kind == b"IDAT":
            data.append(body)
        elif kind not in (b"IHDR", b"IEND"):
            (after if data else before).append(_chunk(kind, body))
    stride = width * len(strip.getbands())
    pixels = strip.tobytes()
    added = b"".join(
        b"\x00" + pixels[row * stride : (row + 1) * stride] for row in range(strip.height)
    )
    stream = zlib.compress(zlib.decompress(b"".join(data)) + added, 1)
    header = struct.pack(">II", width, height + strip.height) + png[24:29]
    return b"".join(
        [
            PNG_SIGNATURE,
            _chunk(b"IHDR", header),
            *before,
            _chunk(b"IDAT", stream),
            *after,
            _chunk(b"IEND", b""),
        ]
    )


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
    start_renderer()
    strip = footer_height(footer_rows(footer, width, scale))
    total = height or HEIGHT
    with _drawing, warnings.catch_warnings():
        # plotly notes that per-call browser options are unused with a running server: expected
        warnings.filterwarnings("ignore", message="The kopts argument", category=UserWarning)
        png = pio.to_image(
            fig, format="png", width=width, height=total - strip, scale=scale, validate=False
        )
    return add_footer(png, footer, scale)
