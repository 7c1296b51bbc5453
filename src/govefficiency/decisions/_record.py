"""The decision record (重大行政决策过程记录): the matter and the procedural steps taken.

A record describes one major administrative decision (重大行政决策) as the secretariat
documents it: what the matter is (:class:`Matter`) and which procedural steps were taken
when (:class:`PublicComment`, :class:`Hearing`, … :class:`PostEvaluation`). Values are
immutable and validated on construction:

* a wrong Python type raises :class:`~govefficiency.errors.InvalidTypeError`;
* a record that is malformed in itself (a comment closed before it was published, an
  opinion before the draft was sent, the same step twice) raises
  :class:`~govefficiency.errors.DecisionRecordError`.

A record that is well formed but breaks the procedure (a comment period of 20 days, a
head who spoke first) is *not* an error: :func:`validate_decision` reports it as a
:class:`~govefficiency.findings.Finding`.

Dates are calendar dates (``datetime.date``). A date that is still in the future for a
step in progress is simply absent (``None``): the planner computes when it may happen.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar, TypeAlias, TypeVar

import attrs

from govefficiency._time import require_date
from govefficiency._validators import check_iterable, check_text, instance_of
from govefficiency.errors import DecisionRecordError, InvalidTypeError
from govefficiency.text import Text

__all__ = [
    "DATE_FIELDS",
    "STEP_TYPES",
    "Archiving",
    "Category",
    "CollectiveDiscussion",
    "Consultation",
    "DecisionRecord",
    "DepartmentOpinion",
    "ExpertEvaluation",
    "Flag",
    "Hearing",
    "LegalityReview",
    "Matter",
    "MeetingType",
    "Participation",
    "ParticipationForm",
    "Position",
    "PostEvaluation",
    "PublicComment",
    "Publication",
    "ReviewResult",
    "RiskAssessment",
    "Step",
    "StepKind",
    "SupervisingOpinion",
]


# --- vocabularies -----------------------------------------------------------------------


class Category(enum.Enum):
    """The kind of matter, after 重大行政决策程序暂行条例 (decree 713) art. 3.

    The first five are the scope of art. 3 ¶1; the last three are the decisions art. 3
    ¶2 excludes. Whether a category is exempt is decided by the procedure spec (the
    national preset exempts the three excluded categories).

    Members:
        PUBLIC_POLICY: major public policies and measures (重大公共政策和措施), art. 3(1).
        DEVELOPMENT_PLAN: important plans (经济和社会发展等方面的重要规划), art. 3(2).
        RESOURCES: policies on major natural and cultural resources (开发利用、保护重要
            自然资源和文化资源), art. 3(3).
        PUBLIC_CONSTRUCTION: major public construction projects (重大公共建设项目), art. 3(4).
        OTHER_MAJOR: other matters of major public interest (其他重大事项), art. 3(5).
        MACRO_CONTROL: fiscal, monetary and other macro-control decisions (宏观调控决策),
            excluded by art. 3 ¶2.
        LEGISLATION: government legislation (政府立法决策), excluded by art. 3 ¶2.
        EMERGENCY_RESPONSE: emergency response decisions (突发事件应急处置决策), excluded by
            art. 3 ¶2.
    """

    PUBLIC_POLICY = "public_policy"
    DEVELOPMENT_PLAN = "development_plan"
    RESOURCES = "resources"
    PUBLIC_CONSTRUCTION = "public_construction"
    OTHER_MAJOR = "other_major"
    MACRO_CONTROL = "macro_control"
    LEGISLATION = "legislation"
    EMERGENCY_RESPONSE = "emergency_response"

    @property
    def label(self) -> Text:
        """The category's name in Chinese and English."""
        return _CATEGORY_LABELS[self]


_CATEGORY_LABELS = {
    Category.PUBLIC_POLICY: Text("重大公共政策和措施", "major public policy and measures"),
    Category.DEVELOPMENT_PLAN: Text("重要规划", "important plan"),
    Category.RESOURCES: Text("重要自然资源和文化资源政策", "natural and cultural resources policy"),
    Category.PUBLIC_CONSTRUCTION: Text("重大公共建设项目", "major public construction project"),
    Category.OTHER_MAJOR: Text("其他重大事项", "other major matter"),
    Category.MACRO_CONTROL: Text("宏观调控决策", "macro-control decision"),
    Category.LEGISLATION: Text("政府立法决策", "government legislation"),
    Category.EMERGENCY_RESPONSE: Text("突发事件应急处置决策", "emergency response decision"),
}


class Flag(enum.Enum):
    """Facts about a matter that make procedural steps required.

    Members:
        PUBLIC_INTEREST: directly affects the interests of citizens, legal persons or
            other organisations (直接涉及公众切身利益).
        SPECIALISED: specialised or technical (专业性、技术性较强).
        STABILITY_RISK: may affect social stability or public safety (可能影响社会稳定).
        ESPECIALLY_MAJOR: especially major, complex or sensitive (特别重大或复杂、敏感).
        LIVELIHOOD: a livelihood matter (涉及民生).
        PERSONNEL_FUNDS_ASSETS_PLANNING: touches personnel and organs, staffing, fiscal
            funds, state-asset disposal or planning changes (涉及人员机构、编制安排、财政
            资金、国有资产处置和规划变更).
        EMERGENCY: an emergency decision (应急决策).
        ROUTINE: routine government business (日常政务决策).
        EXPLORATORY_REFORM: an exploratory reform for which national law has no clear
            rule yet (国家尚无明确规定的探索性改革决策事项).
        NOT_DISCLOSABLE: a matter that may not be disclosed by law (依法不予公开的决策事项),
            exempt from public participation (decree 713 art. 14 ¶1).
    """

    PUBLIC_INTEREST = "public_interest"
    SPECIALISED = "specialised"
    STABILITY_RISK = "stability_risk"
    ESPECIALLY_MAJOR = "especially_major"
    LIVELIHOOD = "livelihood"
    PERSONNEL_FUNDS_ASSETS_PLANNING = "personnel_funds_assets_planning"
    EMERGENCY = "emergency"
    ROUTINE = "routine"
    EXPLORATORY_REFORM = "exploratory_reform"
    NOT_DISCLOSABLE = "not_disclosable"

    @property
    def label(self) -> Text:
        """The flag's meaning in Chinese and English."""
        return _FLAG_LABELS[self]


_FLAG_LABELS = {
    Flag.PUBLIC_INTEREST: Text("直接涉及公众切身利益", "directly affects public interests"),
    Flag.SPECIALISED: Text("专业性、技术性较强", "specialised or technical"),
    Flag.STABILITY_RISK: Text("可能影响社会稳定", "stability risk"),
    Flag.ESPECIALLY_MAJOR: Text("特别重大或复杂、敏感", "especially major, complex or sensitive"),
    Flag.LIVELIHOOD: Text("涉及民生", "livelihood matter"),
    Flag.PERSONNEL_FUNDS_ASSETS_PLANNING: Text(
        "涉及人员机构、编制、财政资金、国有资产或规划变更",
        "touches personnel, staffing, fiscal funds, state assets or planning changes",
    ),
    Flag.EMERGENCY: Text("应急决策", "emergency decision"),
    Flag.ROUTINE: Text("日常政务决策", "routine business"),
    Flag.EXPLORATORY_REFORM: Text("探索性改革", "exploratory reform"),
    Flag.NOT_DISCLOSABLE: Text("依法不予公开的决策事项", "may not be disclosed by law"),
}

#: The derived fact that holds when the matter touches other departments' duties.
TOUCHES_DEPARTMENTS = "touches_departments"


class StepKind(enum.Enum):
    """The procedural steps a record can contain, in their canonical order."""

    PUBLIC_COMMENT = "public_comment"
    HEARING = "hearing"
    PARTICIPATION = "participation"
    EXPERT_EVALUATION = "expert_evaluation"
    RISK_ASSESSMENT = "risk_assessment"
    CONSULTATION = "consultation"
    SUPERVISING_OPINION = "supervising_opinion"
    LEGALITY_REVIEW = "legality_review"
    COLLECTIVE_DISCUSSION = "collective_discussion"
    PUBLICATION = "publication"
    ARCHIVING = "archiving"
    POST_EVALUATION = "post_evaluation"

    @property
    def label(self) -> Text:
        """The step's name in Chinese and English."""
        return _STEP_LABELS[self]

    @property
    def rank(self) -> int:
        """The position of the step in the canonical order (0 for public comment)."""
        return _STEP_RANK[self]


_STEP_LABELS = {
    StepKind.PUBLIC_COMMENT: Text("公开征求意见", "public comment"),
    StepKind.HEARING: Text("听证会", "hearing"),
    StepKind.PARTICIPATION: Text("其他公众参与方式", "other forms of public participation"),
    StepKind.EXPERT_EVALUATION: Text("专家论证", "expert evaluation"),
    StepKind.RISK_ASSESSMENT: Text("风险评估", "risk assessment"),
    StepKind.CONSULTATION: Text("部门会商", "consultation of departments"),
    StepKind.SUPERVISING_OPINION: Text("分管领导事先意见", "supervising leader's prior opinion"),
    StepKind.LEGALITY_REVIEW: Text("合法性审查", "legality review"),
    StepKind.COLLECTIVE_DISCUSSION: Text("集体讨论决定", "collective discussion"),
    StepKind.PUBLICATION: Text("决策公布", "publication"),
    StepKind.ARCHIVING: Text("归档", "archiving"),
    StepKind.POST_EVALUATION: Text("决策后评估", "post-evaluation"),
}
_STEP_RANK = {kind: i for i, kind in enumerate(StepKind)}


class MeetingType(enum.Enum):
    """The meeting at which a decision was discussed.

    Members:
        STANDING: the government's standing meeting (常务会议).
        PLENARY: the government's plenary meeting (全体会议).
        OFFICE: a mayor's office meeting (市长办公会议).
        OTHER: any other meeting (专题会, circulation for signature 传阅会签, …).
    """

    STANDING = "standing"
    PLENARY = "plenary"
    OFFICE = "office"
    OTHER = "other"

    @property
    def label(self) -> Text:
        return _MEETING_LABELS[self]


_MEETING_LABELS = {
    MeetingType.STANDING: Text("常务会议", "standing meeting"),
    MeetingType.PLENARY: Text("全体会议", "plenary meeting"),
    MeetingType.OFFICE: Text("办公会议", "office meeting"),
    MeetingType.OTHER: Text("其他会议", "other meeting"),
}


class Position(enum.Enum):
    """A view on a draft decision: the majority's view or the head's decision."""

    APPROVE = "approve"
    APPROVE_AMENDED = "approve_amended"
    REJECT = "reject"
    DEFER = "defer"

    @property
    def label(self) -> Text:
        return _POSITION_LABELS[self]


_POSITION_LABELS = {
    Position.APPROVE: Text("同意", "approve"),
    Position.APPROVE_AMENDED: Text("修改后同意", "approve with amendments"),
    Position.REJECT: Text("不同意", "reject"),
    Position.DEFER: Text("暂缓", "defer"),
}


class ReviewResult(enum.Enum):
    """The result of a legality review (合法性审查意见).

    Members:
        LAWFUL: the draft is lawful (合法).
        UNLAWFUL: the draft is unlawful (不合法); it must not go to discussion.
        LEGAL_RISK_STATED: the reviewer states the legal risk of an exploratory reform
            (明示法律风险), which decree 713 art. 25 allows to go to discussion.
    """

    LAWFUL = "lawful"
    UNLAWFUL = "unlawful"
    LEGAL_RISK_STATED = "legal_risk_stated"

    @property
    def label(self) -> Text:
        return _RESULT_LABELS[self]


_RESULT_LABELS = {
    ReviewResult.LAWFUL: Text("合法", "lawful"),
    ReviewResult.UNLAWFUL: Text("不合法", "unlawful"),
    ReviewResult.LEGAL_RISK_STATED: Text("明示法律风险", "legal risk stated"),
}


# --- field validators -----------------------------------------------------------------


def _date(value: object) -> dt.date:
    return require_date(value, "a step date")


def _optional_date(value: object) -> dt.date | None:
    return None if value is None else require_date(value, "a step date")


def _check_bool(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if type(value) is not bool:
        raise InvalidTypeError(
            f"{type(instance).__name__}.{attribute.name} must be True or False, not {value!r}",
            f"{type(instance).__name__}.{attribute.name} 必须是 True 或 False，而不是 {value!r}",
        )


def _check_count(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int:
        raise InvalidTypeError(
            f"{type(instance).__name__}.{attribute.name} must be an int, not {value!r}",
            f"{type(instance).__name__}.{attribute.name} 必须是整数，而不是 {value!r}",
        )
    if value < 0:
        raise DecisionRecordError(
            f"{type(instance).__name__}.{attribute.name} cannot be negative ({value})",
            f"{type(instance).__name__}.{attribute.name} 不能为负数（{value}）",
        )


def _check_text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(
            f"{type(instance).__name__}.{attribute.name} must be a str, not {type(value).__name__}",
            f"{type(instance).__name__}.{attribute.name} 必须是字符串",
        )
    if not value.strip():
        raise DecisionRecordError(
            f"{type(instance).__name__}.{attribute.name} must not be empty",
            f"{type(instance).__name__}.{attribute.name} 不能为空",
        )
    if not value.isprintable():  # no NUL, not only invisible characters (issue 16)
        check_text(value, f"{type(instance).__name__}.{attribute.name}")


def _check_optional_text(instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None:
        _check_text(instance, attribute, value)  # type: ignore[arg-type]


def _member_validator(cls: type[enum.Enum]) -> Any:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidTypeError(
                f"{type(instance).__name__}.{attribute.name} must be a {cls.__name__}, not {value!r}",
                f"{type(instance).__name__}.{attribute.name} 必须是 {cls.__name__}，而不是 {value!r}",
            )

    return check


def _to_names(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"expected a list of names (str), not {type(value).__name__}",
            f"需要名称（字符串）的列表，而不是 {type(value).__name__}",
        )
    items = tuple(value)
    for item in items:
        if not isinstance(item, str):
            raise InvalidTypeError(
                f"names must be strings, got {type(item).__name__} ({item!r})",
                f"名称必须是字符串，而不是 {type(item).__name__}（{item!r}）",
            )
        if not item.strip():
            raise DecisionRecordError("a name must not be empty", "名称不能为空")
    return items


def _to_flags(value: Iterable[Flag]) -> frozenset[Flag]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"Matter.flags must be a set of Flag values, not {type(value).__name__}",
            f"Matter.flags 必须是 Flag 的集合，而不是 {type(value).__name__}",
        )
    flags = frozenset(check_iterable(value, "Matter.flags", hashable=True))
    for flag in flags:
        if not isinstance(flag, Flag):
            raise InvalidTypeError(
                f"Matter.flags must contain Flag values, not {flag!r}",
                f"Matter.flags 只能包含 Flag，而不是 {flag!r}",
            )
    return flags


def _unique(what_en: str, what_zh: str, names: Iterable[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise DecisionRecordError(f"{what_en} {name!r} is listed twice", f"{what_zh}“{name}”重复出现")
        seen.add(name)


# --- the matter -----------------------------------------------------------------------


@attrs.frozen
class Matter:
    """The matter to be decided (决策事项).

    Attributes:
        title: the matter's title, e.g. ``"市区公交票价调整"``.
        category: its :class:`Category` (decree 713 art. 3).
        flags: the facts that make steps required; empty when none applies.
        departments: the departments whose duties the matter touches (涉及职责的部门),
            which must be consulted under the seed-practice spec; empty when none.
    """

    title: str = attrs.field(validator=_check_text)
    category: Category = attrs.field(validator=_member_validator(Category))
    flags: frozenset[Flag] = attrs.field(default=frozenset(), converter=_to_flags)
    departments: tuple[str, ...] = attrs.field(default=(), converter=_to_names)

    def __attrs_post_init__(self) -> None:
        _unique("department", "部门", self.departments)

    @property
    def facts(self) -> frozenset[str]:
        """The flag values that hold, plus ``"touches_departments"`` when
        :attr:`departments` is not empty: the atoms of spec conditions."""
        facts = {flag.value for flag in self.flags}
        if self.departments:
            facts.add(TOUCHES_DEPARTMENTS)
        return frozenset(facts)


# --- the steps ------------------------------------------------------------------------


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


class ParticipationForm(enum.Enum):
    """The forms of hearing the public that decree 713 art. 14 ¶2 names besides public
    comment (:class:`PublicComment`) and hearings (:class:`Hearing`), which have steps of
    their own because the decree sets time rules for them.

    Members:
        SYMPOSIUM: a symposium (座谈会).
        FIELD_VISIT: field visits (实地走访).
        WRITTEN_CONSULTATION: written requests for opinions (书面征求意见).
        QUESTIONNAIRE: a questionnaire survey (问卷调查).
        OPINION_POLL: an opinion poll (民意调查).
        GROUP_CONSULTATION: consultation with people's organisations, social
            organisations and representatives of an affected group (与相关人民团体、
            社会组织以及群众代表进行沟通协商, art. 14 ¶3).
        OTHER: another form ("等多种方式"); say which in the step's ``note``.
    """

    SYMPOSIUM = "symposium"
    FIELD_VISIT = "field_visit"
    WRITTEN_CONSULTATION = "written_consultation"
    QUESTIONNAIRE = "questionnaire"
    OPINION_POLL = "opinion_poll"
    GROUP_CONSULTATION = "group_consultation"
    OTHER = "other"

    @property
    def label(self) -> Text:
        """The form's name in Chinese and English."""
        return _FORM_LABELS[self]


_FORM_LABELS = {
    ParticipationForm.SYMPOSIUM: Text("座谈会", "symposium"),
    ParticipationForm.FIELD_VISIT: Text("实地走访", "field visit"),
    ParticipationForm.WRITTEN_CONSULTATION: Text("书面征求意见", "written consultation"),
    ParticipationForm.QUESTIONNAIRE: Text("问卷调查", "questionnaire"),
    ParticipationForm.OPINION_POLL: Text("民意调查", "opinion poll"),
    ParticipationForm.GROUP_CONSULTATION: Text(
        "与群众代表等沟通协商", "consultation with group representatives"
    ),
    ParticipationForm.OTHER: Text("其他方式", "another form"),
}


def _to_forms(value: Iterable[ParticipationForm]) -> tuple[ParticipationForm, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"Participation.forms must be a list of ParticipationForm, not {type(value).__name__}",
            f"Participation.forms 必须是 ParticipationForm 的列表，而不是 {type(value).__name__}",
        )
    items = tuple(value)
    for item in items:
        if not isinstance(item, ParticipationForm):
            raise InvalidTypeError(
                f"Participation.forms must contain ParticipationForm values, not {item!r}",
                f"Participation.forms 只能包含 ParticipationForm，而不是 {item!r}",
            )
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
    controllable: bool = attrs.field(default=True, validator=_check_bool)
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
    agreed: bool = attrs.field(default=True, validator=_check_bool)
    reasoning: str | None = attrs.field(default=None, validator=_check_optional_text)
    lead_reasoning: str | None = attrs.field(default=None, validator=_check_optional_text)


def _to_opinions(value: Iterable[DepartmentOpinion]) -> tuple[DepartmentOpinion, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"Consultation.opinions must be a list of DepartmentOpinion, not {type(value).__name__}",
            "Consultation.opinions 必须是 DepartmentOpinion 的列表",
        )
    items = tuple(value)
    for item in items:
        if not isinstance(item, DepartmentOpinion):
            raise InvalidTypeError(
                f"Consultation.opinions must contain DepartmentOpinion values, not {item!r}",
                f"Consultation.opinions 只能包含 DepartmentOpinion，而不是 {item!r}",
            )
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
    via_comments: bool = attrs.field(default=False, validator=_check_bool)
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
    reasons_stated: bool = attrs.field(default=False, validator=_check_bool)
    dissenters: tuple[str, ...] = attrs.field(default=(), converter=_to_names)
    dissent_recorded: bool = attrs.field(default=False, validator=_check_bool)
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


S = TypeVar("S", bound=Step)


def _to_steps(value: Iterable[Step]) -> tuple[Step, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"DecisionRecord.steps must be a list of steps, not {type(value).__name__}",
            f"DecisionRecord.steps 必须是步骤的列表，而不是 {type(value).__name__}",
        )
    items = tuple(value)
    seen: set[StepKind] = set()
    for item in items:
        if not isinstance(item, _STEP_CLASSES):
            raise InvalidTypeError(
                f"DecisionRecord.steps must contain step values (PublicComment, Hearing, …), not {item!r}",
                f"DecisionRecord.steps 只能包含步骤对象（PublicComment、Hearing 等），而不是 {item!r}",
            )
        if item.kind in seen:
            raise DecisionRecordError(
                f"the step {item.kind.value!r} appears twice; record each step once "
                f"(put the final dates of a repeated step)",
                f"步骤“{item.kind.label.zh}”出现了两次；每个步骤只记录一次（填写最终日期）",
            )
        seen.add(item.kind)
    return tuple(sorted(items, key=lambda s: s.kind.rank))


def _check_alternatives(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int:
        raise InvalidTypeError(
            f"DecisionRecord.alternatives must be an int, not {value!r}",
            f"DecisionRecord.alternatives 必须是整数，而不是 {value!r}",
        )
    if value < 1:
        raise DecisionRecordError(
            f"DecisionRecord.alternatives counts the draft plans and is at least 1, not {value}",
            f"DecisionRecord.alternatives 是决策方案的个数，至少为 1，而不是 {value}",
        )


@attrs.frozen
class DecisionRecord:
    """A major administrative decision's procedural record.

    Attributes:
        matter: the matter decided.
        steps: the steps taken, at most one of each kind, in canonical order
            (construction sorts them).
        alternatives: the number of alternative plans (可供比较的决策方案) prepared;
            1 when only one draft was prepared.
    """

    matter: Matter = attrs.field(validator=instance_of(Matter))
    steps: tuple[Step, ...] = attrs.field(default=(), converter=_to_steps)
    alternatives: int = attrs.field(default=1, validator=_check_alternatives)

    def step(self, kind: StepKind) -> Step | None:
        """The step of ``kind``, or ``None`` when the record does not contain it."""
        if not isinstance(kind, StepKind):
            raise InvalidTypeError(
                f"kind must be a StepKind, not {kind!r}", f"kind 必须是 StepKind，而不是 {kind!r}"
            )
        for item in self.steps:
            if item.kind is kind:
                return item
        return None

    def get(self, cls: type[S]) -> S | None:
        """The step of class ``cls`` (e.g. ``record.get(LegalityReview)``), or ``None``."""
        if cls not in _STEP_CLASSES:
            raise InvalidTypeError(
                f"cls must be a step class such as LegalityReview, not {cls!r}",
                f"cls 必须是步骤类（如 LegalityReview），而不是 {cls!r}",
            )
        for item in self.steps:
            if isinstance(item, cls):
                return item
        return None

    @property
    def kinds(self) -> frozenset[StepKind]:
        """The kinds of the steps the record contains."""
        return frozenset(item.kind for item in self.steps)

    def with_step(self, step: Step) -> DecisionRecord:
        """A copy with ``step`` added, or replacing the step of the same kind."""
        if not isinstance(step, _STEP_CLASSES):
            raise InvalidTypeError(
                f"step must be a step value (PublicComment, Hearing, …), not {step!r}",
                f"step 必须是步骤对象（PublicComment、Hearing 等），而不是 {step!r}",
            )
        kept = [s for s in self.steps if s.kind is not step.kind]
        return attrs.evolve(self, steps=(*kept, step))

    @classmethod
    def load(cls, source: str | Path | Mapping[str, Any]) -> DecisionRecord:
        """Read a record from a ``.toml``/``.json`` file or a parsed mapping.

        The format is documented in ``docs/decisions.md``. Every error is a
        :class:`~govefficiency.errors.DecisionRecordFileError` naming the file and
        the key path (``steps[2].closed``).
        """
        from govefficiency.decisions._io import load_record

        return load_record(source)

    def to_dict(self) -> dict[str, Any]:
        """A mapping in the file format (dates as ISO strings): ``DecisionRecord.load``
        of it gives back an equal record."""
        from govefficiency.decisions._io import record_to_dict

        return record_to_dict(self)
