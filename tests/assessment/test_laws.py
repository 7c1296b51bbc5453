"""Hypothesis laws of the assessment: monotone scores, vetoes never help, ranks are a permutation."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment._helpers import GRADES, ind, inputs, key_work_veto, scheme
from govefficiency.assessment import (
    Appraisal,
    Bands,
    Bonus,
    Deduction,
    EffectKind,
    Fact,
    Grade,
    Linear,
    Proportional,
    Ranking,
    RankMethod,
    RaterGroup,
    TriggerKind,
    VetoRule,
    assess,
)
from govefficiency.text import Text

GROUPS = (RaterGroup("leaders", Text("领导", "leaders"), 3), RaterGroup("public", Text("公众", "public"), 2))
INDICATORS = [
    ind("lin", 30, Linear(60, 100), key=True),
    ind("band", 20, Bands([(50, 5), (80, 12), (95, 20)])),
    ind("rate", 20, Proportional()),
    ind("ded", 10, Deduction(1.5, 8)),
    ind("app", 20, Appraisal(GROUPS, trimmed=True)),
    ind("bonus", 5, Bonus(2)),
]
QUOTA_GRADES = (Grade("excellent", Text("优秀", "excellent"), 85, 30), *GRADES[1:])
VETOES = [
    VetoRule(
        "k", Text("重要指标", "key"), TriggerKind.KEY_INDICATOR_BELOW, "lin", EffectKind.CAP_GRADE, 70, "good"
    ),
    key_work_veto("w", "pass"),
]
FACT = Fact("key", Text("未完成", "unfinished"))

rate = st.integers(0, 100).map(float)
count = st.integers(0, 12).map(float)
score = st.integers(0, 100).map(float)
unit_values = st.fixed_dictionaries(
    {
        "lin": rate,
        "band": rate,
        "rate": rate,
        "ded": count,
        "app": st.fixed_dictionaries(
            {
                "leaders": st.lists(score, min_size=1, max_size=5),
                "public": st.lists(score, min_size=1, max_size=5),
            }
        ),
        "bonus": count,
        "key": st.integers(0, 1).map(float),
    }
)
tables = st.dictionaries(st.sampled_from([f"u{i}" for i in range(9)]), unit_values, min_size=1, max_size=9)


def _raise(values: dict[str, Any], metric: str, by: float) -> dict[str, Any]:
    out = dict(values)
    if metric == "app":
        out["app"] = {g: [min(100.0, s + by) for s in v] for g, v in values["app"].items()}
    elif metric in ("lin", "band", "rate"):
        out[metric] = min(100.0, values[metric] + by)
    else:
        out[metric] = values[metric] + round(by)
    return out


@settings(max_examples=60, deadline=None)
@given(tables, st.sampled_from(["lin", "band", "rate", "ded", "app", "bonus"]), st.integers(1, 40))
def test_raising_a_metric_never_lowers_its_own_score(table: dict[str, Any], metric: str, by: int) -> None:
    """More of a good metric never lowers the unit's total; more deduction events never raise it."""
    sch = scheme(INDICATORS, facts=[FACT])
    unit = sorted(table)[0]
    before = assess(sch, inputs(table), "2026Q3").unit(unit).total
    after = assess(sch, inputs({**table, unit: _raise(table[unit], metric, by)}), "2026Q3").unit(unit).total
    assert before is not None
    assert after is not None
    if metric == "ded":
        assert after <= before + 1e-9
    else:
        assert after >= before - 1e-9


@settings(max_examples=60, deadline=None)
@given(tables)
def test_a_veto_never_raises_the_grade_of_the_unit_it_hits(table: dict[str, Any]) -> None:
    """With the vetoes, a vetoed unit's grade is never better than without them."""
    with_v = assess(
        scheme(INDICATORS, grades=QUOTA_GRADES, vetoes=VETOES, facts=[FACT]), inputs(table), "2026Q3"
    )
    without = assess(scheme(INDICATORS, grades=QUOTA_GRADES, facts=[FACT]), inputs(table), "2026Q3")
    order = [g.id for g in QUOTA_GRADES]
    for u in with_v.units:
        if u.vetoes:
            before = without.unit(u.unit).grade
            assert u.grade is not None
            assert before is not None
            assert order.index(u.grade) >= order.index(before)


@settings(max_examples=60, deadline=None)
@given(tables, st.sampled_from([RankMethod.COMPETITION, RankMethod.DENSE]))
def test_ranking_is_a_permutation(table: dict[str, Any], method: RankMethod) -> None:
    """Every determined unit is ranked once; competition rank = 1 + the number of better totals."""
    sch = scheme(INDICATORS, vetoes=VETOES, facts=[FACT], ranking=Ranking(method))
    r = assess(sch, inputs(table), "2026Q3")
    ranked = [u for u in r.units if u.rank is not None]
    assert sorted(u.unit for u in ranked) == sorted(table)
    totals = [round(u.total or 0.0, 6) for u in ranked]
    for u in ranked:
        better = {t for t in totals if t > round(u.total or 0.0, 6)}
        if method is RankMethod.COMPETITION:
            assert u.rank == 1 + sum(1 for t in totals if t > round(u.total or 0.0, 6))
        else:
            assert u.rank == 1 + len(better)
    assert [u.rank for u in ranked] == sorted(u.rank for u in ranked)  # listed in rank order


@settings(max_examples=30, deadline=None)
@given(tables)
def test_the_report_is_deterministic(table: dict[str, Any]) -> None:
    """The same inputs, given in another order, give the same JSON bytes."""
    sch = scheme(INDICATORS, vetoes=VETOES, facts=[FACT])
    a = assess(sch, inputs(table), "2026Q3").to_json()
    b = assess(sch, inputs(dict(reversed(list(table.items())))), "2026Q3").to_json()
    assert a == b
