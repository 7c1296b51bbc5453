"""Complaints, surveys and assessment inputs."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govefficiency.citation import Citation
from govefficiency.deadlines import WorkingDays
from govefficiency.errors import InvalidInputError, InvalidTypeError, NaiveDatetimeError
from govefficiency.services import (
    INDICATORS,
    CatalogueFileError,
    Complaint,
    ComplaintRules,
    ComplaintStep,
    CountingRule,
    StepLimit,
    StepState,
    Survey,
    SurveyResponse,
    application_metrics,
    complaint_metrics,
    complaint_report,
    load_complaints,
    load_survey,
    loads_complaints,
    loads_survey,
    period_of,
    status_board,
    survey_metrics,
    survey_results,
    wilson_interval,
)
from govefficiency.text import Text

from .conftest import DATA, app, at, catalogue, file_error

RULES = ComplaintRules(
    Citation(Text("办法", "rules")),
    {
        ComplaintStep.ACCEPT_DECISION: StepLimit(WorkingDays(5)),
        ComplaintStep.HANDLING: StepLimit(WorkingDays(20), "accepted"),
        ComplaintStep.REPLY: StepLimit(WorkingDays(30)),
    },
)


class TestComplaints:
    def test_open_and_overdue(self) -> None:
        """No decision by 10-14 on a complaint of 09-30: the acceptance decision is overdue."""
        report = complaint_report([Complaint("C", "u", at(9, 30))], RULES, at=at(10, 14))
        states = {s.step: s.state for s in report.steps}
        assert states[ComplaintStep.ACCEPT_DECISION] is StepState.OVERDUE
        assert states[ComplaintStep.HANDLING] is StepState.OPEN
        assert [f.code for f in report.findings] == ["COMPLAINT_ACCEPTANCE_LATE"]
        assert report.stats[0].overdue == 1
        assert report.findings[0].citation == RULES.source

    def test_not_accepted_needs_no_handling(self) -> None:
        c = Complaint("C", "u", at(9, 30), decided=at(10, 8), accepted=False)
        report = complaint_report([c], RULES, at=at(12, 1))
        assert {s.state for s in report.steps if s.step is not ComplaintStep.ACCEPT_DECISION} == {
            StepState.NOT_APPLICABLE
        }
        assert report.stats[0].reply_rate is None  # nothing accepted: no rate, not zero

    def test_stats_by_unit_and_period(self) -> None:
        cs = [
            Complaint("A", "u1", at(9, 30), decided=at(10, 8), accepted=True, replied=at(10, 9)),
            Complaint("B", "u1", at(10, 12), decided=at(10, 13), accepted=True),
            Complaint("C", "u2", at(10, 12)),
        ]
        report = complaint_report(cs, RULES, at=at(10, 20), period="quarter")
        assert [(s.unit, s.period, s.received, s.accepted, s.replied) for s in report.stats] == [
            ("u1", "2026Q3", 1, 1, 1),
            ("u1", "2026Q4", 1, 1, 0),
            ("u2", "2026Q4", 1, 0, 0),
        ]
        rows, gaps = complaint_metrics(report)
        assert [(r.unit, r.period, r.value) for r in rows] == [("u1", "2026Q3", 100.0), ("u1", "2026Q4", 0.0)]
        assert [(g.unit, g.period) for g in gaps] == [("u2", "2026Q4")]

    def test_bad_input(self) -> None:
        with pytest.raises(InvalidInputError):
            Complaint("C", "u", at(9, 30), decided=at(10, 1))
        with pytest.raises(InvalidInputError):
            Complaint("C", "u", at(9, 30), decided=at(9, 29), accepted=True)
        with pytest.raises(InvalidInputError):
            Complaint("C", "u", at(9, 30), decided=at(10, 1), accepted=False, handled=at(10, 2))
        with pytest.raises(InvalidInputError):
            Complaint("C", "u", at(9, 30), replied=at(10, 2))
        with pytest.raises(NaiveDatetimeError):
            Complaint("C", "u", dt.datetime(2026, 9, 30))
        with pytest.raises(InvalidInputError):
            StepLimit(WorkingDays(3), "filed")
        with pytest.raises(InvalidTypeError):
            StepLimit(3)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            ComplaintRules(
                RULES.source, {ComplaintStep.ACCEPT_DECISION: StepLimit(WorkingDays(3), "accepted")}
            )
        with pytest.raises(InvalidTypeError):
            complaint_report([Complaint("C", "u", at(9, 30))], "rules", at=at(10, 1))  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            complaint_report([Complaint("C", "u", at(9, 30))] * 2, RULES, at=at(10, 1))
        with pytest.raises(InvalidInputError):
            complaint_report([], RULES, at=at(10, 1), period="week")
        with pytest.raises(InvalidTypeError):
            complaint_report("C", RULES, at=at(10, 1))  # type: ignore[arg-type]
        with pytest.raises(CatalogueFileError):
            load_complaints(DATA / "survey.toml")
        with pytest.raises(InvalidTypeError):
            loads_complaints(b"[rules]")  # type: ignore[arg-type]
        with pytest.raises(CatalogueFileError):
            load_survey(DATA / "nope.toml")
        with pytest.raises(InvalidTypeError):
            Survey("rule", [])  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            complaint_metrics("report")  # type: ignore[arg-type]

    def test_limit_beyond_the_calendar(self) -> None:
        """A complaint of Mon 2026-12-21: the 30-working-day reply limit ends in 2027 (not in
        the official calendar). On 12-31 the reply is not overdue; on 2027-02-01 nobody can tell."""
        c = Complaint("C", "u", at(12, 21), decided=at(12, 22), accepted=True)
        open_ = {s.step: s for s in complaint_report([c], RULES, at=at(12, 31)).steps}
        assert open_[ComplaintStep.REPLY].state is StepState.OPEN
        assert open_[ComplaintStep.REPLY].due is None
        later = complaint_report([c], RULES, at=at(2, 1, year=2027))
        assert {s.step: s.state for s in later.steps}[ComplaintStep.REPLY] is StepState.UNDETERMINED
        assert "COMPLAINT_LIMIT_UNDETERMINED" in {f.code for f in later.findings}

    def test_period_of(self) -> None:
        d = dt.date(2026, 10, 1)
        assert (period_of(d), period_of(d, "quarter"), period_of(d, "year")) == ("2026-10", "2026Q4", "2026")
        with pytest.raises(InvalidInputError):
            period_of(d, "week")
        with pytest.raises(InvalidTypeError):
            period_of(dt.datetime(2026, 10, 1))  # type: ignore[arg-type]


class TestSurvey:
    def test_wilson_known_values(self) -> None:
        """17/20: Wilson 95 % interval (0.640, 0.948) — the classic small-sample example."""
        lo, hi = wilson_interval(17, 20)
        assert round(lo, 3) == 0.640
        assert round(hi, 3) == 0.948
        assert wilson_interval(0, 10)[0] == 0.0
        assert wilson_interval(10, 10)[1] == 1.0

    @given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
    def test_wilson_contains_the_rate(self, sn: tuple[int, int]) -> None:
        """The interval lies in [0, 1] and contains the observed rate."""
        s, n = sn
        lo, hi = wilson_interval(s, n)
        assert 0.0 <= lo <= s / n + 1e-12
        assert s / n - 1e-12 <= hi <= 1.0

    @given(st.integers(1, 400), st.integers(2, 20))
    def test_wilson_narrows_with_more_data(self, n: int, k: int) -> None:
        """The same rate on k times the sample gives a narrower interval."""
        s = n // 2
        lo1, hi1 = wilson_interval(s, n)
        lo2, hi2 = wilson_interval(s * k, n * k)
        assert hi2 - lo2 < hi1 - lo1

    def test_findings(self) -> None:
        results, findings = survey_results(load_survey(DATA / "survey.toml"))
        assert len(results) == 3
        assert sorted((f.code, f.subject[0]) for f in findings) == [
            ("SATISFACTION_BELOW_TARGET", "county-housing"),
            ("SATISFACTION_BELOW_TARGET", "county-transport"),
            ("SATISFACTION_CLEARLY_BELOW_TARGET", "county-transport"),
            ("SATISFACTION_TARGET_NOT_SHOWN", "county-market-bureau"),
        ]
        rows = survey_metrics(results)
        assert {r.indicator for r in rows} == {"satisfaction.rate"}
        assert {(r.unit, r.value) for r in rows} >= {("county-housing", 85.0)}

    def test_counting_rule_is_declared(self) -> None:
        """Counting 基本满意 as satisfied or not changes the rate."""
        responses = [SurveyResponse("u", "w", "Q4", "满意", 8), SurveyResponse("u", "w", "Q4", "基本满意", 2)]
        both = CountingRule(("满意", "基本满意", "不满意"), ("满意", "基本满意"))
        strict = CountingRule(("满意", "基本满意", "不满意"), ("满意",))
        assert survey_results(Survey(both, responses))[0][0].rate == 1.0
        assert survey_results(Survey(strict, responses))[0][0].rate == 0.8

    def test_bad_input(self) -> None:
        rule = CountingRule(("满意", "不满意"), ("满意",))
        with pytest.raises(InvalidInputError):
            Survey(rule, [SurveyResponse("u", "w", "Q4", "还行")])
        with pytest.raises(InvalidInputError):
            CountingRule(("满意",), ("非常满意",))
        with pytest.raises(InvalidInputError):
            CountingRule(("满意",), ())
        with pytest.raises(InvalidInputError):
            Survey(rule, [], target=90)
        with pytest.raises(InvalidInputError):
            SurveyResponse("u", "w", "Q4", "满意", 0)
        with pytest.raises(InvalidInputError):
            wilson_interval(3, 2)
        with pytest.raises(InvalidInputError):
            wilson_interval(0, 0)
        with pytest.raises(InvalidInputError):
            wilson_interval(1, 2, z=math.inf)
        with pytest.raises(InvalidTypeError):
            survey_results("survey")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            survey_metrics([1])  # type: ignore[list-item]
        assert "b" in file_error(
            loads_survey,
            '[counting_rule]\nanswers = ["a"]\nsatisfied = ["a"]\n[[responses]]\nunit = "u"\nwindow = "w"\nperiod = "p"\nanswer = "b"\n',
        )


class TestApplicationMetrics:
    def test_rows_and_gaps(self) -> None:
        """Decided on time and late give compliance shares; a unit with applications but no
        decision in a period gets a gap, not a zero."""
        cat = catalogue()
        apps = [
            app("A", received=at(9, 28, 9), accepted=at(9, 28, 11), decided=at(10, 12)),
            app("B", received=at(9, 28, 9), accepted=at(9, 28, 11), decided=at(10, 19)),
            app("C", received=at(11, 2), accepted=at(11, 2, 11)),
        ]
        rows, gaps = application_metrics(status_board(apps, cat, at=at(11, 3)))
        values = {(r.indicator, r.period): r.value for r in rows}
        assert values[("services.committed_compliance", "2026-10")] == 50.0
        assert values[("services.statutory_compliance", "2026-10")] == 100.0
        late = next(
            r for r in rows if r.indicator == "services.committed_compliance" and r.period == "2026-10"
        )
        assert late.refs == ("B",)
        assert ("market", "services.committed_compliance", "2026-11") in {
            (g.unit, g.indicator, g.period) for g in gaps
        }
        assert all(r.indicator in INDICATORS for r in rows)

    def test_rows_fit_the_assessment_protocol(self) -> None:
        """Each row answers to what the assessment's MetricLike protocol reads: unit, metric,
        value (a rate in percent), source, group, refs and period (2026-10, 2026Q4, 2026)."""
        import re

        rows, _ = application_metrics(
            status_board([app(accepted=at(9, 28, 11), decided=at(10, 9))], catalogue(), at=at(11, 3)),
            period="quarter",
        )
        row = rows[0]
        assert (row.metric, row.group, row.refs) == (row.indicator, None, ())
        assert isinstance(row.value, float)
        assert 0.0 <= row.value <= 100.0
        assert re.fullmatch(r"\d{4}(Q[1-4]|-\d{2})?", row.period)
        with pytest.raises(InvalidTypeError):
            application_metrics("board")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            application_metrics(status_board([app()], catalogue(), at=at(11, 3)), period="week")
