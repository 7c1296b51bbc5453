"""Live deadline clocks: a case in progress, fed events in time order.

A :class:`DeadlineClock` is immutable: each event returns a new clock, checked against
the clock's state (no resume while running, no second completion) and the law (no
suspension or extension after the deadline in force has passed). Its status at any
instant — running, suspended, completed on time or late, overdue — comes from a
precomputed deadline, so :func:`statuses_at` can answer for many clocks quickly.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from govefficiency._time import end_of_day, local_date, require_aware
from govefficiency._validators import instance_of
from govefficiency.calendar import WorkCalendar
from govefficiency.citation import Citation
from govefficiency.deadlines._compute import (
    Deadline,
    Extension,
    Suspension,
    SuspensionMode,
    _calendar,
    _merge,
    _resolve,
    compute_deadline,
)
from govefficiency.deadlines._periods import CalendarDays, Period, WorkingDays
from govefficiency.deadlines._rules import StatuteRule
from govefficiency.errors import ClockEventError, InvalidInputError, InvalidTypeError
from govefficiency.text import Text

__all__ = ["ClockEvent", "ClockEventKind", "ClockState", "ClockStatus", "DeadlineClock", "statuses_at"]

_ONE_DAY = dt.timedelta(days=1)


class ClockEventKind(enum.Enum):
    """What happened to a case."""

    START = "start"
    SUSPEND = "suspend"
    RESUME = "resume"
    RESTART = "restart"
    EXTEND = "extend"
    COMPLETE = "complete"


class ClockState(enum.Enum):
    """A clock's state at an instant."""

    RUNNING = "running"
    SUSPENDED = "suspended"
    COMPLETED_ON_TIME = "completed_on_time"
    COMPLETED_LATE = "completed_late"
    OVERDUE = "overdue"

    @property
    def label(self) -> Text:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    ClockState.RUNNING: Text("进行中", "running"),
    ClockState.SUSPENDED: Text("中止中", "suspended"),
    ClockState.COMPLETED_ON_TIME: Text("按期办结", "completed on time"),
    ClockState.COMPLETED_LATE: Text("逾期办结", "completed late"),
    ClockState.OVERDUE: Text("已逾期", "overdue"),
}


def _event_time(value: object) -> dt.datetime:
    return require_aware(value, "event time")


@attrs.frozen
class ClockEvent:
    """One event of a clock.

    Attributes:
        kind: what happened.
        at: when (an aware datetime).
        basis: the legal basis of a suspension, restart or extension; ``None`` otherwise.
        length: the length of an extension; ``None`` otherwise.
        authority: who ordered a suspension or approved an extension, or ``None``.
    """

    kind: ClockEventKind = attrs.field(validator=instance_of(ClockEventKind))
    at: dt.datetime = attrs.field(converter=_event_time)
    basis: Citation | None = None
    length: WorkingDays | CalendarDays | None = None
    authority: Text | None = None


@attrs.frozen
class ClockStatus:
    """A clock's answer at one instant.

    Attributes:
        clock_id: the clock's id.
        at: the instant asked about.
        state: running, suspended, completed on time/late, or overdue.
        due_date: the due date in force, or ``None`` while suspended (not determined).
        due_at: the instant it ends, or ``None``.
        unit: ``"working_days"`` or ``"days"``: the unit of ``used``/``remaining``.
        used: days of the period used so far (suspended days excluded).
        remaining: days left until the due date (0 once overdue), or ``None`` while
            suspended.
        overdue_by: days past the due date (0 unless overdue or completed late).
        total: the period's length including extensions, in ``unit``.
        share_elapsed: ``used / total`` (may exceed 1 when overdue); ``None`` for a
            zero-length period.
        provisional: whether the due date depends on provisional calendar data.
    """

    clock_id: str
    at: dt.datetime
    state: ClockState
    due_date: dt.date | None
    due_at: dt.datetime | None
    unit: str
    used: int
    remaining: int | None
    overdue_by: int
    total: int
    share_elapsed: float | None
    provisional: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "clock_id": self.clock_id,
            "at": self.at.isoformat(),
            "state": self.state.value,
            "due_date": None if self.due_date is None else self.due_date.isoformat(),
            "due_at": None if self.due_at is None else self.due_at.isoformat(),
            "unit": self.unit,
            "used": self.used,
            "remaining": self.remaining,
            "overdue_by": self.overdue_by,
            "total": self.total,
            "share_elapsed": self.share_elapsed,
            "provisional": self.provisional,
        }


def _to_events(value: Iterable[ClockEvent]) -> tuple[ClockEvent, ...]:
    return tuple(value)


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
    _fast: tuple[Any, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise InvalidInputError("a clock needs a non-empty string id", "计时器需要非空字符串 id")
        if not isinstance(self.calendar, WorkCalendar):
            raise InvalidTypeError("calendar must be a WorkCalendar", "calendar 必须是 WorkCalendar")
        period, _rule = _resolve(self.period)
        if not isinstance(period, WorkingDays | CalendarDays):
            raise InvalidInputError(
                f"a live clock counts working or calendar days, not {period.unit.value}; "
                f"use compute_deadline for month, year and hour periods",
                "计时器只支持工作日或自然日期间；月、年、小时期间请使用 compute_deadline",
            )
        _check_sequence(self.events)
        suspensions, extensions, completed = _replay(self.events, self.calendar.zone)
        start_day = local_date(self.events[0].at, self.calendar.zone)
        if len(self.events) == 1:
            # A clock that has only started (the common case in bulk): its due date is one
            # index look-up; the explained Deadline is built only if asked for.
            if isinstance(period, WorkingDays):
                due: dt.date | None = self.calendar.add_working_days(start_day, period.n)
            else:
                due = self.calendar.roll_forward(start_day + dt.timedelta(days=period.n))
            assert due is not None
            due_at: dt.datetime | None = end_of_day(due, self.calendar.zone, self.business_close)
            provisional = due > self.calendar.official_through
        else:
            # Events must be checked against the law (suspension or extension after expiry).
            deadline = compute_deadline(
                self.events[0].at,
                self.period,
                calendar=self.calendar,
                suspensions=suspensions,
                extensions=extensions,
                business_close=self.business_close,
            )
            object.__setattr__(self, "_deadline", deadline)
            due, due_at, provisional = deadline.due_date, deadline.due_at, deadline.provisional
        restarts = [s for s in suspensions if s.mode is SuspensionMode.RESTART and s.end is not None]
        frm = max((s.end for s in restarts if s.end is not None), default=start_day)
        pauses = _merge(
            (max(s.start, frm + _ONE_DAY), s.end)
            for s in suspensions
            if s.mode is SuspensionMode.PAUSE and s.end is not None and s.end > frm
        )
        total = period.n + sum(e.length.n for e in extensions if e.length.unit is period.unit)
        working = isinstance(period, WorkingDays)
        object.__setattr__(self, "_fast", (frm, pauses, total, completed, working, due, due_at, provisional))

    # -- building ------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        clock_id: str,
        at: dt.datetime,
        period: Period | StatuteRule,
        *,
        calendar: WorkCalendar | None = None,
        business_close: dt.time | None = None,
    ) -> DeadlineClock:
        """A clock started at the aware instant ``at`` (the start day is not counted)."""
        return cls(
            clock_id, period, _calendar(calendar), (ClockEvent(ClockEventKind.START, at),), business_close
        )

    def _with(self, event: ClockEvent) -> DeadlineClock:
        return attrs.evolve(self, events=(*self.events, event))

    def suspend(
        self, at: dt.datetime, basis: Citation, *, ordered_by: Text | str | None = None
    ) -> DeadlineClock:
        """Suspend the clock (中止) from the day of ``at``; the days until it resumes
        (inclusive) are not counted."""
        return self._with(
            ClockEvent(ClockEventKind.SUSPEND, at, basis=_basis(basis), authority=_opt_text(ordered_by))
        )

    def restart(self, at: dt.datetime, basis: Citation) -> DeadlineClock:
        """Stop the clock so that it counts afresh when it resumes (重新计算, e.g.
        政府信息公开条例 art. 30: from receipt of the corrected request)."""
        return self._with(ClockEvent(ClockEventKind.RESTART, at, basis=_basis(basis)))

    def resume(self, at: dt.datetime) -> DeadlineClock:
        """Resume after a suspension (or start counting afresh after a restart)."""
        return self._with(ClockEvent(ClockEventKind.RESUME, at))

    def extend(
        self,
        at: dt.datetime,
        length: WorkingDays | CalendarDays,
        authority: Text | str,
        basis: Citation | None = None,
    ) -> DeadlineClock:
        """Record an extension approved at ``at`` by ``authority``."""
        if not isinstance(length, WorkingDays | CalendarDays):
            raise InvalidTypeError(
                "an extension's length is WorkingDays(n) or CalendarDays(n)",
                "延长期限必须是 WorkingDays(n) 或 CalendarDays(n)",
            )
        return self._with(
            ClockEvent(ClockEventKind.EXTEND, at, basis=basis, length=length, authority=_opt_text(authority))
        )

    def complete(self, at: dt.datetime) -> DeadlineClock:
        """Record that the matter was closed (办结) at ``at``."""
        return self._with(ClockEvent(ClockEventKind.COMPLETE, at))

    # -- questions -----------------------------------------------------------------------

    @property
    def deadline(self) -> Deadline:
        """The deadline in force after all events, with its explanation."""
        if self._deadline is None:
            suspensions, extensions, _ = _replay(self.events, self.calendar.zone)
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

    def status(self, at: dt.datetime) -> ClockStatus:
        """The clock's status at the aware instant ``at``."""
        at = require_aware(at, "at")
        if at < self.events[0].at:
            raise InvalidInputError(
                f"clock {self.id} starts at {self.events[0].at.isoformat()}; ask about a later instant",
                f"计时器 {self.id} 自 {self.events[0].at.isoformat()} 开始，请查询之后的时刻",
            )
        if at < self.events[-1].at:
            past = attrs.evolve(self, events=tuple(e for e in self.events if e.at <= at))
            return past._status(at, local_date(at, self.calendar.zone))
        return self._status(at, local_date(at, self.calendar.zone))

    def _status(self, at: dt.datetime, day: dt.date) -> ClockStatus:
        frm, pauses, total, completed, working, due, due_at, provisional = self._fast
        if completed is not None:
            day = local_date(completed, self.calendar.zone)
        upto = day if due is None else min(day, due)
        used = self._count(frm, upto, pauses, working)
        overdue_by = 0
        remaining: int | None
        if due is None or due_at is None:
            state = ClockState.SUSPENDED if completed is None else ClockState.COMPLETED_ON_TIME
            remaining = None
        else:
            late = (completed if completed is not None else at) > due_at
            if late:
                overdue_by = max(self._count(due, day, pauses, working), 1)
            remaining = 0 if day >= due else self._count(day, due, pauses, working)
            if completed is not None:
                state = ClockState.COMPLETED_LATE if late else ClockState.COMPLETED_ON_TIME
            else:
                state = ClockState.OVERDUE if late else ClockState.RUNNING
        if due is None and completed is None:
            state = ClockState.SUSPENDED
        return ClockStatus(
            clock_id=self.id,
            at=at,
            state=state,
            due_date=due,
            due_at=due_at,
            unit="working_days" if working else "days",
            used=used,
            remaining=remaining,
            overdue_by=overdue_by,
            total=total,
            share_elapsed=None if total == 0 else (used + overdue_by) / total,
            provisional=provisional,
        )

    def _count(self, a: dt.date, b: dt.date, pauses: Sequence[tuple[dt.date, dt.date]], working: bool) -> int:
        """Days in (a, b] of the clock's unit, minus paused days."""
        if b <= a:
            return 0
        cal = self.calendar
        if working:
            n = cal.working_days_between(a, b)
            for s, e in pauses:
                lo, hi = max(s - _ONE_DAY, a), min(e, b)
                if hi > lo:
                    n -= cal.working_days_between(lo, hi)
            return n
        n = (b - a).days
        for s, e in pauses:
            lo, hi = max(s - _ONE_DAY, a), min(e, b)
            if hi > lo:
                n -= (hi - lo).days
        return n


def statuses_at(clocks: Iterable[DeadlineClock], at: dt.datetime) -> list[ClockStatus]:
    """The status of every clock at the aware instant ``at`` — the bulk path used by
    escalation and dashboards (the local date is computed once per zone)."""
    at = require_aware(at, "at")
    days: dict[str, dt.date] = {}
    out = []
    for clock in clocks:
        if not isinstance(clock, DeadlineClock):
            raise InvalidTypeError(
                f"expected DeadlineClock values, not {type(clock).__name__}", "需要 DeadlineClock"
            )
        if at < clock.events[-1].at:
            out.append(clock.status(at))
            continue
        zone = clock.calendar.zone
        day = days.get(zone)
        if day is None:
            day = days[zone] = local_date(at, zone)
        out.append(clock._status(at, day))
    return out


# --- plumbing -------------------------------------------------------------------------------


def _basis(value: object) -> Citation:
    if not isinstance(value, Citation):
        raise InvalidTypeError(
            "a suspension or restart needs its legal basis as a Citation",
            "中止或重新计算必须以 Citation 说明法律依据",
        )
    return value


def _opt_text(value: Text | str | None) -> Text | None:
    if value is None or isinstance(value, Text):
        return value
    if isinstance(value, str) and value.strip():
        return Text(value, value)
    raise InvalidTypeError("expected a non-empty str or Text", "需要非空字符串或 Text")


_ALLOWED = {
    # state -> events allowed in it
    "running": {
        ClockEventKind.SUSPEND,
        ClockEventKind.RESTART,
        ClockEventKind.EXTEND,
        ClockEventKind.COMPLETE,
    },
    "suspended": {ClockEventKind.RESUME, ClockEventKind.EXTEND, ClockEventKind.COMPLETE},
    "completed": set(),
}


def _check_sequence(events: tuple[ClockEvent, ...]) -> None:
    if not events or events[0].kind is not ClockEventKind.START:
        raise ClockEventError(
            "a clock's first event must be START (use DeadlineClock.start)",
            "计时器的第一个事件必须是 START（请使用 DeadlineClock.start）",
        )
    state = "running"
    for prev, event in itertools.pairwise(events):
        if not isinstance(event, ClockEvent):
            raise InvalidTypeError("clock events must be ClockEvent values", "计时器事件必须是 ClockEvent")
        if event.at < prev.at:
            raise ClockEventError(
                f"event {event.kind.value} at {event.at.isoformat()} is earlier than the previous "
                f"event ({prev.kind.value} at {prev.at.isoformat()}): add events in time order",
                f"事件 {event.kind.value}（{event.at.isoformat()}）早于上一事件"
                f"（{prev.kind.value}，{prev.at.isoformat()}）：请按时间顺序添加",
            )
        if event.kind not in _ALLOWED[state]:
            raise ClockEventError(
                f"cannot {event.kind.value} a clock that is {state} (at {event.at.isoformat()})",
                f"计时器处于{_STATE_ZH[state]}状态，不能执行 {event.kind.value}（{event.at.isoformat()}）",
            )
        if event.kind in (ClockEventKind.SUSPEND, ClockEventKind.RESTART):
            state = "suspended"
        elif event.kind is ClockEventKind.RESUME:
            state = "running"
        elif event.kind is ClockEventKind.COMPLETE:
            state = "completed"


_STATE_ZH = {"running": "进行中", "suspended": "中止", "completed": "已办结"}


def _replay(
    events: tuple[ClockEvent, ...], zone: str
) -> tuple[list[Suspension], list[Extension], dt.datetime | None]:
    suspensions: list[Suspension] = []
    extensions: list[Extension] = []
    completed: dt.datetime | None = None
    open_event: ClockEvent | None = None
    for event in events[1:]:
        day = local_date(event.at, zone)
        if event.kind in (ClockEventKind.SUSPEND, ClockEventKind.RESTART):
            open_event = event
        elif event.kind is ClockEventKind.RESUME and open_event is not None:
            suspensions.append(_suspension(open_event, day, zone))
            open_event = None
        elif event.kind is ClockEventKind.EXTEND and event.length is not None:
            extensions.append(
                Extension(event.length, event.authority or Text("未记载", "not recorded"), day, event.basis)
            )
        elif event.kind is ClockEventKind.COMPLETE:
            completed = event.at
    if open_event is not None:
        suspensions.append(_suspension(open_event, None, zone))
    return suspensions, extensions, completed


def _suspension(event: ClockEvent, end: dt.date | None, zone: str) -> Suspension:
    assert event.basis is not None  # enforced by suspend()/restart()
    mode = SuspensionMode.RESTART if event.kind is ClockEventKind.RESTART else SuspensionMode.PAUSE
    return Suspension(local_date(event.at, zone), end, event.basis, mode=mode, ordered_by=event.authority)
