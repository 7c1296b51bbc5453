"""Due dates for a column of starts: numpy arrays, pandas Series, polars Series.

The columnar twin of :func:`govefficiency.deadlines.due_dates`: the same counting (the
start day is not counted; working days from the calendar's index; calendar days, months
and years take their nominal last day and roll forward to a working day, 民法典 arts.
201–203), done with vectorised look-ups in the calendar's
:class:`~govefficiency.calendar.CalendarArrays`.

A row that cannot be answered — a missing start, a start or a due date outside the
calendar's coverage — gets ``NaT``/null and is flagged in :attr:`ColumnDueDates.error`;
it never sinks the batch. numpy (and pandas or polars when their Series are passed) is
imported only here, only when a column is passed.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from govefficiency._columns import ColumnKind, column_kind
from govefficiency.calendar import WorkCalendar
from govefficiency.calendar._arrays import EPOCH_ORDINAL, CalendarArrays, calendar_arrays, to_days
from govefficiency.deadlines._common import _require_direction, _resolve
from govefficiency.deadlines._periods import CalendarDays, Hours, Months, Period, WorkingDays, Years
from govefficiency.deadlines._rules import Direction, StatuteRule
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import Lang, require_lang

__all__ = ["ColumnDueDates", "add_months_array", "column_due_dates"]

Days = npt.NDArray[np.datetime64]


@attrs.frozen(eq=False)
class ColumnDueDates:
    """Due dates computed for a column by :func:`~govefficiency.deadlines.due_dates`.

    ``dates``, ``error`` and ``provisional`` are of the kind of the starts passed: numpy
    arrays for a numpy array, pandas Series (same index and name) for a pandas Series,
    polars Series for a polars Series.

    Attributes:
        dates: the due dates, ``NaT``/null where :attr:`error` is set.
        error: the per-row error mask: ``True`` where no due date could be computed (a
            missing start, or a start or due date outside the calendar's coverage).
        provisional: ``True`` where the due date lies after :attr:`official_through`
            (answered from the statutory rules only, e.g. a calendar built with
            ``china_calendar(provisional=True)``).
        official_through: the calendar's last published date.
        covered: the calendar's covered range ``(first, last)``.
        kind: ``"numpy"``, ``"pandas"`` or ``"polars"``.
    """

    dates: Any
    error: Any
    provisional: Any
    official_through: Any
    covered: tuple[Any, Any]
    kind: ColumnKind
    _errors: int = attrs.field(alias="errors")
    _provisionals: int = attrs.field(alias="provisionals")

    @property
    def error_count(self) -> int:
        """How many rows have no due date."""
        return self._errors

    @property
    def any_provisional(self) -> bool:
        """Whether any due date depends on provisional calendar data."""
        return self._provisionals > 0

    def error_message(self, lang: Lang = "en") -> str | None:
        """One line saying how many rows have no due date and what to do; ``None`` when
        every row has one."""
        if not self._errors:
            return None
        first, last = self.covered
        if require_lang(lang) == "zh":
            return (
                f"{self._errors} 行没有期限届满日：起算日缺失，或起算日、届满日不在日历覆盖范围"
                f"（{first}..{last}）内；请补充缺失年份的放假安排补丁，或使用 provisional=True"
            )
        return (
            f"{self._errors} row(s) have no due date: the start is missing, or the start or the "
            f"due date lies outside the calendar's coverage ({first}..{last}); add a patch for the "
            f"missing year or use provisional=True"
        )

    def __len__(self) -> int:
        return len(self.dates)


def column_due_dates(
    starts: object,
    period: Period | StatuteRule,
    *,
    calendar: WorkCalendar | CalendarArrays | None = None,
) -> ColumnDueDates:
    """Due dates for a column of starts (see :func:`govefficiency.deadlines.due_dates`)."""
    base_period, rule = _resolve(period)
    _require_direction(rule, Direction.FORWARD)
    if isinstance(base_period, Hours):
        raise InvalidInputError(
            "due_dates() handles day-based periods; use compute_deadline for hours",
            "due_dates() 只处理按日计算的期间；小时期间请用 compute_deadline",
        )
    arrays = _arrays_of(calendar)
    kind = column_kind(starts)
    if kind is None:
        raise InvalidTypeError(
            f"starts must be a list of dates, a numpy datetime64 array, or a pandas or polars "
            f"Series of dates, not {type(starts).__name__}",
            "starts 必须是日期列表、numpy datetime64 数组，或 pandas/polars 日期 Series",
        )
    days = _to_numpy(starts, kind)
    due = due_days(arrays, days, base_period)
    error = np.isnat(due)
    provisional = due.view(np.int64) > arrays.official_through
    return ColumnDueDates(
        dates=_wrap(due, starts, kind),
        error=_wrap(error, starts, kind, "error"),
        provisional=_wrap(provisional, starts, kind, "provisional"),
        official_through=arrays.official_through_date,
        covered=(arrays.first_date, arrays.last_date),
        kind=kind,
        errors=int(error.sum()),
        provisionals=int(provisional.sum()),
    )


def due_days(arrays: CalendarArrays, days: Days, period: Period) -> Days:
    """The due date of each start in ``days`` (``datetime64[D]``), ``NaT`` where a
    start is missing or outside coverage or the due date is outside coverage."""
    start_ok = arrays.covers(days)
    if isinstance(period, WorkingDays) and period.n == 0:
        # Ends on the start day, or the next working day after a rest day.
        due = arrays.roll_forward(days)
    elif isinstance(period, WorkingDays):
        due = arrays.add_working_days(days, period.n)
    else:
        if isinstance(period, CalendarDays):
            nominal = days + np.timedelta64(period.n, "D")
        elif isinstance(period, Months | Years):
            nominal = add_months_array(days, period.n * (12 if isinstance(period, Years) else 1))
        else:  # pragma: no cover - every day-based period is handled above
            raise InvalidInputError(f"unsupported period {period!r}", f"不支持的期间 {period!r}")
        due = arrays.roll_forward(nominal)
    return np.where(start_ok, due, np.datetime64("NaT", "D"))


def add_months_array(days: Days, months: int) -> Days:
    """The corresponding day ``months`` later, or the last day of that month when it
    has no corresponding day (民法典 art. 202), row by row; ``NaT`` stays ``NaT``."""
    month = days.astype("M8[M]")
    day_of_month = (days - month.astype("M8[D]")).view(np.int64)
    target = month + np.timedelta64(months, "M")
    target_start = target.astype("M8[D]")
    length = ((target + np.timedelta64(1, "M")).astype("M8[D]") - target_start).view(np.int64)
    out = target_start + np.minimum(day_of_month, length - 1).astype("m8[D]")
    return np.where(np.isnat(days), np.datetime64("NaT", "D"), out)


# --- plumbing -------------------------------------------------------------------------------


def _arrays_of(calendar: object) -> CalendarArrays:
    if isinstance(calendar, CalendarArrays):
        return calendar
    if calendar is None:
        from govefficiency.calendar import china_calendar

        return calendar_arrays(china_calendar())
    if isinstance(calendar, WorkCalendar):
        return calendar_arrays(calendar)
    raise InvalidTypeError(
        f"calendar must be a WorkCalendar or CalendarArrays, not {type(calendar).__name__}",
        "calendar 必须是 WorkCalendar 或 CalendarArrays",
    )


_TZ_HINT_EN = (
    "convert it to local dates in the calendar's zone first, e.g. "
    "series.dt.tz_convert('Asia/Shanghai').dt.date"
)
_TZ_HINT_ZH = "请先换算为日历所在时区的本地日期，如 series.dt.tz_convert('Asia/Shanghai').dt.date"


def _to_numpy(starts: Any, kind: ColumnKind) -> Days:
    if kind == "numpy":
        return to_days(starts, "starts")
    if kind == "pandas":
        dtype = starts.dtype
        if getattr(dtype, "tz", None) is not None:
            raise InvalidInputError(
                f"starts holds aware datetimes ({dtype}): {_TZ_HINT_EN}",
                f"starts 含有带时区的日期时间：{_TZ_HINT_ZH}",
            )
        if dtype.kind == "M":
            return to_days(starts.to_numpy(), "starts")
        if dtype.kind == "O":
            return _objects_to_days(starts.to_numpy())
        raise _not_dates(str(dtype))
    import polars as pl

    dtype = starts.dtype
    if dtype == pl.Date:
        return to_days(starts.to_numpy(), "starts")
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone is not None:
            raise InvalidInputError(
                f"starts holds aware datetimes ({dtype}): convert them to local dates in the "
                f"calendar's zone first, e.g. series.dt.convert_time_zone('Asia/Shanghai').dt.date()",
                "starts 含有带时区的日期时间：请先换算为日历所在时区的本地日期，"
                "如 series.dt.convert_time_zone('Asia/Shanghai').dt.date()",
            )
        return to_days(starts.to_numpy(), "starts")
    if dtype == pl.Null:
        return np.full(len(starts), np.datetime64("NaT", "D"))
    raise _not_dates(str(dtype))


def _objects_to_days(values: npt.NDArray[Any]) -> Days:
    """An object column of ``datetime.date`` values and missing values (None, NaN, NaT)."""
    import datetime as dt

    out = np.empty(len(values), dtype=np.int64)
    for i, v in enumerate(values.tolist()):
        # One pass in Python over an object column: pandas holds such a column as Python
        # objects anyway, so this costs what reading it costs.
        if type(v) is dt.date:
            out[i] = v.toordinal() - EPOCH_ORDINAL
        elif v is None or v != v:  # None, NaN, NaT
            out[i] = np.iinfo(np.int64).min
        else:
            what = type(v).__name__
            raise InvalidTypeError(
                f"starts must hold dates; found a {what} ({v!r})"
                + ("" if not isinstance(v, dt.datetime) else f": {_TZ_HINT_EN}"),
                f"starts 必须是日期；发现 {what}（{v!r}）",
            )
    return out.view("M8[D]")


def _not_dates(dtype: str) -> InvalidTypeError:
    return InvalidTypeError(
        f"starts must be a column of dates, not {dtype}", f"starts 必须是日期列，而不是 {dtype}"
    )


def _wrap(values: npt.NDArray[Any], like: Any, kind: ColumnKind, suffix: str | None = None) -> Any:
    if kind == "numpy":
        return values
    name = like.name
    if suffix is not None:
        name = f"{name}_{suffix}" if isinstance(name, str) and name else suffix
    if kind == "pandas":
        import pandas as pd

        return pd.Series(values, index=like.index, name=name)
    import polars as pl

    return pl.Series(name, values)
