"""The small values of procedure specs: conditions over a matter, field references,
counting units and the sources that rules cite."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping

import attrs

from govefficiency._validators import check_iterable, instance_of
from govefficiency.decisions._convert import items_of
from govefficiency.decisions._record import Matter
from govefficiency.decisions._steps import DATE_FIELDS, WAIVER_FIELDS
from govefficiency.decisions._vocab import TOUCHES_DEPARTMENTS, Category, Flag, StepKind
from govefficiency.errors import InvalidTypeError, ProcedureSpecError
from govefficiency.text import LabelledEnum, Text

__all__ = ["FACTS", "Condition", "FieldRef", "Source", "Unit"]

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


class Unit(LabelledEnum):
    """How an interval is counted: calendar days (日) or working days (工作日)."""

    DAYS = ("days", "日", "days")
    WORKING_DAYS = ("working_days", "个工作日", "working days")


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
    return frozenset(items_of(value, Category, "condition categories"))


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
