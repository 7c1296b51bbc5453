"""What the benchmark scripts share: timing, and the citations of the deadline benchmarks.
(They run as ``python benchmarks/NAME.py``, which puts this folder on ``sys.path``.)"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

from govefficiency import Citation, Text

T = TypeVar("T")

#: 行政许可法 art. 45: the expert-review time a licensing deadline pauses for.
ART45 = Citation(
    Text("行政许可法", "Administrative Licensing Law"),
    "45",
    2019,
    Text("专家评审所需时间不计算在期限内", "expert review time is not counted"),
)
#: Who approves an extension.
HEAD = Text("本行政机关负责人", "the head of the agency")


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
