"""What the bench scripts share: timing an action and the machine's load beside the figures."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timed:
    """Milliseconds of one action: wall clock and this process's CPU, medians of the runs."""

    wall_ms: float
    cpu_ms: float


def timed(action: Callable[[], object], repeat: int) -> Timed:
    """`action` run `repeat` times; the median wall-clock and CPU milliseconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - started_cpu)
    return Timed(statistics.median(walls) * 1000, statistics.median(cpus) * 1000)


def median_ms(action: Callable[[], object], repeat: int) -> float:
    """Wall-clock milliseconds, median of `repeat` runs."""
    return timed(action, repeat).wall_ms


def load_average() -> str:
    """The 1, 5 and 15-minute load averages: on a busy machine every figure is slower."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())
