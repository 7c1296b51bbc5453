"""一月一讲评 and the three supervision rates: :func:`monthly_review` (a summary per unit
and per officer) and :func:`supervision_rates` (督查执行率、被督查事项上报率、责任主体整改率).
"""

from __future__ import annotations

import calendar as _monthcal
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from govefficiency._deprecation import at_by_keyword, replaced_by_keyword
from govefficiency._time import parse_month
from govefficiency.calendar import WorkCalendar
from govefficiency.errors import InvalidInputError
from govefficiency.findings import Finding
from govefficiency.ledger._codes import (
    EXECUTION_RATE_BELOW_TARGET,
    MONTHLY_REPORT_MISSING,
    RECTIFICATION_RATE_BELOW_TARGET,
    REPORTING_RATE_BELOW_TARGET,
)
from govefficiency.ledger._fields import JsonReady, json_ready
from govefficiency.ledger._items import ChecklistItem
from govefficiency.ledger._ledger import Ledger
from govefficiency.ledger._policy import ReviewPolicy
from govefficiency.ledger._reviews import (
    _EPS,
    _expected,
    _fmt,
    _setup,
)
from govefficiency.ledger._views import ItemView
from govefficiency.text import LabelledEnum

__all__ = [
    "MonthlyReview",
    "OfficerMonth",
    "Rate",
    "RateKind",
    "Rates",
    "RatesReport",
    "UnitMonth",
    "UnitRates",
    "monthly_review",
    "supervision_rates",
]


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
class MonthlyReview(JsonReady):
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


def _old_month(year: object, month: object) -> str:
    """``month="YYYY-MM"`` from the deprecated ``monthly_review(ledger, year, month)``."""
    if type(year) is not int or type(month) is not int or not 1 <= month <= 12 or not 1 <= year <= 9999:
        raise InvalidInputError(
            f"monthly_review() needs a year and a month 1–12, not {year!r}, {month!r}",
            f"monthly_review() 需要年份与 1–12 的月份，而不是 {year!r}、{month!r}",
        )
    return f"{year:04d}-{month:02d}"


@replaced_by_keyword("month", 1, 2, _old_month)
def monthly_review(
    ledger: Ledger,
    *,
    month: str,
    policy: ReviewPolicy | None = None,
    calendar: WorkCalendar | None = None,
) -> MonthlyReview:
    """The monthly review (一月一讲评) of ``month``, written ``YYYY-MM`` (e.g.
    ``month="2026-10"``): per unit and per officer, which items reported in the month,
    which did not, which are behind at its end; the ledger is read as of the end of the
    month's last day.

    The old form ``monthly_review(ledger, year, month)`` still works for one release, with a
    :class:`DeprecationWarning` (see docs/conventions.md)."""
    year, month_number = parse_month(month, "monthly_review(): month")
    return _review_month(ledger, year, month_number, policy, calendar)


def _review_month(
    ledger: Ledger, year: int, month: int, policy: ReviewPolicy | None, calendar: WorkCalendar | None
) -> MonthlyReview:
    first = dt.date(year, month, 1)
    last = dt.date(year, month, _monthcal.monthrange(year, month)[1])
    ledger, instant, day, policy, cal = _setup(ledger, last, policy, calendar)
    rows = []
    for view in ledger.views(at=instant):
        item = view.item
        reported = any(first <= r.value.date <= last for r in view.reports)
        expected = _expected(item, day, policy, cal)
        share = view.share
        behind = expected - share > policy.tolerance + _EPS
        notices = sum(1 for n in view.notices if first <= n.value.issued_on <= last)
        has_open = bool(view.open_orders)
        rows.append((item, reported, behind, notices, has_open, share))

    def pick(selected: Iterable[Any], test: Callable[[Any], bool]) -> tuple[str, ...]:
        return tuple(r[0].id for r in selected if test(r))

    def shared(mine: list[Any]) -> dict[str, tuple[str, ...]]:
        """What a unit's and an officer's month share: their items, reported or not, behind."""
        return {
            "items": pick(mine, lambda r: True),
            "reported": pick(mine, lambda r: r[1]),
            "not_reported": pick(mine, lambda r: not r[1]),
            "behind": pick(mine, lambda r: r[2]),
        }

    def grouped(key: Callable[[Any], str]) -> list[tuple[str, list[Any]]]:
        return [(k, [r for r in rows if key(r) == k]) for k in sorted({key(r) for r in rows})]

    units = [
        UnitMonth(
            unit,
            **shared(mine),
            notices=sum(r[3] for r in mine),
            open_rectifications=pick(mine, lambda r: r[4]),
        )
        for unit, mine in grouped(lambda r: r[0].lead_unit)
    ]
    officers = [
        OfficerMonth(
            officer,
            tuple(sorted({r[0].lead_unit for r in mine})),
            **shared(mine),
            mean_share=sum(r[5] for r in mine) / len(mine),
        )
        for officer, mine in grouped(lambda r: r[0].officer)
    ]
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
        data = json_ready(self)
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


@at_by_keyword(1)
def supervision_rates(
    ledger: Ledger,
    *,
    at: dt.date | dt.datetime,
    policy: ReviewPolicy | None = None,
    calendar: WorkCalendar | None = None,
) -> RatesReport:
    """The supervision rates (seed 003 part II(4), targets 100%) overall and per lead
    unit, each with the items that miss — see :class:`RateKind` for what is counted."""
    ledger, instant, day, policy, _ = _setup(ledger, at, policy, calendar)
    tallies: dict[str, tuple[_Tally, _Tally, _Tally]] = {}
    overall = (_Tally(), _Tally(), _Tally())
    for view in ledger.views(at=instant):
        item = view.item
        unit = tallies.get(item.lead_unit)
        if unit is None:
            unit = tallies[item.lead_unit] = (_Tally(), _Tally(), _Tally())
        execution, reporting, rectification = _item_rates(view, item, day, policy)
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
    view: ItemView, item: ChecklistItem, day: dt.date, policy: ReviewPolicy
) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    notices = view.notices
    noticed = {n.value.node.date for n in notices}
    due_nodes = set(noticed)
    node = item.node_due(on=day)
    if node is not None and node.share - view.share > policy.tolerance + _EPS:
        due_nodes.add(node.date)
    execution = (len(noticed), len(due_nodes))

    reports = view.reports
    answered = due = 0
    for notice in notices:
        replied = any(r.recorded_at > notice.recorded_at for r in reports)
        if replied or notice.value.reply_by <= day:
            due += 1
            answered += int(replied)
    reporting = (answered, due)

    still_open = {o.origin for o in view.open_orders}
    fixed = owed = 0
    for order in view.orders:
        is_done = order.origin not in still_open
        if is_done or order.value.due <= day:
            owed += 1
            fixed += int(is_done)
    return execution, reporting, (fixed, owed)
