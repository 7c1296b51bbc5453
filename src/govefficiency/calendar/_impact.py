"""The impact of a new calendar (next year's notice, a correction, a local closure).

:func:`calendar_impact` answers the three questions asked the day the State Council
publishes next year's arrangement: which deadlines change, by how many days, and who
must be told. Each changed deadline is listed with its old and new due dates (or
status) and the days that caused the change ("2027-02-13 is now a make-up working
day"); unchanged ones are only counted, and provisional ones that the notice confirmed
are counted apart.

Deadlines and clocks are recomputed with each calendar — nothing stored is rewritten:
a deadline keeps the calendar version it was computed with.

The module sits in ``calendar`` but recomputes through ``govefficiency.deadlines``,
which it imports only when called (deadlines depends on calendar, not the reverse).
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from govefficiency._gc import gc_paused
from govefficiency._time import require_aware
from govefficiency.calendar._calendar import WorkCalendar
from govefficiency.calendar._impact_types import (
    _UNCOVERED,
    CalendarImpact,
    DayChange,
    DeadlineBatch,
    DueDate,
    ImpactEntry,
    ImpactError,
)
from govefficiency.calendar._kinds import KINDS_BY_CODE
from govefficiency.errors import (
    CalendarCoverageError,
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
)
from govefficiency.text import Text

if TYPE_CHECKING:
    from govefficiency.deadlines import Deadline, DeadlineClock, Period, StatuteRule

__all__ = [
    "calendar_impact",
    "day_changes",
    "recompute_as_known_on",
]

# --- the computation --------------------------------------------------------------------------


def day_changes(old: WorkCalendar, new: WorkCalendar) -> tuple[DayChange, ...]:
    """The days both calendars cover whose kind or working status differs, in order.

    Compares the two day-kind tables directly (one pass over the bytes, no per-day
    calendar call).
    """
    _check_calendar(old, "old_calendar")
    _check_calendar(new, "new_calendar")
    lo = max(old.first, new.first).toordinal()
    hi = min(old.last, new.last).toordinal()
    if hi < lo:
        return ()
    oi, ni = lo - old._ord0, lo - new._ord0
    n = hi - lo + 1
    ok, nk = old._kinds[oi : oi + n], new._kinds[ni : ni + n]
    ocum, ncum = old._cum, new._cum
    out: list[DayChange] = []
    for i, (a, b) in enumerate(zip(ok, nk, strict=True)):
        ow = ocum[oi + i + 1] != ocum[oi + i]
        nw = ncum[ni + i + 1] != ncum[ni + i]
        if a != b or ow != nw:
            out.append(DayChange(dt.date.fromordinal(lo + i), KINDS_BY_CODE[a], KINDS_BY_CODE[b], ow, nw))
    return tuple(out)


def _check_calendar(value: object, what: str) -> None:
    if not isinstance(value, WorkCalendar):
        raise InvalidTypeError(
            f"{what} must be a WorkCalendar (e.g. china_calendar()), not {type(value).__name__}",
            f"{what} 必须是 WorkCalendar（如 china_calendar()），而不是 {type(value).__name__}",
        )


class _Causes:
    """The working-status changes, searchable by date range (bisect, not a scan)."""

    def __init__(self, changes: tuple[DayChange, ...]) -> None:
        self.moving = [c for c in changes if c.moves_deadlines]
        self.dates = [c.date for c in self.moving]
        self._seen: dict[tuple[dt.date | None, dt.date | None], tuple[DayChange, ...]] = {}

    def between(self, after: dt.date | None, through: dt.date | None) -> tuple[DayChange, ...]:
        key = (after, through)
        found = self._seen.get(key)
        if found is None:
            if through is None:
                found = ()
            else:
                lo = 0 if after is None else bisect.bisect_right(self.dates, after)
                found = tuple(self.moving[lo : bisect.bisect_right(self.dates, through)])
            self._seen[key] = found
        return found


def calendar_impact(
    old_calendar: WorkCalendar,
    new_calendar: WorkCalendar,
    deadlines_or_clocks: Iterable[Any] | Mapping[str, Any],
    *,
    at: dt.datetime | None = None,
) -> CalendarImpact:
    """Which deadlines change when ``old_calendar`` is replaced by ``new_calendar``.

    Args:
        old_calendar: the calendar the deadlines were computed with (e.g.
            ``china_calendar(provisional=True)``).
        new_calendar: the new one (e.g. the same with next year's patch).
        deadlines_or_clocks: the items to re-evaluate — :class:`~govefficiency.deadlines.Deadline`
            values (recomputed from their start and period; one with suspensions or
            extensions must be given as its clock), :class:`~govefficiency.deadlines.DeadlineClock`
            values (compared at ``at``), :class:`DeadlineBatch` (the bulk path) and
            :class:`DueDate` values (stored dates: status only). A mapping gives each
            item its id; otherwise deadlines are numbered ``#1``, ``#2``…
        at: the aware instant at which clock states are compared (required with clocks).

    Returns:
        A :class:`CalendarImpact`: the changed deadlines with old and new dates and the
        days that caused the change; unchanged ones are counted, not listed.

    Raises:
        InvalidTypeError: a calendar is not a WorkCalendar, or an item of an unknown type.
        InvalidInputError: clocks without ``at``.
    """
    with gc_paused():  # see govefficiency._gc: a bulk report allocates, it leaves no garbage
        return _impact(old_calendar, new_calendar, deadlines_or_clocks, at)


def _impact(
    old_calendar: WorkCalendar,
    new_calendar: WorkCalendar,
    deadlines_or_clocks: Iterable[Any] | Mapping[str, Any],
    at: dt.datetime | None,
) -> CalendarImpact:
    changes = day_changes(old_calendar, new_calendar)
    if at is not None:
        at = require_aware(at, "at")
    pairs = _pairs(deadlines_or_clocks)
    causes = _Causes(changes)
    entries: list[ImpactEntry] = []
    errors: list[ImpactError] = []
    checked = confirmed = 0
    for n, (key, item) in enumerate(pairs, 1):
        ident = key if key is not None else f"#{n}"
        if isinstance(item, DeadlineBatch):
            c, k = _batch(old_calendar, new_calendar, item, causes, entries, errors)
            checked += c
            confirmed += k
            continue
        answered = _answers(item, key, ident, old_calendar, new_calendar, at, errors)
        if answered is None:
            continue
        old, new, ident, source = answered
        checked += 1
        (old_due, old_status, old_prov, old_err), (new_due, new_status, new_prov, new_err) = old, new
        if old_err is not None and new_err is not None:
            errors.append(ImpactError(ident, new_err))
            continue
        if old_due == new_due and old_status == new_status:
            confirmed += old_prov and not new_prov
            continue
        start = _start_of(item, old_calendar)
        later = max((d for d in (old_due, new_due) if d is not None), default=None)
        entries.append(
            ImpactEntry(
                ident,
                source,
                old_due,
                new_due,
                old_status,
                new_status,
                old_prov,
                new_prov,
                causes.between(start, later),
                item.parties if isinstance(item, DueDate) else (),
            )
        )
    return CalendarImpact(
        old_calendar.version,
        new_calendar.version,
        changes,
        tuple(entries),
        checked,
        confirmed,
        tuple(errors),
        at,
    )


_Answer = tuple[dt.date | None, str, bool, Text | None]
_NOT_RECOMPUTABLE = ("suspension", "restart", "extension", "undetermined")


def _pairs(deadlines_or_clocks: object) -> Iterable[tuple[str | None, Any]]:
    """``(id or None, item)`` for a mapping or an iterable of items."""
    if isinstance(deadlines_or_clocks, Mapping):
        return deadlines_or_clocks.items()
    if isinstance(deadlines_or_clocks, str | bytes) or not isinstance(deadlines_or_clocks, Iterable):
        raise InvalidTypeError(
            "deadlines_or_clocks must be a list (or a mapping id -> item) of deadlines, clocks, "
            f"DeadlineBatch or DueDate values, not {type(deadlines_or_clocks).__name__}",
            "deadlines_or_clocks 必须是期限、计时器、DeadlineBatch 或 DueDate 的列表（或 id -> 项目 的映射）",
        )
    return ((None, item) for item in deadlines_or_clocks)


def _answers(
    item: Any,
    key: str | None,
    ident: str,
    old_calendar: WorkCalendar,
    new_calendar: WorkCalendar,
    at: dt.datetime | None,
    errors: list[ImpactError],
) -> tuple[_Answer, _Answer, str, str] | None:
    """One item's answers under both calendars, its id and its source kind; ``None`` (and
    an error recorded) when it cannot be recomputed."""
    from govefficiency.deadlines import Deadline, DeadlineClock  # deadlines depends on calendar

    if isinstance(item, DeadlineClock):
        if at is None:
            raise InvalidInputError(
                "clocks are compared at an instant: pass at= (an aware datetime)",
                "计时器需在某一时刻比较：请传入 at=（带时区的 datetime）",
            )
        old, new = _clock(item, old_calendar, at), _clock(item, new_calendar, at)
        ident = key if key is not None else item.id
        source = "clock"
    elif isinstance(item, Deadline):
        if any(s.kind.value in ("suspension", "restart", "extension", "undetermined") for s in item.steps):
            errors.append(
                ImpactError(
                    ident,
                    Text(
                        "该期限含中止或延长，无法仅凭计算结果重算；请传入其 DeadlineClock",
                        "this deadline has suspensions or extensions and cannot be recomputed from "
                        "its result alone; pass its DeadlineClock instead",
                    ),
                )
            )
            return None
        old, new = _deadline(item, old_calendar), _deadline(item, new_calendar)
        source = "deadline"
    elif isinstance(item, DueDate):
        old, new = _dated(item, old_calendar), _dated(item, new_calendar)
        ident = key if key is not None else item.id
        source = "due_date"
    else:
        raise InvalidTypeError(
            f"cannot evaluate {type(item).__name__}: give Deadline, DeadlineClock, "
            f"DeadlineBatch or DueDate values",
            f"无法评估 {type(item).__name__}：请提供 Deadline、DeadlineClock、DeadlineBatch 或 DueDate",
        )
    return old, new, ident, source


def recompute_as_known_on(
    deadline: Deadline,
    *,
    on: dt.date,
    provisional: bool = True,
    patches: Iterable[Any] = (),
) -> Deadline:
    """``deadline`` recomputed with the PRC calendar as known on ``on`` — what the agency
    knew the day it first computed it (see ``china_calendar(as_known_on=…)``).

    The result records that calendar's version; compare its ``content_hash`` with the
    stored deadline's to see whether the stored one was computed on the same day-kind
    table.

    Args:
        deadline: a deadline computed by ``compute_deadline`` or ``latest_date_before``
            without suspensions or extensions (those are recomputed from their clock).
        on: the day it was first computed.
        provisional: answer beyond the notices known then from the statutory rules
            (default), as a calendar in provisional mode did.
        patches: patches the agency had applied (each with ``published_on``; later ones
            are left out).

    Raises:
        InvalidTypeError: ``deadline`` is not a Deadline.
        InvalidInputError: it has suspensions or extensions.
        CalendarError: ``on`` is before the earliest notice date in the data.
    """
    from govefficiency.calendar._china import china_calendar
    from govefficiency.deadlines import Deadline, compute_deadline, latest_date_before

    if not isinstance(deadline, Deadline):
        raise InvalidTypeError(
            f"expected a Deadline, not {type(deadline).__name__}",
            f"需要 Deadline，而不是 {type(deadline).__name__}",
        )
    if any(s.kind.value in _NOT_RECOMPUTABLE for s in deadline.steps):
        raise InvalidInputError(
            "this deadline has suspensions or extensions and cannot be recomputed from its result "
            "alone; recompute it from its DeadlineClock with the calendar as known on that day",
            "该期限含中止或延长，无法仅凭计算结果重算；请用当日已知的日历由其 DeadlineClock 重算",
        )
    cal = china_calendar(as_known_on=on, provisional=provisional, patches=patches)
    basis: Period | StatuteRule = deadline.rule if deadline.rule is not None else deadline.period
    fn = latest_date_before if deadline.backward else compute_deadline
    return fn(deadline.start, basis, calendar=cal)


def _uncovered(exc: GovEfficiencyError) -> _Answer:
    return None, _UNCOVERED, False, Text(exc.zh or exc.en, exc.en)


def _deadline(item: Deadline, cal: WorkCalendar) -> _Answer:
    from govefficiency.deadlines import compute_deadline, latest_date_before

    basis: Period | StatuteRule = item.rule if item.rule is not None else item.period
    try:
        fn = latest_date_before if item.backward else compute_deadline
        result = fn(item.start, basis, calendar=cal)
    except CalendarCoverageError as exc:
        return _uncovered(exc)
    return result.due_date, result.status.value, result.provisional, None


def _clock(item: DeadlineClock, cal: WorkCalendar, at: dt.datetime) -> _Answer:
    try:
        status = attrs.evolve(item, calendar=cal).status(at=at)
    except CalendarCoverageError as exc:
        return _uncovered(exc)
    if status.due_date is None and status.missing is not None:  # due past the calendar's end
        return None, _UNCOVERED, False, status.missing
    return status.due_date, status.state.value, status.provisional, None


def _dated(item: DueDate, cal: WorkCalendar) -> _Answer:
    if item.due is None:
        return None, "undetermined", False, Text("截止日期未确定", "the due date is not determined")
    if not cal.covers(item.due):
        return (
            None,
            _UNCOVERED,
            False,
            Text(
                f"{item.due} 不在日历覆盖范围（{cal.first}..{cal.last}）内",
                f"{item.due} is outside the calendar's range {cal.first}..{cal.last}",
            ),
        )
    status = "working_day" if cal.is_working_day(item.due) else "rest_day"
    return item.due, status, cal.is_provisional(item.due), None


def _start_of(item: Any, cal: WorkCalendar) -> dt.date | None:
    """The day counting starts from (causes are looked for after it)."""
    from govefficiency._time import local_date
    from govefficiency.deadlines import DeadlineClock

    if isinstance(item, DeadlineClock):
        return local_date(item.events[0].at, item.calendar.zone)
    if isinstance(item, DueDate):
        return None if item.due is None else item.due - dt.timedelta(days=1)
    start = item.start
    if isinstance(start, dt.datetime):
        return local_date(start, cal.zone)
    if item.backward:
        return None  # counted backwards from the event: any earlier day may matter
    return start if isinstance(start, dt.date) else None


def _batch(
    old: WorkCalendar,
    new: WorkCalendar,
    batch: DeadlineBatch,
    causes: _Causes,
    entries: list[ImpactEntry],
    errors: list[ImpactError],
) -> tuple[int, int]:
    """The bulk path. A due date depends only on the start (the period is shared), so the
    distinct starts — a few hundred days for a million stored deadlines — go through
    ``due_dates`` once per calendar, and the rows are then selected in C (``Counter``,
    ``compress``), not compared one by one in Python."""
    from govefficiency.deadlines import due_dates

    starts = batch.starts
    counts = collections.Counter(starts)
    uniq = list(counts)
    old_answers = _bulk_answers(old, uniq, batch.period, due_dates)
    new_answers = _bulk_answers(new, uniq, batch.period, due_dates)
    moved: dict[dt.date, tuple[_Answer, _Answer]] = {}
    confirmed = 0
    for start, x, y in zip(uniq, old_answers, new_answers, strict=True):
        if x[0] != y[0] or x[1] != y[1] or (x[3] is not None and y[3] is not None):
            moved[start] = (x, y)
        elif x[2] and not y[2]:
            confirmed += counts[start]
    if not moved:
        return len(starts), confirmed
    ids, parties, between = batch.ids, batch.parties, causes.between
    for i in itertools.compress(range(len(starts)), map(moved.__contains__, starts)):
        start = starts[i]
        (a, sa, pa, ea), (b, sb, pb, eb) = moved[start]
        if ea is not None and eb is not None:
            errors.append(ImpactError(str(ids[i]), eb))
            continue
        later = a if b is None or (a is not None and a > b) else b
        entries.append(
            ImpactEntry(
                str(ids[i]),
                "batch",
                a,
                b,
                sa,
                sb,
                pa,
                pb,
                between(start, later),
                tuple(parties[i]) if parties else (),
            )
        )
    return len(starts), confirmed


def _bulk_answers(cal: WorkCalendar, starts: list[dt.date], period: Any, due_dates: Any) -> list[_Answer]:
    """One answer per start: ``due_dates`` in one call, or start by start when the
    calendar cannot cover them all (each uncovered start is then an answer too)."""
    try:
        result = due_dates(starts, period, calendar=cal)
    except CalendarCoverageError:
        return [_one(cal, start, period, due_dates) for start in starts]
    through = cal.official_through
    return [(d, "determined", d > through, None) for d in result.dates]


def _one(cal: WorkCalendar, start: dt.date, period: Any, due_dates: Any) -> _Answer:
    try:
        result = due_dates([start], period, calendar=cal)
    except CalendarCoverageError as exc:
        return _uncovered(exc)
    return result.dates[0], "determined", result.is_provisional(0), None
