"""Due dates in bulk: many starts, one period, no explanation (the fast path)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, overload

import attrs

from govefficiency._columns import column_kind
from govefficiency._time import require_date
from govefficiency.calendar import WorkCalendar
from govefficiency.deadlines._common import (
    _calendar,
    _require_direction,
    _resolve,
    _within_representable_dates,
)
from govefficiency.deadlines._periods import CalendarDays, Hours, Period, WorkingDays, Years, add_months
from govefficiency.deadlines._rules import Direction, StatuteRule
from govefficiency.errors import InvalidInputError, InvalidTypeError

if TYPE_CHECKING:
    from govefficiency.calendar._arrays import CalendarArrays
    from govefficiency.deadlines._arrays import ColumnDueDates


@attrs.frozen
class DueDates:
    """Due dates computed in bulk by :func:`due_dates`.

    Attributes:
        dates: the due dates, in the order of the starts.
        official_through: the calendar's last published date: a due date after it is
            provisional.
    """

    dates: list[dt.date] = attrs.field(eq=False)
    official_through: dt.date

    def is_provisional(self, index: int) -> bool:
        """Whether the ``index``-th due date depends on provisional calendar data."""
        return self.dates[index] > self.official_through

    @property
    def any_provisional(self) -> bool:
        """Whether any due date depends on provisional calendar data."""
        return bool(self.dates) and max(self.dates) > self.official_through

    def __len__(self) -> int:
        return len(self.dates)


@overload
def due_dates(
    starts: Sequence[dt.date], period: Period | StatuteRule, *, calendar: WorkCalendar | None = None
) -> DueDates: ...
@overload
def due_dates(
    starts: Any, period: Period | StatuteRule, *, calendar: WorkCalendar | CalendarArrays | None = None
) -> ColumnDueDates: ...
@_within_representable_dates
def due_dates(starts: Any, period: Period | StatuteRule, *, calendar: Any = None) -> Any:
    """Due dates for many starts with the same period and no suspensions or extensions —
    the fast path for dashboards and escalation (no explanation is built).

    Gives the same dates as :func:`compute_deadline` for each start.

    ``starts`` may also be a numpy ``datetime64`` array or a pandas or polars Series of
    dates: the answer is then a :class:`ColumnDueDates` whose columns are of the same
    kind, with a per-row error mask instead of an exception (see docs/scale.md).
    """
    if not isinstance(starts, list | tuple) and column_kind(starts) is not None:
        from govefficiency.deadlines._arrays import column_due_dates

        return column_due_dates(starts, period, calendar=calendar)
    base_period, rule = _resolve(period)
    _require_direction(rule, Direction.FORWARD)
    cal = _calendar(calendar)
    if isinstance(starts, str | bytes) or not isinstance(starts, Sequence):
        raise InvalidTypeError("starts must be a sequence (list, tuple) of dates", "starts 必须是日期序列")
    if not all(type(d) is dt.date for d in starts):
        bad = next(d for d in starts if type(d) is not dt.date)
        require_date(bad, "each start")  # raises the specific error
    if isinstance(base_period, Hours):
        raise InvalidInputError(
            "due_dates() handles day-based periods; use compute_deadline for hours",
            "due_dates() 只处理按日计算的期间；小时期间请用 compute_deadline",
        )
    if not starts:
        return DueDates([], cal.official_through)
    lo, hi = min(starts), max(starts)
    cal.is_working_day(lo)  # coverage of the starts
    cal.is_working_day(hi)
    if isinstance(base_period, WorkingDays):
        n = base_period.n
        if n == 0:  # ends on the start day, or the next working day after a rest day
            return DueDates([cal.roll_forward(d) for d in starts], cal.official_through)
        cal.add_working_days(hi, n)  # coverage of the latest result
        return DueDates(_bulk_working(cal, starts, n), cal.official_through)
    # Calendar-type periods: nominal end, then roll forward; each O(1).
    roll = cal.roll_forward
    if isinstance(base_period, CalendarDays):
        delta = dt.timedelta(days=base_period.n)
        return DueDates([roll(d + delta) for d in starts], cal.official_through)
    months = base_period.n * (12 if isinstance(base_period, Years) else 1)
    return DueDates([roll(add_months(d, months)) for d in starts], cal.official_through)


def _bulk_working(cal: WorkCalendar, starts: Sequence[dt.date], n: int) -> list[dt.date]:
    # Reads the calendar's index directly: this is the hot path (well under 1 µs per date).
    # cum[i + 1] counts the working days up to and including covered day i, so the n-th
    # working day after it is work[cum[i + 1] + n - 1].
    index = cal.index
    cum, work = index.cum, index.work
    base = n - 1
    shift = 1 - index.ord0
    fromordinal = dt.date.fromordinal
    fromordinal = dt.date.fromordinal
    return [fromordinal(work[cum[d.toordinal() + shift] + base]) for d in starts]
