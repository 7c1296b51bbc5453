"""Shared builders for the assessment tests: small schemes and inputs written inline."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from govefficiency.assessment import (
    AssessedUnit,
    Category,
    EffectKind,
    Grade,
    Indicator,
    Inputs,
    Linear,
    MetricRow,
    PeriodKind,
    Ranking,
    Rounding,
    Scheme,
    TriggerKind,
    VetoRule,
)
from govefficiency.text import Text

GRADES = (
    Grade("excellent", Text("优秀", "excellent"), 90),
    Grade("good", Text("良好", "good"), 75),
    Grade("pass", Text("合格", "pass"), 60),
    Grade("fail", Text("不合格", "fail")),
)


def ind(ident: str, points: float, rule: Any = None, **kw: Any) -> Indicator:
    return Indicator(ident, Text(f"指标{ident}", f"indicator {ident}"), points, rule or Linear(0, 100), **kw)


def key_work_veto(ident: str, grade: str) -> VetoRule:
    """A one-vote veto (重点工作一票否决): an unfinished key item (the fact "key") caps the
    grade at ``grade``."""
    return VetoRule(
        ident,
        Text("重点工作", "key work"),
        TriggerKind.KEY_ITEM_UNFINISHED,
        "key",
        EffectKind.CAP_GRADE,
        grade=grade,
    )


def scheme(
    indicators: Sequence[Indicator] = (),
    *,
    categories: Sequence[Category] | None = None,
    grades: Sequence[Grade] = GRADES,
    vetoes: Sequence[VetoRule] = (),
    total: float | None = None,
    rounding: Rounding = Rounding.FLOOR,
    ranking: Ranking | None = None,
    facts: Sequence[Any] = (),
) -> Scheme:
    if categories is None:
        t = sum(i.points for i in indicators if not i.is_bonus) if total is None else total
        categories = [Category("unit", Text("单位", "units"), t, list(indicators), list(facts))]
    return Scheme(
        "test",
        Text("测试方案", "test scheme"),
        PeriodKind.QUARTER,
        list(categories),
        list(grades),
        list(vetoes),
        rounding,
        ranking or Ranking(),
    )


def inputs(
    values: dict[str, dict[str, Any]], category: str = "unit", extra: Iterable[MetricRow] = ()
) -> Inputs:
    """``{unit: {metric: value or {group: [scores]}}}`` -> Inputs."""
    units = [AssessedUnit(u, category) for u in values]
    rows: list[MetricRow] = []
    for unit, metrics in values.items():
        for metric, value in metrics.items():
            if isinstance(value, dict):
                for group, scores in value.items():
                    rows.extend(MetricRow(unit, metric, s, "form", group) for s in scores)
            elif isinstance(value, tuple):
                rows.append(MetricRow(unit, metric, value[0], "ledger", None, list(value[1])))
            else:
                rows.append(MetricRow(unit, metric, value, "table"))
    return Inputs(units, [*rows, *extra])
