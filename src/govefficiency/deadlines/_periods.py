"""Periods (期间): how long a time limit is, and in which unit it is counted."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import attrs

from govefficiency._validators import instance_of
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import LabelledEnum, Lang, en_count, require_lang

__all__ = [
    "CalendarDays",
    "Hours",
    "Months",
    "Period",
    "PeriodUnit",
    "WorkingDays",
    "Years",
    "period_from",
]


class PeriodUnit(LabelledEnum):
    """The unit a period is counted in (its label is the plural English noun)."""

    WORKING_DAYS = ("working_days", "个工作日", "working days")
    CALENDAR_DAYS = ("days", "日", "days")
    MONTHS = ("months", "个月", "months")
    YEARS = ("years", "年", "years")
    HOURS = ("hours", "小时", "hours")


_EN_SINGULAR = {
    PeriodUnit.WORKING_DAYS: "working day",
    PeriodUnit.CALENDAR_DAYS: "day",
    PeriodUnit.MONTHS: "month",
    PeriodUnit.YEARS: "year",
    PeriodUnit.HOURS: "hour",
}


_is_int = instance_of(
    int,
    "{cls}(n): n must be an int, not {type} ({value!r})",
    "{cls}(n)：n 必须是整数，而不是 {type}（{value!r}）",
    exact=True,
)


def _check_n(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    _is_int(instance, attribute, value)
    if value < 0:
        raise InvalidInputError(
            f"{type(instance).__name__}(n): n must not be negative (got {value}); to count "
            f"backwards from an event use latest_date_before()",
            f"{type(instance).__name__}(n)：n 不能为负数（实际为 {value}）；"
            f"倒数期限请使用 latest_date_before()",
        )
    limit = getattr(type(instance), "max_n", None)
    if limit is not None and value > limit:
        raise InvalidInputError(
            f"{type(instance).__name__}(n): {value} is longer than any legal time limit (at most "
            f"{limit}, i.e. 100 years); check the number",
            f"{type(instance).__name__}(n)：{value} 超过任何法定期限（最多 {limit}，即 100 年），请核对数字",
        )


@attrs.frozen
class Period:
    """Base class of periods; use one of the concrete subclasses.

    Attributes:
        n: how many units; a non-negative int.
    """

    n: int = attrs.field(validator=_check_n)

    unit: ClassVar[PeriodUnit]

    def __attrs_post_init__(self) -> None:
        if type(self) is Period:
            raise InvalidTypeError(
                "Period is abstract: use WorkingDays, CalendarDays, Months, Years or Hours",
                "Period 是抽象类：请使用 WorkingDays、CalendarDays、Months、Years 或 Hours",
            )

    @property
    def is_day_based(self) -> bool:
        """True for periods counted in days, months or years (民法典 art. 201: the start
        day is not counted); False for hours."""
        return self.unit is not PeriodUnit.HOURS

    @property
    def rolls_to_working_day(self) -> bool:
        """True when a last day that is not a working day moves to the next working day
        (民法典 art. 203): calendar days, months and years. Working-day periods always
        end on a working day; hour periods end at an exact instant."""
        return self.unit in (PeriodUnit.CALENDAR_DAYS, PeriodUnit.MONTHS, PeriodUnit.YEARS)

    def describe(self, lang: Lang = "zh") -> str:
        """E.g. ``20个工作日`` / ``20 working days``."""
        if require_lang(lang) == "zh":
            return f"{self.n}{self.unit.label.zh}"
        return en_count(self.n, _EN_SINGULAR[self.unit], self.unit.label.en)

    def __str__(self) -> str:
        return self.describe("en")


@attrs.frozen
class WorkingDays(Period):
    """``n`` working days (工作日): the n-th working day after the start.

    ``WorkingDays(0)`` ends on the start day when it is a working day, else on the next
    working day (a working-day period never ends on a non-working day); counted back
    from an event on a rest day, on the previous working day."""

    #: The longest period accepted: 100 years (a larger number is a typo, not a limit).
    max_n: ClassVar[int] = 36_600
    unit: ClassVar[PeriodUnit] = PeriodUnit.WORKING_DAYS


@attrs.frozen
class CalendarDays(Period):
    """``n`` calendar days (日): the start day is not counted; a last day that is not a
    working day moves to the next working day."""

    #: The longest period accepted: 100 years (a larger number is a typo, not a limit).
    max_n: ClassVar[int] = 36_600
    unit: ClassVar[PeriodUnit] = PeriodUnit.CALENDAR_DAYS


@attrs.frozen
class Months(Period):
    """``n`` months (月): ends on the corresponding day of the final month, or that
    month's last day if it has none (民法典 art. 202)."""

    #: The longest period accepted: 100 years (a larger number is a typo, not a limit).
    max_n: ClassVar[int] = 1_200
    unit: ClassVar[PeriodUnit] = PeriodUnit.MONTHS


@attrs.frozen
class Years(Period):
    """``n`` years (年): as months, 12 per year (2024-02-29 + 1 year → 2025-02-28)."""

    #: The longest period accepted: 100 years (a larger number is a typo, not a limit).
    max_n: ClassVar[int] = 100
    unit: ClassVar[PeriodUnit] = PeriodUnit.YEARS


@attrs.frozen
class Hours(Period):
    """``n`` hours (小时): from the exact aware instant (民法典 art. 201 ¶2), ending at the
    exact instant ``n`` hours later. It is not rolled off a rest day: that is the library's
    reading of art. 203, which the deadline states, with the other reading as its
    ``alternative`` (see docs/deadlines.md, "Hour periods and art. 203")."""

    #: The longest period accepted: 100 years (a larger number is a typo, not a limit).
    max_n: ClassVar[int] = 876_600
    unit: ClassVar[PeriodUnit] = PeriodUnit.HOURS


_BY_UNIT: dict[PeriodUnit, type[Period]] = {
    PeriodUnit.WORKING_DAYS: WorkingDays,
    PeriodUnit.CALENDAR_DAYS: CalendarDays,
    PeriodUnit.MONTHS: Months,
    PeriodUnit.YEARS: Years,
    PeriodUnit.HOURS: Hours,
}


def period_from(unit: PeriodUnit | str, n: int) -> Period:
    """The period of ``n`` units, ``unit`` given as a :class:`PeriodUnit` or its value
    (``"working_days"``, ``"days"``, ``"months"``, ``"years"``, ``"hours"``)."""
    if isinstance(unit, str):
        try:
            unit = PeriodUnit.of(unit)
        except ValueError:
            allowed = ", ".join(u.value for u in PeriodUnit)
            raise InvalidInputError(
                f"unknown period unit {unit!r}: use one of {allowed}",
                f"未知的期间单位 {unit!r}：请使用 {allowed}",
            ) from None
    if not isinstance(unit, PeriodUnit):
        raise InvalidTypeError(
            f"unit must be a PeriodUnit or str, not {type(unit).__name__}", "unit 必须是 PeriodUnit 或字符串"
        )
    return _BY_UNIT[unit](n)


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding day ``months`` later, or the last day of that month when it has
    no corresponding day (民法典 art. 202)."""
    from govefficiency._time import require_date

    require_date(day, "day")
    if type(months) is not int:
        raise InvalidTypeError(
            f"months must be a whole number, not {type(months).__name__}",
            f"月数必须是整数，而不是 {type(months).__name__}",
        )
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise InvalidInputError(
            f"{en_count(months, 'month')} from {day.isoformat()} falls outside the years {dt.MINYEAR}–{dt.MAXYEAR}",
            f"自 {day.isoformat()} 起 {months} 个月超出 {dt.MINYEAR}–{dt.MAXYEAR} 年的范围",
        )
    last = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))
