"""Working-day arithmetic on numpy arrays: the calendar's index as two numpy arrays.

:class:`CalendarArrays` holds the same prefix count and working-day list as
:class:`~govefficiency.calendar.WorkCalendar` (see ``_calendar.py``), as ``int64`` arrays
over day numbers since 1970-01-01 (numpy's ``datetime64[D]``). Every answer is then a
couple of vectorised look-ups (``numpy.take``): no loop over rows, no loop over days.

A row whose date (or answer) lies outside the calendar's coverage gets ``NaT`` (dates) or
is masked (counts); it never sinks the batch. numpy is imported by this module only, and
this module only when an array is passed (the ``[numpy]`` extra).

``CalendarArrays`` is small (two arrays of a few thousand integers), picklable and
immutable: build it once with :func:`calendar_arrays` and ship it to workers (Dask,
Spark) instead of the calendar.
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from govefficiency.errors import InvalidInputError, InvalidTypeError

if TYPE_CHECKING:
    from govefficiency.calendar._calendar import WorkCalendar

__all__ = ["CalendarArrays", "calendar_arrays", "to_days"]

#: The proleptic ordinal of 1970-01-01: day number 0 of ``datetime64[D]``.
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_NAT = np.iinfo(np.int64).min  # NaT as an int64

Days = npt.NDArray[np.datetime64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


def _readonly(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    a.setflags(write=False)
    return a


@attrs.frozen(eq=False, repr=False)
class CalendarArrays:
    """A :class:`WorkCalendar`'s working-day index as numpy arrays (immutable, picklable).

    Attributes:
        name: the calendar's name.
        first: the first covered day (days since 1970-01-01).
        last: the last covered day.
        official_through: the last day of published data; answers after it are
            provisional.
        cum: ``cum[i]`` = working days strictly before covered day ``i`` (length
            ``last - first + 2``).
        work: the working days in order, as days since 1970-01-01.
    """

    name: str
    first: int
    last: int
    official_through: int
    cum: Ints
    work: Ints

    @property
    def first_date(self) -> dt.date:
        return dt.date.fromordinal(self.first + EPOCH_ORDINAL)

    @property
    def last_date(self) -> dt.date:
        return dt.date.fromordinal(self.last + EPOCH_ORDINAL)

    @property
    def official_through_date(self) -> dt.date:
        return dt.date.fromordinal(self.official_through + EPOCH_ORDINAL)

    def __repr__(self) -> str:
        return (
            f"<CalendarArrays {self.name!r} {self.first_date}..{self.last_date}, "
            f"{len(self.work)} working days>"
        )

    # -- building blocks -------------------------------------------------------------------

    def _slot(self, days: Ints) -> Ints:
        """Index into the padded tables: 0 below coverage, 1..n covered, n + 1 above (NaT
        falls below)."""
        slot = np.clip(days, self.first - 1, self.last + 1)
        slot -= self.first - 1
        return slot

    def _table(self, n: int) -> Ints:
        """``table[slot]`` = the ``n``-th working day after (``n > 0``) or before
        (``n < 0``) the covered day in ``slot``, NaT where that lies outside coverage or
        the slot is uncovered. Built per call: O(days covered), not O(rows)."""
        if n == 0:
            inner = np.arange(self.first, self.last + 1, dtype=np.int64)
        elif len(self.work) == 0:
            inner = np.full(self.last - self.first + 1, _NAT, dtype=np.int64)
        else:
            cum, work = self.cum, self.work
            k = cum[1:] + (n - 1) if n > 0 else cum[:-1] + n
            ok = (k >= 0) & (k < len(work))
            inner = np.where(ok, work.take(np.clip(k, 0, len(work) - 1)), _NAT)
        table = np.empty(len(inner) + 2, dtype=np.int64)
        table[0] = table[-1] = _NAT
        table[1:-1] = inner
        return table

    # -- arithmetic ------------------------------------------------------------------------

    def add_working_days(self, days: object, n: object) -> Days:
        """The ``n``-th working day after (``n > 0``) or before (``n < 0``) each day;
        the day itself for ``n == 0``. ``days`` and ``n`` broadcast like
        ``numpy.busday_offset``. ``NaT`` where the day, or the answer, lies outside the
        covered range (or the day is ``NaT``)."""
        d = to_days(days, "days")
        if _is_int_scalar(n):
            # Beyond the number of working days every answer is outside coverage; clamping
            # keeps the index arithmetic inside int64.
            limit = len(self.work) + 1
            table = self._table(max(-limit, min(limit, int(n))))  # type: ignore[call-overload]
            return table.take(self._slot(d.view(np.int64))).view("M8[D]")
        limit = len(self.work) + 1
        counts = np.clip(_to_counts(n), -limit, limit)  # as above: no int64 overflow
        d64, counts = np.broadcast_arrays(d.view(np.int64), counts)
        slot = self._slot(d64)
        covered = (slot > 0) & (slot <= self.last - self.first + 1)
        cum = np.concatenate(([0], self.cum, [0]))  # cum[slot] = before, cum[slot + 1] = up to
        k = np.where(counts > 0, cum.take(slot + 1) + counts - 1, cum.take(slot) + counts)
        nwork = len(self.work)
        ok = covered & (k >= 0) & (k < nwork)
        out = np.where(
            ok, self.work.take(np.clip(k, 0, max(nwork - 1, 0)), mode="clip") if nwork else 0, _NAT
        )
        out = np.where(counts == 0, np.where(covered, d64, _NAT), out)
        return np.asarray(out, dtype=np.int64).view("M8[D]")

    def working_days_between(self, a: object, b: object) -> np.ma.MaskedArray[Any, np.dtype[np.int64]]:
        """The number of working days ``x`` with ``a < x <= b`` (negative when
        ``b < a``), row by row, broadcasting ``a`` and ``b``. Masked where either date
        lies outside the covered range (or is ``NaT``)."""
        ia = self._slot(to_days(a, "a").view(np.int64))
        ib = self._slot(to_days(b, "b").view(np.int64))
        ia, ib = np.broadcast_arrays(ia, ib)
        n = self.last - self.first + 1
        cum = np.concatenate(([0], self.cum, [0]))  # cum[slot + 1] = working days up to slot
        counts = cum.take(ib + 1) - cum.take(ia + 1)
        bad = (ia == 0) | (ia > n) | (ib == 0) | (ib > n)
        return np.ma.MaskedArray(counts, mask=bad)

    def roll_forward(self, days: object) -> Days:
        """Each day if it is a working day, else the next working day; ``NaT`` outside
        coverage."""
        d = to_days(days, "days").view(np.int64)
        slot = self._slot(d)
        nwork = len(self.work)
        # The first working day on or after covered day i is work[cum[i]].
        k = np.concatenate(([nwork], self.cum[:-1], [nwork]))
        kk = k.take(slot)
        ok = kk < nwork
        out = np.where(ok, self.work.take(np.minimum(kk, max(nwork - 1, 0))) if nwork else 0, _NAT)
        return np.asarray(out, dtype=np.int64).view("M8[D]")

    def is_working_day(self, days: object) -> np.ma.MaskedArray[Any, np.dtype[np.bool_]]:
        """Whether offices work on each day; masked outside coverage."""
        slot = self._slot(to_days(days, "days").view(np.int64))
        n = self.last - self.first + 1
        cum = np.concatenate(([0], self.cum, [0]))
        working = cum.take(slot + 1) != cum.take(slot)
        return np.ma.MaskedArray(working, mask=(slot == 0) | (slot > n))

    def covers(self, days: object) -> Bools:
        """Whether each day lies in the covered range (``False`` for ``NaT``)."""
        d = to_days(days, "days").view(np.int64)
        return np.asarray((d >= self.first) & (d <= self.last))

    def is_provisional(self, days: object) -> Bools:
        """Whether each day lies after :attr:`official_through` (``False`` for ``NaT``)."""
        d = to_days(days, "days").view(np.int64)
        return np.asarray(d > self.official_through)


def _is_int_scalar(n: object) -> bool:
    return (type(n) is int) or isinstance(n, np.integer)


def _to_counts(n: object) -> Ints:
    if isinstance(n, np.ndarray) and n.dtype.kind in "iu":
        return n.astype(np.int64, copy=False)
    what = f"an array of {n.dtype}" if isinstance(n, np.ndarray) else type(n).__name__
    raise InvalidTypeError(
        f"the number of working days must be an int or an integer numpy array, not {what}",
        f"工作日数必须是整数或整数 numpy 数组，而不是 {what}",
    )


def to_days(value: object, what: str) -> Days:
    """``value`` as a ``datetime64[D]`` array: a ``datetime64`` array of any unit whose
    values are whole days, a :class:`datetime.date`, or a ``numpy.datetime64``.

    Raises:
        InvalidTypeError: not dates.
        InvalidInputError: datetimes with a time of day.
    """
    if isinstance(value, np.ndarray):
        arr = value
    elif type(value) is dt.date or isinstance(value, np.datetime64):
        arr = np.asarray(value, dtype="M8[D]") if type(value) is dt.date else np.asarray(value)
    else:
        raise InvalidTypeError(
            f"{what} must be a numpy datetime64[D] array or a date, not {type(value).__name__}",
            f"{what} 必须是 numpy datetime64[D] 数组或日期，而不是 {type(value).__name__}",
        )
    if arr.dtype.kind != "M":
        hint = "; convert it with .astype('datetime64[D]')" if arr.dtype.kind in "OU" else ""
        raise InvalidTypeError(
            f"{what} must be an array of datetime64[D] dates, not {arr.dtype}{hint}",
            f"{what} 必须是 datetime64[D] 日期数组，而不是 {arr.dtype}"
            + ("；请先用 .astype('datetime64[D]') 转换" if hint else ""),
        )
    if arr.dtype == np.dtype("M8[D]"):
        return arr
    days = arr.astype("M8[D]")
    if not np.array_equal(days.astype(arr.dtype), arr, equal_nan=True):
        raise InvalidInputError(
            f"{what} holds datetimes with a time of day ({arr.dtype}); working-day "
            f"arithmetic takes dates: convert to local dates in the calendar's zone first",
            f"{what} 含有带时刻的日期时间（{arr.dtype}）；工作日计算需要日期：请先换算为日历所在时区的本地日期",
        )
    return days


# --- one CalendarArrays per calendar ---------------------------------------------------------

_CACHE: dict[int, tuple[weakref.ref[WorkCalendar], CalendarArrays]] = {}
_LOCK = threading.Lock()


def calendar_arrays(calendar: WorkCalendar) -> CalendarArrays:
    """The :class:`CalendarArrays` of ``calendar``, built once per calendar object and
    cached (the cache does not keep the calendar alive)."""
    from govefficiency.calendar._calendar import WorkCalendar

    key = id(calendar)
    hit = _CACHE.get(key)
    if hit is not None and hit[0]() is calendar:
        return hit[1]
    if not isinstance(calendar, WorkCalendar):
        raise InvalidTypeError(f"expected a WorkCalendar, not {type(calendar).__name__}", "需要 WorkCalendar")
    shift = EPOCH_ORDINAL
    index = calendar.index
    arrays = CalendarArrays(
        name=calendar.name,
        first=calendar.first.toordinal() - shift,
        last=calendar.last.toordinal() - shift,
        official_through=calendar.official_through.toordinal() - shift,
        cum=_readonly(np.asarray(index.cum, dtype=np.int64)),
        work=_readonly(np.asarray(index.work, dtype=np.int64) - shift),
    )

    def forget(_ref: object) -> None:
        _CACHE.pop(key, None)

    with _LOCK:
        _CACHE[key] = (weakref.ref(calendar, forget), arrays)
    return arrays
