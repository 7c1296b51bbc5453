"""Timing shared by the benchmark scripts (run as ``python benchmarks/NAME.py``, which puts
this folder on ``sys.path``)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed(fn: Callable[[], T], repeat: int) -> tuple[float, list[float], T]:
    """The median wall time of ``repeat`` calls of ``fn`` (seconds), all the times, and the
    last result."""
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    times: list[float] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times, result


def median_time(fn: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``repeat`` calls of ``fn`` (seconds)."""
    return timed(fn, repeat)[0]


def best_of(repeat: int, fn: Callable[[], T]) -> tuple[float, T]:
    """The fastest of ``repeat`` calls of ``fn`` (seconds) and the last result."""
    _, times, result = timed(fn, repeat)
    return min(times), result
