"""The assessment report: per-unit results with their arithmetic traces, vetoes, ranks and
grades, its byte-stable JSON form and its text rendering."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

from govefficiency._records import lookup
from govefficiency.assessment._period import Period
from govefficiency.assessment._rules import Appraisal, Measure, g
from govefficiency.assessment._scheme import (
    Category,
    EffectKind,
    Indicator,
    Scheme,
)
from govefficiency.errors import AssessmentError
from govefficiency.findings import Finding, has_errors
from govefficiency.text import Lang, Text, require_lang

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
        en = f"unit {unit_id!r} is not in this report (it has {len(self.units)} units)"
        zh = f"报告中没有单位 {unit_id!r}（共 {len(self.units)} 个单位）"
        return lookup(self.units, lambda u: u.unit == unit_id, AssessmentError, en, zh)

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
        lang = require_lang(lang)
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
