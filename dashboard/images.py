"""Chart PNGs at presentation resolution, rendered by kaleido in one warm Chromium.

The first export starts a headless browser that stays up for the life of the process; every
later image is drawn in that same browser, so an export takes a fraction of a second instead of
the seconds a fresh browser needs.
"""

from __future__ import annotations

import shutil
import threading
import warnings
from collections.abc import Sequence

import kaleido
import plotly.graph_objects as go
import plotly.io as pio

from db.settings import get_settings

#: 16:9 at twice the pixel density: sharp on a projector and in a slide deck.
WIDTH, HEIGHT, SCALE = 1600, 900, 2
_lock = threading.Lock()
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
        return (
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


def with_footer(fig: go.Figure, lines: Sequence[str]) -> go.Figure:
    """A copy of `fig` with source lines under the plot, so a pasted image explains itself."""
    framed = go.Figure(fig)
    if not lines:
        return framed
    # room for the axis title above the footer, and a little air at the edges of a slide
    bottom = 80 + 20 * len(lines)
    margin = framed.layout.margin
    framed.update_layout(
        margin={
            "l": max(margin.l or 0, 40),
            "r": max(margin.r or 0, 40),
            "t": margin.t,
            "b": bottom,
        }
    )
    framed.add_annotation(
        text="<br>".join(_escape(line) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-bottom + 8,
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": 12, "color": "#4A4F55"},
    )
    return framed


def _escape(text: str) -> str:
    """Plotly reads a small HTML subset in annotations; show user text as text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def figure_png(
    fig: go.Figure,
    footer: Sequence[str] = (),
    height: int | None = None,
    width: int = WIDTH,
    scale: float = SCALE,
) -> bytes:
    """The figure as PNG bytes (3200 px wide by default), with the footer lines under it.

    A smaller `width` at a larger `scale` gives the same pixels with larger type (for slides).
    """
    start_renderer()
    framed = with_footer(fig, footer)
    tall = max(HEIGHT, (framed.layout.height or 0) + (framed.layout.margin.b or 0))
    with warnings.catch_warnings():
        # plotly notes that per-call browser options are unused with a running server: expected
        warnings.filterwarnings("ignore", message="The kopts argument", category=UserWarning)
        return pio.to_image(
            framed, format="png", width=width, height=height or tall, scale=scale, validate=False
        )
