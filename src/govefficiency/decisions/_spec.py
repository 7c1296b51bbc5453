"""Procedure specs: the major-decision procedure as data (rules are data).

A :class:`ProcedureSpec` is a tuple of rules. Each rule has an ``id``, a ``type`` from a
small closed vocabulary, a condition (``when``) over the matter, a citation, and the
parameters of its type:

=====================  ==================================================================
``exemption``          the matter is not subject to the procedure (``NOT_APPLICABLE``)
``required``           one of ``steps`` must be in the record
``order``              every step of ``before`` is complete before any of ``after`` starts
``interval``           at least ``minimum`` days / working days from one date to another,
                       optionally waived by a stated reason (with a floor)
``minimum``            a count (``alternatives``, ``citizen_representatives``) is at least
                       ``minimum``
``consultation``       every department whose duties are touched was consulted (and agreed,
                       and disputes carry each side's reasoning)
``meeting``            the collective discussion is held at one of ``allowed`` meetings
``check``              a fixed statutory check (``risk_controllable``, ``genuine_review``,
                       ``lawful_draft_only``, ``head_speaks_last``, ``head_states_reasons``,
                       ``dissent_recorded``)
=====================  ==================================================================

One interpreter (:mod:`govefficiency.decisions._validate`) evaluates every rule; presets
are TOML files, not code. A spec can ``extends`` another: its rules replace the parent's
rules of the same id (only to tighten them — checked) or are added after them.
"""

from __future__ import annotations

import enum
import graphlib
import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar, TypeAlias

import attrs

from govefficiency._validators import check_id, check_iterable, instance_of, optional_instance_of
from govefficiency.citation import Citation
from govefficiency.decisions._codes import (
    STEP_OUT_OF_ORDER,
    template_fields,
)
from govefficiency.decisions._record import (
    DATE_FIELDS,
    TOUCHES_DEPARTMENTS,
    WAIVER_FIELDS,
    Category,
    Flag,
    Matter,
    MeetingType,
    StepKind,
)
from govefficiency.errors import InvalidInputError, InvalidTypeError, ProcedureSpecError
from govefficiency.findings import FindingCode, Severity
from govefficiency.text import Text

__all__ = [
    "FACTS",
    "CheckKind",
    "CheckRule",
    "Condition",
    "ConsultationRule",
    "Exemption",
    "FieldRef",
    "IntervalRule",
    "MeetingRule",
    "MinimumRule",
    "OrderRule",
    "ProcedureSpec",
    "RequiredStep",
    "Rule",
    "Source",
    "Unit",
]

#: The atoms of conditions: every :class:`Flag` value and ``"touches_departments"``.
FACTS: frozenset[str] = frozenset({f.value for f in Flag} | {TOUCHES_DEPARTMENTS})

_FACT_LABELS: Mapping[str, Text] = {
    **{f.value: f.label for f in Flag},
    TOUCHES_DEPARTMENTS: Text("涉及其他部门职责", "touches other departments' duties"),
}
_EVERY = Text("所有重大行政决策", "every major decision")


def _join(texts: list[Text], zh_sep: str, en_sep: str) -> Text:
    return Text(zh_sep.join(t.zh for t in texts), en_sep.join(t.en for t in texts))


def _spec_error(en: str, zh: str) -> ProcedureSpecError:
    return ProcedureSpecError(en, zh)


# --- small values ---------------------------------------------------------------------------


class Unit(enum.Enum):
    """How an interval is counted: calendar days (日) or working days (工作日)."""

    DAYS = "days"
    WORKING_DAYS = "working_days"

    @property
    def label(self) -> Text:
        return Text("日", "days") if self is Unit.DAYS else Text("个工作日", "working days")


_FIELD_LABELS: Mapping[tuple[StepKind, str], Text] = {
    (StepKind.PUBLIC_COMMENT, "published"): Text("征求意见发布", "publication of the draft for comment"),
    (StepKind.PUBLIC_COMMENT, "closed"): Text("征求意见结束", "close of the public comment"),
    (StepKind.HEARING, "materials_sent"): Text("听证材料送达", "dispatch of the hearing materials"),
    (StepKind.HEARING, "date"): Text("听证会", "the hearing"),
    (StepKind.LEGALITY_REVIEW, "sent"): Text("送请合法性审查", "dispatch for legality review"),
    (StepKind.LEGALITY_REVIEW, "opinion"): Text("合法性审查意见", "the legality opinion"),
}


@attrs.frozen
class FieldRef:
    """A date (or waiver text) field of a step, written ``"<kind>.<field>"``.

    Attributes:
        step: the step kind.
        field: the field's name, e.g. ``"closed"``.
    """

    step: StepKind
    field: str

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.step, StepKind):
            raise InvalidTypeError(
                f"FieldRef.step must be a StepKind, not {self.step!r}",
                f"FieldRef.step 必须是 StepKind，而不是 {self.step!r}",
            )
        known = (*DATE_FIELDS[self.step], *WAIVER_FIELDS.get(self.step, ()))
        if self.field not in known:
            raise _spec_error(
                f"{self.step.value} has no field {self.field!r}; use one of {', '.join(known)}",
                f"步骤 {self.step.value} 没有字段 {self.field!r}；可用：{', '.join(known)}",
            )

    @classmethod
    def parse(cls, text: str, *, waiver: bool = False) -> FieldRef:
        """Parse ``"public_comment.closed"``; ``waiver=True`` accepts the text fields
        that can waive a time rule instead of date fields."""
        if not isinstance(text, str):
            raise InvalidTypeError(
                f"a field reference is a string such as 'public_comment.closed', not {text!r}",
                f"字段引用须为字符串（如 'public_comment.closed'），而不是 {text!r}",
            )
        kind_name, _, field = text.partition(".")
        kinds = {k.value: k for k in StepKind}
        if kind_name not in kinds:
            raise _spec_error(
                f"{text!r}: unknown step {kind_name!r}; use one of {', '.join(kinds)}",
                f"{text!r}：未知步骤 {kind_name!r}；可用：{', '.join(kinds)}",
            )
        kind = kinds[kind_name]
        allowed = WAIVER_FIELDS.get(kind, ()) if waiver else DATE_FIELDS[kind]
        if field not in allowed:
            what = "waiver field" if waiver else "date field"
            listed = ", ".join(f"{kind_name}.{f}" for f in allowed) or "none"
            raise _spec_error(
                f"{text!r} is not a {what}; use one of: {listed}",
                f"{text!r} 不是可用的{'豁免理由字段' if waiver else '日期字段'}；可用：{listed}",
            )
        return cls(kind, field)

    @property
    def label(self) -> Text:
        """A readable name: ``Text("征求意见结束", "close of the public comment")``."""
        return _FIELD_LABELS.get((self.step, self.field), self.step.label)

    def __str__(self) -> str:
        return f"{self.step.value}.{self.field}"


def _to_facts(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"condition facts must be a list of names, not {type(value).__name__}",
            "条件中的事实必须是名称列表",
        )
    facts = frozenset(check_iterable(value, "facts", hashable=True))
    for fact in facts:
        if fact not in FACTS:
            raise _spec_error(
                f"unknown fact {fact!r} in a condition; use one of {', '.join(sorted(FACTS))}",
                f"条件中的未知事实 {fact!r}；可用：{', '.join(sorted(FACTS))}",
            )
    return facts


def _to_categories(value: Iterable[Category]) -> frozenset[Category]:
    items = frozenset(check_iterable(value, "categories", hashable=True))
    for item in items:
        if not isinstance(item, Category):
            raise InvalidTypeError(
                f"condition categories must be Category values, not {item!r}",
                f"条件中的类别必须是 Category，而不是 {item!r}",
            )
    return items


@attrs.frozen
class Condition:
    """When a rule applies: a test over the matter's facts and category.

    All given parts must hold; an empty part is ignored, so ``Condition()`` always holds.

    Attributes:
        any_of: at least one of these facts holds.
        all_of: every one of these facts holds.
        none_of: none of these facts holds.
        categories: the matter's category is one of these.
    """

    any_of: frozenset[str] = attrs.field(default=frozenset(), converter=_to_facts)
    all_of: frozenset[str] = attrs.field(default=frozenset(), converter=_to_facts)
    none_of: frozenset[str] = attrs.field(default=frozenset(), converter=_to_facts)
    categories: frozenset[Category] = attrs.field(default=frozenset(), converter=_to_categories)

    @property
    def always(self) -> bool:
        """True when the condition has no part (it always holds)."""
        return not (self.any_of or self.all_of or self.none_of or self.categories)

    def holds(self, matter: Matter) -> bool:
        """Whether the condition holds for ``matter``."""
        if not isinstance(matter, Matter):
            raise InvalidTypeError(
                f"holds() needs a Matter, not {type(matter).__name__}",
                f"holds() 需要 Matter，而不是 {type(matter).__name__}",
            )
        return self._holds(matter.facts, matter.category)

    def _holds(self, facts: frozenset[str], category: Category) -> bool:
        return (
            (not self.any_of or bool(self.any_of & facts))
            and self.all_of <= facts
            and not (self.none_of & facts)
            and (not self.categories or category in self.categories)
        )

    def reason(self, matter: Matter) -> Text:
        """Why the condition holds for ``matter``: the facts or category that make it."""
        facts = sorted((self.any_of | self.all_of) & matter.facts)
        parts = [_FACT_LABELS[f] for f in facts]
        if self.categories:
            parts.append(matter.category.label)
        return _join(parts, "、", "; ") if parts else _EVERY

    def describe(self) -> Text:
        """The condition in words, e.g. ``Text("探索性改革", "exploratory reform")``."""
        parts: list[Text] = []
        if self.any_of:
            parts.append(_join([_FACT_LABELS[f] for f in sorted(self.any_of)], "或", " or "))
        if self.all_of:
            parts.append(_join([_FACT_LABELS[f] for f in sorted(self.all_of)], "且", " and "))
        if self.none_of:
            names = _join([_FACT_LABELS[f] for f in sorted(self.none_of)], "、", ", ")
            parts.append(Text(f"非{names.zh}", f"not {names.en}"))
        if self.categories:
            labels = [c.label for c in Category if c in self.categories]
            parts.append(_join(labels, "或", " or "))
        return _join(parts, "，", "; ") if parts else _EVERY

    def implies(self, other: Condition) -> bool:
        """Whether ``other`` holds for every matter for which this condition holds."""
        if not isinstance(other, Condition):
            raise InvalidTypeError(
                f"implies() needs a Condition, not {type(other).__name__}",
                f"implies() 需要 Condition，而不是 {type(other).__name__}",
            )
        facts = sorted(self.any_of | self.all_of | self.none_of | other.any_of | other.all_of | other.none_of)
        categories = list(Category)
        for bits in itertools.product((False, True), repeat=len(facts)):
            present = frozenset(f for f, bit in zip(facts, bits, strict=True) if bit)
            for category in categories:
                if self._holds(present, category) and not other._holds(present, category):
                    return False
        return True

    def to_dict(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for key, value in (("any", self.any_of), ("all", self.all_of), ("none", self.none_of)):
            if value:
                out[key] = sorted(value)
        if self.categories:
            out["categories"] = sorted(c.value for c in self.categories)
        return out


_ALWAYS = Condition()


@attrs.frozen
class Source:
    """A law or policy document that rules cite, named by a short key in spec files.

    Attributes:
        key: the key used in spec files (``law = "decree713"``).
        name: the document's title in zh and en.
        year: the version year, or ``None``.
    """

    key: str
    name: Text = attrs.field(validator=instance_of(Text))
    year: int | None = None


# --- rules ----------------------------------------------------------------------------------


def _check_id(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise _spec_error(
            f"a rule id must be a string, not {value!r}", f"规则 id 必须是字符串，而不是 {value!r}"
        )
    check_id(value, "a rule id", error=ProcedureSpecError)


def _check_citation(instance: object, attribute: attrs.Attribute[Citation], value: object) -> None:
    if not isinstance(value, Citation):
        raise InvalidTypeError(
            f"every rule needs a Citation (law and article), not {value!r}",
            f"每条规则都必须有 Citation（法规及条文），而不是 {value!r}",
        )


def _check_condition(instance: object, attribute: attrs.Attribute[Condition], value: object) -> None:
    if not isinstance(value, Condition):
        raise InvalidTypeError(
            f"{attribute.name} must be a Condition, not {value!r}",
            f"{attribute.name} 必须是 Condition，而不是 {value!r}",
        )


def _check_severity(instance: object, attribute: attrs.Attribute[Severity | None], value: object) -> None:
    if value is not None and not isinstance(value, Severity):
        raise InvalidTypeError(
            f"severity must be a Severity or None, not {value!r}", "severity 必须是 Severity 或 None"
        )


def _check_flag(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if type(value) is not bool:
        raise InvalidTypeError(
            f"{attribute.name} must be True or False, not {value!r}",
            f"{attribute.name} 必须是 True 或 False，而不是 {value!r}",
        )


def _check_minimum(instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if type(value) is not int or value < 0:
        raise _spec_error(
            f"{attribute.name} must be a non-negative int, not {value!r}",
            f"{attribute.name} 必须是非负整数，而不是 {value!r}",
        )


def _to_kinds(value: Iterable[StepKind]) -> tuple[StepKind, ...]:
    if isinstance(value, str | StepKind) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"steps must be a list of StepKind values, not {value!r}",
            f"steps 必须是 StepKind 的列表，而不是 {value!r}",
        )
    items = tuple(value)
    for item in items:
        if not isinstance(item, StepKind):
            raise InvalidTypeError(
                f"steps must contain StepKind values, not {item!r}",
                f"steps 只能包含 StepKind，而不是 {item!r}",
            )
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


@attrs.frozen(kw_only=True)
class Exemption:
    """The matter is not subject to the procedure when ``when`` holds (``NOT_APPLICABLE``).

    ``description`` says why, in zh and en (it is the finding's reason).
    """

    type: ClassVar[str] = "exemption"
    id: str = attrs.field(validator=_check_id)
    citation: Citation = attrs.field(validator=_check_citation)
    when: Condition = attrs.field(validator=_check_condition)
    description: Text = attrs.field(validator=instance_of(Text))
    severity: Severity | None = attrs.field(default=None, validator=_check_severity)

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
class RequiredStep:
    """One of ``steps`` must be in the record when ``when`` holds; else ``code``."""

    type: ClassVar[str] = "required"
    id: str = attrs.field(validator=_check_id)
    citation: Citation = attrs.field(validator=_check_citation)
    steps: tuple[StepKind, ...] = attrs.field(converter=_to_kinds)
    code: FindingCode = attrs.field(validator=_code_taking(_REQUIRED_PARAMS))
    when: Condition = attrs.field(default=_ALWAYS, validator=_check_condition)
    severity: Severity | None = attrs.field(default=None, validator=_check_severity)
    description: Text | None = None

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, RequiredStep)
        if not set(self.steps) <= set(parent.steps):
            return Text("可替代的步骤增加", "it accepts more alternative steps")
        if not parent.when.implies(self.when):
            return Text("适用范围缩小", "it applies to fewer matters")
        if _severity_rank(self, self.code) > _severity_rank(parent, parent.code):
            return Text("严重程度降低", "its severity is lower")
        return None


def _to_pairs(rule: OrderRule) -> frozenset[tuple[StepKind, StepKind]]:
    return frozenset(itertools.product(rule.before, rule.after))


@attrs.frozen(kw_only=True)
class OrderRule:
    """Every step of ``before`` present in the record is complete no later than any step of
    ``after`` starts (same day allowed); else ``STEP_OUT_OF_ORDER``."""

    type: ClassVar[str] = "order"
    id: str = attrs.field(validator=_check_id)
    citation: Citation = attrs.field(validator=_check_citation)
    before: tuple[StepKind, ...] = attrs.field(converter=_to_kinds)
    after: tuple[StepKind, ...] = attrs.field(converter=_to_kinds)
    when: Condition = attrs.field(default=_ALWAYS, validator=_check_condition)
    code: FindingCode = attrs.field(default=STEP_OUT_OF_ORDER, validator=_code_taking(_ORDER_PARAMS))
    severity: Severity | None = attrs.field(default=None, validator=_check_severity)
    description: Text | None = None

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
            return Text("适用范围缩小", "it applies to fewer matters")
        return None


@attrs.frozen(kw_only=True)
class IntervalRule:
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
    id: str = attrs.field(validator=_check_id)
    citation: Citation = attrs.field(validator=_check_citation)
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
    when: Condition = attrs.field(default=_ALWAYS, validator=_check_condition)
    severity: Severity | None = attrs.field(default=None, validator=_check_severity)
    description: Text | None = None

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
            return Text("适用范围缩小", "it applies to fewer matters")
        if _severity_rank(self, self.code) > _severity_rank(parent, parent.code):
            return Text("严重程度降低", "its severity is lower")
        return None


class Target(enum.Enum):
    """What a ``minimum`` rule counts."""

    ALTERNATIVES = "alternatives"
    CITIZEN_REPRESENTATIVES = "citizen_representatives"


@attrs.frozen(kw_only=True)
class MinimumRule:
    """A count is at least ``minimum`` when ``when`` holds; else ``code``.

    ``alternatives`` counts the record's alternative plans; ``citizen_representatives``
    counts those present at the collective discussion (checked only once it was held).
    """

    type: ClassVar[str] = "minimum"
    id: str = attrs.field(validator=_check_id)
    citation: Citation = attrs.field(validator=_check_citation)
    target: Target = attrs.field(validator=instance_of(Target))
    minimum: int = attrs.field(validator=_check_minimum)
    code: FindingCode = attrs.field(validator=_code_taking(_MINIMUM_PARAMS))
    when: Condition = attrs.field(default=_ALWAYS, validator=_check_condition)
    severity: Severity | None = attrs.field(default=None, validator=_check_severity)
    description: Text | None = None

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, MinimumRule)
        if self.target is not parent.target:
            return Text("计数对象改变", "it counts something else")
        if self.minimum < parent.minimum:
            return Text("最低数量降低", "its minimum is lower")
        if not parent.when.implies(self.when):
            return Text("适用范围缩小", "it applies to fewer matters")
        return None


@attrs.frozen(kw_only=True)
class ConsultationRule:
    """Every department in ``matter.departments`` was consulted before the discussion
    (``CONSULTATION_MISSING``); with ``require_agreement`` a disputing department is
    ``CONSULTATION_NOT_AGREED``; with ``require_reasons`` a dispute lacking either side's
    reasoning is ``DISPUTE_REASONS_MISSING``."""

    type: ClassVar[str] = "consultation"
    id: str = attrs.field(validator=_check_id)
    citation: Citation = attrs.field(validator=_check_citation)
    require_agreement: bool = attrs.field(default=True, validator=_check_flag)
    require_reasons: bool = attrs.field(default=True, validator=_check_flag)
    agreement_citation: Citation | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_citation)
    )
    reasons_citation: Citation | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_citation)
    )
    when: Condition = attrs.field(default=_ALWAYS, validator=_check_condition)
    severity: Severity | None = attrs.field(default=None, validator=_check_severity)
    description: Text | None = None

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, ConsultationRule)
        if (parent.require_agreement and not self.require_agreement) or (
            parent.require_reasons and not self.require_reasons
        ):
            return Text("取消了一致或理据要求", "it drops the agreement or reasoning requirement")
        if not parent.when.implies(self.when):
            return Text("适用范围缩小", "it applies to fewer matters")
        return None


def _to_meetings(value: Iterable[MeetingType]) -> frozenset[MeetingType]:
    items = frozenset(check_iterable(value, "MeetingRule.allowed", hashable=True))
    if not items:
        raise _spec_error("a meeting rule must allow at least one meeting type", "会议规则至少允许一种会议")
    for item in items:
        if not isinstance(item, MeetingType):
            raise InvalidTypeError(
                f"allowed meetings must be MeetingType values, not {item!r}",
                f"允许的会议必须是 MeetingType，而不是 {item!r}",
            )
    return items


@attrs.frozen(kw_only=True)
class MeetingRule:
    """The collective discussion is held at one of ``allowed`` (``WRONG_MEETING_TYPE``)."""

    type: ClassVar[str] = "meeting"
    id: str = attrs.field(validator=_check_id)
    citation: Citation = attrs.field(validator=_check_citation)
    allowed: frozenset[MeetingType] = attrs.field(converter=_to_meetings)
    when: Condition = attrs.field(default=_ALWAYS, validator=_check_condition)
    severity: Severity | None = attrs.field(default=None, validator=_check_severity)
    description: Text | None = None

    def loosens(self, parent: Rule) -> Text | None:
        assert isinstance(parent, MeetingRule)
        if not self.allowed <= parent.allowed:
            return Text("允许的会议类型增加", "it allows more meeting types")
        if not parent.when.implies(self.when):
            return Text("适用范围缩小", "it applies to fewer matters")
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
class CheckRule:
    """A fixed statutory check (see :class:`CheckKind`), switched on with its citation."""

    type: ClassVar[str] = "check"
    id: str = attrs.field(validator=_check_id)
    citation: Citation = attrs.field(validator=_check_citation)
    check: CheckKind = attrs.field(validator=instance_of(CheckKind))
    allow_legal_risk_when: Condition | None = attrs.field(
        default=None, validator=attrs.validators.optional(_check_condition)
    )
    when: Condition = attrs.field(default=_ALWAYS, validator=_check_condition)
    severity: Severity | None = attrs.field(default=None, validator=_check_severity)
    description: Text | None = None

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
            return Text("适用范围缩小", "it applies to fewer matters")
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


# --- the spec -------------------------------------------------------------------------------


def _to_rules(value: Iterable[Rule]) -> tuple[Rule, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"ProcedureSpec.rules must be a list of rules, not {type(value).__name__}",
            "ProcedureSpec.rules 必须是规则的列表",
        )
    items = tuple(value)
    seen: set[str] = set()
    for item in items:
        if not isinstance(item, _RULE_TYPES):
            raise InvalidTypeError(
                f"ProcedureSpec.rules must contain rules (RequiredStep, OrderRule, …), not {item!r}",
                f"ProcedureSpec.rules 只能包含规则对象，而不是 {item!r}",
            )
        if item.id in seen:
            raise _spec_error(f"the rule id {item.id!r} is used twice", f"规则 id {item.id!r} 重复")
        seen.add(item.id)
    return items


def _to_sources(value: Iterable[Source]) -> tuple[Source, ...]:
    items = check_iterable(value, "ProcedureSpec.sources")
    for item in items:
        if not isinstance(item, Source):
            raise InvalidTypeError(
                f"ProcedureSpec.sources must contain Source values, not {item!r}",
                f"ProcedureSpec.sources 只能包含 Source，而不是 {item!r}",
            )
    return items


def _to_lineage(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(str(v) for v in check_iterable(value, "ProcedureSpec.lineage"))


def _node(kind: StepKind, field: str) -> str:
    return f"{kind.value}.{field}"


def time_graph(rules: Iterable[Rule]) -> dict[str, set[str]]:
    """The precedence graph over every step's date fields that ``rules`` imply: for each
    node, the nodes that must come no later than it."""
    graph: dict[str, set[str]] = {}
    for kind, fields in DATE_FIELDS.items():
        for i, field in enumerate(fields):
            graph.setdefault(_node(kind, field), set())
            if i:
                graph[_node(kind, field)].add(_node(kind, fields[i - 1]))
    for rule in rules:
        if isinstance(rule, OrderRule):
            for before, after in itertools.product(rule.before, rule.after):
                graph[_node(after, DATE_FIELDS[after][0])].add(_node(before, DATE_FIELDS[before][-1]))
        elif isinstance(rule, IntervalRule):
            graph[str(rule.end)].add(str(rule.start))
    return graph


@attrs.frozen
class ProcedureSpec:
    """A major-decision procedure: a named tuple of rules, validated on construction.

    Build one by loading a file (:meth:`load`), from a preset
    (:func:`~govefficiency.decisions.preset_procedure`), or by extending another
    (:meth:`extend`).

    Attributes:
        id: a short identifier (``"national"``, ``"seed-practice"``).
        title: the procedure's name in zh and en.
        rules: the rules, in evaluation order; ids are unique.
        lineage: the ids of the specs this one extends, nearest first; ``()`` for a
            root spec.
        sources: the documents the spec's citations refer to (by key), inherited ones
            included.
        description: a paragraph about the spec, or ``None``.
    """

    id: str = attrs.field(validator=_check_id)
    title: Text = attrs.field(validator=instance_of(Text))
    rules: tuple[Rule, ...] = attrs.field(converter=_to_rules)
    lineage: tuple[str, ...] = attrs.field(default=(), converter=_to_lineage)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_to_sources)
    description: Text | None = None

    def __attrs_post_init__(self) -> None:
        try:
            tuple(graphlib.TopologicalSorter(time_graph(self.rules)).static_order())
        except graphlib.CycleError as exc:
            cycle = " -> ".join(exc.args[1])
            raise _spec_error(
                f"procedure {self.id!r}: its order and time rules form a cycle ({cycle}); "
                f"no record could satisfy them",
                f"程序 {self.id!r}：顺序与时间规则构成循环（{cycle}），任何记录都无法满足",
            ) from None

    def rule(self, rule_id: str) -> Rule:
        """The rule with id ``rule_id``."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise InvalidInputError(
            f"procedure {self.id!r} has no rule {rule_id!r}; its rules are "
            f"{', '.join(r.id for r in self.rules)}",
            f"程序 {self.id!r} 中没有规则 {rule_id!r}",
        )

    def extend(self, child: ProcedureSpec) -> ProcedureSpec:
        """This spec extended by ``child``: ``child``'s rules replace the rules of the same
        id (they must be of the same type and only tighten them) or are appended; a child
        may not add exemptions. The result takes ``child``'s id, title and description.

        Raises:
            ProcedureSpecError: a child rule loosens its parent rule, changes its type or
                adds an exemption, or the child has the parent's id.
        """
        if not isinstance(child, ProcedureSpec):
            raise InvalidTypeError(
                f"child must be a ProcedureSpec, not {type(child).__name__}",
                f"child 必须是 ProcedureSpec，而不是 {type(child).__name__}",
            )
        if child.id == self.id or child.id in self.lineage:
            raise _spec_error(
                f"a spec cannot extend a spec with its own id {child.id!r}",
                f"程序不能继承与自身同名（{child.id!r}）的程序",
            )
        merged: dict[str, Rule] = {rule.id: rule for rule in self.rules}
        for rule in child.rules:
            parent = merged.get(rule.id)
            if parent is None:
                if isinstance(rule, Exemption):
                    raise _spec_error(
                        f"{child.id!r} adds the exemption {rule.id!r}: a spec that extends "
                        f"{self.id!r} may add and tighten rules, not exempt more matters",
                        f"{child.id!r} 新增了豁免规则 {rule.id!r}：继承 {self.id!r} 的程序只能新增或收紧规则，"
                        f"不能扩大豁免范围",
                    )
                merged[rule.id] = rule
                continue
            if type(rule) is not type(parent):
                raise _spec_error(
                    f"{child.id!r} redefines rule {rule.id!r} as type {rule.type!r}; in "
                    f"{self.id!r} it is {parent.type!r}: use a new id for a new rule",
                    f"{child.id!r} 将规则 {rule.id!r} 的类型改为 {rule.type!r}（原为 {parent.type!r}）；"
                    f"新规则请使用新的 id",
                )
            why = rule.loosens(parent)
            if why is not None:
                raise _spec_error(
                    f"{child.id!r} loosens the rule {rule.id!r} of {self.id!r} ({why.en}); "
                    f"a locality may only tighten it",
                    f"{child.id!r} 放宽了 {self.id!r} 的规则 {rule.id!r}（{why.zh}）；地方只能收紧规则",
                )
            merged[rule.id] = rule
        sources = {s.key: s for s in self.sources}
        sources.update({s.key: s for s in child.sources})
        return ProcedureSpec(
            id=child.id,
            title=child.title,
            rules=tuple(merged.values()),
            lineage=(self.id, *self.lineage),
            sources=tuple(sources.values()),
            description=child.description,
        )

    @classmethod
    def load(
        cls,
        source: str | Path | Mapping[str, Any],
        *,
        base: ProcedureSpec | None = None,
    ) -> ProcedureSpec:
        """Read a spec from a ``.toml``/``.json`` file or a parsed mapping.

        A spec with ``extends = "<id>"`` is composed with its parent: ``base`` when its id
        matches, else the preset of that id, else (for a file) the ``.toml``/``.json`` file
        named relative to this one. Errors are :class:`ProcedureSpecError` naming the file
        and the key path.
        """
        from govefficiency.decisions._presets import load_spec

        return load_spec(source, base=base)
