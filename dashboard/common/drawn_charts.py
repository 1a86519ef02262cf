"""The charts drawn lately, by what was drawn: a second download of the same chart, from any
session, only adds its footer (the footer carries the time, so whole images are not kept).

A chart being drawn is shared too: sessions asking for the same chart at once wait for one
drawing. A drawing that failed is forgotten, so the next request draws again.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from plotly.utils import PlotlyJSONEncoder

#: How many drawn charts are kept: about 0.4 to 0.7 MB each at 3200 x 1800.
KEPT = 8


def drawing_key(figure: dict[str, Any], width: int, height: int, scale: float) -> str:
    """What identifies a drawing: the figure as plotly.js receives it, and the image's size."""
    spec = json.dumps([figure, width, height, scale], cls=PlotlyJSONEncoder)
    return hashlib.blake2b(spec.encode(), digest_size=20).hexdigest()


class DrawnCharts:
    """The last KEPT drawings (their futures), by `drawing_key` (thread-safe)."""

    def __init__(self, kept: int = KEPT) -> None:
        self._kept = kept
        self._drawings: OrderedDict[str, Future[bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def drawing(self, key: str, draw: Callable[[], Future[bytes]]) -> Future[bytes]:
        """The drawing kept under `key`, finished or on its way; else `draw()`, kept."""
        with self._lock:
            kept = self._drawings.get(key)
            if kept is not None and not _failed(kept):
                self._drawings.move_to_end(key)
                return kept
            future = draw()
            self._drawings[key] = future
            while len(self._drawings) > self._kept:
                self._drawings.popitem(last=False)
        future.add_done_callback(lambda done: self._forget_if_failed(key, done))
        return future

    def clear(self) -> None:
        with self._lock:
            self._drawings.clear()

    def __len__(self) -> int:
        return len(self._drawings)

    def _forget_if_failed(self, key: str, done: Future[bytes]) -> None:
        if _failed(done):
            with self._lock:
                if self._drawings.get(key) is done:
                    del self._drawings[key]


def _failed(future: Future[bytes]) -> bool:
    return future.done() and (future.cancelled() or future.exception() is not None)
