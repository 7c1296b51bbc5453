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

from govefficiency._deprecation import warn_old_form
from govefficiency._time import require_date
from govefficiency._validators import (
    check_id,
    check_ids,
    check_instances,
    check_iterable,
    instance_of,
    optional,
    valid_date,
    valid_id,
)
from govefficiency.accountability._codes import (
    DECISION_NOT_MADE,
    SEED_002_DECISIONS,
    SEED_003_KEY,
    SEED_003_SPECIAL,
)
from govefficiency.accountability._ladder import AccountabilityEvent, AccountabilityForm, SubjectKind
from govefficiency.citation import Citation
from govefficiency.errors import AccountabilityError, InvalidTypeError
from govefficiency.findings import Finding, Severity, sort_findings
from govefficiency.responsibility import ResponsibilityGraph, resolve_unit
from govefficiency.text import LabelledEnum, Lang, Text, require_lang

__all__ = [
    "DECIDING_STEPS",
    "DECISION_TRIGGERS",
    "AccountableAction",
    "DecisionRecordLike",
    "DecisionTrigger",
    "Liability",
    "ProgressCheck",
    "ProgressReview",
    "Proposal",
    "ProposalSource",
    "Proposals",
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


class ProgressReview(Protocol):
    """A ledger check at a quarter's end (e.g. the :class:`govefficiency.ledger.CheckReport`
    of ``june_check``): the day it reviewed and its items."""

    @property
    def day(self) -> dt.date: ...

    @property
    def items(self) -> Iterable[ProgressCheck]: ...


class DecisionRecordLike(Protocol):
    """A major-decision record (e.g. :class:`govefficiency.decisions.DecisionRecord`): its
    steps, each with a ``kind`` (whose ``value`` is the step kind) and a ``date``."""

    @property
    def steps(self) -> Iterable[Any]: ...


#: The steps that exist only once the decision is made: decree 713 art. 30 (the head decides on
#: the basis of the collective discussion), then publication (art. 32), archiving (art. 33) and
#: post-evaluation (art. 36). A record with none of them on or before the day of the proposals
#: records a decision not made yet.
DECIDING_STEPS: tuple[str, ...] = ("collective_discussion", "publication", "archiving", "post_evaluation")


#: The decision validator's notice for a record not decided yet: among the findings, it says
#: the decision is not made (when neither ``decision_record`` nor ``decided_on`` is given).
NOT_DECIDED_CODE = "RECORD_NOT_DECIDED"


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
        lang = require_lang(lang)
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


class Proposals(tuple[Proposal, ...]):
    """The proposals, in a deterministic order (by id) — a tuple — and in :attr:`findings`
    the facts that gave none and why, one per row (``DECISION_NOT_MADE``: a finding of a
    decision not made yet)."""

    findings: tuple[Finding, ...]

    def __new__(cls, proposals: Iterable[Proposal] = (), findings: Iterable[Finding] = ()) -> Proposals:
        self = super().__new__(cls, check_instances(proposals, Proposal, "proposals"))
        self.findings = check_instances(findings, Finding, "findings")
        return self


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
    findings: Iterable[Finding],
    decision_id: str,
    makers: tuple[str, ...],
    on: dt.date,
    decided: bool | None,
    why: Text | None,
    notices: list[Finding],
) -> list[Proposal]:
    """Proposals for a decision made (``decided`` true); for one not made yet, a
    ``DECISION_NOT_MADE`` notice per finding instead; when nobody said (``decided`` None),
    proposals on condition that the decision was made."""
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
    if decided is False:
        assert why is not None
        for trigger in DecisionTrigger:
            for f in grouped.get(trigger, ()):
                notices.append(
                    DECISION_NOT_MADE(
                        decision_id,
                        f.code,
                        *f.subject,
                        decision=decision_id,
                        on=on.isoformat(),
                        why=why.zh,
                        why_en=why.en,
                        code=f.code,
                    )
                )
        return []
    unknown = None
    if decided is None:
        unknown = Text(
            "该决策已经作出（未给出决策记录 decision_record= 或 decided_on=）",
            "that the decision was made (neither decision_record= nor decided_on= was given)",
        )
    out = []
    for trigger in DecisionTrigger:
        found = grouped.get(trigger)
        if not found:
            continue
        liability, conditions = _TRIGGER_TERMS[trigger]
        if unknown is not None:
            conditions = (
                unknown
                if conditions is None
                else Text(f"{unknown.zh}；{conditions.zh}", f"{unknown.en}; {conditions.en}")
            )
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


def _decided(record: object, decided_on: object, on: dt.date) -> tuple[bool | None, Text | None]:
    """Whether the decision is made by ``on`` (None: nobody said), and the words why."""
    if decided_on is not None:
        day = require_date(decided_on, "decided_on")
        if day > on:
            raise AccountabilityError(
                f"decided_on {day} is after the day of the proposals {on}: a proposal rests on a decision "
                "already made; propose on or after the day of the decision",
                f"decided_on {day} 晚于问责建议日期 {on}：问责建议只能针对已经作出的决策；请在决策作出之日或之后提出",
            )
        return True, Text(f"于 {day} 作出", f"made on {day}")
    if record is None:
        return None, None
    steps = getattr(record, "steps", None)
    if steps is None or isinstance(steps, str | bytes):
        raise InvalidTypeError(
            f"decision_record must be a decision record (with steps), not {type(record).__name__}",
            f"decision_record 必须是决策记录（含 steps），而不是 {type(record).__name__}",
        )
    made = [
        step.date
        for step in check_iterable(steps, "decision_record.steps")
        if getattr(getattr(step, "kind", None), "value", None) in DECIDING_STEPS
        and isinstance(getattr(step, "date", None), dt.date)
        and step.date <= on
    ]
    if made:
        return True, Text(f"于 {min(made)} 作出", f"made on {min(made)}")
    return False, Text(
        "记录中没有集体讨论决定、决策公布、归档或决策后评估",
        "the record has no collective discussion, publication, archiving or post-evaluation",
    )


def _review_day(review: object) -> dt.date | None:
    """The day a check reviewed (its ``day``, else the date of its ``at``), or None for bare
    items."""
    if not hasattr(review, "items") or isinstance(review, Mapping):
        return None
    day = getattr(review, "day", None)
    if day is None:
        at = getattr(review, "at", None)
        day = at.date() if isinstance(at, dt.datetime) else at
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidTypeError(
            f"progress_checks: a check report needs its review day (day=), not {day!r}",
            f"progress_checks：检查报告需要其检查日期（day），而不是 {day!r}",
        )
    return day


def _quarter_of(day: dt.date) -> tuple[int, int] | None:
    q = (day.month - 1) // 3 + 1
    return (day.year, q) if quarter_end(day.year, q) == day else None


def _check_quarter(quarter: object) -> tuple[int, int]:
    if not isinstance(quarter, tuple) or len(quarter) != 2:
        raise AccountabilityError(
            f"quarter is (year, quarter), not {quarter!r}", f"quarter 应为 (年份, 季度)，而不是 {quarter!r}"
        )
    quarter_end(*quarter)  # validates
    return quarter


def _progress_checks(
    progress_checks: object, quarter: object, on: dt.date
) -> tuple[tuple[ProgressCheck, ...], tuple[int, int] | None]:
    """The items of the check and its quarter, checked against each other: a check report
    must have been made at the end of the named quarter; bare items (the old form) warn."""
    day = _review_day(progress_checks)
    if day is not None:
        items = check_iterable(progress_checks.items, "progress_checks.items")  # type: ignore[attr-defined]
        named = _quarter_of(day)
        if quarter is None:
            if named is None:
                raise AccountabilityError(
                    f"the progress checks were made on {day}, which ends no quarter: run the check at a "
                    "quarter's end (at=quarter_end(year, quarter)) or give quarter=(year, quarter)",
                    f"进展检查日期为 {day}，不是季度末：请在季度末检查（at=quarter_end(年份, 季度)）或给出 quarter=(年份, 季度)",
                )
            quarter = named
        year, q = _check_quarter(quarter)
        end = quarter_end(year, q)
        if day != end:
            where = f"the end of {named[0]} Q{named[1]}" if named else "not a quarter's end"
            where_zh = f"{named[0]} 年第 {named[1]} 季度末" if named else "不是季度末"
            raise AccountabilityError(
                f"the progress checks were made on {day} ({where}), not at the end of {year} Q{q} ({end}): "
                f"run the check at quarter_end({year}, {q}), or name the quarter the checks were made for",
                f"进展检查日期为 {day}（{where_zh}），不是 {year} 年第 {q} 季度末（{end}）："
                f"请以 quarter_end({year}, {q}) 重新检查，或给出检查所对应的季度",
            )
        if on < day:
            raise AccountabilityError(
                f"proposals on {on} cannot rest on a check made later, on {day}",
                f"{on} 的问责建议不能依据其后 {day} 的检查",
            )
        return _items(items), (year, q)
    items = check_iterable(progress_checks, "progress_checks")
    if not items:
        return (), None
    warn_old_form(
        "propose_accountability(progress_checks=<the items of a check>)",
        "pass the check itself, progress_checks=june_check(ledger, at=quarter_end(year, quarter)), "
        "so that its review day can be checked against quarter=",
        stacklevel=4,
    )
    if quarter is None:
        raise AccountabilityError(
            "progress checks need quarter=(year, quarter)", "进展检查需要给出 quarter=(年份, 季度)"
        )
    year, q = _check_quarter(quarter)
    end = quarter_end(year, q)
    checked = _items(items)
    later = sorted(
        {
            i.item_id
            for i in checked
            if isinstance(rd := getattr(i, "report_date", None), dt.date) and rd > end
        }
    )
    if later:
        raise AccountabilityError(
            f"the progress checks use reports dated after the end of {year} Q{q} ({end}) for {', '.join(later)}: "
            f"they are not a check at that quarter's end; pass the check itself "
            f"(progress_checks=june_check(ledger, at=quarter_end({year}, {q})))",
            f"进展检查中 {'、'.join(later)} 依据的进度报告晚于 {year} 年第 {q} 季度末（{end}），不是该季度末的检查；"
            f"请传入检查本身（progress_checks=june_check(ledger, at=quarter_end({year}, {q}))）",
        )
    return checked, (year, q)


def _items(items: tuple[Any, ...]) -> tuple[ProgressCheck, ...]:
    for i in items:
        if not all(hasattr(i, name) for name in ("item_id", "title", "unit", "status", "gap")):
            raise InvalidTypeError(
                f"progress checks are ledger check items (item_id, title, unit, status, gap), not {type(i).__name__}",
                f"进展检查必须是台账检查条目（item_id、title、unit、status、gap），而不是 {type(i).__name__}",
            )
    return items


def _from_progress(
    checks: Iterable[ProgressCheck], quarter: tuple[int, int], on: dt.date, graph: ResponsibilityGraph | None
) -> list[Proposal]:
    year, q = quarter
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
    decision_record: DecisionRecordLike | None = None,
    decided_on: dt.date | None = None,
    progress_checks: ProgressReview | Iterable[ProgressCheck] = (),
    quarter: tuple[int, int] | None = None,
    actions: Iterable[AccountableAction] = (),
    graph: ResponsibilityGraph | None = None,
) -> Proposals:
    """Turn facts into accountability proposals, in a deterministic order (by id).

    Args:
        on: the day of the proposals.
        decision_findings: the decision validator's findings on one decision; with
            ``decision_id`` and the ``decision_makers`` (person ids) they concern. Only
            error findings whose code :data:`DECISION_TRIGGERS` maps count, and only for a
            decision made: seed 002 §4 holds to account for *making* a decision against the
            procedure, and a step not done yet in a procedure still running is no breach.
        decision_record: the decision's record (e.g. the ``DecisionRecord`` the findings
            came from): the decision is made once it has a collective discussion,
            publication, archiving or post-evaluation (:data:`DECIDING_STEPS`) dated on or
            before ``on``. For a decision not made yet no proposal is made; each finding
            that would have counted is reported in :attr:`Proposals.findings`
            (``DECISION_NOT_MADE``).
        decided_on: the day the decision was made, when the record cannot show it (e.g.
            a decision made without a collective discussion and not yet published); it
            takes precedence over ``decision_record``. With neither, a
            ``RECORD_NOT_DECIDED`` notice among the findings (the validator's, for a record
            not decided) means not made; otherwise the decision findings still give proposals (for one release, with a ``DeprecationWarning``),
            on the condition, stated in :attr:`Proposal.conditions`, that the decision
            was made.
        progress_checks: a ledger check made at the end of ``quarter`` (e.g.
            ``june_check(ledger, at=quarter_end(2026, 3))``); items behind or without a
            report give 专项问责 proposals for their lead unit. The check's review day
            must be the end of ``quarter``. The bare items of a check (``….items``, the
            old form) carry no review day: they still work for one release, with a
            ``DeprecationWarning``, and are refused when a report they use is dated
            after the quarter's end.
        quarter: ``(year, quarter)`` of ``progress_checks``; with a check report it may be
            left out when the check was made at a quarter's end.
        actions: escalation actions; those of accountable levels give 重点问责 proposals
            for the units concerned.
        graph: an org chart: the units a ledger names as people write them (市教育局)
            are resolved to unit ids through its names and aliases.

    Returns:
        :class:`Proposals`: a tuple of :class:`Proposal` by id, with the ``findings``
        that explain facts which gave no proposal.

    Raises:
        AccountabilityError: findings without a decision id or makers, checks without a
            quarter or made on another day than the quarter's end, a decision made after
            ``on``, a bad date.
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
    decided, why = _decided(decision_record, decided_on, day)
    if decided is None and any(getattr(f, "code", None) == NOT_DECIDED_CODE for f in findings):
        decided, why = (
            False,
            Text(
                f"决策检查报告 {NOT_DECIDED_CODE}：记录中尚无决定",
                f"the validator reports {NOT_DECIDED_CODE}",
            ),
        )
    checks, checked_quarter = _progress_checks(progress_checks, quarter, day)
    if graph is not None and not isinstance(graph, ResponsibilityGraph):
        raise InvalidTypeError("graph must be a ResponsibilityGraph", "graph 必须是 ResponsibilityGraph")
    proposals: list[Proposal] = []
    notices: list[Finding] = []
    if findings:
        assert decision_id is not None  # checked above
        if decided is None:
            warn_old_form(
                "propose_accountability(decision_findings=...) without decision_record= or decided_on=",
                "say whether the decision was made: pass decision_record=<the record> or decided_on=<the day>",
            )
        proposals += _from_findings(findings, decision_id, makers, day, decided, why, notices)
    if checks:
        assert checked_quarter is not None
        proposals += _from_progress(checks, checked_quarter, day, graph)
    proposals += _from_actions(actions, day)
    unique = {p.id: p for p in proposals}
    return Proposals((unique[k] for k in sorted(unique)), sort_findings(notices))
