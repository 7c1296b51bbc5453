"""Deadlines counted forward from a start: :func:`compute_deadline`.

The rules, in the order they are applied:

1. Day-based periods do not count the start day (民法典 art. 201: 开始的当日不计入).
   An aware datetime start is converted to its date in the calendar's zone.
2. ``WorkingDays(n)`` ends on the n-th working day after the start. ``CalendarDays``,
   ``Months`` and ``Years`` take their nominal last day (months/years: the corresponding
   day, else the month's last day — art. 202); if that day is not a working day the
   period ends on the next working day (art. 203). A make-up working day is a working day.
3. Suspended days (中止, 不计算在期限内) do not count: for working-day periods the
   suspended working days are skipped; for calendar-type periods the end moves by the
   number of suspended calendar days that fell inside the running period. A *restart*
   (重新计算) makes the period run afresh from the restart's end.
4. Extensions (延长) are applied in approval order, each counted on from the due date in
   force, in its own unit.
5. The last day ends at 24:00 (23:59:59.999999 local time), or at the close of business
   when business hours are given (art. 203 ¶2). ``Hours(n)`` run from the exact instant.
6. ``WorkingDays(0)`` started on a rest day ends on the next working day (a working-day
   period never ends on a non-working day); counted back, on the previous one.
7. A rule that declares an alternative reading of its counting unit (行政许可法 art. 47's
   5 days, 湖南省行政程序规定 art. 81, "一周") is computed in both readings: the primary
   result carries the alternative's due date and the reason for it.
8. A composite rule (行政复议法 art. 20 ¶3) is computed by :func:`compute_composite`: each
   period from its own start event, then the earliest (or latest) due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from govefficiency._time import day_or_instant, end_of_day, local_date, require_aware, require_date
from govefficiency.calendar import WorkCalendar
from govefficiency.citation import Citation
from govefficiency.deadlines._adjustments import Extension, Suspension, _check_extensions, _check_max_length
from govefficiency.deadlines._common import (
    _CIVIL_CODE_203_END,
    _calendar,
    _check_close,
    _fmt,
    _require_direction,
    _resolve,
    _tuple_of,
    _within_representable_dates,
)
from govefficiency.deadlines._counting import check_in_force
from govefficiency.deadlines._deadline import AlternativeDue, Deadline, DeadlineStatus, Step, StepKind
from govefficiency.deadlines._explain import (
    _alternative,
    _closing_steps,
    _due,
    _provisional_step,
    _read_in,
)
from govefficiency.deadlines._periods import Hours, Period
from govefficiency.deadlines._rules import Direction, StatuteRule
from govefficiency.errors import ExtensionError, InvalidInputError, InvalidTypeError, SuspensionError
from govefficiency.text import Text


@_within_representable_dates
def compute_deadline(
    start: dt.date | dt.datetime,
    period: Period | StatuteRule,
    *,
    calendar: WorkCalendar | None = None,
    suspensions: Iterable[Suspension] = (),
    extensions: Iterable[Extension] = (),
    business_close: dt.time | None = None,
) -> Deadline:
    """Compute a time limit forward from ``start``.

    Args:
        start: the day (or aware instant) the period counts from; for day-based
            periods the start day itself is not counted.
        period: a period (``WorkingDays(20)``) or a :class:`StatuteRule` preset, whose
            citation, extension cap and consequence then apply.
        calendar: the working-day calendar (default: :func:`china_calendar`).
        suspensions: days that do not count (merged when they overlap), or restarts.
        extensions: approved extensions, applied in approval order.
        business_close: the close of business (e.g. ``time(17, 30)``) when the last
            day ends then rather than at 24:00 (民法典 art. 203 ¶2).

    Raises:
        SuspensionError: a suspension starts after the deadline in force had passed, or
            exceeds its maximum length.
        ExtensionError: an extension was approved after the deadline in force had
            passed, or exceeds the rule's cap.
        CalendarCoverageError: a date used lies outside the calendar's coverage.

    Example:
        >>> import datetime as dt
        >>> from govefficiency.deadlines import WorkingDays
        >>> d = compute_deadline(dt.date(2026, 9, 28), WorkingDays(20))
        >>> d.due_date
        datetime.date(2026, 10, 30)
    """
    base_period, rule = _resolve(period)
    _require_direction(rule, Direction.FORWARD)
    cal = _calendar(calendar)
    sus = _tuple_of(suspensions, Suspension, "suspensions")
    exts = tuple(sorted(_tuple_of(extensions, Extension, "extensions"), key=lambda e: e.approved_on))
    _check_close(business_close)
    _check_extensions(rule, exts)
    start = day_or_instant(start)
    if isinstance(base_period, Hours):
        return _hours_deadline(start, base_period, rule, cal, sus, exts)
    steps = [] if rule is None else [_rule_step(rule)]
    start_day = _start_day(start, cal, steps)
    _check_adjustments(cal, start_day, sus, exts)
    check_in_force(cal, start_day, base_period, sus, exts)
    due = _due(
        cal, start_day, base_period, list(sus), list(exts), steps, None if rule is None else rule.citation
    )
    due_at = None if due is None else end_of_day(due, cal.zone, business_close)
    provisional, alternative = _closing_steps(
        steps,
        rule,
        cal,
        due_step=None if due is None else _due_step(due, cal, business_close),
        due=due,
        last_day=max(
            [start_day, *(d for d in [due] if d is not None), *(s.end for s in sus if s.end is not None)]
        ),
        reread=lambda r: _alternative_reading(r, start, base_period, cal, sus, exts, business_close),
        backward=False,
    )
    return Deadline(
        start=start,
        period=base_period,
        due_date=due,
        due_at=due_at,
        status=DeadlineStatus.SUSPENDED if due is None else DeadlineStatus.DETERMINED,
        provisional=provisional,
        steps=tuple(steps),
        rule=rule,
        calendar_version=cal.version,
        alternative=alternative,
    )


def _alternative_reading(
    rule: StatuteRule,
    start: dt.date | dt.datetime,
    period: Period,
    cal: WorkCalendar,
    sus: tuple[Suspension, ...],
    exts: tuple[Extension, ...],
    business_close: dt.time | None,
) -> AlternativeDue:
    """The limit under the rule's alternative reading of its unit, the same events read
    in it (see :func:`_read_in`)."""
    assert rule.alternative is not None
    alt_period = rule.alternative.period
    alt_exts = tuple(_read_in(ext, alt_period, period, rule.citation) for ext in exts)
    return _alternative(
        rule,
        lambda: compute_deadline(
            start,
            alt_period,
            calendar=cal,
            suspensions=sus,
            extensions=alt_exts,
            business_close=business_close,
        ),
    )


def _rule_step(rule: StatuteRule) -> Step:
    return Step(
        StepKind.RULE,
        Text(
            f"适用规则 {rule.id}：{rule.title.zh}，{rule.period.describe('zh')}，自{rule.starts_from.zh}起算",
            f"rule {rule.id}: {rule.title.en}, {rule.period.describe('en')} from {rule.starts_from.en}",
        ),
        rule.citation,
    )


def _start_day(start: object, cal: WorkCalendar, steps: list[Step]) -> dt.date:
    """The day the period counts from: an instant's date in the calendar's zone (a step
    says so) or the date given."""
    if not isinstance(start, dt.datetime):
        return require_date(start, "start")
    instant = require_aware(start, "start")
    start_day = local_date(instant, cal.zone)
    steps.append(
        Step(
            StepKind.START,
            Text(
                f"起算时刻 {instant.isoformat()} 在 {cal.zone} 为 {start_day}",
                f"the start {instant.isoformat()} falls on {start_day} in {cal.zone}",
            ),
        )
    )
    return start_day


def _check_adjustments(
    cal: WorkCalendar, start_day: dt.date, sus: tuple[Suspension, ...], exts: tuple[Extension, ...]
) -> None:
    """Each suspension within its maximum; none of them, and no extension, before the
    period started."""
    for s in sus:
        _check_max_length(cal, s)
    for ext in exts:
        if ext.approved_on < start_day:
            raise ExtensionError(
                f"the extension by {ext.authority.en} is dated {ext.approved_on}, before the period "
                f"started on {start_day}: an extension lengthens a running period",
                f"{ext.authority.zh}的延长批准日期 {ext.approved_on} 早于期限起算日 {start_day}：只能延长正在进行的期限",
            )
    for s in sus:
        if s.start < start_day:
            raise SuspensionError(
                f"the suspension starting {s.start} begins before the period's start {start_day}",
                f"中止开始日期 {s.start} 早于期限起算日 {start_day}",
            )


def _due_step(due: dt.date, cal: WorkCalendar, business_close: dt.time | None) -> Step:
    close = business_close.isoformat("minutes") if business_close else "24:00"
    return Step(
        StepKind.DUE,
        Text(
            f"期限届满日为 {_fmt(due, cal, 'zh')}，截止于当日 {close}（{cal.zone}）",
            f"the period ends on {_fmt(due, cal, 'en')} at {close} ({cal.zone})",
        ),
        _CIVIL_CODE_203_END,
    )


def _hours_deadline(
    start: object,
    period: Hours,
    rule: StatuteRule | None,
    cal: WorkCalendar,
    sus: tuple[Suspension, ...],
    exts: tuple[Extension, ...],
) -> Deadline:
    if not isinstance(start, dt.datetime):
        raise InvalidTypeError(
            "an hour period runs from an exact instant: pass a timezone-aware datetime, not a date",
            "小时期间自确切时刻起算：请传入带时区的 datetime，而不是日期",
        )
    instant = require_aware(start, "start")
    if sus or exts:
        raise InvalidInputError(
            "suspensions and extensions are counted in days; they do not apply to an hour period",
            "中止和延长按日计算，不适用于小时期间",
        )
    due_at = instant + dt.timedelta(hours=period.n)
    due_day = local_date(due_at, cal.zone)
    steps = [
        Step(
            StepKind.COUNT,
            Text(
                f"自 {instant.isoformat()} 起计算{period.describe('zh')}，至 {due_at.isoformat()} 届满",
                f"{period.describe('en')} from {instant.isoformat()} end at {due_at.isoformat()}",
            ),
            Citation(
                Text("民法典", "Civil Code"),
                "201",
                2020,
                Text(
                    "按照小时计算期间的，自法律规定或者当事人约定的时间开始计算",
                    "hour periods run from the stated moment",
                ),
            ),
        )
    ]
    provisional = cal.covers(due_day) and cal.is_provisional(due_day)
    if provisional:
        steps.append(_provisional_step(cal))
    return Deadline(
        start=instant,
        period=period,
        due_date=due_day,
        due_at=due_at,
        status=DeadlineStatus.DETERMINED,
        provisional=provisional,
        steps=tuple(steps),
        rule=rule,
        calendar_version=cal.version,
    )
