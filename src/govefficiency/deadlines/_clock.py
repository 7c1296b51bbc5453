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
from collections.abc import Iterable
from typing import Any, NamedTuple

import attrs

from govefficiency._gc import gc_paused
from govefficiency._time import end_of_day, local_date, require_aware
from govefficiency._validators import check_iterable, instance_of
from govefficiency.calendar import CalendarVersion, WorkCalendar
from govefficiency.citation import Citation
from govefficiency.deadlines._compute import (
    Deadline,
    Extension,
    Suspension,
    SuspensionMode,
    _calendar,
    _check_close,
    _check_extensions,
    _check_max_length,
    _Counter,
    _merge,
    _require_direction,
    _resolve,
    compute_deadline,
)
from govefficiency.deadlines._periods import CalendarDays, Period, WorkingDays
from govefficiency.deadlines._rules import Direction, StatuteRule
from govefficiency.errors import (
    ClockEventError,
    ExtensionError,
    InvalidInputError,
    InvalidTypeError,
    SuspensionError,
)
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
        calendar_version: the version of the calendar the status was computed with.
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
    calendar_version: CalendarVersion | None = None

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
            "calendar_version": None if self.calendar_version is None else self.calendar_version.to_dict(),
        }


def _to_events(value: Iterable[ClockEvent]) -> tuple[ClockEvent, ...]:
    return check_iterable(value, "DeadlineClock.events")


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
    _fast: _Fast = attrs.field(init=False, eq=False, repr=False)
    _replayed: _Replayed = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self._setup(None)

    def _setup(self, parent: _Replayed | None) -> None:
        """Check the events and precompute what :meth:`status` needs. With ``parent`` (the
        replayed state of this clock minus its last event, already checked) only the last
        event is checked: adding an event costs the same whatever the history's length.
        No explanation is built (see :attr:`deadline`)."""
        if not isinstance(self.id, str) or not self.id:
            raise InvalidInputError("a clock needs a non-empty string id", "计时器需要非空字符串 id")
        if not isinstance(self.calendar, WorkCalendar):
            raise InvalidTypeError("calendar must be a WorkCalendar", "calendar 必须是 WorkCalendar")
        period, rule = _resolve(self.period)
        _require_direction(rule, Direction.FORWARD)
        if not isinstance(period, WorkingDays | CalendarDays):
            raise InvalidInputError(
                f"a live clock counts working or calendar days, not {period.unit.value}; "
                f"use compute_deadline for month, year and hour periods",
                "计时器只支持工作日或自然日期间；月、年、小时期间请使用 compute_deadline",
            )
        _check_close(self.business_close)
        cal = self.calendar
        events = self.events
        try:
            if parent is None:
                _check_sequence(events)
                # As compute_deadline: the rule's cap on extensions first, over all of
                # them (it reads their lengths only, which the events carry).
                _check_extensions(rule, [e for e in events if e.kind is ClockEventKind.EXTEND])  # type: ignore[misc]
                start_day = local_date(events[0].at, cal.zone)
                base = _due_date(cal, start_day, period, [], [])
                replayed = _Replayed("running", events[0].at, start_day, (), (), None, base, base)
                for event in events[1:]:
                    replayed = _append_checked(replayed, event, cal, period, rule, checked=True)
            else:
                replayed = _append_checked(parent, events[-1], cal, period, rule)
        except _NeedsFullCheckError:
            # A suspension and a later extension on the same day: compute_deadline checks
            # the extension first, so check every event in its order.
            replayed = _replay_checked(events, cal, period, rule)
        except (SuspensionError, ExtensionError):
            if parent is not None:
                raise
            # Refused: report the event compute_deadline refuses first (its order puts an
            # extension before a suspension of the same day).
            replayed = _replay_checked(events, cal, period, rule)
        suspensions, extensions, completed = (
            list(replayed.suspensions),
            list(replayed.extensions),
            replayed.completed,
        )
        start_day = replayed.start_day
        due = replayed.due
        if due is _UNKNOWN:
            due = _due_date(cal, start_day, period, suspensions, extensions)
        assert due is None or isinstance(due, dt.date)
        object.__setattr__(self, "_replayed", replayed._replace(due=due))
        due_at = None if due is None else end_of_day(due, cal.zone, self.business_close)
        latest = max(
            [
                start_day,
                *(d for d in [due] if d is not None),
                *(s.end for s in suspensions if s.end is not None),
            ]
        )
        provisional = latest > cal.official_through
        restarts = [s for s in suspensions if s.mode is SuspensionMode.RESTART and s.end is not None]
        frm = max((s.end for s in restarts if s.end is not None), default=start_day)
        pauses = tuple(
            (a.toordinal(), b.toordinal())
            for a, b in _merge(
                (max(s.start, frm + _ONE_DAY), s.end)
                for s in suspensions
                if s.mode is SuspensionMode.PAUSE and s.end is not None and s.end > frm
            )
        )
        # While a suspension is open nothing after its start is used; while a restart
        # is open the period will count afresh, so nothing of it is used yet.
        open_one = next((s for s in suspensions if s.end is None), None)
        limit = None
        if open_one is not None:
            limit = frm if open_one.mode is SuspensionMode.RESTART else max(frm, open_one.start - _ONE_DAY)
        completed_day = None if completed is None else local_date(completed, self.calendar.zone)
        if completed_day is not None:
            self.calendar.is_working_day(completed_day)  # inside the calendar, or CalendarCoverageError
        total = period.n + sum(e.length.n for e in extensions if e.length.unit is period.unit)
        object.__setattr__(
            self,
            "_fast",
            _Fast(
                frm=frm.toordinal(),
                pauses=pauses,
                limit=None if limit is None else limit.toordinal(),
                total=total,
                completed=completed,
                completed_day=None if completed_day is None else completed_day.toordinal(),
                working=isinstance(period, WorkingDays),
                due=due,
                due_day=None if due is None else due.toordinal(),
                due_at=due_at,
                provisional=provisional,
                due_ts=None if due_at is None else due_at.timestamp(),
                done_ts=None if completed is None else completed.timestamp(),
                last_ts=self.events[-1].at.timestamp(),
            ),
        )

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
        # The new clock is this one plus an event: only that event is checked (the
        # others were checked when this clock was built), so the fluent API is linear.
        child: DeadlineClock = object.__new__(DeadlineClock)
        for name, value in (
            ("id", self.id),
            ("period", self.period),
            ("calendar", self.calendar),
            ("events", (*self.events, event)),
            ("business_close", self.business_close),
            ("_deadline", None),
        ):
            object.__setattr__(child, name, value)
        child._setup(self._replayed)
        return child

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
            return past._status(at, local_date(at, self.calendar.zone).toordinal(), at.timestamp())
        return self._status(at, local_date(at, self.calendar.zone).toordinal(), at.timestamp())

    def _status(self, at: dt.datetime, day: int, at_ts: float) -> ClockStatus:
        """The status at ``at`` whose local day has the ordinal ``day`` (all events are
        at or before ``at``). Integer arithmetic on the calendar's index only: this is
        the hot path of :func:`statuses_at`."""
        (
            frm,
            pauses,
            limit,
            total,
            completed,
            completed_day,
            working,
            due,
            due_day,
            due_at,
            provisional,
            due_ts,
            done_ts,
            _last,
        ) = self._fast
        cal = self.calendar
        cum, base = cal._cum, 1 - cal._ord0
        if completed_day is not None:
            day = completed_day
        elif not cal._ord0 <= day < cal._ord0 + len(cal._kinds):
            raise cal._uncovered(dt.date.fromordinal(day))
        overdue_by = 0
        remaining: int | None
        if due_day is None or due_ts is None:
            upto = day if limit is None or day < limit else limit
            used = _count(cum, base, working, pauses, frm, upto)
            state = ClockState.SUSPENDED if completed is None else ClockState.COMPLETED_ON_TIME
            remaining = None
        else:
            # Days of a roll-over (a last day moved past rest days) are not part of the
            # period's length: what is used never exceeds the total before it is overdue.
            used = min(_count(cum, base, working, pauses, frm, day if day < due_day else due_day), total)
            late = (done_ts if done_ts is not None else at_ts) > due_ts
            if late:
                overdue_by = _count(cum, base, working, pauses, due_day, day) or 1
            remaining = 0 if day >= due_day else _count(cum, base, working, pauses, day, due_day)
            if completed is not None:
                state = ClockState.COMPLETED_LATE if late else ClockState.COMPLETED_ON_TIME
            else:
                state = ClockState.OVERDUE if late else ClockState.RUNNING
        return ClockStatus(
            self.id,
            at,
            state,
            due,
            due_at,
            "working_days" if working else "days",
            used,
            remaining,
            overdue_by,
            total,
            None if total == 0 else (used + overdue_by) / total,
            provisional,
            cal.version,
        )


class _Fast(NamedTuple):
    """What a clock's status needs, precomputed (private). Days are ordinals; instants
    are POSIX timestamps, because comparing floats is much cheaper than comparing aware
    datetimes in different zones, and these run once per clock per query."""

    frm: int
    pauses: tuple[tuple[int, int], ...]
    limit: int | None
    total: int
    completed: dt.datetime | None
    completed_day: int | None
    working: bool
    due: dt.date | None
    due_day: int | None
    due_at: dt.datetime | None
    provisional: bool
    due_ts: float | None
    done_ts: float | None
    last_ts: float


def _count(
    cum: list[int], base: int, working: bool, pauses: tuple[tuple[int, int], ...], a: int, b: int
) -> int:
    """Days of the clock's unit in ``(a, b]`` (ordinals) minus paused days; ``cum`` is the
    calendar's prefix count of working days and ``base`` turns an ordinal into its index."""
    if b <= a:
        return 0
    if working:
        n = cum[b + base] - cum[a + base]
        for s, e in pauses:
            lo = s - 1 if s - 1 > a else a
            hi = e if e < b else b
            if hi > lo:
                n -= cum[hi + base] - cum[lo + base]
        return n
    n = b - a
    for s, e in pauses:
        lo = s - 1 if s - 1 > a else a
        hi = e if e < b else b
        if hi > lo:
            n -= hi - lo
    return n


def statuses_at(clocks: Iterable[DeadlineClock], at: dt.datetime) -> list[ClockStatus]:
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
            if at_ts < clock._fast.last_ts:
                out.append(clock.status(at))
                continue
            zone = clock.calendar.zone
            day = days.get(zone)
            if day is None:
                day = days[zone] = local_date(at, zone).toordinal()
            out.append(clock._status(at, day, at_ts))
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


# --- checking events without building explanations -----------------------------------------


class _Replayed(NamedTuple):
    """A clock's events replayed and checked (private): what the next event is checked
    against."""

    state: str
    last_at: dt.datetime
    start_day: dt.date
    suspensions: tuple[Suspension, ...]
    extensions: tuple[Extension, ...]
    completed: dt.datetime | None
    #: the due date with these events, ``None`` while suspended, or ``_UNKNOWN`` when not
    #: computed yet (computed only when an event needs it).
    due: dt.date | object | None
    #: the due date with no event at all. Suspensions, restarts and the resumption of
    #: either only ever move the due date later, so an event on or before it, with no
    #: extension before it (an extension may be zero days long), needs no computation.
    base: dt.date | None


_UNKNOWN = object()


class _NeedsFullCheckError(Exception):
    """Raised by :func:`_append_checked` when the event order differs from the order in
    which ``compute_deadline`` checks events: the whole history is then checked at once."""


def _roll_date(cal: WorkCalendar, end: dt.date, period: Period) -> dt.date:
    """compute_deadline's ``_roll`` without the explanation: calendar-type periods roll a
    rest day forward (民法典 art. 203); a working-day period ends on a working day (only
    ``WorkingDays(0)`` from a rest day can need it)."""
    if not (period.rolls_to_working_day or isinstance(period, WorkingDays)) or cal.is_working_day(end):
        return end
    return cal.roll_forward(end)


def _due_date(
    cal: WorkCalendar,
    start_day: dt.date,
    period: Period,
    suspensions: list[Suspension],
    extensions: list[Extension],
) -> dt.date | None:
    """The due date that ``compute_deadline`` gives for these suspensions and extensions
    (``None`` while an open suspension holds it), by the same steps as its ``_due`` and
    with the same counter, but without building the explanation. Kept equal to it by
    tests/deadlines/test_clock_fast.py."""
    if not suspensions and not extensions:
        if isinstance(period, WorkingDays) and period.n:
            return cal.add_working_days(start_day, period.n)
        return _roll_date(cal, _Counter(cal, []).advance(start_day, period)[0], period)
    restarts = [s for s in suspensions if s.mode is SuspensionMode.RESTART]
    frm = start_day
    if restarts:
        last = max(restarts, key=lambda s: s.start)
        if last.end is None:
            return None
        frm = last.end
        suspensions = [
            s for s in suspensions if s.mode is SuspensionMode.PAUSE and (s.end is None or s.end > frm)
        ]
    counter = _Counter(cal, _merge((s.start, s.end) for s in suspensions if s.end is not None))
    end, _ = counter.advance(frm, period, final=not extensions)
    if any(s.end is None for s in suspensions):
        return None
    due = _roll_date(cal, end, period)
    for ext in extensions:
        end, _ = counter.advance(end, ext.length, final=ext is extensions[-1])
        due = _roll_date(cal, end, ext.length)
    return due


def _check_in_force(
    cal: WorkCalendar,
    start_day: dt.date,
    period: Period,
    when: dt.date,
    event: Suspension | Extension,
    prior_s: list[Suspension],
    prior_e: list[Extension],
) -> None:
    """compute_deadline's check that a suspension or extension did not come after the
    deadline in force (given the events before it) had passed."""
    _raise_if_expired(when, event, _due_date(cal, start_day, period, prior_s, prior_e))


def _raise_if_expired(when: dt.date, event: Suspension | Extension, in_force: object) -> None:
    """The errors of compute_deadline, with the same messages."""
    if not isinstance(in_force, dt.date) or when <= in_force:
        return
    if isinstance(event, Suspension):
        raise SuspensionError(
            f"the suspension starting {when} ({event.basis.render('en')}) begins after "
            f"the deadline in force, {in_force}, had passed: a suspension cannot revive "
            f"an expired limit",
            f"{when} 开始的中止（{event.basis.render('zh')}）晚于当时有效的期限 {in_force}："
            f"期限届满后不能再中止",
        )
    raise ExtensionError(
        f"the extension approved on {when} by {event.authority.en} comes after the "
        f"deadline in force, {in_force}, had passed: an expired limit cannot be extended",
        f"{event.authority.zh}于 {when} 批准的延长晚于当时有效的期限 {in_force}：期限届满后不能延长",
    )


def _replay_checked(
    events: tuple[ClockEvent, ...], cal: WorkCalendar, period: Period, rule: StatuteRule | None
) -> _Replayed:
    """All events checked at once, as ``compute_deadline`` checks them (in date order,
    an extension before a suspension of the same day)."""
    zone = cal.zone
    suspensions, extensions, completed = _replay(events, zone)
    start_day = local_date(events[0].at, zone)
    exts = sorted(extensions, key=lambda e: e.approved_on)
    _check_extensions(rule, exts)
    for sus in suspensions:
        _check_max_length(cal, sus)
    ordered: list[tuple[dt.date, int, Suspension | Extension]] = sorted(
        [(s.start, 1, s) for s in suspensions] + [(e.approved_on, 0, e) for e in exts],
        key=lambda item: (item[0], item[1]),
    )
    prior_s: list[Suspension] = []
    prior_e: list[Extension] = []
    for when, _, event in ordered:
        _check_in_force(cal, start_day, period, when, event, prior_s, prior_e)
        if isinstance(event, Suspension):
            prior_s.append(event)
        else:
            prior_e.append(event)
    state = _state_after(events)
    return _Replayed(
        state, events[-1].at, start_day, tuple(suspensions), tuple(exts), completed, _UNKNOWN, None
    )


def _append_checked(
    parent: _Replayed,
    event: ClockEvent,
    cal: WorkCalendar,
    period: Period,
    rule: StatuteRule | None,
    *,
    checked: bool = False,
) -> _Replayed:
    """``parent`` plus ``event``, checking ``event`` only (and, when it ends a
    suspension, the extensions approved during it, whose check waited for its end).
    ``checked``: the order and the states were already checked (_check_sequence)."""
    state, last_at, start_day, sus, exts, completed, due, base = parent
    if not checked:
        if not isinstance(event, ClockEvent):
            raise InvalidTypeError("clock events must be ClockEvent values", "计时器事件必须是 ClockEvent")
        if event.at < last_at:
            raise ClockEventError(
                f"event {event.kind.value} at {event.at.isoformat()} is earlier than the previous "
                f"event (at {last_at.isoformat()}): add events in time order",
                f"事件 {event.kind.value}（{event.at.isoformat()}）早于上一事件"
                f"（{last_at.isoformat()}）：请按时间顺序添加",
            )
        if event.kind not in _ALLOWED[state]:
            raise ClockEventError(
                f"cannot {event.kind.value} a clock that is {state} (at {event.at.isoformat()})",
                f"计时器处于{_STATE_ZH[state]}状态，不能执行 {event.kind.value}（{event.at.isoformat()}）",
            )
    zone = cal.zone
    day = local_date(event.at, zone)
    kind = event.kind
    if kind in (ClockEventKind.SUSPEND, ClockEventKind.RESTART):
        assert event.basis is not None  # enforced by suspend()/restart()
        mode = SuspensionMode.RESTART if kind is ClockEventKind.RESTART else SuspensionMode.PAUSE
        new = Suspension(day, None, event.basis, mode=mode, ordered_by=event.authority)
        # Checked against every earlier event (all dated on or before its day); the due
        # date with them is the parent's.
        if exts or base is None or day > base:
            if due is _UNKNOWN:
                due = _due_date(cal, start_day, period, list(sus), list(exts))
            _raise_if_expired(day, new, due)
        return _Replayed("suspended", event.at, start_day, (*sus, new), exts, completed, _UNKNOWN, base)
    if kind is ClockEventKind.RESUME:
        open_one = sus[-1]
        closed = _closed(open_one, day)
        _check_max_length(cal, closed)
        new_sus = (*sus[:-1], closed)
        for i, ext in enumerate(exts):
            if ext.approved_on >= closed.start:  # checked against an open suspension so far
                if i == 0 and base is not None and ext.approved_on <= base:
                    continue
                prior = [s for s in new_sus if s.start < ext.approved_on]
                in_force = _due_date(cal, start_day, period, prior, list(exts[:i]))
                _raise_if_expired(ext.approved_on, ext, in_force)
        return _Replayed("running", event.at, start_day, new_sus, exts, completed, _UNKNOWN, base)
    if kind is ClockEventKind.EXTEND:
        assert event.length is not None  # enforced by extend()
        if sus and sus[-1].start == day:
            raise _NeedsFullCheckError
        ext = Extension(event.length, event.authority or Text("未记载", "not recorded"), day, event.basis)
        new_exts = (*exts, ext)
        if not checked:
            _check_extensions(rule, new_exts)
        # Checked against every earlier event (no suspension started on its day).
        if exts or base is None or day > base:
            if due is _UNKNOWN:
                due = _due_date(cal, start_day, period, list(sus), list(exts))
            _raise_if_expired(day, ext, due)
        return _Replayed(state, event.at, start_day, sus, new_exts, completed, _UNKNOWN, base)
    # COMPLETE: the due date does not change.
    return _Replayed("completed", event.at, start_day, sus, exts, event.at, due, base)


def _closed(open_one: Suspension, end: dt.date) -> Suspension:
    """``open_one`` ended on ``end``: a copy without re-running the validators, which
    ``open_one`` passed (``end`` is not before its start: events come in time order)."""
    closed: Suspension = object.__new__(Suspension)
    for field in attrs.fields(Suspension):
        object.__setattr__(closed, field.name, getattr(open_one, field.name))
    object.__setattr__(closed, "end", end)
    return closed


def _state_after(events: tuple[ClockEvent, ...]) -> str:
    state = "running"
    for event in events[1:]:
        if event.kind in (ClockEventKind.SUSPEND, ClockEventKind.RESTART):
            state = "suspended"
        elif event.kind is ClockEventKind.RESUME:
            state = "running"
        elif event.kind is ClockEventKind.COMPLETE:
            state = "completed"
    return state
