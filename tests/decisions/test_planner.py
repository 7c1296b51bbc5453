"""The planner: what remains and the earliest lawful date of each step."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.decisions import (
    Category,
    Consultation,
    DecisionPlan,
    DecisionRecord,
    DepartmentOpinion,
    Flag,
    Hearing,
    LegalityReview,
    Matter,
    PlanItem,
    PlanStatus,
    PublicComment,
    ReviewResult,
    RiskAssessment,
    StepKind,
    plan_decision,
    validate_decision,
)
from govefficiency.errors import InvalidInputError, InvalidTypeError

D = dt.date
FARES = Matter("郊区公交线路票价调整", Category.PUBLIC_POLICY, {Flag.PUBLIC_INTEREST})
CAL = china_calendar()


def item(plan: DecisionPlan, step: StepKind, action_en: str) -> PlanItem:
    """The plan item of ``step`` whose English action contains ``action_en``."""
    (found,) = [i for i in plan.items if i.step == step.value and action_en in i.action.en]
    return found


class TestIssueExamples:
    def test_comment_close(self) -> None:
        """A comment published 2026-09-10 can close on 2026-10-10 at the earliest."""
        plan = plan_decision(DecisionRecord(FARES, [PublicComment(D(2026, 9, 10))]))
        close = item(plan, StepKind.PUBLIC_COMMENT, "close")
        assert close.status is PlanStatus.IN_PROGRESS
        assert close.earliest == D(2026, 10, 10)
        assert close.citation is not None
        assert close.citation.article == "15"
        assert close.basis is not None
        assert "30 days" in close.basis.en

    def test_legality_opinion_across_national_day(self) -> None:
        """Sent Wed 2026-09-30, the legality opinion can come on Thu 2026-10-15 at the earliest."""
        # Working days after 30 Sep 2026: 8 Oct (1), 9 (2), Sat 10 make-up (3), 12 (4), 13 (5),
        # 14 (6), 15 (7); 1-7 Oct are the National Day holiday.
        record = DecisionRecord(
            FARES, [PublicComment(D(2026, 8, 31), D(2026, 9, 30)), LegalityReview(D(2026, 9, 30))]
        )
        plan = plan_decision(record)
        opinion = item(plan, StepKind.LEGALITY_REVIEW, "opinion")
        assert opinion.earliest == D(2026, 10, 15)
        assert opinion.basis is not None
        assert "7 working days" in opinion.basis.en
        discussion = item(plan, StepKind.COLLECTIVE_DISCUSSION, "hold the collective discussion")
        assert discussion.status is PlanStatus.TO_DO
        assert discussion.earliest == D(2026, 10, 15)
        assert item(plan, StepKind.PUBLICATION, "publish").earliest == D(2026, 10, 15)

    def test_chain_from_an_open_comment(self) -> None:
        """With the comment still open, the review can be sent on 10 Oct and answered on 20 Oct."""
        # Sat 10 Oct 2026 is a make-up working day; seven working days after it:
        # 12, 13, 14, 15, 16, 19, 20 October.
        plan = plan_decision(DecisionRecord(FARES, [PublicComment(D(2026, 9, 10))]))
        assert item(plan, StepKind.LEGALITY_REVIEW, "send").earliest == D(2026, 10, 10)
        assert item(plan, StepKind.LEGALITY_REVIEW, "opinion").earliest == D(2026, 10, 20)


class TestDates:
    def test_hearing_materials_latest(self) -> None:
        """A hearing fixed for 2026-09-25 needs its materials out by 2026-09-18."""
        record = DecisionRecord(FARES, [PublicComment(D(2026, 9, 10)), Hearing(D(2026, 9, 25))])
        materials = item(plan_decision(record, on=D(2026, 9, 15)), StepKind.HEARING, "materials")
        assert (materials.earliest, materials.latest) == (D(2026, 9, 15), D(2026, 9, 18))
        assert not materials.overdue

    def test_overdue(self) -> None:
        """Planning on 2026-09-20 for that hearing: the materials can no longer go out in time."""
        record = DecisionRecord(FARES, [Hearing(D(2026, 9, 25))])
        materials = item(plan_decision(record, on=D(2026, 9, 20)), StepKind.HEARING, "materials")
        assert materials.overdue
        assert "can no longer be met" in materials.render("en")

    def test_planning_date_bounds_free_steps(self) -> None:
        """A step nothing constrains may happen from the planning date on, or is unbounded without one."""
        record = DecisionRecord(FARES)
        assert item(plan_decision(record), StepKind.PUBLIC_COMMENT, "publish").earliest is None
        planned = item(plan_decision(record, on=D(2026, 9, 1)), StepKind.PUBLIC_COMMENT, "publish")
        assert planned.earliest == D(2026, 9, 1)
        assert planned.status is PlanStatus.TO_DO

    def test_waiver_shortens_the_plan(self) -> None:
        """With a reason for urgency stated, the comment may close at once (no national floor)."""
        record = DecisionRecord(FARES, [PublicComment(D(2026, 9, 10), shortened_reason="紧急")])
        assert item(plan_decision(record), StepKind.PUBLIC_COMMENT, "close").earliest == D(2026, 9, 10)

    def test_working_days_use_the_given_calendar(self) -> None:
        """Without make-up weekends the opinion moves to Fri 2026-10-16."""
        record = DecisionRecord(FARES, [LegalityReview(D(2026, 9, 30))])
        plan = plan_decision(record, calendar=china_calendar(makeup_workdays=False))
        assert item(plan, StepKind.LEGALITY_REVIEW, "opinion").earliest == D(2026, 10, 16)


class TestWhatRemains:
    def test_complete_record(self, compliant: DecisionRecord) -> None:
        """A complete record leaves nothing to do."""
        plan = plan_decision(compliant, "seed-practice")
        assert plan.complete
        assert plan.items == ()
        assert "complete" in plan.render("en")

    def test_required_steps_listed(self) -> None:
        """A specialised matter lists its expert evaluation; optional steps are left out."""
        matter = attrs.evolve(FARES, flags={Flag.SPECIALISED})
        steps = {i.step for i in plan_decision(DecisionRecord(matter)).items}
        assert {"public_comment", "expert_evaluation", "legality_review", "collective_discussion"} <= steps
        assert {"hearing", "risk_assessment", "post_evaluation"}.isdisjoint(steps)

    def test_seed_conditions(self) -> None:
        """Seed practice adds alternatives, consultation of each department and citizen representatives."""
        matter = Matter(
            "票价",
            Category.PUBLIC_POLICY,
            {Flag.ESPECIALLY_MAJOR, Flag.LIVELIHOOD},
            departments=("市财政局", "市交通运输局"),
        )
        record = DecisionRecord(
            matter,
            [
                Consultation(
                    D(2026, 9, 16), (DepartmentOpinion("市财政局", agreed=False, reasoning="超预算"),)
                )
            ],
        )
        plan = plan_decision(record, "seed-practice")
        actions = [i.action.en for i in plan.items if i.status is PlanStatus.CONDITION]
        assert "prepare at least 2 alternative plans (now 1)" in actions
        assert "also consult '市交通运输局'" in actions
        assert "have the supervising leader resolve the dispute with '市财政局'" in actions
        assert "submit each side's reasoning on the dispute with '市财政局'" in actions
        assert "invite at least 1 citizen representative(s) to the discussion" in actions

    def test_risk_not_controllable_condition(self) -> None:
        """An uncontrollable risk becomes a condition to fix before the discussion."""
        matter = attrs.evolve(FARES, flags={Flag.STABILITY_RISK})
        plan = plan_decision(DecisionRecord(matter, [RiskAssessment(D(2026, 9, 14), controllable=False)]))
        risk = item(plan, StepKind.RISK_ASSESSMENT, "re-assess")
        assert risk.status is PlanStatus.CONDITION

    def test_no_discussion_conditions_after_meeting(self, compliant: DecisionRecord) -> None:
        """Once the meeting was held, the plan no longer advises on it."""
        record = attrs.evolve(
            compliant, steps=[s for s in compliant.steps if s.kind is not StepKind.ARCHIVING]
        )
        plan = plan_decision(record)
        assert [(i.step, i.status) for i in plan.items] == [("archiving", PlanStatus.TO_DO)]
        assert plan.items[0].earliest == D(2026, 10, 20)

    def test_exempt_matter(self) -> None:
        """An emergency matter has nothing to plan."""
        plan = plan_decision(DecisionRecord(attrs.evolve(FARES, flags={Flag.EMERGENCY})))
        assert plan.items == ()
        assert plan.exemption is not None
        assert plan.exemption.code == "NOT_APPLICABLE"
        assert "不适用" in plan.render("zh")


class TestOutput:
    def test_render_both_languages(self) -> None:
        """The plan renders in Chinese and English with dates, basis and citation."""
        plan = plan_decision(DecisionRecord(FARES, [PublicComment(D(2026, 9, 10))]))
        zh, en = plan.render("zh"), plan.render("en")
        assert "最早 2026-10-10" in zh
        assert "第15条" in zh
        assert "earliest 2026-10-10" in en
        assert "art. 15" in en
        with pytest.raises(InvalidInputError):
            plan.render("fr")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            plan.items[0].render("fr")  # type: ignore[arg-type]

    def test_to_dict_is_json(self) -> None:
        """to_dict() is JSON-ready, with ISO dates."""
        plan = plan_decision(DecisionRecord(FARES, [PublicComment(D(2026, 9, 10))]), on=D(2026, 9, 15))
        data = json.loads(json.dumps(plan.to_dict(), ensure_ascii=False))
        close = next(i for i in data["items"] if i["action"]["en"] == "close the public comment")
        assert close["earliest"] == "2026-10-10"
        assert data["on"] == "2026-09-15"

    def test_picklable(self) -> None:
        """Plans survive pickling."""
        plan = plan_decision(DecisionRecord(FARES, [PublicComment(D(2026, 9, 10))]))
        assert pickle.loads(pickle.dumps(plan)) == plan


class TestBadInput:
    def test_record_type(self) -> None:
        """The planner wants a DecisionRecord."""
        with pytest.raises(InvalidTypeError):
            plan_decision("record.toml")  # type: ignore[arg-type]

    def test_on_must_be_a_date(self) -> None:
        """The planning date is a date, not a datetime or a string."""
        with pytest.raises(InvalidTypeError):
            plan_decision(DecisionRecord(FARES), on=dt.datetime(2026, 9, 15, 9, 0))
        with pytest.raises(InvalidTypeError):
            plan_decision(DecisionRecord(FARES), on="2026-09-15")  # type: ignore[arg-type]

    def test_procedure_and_calendar(self) -> None:
        """Procedure and calendar are checked like the validator's."""
        with pytest.raises(InvalidTypeError):
            plan_decision(DecisionRecord(FARES), None)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            plan_decision(DecisionRecord(FARES), calendar=object())  # type: ignore[arg-type]


def _cal() -> WorkCalendar:
    return CAL


@settings(deadline=None, max_examples=60)
@given(st.dates(min_value=D(2019, 9, 1), max_value=D(2026, 10, 31)))
def test_planned_dates_are_lawful_and_tight(published: dt.date) -> None:
    """Doing each step on its planned earliest date passes the time rules; a day earlier does not."""
    cal = _cal()
    record = DecisionRecord(FARES, [PublicComment(published)])
    plan = plan_decision(record, calendar=cal)
    close = item(plan, StepKind.PUBLIC_COMMENT, "close").earliest
    sent = item(plan, StepKind.LEGALITY_REVIEW, "send").earliest
    opinion = item(plan, StepKind.LEGALITY_REVIEW, "opinion").earliest
    assert close is not None
    assert sent is not None
    assert opinion is not None
    assert cal.working_days_between(sent, opinion) == 7
    done = DecisionRecord(
        FARES,
        [
            PublicComment(published, close),
            LegalityReview(sent, opinion, ReviewResult.LAWFUL),
        ],
    )
    time_codes = {"SHORTENED_WITHOUT_REASON", "LEGALITY_REVIEW_TOO_SHORT", "STEP_OUT_OF_ORDER"}
    assert not time_codes & {f.code for f in validate_decision(done, calendar=cal)}
    early = done.with_step(PublicComment(published, close - dt.timedelta(days=1))).with_step(
        LegalityReview(sent, cal.add_working_days(opinion, -1), ReviewResult.LAWFUL)
    )
    found = {f.code for f in validate_decision(early, calendar=cal)}
    assert {"SHORTENED_WITHOUT_REASON", "LEGALITY_REVIEW_TOO_SHORT"} <= found
    assert item(plan, StepKind.COLLECTIVE_DISCUSSION, "hold the collective discussion").earliest == opinion
