"""Every public function refuses what it cannot use, with the library's own errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assessment._helpers import ind, inputs, scheme
from govefficiency import assessment
from govefficiency.errors import AssessmentError, GovEfficiencyError, InvalidTypeError, SchemeError
from govefficiency.text import Text
from strategies import file_at

Q3 = "2026Q3"


class TestInputValues:
    def test_rate_above_100_is_an_error(self) -> None:
        """A completion rate of 101 % names the unit, the metric and the source."""
        with pytest.raises(AssessmentError, match=r"'a'.*c is a rate.*101.*source table"):
            assessment.assess(scheme([ind("c", 100)]), inputs({"a": {"c": 101}}), Q3)

    def test_negative_count_is_an_error(self) -> None:
        """−1 events is not a count."""
        with pytest.raises(AssessmentError, match="count"):
            assessment.assess(scheme([ind("d", 10, assessment.Deduction(1))]), inputs({"a": {"d": -1}}), Q3)

    def test_fractional_count_is_an_error(self) -> None:
        """1.5 events is not a count either."""
        with pytest.raises(AssessmentError, match="whole number"):
            assessment.assess(scheme([ind("d", 10, assessment.Deduction(1))]), inputs({"a": {"d": 1.5}}), Q3)

    def test_appraisal_score_above_100_is_an_error(self) -> None:
        """A rater's score of 120 is refused."""
        sch = scheme(
            [ind("app", 10, assessment.Appraisal((assessment.RaterGroup("p", Text("公众", "public"), 1),)))]
        )
        with pytest.raises(AssessmentError, match="score"):
            assessment.assess(sch, inputs({"a": {"app": {"p": [90, 120, 80]}}}), Q3)

    def test_unknown_rater_group_is_an_error(self) -> None:
        """Scores from a group the rule does not declare are refused."""
        sch = scheme(
            [ind("app", 10, assessment.Appraisal((assessment.RaterGroup("p", Text("公众", "public"), 1),)))]
        )
        with pytest.raises(AssessmentError, match="unknown rater groups"):
            assessment.assess(sch, inputs({"a": {"app": {"p": [90], "q": [80]}}}), Q3)

    def test_unknown_unit_is_an_error(self) -> None:
        """A row for a unit that is not on the roster."""
        with pytest.raises(AssessmentError, match="unknown unit 'zz'"):
            assessment.Inputs(
                [assessment.AssessedUnit("a", "unit")], [assessment.MetricRow("zz", "c", 1, "t")]
            )

    def test_a_value_given_twice_is_an_error(self) -> None:
        """Two values for the same unit and metric."""
        with pytest.raises(AssessmentError, match="two values"):
            assessment.Inputs(
                [assessment.AssessedUnit("a", "unit")],
                [assessment.MetricRow("a", "c", 1, "t"), assessment.MetricRow("a", "c", 2, "t")],
            )

    def test_roster_twice_and_wrong_types(self) -> None:
        with pytest.raises(AssessmentError, match="twice"):
            assessment.Inputs([assessment.AssessedUnit("a", "u"), assessment.AssessedUnit("a", "u")], [])
        with pytest.raises(InvalidTypeError):
            assessment.Inputs(["a"], [])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError):
            assessment.Inputs([assessment.AssessedUnit("a", "u")], [("a", "c", 1)])
        with pytest.raises(InvalidTypeError):
            assessment.Inputs("a", [])  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("args", "error"),
        [
            (("a b", "c", 1, "t"), AssessmentError),
            (("a", "c", "1", "t"), InvalidTypeError),
            (("a", "c", True, "t"), InvalidTypeError),
            (("a", "c", float("nan"), "t"), AssessmentError),
            (("a", "c", 1, ""), GovEfficiencyError),
            (("a", "c", 1, "t", None, "T1"), InvalidTypeError),
            (("a", "c", 1, "t", None, (), "2026Q5"), AssessmentError),
        ],
    )
    def test_metric_row(self, args: tuple[object, ...], error: type[Exception]) -> None:
        """A row refuses a bad id, a non-number, NaN, an empty source, refs as a string, a bad period."""
        with pytest.raises(error):
            assessment.MetricRow(*args)  # type: ignore[arg-type]


class TestModel:
    def test_rules_refuse_nonsense(self) -> None:
        with pytest.raises(AssessmentError, match="floor < target"):
            assessment.Linear(100, 60)
        with pytest.raises(AssessmentError, match="ascend"):
            assessment.Bands([(80, 5), (70, 10)])
        with pytest.raises(AssessmentError):
            assessment.Bands([])
        with pytest.raises(InvalidTypeError):
            assessment.Bands("80:5")  # type: ignore[arg-type]
        with pytest.raises(AssessmentError):
            assessment.Deduction(0)
        with pytest.raises(AssessmentError):
            assessment.Bonus(-1)
        with pytest.raises(AssessmentError):
            assessment.Appraisal(())
        with pytest.raises(AssessmentError):
            assessment.RaterGroup("p", Text("公众", "public"), 0)
        with pytest.raises(InvalidTypeError):
            assessment.Linear("0", 100)  # type: ignore[arg-type]

    def test_indicator_and_scheme_refuse_nonsense(self) -> None:
        with pytest.raises(AssessmentError, match="positive points"):
            assessment.Indicator("x", Text("x", "x"), 0, assessment.Linear(0, 100))
        with pytest.raises(AssessmentError, match="reads a count"):
            assessment.Indicator("x", Text("x", "x"), 10, assessment.Deduction(1), assessment.Measure.RATE)
        with pytest.raises(AssessmentError, match="cap"):
            assessment.Indicator("x", Text("x", "x"), 10, assessment.Deduction(1, 20))
        with pytest.raises(AssessmentError, match="more than"):
            assessment.Indicator("x", Text("x", "x"), 10, assessment.Bands([(50, 20)]))
        with pytest.raises(AssessmentError, match="catch-all"):
            scheme([ind("x", 100)], grades=[assessment.Grade("a", Text("甲", "A"), 90)])
        with pytest.raises(AssessmentError, match="must fall"):
            scheme(
                [ind("x", 100)],
                grades=[
                    assessment.Grade("a", Text("甲", "A"), 60),
                    assessment.Grade("b", Text("乙", "B"), 90),
                    assessment.Grade("c", Text("丙", "C")),
                ],
            )
        with pytest.raises(AssessmentError, match="twice"):
            assessment.Category("c", Text("c", "c"), 100, [ind("x", 50), ind("x", 50)])
        with pytest.raises(AssessmentError, match="threshold"):
            assessment.VetoRule(
                "v",
                Text("v", "v"),
                assessment.TriggerKind.KEY_INDICATOR_BELOW,
                "x",
                assessment.EffectKind.EXCLUDE,
            )
        with pytest.raises(AssessmentError, match="cap_grade"):
            assessment.VetoRule(
                "v",
                Text("v", "v"),
                assessment.TriggerKind.KEY_ITEM_UNFINISHED,
                "x",
                assessment.EffectKind.CAP_GRADE,
            )
        with pytest.raises(AssessmentError):
            assessment.Scheme(
                "s", Text("s", "s"), assessment.PeriodKind.YEAR, [], [assessment.Grade("a", Text("甲", "A"))]
            )

    def test_period(self) -> None:
        """Periods parse three forms and nothing else."""
        assert assessment.Period.parse("2026Q3").first == dt.date(2026, 7, 1)
        assert assessment.Period.parse("2026Q3").last == dt.date(2026, 9, 30)
        assert assessment.Period.parse("2026-02").last == dt.date(2026, 2, 28)
        assert str(assessment.Period.parse("2026Q1").previous()) == "2025Q4"
        for bad in ("2026Q0", "2026-13", "26Q1", "2026 Q1", ""):
            with pytest.raises(AssessmentError):
                assessment.Period.parse(bad)
        with pytest.raises(InvalidTypeError):
            assessment.Period.parse(2026)
        with pytest.raises(InvalidTypeError):
            assessment.Period.parse("2026").contains(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))  # type: ignore[arg-type]


class TestFunctions:
    def test_assess(self) -> None:
        sch, data = scheme([ind("c", 100)]), inputs({"a": {"c": 50}})
        with pytest.raises(InvalidTypeError):
            assessment.assess("scheme", data, Q3)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            assessment.assess(sch, {"a": 1}, Q3)  # type: ignore[arg-type]
        with pytest.raises(AssessmentError, match="quarter"):
            assessment.assess(sch, data, "2026-07")
        with pytest.raises(AssessmentError, match="previous ranks"):
            assessment.assess(sch, data, Q3, previous={"a": 0})
        with pytest.raises(InvalidTypeError):
            assessment.assess(sch, data, Q3, previous=[1])  # type: ignore[arg-type]

    def test_explain_gap_and_to_reach(self) -> None:
        county = assessment.Category("county", Text("县", "county"), 100, [ind("c", 100)])
        dept = assessment.Category("dept", Text("部门", "dept"), 100, [ind("c", 100)])
        units = [
            assessment.AssessedUnit("a", "county"),
            assessment.AssessedUnit("b", "dept"),
            assessment.AssessedUnit("m", "county"),
        ]
        r = assessment.assess(
            scheme(categories=[county, dept]),
            assessment.Inputs(
                units, [assessment.MetricRow("a", "c", 1, "t"), assessment.MetricRow("b", "c", 2, "t")]
            ),
            Q3,
        )
        with pytest.raises(AssessmentError, match="different categories"):
            assessment.explain_gap(r, "a", "b")
        with pytest.raises(AssessmentError, match="not in this report"):
            assessment.explain_gap(r, "a", "zz")
        with pytest.raises(AssessmentError, match="no total"):
            assessment.explain_gap(r, "a", "m")
        with pytest.raises(InvalidTypeError):
            assessment.explain_gap({}, "a", "b")  # type: ignore[arg-type]
        with pytest.raises(AssessmentError, match="no grade 'gold'"):
            assessment.to_reach(r, "a", "gold")
        with pytest.raises(AssessmentError, match="no total"):
            assessment.to_reach(r, "m", "good")
        with pytest.raises(InvalidTypeError):
            assessment.to_reach(None, "a", "good")  # type: ignore[arg-type]

    def test_explanations_refuse_an_unknown_language(self) -> None:
        r = assessment.assess(scheme([ind("c", 100)]), inputs({"a": {"c": 50}, "b": {"c": 40}}), Q3)
        for explain in (
            r.explain,
            assessment.explain_gap(r, "a", "b").explain,
            assessment.to_reach(r, "b", "good").explain,
        ):
            with pytest.raises(GovEfficiencyError, match="unknown language"):
                explain("fr")  # type: ignore[arg-type]
        with pytest.raises(AssessmentError, match="not in this report"):
            r.explain("en", unit="zz")

    def test_check_scheme_and_presets(self) -> None:
        with pytest.raises(InvalidTypeError):
            assessment.check_scheme({})  # type: ignore[arg-type]
        with pytest.raises(AssessmentError, match="yanshou-execution"):
            assessment.get_scheme("hangzhou")
        with pytest.raises(InvalidTypeError):
            assessment.get_scheme(1)  # type: ignore[arg-type]

    def test_officers(self) -> None:
        with pytest.raises(AssessmentError, match="nothing to appraise"):
            assessment.appraise_officers([])
        with pytest.raises(InvalidTypeError):
            assessment.appraise_officers([{"officer": "x"}])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError):
            assessment.appraise_officers("items")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            assessment.appraise_officers([], grading={"excellent": 90})  # type: ignore[arg-type]
        with pytest.raises(AssessmentError, match="must fall"):
            assessment.OfficerGrading(excellent=60, competent=70)

    def test_adapters(self) -> None:
        with pytest.raises(AssessmentError, match="needs a settlement"):
            assessment.ledger_metrics()
        with pytest.raises(InvalidTypeError):
            assessment.ledger_metrics(settlement="s")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            assessment.ledger_metrics(rates=1)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            assessment.accountability_metrics(["event"], Q3, units=["a"])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError):
            assessment.accountability_metrics([], Q3, units="a")
        with pytest.raises(InvalidTypeError):
            assessment.escalation_metrics(["action"], Q3, units=["a"])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError):
            assessment.decision_metrics([])  # type: ignore[arg-type]
        with pytest.raises(AssessmentError, match="percentage"):
            assessment.satisfaction_metrics({"a": 120}, source="survey")
        with pytest.raises(InvalidTypeError):
            assessment.satisfaction_metrics([("a", 90)], source="survey")  # type: ignore[arg-type]


class TestFiles:
    def test_load_scheme_errors_are_located(self, tmp_path: Path) -> None:
        """A misspelt key, a bad rule and a broken constructor invariant all name the key path."""
        base = assessment.get_scheme("yanshou-execution").to_dict()
        base["categories"][0]["indicators"][0]["rule"]["flor"] = 1
        with pytest.raises(SchemeError, match=r"categories\[0\]\.indicators\[0\]\.rule"):
            assessment.load_scheme(base)
        with pytest.raises(SchemeError, match="no such file"):
            assessment.load_scheme(tmp_path / "none.toml")
        with pytest.raises(SchemeError, match="TOML"):
            assessment.loads_scheme("id = ")
        with pytest.raises(SchemeError, match="floor < target"):
            assessment.loads_scheme(
                'id="s"\nname={zh="方案",en="s"}\nperiod="year"\n[[grades]]\nid="a"\nname={zh="甲",en="A"}\n'
                '[[categories]]\nid="c"\nname={zh="类",en="c"}\ntotal=10\n[[categories.indicators]]\nid="x"\n'
                'name={zh="x",en="x"}\npoints=10\nrule={kind="linear",floor=9,target=1}\n'
            )
        with pytest.raises(SchemeError, match=r"rule\.kind"):
            assessment.loads_scheme(
                'id="s"\nname={zh="方案",en="s"}\nperiod="year"\n[[grades]]\nid="a"\nname={zh="甲",en="A"}\n'
                '[[categories]]\nid="c"\nname={zh="类",en="c"}\ntotal=10\n[[categories.indicators]]\nid="x"\n'
                'name={zh="x",en="x"}\npoints=10\nrule={kind="magic"}\n'
            )
        with pytest.raises(InvalidTypeError):
            assessment.loads_scheme(b"id = 1")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            assessment.dumps_scheme({})  # type: ignore[arg-type]
        with pytest.raises(SchemeError, match="unknown format"):  # TOML is written since the
            assessment.dumps_scheme(
                assessment.get_scheme("yanshou-execution"), fmt="yaml"
            )  # format is declared
        with pytest.raises(SchemeError, match="cannot write"):
            assessment.dump_scheme(
                assessment.get_scheme("yanshou-execution"), tmp_path / "no" / "such" / "dir.json"
            )
        with pytest.raises(InvalidTypeError):
            assessment.dump_scheme(assessment.get_scheme("yanshou-execution"), 3)  # type: ignore[arg-type]
        assessment.dump_scheme(assessment.get_scheme("yanshou-execution"), tmp_path / "s.json")
        assert assessment.load_scheme(tmp_path / "s.json") == assessment.get_scheme("yanshou-execution")

    @pytest.mark.parametrize(
        ("name", "text", "match"),
        [
            ("m.csv", "unit,category,metric,value\na,unit,c,90\nb,unit,c,\n", r"line 3.*not a number"),
            ("m.csv", "unit,category,metric\n", "line 1"),
            ("m.csv", "unit,category,metric,value\na,unit,c,1\na,other,d,2\n", r"line 3.*category"),
            (
                "m.toml",
                '[[units]]\nid="a"\ncategory="u"\n[[metrics]]\nunit="b"\nmetric="c"\nvalue=1\n',
                "unknown unit 'b'",
            ),
            ("none.csv", None, "no such file"),
        ],
    )
    def test_load_metrics_errors_name_the_line(
        self, tmp_path: Path, name: str, text: str | None, match: str
    ) -> None:
        with pytest.raises(SchemeError, match=match):
            assessment.load_metrics(file_at(tmp_path, name, text))

    def test_load_metrics_of_a_number(self) -> None:
        with pytest.raises(InvalidTypeError):
            assessment.load_metrics(1)  # type: ignore[arg-type]
