"""A live clock's status at an instant, on day ordinals: what :func:`statuses_at` runs
once per clock per query.

What a status needs is precomputed once per clock (:class:`Fast`, from the clock's
:class:`~govefficiency.deadlines._clock_tally.Tally`); the status itself is then integer
arithmetic on the calendar's index (:class:`~govefficiency.calendar.CalendarIndex`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import attrs

from govefficiency._time import end_of_day
from govefficiency.calendar import CalendarVersion
from govefficiency.calendar._calendar import CalendarIndex
from govefficiency.deadlines._clock_counting import _merge, _new
from govefficiency.deadlines._clock_tally import Tally
from govefficiency.deadlines._periods import Period, WorkingDays
from govefficiency.text import LabelledEnum

__all__ = ["ClockState", "ClockStatus"]


class ClockState(LabelledEnum):
    """A clock's state at an instant."""

    RUNNING = ("running", "进行中", "running")
    SUSPENDED = ("suspended", "中止中", "suspended")
    COMPLETED_ON_TIME = ("completed_on_time", "按期办结", "completed on time")
    COMPLETED_LATE = ("completed_late", "逾期办结", "completed late")
    OVERDUE = ("overdue", "已逾期", "overdue")


# The members, for the hot path (an enum member looked up on its class costs a
# descriptor call on Python 3.11).
_RUNNING, _SUSPENDED, _ON_TIME, _LATE, _OVERDUE = (
    ClockState.RUNNING,
    ClockState.SUSPENDED,
    ClockState.COMPLETED_ON_TIME,
    ClockState.COMPLETED_LATE,
    ClockState.OVERDUE,
)


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
        """The status, JSON-ready: every field in order, instants and dates in ISO 8601,
        the state by its value, the calendar version as its ``to_dict()``."""
        return attrs.asdict(self, recurse=False, value_serializer=_json_value)


def _json_value(_: object, __: object, value: object) -> object:
    if isinstance(value, dt.date):  # dates and datetimes
        return value.isoformat()
    if isinstance(value, ClockState):
        return value.value
    if isinstance(value, CalendarVersion):
        return value.to_dict()
    return value


class Fast(NamedTuple):
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


def fast_of(
    tally: Tally,
    ix: CalendarIndex,
    period: Period,
    close: dt.time | None,
    completed_day: int | None,
    last_ts: float,
) -> Fast:
    """Precompute a clock's status from its tally (whose due date is known)."""
    due_day = tally.due
    assert due_day is None or due_day > 0
    if due_day is None:
        due = due_at = due_ts = None
    else:
        due = dt.date.fromordinal(due_day)
        due_at = end_of_day(due, ix.calendar.zone, close)
        due_ts = due_at.timestamp()
    pauses = tally.pauses
    latest = tally.start if due_day is None or due_day < tally.start else due_day
    frm = tally.start
    open_one = None
    for p in pauses:
        if p.end is None:
            # While a suspension is open nothing after its start is used; while a
            # restart is open the period will count afresh, so nothing of it is used yet.
            open_one = open_one or p
            continue
        if p.end > latest:
            latest = p.end
        if p.restart and p.end > frm:
            frm = p.end
    held = _merge(
        [
            (p.start if p.start > frm else frm + 1, p.end)
            for p in pauses
            if not p.restart and p.end is not None and p.end > frm
        ]
        if pauses
        else []
    )
    limit = None
    if open_one is not None:
        limit = frm if open_one.restart else max(frm, open_one.start - 1)
    working = isinstance(period, WorkingDays)
    completed = tally.completed
    total = period.n + (sum(e.n for e in tally.exts if e.working is working) if tally.exts else 0)
    return _new(
        Fast,
        (
            frm,
            tuple(held),
            limit,
            total,
            completed,
            completed_day,
            working,
            due,
            due_day,
            due_at,
            latest > ix.official_through,
            due_ts,
            None if completed is None else completed.timestamp(),
            last_ts,
        ),
    )


def status_of(
    clock_id: str, fast: Fast, ix: CalendarIndex, at: dt.datetime, day: int, at_ts: float
) -> ClockStatus:
    """The status at ``at`` whose local day has the ordinal ``day`` (all events are at or
    before ``at``). Integer arithmetic on the calendar's index only."""
    frm, pauses, limit, total, completed, completed_day, working = fast[:7]
    due, due_day, due_at, provisional, due_ts, done_ts = fast[7:13]
    cum, base = ix.cum, 1 - ix.ord0
    if completed_day is not None:
        day = completed_day
    elif not 0 <= day - ix.ord0 < ix.size:
        raise ix.uncovered(day)
    overdue_by = 0
    remaining: int | None
    if due_day is None or due_ts is None:
        upto = day if limit is None or day < limit else limit
        used = _count(cum, base, working, pauses, frm, upto)
        state = _SUSPENDED if completed is None else _ON_TIME
        remaining = None
    else:
        # Days of a roll-over (a last day moved past rest days) are not part of the
        # period's length: what is used never exceeds the total before it is overdue.
        used = min(_count(cum, base, working, pauses, frm, day if day < due_day else due_day), total)
        late = (done_ts if done_ts is not None else at_ts) > due_ts
        if late:
            overdue_by = _count(cum, base, working, pauses, due_day, day) or 1
        remaining = 0 if day >= due_day else _count(cum, base, working, pauses, day, due_day)
        state = (_LATE if late else _ON_TIME) if completed is not None else (_OVERDUE if late else _RUNNING)
    return ClockStatus(
        clock_id,
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
        ix.calendar.version,
    )


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
