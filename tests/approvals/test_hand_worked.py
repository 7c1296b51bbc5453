"""Hand-worked approval flows on the real 2026 calendar, with the counting in comments.

The 2026 days used below (checked against ``china_calendar().day_kind`` in
``test_the_calendar_is_as_the_comments_say``):

* September: Mon 14 – Fri 18 working; Sat 19 rest; **Sun 20 make-up working day**;
  Mon 21 – Thu 24 working; **Fri 25 public holiday (Mid-Autumn)**; Sat 26, Sun 27 rest;
  Mon 28 – Wed 30 working.
* October: **Thu 1 – Wed 7 National Day (1–3 holiday, 4 weekend, 5–7 in-lieu rest)**;
  Thu 8, Fri 9 working; **Sat 10 make-up working day**; Sun 11 rest; Mon 12 – Fri 16
  working; Sat 17, Sun 18 rest; Mon 19 – Fri 23 working.
"""

from __future__ import annotations

import datetime as dt

from govefficiency import Text, china_calendar
from govefficiency.approvals import (
    Flow,
    JointReview,
    ParallelGroup,
    Project,
    ProjectEvent,
    Step,
    StepState,
    check_flow,
    track,
)
from govefficiency.calendar import DayKind
from govefficiency.deadlines import CalendarDays, WorkingDays
from govefficiency.testing import CST
from strategies import BASIS

D = dt.date


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), CST)


def flow(*steps: Step, total: object = WorkingDays(100), **kw: object) -> Flow:
    return Flow("f", Text("流程", "flow"), steps, total, **kw)  # type: ignore[arg-type]


def step(sid: str, n: int, *requires: str, unit: str | None = "u", **kw: object) -> Step:
    return Step(sid, f"item-{sid}", unit, WorkingDays(n), requires, **kw)  # type: ignore[arg-type]


def codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [f.code for f in findings]


def test_the_calendar_is_as_the_comments_say() -> None:
    """The day kinds the comments rely on are the calendar's."""
    cal = china_calendar()
    assert cal.day_kind(D(2026, 9, 20)) is DayKind.MAKEUP_WORKDAY
    assert cal.day_kind(D(2026, 9, 25)) is DayKind.PUBLIC_HOLIDAY
    assert [cal.is_working_day(D(2026, 10, d)) for d in range(1, 12)] == [
        False, False, False, False, False, False, False, True, True, True, False,
    ]  # fmt: skip
    assert cal.day_kind(D(2026, 10, 10)) is DayKind.MAKEUP_WORKDAY


class TestCriticalPath:
    def test_a_chain_across_national_day_on_working_days(self) -> None:
        """A (10 wd) → B (5 wd) accepted Thu 09-24 ends Thu 10-22; 15 wd fit a 15-wd limit."""
        # A: 09-24 not counted; 09-25 holiday, 26/27 weekend; 28(1) 29(2) 30(3); National Day
        # 10-01..07 skipped; 08(4) 09(5) 10(6, make-up Saturday) 12(7) 13(8) 14(9) 15(10).
        # B: 16(1) 19(2) 20(3) 21(4) 22(5) -> 10-22. Committed 15 wd from 09-24 -> also 10-22.
        f = flow(step("a", 10), step("b", 5, "a"), total=WorkingDays(15))
        assert check_flow(f, start=D(2026, 9, 24)) == []

    def test_calendar_day_commitment_broken_by_national_day(self) -> None:
        """21 calendar days from 09-24 end 10-15, a week before the path's 10-22: 5 wd over."""
        # 09-24 + 21 days = Thu 10-15, a working day: the committed limit ends 10-15.
        # The path ends 10-22 (previous test); working days in (10-15, 10-22]: 16, 19, 20, 21,
        # 22 -> 5 over. In an ordinary month 21 days hold 15 working days; here the holiday
        # eats them.
        f = flow(step("a", 10), step("b", 5, "a"), total=CalendarDays(21))
        [finding] = check_flow(f, start=D(2026, 9, 24))
        assert finding.code == "CRITICAL_PATH_EXCEEDS_LIMIT"
        assert finding.subject == ("a", "b")
        assert "2026-10-22" in finding.message.en
        assert "2026-10-15" in finding.message.en
        assert "(15 working days)" in finding.message.en
        assert "5 working days over" in finding.message.en

    def test_the_same_flow_in_november_keeps_its_commitment(self) -> None:
        """Accepted Mon 11-02, 15 wd end Mon 11-23 = 11-02 + 21 days: on time."""
        # Three plain weeks: 11-03..06 (4), 09..13 (5), 16..20 (5), 23 (1) = 15 -> 11-23.
        f = flow(step("a", 10), step("b", 5, "a"), total=CalendarDays(21))
        assert check_flow(f, start=D(2026, 11, 2)) == []

    def test_without_a_start_date_working_days_add_up(self) -> None:
        """10 + 5 working days exceed a 14-working-day limit whatever the start."""
        f = flow(step("a", 10), step("b", 5, "a"), total=WorkingDays(14))
        [finding] = check_flow(f)
        assert finding.code == "CRITICAL_PATH_EXCEEDS_LIMIT"
        assert "(15 working days)" in finding.message.en
        assert "1 working days over" in finding.message.en

    def test_without_a_start_date_calendar_days_are_undetermined(self) -> None:
        """A calendar-day limit depends on the holidays: no start, no answer."""
        f = flow(step("a", 10), step("b", 5, "a"), total=CalendarDays(21))
        assert codes(check_flow(f)) == ["CRITICAL_PATH_UNDETERMINED"]


class TestParallelGroup:
    def test_members_start_together_and_share_one_limit(self) -> None:
        """land 5 wd from Mon 09-14 → {eia, energy} 10 wd → build 3 wd: ends Wed 10-14."""
        # land: 15(1) 16(2) 17(3) 18(4) 20(5, make-up Sunday) -> 09-20.
        # group (both members, energy too though it requires nothing itself): 21(1) 22(2)
        # 23(3) 24(4) [25 holiday] 28(5) 29(6) 30(7) [National Day] 10-08(8) 09(9)
        # 10(10, make-up Saturday) -> 10-10.
        # build: 12(1) 13(2) 14(3) -> 10-14: 3 + 10 + 5 = 18 working days from 09-14.
        f = flow(
            step("land", 5),
            Step("eia", "i-eia", "env", None, ["land"], group="g"),
            Step("energy", "i-energy", "drc", None, [], group="g"),
            step("build", 3, "eia", "energy"),
            total=WorkingDays(17),
            groups=[ParallelGroup("g", WorkingDays(10))],
        )
        [finding] = check_flow(f, start=D(2026, 9, 14))
        assert finding.code == "CRITICAL_PATH_EXCEEDS_LIMIT"
        assert "2026-10-14" in finding.message.en
        assert "(18 working days)" in finding.message.en
        status = track(f, Project("p", "f"), at=at(D(2026, 9, 14), 8))
        assert status.step("energy").projected_end == D(2026, 10, 10)
        assert status.step("eia").projected_end == D(2026, 10, 10)
        assert status.projected_completion == D(2026, 10, 14)


class TestSuspension:
    FLOW = flow(step("x", 10), step("y", 5, "x"))

    def project(self, *extra: ProjectEvent) -> Project:
        return Project("p", "f", [ProjectEvent("x", "start", at(D(2026, 9, 14))), *extra])

    def test_without_suspension(self) -> None:
        """x 10 wd from 09-14 is due 09-28; y follows to Sat 10-10."""
        # x: 15 16 17 18 20(make-up) 21 22 23 24 [25 holiday] 28 -> 09-28.
        # y: 29(1) 30(2) [National Day] 10-08(3) 09(4) 10(5, make-up) -> 10-10.
        status = track(self.FLOW, self.project(), at=at(D(2026, 9, 22), 12))
        assert status.step("x").due == D(2026, 9, 28)
        assert status.projected_completion == D(2026, 10, 10)

    def test_a_suspended_step_shifts_the_projection(self) -> None:
        """Suspended from 09-16, still suspended on 09-22: the projection moves to 10-19."""
        # Used before the suspension: (09-14, 09-15] = 1 wd; 9 remain. Projected as if x
        # resumed on 09-22: 23(1) 24(2) 28(3) 29(4) 30(5) 10-08(6) 09(7) 10(8) 12(9) -> 10-12.
        # y: 13(1) 14(2) 15(3) 16(4) 19(5) -> 10-19 (nine days later than unsuspended).
        p = self.project(ProjectEvent("x", "suspend", at(D(2026, 9, 16)), BASIS))
        status = track(self.FLOW, p, at=at(D(2026, 9, 22), 12))
        x = status.step("x")
        assert x.state is StepState.SUSPENDED
        assert x.due is None
        assert x.used == 1
        assert x.projected_end == D(2026, 10, 12)
        assert status.projected_completion == D(2026, 10, 19)
        # Two working days later, still suspended: 9 wd from 09-24 -> 10-14; y -> 10-21.
        later = track(self.FLOW, p, at=at(D(2026, 9, 24), 12))
        assert later.projected_completion == D(2026, 10, 21)

    def test_a_resumed_step_keeps_its_clock_from_the_deadline_engine(self) -> None:
        """Suspended 09-16, resumed 09-22: 09-16..22 are not counted, due Mon 10-12."""
        # The suspension runs from its first day to the resume day inclusive (deadline
        # engine). Counted: 15(1); then 23(2) 24(3) [25 holiday] 28(4) 29(5) 30(6)
        # [National Day] 10-08(7) 09(8) 10(9, make-up) 12(10) -> 10-12.
        p = self.project(
            ProjectEvent("x", "suspend", at(D(2026, 9, 16)), BASIS),
            ProjectEvent("x", "resume", at(D(2026, 9, 22))),
        )
        status = track(self.FLOW, p, at=at(D(2026, 9, 25), 12))
        assert status.step("x").state is StepState.RUNNING
        assert status.step("x").due == D(2026, 10, 12)
        # y: 13 14 15 16 19 -> 10-19
        assert status.projected_completion == D(2026, 10, 19)


class TestMutualPrerequisite:
    def test_a_cycle_of_three_steps_names_every_step(self) -> None:
        """a waits for c, b for a, c for b: one finding naming a → b → c → a."""
        f = flow(step("a", 5, "c"), step("b", 5, "a"), step("c", 5, "b"), step("d", 5))
        [finding] = check_flow(f, start=D(2026, 9, 14))
        assert finding.code == "MUTUAL_PREREQUISITE"
        assert finding.subject == ("a", "b", "c")
        assert "a → b → c → a" in finding.message.en
        assert finding.citation is not None
        assert "杜绝互为前置条件的审批" in finding.citation.render("zh")

    def test_two_separate_circles_are_two_findings(self) -> None:
        """Each strongly connected set of steps is reported once."""
        f = flow(step("a", 1, "b"), step("b", 1, "a"), step("c", 1, "d"), step("d", 1, "c"))
        assert [x.subject for x in check_flow(f)] == [("a", "b"), ("c", "d")]


def three_day_step_done_on_0921() -> tuple[Flow, Project]:
    """One step of 3 working days, started Mon 09-14 (due Thu 09-17) and completed Mon 09-21."""
    f = flow(Step("s", "item", "u", WorkingDays(3)))
    events = [
        ProjectEvent("s", "start", at(D(2026, 9, 14))),
        ProjectEvent("s", "complete", at(D(2026, 9, 21))),
    ]
    return f, Project("p", "f", events)


class TestTracking:
    def test_an_overdue_step_and_the_unit_holding_it(self) -> None:
        """3 wd from Mon 09-14 are due Thu 09-17; on Mon 09-21 it is 3 wd late."""
        # due: 15(1) 16(2) 17(3). Late days (09-17, 09-21]: 18, 20 (make-up Sunday), 21 -> 3.
        f = flow(Step("s", "item", "land-bureau", "nanyang.single_department"))
        p = Project("p", "f", [ProjectEvent("s", "start", at(D(2026, 9, 14)))])
        status = track(f, p, at=at(D(2026, 9, 21), 10))
        [late] = status.late_steps
        assert (late.step, late.unit, late.overdue_by) == ("s", "land-bureau", 3)
        assert [x.code for x in status.findings] == ["STEP_OVERDUE"]
        assert "held by land-bureau" in status.findings[0].message.en
        # overdue: projected to end no earlier than the day asked about
        assert status.projected_completion == D(2026, 9, 21)

    def test_a_week_across_national_day_rolls_to_the_next_working_day(self) -> None:
        """7 calendar days from Mon 09-28 end Mon 10-05, an in-lieu rest day: due Thu 10-08."""
        f = flow(Step("s", "item", "u", "nanyang.multi_department"))
        p = Project("p", "f", [ProjectEvent("s", "start", at(D(2026, 9, 28)))])
        status = track(f, p, at=at(D(2026, 9, 30)))
        assert status.step("s").due == D(2026, 10, 8)
        assert status.step("s").remaining == 8  # calendar days 10-01..10-08

    def test_slack_of_a_short_parallel_branch(self) -> None:
        """a 5 wd and b 2 wd both before c: b may end 3 wd later without delay."""
        # From Mon 09-14: a ends 09-20 (15 16 17 18 20); b ends 09-16 (15 16); c waits for a.
        # b's slack: working days in (09-16, 09-20] = 17, 18, 20 -> 3.
        f = flow(step("a", 5), step("b", 2), step("c", 1, "a", "b"))
        status = track(f, Project("p", "f"), at=at(D(2026, 9, 14), 8))
        assert status.step("b").slack == 3
        assert status.step("a").slack == 0
        assert status.step("a").critical
        assert not status.step("b").critical
        assert status.critical_path == ("a", "c")

    def test_completed_late_is_history_not_a_late_step(self) -> None:
        """Completed on 09-21, due 09-17: completed late, no longer held by anyone."""
        f, p = three_day_step_done_on_0921()
        status = track(f, p, at=at(D(2026, 9, 22)))
        assert status.step("s").state is StepState.COMPLETED_LATE
        assert status.step("s").overdue_by == 3
        assert status.late_steps == ()
        assert status.projected_completion == D(2026, 9, 21)

    def test_events_after_the_instant_are_ignored(self) -> None:
        """Tracking at 09-16 does not see the completion recorded on 09-21."""
        f, p = three_day_step_done_on_0921()
        assert track(f, p, at=at(D(2026, 9, 16))).step("s").state is StepState.RUNNING
        assert track(f, p, at=at(D(2026, 9, 13))).step("s").state is StepState.WAITING

    def test_projection_past_the_calendar_is_undetermined(self) -> None:
        """20 wd from 12-20 run past 2026-12-31, the end of the published data."""
        f = flow(step("a", 20))
        status = track(f, Project("p", "f"), at=at(D(2026, 12, 20)))
        assert status.projected_completion is None
        assert not status.determined
        assert status.missing is not None
        assert "2026-12-31" in status.missing.en
        assert [x.code for x in status.findings] == ["PROJECTION_UNDETERMINED"]


class TestJointReview:
    def flow(self) -> Flow:
        return flow(
            step("planning", 20),
            step("fire", 15, "planning"),
            step("construction", 20, "planning", "fire"),
            total=WorkingDays(50),
            joint_review=JointReview(["fire", "construction"], WorkingDays(25)),
        )

    def test_joint_review_above_the_threshold_shortens_the_path(self) -> None:
        """20 + 15 + 20 = 55 wd > 50; jointly 20 + 25 = 45 wd from 100 million yuan."""
        f = self.flow()
        assert codes(check_flow(f)) == ["CRITICAL_PATH_EXCEEDS_LIMIT"]
        assert codes(check_flow(f, investment_yuan=99_999_999)) == ["CRITICAL_PATH_EXCEEDS_LIMIT"]
        assert check_flow(f, investment_yuan=100_000_000) == []

    def test_a_tracked_major_project_gets_joint_review(self) -> None:
        """Joint review applies to the project by its recorded investment."""
        f = self.flow()
        status = track(f, Project("p", "f", investment_yuan=300_000_000), at=at(D(2026, 9, 14), 8))
        assert status.joint_review
        assert status.step("fire").projected_end == status.step("construction").projected_end


def test_every_circle_in_a_knot_is_named() -> None:
    """a ↔ b and b ↔ c form one knot with two circles: both are reported."""
    f = flow(step("a", 1, "b"), step("b", 1, "a", "c"), step("c", 1, "b"))
    assert [x.subject for x in check_flow(f)] == [("a", "b"), ("b", "c")]


def test_a_step_requiring_itself() -> None:
    """A step that is its own prerequisite is a circle of one."""
    [finding] = check_flow(flow(step("a", 1, "a")))
    assert finding.code == "MUTUAL_PREREQUISITE"
    assert "a → a" in finding.message.en
