"""When a level fires: trigger days and working-day offsets, counted on the calendar's
O(1) working-day arithmetic."""

from __future__ import annotations

import datetime as dt
import math

from govefficiency.calendar import WorkCalendar
from govefficiency.escalation._cases import CaseView
from govefficiency.escalation._policy import Level, TriggerKind

__all__: list[str] = []

_DAY = dt.timedelta(days=1)


def offset(cal: WorkCalendar, due: dt.date, day: dt.date) -> int:
    """Working days from ``due`` to ``day``, counted the way triggers are declared: before
    the due date, minus the number of working days from ``day`` (inclusive) up to the due
    date (exclusive) — so the N-th working day before the due date has offset −N whether
    or not the due date is itself a working day; on it, 0; after it, the number of working
    days in ``(due, day]``."""
    if day < due:
        return -cal.working_days_between(day - _DAY, due - _DAY)
    return cal.working_days_between(due, day)


def on_or_before(cal: WorkCalendar, day: dt.date) -> dt.date:
    return day if cal.is_working_day(day) else cal.add_working_days(day, -1)


def trigger_day(
    level: Level, view: CaseView, due: dt.date, day: dt.date, cal: WorkCalendar
) -> dt.date | None:
    """The first day ``level`` fires for a case due ``due``, or ``None`` when it never
    fires for this view (share elapsed unknown). May raise CalendarCoverageError.

    * ``before_due N``: the N-th working day before the due date (N = 0: as ``at_due``);
    * ``at_due``: the due date, or the last working day before it when it is a rest day
      (an action is addressed on a working day);
    * ``overdue N``: the N-th working day after the due date;
    * ``share_elapsed``: the working day the share of the period is used.
    """
    trigger = level.trigger
    kind = trigger.kind
    n = trigger.working_days
    if kind is TriggerKind.BEFORE_DUE:
        return cal.add_working_days(due, -n) if n else on_or_before(cal, due)
    if kind is TriggerKind.AT_DUE:
        return on_or_before(cal, due)
    if kind is TriggerKind.OVERDUE:
        return cal.add_working_days(due, n)
    share = trigger.share or 0.0
    if view.share_elapsed is not None:
        return day if view.share_elapsed >= share else None
    if view.start is None:
        return None
    total = cal.working_days_between(view.start, due)
    return cal.add_working_days(view.start, math.ceil(share * total)) if total > 0 else due


def not_yet(level: Level, due: dt.date, day: dt.date, cal: WorkCalendar) -> bool:
    """Whether ``level`` has surely not fired by ``day`` although its trigger day cannot
    be computed (it lies beyond the calendar): an overdue level before the due date has
    passed, or enough working days are known to lie between ``day`` and the due date."""
    kind = level.trigger.kind
    if kind is TriggerKind.OVERDUE:
        return day <= due
    if kind is TriggerKind.SHARE_ELAPSED or not cal.first <= day <= cal.last < due:
        return False
    need = max(level.trigger.working_days, 1)
    return cal.working_days_between(day, cal.last) >= need
