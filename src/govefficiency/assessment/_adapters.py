"""Adapters: plain functions that turn the library's own records into metric rows.

DESIGN.md puts adapters with their source; the source modules are owned elsewhere, so
they live here for now, in this one small file, and only read public names
(``govefficiency.ledger``, ``govefficiency.escalation``). Each returns a list of
:class:`MetricRow` with ``source`` saying where the value came from and ``refs`` naming
the evidence (ledger item ids, case ids). Every adapter that counts events takes the
roster (``units``) so that a unit with no events gets an explicit 0 — a number with a
source, never an absent row silently read as zero.

Metric ids produced:

==============================  =======  =============================================
metric                          measure  meaning
==============================  =======  =============================================
``ledger.completion_rate``      rate     items completed (on time or late), % of items
``ledger.on_time_rate``         rate     items completed by their deadline, %
``ledger.key_unfinished``       count    items of a key category unfinished at settlement
``ledger.execution_rate``       rate     督查执行率 (seed 003 part 2(4))
``ledger.reporting_rate``       rate     被督查事项上报率
``ledger.rectification_rate``   rate     责任主体整改率
``accountability.all``          count    accountability events (organs) in the period
``accountability.<form>``       count    … of one form (e.g. ``circulated_criticism``)
``escalation.<kind>``           count    escalation actions to the unit as lead unit
``decisions.errors``            count    error findings of the decision validator
``satisfaction.rate``           rate     satisfaction (plain rate until surveys exist)
==============================  =======  =============================================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from govefficiency._records import checked
from govefficiency.assessment._inputs import MetricRow
from govefficiency.assessment._period import Period
from govefficiency.errors import AssessmentError, InvalidTypeError
from govefficiency.findings import Finding, Severity

if TYPE_CHECKING:
    from govefficiency.accountability import AccountabilityEvent
    from govefficiency.escalation import Action
    from govefficiency.ledger import RatesReport, SettlementReport

__all__ = [
    "accountability_metrics",
    "decision_metrics",
    "escalation_metrics",
    "ledger_metrics",
    "satisfaction_metrics",
]


_NOT_EVENTS = (
    "events must be AccountabilityEvent values, not {kind}",
    "events 必须是 AccountabilityEvent，而不是 {kind}",
)
_NOT_ACTIONS = (
    "actions must be escalation Action values, not {kind}",
    "actions 必须是督办动作 Action，而不是 {kind}",
)


def _roster(units: Iterable[str], fn: str) -> list[str]:
    if isinstance(units, str | bytes):
        raise InvalidTypeError(
            f"{fn}: units must be a list of unit ids, not a string",
            f"{fn}：units 必须是单位 id 列表，而不是字符串",
        )
    return sorted(set(units))


def ledger_metrics(
    settlement: SettlementReport | None = None,
    rates: RatesReport | None = None,
    *,
    units: Iterable[str] = (),
    key_categories: Iterable[str] = ("重点工作",),
    period: Period | str | None = None,
) -> list[MetricRow]:
    """Rows from the ledger's year-end settlement and its three supervision rates, per
    lead unit (``settle(ledger, at=at)`` and ``supervision_rates(ledger, at=at)``).

    Only items due by the settlement day count (an item due later is neither done nor
    undone yet); with ``period``, only those due within it (an item due in an earlier
    period was assessed then). A unit of ``units`` with no item due gets ``ledger.key_unfinished = 0``
    but no completion rate, and a supervision rate with nothing due (0 of 0) gives no row
    either (a rate of nothing is undefined: the assessment reports it missing).
    """
    from govefficiency.ledger import RatesReport, SettlementReport

    for name, value, cls, source in (
        ("settlement", settlement, SettlementReport, "ledger.settle"),
        ("rates", rates, RatesReport, "ledger.supervision_rates"),
    ):
        if value is not None and not isinstance(value, cls):
            raise InvalidTypeError(
                f"{name} must be a {cls.__name__} ({source}), not {type(value).__name__}",
                f"{name} 必须是 {cls.__name__}（{source} 的结果），而不是 {type(value).__name__}",
            )
    if settlement is None and rates is None:
        raise AssessmentError(
            "ledger_metrics needs a settlement, rates or both",
            "ledger_metrics 至少需要结算结果或督查比率之一",
        )
    keys = frozenset(key_categories) if not isinstance(key_categories, str) else frozenset((key_categories,))
    per = str(Period.parse(period)) if period is not None else None
    rows: list[MetricRow] = []
    if settlement is not None:
        rows += _settlement_rows(settlement, units, keys, period, per)
    if rates is not None:
        rows += _rate_rows(rates, per)
    return rows


def _settlement_rows(
    settlement: SettlementReport,
    units: Iterable[str],
    keys: frozenset[str],
    period: Period | str | None,
    per: str | None,
) -> list[MetricRow]:
    """Completion and on-time rates of the items due by the settlement day (within
    ``period``), and each unit's unfinished key items."""
    rows: list[MetricRow] = []
    src = f"ledger settlement {settlement.day.isoformat()}"
    day = settlement.day
    first = Period.parse(period).first if period is not None else None
    key_open: dict[str, list[str]] = {u: [] for u in _roster(units, "ledger_metrics")}
    due: dict[str, list[tuple[str, str]]] = {}
    for item in settlement.items:
        key_open.setdefault(item.unit, [])
        if item.deadline > day:
            continue  # not due yet: neither done nor undone at this settlement
        if first is not None and item.deadline < first:
            continue  # due in an earlier period: assessed there
        due.setdefault(item.unit, []).append((item.item_id, item.outcome.value))
        if item.category in keys and item.outcome.value in ("unfinished", "not_reported"):
            key_open[item.unit].append(item.item_id)
    for unit in sorted(due):
        items = due[unit]
        behind = [i for i, o in items if o in ("unfinished", "not_reported")]
        late = [i for i, o in items if o == "completed_late"]
        n = len(items)
        done = n - len(behind)
        rows.append(MetricRow(unit, "ledger.completion_rate", 100.0 * done / n, src, None, behind, per))
        rows.append(
            MetricRow(
                unit,
                "ledger.on_time_rate",
                100.0 * (done - len(late)) / n,
                src,
                None,
                [*behind, *late],
                per,
            )
        )
    for unit in sorted(key_open):
        rows.append(
            MetricRow(unit, "ledger.key_unfinished", len(key_open[unit]), src, None, key_open[unit], per)
        )
    return rows


def _rate_rows(rates: RatesReport, per: str | None) -> list[MetricRow]:
    """The three supervision rates, per unit; a rate with nothing due gives no row.

    The ledger reports 0 of 0 as 100 % (nothing was missed); as an assessment value a rate
    of nothing is undefined, like the completion rate of a unit with no item due, so the
    assessment reports the metric missing instead of scoring a full mark.
    """
    rows: list[MetricRow] = []
    src = f"ledger supervision rates {rates.day.isoformat()}"
    for ur in rates.units:
        for rate in ur.rates:
            if rate.due == 0:
                continue  # 0 of 0: undefined, not 100 %
            rows.append(
                MetricRow(
                    ur.unit,
                    f"ledger.{rate.kind.value}_rate",
                    rate.percent,
                    src,
                    None,
                    list(rate.missing),
                    per,
                )
            )
    return rows


def accountability_metrics(
    events: Iterable[AccountabilityEvent], period: Period | str, *, units: Iterable[str]
) -> list[MetricRow]:
    """Counts of accountability events (问责) against organs in ``period``, in total and
    per form, for every unit of ``units`` (0 when none). Events about persons are not
    counted against a unit. Reads the ladder's public ``AccountabilityEvent``.
    """
    from govefficiency.accountability import AccountabilityEvent, AccountabilityForm, SubjectKind

    p = Period.parse(period)
    roster = _roster(units, "accountability_metrics")
    counts: dict[tuple[str, str], list[str]] = {}
    for ev in checked(events, AccountabilityEvent, *_NOT_EVENTS):
        if ev.subject_kind is not SubjectKind.ORGAN or not p.contains(ev.date):
            continue
        if ev.subject not in roster:
            raise AssessmentError(
                f"an accountability event of {ev.date} names {ev.subject!r}, which is not on the roster",
                f"{ev.date} 的问责事件所涉单位 {ev.subject!r} 不在名单中",
            )
        ref = f"{ev.date.isoformat()}:{ev.form.value}"
        counts.setdefault((ev.subject, "all"), []).append(ref)
        counts.setdefault((ev.subject, ev.form.value), []).append(ref)
    forms = ("all", *(f.value for f in AccountabilityForm))
    return _count_rows(roster, forms, counts, "accountability", f"accountability events {p}", p)


def escalation_metrics(
    actions: Iterable[Action], period: Period | str, *, units: Iterable[str]
) -> list[MetricRow]:
    """Counts of escalation actions (reminders, letters, supervision notices, public
    circulations, accountability) per lead unit whose firing day falls in ``period``.
    Reads the public ``govefficiency.escalation.Action``."""
    from govefficiency.escalation import Action, ActionKind, Role

    p = Period.parse(period)
    roster = _roster(units, "escalation_metrics")
    counts: dict[tuple[str, str], list[str]] = {}
    for action in checked(actions, Action, *_NOT_ACTIONS):
        if not p.contains(action.reason.fired_on):
            continue
        for r in action.recipients:
            if r.role is Role.LEAD_UNIT and r.id in roster:
                counts.setdefault((r.id, action.kind.value), []).append(action.case_id)
    kinds = [kind.value for kind in ActionKind]
    return _count_rows(roster, kinds, counts, "escalation", f"escalation actions {p}", p, distinct_refs=True)


def _count_rows(
    roster: list[str],
    kinds: Iterable[str],
    counts: dict[tuple[str, str], list[str]],
    metric: str,
    src: str,
    period: Period,
    *,
    distinct_refs: bool = False,
) -> list[MetricRow]:
    """A row ``metric.kind`` per unit of the roster and kind: how many were counted (an
    explicit 0 when none), with the evidence (each once with ``distinct_refs``)."""
    rows = []
    for unit in roster:
        for kind in kinds:
            refs = counts.get((unit, kind), [])
            shown = sorted(set(refs)) if distinct_refs else refs
            rows.append(MetricRow(unit, f"{metric}.{kind}", len(refs), src, None, shown, str(period)))
    return rows


def decision_metrics(
    findings: Mapping[str, Iterable[Finding]], *, source: str = "decision validator"
) -> list[MetricRow]:
    """``decisions.errors``: the number of error findings of the decision validator per
    unit, from ``{unit: findings of its decisions}`` (a unit with no findings: 0)."""
    if not isinstance(findings, Mapping):
        raise InvalidTypeError(
            "findings must map unit ids to the findings of their decisions",
            "findings 必须是 单位 id → 其决策的问题列表 的映射",
        )
    rows = []
    for unit in sorted(findings):
        listed = findings[unit]
        if isinstance(listed, str | bytes) or not isinstance(listed, Iterable):
            raise InvalidTypeError(
                f"findings[{unit!r}] must be a list of findings", f"findings[{unit!r}] 必须是问题列表"
            )
        errs = [f for f in listed if isinstance(f, Finding) and f.severity is Severity.ERROR]
        refs = sorted({f.code for f in errs})
        rows.append(MetricRow(unit, "decisions.errors", len(errs), source, None, refs))
    return rows


def satisfaction_metrics(rates: Mapping[str, float], *, source: str) -> list[MetricRow]:
    """``satisfaction.rate`` per unit from ``{unit: percent}`` — a plain rate until the
    window-services surveys exist (seed 004: 满意度达到90%以上)."""
    if not isinstance(rates, Mapping):
        raise InvalidTypeError(
            "rates must map unit ids to percentages", "rates 必须是 单位 id → 百分比 的映射"
        )
    rows = []
    for unit in sorted(rates):
        value = rates[unit]
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
            raise AssessmentError(
                f"satisfaction of {unit!r} must be a percentage from 0 to 100, not {value!r}",
                f"{unit!r} 的满意度必须是 0 至 100 的百分比，而不是 {value!r}",
            )
        rows.append(MetricRow(unit, "satisfaction.rate", value, source))
    return rows
