"""9月对账 and 年底交账: :func:`reconcile` (supervision notices for items behind a time
node) and :func:`settle` (the final assessment per item and per unit)."""

from __future__ import annotations

import datetime as dt

import attrs

from govefficiency._deprecation import at_by_keyword
from govefficiency.calendar import WorkCalendar
from govefficiency.findings import Finding
from govefficiency.ledger._codes import ITEM_COMPLETED_LATE, ITEM_UNFINISHED, TIME_NODE_MISSED
from govefficiency.ledger._entries import Draft
from govefficiency.ledger._fields import JsonReady
from govefficiency.ledger._ledger import Ledger
from govefficiency.ledger._payloads import (
    Outcome,
    Settlement,
    SupervisionNotice,
)
from govefficiency.ledger._policy import ReviewPolicy
from govefficiency.ledger._reviews import (
    _EPS,
    _fmt,
    _setup,
    item_finding,
    responsible,
)

__all__ = ["ItemSettlement", "Reconciliation", "SettlementReport", "UnitSettlement", "reconcile", "settle"]


@attrs.frozen
class Reconciliation(JsonReady):
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
            item_finding(
                TIME_NODE_MISSED,
                n,
                n.leader,
                n.officer,
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


@at_by_keyword(1)
def reconcile(
    ledger: Ledger,
    *,
    at: dt.date | dt.datetime,
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
    for view in ledger.views(at=instant):
        item = view.item
        node = item.node_due(on=day)
        latest = view.latest
        actual = view.share
        if node is None or node.share - actual <= policy.tolerance + _EPS:
            fine.append(item.id)
            continue
        if not renotify and any(n.value.node.date == node.date for n in view.notices):
            noticed.append(item.id)
            continue
        notices.append(
            SupervisionNotice(
                **responsible(item),
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
class SettlementReport(JsonReady):
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
                out.append(item_finding(ITEM_UNFINISHED, s, share=_fmt(s.final_share)))
            elif s.outcome is Outcome.COMPLETED_LATE:
                out.append(item_finding(ITEM_COMPLETED_LATE, s, done=s.completed_on, deadline=s.deadline))
        return tuple(out)

    def drafts(self, *, at: dt.datetime, note: str = "") -> tuple[Draft, ...]:
        """``settled`` entries for the items not settled yet, for :meth:`Ledger.append`."""
        return tuple(
            Draft(s.item_id, at, Settlement(s.outcome, s.final_share, s.completed_on, note))
            for s in self.items
            if not s.settled
        )


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


@at_by_keyword(1)
def settle(ledger: Ledger, *, at: dt.date | dt.datetime) -> SettlementReport:
    """The year-end settlement (年底交账): the outcome of every item open at ``at``.

    An item reaching 100% in a report dated on or before its deadline is completed on
    time; later, completed late; below 100%, unfinished; with no report at all, not
    reported. Nothing is recorded: append :meth:`SettlementReport.drafts`.
    """
    ledger, instant, day, _, _ = _setup(ledger, at, ReviewPolicy(working_days=False), None)
    rows: list[ItemSettlement] = []
    for view in ledger.views(at=instant):
        item = view.item
        latest = view.latest
        completed_on = min(
            (r.value.date for r in view.reports if r.value.share >= 100.0),
            default=None,
        )
        if latest is None:
            outcome = Outcome.NOT_REPORTED
        elif completed_on is not None:
            outcome = Outcome.COMPLETED if completed_on <= item.deadline else Outcome.COMPLETED_LATE
        else:
            outcome = Outcome.UNFINISHED
        rows.append(
            ItemSettlement(
                **responsible(item),
                category=item.category,
                outcome=outcome,
                final_share=view.share,
                completed_on=completed_on,
                deadline=item.deadline,
                notices=len(view.notices),
                open_rectifications=len(view.open_orders),
                settled=view.settled,
            )
        )
    by_unit: dict[str, list[ItemSettlement]] = {}
    for row in rows:
        by_unit.setdefault(row.unit, []).append(row)
    units = tuple(_unit_settlement(u, r) for u, r in sorted(by_unit.items()))
    return SettlementReport(instant, day, tuple(rows), units, _unit_settlement("*", rows))


# -- monthly review (一月一讲评) -------------------------------------------------------------
