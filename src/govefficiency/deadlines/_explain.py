"""The steps of a deadline's explanation, and the explained count (:func:`_due`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs

from govefficiency.calendar import DayInfo, WorkCalendar
from govefficiency.citation import Citation
from govefficiency.deadlines._adjustments import Extension, Suspension, SuspensionMode
from govefficiency.deadlines._common import _CIVIL_CODE_201, _CIVIL_CODE_202, _CIVIL_CODE_203, _fmt
from govefficiency.deadlines._counting import _Counter, _merge
from govefficiency.deadlines._deadline import AlternativeDue, Deadline, Step, StepKind
from govefficiency.deadlines._periods import CalendarDays, Months, Period, WorkingDays, Years
from govefficiency.deadlines._rules import StatuteRule
from govefficiency.errors import CalendarCoverageError, GovEfficiencyError
from govefficiency.text import Text, en_ordinal


def _consequence_step(rule: StatuteRule | None) -> Step | None:
    if rule is None or rule.consequence is None:
        return None
    return Step(
        StepKind.CONSEQUENCE,
        Text(f"逾期后果：{rule.consequence.text.zh}", f"on expiry: {rule.consequence.text.en}"),
        rule.consequence.citation,
    )


def _closing_steps(
    steps: list[Step],
    rule: StatuteRule | None,
    cal: WorkCalendar,
    *,
    due_step: Step | None,
    due: dt.date | None,
    last_day: dt.date,
    reread: Callable[[StatuteRule], AlternativeDue],
    backward: bool,
) -> tuple[bool, AlternativeDue | None]:
    """Append the closing steps of a count, forward or backward: the due step and the
    rule's consequence (when there is a due date), the provisional warning when
    ``last_day`` lies past the published data, and the rule's alternative reading
    (``reread(rule)``). Returns whether the answer is provisional, and the alternative."""
    if due_step is not None:
        steps.append(due_step)
        consequence = _consequence_step(rule)
        if consequence is not None:
            steps.append(consequence)
    provisional = last_day > cal.official_through
    if provisional:
        steps.append(_provisional_step(cal))
    if rule is None or rule.alternative is None:
        return provisional, None
    alternative = reread(rule)
    steps.append(_alternative_step(rule, alternative, due, cal, backward=backward))
    return provisional, alternative


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
        trace(_extension_step(ext, end, new_end, cal, ext.basis or fallback_basis))
        end = new_end
        due = _roll(cal, new_end, ext.length, trace)
    return due


def _extension_step(
    ext: Extension, end: dt.date, new_end: dt.date, cal: WorkCalendar, basis: Citation | None
) -> Step:
    return Step(
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


def _roll(cal: WorkCalendar, end: dt.date, period: Period, trace: Any) -> dt.date:
    """``end``, or the next working day when it is not one, with the step saying why."""
    working = isinstance(period, WorkingDays)
    # A working-day period ends on a working day (only WorkingDays(0) started on a rest
    # day can end elsewhere); a calendar-type one rolls a rest day forward (art. 203).
    if not (working or period.rolls_to_working_day) or cal.is_working_day(end):
        return end
    rolled = cal.roll_forward(end)
    was, now = (
        (_fmt(end, cal, lang) for lang in ("zh", "en")),
        (_fmt(rolled, cal, lang) for lang in ("zh", "en")),
    )
    (end_zh, end_en), (rolled_zh, rolled_en) = was, now
    if working:
        text = Text(
            f"{end_zh}为休息日，工作日期间届满于工作日：至 {rolled_zh}",
            f"{end_en} is not a working day and a working-day period ends on a working day: {rolled_en}",
        )
        trace(Step(StepKind.ROLL, text))
    else:
        text = Text(
            f"{end_zh}为休息日，期限顺延至 {rolled_zh}",
            f"{end_en} is not a working day; the period ends on {rolled_en}",
        )
        trace(Step(StepKind.ROLL, text, _CIVIL_CODE_203))
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
