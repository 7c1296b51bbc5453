"""A live clock's counting on day ordinals: its suspensions and extensions as it holds
them, and its due date by the steps of :func:`govefficiency.deadlines._counting.due_date`
(``_Counter.advance`` and the roll-over), as integer look-ups in the calendar's index
(:class:`~govefficiency.calendar._calendar.CalendarIndex`). A day outside the calendar's
coverage raises :class:`_UncoveredError`: the caller then asks the date-based count,
which raises the error ``compute_deadline`` raises."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from govefficiency.calendar._calendar import CalendarIndex
from govefficiency.deadlines._clock_events import ClockEvent
from govefficiency.deadlines._periods import CalendarDays, Period, WorkingDays

__all__ = ["Ext", "Pause", "due_of_events"]

_new = tuple.__new__  # builds a NamedTuple without its Python-level __new__


class Pause(NamedTuple):
    """A suspension or restart as the clock holds it (private)."""

    start: int  #: the ordinal of its first day
    end: int | None  #: the ordinal of its last day, ``None`` while open
    restart: bool  #: a restart (重新计算) rather than a pause
    event: ClockEvent  #: the SUSPEND or RESTART event (for its basis in messages)


class Ext(NamedTuple):
    """An extension as the clock holds it (private)."""

    approved: int  #: the ordinal of its approval day
    working: bool  #: counted in working days (else calendar days)
    n: int
    event: ClockEvent  #: the EXTEND event (for its authority in messages)
    length: WorkingDays | CalendarDays  #: as the rule's cap reads it


class _UncoveredError(Exception):
    """A day outside the calendar's coverage: ask the date-based count, which raises the
    error that compute_deadline raises."""


def due_of_events(
    ix: CalendarIndex, start: int, period: Period, pauses: Sequence[Pause], exts: Sequence[Ext]
) -> tuple[int | None, int | None]:
    """The due date and the nominal last day of the last segment (``None, None`` while
    a suspension holds the due date): ``_counting.due_date`` on ordinals."""
    working = isinstance(period, WorkingDays)
    if not pauses and not exts:
        end = _advance(ix, start, working, period.n, [], final=True)
        return _roll(ix, end), end
    frm = start
    last: Pause | None = None  # the last restart (the first of the latest day)
    for p in pauses:
        if p.restart and (last is None or p.start > last.start):
            last = p
    if last is not None:
        if last.end is None:
            return None, None
        frm = last.end
        pauses = [p for p in pauses if not p.restart and (p.end is None or p.end > frm)]
    ranges = []
    held = False
    for p in pauses:
        if p.end is None:
            held = True
        else:
            ranges.append((p.start, p.end))
    merged = _merge(ranges)
    end = _advance(ix, frm, working, period.n, merged, final=not exts)
    if held:
        return None, None
    due = _roll(ix, end)
    last_ext = len(exts) - 1
    for i, ext in enumerate(exts):
        end = _advance(ix, end, ext.working, ext.n, merged, final=i == last_ext)
        due = _roll(ix, end)
    return due, end


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if len(ranges) < 2:
        return ranges
    merged: list[tuple[int, int]] = []
    for s, e in sorted(ranges):
        if merged and s <= merged[-1][1] + 1:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _advance(
    ix: CalendarIndex, frm: int, working: bool, n: int, pauses: list[tuple[int, int]], *, final: bool
) -> int:
    """``_Counter.advance`` on ordinals: the nominal end of ``n`` days (working or
    calendar) counted from ``frm`` (exclusive), skipping the merged ``pauses``."""
    ord0, size, cum = ix.ord0, ix.size, ix.cum
    if working:
        p, r = frm, n
        for s, e in pauses:
            if r == 0 or e <= p:
                continue
            if s <= p:
                p = e
                continue
            a, b = p - ord0, s - 1 - ord0
            if a < 0 or a >= size or b < 0 or b >= size:
                raise _UncoveredError
            available = cum[b + 1] - cum[a + 1]
            if r <= available:
                break
            r -= available
            p = e
        if not r:
            return p
        i = p - ord0
        if i < 0 or i >= size:
            raise _UncoveredError
        k = cum[i + 1] + r - 1
        if k >= len(ix.work):
            raise _UncoveredError
        return ix.work[k]
    end = frm + n
    for s, e in pauses:
        if e <= frm:
            continue
        if s <= frm:
            s = frm + 1
        if s > end:
            # A pause in the gap between a nominal end on a rest day and the next
            # working day holds the last day (see _Counter.advance).
            if final and s <= _roll(ix, end):
                end = e + 1
                continue
            break
        end += e - s + 1
    return end


def _roll(ix: CalendarIndex, day: int) -> int:
    """``day`` if it is a working day, else the next working day (both units of a clock
    end on a working day: 民法典 art. 203, and a working-day period's own rule)."""
    i = day - ix.ord0
    if i < 0 or i >= ix.size:
        raise _UncoveredError
    cum = ix.cum
    k = cum[i + 1]
    if k != cum[i]:
        return day
    if k >= len(ix.work):
        raise _UncoveredError
    return ix.work[k]
