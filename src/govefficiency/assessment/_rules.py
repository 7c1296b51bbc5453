"""The six scoring rules of an indicator, each a small value with one interpreter.

Every rule turns one number (a rate, a count, a score) into points between 0 and the
indicator's ``points``, can write the arithmetic as a bilingual trace, and can invert
itself (:meth:`needed`: the value that would reach a given number of points), which
:func:`~govefficiency.assessment.to_reach` uses. Every rule is monotone: more is never
worse, except :class:`Deduction`, where more events are never better.
"""

from __future__ import annotations

import bisect
import itertools
import math
from typing import ClassVar

import attrs

from govefficiency._deprecation import renamed, warn_old_form
from govefficiency._validators import check_iterable
from govefficiency.errors import AssessmentError, InvalidTypeError
from govefficiency.text import LabelledEnum, Text

__all__ = [
    "Appraisal",
    "Bands",
    "Bonus",
    "Deduction",
    "Linear",
    "Measure",
    "Proportional",
    "RaterGroup",
    "Rule",
]


class Measure(LabelledEnum):
    """What kind of number a metric is; it decides what input is rejected."""

    RATE = ("rate", "比率（%）", "rate (%)")
    COUNT = ("count", "件数", "count")
    SCORE = ("score", "评分（0–100）", "score (0–100)")
    VALUE = ("value", "数值", "value")


def g(x: float) -> str:
    """A number for traces: at most two decimals, no trailing zeros."""
    r = round(x, 2)
    return f"{r:g}" if abs(r) < 1e15 else f"{r:.0f}"


def number(value: object, what: str) -> float:
    """``value`` as a finite float; a bool, a non-number or a non-finite one is refused."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidTypeError(
            f"{what} must be a number, not {type(value).__name__} ({value!r})",
            f"{what} 必须是数字，而不是 {type(value).__name__}（{value!r}）",
        )
    out = float(value)
    if not math.isfinite(out):
        raise AssessmentError(f"{what} must be a finite number, not {value!r}", f"{what} 必须是有限数值")
    return out


def _float(value: object) -> float:
    return number(value, "a rule's number")


def _opt_float(value: object) -> float | None:
    return None if value is None else number(value, "a rule's number")


def _to_steps(value: object) -> tuple[tuple[float, float], ...]:
    return _steps(value)


class Rule:
    """Base of the scoring rules (see the subclasses)."""

    kind: ClassVar[str]
    measure: ClassVar[Measure | None] = None
    #: True for rules where a larger value gives fewer points (deductions).
    decreasing: ClassVar[bool] = False

    def score(self, value: float, points: float) -> float:
        """The points for ``value`` on an indicator worth ``points``."""
        raise NotImplementedError

    def score_many(self, values: list[float | None], points: float) -> list[float | None]:
        """:meth:`score` over a column (``None`` stays ``None``)."""
        score = self.score
        return [None if v is None else score(v, points) for v in values]

    def describe(self, points: float) -> Text:
        """The rule in words, e.g. ``linear 60 %→0 … 100 %→20``."""
        raise NotImplementedError

    def needed(self, target: float, points: float) -> float | None:
        """The least value (the most events, for a deduction) that scores at least
        ``target`` points; ``None`` when no value does."""
        raise NotImplementedError

    def require_points(self, points: float, where: str) -> None:
        """Raise :class:`AssessmentError` when the rule cannot score an indicator worth
        ``points`` (a band worth more than the full points, a deduction cap above them);
        ``where`` names the indicator in the message. The scheme runs this guard on every
        indicator. It raises, hence ``require_``: a ``check…`` returns findings
        (docs/conventions.md). The base rule fits any points."""

    def _require_points(self, points: float, where: str) -> None:
        # the old name's target: dispatches to the subclass's require_points
        self.require_points(points, where)

    _require_points.__name__ = "require_points"
    check = renamed(
        _require_points,
        "check",
        "Rule.check(points, where) is renamed require_points(points, where) (a raising guard; "
        "a check… returns findings, see docs/conventions.md); the old name will be removed in a "
        "later release",
    )

    def __init_subclass__(cls, **kwargs: object) -> None:
        """A rule class written for 0.1 overrides ``check``: for one release that is its
        ``require_points`` (with a warning), so the scheme still runs its guard."""
        super().__init_subclass__(**kwargs)
        own = vars(cls)
        if "check" in own and "require_points" not in own:
            warn_old_form(
                f"{cls.__name__}.check(points, where), the old name of a rule's guard",
                "define require_points(points, where) instead",
                stacklevel=3,
            )
            cls.require_points = own["check"]  # type: ignore[method-assign]

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"kind": self.kind}
        data.update(attrs.asdict(self, recurse=True))  # type: ignore[arg-type,unused-ignore]
        return data


@attrs.frozen
class Linear(Rule):
    """Linear between a floor and a target: ``points × (v − floor) / (target − floor)``,
    0 at or below the floor, full points at or above the target."""

    kind: ClassVar[str] = "linear"
    floor: float = attrs.field(converter=_float)
    target: float = attrs.field(converter=_float)

    def __attrs_post_init__(self) -> None:
        if not self.floor < self.target:
            raise AssessmentError(
                f"a linear rule needs floor < target, got floor {self.floor} and target {self.target}"
                " (for a count where fewer is better use a deduction)",
                f"线性计分要求下限小于目标值，实际下限 {self.floor}、目标 {self.target}（越少越好的件数请用扣分）",
            )

    def score(self, value: float, points: float) -> float:
        f, t = self.floor, self.target
        return 0.0 if value <= f else points if value >= t else (value - f) * (points / (t - f))

    def score_many(self, values: list[float | None], points: float) -> list[float | None]:
        f, t = self.floor, self.target
        per = points / (t - f)
        return [None if v is None else 0.0 if v <= f else points if v >= t else (v - f) * per for v in values]

    def describe(self, points: float) -> Text:
        f, t, p = g(self.floor), g(self.target), g(points)
        return Text(f"线性 {f}→0 … {t}→{p}", f"linear {f}→0 … {t}→{p}")

    def needed(self, target: float, points: float) -> float | None:
        if target > points + 1e-9:
            return None
        if target <= 0:
            return -math.inf
        return self.floor + (target / points) * (self.target - self.floor)


@attrs.frozen
class Bands(Rule):
    """Thresholds (分档): the points of the highest step whose ``minimum`` the value
    reaches; 0 below the first step. Steps ascend, points never fall."""

    kind: ClassVar[str] = "bands"
    steps: tuple[tuple[float, float], ...] = attrs.field(converter=_to_steps)

    def require_points(self, points: float, where: str) -> None:
        if any(p > points + 1e-9 for _, p in self.steps):
            raise AssessmentError(
                f"{where}: a band gives more than the indicator's {g(points)} points",
                f"{where}：某一档的分值超过指标满分 {g(points)}",
            )

    def score(self, value: float, points: float) -> float:
        best = 0.0
        for minimum, p in self.steps:
            if value >= minimum:
                best = p
            else:
                break
        return best

    def score_many(self, values: list[float | None], points: float) -> list[float | None]:
        mins = [m for m, _ in self.steps]
        pts = [0.0, *(p for _, p in self.steps)]
        return [None if v is None else pts[bisect.bisect_right(mins, v)] for v in values]

    def describe(self, points: float) -> Text:
        parts = [f"≥{g(m)}→{g(p)}" for m, p in self.steps]
        return Text("分档 " + "，".join(parts), "bands " + ", ".join(parts))

    def needed(self, target: float, points: float) -> float | None:
        if target <= 0:
            return -math.inf
        for minimum, p in self.steps:
            if p >= target - 1e-9:
                return minimum
        return None


def _steps(value: object) -> tuple[tuple[float, float], ...]:
    if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
        raise InvalidTypeError(
            "Bands.steps must be a list of [minimum, points] pairs",
            "Bands.steps 必须是 [下限, 分值] 对的列表",
        )
    steps: list[tuple[float, float]] = []
    for i, step in enumerate(value):
        if isinstance(step, str | bytes) or not isinstance(step, list | tuple) or len(step) != 2:
            raise InvalidTypeError(
                f"Bands.steps[{i}] must be a [minimum, points] pair, not {step!r}",
                f"Bands.steps[{i}] 必须是 [下限, 分值]，而不是 {step!r}",
            )
        steps.append(
            (number(step[0], f"Bands.steps[{i}] minimum"), number(step[1], f"Bands.steps[{i}] points"))
        )
    if not steps:
        raise AssessmentError("Bands.steps must not be empty", "Bands.steps 不能为空")
    for (m0, p0), (m1, p1) in itertools.pairwise(steps):
        if not m0 < m1 or p1 < p0:
            raise AssessmentError(
                "band minimums must ascend and their points never fall "
                f"(got ≥{g(m0)}→{g(p0)} before ≥{g(m1)}→{g(p1)})",
                f"分档下限必须递增且分值不递减（≥{g(m0)}→{g(p0)} 之后是 ≥{g(m1)}→{g(p1)}）",
            )
    if any(p < 0 for _, p in steps):
        raise AssessmentError("band points must not be negative", "分档分值不能为负")
    return tuple(steps)


class _PercentOfPoints(Rule):
    """A rule that gives ``points × value / 100`` for a value on a 0–100 scale (a rate, or
    an appraisal's combined score)."""

    def score(self, value: float, points: float) -> float:
        return points * value / 100.0

    def needed(self, target: float, points: float) -> float | None:
        if target > points + 1e-9:
            return None
        return 100.0 * max(0.0, target) / points


@attrs.frozen
class Proportional(_PercentOfPoints):
    """Proportional to a rate: ``points × rate / 100``."""

    kind: ClassVar[str] = "rate"
    measure: ClassVar[Measure | None] = Measure.RATE

    def score_many(self, values: list[float | None], points: float) -> list[float | None]:
        return [None if v is None else points * v / 100.0 for v in values]

    def describe(self, points: float) -> Text:
        p = g(points)
        return Text(f"按比率 {p} × 比率", f"proportional {p} × rate")


@attrs.frozen
class Deduction(Rule):
    """Deduction per event (扣分) from full points, capped: ``points − min(n × per_event,
    cap)``; ``cap`` defaults to the indicator's points."""

    kind: ClassVar[str] = "deduction"
    measure: ClassVar[Measure | None] = Measure.COUNT
    decreasing: ClassVar[bool] = True
    per_event: float = attrs.field(converter=_float)
    cap: float | None = attrs.field(default=None, converter=_opt_float)

    def __attrs_post_init__(self) -> None:
        if self.per_event <= 0 or (self.cap is not None and self.cap <= 0):
            raise AssessmentError(
                "a deduction needs a positive per_event and a positive cap",
                "扣分规则的每件扣分和扣分上限必须为正数",
            )

    def require_points(self, points: float, where: str) -> None:
        if self.cap is not None and self.cap > points + 1e-9:
            raise AssessmentError(
                f"{where}: the deduction cap {g(self.cap)} exceeds the indicator's {g(points)} points",
                f"{where}：扣分上限 {g(self.cap)} 超过指标满分 {g(points)}",
            )

    def _cap(self, points: float) -> float:
        return points if self.cap is None else self.cap

    def score(self, value: float, points: float) -> float:
        return points - min(value * self.per_event, self._cap(points))

    def score_many(self, values: list[float | None], points: float) -> list[float | None]:
        per, cap = self.per_event, self._cap(points)
        return [None if v is None else points - min(v * per, cap) for v in values]

    def describe(self, points: float) -> Text:
        per, cap = g(self.per_event), g(self._cap(points))
        return Text(f"每件扣 {per} 分，最多扣 {cap} 分", f"−{per} per event, at most −{cap}")

    def needed(self, target: float, points: float) -> float | None:
        if target > points + 1e-9:
            return None
        if points - self._cap(points) >= target - 1e-9:
            return math.inf
        return float(math.floor((points - target) / self.per_event + 1e-9))


@attrs.frozen
class Bonus(Rule):
    """Bonus (加分): ``min(n × per_unit, points)``; the indicator's points are the cap and
    are not part of the category's declared total."""

    kind: ClassVar[str] = "bonus"
    measure: ClassVar[Measure | None] = Measure.COUNT
    per_unit: float = attrs.field(converter=_float)

    def __attrs_post_init__(self) -> None:
        if self.per_unit <= 0:
            raise AssessmentError("a bonus needs a positive per_unit", "加分规则的每项加分必须为正数")

    def score(self, value: float, points: float) -> float:
        return min(value * self.per_unit, points)

    def score_many(self, values: list[float | None], points: float) -> list[float | None]:
        per = self.per_unit
        return [None if v is None else min(v * per, points) for v in values]

    def describe(self, points: float) -> Text:
        per, cap = g(self.per_unit), g(points)
        return Text(f"每项加 {per} 分，最多加 {cap} 分", f"+{per} each, at most +{cap}")

    def needed(self, target: float, points: float) -> float | None:
        if target > points + 1e-9:
            return None
        return max(0.0, math.ceil(target / self.per_unit - 1e-9))


@attrs.frozen
class RaterGroup:
    """A group of raters in a qualitative appraisal (评议) and its weight.

    Attributes:
        id: e.g. ``leaders``, ``public``, ``internal``, ``external``.
        name: the group's name in zh and en.
        weight: its weight, relative to the other groups (normalised by their sum).
    """

    id: str
    name: Text
    weight: float = attrs.field(converter=_float)

    def __attrs_post_init__(self) -> None:
        if self.weight <= 0:
            raise AssessmentError(
                f"rater group {self.id!r} needs a positive weight", f"评议组 {self.id!r} 的权重必须为正数"
            )


@attrs.frozen
class Appraisal(_PercentOfPoints):
    """Qualitative appraisal (评议): the groups' mean scores (0–100), weighted by group,
    give a combined score; points are ``points × combined / 100``. With ``trimmed`` each
    group drops one highest and one lowest score (去掉一个最高分和一个最低分) when it has
    at least three."""

    kind: ClassVar[str] = "appraisal"
    measure: ClassVar[Measure | None] = Measure.SCORE
    groups: tuple[RaterGroup, ...]
    trimmed: bool = False
    _ids: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        groups = check_iterable(self.groups, "Appraisal.groups")
        if not all(isinstance(g, RaterGroup) for g in groups):
            raise InvalidTypeError(
                "Appraisal.groups must be RaterGroup values", "Appraisal.groups 必须是 RaterGroup"
            )
        object.__setattr__(self, "_ids", frozenset(grp.id for grp in self.groups))
        if not self.groups:
            raise AssessmentError("an appraisal needs at least one rater group", "评议至少需要一个评议组")
        ids = [grp.id for grp in self.groups]
        if len(set(ids)) != len(ids):
            raise AssessmentError("rater group ids must be unique", "评议组 id 不能重复")

    @property
    def group_ids(self) -> frozenset[str]:
        return self._ids

    def combine_means(self, means: tuple[float, ...]) -> float:
        """The weighted mean of the groups' means (given in group order)."""
        total = sum(grp.weight for grp in self.groups)
        return sum(grp.weight * m for grp, m in zip(self.groups, means, strict=True)) / total

    def describe(self, points: float) -> Text:
        total = sum(grp.weight for grp in self.groups)
        zh = "，".join(f"{grp.name.zh} {g(100 * grp.weight / total)}%" for grp in self.groups)
        en = ", ".join(f"{grp.name.en} {g(100 * grp.weight / total)}%" for grp in self.groups)
        trim = ("，去掉一个最高分和一个最低分", ", highest and lowest dropped") if self.trimmed else ("", "")
        return Text(f"评议（{zh}{trim[0]}）", f"appraisal ({en}{trim[1]})")

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "trimmed": self.trimmed,
            "groups": [
                {"id": grp.id, "name": {"zh": grp.name.zh, "en": grp.name.en}, "weight": grp.weight}
                for grp in self.groups
            ],
        }
