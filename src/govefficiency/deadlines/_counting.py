"""Counting a day-based period over a calendar with pauses, without an explanation.

:class:`_Counter` is shared with the explained count (``_explain._due``); :func:`due_date`
gives the due date that ``compute_deadline`` gives, by the same steps, without building
its explanation: it checks events against the deadline in force (a question asked once
per event) and it is the reference the clocks' ordinal arithmetic falls back on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from govefficiency.calendar import WorkCalendar
from govefficiency.deadlines._adjustments import Extension, Suspension, SuspensionMode
from govefficiency.deadlines._common import _ONE_DAY
from govefficiency.deadlines._periods import CalendarDays, Months, Period, WorkingDays, Years, add_months
from govefficiency.errors import ExtensionError, InvalidInputError, SuspensionError


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


def roll_date(cal: WorkCalendar, end: dt.date, period: Period) -> dt.date:
    """The explained ``_roll`` without the explanation: calendar-type periods roll a rest
    day forward (民法典 art. 203); a working-day period ends on a working day (only
    ``WorkingDays(0)`` from a rest day can need it)."""
    if not (period.rolls_to_working_day or isinstance(period, WorkingDays)) or cal.is_working_day(end):
        return end
    return cal.roll_forward(end)


def due_date(
    cal: WorkCalendar,
    start_day: dt.date,
    period: Period,
    suspensions: list[Suspension],
    extensions: list[Extension],
) -> dt.date | None:
    """The due date that ``compute_deadline`` gives for these suspensions and extensions
    (``None`` while an open suspension holds it), by the same steps as the explained
    ``_due`` and with the same counter, but without building the explanation. Kept equal
    to it by tests/deadlines/test_clock_fast.py."""
    if not suspensions and not extensions:
        if isinstance(period, WorkingDays) and period.n:
            return cal.add_working_days(start_day, period.n)
        return roll_date(cal, _Counter(cal, []).advance(start_day, period)[0], period)
    restarts = [s for s in suspensions if s.mode is SuspensionMode.RESTART]
    frm = start_day
    if restarts:
        last = max(restarts, key=lambda s: s.start)
        if last.end is None:
            return None
        frm = last.end
        suspensions = [
            s for s in suspensions if s.mode is SuspensionMode.PAUSE and (s.end is None or s.end > frm)
        ]
    counter = _Counter(cal, _merge((s.start, s.end) for s in suspensions if s.end is not None))
    end, _ = counter.advance(frm, period, final=not extensions)
    if any(s.end is None for s in suspensions):
        return None
    due = roll_date(cal, end, period)
    for ext in extensions:
        end, _ = counter.advance(end, ext.length, final=ext is extensions[-1])
        due = roll_date(cal, end, ext.length)
    return due


def raise_if_expired(when: dt.date, event: Suspension | Extension, in_force: object) -> None:
    """Refuse a suspension or extension dated after the deadline in force (``in_force``,
    a date; ``None`` while suspended: nothing has expired) had passed."""
    if not isinstance(in_force, dt.date) or when <= in_force:
        return
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


def check_in_force(
    cal: WorkCalendar,
    start_day: dt.date,
    period: Period,
    suspensions: Iterable[Suspension],
    extensions: Iterable[Extension],
) -> None:
    """Each suspension and extension, in time order (an extension before a suspension of
    the same day), against the deadline in force given the events before it: none may
    come after that deadline had passed. No explanation is built for these."""
    events: list[tuple[dt.date, int, Suspension | Extension]] = sorted(
        [(s.start, 1, s) for s in suspensions] + [(e.approved_on, 0, e) for e in extensions],
        key=lambda item: (item[0], item[1]),
    )
    prior_s: list[Suspension] = []
    prior_e: list[Extension] = []
    for when, _, event in events:
        raise_if_expired(when, event, due_date(cal, start_day, period, prior_s, prior_e))
        if isinstance(event, Suspension):
            prior_s.append(event)
        else:
            prior_e.append(event)
