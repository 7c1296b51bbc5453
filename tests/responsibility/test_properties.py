"""Laws of the responsibility graph, checked on generated organisations (hypothesis).

* a generated sound organisation has no findings;
* each defect injected into it is found, naming the node it was injected at;
* the dispute coordinator agrees with networkx's lowest common ancestor;
* file and pickle round trips give back an equal graph.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable
from typing import Any

import attrs
import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency import responsibility
from govefficiency.text import Text

FIRST_DAY = dt.date(2026, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)


def _name(node_id: str) -> Text:
    return Text(f"名称-{node_id}", f"name {node_id}")


@st.composite
def sound_orgs(draw: st.DrawFn) -> responsibility.ResponsibilityGraph:
    """A sound organisation: a head, 2-4 deputies, 4-10 departments, some internal offices,
    an officer per unit, key tasks with sub-projects, and a duty per unit."""
    deputies = [f"d{i}" for i in range(draw(st.integers(2, 4)))]
    leaders = ["h", *deputies]
    departments = [f"u{i}" for i in range(draw(st.integers(4, 10)))]
    supervisor = {u: draw(st.sampled_from(leaders)) for u in departments}
    offices = {f"s{i}": draw(st.sampled_from(departments)) for i in range(draw(st.integers(0, 4)))}
    every_unit = departments + list(offices)

    def chain_leaders(unit: str) -> list[str]:
        top = offices.get(unit, unit)
        first = supervisor[top]
        return [first] if first == "h" else [first, "h"]

    tasks: list[responsibility.Task] = []
    for i in range(draw(st.integers(1, 6))):
        lead = draw(st.sampled_from(every_unit))
        assists = draw(
            st.lists(st.sampled_from([u for u in departments if u != lead]), max_size=2, unique=True)
        )
        due = draw(st.dates(FIRST_DAY, LAST_DAY))
        key = f"t{i}"
        n_sub = draw(st.integers(0, 2))
        officer = f"o-{lead}" if n_sub == 0 or draw(st.booleans()) else None
        tasks.append(
            responsibility.Task(
                key,
                _name(key),
                (lead,),
                tuple(assists),
                draw(st.sampled_from(chain_leaders(lead))),
                officer,
                None,
                due,
            )
        )
        for j in range(n_sub):
            sub_lead = draw(st.sampled_from([lead, *assists, *(s for s, p in offices.items() if p == lead)]))
            sub_key = f"{key}-{j}"
            tasks.append(
                responsibility.Task(
                    sub_key,
                    _name(sub_key),
                    (sub_lead,),
                    (),
                    draw(st.sampled_from(chain_leaders(sub_lead))),
                    f"o-{sub_lead}",
                    key,
                    draw(st.dates(FIRST_DAY, due)),
                )
            )
    return responsibility.ResponsibilityGraph(
        name=Text("生成的市", "Generated city"),
        supervision_office=responsibility.SupervisionOffice("dcs", _name("dcs")),
        leaders=[
            responsibility.Leader(
                x,
                _name(x),
                responsibility.LeaderRole.HEAD if x == "h" else responsibility.LeaderRole.DEPUTY,
                supervises={u for u, s in supervisor.items() if s == x},
                reports_to=None if x == "h" else "h",
            )
            for x in leaders
        ],
        units=[responsibility.Unit(u, _name(u)) for u in departments]
        + [
            responsibility.Unit(s, _name(s), responsibility.UnitKind.INTERNAL_OFFICE, parent=p)
            for s, p in offices.items()
        ],
        officers=[responsibility.Officer(f"o-{u}", u, _name(u)) for u in every_unit],
        tasks=tasks,
        # An internal office may share its department's duty (decomposition, not overlap);
        # two offices sharing one duty would be an overlap, so only the first one does.
        duties=[responsibility.Duty(u, f"duty-{u}") for u in every_unit]
        + [
            responsibility.Duty(s, f"duty-{p}")
            for p, s in {p: s for s, p in reversed(offices.items())}.items()
        ],
    )


def evolve(
    graph: responsibility.ResponsibilityGraph, kind: str, node_id: str, **changes: Any
) -> responsibility.ResponsibilityGraph:
    records = [attrs.evolve(r, **changes) if r.id == node_id else r for r in getattr(graph, kind)]
    return graph.replace(**{kind: records})


def _top_task(g: responsibility.ResponsibilityGraph) -> responsibility.Task:
    return g.tasks[0]


def _leaf(g: responsibility.ResponsibilityGraph) -> responsibility.Task:
    return next(t for t in g.tasks if not g.subtasks(t.id))


def _other_deputy(g: responsibility.ResponsibilityGraph, unit: str) -> str:
    chain = responsibility.escalation_chain(g, unit)
    return next(x.id for x in g.leaders if x.id not in chain)


def _outsider(g: responsibility.ResponsibilityGraph, task: responsibility.Task) -> str:
    """A department that neither leads nor assists ``task`` (generation leaves at least one)."""
    inside = set(task.leads) | set(task.assists)
    return next(u.id for u in g.units if u.parent is None and u.id not in inside)


def _sub(
    g: responsibility.ResponsibilityGraph, parent: responsibility.Task, lead: str, due: dt.date
) -> responsibility.ResponsibilityGraph:
    leader = responsibility.escalation_chain(g, lead)[-1]
    return g.replace(
        tasks=[
            *g.tasks,
            responsibility.Task("new", _name("new"), (lead,), (), leader, f"o-{lead}", parent.id, due),
        ]
    )


# code -> injection returning (graph, the id the finding must name or None)
Inject = Callable[
    [responsibility.ResponsibilityGraph], tuple[responsibility.ResponsibilityGraph, "str | None"]
]
INJECTIONS: dict[str, Inject] = {
    "NO_HEAD": lambda g: (evolve(g, "leaders", "h", role=responsibility.LeaderRole.DEPUTY), None),
    "MULTIPLE_HEADS": lambda g: (
        g.replace(
            leaders=[*g.leaders, responsibility.Leader("h2", _name("h2"), responsibility.LeaderRole.HEAD)]
        ),
        "h2",
    ),
    "DEPUTY_WITHOUT_SUPERIOR": lambda g: (evolve(g, "leaders", "d0", reports_to=None), "d0"),
    "UNKNOWN_LEADER": lambda g: (evolve(g, "tasks", _top_task(g).id, leader="ghost"), "ghost"),
    "SUPERVISION_CYCLE": lambda g: (evolve(g, "leaders", "d0", reports_to="d0"), "d0"),
    "NO_SUPERVISION_OFFICE": lambda g: (g.replace(supervision_office=None), None),
    "UNKNOWN_UNIT": lambda g: (
        evolve(g, "tasks", _top_task(g).id, assists=(*_top_task(g).assists, "ghost")),
        "ghost",
    ),
    "UNIT_PARENT_CYCLE": lambda g: (evolve(g, "units", "u0", parent="u0"), "u0"),
    "UNIT_WITHOUT_SUPERVISOR": lambda g: (
        g.replace(leaders=[attrs.evolve(x, supervises=x.supervises - {"u0"}) for x in g.leaders]),
        "u0",
    ),
    "UNIT_MULTIPLE_SUPERVISORS": lambda g: (
        g.replace(leaders=[attrs.evolve(x, supervises=x.supervises | {"u0"}) for x in g.leaders]),
        "u0",
    ),
    "DUTY_OVERLAP": lambda g: (g.replace(duties=[*g.duties, responsibility.Duty("u1", "duty-u0")]), "u1"),
    "UNKNOWN_OFFICER": lambda g: (evolve(g, "tasks", _leaf(g).id, officer="o-ghost"), "o-ghost"),
    "OFFICER_OUTSIDE_UNIT": lambda g: (
        evolve(g, "tasks", _top_task(g).id, officer=f"o-{_outsider(g, _top_task(g))}"),
        _top_task(g).id,
    ),
    "TASK_WITHOUT_LEAD": lambda g: (evolve(g, "tasks", _leaf(g).id, leads=()), _leaf(g).id),
    "TASK_MULTIPLE_LEADS": lambda g: (
        evolve(g, "tasks", _top_task(g).id, leads=(*_top_task(g).leads, _outsider(g, _top_task(g)))),
        _top_task(g).id,
    ),
    "LEAD_ALSO_ASSISTS": lambda g: (
        evolve(g, "tasks", _top_task(g).id, assists=(*_top_task(g).assists, *_top_task(g).leads)),
        _top_task(g).id,
    ),
    "TASK_WITHOUT_LEADER": lambda g: (evolve(g, "tasks", _leaf(g).id, leader=None), _leaf(g).id),
    "LEADER_NOT_IN_CHAIN": lambda g: (
        evolve(g, "tasks", _top_task(g).id, leader=_other_deputy(g, _top_task(g).leads[0])),
        _top_task(g).id,
    ),
    "TASK_WITHOUT_DEADLINE": lambda g: (evolve(g, "tasks", _leaf(g).id, due=None), _leaf(g).id),
    "UNKNOWN_TASK": lambda g: (evolve(g, "tasks", _top_task(g).id, parent="ghost"), "ghost"),
    "TASK_PARENT_CYCLE": lambda g: (
        evolve(g, "tasks", _top_task(g).id, parent=_top_task(g).id),
        _top_task(g).id,
    ),
    "DECOMPOSITION_GAP": lambda g: (evolve(g, "tasks", _leaf(g).id, officer=None), _leaf(g).id),
    "SUBTASK_OUTSIDE_PARENT": lambda g: (
        _sub(g, _top_task(g), _outsider(g, _top_task(g)), _top_task(g).due or LAST_DAY),
        "new",
    ),
    "SUBTASK_DUE_AFTER_PARENT": lambda g: (
        _sub(g, _top_task(g), _top_task(g).leads[0], (_top_task(g).due or LAST_DAY) + dt.timedelta(days=1)),
        "new",
    ),
}


def test_every_code_can_be_injected() -> None:
    """The injections cover every declared code."""
    assert set(INJECTIONS) == {c.code for c in responsibility.CODES}


@settings(deadline=None, max_examples=60)
@given(sound_orgs())
def test_sound_org_has_no_findings(graph: responsibility.ResponsibilityGraph) -> None:
    """A generated sound organisation passes every check."""
    assert responsibility.check(graph) == []


@pytest.mark.parametrize("code", sorted(INJECTIONS))
@settings(deadline=None, max_examples=20)
@given(graph=sound_orgs())
def test_injected_defect_is_found(graph: responsibility.ResponsibilityGraph, code: str) -> None:
    """Each injected defect is reported with its code, naming the node it was injected at."""
    broken, node = INJECTIONS[code](graph)
    found = [f for f in responsibility.check(broken) if f.code == code]
    assert found
    if node is not None:
        assert any(node in f.subject for f in found)


def _hierarchy(graph: responsibility.ResponsibilityGraph) -> nx.DiGraph:
    """The supervision hierarchy as a networkx tree, edges from superior to subordinate."""
    tree = nx.DiGraph()
    for x in graph.leaders:
        tree.add_node(x.id)
        if x.reports_to is not None:
            tree.add_edge(x.reports_to, x.id)
        for unit in x.supervises:
            tree.add_edge(x.id, unit)
    for u in graph.units:
        if u.parent is not None and not graph.supervisors_of(u.id):
            tree.add_edge(u.parent, u.id)
    return tree


@settings(deadline=None, max_examples=60)
@given(sound_orgs(), st.data())
def test_coordinator_is_the_lowest_common_ancestor(
    graph: responsibility.ResponsibilityGraph, data: st.DataObject
) -> None:
    """The coordinator is networkx's lowest common ancestor, or the first leader above it."""
    units = [u.id for u in graph.units]
    a, b = data.draw(st.sampled_from(units)), data.draw(st.sampled_from(units))
    tree = _hierarchy(graph)
    ancestor = nx.lowest_common_ancestor(tree, a, b)
    expected = ancestor
    while expected not in {x.id for x in graph.leaders}:
        expected = next(iter(tree.predecessors(expected)))
    answer = responsibility.dispute_coordinator(graph, [a, b])
    assert answer.leader == expected
    assert answer.common_unit == (ancestor if ancestor in units else None)


@settings(deadline=None, max_examples=60)
@given(sound_orgs())
def test_every_assisting_unit_can_be_reminded(graph: responsibility.ResponsibilityGraph) -> None:
    """In a sound organisation every (task, assisting unit) pair routes to its chain's leaders."""
    for task in graph.tasks:
        for unit in task.assists:
            letter = responsibility.route_reminder(graph, task.id, unit)
            chain = responsibility.escalation_chain(graph, unit)
            assert letter.report_to[0] in chain
            assert letter.report_to[-1] == chain[-1] == "h"


@settings(deadline=None, max_examples=40)
@given(sound_orgs(), st.sampled_from(["json", "toml"]))
def test_round_trips(graph: responsibility.ResponsibilityGraph, fmt: str) -> None:
    """Saving and loading, and pickling, give back an equal graph."""
    assert responsibility.loads_org(responsibility.dumps_org(graph, fmt=fmt), fmt=fmt) == graph
    assert pickle.loads(pickle.dumps(graph)) == graph
