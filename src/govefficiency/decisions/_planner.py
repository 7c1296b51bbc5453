"""The planner: what a decision in progress still requires, and when each step may happen.

The planner reads the same procedure rules as the validator. It builds a graph over the
date fields of the steps the matter needs (present steps, plus required steps not yet
taken): ``order`` rules give "no earlier than" edges, ``interval`` rules give edges of
``n`` days or working days. A forward pass gives each date still unknown its earliest
lawful value; a backward pass gives the latest value that still leaves room for a date
already fixed (hearing materials must go out 7 days before a scheduled hearing).

The plan looks forward only: defects already in the record are
:func:`~govefficiency.decisions.validate_decision`'s business.
"""

from __future__ import annotations

import datetime as dt
import graphlib
import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from govefficiency._time import require_date
from govefficiency.calendar import WorkCalendar
from govefficiency.citation import Citation
from govefficiency.decisions._conditions import FieldRef, Unit
from govefficiency.decisions._plan import DecisionPlan, PlanItem, PlanStatus
from govefficiency.decisions._record import DecisionRecord
from govefficiency.decisions._rules import (
    CheckKind,
    CheckRule,
    ConsultationRule,
    Exemption,
    IntervalRule,
    MeetingRule,
    MinimumRule,
    OrderRule,
    RequiredStep,
    Rule,
    Target,
)
from govefficiency.decisions._spec import ProcedureSpec
from govefficiency.decisions._steps import (
    DATE_FIELDS,
    CollectiveDiscussion,
    Consultation,
    LegalityReview,
    RiskAssessment,
    step_date,
)
from govefficiency.decisions._validate import (
    SUBJECT_ORDER,
    Context,
    check_inputs,
    exemption_finding,
    find_exemption,
)
from govefficiency.decisions._vocab import MeetingType, StepKind
from govefficiency.text import Text

__all__ = ["DecisionPlan", "PlanItem", "PlanStatus", "plan_decision"]


_ACTIONS: dict[tuple[StepKind, str], Text] = {
    (StepKind.PUBLIC_COMMENT, "published"): Text(
        "发布决策草案、公开征求意见", "publish the draft for public comment"
    ),
    (StepKind.PUBLIC_COMMENT, "closed"): Text("结束公开征求意见", "close the public comment"),
    (StepKind.HEARING, "materials_sent"): Text(
        "向听证参加人送达听证材料", "send the materials to the hearing participants"
    ),
    (StepKind.HEARING, "date"): Text("举行听证会", "hold the hearing"),
    (StepKind.PARTICIPATION, "date"): Text(
        "以座谈会、实地走访、问卷调查等方式听取公众意见",
        "hear the public by symposia, field visits, questionnaires or other forms",
    ),
    (StepKind.EXPERT_EVALUATION, "date"): Text("组织专家论证", "have experts evaluate the draft"),
    (StepKind.RISK_ASSESSMENT, "date"): Text("完成风险评估", "complete the risk assessment"),
    (StepKind.CONSULTATION, "date"): Text(
        "与职责涉及的部门会商", "consult the departments whose duties are touched"
    ),
    (StepKind.SUPERVISING_OPINION, "date"): Text(
        "事先征求分管领导意见", "obtain the supervising leader's prior opinion"
    ),
    (StepKind.LEGALITY_REVIEW, "sent"): Text("送请合法性审查", "send the draft for legality review"),
    (StepKind.LEGALITY_REVIEW, "opinion"): Text("取得合法性审查意见", "receive the legality review opinion"),
    (StepKind.COLLECTIVE_DISCUSSION, "date"): Text("提交集体讨论决定", "hold the collective discussion"),
    (StepKind.PUBLICATION, "date"): Text("公布决策", "publish the decision"),
    (StepKind.ARCHIVING, "date"): Text("将决策记录和材料归档", "archive the records and materials"),
    (StepKind.POST_EVALUATION, "date"): Text("开展决策后评估", "evaluate the decision after implementation"),
}

_CHECK_ADVICE: dict[CheckKind, Text] = {
    CheckKind.HEAD_SPEAKS_LAST: Text("会上行政首长最后发表意见", "at the meeting, the head speaks last"),
    CheckKind.HEAD_STATES_REASONS: Text(
        "行政首长的决定与多数人意见不一致的，应当在会上说明理由",
        "a head deciding against the majority states the reasons at the meeting",
    ),
    CheckKind.DISSENT_RECORDED: Text(
        "如实记录讨论情况，如实载明不同意见", "the minutes record every dissenting view"
    ),
    CheckKind.LAWFUL_DRAFT_ONLY: Text(
        "只有经合法性审查且审查合法的草案方可提交讨论",
        "only a draft the legality review found lawful may go to discussion",
    ),
}


# --- the date graph ------------------------------------------------------------------------

Node = tuple[StepKind, str]


@attrs.frozen
class _Edge:
    source: Node
    target: Node
    n: int
    unit: Unit
    rule: Rule | None


def _label(node: Node) -> Text:
    return FieldRef(*node).label


def _needed_steps(record: DecisionRecord, rules: list[Rule]) -> dict[StepKind, Rule | None]:
    """The steps the plan covers: those in the record (``None``) and those a rule requires
    that are not yet taken (the rule)."""
    needed: dict[StepKind, Rule | None] = dict.fromkeys(record.kinds)
    for rule in rules:
        planner = _PLANNERS.get(type(rule))
        step = None if planner is None or planner.needs is None else planner.needs(rule, record)
        if step is not None:
            needed.setdefault(step, rule)
    return needed


def _edges(rules: list[Rule], record: DecisionRecord, needed: Mapping[StepKind, object]) -> list[_Edge]:
    edges: list[_Edge] = []
    for kind in sorted(needed, key=lambda k: k.rank):
        fields = DATE_FIELDS[kind]
        for a, b in itertools.pairwise(fields):
            edges.append(_Edge((kind, a), (kind, b), 0, Unit.DAYS, None))
    for rule in rules:
        planner = _PLANNERS.get(type(rule))
        if planner is not None and planner.edges is not None:
            edges.extend(planner.edges(rule, record, needed))
    return edges


def _required_needs(rule: RequiredStep, record: DecisionRecord) -> StepKind | None:
    return None if any(k in record.kinds for k in rule.steps) else rule.steps[0]


def _consultation_needs(rule: ConsultationRule, record: DecisionRecord) -> StepKind | None:
    return StepKind.CONSULTATION if record.matter.departments else None


def _order_edges(
    rule: OrderRule, record: DecisionRecord, needed: Mapping[StepKind, object]
) -> Iterable[_Edge]:
    for before, after in itertools.product(rule.before, rule.after):
        if before in needed and after in needed:
            source = (before, DATE_FIELDS[before][-1])
            target = (after, DATE_FIELDS[after][0])
            yield _Edge(source, target, 0, Unit.DAYS, rule)


def _interval_edges(
    rule: IntervalRule, record: DecisionRecord, needed: Mapping[StepKind, object]
) -> Iterable[_Edge]:
    if rule.start.step not in needed or rule.end.step not in needed:
        return
    n = rule.minimum
    if rule.waiver is not None:
        waiver_step = record.step(rule.waiver.step)
        if waiver_step is not None and getattr(waiver_step, rule.waiver.field):
            n = rule.waived_minimum or 0
    source = (rule.start.step, rule.start.field)
    target = (rule.end.step, rule.end.field)
    yield _Edge(source, target, n, rule.unit, rule)


def _describe(edge: _Edge, anchor: dt.date, estimated: bool, forward: bool) -> Text:
    """How ``edge`` bounds its other end from ``anchor`` (the date at its known end)."""
    other = edge.source if forward else edge.target
    name = _label(other)
    when_zh = f"最早 {anchor}" if estimated else str(anchor)
    when_en = f"earliest {anchor}" if estimated else str(anchor)
    if edge.n == 0:
        if forward:
            return Text(f"不早于{name.zh}（{when_zh}）", f"not before {name.en} ({when_en})")
        return Text(f"不晚于{name.zh}（{anchor}）", f"no later than {name.en} ({anchor})")
    unit = edge.unit.label
    if forward:
        return Text(
            f"{name.zh}（{when_zh}）后满 {edge.n} {unit.zh}",
            f"{edge.n} {unit.en} after {name.en} ({when_en})",
        )
    return Text(
        f"{name.zh}（{anchor}）前 {edge.n} {unit.zh}", f"{edge.n} {unit.en} before {name.en} ({anchor})"
    )


def plan_decision(
    record: DecisionRecord,
    procedure: ProcedureSpec | str = "national",
    *,
    on: dt.date | None = None,
    calendar: WorkCalendar | None = None,
) -> DecisionPlan:
    """What ``record`` still requires under ``procedure``, with the earliest lawful date
    of each step (and the latest, where a fixed date bounds it).

    Args:
        record: the record of a decision in progress.
        procedure: a :class:`ProcedureSpec` or a preset id.
        on: the planning date: no step is planned before it; ``None`` for no such bound.
        calendar: the working-day calendar; ``None`` uses the PRC calendar.

    Example: a comment published on 2026-09-10 may close on 2026-10-10 at the earliest;
    a draft sent for legality review on Wed 2026-09-30 may have its opinion on
    2026-10-15 at the earliest (7 working days after, across the National Day holiday).

    Raises:
        InvalidTypeError: an argument of the wrong type.
        ProcedureSpecError: an unknown preset id.
        CalendarCoverageError: a date the calendar does not cover.
    """
    record, spec, calendar = check_inputs(record, procedure, calendar)
    start_on = None if on is None else require_date(on, "on")
    title = record.matter.title
    exemption = find_exemption(spec, record)
    if exemption is not None:
        return DecisionPlan(title, spec.id, (), exemption_finding(exemption, record), start_on)
    ctx = Context(record, calendar)
    rules: list[Rule] = [
        r for r in spec.rules if not isinstance(r, Exemption) and r.when.holds(record.matter)
    ]
    needed = _needed_steps(record, rules)
    edges = _edges(rules, record, needed)

    nodes = [(kind, field) for kind in sorted(needed, key=lambda k: k.rank) for field in DATE_FIELDS[kind]]
    known: dict[Node, dt.date] = {}
    for kind, field in nodes:
        step = record.step(kind)
        value = None if step is None else step_date(step, field)
        if value is not None:
            known[(kind, field)] = value
    incoming: dict[Node, list[_Edge]] = {node: [] for node in nodes}
    outgoing: dict[Node, list[_Edge]] = {node: [] for node in nodes}
    for edge in edges:
        incoming[edge.target].append(edge)
        outgoing[edge.source].append(edge)
    order = list(
        graphlib.TopologicalSorter({n: {e.source for e in incoming[n]} for n in nodes}).static_order()
    )

    earliest, why_early = _earliest(order, incoming, known, start_on, ctx)
    latest, why_late = _latest(order, outgoing, known, ctx)
    items: list[tuple[int, int, PlanItem]] = []
    for position, node in enumerate(n for n in nodes if n not in known):
        reasons = [r for r in (why_early.get(node), why_late.get(node)) if r is not None]
        item = _plan_item(record, node, reasons, needed[node[0]], earliest.get(node), latest.get(node))
        items.append((_rank(item.step), position, item))
    for position, item in enumerate(_conditions(rules, record)):
        items.append((_rank(item.step), 1000 + position, item))
    items.sort(key=lambda t: (t[0], t[1]))
    return DecisionPlan(title, spec.id, tuple(item for _, _, item in items), None, start_on)


_Reason = tuple[Text, Citation | None]


def _earliest(
    order: list[Node],
    incoming: Mapping[Node, list[_Edge]],
    known: Mapping[Node, dt.date],
    start_on: dt.date | None,
    ctx: Context,
) -> tuple[dict[Node, dt.date], dict[Node, _Reason]]:
    """The earliest lawful date of each node (forward pass), with the binding reason."""
    earliest: dict[Node, dt.date] = {}
    why_early: dict[Node, _Reason] = {}
    for node in order:
        if node in known:
            earliest[node] = known[node]
            continue
        best: dt.date | None = start_on
        reason: _Reason | None = (
            None if start_on is None else (Text(f"计划基准日 {start_on}", f"planning date {start_on}"), None)
        )
        for edge in incoming[node]:
            if edge.source not in earliest:
                continue
            anchor = earliest[edge.source]
            candidate = ctx.shift(anchor, edge.n, edge.unit)
            if best is None or candidate > best:
                best = candidate
                citation = None if edge.rule is None else edge.rule.citation
                reason = (_describe(edge, anchor, edge.source not in known, True), citation)
        if best is not None and reason is not None:
            earliest[node] = best
            why_early[node] = reason
    return earliest, why_early


def _latest(
    order: list[Node], outgoing: Mapping[Node, list[_Edge]], known: Mapping[Node, dt.date], ctx: Context
) -> tuple[dict[Node, dt.date], dict[Node, _Reason]]:
    """The latest date of each node a fixed later date bounds (backward pass)."""
    latest: dict[Node, dt.date] = {}
    why_late: dict[Node, _Reason] = {}
    for node in reversed(order):
        if node in known:
            continue
        for edge in outgoing[node]:
            bound = known.get(edge.target, latest.get(edge.target))
            if bound is None:
                continue
            candidate = ctx.shift(bound, -edge.n, edge.unit)
            if node not in latest or candidate < latest[node]:
                latest[node] = candidate
                citation = None if edge.rule is None else edge.rule.citation
                why_late[node] = (_describe(edge, bound, False, False), citation)
    return latest, why_late


def _plan_item(
    record: DecisionRecord,
    node: Node,
    reasons: list[_Reason],
    requiring: Rule | None,
    earliest: dt.date | None,
    latest: dt.date | None,
) -> PlanItem:
    """The to-do item of one date not yet in the record."""
    kind, _ = node
    status = PlanStatus.IN_PROGRESS if record.step(kind) is not None else PlanStatus.TO_DO
    basis = None
    if reasons:
        basis = Text("；".join(r[0].zh for r in reasons), "; ".join(r[0].en for r in reasons))
    citation = next((r[1] for r in reasons if r[1] is not None), None)
    if citation is None and requiring is not None:
        citation = requiring.citation
    action = _ACTIONS[node]
    if kind is StepKind.CONSULTATION and record.matter.departments:
        names = "、".join(record.matter.departments)
        action = Text(f"{action.zh}（{names}）", f"{action.en} ({', '.join(record.matter.departments)})")
    return PlanItem(kind.value, status, action, earliest, latest, basis, citation)


def _rank(subject: str) -> int:
    return SUBJECT_ORDER.index(subject) if subject in SUBJECT_ORDER else len(SUBJECT_ORDER)


def _conditions(rules: Iterable[Rule], record: DecisionRecord) -> Iterable[PlanItem]:
    """The requirements that are not dates, still ahead of the collective discussion."""
    if record.get(CollectiveDiscussion) is not None:
        return  # every such requirement is for before the discussion
    for rule in rules:
        planner = _PLANNERS.get(type(rule))
        if planner is not None and planner.conditions is not None:
            yield from planner.conditions(rule, record)


def _condition(subject: str, zh: str, en: str, citation: Citation | None) -> PlanItem:
    """A requirement that is not a date (``PlanStatus.CONDITION``), in zh and en."""
    return PlanItem(subject, PlanStatus.CONDITION, Text(zh, en), citation=citation)


def _minimum_conditions(rule: MinimumRule, record: DecisionRecord) -> Iterable[PlanItem]:
    if rule.target is Target.ALTERNATIVES and record.alternatives < rule.minimum:
        yield _condition(
            "alternatives",
            f"准备至少 {rule.minimum} 个可供比较的决策方案（现有 {record.alternatives} 个）",
            f"prepare at least {rule.minimum} alternative plans (now {record.alternatives})",
            rule.citation,
        )
    elif rule.target is Target.CITIZEN_REPRESENTATIVES:
        yield _condition(
            StepKind.COLLECTIVE_DISCUSSION.value,
            f"邀请至少 {rule.minimum} 名市民代表列席集体讨论",
            f"invite at least {rule.minimum} citizen representative(s) to the discussion",
            rule.citation,
        )


def _meeting_conditions(rule: MeetingRule, record: DecisionRecord) -> Iterable[PlanItem]:
    allowed = [m.label for m in MeetingType if m in rule.allowed]
    yield _condition(
        StepKind.COLLECTIVE_DISCUSSION.value,
        f"在{'或'.join(t.zh for t in allowed)}上讨论",
        f"discuss it at the {' or '.join(t.en for t in allowed)}",
        rule.citation,
    )


def _consultation_conditions(rule: ConsultationRule, record: DecisionRecord) -> Iterable[PlanItem]:
    consultation = record.get(Consultation)
    if consultation is None:
        return  # the consultation step itself is a to-do item
    subject = StepKind.CONSULTATION.value
    for department in record.matter.departments:
        opinion = consultation.opinion(department)
        if opinion is None:
            yield PlanItem(
                subject,
                PlanStatus.CONDITION,
                Text(f"还须与“{department}”会商", f"also consult '{department}'"),
                citation=rule.citation,
            )
        elif not opinion.agreed and rule.require_agreement:
            yield _condition(
                subject,
                f"由分管领导协调“{department}”的不同意见，争取达成一致",
                f"have the supervising leader resolve the dispute with '{department}'",
                rule.agreement_citation or rule.citation,
            )
        if (
            opinion is not None
            and not opinion.agreed
            and rule.require_reasons
            and (opinion.reasoning is None or opinion.lead_reasoning is None)
        ):
            yield _condition(
                subject,
                f"与“{department}”的争议须附争议各方的理据",
                f"submit each side's reasoning on the dispute with '{department}'",
                rule.reasons_citation or rule.citation,
            )


def _check_conditions(rule: CheckRule, record: DecisionRecord) -> Iterable[PlanItem]:
    if rule.check is CheckKind.RISK_CONTROLLABLE:
        risk = record.get(RiskAssessment)
        if risk is not None and not risk.controllable:
            yield _condition(
                StepKind.RISK_ASSESSMENT.value,
                "风险不可控：调整决策草案、采取措施并重新评估，确保风险可控",
                "the risk is not controllable: adjust the draft, add measures and re-assess",
                rule.citation,
            )
    elif rule.check is CheckKind.GENUINE_REVIEW:
        review = record.get(LegalityReview)
        if review is not None and review.via_comments:
            yield _condition(
                StepKind.LEGALITY_REVIEW.value,
                "由负责合法性审查的部门正式审查（征求意见不能代替）",
                "have the legality review department review the draft (comment-taking does not count)",
                rule.citation,
            )
    else:
        yield PlanItem(
            StepKind.COLLECTIVE_DISCUSSION.value,
            PlanStatus.CONDITION,
            _CHECK_ADVICE[rule.check],
            citation=rule.citation,
        )


@attrs.frozen
class _Planner:
    """What one rule type contributes to a plan (each part optional):

    * ``needs``: the step the rule requires that the record lacks (a to-do item);
    * ``edges``: the date constraints it adds between steps;
    * ``conditions``: the requirements that are not dates (asked only while the
      collective discussion is still ahead).
    """

    needs: Callable[[Any, DecisionRecord], StepKind | None] | None = None
    edges: Callable[[Any, DecisionRecord, Mapping[StepKind, object]], Iterable[_Edge]] | None = None
    conditions: Callable[[Any, DecisionRecord], Iterable[PlanItem]] | None = None


#: How each rule type shapes a plan, mirroring ``_EVALUATORS`` of the validator (a rule
#: type without a row, such as an exemption, adds nothing).
_PLANNERS: Mapping[type, _Planner] = {
    RequiredStep: _Planner(needs=_required_needs),
    OrderRule: _Planner(edges=_order_edges),
    IntervalRule: _Planner(edges=_interval_edges),
    MinimumRule: _Planner(conditions=_minimum_conditions),
    ConsultationRule: _Planner(needs=_consultation_needs, conditions=_consultation_conditions),
    MeetingRule: _Planner(conditions=_meeting_conditions),
    CheckRule: _Planner(conditions=_check_conditions),
}
