"""The rules of a procedure spec: one frozen class per rule type (see :mod:`._spec`).

Every rule has an ``id``, a citation, a condition (``when``), an optional severity
override and description, and the parameters of its type; :meth:`loosens` tells why a
rule of the same id in an extending spec would be looser than its parent (``None`` when
it only tightens it).
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar, TypeAlias

import attrs

from govefficiency._validators import check_id, instance_of, optional_instance_of, valid_bool
from govefficiency.citation import Citation
from govefficiency.decisions._codes import STEP_OUT_OF_ORDER, template_fields
from govefficiency.decisions._conditions import _ALWAYS, Condition, FieldRef, Unit, _spec_error
from govefficiency.decisions._convert import items_of
from govefficiency.decisions._vocab import MeetingType, StepKind
from govefficiency.errors import InvalidTypeError, ProcedureSpecError
from govefficiency.findings import FindingCode, Severity
from govefficiency.text import Text

__all__ = [
    "RULE_CLASSES",
    "CheckKind",
    "CheckRule",
    "ConsultationRule",
    "Exemption",
    "IntervalRule",
    "MeetingRule",
    "MinimumRule",
    "OrderRule",
    "RequiredStep",
    "Rule",
    "Target",
]

# --- rules ----------------------------------------------------------------------------------


def _check_id(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise _spec_error(
            f"a rule id must be a string, not {value!r}", f"规则 id 必须是字符串，而不是 {value!r}"
        )
    check_id(value, "a rule id", error=ProcedureSpecError)


_check_citation = instance_of(
    Citation,
    "every rule needs a Citation (law and article), not {value!r}",
    "每条规则都必须有 Citation（法规及条文），而不是 {value!r}",
)
_check_condition = instance_of(
    Condition, "{field} must be a Condition, not {value!r}", "{field} 必须是 Condition，而不是 {value!r}"
)
_check_severity = optional_instance_of(
    Severity, "severity must be a Severity or None, not {value!r}", "severity 必须是 Severity 或 None"
)


def _check_minimum(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or value < 0:
        raise _spec_error(
            f"{attribute.name} must be a non-negative int, not {value!r}",
            f"{attribute.name} 必须是非负整数，而不是 {value!r}",
        )


def _to_kinds(value: Iterable[StepKind]) -> tuple[StepKind, ...]:
    items = items_of(value, StepKind, "steps")
    if not items:
        raise _spec_error("a list of steps must not be empty", "步骤列表不能为空")
    if len(set(items)) != len(items):
        raise _spec_error("a list of steps names a step twice", "步骤列表中有重复的步骤")
    return items


def _code_taking(params: frozenset[str]) -> Any:
    """A validator: the code's templates use only ``params``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and attribute.name == "waived_code":
            return
        if not isinstance(value, FindingCode):
            raise InvalidTypeError(
                f"{attribute.name} must be a FindingCode, not {value!r}",
                f"{attribute.name} 必须是 FindingCode，而不是 {value!r}",
            )
        extra = sorted(template_fields(value) - params)
        if extra:
            raise _spec_error(
                f"the code {value.code} cannot be used by a rule of type {type(instance).type!r}: its "  # type: ignore[attr-defined]
                f"message needs {', '.join(extra)}, which such a rule does not supply",
                f"问题代码 {value.code} 不能用于此类规则：其消息需要参数 {', '.join(extra)}",
            )

    return check


_REQUIRED_PARAMS = frozenset({"title", "steps_zh", "steps_en", "step_zh", "step_en", "when_zh", "when_en"})
_INTERVAL_PARAMS = frozenset(
    {
        "title",
        "step_zh",
        "step_en",
        "from_zh",
        "from_en",
        "to_zh",
        "to_en",
        "start",
        "end",
        "actual",
        "minimum",
        "unit_zh",
        "unit_en",
        "earliest",
        "latest",
        "reason",
        "when_zh",
        "when_en",
    }
)
_ORDER_PARAMS = frozenset(
    {"title", "step_zh", "step_en", "prior_zh", "prior_en", "date", "prior_date_zh", "prior_date_en"}
)
_MINIMUM_PARAMS = frozenset({"title", "count", "minimum", "date", "when_zh", "when_en"})


def _severity_rank(rule: Rule, code: FindingCode) -> int:
    return (rule.severity or code.severity).rank


#: Why a rule that applies to fewer matters than its parent loosens it.
_FEWER_MATTERS = Text("适用范围缩小", "it applies to fewer matters")


@attrs.frozen(kw_only=True)
class _RuleBase:
    """What every rule has: an id, a citation, a condition, an optional severity override
    and description. (Private: :data:`Rule` is the union of the rule classes.)"""

    type: ClassVar[str]
    id: str = attrs.field(validator=_check_id)
    citation: Citation = attrs.field(validator=_check_citation)
    when: Condition = attrs.field(default=_ALWAYS, validator=_check_condition)
    severity: Severity | None = attrs.field(default=None, validator=_check_severity)
    description: Text | None = None


@attrs.frozen(kw_only=True)
class Exemption(_RuleBase):
    """The matter is not subject to the procedure when ``when`` holds (``NOT_APPLICABLE``).

    ``description`` says why, in zh and en (it is the finding's reason).
    """

    type: ClassVar[str] = "exemption"
    when: Condition = attrs.field(validator=_check_condition)
    description: Text = attrs.field(validator=instance_of(Text))

    def __attrs_post_init__(self) -> None:
        if self.when.always:
            raise _spec_error(
                f"exemption {self.id!r} needs a condition (when); an unconditional exemption would "
                f"exempt every matter",
                f"豁免规则 {self.id!r} 必须有适用条件（when），否则所有事项都会被豁免",
            )

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, Exemption)
        if not self.when.implies(parent.when):
            return Text("豁免范围扩大", "it exempts more matters")
        return None


@attrs.frozen(kw_only=True)
class RequiredStep(_RuleBase):
    """One of ``steps`` must be in the record when ``when`` holds; else ``code``."""

    type: ClassVar[str] = "required"
    steps: tuple[StepKind, ...] = attrs.field(converter=_to_kinds)
    code: FindingCode = attrs.field(validator=_code_taking(_REQUIRED_PARAMS))

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, RequiredStep)
        if not set(self.steps) <= set(parent.steps):
            return Text("可替代的步骤增加", "it accepts more alternative steps")
        if not parent.when.implies(self.when):
            return _FEWER_MATTERS
        if _severity_rank(self, self.code) > _severity_rank(parent, parent.code):
            return Text("严重程度降低", "its severity is lower")
        return None


def _to_pairs(rule: OrderRule) -> frozenset[tuple[StepKind, StepKind]]:
    return frozenset(itertools.product(rule.before, rule.after))


@attrs.frozen(kw_only=True)
class OrderRule(_RuleBase):
    """Every step of ``before`` present in the record is complete no later than any step of
    ``after`` starts (same day allowed); else ``STEP_OUT_OF_ORDER``."""

    type: ClassVar[str] = "order"
    before: tuple[StepKind, ...] = attrs.field(converter=_to_kinds)
    after: tuple[StepKind, ...] = attrs.field(converter=_to_kinds)
    code: FindingCode = attrs.field(default=STEP_OUT_OF_ORDER, validator=_code_taking(_ORDER_PARAMS))

    def __attrs_post_init__(self) -> None:
        common = set(self.before) & set(self.after)
        if common:
            name = sorted(k.value for k in common)[0]
            raise _spec_error(
                f"order rule {self.id!r} puts the step {name!r} both before and after",
                f"顺序规则 {self.id!r} 中步骤 {name!r} 既在前又在后",
            )

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, OrderRule)
        if not _to_pairs(parent) <= _to_pairs(self):
            return Text("顺序约束减少", "it drops order constraints")
        if not parent.when.implies(self.when):
            return _FEWER_MATTERS
        return None


@attrs.frozen(kw_only=True)
class IntervalRule(_RuleBase):
    """At least ``minimum`` units from the date ``start`` to the date ``end``.

    Counting: in ``days``, ``end - start >= minimum`` (the start day is not counted, so a
    comment published on 2026-09-10 may close on 2026-10-10 under a 30-day minimum); in
    ``working_days``, ``end >= calendar.add_working_days(start, minimum)`` (the
    ``minimum``-th working day strictly after ``start``). When ``waiver`` names a text
    field that is filled in (a stated reason for urgency), the minimum becomes
    ``waived_minimum`` (no minimum when ``None``) and a breach is ``waived_code``.

    Attributes:
        start / end: the two dates (``from`` / ``to`` in spec files).
        minimum: the least number of units.
        unit: calendar days or working days.
        code: the finding when the minimum is not met.
        waiver: the text field that waives the minimum, or ``None``.
        waived_minimum: the floor that still applies when waived, or ``None``.
        waived_code: the finding when the floor is not met.
    """

    type: ClassVar[str] = "interval"
    start: FieldRef = attrs.field(validator=instance_of(FieldRef))
    end: FieldRef = attrs.field(validator=instance_of(FieldRef))
    minimum: int = attrs.field(validator=_check_minimum)
    code: FindingCode = attrs.field(validator=_code_taking(_INTERVAL_PARAMS))
    unit: Unit = attrs.field(default=Unit.DAYS, validator=instance_of(Unit))
    waiver: FieldRef | None = attrs.field(default=None, validator=optional_instance_of(FieldRef))
    waived_minimum: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_minimum)
    )
    waived_code: FindingCode | None = attrs.field(default=None, validator=_code_taking(_INTERVAL_PARAMS))

    def __attrs_post_init__(self) -> None:
        if self.start == self.end:
            raise _spec_error(
                f"interval rule {self.id!r} runs from {self.start} to itself",
                f"间隔规则 {self.id!r} 的起止字段相同（{self.start}）",
            )
        if self.waiver is None and (self.waived_minimum is not None or self.waived_code is not None):
            raise _spec_error(
                f"interval rule {self.id!r} has waived_minimum/waived_code but no waiver field",
                f"间隔规则 {self.id!r} 设置了 waived_minimum/waived_code 却没有 waiver 字段",
            )
        if self.waived_minimum is not None:
            if self.waived_code is None:
                raise _spec_error(
                    f"interval rule {self.id!r} has a waived_minimum but no waived_code to report it",
                    f"间隔规则 {self.id!r} 设置了 waived_minimum 却没有 waived_code",
                )
            if self.waived_minimum > self.minimum:
                raise _spec_error(
                    f"interval rule {self.id!r}: waived_minimum ({self.waived_minimum}) exceeds "
                    f"minimum ({self.minimum})",
                    f"间隔规则 {self.id!r}：waived_minimum（{self.waived_minimum}）大于 minimum（{self.minimum}）",
                )

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, IntervalRule)
        if (self.start, self.end, self.unit) != (parent.start, parent.end, parent.unit):
            return Text("起止字段或计算单位改变", "it measures different dates or units")
        if self.minimum < parent.minimum:
            return Text("最短期限缩短", "its minimum is lower")
        if parent.waiver is None and self.waiver is not None:
            return Text("新增豁免理由", "it adds a waiver")
        if parent.waiver is not None and self.waiver is not None:
            floor = self.waived_minimum or 0
            if floor < (parent.waived_minimum or 0):
                return Text("豁免后的最短期限缩短", "its floor under a waiver is lower")
        if not parent.when.implies(self.when):
            return _FEWER_MATTERS
        if _severity_rank(self, self.code) > _severity_rank(parent, parent.code):
            return Text("严重程度降低", "its severity is lower")
        return None


class Target(enum.Enum):
    """What a ``minimum`` rule counts."""

    ALTERNATIVES = "alternatives"
    CITIZEN_REPRESENTATIVES = "citizen_representatives"


@attrs.frozen(kw_only=True)
class MinimumRule(_RuleBase):
    """A count is at least ``minimum`` when ``when`` holds; else ``code``.

    ``alternatives`` counts the record's alternative plans; ``citizen_representatives``
    counts those present at the collective discussion (checked only once it was held).
    """

    type: ClassVar[str] = "minimum"
    target: Target = attrs.field(validator=instance_of(Target))
    minimum: int = attrs.field(validator=_check_minimum)
    code: FindingCode = attrs.field(validator=_code_taking(_MINIMUM_PARAMS))

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, MinimumRule)
        if self.target is not parent.target:
            return Text("计数对象改变", "it counts something else")
        if self.minimum < parent.minimum:
            return Text("最低数量降低", "its minimum is lower")
        if not parent.when.implies(self.when):
            return _FEWER_MATTERS
        return None


@attrs.frozen(kw_only=True)
class ConsultationRule(_RuleBase):
    """Every department in ``matter.departments`` was consulted before the discussion
    (``CONSULTATION_MISSING``); with ``require_agreement`` a disputing department is
    ``CONSULTATION_NOT_AGREED``; with ``require_reasons`` a dispute lacking either side's
    reasoning is ``DISPUTE_REASONS_MISSING``."""

    type: ClassVar[str] = "consultation"
    require_agreement: bool = attrs.field(default=True, validator=valid_bool())
    require_reasons: bool = attrs.field(default=True, validator=valid_bool())
    agreement_citation: Citation | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_citation)
    )
    reasons_citation: Citation | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_citation)
    )

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, ConsultationRule)
        if (parent.require_agreement and not self.require_agreement) or (
            parent.require_reasons and not self.require_reasons
        ):
            return Text("取消了一致或理据要求", "it drops the agreement or reasoning requirement")
        if not parent.when.implies(self.when):
            return _FEWER_MATTERS
        return None


def _to_meetings(value: Iterable[MeetingType]) -> frozenset[MeetingType]:
    items = frozenset(items_of(value, MeetingType, "allowed meetings"))
    if not items:
        raise _spec_error("a meeting rule must allow at least one meeting type", "会议规则至少允许一种会议")
    return items


@attrs.frozen(kw_only=True)
class MeetingRule(_RuleBase):
    """The collective discussion is held at one of ``allowed`` (``WRONG_MEETING_TYPE``)."""

    type: ClassVar[str] = "meeting"
    allowed: frozenset[MeetingType] = attrs.field(converter=_to_meetings)

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, MeetingRule)
        if not self.allowed <= parent.allowed:
            return Text("允许的会议类型增加", "it allows more meeting types")
        if not parent.when.implies(self.when):
            return _FEWER_MATTERS
        return None


class CheckKind(enum.Enum):
    """The fixed statutory checks a ``check`` rule can switch on.

    Members:
        RISK_CONTROLLABLE: a risk found not controllable blocks the decision
            (``RISK_NOT_CONTROLLABLE``).
        GENUINE_REVIEW: comment-taking cannot replace the legality review
            (``LEGALITY_REVIEW_REPLACED_BY_COMMENTS``).
        LAWFUL_DRAFT_ONLY: a draft reviewed as unlawful (or with legal risk stated,
            outside ``allow_legal_risk_when``) must not be discussed
            (``UNLAWFUL_DRAFT_DISCUSSED``).
        HEAD_SPEAKS_LAST: the head speaks last (``HEAD_NOT_LAST``).
        HEAD_STATES_REASONS: a head deciding against the majority states reasons at the
            meeting (``HEAD_OVERRULED_WITHOUT_REASON``).
        DISSENT_RECORDED: the minutes record dissent (``DISSENT_NOT_RECORDED``).
    """

    RISK_CONTROLLABLE = "risk_controllable"
    GENUINE_REVIEW = "genuine_review"
    LAWFUL_DRAFT_ONLY = "lawful_draft_only"
    HEAD_SPEAKS_LAST = "head_speaks_last"
    HEAD_STATES_REASONS = "head_states_reasons"
    DISSENT_RECORDED = "dissent_recorded"


@attrs.frozen(kw_only=True)
class CheckRule(_RuleBase):
    """A fixed statutory check (see :class:`CheckKind`), switched on with its citation."""

    type: ClassVar[str] = "check"
    check: CheckKind = attrs.field(validator=instance_of(CheckKind))
    allow_legal_risk_when: Condition | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_condition)
    )

    def __attrs_post_init__(self) -> None:
        if self.allow_legal_risk_when is not None and self.check is not CheckKind.LAWFUL_DRAFT_ONLY:
            raise _spec_error(
                f"check rule {self.id!r}: allow_legal_risk_when only applies to lawful_draft_only",
                f"检查规则 {self.id!r}：allow_legal_risk_when 仅适用于 lawful_draft_only",
            )

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, CheckRule)
        if self.check is not parent.check:
            return Text("检查项改变", "it checks something else")
        if not parent.when.implies(self.when):
            return _FEWER_MATTERS
        mine = self.allow_legal_risk_when
        theirs = parent.allow_legal_risk_when
        if mine is not None and (theirs is None or not mine.implies(theirs)):
            return Text("允许明示法律风险的范围扩大", "it allows stated legal risk for more matters")
        return None


Rule: TypeAlias = (
    Exemption
    | RequiredStep
    | OrderRule
    | IntervalRule
    | MinimumRule
    | ConsultationRule
    | MeetingRule
    | CheckRule
)
_RULE_TYPES: tuple[type[Rule], ...] = (
    Exemption,
    RequiredStep,
    OrderRule,
    IntervalRule,
    MinimumRule,
    ConsultationRule,
    MeetingRule,
    CheckRule,
)

#: The class of each rule type, by the ``type`` written in spec files.
RULE_CLASSES: Mapping[str, Callable[..., Rule]] = {cls.type: cls for cls in _RULE_TYPES}
