"""Benchmark: a city-size responsibility graph (issue 4).

A synthetic city with 2,000 units (1,600 departments and townships, 400 internal
offices), 50 leaders (a mayor and 49 deputies), a supervision office, 2,000 officers and
50,000 tasks (10,000 key tasks, each decomposed into 4 sub-projects). Targets on the
reference machine: build + check <= 1 s; 10,000 reminder-letter routings <= 0.5 s.

For comparison, the same records are loaded into a plain networkx ``MultiDiGraph`` (what
``to_networkx()`` returns), which is why the graph indexes with dictionaries instead.

Run: ``.venv/bin/python benchmarks/responsibility.py``
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from _common import best_of

from govefficiency.responsibility import (
    Duty,
    Leader,
    LeaderRole,
    Officer,
    ResponsibilityGraph,
    SupervisionOffice,
    Task,
    Unit,
    UnitKind,
    check,
    delay_impact,
    dispute_coordinator,
    route_reminder,
)
from govefficiency.text import Text

N_TOP_UNITS = 1_600
N_OFFICES = 400
N_DEPUTIES = 49
N_KEY_TASKS = 10_000
SUBTASKS_PER_TASK = 4
N_QUERIES = 10_000


def make_records(seed: int = 2026) -> dict[str, Any]:
    """The records of a sound synthetic city (no findings)."""
    rng = random.Random(seed)
    top = [f"u{i:04d}" for i in range(N_TOP_UNITS)]
    offices = [f"s{i:03d}" for i in range(N_OFFICES)]
    office_parent = {s: rng.choice(top) for s in offices}
    deputies = [f"d{i:02d}" for i in range(N_DEPUTIES)]
    portfolio: dict[str, set[str]] = {d: set() for d in ["mayor", *deputies]}
    supervisor: dict[str, str] = {}
    for i, unit in enumerate(top):
        leader = "mayor" if i % 100 == 0 else deputies[i % N_DEPUTIES]
        portfolio[leader].add(unit)
        supervisor[unit] = leader
    for s in offices:
        supervisor[s] = supervisor[office_parent[s]]
    units = [Unit(u, Text(f"单位{u}", f"Unit {u}"), UnitKind.DEPARTMENT) for u in top]
    units += [
        Unit(s, Text(f"科室{s}", f"Office {s}"), UnitKind.INTERNAL_OFFICE, parent=office_parent[s])
        for s in offices
    ]
    leaders = [Leader("mayor", Text("市长", "Mayor"), LeaderRole.HEAD, supervises=portfolio["mayor"])]
    leaders += [
        Leader(d, Text(f"副市长{d}", f"Deputy {d}"), supervises=portfolio[d], reports_to="mayor")
        for d in deputies
    ]
    every_unit = top + offices
    officers = [Officer(f"o-{u}", u, Text(f"责任人{u}", f"Officer {u}")) for u in every_unit]
    duties = [Duty(u, f"duty-{u}") for u in every_unit]
    tasks: list[Task] = []
    start = dt.date(2026, 1, 31)
    for i in range(N_KEY_TASKS):
        lead = rng.choice(every_unit)
        assists = tuple(u for u in rng.sample(top, 3) if u != lead)
        due = start + dt.timedelta(days=rng.randrange(330))
        key = f"t{i:05d}"
        tasks.append(
            Task(
                key,
                Text(f"重点工作{i}", f"Key task {i}"),
                (lead,),
                assists,
                supervisor[lead],
                None,
                None,
                due,
            )
        )
        for j in range(SUBTASKS_PER_TASK):
            sub_lead = rng.choice((lead, *assists))
            sub_assists = (lead,) if sub_lead != lead else ()
            tasks.append(
                Task(
                    f"{key}-{j}",
                    Text(f"项目{i}-{j}", f"Project {i}-{j}"),
                    (sub_lead,),
                    sub_assists,
                    supervisor[sub_lead],
                    f"o-{sub_lead}",
                    key,
                    due - dt.timedelta(days=j),
                )
            )
    return {
        "units": units,
        "leaders": leaders,
        "tasks": tasks,
        "officers": officers,
        "duties": duties,
        "supervision_office": SupervisionOffice("duchashi", Text("市政府督查室", "Supervision Office")),
        "name": Text("基准市", "Benchmark City"),
    }


def main() -> None:
    t_records, records = best_of(1, make_records)
    print(
        f"city: {len(records['units']):,} units, {len(records['leaders'])} leaders, "
        f"{len(records['officers']):,} officers, {len(records['tasks']):,} tasks"
    )
    print(f"generating the records (incl. validation)   {t_records:8.3f} s   (not part of the target)")

    t_build, graph = best_of(3, lambda: ResponsibilityGraph(**records))
    t_check, findings = best_of(3, lambda: check(graph))
    total = t_build + t_check
    verdict = "ok" if total <= 1.0 else "OVER TARGET"
    print(f"build the graph                              {t_build:8.3f} s")
    print(f"check (10 checks, {len(findings)} findings)               {t_check:8.3f} s")
    print(f"build + check                                {total:8.3f} s   target <= 1.0 s: {verdict}")
    print(f"records + build + check, from scratch        {t_records + total:8.3f} s")

    rng = random.Random(7)
    pairs = []
    with_assists = [t for t in graph.tasks if t.assists]
    for _ in range(N_QUERIES):
        task = rng.choice(with_assists)
        pairs.append((task.id, rng.choice(task.assists)))

    def route_all() -> int:
        for task_id, slow in pairs:
            route_reminder(graph, task_id, slow)
        return len(pairs)

    t_route, _ = best_of(3, route_all)
    verdict = "ok" if t_route <= 0.5 else "OVER TARGET"
    print(
        f"{N_QUERIES:,} reminder-letter routings                {t_route:8.3f} s   target <= 0.5 s: {verdict}"
    )

    units = [u.id for u in graph.units]
    disputes = [rng.sample(units, 3) for _ in range(N_QUERIES)]
    t_coord, _ = best_of(3, lambda: [dispute_coordinator(graph, d) for d in disputes])
    print(f"{N_QUERIES:,} dispute coordinators (3 units each)     {t_coord:8.3f} s")

    late = rng.sample(units, 1_000)
    t_delay, _ = best_of(3, lambda: [delay_impact(graph, u) for u in late])
    print(f"1,000 delay impacts                          {t_delay:8.3f} s")

    t_nx, nxg = best_of(1, graph.to_networkx)
    print(
        f"for comparison: to_networkx() MultiDiGraph   {t_nx:8.3f} s   "
        f"({nxg.number_of_nodes():,} nodes, {nxg.number_of_edges():,} edges; "
        f"{t_nx / t_build:.1f}x the build)"
    )


if __name__ == "__main__":
    main()
