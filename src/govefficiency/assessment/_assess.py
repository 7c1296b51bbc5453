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

import math
from collections.abc import Mapping
from typing import Any

from govefficiency._gc import gc_paused
from govefficiency.assessment import _codes as codes
from govefficiency.assessment._gaps import Gap, GapLine, Reach, ReachOption, explain_gap, to_reach
from govefficiency.assessment._inputs import AssessedUnit, Inputs
from govefficiency.assessment._period import Period
from govefficiency.assessment._report import (
    SCHEMA_VERSION,
    AssessmentReport,
    IndicatorScore,
    UnitResult,
    VetoHit,
    _Block,
)
from govefficiency.assessment._rules import Appraisal, Measure, g
from govefficiency.assessment._scheme import (
    Category,
    EffectKind,
    Indicator,
    RankMethod,
    Scheme,
    VetoRule,
    check_scheme,
    require,
)
from govefficiency.errors import AssessmentError, InvalidTypeError
from govefficiency.findings import Finding, sort_findings
from govefficiency.text import Text

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
    require(scheme, Scheme, "assess")
    require(inputs, Inputs, "assess", "Inputs")
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
        top[cat.id], bottom[cat.id] = _edges(
            final, scheme.ranking.top, scheme.ranking.bottom, cat.id, findings
        )
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


def _edges(
    units: list[UnitResult], n_top: int, n_bottom: int, cat_id: str, findings: list[Finding]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The top (reward) and bottom (sanction) lists of one category, ``units`` in rank order.

    * the bottom list: the last ``n_bottom`` ranked units, ties at the edge included;
    * the top list: the first ``n_top`` ranked units *not vetoed*, ties at the edge
      included — a one-vote veto bars a unit from reward (``REWARD_BARRED_BY_VETO`` for a
      vetoed unit within the top ``n_top``), and the next units not vetoed fill the list;
    * a unit on both lists is on neither (``RANK_LISTS_OVERLAP``, also reported whenever
      ``n_top + n_bottom`` exceeds the ranked units): never both rewarded and sanctioned.
    """
    ranked = [u for u in units if u.rank is not None]
    if not ranked:
        return (), ()
    top: tuple[str, ...] = ()
    bottom: tuple[str, ...] = ()
    if n_top > 0:
        nominal = _rank(ranked[min(n_top, len(ranked)) - 1])
        for u in ranked:
            if u.vetoes and _rank(u) <= nominal:
                findings.append(
                    codes.REWARD_BARRED_BY_VETO(
                        u.unit,
                        *(v.rule for v in u.vetoes),
                        category=cat_id,
                        unit=u.unit,
                        rank=_rank(u),
                        top=n_top,
                        rules=", ".join(v.rule for v in u.vetoes),
                    )
                )
        eligible = [u for u in ranked if not u.vetoes]
        if eligible:
            cut = _rank(eligible[min(n_top, len(eligible)) - 1])
            top = tuple(u.unit for u in eligible if _rank(u) <= cut)
    if n_bottom > 0:
        cut = _rank(ranked[max(0, len(ranked) - n_bottom)])
        bottom = tuple(u.unit for u in ranked if _rank(u) >= cut)
    both = set(top) & set(bottom)
    if both or (n_top > 0 and n_bottom > 0 and n_top + n_bottom > len(ranked)):
        shared = [u for u in top if u in both]
        tied = len(top) > n_top or len(bottom) > n_bottom
        findings.append(
            codes.RANK_LISTS_OVERLAP(
                cat_id,
                *shared,
                category=cat_id,
                top=n_top,
                bottom=n_bottom,
                ranked=len(ranked),
                ties="（边界名次并列）" if tied else "",
                ties_en=" (with ties at the edge)" if tied else "",
                outcome=f"{'、'.join(shared)} 不列入任何一份，由考核机关决定"
                if shared
                else "本期没有单位会同时列入两份名单",
                outcome_en=f"{', '.join(shared)} on neither list; the assessing body decides"
                if shared
                else "no unit would be on both lists this period",
            )
        )
        top = tuple(u for u in top if u not in both)
        bottom = tuple(u for u in bottom if u not in both)
    return top, bottom


def _rank(u: UnitResult) -> int:
    assert u.rank is not None
    return u.rank
