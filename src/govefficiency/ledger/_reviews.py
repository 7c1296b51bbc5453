"""The annual cycle's reviews: pure functions from a ledger and an instant to a report
(this module: the June check and what every review shares; ``_settlement`` and
``_monthly`` hold the others).

* :func:`june_check` — 6月查账: time elapsed against work done (时间过半、任务过半);
* :func:`reconcile` — 9月对账: supervision notices for items behind a time node;
* :func:`settle` — 年底交账: the final assessment per item and per unit;
* :func:`monthly_review` — 一月一讲评: a summary per unit and per officer;
* :func:`supervision_rates` — 督查执行率、被督查事项上报率、责任主体整改率 (targets 100%).

None of them writes to the ledger: each report offers ``drafts(at=...)`` (or the
notices) for the caller to append explicitly.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from govefficiency._deprecation import at_by_keyword
from govefficiency._time import end_of_day, local_date, require_aware
from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.errors import InvalidTypeError
from govefficiency.findings import Finding, FindingCode
from govefficiency.ledger._codes import (
    ITEM_BEHIND_SCHEDULE,
    ITEM_COMPLETED_LATE,
    ITEM_NOT_REPORTED,
    ITEM_OVERDUE,
)
from govefficiency.ledger._entries import Draft
from govefficiency.ledger._fields import JsonReady, expect
from govefficiency.ledger._items import ChecklistItem
from govefficiency.ledger._ledger import Ledger
from govefficiency.ledger._payloads import (
    CheckStatus,
    Review,
    ReviewKind,
)
from govefficiency.ledger._policy import Basis, ReviewPolicy

__all__ = [
    "RATE_TARGET",
    "CheckReport",
    "ItemCheck",
    "UnitCheck",
    "june_check",
]

#: The target of every supervision rate, in percent (seed 003 part II(4)).
RATE_TARGET = 100.0
_EPS = 1e-9


# -- shared plumbing ----------------------------------------------------------------------


def _fmt(value: float) -> str:
    """A percentage for messages: at most one decimal."""
    return f"{round(value, 1):g}"


def _setup(
    ledger: object,
    at: object,
    policy: ReviewPolicy | None,
    calendar: WorkCalendar | None,
) -> tuple[Ledger, dt.datetime, dt.date, ReviewPolicy, WorkCalendar | None]:
    ledger = expect(ledger, Ledger, "a review needs a Ledger", "检查需要 Ledger")
    if policy is None:
        policy = ReviewPolicy()
    expect(policy, ReviewPolicy, "policy must be a ReviewPolicy", "policy 必须是 ReviewPolicy")
    if calendar is not None:
        expect(
            calendar,
            WorkCalendar,
            "calendar must be a WorkCalendar (e.g. china_calendar())",
            "calendar 必须是 WorkCalendar（如 china_calendar()）",
        )
    if isinstance(at, dt.datetime):
        instant = require_aware(at, "at")
        day = local_date(instant, ledger.zone)
    elif isinstance(at, dt.date):
        day = dt.date(at.year, at.month, at.day)
        instant = end_of_day(day, ledger.zone)
    else:
        raise InvalidTypeError(
            f"at must be the review date (its end is meant) or an aware datetime, not {type(at).__name__}",
            f"at 必须是检查日期（指当日结束）或带时区的 datetime，而不是 {type(at).__name__}",
        )
    cal: WorkCalendar | None = None
    if policy.working_days:
        cal = china_calendar() if calendar is None else calendar
    return ledger, instant, day, policy, cal


def item_finding(code: FindingCode, row: Any, *also: str, **params: Any) -> Finding:
    """A finding about the item of ``row`` (a check, a notice, a settlement): its subject
    is the item, its lead unit and ``also``; its message names the item, title and unit."""
    return code(row.item_id, row.unit, *also, item=row.item_id, title=row.title, unit=row.unit, **params)


def responsible(item: ChecklistItem) -> dict[str, str]:
    """The item and who answers for it, as the keyword arguments of a report row."""
    return {
        "item_id": item.id,
        "title": item.title,
        "unit": item.lead_unit,
        "leader": item.leader,
        "officer": item.officer,
    }


def _expected(item: ChecklistItem, day: dt.date, policy: ReviewPolicy, cal: WorkCalendar | None) -> float:
    if policy.basis is Basis.TIME:
        return item.time_share(on=day, calendar=cal)
    return item.planned_share(on=day, calendar=cal)


# -- June check (6月查账) -------------------------------------------------------------------


@attrs.frozen
class ItemCheck(JsonReady):
    """One item at a check.

    Attributes:
        item_id, title, unit, leader, officer: the item and who answers for it.
        status: on track, behind, no report — or, once the item's deadline has passed,
            overdue (below 100%) or completed late (100% in a report dated after it).
        time_share: the share of the item's time elapsed, in percent.
        planned_share: the share its time nodes expect by the review day.
        expected_share: the one of the two the policy compares with.
        work_share: the share last reported, or ``None`` when none counts.
        gap: ``expected_share - work_share`` in points (``expected_share`` without a
            report); positive means behind.
        report_date: the date of the report used, or ``None``.
        deadline: the item's deadline as of the check.
        completed_on: the report date on which it first reached 100%, or ``None``.
    """

    item_id: str
    title: str
    unit: str
    leader: str
    officer: str
    status: CheckStatus
    time_share: float
    planned_share: float
    expected_share: float
    work_share: float | None
    gap: float
    report_date: dt.date | None
    deadline: dt.date | None = None
    completed_on: dt.date | None = None


@attrs.frozen
class UnitCheck:
    """A unit's items at a check (by lead unit)."""

    unit: str
    on_track: tuple[str, ...]
    behind: tuple[str, ...]
    no_report: tuple[str, ...]
    overdue: tuple[str, ...] = ()
    completed_late: tuple[str, ...] = ()

    @property
    def items(self) -> int:
        return (
            len(self.on_track)
            + len(self.behind)
            + len(self.no_report)
            + len(self.overdue)
            + len(self.completed_late)
        )


@attrs.frozen
class CheckReport(JsonReady):
    """The result of :func:`june_check`.

    Attributes:
        at: the instant the ledger was read at.
        day: the review day (counted as elapsed).
        policy: the policy applied.
        items: one :class:`ItemCheck` per item open at ``at``, in the order opened.
    """

    at: dt.datetime
    day: dt.date
    policy: ReviewPolicy
    items: tuple[ItemCheck, ...]
    calendar_version: str | None = None  # CalendarVersion.id of the calendar used, if any

    def with_status(self, status: CheckStatus) -> tuple[ItemCheck, ...]:
        """The items with ``status``."""
        return tuple(i for i in self.items if i.status is status)

    @property
    def behind(self) -> tuple[ItemCheck, ...]:
        return self.with_status(CheckStatus.BEHIND)

    @property
    def no_report(self) -> tuple[ItemCheck, ...]:
        return self.with_status(CheckStatus.NO_REPORT)

    @property
    def on_track(self) -> tuple[ItemCheck, ...]:
        return self.with_status(CheckStatus.ON_TRACK)

    def units(self) -> tuple[UnitCheck, ...]:
        """Per lead unit, sorted by unit id."""
        groups: dict[str, dict[CheckStatus, list[str]]] = {}
        for i in self.items:
            groups.setdefault(i.unit, {s: [] for s in CheckStatus})[i.status].append(i.item_id)
        return tuple(
            UnitCheck(
                unit,
                tuple(g[CheckStatus.ON_TRACK]),
                tuple(g[CheckStatus.BEHIND]),
                tuple(g[CheckStatus.NO_REPORT]),
                tuple(g[CheckStatus.OVERDUE]),
                tuple(g[CheckStatus.COMPLETED_LATE]),
            )
            for unit, g in sorted(groups.items())
        )

    def findings(self) -> tuple[Finding, ...]:
        """``ITEM_BEHIND_SCHEDULE``, ``ITEM_NOT_REPORTED``, ``ITEM_OVERDUE`` and
        ``ITEM_COMPLETED_LATE`` findings."""
        out: list[Finding] = []
        for i in self.items:
            if i.status is CheckStatus.BEHIND:
                out.append(
                    item_finding(
                        ITEM_BEHIND_SCHEDULE,
                        i,
                        day=self.day,
                        work=_fmt(i.work_share or 0.0),
                        expected=_fmt(i.expected_share),
                        gap=_fmt(i.gap),
                    )
                )
            elif i.status is CheckStatus.NO_REPORT:
                out.append(
                    item_finding(
                        ITEM_NOT_REPORTED,
                        i,
                        i.officer,
                        officer=i.officer,
                        day=self.day,
                        expected=_fmt(i.expected_share),
                    )
                )
            elif i.status is CheckStatus.OVERDUE:
                out.append(
                    item_finding(
                        ITEM_OVERDUE, i, deadline=i.deadline, day=self.day, work=_fmt(i.work_share or 0.0)
                    )
                )
            elif i.status is CheckStatus.COMPLETED_LATE:
                out.append(item_finding(ITEM_COMPLETED_LATE, i, done=i.completed_on, deadline=i.deadline))
        return tuple(out)

    def drafts(
        self,
        *,
        at: dt.datetime,
        reviewer: str = "",
        kind: ReviewKind = ReviewKind.JUNE_CHECK,
    ) -> tuple[Draft, ...]:
        """``reviewed`` entries recording this check, to pass to :meth:`Ledger.append`."""
        return tuple(
            Draft(
                i.item_id,
                at,
                Review(kind, i.status, i.expected_share, i.work_share, "", reviewer),
            )
            for i in self.items
        )


@at_by_keyword(1)
def june_check(
    ledger: Ledger,
    *,
    at: dt.date | dt.datetime,
    policy: ReviewPolicy | None = None,
    calendar: WorkCalendar | None = None,
) -> CheckReport:
    """The June check (6月查账): is each item's work share up with its time share?

    For each item open at ``at``, the share complete as last reported by then is
    compared with the share of the item's time elapsed by the review day (or with its
    plan, under ``Basis.PLAN``): on track when it falls short by no more than
    ``policy.tolerance`` points, behind otherwise, and "no report" when nothing has been
    reported although something is due. Once the review day is past the item's deadline,
    an item below 100% is *overdue* (not "behind": nothing is left to catch up within its
    time), and one that reached 100% in a report dated after the deadline is *completed
    late* (never "on track"); see :class:`CheckStatus`.

    Args:
        ledger: the ledger.
        at: the review date (its end) or instant; the ledger is read as of then, so a
            check can be re-run for a past date.
        policy: tolerance, basis, working or calendar days (default :class:`ReviewPolicy`).
        calendar: the working-day calendar (default ``china_calendar()``).
    """
    ledger, instant, day, policy, cal = _setup(ledger, at, policy, calendar)
    tolerance = policy.tolerance
    window = policy.report_window
    out: list[ItemCheck] = []
    for view in ledger.views(at=instant):
        item = view.item
        latest = view.latest
        time_share = item.time_share(on=day, calendar=cal)
        planned = item.planned_share(on=day, calendar=cal)
        expected = time_share if policy.basis is Basis.TIME else planned
        report = None if latest is None else latest.value
        if report is not None and window is not None and (day - report.date).days > window:
            report = None
        if report is None:
            status = CheckStatus.NO_REPORT if expected > 0 else CheckStatus.ON_TRACK
            work = None
            gap = expected
            report_date = None
        else:
            work = report.share
            gap = expected - work
            status = CheckStatus.ON_TRACK if gap <= tolerance + _EPS else CheckStatus.BEHIND
            report_date = report.date
        completed_on = min((r.value.date for r in view.reports if r.value.share >= 100.0), default=None)
        if latest is not None and latest.value.share >= 100.0 and completed_on is not None:
            if completed_on > item.deadline:
                status = CheckStatus.COMPLETED_LATE
        elif work is not None and day > item.deadline:
            status = CheckStatus.OVERDUE
        out.append(
            ItemCheck(
                item.id,
                item.title,
                item.lead_unit,
                item.leader,
                item.officer,
                status,
                time_share,
                planned,
                expected,
                work,
                gap,
                report_date,
                item.deadline,
                completed_on,
            )
        )
    return CheckReport(instant, day, policy, tuple(out), None if cal is None else cal.version.id)


# -- September reconciliation (9月对账) ----------------------------------------------------
