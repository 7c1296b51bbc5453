"""What the deadline computations share: resolving a period or rule, the calendar
argument, the Civil Code citations and the guard against unrepresentable dates."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from typing import Any, ParamSpec, TypeVar

from govefficiency._validators import instances_of
from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.citation import Citation
from govefficiency.deadlines._periods import Period
from govefficiency.deadlines._rules import Direction, StatuteRule
from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError
from govefficiency.text import Lang, Text

_ONE_DAY = dt.timedelta(days=1)
_P = ParamSpec("_P")
_R = TypeVar("_R")


def _within_representable_dates(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """A date arithmetic overflow (a period running past 9999-12-31 or before 0001-01-01,
    possible on a provisional calendar) is the caller's bad input, not a crash."""

    @functools.wraps(fn)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return fn(*args, **kwargs)
        except GovEfficiencyError:
            raise
        except (OverflowError, ValueError) as exc:
            if isinstance(exc, ValueError) and "out of range" not in str(exc):
                raise
            raise InvalidInputError(
                f"the deadline falls outside the dates that can be represented (years "
                f"{dt.MINYEAR}–{dt.MAXYEAR}): check the start and the length of the period",
                f"期限超出可表示的日期范围（{dt.MINYEAR}–{dt.MAXYEAR} 年）：请核对起算日与期间长度",
            ) from None

    return guarded


_CIVIL_CODE_201 = Citation(
    Text("民法典", "Civil Code"), "201", 2020, Text("开始的当日不计入", "the start day is not counted")
)
_CIVIL_CODE_202 = Citation(
    Text("民法典", "Civil Code"),
    "202",
    2020,
    Text(
        "期间届满的最后一日是对应日，没有对应日的为月末日",
        "a month/year period ends on the corresponding day, else the month's last day",
    ),
)
_CIVIL_CODE_203 = Citation(
    Text("民法典", "Civil Code"),
    "203",
    2020,
    Text(
        "最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日",
        "a last day that is a rest day moves to the day after the rest ends",
    ),
)


_CIVIL_CODE_203_END = Citation(
    Text("民法典", "Civil Code"),
    "203",
    2020,
    Text(
        "期间的最后一日的截止时间为二十四时；有业务时间的，停止业务活动的时间为截止时间",
        "the last day ends at 24:00, or at the close of business where there are business hours",
    ),
)


def _resolve(period_or_rule: Period | StatuteRule) -> tuple[Period, StatuteRule | None]:
    if isinstance(period_or_rule, StatuteRule):
        composite = period_or_rule.composite
        if composite is not None:
            events = ", ".join(f"{e}=…" for e in composite.events)
            raise InvalidInputError(
                f"rule {period_or_rule.id} combines {len(composite.limbs)} periods, each from its own "
                f"event: use compute_composite({{{events}}}, rule)",
                f"规则 {period_or_rule.id} 由 {len(composite.limbs)} 个分别起算的期间组合而成："
                f"请使用 compute_composite({{{events}}}, rule)",
            )
        return period_or_rule.period, period_or_rule
    if isinstance(period_or_rule, Period):
        return period_or_rule, None
    raise InvalidTypeError(
        f"expected a period (WorkingDays(20), Months(6), …) or a StatuteRule, "
        f"not {type(period_or_rule).__name__}",
        "需要期间（如 WorkingDays(20)、Months(6)）或 StatuteRule",
    )


def _require_direction(rule: StatuteRule | None, expected: Direction) -> None:
    """Refuse a rule that counts the other way than the entry point being called."""
    if rule is None or rule.direction is expected:
        return
    if expected is Direction.FORWARD:
        raise InvalidInputError(
            f"rule {rule.id} counts backwards from an event: use latest_date_before()",
            f"规则 {rule.id} 是从事件倒数的期限：请使用 latest_date_before()",
        )
    raise InvalidInputError(
        f"rule {rule.id} counts forward from {rule.starts_from.en}: use compute_deadline()",
        f"规则 {rule.id} 自{rule.starts_from.zh}起向后计算：请使用 compute_deadline()",
    )


def _check_close(business_close: object) -> None:
    if business_close is not None and not isinstance(business_close, dt.time):
        raise InvalidTypeError(
            "business_close must be a datetime.time such as time(17, 30)",
            "business_close 必须是 datetime.time，如 time(17, 30)",
        )
    if isinstance(business_close, dt.time) and business_close.tzinfo is not None:
        raise InvalidInputError(
            "business_close must be a local time without a zone, such as time(17, 30): the "
            "calendar's zone applies (a zone given here used to be dropped silently)",
            "business_close 必须是不带时区的当地时间，如 time(17, 30)：适用日历所在时区",
        )


def _calendar(calendar: WorkCalendar | None) -> WorkCalendar:
    if calendar is None:
        return china_calendar()
    if not isinstance(calendar, WorkCalendar):
        raise InvalidTypeError(
            f"calendar must be a WorkCalendar, not {type(calendar).__name__}", "calendar 必须是 WorkCalendar"
        )
    return calendar


def _tuple_of(items: Iterable[Any], cls: type, what: str) -> tuple[Any, ...]:
    if isinstance(items, cls) or not isinstance(items, Iterable):
        raise InvalidTypeError(
            f"{what} must be a sequence of {cls.__name__} values", f"{what} 必须是 {cls.__name__} 的序列"
        )
    return instances_of(tuple(items), cls, what)


def _fmt(day: dt.date, cal: WorkCalendar, lang: Lang) -> str:
    name = cal.day_name(day, lang) if cal.covers(day) else None
    if lang == "zh":
        weekday = "一二三四五六日"[day.weekday()]
        return f"{day.isoformat()}（周{weekday}{'，' + name if name else ''}）"
    return f"{day.isoformat()} ({day:%a}{', ' + name if name else ''})"
