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
from govefficiency.deadlines._clock_tally import _UNKNOWN, Tally
from govefficiency.deadlines._periods import Period, WorkingDays
from govefficiency.text import LabelledEnum, Text

__all__ = ["ClockState", "ClockStatus"]


class ClockState(LabelledEnum):
    """A clock's state at an instant."""

    RUNNING = ("running", "进行中", "running")
    SUSPENDED = ("suspended", "中止中", "suspended")
    COMPLETED_ON_TIME = ("completed_on_time", "按期办结", "completed on time")
    COMPLETED_LATE = ("completed_late", "逾期办结", "completed late")
    OVERDUE = ("overdue", "已逾期", "overdue")
    #: Whether the clock is overdue depends on days the calendar does not cover (its due
    #: date lies past the calendar's last day, and so does the instant): see
    #: :attr:`ClockStatus.missing`.
    UNDETERMINED = ("undetermined", "无法确定", "undetermined")


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

    What is known is stated even when part of the answer depends on days the calendar
    does not cover (next year's holiday arrangement not published): a clock due on a
    covered day and asked about later is ``OVERDUE`` by *at least* the working days up to
    the calendar's last day (``at_least``); a clock whose due date lies past the last day
    is ``RUNNING`` (or completed on time) up to that day and ``UNDETERMINED`` after it,
    with ``due_date`` ``None``. ``missing`` then says which days are unknown and how to
    add them (a calendar patch: ``--patch FILE``; or provisional answers:
    ``china_calendar(provisional=True)`` / ``--provisional``).

    Attributes:
        clock_id: the clock's id.
        at: the instant asked about.
        state: running, suspended, completed on time/late, overdue, or undetermined.
        due_date: the due date in force, or ``None`` while suspended or when it lies past
            the calendar's last day (see ``missing``).
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
        missing: what the calendar lacks to answer in full (the days past its last day,
            and how to add them), or ``None`` when everything was determined.
        at_least: whether ``used``, ``overdue_by`` and ``share_elapsed`` are counted up to
            the calendar's last day only: the true figures are at least these.
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
    missing: Text | None = None
    at_least: bool = False

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
    if isinstance(value, Text):
        return {"zh": value.zh, "en": value.en}
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
    beyond: Text | None  # why the due date is unknown: it lies past the calendar's last day


def fast_of(
    tally: Tally,
    ix: CalendarIndex,
    period: Period,
    close: dt.time | None,
    completed_day: int | None,
    last_ts: float,
) -> Fast:
    """Precompute a clock's status from its tally (whose due date is known, held by a
    suspension, or past the calendar's last day: ``tally.beyond``)."""
    due_day = tally.due
    beyond = None
    if due_day == _UNKNOWN:
        assert tally.beyond is not None
        due_day, beyond = None, tally.beyond
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
            beyond,
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
    if not 0 <= day - ix.ord0 < ix.size:
        return _beyond_status(clock_id, fast, ix, at, day, at_ts)
    overdue_by = 0
    remaining: int | None
    if due_day is None or due_ts is None:
        if fast[14] is not None:  # the due date lies past the calendar's last day
            return _beyond_status(clock_id, fast, ix, at, day, at_ts)
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


def _beyond_status(
    clock_id: str, fast: Fast, ix: CalendarIndex, at: dt.datetime, day: int, at_ts: float
) -> ClockStatus:
    """The status when the day asked about (or the completion day) lies past the
    calendar's last day, or the due date does: what is known, counted up to the last day,
    with what is missing (the slow path: only for these clocks)."""
    frm, pauses, limit, total, completed, _, working = fast[:7]
    due, due_day, due_at, provisional, due_ts, done_ts = fast[7:13]
    beyond = fast.beyond
    if day < ix.ord0:
        raise ix.uncovered(day)
    cum, base = ix.cum, 1 - ix.ord0
    last = ix.ord0 + ix.size - 1
    covered = day <= last
    upto = day if covered else last
    missing = beyond
    if missing is None:
        error = ix.uncovered(day)
        missing = Text(error.zh or error.en, error.en)
    state: ClockState
    at_least = not covered
    overdue_by = 0
    remaining: int | None = None
    if due_day is not None and due_ts is not None:
        # Due on a covered day, asked about (or completed) after the last day: past it.
        used = min(_count(cum, base, working, pauses, frm, due_day), total)
        late = (done_ts if done_ts is not None else at_ts) > due_ts
        if late:
            overdue_by = _count(cum, base, working, pauses, due_day, last) or 1
        remaining = 0
        state = (_LATE if late else _ON_TIME) if completed is not None else (_OVERDUE if late else _RUNNING)
    else:
        cap = upto if limit is None or upto < limit else limit
        used = min(_count(cum, base, working, pauses, frm, cap), total)
        if beyond is None:  # suspended (the due date held), asked about past the last day
            state = _SUSPENDED if completed is None else _ON_TIME
            if limit is not None and limit <= last:  # nothing is counted after the limit
                missing, at_least = None, False
        elif not covered:  # due, and asked about, after the last day: not known
            state = ClockState.UNDETERMINED
        elif completed is not None:  # completed by the last day, due after it
            state = _ON_TIME
        else:
            state = _SUSPENDED if limit is not None else _RUNNING
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
        missing,
        at_least,
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
