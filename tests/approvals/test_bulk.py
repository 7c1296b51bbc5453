"""track_many equals track, project by project, with and without numpy."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency import Text
from govefficiency.approvals import (
    Flow,
    ParallelGroup,
    Project,
    ProjectError,
    ProjectEvent,
    Step,
    _bulk,
    track,
    track_many,
)
from govefficiency.deadlines import CalendarDays, WorkingDays
from govefficiency.testing import CST
from strategies import BASIS


@st.composite
def batches(draw: st.DrawFn) -> tuple[Flow, list[Project], dt.datetime]:
    n = draw(st.integers(2, 6))
    steps = []
    grouped = draw(st.booleans())
    for i in range(n):
        requires = (
            [f"s{r}" for r in draw(st.lists(st.integers(0, i - 1), unique=True, max_size=2))] if i else []
        )
        if grouped and i in (n - 2, n - 1):
            steps.append(
                Step(
                    f"s{i}",
                    f"item{i}",
                    "u",
                    None,
                    [r for r in requires if r not in (f"s{n - 2}",)],
                    group="g",
                )
            )
            continue
        limit = (
            WorkingDays(draw(st.integers(0, 12)))
            if draw(st.booleans())
            else CalendarDays(draw(st.integers(0, 12)))
        )
        steps.append(Step(f"s{i}", f"item{i}", "u", limit, requires))
    groups = [ParallelGroup("g", WorkingDays(draw(st.integers(0, 10))))] if grouped else []
    flow = Flow("f", Text("流程", "flow"), steps, WorkingDays(draw(st.integers(0, 60))), groups)
    first = dt.date(2026, draw(st.sampled_from([3, 9, 11, 12])), 1)
    projects = []
    for p in range(draw(st.integers(1, 6))):
        events = []
        for i in range(n):
            if draw(st.booleans()):
                t = dt.datetime.combine(first + dt.timedelta(days=draw(st.integers(0, 30))), dt.time(9), CST)
                events.append(ProjectEvent(f"s{i}", "start", t))
                kind = draw(st.sampled_from(["none", "complete", "suspend", "suspend-resume"]))
                if kind == "complete":
                    events.append(
                        ProjectEvent(f"s{i}", "complete", t + dt.timedelta(days=draw(st.integers(0, 20))))
                    )
                elif kind.startswith("suspend"):
                    events.append(ProjectEvent(f"s{i}", "suspend", t + dt.timedelta(days=1), BASIS))
                    if kind == "suspend-resume":
                        events.append(
                            ProjectEvent(f"s{i}", "resume", t + dt.timedelta(days=draw(st.integers(1, 15))))
                        )
        projects.append(Project(f"p{p}", "f", events))
    at = dt.datetime.combine(first + dt.timedelta(days=draw(st.integers(0, 40))), dt.time(15), CST)
    return flow, projects, at


def same(a: object, b: object) -> None:
    for name in (
        "started",
        "committed_due",
        "projected_completion",
        "critical_path",
        "missing",
        "steps",
        "findings",
    ):
        assert getattr(a, name) == getattr(b, name), name


@settings(max_examples=200, deadline=None)
@given(batches())
def test_track_many_equals_track(case: tuple[Flow, list[Project], dt.datetime]) -> None:
    """Every answer of the batch equals the one-project answer (numpy path when installed)."""
    flow, projects, at = case
    sound = []
    for project in projects:
        try:
            track(flow, project, at=at)
        except ProjectError:  # e.g. a suspension recorded after the limit expired
            with pytest.raises(ProjectError):
                track_many(flow, [project], at=at)
            continue
        sound.append(project)
    for bulk, project in zip(track_many(flow, sound, at=at), sound, strict=True):
        same(bulk, track(flow, project, at=at))


def test_without_numpy_the_answers_are_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """With numpy absent, track_many falls back to the one-project path."""
    flow = Flow(
        "f", Text("流程", "flow"),
        [Step("a", "i", "u", WorkingDays(5)), Step("b", "i", "u", WorkingDays(3), ["a"])],
        WorkingDays(10),
    )  # fmt: skip
    at = dt.datetime(2026, 9, 14, 9, tzinfo=CST)
    projects = [Project("p", "f", [ProjectEvent("a", "start", at)]), Project("q", "f")]
    with_numpy = track_many(flow, projects, at=at)
    monkeypatch.setattr(_bulk, "np", None)
    without = track_many(flow, projects, at=at)
    for a, b in zip(with_numpy, without, strict=True):
        same(a, b)
    assert without[0].projected_completion == dt.date(2026, 9, 23)  # a: 09-20; b: 21 22 23
