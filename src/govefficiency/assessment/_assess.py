"""``assess``: scores, vetoes, ranking, grades and the report that explains them.

The pipeline, each stage readable on its own:

1. check the scheme (findings, never exceptions);
2. per category, read every indicator's column of values, refuse impossible input
   (a rate above 100 %, a negative count), and score it; a unit without a value is
   reported (``MISSING_METRIC``) and left undetermined, never scored as zero;
3. apply the one-vote vetoes (each names its rule and the triggering fact);
4. rank (standard competition by default, dense as an option; ties broken only by the
   declared tie-break indicators);
5. grade by bands, cap by vetoes, then apply the quotas (after the vetoes).

Traces are kept cheap: a category's values and points are kept as columns shared by its
units' results, and the
per-indicator trace text is written only when asked for (:attr:`UnitResult.scores`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import attrs

from govefficiency._gc import gc_paused
from govefficiency.assessment import _codes as codes
from govefficiency.assessment._inputs import AssessedUnit, Inputs
from govefficiency.assessment._period import Period
from govefficiency.assessment._rules import Appraisal, Measure, g
from govefficiency.assessment._scheme import (
    Category,
    EffectKind,
    Indicator,
    RankMethod,
    Scheme,
    VetoRule,
    check_scheme,
)
from govefficiency.errors import AssessmentError, InvalidTypeError
from govefficiency.findings import Finding, has_errors, sort_findings
from govefficiency.text import Lang, Text, check_lang

__all__ = [
    "SCHEMA_VERSION",
    "AssessmentReport",
    "Gap",
    "GapLine",
    "IndicatorScore",
    "Reach",
    "ReachOption",
    "UnitResult",
    "VetoHit",
    "assess",
    "explain_gap",
    "to_reach",
]

#: The version of the report's JSON form; bumped when a field changes meaning.
SCHEMA_VERSION = "1"

_SYM = {Measure.RATE: "%", Measure.COUNT: "", Measure.SCORE: "", Measure.VALUE: ""}


@attrs.frozen
class IndicatorScore:
    """One indicator of one unit.

    Attributes:
        indicator: the indicator's id.
        name: its name.
        value: the value read (for an appraisal, the combined score); ``None`` when missing.
        points: the points scored; ``None`` when the value is missing.
        max_points: the indicator's points.
        trace: the arithmetic, in zh and en.
    """

    indicator: str
    name: Text
    value: float | None
    points: float | None
    max_points: float
    trace: Text


@attrs.frozen
class VetoHit:
    """A veto that fired: the rule, the fact that triggered it and its effect.

    Attributes:
        rule: the rule's id.
        name: the rule's name.
        effect: what it does.
        grade: for a grade cap, the best grade left.
        fact: the triggering fact in words (value, threshold, evidence ids).
        refs: the evidence ids (ledger items, cases).
    """

    rule: str
    name: Text
    effect: EffectKind
    grade: str | None
    fact: Text
    refs: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": {"zh": self.name.zh, "en": self.name.en},
            "effect": self.effect.value,
            "grade": self.grade,
            "fact": {"zh": self.fact.zh, "en": self.fact.en},
            "refs": list(self.refs),
        }


class _Block:
    """The columns of one category (values, points, appraisal means per indicator),
    shared by its units' results: one list per indicator instead of tuples per unit."""

    __slots__ = ("means", "points", "values")

    def __init__(
        self,
        values: list[list[float | None]],
        points: list[list[float | None]],
        means: list[list[tuple[float, ...] | None]],
    ) -> None:
        self.values = values
        self.points = points
        self.means = means

    def __getstate__(self) -> tuple[Any, ...]:
        return (self.values, self.points, self.means)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self.values, self.points, self.means = state


@attrs.frozen(eq=False)
class UnitResult:
    """One unit's result.

    Attributes:
        unit: the unit.
        category: its category.
        name: its display name.
        total: the total after vetoes; ``None`` when undetermined (a metric missing) or
            its category has no scheme.
        raw_total: the total before vetoes.
        values, points, notes: per indicator (properties, read from the category's
            columns): the value, the points, the appraisal groups' means.
        vetoes: the vetoes that fired.
        missing: the metrics without a value.
        rank: its rank in its category; ``None`` when undetermined or excluded.
        band_grade: the grade its total earns by the bands alone.
        grade: the final grade (after veto caps and quotas); ``None`` when undetermined
            or excluded.
        rank_change: previous rank − this rank (positive: moved up); ``None`` when either
            is unknown.
        excluded: excluded from ranking and grading by a veto.
    """

    unit: str
    category: str
    name: str
    total: float | None
    raw_total: float | None
    block: _Block | None = attrs.field(repr=False)
    row: int = attrs.field(repr=False)
    vetoes: tuple[VetoHit, ...]
    missing: tuple[str, ...]
    cat: Category | None = attrs.field(repr=False)
    rank: int | None = None
    band_grade: str | None = None
    grade: str | None = None
    rank_change: int | None = None
    excluded: bool = False

    @property
    def values(self) -> tuple[float | None, ...]:
        """Per indicator of the category, in declaration order: the value read."""
        return () if self.block is None else tuple(c[self.row] for c in self.block.values)

    @property
    def points(self) -> tuple[float | None, ...]:
        """Per indicator: the points scored (``None`` when the value is missing)."""
        return () if self.block is None else tuple(c[self.row] for c in self.block.points)

    @property
    def notes(self) -> tuple[tuple[float, ...] | None, ...]:
        """Per indicator: the appraisal groups' means, or ``None``."""
        return () if self.block is None else tuple(c[self.row] for c in self.block.means)

    @property
    def determined(self) -> bool:
        return self.total is not None

    @property
    def scores(self) -> tuple[IndicatorScore, ...]:
        """Per indicator, with its trace (written now, on demand)."""
        if self.cat is None:
            return ()
        return tuple(
            _indicator_score(ind, rule, v, p, n)
            for ind, rule, v, p, n in zip(
                self.cat.indicators, self.cat.descriptions, self.values, self.points, self.notes, strict=True
            )
        )

    def to_dict(self, *, traces: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "unit": self.unit,
            "name": self.name,
            "category": self.category,
            "total": _r(self.total),
            "raw_total": _r(self.raw_total),
            "rank": self.rank,
            "rank_change": self.rank_change,
            "band_grade": self.band_grade,
            "grade": self.grade,
            "excluded": self.excluded,
            "missing": list(self.missing),
            "vetoes": [v.to_dict() for v in self.vetoes],
        }
        if traces:
            data["indicators"] = [
                {
                    "indicator": s.indicator,
                    "value": _r(s.value),
                    "points": _r(s.points),
                    "max_points": _r(s.max_points),
                    "trace": {"zh": s.trace.zh, "en": s.trace.en},
                }
                for s in self.scores
            ]
        return data


def _r(x: float | None) -> float | None:
    if x is None:
        return None
    out = round(x, 4)
    return 0.0 if out == 0 else out


def _indicator_score(
    ind: Indicator, rule: Text, value: float | None, points: float | None, means: tuple[float, ...] | None
) -> IndicatorScore:
    note = None
    if means is not None and isinstance(ind.rule, Appraisal):
        note = (
            "[" + ", ".join(f"{grp.id} {g(m)}" for grp, m in zip(ind.rule.groups, means, strict=True)) + "]"
        )
    if value is None or points is None:
        trace = Text(
            f"{ind.name.zh}：缺少数据 → 无法计分（{rule.zh}）",
            f"{ind.name.en}: no value → not scored ({rule.en})",
        )
    else:
        sym = _SYM[ind.measure]
        pre = "" if note is None else note + " "
        trace = Text(
            f"{ind.name.zh} {pre}{g(value)}{sym} → {g(points)} / {g(ind.points)}，{rule.zh}",
            f"{ind.name.en} {pre}{g(value)}{sym} → {g(points)} / {g(ind.points)}, {rule.en}",
        )
    return IndicatorScore(ind.id, ind.name, value, points, ind.points, trace)


@attrs.frozen(eq=False)
class AssessmentReport:
    """The result of :func:`assess`.

    Attributes:
        scheme: the scheme applied.
        period: the period assessed.
        units: one result per unit on the roster, by category (scheme order), then rank,
            then id; undetermined and excluded units last in their category.
        findings: scheme findings, missing metrics, vetoes, quota ties (sorted).
        top, bottom: per category id, the unit ids of the top and bottom lists (奖励 /
            惩戒), ties at the edge included.
    """

    scheme: Scheme
    period: Period
    units: tuple[UnitResult, ...]
    findings: tuple[Finding, ...]
    top: Mapping[str, tuple[str, ...]]
    bottom: Mapping[str, tuple[str, ...]]

    @property
    def has_errors(self) -> bool:
        return has_errors(self.findings)

    def unit(self, unit_id: str) -> UnitResult:
        """The result of ``unit_id``; an error naming the units when it is not in the report."""
        for u in self.units:
            if u.unit == unit_id:
                return u
        raise AssessmentError(
            f"unit {unit_id!r} is not in this report (it has {len(self.units)} units)",
            f"报告中没有单位 {unit_id!r}（共 {len(self.units)} 个单位）",
        )

    def ranks(self) -> dict[str, int | None]:
        return {u.unit: u.rank for u in self.units}

    def to_dict(self, *, traces: bool = True) -> dict[str, Any]:
        """A JSON-ready mapping with ``schema_version``; deterministic."""
        return {
            "schema_version": SCHEMA_VERSION,
            "scheme": self.scheme.id,
            "period": str(self.period),
            "errors": self.has_errors,
            "categories": [
                {
                    "category": c.id,
                    "name": {"zh": c.name.zh, "en": c.name.en},
                    "top": list(self.top.get(c.id, ())),
                    "bottom": list(self.bottom.get(c.id, ())),
                }
                for c in self.scheme.categories
            ],
            "units": [u.to_dict(traces=traces) for u in self.units],
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self, *, traces: bool = True) -> str:
        """The report as JSON text: the same inputs give the same bytes."""
        return json.dumps(self.to_dict(traces=traces), ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    def explain(self, lang: Lang = "zh", *, unit: str | None = None) -> str:
        """The ranking per category with grades, changes and vetoes; with ``unit``, that
        unit's full arithmetic."""
        lang = check_lang(lang)
        zh = lang == "zh"
        if unit is not None:
            return _explain_unit(self, self.unit(unit), lang)
        lines = [
            f"{self.scheme.name.get(lang)} — {self.period}",
        ]
        for c in self.scheme.categories:
            lines.append("")
            lines.append(f"【{c.name.zh}】" if zh else f"[{c.name.en}]")
            for u in self.units:
                if u.category != c.id:
                    continue
                lines.append("  " + _unit_line(self, u, lang))
            if self.top.get(c.id):
                lines.append(("  前列（奖励）：" if zh else "  top (reward): ") + ", ".join(self.top[c.id]))
            if self.bottom.get(c.id):
                lines.append(
                    ("  后列（惩戒）：" if zh else "  bottom (sanction): ") + ", ".join(self.bottom[c.id])
                )
        others = [u for u in self.units if self.scheme.category(u.category) is None]
        if others:
            lines.append("")
            lines.append("【无考核方案】" if zh else "[no scheme]")
            lines.extend("  " + _unit_line(self, u, lang) for u in others)
        if self.findings:
            lines.append("")
            lines.extend(f.render(lang) for f in self.findings)
        return "\n".join(lines)


def _grade_name(report: AssessmentReport, grade: str | None, lang: Lang) -> str:
    if grade is None:
        return "—"
    gr = report.scheme.grade(grade)
    return grade if gr is None else gr.name.get(lang)


def _unit_line(report: AssessmentReport, u: UnitResult, lang: Lang) -> str:
    zh = lang == "zh"
    label = u.name or u.unit
    if u.name and u.name != u.unit:
        label = f"{u.name} ({u.unit})"
    if u.total is None:
        why = (
            ("缺少 " if zh else "missing ") + ", ".join(u.missing)
            if u.missing
            else ("无方案" if zh else "no scheme")
        )
        return f"{'—':>3}  {label}  {('未定' if zh else 'undetermined')} ({why})"
    rank = "—" if u.rank is None else str(u.rank)
    change = ""
    if u.rank_change is not None:
        change = (
            f"  {'↑' if u.rank_change > 0 else '↓' if u.rank_change < 0 else '='}{abs(u.rank_change) or ''}"
        )
    veto = ""
    if u.vetoes:
        veto = ("  一票否决：" if zh else "  veto: ") + ", ".join(v.rule for v in u.vetoes)
    excluded = (" 不参加排名" if zh else " excluded") if u.excluded else ""
    return f"{rank:>3}  {label}  {g(u.total)}  {_grade_name(report, u.grade, lang)}{change}{veto}{excluded}"


def _explain_unit(report: AssessmentReport, u: UnitResult, lang: Lang) -> str:
    zh = lang == "zh"
    lines = [_unit_line(report, u, lang)]
    for s in u.scores:
        lines.append("  " + s.trace.get(lang))
    if u.raw_total is not None:
        lines.append(("  合计 " if zh else "  total ") + g(u.raw_total))
    for v in u.vetoes:
        effect = v.effect.label.get(lang)
        if v.grade is not None:
            effect = ("等次最高为" if zh else "grade at most ") + _grade_name(report, v.grade, lang)
        if zh:
            lines.append(f"  一票否决 {v.rule}（{v.name.zh}）：{v.fact.zh}；{effect}")
        else:
            lines.append(f"  veto {v.rule} ({v.name.en}): {v.fact.en}; {effect}")
    if u.excluded:
        lines.append("  不参加排名和评定等次" if zh else "  excluded from the ranking and the grades")
    if u.band_grade is not None and u.grade != u.band_grade:
        lines.append(
            f"  按分数段为{_grade_name(report, u.band_grade, lang)}，经否决/名额后为{_grade_name(report, u.grade, lang)}"
            if zh
            else f"  bands give {_grade_name(report, u.band_grade, lang)}; after vetoes and quotas "
            f"{_grade_name(report, u.grade, lang)}"
        )
    return "\n".join(lines)


# -- assess ----------------------------------------------------------------------------------


def _check_value(ind_id: str, measure: Measure, unit: str, value: float, source: str) -> None:
    if measure is Measure.RATE and not 0 <= value <= 100:
        raise AssessmentError(
            f"unit {unit!r}: {ind_id} is a rate in percent, but {g(value)} is outside 0–100 (source {source})",
            f"单位 {unit!r}：{ind_id} 是百分比，但 {g(value)} 不在 0–100 之间（来源 {source}）",
        )
    if measure is Measure.COUNT and (value < 0 or value != math.floor(value)):
        raise AssessmentError(
            f"unit {unit!r}: {ind_id} is a count, but {g(value)} is not a whole number ≥ 0 (source {source})",
            f"单位 {unit!r}：{ind_id} 是件数，但 {g(value)} 不是非负整数（来源 {source}）",
        )
    if measure is Measure.SCORE and not 0 <= value <= 100:
        raise AssessmentError(
            f"unit {unit!r}: {ind_id} is a score, but {g(value)} is outside 0–100 (source {source})",
            f"单位 {unit!r}：{ind_id} 是评分，但 {g(value)} 不在 0–100 之间（来源 {source}）",
        )


def _appraise(
    ind: Indicator, unit: str, cell: Any, findings: list[Finding]
) -> tuple[float | None, tuple[float, ...] | None, list[str]]:
    """(combined score, the groups' means, missing groups) for one unit's appraisal cell."""
    rule = ind.rule
    assert isinstance(rule, Appraisal)
    if cell.__class__ is not dict:
        _check_value(ind.id, Measure.SCORE, unit, cell[0], cell[1])
        return cell[0], None, []
    means: list[float] = []
    missing: list[str] = []
    for grp in rule.groups:
        scores = cell.get(grp.id)
        if not scores:
            missing.append(f"{ind.id}[{grp.id}]")
            continue
        values = sorted(scores[0])
        if values[0] < 0 or values[-1] > 100:
            for v, src in zip(scores[0], scores[1], strict=True):
                _check_value(ind.id, Measure.SCORE, unit, v, src)
        if rule.trimmed:
            if len(values) >= 3:
                values = values[1:-1]
            else:
                findings.append(
                    codes.FEW_RATERS(unit, ind.id, unit=unit, metric=ind.id, group=grp.id, n=len(values))
                )
        means.append(sum(values) / len(values))
    if not cell.keys() <= rule.group_ids:
        unknown = sorted(set(cell) - set(rule.group_ids))
        raise AssessmentError(
            f"unit {unit!r}: {ind.id} has scores from unknown rater groups {unknown}",
            f"单位 {unit!r}：{ind.id} 含有未声明评议组 {unknown} 的评分",
        )
    if missing:
        return None, None, missing
    means_t = tuple(means)
    return rule.combine_means(means_t), means_t, []


def assess(
    scheme: Scheme,
    inputs: Inputs,
    period: Period | str,
    *,
    previous: AssessmentReport | Mapping[str, int | None] | None = None,
) -> AssessmentReport:
    """Assess every unit on the roster of ``inputs`` under ``scheme`` for ``period``.

    Args:
        scheme: the scheme.
        inputs: the roster and the metric rows (rows dated for another period are ignored).
        period: the period (``"2026Q3"`` or a :class:`Period`), of the scheme's kind.
        previous: the previous period's report, or ``{unit: rank}``, for the change of rank.

    Raises:
        AssessmentError: a rate above 100 %, a negative or fractional count, a score
            outside 0–100, a period of the wrong kind.
        InvalidTypeError: arguments of the wrong type.
    """
    if not isinstance(scheme, Scheme):
        raise InvalidTypeError(
            f"assess needs a Scheme, not {type(scheme).__name__}",
            f"assess 需要 Scheme，而不是 {type(scheme).__name__}",
        )
    if not isinstance(inputs, Inputs):
        raise InvalidTypeError(
            f"assess needs Inputs, not {type(inputs).__name__}",
            f"assess 需要 Inputs，而不是 {type(inputs).__name__}",
        )
    period = Period.parse(period)
    if period.kind is not scheme.period:
        raise AssessmentError(
            f"scheme {scheme.id} assesses by {scheme.period.value}, but the period {period} is a {period.kind.value}",
            f"方案 {scheme.id} 按{scheme.period.label.zh}考核，但 {period} 是{period.kind.label.zh}",
        )
    prev = _previous_ranks(previous)
    with gc_paused():
        return _assess(scheme, inputs, period, prev)


def _previous_ranks(previous: object) -> dict[str, int | None]:
    if previous is None:
        return {}
    if isinstance(previous, AssessmentReport):
        return previous.ranks()
    if isinstance(previous, Mapping):
        out: dict[str, int | None] = {}
        for k, v in previous.items():
            if not isinstance(k, str) or not (v is None or (type(v) is int and v >= 1)):
                raise AssessmentError(
                    f"previous ranks must map unit ids to ranks ≥ 1 or None, got {k!r}: {v!r}",
                    f"上期名次必须是 单位 id → 名次（≥1）或 None，而不是 {k!r}: {v!r}",
                )
            out[k] = v
        return out
    raise InvalidTypeError(
        f"previous must be an AssessmentReport or a mapping of ranks, not {type(previous).__name__}",
        f"previous 必须是 AssessmentReport 或名次映射，而不是 {type(previous).__name__}",
    )


class _Work:
    """One unit while it is being assessed (mutable, private; becomes a UnitResult)."""

    __slots__ = ("band", "excluded", "grade", "hits", "k", "key", "m", "missing", "rank", "raw", "total")

    def __init__(self, m: AssessedUnit, k: int, missing: list[str]) -> None:
        self.m = m
        self.k = k
        self.hits: list[VetoHit] = []
        self.missing = missing
        self.raw: float | None = None
        self.total: float | None = None
        self.excluded = False
        self.key: tuple[float, ...] = ()
        self.rank: int | None = None
        self.band: str | None = None
        self.grade: str | None = None


def _assess(scheme: Scheme, inputs: Inputs, period: Period, prev: dict[str, int | None]) -> AssessmentReport:
    findings: list[Finding] = list(check_scheme(scheme))
    broken_vetoes = {f.subject[0] for f in findings if f.code == "VETO_UNKNOWN_INDICATOR"}
    metrics = inputs.metrics_for(period)
    grades = {gr.id: gr for gr in scheme.grades}
    by_category: dict[str, list[AssessedUnit]] = {}
    for u in sorted(inputs.units, key=lambda u: u.id):
        by_category.setdefault(u.category, []).append(u)
    used: set[str] = set()
    results: list[UnitResult] = []
    top: dict[str, tuple[str, ...]] = {}
    bottom: dict[str, tuple[str, ...]] = {}
    for cat in scheme.categories:
        members = by_category.get(cat.id, [])
        if not members:
            continue
        if not cat.indicators:
            findings.append(
                codes.CATEGORY_WITHOUT_SCHEME(
                    cat.id, *(m.id for m in members), category=cat.id, units=", ".join(m.id for m in members)
                )
            )
            results.extend(
                UnitResult(m.id, cat.id, m.name, None, None, None, 0, (), (), None) for m in members
            )
            continue
        vetoes = [v for v in scheme.vetoes if v.applies_to(cat.id) and v.id not in broken_vetoes]
        used |= cat.metric_ids()
        work, block = _score_category(cat, members, metrics, vetoes, grades, findings)
        _rank_and_grade(scheme, cat, work, block, findings)
        ordered = sorted(
            work,
            key=lambda w: (w.rank is None, w.rank or 0, w.m.id),
        )
        final = [
            UnitResult(
                w.m.id,
                cat.id,
                w.m.name,
                w.total,
                w.raw,
                block,
                w.k,
                tuple(w.hits),
                tuple(w.missing),
                cat,
                w.rank,
                w.band,
                w.grade,
                _change(prev.get(w.m.id), w.rank),
                w.excluded,
            )
            for w in ordered
        ]
        results.extend(final)
        top[cat.id], bottom[cat.id] = _edges(final, scheme.ranking.top, scheme.ranking.bottom)
    for cat_id in sorted(set(by_category) - {c.id for c in scheme.categories}):
        members = by_category[cat_id]
        findings.append(
            codes.CATEGORY_WITHOUT_SCHEME(
                cat_id, *(m.id for m in members), category=cat_id, units=", ".join(m.id for m in members)
            )
        )
        results.extend(UnitResult(m.id, cat_id, m.name, None, None, None, 0, (), (), None) for m in members)
    unused = sorted(set(metrics) - used)
    if unused:
        findings.append(codes.UNUSED_METRIC(*unused, metrics=", ".join(unused), n=len(unused)))
    return AssessmentReport(scheme, period, tuple(results), tuple(sort_findings(findings)), top, bottom)


def _change(before: int | None, now: int | None) -> int | None:
    return None if before is None or now is None else before - now


def _check_column(
    ind_id: str, measure: Measure, ids: list[str], vals: list[float | None], cells: list[Any]
) -> None:
    """Refuse impossible values of a whole column at once (min/max first, then find the culprit)."""
    present = [v for v in vals if v is not None]
    if not present:
        return
    bad = False
    if measure is Measure.RATE or measure is Measure.SCORE:
        bad = min(present) < 0 or max(present) > 100
    elif measure is Measure.COUNT:
        bad = min(present) < 0 or any(v != int(v) for v in present)
    if bad:
        for unit, v, cell in zip(ids, vals, cells, strict=True):
            if v is not None:
                _check_value(ind_id, measure, unit, v, cell[1])


def _score_category(
    cat: Category,
    members: list[AssessedUnit],
    metrics: Mapping[str, Mapping[str, Any]],
    vetoes: list[VetoRule],
    grades: Mapping[str, Any],
    findings: list[Finding],
) -> tuple[list[_Work], _Block]:
    n = len(members)
    ids = [m.id for m in members]
    columns_v: list[list[float | None]] = []
    columns_p: list[list[float | None]] = []
    columns_n: list[list[tuple[float, ...] | None]] = []
    missing: list[list[str]] = [[] for _ in range(n)]
    for ind in cat.indicators:
        col = metrics.get(ind.id, {})
        cells = [col.get(u) for u in ids]
        notes: list[tuple[float, ...] | None] = [None] * n
        if isinstance(ind.rule, Appraisal):
            vals: list[float | None] = [None] * n
            for k, cell in enumerate(cells):
                if cell is None:
                    missing[k].append(ind.id)
                    continue
                value, note, miss = _appraise(ind, ids[k], cell, findings)
                if value is None:
                    missing[k].extend(miss)
                    continue
                vals[k], notes[k] = value, note
        else:
            vals = [None if c is None or c.__class__ is dict else c[0] for c in cells]
            for k, v in enumerate(vals):
                if v is None:
                    missing[k].append(ind.id)
            if ind.measure is not Measure.VALUE:
                _check_column(ind.id, ind.measure, ids, vals, cells)
        columns_v.append(vals)
        columns_p.append(ind.rule.score_many(vals, ind.points))
        columns_n.append(notes)
    work = [_Work(m, k, missing[k]) for k, m in enumerate(members)]
    block = _Block(columns_v, columns_p, columns_n)
    facts = {f.id: f for f in cat.facts}
    for rule in vetoes:
        _apply_veto(rule, cat, facts, work, columns_v, metrics, grades, findings)
    for w, pts in zip(work, zip(*columns_p, strict=True), strict=True):
        for metric in w.missing:
            findings.append(codes.MISSING_METRIC(w.m.id, metric, unit=w.m.id, metric=metric))
        if w.missing:
            continue
        w.raw = math.fsum(pts)
        if w.hits:
            w.total = 0.0 if any(h.effect is EffectKind.ZERO_TOTAL for h in w.hits) else w.raw
            w.excluded = any(h.effect is EffectKind.EXCLUDE for h in w.hits)
        else:
            w.total = w.raw
    return work, block


def _apply_veto(
    rule: VetoRule,
    cat: Category,
    facts: Mapping[str, Any],
    work: list[_Work],
    columns_v: list[list[float | None]],
    metrics: Mapping[str, Mapping[str, Any]],
    grades: Mapping[str, Any],
    findings: list[Finding],
) -> None:
    col = metrics.get(rule.metric, {})
    ind_pos = next((i for i, ind in enumerate(cat.indicators) if ind.id == rule.metric), None)
    fact = facts.get(rule.metric)
    if ind_pos is None and fact is None:
        return
    ids = [w.m.id for w in work]
    cells = [col.get(u) for u in ids]
    if ind_pos is not None:
        column = columns_v[ind_pos]  # None where missing: already reported
    else:
        assert fact is not None
        column = [None if c is None or c.__class__ is dict else c[0] for c in cells]
        for w, v in zip(work, column, strict=True):
            if v is None and rule.metric not in w.missing:
                w.missing.append(rule.metric)
        if fact.measure is not Measure.VALUE:
            _check_column(rule.metric, fact.measure, ids, column, cells)
    threshold = rule.threshold if rule.trigger.below else rule.at_least
    assert threshold is not None
    if rule.trigger.below:
        fired = [k for k, v in enumerate(column) if v is not None and v < threshold]
    else:
        fired = [k for k, v in enumerate(column) if v is not None and v >= threshold]
    effect = rule.effect_text(dict(grades))
    for k in fired:
        w, value, cell = work[k], column[k], cells[k]
        assert value is not None
        refs: tuple[str, ...] = cell[2] if cell is not None and cell.__class__ is not dict else ()
        if rule.trigger.below:
            fact_zh = f"{rule.metric} = {g(value)}，低于阈值 {g(threshold)}"
            fact_en = f"{rule.metric} = {g(value)}, below the threshold {g(threshold)}"
        else:
            fact_zh = f"{rule.metric} = {g(value)}（≥ {g(threshold)}）"
            fact_en = f"{rule.metric} = {g(value)} (≥ {g(threshold)})"
        if refs:
            fact_zh += "：" + "、".join(refs)
            fact_en += ": " + ", ".join(refs)
        hit = VetoHit(rule.id, rule.name, rule.effect, rule.grade, Text(fact_zh, fact_en), tuple(refs))
        w.hits.append(hit)
        findings.append(
            codes.VETO_APPLIED(
                w.m.id,
                rule.id,
                *refs,
                unit=w.m.id,
                rule=rule.id,
                rule_name=rule.name.zh,
                rule_name_en=rule.name.en,
                fact=fact_zh,
                fact_en=fact_en,
                effect=effect.zh,
                effect_en=effect.en,
            )
        )


def _rank_and_grade(
    scheme: Scheme, cat: Category, work: list[_Work], block: _Block, findings: list[Finding]
) -> None:
    tie_positions = [
        i for t in scheme.ranking.tie_break for i, ind in enumerate(cat.indicators) if ind.id == t
    ]
    ranked = [w for w in work if w.total is not None and not w.excluded]
    for w in ranked:
        assert w.total is not None
        w.key = (round(w.total, 6), *(round(block.points[i][w.k] or 0.0, 6) for i in tie_positions))
    ranked.sort(key=lambda w: (tuple(-v for v in w.key), w.m.id))
    rank = dense = 0
    last: tuple[float, ...] | None = None
    dense_method = scheme.ranking.method is RankMethod.DENSE
    index = {gr.id: i for i, gr in enumerate(scheme.grades)}
    for position, w in enumerate(ranked, start=1):
        if w.key != last:
            rank = position
            dense += 1
            last = w.key
        w.rank = dense if dense_method else rank
        w.band = _band(scheme, w.key[0])
        cap = max((index[h.grade] for h in w.hits if h.grade in index), default=0)
        w.grade = scheme.grades[max(index[w.band], cap)].id
    _apply_quotas(scheme, cat, ranked, findings)
    for w in work:
        if w.excluded and w.total is not None:
            w.band = _band(scheme, w.total)  # for the record; no grade


def _band(scheme: Scheme, total: float) -> str:
    for gr in scheme.grades:
        if gr.min_score is None or round(total, 6) >= gr.min_score - 1e-9:
            return gr.id
    return scheme.grades[-1].id


def _apply_quotas(scheme: Scheme, cat: Category, ranked: list[_Work], findings: list[Finding]) -> None:
    count = len(ranked)
    index = {gr.id: i for i, gr in enumerate(scheme.grades)}
    for i, gr in enumerate(scheme.grades[:-1]):
        if gr.quota is None or not 0 <= gr.quota <= 100:
            continue
        allowed = scheme.rounding.apply(gr.quota * count / 100.0)
        holders = [w for w in ranked if index[w.grade or ""] == i]  # in rank order
        if len(holders) <= allowed:
            continue
        keep = allowed
        if 0 < allowed < len(holders) and holders[allowed - 1].key == holders[allowed].key:
            boundary = holders[allowed].key
            tied = [w.m.id for w in holders if w.key == boundary]
            keep = next(j for j, w in enumerate(holders) if w.key == boundary)
            findings.append(
                codes.QUOTA_TIE(
                    cat.id,
                    gr.id,
                    *tied,
                    category=cat.id,
                    grade=gr.name.zh + "/" + gr.name.en,
                    quota=allowed,
                    units=", ".join(tied),
                )
            )
        demoted = scheme.grades[i + 1].id
        for w in holders[keep:]:
            w.grade = demoted


def _edges(units: list[UnitResult], n_top: int, n_bottom: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    ranked = [u for u in units if u.rank is not None]
    if not ranked:
        return (), ()
    top: tuple[str, ...] = ()
    bottom: tuple[str, ...] = ()
    if n_top > 0:
        cut = ranked[min(n_top, len(ranked)) - 1].rank
        top = tuple(u.unit for u in ranked if u.rank is not None and cut is not None and u.rank <= cut)
    if n_bottom > 0:
        cut = ranked[max(0, len(ranked) - n_bottom)].rank
        bottom = tuple(u.unit for u in ranked if u.rank is not None and cut is not None and u.rank >= cut)
    return top, bottom


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
        lang = check_lang(lang)
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
    if not isinstance(report, AssessmentReport):
        raise InvalidTypeError(
            f"{fn} needs an AssessmentReport, not {type(report).__name__}",
            f"{fn} 需要 AssessmentReport，而不是 {type(report).__name__}",
        )
    return report


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
        lang = check_lang(lang)
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
