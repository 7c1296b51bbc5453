"""Live deadline clocks: a case in progress, fed events in time order.

A :class:`DeadlineClock` is immutable: each event returns a new clock, checked against
the clock's state (no resume while running, no second completion) and the law (no
suspension or extension after the deadline in force has passed). Its due date is
computed without building the explanation (:mod:`._clock_tally`), and each event is
checked on its own, so a clock costs the same per event however long its history; the
explained :class:`Deadline` is built only when asked for (:attr:`DeadlineClock.deadline`).
Its status at any instant — running, suspended, completed on time or late, overdue —
comes from a precomputed deadline (:mod:`._clock_status`), so :func:`statuses_at` can
answer for many clocks quickly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, NamedTuple

import attrs

from govefficiency._deprecation import REQUIRED, at_by_keyword, inline_keyword_only, keywords_of
from govefficiency._gc import gc_paused
from govefficiency._time import local_date, require_aware, zone
from govefficiency._validators import check_iterable
from govefficiency.calendar import WorkCalendar
from govefficiency.calendar._calendar import CalendarIndex
from govefficiency.citation import Citation
from govefficiency.deadlines._clock_events import (
    COMPLETE,
    EXTEND,
    RESTART,
    RESUME,
    SUSPEND,
    ClockEvent,
    ClockEventKind,
    basis_of,
    check_next,
    opt_text,
    replay,
)
from govefficiency.deadlines._clock_status import ClockState, ClockStatus, Fast, fast_of, status_of
from govefficiency.deadlines._clock_tally import (
    _UNKNOWN,
    Tally,
    _NeedsFullCheckError,
    history_tally,
    local_ordinal,
    replay_checked,
    replayed,
)
from govefficiency.deadlines._common import _calendar, _check_close, _require_direction, _resolve
from govefficiency.deadlines._deadline import Deadline
from govefficiency.deadlines._forward import compute_deadline
from govefficiency.deadlines._periods import CalendarDays, Period, WorkingDays
from govefficiency.deadlines._rules import Direction, StatuteRule
from govefficiency.errors import ClockEventError, InvalidInputError, InvalidTypeError
from govefficiency.text import Text

__all__ = ["ClockEvent", "ClockEventKind", "ClockState", "ClockStatus", "DeadlineClock", "statuses_at"]


_CLOCK_UNITS = (WorkingDays, CalendarDays)
_FORWARD = Direction.FORWARD


def _to_events(value: Iterable[ClockEvent]) -> tuple[ClockEvent, ...]:
    return check_iterable(value, "DeadlineClock.events")


class _Counting(NamedTuple):
    """What a clock counts with, checked once when it starts and shared by the clocks
    built from it event by event (private)."""

    period: WorkingDays | CalendarDays
    rule: StatuteRule | None
    ix: CalendarIndex
    tz: dt.tzinfo


def _finish(tally: Tally, ix: CalendarIndex, tz: dt.tzinfo, period: Period) -> None:
    """Compute the due date if the last event left it unknown (a due date past the
    calendar's last day stays unknown, with what is missing: see
    :meth:`Tally.settle_known`), and refuse a completion on a day before the coverage."""
    if tally.due == _UNKNOWN:
        tally.settle_known(ix, period)
    if tally.completed is not None:
        done = local_ordinal(tally.completed, tz)
        if done < ix.ord0:
            raise ix.uncovered(done)


@attrs.frozen
class DeadlineClock:
    """A deadline for a case in progress. Build it with :meth:`start`, then add events.

    Attributes:
        id: the case's id.
        period: the period or statute rule the case runs under.
        calendar: the working-day calendar.
        events: the events so far, in time order (the first is ``START``).
        business_close: the close of business, if the last day ends then.
    """

    id: str
    period: Period | StatuteRule
    calendar: WorkCalendar
    events: tuple[ClockEvent, ...] = attrs.field(converter=_to_events)
    business_close: dt.time | None = None

    _deadline: Deadline | None = attrs.field(init=False, eq=False, repr=False, default=None)
    _tally: Tally = attrs.field(init=False, eq=False, repr=False)
    _counting: _Counting = attrs.field(init=False, eq=False, repr=False)
    _fast: Fast | None = attrs.field(init=False, eq=False, repr=False, default=None)

    def __attrs_post_init__(self) -> None:
        self._check()
        # A clock built from its history is ready for statuses_at (as it always was);
        # one built by start() or an event prepares on the first status asked.
        self._prepared()

    def _check(self) -> None:
        """Check the fields and the events, and compute the due date (no explanation:
        see :attr:`deadline`)."""
        if not isinstance(self.id, str) or not self.id:
            raise InvalidInputError("a clock needs a non-empty string id", "计时器需要非空字符串 id")
        cal = self.calendar
        if not isinstance(cal, WorkCalendar):
            raise InvalidTypeError("calendar must be a WorkCalendar", "calendar 必须是 WorkCalendar")
        period, rule = _resolve(self.period)
        _require_direction(rule, _FORWARD)
        if not isinstance(period, _CLOCK_UNITS):
            raise InvalidInputError(
                f"a live clock counts working or calendar days, not {period.unit.value}; "
                f"use compute_deadline for month, year and hour periods",
                "计时器只支持工作日或自然日期间；月、年、小时期间请使用 compute_deadline",
            )
        _check_close(self.business_close)
        ix, tz = cal.index, zone(cal.zone)
        tally = history_tally(self.events, ix, tz, period, rule)
        _finish(tally, ix, tz, period)
        object.__setattr__(self, "_counting", _new_tuple(_Counting, (period, rule, ix, tz)))
        object.__setattr__(self, "_tally", tally)

    def _prepared(self) -> Fast:
        """What :meth:`status` needs, computed once (on the first status asked)."""
        fast = self._fast
        if fast is None:
            tally = self._tally
            ix = self.calendar.index
            done = None if tally.completed is None else local_date(tally.completed, self.calendar.zone)
            fast = fast_of(
                tally,
                ix,
                self._counting.period,
                self.business_close,
                None if done is None else done.toordinal(),
                self.events[-1].at.timestamp(),
            )
            object.__setattr__(self, "_fast", fast)
        return fast

    # -- building ------------------------------------------------------------------------

    @classmethod
    @inline_keyword_only
    def start(
        cls,
        clock_id: str,
        *old: Any,
        at: dt.datetime = REQUIRED,
        period: Period | StatuteRule = REQUIRED,
        calendar: WorkCalendar | None = None,
        business_close: dt.time | None = None,
    ) -> DeadlineClock:
        """A clock started at the aware instant ``at`` (the start day is not counted)."""
        if old or at is REQUIRED or period is REQUIRED:  # the old form start(id, at, period)
            at, period = keywords_of("DeadlineClock.start", ("at", "period"), old, at, period)
        cal = _calendar(calendar)
        first = _event(ClockEventKind.START, require_aware(at, "event time"))
        clock = _clock(clock_id, period, cal, (first,), business_close, None, None)
        clock._check()
        return clock

    def _with(self, event: ClockEvent) -> DeadlineClock:
        """This clock plus ``event`` (built by a fluent method from the fields it checked).
        Only that event is checked, against the tally of this clock (whose events and
        fields were checked when it was built), so an event costs the same however long
        the history."""
        at, info = event.at, self._tally.zone_info
        if not isinstance(at, dt.datetime) or at.tzinfo is not info or info is None:
            require_aware(at, "event time")  # (in the calendar's own zone it is aware)
        counting = self._counting
        period, rule, ix, tz = counting
        events = (*self.events, event)
        tally = self._tally.copy()
        try:
            tally.add(event, ix, tz, period, rule)
        except ClockEventError:
            # Refused for its order or the clock's state: the same error, naming the
            # previous event as the constructor's check of the whole history does.
            check_next(self._tally.state, self._tally.last_at, event, self.events[-1].kind.value)
            raise
        except _NeedsFullCheckError:
            replay_checked(events, self.calendar, period, rule)
            tally = replayed(events, ix, tz, period, rule, checked=True, verify=False)
        if tally.due == _UNKNOWN or tally.completed is not None:
            _finish(tally, ix, tz, period)
        return _clock(self.id, self.period, self.calendar, events, self.business_close, tally, counting)

    @inline_keyword_only
    def suspend(
        self,
        *old: Any,
        at: dt.datetime = REQUIRED,
        basis: Citation = REQUIRED,
        ordered_by: Text | str | None = None,
    ) -> DeadlineClock:
        """Suspend the clock (中止) from the day of ``at``; the days until it resumes
        (inclusive) are not counted."""
        if old or at is REQUIRED or basis is REQUIRED:  # the old form suspend(at, basis)
            at, basis = keywords_of("DeadlineClock.suspend", ("at", "basis"), old, at, basis)
        if not isinstance(basis, Citation):
            basis_of(basis)  # raises the error
        return self._with(_event(SUSPEND, at, basis, None, opt_text(ordered_by)))

    @inline_keyword_only
    def restart(self, *old: Any, at: dt.datetime = REQUIRED, basis: Citation = REQUIRED) -> DeadlineClock:
        """Stop the clock so that it counts afresh when it resumes (重新计算, e.g.
        政府信息公开条例 art. 30: from receipt of the corrected request)."""
        if old or at is REQUIRED or basis is REQUIRED:  # the old form restart(at, basis)
            at, basis = keywords_of("DeadlineClock.restart", ("at", "basis"), old, at, basis)
        if not isinstance(basis, Citation):
            basis_of(basis)  # raises the error
        return self._with(_event(RESTART, at, basis))

    @inline_keyword_only
    def resume(self, *old: Any, at: dt.datetime = REQUIRED) -> DeadlineClock:
        """Resume after a suspension (or start counting afresh after a restart)."""
        if old or at is REQUIRED:  # the old form resume(at)
            (at,) = keywords_of("DeadlineClock.resume", ("at",), old, at)
        return self._with(_event(RESUME, at))

    @inline_keyword_only
    def extend(
        self,
        *old: Any,
        at: dt.datetime = REQUIRED,
        length: WorkingDays | CalendarDays = REQUIRED,
        authority: Text | str = REQUIRED,
        basis: Citation | None = None,
    ) -> DeadlineClock:
        """Record an extension approved at ``at`` by ``authority``."""
        if old or at is REQUIRED or length is REQUIRED or authority is REQUIRED:
            # the old form extend(at, length, authority, basis=None)
            names = ("at", "length", "authority", "basis")
            given = (at, length, authority, REQUIRED if basis is None else basis)
            at, length, authority, basis = keywords_of(
                "DeadlineClock.extend", names, old, *given, defaults=(None,)
            )
        if not isinstance(length, _CLOCK_UNITS):
            raise InvalidTypeError(
                "an extension's length is WorkingDays(n) or CalendarDays(n)",
                "延长期限必须是 WorkingDays(n) 或 CalendarDays(n)",
            )
        return self._with(_event(EXTEND, at, basis, length, opt_text(authority)))

    @inline_keyword_only
    def complete(self, *old: Any, at: dt.datetime = REQUIRED) -> DeadlineClock:
        """Record that the matter was closed (办结) at ``at``."""
        if old or at is REQUIRED:  # the old form complete(at)
            (at,) = keywords_of("DeadlineClock.complete", ("at",), old, at)
        return self._with(_event(COMPLETE, at))

    # -- questions -----------------------------------------------------------------------

    @property
    def deadline(self) -> Deadline:
        """The deadline in force after all events, with its explanation (built on the
        first access, by :func:`compute_deadline`)."""
        if self._deadline is None:
            suspensions, extensions, _ = replay(self.events, self.calendar.zone)
            deadline = compute_deadline(
                self.events[0].at,
                self.period,
                calendar=self.calendar,
                suspensions=suspensions,
                extensions=extensions,
                business_close=self.business_close,
            )
            object.__setattr__(self, "_deadline", deadline)
            return deadline
        return self._deadline

    @inline_keyword_only
    def status(self, *old: Any, at: dt.datetime = REQUIRED) -> ClockStatus:
        """The clock's status at the aware instant ``at``."""
        if old or at is REQUIRED:  # the old form status(at)
            (at,) = keywords_of("DeadlineClock.status", ("at",), old, at)
        at = require_aware(at, "at")
        if at < self.events[0].at:
            raise InvalidInputError(
                f"clock {self.id} starts at {self.events[0].at.isoformat()}; ask about a later instant",
                f"计时器 {self.id} 自 {self.events[0].at.isoformat()} 开始，请查询之后的时刻",
            )
        if at < self.events[-1].at:
            past = attrs.evolve(self, events=tuple(e for e in self.events if e.at <= at))
            return past._status(at, local_date(at, self.calendar.zone).toordinal(), at.timestamp())
        return self._status(at, local_date(at, self.calendar.zone).toordinal(), at.timestamp())

    def _status(self, at: dt.datetime, day: int, at_ts: float) -> ClockStatus:
        """The status at ``at`` whose local day has the ordinal ``day`` (all events are
        at or before ``at``): the hot path of :func:`statuses_at`."""
        return status_of(self.id, self._prepared(), self.calendar.index, at, day, at_ts)


# Builders for values whose fields the caller checked: they set the slots directly,
# without attrs' __init__ (its converters and validators) or frozen __setattr__.
_new = object.__new__
_new_tuple = tuple.__new__  # builds a NamedTuple without its Python-level __new__
_E_KIND, _E_AT, _E_BASIS, _E_LENGTH, _E_AUTHORITY = (
    ClockEvent.__dict__[a.name].__set__ for a in attrs.fields(ClockEvent)
)
_C_ID, _C_PERIOD, _C_CAL, _C_EVENTS, _C_CLOSE, _C_DEADLINE, _C_TALLY, _C_COUNTING, _C_FAST = (
    DeadlineClock.__dict__[a.name].__set__ for a in attrs.fields(DeadlineClock)
)


def _event(
    kind: ClockEventKind,
    at: dt.datetime,
    basis: Citation | None = None,
    length: WorkingDays | CalendarDays | None = None,
    authority: Text | None = None,
) -> ClockEvent:
    """``ClockEvent(kind, at, …)`` from fields the caller checked (``kind`` a member;
    ``at`` is checked by the caller too, before the event is used)."""
    event: ClockEvent = _new(ClockEvent)
    _E_KIND(event, kind)
    _E_AT(event, at)
    _E_BASIS(event, basis)
    _E_LENGTH(event, length)
    _E_AUTHORITY(event, authority)
    return event


def _clock(
    clock_id: str,
    period: Period | StatuteRule,
    calendar: WorkCalendar,
    events: tuple[ClockEvent, ...],
    close: dt.time | None,
    tally: Tally | None,
    counting: _Counting | None,
) -> DeadlineClock:
    """A clock whose fields and events were checked, with their tally (``None``: to be
    checked by :meth:`DeadlineClock._check`)."""
    clock: DeadlineClock = _new(DeadlineClock)
    _C_ID(clock, clock_id)
    _C_PERIOD(clock, period)
    _C_CAL(clock, calendar)
    _C_EVENTS(clock, events)
    _C_CLOSE(clock, close)
    _C_DEADLINE(clock, None)
    _C_TALLY(clock, tally)
    _C_COUNTING(clock, counting)
    _C_FAST(clock, None)
    return clock


@at_by_keyword(1)
def statuses_at(clocks: Iterable[DeadlineClock], *, at: dt.datetime) -> list[ClockStatus]:
    """The status of every clock at the aware instant ``at`` — the bulk path used by
    escalation and dashboards (the local date is computed once per zone). Automatic
    garbage collection is paused for the duration of the call (see ``govefficiency._gc``)."""
    at = require_aware(at, "at")
    days: dict[str, int] = {}
    at_ts = at.timestamp()
    out = []
    with gc_paused():  # see govefficiency._gc: the results are not garbage
        for clock in check_iterable(clocks, "clocks"):
            if not isinstance(clock, DeadlineClock):
                raise InvalidTypeError(
                    f"expected DeadlineClock values, not {type(clock).__name__}", "需要 DeadlineClock"
                )
            fast = clock._fast
            if fast is None:
                fast = clock._prepared()
            if at_ts < fast.last_ts:
                out.append(clock.status(at=at))
                continue
            cal = clock.calendar
            day = days.get(cal.zone)
            if day is None:
                day = days[cal.zone] = local_date(at, cal.zone).toordinal()
            out.append(status_of(clock.id, fast, cal.index, at, day, at_ts))
    return out
