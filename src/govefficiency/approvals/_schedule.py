"""The schedule of a flow on the working-day calendar (private).

Days are ordinals; the arithmetic reads the calendar's prefix index directly (O(1) per
step), so that ten thousand projects on one flow are projected in well under a second.
A step whose prerequisites end on day ``s`` ends on ``add_working_days(s, n)`` (the start
day is not counted, 民法典 art. 201) or, for a limit in calendar days, on ``s + n`` rolled
forward to a working day (art. 203).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from govefficiency.approvals._model import _Structure
from govefficiency.calendar import WorkCalendar


class Arith:
    """O(1) working-day arithmetic on day ordinals over one calendar's index."""

    __slots__ = ("cal", "cum", "ord0", "size", "work")

    def __init__(self, cal: WorkCalendar) -> None:
        self.cal = cal
        self.cum = cal._cum
        self.work = cal._work
        self.ord0 = cal._ord0
        self.size = len(cal._kinds)

    def _i(self, day: int) -> int:
        i = day - self.ord0
        if i < 0 or i >= self.size:
            raise self.cal._uncovered(dt.date.fromordinal(day))
        return i

    def end(self, start: int, working: bool, n: int) -> int:
        """The last day of a limit of ``n`` (working) days counted after ``start``."""
        i = self._i(start)
        if working:
            if n == 0:
                return start
            k = self.cum[i + 1] + n - 1
            if k >= len(self.work):
                raise self.cal._overflow(dt.date.fromordinal(start), n)
            return self.work[k]
        j = self._i(start + n)
        if self.cum[j + 1] != self.cum[j]:
            return start + n
        k = self.cum[j + 1]
        if k >= len(self.work):
            raise self.cal._overflow(dt.date.fromordinal(start + n), 1)
        return self.work[k]

    def last_working(self, day: int) -> int:
        """``day`` if it is a working day, else the last working day before it."""
        i = self._i(day)
        if self.cum[i + 1] != self.cum[i]:
            return day
        k = self.cum[i] - 1
        if k < 0:
            raise self.cal._uncovered(dt.date.fromordinal(day - 1))
        return self.work[k]

    def back(self, latest_end: int, working: bool, n: int) -> int:
        """The latest day a step may start (its prerequisites end) and still end by
        ``latest_end``."""
        w = self.last_working(latest_end)
        if working:
            if n == 0:
                return latest_end
            # the n-th working day before w is work[k - n]; any day before the next working
            # day after it still leaves n working days up to w
            k = self.cum[w - self.ord0 + 1] - 1 - n
            if k < 0:
                raise self.cal._overflow(dt.date.fromordinal(w), -n)
            return self.work[k + 1] - 1
        return w - n

    def between(self, a: int, b: int) -> int:
        """Working days ``x`` with ``a < x <= b`` (negative when ``b < a``)."""
        return self.cum[self._i(b) + 1] - self.cum[self._i(a) + 1]


class Schedule(NamedTuple):
    start: list[int]
    end: list[int]
    latest_end: list[int]
    finish: int
    path: list[int]


def forward(
    st: _Structure,
    ar: Arith,
    floor: int,
    known: Sequence[int | None] | None = None,
    started: Sequence[int | None] | None = None,
) -> Schedule:
    """Earliest ends (forward pass), latest ends (backward pass) and the critical path.

    ``floor`` is the first possible start (the flow's start day, or the tracking day);
    ``known[v]`` is a step's end already fixed (completed, or its clock's due date);
    ``started[v]`` the day a step started, when it has.
    """
    n = len(st.names)
    start = [0] * n
    end = [0] * n
    preds, working, length = st.preds, st.working, st.length
    ar_end = ar.end
    for v in st.order:
        k = known[v] if known is not None else None
        s = floor
        for p in preds[v]:
            e = end[p]
            if e > s:
                s = e
        if k is not None:
            start[v] = started[v] if started is not None and started[v] is not None else s  # type: ignore[assignment]
            end[v] = k
            continue
        start[v] = s
        end[v] = ar_end(s, working[v], length[v])
    finish = max(end)
    latest_end = [finish] * n
    latest_start = [finish] * n
    succs = st.succs
    back = ar.back
    for v in reversed(st.order):
        le = finish
        for w in succs[v]:
            ls = latest_start[w]
            if ls < le:
                le = ls
        latest_end[v] = le
        if known is not None and known[v] is not None:
            continue  # under way or done: it no longer waits for its prerequisites
        latest_start[v] = back(le, working[v], length[v])
    # the critical path: from the step that ends last, back through binding prerequisites
    v = max(range(n), key=lambda x: (end[x], -x))
    path = [v]
    while True:
        s = start[v]
        nxt = None
        for p in preds[v]:
            if end[p] == s and (nxt is None or p < nxt):
                nxt = p
        if nxt is None or (known is not None and known[v] is not None):
            break  # a step already under way: the remaining path starts here
        v = nxt
        path.append(v)
    path.reverse()
    return Schedule(start, end, latest_end, finish, path)
