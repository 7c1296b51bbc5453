"""Laws of the projection, on random flows and projects over the real 2026 calendar."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency import Text, china_calendar
from govefficiency.approvals import Flow, Project, ProjectEvent, Step, StepState, track
from govefficiency.deadlines import CalendarDays, ClockState, DeadlineClock, WorkingDays
from govefficiency.testing import CST

CAL = china_calendar()
FIRST = dt.date(2026, 1, 5)


@st.composite
def flows_and_projects(draw: st.DrawFn) -> tuple[Flow, Project, dt.datetime]:
    n = draw(st.integers(1, 7))
    steps = []
    for i in range(n):
        requires = draw(st.lists(st.integers(0, i - 1), unique=True, max_size=3)) if i else []
        working = draw(st.booleans())
        length = draw(st.integers(0, 15))
        limit = WorkingDays(length) if working else CalendarDays(length)
        steps.append(Step(f"s{i}", f"item{i}", "u", limit, [f"s{r}" for r in requires]))
    flow = Flow("f", Text("流程", "flow"), steps, WorkingDays(draw(st.integers(0, 80))))
    events = []
    for i in range(n):
        if draw(st.booleans()):
            day = FIRST + dt.timedelta(days=draw(st.integers(0, 120)))
            t = dt.datetime.combine(day, dt.time(9), CST)
            events.append(ProjectEvent(f"s{i}", "start", t))
            if draw(st.booleans()):
                events.append(
                    ProjectEvent(f"s{i}", "complete", t + dt.timedelta(days=draw(st.integers(0, 40))))
                )
    at = dt.datetime.combine(FIRST + dt.timedelta(days=draw(st.integers(0, 160))), dt.time(12), CST)
    return flow, Project("p", "f", events), at


def own_end(day: dt.date, step: Step) -> dt.date:
    assert isinstance(step.limit, WorkingDays | CalendarDays)
    if isinstance(step.limit, WorkingDays):
        return CAL.add_working_days(day, step.limit.n)
    return CAL.roll_forward(day + dt.timedelta(days=step.limit.n))


@settings(max_examples=300, deadline=None)
@given(flows_and_projects())
def test_a_projection_never_ends_before_a_remaining_steps_own_earliest_end(
    case: tuple[Flow, Project, dt.datetime],
) -> None:
    """Projected completion ≥ every remaining step's own earliest end from the instant."""
    flow, project, at = case
    status = track(flow, project, at=at)
    assert status.projected_completion is not None
    day = at.date()
    for step, s in zip(flow.steps, status.steps, strict=True):
        assert s.projected_end is not None
        assert status.projected_completion >= s.projected_end
        if s.state is StepState.WAITING:
            assert s.projected_end >= own_end(day, step)
            assert status.projected_completion >= own_end(day, step)
        elif s.completed is None:
            assert s.projected_end >= day
        if s.slack is not None:
            assert s.slack >= 0
        for r in step.requires:
            if s.state is StepState.WAITING:
                assert s.projected_start is not None
                assert s.projected_start >= status.step(r).projected_end  # type: ignore[operator]


_STATES = {
    ClockState.RUNNING: StepState.RUNNING,
    ClockState.OVERDUE: StepState.OVERDUE,
    ClockState.COMPLETED_ON_TIME: StepState.COMPLETED_ON_TIME,
    ClockState.COMPLETED_LATE: StepState.COMPLETED_LATE,
}


@settings(max_examples=300, deadline=None)
@given(flows_and_projects())
def test_the_fast_clock_agrees_with_the_deadline_engine(case: tuple[Flow, Project, dt.datetime]) -> None:
    """A step's state, due date and counts equal those of a DeadlineClock fed its events."""
    flow, project, at = case
    status = track(flow, project, at=at)
    for step, s in zip(flow.steps, status.steps, strict=True):
        events = [e for e in project.step_events(step.id) if e.at <= at]
        if not events:
            assert s.state is StepState.WAITING
            continue
        assert step.limit is not None
        clock = DeadlineClock.start("c", at=events[0].at, period=step.limit, calendar=CAL)
        if len(events) == 2:
            clock = clock.complete(at=events[1].at)
        expected = clock.status(at=at)
        assert s.state is _STATES[expected.state]
        assert s.due == expected.due_date
        assert (s.used, s.remaining, s.overdue_by) == (expected.used, expected.remaining, expected.overdue_by)
