"""Caches of the data version's shared frames, which the garbage collector then leaves alone.

Streamlit collects garbage after every script run (`runner.postScriptGC`). A full collection
walks every object the process tracks, and with the shared frames of a 100,000-service
catalogue in memory that was about 170 ms of every run, with the interpreter held. Turning the
collection off saved that time but let each run's garbage (the reference cycles of its figures
and frames) wait for Python's own full collection, which a process this size seldom reaches:
Prioritise held some 24 MB more for every session that had opened it (`bench/session_memory.py`).

The objects of these caches live until the data changes, so there is never anything to collect
among them. Once a loader has built its value, `gc.freeze()` moves every object tracked so far
out of the collector's reach; the collection after each run then walks only what has been made
since, and frees each run's garbage as it ends.

Only loaders keyed on the data version (and the language or order) use this: they run once per
data change. A freeze also takes whatever other sessions hold at that moment; their objects are
still freed by reference counting when they go, and only a reference cycle among them would be
kept, which happens a few times per data change, not per run. Caches keyed on a filter, which
fill and empty as people work, stay plain `st.cache_resource`.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import streamlit as st

P = ParamSpec("P")
R = TypeVar("R")


def shared(*, max_entries: int) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """`st.cache_resource` for a loader of shared data, freezing what it built."""

    def decorate(load: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(load)
        def frozen(*args: P.args, **kwargs: P.kwargs) -> R:
            value = load(*args, **kwargs)
            gc.freeze()
            return value

        return st.cache_resource(show_spinner=False, max_entries=max_entries)(frozen)

    return decorate
