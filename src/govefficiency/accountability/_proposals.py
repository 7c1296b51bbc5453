"""Accountability proposals (问责建议): the library proposes, with the cause; a person decides.

Three sources, each read from the seed that makes it a ground for accountability:

* **decision findings** — seed 002 §4 names three decision triggers: 不按规则议事决策
  (情节较重并造成后果), 决策严重失误或久拖不决 (造成重大损失、恶劣影响), and 超越法定权限、
  未经领导班子集体讨论等违反法定程序作出决策. :data:`DECISION_TRIGGERS` maps the decision
  validator's finding codes onto them; what the seed adds as a condition (情节较重并造成
  后果 …) is carried in :attr:`Proposal.conditions` for the person who decides;
* **slow progress in a quarter** — seed 003 §1(4)3: 每季度对推进重点工作、重大项目进展
  缓慢、成效较差的，实行专项问责并予以通报 — from a ledger check at the quarter's end;
* **escalation levels declared accountable** — an action whose level has
  ``accountable = true`` (seed 003 §1(4)3: 行动迟缓、落实不力的，实行重点问责并予以通报).

The sources are read through small protocols (:class:`ProgressCheck`,
:class:`AccountableAction`) so that this module imports neither the ledger nor escalation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import attrs

from govefficiency._time import require_date
from govefficiency._validators import (
    check_id,
    check_ids,
    check_iterable,
    instance_of,
    optional,
    valid_date,
    valid_id,
)
from govefficiency.accountability._codes import (
    SEED_002_DECISIONS,
    SEED_003_KEY,
    SEED_003_SPECIAL,
)
from govefficiency.accountability._ladder import AccountabilityEvent, AccountabilityForm, SubjectKind
from govefficiency.citation import Citation
from govefficiency.errors import AccountabilityError, InvalidTypeError
from govefficiency.findings import Finding, Severity
from govefficiency.responsibility import ResponsibilityGraph, resolve_unit
from govefficiency.text import LabelledEnum, Lang, Text, check_lang

__all__ = [
    "DECISION_TRIGGERS",
    "AccountableAction",
    "DecisionTrigger",
    "Liability",
    "ProgressCheck",
    "Proposal",
    "ProposalSource",
    "propose_accountability",
    "quarter_end",
]


class ProposalSource(LabelledEnum):
    """Where a proposal comes from."""

    DECISION = ("decision", "决策问题", "decision finding")
    SLOW_PROGRESS = ("slow_progress", "季度进展缓慢", "slow progress in the quarter")
    ESCALATION = ("escalation", "督办升级", "escalation level")


class Liability(LabelledEnum):
    """The liability the seed attaches to the ground (in the seed's own words)."""

    CADRE_AUTHORITY = (
        "cadre_authority",
        "按照干部管理权限进行问责",
        "accountability within cadre-management authority",
    )
    LEGAL = ("legal", "追究相关责任人员的法律责任", "legal liability of the persons responsible")
    DISCIPLINARY_AND_LEGAL = (
        "disciplinary_and_legal",
        "追究决策者纪律责任和法律责任",
        "disciplinary and legal liability of the decision-makers",
    )
    SPECIAL = ("special", "专项问责并予以通报", "special accountability, circulated")
    KEY = ("key", "重点问责并予以通报", "key accountability, circulated")


class DecisionTrigger(LabelledEnum):
    """Seed 002 §4's three decision triggers."""

    IRREGULAR_DELIBERATION = ("irregular_deliberation", "不按规则议事决策", "not deliberating by the rules")
    SERIOUS_ERROR_OR_DELAY = (
        "serious_error_or_delay",
        "决策严重失误或者久拖不决",
        "a seriously wrong decision, or one delayed past its time",
    )
    UNLAWFUL_PROCEDURE = (
        "unlawful_procedure",
        "超越法定权限、未经领导班子集体讨论等违反法定程序作出决策",
        "deciding beyond authority or without collective discussion or otherwise against the statutory procedure",
    )


_TRIGGER_TERMS: Mapping[DecisionTrigger, tuple[Liability, Text | None]] = {
    DecisionTrigger.IRREGULAR_DELIBERATION: (
        Liability.CADRE_AUTHORITY,
        Text("情节较重并造成后果", "serious circumstances with consequences"),
    ),
    DecisionTrigger.SERIOUS_ERROR_OR_DELAY: (
        Liability.LEGAL,
        Text("造成重大损失、恶劣影响", "causing major losses or a bad public impact"),
    ),
    DecisionTrigger.UNLAWFUL_PROCEDURE: (Liability.DISCIPLINARY_AND_LEGAL, None),
}

#: Which decision-validator finding codes fall under which seed 002 §4 trigger. The
#: mapping is a reading of the seed (it names the triggers, not the codes): procedure
#: steps decree 713 makes mandatory → unlawful procedure; rules of deliberation → not
#: deliberating by the rules; a time limit missed → delayed past its time.
DECISION_TRIGGERS: Mapping[str, DecisionTrigger] = {
    **dict.fromkeys(
        (
            "COLLECTIVE_DISCUSSION_MISSING",
            "WRONG_MEETING_TYPE",
            "LEGALITY_REVIEW_MISSING",
            "LEGALITY_REVIEW_REPLACED_BY_COMMENTS",
            "UNLAWFUL_DRAFT_DISCUSSED",
            "PUBLIC_PARTICIPATION_MISSING",
            "EXPERT_EVALUATION_MISSING",
            "RISK_ASSESSMENT_MISSING",
            "STEP_MISSING",
        ),
        DecisionTrigger.UNLAWFUL_PROCEDURE,
    ),
    **dict.fromkeys(
        (
            "HEAD_NOT_LAST",
            "HEAD_OVERRULED_WITHOUT_REASON",
            "DISSENT_NOT_RECORDED",
            "STEP_OUT_OF_ORDER",
            "ALTERNATIVES_INSUFFICIENT",
            "CONSULTATION_MISSING",
            "DISPUTE_REASONS_MISSING",
            "CITIZEN_REPRESENTATIVES_MISSING",
            "SUPERVISING_OPINION_MISSING",
        ),
        DecisionTrigger.IRREGULAR_DELIBERATION,
    ),
    "TIME_LIMIT_NOT_MET": DecisionTrigger.SERIOUS_ERROR_OR_DELAY,
}


class ProgressCheck(Protocol):
    """One ledger item at a check (e.g. :class:`govefficiency.ledger.ItemCheck`)."""

    @property
    def item_id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def unit(self) -> str: ...

    @property
    def status(self) -> Any: ...

    @property
    def gap(self) -> float: ...


class AccountableAction(Protocol):
    """An escalation action (e.g. :class:`govefficiency.escalation.Action`)."""

    @property
    def accountable(self) -> bool: ...

    @property
    def units(self) -> tuple[str, ...]: ...

    @property
    def title(self) -> Text: ...

    @property
    def key(self) -> Any: ...

    @property
    def level(self) -> Text: ...


def _opt_text(value: object) -> Text | None:
    if value is None or isinstance(value, Text):
        return value
    raise InvalidTypeError("conditions must be a Text or None", "conditions 必须是 Text 或 None")


def _evidence(value: Iterable[str]) -> tuple[str, ...]:
    return check_ids(value, "evidence", unique=False)


@attrs.frozen
class Proposal:
    """A proposal to hold a unit or person accountable — for a person to decide.

    Attributes:
        id: a stable id (source, subject and the fact it rests on), so that a proposal
            seen twice is recognised.
        source: decision finding, slow progress or escalation.
        subject: the unit's or person's id.
        subject_kind: organ or person.
        liability: the liability the seed attaches, in its words.
        form: the form of accountability the seed names for this ground (通报批评 for
            "予以通报"); ``None`` when the seed leaves the form to the person deciding
            (choose among seed 002 §13's forms).
        cause: why, in zh and en.
        evidence: the ids of the facts it rests on (finding codes with their subjects,
            ledger item ids, escalation action keys).
        citation: the seed provision.
        on: the day the proposal was made.
        conditions: what the seed requires a person to establish before deciding (e.g.
            情节较重并造成后果); ``None`` when the facts suffice.
    """

    id: str = attrs.field(validator=valid_id())
    source: ProposalSource = attrs.field(validator=instance_of(ProposalSource))
    subject: str = attrs.field(validator=valid_id())
    subject_kind: SubjectKind = attrs.field(validator=instance_of(SubjectKind))
    liability: Liability = attrs.field(validator=instance_of(Liability))
    form: AccountabilityForm | None = attrs.field(validator=optional(instance_of(AccountabilityForm)))
    cause: Text = attrs.field(validator=instance_of(Text))
    evidence: tuple[str, ...] = attrs.field(converter=_evidence)
    citation: Citation = attrs.field(validator=instance_of(Citation))
    on: dt.date = attrs.field(validator=valid_date())
    conditions: Text | None = attrs.field(default=None, converter=_opt_text)

    def to_event(self, *, decided_on: dt.date, form: AccountabilityForm | None = None) -> AccountabilityEvent:
        """The :class:`AccountabilityEvent` for the ladder once a person has decided, on
        ``decided_on``, in ``form`` (required when the proposal leaves it open)."""
        chosen = form or self.form
        if chosen is None:
            raise AccountabilityError(
                f"proposal {self.id} leaves the form open: pass form= (one of seed 002 §13's forms)",
                f"问责建议 {self.id} 未定问责方式：请以 form= 给出（延寿县意见十三所列方式之一）",
            )
        return AccountabilityEvent(
            self.subject, require_date(decided_on, "decided_on"), chosen, self.cause, self.subject_kind
        )

    def render(self, lang: Lang = "zh") -> str:
        lang = check_lang(lang)
        form = "（方式待定）" if lang == "zh" else " (form to be decided)"
        if self.form is not None:
            form = f"（{self.form.label.zh}）" if lang == "zh" else f" ({self.form.label.en})"
        cond = ""
        if self.conditions is not None:
            cond = (
                f"；须认定：{self.conditions.zh}"
                if lang == "zh"
                else f"; to be established: {self.conditions.en}"
            )
        if lang == "zh":
            return f"问责建议 {self.id}：{self.subject}，{self.liability.label.zh}{form}；事由：{self.cause.zh}{cond}"
        return f"proposal {self.id}: {self.subject}, {self.liability.label.en}{form}; cause: {self.cause.en}{cond}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source.value,
            "subject": self.subject,
            "subject_kind": self.subject_kind.value,
            "liability": self.liability.value,
            "form": None if self.form is None else self.form.value,
            "cause": {"zh": self.cause.zh, "en": self.cause.en},
            "evidence": list(self.evidence),
            "citation": {"zh": self.citation.render("zh"), "en": self.citation.render("en")},
            "on": self.on.isoformat(),
            "conditions": None
            if self.conditions is None
            else {"zh": self.conditions.zh, "en": self.conditions.en},
        }


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of ``quarter`` (1–4) of ``year``: the day a quarter's check is made."""
    if type(year) is not int or type(quarter) is not int or not 1 <= quarter <= 4 or not 1 <= year <= 9999:
        raise AccountabilityError(
            f"a quarter is a year and 1-4, not {year!r} Q{quarter!r}",
            f"季度应为年份与 1–4，而不是 {year!r} 第 {quarter!r} 季度",
        )
    month = quarter * 3
    return dt.date(year, 12, 31) if month == 12 else dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _from_findings(
    findings: Iterable[Finding], decision_id: str, makers: tuple[str, ...], on: dt.date
) -> list[Proposal]:
    grouped: dict[DecisionTrigger, list[Finding]] = {}
    for finding in findings:
        if not isinstance(finding, Finding):
            raise InvalidTypeError(
                f"decision findings are Finding values, not {type(finding).__name__}",
                "决策问题必须是 Finding",
            )
        trigger = DECISION_TRIGGERS.get(finding.code)
        if trigger is not None and finding.severity is Severity.ERROR:
            grouped.setdefault(trigger, []).append(finding)
    out = []
    for trigger in DecisionTrigger:
        found = grouped.get(trigger)
        if not found:
            continue
        liability, conditions = _TRIGGER_TERMS[trigger]
        codes = sorted({f.code for f in found})
        evidence = tuple(dict.fromkeys(f"{decision_id}:{f.code}" for f in found))
        cause = Text(
            f"决策 {decision_id}：{trigger.label.zh}（{'、'.join(codes)}）",
            f"decision {decision_id}: {trigger.label.en} ({', '.join(codes)})",
        )
        for maker in makers:
            out.append(
                Proposal(
                    f"decision:{decision_id}:{trigger.value}:{maker}",
                    ProposalSource.DECISION,
                    maker,
                    SubjectKind.PERSON,
                    liability,
                    None,
                    cause,
                    evidence,
                    SEED_002_DECISIONS,
                    on,
                    conditions,
                )
            )
    return out


def _from_progress(
    checks: Iterable[ProgressCheck], quarter: tuple[int, int], on: dt.date, graph: ResponsibilityGraph | None
) -> list[Proposal]:
    year, q = quarter
    quarter_end(year, q)  # validates
    out = []
    for check in checks:
        status = getattr(check, "status", None)
        value = getattr(status, "value", status)
        if value not in ("behind", "no_report", "overdue"):
            continue
        item, unit = check_id(check.item_id, "item_id"), check_id(check.unit, "unit")
        if graph is not None:
            unit = resolve_unit(graph, unit)
        why_zh = "进展缓慢" if value == "behind" else "未报送进展"
        why_en = "progressing slowly" if value == "behind" else "no progress reported"
        out.append(
            Proposal(
                f"progress:{year}Q{q}:{item}",
                ProposalSource.SLOW_PROGRESS,
                unit,
                SubjectKind.ORGAN,
                Liability.SPECIAL,
                AccountabilityForm.CIRCULATED_CRITICISM,
                Text(
                    f"{year} 年第 {q} 季度重点工作“{check.title}”{why_zh}（落后 {check.gap:.1f} 个百分点）",
                    f"key task “{check.title}” {why_en} in {year} Q{q} ({check.gap:.1f} points behind)",
                ),
                (item,),
                SEED_003_SPECIAL,
                on,
            )
        )
    return out


def _from_actions(actions: Iterable[AccountableAction], on: dt.date) -> list[Proposal]:
    out = []
    for action in check_iterable(actions, "actions"):
        if getattr(action, "accountable", None) is not True:
            if not hasattr(action, "accountable"):
                raise InvalidTypeError(
                    f"actions are escalation Action values, not {type(action).__name__}",
                    "actions 必须是督办动作",
                )
            continue
        key = action.key
        ref = f"{key.case_id}:{key.level_id}:{key.due_date.isoformat()}:{key.occurrence}"
        for unit in action.units:
            out.append(
                Proposal(
                    f"escalation:{ref}:{unit}",
                    ProposalSource.ESCALATION,
                    unit,
                    SubjectKind.ORGAN,
                    Liability.KEY,
                    AccountabilityForm.CIRCULATED_CRITICISM,
                    Text(
                        f"“{action.title.zh}”落实迟缓，已至督办级别“{action.level.zh}”（截止 {key.due_date}）",
                        f"“{action.title.en}” slow to implement; escalation reached “{action.level.en}” "
                        f"(due {key.due_date})",
                    ),
                    (ref,),
                    SEED_003_KEY,
                    on,
                )
            )
    return out


def propose_accountability(
    *,
    on: dt.date,
    decision_findings: Iterable[Finding] = (),
    decision_id: str | None = None,
    decision_makers: Iterable[str] = (),
    progress_checks: Iterable[ProgressCheck] = (),
    quarter: tuple[int, int] | None = None,
    actions: Iterable[AccountableAction] = (),
    graph: ResponsibilityGraph | None = None,
) -> tuple[Proposal, ...]:
    """Turn facts into accountability proposals, in a deterministic order (by id).

    Args:
        on: the day of the proposals.
        decision_findings: the decision validator's findings on one decision; with
            ``decision_id`` and the ``decision_makers`` (person ids) they concern. Only
            error findings whose code :data:`DECISION_TRIGGERS` maps count.
        progress_checks: the items of a ledger check at the end of ``quarter`` (e.g.
            ``june_check(ledger, at=quarter_end(2026, 3)).items``); items behind or without a
            report give 专项问责 proposals for their lead unit.
        quarter: ``(year, quarter)`` of ``progress_checks``; required with them.
        actions: escalation actions; those of accountable levels give 重点问责 proposals
            for the units concerned.
        graph: an org chart: the units a ledger names as people write them (市教育局)
            are resolved to unit ids through its names and aliases.

    Raises:
        AccountabilityError: findings without a decision id or makers, checks without a
            quarter, a bad date.
        InvalidTypeError: a value of the wrong kind.
    """
    day = require_date(on, "on")
    if decision_id is not None:
        check_id(decision_id, "decision_id")
    findings = check_iterable(decision_findings, "decision_findings")
    makers = (
        check_ids(check_iterable(decision_makers, "decision_makers"), "decision_makers")
        if not isinstance(decision_makers, str)
        else None
    )
    if makers is None:
        raise InvalidTypeError(
            "decision_makers is a list of person ids, not a str", "decision_makers 必须是人员 id 的列表"
        )
    if findings and (decision_id is None or not makers):
        raise AccountabilityError(
            "decision findings need decision_id= and decision_makers= (who decided)",
            "决策问题需要给出 decision_id= 与 decision_makers=（决策者）",
        )
    checks = check_iterable(progress_checks, "progress_checks")
    if checks and quarter is None:
        raise AccountabilityError(
            "progress checks need quarter=(year, quarter)", "进展检查需要给出 quarter=(年份, 季度)"
        )
    proposals: list[Proposal] = []
    if findings:
        assert decision_id is not None  # checked above
        proposals += _from_findings(findings, check_id(decision_id, "decision_id"), makers, day)
    if checks:
        assert quarter is not None
        if not isinstance(quarter, tuple) or len(quarter) != 2:
            raise AccountabilityError("quarter is (year, quarter)", "quarter 应为 (年份, 季度)")
        if graph is not None and not isinstance(graph, ResponsibilityGraph):
            raise InvalidTypeError("graph must be a ResponsibilityGraph", "graph 必须是 ResponsibilityGraph")
        proposals += _from_progress(checks, quarter, day, graph)
    proposals += _from_actions(actions, day)
    unique = {p.id: p for p in proposals}
    return tuple(unique[k] for k in sorted(unique))
