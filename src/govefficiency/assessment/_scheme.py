"""Assessment schemes (考核方案) as data: categories of units, indicators with their
scoring rules, one-vote veto rules, grades with bands and quotas, and the ranking.

A scheme is validated in two steps, like every record in govefficiency: construction
refuses what is not a scheme at all (a linear rule with floor above target, a grade
named twice) with an :class:`~govefficiency.errors.AssessmentError`; :func:`check_scheme`
returns :class:`~govefficiency.findings.Finding` values for the defects of a
well-formed scheme (weights not adding up, a veto on an unknown indicator, an
impossible quota, a category without indicators).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from govefficiency._records import unique
from govefficiency._validators import (
    check_id,
    instance_of,
    optional,
    optional_instance_of,
    tuple_of,
    valid_count,
    valid_id,
    valid_ids,
)
from govefficiency.assessment import _codes as codes
from govefficiency.assessment._period import PeriodKind
from govefficiency.assessment._rules import Appraisal, Bonus, Measure, Rule, g
from govefficiency.errors import AssessmentError
from govefficiency.findings import Finding
from govefficiency.text import LabelledEnum, Text

_T = TypeVar("_T")

__all__ = [
    "Category",
    "EffectKind",
    "Fact",
    "Grade",
    "Indicator",
    "RankMethod",
    "Ranking",
    "Rounding",
    "Scheme",
    "TriggerKind",
    "VetoRule",
    "check_scheme",
]


def _opt_float(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AssessmentError(f"expected a number, not {value!r}", f"需要数字，而不是 {value!r}")
    return float(value)


def _number(value: object) -> float:
    number = _opt_float(value)
    if number is None:
        raise AssessmentError("expected a number, not None", "需要数字，而不是 None")
    return number


def _measure(value: object) -> Measure | None:
    if value is None or isinstance(value, Measure):
        return value
    raise AssessmentError(
        f"measure must be a Measure, not {value!r}", f"measure 必须是 Measure，而不是 {value!r}"
    )


def _tuple(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    return value


@attrs.frozen
class Indicator:
    """One scored indicator (考核指标).

    Attributes:
        id: the metric id the inputs use (e.g. ``ledger.completion_rate``).
        name: its name in zh and en.
        points: its weight (分值); for a bonus, the most it can add.
        rule: how a value becomes points.
        measure: what kind of number the input is (a rate is refused above 100 %, a
            count below 0); defaults to the rule's own measure, else ``rate``.
        source: where the value comes from, in words (e.g. 台账年底交账).
        key: a key indicator (重要指标), which a veto may name.
    """

    id: str = attrs.field(validator=valid_id())
    name: Text = attrs.field(validator=instance_of(Text))
    points: float = attrs.field(converter=_number)
    rule: Rule = attrs.field(validator=instance_of(Rule))
    measure: Measure = attrs.field(default=None, converter=_measure)
    source: str = ""
    key: bool = False

    def __attrs_post_init__(self) -> None:
        if not self.points > 0:
            raise AssessmentError(
                f"indicator {self.id!r} needs positive points, not {g(self.points)}",
                f"指标 {self.id!r} 的分值必须为正数，而不是 {g(self.points)}",
            )
        if self.measure is None:
            object.__setattr__(self, "measure", self.rule.measure or Measure.RATE)
        elif not isinstance(self.measure, Measure):
            raise AssessmentError(
                f"indicator {self.id!r}: measure must be a Measure",
                f"指标 {self.id!r} 的 measure 必须是 Measure",
            )
        elif self.rule.measure is not None and self.measure is not self.rule.measure:
            raise AssessmentError(
                f"indicator {self.id!r}: a {self.rule.kind} rule reads a {self.rule.measure.value}, "
                f"not a {self.measure.value}",
                f"指标 {self.id!r}：{self.rule.kind} 规则读取的是 {self.rule.measure.label.zh}，"
                f"而不是 {self.measure.label.zh}",
            )
        self.rule.require_points(self.points, f"indicator {self.id!r}")

    @property
    def is_bonus(self) -> bool:
        return isinstance(self.rule, Bonus)

    @property
    def is_appraisal(self) -> bool:
        return isinstance(self.rule, Appraisal)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": {"zh": self.name.zh, "en": self.name.en},
            "points": self.points,
            "rule": self.rule.to_dict(),
            "measure": self.measure.value,
            "source": self.source,
            "key": self.key,
        }


@attrs.frozen
class Fact:
    """A metric that is not scored but that a veto rule reads (e.g. the number of key
    checklist items unfinished, accountability events in the period).

    Attributes:
        id: the metric id.
        name: its name in zh and en.
        measure: what kind of number it is (default: a count).
    """

    id: str = attrs.field(validator=valid_id())
    name: Text = attrs.field(validator=instance_of(Text))
    measure: Measure = attrs.field(default=Measure.COUNT, validator=instance_of(Measure))


class TriggerKind(LabelledEnum):
    """What sets off a one-vote veto (一票否决)."""

    KEY_INDICATOR_BELOW = ("key_indicator_below", "重要指标低于阈值", "key indicator below a threshold")
    APPRAISAL_BELOW = ("appraisal_below", "评议低于阈值", "appraisal below a threshold")
    KEY_ITEM_UNFINISHED = ("key_item_unfinished", "重点工作未完成", "key checklist item unfinished")
    ACCOUNTABILITY_EVENT = ("accountability_event", "本期被问责", "accountability event in the period")

    @property
    def below(self) -> bool:
        """True for triggers that fire when a value is below the threshold."""
        return self in (TriggerKind.KEY_INDICATOR_BELOW, TriggerKind.APPRAISAL_BELOW)


class EffectKind(LabelledEnum):
    """What a veto does; each locality declares its own."""

    CAP_GRADE = ("cap_grade", "等次封顶", "grade capped")
    ZERO_TOTAL = ("zero_total", "总分计零", "total set to zero")
    EXCLUDE = ("exclude", "不参加排名", "excluded from the ranking")


@attrs.frozen
class VetoRule:
    """One one-vote veto rule.

    Attributes:
        id: the rule's id.
        name: what it is about, in zh and en.
        trigger: what sets it off.
        metric: the indicator or fact it reads.
        threshold: for the *below* triggers, the value under which it fires; for the
            count triggers, the count from which it fires (default 1).
        effect: what it does.
        grade: for ``cap_grade``, the best grade the unit may still receive.
        categories: the categories it applies to; ``()`` for all.
    """

    id: str = attrs.field(validator=valid_id())
    name: Text = attrs.field(validator=instance_of(Text))
    trigger: TriggerKind = attrs.field(validator=instance_of(TriggerKind))
    metric: str = attrs.field(validator=valid_id())
    effect: EffectKind = attrs.field(validator=instance_of(EffectKind))
    threshold: float | None = attrs.field(default=None, converter=_opt_float)
    grade: str | None = attrs.field(default=None, validator=optional(valid_id()))
    categories: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=valid_ids())

    def __attrs_post_init__(self) -> None:
        if self.trigger.below and self.threshold is None:
            raise AssessmentError(
                f"veto rule {self.id!r}: a {self.trigger.value} trigger needs a threshold",
                f"否决规则 {self.id!r}：{self.trigger.label.zh}需要阈值 threshold",
            )
        if (self.effect is EffectKind.CAP_GRADE) != (self.grade is not None):
            raise AssessmentError(
                f"veto rule {self.id!r}: give a grade exactly when the effect is cap_grade",
                f"否决规则 {self.id!r}：仅当后果为 cap_grade 时给出 grade",
            )

    @property
    def at_least(self) -> float:
        """For the count triggers: the count from which the rule fires."""
        return 1.0 if self.threshold is None else self.threshold

    def applies_to(self, category: str) -> bool:
        return not self.categories or category in self.categories

    def effect_text(self, grades: dict[str, Grade]) -> Text:
        if self.effect is EffectKind.CAP_GRADE:
            grade = grades.get(self.grade or "")
            name = grade.name if grade is not None else Text(str(self.grade), str(self.grade))
            return Text(f"等次最高为{name.zh}", f"grade at most {name.en}")
        return self.effect.label

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": {"zh": self.name.zh, "en": self.name.en},
            "trigger": self.trigger.value,
            "metric": self.metric,
            "threshold": self.threshold,
            "effect": self.effect.value,
            "grade": self.grade,
            "categories": list(self.categories),
        }


@attrs.frozen
class Grade:
    """One grade (等次), declared best first in the scheme.

    Attributes:
        id: e.g. ``excellent``.
        name: e.g. ``Text("优秀", "excellent")``.
        min_score: the least total for it; ``None`` for the last (catch-all) grade.
        quota: at most this percentage of the ranked units of a category may receive it;
            ``None`` for no quota.
    """

    id: str = attrs.field(validator=valid_id())
    name: Text = attrs.field(validator=instance_of(Text))
    min_score: float | None = attrs.field(default=None, converter=_opt_float)
    quota: float | None = attrs.field(default=None, converter=_opt_float)


class Rounding(LabelledEnum):
    """How a fractional quota becomes a number of units."""

    FLOOR = ("floor", "向下取整", "round down")
    CEIL = ("ceil", "向上取整", "round up")
    HALF_UP = ("half_up", "四舍五入", "round half up")

    def apply(self, x: float) -> int:
        import math

        x = round(x, 9)
        if self is Rounding.FLOOR:
            return math.floor(x)
        if self is Rounding.CEIL:
            return math.ceil(x)
        return math.floor(x + 0.5)


class RankMethod(LabelledEnum):
    """How ties share ranks."""

    COMPETITION = ("competition", "并列占位（1,2,2,4）", "standard competition (1, 2, 2, 4)")
    DENSE = ("dense", "并列不占位（1,2,2,3）", "dense (1, 2, 2, 3)")


@attrs.frozen
class Ranking:
    """How units are ranked within a category.

    Attributes:
        method: standard competition (default) or dense.
        tie_break: indicator ids compared in order (more points first) to separate equal
            totals; ``()`` means ties stay ties.
        top: how many units the top list (奖励) names.
        bottom: how many units the bottom list (惩戒) names.
    """

    method: RankMethod = attrs.field(default=RankMethod.COMPETITION, validator=instance_of(RankMethod))
    tie_break: tuple[str, ...] = attrs.field(default=(), converter=_tuple, validator=valid_ids())
    top: int = attrs.field(default=3, validator=valid_count())
    bottom: int = attrs.field(default=3, validator=valid_count())


@attrs.frozen
class Category:
    """A category of units (分类考核), with its own indicators and total.

    Attributes:
        id: e.g. ``county``.
        name: e.g. ``Text("县（区）", "counties and districts")``.
        total: the declared total of the (non-bonus) indicators' points (e.g. 100).
        indicators: its indicators.
        facts: the unscored metrics its vetoes read.
    """

    id: str = attrs.field(validator=valid_id())
    name: Text = attrs.field(validator=instance_of(Text))
    total: float = attrs.field(converter=_number)
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(instance_of(Indicator))
    )
    facts: tuple[Fact, ...] = attrs.field(default=(), converter=_tuple, validator=tuple_of(instance_of(Fact)))
    #: Each indicator's rule in words, computed once (traces reuse them).
    descriptions: tuple[Text, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "descriptions", tuple(i.rule.describe(i.points) for i in self.indicators))
        unique(
            [i.id for i in self.indicators] + [f.id for f in self.facts],
            lambda i: AssessmentError(
                f"category {self.id!r} declares the metric {i!r} twice",
                f"类别 {self.id!r} 两次声明了指标 {i!r}",
            ),
        )

    def indicator(self, metric: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == metric), None)

    def metric_ids(self) -> frozenset[str]:
        return frozenset(i.id for i in self.indicators) | frozenset(f.id for f in self.facts)

    @property
    def scored_total(self) -> float:
        return sum(i.points for i in self.indicators if not i.is_bonus)


@attrs.frozen
class Scheme:
    """An assessment scheme.

    Attributes:
        id: the scheme's id.
        name: its title in zh and en.
        period: the length of one assessment period.
        categories: the unit categories, each with its indicators.
        vetoes: the one-vote veto rules.
        grades: the grades, best first; the last is the catch-all (no ``min_score``).
        rounding: how a fractional quota is rounded.
        ranking: how units are ranked.
        note: where the numbers come from (e.g. "weights: local choice"), or ``None``.
    """

    id: str = attrs.field(validator=valid_id())
    name: Text = attrs.field(validator=instance_of(Text))
    period: PeriodKind = attrs.field(validator=instance_of(PeriodKind))
    categories: tuple[Category, ...] = attrs.field(
        converter=_tuple, validator=tuple_of(instance_of(Category))
    )
    grades: tuple[Grade, ...] = attrs.field(converter=_tuple, validator=tuple_of(instance_of(Grade)))
    vetoes: tuple[VetoRule, ...] = attrs.field(
        default=(), converter=_tuple, validator=tuple_of(instance_of(VetoRule))
    )
    rounding: Rounding = attrs.field(default=Rounding.FLOOR, validator=instance_of(Rounding))
    ranking: Ranking = attrs.field(factory=Ranking, validator=instance_of(Ranking))
    note: Text | None = attrs.field(default=None, validator=optional_instance_of(Text))

    def __attrs_post_init__(self) -> None:
        for what, ids in (
            ("category", [c.id for c in self.categories]),
            ("grade", [gr.id for gr in self.grades]),
            ("veto rule", [v.id for v in self.vetoes]),
        ):
            if len(set(ids)) != len(ids):
                raise AssessmentError(f"the scheme names a {what} twice", f"方案中某个 {what} id 重复")
        if not self.categories:
            raise AssessmentError("a scheme needs at least one category", "考核方案至少需要一个类别")
        if not self.grades:
            raise AssessmentError("a scheme needs at least one grade", "考核方案至少需要一个等次")
        if self.grades[-1].min_score is not None:
            raise AssessmentError(
                f"the last grade ({self.grades[-1].id!r}) is the catch-all: it takes no min_score",
                f"最后一个等次（{self.grades[-1].id!r}）兜底，不能设 min_score",
            )
        mins = [gr.min_score for gr in self.grades[:-1]]
        if any(m is None for m in mins):
            raise AssessmentError(
                "every grade but the last needs a min_score", "除最后一个等次外，每个等次都需要 min_score"
            )
        floats = [m for m in mins if m is not None]
        if any(a <= b for a, b in itertools.pairwise(floats)):
            raise AssessmentError(
                "grades are declared best first: their min_score must fall",
                "等次按从高到低排列，min_score 必须递减",
            )

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def grade(self, grade_id: str) -> Grade | None:
        return next((gr for gr in self.grades if gr.id == grade_id), None)

    def grade_index(self, grade_id: str) -> int:
        for i, gr in enumerate(self.grades):
            if gr.id == grade_id:
                return i
        raise AssessmentError(
            f"the scheme has no grade {grade_id!r}; it has {', '.join(gr.id for gr in self.grades)}",
            f"方案中没有等次 {grade_id!r}；已有 {', '.join(gr.id for gr in self.grades)}",
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready mapping in the file format :func:`loads_scheme` reads (keys at
        their default left out); :meth:`from_dict` reads it back to an equal scheme."""
        from govefficiency.assessment._io import SCHEME

        return SCHEME.dump(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scheme:
        """The scheme of a mapping in the file format (the inverse of :meth:`to_dict`).

        Raises:
            SchemeError: a malformed mapping, located by key path, in zh and en.
        """
        from govefficiency.assessment._io import load_scheme

        if not isinstance(data, Mapping):
            from govefficiency.errors import InvalidTypeError

            raise InvalidTypeError(
                f"Scheme.from_dict needs a mapping, not {type(data).__name__}",
                f"Scheme.from_dict 需要映射，而不是 {type(data).__name__}",
            )
        return load_scheme(data)


# -- checks: a tuple of pure functions ------------------------------------------------------


def _check_weights(scheme: Scheme) -> Iterable[Finding]:
    for c in scheme.categories:
        if c.indicators and abs(c.scored_total - c.total) > 1e-6:
            yield codes.WEIGHTS_NOT_TOTAL(c.id, category=c.id, sum=g(c.scored_total), total=g(c.total))


def _check_vetoes(scheme: Scheme) -> Iterable[Finding]:
    grade_ids = {gr.id for gr in scheme.grades}
    for v in scheme.vetoes:
        for c in scheme.categories:
            if not v.applies_to(c.id) or not c.indicators:
                continue
            ind = c.indicator(v.metric)
            if v.metric not in c.metric_ids():
                wanted: tuple[str, str] | None = ("指标或事实", "an indicator or a fact")
            elif v.trigger.below and ind is None:
                wanted = (
                    "计分指标（事实不能低于阈值触发）",
                    "a scored indicator (a below-threshold trigger reads an indicator)",
                )
            elif v.trigger is TriggerKind.APPRAISAL_BELOW and ind is not None and not ind.is_appraisal:
                wanted = ("评议指标", "an appraisal indicator")
            else:
                wanted = None
            if v.trigger is TriggerKind.KEY_INDICATOR_BELOW and ind is not None and not ind.key:
                yield codes.VETO_NOT_KEY(v.id, v.metric, rule=v.id, metric=v.metric)
            if wanted is not None:
                yield codes.VETO_UNKNOWN_INDICATOR(
                    v.id,
                    v.metric,
                    rule=v.id,
                    metric=v.metric,
                    category=c.id,
                    what=wanted[0],
                    what_en=wanted[1],
                )
        for cat in v.categories:
            if scheme.category(cat) is None:
                yield codes.CATEGORY_WITHOUT_SCHEME(v.id, cat, category=cat, units=f"(veto {v.id})")
        if v.grade is not None and v.grade not in grade_ids:
            yield codes.VETO_UNKNOWN_GRADE(v.id, v.grade, rule=v.id, grade=v.grade)


def _check_quotas(scheme: Scheme) -> Iterable[Finding]:
    total = 0.0
    for i, gr in enumerate(scheme.grades):
        if gr.quota is None:
            continue
        total += gr.quota
        if not 0 <= gr.quota <= 100:
            yield codes.QUOTA_IMPOSSIBLE(
                gr.id, why=f"{gr.id}: {g(gr.quota)}% is not a share between 0 and 100"
            )
        if i == len(scheme.grades) - 1:
            yield codes.QUOTA_IMPOSSIBLE(
                gr.id, why=f"{gr.id} is the last grade: units over its quota have no lower grade to go to"
            )
    if total > 100 + 1e-9:
        yield codes.QUOTA_IMPOSSIBLE(
            *(gr.id for gr in scheme.grades if gr.quota), why=f"the quotas add up to {g(total)}%"
        )
    for t in scheme.ranking.tie_break:
        if not any(c.indicator(t) for c in scheme.categories):
            yield codes.VETO_UNKNOWN_INDICATOR(
                t, t, rule="ranking.tie_break", metric=t, category="*", what="指标", what_en="an indicator"
            )


def _check_categories(scheme: Scheme) -> Iterable[Finding]:
    for c in scheme.categories:
        if not c.indicators:
            yield codes.CATEGORY_WITHOUT_SCHEME(c.id, category=c.id, units="—")


#: The scheme checks, in order.
SCHEME_CHECKS = (_check_weights, _check_vetoes, _check_quotas, _check_categories)


def check_scheme(scheme: Scheme) -> list[Finding]:
    """The defects of a well-formed scheme, as findings (never raises for them).

    Raises:
        InvalidTypeError: ``scheme`` is not a :class:`Scheme`.
    """
    require(scheme, Scheme, "check_scheme")
    return [f for check in SCHEME_CHECKS for f in check(scheme)]


def require_id(value: object, what: str) -> str:
    return check_id(value, what, error=AssessmentError)


def require(value: object, cls: type[_T], fn: str, what: str | None = None) -> _T:
    """``value`` when it is a ``cls``; else an :class:`InvalidTypeError` saying that ``fn``
    needs ``what`` (default: ``a <cls>``)."""
    if not isinstance(value, cls):
        from govefficiency.errors import InvalidTypeError

        raise InvalidTypeError(
            f"{fn} needs {what or 'a ' + cls.__name__}, not {type(value).__name__}",
            f"{fn} 需要 {cls.__name__}，而不是 {type(value).__name__}",
        )
    return value
