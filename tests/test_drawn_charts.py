"""The charts drawn lately are kept by what was drawn: the same drawing is asked for once, a
failed one is asked for again, and only the last few are kept."""

from __future__ import annotations

import threading
from concurrent.futures import Future

import numpy as np
import plotly.graph_objects as go

from dashboard.common.drawn_charts import DrawnCharts, drawing_key


class Browser:
    """Counts drawings; each answers with what it was asked for, or fails when told to."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.waiting: list[Future[bytes]] = []

    def submit(self, name: str) -> Future[bytes]:
        self.asked.append(name)
        future: Future[bytes] = Future()
        self.waiting.append(future)
        return future


def test_the_same_drawing_is_asked_for_once_and_another_again() -> None:
    browser, drawn = Browser(), DrawnCharts()
    first = drawn.drawing("a", lambda: browser.submit("a"))
    again = drawn.drawing("a", lambda: browser.submit("a"))  # still being drawn: shared
    assert again is first
    first.set_result(b"png a")
    assert drawn.drawing("a", lambda: browser.submit("a")).result() == b"png a"
    drawn.drawing("b", lambda: browser.submit("b"))
    assert browser.asked == ["a", "b"]


def test_a_failed_drawing_is_forgotten() -> None:
    browser, drawn = Browser(), DrawnCharts()
    drawn.drawing("a", lambda: browser.submit("a")).set_exception(RuntimeError("no page"))
    assert len(drawn) == 0
    retried = drawn.drawing("a", lambda: browser.submit("a"))
    retried.set_result(b"png a")
    assert browser.asked == ["a", "a"] and retried.result() == b"png a"


def test_only_the_last_drawings_are_kept() -> None:
    browser, drawn = Browser(), DrawnCharts(kept=2)
    for name in ("a", "b", "a", "c"):  # a asked again: b is the oldest
        future = drawn.drawing(name, lambda name=name: browser.submit(name))
        if not future.done():
            future.set_result(name.encode())
    drawn.drawing("a", lambda: browser.submit("a"))
    drawn.drawing("b", lambda: browser.submit("b"))
    assert browser.asked == ["a", "b", "c", "b"]
    assert len(drawn) == 2


def test_sessions_asking_at_once_share_one_drawing() -> None:
    browser, drawn = Browser(), DrawnCharts()
    got: list[Future[bytes]] = []
    threads = [
        threading.Thread(target=lambda: got.append(drawn.drawing("a", lambda: browser.submit("a"))))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert browser.asked == ["a"] and len({id(future) for future in got}) == 1


def test_the_key_is_what_is_drawn() -> None:
    fig = go.Figure(go.Bar(x=np.array([1, 2]), y=np.array([3.0, 4.0])))
    same = go.Figure(go.Bar(x=np.array([1, 2]), y=np.array([3.0, 4.0])))
    other = go.Figure(go.Bar(x=[1, 2], y=[3.0, 5.0]))
    key = drawing_key(fig.to_dict(), 1600, 800, 2)
    assert key == drawing_key(same.to_dict(), 1600, 800, 2)
    assert key != drawing_key(other.to_dict(), 1600, 800, 2)
    assert key != drawing_key(fig.to_dict(), 1600, 790, 2)
    assert key != drawing_key(fig.to_dict(), 1600, 800, 3)
