"""``explain_gap`` and ``to_reach``: what separates two units, and what a unit would need to
reach a grade, read from an :class:`AssessmentReport`."""

from __future__ import annotations

import math

import attrs

from govefficiency.assessment._report import AssessmentReport, VetoHit
from govefficiency.assessment._rules import Measure, g
from govefficiency.assessment._scheme import EffectKind, require
from govefficiency.errors import AssessmentError
from govefficiency.text import Lang, Text, require_lang

# -- explain_gap and to_reach ------------------------------------------------------------------


@attrs.frozen
class GapLine:
    """One indicator between two units: ``difference = points_a − points_b``."""

    indicator: str
    name: Text
    points_a: float
    points_b: float

    @property
    def difference(self) -> float:
        return self.points_a - self.points_b


@attrs.frozen
class Gap:
    """What separates unit ``a`` from unit ``b`` (see :func:`explain_gap`)."""

    a: str
    b: str
    total_a: float
    total_b: float
    lines: tuple[GapLine, ...]
    vetoes_a: tuple[VetoHit, ...]
    vetoes_b: tuple[VetoHit, ...]

    def explain(self, lang: Lang = "zh") -> str:
        lang = require_lang(lang)
        zh = lang == "zh"
        head = (
            f"{self.a} {g(self.total_a)} 分，{self.b} {g(self.total_b)} 分，相差 {g(self.total_a - self.total_b)}"
            if zh
            else f"{self.a} {g(self.total_a)}, {self.b} {g(self.total_b)}: a gap of {g(self.total_a - self.total_b)}"
        )
        lines = [head]
        for line in self.lines:
            if abs(line.difference) < 1e-9:
                continue
            lines.append(
                f"  {line.name.get(lang)}: {g(line.points_a)} − {g(line.points_b)} = {line.difference:+.2f}"
            )
        for who, hits in ((self.a, self.vetoes_a), (self.b, self.vetoes_b)):
            for h in hits:
                lines.append(
                    f"  {who}: " + ("一票否决 " if zh else "veto ") + f"{h.rule} — {h.fact.get(lang)}"
                )
        return "\n".join(lines)


def _report(report: object, fn: str) -> AssessmentReport:
    return require(report, AssessmentReport, fn, "an AssessmentReport")


def explain_gap(report: AssessmentReport, a: str, b: str) -> Gap:
    """Which indicators separate unit ``a`` from unit ``b``, largest first.

    Raises:
        AssessmentError: a unit not in the report, undetermined, or the two in different
            categories (their indicators differ).
    """
    report = _report(report, "explain_gap")
    ua, ub = report.unit(a), report.unit(b)
    if ua.category != ub.category:
        raise AssessmentError(
            f"{a} ({ua.category}) and {b} ({ub.category}) are in different categories with different indicators",
            f"{a}（{ua.category}）与 {b}（{ub.category}）属于不同类别，指标不同，无法比较",
        )
    for u in (ua, ub):
        if u.total is None:
            raise AssessmentError(
                f"unit {u.unit} has no total (missing {', '.join(u.missing) or 'scheme'}): supply the data first",
                f"单位 {u.unit} 总分未定（缺少 {', '.join(u.missing) or '方案'}），请先补齐数据",
            )
    cat = report.scheme.category(ua.category)
    assert cat is not None
    lines = [
        GapLine(ind.id, ind.name, pa or 0.0, pb or 0.0)
        for ind, pa, pb in zip(cat.indicators, ua.points, ub.points, strict=True)
    ]
    lines.sort(key=lambda x: (-abs(round(x.difference, 9)), x.indicator))
    assert ua.total is not None
    assert ub.total is not None
    return Gap(a, b, ua.total, ub.total, tuple(lines), ua.vetoes, ub.vetoes)


@attrs.frozen
class ReachOption:
    """The smallest change of one indicator that alone lifts the unit to the grade.

    Attributes:
        indicator: the indicator.
        name: its name.
        current: its value now.
        needed: the value needed (for a deduction: the most events allowed), or ``None``
            when no value of this indicator alone is enough.
        points_now: the points now.
        points_needed: the points it must reach.
    """

    indicator: str
    name: Text
    current: float
    needed: float | None
    points_now: float
    points_needed: float

    @property
    def possible(self) -> bool:
        return self.needed is not None


@attrs.frozen
class Reach:
    """The answer of :func:`to_reach`.

    Attributes:
        unit: the unit.
        grade: the grade asked for.
        total: its total now.
        target: the total needed (the band's minimum, raised above the last unit inside a
            quota when the grade has one).
        already: it already holds the grade (or a better one).
        blocked_by: the vetoes that make the grade impossible whatever the scores.
        options: per indicator, the single change that would do.
        held_by_quota: the total already reaches the target, but a tie at the quota's
            boundary holds the unit back (see ``QUOTA_TIE``).
    """

    unit: str
    grade: str
    total: float
    target: float
    already: bool
    blocked_by: tuple[VetoHit, ...]
    options: tuple[ReachOption, ...]
    held_by_quota: bool = False

    @property
    def impossible(self) -> bool:
        if self.held_by_quota:
            return False
        return bool(self.blocked_by) or (not self.already and not any(o.possible for o in self.options))

    def explain(self, lang: Lang = "zh") -> str:
        lang = require_lang(lang)
        zh = lang == "zh"
        if self.already:
            return f"{self.unit} 已达到 {self.grade}" if zh else f"{self.unit} already holds {self.grade}"
        if self.held_by_quota:
            return (
                f"{self.unit} 的总分已够 {self.grade}，但名额边界并列，未获该等次"
                if zh
                else f"{self.unit} already scores enough for {self.grade}; a tie at the quota boundary holds it back"
            )
        if self.blocked_by:
            rules = "; ".join(f"{h.rule} ({h.fact.get(lang)})" for h in self.blocked_by)
            return (
                f"{self.unit} 无法达到 {self.grade}：被一票否决 {rules}"
                if zh
                else f"{self.unit} cannot reach {self.grade}: blocked by veto {rules}"
            )
        if math.isinf(self.target):
            return (
                f"{self.unit} 无法达到 {self.grade}：该等次的名额按比例取整后为 0"
                if zh
                else f"{self.unit} cannot reach {self.grade}: its quota rounds to 0 units in this category"
            )
        lines = [
            f"{self.unit} 需从 {g(self.total)} 分升至 {g(self.target)} 分以达到 {self.grade}"
            if zh
            else f"{self.unit} needs {g(self.target)} instead of {g(self.total)} to reach {self.grade}"
        ]
        for o in self.options:
            if o.needed is None:
                lines.append(f"  {o.name.get(lang)}: " + ("单项无法做到" if zh else "impossible on its own"))
            else:
                lines.append(f"  {o.name.get(lang)}: {g(o.current)} → {g(o.needed)}")
        return "\n".join(lines)


def to_reach(report: AssessmentReport, unit: str, grade: str) -> Reach:
    """The smallest change in each single indicator that would lift ``unit`` to ``grade``,
    all else equal; impossible when a veto blocks it (a cap below the grade, a zeroed
    total, an exclusion).

    Raises:
        AssessmentError: unknown unit or grade, or the unit's total is undetermined.
    """
    report = _report(report, "to_reach")
    u = report.unit(unit)
    scheme = report.scheme
    want = scheme.grade_index(grade)
    if u.total is None or u.raw_total is None:
        raise AssessmentError(
            f"unit {unit} has no total (missing {', '.join(u.missing) or 'scheme'}): supply the data first",
            f"单位 {unit} 总分未定（缺少 {', '.join(u.missing) or '方案'}），请先补齐数据",
        )
    blocked = tuple(
        h
        for h in u.vetoes
        if h.effect in (EffectKind.ZERO_TOTAL, EffectKind.EXCLUDE)
        or (h.grade is not None and scheme.grade(h.grade) is not None and scheme.grade_index(h.grade) > want)
    )
    already = u.grade is not None and scheme.grade_index(u.grade) <= want
    gr = scheme.grades[want]
    target = gr.min_score if gr.min_score is not None else -math.inf
    if gr.quota is not None:
        # to enter the quota, beat the last unit that holds this grade or a better one
        holders = [
            o
            for o in report.units
            if o.category == u.category
            and o.unit != unit
            and o.grade is not None
            and scheme.grade_index(o.grade) <= want
            and o.total is not None
        ]
        ranked_count = sum(1 for o in report.units if o.category == u.category and o.rank is not None)
        allowed = scheme.rounding.apply(gr.quota * ranked_count / 100.0)
        if allowed == 0:
            target = math.inf
        elif len(holders) >= allowed:
            weakest = min(o.total for o in holders if o.total is not None)
            target = max(target, weakest + 0.01)
    cat = scheme.category(u.category)
    assert cat is not None
    options: list[ReachOption] = []
    held = not already and not blocked and target <= u.raw_total + 1e-9
    if not already and not blocked and not held:
        gain = target - u.raw_total
        for ind, value, pts in zip(cat.indicators, u.values, u.points, strict=True):
            assert value is not None
            assert pts is not None
            want_pts = pts + gain
            needed = None if math.isinf(target) else ind.rule.needed(want_pts, ind.points)
            if needed is not None and math.isinf(needed):
                needed = None
            if needed is not None and ind.measure in (Measure.RATE, Measure.SCORE) and needed > 100 + 1e-9:
                needed = None
            if needed is not None and ind.measure is Measure.COUNT and not ind.rule.decreasing:
                needed = float(math.ceil(needed - 1e-9))
            if needed is not None and ind.rule.decreasing and needed < 0:
                needed = None
            options.append(ReachOption(ind.id, ind.name, value, needed, pts, min(want_pts, ind.points)))
    return Reach(unit, grade, u.total, target, already, blocked, tuple(options), held)
