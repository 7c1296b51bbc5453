"""The vocabulary and the records of accountability proposals: the sources and
liabilities, seed 002 §4's decision triggers and the finding codes that fall under them,
the protocols the sources are read through, :class:`Proposal` and :class:`Proposals`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import attrs

from govefficiency._time import require_date
from govefficiency._validators import (
    check_ids,
    check_instances,
    instance_of,
    optional,
    valid_date,
    valid_id,
)
from govefficiency.accountability._ladder import AccountabilityEvent, AccountabilityForm, SubjectKind
from govefficiency.citation import Citation
from govefficiency.errors import AccountabilityError, InvalidTypeError
from govefficiency.findings import Finding
from govefficiency.text import LabelledEnum, Lang, Text, require_lang

__all__ = [
    "DECIDING_STEPS",
    "DECISION_TRIGGERS",
    "NOT_DECIDED_CODE",
    "AccountableAction",
    "DecisionRecordLike",
    "DecisionTrigger",
    "Liability",
    "ProgressCheck",
    "ProgressReview",
    "Proposal",
    "ProposalSource",
    "Proposals",
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
