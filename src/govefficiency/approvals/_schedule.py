"""The schedule of a flow on the working-day calendar (private).

Days are ordinals; the arithmetic reads the calendar's prefix index directly (O(1) per
step), so that ten thousand projects on one flow are projected in well under a second.
A step whose prerequisites end on day ``s`` ends on ``add_working_days(s, n)`` (the start
day is not counted, 民法典 art. 201) or, for a limit in calendar days, on ``s + n`` rolled
forward to a working day (art. 203).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from govefficiency.approvals._model import _Structure
from govefficiency.calendar import WorkCalendar


class Arith:
    """O(1) working-day arithmetic on day ordinals over one calendar's index."""

    __slots__ = ("cal", "cum", "ix", "ord0", "size", "work")

    def __init__(self, cal: WorkCalendar) -> None:
        self.cal = cal
        self.ix = ix = cal.index  # the calendar's public view of its index
        self.cum = ix.cum
        self.work = ix.work
        self.ord0 = ix.ord0
        self.size = ix.size

    def _i(self, day: int) -> int:
        i = day - self.ord0
        if i < 0 or i >= self.size:
            raise self.ix.uncovered(day)
        return i

    def end(self, start: int, working: bool, n: int) -> int:
        """The last day of a limit of ``n`` (working) days counted after ``start``."""
        i = self._i(start)
        if working:
            if n == 0:
                return start
            k = self.cum[i + 1] + n - 1
            if k >= len(self.work):
                raise self.ix.overflow(start, n)
            return self.work[k]
        j = self._i(start + n)
        if self.cum[j + 1] != self.cum[j]:
            return start + n
        k = self.cum[j + 1]
        if k >= len(self.work):
            raise self.ix.overflow(start + n, 1)
        return self.work[k]

    def last_working(self, day: int) -> int:
        """``day`` if it is a working day, else the last working day before it."""
        i = self._i(day)
        if self.cum[i + 1] != self.cum[i]:
            return day
        k = self.cum[i] - 1
        if k < 0:
            raise self.ix.uncovered(day - 1)
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
                raise self.ix.overflow(w, -n)
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

    This is the hot path of :func:`~govefficiency.approvals.track_many`: the calendar
    arithmetic of :class:`Arith` is inlined (prefix counts ``cum`` over day indexes and
    the list ``work`` of working-day ordinals); every index is range-checked, and a day
    outside the calendar raises its :class:`CalendarCoverageError`.
    """
    start, end = _earliest(st, ar, floor, known, started)
    finish = max(end)
    latest_end = _latest(st, ar, finish, known)
    return Schedule(start, end, latest_end, finish, critical_path(st, start, end, known))


def _earliest(
    st: _Structure,
    ar: Arith,
    floor: int,
    known: Sequence[int | None] | None,
    started: Sequence[int | None] | None,
) -> tuple[list[int], list[int]]:
    """The forward pass: every step's earliest start and end (a known end is kept)."""
    n = len(st.names)
    cum, work, ord0, size = ar.cum, ar.work, ar.ord0, ar.size
    nwork = len(work)
    base = 1 - ord0
    ar._i(floor)
    if known is not None:
        for k in known:
            if k is not None:
                ar._i(k)
    start = [0] * n
    end = [0] * n
    preds, working, length = st.preds, st.working, st.length
    for v in st.order:
        s = floor
        for p in preds[v]:
            e = end[p]
            if e > s:
                s = e
        if known is not None:
            k = known[v]
            if k is not None:
                sv = started[v] if started is not None else None
                start[v] = s if sv is None else sv
                end[v] = k
                continue
        start[v] = s
        m = length[v]
        if working[v]:
            if m:
                j = cum[s + base] + m - 1
                if j >= nwork:
                    raise ar.ix.overflow(s, m)
                end[v] = work[j]
            else:
                end[v] = s
        else:
            d = s + m
            i = d - ord0
            if i >= size:
                raise ar.ix.uncovered(d)
            j = cum[i + 1]
            if j != cum[i]:
                end[v] = d
            elif j < nwork:
                end[v] = work[j]
            else:
                raise ar.ix.overflow(d, 1)
    return start, end


def _latest(st: _Structure, ar: Arith, finish: int, known: Sequence[int | None] | None) -> list[int]:
    """The backward pass: every step's latest end that keeps ``finish``."""
    n = len(st.names)
    cum, work, ord0 = ar.cum, ar.work, ar.ord0
    working, length = st.working, st.length
    latest_end = [finish] * n
    latest_start = [finish] * n
    succs = st.succs
    for v in reversed(st.order):
        le = finish
        for w in succs[v]:
            ls = latest_start[w]
            if ls < le:
                le = ls
        latest_end[v] = le
        if known is not None and known[v] is not None:
            continue  # under way or done: it no longer waits for its prerequisites
        m = length[v]
        # the last working day on or before le (k: its index in work)
        i = le - ord0
        if i < 0:
            raise ar.ix.uncovered(le)
        k = cum[i + 1] - 1
        if k < 0:
            raise ar.ix.uncovered(le)
        if working[v]:
            if m == 0:
                latest_start[v] = le
            elif k - m < 0:
                raise ar.ix.overflow(work[k], -m)
            else:
                # the m-th working day before is work[k - m]; any day before the next
                # working day after it still leaves m working days up to work[k]
                latest_start[v] = work[k - m + 1] - 1
        else:
            latest_start[v] = work[k] - m
    return latest_end


def critical_path(
    st: _Structure, start: list[int], end: list[int], known: Sequence[int | None] | None
) -> list[int]:
    """From the step that ends last, back through binding prerequisites, stopping at a
    step already under way (the path through the remaining steps)."""
    preds = st.preds
    v = 0
    for x in range(1, len(end)):
        if end[x] > end[v]:
            v = x
    path = [v]
    while known is None or known[v] is None:
        s = start[v]
        nxt = -1
        for p in preds[v]:
            if end[p] == s:
                nxt = p
                break
        if nxt < 0:
            break
        v = nxt
        path.append(v)
    path.reverse()
    return path
