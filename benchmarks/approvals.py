"""Benchmark: tracking and projecting 10,000 projects of 30 approval steps each.

Run: python benchmarks/approvals.py. Target on this machine: <= 1 s for the whole batch.
All projects share one flow (its topological order and predecessors are computed once);
each project has recorded events: the first steps completed, a few under way, one in
twenty with a suspension (counted by the deadline engine's DeadlineClock), the rest
waiting. Each run produces, for every project, every step's state and clock, the late
steps, the projected completion, the critical path and every step's slack.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from govefficiency import Citation, Text, china_calendar
from govefficiency.approvals import Flow, ParallelGroup, Project, ProjectEvent, Step, track_many
from govefficiency.deadlines import CalendarDays, WorkingDays

PROJECTS = 10_000
STEPS = 30
RUNS = 5
TZ = dt.timezone(dt.timedelta(hours=8))
BASIS = Citation(Text("行政许可法", "Administrative Licensing Law"), "45", 2019)


def build_flow(rng: random.Random) -> Flow:
    steps = []
    for i in range(STEPS):
        requires = rng.sample([f"s{j}" for j in range(max(0, i - 4), i)], k=min(i, rng.randint(1, 2))) if i else []
        if i in (10, 11, 12):
            steps.append(Step(f"s{i}", f"item-{i}", f"unit-{i % 7}", None, ["s9"], group="g"))
            continue
        if i in (13, 14):
            requires = ["s10", "s11", "s12"]
        limit = CalendarDays(7) if i % 6 == 5 else WorkingDays(rng.choice((1, 2, 3, 5)))
        steps.append(Step(f"s{i}", f"item-{i}", f"unit-{i % 7}", limit, requires))
    return Flow("bench", Text("基准", "bench"), steps, WorkingDays(120), [ParallelGroup("g", WorkingDays(5))])


def build_projects(rng: random.Random, start: dt.date) -> list[Project]:
    projects = []
    for p in range(PROJECTS):
        begin = dt.datetime.combine(start + dt.timedelta(days=rng.randint(0, 20)), dt.time(9), TZ)
        events = []
        done = rng.randint(0, 8)
        t = begin
        for i in range(done + 2):
            events.append(ProjectEvent(f"s{i}", "start", t))
            if i < done:
                t += dt.timedelta(days=rng.randint(1, 5))
                events.append(ProjectEvent(f"s{i}", "complete", t))
            elif p % 20 == 0:
                events.append(ProjectEvent(f"s{i}", "suspend", t + dt.timedelta(days=1), BASIS))
        projects.append(Project(f"p{p}", "bench", events))
    return projects


def median_time(fn: object) -> float:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    rng = random.Random(2026)
    cal = china_calendar()
    flow = build_flow(rng)
    projects = build_projects(rng, dt.date(2026, 3, 2))
    at = dt.datetime(2026, 4, 20, 12, tzinfo=TZ)
    statuses = track_many(flow, projects, at, calendar=cal)
    assert len(statuses) == PROJECTS
    assert all(s.projected_completion is not None for s in statuses)
    late = sum(len(s.late_steps) for s in statuses)
    elapsed = median_time(lambda: track_many(flow, projects, at, calendar=cal))
    steps = PROJECTS * STEPS
    print(f"approvals: {PROJECTS:,} projects x {STEPS} steps tracked and projected")
    print(f"  median of {RUNS}: {elapsed:.3f} s  ({elapsed / steps * 1e6:.2f} us per step; target <= 1 s)")
    print(f"  late steps found: {late:,}; suspended projects (DeadlineClock path): {PROJECTS // 20:,}")
    print(f"  ratio to target: {elapsed / 1.0:.2f}")


if __name__ == "__main__":
    main()
