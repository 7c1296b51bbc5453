"""The validator: one interpreter over the rules of a :class:`ProcedureSpec`.

Each rule type has one evaluation function, ``(rule, context) -> findings``; the spec
decides which rules exist, when they apply and what they cite. Findings come back in a
deterministic order: by the step they concern (in procedure order), then by rule order.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.decisions._codes import (
    CONSULTATION_MISSING,
    CONSULTATION_NOT_AGREED,
    DISPUTE_REASONS_MISSING,
    DISSENT_NOT_RECORDED,
    HEAD_NOT_LAST,
    HEAD_OVERRULED_WITHOUT_REASON,
    LEGALITY_REVIEW_REPLACED_BY_COMMENTS,
    NOT_APPLICABLE,
    RECORD_NOT_DECIDED,
    RISK_NOT_CONTROLLABLE,
    UNLAWFUL_DRAFT_DISCUSSED,
    WRONG_MEETING_TYPE,
    code_by_name,
)
from govefficiency.decisions._conditions import FieldRef, Unit
from govefficiency.decisions._presets import resolve_procedure
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
    CollectiveDiscussion,
    Consultation,
    LegalityReview,
    RiskAssessment,
    step_date,
    step_end,
    step_start,
)
from govefficiency.decisions._vocab import MeetingType, ReviewResult, StepKind
from govefficiency.errors import InvalidTypeError
from govefficiency.findings import Finding, FindingCode
from govefficiency.text import Text

__all__ = ["SUBJECT_ORDER", "Context", "exemption_finding", "validate_decision"]

#: The order in which findings are reported, by the first id of their subject.
SUBJECT_ORDER: tuple[str, ...] = (
    "matter",
    StepKind.PUBLIC_COMMENT.value,
    StepKind.HEARING.value,
    StepKind.PARTICIPATION.value,
    StepKind.EXPERT_EVALUATION.value,
    StepKind.RISK_ASSESSMENT.value,
    "alternatives",
    StepKind.CONSULTATION.value,
    StepKind.SUPERVISING_OPINION.value,
    StepKind.LEGALITY_REVIEW.value,
    StepKind.COLLECTIVE_DISCUSSION.value,
    StepKind.PUBLICATION.value,
    StepKind.ARCHIVING.value,
    StepKind.POST_EVALUATION.value,
)
_SUBJECT_RANK = {name: i for i, name in enumerate(SUBJECT_ORDER)}
_NOT_COMPLETE = Text("尚未完成", "not complete")


class Context:
    """What the rule evaluators need: the record, its matter and a calendar (built only
    when a working-day rule needs one)."""

    __slots__ = ("_calendar", "record")

    def __init__(self, record: DecisionRecord, calendar: WorkCalendar | None) -> None:
        self.record = record
        self._calendar = calendar

    @property
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = china_calendar()
        return self._calendar

    def shift(self, day: dt.date, n: int, unit: Unit) -> dt.date:
        """``day`` moved by ``n`` units (the start day is never counted)."""
        if unit is Unit.DAYS:
            try:
                return day + dt.timedelta(days=n)
            except OverflowError:
                from govefficiency.errors import InvalidInputError

                raise InvalidInputError(
                    f"{day.isoformat()} moved by {n} days is outside the supported dates",
                    f"{day.isoformat()} 移动 {n} 天后超出支持的日期范围",
                ) from None
        return self.calendar.add_working_days(day, n)

    def count(self, start: dt.date, end: dt.date, unit: Unit) -> int:
        """The number of units from ``start`` to ``end`` (days in ``(start, end]``)."""
        if unit is Unit.DAYS:
            return (end - start).days
        return self.calendar.working_days_between(start, end)


def _make(code: FindingCode, rule: Rule, subject: Iterable[str], **params: Any) -> Finding:
    finding = code(*subject, **params)
    return attrs.evolve(
        finding,
        citation=rule.citation,
        severity=rule.severity if rule.severity is not None else finding.severity,
    )


def _join(texts: Iterable[Text], zh_sep: str = "、", en_sep: str = ", ") -> Text:
    items = list(texts)
    return Text(zh_sep.join(t.zh for t in items), en_sep.join(t.en for t in items))


def _when(rule: Rule, record: DecisionRecord) -> dict[str, str]:
    reason = rule.when.reason(record.matter)
    return {"when_zh": reason.zh, "when_en": reason.en}


# --- evaluators -------------------------------------------------------------------------


def _required(rule: RequiredStep, ctx: Context) -> Iterator[Finding]:
    record = ctx.record
    if any(record.step(kind) is not None for kind in rule.steps):
        return
    steps = _join((k.label for k in rule.steps), "、", " or ")
    yield _make(
        rule.code,
        rule,
        [k.value for k in rule.steps],
        title=record.matter.title,
        steps_zh=steps.zh,
        steps_en=steps.en,
        step_zh=rule.steps[0].label.zh,
        step_en=rule.steps[0].label.en,
        **_when(rule, record),
    )


def _order(rule: OrderRule, ctx: Context) -> Iterator[Finding]:
    record = ctx.record
    for before, after in itertools.product(rule.before, rule.after):
        prior = record.step(before)
        later = record.step(after)
        if prior is None or later is None:
            continue
        started = step_start(later)
        done = step_end(prior)
        if started is None or (done is not None and done <= started):
            continue
        prior_date = _NOT_COMPLETE if done is None else Text(done.isoformat(), done.isoformat())
        yield _make(
            rule.code,
            rule,
            (after.value, before.value),
            title=record.matter.title,
            step_zh=after.label.zh,
            step_en=after.label.en,
            prior_zh=before.label.zh,
            prior_en=before.label.en,
            date=started.isoformat(),
            prior_date_zh=prior_date.zh,
            prior_date_en=prior_date.en,
        )


def _field(record: DecisionRecord, ref: FieldRef) -> Any:
    step = record.step(ref.step)
    return None if step is None else getattr(step, ref.field)


def _interval(rule: IntervalRule, ctx: Context) -> Iterator[Finding]:
    record = ctx.record
    start_step = record.step(rule.start.step)
    end_step = record.step(rule.end.step)
    if start_step is None or end_step is None:
        return
    start = step_date(start_step, rule.start.field)
    end = step_date(end_step, rule.end.field)
    if start is None or end is None:
        return
    reason = None if rule.waiver is None else _field(record, rule.waiver)
    if reason:
        minimum, code = rule.waived_minimum, rule.waived_code
        if minimum is None or code is None:
            return
    else:
        minimum, code = rule.minimum, rule.code
    earliest = ctx.shift(start, minimum, rule.unit)
    if end >= earliest:
        return
    latest = ctx.shift(end, -minimum, rule.unit)
    subject = [rule.end.step.value]
    if rule.start.step is not rule.end.step:
        subject.append(rule.start.step.value)
    yield _make(
        code,
        rule,
        subject,
        title=record.matter.title,
        step_zh=rule.end.step.label.zh,
        step_en=rule.end.step.label.en,
        from_zh=rule.start.label.zh,
        from_en=rule.start.label.en,
        to_zh=rule.end.label.zh,
        to_en=rule.end.label.en,
        start=start.isoformat(),
        end=end.isoformat(),
        actual=ctx.count(start, end, rule.unit),
        minimum=minimum,
        unit_zh=rule.unit.label.zh,
        unit_en=rule.unit.label.en,
        earliest=earliest.isoformat(),
        latest=latest.isoformat(),
        reason=reason or "—",
        **_when(rule, record),
    )


def _minimum(rule: MinimumRule, ctx: Context) -> Iterator[Finding]:
    record = ctx.record
    if rule.target is Target.ALTERNATIVES:
        count, subject, date = record.alternatives, "alternatives", ""
    else:
        discussion = record.get(CollectiveDiscussion)
        if discussion is None:
            return
        count = discussion.citizen_representatives
        subject, date = StepKind.COLLECTIVE_DISCUSSION.value, discussion.date.isoformat()
    if count >= rule.minimum:
        return
    yield _make(
        rule.code,
        rule,
        (subject,),
        title=record.matter.title,
        count=count,
        minimum=rule.minimum,
        date=date,
        **_when(rule, record),
    )


def _consultation(rule: ConsultationRule, ctx: Context) -> Iterator[Finding]:
    record = ctx.record
    consultation = record.get(Consultation)
    for department in record.matter.departments:
        opinion = None if consultation is None else consultation.opinion(department)
        subject = (StepKind.CONSULTATION.value, department)
        if opinion is None:
            yield _make(CONSULTATION_MISSING, rule, subject, department=department)
            continue
        if opinion.agreed:
            continue
        if rule.require_reasons:
            missing = []
            if opinion.reasoning is None:
                missing.append(Text("该部门的理据", "the department's reasoning"))
            if opinion.lead_reasoning is None:
                missing.append(Text("承办单位的理据", "the lead unit's reasoning"))
            if missing:
                text = _join(missing, "、", " and ")
                finding = _make(
                    DISPUTE_REASONS_MISSING,
                    rule,
                    subject,
                    department=department,
                    missing_zh=text.zh,
                    missing_en=text.en,
                )
                yield attrs.evolve(finding, citation=rule.reasons_citation or rule.citation)
        if rule.require_agreement:
            finding = _make(CONSULTATION_NOT_AGREED, rule, subject, department=department)
            if rule.severity is None:
                finding = attrs.evolve(finding, severity=CONSULTATION_NOT_AGREED.severity)
            yield attrs.evolve(finding, citation=rule.agreement_citation or rule.citation)


def _meeting(rule: MeetingRule, ctx: Context) -> Iterator[Finding]:
    discussion = ctx.record.get(CollectiveDiscussion)
    if discussion is None or discussion.meeting in rule.allowed:
        return
    allowed = _join((m.label for m in MeetingType if m in rule.allowed), "或", " or ")
    yield _make(
        WRONG_MEETING_TYPE,
        rule,
        (StepKind.COLLECTIVE_DISCUSSION.value,),
        date=discussion.date.isoformat(),
        meeting_zh=discussion.meeting.label.zh,
        meeting_en=discussion.meeting.label.en,
        allowed_zh=allowed.zh,
        allowed_en=allowed.en,
    )


def _check(rule: CheckRule, ctx: Context) -> Iterator[Finding]:
    record = ctx.record
    discussion = record.get(CollectiveDiscussion)
    meeting = StepKind.COLLECTIVE_DISCUSSION.value
    if rule.check is CheckKind.RISK_CONTROLLABLE:
        risk = record.get(RiskAssessment)
        if risk is not None and not risk.controllable:
            yield _make(
                RISK_NOT_CONTROLLABLE, rule, (StepKind.RISK_ASSESSMENT.value,), date=risk.date.isoformat()
            )
    elif rule.check is CheckKind.GENUINE_REVIEW:
        review = record.get(LegalityReview)
        if review is not None and review.via_comments:
            yield _make(
                LEGALITY_REVIEW_REPLACED_BY_COMMENTS,
                rule,
                (StepKind.LEGALITY_REVIEW.value,),
                sent=review.sent.isoformat(),
            )
    elif rule.check is CheckKind.LAWFUL_DRAFT_ONLY:
        yield from _lawful_draft_only(rule, ctx)
    elif discussion is None:
        return
    elif rule.check is CheckKind.HEAD_SPEAKS_LAST:
        if discussion.speakers and discussion.speakers[-1] != discussion.head:
            yield _make(
                HEAD_NOT_LAST,
                rule,
                (meeting, discussion.head),
                head=discussion.head,
                last=discussion.speakers[-1],
            )
    elif rule.check is CheckKind.HEAD_STATES_REASONS:
        majority = discussion.majority_view
        if majority is not None and majority != discussion.decision and not discussion.reasons_stated:
            yield _make(
                HEAD_OVERRULED_WITHOUT_REASON,
                rule,
                (meeting, discussion.head),
                head=discussion.head,
                decision_zh=discussion.decision.label.zh,
                decision_en=discussion.decision.label.en,
                majority_zh=majority.label.zh,
                majority_en=majority.label.en,
            )
    elif discussion.had_dissent and not discussion.dissent_recorded:  # DISSENT_RECORDED
        if discussion.dissenters:
            who = Text("、".join(discussion.dissenters), ", ".join(discussion.dissenters))
        else:
            label = discussion.majority_view.label if discussion.majority_view is not None else Text("—", "—")
            who = Text(f"多数成员：{label.zh}", f"the majority: {label.en}")
        yield _make(
            DISSENT_NOT_RECORDED,
            rule,
            (meeting, *discussion.dissenters),
            dissent_zh=who.zh,
            dissent_en=who.en,
        )


def _lawful_draft_only(rule: CheckRule, ctx: Context) -> Iterator[Finding]:
    record = ctx.record
    review = record.get(LegalityReview)
    discussion = record.get(CollectiveDiscussion)
    if review is None or discussion is None or review.result is None or review.result is ReviewResult.LAWFUL:
        return
    why_zh = why_en = ""
    if review.result is ReviewResult.LEGAL_RISK_STATED:
        allowed = rule.allow_legal_risk_when
        if allowed is not None and allowed.holds(record.matter):
            return
        if allowed is None:
            why_zh = "（本程序不允许以明示法律风险的方式提交讨论）"
            why_en = " (this procedure does not admit a stated legal risk)"
        else:
            scope = allowed.describe()
            why_zh = f"（明示法律风险仅适用于{scope.zh}事项）"
            why_en = f" (a stated legal risk is admitted only for: {scope.en})"
    yield _make(
        UNLAWFUL_DRAFT_DISCUSSED,
        rule,
        (StepKind.COLLECTIVE_DISCUSSION.value, StepKind.LEGALITY_REVIEW.value),
        date=discussion.date.isoformat(),
        result_zh=review.result.label.zh,
        result_en=review.result.label.en,
        why_zh=why_zh,
        why_en=why_en,
    )


_EVALUATORS: Mapping[type, Callable[[Any, Context], Iterator[Finding]]] = {
    RequiredStep: _required,
    OrderRule: _order,
    IntervalRule: _interval,
    MinimumRule: _minimum,
    ConsultationRule: _consultation,
    MeetingRule: _meeting,
    CheckRule: _check,
}


def exemption_finding(rule: Exemption, record: DecisionRecord) -> Finding:
    """The ``NOT_APPLICABLE`` finding of an exemption that applies to ``record``."""
    return _make(
        NOT_APPLICABLE,
        rule,
        ("matter",),
        title=record.matter.title,
        reason_zh=rule.description.zh,
        reason_en=rule.description.en,
    )


def find_exemption(spec: ProcedureSpec, record: DecisionRecord) -> Exemption | None:
    """The first exemption of ``spec`` that applies to ``record``'s matter, or ``None``."""
    for rule in spec.rules:
        if isinstance(rule, Exemption) and rule.when.holds(record.matter):
            return rule
    return None


def check_inputs(
    record: object, procedure: object, calendar: object
) -> tuple[DecisionRecord, ProcedureSpec, WorkCalendar | None]:
    """Validate the arguments shared by the validator and the planner."""
    if not isinstance(record, DecisionRecord):
        raise InvalidTypeError(
            f"record must be a DecisionRecord (DecisionRecord.load(path) reads a file), not "
            f"{type(record).__name__}",
            f"record 必须是 DecisionRecord（可用 DecisionRecord.load(path) 读取文件），而不是 {type(record).__name__}",
        )
    spec = resolve_procedure(procedure)  # type: ignore[arg-type]
    if calendar is not None and not isinstance(calendar, WorkCalendar):
        raise InvalidTypeError(
            f"calendar must be a WorkCalendar (e.g. china_calendar()) or None, not {type(calendar).__name__}",
            f"calendar 必须是 WorkCalendar（如 china_calendar()）或 None，而不是 {type(calendar).__name__}",
        )
    return record, spec, calendar


def validate_decision(
    record: DecisionRecord,
    procedure: ProcedureSpec | str = "national",
    *,
    calendar: WorkCalendar | None = None,
) -> list[Finding]:
    """Check a decision record against a procedure, like a linter.

    Args:
        record: the record to check.
        procedure: a :class:`ProcedureSpec`, or a preset id (``"national"``,
            ``"seed-practice"``).
        calendar: the working-day calendar for working-day time rules; ``None`` uses
            :func:`~govefficiency.china_calendar` (built only when needed).

    Returns:
        The findings, in procedure order of the step they concern, then rule order. An
        exempt matter gives exactly one ``NOT_APPLICABLE`` finding (info). A finding
        already reported by an earlier rule (same code and subject) is not repeated.

        A record not yet decided (:attr:`DecisionRecord.decided` is false: no collective
        discussion, publication, archiving or post-evaluation) is a decision in
        progress. Its first finding is ``RECORD_NOT_DECIDED`` (info), naming the steps
        that are not yet due (a required step, a consultation, the alternative plans
        still to come); they are not reported as missing. A missing step that a step
        already taken must follow (a draft sent for legality review before any public
        participation) is a defect already and stays an error, as do the defects of the
        steps taken (a comment period too short, a step out of order).

    Raises:
        InvalidTypeError: an argument of the wrong type.
        ProcedureSpecError: an unknown preset id.
        CalendarCoverageError: a working-day rule needs a date the calendar does not
            cover (pass ``china_calendar(provisional=True)`` for next year's dates).
    """
    record, spec, calendar = check_inputs(record, procedure, calendar)
    exemption = find_exemption(spec, record)
    if exemption is not None:
        return [exemption_finding(exemption, record)]
    ctx = Context(record, calendar)
    rules = [r for r in spec.rules if not isinstance(r, Exemption) and r.when.holds(record.matter)]
    later = None if record.decided else _later_steps(rules)
    found: list[tuple[int, int, Finding]] = []
    pending: list[tuple[int, int, Finding, Text]] = []
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for index, rule in enumerate(spec.rules):
        if isinstance(rule, Exemption) or not rule.when.holds(record.matter):
            continue
        for finding in _EVALUATORS[type(rule)](rule, ctx):
            key = (finding.code, finding.subject)
            if key in seen:
                continue
            seen.add(key)
            rank = _SUBJECT_RANK.get(finding.subject[0], len(SUBJECT_ORDER)) if finding.subject else 0
            what = None if later is None else _not_yet_due(rule, finding, record, later)
            if what is None:
                found.append((rank, index, finding))
            else:
                pending.append((rank, index, finding, what))
    if not record.decided:
        pending.sort(key=lambda item: (item[0], item[1]))
        found.append((-1, -1, _not_decided(record, [(f, what) for _, _, f, what in pending])))
    found.sort(key=lambda item: (item[0], item[1]))
    return [finding for _, _, finding in found]


# --- a decision in progress ---------------------------------------------------------------


def _later_steps(rules: Iterable[Rule]) -> dict[StepKind, frozenset[StepKind]]:
    """For each step kind, the kinds that the procedure's order rules place after it,
    directly or through other steps (the transitive closure of "A before B")."""
    direct: dict[StepKind, set[StepKind]] = {}
    for rule in rules:
        if isinstance(rule, OrderRule):
            for before, after in itertools.product(rule.before, rule.after):
                direct.setdefault(before, set()).add(after)
    closure: dict[StepKind, frozenset[StepKind]] = {}
    for kind in direct:
        reached: set[StepKind] = set()
        todo = list(direct[kind])
        while todo:
            nxt = todo.pop()
            if nxt not in reached:
                reached.add(nxt)
                todo.extend(direct.get(nxt, ()))
        closure[kind] = frozenset(reached)
    return closure


def _not_yet_due(
    rule: Rule, finding: Finding, record: DecisionRecord, later: Mapping[StepKind, frozenset[StepKind]]
) -> Text | None:
    """What ``finding`` asks for, when it is only not yet due in a record not decided;
    ``None`` when it is a defect already (or not a "missing" finding at all).

    A missing step (a ``required`` rule, a department not consulted, too few alternative
    plans, a dispute still without reasons) can still be made good before the decision,
    unless a step that the order rules put after it has already started: then the order
    is broken already and the finding stands (a draft sent for legality review without
    any public participation, decree 713 art. 26)."""
    if isinstance(rule, RequiredStep):
        kinds: tuple[StepKind, ...] = rule.steps
        what = _join((k.label for k in rule.steps), "或", " or ")
    elif isinstance(rule, ConsultationRule):
        kinds = (StepKind.CONSULTATION,)
        department = finding.subject[1] if len(finding.subject) > 1 else ""
        if finding.code == CONSULTATION_MISSING.code:
            what = Text(f"与“{department}”会商", f"consulting '{department}'")
        else:
            title = code_by_name(finding.code)
            what = Text(f"与“{department}”的争议", f"the dispute with '{department}'")
            if title is not None:
                what = Text(f"{what.zh}：{title.title.zh}", f"{what.en}: {title.title.en}")
    elif isinstance(rule, MinimumRule) and rule.target is Target.ALTERNATIVES:
        kinds = ()  # prepared for the discussion: due when the draft is decided on
        what = Text(f"至少 {rule.minimum} 个可供比较的决策方案", f"at least {rule.minimum} alternative plans")
    else:
        return None
    taken = record.kinds
    if any(not later.get(kind, frozenset()).isdisjoint(taken) for kind in kinds):
        return None  # a step that must follow has been taken: it is a defect already
    return Text(f"{what.zh}（{finding.code}）", f"{what.en} ({finding.code})")


def _not_decided(record: DecisionRecord, pending: list[tuple[Finding, Text]]) -> Finding:
    """The ``RECORD_NOT_DECIDED`` notice, naming what is not yet due; its subject is
    ``("matter", <the step kinds not yet due>…)``."""
    what = _join((w for _, w in pending), "；", "; ") if pending else Text("无", "none")
    steps = dict.fromkeys(f.subject[0] for f, _ in pending if f.subject and f.subject[0] != "matter")
    return RECORD_NOT_DECIDED(
        "matter",
        *steps,
        title=record.matter.title,
        pending_zh=what.zh,
        pending_en=what.en,
    )
