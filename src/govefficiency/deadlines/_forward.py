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
   when business hours are given (art. 203 ¶2). ``Hours(n)`` run from the exact instant
   (art. 201 ¶2) and end at the exact instant, not rolled off a rest day: a reading of art.
   203, stated in the explanation, whose other reading (rolled to the day after the rest,
   24:00) is the deadline's ``alternative`` when the instant falls on a rest day.
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
from govefficiency.errors import (
    CalendarCoverageError,
    ExtensionError,
    InvalidInputError,
    InvalidTypeError,
    SuspensionError,
)
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
    steps = [_hours_count_step(instant, due_at, period)]
    rest_day, unknown = _rest_day(cal, due_day)
    alternative = None
    if rest_day or unknown is not None:
        steps.append(_hours_due_step(due_at, due_day, cal, unknown))
        alternative = _hours_alternative(instant, due_at, due_day, period, cal, unknown)
        steps.append(_hours_alternative_step(alternative, due_day, cal))
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
        alternative=alternative,
    )


# --- hour periods and 民法典 art. 203 ---------------------------------------------------------
#
# 民法典 (verified, LawRefBook/Laws 民法商法/民法典.md): art. 200 "民法所称的期间按照公历年、月、日、
# 小时计算"; art. 201 ¶2 "按照小时计算期间的，自法律规定或者当事人约定的时间开始计算"; art. 203 ¶1
# "期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日", ¶2 "期间的最后一日的截止时间
# 为二十四时；有业务时间的，停止业务活动的时间为截止时间"; art. 204 "期间的计算方法依照本法的规定，
# 但是法律另有规定或者当事人另有约定的除外".
#
# Whether art. 203 ¶1 moves the end of an HOUR period that falls on a rest day is not settled
# by the text: ¶1 speaks of "期间的最后一日" without naming the units; ¶2 ends that last day at
# 24:00, which cannot hold for an hour period ending at its exact instant (art. 201 ¶2). The
# library keeps its reading — an hour period ends at its instant, whatever the day — and
# gives the other reading (¶1 applied: the last day becomes the day after the rest ends, and
# under ¶2 it ends at 24:00) as the deadline's alternative, so that neither is hidden.

_CIVIL_CODE_201_HOURS = Citation(
    Text("民法典", "Civil Code"),
    "201",
    2020,
    Text(
        "第二款：按照小时计算期间的，自法律规定或者当事人约定的时间开始计算",
        "para. 2: hour periods run from the moment set by law or agreement",
    ),
)
_CIVIL_CODE_203_HOURS = Citation(
    Text("民法典", "Civil Code"),
    "203",
    2020,
    Text(
        "第一款：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日；"
        "第二款：期间的最后一日的截止时间为二十四时",
        "para. 1: a last day that is a statutory rest day moves to the day after the rest ends; "
        "para. 2: the last day ends at 24:00",
    ),
)
_HOURS_READING_REASON = Text(
    "民法典第二百零三条第一款“期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日”"
    "未排除按小时计算的期间（第二百条把小时列为期间单位）；按此读法，小时期间届满于休息日的，"
    "以休息日结束的次日为最后一日，依第二款截止于该日二十四时",
    "Civil Code art. 203 para. 1 ('a last day that is a statutory rest day moves to the day after the "
    "rest ends') does not exclude periods counted in hours (art. 200 lists hours among the units); read "
    "so, an hour period ending on a rest day ends on the day after the rest, at 24:00 under para. 2",
)


def _rest_day(cal: WorkCalendar, day: dt.date) -> tuple[bool, Text | None]:
    """Whether ``day`` is not a working day, or why that is unknown (outside the calendar)."""
    try:
        return not cal.is_working_day(day), None
    except CalendarCoverageError as exc:
        return False, Text(exc.zh or exc.en, exc.en)


def _hours_count_step(instant: dt.datetime, due_at: dt.datetime, period: Hours) -> Step:
    return Step(
        StepKind.COUNT,
        Text(
            f"自 {instant.isoformat()} 起计算{period.describe('zh')}，至 {due_at.isoformat()} 届满",
            f"{period.describe('en')} from {instant.isoformat()} end at {due_at.isoformat()}",
        ),
        _CIVIL_CODE_201_HOURS,
    )


def _hours_due_step(due_at: dt.datetime, due_day: dt.date, cal: WorkCalendar, unknown: Text | None) -> Step:
    if unknown is None:
        day_zh, day_en = f"{_fmt(due_day, cal, 'zh')}为休息日", f"{_fmt(due_day, cal, 'en')} is a rest day"
    else:
        day_zh = f"{due_day} 是否为休息日尚不可知（日历未覆盖）"
        day_en = f"whether {due_day} is a rest day is not known (outside the calendar)"
    return Step(
        StepKind.DUE,
        Text(
            f"{day_zh}；本库的读法：小时期间届满于其确切时刻 {due_at.isoformat()}，不顺延——第二百零三条第一款"
            f"顺延的是期间的“最后一日”，第二款使最后一日截止于二十四时，二者均按日计算的期间而设，"
            f"与自确切时刻起算、届满于确切时刻的小时期间（第二百零一条第二款）不相容。条文未明文排除小时期间，"
            f"此为一种解读，另一种读法见下",
            f"{day_en}; the library's reading: an hour period ends at its exact instant "
            f"{due_at.isoformat()} and is not rolled — art. 203 para. 1 moves a period's 'last day' and "
            f"para. 2 ends that day at 24:00, rules made for periods counted in days that do not fit a "
            f"period running from and ending at an exact instant (art. 201 para. 2). The text does not "
            f"exclude hour periods expressly: this is a reading, and the other one follows",
        ),
        _CIVIL_CODE_203_HOURS,
    )


def _hours_alternative(
    instant: dt.datetime,
    due_at: dt.datetime,
    due_day: dt.date,
    period: Hours,
    cal: WorkCalendar,
    unknown: Text | None,
) -> AlternativeDue:
    """The hour period read with art. 203 ¶1 applied: its end moved to the day after the rest
    ends, at 24:00 (¶2); undetermined when the calendar does not cover the day."""
    if unknown is not None:
        return AlternativeDue(period, _HOURS_READING_REASON, None, unknown, undetermined=True)
    try:
        rolled = cal.roll_forward(due_day)
    except CalendarCoverageError as exc:
        return AlternativeDue(period, _HOURS_READING_REASON, None, Text(exc.zh or exc.en, exc.en), True)
    rolled_at = end_of_day(rolled, cal.zone)
    steps = (
        _hours_count_step(instant, due_at, period),
        Step(
            StepKind.ROLL,
            Text(
                f"{_fmt(due_day, cal, 'zh')}为休息日，以休息日结束的次日 {_fmt(rolled, cal, 'zh')} 为最后一日，"
                f"截止于当日二十四时（{cal.zone}）",
                f"{_fmt(due_day, cal, 'en')} is a rest day: the last day becomes the day after the rest, "
                f"{_fmt(rolled, cal, 'en')}, ending at 24:00 ({cal.zone})",
            ),
            _CIVIL_CODE_203_HOURS,
        ),
    )
    provisional = cal.is_provisional(rolled)
    deadline = Deadline(
        start=instant,
        period=period,
        due_date=rolled,
        due_at=rolled_at,
        status=DeadlineStatus.DETERMINED,
        provisional=provisional,
        steps=steps,
        calendar_version=cal.version,
    )
    return AlternativeDue(period, _HOURS_READING_REASON, deadline)


def _hours_alternative_step(alt: AlternativeDue, due_day: dt.date, cal: WorkCalendar) -> Step:
    if alt.deadline is None:
        assert alt.problem is not None
        return Step(
            StepKind.ALTERNATIVE,
            Text(
                f"另一种读法（第二百零三条第一款适用于小时期间）无法计算：{alt.problem.zh}",
                f"the other reading (art. 203 para. 1 applied to an hour period) cannot be computed: "
                f"{alt.problem.en}",
            ),
            _CIVIL_CODE_203_HOURS,
        )
    rolled = alt.deadline.due_date
    assert rolled is not None
    return Step(
        StepKind.ALTERNATIVE,
        Text(
            f"另一种读法（第二百零三条第一款适用于小时期间）：届满日为 {_fmt(rolled, cal, 'zh')}，"
            f"截止于当日二十四时。主读法日期较早，是对须行为一方较安全的读法",
            f"the other reading (art. 203 para. 1 applied to an hour period): due {_fmt(rolled, cal, 'en')} "
            f"at 24:00. The primary reading is earlier, the safe one for the party who must act",
        ),
        _CIVIL_CODE_203_HOURS,
    )
