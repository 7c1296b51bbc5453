"""The read-only view of a :class:`~govefficiency.calendar.WorkCalendar`'s O(1) index and
the calendar's coverage errors, which the view hands to the library's hot paths."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from govefficiency._hints import missing_year_hint, patch_hint, provisional_hint
from govefficiency.errors import CalendarCoverageError

if TYPE_CHECKING:
    from govefficiency.calendar._calendar import WorkCalendar

__all__ = ["CalendarIndex", "overflow_error", "uncovered_error"]

_fromordinal = dt.date.fromordinal


class CalendarIndex(NamedTuple):
    """A read-only view of a :class:`WorkCalendar`'s O(1) index, for the library's own
    hot paths that count on day ordinals (``date.toordinal()``) rather than dates.

    Internal API: the fields are the calendar's own lists, shared, not copied; never
    modify them. For an ordinal ``o`` inside the coverage (``ord0 <= o < ord0 + size``)
    let ``i = o - ord0``:

    * working days in ``(a, b]`` = ``cum[b - ord0 + 1] - cum[a - ord0 + 1]``;
    * ``o`` is a working day iff ``cum[i + 1] != cum[i]``;
    * the ``n``-th working day after ``o`` (``n > 0``) is ``work[cum[i + 1] + n - 1]``.

    Attributes:
        calendar: the calendar viewed (its errors: :meth:`uncovered`, :meth:`overflow`).
        ord0: the ordinal of the first covered day.
        size: the number of covered days.
        cum: ``cum[i]`` = working days strictly before covered day ``i`` (``size + 1``
            entries).
        work: the ordinals of every working day, in order.
        kinds: the day-kind code of every covered day (``DayKind.code``).
        official_through: the ordinal of the last day of published data.
    """

    calendar: WorkCalendar
    ord0: int
    size: int
    cum: list[int]
    work: list[int]
    kinds: bytes
    official_through: int

    def covers(self, ordinal: int) -> bool:
        """Whether the day with this ordinal lies within the coverage."""
        return 0 <= ordinal - self.ord0 < self.size

    def uncovered(self, ordinal: int) -> CalendarCoverageError:
        """The calendar's own error for a day outside its coverage (to be raised)."""
        return uncovered_error(self.calendar, _fromordinal(ordinal))

    def overflow(self, ordinal: int, n: int) -> CalendarCoverageError:
        """The calendar's own error for ``n`` working days from a day running out of its
        coverage (to be raised)."""
        return overflow_error(self.calendar, _fromordinal(ordinal), n)


def uncovered_error(calendar: WorkCalendar, day: dt.date) -> CalendarCoverageError:
    """The calendar's error for a day outside its coverage, with what to do about it."""
    if day > calendar.last:
        (patch_en, patch_zh), (prov_en, prov_zh) = patch_hint(), provisional_hint()
        hint_en = (
            f"the arrangement for {day.year} is not in this calendar's data. If it has "
            f"been published (for the PRC: the State Council General Office's notice), "
            f"{patch_en}; or, for the PRC calendar, {prov_en} to get answers from the "
            f"statutory rules, flagged provisional"
        )
        hint_zh = (
            f"本日历数据不含 {day.year} 年的放假安排。若已发布（中国：国务院办公厅通知），{patch_zh}；"
            f"中国日历也可{prov_zh}，按法定规则推算并标记为暂定"
        )
    else:
        hint_en = "the calendar has no data before its first date; use a later date"
        hint_zh = "日历在其起始日期之前没有数据，请使用更晚的日期"
    return CalendarCoverageError(
        f"{day} is outside the range covered by calendar {calendar.name!r} "
        f"({calendar.first}..{calendar.last}): {hint_en}",
        f"{day} 不在日历 {calendar.name!r} 的覆盖范围（{calendar.first}..{calendar.last}）内：{hint_zh}",
        date=day,
        first=calendar.first,
        last=calendar.last,
    )


def overflow_error(calendar: WorkCalendar, day: dt.date, n: int) -> CalendarCoverageError:
    """The calendar's error for ``n`` working days from ``day`` running out of its coverage."""
    side = calendar.last if n > 0 else calendar.first
    hint_en, hint_zh = missing_year_hint()
    return CalendarCoverageError(
        f"{n:+d} working days from {day} falls outside the range covered by calendar "
        f"{calendar.name!r} ({calendar.first}..{calendar.last}); the calendar ends at {side}. "
        f"{hint_en}",
        f"从 {day} 起 {n:+d} 个工作日超出日历 {calendar.name!r} 的覆盖范围"
        f"（{calendar.first}..{calendar.last}）。{hint_zh}",
        date=day,
        first=calendar.first,
        last=calendar.last,
    )
