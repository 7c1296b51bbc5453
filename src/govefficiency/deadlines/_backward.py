"""Backward limits: the latest day that still leaves a period before an event."""

from __future__ import annotations

import datetime as dt

from govefficiency._time import end_of_day, local_date, require_aware, require_date
from govefficiency.calendar import WorkCalendar
from govefficiency.deadlines._common import (
    _calendar,
    _check_close,
    _fmt,
    _require_direction,
    _resolve,
    _within_representable_dates,
)
from govefficiency.deadlines._deadline import AlternativeDue, Deadline, DeadlineStatus, Step, StepKind
from govefficiency.deadlines._explain import (
    _alternative,
    _closing_steps,
)
from govefficiency.deadlines._periods import CalendarDays, Hours, Period, WorkingDays, Years, add_months
from govefficiency.deadlines._rules import Direction, StatuteRule
from govefficiency.errors import InvalidTypeError
from govefficiency.text import Text


@_within_representable_dates
def latest_date_before(
    event: dt.date | dt.datetime,
    period: Period | StatuteRule,
    *,
    calendar: WorkCalendar | None = None,
    business_close: dt.time | None = None,
) -> Deadline:
    """The latest day that still leaves ``period`` before ``event`` (a backward limit).

    ``WorkingDays(n)``: the n-th working day before the event (e.g. a hearing notice at
    least 7 working days before a hearing on Mon 2026-10-12 is due by Thu 2026-09-24).
    Calendar-type periods count back to the nominal day and, if it is not a working day,
    move *earlier* to the previous working day — moving later would leave less than the
    required time. ``Hours(n)``: ``n`` hours before the aware instant.
    """
    base_period, rule = _resolve(period)
    _require_direction(rule, Direction.BEFORE)
    cal = _calendar(calendar)
    _check_close(business_close)
    steps: list[Step] = [] if rule is None else [_rule_step(rule)]
    if isinstance(base_period, Hours):
        return _hours_before(event, base_period, rule, cal, steps)
    event_day = (
        local_date(require_aware(event, "event"), cal.zone)
        if isinstance(event, dt.datetime)
        else require_date(event, "event")
    )
    if isinstance(base_period, WorkingDays):
        nominal, latest = _working_days_before(event_day, base_period, cal, steps)
    else:
        nominal, latest = _days_before(event_day, base_period, cal, steps)
    due_at = end_of_day(latest, cal.zone, business_close)
    lapses_at = end_of_day(nominal, cal.zone, business_close)
    provisional, alternative = _closing_steps(
        steps,
        rule,
        cal,
        due_step=Step(
            StepKind.DUE, Text(f"最迟于 {_fmt(latest, cal, 'zh')}完成", f"due by {_fmt(latest, cal, 'en')}")
        ),
        due=latest,
        last_day=max(latest, event_day),
        reread=lambda r: _alternative_before(r, event, cal, business_close),
        backward=True,
    )
    return _backward_deadline(
        event,
        base_period,
        latest,
        due_at,
        provisional,
        steps,
        rule,
        cal,
        lapses_at=lapses_at,
        alternative=alternative,
    )


def _backward_deadline(
    start: dt.date | dt.datetime,
    period: Period,
    due_date: dt.date,
    due_at: dt.datetime,
    provisional: bool,
    steps: list[Step],
    rule: StatuteRule | None,
    cal: WorkCalendar,
    *,
    lapses_at: dt.datetime | None = None,
    alternative: AlternativeDue | None = None,
) -> Deadline:
    """A determined backward limit (every backward limit is determined: nothing suspends it)."""
    return Deadline(
        start=start,
        period=period,
        due_date=due_date,
        due_at=due_at,
        status=DeadlineStatus.DETERMINED,
        provisional=provisional,
        steps=tuple(steps),
        rule=rule,
        backward=True,
        lapses_at=lapses_at,
        calendar_version=cal.version,
        alternative=alternative,
    )


def _alternative_before(
    rule: StatuteRule, event: dt.date | dt.datetime, cal: WorkCalendar, business_close: dt.time | None
) -> AlternativeDue:
    """The limit under the rule's alternative reading of its unit."""
    assert rule.alternative is not None
    alt_period = rule.alternative.period
    return _alternative(
        rule, lambda: latest_date_before(event, alt_period, calendar=cal, business_close=business_close)
    )


def _rule_step(rule: StatuteRule) -> Step:
    return Step(
        StepKind.RULE,
        Text(
            f"适用规则 {rule.id}：{rule.title.zh}，须在{rule.starts_from.zh}前{rule.period.describe('zh')}",
            f"rule {rule.id}: {rule.title.en}, {rule.period.describe('en')} before {rule.starts_from.en}",
        ),
        rule.citation,
    )


def _hours_before(
    event: object, period: Hours, rule: StatuteRule | None, cal: WorkCalendar, steps: list[Step]
) -> Deadline:
    if not isinstance(event, dt.datetime):
        raise InvalidTypeError("an hour limit needs an aware datetime event", "小时期限需要带时区的 datetime")
    instant = require_aware(event, "event")
    due_at = instant - dt.timedelta(hours=period.n)
    steps.append(
        Step(
            StepKind.COUNT,
            Text(
                f"{instant.isoformat()} 前{period.describe('zh')}：{due_at.isoformat()}",
                f"{period.describe('en')} before {instant.isoformat()}: {due_at.isoformat()}",
            ),
        )
    )
    day = local_date(due_at, cal.zone)
    provisional = cal.covers(day) and cal.is_provisional(day)
    return _backward_deadline(instant, period, day, due_at, provisional, steps, rule, cal)


def _working_days_before(
    event_day: dt.date, period: WorkingDays, cal: WorkCalendar, steps: list[Step]
) -> tuple[dt.date, dt.date]:
    """The nominal day ``period`` before ``event_day`` and the latest working day."""
    latest = nominal = cal.add_working_days(event_day, -period.n)
    steps.append(
        Step(
            StepKind.COUNT,
            Text(
                f"自 {_fmt(event_day, cal, 'zh')}向前数{period.describe('zh')}，最迟为 {_fmt(latest, cal, 'zh')}",
                f"counting {period.describe('en')} back from {_fmt(event_day, cal, 'en')}: "
                f"at the latest {_fmt(latest, cal, 'en')}",
            ),
        )
    )
    if not cal.is_working_day(latest):  # only WorkingDays(0) on a rest day
        latest = cal.add_working_days(latest, -1)
        steps.append(
            Step(
                StepKind.ROLL,
                Text(
                    f"{_fmt(nominal, cal, 'zh')}为休息日，工作日期间须在工作日完成：提前至 {_fmt(latest, cal, 'zh')}",
                    f"{_fmt(nominal, cal, 'en')} is not a working day and a working-day limit ends on "
                    f"a working day: move earlier to {_fmt(latest, cal, 'en')}",
                ),
            )
        )
    return nominal, latest


def _days_before(
    event_day: dt.date, period: Period, cal: WorkCalendar, steps: list[Step]
) -> tuple[dt.date, dt.date]:
    """The nominal day a calendar-type ``period`` before ``event_day`` and the latest
    working day (earlier, never later: that would leave less than the required time)."""
    if isinstance(period, CalendarDays):
        nominal = event_day - dt.timedelta(days=period.n)
    else:
        months = period.n * (12 if isinstance(period, Years) else 1)
        nominal = add_months(event_day, -months)
    steps.append(
        Step(
            StepKind.COUNT,
            Text(
                f"自 {event_day} 向前{period.describe('zh')}，名义日期为 {_fmt(nominal, cal, 'zh')}",
                f"{period.describe('en')} before {event_day}: nominally {_fmt(nominal, cal, 'en')}",
            ),
        )
    )
    latest = nominal
    if not cal.is_working_day(nominal):
        latest = cal.add_working_days(nominal, -1)
        steps.append(
            Step(
                StepKind.ROLL,
                Text(
                    f"{_fmt(nominal, cal, 'zh')}为休息日，须提前至 {_fmt(latest, cal, 'zh')}（顺延会使期间不足）",
                    f"{_fmt(nominal, cal, 'en')} is not a working day; move earlier to "
                    f"{_fmt(latest, cal, 'en')} (moving later would leave less than the required time)",
                ),
            )
        )
    return nominal, latest
