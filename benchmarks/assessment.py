"""Benchmark: a province-size performance assessment (issue 12).

3,000 units × 40 indicators (linear, bands, rate, deduction, bonus and a trimmed
appraisal with four rater groups and five raters each) × 4 quarters, with two veto rules,
a 20 % quota and a tie-break. Target on the reference machine: the four quarterly
``assess`` calls, traces included, in <= 1 s.

Traces are kept lazy: ``assess`` stores each unit's values and points as tuples and
writes an indicator's trace text only when it is read. The second figure forces every
trace of every unit (480,000 traces) to show what that costs; the third is the
comparison a spreadsheet user would make: a plain Python loop computing only the totals.

Run: ``.venv/bin/python benchmarks/assessment.py``
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from typing import TypeVar

from govefficiency.assessment import (
    Appraisal,
    AssessedUnit,
    Bands,
    Bonus,
    Category,
    Deduction,
    EffectKind,
    Fact,
    Grade,
    Indicator,
    Inputs,
    Linear,
    MetricRow,
    Period,
    PeriodKind,
    Proportional,
    Ranking,
    RaterGroup,
    Scheme,
    TriggerKind,
    VetoRule,
    assess,
)
from govefficiency.text import Text

T = TypeVar("T")

N_UNITS = 3_000
N_INDICATORS = 40
QUARTERS = [Period(PeriodKind.QUARTER, 2026, q) for q in (1, 2, 3, 4)]
GROUPS = ("leaders", "public", "internal", "external")


def build_scheme() -> Scheme:
    indicators = []
    kinds = ["linear", "bands", "rate", "deduction"]
    for i in range(N_INDICATORS - 2):
        kind = kinds[i % 4]
        rule = {
            "linear": Linear(60, 100),
            "bands": Bands([(60, 1.0), (80, 2.0), (95, 2.5)]),
            "rate": Proportional(),
            "deduction": Deduction(0.5, 2.0),
        }[kind]
        indicators.append(Indicator(f"m{i:02d}", Text(f"指标{i}", f"indicator {i}"), 2.5, rule, key=(i == 0)))
    indicators.append(
        Indicator(
            "appraisal",
            Text("评议", "appraisal"),
            5.0,
            Appraisal(
                tuple(RaterGroup(g, Text(g, g), w) for g, w in zip(GROUPS, (3, 3, 2, 2), strict=True)), True
            ),
        )
    )
    indicators.append(Indicator("bonus", Text("加分", "bonus"), 3.0, Bonus(1.0)))
    category = Category(
        "unit",
        Text("单位", "units"),
        2.5 * (N_INDICATORS - 2) + 5.0,
        indicators,
        [Fact("key_unfinished", Text("未完成重点工作", "key items unfinished"))],
    )
    return Scheme(
        "bench",
        Text("基准方案", "benchmark scheme"),
        PeriodKind.QUARTER,
        [category],
        [
            Grade("a", Text("优秀", "excellent"), 85, 20),
            Grade("b", Text("良好", "good"), 70),
            Grade("c", Text("一般", "fair")),
        ],
        [
            VetoRule(
                "key",
                Text("重要指标", "key indicator"),
                TriggerKind.KEY_INDICATOR_BELOW,
                "m00",
                EffectKind.CAP_GRADE,
                65,
                "b",
            ),
            VetoRule(
                "work",
                Text("重点工作", "key work"),
                TriggerKind.KEY_ITEM_UNFINISHED,
                "key_unfinished",
                EffectKind.ZERO_TOTAL,
            ),
        ],
        ranking=Ranking(tie_break=("m00", "m01")),
    )


def build_inputs(rng: random.Random) -> Inputs:
    units = [AssessedUnit(f"u{k:04d}", "unit") for k in range(N_UNITS)]
    rows = []
    for period in QUARTERS:
        p = str(period)
        for u in units:
            for i in range(N_INDICATORS - 2):
                value = float(rng.randint(0, 4)) if i % 4 == 3 else round(rng.uniform(50, 100), 1)
                rows.append(MetricRow(u.id, f"m{i:02d}", value, "bench", None, (), p))
            for g in GROUPS:
                for _ in range(5):
                    rows.append(MetricRow(u.id, "appraisal", float(rng.randint(60, 100)), "bench", g, (), p))
            rows.append(MetricRow(u.id, "bonus", float(rng.randint(0, 3)), "bench", None, (), p))
            late = rng.random() < 0.01
            rows.append(
                MetricRow(
                    u.id,
                    "key_unfinished",
                    1.0 if late else 0.0,
                    "bench",
                    None,
                    ("item-1",) if late else (),
                    p,
                )
            )
    return Inputs(units, rows)


def plain_totals(inputs: Inputs, scheme: Scheme, period: Period) -> list[float]:
    """What a spreadsheet computes: totals only, no checks, no vetoes, no trace."""
    cat = scheme.categories[0]
    metrics = inputs.metrics_for(period)
    out = []
    for u in inputs.units:
        total = 0.0
        for ind in cat.indicators:
            cell = metrics[ind.id][u.id]
            if isinstance(cell, dict):
                scores = [v for vs in cell.values() for v in vs[0]]
                total += ind.points * (sum(scores) / len(scores)) / 100
            else:
                total += ind.rule.score(cell[0], ind.points)
        out.append(total)
    return out


def _timed(fn: Callable[[], T]) -> tuple[T, float, float]:
    """``fn()`` with its wall-clock and CPU seconds (on a shared machine the CPU time is
    the steadier figure: the wall clock also counts the time other processes hold the CPU)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    rng = random.Random(12)
    scheme = build_scheme()
    inputs, w_build, c_build = _timed(lambda: build_inputs(rng))
    gc.collect()  # start the timed part from a settled heap, as timeit would
    reports, w_assess, c_assess = _timed(lambda: [assess(scheme, inputs, q) for q in QUARTERS])
    traces, w_traces, c_traces = _timed(lambda: sum(len(u.scores) for r in reports for u in r.units))
    _, w_plain, c_plain = _timed(lambda: [plain_totals(inputs, scheme, q) for q in QUARTERS])
    vetoes = sum(len(u.vetoes) for r in reports for u in r.units)
    print(
        f"inputs: {N_UNITS} units x {N_INDICATORS} indicators x {len(QUARTERS)} quarters, {len(inputs):,} rows"
    )
    print("                                               wall      CPU")
    print(f"build + index the inputs (MetricRow objects) {w_build:6.2f} s {c_build:6.2f} s")
    print(
        f"assess 4 quarters, lazy traces ({vetoes} vetoes) {w_assess:6.2f} s {c_assess:6.2f} s   target <= 1 s"
    )
    print(f"write every trace ({traces:,})            {w_traces:6.2f} s {c_traces:6.2f} s")
    print(f"plain loop, totals only (no checks/vetoes) {w_plain:6.2f} s {c_plain:6.2f} s")
    print(f"ratio assess / plain loop (CPU)                       {c_assess / c_plain:6.2f}")


if __name__ == "__main__":
    main()
