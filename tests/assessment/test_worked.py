"""Hand-worked assessments: each test writes the arithmetic out in a comment."""

from __future__ import annotations

import pytest

from assessment._helpers import GRADES, ind, inputs, key_work_veto, scheme
from govefficiency import assessment
from govefficiency.findings import Severity
from govefficiency.text import Text

Q3 = "2026Q3"


def codes(report_or_findings: object) -> list[str]:
    findings = getattr(report_or_findings, "findings", report_or_findings)
    return [f.code for f in findings]  # type: ignore[attr-defined]


class TestScoringRules:
    def test_linear_from_zero_gives_the_issue_example(self) -> None:
        """Completion 92 % on a 0→0 … 100→20 line scores 18.4 of 20."""
        # 20 × (92 − 0) / (100 − 0) = 18.4
        r = assessment.assess(scheme([ind("completion", 20)]), inputs({"a": {"completion": 92}}), Q3)
        s = r.unit("a").scores[0]
        assert s.points == pytest.approx(18.4)
        assert "92% → 18.4 / 20" in s.trace.en
        assert "linear 0→0 … 100→20" in s.trace.en

    def test_linear_with_a_floor(self) -> None:
        """Below the floor scores 0, above the target full points, between proportionally."""
        # floor 60, target 100, 40 points: 92 → 40 × 32/40 = 32; 55 → 0; 100 → 40
        sch = scheme([ind("c", 40, assessment.Linear(60, 100))])
        r = assessment.assess(sch, inputs({"a": {"c": 92}, "b": {"c": 55}, "d": {"c": 100}}), Q3)
        assert [r.unit(u).total for u in "abd"] == [pytest.approx(32), 0, 40]

    def test_bands_rate_bonus(self) -> None:
        """Bands take the highest step reached, a rate is proportional, a bonus is capped."""
        # satisfaction 85: ≥80 → 6 (not ≥90); execution 95 % × 10 = 9.5; bonus 5 × 1 = 5, cap 3
        sch = scheme(
            [
                ind("sat", 10, assessment.Bands([(70, 3), (80, 6), (90, 10)])),
                ind("exe", 10, assessment.Proportional()),
                ind("bonus", 3, assessment.Bonus(1)),
            ]
        )
        r = assessment.assess(sch, inputs({"a": {"sat": 85, "exe": 95, "bonus": 5}}), Q3)
        assert r.unit("a").points == (6, pytest.approx(9.5), 3)
        assert r.unit("a").total == pytest.approx(18.5)
        assert assessment.check_scheme(sch) == []  # the bonus is outside the declared total of 20

    def test_capped_deduction(self) -> None:
        """Each event deducts 2 points, at most 10: 3 events leave 4, 7 events leave 0."""
        # 10 − min(3 × 2, 10) = 4; 10 − min(7 × 2, 10) = 10 − 10 = 0 (not −4)
        sch = scheme([ind("acc", 10, assessment.Deduction(2, 10))])
        r = assessment.assess(sch, inputs({"a": {"acc": 3}, "b": {"acc": 7}}), Q3)
        assert r.unit("a").total == 4
        assert r.unit("b").total == 0
        assert "−2 per event, at most −10" in r.unit("b").scores[0].trace.en

    def test_trimmed_mean_with_group_weights(self) -> None:
        """去掉一个最高分和一个最低分 in each group, then the groups weighted 60/40."""
        # leaders 70 80 90 100 → drop 70 and 100 → mean 85
        # public 60 95 100 → drop 60 and 100 → 95
        # combined 0.6 × 85 + 0.4 × 95 = 51 + 38 = 89 → 10 × 89 / 100 = 8.9
        groups = (
            assessment.RaterGroup("leaders", Text("领导", "leaders"), 60),
            assessment.RaterGroup("public", Text("公众", "public"), 40),
        )
        sch = scheme([ind("app", 10, assessment.Appraisal(groups, trimmed=True))])
        data = {"a": {"app": {"leaders": [70, 80, 90, 100], "public": [60, 95, 100]}}}
        r = assessment.assess(sch, inputs(data), Q3)
        assert r.unit("a").total == pytest.approx(8.9)
        assert "[leaders 85, public 95] 89 → 8.9 / 10" in r.unit("a").scores[0].trace.en
        # without trimming: leaders 85, public 85 → 85 → 8.5
        sch2 = scheme([ind("app", 10, assessment.Appraisal(groups, trimmed=False))])
        assert assessment.assess(sch2, inputs(data), Q3).unit("a").total == pytest.approx(8.5)

    def test_too_few_raters_to_trim_is_a_warning(self) -> None:
        """With two scores nothing is dropped, and FEW_RATERS says so."""
        # public 80 90 → mean 85 (no trimming) → 10 × 85 / 100 = 8.5
        groups = (assessment.RaterGroup("public", Text("公众", "public"), 1),)
        r = assessment.assess(
            scheme([ind("app", 10, assessment.Appraisal(groups, True))]),
            inputs({"a": {"app": {"public": [80, 90]}}}),
            Q3,
        )
        assert r.unit("a").total == pytest.approx(8.5)
        assert [f.severity for f in r.findings if f.code == "FEW_RATERS"] == [Severity.WARNING]


class TestRanking:
    def test_ties_share_a_rank_competition_style(self) -> None:
        """Totals 90, 80, 80, 70 rank 1, 2, 2, 4."""
        r = assessment.assess(
            scheme([ind("c", 100)]),
            inputs({"a": {"c": 90}, "b": {"c": 80}, "c": {"c": 80}, "d": {"c": 70}}),
            Q3,
        )
        assert [r.unit(u).rank for u in "abcd"] == [1, 2, 2, 4]

    def test_dense_ranking(self) -> None:
        """Dense: 1, 2, 2, 3."""
        sch = scheme([ind("c", 100)], ranking=assessment.Ranking(assessment.RankMethod.DENSE))
        r = assessment.assess(
            sch, inputs({"a": {"c": 90}, "b": {"c": 80}, "c": {"c": 80}, "d": {"c": 70}}), Q3
        )
        assert [r.unit(u).rank for u in "abcd"] == [1, 2, 2, 3]

    def test_declared_tie_break_separates_equal_totals(self) -> None:
        """b and c both total 80; the tie-break indicator x gives b 50 > c 40, so b ranks 2, c 3."""
        # b: x 50 + y 30 = 80; c: x 40 + y 40 = 80
        sch = scheme([ind("x", 50), ind("y", 50)], ranking=assessment.Ranking(tie_break=("x",)))
        data = {"a": {"x": 100, "y": 80}, "b": {"x": 100, "y": 60}, "c": {"x": 80, "y": 80}}
        r = assessment.assess(sch, inputs(data), Q3)
        assert [r.unit(u).total for u in "abc"] == [90, 80, 80]
        assert [r.unit(u).rank for u in "abc"] == [1, 2, 3]

    def test_change_of_rank_and_top_bottom_lists(self) -> None:
        """Previous ranks a 3, b 1, c 2 → now a 1 (+2), b 2 (−1), c 3 (−1); ties at the edge are listed."""
        sch = scheme([ind("c", 100)], ranking=assessment.Ranking(top=1, bottom=1))
        r = assessment.assess(
            sch,
            inputs({"a": {"c": 90}, "b": {"c": 80}, "c": {"c": 70}, "d": {"c": 70}}),
            Q3,
            previous={"a": 3, "b": 1, "c": 2},
        )
        assert [r.unit(u).rank_change for u in "abcd"] == [2, -1, -1, None]
        assert r.top["unit"] == ("a",)
        assert r.bottom["unit"] == ("c", "d")  # both at rank 3


class TestVetoesAndGrades:
    def test_veto_then_quota(self) -> None:
        """The quota is applied after the vetoes: a capped unit does not use an excellent slot."""
        # five units, excellent quota 20 % of 5 = 1 slot. a 98 and b 95 reach the excellent band;
        # a has an unfinished key item → capped at good; so the one slot goes to b.
        grades = (assessment.Grade("excellent", Text("优秀", "excellent"), 90, 20), *GRADES[1:])
        veto = key_work_veto("key-work", "good")
        sch = scheme(
            [ind("c", 100)],
            grades=grades,
            vetoes=[veto],
            facts=[assessment.Fact("key", Text("未完成", "unfinished"))],
        )
        data = {
            u: {"c": v, "key": (n, refs)}
            for u, v, n, refs in [
                ("a", 98, 1, ["2026-07"]),
                ("b", 95, 0, []),
                ("c", 92, 0, []),
                ("d", 80, 0, []),
                ("e", 50, 0, []),
            ]
        }
        r = assessment.assess(sch, inputs(data), Q3)
        assert [r.unit(u).grade for u in "abcde"] == ["good", "excellent", "good", "good", "fail"]
        assert r.unit("a").band_grade == "excellent"
        hit = r.unit("a").vetoes[0]
        assert hit.refs == ("2026-07",)
        assert "2026-07" in hit.fact.en
        veto_findings = [f for f in r.findings if f.code == "VETO_APPLIED"]
        assert veto_findings[0].subject == ("a", "key-work", "2026-07")
        assert r.unit("a").rank == 1  # a cap changes the grade, not the rank

    @pytest.mark.parametrize(
        ("rounding", "expected"),
        [(assessment.Rounding.FLOOR, 1), (assessment.Rounding.CEIL, 2), (assessment.Rounding.HALF_UP, 1)],
    )
    def test_twenty_percent_quota_over_seven_units(
        self, rounding: assessment.Rounding, expected: int
    ) -> None:
        """20 % of 7 units is 1.4: floor 1, ceil 2, half-up 1 excellent."""
        grades = (assessment.Grade("excellent", Text("优秀", "excellent"), 90, 20), *GRADES[1:])
        sch = scheme([ind("c", 100)], grades=grades, rounding=rounding)
        values = [99, 97, 95, 93, 80, 70, 60]  # four reach the excellent band
        r = assessment.assess(sch, inputs({f"u{i}": {"c": v} for i, v in enumerate(values)}), Q3)
        got = [u.unit for u in r.units if u.grade == "excellent"]
        assert got == [f"u{i}" for i in range(expected)]
        assert sum(1 for u in r.units if u.grade == "good") == 4 - expected + 1  # u4 80 is good by band

    def test_tie_at_the_quota_boundary_gives_the_grade_to_neither(self) -> None:
        """One slot, two units tied at the top: the quota is a maximum, so neither gets it (QUOTA_TIE)."""
        grades = (assessment.Grade("excellent", Text("优秀", "excellent"), 90, 20), *GRADES[1:])
        r = assessment.assess(
            scheme([ind("c", 100)], grades=grades),
            inputs({u: {"c": v} for u, v in zip("abcde", [95, 95, 80, 70, 60], strict=True)}),
            Q3,
        )
        assert [r.unit(u).grade for u in "ab"] == ["good", "good"]
        assert "QUOTA_TIE" in codes(r)
        reach = assessment.to_reach(r, "a", "excellent")
        assert reach.held_by_quota
        assert "tie at the quota boundary" in reach.explain("en")

    def test_zero_total_and_exclusion(self) -> None:
        """zero_total sets the total to 0 (still ranked); exclude removes the unit from ranking and grading."""
        v1 = assessment.VetoRule(
            "z",
            Text("计零", "zero"),
            assessment.TriggerKind.ACCOUNTABILITY_EVENT,
            "acc",
            assessment.EffectKind.ZERO_TOTAL,
        )
        v2 = assessment.VetoRule(
            "x",
            Text("排除", "exclude"),
            assessment.TriggerKind.KEY_INDICATOR_BELOW,
            "c",
            assessment.EffectKind.EXCLUDE,
            50,
        )
        sch = scheme(
            [ind("c", 100, key=True)],
            vetoes=[v1, v2],
            facts=[assessment.Fact("acc", Text("问责", "accountability"))],
        )
        r = assessment.assess(
            sch, inputs({"a": {"c": 90, "acc": 1}, "b": {"c": 40, "acc": 0}, "c": {"c": 70, "acc": 0}}), Q3
        )
        a, b, c = (r.unit(u) for u in "abc")
        assert (a.total, a.raw_total, a.rank, a.grade) == (0, 90, 2, "fail")
        assert (b.rank, b.grade, b.excluded, b.band_grade) == (None, None, True, "fail")
        assert c.rank == 1

    def test_appraisal_veto_caps_to_fail(self) -> None:
        """行风政风评议一票否决: an appraisal of 55 below the threshold 60 caps the grade at fail."""
        groups = (assessment.RaterGroup("public", Text("公众", "public"), 1),)
        v = assessment.VetoRule(
            "conduct",
            Text("评议否决", "conduct"),
            assessment.TriggerKind.APPRAISAL_BELOW,
            "app",
            assessment.EffectKind.CAP_GRADE,
            60,
            "fail",
        )
        sch = scheme([ind("c", 90), ind("app", 10, assessment.Appraisal(groups))], vetoes=[v])
        r = assessment.assess(sch, inputs({"a": {"c": 100, "app": {"public": [55]}}}), Q3)
        # 90 + 10 × 55 / 100 = 95.5 → excellent by band, capped at fail
        assert r.unit("a").total == pytest.approx(95.5)
        assert r.unit("a").grade == "fail"


class TestCategoriesAndMissing:
    def test_category_schemes_rank_separately(self) -> None:
        """Counties and departments have their own indicators and their own ranks."""
        county = assessment.Category("county", Text("县区", "counties"), 100, [ind("gdp", 100)])
        dept = assessment.Category(
            "dept", Text("部门", "departments"), 100, [ind("service", 100, assessment.Proportional())]
        )
        sch = scheme(categories=[county, dept])
        units = [
            assessment.AssessedUnit("c1", "county"),
            assessment.AssessedUnit("c2", "county"),
            assessment.AssessedUnit("d1", "dept"),
            assessment.AssessedUnit("x", "zone"),
        ]
        rows = [
            assessment.MetricRow("c1", "gdp", 80, "t"),
            assessment.MetricRow("c2", "gdp", 90, "t"),
            assessment.MetricRow("d1", "service", 50, "t"),
            assessment.MetricRow("x", "gdp", 99, "t"),
        ]
        r = assessment.assess(sch, assessment.Inputs(units, rows), Q3)
        assert [(u.unit, u.rank) for u in r.units] == [("c2", 1), ("c1", 2), ("d1", 1), ("x", None)]
        assert "CATEGORY_WITHOUT_SCHEME" in codes(r)  # x's category 'zone' has no scheme
        assert r.has_errors

    def test_missing_metric_is_reported_not_zero(self) -> None:
        """b has no value for y: MISSING_METRIC, total undetermined, not ranked; a and c rank 1 and 2."""
        sch = scheme([ind("x", 50), ind("y", 50)])
        r = assessment.assess(
            sch, inputs({"a": {"x": 100, "y": 100}, "b": {"x": 100}, "c": {"x": 0, "y": 0}}), Q3
        )
        b = r.unit("b")
        assert (b.total, b.rank, b.grade, b.missing) == (None, None, None, ("y",))
        assert [r.unit(u).rank for u in "ac"] == [1, 2]
        missing = [f for f in r.findings if f.code == "MISSING_METRIC"]
        assert missing[0].severity is Severity.ERROR
        assert missing[0].subject == ("b", "y")
        assert "no value → not scored" in b.scores[1].trace.en


class TestSchemeFindings:
    def test_every_scheme_defect(self) -> None:
        """Weights off the total, a veto on an unknown indicator, impossible quotas, an empty category."""
        grades = (
            assessment.Grade("excellent", Text("优秀", "excellent"), 90, 80),
            assessment.Grade("good", Text("良好", "good"), 75, 30),
            assessment.Grade("fail", Text("不合格", "fail"), None, 10),
        )
        veto = assessment.VetoRule(
            "v",
            Text("否决", "veto"),
            assessment.TriggerKind.KEY_INDICATOR_BELOW,
            "nope",
            assessment.EffectKind.EXCLUDE,
            60,
        )
        cats = [
            assessment.Category("a", Text("甲", "A"), 100, [ind("x", 60), ind("y", 30)]),
            assessment.Category("b", Text("乙", "B"), 100, []),
        ]
        found = codes(assessment.check_scheme(scheme(categories=cats, grades=grades, vetoes=[veto])))
        assert found.count("WEIGHTS_NOT_TOTAL") == 1  # 60 + 30 = 90 ≠ 100
        assert "VETO_UNKNOWN_INDICATOR" in found
        assert found.count("QUOTA_IMPOSSIBLE") == 2  # a quota on the last grade; 80 + 30 + 10 = 120 %
        assert "CATEGORY_WITHOUT_SCHEME" in found

    def test_presets_are_clean(self) -> None:
        """Both teaching presets pass their own checks and say their numbers are local choices."""
        from govefficiency.assessment import get_scheme, scheme_presets

        for name in scheme_presets():
            s = get_scheme(name)
            assert assessment.check_scheme(s) == []
            assert s.note is not None
            assert "local choice" in s.note.en


class TestGapAndReach:
    def test_explain_gap_lists_the_separating_indicators(self) -> None:
        """a 90 vs b 70: x contributes +25, y −5."""
        # a: x 50 × 90/100 = 45, y 50 × 90/100 = 45 → 90; b: x 20, y 50 → 70
        sch = scheme([ind("x", 50), ind("y", 50)])
        r = assessment.assess(sch, inputs({"a": {"x": 90, "y": 90}, "b": {"x": 40, "y": 100}}), Q3)
        gap = assessment.explain_gap(r, "a", "b")
        assert [(line.indicator, line.difference) for line in gap.lines] == [("x", 25), ("y", -5)]
        assert "+25.00" in gap.explain("en")

    def test_to_reach_a_grade(self) -> None:
        """b at 70 needs 90 for excellent: x from 40 to 80, or y impossible (already full)."""
        # gain 20 points; x: 50 × v/100 = 20 + 20 = 40 → v = 80; y is at 50/50 already
        sch = scheme([ind("x", 50), ind("y", 50)])
        r = assessment.assess(sch, inputs({"b": {"x": 40, "y": 100}}), Q3)
        reach = assessment.to_reach(r, "b", "excellent")
        assert reach.target == 90
        assert [(o.indicator, o.needed) for o in reach.options] == [("x", pytest.approx(80)), ("y", None)]
        assert not reach.impossible

    def test_to_reach_blocked_by_a_veto(self) -> None:
        """A grade cap below the grade asked for makes it impossible, naming the veto."""
        v = key_work_veto("k", "pass")
        sch = scheme(
            [ind("x", 100)],
            vetoes=[v],
            facts=[assessment.Fact("key", Text("未完成", "unfinished"), assessment.Measure.COUNT)],
        )
        r = assessment.assess(sch, inputs({"a": {"x": 80, "key": (1, ["T7"])}}), Q3)
        reach = assessment.to_reach(r, "a", "good")
        assert reach.impossible
        assert reach.blocked_by[0].rule == "k"
        assert "T7" in reach.explain("en")
