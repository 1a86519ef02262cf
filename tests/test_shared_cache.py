"""Shared caches: loaded once, and what they hold is out of the garbage collector's walk."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from dashboard.ui.shared_cache import shared


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


def _tracked(value: object) -> bool:
    """Whether a full collection would walk `value` (frozen objects are in no generation)."""
    return any(item is value for item in gc.get_objects())


def test_a_shared_load_runs_once_per_key_and_is_frozen(unfrozen: None) -> None:
    calls: list[int] = []

    @shared(max_entries=2)
    def load(version: int) -> dict[str, list[int]]:
        calls.append(version)
        return {"rows": list(range(version))}

    first = load(3)
    assert load(3) is first and calls == [3]
    assert gc.get_freeze_count() > 0
    assert not _tracked(first) and not _tracked(first["rows"])
    # a full collection leaves it alone, and it stays whole
    gc.collect()
    assert first == {"rows": [0, 1, 2]}

    # what is made after the load is walked (and collected) as usual
    later = {"made": ["after"]}
    assert _tracked(later)
    assert load(4)["rows"] == [0, 1, 2, 3] and calls == [3, 4]


def test_without_a_shared_load_nothing_is_frozen(unfrozen: None) -> None:
    value = {"plain": [1]}
    assert gc.get_freeze_count() == 0
    assert _tracked(value)
