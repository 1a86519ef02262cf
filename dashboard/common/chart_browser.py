"""The headless Chromium that draws chart images: one page, kept warm between drawings.

kaleido's own sync server reloads its page after every image, before it hands the image back:
0.2 s on every export, and the next drawing then starts with plotly.js cold (a further 0.05 to
0.1 s). Here the page is kept: plotly.js draws each figure in a fresh element and removes it,
and a drawing that failed (or every RELOAD_EVERY drawings) has the page reloaded in the
background, after its answer is back; the next drawing waits for the reload to finish.

Each call gets its own answer (a future on the browser's event loop), so sessions drawing at
once cannot receive each other's images; kaleido hands its one page to one drawing at a time.
"""

from __future__ import annotations

import asyncio
import atexit
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

import kaleido

#: The page is reloaded after this many drawings, to start again from a clean page now and then.
RELOAD_EVERY = 100
#: Seconds one drawing may take in the browser before it counts as failed.
TIMEOUT = 60.0
#: Seconds a caller waits for a drawing: its own time, and one reload and drawing before it.
WAIT = 3 * TIMEOUT

T = TypeVar("T")


class _KeptPage(kaleido.Kaleido):  # type: ignore[misc]  # kaleido ships no type hints
    """kaleido drawing every image in the same page, reloaded only now and then."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.drawn = 0
        self.reloaded = 0
        self._reloads: set[asyncio.Task[None]] = set()

    async def _return_kaleido_tab(self, tab: Any) -> None:
        # kaleido's own version reloads the page here, before the image is handed back
        self.drawn += 1
        if self.drawn % RELOAD_EVERY == 0:
            self._in_background(self._reload(tab))
        else:
            await self.tabs_ready.put(tab)

    async def draw(self, figure: dict[str, Any], width: int, height: int, scale: float) -> bytes:
        options = {"format": "png", "width": width, "height": height, "scale": scale}
        try:
            image: bytes = await self.calc_fig(figure, opts=options)
        except BaseException:
            self._in_background(self._reload_next_free())
            raise
        return image

    async def settle(self) -> None:
        """Wait for any reload still running (before closing the browser)."""
        await asyncio.gather(*self._reloads, return_exceptions=True)

    def _in_background(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(work)
        self._reloads.add(task)
        task.add_done_callback(self._reloads.discard)

    async def _reload(self, tab: Any) -> None:
        try:
            await tab.reload()
            self.reloaded += 1
        finally:
            await self.tabs_ready.put(tab)

    async def _reload_next_free(self) -> None:
        await self._reload(await self.tabs_ready.get())


class ChartBrowser:
    """One headless Chromium on an event loop of its own thread; `draw` from any thread."""

    def __init__(self, path: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="chart-browser", daemon=True
        )
        self._thread.start()
        try:
            self._page = self._run(self._open(path), TIMEOUT)
        except BaseException:
            self._stop_loop()
            raise
        atexit.register(self.close)

    @staticmethod
    async def _open(path: str) -> _KeptPage:
        # no MathJax: the charts carry no formulas, and it would be fetched from the internet
        page = _KeptPage(path=path, mathjax=False, timeout=TIMEOUT)
        await page.open()
        return page

    def _run(self, work: Coroutine[Any, Any, T], timeout: float) -> T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(timeout)

    def submit(
        self, figure: dict[str, Any], width: int, height: int, scale: float
    ) -> Future[bytes]:
        """`figure` (a plotly figure as a dict) being drawn as a PNG of width x height chart
        pixels at `scale` device pixels to the chart pixel; the caller can work meanwhile."""
        return asyncio.run_coroutine_threadsafe(
            self._page.draw(figure, width, height, scale), self._loop
        )

    def draw(self, figure: dict[str, Any], width: int, height: int, scale: float) -> bytes:
        """`figure` drawn (see `submit`), waiting for it."""
        return self.submit(figure, width, height, scale).result(WAIT)

    @property
    def pid(self) -> int:
        """The browser's process id (its helpers are its children)."""
        return int(self._page.subprocess.pid)

    @property
    def drawn(self) -> int:
        """How many images were drawn (successful or not)."""
        return int(self._page.drawn)

    @property
    def reloaded(self) -> int:
        """How many times the page was reloaded since the browser started."""
        return int(self._page.reloaded)

    def close(self) -> None:
        """Close the browser and stop its thread (idempotent)."""
        atexit.unregister(self.close)
        if not self._thread.is_alive():
            return
        try:
            self._run(self._close(), TIMEOUT)
        finally:
            self._stop_loop()

    async def _close(self) -> None:
        await self._page.settle()
        await self._page.close()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(TIMEOUT)
        if not self._thread.is_alive():
            self._loop.close()
