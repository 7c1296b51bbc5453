"""The procedural steps of a decision record: one frozen class per step kind.

Each step (:class:`PublicComment`, :class:`Hearing`, … :class:`PostEvaluation`) is
immutable and validated on construction: a wrong Python type raises
:class:`~govefficiency.errors.InvalidTypeError`; a step malformed in itself (a comment
closed before it was published, an opinion before the draft was sent) raises
:class:`~govefficiency.errors.DecisionRecordError`. :data:`DATE_FIELDS` names the date
fields of each kind in time order, which time rules and the planner refer to.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, TypeAlias

import attrs

from govefficiency._time import require_date
from govefficiency._validators import Validator, at_least, check_text, instance_of, optional, valid_bool
from govefficiency.decisions._convert import items_of
from govefficiency.decisions._vocab import MeetingType, ParticipationForm, Position, ReviewResult, StepKind
from govefficiency.errors import DecisionRecordError, InvalidTypeError

__all__ = [
    "DATE_FIELDS",
    "STEP_TYPES",
    "WAIVER_FIELDS",
    "Archiving",
    "CollectiveDiscussion",
    "Consultation",
    "DepartmentOpinion",
    "ExpertEvaluation",
    "Hearing",
    "LegalityReview",
    "Participation",
    "PostEvaluation",
    "PublicComment",
    "Publication",
    "RiskAssessment",
    "Step",
    "SupervisingOpinion",
    "step_date",
    "step_end",
    "step_start",
]

# --- field validators -----------------------------------------------------------------


def _date(value: object) -> dt.date:
    return require_date(value, "a step date")


def _optional_date(value: object) -> dt.date | None:
    return None if value is None else require_date(value, "a step date")


_is_int = instance_of(
    int, "{owner} must be an int, not {value!r}", "{owner} 必须是整数，而不是 {value!r}", exact=True
)
_is_str = instance_of(str, "{owner} must be a str, not {type}", "{owner} 必须是字符串")


_check_count: list[Validator] = [
    _is_int,
    at_least(
        0, "{owner} cannot be negative ({value})", "{owner} 不能为负数（{value}）", error=DecisionRecordError
    ),
]


def _check_text(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    _is_str(instance, attribute, value)
    if not value.strip():
        raise DecisionRecordError(
            f"{type(instance).__name__}.{attribute.name} must not be empty",
            f"{type(instance).__name__}.{attribute.name} 不能为空",
        )
    if not value.isprintable():  # no NUL, not only invisible characters (issue 16)
        check_text(value, f"{type(instance).__name__}.{attribute.name}")


_check_optional_text = optional(_check_text)


def _member_validator(cls: type[enum.Enum]) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidTypeError(
                f"{type(instance).__name__}.{attribute.name} must be a {cls.__name__}, not {value!r}",
                f"{type(instance).__name__}.{attribute.name} 必须是 {cls.__name__}，而不是 {value!r}",
            )

    return check


def _to_names(value: Iterable[str]) -> tuple[str, ...]:
    items = items_of(value, str, "a list of names", "name (str)")
    for item in items:
        if not item.strip():
            raise DecisionRecordError("a name must not be empty", "名称不能为空")
    return items


def _unique(what_en: str, what_zh: str, names: Iterable[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise DecisionRecordError(f"{what_en} {name!r} is listed twice", f"{what_zh}“{name}”重复出现")
        seen.add(name)


# --- the matter -----------------------------------------------------------------------


def _order(instance: object, first: str, a: dt.date | None, second: str, b: dt.date | None) -> None:
    if a is not None and b is not None and b < a:
        name = type(instance).__name__
        raise DecisionRecordError(
            f"{name}: {second} ({b}) is before {first} ({a}); check the dates",
            f"{name}：{second}（{b}）早于 {first}（{a}），请核对日期",
        )


@attrs.frozen
class PublicComment:
    """A public comment on the draft (向社会公开征求意见; decree 713 arts. 14–15).

    The 30-day minimum of art. 15 ("公开征求意见的期限一般不少于30日") applies to this
    form of participation only.

    Attributes:
        published: the day the draft was published for comment.
        closed: the last day comments were accepted; ``None`` while still open.
        shortened_reason: the reason for urgency stated when publishing, if the period
            was shortened below the usual minimum; ``None`` when none was stated.
        note: free text; ``None`` when empty.
    """

    kind: ClassVar[StepKind] = StepKind.PUBLIC_COMMENT
    published: dt.date = attrs.field(converter=_date)
    closed: dt.date | None = attrs.field(default=None, converter=_optional_date)
    shortened_reason: str | None = attrs.field(default=None, validator=_check_optional_text)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)

    def __attrs_post_init__(self) -> None:
        _order(self, "published", self.published, "closed", self.closed)


@attrs.frozen
class Hearing:
    """A hearing (听证会; decree 713 arts. 16–17; materials 7 days before, art. 16 ¶3).

    Attributes:
        date: the day of the hearing (held or scheduled).
        materials_sent: the day the materials reached the participants; ``None`` when
            not yet sent.
        note: free text; ``None`` when empty.
    """

    kind: ClassVar[StepKind] = StepKind.HEARING
    date: dt.date = attrs.field(converter=_date)
    materials_sent: dt.date | None = attrs.field(default=None, converter=_optional_date)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)


def _to_forms(value: Iterable[ParticipationForm]) -> tuple[ParticipationForm, ...]:
    items = items_of(value, ParticipationForm, "Participation.forms")
    if not items:
        raise DecisionRecordError(
            "Participation.forms must name at least one form (symposium, field_visit, …)",
            "Participation.forms 至少须列出一种方式（座谈会、实地走访等）",
        )
    _unique("participation form", "公众参与方式", (f.value for f in items))
    return tuple(sorted(items, key=_FORM_ORDER.index))


_FORM_ORDER = list(ParticipationForm)


@attrs.frozen
class Participation:
    """Public participation in forms other than public comment and hearings (decree 713
    art. 14 ¶2: 座谈会、实地走访、书面征求意见、问卷调查、民意调查等多种方式).

    Any one of them satisfies art. 14 ¶1 ("应当采取便于社会公众参与的方式充分听取意见");
    the 30-day minimum of art. 15 does not apply to them.

    Attributes:
        date: the day the last of these activities was concluded.
        forms: the forms used, at least one, each once (stored in declaration order).
        note: free text; required when ``forms`` includes ``OTHER`` (say which form).
    """

    kind: ClassVar[StepKind] = StepKind.PARTICIPATION
    date: dt.date = attrs.field(converter=_date)
    forms: tuple[ParticipationForm, ...] = attrs.field(converter=_to_forms)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)

    def __attrs_post_init__(self) -> None:
        if ParticipationForm.OTHER in self.forms and self.note is None:
            raise DecisionRecordError(
                "Participation: a form 'other' needs a note saying which form was used",
                "Participation：方式为“其他”时须在 note 中说明具体方式",
            )


@attrs.frozen
class ExpertEvaluation:
    """An expert evaluation (专家论证; decree 713 arts. 19–21).

    Attributes:
        date: the day the experts' opinion was given.
        note: free text; ``None`` when empty.
    """

    kind: ClassVar[StepKind] = StepKind.EXPERT_EVALUATION
    date: dt.date = attrs.field(converter=_date)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)


@attrs.frozen
class RiskAssessment:
    """A risk assessment (风险评估; decree 713 arts. 22–24).

    An assessment already made under other rules counts (art. 22: no duplicate
    assessment); record it with its date and say so in ``note``.

    Attributes:
        date: the day the assessment was concluded.
        controllable: whether the risk was found controllable (风险可控).
        measures: the risk-control measures adopted; empty when none.
        note: free text; ``None`` when empty.
    """

    kind: ClassVar[StepKind] = StepKind.RISK_ASSESSMENT
    date: dt.date = attrs.field(converter=_date)
    controllable: bool = attrs.field(default=True, validator=valid_bool())
    measures: tuple[str, ...] = attrs.field(default=(), converter=_to_names)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)


@attrs.frozen
class DepartmentOpinion:
    """One consulted department's opinion (部门意见).

    Attributes:
        department: the department's name or id.
        agreed: ``True`` when it agreed with the draft (取得一致意见).
        reasoning: the department's reasons when it disputed (争议理据); ``None`` when
            not stated.
        lead_reasoning: the lead unit's answer to the dispute; ``None`` when not stated.
    """

    department: str = attrs.field(validator=_check_text)
    agreed: bool = attrs.field(default=True, validator=valid_bool())
    reasoning: str | None = attrs.field(default=None, validator=_check_optional_text)
    lead_reasoning: str | None = attrs.field(default=None, validator=_check_optional_text)


def _to_opinions(value: Iterable[DepartmentOpinion]) -> tuple[DepartmentOpinion, ...]:
    items = items_of(value, DepartmentOpinion, "Consultation.opinions")
    _unique("department", "部门", (o.department for o in items))
    return items


@attrs.frozen
class Consultation:
    """The consultation of departments whose duties are touched (部门会商).

    Attributes:
        date: the day the consultation was concluded.
        opinions: one opinion per consulted department.
        note: free text; ``None`` when empty.
    """

    kind: ClassVar[StepKind] = StepKind.CONSULTATION
    date: dt.date = attrs.field(converter=_date)
    opinions: tuple[DepartmentOpinion, ...] = attrs.field(default=(), converter=_to_opinions)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)

    def opinion(self, department: str) -> DepartmentOpinion | None:
        """The opinion of ``department``, or ``None`` when it was not consulted."""
        for item in self.opinions:
            if item.department == department:
                return item
        return None


@attrs.frozen
class SupervisingOpinion:
    """The supervising leader's prior opinion (事先征求分管副市长意见; seed 003).

    Attributes:
        date: the day the opinion was given.
        leader: who gave it, e.g. ``"分管副市长"``; ``None`` when not stated.
        note: free text; ``None`` when empty.
    """

    kind: ClassVar[StepKind] = StepKind.SUPERVISING_OPINION
    date: dt.date = attrs.field(converter=_date)
    leader: str | None = attrs.field(default=None, validator=_check_optional_text)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)


@attrs.frozen
class LegalityReview:
    """A legality review of the draft (合法性审查; decree 713 arts. 25–28).

    Attributes:
        sent: the day the draft was sent to the department in charge of the review.
        opinion: the day its opinion was given; ``None`` while awaited.
        result: the opinion's result; ``None`` exactly when ``opinion`` is ``None``.
        via_comments: ``True`` when the "review" consisted of taking comments (征求
            意见) instead of a review by the department in charge, which art. 25 forbids.
        note: free text; ``None`` when empty.
        shortened_reason: why the review had fewer than the usual 7 working days (art.
            26 ¶2: "一般不少于7个工作日"); ``None`` when none was stated.
    """

    kind: ClassVar[StepKind] = StepKind.LEGALITY_REVIEW
    sent: dt.date = attrs.field(converter=_date)
    opinion: dt.date | None = attrs.field(default=None, converter=_optional_date)
    result: ReviewResult | None = attrs.field(
        default=None, validator=attrs.validators.optional(_member_validator(ReviewResult))
    )
    via_comments: bool = attrs.field(default=False, validator=valid_bool())
    note: str | None = attrs.field(default=None, validator=_check_optional_text)
    shortened_reason: str | None = attrs.field(default=None, validator=_check_optional_text)

    def __attrs_post_init__(self) -> None:
        _order(self, "sent", self.sent, "opinion", self.opinion)
        if (self.opinion is None) != (self.result is None):
            raise DecisionRecordError(
                "LegalityReview: give both the opinion date and its result, or neither "
                "while the opinion is awaited",
                "LegalityReview：审查意见日期与审查结论须同时给出；尚未出具意见时两者都不填",
            )


@attrs.frozen
class CollectiveDiscussion:
    """The collective discussion and decision (集体讨论决定; decree 713 art. 30).

    Attributes:
        date: the day of the meeting.
        meeting: the kind of meeting.
        head: the administrative head (行政首长) who decided.
        speakers: who spoke, in order; empty when the minutes do not say.
        majority_view: the view of the majority of the members (会议组成人员多数人的
            意见); ``None`` when there was no majority.
        decision: the head's decision.
        reasons_stated: ``True`` when the head stated reasons at the meeting.
        dissenters: members who expressed a view different from the decision; empty
            when none.
        dissent_recorded: ``True`` when the minutes record the dissenting views.
        citizen_representatives: how many citizen representatives attended (市民代表
            列席); 0 when none.
        note: free text; ``None`` when empty.
    """

    kind: ClassVar[StepKind] = StepKind.COLLECTIVE_DISCUSSION
    date: dt.date = attrs.field(converter=_date)
    meeting: MeetingType = attrs.field(validator=_member_validator(MeetingType))
    head: str = attrs.field(validator=_check_text)
    decision: Position = attrs.field(validator=_member_validator(Position))
    speakers: tuple[str, ...] = attrs.field(default=(), converter=_to_names)
    majority_view: Position | None = attrs.field(
        default=None, validator=attrs.validators.optional(_member_validator(Position))
    )
    reasons_stated: bool = attrs.field(default=False, validator=valid_bool())
    dissenters: tuple[str, ...] = attrs.field(default=(), converter=_to_names)
    dissent_recorded: bool = attrs.field(default=False, validator=valid_bool())
    citizen_representatives: int = attrs.field(default=0, validator=_check_count)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)

    def __attrs_post_init__(self) -> None:
        _unique("dissenter", "持不同意见者", self.dissenters)
        if self.head in self.dissenters:
            raise DecisionRecordError(
                f"CollectiveDiscussion: the head {self.head!r} cannot dissent from their own decision",
                f"CollectiveDiscussion：行政首长“{self.head}”不能对自己的决定持不同意见",
            )
        if self.speakers:
            unknown = [d for d in self.dissenters if d not in self.speakers]
            if unknown:
                raise DecisionRecordError(
                    f"CollectiveDiscussion: dissenter {unknown[0]!r} is not among the speakers",
                    f"CollectiveDiscussion：持不同意见者“{unknown[0]}”不在发言人名单中",
                )

    @property
    def had_dissent(self) -> bool:
        """Whether any member held a view other than the decision (named dissenters,
        or a majority view that the head's decision departs from)."""
        return bool(self.dissenters) or (
            self.majority_view is not None and self.majority_view != self.decision
        )


@attrs.frozen
class Publication:
    """Publication of the decision (决策公布; decree 713 art. 32).

    Attributes:
        date: the day it was published.
        channel: where (政府公报, 政府网站 …); ``None`` when not stated.
    """

    kind: ClassVar[StepKind] = StepKind.PUBLICATION
    date: dt.date = attrs.field(converter=_date)
    channel: str | None = attrs.field(default=None, validator=_check_optional_text)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)


@attrs.frozen
class Archiving:
    """Archiving of the process records and materials (归档; decree 713 art. 33)."""

    kind: ClassVar[StepKind] = StepKind.ARCHIVING
    date: dt.date = attrs.field(converter=_date)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)


@attrs.frozen
class PostEvaluation:
    """A post-decision evaluation (决策后评估; decree 713 art. 36)."""

    kind: ClassVar[StepKind] = StepKind.POST_EVALUATION
    date: dt.date = attrs.field(converter=_date)
    note: str | None = attrs.field(default=None, validator=_check_optional_text)


Step: TypeAlias = (
    PublicComment
    | Hearing
    | Participation
    | ExpertEvaluation
    | RiskAssessment
    | Consultation
    | SupervisingOpinion
    | LegalityReview
    | CollectiveDiscussion
    | Publication
    | Archiving
    | PostEvaluation
)

#: The class of each step kind.
STEP_TYPES: Mapping[StepKind, type[Step]] = {
    StepKind.PUBLIC_COMMENT: PublicComment,
    StepKind.HEARING: Hearing,
    StepKind.PARTICIPATION: Participation,
    StepKind.EXPERT_EVALUATION: ExpertEvaluation,
    StepKind.RISK_ASSESSMENT: RiskAssessment,
    StepKind.CONSULTATION: Consultation,
    StepKind.SUPERVISING_OPINION: SupervisingOpinion,
    StepKind.LEGALITY_REVIEW: LegalityReview,
    StepKind.COLLECTIVE_DISCUSSION: CollectiveDiscussion,
    StepKind.PUBLICATION: Publication,
    StepKind.ARCHIVING: Archiving,
    StepKind.POST_EVALUATION: PostEvaluation,
}
_STEP_CLASSES = tuple(STEP_TYPES.values())

#: The date fields of each step kind in time order: the first is when the step starts,
#: the last when it is complete. Time rules and the planner refer to them as
#: ``"<kind>.<field>"`` (``"public_comment.closed"``).
DATE_FIELDS: Mapping[StepKind, tuple[str, ...]] = {
    StepKind.PUBLIC_COMMENT: ("published", "closed"),
    StepKind.HEARING: ("materials_sent", "date"),
    StepKind.PARTICIPATION: ("date",),
    StepKind.EXPERT_EVALUATION: ("date",),
    StepKind.RISK_ASSESSMENT: ("date",),
    StepKind.CONSULTATION: ("date",),
    StepKind.SUPERVISING_OPINION: ("date",),
    StepKind.LEGALITY_REVIEW: ("sent", "opinion"),
    StepKind.COLLECTIVE_DISCUSSION: ("date",),
    StepKind.PUBLICATION: ("date",),
    StepKind.ARCHIVING: ("date",),
    StepKind.POST_EVALUATION: ("date",),
}

#: The optional text fields that can waive a time rule (a stated reason for urgency).
WAIVER_FIELDS: Mapping[StepKind, tuple[str, ...]] = {
    StepKind.PUBLIC_COMMENT: ("shortened_reason",),
    StepKind.LEGALITY_REVIEW: ("shortened_reason",),
}


def step_date(step: Step, field: str) -> dt.date | None:
    """The value of the date field ``field`` of ``step`` (``None`` when not yet known)."""
    value = getattr(step, field)
    assert value is None or isinstance(value, dt.date)
    return value


def step_start(step: Step) -> dt.date | None:
    """The first known date of ``step`` (when it started)."""
    for field in DATE_FIELDS[step.kind]:
        value = step_date(step, field)
        if value is not None:
            return value
    return None  # pragma: no cover - every step has a required date


def step_end(step: Step) -> dt.date | None:
    """The date ``step`` was complete; ``None`` while it is in progress."""
    return step_date(step, DATE_FIELDS[step.kind][-1])
