"""The immutable working-day calendar and its O(1) index.

The index is two arrays built once per calendar:

* ``_cum[i]`` — how many working days lie strictly before the ``i``-th covered day, so
  the working days in ``(a, b]`` are ``_cum[ib + 1] - _cum[ia + 1]``;
* ``_work`` — the ordinals of all working days in order, so the ``k``-th working day
  is ``_work[k]``.

Every arithmetic question is then a couple of list look-ups: no day-by-day loop.

Other modules of the library that do their own arithmetic on day ordinals (the deadline
clocks, the bulk and array paths) read this index through :attr:`WorkCalendar.index`, a
read-only :class:`CalendarIndex` view, never through the private attributes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, overload

import attrs

from govefficiency._columns import column_kind
from govefficiency._time import DEFAULT_ZONE, check_zone, require_date
from govefficiency._validators import instance_of
from govefficiency.calendar._index import CalendarIndex, overflow_error, uncovered_error
from govefficiency.calendar._kinds import (
    DEFAULT_WORKING_KINDS,
    KINDS_BY_CODE,
    DayInfo,
    DayKind,
)
from govefficiency.calendar._special import (
    SpecialDay,
    _as_text,
    _check_name,
    _mapping,
    _to_kinds,
    _to_specials,
    _to_strs,
    _to_weekdays,
)
from govefficiency.calendar._version import CalendarProvenance, CalendarVersion, content_hash
from govefficiency.errors import (
    CalendarCoverageError,
    InvalidInputError,
    InvalidTypeError,
)
from govefficiency.text import Lang, Text, require_lang

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from govefficiency.calendar._patch import CalendarPatch

__all__ = ["CalendarIndex", "SpecialDay", "WorkCalendar"]

_date = dt.date
_fromordinal = dt.date.fromordinal


@attrs.frozen(cache_hash=True)
class WorkCalendar:
    """An immutable working-day calendar over a covered range of dates.

    Build one with :func:`govefficiency.china_calendar` (the official PRC arrangement),
    :func:`govefficiency.calendar.country_calendar` or :meth:`WorkCalendar.custom`.

    Calendars are hashable, picklable and safe to share between threads. Every question
    about a date outside ``[first, last]`` raises :class:`CalendarCoverageError`.

    Attributes:
        name: a short identifier, e.g. ``"CN"``.
        first: the first covered date.
        last: the last covered date.
        official_through: the last date covered by published data. Dates in
            ``(official_through, last]`` are answered from the statutory rules only and
            are reported as provisional; equal to ``last`` unless the calendar was built
            in provisional mode.
        rest_weekdays: the weekly rest days (0 = Monday … 6 = Sunday).
        special: the dates that differ from the weekly pattern, sorted by date.
        working_kinds: the day kinds on which offices work.
        zone: the IANA time zone in which the calendar's days begin and end.
        sources: where the data came from (library versions, patch sources).
        provenance: the data source and release, notices and patches behind the data
            (see :attr:`version`).
    """

    name: str = attrs.field(validator=_check_name)
    first: dt.date
    last: dt.date
    official_through: dt.date
    rest_weekdays: frozenset[int] = attrs.field(default=frozenset({5, 6}), converter=_to_weekdays)
    special: tuple[SpecialDay, ...] = attrs.field(default=(), converter=_to_specials)
    working_kinds: frozenset[DayKind] = attrs.field(default=DEFAULT_WORKING_KINDS, converter=_to_kinds)
    zone: str = attrs.field(default=DEFAULT_ZONE, converter=check_zone)
    sources: tuple[str, ...] = attrs.field(default=(), converter=_to_strs)
    provenance: CalendarProvenance = attrs.field(
        factory=CalendarProvenance, validator=instance_of(CalendarProvenance)
    )

    # Derived index (not part of equality; rebuilt by attrs.evolve).
    _ord0: int = attrs.field(init=False, eq=False, repr=False)
    _kinds: bytes = attrs.field(init=False, eq=False, repr=False)
    _cum: list[int] = attrs.field(init=False, eq=False, repr=False)
    _work: list[int] = attrs.field(init=False, eq=False, repr=False)
    _names: dict[dt.date, Text] = attrs.field(init=False, eq=False, repr=False)
    _special_dates: list[dt.date] = attrs.field(init=False, eq=False, repr=False)
    _version: CalendarVersion | None = attrs.field(init=False, eq=False, repr=False)
    _view: CalendarIndex = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for what in ("first", "last", "official_through"):
            require_date(getattr(self, what), f"WorkCalendar.{what}")
        if self.last < self.first:
            raise InvalidInputError(
                f"a calendar's last date ({self.last}) is before its first ({self.first})",
                f"日历的结束日期（{self.last}）早于开始日期（{self.first}）",
            )
        if not ((self.official_through - self.first).days >= -1 and self.official_through <= self.last):
            raise InvalidInputError(
                f"official_through ({self.official_through}) must lie within the covered "
                f"range {self.first}..{self.last}",
                f"official_through（{self.official_through}）必须在覆盖范围 {self.first}..{self.last} 之内",
            )
        ord0 = self.first.toordinal()
        n = self.last.toordinal() - ord0 + 1
        weekly = [
            DayKind.WEEKEND.code if wd in self.rest_weekdays else DayKind.WORKDAY.code for wd in range(7)
        ]
        start = self.first.weekday()
        pattern = bytes(weekly[start:] + weekly[:start])
        kinds = bytearray((pattern * (n // 7 + 1))[:n])
        names: dict[dt.date, Text] = {}
        for day in self.special:
            i = day.date.toordinal() - ord0
            if not 0 <= i < n:
                raise CalendarCoverageError(
                    f"special day {day.date} lies outside the calendar's range {self.first}..{self.last}",
                    f"特殊日期 {day.date} 不在日历范围 {self.first}..{self.last} 之内",
                    date=day.date,
                    first=self.first,
                    last=self.last,
                )
            kinds[i] = day.kind.code
            if day.name is not None:
                names[day.date] = day.name
        working_codes = {k.code for k in self.working_kinds}
        flags = [1 if code in working_codes else 0 for code in kinds]
        cum = [0, *itertools.accumulate(flags)]
        work = [ord0 + i for i, f in enumerate(flags) if f]
        object.__setattr__(self, "_ord0", ord0)
        kind_codes = bytes(kinds)
        object.__setattr__(self, "_kinds", kind_codes)
        object.__setattr__(self, "_cum", cum)
        object.__setattr__(self, "_work", work)
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_special_dates", [d.date for d in self.special])
        object.__setattr__(self, "_version", None)
        object.__setattr__(
            self,
            "_view",
            CalendarIndex(self, ord0, n, cum, work, kind_codes, self.official_through.toordinal()),
        )

    @property
    def index(self) -> CalendarIndex:
        """The calendar's working-day index as a read-only :class:`CalendarIndex` view
        (internal API for the library's hot paths that count on day ordinals)."""
        return self._view

    @property
    def version(self) -> CalendarVersion:
        """The calendar's version identity: data source and release, the notices and
        patches behind it (number, publication date) and a content hash of its day-kind
        table. Deadlines, clock statuses, reviews and escalation evaluations record it."""
        if self._version is None:
            digest = content_hash(
                self.first,
                self.last,
                self.official_through,
                [k.code for k in self.working_kinds],
                self._kinds,
            )
            version = CalendarVersion(
                self.name, self.provenance, self.first, self.last, self.official_through, digest
            )
            object.__setattr__(self, "_version", version)
            return version
        return self._version

    # -- construction -------------------------------------------------------------------

    @classmethod
    def custom(
        cls,
        first: dt.date,
        last: dt.date,
        *,
        rest_weekdays: Iterable[int] = (5, 6),
        holidays: Mapping[dt.date, Text | str] | None = None,
        working_days: Mapping[dt.date, Text | str] | None = None,
        name: str = "custom",
        zone: str = DEFAULT_ZONE,
    ) -> WorkCalendar:
        """A calendar from a weekly pattern plus dated holidays and working days.

        Args:
            first, last: the covered range (inclusive).
            rest_weekdays: weekly rest days, 0 = Monday … 6 = Sunday.
            holidays: dates that are public holidays, with their names (a ``str`` is
                used for both languages).
            working_days: rest days that are worked (make-up working days).
            name: the calendar's identifier.
            zone: the IANA zone in which its days begin and end.

        Example:
            >>> import datetime as dt
            >>> cal = WorkCalendar.custom(dt.date(2026, 1, 1), dt.date(2026, 12, 31),
            ...                           holidays={dt.date(2026, 1, 1): "New Year"})
            >>> cal.add_working_days(dt.date(2025, 12, 31) + dt.timedelta(1), 1)
            datetime.date(2026, 1, 2)
        """
        first = require_date(first, "first")
        last = require_date(last, "last")
        rest = _to_weekdays(rest_weekdays)
        specials = [
            SpecialDay(require_date(d, "a holiday date"), DayKind.PUBLIC_HOLIDAY, _as_text(n))
            for d, n in _mapping(holidays, "holidays").items()
        ]
        for d, n in _mapping(working_days, "working_days").items():
            day = require_date(d, "a working-day date")
            if day.weekday() not in rest:
                raise InvalidInputError(
                    f"{day} is a {day:%A}, not a weekly rest day: working_days lists rest days "
                    f"that are worked (make-up working days)",
                    f"{day} 不是每周休息日：working_days 只能列出需要上班的休息日（补班日）",
                )
            specials.append(SpecialDay(day, DayKind.MAKEUP_WORKDAY, _as_text(n)))
        return cls(
            name=name,
            first=first,
            last=last,
            official_through=last,
            rest_weekdays=rest,
            special=specials,
            zone=zone,
        )

    def without_makeup_workdays(self) -> WorkCalendar:
        """The same calendar in which make-up weekends (补班) are rest days.

        Some sectors (e.g. financial markets) do not work the make-up Saturdays and
        Sundays; :meth:`day_kind` still reports them as ``MAKEUP_WORKDAY``.
        """
        return attrs.evolve(
            self,
            name=f"{self.name}-no-makeup",
            working_kinds=self.working_kinds - {DayKind.MAKEUP_WORKDAY},
        )

    def with_patch(self, patch: CalendarPatch) -> WorkCalendar:
        """A new calendar with ``patch`` applied.

        A complete-year patch replaces that year's data (or adds the year after the last
        published one) and extends :attr:`official_through`; a partial patch (local
        closures, local working days, corrections) must fall inside the covered range.

        Raises:
            PatchError: the patch does not fit this calendar.
        """
        from govefficiency.calendar._patch import apply_patch

        return apply_patch(self, patch)

    # -- questions about one day ---------------------------------------------------------

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` lies within the calendar's covered range."""
        day = require_date(day, "day")
        return self.first <= day <= self.last

    def is_provisional(self, day: dt.date) -> bool:
        """Whether the answer for ``day`` comes from the statutory rules only (the day
        lies after :attr:`official_through`)."""
        self._index(day, "day")
        return day > self.official_through

    def day_kind(self, day: dt.date) -> DayKind:
        """The :class:`DayKind` of ``day``."""
        return KINDS_BY_CODE[self._kinds[self._index(day, "day")]]

    def is_working_day(self, day: dt.date) -> bool:
        """Whether offices work on ``day``."""
        i = self._index(day, "day")
        return self._cum[i + 1] != self._cum[i]

    def day_name(self, day: dt.date, lang: Lang = "zh") -> str | None:
        """The name of the holiday or special day ``day`` in ``lang``; ``None`` for
        ordinary working days and weekends."""
        lang = require_lang(lang)
        self._index(day, "day")
        text = self._names.get(day)
        return None if text is None else text.get(lang)

    def day(self, day: dt.date) -> DayInfo:
        """Everything known about ``day``: kind, working or not, name, provisional."""
        i = self._index(day, "day")
        day = _fromordinal(self._ord0 + i)
        return DayInfo(
            date=day,
            kind=KINDS_BY_CODE[self._kinds[i]],
            working=self._cum[i + 1] != self._cum[i],
            name=self._names.get(day),
            provisional=day > self.official_through,
        )

    def days(self, start: dt.date, end: dt.date) -> Iterator[DayInfo]:
        """:class:`DayInfo` for every date from ``start`` to ``end`` inclusive."""
        i, j = self._span(start, end)
        return (self.day(_fromordinal(self._ord0 + k)) for k in range(i, j + 1))

    def special_days(self, after: dt.date, through: dt.date) -> tuple[DayInfo, ...]:
        """The special days (holidays, 调休, 补班, local days) ``x`` with
        ``after < x <= through``, in order — what an explanation names when it counts
        across them. Uses the sorted special-day list, not a day-by-day scan."""
        lo = self._index(after, "after")
        hi = self._index(through, "through")
        if hi <= lo:
            return ()
        dates = self._special_dates
        first = bisect.bisect_right(dates, after)
        last = bisect.bisect_right(dates, through)
        return tuple(self.day(d) for d in dates[first:last])

    # -- arithmetic ----------------------------------------------------------------------

    @overload
    def add_working_days(self, day: dt.date, n: int) -> dt.date: ...
    @overload
    def add_working_days(
        self, day: npt.NDArray[np.datetime64], n: int | npt.NDArray[np.integer[Any]]
    ) -> npt.NDArray[np.datetime64]: ...
    @overload
    def add_working_days(
        self, day: dt.date, n: npt.NDArray[np.integer[Any]]
    ) -> npt.NDArray[np.datetime64]: ...
    def add_working_days(self, day: Any, n: Any) -> Any:
        """The ``n``-th working day strictly after ``day`` (``n > 0``) or strictly before
        it (``n < 0``); ``day`` itself for ``n == 0``.

        The start day is never counted, whatever its kind (民法典 art. 201: 开始的当日不计入).

        ``day`` may be a numpy ``datetime64[D]`` array and ``n`` an integer array: they
        broadcast like ``numpy.busday_offset`` and the answer is an array, ``NaT`` where
        a day or its answer lies outside the covered range (see docs/scale.md).

        Raises:
            CalendarCoverageError: ``day`` or the result lies outside the covered range
                (scalars only).
        """
        if type(n) is not int or type(day) is not _date:
            if column_kind(day) == "numpy" or column_kind(n) == "numpy":
                return _array_index(self).add_working_days(day, n)
            if type(n) is not int:
                raise _bad_count(n)
        i = self._index(day, "day")
        if n > 0:
            k = self._cum[i + 1] + n - 1
            if k >= len(self._work):
                raise self._overflow(day, n)
        elif n < 0:
            k = self._cum[i] + n
            if k < 0:
                raise self._overflow(day, n)
        else:
            return _fromordinal(self._ord0 + i)
        return _fromordinal(self._work[k])

    @overload
    def working_days_between(self, a: dt.date, b: dt.date) -> int: ...
    @overload
    def working_days_between(
        self, a: npt.NDArray[np.datetime64], b: npt.NDArray[np.datetime64] | dt.date
    ) -> np.ma.MaskedArray[Any, np.dtype[np.int64]]: ...
    @overload
    def working_days_between(
        self, a: dt.date, b: npt.NDArray[np.datetime64]
    ) -> np.ma.MaskedArray[Any, np.dtype[np.int64]]: ...
    def working_days_between(self, a: Any, b: Any) -> Any:
        """The number of working days ``x`` with ``a < x <= b``; negative (minus the
        count of ``b < x <= a``) when ``b < a``.

        With numpy ``datetime64[D]`` arrays (broadcast like ``numpy.busday_count``) the
        answer is a masked ``int64`` array, masked where a date lies outside the covered
        range."""
        if (type(a) is not _date or type(b) is not _date) and (
            column_kind(a) == "numpy" or column_kind(b) == "numpy"
        ):
            return _array_index(self).working_days_between(a, b)
        i = self._index(a, "a")
        j = self._index(b, "b")
        return self._cum[j + 1] - self._cum[i + 1]

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before ``day``."""
        return self.add_working_days(day, -1)

    def working_days(self, start: dt.date, end: dt.date) -> Iterator[dt.date]:
        """The working days from ``start`` to ``end``, both inclusive, in order."""
        i, j = self._span(start, end)
        return map(_fromordinal, self._work[self._cum[i] : self._cum[j + 1]])

    def roll_forward(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next working day (民法典 art. 203:
        a period whose last day is a rest day ends on the day after the rest ends)."""
        i = self._index(day, "day")
        if self._cum[i + 1] != self._cum[i]:
            return _fromordinal(self._ord0 + i)
        return self.add_working_days(day, 1)

    # -- plumbing ------------------------------------------------------------------------

    def _index(self, day: object, what: str) -> int:
        if type(day) is not _date:
            day = require_date(day, what)
        assert isinstance(day, _date)  # for mypy; checked above
        i: int = day.toordinal() - self._ord0
        if i < 0 or i >= len(self._kinds):
            raise self._uncovered(day)
        return i

    def _span(self, start: object, end: object) -> tuple[int, int]:
        """The indexes of ``start`` and ``end`` (inclusive range, ``end`` not before ``start``)."""
        i = self._index(start, "start")
        j = self._index(end, "end")
        if j < i:
            raise InvalidInputError(
                f"end ({end}) is before start ({start})",
                f"结束日期（{end}）早于开始日期（{start}）",
            )
        return i, j

    def _uncovered(self, day: dt.date) -> CalendarCoverageError:
        return uncovered_error(self, day)

    def _overflow(self, day: dt.date, n: int) -> CalendarCoverageError:
        return overflow_error(self, day, n)

    def __repr__(self) -> str:
        provisional = f", provisional through {self.last}" if self.last > self.official_through else ""
        return (
            f"<WorkCalendar {self.name!r} {self.first}..{self.official_through}{provisional}, "
            f"zone {self.zone}>"
        )


def _array_index(calendar: WorkCalendar) -> Any:
    from govefficiency.calendar._arrays import calendar_arrays

    return calendar_arrays(calendar)


def _bad_count(n: object) -> InvalidTypeError:
    return InvalidTypeError(
        f"the number of working days must be an int, not {type(n).__name__} ({n!r})",
        f"工作日数必须是整数，而不是 {type(n).__name__}（{n!r}）",
    )
