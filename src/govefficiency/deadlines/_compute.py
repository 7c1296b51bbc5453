"""Deadline computation (期限计算) following 民法典 arts. 200–203 and the working-day statutes.

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
import enum
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, overload

import attrs

from govefficiency._columns import column_kind
from govefficiency._time import day_or_instant, end_of_day, local_date, require_aware, require_date
from govefficiency._validators import instance_of
from govefficiency.calendar import CalendarVersion, DayInfo, WorkCalendar, china_calendar
from govefficiency.citation import Citation
from govefficiency.deadlines._periods import (
    CalendarDays,
    Hours,
    Months,
    Period,
    WorkingDays,
    Years,
    add_months,
)
from govefficiency.deadlines._rules import Combine, Consequence, Direction, StatuteRule
from govefficiency.errors import (
    CalendarCoverageError,
    ExtensionError,
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
    SuspensionError,
)
from govefficiency.text import Lang, Text, check_lang, en_ordinal

if TYPE_CHECKING:
    from govefficiency.calendar._arrays import CalendarArrays
    from govefficiency.deadlines._arrays import ColumnDueDates

__all__ = [
    "AlternativeDue",
    "CompositeDeadline",
    "Deadline",
    "DeadlineStatus",
    "DueDates",
    "Extension",
    "Step",
    "StepKind",
    "Suspension",
    "SuspensionMode",
    "compute_composite",
    "compute_deadline",
    "due_dates",
    "latest_date_before",
]

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


class SuspensionMode(enum.Enum):
    """``PAUSE``: the suspended days do not count and the clock resumes afterwards.
    ``RESTART``: the period counts afresh from the suspension's end (政府信息公开条例
    art. 30: from receipt of the corrected request)."""

    PAUSE = "pause"
    RESTART = "restart"


def _day_period(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, WorkingDays | CalendarDays):
        raise InvalidTypeError(
            f"{attribute.name} must be WorkingDays(n) or CalendarDays(n), not {value!r}",
            f"{attribute.name} 必须是 WorkingDays(n) 或 CalendarDays(n)",
        )


def _text(value: Text | str) -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, str) and value.strip():
        return Text(value, value)
    raise InvalidTypeError(f"expected a non-empty str or Text, not {value!r}", "需要非空字符串或 Text")


def _opt_text(value: Text | str | None) -> Text | None:
    return None if value is None else _text(value)


def _start_date(value: object) -> dt.date:
    return require_date(value, "Suspension.start")


def _end_date(value: object) -> dt.date | None:
    return None if value is None else require_date(value, "Suspension.end")


def _approved_date(value: object) -> dt.date:
    return require_date(value, "Extension.approved_on")


@attrs.frozen
class Suspension:
    """Days that do not count against a deadline (中止 / 不计算在期限内).

    Attributes:
        start: the first suspended day.
        end: the last suspended day (inclusive), or ``None`` while the suspension is
            still open — the deadline is then not yet determined.
        basis: the legal basis, e.g. 行政许可法 art. 45 (expert review).
        mode: ``PAUSE`` (resume afterwards) or ``RESTART`` (count afresh from ``end``).
        ordered_by: who ordered it, or ``None`` when not recorded.
        max_length: the longest it may lawfully last (working or calendar days), or
            ``None`` when the basis sets no maximum.
    """

    start: dt.date = attrs.field(converter=_start_date)
    end: dt.date | None = attrs.field(converter=_end_date)
    basis: Citation = attrs.field(validator=instance_of(Citation))
    mode: SuspensionMode = attrs.field(default=SuspensionMode.PAUSE, validator=instance_of(SuspensionMode))
    ordered_by: Text | None = attrs.field(default=None, converter=_opt_text)
    max_length: WorkingDays | CalendarDays | None = attrs.field(default=None, validator=_day_period)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise SuspensionError(
                f"a suspension ends ({self.end}) before it starts ({self.start})",
                f"中止的结束日期（{self.end}）早于开始日期（{self.start}）",
            )


@attrs.frozen
class Extension:
    """An approved lengthening of a deadline (延长).

    Attributes:
        length: how much longer (``WorkingDays`` or ``CalendarDays``).
        authority: who approved it (e.g. 本行政机关负责人).
        approved_on: the day of approval; it must not be after the deadline in force.
        basis: the provision allowing it, or ``None`` to use the rule's citation.
    """

    length: WorkingDays | CalendarDays = attrs.field(validator=_day_period)
    authority: Text = attrs.field(converter=_text)
    approved_on: dt.date = attrs.field(converter=_approved_date)
    basis: Citation | None = None


class StepKind(enum.Enum):
    """The kinds of step in a deadline's explanation."""

    RULE = "rule"
    START = "start"
    COUNT = "count"
    SUSPENSION = "suspension"
    RESTART = "restart"
    ROLL = "roll"
    EXTENSION = "extension"
    UNDETERMINED = "undetermined"
    DUE = "due"
    CONSEQUENCE = "consequence"
    PROVISIONAL = "provisional"
    ALTERNATIVE = "alternative"
    COMBINE = "combine"


@attrs.frozen
class Step:
    """One step of a deadline's explanation.

    Attributes:
        kind: what the step does.
        text: the step in zh and en.
        citation: the rule it applies, or ``None``.
    """

    kind: StepKind
    text: Text = attrs.field(validator=instance_of(Text))
    citation: Citation | None = None

    def render(self, lang: Lang = "zh") -> str:
        line = self.text.get(lang)
        if self.citation is not None:
            line += f" [{self.citation.render(lang)}]"
        return line


class DeadlineStatus(enum.Enum):
    """``DETERMINED``: the due date is known. ``SUSPENDED``: an open suspension makes it
    not yet determined (``due_date is None``)."""

    DETERMINED = "determined"
    SUSPENDED = "suspended"


@attrs.frozen
class Deadline:
    """A computed time limit and how it was reached.

    Attributes:
        start: the start as given (a date or aware datetime), or for a backward limit
            the event it ends before.
        period: the period counted.
        due_date: the last day of the period, or ``None`` while suspended.
        due_at: the instant the period ends (end of ``due_date`` in the calendar's zone,
            or close of business), or ``None`` while suspended.
        status: determined or suspended.
        provisional: ``True`` when a date used lies beyond the calendar's published
            arrangement (provisional mode): re-check when the arrangement is published.
        steps: the explanation, step by step.
        rule: the statute rule applied, or ``None`` for a bare period.
        backward: ``True`` for a "latest date before an event" limit.
        lapses_at: the instant after which the limit has legally lapsed and its
            consequence applies. Equal to ``due_at`` except for a calendar-type backward
            limit whose nominal last day is a rest day: ``due_date`` then moves to the
            earlier working day (the safe day to act), while the limit itself lapses at
            the end of the nominal day.
        alternative: the result under the rule's declared alternative reading of its
            counting unit, with the reason; ``None`` when the rule declares none (or for
            a bare period).
    """

    start: dt.date | dt.datetime
    period: Period
    due_date: dt.date | None
    due_at: dt.datetime | None
    status: DeadlineStatus
    provisional: bool
    steps: tuple[Step, ...]
    rule: StatuteRule | None = None
    backward: bool = False
    lapses_at: dt.datetime | None = None
    calendar_version: CalendarVersion | None = None
    alternative: AlternativeDue | None = None

    def __attrs_post_init__(self) -> None:
        if self.lapses_at is None:
            object.__setattr__(self, "lapses_at", self.due_at)

    @property
    def consequence(self) -> Consequence | None:
        """What the rule says happens when this limit expires, if it says anything."""
        return None if self.rule is None else self.rule.consequence

    def is_overdue(self, at: dt.datetime) -> bool:
        """Whether the aware instant ``at`` is after the period's end. A deadline that
        is not yet determined (open suspension) is never overdue."""
        at = require_aware(at, "at")
        return self.due_at is not None and at > self.due_at

    def consequence_at(self, at: dt.datetime) -> Consequence | None:
        """The rule's consequence of expiry if the limit has lapsed at ``at``
        (see :attr:`lapses_at`)."""
        at = require_aware(at, "at")
        if self.consequence is None or self.lapses_at is None:
            return None
        return self.consequence if at > self.lapses_at else None

    def explain(self, lang: Lang = "zh") -> str:
        """The numbered steps that led to the due date, with citations, in ``lang``; with
        an alternative reading, its own steps follow, indented."""
        lang = check_lang(lang)
        lines = [f"{i}. {step.render(lang)}" for i, step in enumerate(self.steps, 1)]
        if self.calendar_version is not None:
            lines.append(self.calendar_version.describe(lang))
        if self.alternative is not None and self.alternative.deadline is not None:
            lines.append(
                "   " + ("另一种读法的计算：" if lang == "zh" else "the alternative reading, counted:")
            )
            lines += [
                f"   {i}. {step.render(lang)}" for i, step in enumerate(self.alternative.deadline.steps, 1)
            ]
        return "\n".join(lines)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """A JSON-ready mapping: ``due_date``, ``due_at``, ``provisional``, ``status``,
        ``steps`` (both languages unless ``lang`` is given) and the rule."""
        langs: tuple[Lang, ...] = ("zh", "en") if lang is None else (check_lang(lang),)
        return {
            "start": self.start.isoformat(),
            "period": {"unit": self.period.unit.value, "n": self.period.n},
            "backward": self.backward,
            "due_date": None if self.due_date is None else self.due_date.isoformat(),
            "due_at": None if self.due_at is None else self.due_at.isoformat(),
            "lapses_at": None if self.lapses_at is None else self.lapses_at.isoformat(),
            "status": self.status.value,
            "provisional": self.provisional,
            "rule": None if self.rule is None else self.rule.id,
            "consequence": None
            if self.consequence is None
            else {"code": self.consequence.code, **{lg: self.consequence.text.get(lg) for lg in langs}},
            "steps": [{"kind": s.kind.value, **{lg: s.render(lg) for lg in langs}} for s in self.steps],
            "calendar_version": None if self.calendar_version is None else self.calendar_version.to_dict(),
            "alternative": None if self.alternative is None else self.alternative.to_dict(lang),
        }


@attrs.frozen
class AlternativeDue:
    """A limit computed under a rule's declared alternative reading of its counting unit.

    Attributes:
        period: the period under the alternative reading.
        reason: why the alternative is plausible (from the rule).
        deadline: the alternative's full computation (same start, suspensions and
            extensions; an extension is read in the alternative's unit), or ``None``
            when it cannot be computed — ``problem`` then says why.
        problem: why the alternative could not be computed (e.g. an extension approved
            after the alternative's due date), or ``None``.
        undetermined: ``True`` when it could not be computed for lack of data (a date
            beyond the calendar's coverage): that part of the answer is undetermined.
    """

    period: Period
    reason: Text
    deadline: Deadline | None = None
    problem: Text | None = None
    undetermined: bool = False

    @property
    def due_date(self) -> dt.date | None:
        """The alternative's last day, or ``None`` when undetermined or not computable."""
        return None if self.deadline is None else self.deadline.due_date

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        langs: tuple[Lang, ...] = ("zh", "en") if lang is None else (check_lang(lang),)
        d = self.deadline
        return {
            "period": {"unit": self.period.unit.value, "n": self.period.n},
            "due_date": None if d is None or d.due_date is None else d.due_date.isoformat(),
            "due_at": None if d is None or d.due_at is None else d.due_at.isoformat(),
            "provisional": None if d is None else d.provisional,
            "reason": {lg: self.reason.get(lg) for lg in langs},
            "problem": None if self.problem is None else {lg: self.problem.get(lg) for lg in langs},
            "undetermined": self.undetermined,
            "steps": []
            if d is None
            else [{"kind": s.kind.value, **{lg: s.render(lg) for lg in langs}} for s in d.steps],
        }


# --- the computation ------------------------------------------------------------------------


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


def _consequence_step(rule: StatuteRule | None) -> Step | None:
    if rule is None or rule.consequence is None:
        return None
    return Step(
        StepKind.CONSEQUENCE,
        Text(f"逾期后果：{rule.consequence.text.zh}", f"on expiry: {rule.consequence.text.en}"),
        rule.consequence.citation,
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
    out = tuple(items)
    for item in out:
        if not isinstance(item, cls):
            raise InvalidTypeError(
                f"{what} must contain {cls.__name__} values, not {type(item).__name__}",
                f"{what} 中的每一项必须是 {cls.__name__}",
            )
    return out


def _fmt(day: dt.date, cal: WorkCalendar, lang: Lang) -> str:
    name = cal.day_name(day, lang) if cal.covers(day) else None
    if lang == "zh":
        weekday = "一二三四五六日"[day.weekday()]
        return f"{day.isoformat()}（周{weekday}{'，' + name if name else ''}）"
    return f"{day.isoformat()} ({day:%a}{', ' + name if name else ''})"


class _Counter:
    """Counts a day-based period over a calendar with merged pauses."""

    def __init__(self, cal: WorkCalendar, pauses: list[tuple[dt.date, dt.date]]) -> None:
        self.cal = cal
        self.pauses = pauses

    def advance(
        self, frm: dt.date, period: Period, *, final: bool = True
    ) -> tuple[dt.date, list[tuple[dt.date, dt.date]]]:
        """The nominal end of ``period`` counted from ``frm`` (exclusive), skipping the
        pauses, and the pauses that were skipped. ``final`` says whether this segment
        ends the period (no extension follows): only then can a pause hold a rolled
        last day."""
        cal, skipped = self.cal, []
        if isinstance(period, WorkingDays):
            p, r = frm, period.n
            for s, e in self.pauses:
                if r == 0 or e <= p:
                    continue
                if s <= p:
                    skipped.append((p + _ONE_DAY, e))
                    p = e
                    continue
                available = cal.working_days_between(p, s - _ONE_DAY)
                if r <= available:
                    break
                r -= available
                skipped.append((s, e))
                p = e
            return (cal.add_working_days(p, r) if r else p), skipped
        if isinstance(period, CalendarDays):
            end = frm + dt.timedelta(days=period.n)
        elif isinstance(period, Months):
            end = add_months(frm, period.n)
        elif isinstance(period, Years):
            end = add_months(frm, 12 * period.n)
        else:  # pragma: no cover - Hours never reaches here
            raise InvalidInputError("hour periods are not counted in days", "小时期间不按日计算")
        for s, e in self.pauses:
            if e <= frm:
                continue
            s = max(s, frm + _ONE_DAY)
            if s > end:
                # The period still runs until the next working day after a nominal end
                # that is a rest day (art. 203); a pause starting in that gap holds the
                # last day, which then falls on the day after the pause.
                if final and s <= cal.roll_forward(end):
                    end = e + _ONE_DAY
                    skipped.append((s, e))
                    continue
                break
            end += e - s + _ONE_DAY
            skipped.append((s, e))
        return end, skipped


def _merge(ranges: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    merged: list[tuple[dt.date, dt.date]] = []
    for s, e in sorted(ranges):
        if merged and s <= merged[-1][1] + _ONE_DAY:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _check_max_length(cal: WorkCalendar, sus: Suspension) -> None:
    if sus.max_length is None or sus.end is None:
        return
    if isinstance(sus.max_length, WorkingDays):
        used = cal.working_days_between(sus.start - _ONE_DAY, sus.end)
    else:
        used = (sus.end - sus.start).days + 1
    if used > sus.max_length.n:
        raise SuspensionError(
            f"the suspension {sus.start}..{sus.end} lasts {used} "
            f"{sus.max_length.unit.label.en}, more than its maximum of {sus.max_length.n} "
            f"({sus.basis.render('en')})",
            f"中止 {sus.start}..{sus.end} 持续 {used}{sus.max_length.unit.label.zh}，"
            f"超过上限 {sus.max_length.n}（{sus.basis.render('zh')}）",
        )


def _check_extensions(rule: StatuteRule | None, extensions: Sequence[Extension]) -> None:
    if rule is None or not extensions:
        return
    allowance = rule.extension
    if allowance is None:
        raise ExtensionError(
            f"rule {rule.id} ({rule.citation.render('en')}) allows no extension",
            f"规则 {rule.id}（{rule.citation.render('zh')}）不允许延长",
        )
    if len(extensions) > allowance.times:
        raise ExtensionError(
            f"rule {rule.id} allows {allowance.times} extension(s), {len(extensions)} given "
            f"({rule.citation.render('en')})",
            f"规则 {rule.id} 只允许延长 {allowance.times} 次，实际 {len(extensions)} 次（{rule.citation.render('zh')}）",
        )
    total = 0
    for ext in extensions:
        if ext.length.unit is not allowance.max.unit:
            raise ExtensionError(
                f"rule {rule.id} is extended in {allowance.max.unit.label.en}, not "
                f"{ext.length.unit.label.en}",
                f"规则 {rule.id} 的延长以{allowance.max.unit.label.zh}计，而不是{ext.length.unit.label.zh}",
            )
        total += ext.length.n
    if total > allowance.max.n:
        raise ExtensionError(
            f"rule {rule.id} allows at most {allowance.max.describe('en')} of extension "
            f"(approved by {allowance.approver.en}); {total} requested ({rule.citation.render('en')})",
            f"规则 {rule.id} 最多延长{allowance.max.describe('zh')}（须经{allowance.approver.zh}批准），"
            f"实际申请 {total}（{rule.citation.render('zh')}）",
        )


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

    steps: list[Step] = []
    if rule is not None:
        steps.append(
            Step(
                StepKind.RULE,
                Text(
                    f"适用规则 {rule.id}：{rule.title.zh}，{rule.period.describe('zh')}，自{rule.starts_from.zh}起算",
                    f"rule {rule.id}: {rule.title.en}, {rule.period.describe('en')} from {rule.starts_from.en}",
                ),
                rule.citation,
            )
        )
    if isinstance(start, dt.datetime):
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
    else:
        start_day = require_date(start, "start")
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

    # Validate the events in time order against the deadline in force at each event.
    events: list[tuple[dt.date, int, Suspension | Extension]] = sorted(
        [(s.start, 1, s) for s in sus] + [(e.approved_on, 0, e) for e in exts],
        key=lambda item: (item[0], item[1]),
    )
    for i, (when, _, event) in enumerate(events):
        prior_s = [ev for _, _, ev in events[:i] if isinstance(ev, Suspension)]
        prior_e = [ev for _, _, ev in events[:i] if isinstance(ev, Extension)]
        in_force = _due(cal, start_day, base_period, prior_s, prior_e, [])
        if in_force is None:
            continue  # still suspended: nothing has expired
        if when > in_force:
            if isinstance(event, Suspension):
                raise SuspensionError(
                    f"the suspension starting {when} ({event.basis.render('en')}) begins after "
                    f"the deadline in force, {in_force}, had passed: a suspension cannot revive "
                    f"an expired limit",
                    f"{when} 开始的中止（{event.basis.render('zh')}）晚于当时有效的期限 {in_force}："
                    f"期限届满后不能再中止",
                )
            raise ExtensionError(
                f"the extension approved on {when} by {event.authority.en} comes after the "
                f"deadline in force, {in_force}, had passed: an expired limit cannot be extended",
                f"{event.authority.zh}于 {when} 批准的延长晚于当时有效的期限 {in_force}：期限届满后不能延长",
            )

    due = _due(
        cal, start_day, base_period, list(sus), list(exts), steps, None if rule is None else rule.citation
    )
    if due is None:
        status, due_at = DeadlineStatus.SUSPENDED, None
    else:
        status = DeadlineStatus.DETERMINED
        due_at = end_of_day(due, cal.zone, business_close)
        close = business_close.isoformat("minutes") if business_close else "24:00"
        steps.append(
            Step(
                StepKind.DUE,
                Text(
                    f"期限届满日为 {_fmt(due, cal, 'zh')}，截止于当日 {close}（{cal.zone}）",
                    f"the period ends on {_fmt(due, cal, 'en')} at {close} ({cal.zone})",
                ),
                _CIVIL_CODE_203_END,
            )
        )
        consequence = _consequence_step(rule)
        if consequence is not None:
            steps.append(consequence)
    latest = max(
        [start_day, *(d for d in [due] if d is not None), *(s.end for s in sus if s.end is not None)]
    )
    provisional = latest > cal.official_through
    if provisional:
        steps.append(_provisional_step(cal))
    alternative = None
    if rule is not None and rule.alternative is not None:
        alt_period = rule.alternative.period
        alt_exts = tuple(_read_in(ext, alt_period, base_period, rule.citation) for ext in exts)
        alternative = _alternative(
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
        steps.append(_alternative_step(rule, alternative, due, cal, backward=False))
    return Deadline(
        start=start,
        period=base_period,
        due_date=due,
        due_at=due_at,
        status=status,
        provisional=provisional,
        steps=tuple(steps),
        rule=rule,
        calendar_version=cal.version,
        alternative=alternative,
    )


def _read_in(ext: Extension, alt: Period, primary: Period, basis: Citation) -> Extension:
    """``ext`` read in the alternative's unit: "延长10日" read as working days is 10
    working days, like the period it extends."""
    length = ext.length
    if length.unit is primary.unit and isinstance(alt, WorkingDays | CalendarDays):
        length = type(alt)(length.n)
    return attrs.evolve(ext, length=length, basis=ext.basis or basis)


def _alternative(rule: StatuteRule, compute: Any) -> AlternativeDue:
    assert rule.alternative is not None
    reading = rule.alternative
    try:
        deadline = compute()
    except GovEfficiencyError as exc:
        return AlternativeDue(
            reading.period,
            reading.reason,
            None,
            Text(exc.zh or exc.en, exc.en),
            undetermined=isinstance(exc, CalendarCoverageError),
        )
    assert isinstance(deadline, Deadline)
    return AlternativeDue(reading.period, reading.reason, deadline)


def _alternative_step(
    rule: StatuteRule, alt: AlternativeDue, due: dt.date | None, cal: WorkCalendar, *, backward: bool
) -> Step:
    period = alt.period
    if alt.deadline is None:
        assert alt.problem is not None
        return Step(
            StepKind.ALTERNATIVE,
            Text(
                f"另一种读法（{period.describe('zh')}）无法计算：{alt.problem.zh}；理由：{alt.reason.zh}",
                f"the alternative reading ({period.describe('en')}) cannot be computed: {alt.problem.en}; "
                f"reason for it: {alt.reason.en}",
            ),
            rule.citation,
        )
    alt_due = alt.deadline.due_date
    if alt_due is None:
        zh_when, en_when = "期限暂不能确定（中止中）", "not yet determined (suspended)"
    else:
        zh_when = f"{'最迟' if backward else '届满日为'} {_fmt(alt_due, cal, 'zh')}"
        en_when = f"{'at the latest' if backward else 'due'} {_fmt(alt_due, cal, 'en')}"
    zh = f"另一种读法：按{period.describe('zh')}计算，{zh_when}；理由：{alt.reason.zh}。"
    en = f"alternative reading: counted as {period.describe('en')}, {en_when}; reason: {alt.reason.en}. "
    # Forward or backward, the earlier day is the safe one for the party who must act.
    if due is not None and alt_due is not None and alt_due < due:
        zh += f"注意：主读法通常对须行为一方较安全，但此处另一种读法日期更早，两种读法下均稳妥的做法是不晚于 {alt_due} 行为"
        en += (
            f"Note: the primary reading is normally the safe one for the party who must act, but here the "
            f"alternative is earlier; to be safe under both readings act by {alt_due}"
        )
    else:
        zh += "主读法是对须行为一方较安全的读法（日期不晚于另一种读法）"
        en += "The primary reading is the one safe for the party who must act (it is not later than the alternative)"
    return Step(StepKind.ALTERNATIVE, Text(zh, en), rule.citation)


def _provisional_step(cal: WorkCalendar) -> Step:
    return Step(
        StepKind.PROVISIONAL,
        Text(
            f"注意：所用日期晚于已公布放假安排的最后一日 {cal.official_through}，结果按法定规则推算，"
            f"属暂定，公布新安排后请重新计算",
            f"note: dates used lie after {cal.official_through}, the last day of the published "
            f"holiday arrangement; the result follows the statutory rules only and is provisional — "
            f"recompute once the arrangement is published",
        ),
    )


def _due(
    cal: WorkCalendar,
    start_day: dt.date,
    period: Period,
    suspensions: list[Suspension],
    extensions: list[Extension],
    steps: list[Step],
    fallback_basis: Citation | None = None,
) -> dt.date | None:
    """The due date with these suspensions and extensions, or ``None`` while an open
    suspension holds it; appends the explanation to ``steps``."""
    trace = steps.append
    restarts = [s for s in suspensions if s.mode is SuspensionMode.RESTART]
    frm = start_day
    if restarts:
        last = max(restarts, key=lambda s: s.start)
        trace(
            Step(
                StepKind.RESTART,
                Text(
                    f"{last.start} 起期限中断，"
                    + (f"自 {last.end} 起重新计算" if last.end else "尚待重新起算"),
                    f"the clock was reset on {last.start}; "
                    + (f"it counts afresh from {last.end}" if last.end else "it has not restarted yet"),
                ),
                last.basis,
            )
        )
        if last.end is None:
            trace(_undetermined_step(last))
            return None
        frm = last.end
        suspensions = [
            s for s in suspensions if s.mode is SuspensionMode.PAUSE and (s.end is None or s.end > frm)
        ]
    trace(
        Step(
            StepKind.START,
            Text(
                f"起算日 {frm} 当日不计入，自次日起计算{period.describe('zh')}",
                f"the start day {frm} is not counted; {period.describe('en')} run from the next day",
            ),
            _CIVIL_CODE_201,
        )
    )
    counter = _Counter(cal, _merge((s.start, s.end) for s in suspensions if s.end is not None))
    end, skipped = counter.advance(frm, period, final=not extensions)
    open_pauses = [s for s in suspensions if s.end is None]
    if open_pauses:
        # compute_deadline has checked that every suspension began on or before the
        # deadline in force, so an open one always holds the deadline.
        first_open = min(open_pauses, key=lambda s: s.start)
        for s, e in skipped:
            if s < first_open.start:
                trace(_pause_step(s, e, suspensions))
        trace(_undetermined_step(first_open))
        return None
    for s, e in skipped:
        trace(_pause_step(s, e, suspensions))
    trace(_count_step(frm, end, period, cal))
    due = _roll(cal, end, period, trace)
    for ext in extensions:
        # An extension lengthens the period itself: it counts on from the nominal last
        # day, because once extended that day is no longer the period's last day and the
        # roll-over of art. 203 did not happen there.
        new_end, ext_skipped = counter.advance(end, ext.length, final=ext is extensions[-1])
        for s, e in ext_skipped:
            trace(_pause_step(s, e, suspensions))
        basis = ext.basis or fallback_basis
        trace(
            Step(
                StepKind.EXTENSION,
                Text(
                    f"经{ext.authority.zh}于 {ext.approved_on} 批准延长{ext.length.describe('zh')}，"
                    f"自期间的名义最后一日 {end} 起续算：至 {_fmt(new_end, cal, 'zh')}",
                    f"extended by {ext.length.describe('en')}, approved by {ext.authority.en} on "
                    f"{ext.approved_on}, counted on from the period's nominal last day {end}: "
                    f"to {_fmt(new_end, cal, 'en')}",
                ),
                basis,
            )
        )
        end = new_end
        due = _roll(cal, new_end, ext.length, trace)
    return due


def _roll(cal: WorkCalendar, end: dt.date, period: Period, trace: Any) -> dt.date:
    if isinstance(period, WorkingDays):
        # A working-day period ends on a working day; only WorkingDays(0) started on a
        # rest day can end elsewhere: it ends on the next working day.
        if cal.is_working_day(end):
            return end
        rolled = cal.roll_forward(end)
        trace(
            Step(
                StepKind.ROLL,
                Text(
                    f"{_fmt(end, cal, 'zh')}为休息日，工作日期间届满于工作日：至 {_fmt(rolled, cal, 'zh')}",
                    f"{_fmt(end, cal, 'en')} is not a working day and a working-day period ends on a "
                    f"working day: {_fmt(rolled, cal, 'en')}",
                ),
            )
        )
        return rolled
    if not period.rolls_to_working_day or cal.is_working_day(end):
        return end
    rolled = cal.roll_forward(end)
    trace(
        Step(
            StepKind.ROLL,
            Text(
                f"{_fmt(end, cal, 'zh')}为休息日，期限顺延至 {_fmt(rolled, cal, 'zh')}",
                f"{_fmt(end, cal, 'en')} is not a working day; the period ends on {_fmt(rolled, cal, 'en')}",
            ),
            _CIVIL_CODE_203,
        )
    )
    return rolled


def _count_step(frm: dt.date, end: dt.date, period: Period, cal: WorkCalendar) -> Step:
    if isinstance(period, WorkingDays):
        zh = f"数满{period.describe('zh')}，第 {period.n} 个工作日为 {_fmt(end, cal, 'zh')}"
        en = f"counting {period.describe('en')}, the {en_ordinal(period.n)} working day is {_fmt(end, cal, 'en')}"
        crossed = _crossed(frm, end, cal)
        if crossed is not None:
            zh += f"；其间{crossed.zh}"
            en += f"; on the way, {crossed.en}"
        return Step(StepKind.COUNT, Text(zh, en))
    citation = _CIVIL_CODE_202 if isinstance(period, Months | Years) else None
    return Step(
        StepKind.COUNT,
        Text(
            f"自 {frm} 起算{period.describe('zh')}，名义届满日为 {_fmt(end, cal, 'zh')}",
            f"{period.describe('en')} from {frm}: the nominal last day is {_fmt(end, cal, 'en')}",
        ),
        citation,
    )


def _crossed(frm: dt.date, end: dt.date, cal: WorkCalendar) -> Text | None:
    """The holidays skipped and make-up days counted in ``(frm, end]``, grouped into
    runs of consecutive days, e.g. ``2026-10-01..2026-10-07 国庆节、调休 (not counted)``."""
    if end <= frm:
        return None
    runs: list[list[DayInfo]] = []
    for info in cal.special_days(frm, end):
        if runs and runs[-1][-1].working == info.working and (info.date - runs[-1][-1].date).days == 1:
            runs[-1].append(info)
        else:
            runs.append([info])
    if not runs:
        return None
    zh_parts, en_parts = [], []
    for run in runs:
        span = run[0].date.isoformat() + ("" if len(run) == 1 else f"..{run[-1].date.isoformat()}")
        names_zh = "、".join(dict.fromkeys(i.name.zh if i.name else i.kind.label.zh for i in run))
        names_en = "; ".join(dict.fromkeys(i.name.en if i.name else i.kind.label.en for i in run))
        if run[0].working:
            zh_parts.append(f"{span}（{names_zh}）计入")
            en_parts.append(f"{span} ({names_en}) counted")
        else:
            zh_parts.append(f"{span}（{names_zh}）不计")
            en_parts.append(f"{span} ({names_en}) not counted")
    return Text("，".join(zh_parts), ", ".join(en_parts))


def _pause_step(s: dt.date, e: dt.date, suspensions: list[Suspension]) -> Step:
    bases = [x for x in suspensions if x.end is not None and x.start <= e and x.end >= s]
    citation = bases[0].basis if bases else None
    ordered = next((x.ordered_by for x in bases if x.ordered_by is not None), None)
    by_zh = f"（{ordered.zh}决定）" if ordered else ""
    by_en = f" (ordered by {ordered.en})" if ordered else ""
    return Step(
        StepKind.SUSPENSION,
        Text(
            f"{s} 至 {e} 中止，不计入期限{by_zh}",
            f"{s} to {e} suspended and not counted{by_en}",
        ),
        citation,
    )


def _undetermined_step(sus: Suspension) -> Step:
    return Step(
        StepKind.UNDETERMINED,
        Text(
            f"自 {sus.start} 起中止且尚未结束：期限暂不能确定，中止结束后重新计算",
            f"suspended since {sus.start} with no end yet: the deadline is not yet determined; "
            f"recompute when the suspension ends",
        ),
        sus.basis,
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
    steps: list[Step] = []
    if rule is not None:
        steps.append(
            Step(
                StepKind.RULE,
                Text(
                    f"适用规则 {rule.id}：{rule.title.zh}，须在{rule.starts_from.zh}前{rule.period.describe('zh')}",
                    f"rule {rule.id}: {rule.title.en}, {rule.period.describe('en')} before {rule.starts_from.en}",
                ),
                rule.citation,
            )
        )
    if isinstance(base_period, Hours):
        if not isinstance(event, dt.datetime):
            raise InvalidTypeError(
                "an hour limit needs an aware datetime event", "小时期限需要带时区的 datetime"
            )
        instant = require_aware(event, "event")
        due_at = instant - dt.timedelta(hours=base_period.n)
        steps.append(
            Step(
                StepKind.COUNT,
                Text(
                    f"{instant.isoformat()} 前{base_period.describe('zh')}：{due_at.isoformat()}",
                    f"{base_period.describe('en')} before {instant.isoformat()}: {due_at.isoformat()}",
                ),
            )
        )
        day = local_date(due_at, cal.zone)
        return Deadline(
            start=instant,
            period=base_period,
            due_date=day,
            due_at=due_at,
            status=DeadlineStatus.DETERMINED,
            provisional=cal.covers(day) and cal.is_provisional(day),
            steps=tuple(steps),
            rule=rule,
            backward=True,
            calendar_version=cal.version,
        )
    event_day = (
        local_date(require_aware(event, "event"), cal.zone)
        if isinstance(event, dt.datetime)
        else require_date(event, "event")
    )
    if isinstance(base_period, WorkingDays):
        latest = nominal = cal.add_working_days(event_day, -base_period.n)
        steps.append(
            Step(
                StepKind.COUNT,
                Text(
                    f"自 {_fmt(event_day, cal, 'zh')}向前数{base_period.describe('zh')}，最迟为 {_fmt(latest, cal, 'zh')}",
                    f"counting {base_period.describe('en')} back from {_fmt(event_day, cal, 'en')}: "
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
    else:
        if isinstance(base_period, CalendarDays):
            nominal = event_day - dt.timedelta(days=base_period.n)
        else:
            months = base_period.n * (12 if isinstance(base_period, Years) else 1)
            nominal = add_months(event_day, -months)
        steps.append(
            Step(
                StepKind.COUNT,
                Text(
                    f"自 {event_day} 向前{base_period.describe('zh')}，名义日期为 {_fmt(nominal, cal, 'zh')}",
                    f"{base_period.describe('en')} before {event_day}: nominally {_fmt(nominal, cal, 'en')}",
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
    due_at = end_of_day(latest, cal.zone, business_close)
    lapses_at = end_of_day(nominal, cal.zone, business_close)
    steps.append(
        Step(StepKind.DUE, Text(f"最迟于 {_fmt(latest, cal, 'zh')}完成", f"due by {_fmt(latest, cal, 'en')}"))
    )
    consequence = _consequence_step(rule)
    if consequence is not None:
        steps.append(consequence)
    provisional = max(latest, event_day) > cal.official_through
    if provisional:
        steps.append(_provisional_step(cal))
    alternative = None
    if rule is not None and rule.alternative is not None:
        alt_period = rule.alternative.period
        alternative = _alternative(
            rule, lambda: latest_date_before(event, alt_period, calendar=cal, business_close=business_close)
        )
        steps.append(_alternative_step(rule, alternative, latest, cal, backward=True))
    return Deadline(
        start=event,
        period=base_period,
        due_date=latest,
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


# --- composite limits ----------------------------------------------------------------------


@attrs.frozen
class CompositeDeadline:
    """A composite limit: several periods, each from its own start event, combined by
    taking the earliest (or latest) due date (行政复议法 art. 20 ¶3).

    Attributes:
        rule: the composite rule applied.
        starts: ``(event, start)`` for each limb, in the rule's order.
        parts: each limb's own :class:`Deadline`, explained, in the rule's order.
        chosen: the index of the part whose due date governs (the first on a tie).
        due_date / due_at: the governing part's.
        provisional: ``True`` when any part is provisional.
        steps: the explanation: the rule, one line per part, the combination.
    """

    rule: StatuteRule
    starts: tuple[tuple[str, dt.date | dt.datetime], ...]
    parts: tuple[Deadline, ...]
    chosen: int
    due_date: dt.date
    due_at: dt.datetime
    provisional: bool
    steps: tuple[Step, ...]

    def is_overdue(self, at: dt.datetime) -> bool:
        """Whether the aware instant ``at`` is after the combined limit's end."""
        at = require_aware(at, "at")
        return at > self.due_at

    def explain(self, lang: Lang = "zh") -> str:
        """The numbered steps, each part's own computation indented under its line."""
        lang = check_lang(lang)
        lines: list[str] = []
        part = 0
        for i, step in enumerate(self.steps, 1):
            lines.append(f"{i}. {step.render(lang)}")
            if step.kind is StepKind.COUNT and part < len(self.parts):
                lines += [f"   {j}. {s.render(lang)}" for j, s in enumerate(self.parts[part].steps, 1)]
                part += 1
        return "\n".join(lines)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """A JSON-ready mapping: the combined due date, the rule, how the parts combine
        and each part's own computation."""
        langs: tuple[Lang, ...] = ("zh", "en") if lang is None else (check_lang(lang),)
        assert self.rule.composite is not None
        return {
            "rule": self.rule.id,
            "combine": self.rule.composite.combine.value,
            "due_date": self.due_date.isoformat(),
            "due_at": self.due_at.isoformat(),
            "provisional": self.provisional,
            "chosen": self.rule.composite.limbs[self.chosen].event,
            "parts": [
                {"event": event, **part.to_dict(lang)}
                for (event, _), part in zip(self.starts, self.parts, strict=True)
            ],
            "steps": [{"kind": s.kind.value, **{lg: s.render(lg) for lg in langs}} for s in self.steps],
        }


@_within_representable_dates
def compute_composite(
    starts: Mapping[str, dt.date | dt.datetime],
    rule: StatuteRule,
    *,
    calendar: WorkCalendar | None = None,
    business_close: dt.time | None = None,
) -> CompositeDeadline:
    """Compute a composite limit: each of the rule's periods from its own start event,
    then the earliest (or latest) due date.

    Args:
        starts: the start of each limb by its event name, e.g. for
            ``review.application_uninformed``: ``{"knew_of_right": …, "knew_of_act": …}``.
        rule: a rule with a :class:`~govefficiency.deadlines.CompositeLimit`.
        calendar: the working-day calendar (default: :func:`china_calendar`).
        business_close: the close of business, as for :func:`compute_deadline`.

    Raises:
        InvalidInputError: the rule is not composite, or an event is missing or unknown.

    Example:
        >>> import datetime as dt
        >>> from govefficiency.deadlines import get_rule
        >>> d = compute_composite(
        ...     {"knew_of_right": dt.date(2026, 10, 9), "knew_of_act": dt.date(2025, 11, 20)},
        ...     get_rule("review.application_uninformed"),
        ... )
        >>> d.due_date  # one year from learning of the act comes before the 60 days
        datetime.date(2026, 11, 20)
    """
    if not isinstance(rule, StatuteRule):
        raise InvalidTypeError(
            f"compute_composite needs a StatuteRule, not {type(rule).__name__}",
            "compute_composite 需要 StatuteRule",
        )
    composite = rule.composite
    if composite is None:
        raise InvalidInputError(
            f"rule {rule.id} is a single period: use compute_deadline(start, rule)",
            f"规则 {rule.id} 是单一期间：请使用 compute_deadline(start, rule)",
        )
    if not isinstance(starts, Mapping):
        raise InvalidTypeError(
            f"starts must map each event ({', '.join(composite.events)}) to its date",
            f"starts 必须把每个起算事件（{'、'.join(composite.events)}）映射到日期",
        )
    missing = [e for e in composite.events if e not in starts]
    unknown = sorted(str(e) for e in starts if e not in composite.events)
    if missing or unknown:
        detail_en = "; ".join(
            ([f"missing: {', '.join(missing)}"] if missing else [])
            + ([f"unknown: {', '.join(unknown)}"] if unknown else [])
        )
        detail_zh = "；".join(
            ([f"缺少：{'、'.join(missing)}"] if missing else [])
            + ([f"未知：{'、'.join(unknown)}"] if unknown else [])
        )
        raise InvalidInputError(
            f"rule {rule.id} needs the start of each of {', '.join(composite.events)} ({detail_en})",
            f"规则 {rule.id} 需要以下每个事件的起算日：{'、'.join(composite.events)}（{detail_zh}）",
        )
    cal = _calendar(calendar)
    _check_close(business_close)
    parts = tuple(
        compute_deadline(starts[limb.event], limb.period, calendar=cal, business_close=business_close)
        for limb in composite.limbs
    )
    ends = [part.due_at for part in parts]
    assert all(end is not None for end in ends)  # no suspensions: always determined
    pick = min if composite.combine is Combine.EARLIEST else max
    chosen = ends.index(pick(e for e in ends if e is not None))
    steps = [
        Step(
            StepKind.RULE,
            Text(
                f"适用规则 {rule.id}：{rule.title.zh}，由 {len(parts)} 个分别起算的期间组成，"
                f"{composite.combine.label.zh}",
                f"rule {rule.id}: {rule.title.en}, {len(parts)} periods each from its own event, "
                f"{composite.combine.label.en}",
            ),
            rule.citation,
        )
    ]
    for i, (limb, part) in enumerate(zip(composite.limbs, parts, strict=True), 1):
        assert part.due_date is not None
        start = starts[limb.event]
        steps.append(
            Step(
                StepKind.COUNT,
                Text(
                    f"期间{i}：自{limb.starts_from.zh}（{start.isoformat()}）起{limb.period.describe('zh')}，"
                    f"届满日为 {_fmt(part.due_date, cal, 'zh')}",
                    f"period {i}: {limb.period.describe('en')} from {limb.starts_from.en} "
                    f"({start.isoformat()}), due {_fmt(part.due_date, cal, 'en')}",
                ),
            )
        )
    due = parts[chosen].due_date
    due_at = parts[chosen].due_at
    assert due is not None
    assert due_at is not None
    steps.append(
        Step(
            StepKind.COMBINE,
            Text(
                f"{composite.combine.label.zh}：期间{chosen + 1}的届满日 {_fmt(due, cal, 'zh')}为期限届满日",
                f"{composite.combine.label.en}: period {chosen + 1} governs; the limit ends on {_fmt(due, cal, 'en')}",
            ),
            rule.citation,
        )
    )
    provisional = any(part.provisional for part in parts)
    if provisional:
        steps.append(_provisional_step(cal))
    return CompositeDeadline(
        rule=rule,
        starts=tuple((limb.event, starts[limb.event]) for limb in composite.limbs),
        parts=parts,
        chosen=chosen,
        due_date=due,
        due_at=due_at,
        provisional=provisional,
        steps=tuple(steps),
    )


# --- the bulk path --------------------------------------------------------------------------


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
    # _cum[i + 1] counts the working days up to and including covered day i, so the n-th
    # working day after it is _work[_cum[i + 1] + n - 1].
    cum, work = cal._cum, cal._work
    base = n - 1
    shift = 1 - cal._ord0
    fromordinal = dt.date.fromordinal
    return [fromordinal(work[cum[d.toordinal() + shift] + base]) for d in starts]
