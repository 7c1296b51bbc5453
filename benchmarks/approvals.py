"""Benchmark: tracking and projecting 10,000 projects of 30 approval steps each.

Run: python benchmarks/approvals.py. Target on this machine: <= 1 s for the whole batch.
Prints the cold figure (fresh projects), the warm one (the same projects again: their
local event days and suspended steps' clocks are memoized) and the warm one with every
step record and finding built (they are built on access).
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
from contextlib import nullcontext
from pathlib import Path

from govefficiency import Citation, Text, china_calendar
from govefficiency.approvals import Flow, ParallelGroup, Project, ProjectEvent, Step, _bulk, track_many
from govefficiency.deadlines import CalendarDays, WorkingDays

PROJECTS = 10_000
STEPS = 30
RUNS = 5
TZ = dt.timezone(dt.timedelta(hours=8))
BASIS = Citation(Text("行政许可法", "Administrative Licensing Law"), "45", 2019)


def build_flow(rng: random.Random) -> Flow:
    steps = []
    for i in range(STEPS):
        requires = (
            rng.sample([f"s{j}" for j in range(max(0, i - 4), i)], k=min(i, rng.randint(1, 2))) if i else []
        )
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


def median_time(fn: object) -> tuple[float, float]:
    """Median wall-clock and process CPU seconds of ``RUNS`` calls (the CPU figure is the
    fair one on a shared, loaded machine: it excludes time spent waiting for a core)."""
    wall, cpu = [], []
    for _ in range(RUNS):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()  # type: ignore[operator]
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    rng = random.Random(2026)
    cal = china_calendar()
    flow = build_flow(rng)
    at = dt.datetime(2026, 4, 20, 12, tzinfo=TZ)

    # cold: fresh projects, nothing memoized on them (local days, suspended steps' clocks)
    cold_wall, cold_cpu = [], []
    for run in range(3):
        fresh = build_projects(random.Random(run), dt.date(2026, 3, 2))
        t0, c0 = time.perf_counter(), time.process_time()
        track_many(flow, fresh, at=at, calendar=cal)
        cold_wall.append(time.perf_counter() - t0)
        cold_cpu.append(time.process_time() - c0)
    cold = statistics.median(cold_wall), statistics.median(cold_cpu)

    projects = build_projects(rng, dt.date(2026, 3, 2))
    statuses = track_many(flow, projects, at=at, calendar=cal)
    assert len(statuses) == PROJECTS
    assert all(s.projected_completion is not None for s in statuses)
    warm = median_time(lambda: track_many(flow, projects, at=at, calendar=cal))

    full = median_time(lambda: track_many(flow, projects, at=at, calendar=cal, details=True))
    late = sum(len(s.late_steps) for s in statuses)
    steps = PROJECTS * STEPS
    with (
        open("/proc/loadavg", encoding="ascii") if Path("/proc/loadavg").exists() else nullcontext(None) as f
    ):
        load = f.read().split()[0] if f is not None else "?"
    print(f"approvals: {PROJECTS:,} projects x {STEPS} steps tracked and projected (target <= 1 s)")
    print(f"  (machine load average {load}; wall = elapsed, cpu = this process's CPU time)")
    for name, (w, c) in (
        ("cold (fresh projects)", cold),
        ("warm (same projects again)", warm),
        ("warm, details=True (every record/finding)", full),
    ):
        print(f"  {name:<44} wall {w:6.3f} s  cpu {c:6.3f} s  ({c / steps * 1e6:.2f} us cpu per step)")
    print(f"  numpy column-wise projection: {'yes' if _bulk.np is not None else 'no (pure Python)'}")
    print(f"  late steps found: {late:,}; projects with a suspended step (DeadlineClock): {PROJECTS // 20:,}")
    print(f"  ratio to target, cold cpu: {cold[1] / 1.0:.2f}; warm cpu: {warm[1] / 1.0:.2f}")


if __name__ == "__main__":
    main()
