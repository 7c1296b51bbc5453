"""The annual cycle's reviews: pure functions from a ledger and an instant to a report.

* :func:`june_check` — 6月查账: time elapsed against work done (时间过半、任务过半);
* :func:`reconcile` — 9月对账: supervision notices for items behind a time node;
* :func:`settle` — 年底交账: the final assessment per item and per unit;
* :func:`monthly_review` — 一月一讲评: a summary per unit and per officer;
* :func:`supervision_rates` — 督查执行率、被督查事项上报率、责任主体整改率 (targets 100%).

None of them writes to the ledger: each report offers ``drafts(at=...)`` (or the
notices) for the caller to append explicitly.
"""

from __future__ import annotations

import calendar as _monthcal
import datetime as dt
import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from govefficiency._time import end_of_day, local_date, require_aware
from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.findings import Finding
from govefficiency.ledger._entries import Draft
from govefficiency.ledger._items import ChecklistItem
from govefficiency.ledger._ledger import Ledger
from govefficiency.ledger._payloads import (
    CheckStatus,
    EntryKind,
    Outcome,
    Review,
    ReviewKind,
    Settlement,
    SupervisionNotice,
)
from govefficiency.ledger._rules import (
    EXECUTION_RATE_BELOW_TARGET,
    ITEM_BEHIND_SCHEDULE,
    ITEM_COMPLETED_LATE,
    ITEM_NOT_REPORTED,
    ITEM_UNFINISHED,
    MONTHLY_REPORT_MISSING,
    RECTIFICATION_RATE_BELOW_TARGET,
    REPORTING_RATE_BELOW_TARGET,
    TIME_NODE_MISSED,
    Basis,
    ReviewPolicy,
)
from govefficiency.ledger._state import Fold, done_of, notice_of, order_of, progress_of
from govefficiency.text import LabelledEnum, Text

__all__ = [
    "RATE_TARGET",
    "CheckReport",
    "ItemCheck",
    "ItemSettlement",
    "MonthlyReview",
    "OfficerMonth",
    "Rate",
    "RateKind",
    "Rates",
    "RatesReport",
    "Reconciliation",
    "SettlementReport",
    "UnitCheck",
    "UnitMonth",
    "UnitRates",
    "UnitSettlement",
    "june_check",
    "monthly_review",
    "reconcile",
    "settle",
    "supervision_rates",
]

#: The target of every supervision rate, in percent (seed 003 part II(4)).
RATE_TARGET = 100.0
_EPS = 1e-9

_PROGRESS = EntryKind.PROGRESS_REPORTED
_NOTICE = EntryKind.NOTICE_ISSUED
_ORDER = EntryKind.RECTIFICATION_REQUIRED
_DONE = EntryKind.RECTIFICATION_DONE


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
    if not isinstance(ledger, Ledger):
        raise InvalidTypeError(
            f"a review needs a Ledger, not {type(ledger).__name__}",
            f"检查需要 Ledger，而不是 {type(ledger).__name__}",
        )
    if policy is None:
        policy = ReviewPolicy()
    elif not isinstance(policy, ReviewPolicy):
        raise InvalidTypeError(
            f"policy must be a ReviewPolicy, not {type(policy).__name__}",
            f"policy 必须是 ReviewPolicy，而不是 {type(policy).__name__}",
        )
    if calendar is not None and not isinstance(calendar, WorkCalendar):
        raise InvalidTypeError(
            f"calendar must be a WorkCalendar (e.g. china_calendar()), not {type(calendar).__name__}",
            f"calendar 必须是 WorkCalendar（如 china_calendar()），而不是 {type(calendar).__name__}",
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


def _expected(item: ChecklistItem, day: dt.date, policy: ReviewPolicy, cal: WorkCalendar | None) -> float:
    if policy.basis is Basis.TIME:
        return item.time_share(day, cal)
    return item.planned_share(day, cal)


def _json_value(instance: object, field: object, value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Text):
        return {"zh": value.zh, "en": value.en}
    return value


def _to_dict(value: Any) -> dict[str, Any]:
    return attrs.asdict(value, value_serializer=_json_value)


# -- June check (6月查账) -------------------------------------------------------------------


@attrs.frozen
class ItemCheck:
    """One item at a check.

    Attributes:
        item_id, title, unit, leader, officer: the item and who answers for it.
        status: on track, behind or no report.
        time_share: the share of the item's time elapsed, in percent.
        planned_share: the share its time nodes expect by the review day.
        expected_share: the one of the two the policy compares with.
        work_share: the share last reported, or ``None`` when none counts.
        gap: ``expected_share - work_share`` in points (``expected_share`` without a
            report); positive means behind.
        report_date: the date of the report used, or ``None``.
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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return _to_dict(self)


@attrs.frozen
class UnitCheck:
    """A unit's items at a check (by lead unit)."""

    unit: str
    on_track: tuple[str, ...]
    behind: tuple[str, ...]
    no_report: tuple[str, ...]

    @property
    def items(self) -> int:
        return len(self.on_track) + len(self.behind) + len(self.no_report)


@attrs.frozen
class CheckReport:
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
            )
            for unit, g in sorted(groups.items())
        )

    def findings(self) -> tuple[Finding, ...]:
        """``ITEM_BEHIND_SCHEDULE`` and ``ITEM_NOT_REPORTED`` findings."""
        out: list[Finding] = []
        for i in self.items:
            if i.status is CheckStatus.BEHIND:
                out.append(
                    ITEM_BEHIND_SCHEDULE(
                        i.item_id,
                        i.unit,
                        item=i.item_id,
                        title=i.title,
                        unit=i.unit,
                        day=self.day,
                        work=_fmt(i.work_share or 0.0),
                        expected=_fmt(i.expected_share),
                        gap=_fmt(i.gap),
                    )
                )
            elif i.status is CheckStatus.NO_REPORT:
                out.append(
                    ITEM_NOT_REPORTED(
                        i.item_id,
                        i.unit,
                        i.officer,
                        item=i.item_id,
                        title=i.title,
                        unit=i.unit,
                        officer=i.officer,
                        day=self.day,
                        expected=_fmt(i.expected_share),
                    )
                )
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

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return _to_dict(self)


def june_check(
    ledger: Ledger,
    at: dt.date | dt.datetime,
    *,
    policy: ReviewPolicy | None = None,
    calendar: WorkCalendar | None = None,
) -> CheckReport:
    """The June check (6月查账): is each item's work share up with its time share?

    For each item open at ``at``, the share complete as last reported by then is
    compared with the share of the item's time elapsed by the review day (or with its
    plan, under ``Basis.PLAN``): on track when it falls short by no more than
    ``policy.tolerance`` points, behind otherwise, and "no report" when nothing has been
    reported although something is due.

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
    for fold in ledger._folds_at(instant).values():
        item = fold.item()
        latest = fold.latest()
        time_share = item.time_share(day, cal)
        planned = item.planned_share(day, cal)
        expected = time_share if policy.basis is Basis.TIME else planned
        report = None if latest is None else progress_of(latest)
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
            )
        )
    return CheckReport(instant, day, policy, tuple(out), None if cal is None else cal.version.id)


# -- September reconciliation (9月对账) ----------------------------------------------------


@attrs.frozen
class Reconciliation:
    """The result of :func:`reconcile`.

    Attributes:
        at: the instant the ledger was read at.
        day: the review day.
        notices: a supervision notice for each item behind its latest due time node.
        already_noticed: items behind a node for which a notice was already recorded
            (no second notice is proposed).
        on_track: items that meet their latest due node (or have none due yet).
    """

    at: dt.datetime
    day: dt.date
    notices: tuple[SupervisionNotice, ...]
    already_noticed: tuple[str, ...]
    on_track: tuple[str, ...]
    calendar_version: str | None = None  # CalendarVersion.id of the calendar used, if any

    def findings(self) -> tuple[Finding, ...]:
        """A ``TIME_NODE_MISSED`` finding per notice."""
        return tuple(
            TIME_NODE_MISSED(
                n.item_id,
                n.unit,
                n.leader,
                n.officer,
                item=n.item_id,
                title=n.title,
                unit=n.unit,
                leader=n.leader,
                officer=n.officer,
                node=n.node.date,
                expected=_fmt(n.node.share),
                actual=_fmt(n.actual_share),
                gap=_fmt(n.shortfall),
                days=n.days_late,
            )
            for n in self.notices
        )

    def drafts(self, *, at: dt.datetime) -> tuple[Draft, ...]:
        """``notice_issued`` entries recording the notices, to pass to :meth:`Ledger.append`
        (or use :meth:`Ledger.issue_notices`)."""
        return tuple(Draft(n.item_id, at, n) for n in self.notices)

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


def reconcile(
    ledger: Ledger,
    at: dt.date | dt.datetime,
    *,
    policy: ReviewPolicy | None = None,
    calendar: WorkCalendar | None = None,
    renotify: bool = False,
) -> Reconciliation:
    """The September reconciliation (9月对账): a supervision notice (督查通知) for each
    item behind its latest time node due by the review day.

    An item is behind when its share last reported falls short of that node's share by
    more than ``policy.tolerance``. The notice names the unit, leader, officer, the node
    missed, the shortfall in points and the days since the node; it gives the unit
    ``policy.reply_days`` (working) days to report back. Nothing is recorded: pass the
    notices to :meth:`Ledger.issue_notices`.

    Args:
        renotify: also propose a notice for a node already noticed.
    """
    from govefficiency._validators import check_bool

    check_bool(renotify, "renotify")
    ledger, instant, day, policy, cal = _setup(ledger, at, policy, calendar)
    notices: list[SupervisionNotice] = []
    noticed: list[str] = []
    fine: list[str] = []
    if cal is None:
        reply_by = day + dt.timedelta(days=policy.reply_days)
    else:
        reply_by = cal.add_working_days(day, policy.reply_days)
    for fold in ledger._folds_at(instant).values():
        item = fold.item()
        node = item.node_due(day)
        latest = fold.latest()
        actual = 0.0 if latest is None else progress_of(latest).share
        if node is None or node.share - actual <= policy.tolerance + _EPS:
            fine.append(item.id)
            continue
        if not renotify and any(notice_of(e).node.date == node.date for e in fold.effective(_NOTICE)):
            noticed.append(item.id)
            continue
        notices.append(
            SupervisionNotice(
                item_id=item.id,
                title=item.title,
                unit=item.lead_unit,
                leader=item.leader,
                officer=item.officer,
                node=node,
                actual_share=actual,
                shortfall=node.share - actual,
                days_late=(day - node.date).days,
                working_days_late=None if cal is None else max(0, cal.working_days_between(node.date, day)),
                issued_on=day,
                reply_by=reply_by,
                assisting_units=item.assisting_units,
                reported=latest is not None,
            )
        )
    return Reconciliation(
        instant, day, tuple(notices), tuple(noticed), tuple(fine), None if cal is None else cal.version.id
    )


# -- year-end settlement (年底交账) ---------------------------------------------------------


@attrs.frozen
class ItemSettlement:
    """The final assessment of one item.

    Attributes:
        item_id, title, category, unit, leader, officer: the item.
        outcome: completed on time, completed late, unfinished, not reported.
        final_share: the share last reported (0 when never).
        completed_on: the report date on which it first reached 100%, or ``None``.
        deadline: its final date.
        notices: supervision notices it received.
        open_rectifications: rectifications required and not done.
        settled: whether a settlement was already recorded for it.
    """

    item_id: str
    title: str
    category: str
    unit: str
    leader: str
    officer: str
    outcome: Outcome
    final_share: float
    completed_on: dt.date | None
    deadline: dt.date
    notices: int
    open_rectifications: int
    settled: bool


@attrs.frozen
class UnitSettlement:
    """A unit's year (by lead unit).

    Attributes:
        unit: the unit.
        items: its item ids.
        completed, completed_late, unfinished, not_reported: item ids per outcome.
        completion_rate: percent of items completed (on time or late).
        on_time_rate: percent completed by their deadline.
        mean_share: mean final share, in percent.
    """

    unit: str
    items: tuple[str, ...]
    completed: tuple[str, ...]
    completed_late: tuple[str, ...]
    unfinished: tuple[str, ...]
    not_reported: tuple[str, ...]
    completion_rate: float
    on_time_rate: float
    mean_share: float


@attrs.frozen
class SettlementReport:
    """The result of :func:`settle`: per item, per unit and overall."""

    at: dt.datetime
    day: dt.date
    items: tuple[ItemSettlement, ...]
    units: tuple[UnitSettlement, ...]
    overall: UnitSettlement

    def findings(self) -> tuple[Finding, ...]:
        """``ITEM_UNFINISHED`` (also for items never reported) and ``ITEM_COMPLETED_LATE``."""
        out: list[Finding] = []
        for s in self.items:
            if s.outcome in (Outcome.UNFINISHED, Outcome.NOT_REPORTED):
                out.append(
                    ITEM_UNFINISHED(
                        s.item_id,
                        s.unit,
                        item=s.item_id,
                        title=s.title,
                        unit=s.unit,
                        share=_fmt(s.final_share),
                    )
                )
            elif s.outcome is Outcome.COMPLETED_LATE:
                out.append(
                    ITEM_COMPLETED_LATE(
                        s.item_id,
                        s.unit,
                        item=s.item_id,
                        title=s.title,
                        unit=s.unit,
                        done=s.completed_on,
                        deadline=s.deadline,
                    )
                )
        return tuple(out)

    def drafts(self, *, at: dt.datetime, note: str = "") -> tuple[Draft, ...]:
        """``settled`` entries for the items not settled yet, for :meth:`Ledger.append`."""
        return tuple(
            Draft(s.item_id, at, Settlement(s.outcome, s.final_share, s.completed_on, note))
            for s in self.items
            if not s.settled
        )

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


def _unit_settlement(unit: str, rows: list[ItemSettlement]) -> UnitSettlement:
    def ids(*outcomes: Outcome) -> tuple[str, ...]:
        return tuple(r.item_id for r in rows if r.outcome in outcomes)

    n = len(rows)
    done = ids(Outcome.COMPLETED, Outcome.COMPLETED_LATE)
    on_time = ids(Outcome.COMPLETED)
    return UnitSettlement(
        unit=unit,
        items=tuple(r.item_id for r in rows),
        completed=on_time,
        completed_late=ids(Outcome.COMPLETED_LATE),
        unfinished=ids(Outcome.UNFINISHED),
        not_reported=ids(Outcome.NOT_REPORTED),
        completion_rate=100.0 * len(done) / n if n else 100.0,
        on_time_rate=100.0 * len(on_time) / n if n else 100.0,
        mean_share=sum(r.final_share for r in rows) / n if n else 0.0,
    )


def settle(ledger: Ledger, at: dt.date | dt.datetime) -> SettlementReport:
    """The year-end settlement (年底交账): the outcome of every item open at ``at``.

    An item reaching 100% in a report dated on or before its deadline is completed on
    time; later, completed late; below 100%, unfinished; with no report at all, not
    reported. Nothing is recorded: append :meth:`SettlementReport.drafts`.
    """
    ledger, instant, day, _, _ = _setup(ledger, at, ReviewPolicy(working_days=False), None)
    rows: list[ItemSettlement] = []
    for fold in ledger._folds_at(instant).values():
        item = fold.item()
        reports = fold.effective(_PROGRESS)
        latest = fold.latest()
        completed_on = min(
            (progress_of(e).date for e in reports if progress_of(e).share >= 100.0),
            default=None,
        )
        if latest is None:
            outcome = Outcome.NOT_REPORTED
        elif completed_on is not None:
            outcome = Outcome.COMPLETED if completed_on <= item.deadline else Outcome.COMPLETED_LATE
        else:
            outcome = Outcome.UNFINISHED
        done = {fold.root_of(done_of(e).order) for e in fold.effective(_DONE)}
        orders = fold.slots.get(_ORDER)
        open_orders = 0 if orders is None else sum(1 for root in orders[0] if root not in done)
        rows.append(
            ItemSettlement(
                item_id=item.id,
                title=item.title,
                category=item.category,
                unit=item.lead_unit,
                leader=item.leader,
                officer=item.officer,
                outcome=outcome,
                final_share=0.0 if latest is None else progress_of(latest).share,
                completed_on=completed_on,
                deadline=item.deadline,
                notices=len(fold.effective(_NOTICE)),
                open_rectifications=open_orders,
                settled=bool(fold.effective(EntryKind.SETTLED)),
            )
        )
    by_unit: dict[str, list[ItemSettlement]] = {}
    for row in rows:
        by_unit.setdefault(row.unit, []).append(row)
    units = tuple(_unit_settlement(u, r) for u, r in sorted(by_unit.items()))
    return SettlementReport(instant, day, tuple(rows), units, _unit_settlement("*", rows))


# -- monthly review (一月一讲评) -------------------------------------------------------------


@attrs.frozen
class UnitMonth:
    """A unit's month (by lead unit).

    Attributes:
        unit: the unit.
        items: its item ids.
        reported: items with a progress report dated in the month.
        not_reported: items without one.
        behind: items behind at the month's end (per the policy).
        notices: supervision notices issued to it in the month.
        open_rectifications: items with a rectification required and not done.
    """

    unit: str
    items: tuple[str, ...]
    reported: tuple[str, ...]
    not_reported: tuple[str, ...]
    behind: tuple[str, ...]
    notices: int
    open_rectifications: tuple[str, ...]


@attrs.frozen
class OfficerMonth:
    """A named officer's month (一月一讲评 of each officer's ledger).

    Attributes:
        officer: the officer.
        units: the lead units of their items.
        items: their item ids.
        reported: items with a report dated in the month.
        not_reported: items without one.
        behind: items behind at the month's end.
        mean_share: mean share complete of their items at the month's end.
    """

    officer: str
    units: tuple[str, ...]
    items: tuple[str, ...]
    reported: tuple[str, ...]
    not_reported: tuple[str, ...]
    behind: tuple[str, ...]
    mean_share: float


@attrs.frozen
class MonthlyReview:
    """The result of :func:`monthly_review`."""

    year: int
    month: int
    at: dt.datetime
    units: tuple[UnitMonth, ...]
    officers: tuple[OfficerMonth, ...]
    calendar_version: str | None = None  # CalendarVersion.id of the calendar used, if any

    def findings(self) -> tuple[Finding, ...]:
        """A ``MONTHLY_REPORT_MISSING`` finding per item without a report in the month."""
        month = f"{self.year}-{self.month:02d}"
        officer_of = {i: o.officer for o in self.officers for i in o.items}
        return tuple(
            MONTHLY_REPORT_MISSING(
                item, u.unit, item=item, unit=u.unit, officer=officer_of[item], month=month
            )
            for u in self.units
            for item in u.not_reported
        )

    def to_dict(self) -> dict[str, Any]:
        return _to_dict(self)


def monthly_review(
    ledger: Ledger,
    year: int,
    month: int,
    *,
    policy: ReviewPolicy | None = None,
    calendar: WorkCalendar | None = None,
) -> MonthlyReview:
    """The monthly review (一月一讲评): per unit and per officer, which items reported in
    the month, which did not, which are behind at its end; the ledger is read as of the
    end of the month's last day."""
    if type(year) is not int or type(month) is not int or not 1 <= month <= 12 or not 1 <= year <= 9999:
        raise InvalidInputError(
            f"monthly_review() needs a year and a month 1–12, not {year!r}, {month!r}",
            f"monthly_review() 需要年份与 1–12 的月份，而不是 {year!r}、{month!r}",
        )
    first = dt.date(year, month, 1)
    last = dt.date(year, month, _monthcal.monthrange(year, month)[1])
    ledger, instant, day, policy, cal = _setup(ledger, last, policy, calendar)
    rows = []
    for fold in ledger._folds_at(instant).values():
        item = fold.item()
        reported = any(first <= progress_of(e).date <= last for e in fold.effective(_PROGRESS))
        latest = fold.latest()
        expected = _expected(item, day, policy, cal)
        share = 0.0 if latest is None else progress_of(latest).share
        behind = expected - share > policy.tolerance + _EPS
        notices = sum(1 for e in fold.effective(_NOTICE) if first <= notice_of(e).issued_on <= last)
        done = {fold.root_of(done_of(e).order) for e in fold.effective(_DONE)}
        orders = fold.slots.get(_ORDER)
        has_open = orders is not None and any(root not in done for root in orders[0])
        rows.append((item, reported, behind, notices, has_open, share))

    def pick(selected: Iterable[Any], test: Callable[[Any], bool]) -> tuple[str, ...]:
        return tuple(r[0].id for r in selected if test(r))

    units = []
    for unit in sorted({r[0].lead_unit for r in rows}):
        mine = [r for r in rows if r[0].lead_unit == unit]
        units.append(
            UnitMonth(
                unit=unit,
                items=pick(mine, lambda r: True),
                reported=pick(mine, lambda r: r[1]),
                not_reported=pick(mine, lambda r: not r[1]),
                behind=pick(mine, lambda r: r[2]),
                notices=sum(r[3] for r in mine),
                open_rectifications=pick(mine, lambda r: r[4]),
            )
        )
    officers = []
    for officer in sorted({r[0].officer for r in rows}):
        mine = [r for r in rows if r[0].officer == officer]
        officers.append(
            OfficerMonth(
                officer=officer,
                units=tuple(sorted({r[0].lead_unit for r in mine})),
                items=pick(mine, lambda r: True),
                reported=pick(mine, lambda r: r[1]),
                not_reported=pick(mine, lambda r: not r[1]),
                behind=pick(mine, lambda r: r[2]),
                mean_share=sum(r[5] for r in mine) / len(mine),
            )
        )
    return MonthlyReview(
        year, month, instant, tuple(units), tuple(officers), None if cal is None else cal.version.id
    )


# -- supervision rates (督查执行率、上报率、整改率) --------------------------------------------


class RateKind(LabelledEnum):
    """The three supervision rates of seed 003 part II(4)."""

    #: 督查执行率: every item found behind a time node got a supervision notice. Counted
    #: per (item, time node): due = nodes noticed + the latest due node missed now.
    EXECUTION = ("execution", "督查执行率", "supervision execution rate")
    #: 被督查事项上报率: every supervised item reported back. Counted per notice: due once
    #: its reply date has passed (or it was answered); done when progress was reported
    #: after the notice.
    REPORTING = ("reporting", "被督查事项上报率", "reporting rate")
    #: 责任主体整改率: every rectification required was done. Counted per order: due
    #: once its due date has passed (or it was done).
    RECTIFICATION = ("rectification", "责任主体整改率", "rectification rate")


@attrs.frozen
class Rate:
    """One rate.

    Attributes:
        kind: which rate.
        done: how many were done.
        due: how many were due.
        missing: the item ids that miss (each once, in ledger order).
    """

    kind: RateKind
    done: int
    due: int
    missing: tuple[str, ...]

    @property
    def percent(self) -> float:
        """``done / due`` in percent; 100 when nothing was due."""
        return 100.0 if self.due == 0 else 100.0 * self.done / self.due

    @property
    def met(self) -> bool:
        """Whether the rate reaches its target (:data:`RATE_TARGET`, 100%)."""
        return self.done >= self.due


@attrs.frozen
class Rates:
    """The three rates of one scope (a unit or the whole ledger)."""

    execution: Rate
    reporting: Rate
    rectification: Rate

    def __iter__(self) -> Any:
        return iter((self.execution, self.reporting, self.rectification))


@attrs.frozen
class UnitRates:
    """A unit's rates (by lead unit)."""

    unit: str
    rates: Rates


@attrs.frozen
class RatesReport:
    """The result of :func:`supervision_rates`."""

    at: dt.datetime
    day: dt.date
    overall: Rates
    units: tuple[UnitRates, ...]

    def findings(self) -> tuple[Finding, ...]:
        """A ``*_RATE_BELOW_TARGET`` finding per rate below 100%, overall and per unit."""
        codes = {
            RateKind.EXECUTION: EXECUTION_RATE_BELOW_TARGET,
            RateKind.REPORTING: REPORTING_RATE_BELOW_TARGET,
            RateKind.RECTIFICATION: RECTIFICATION_RATE_BELOW_TARGET,
        }
        out: list[Finding] = []
        scopes: list[tuple[str | None, Rates]] = [(None, self.overall)]
        scopes.extend((u.unit, u.rates) for u in self.units)
        for unit, rates in scopes:
            for rate in rates:
                if rate.met:
                    continue
                subject = (unit, *rate.missing) if unit else rate.missing
                out.append(
                    codes[rate.kind](
                        *subject,
                        scope="全市" if unit is None else f"单位 {unit} ",
                        scope_en="overall " if unit is None else f"unit {unit}: ",
                        rate=_fmt(rate.percent),
                        done=rate.done,
                        due=rate.due,
                        missing="、".join(rate.missing),
                    )
                )
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        data = _to_dict(self)
        for rates, scope in [(self.overall, data["overall"])] + [
            (u.rates, d["rates"]) for u, d in zip(self.units, data["units"], strict=True)
        ]:
            for rate in rates:
                scope[rate.kind.value]["percent"] = rate.percent
                scope[rate.kind.value]["met"] = rate.met
        return data


class _Tally:
    __slots__ = ("done", "due", "missing")

    def __init__(self) -> None:
        self.done = 0
        self.due = 0
        self.missing: dict[str, None] = {}

    def add(self, item_id: str, done: int, due: int) -> None:
        self.done += done
        self.due += due
        if due > done:
            self.missing[item_id] = None

    def rate(self, kind: RateKind) -> Rate:
        return Rate(kind, self.done, self.due, tuple(self.missing))


def supervision_rates(
    ledger: Ledger,
    at: dt.date | dt.datetime,
    *,
    policy: ReviewPolicy | None = None,
    calendar: WorkCalendar | None = None,
) -> RatesReport:
    """The supervision rates (seed 003 part II(4), targets 100%) overall and per lead
    unit, each with the items that miss — see :class:`RateKind` for what is counted."""
    ledger, instant, day, policy, _ = _setup(ledger, at, policy, calendar)
    tallies: dict[str, tuple[_Tally, _Tally, _Tally]] = {}
    overall = (_Tally(), _Tally(), _Tally())
    for fold in ledger._folds_at(instant).values():
        item = fold.item()
        unit = tallies.get(item.lead_unit)
        if unit is None:
            unit = tallies[item.lead_unit] = (_Tally(), _Tally(), _Tally())
        execution, reporting, rectification = _item_rates(fold, item, day, policy)
        for i, (done, due) in enumerate((execution, reporting, rectification)):
            unit[i].add(item.id, done, due)
            overall[i].add(item.id, done, due)

    def rates(t: tuple[_Tally, _Tally, _Tally]) -> Rates:
        return Rates(
            t[0].rate(RateKind.EXECUTION), t[1].rate(RateKind.REPORTING), t[2].rate(RateKind.RECTIFICATION)
        )

    return RatesReport(
        instant,
        day,
        rates(overall),
        tuple(UnitRates(u, rates(t)) for u, t in sorted(tallies.items())),
    )


def _item_rates(
    fold: Fold, item: ChecklistItem, day: dt.date, policy: ReviewPolicy
) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    notices = fold.effective(_NOTICE)
    noticed = {notice_of(e).node.date for e in notices}
    due_nodes = set(noticed)
    node = item.node_due(day)
    latest = fold.latest()
    actual = 0.0 if latest is None else progress_of(latest).share
    if node is not None and node.share - actual > policy.tolerance + _EPS:
        due_nodes.add(node.date)
    execution = (len(noticed), len(due_nodes))

    reports = fold.effective(_PROGRESS)
    answered = due = 0
    for notice in notices:
        replied = any(r.recorded_at > notice.recorded_at for r in reports)
        if replied or notice_of(notice).reply_by <= day:
            due += 1
            answered += int(replied)
    reporting = (answered, due)

    done_orders = {fold.root_of(done_of(e).order) for e in fold.effective(_DONE)}
    slot = fold.slots.get(_ORDER)
    fixed = owed = 0
    if slot is not None:
        for root, order in zip(slot[0], slot[1], strict=True):
            is_done = root in done_orders
            if is_done or order_of(order).due <= day:
                owed += 1
                fixed += int(is_done)
    return execution, reporting, (fixed, owed)
