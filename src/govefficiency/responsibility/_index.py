"""The index of a responsibility graph, built once when the graph is built.

Everything checks and queries need is precomputed here as plain dictionaries (who
supervises each unit, the escalation chain of every unit and leader, the tasks each unit
leads and assists, the decomposition tree), so that each query is a few look-ups.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import TYPE_CHECKING

from govefficiency.errors import InvalidInputError
from govefficiency.responsibility._model import Leader, LeaderRole, NodeKind, Officer, Task, Unit

if TYPE_CHECKING:
    from govefficiency.responsibility._graph import ResponsibilityGraph

__all__ = ["functional_cycles"]

# Fault codes recorded in the index for a broken escalation chain; the same codes are
# declared as findings in _codes.py.
_WITHOUT_SUPERVISOR = "UNIT_WITHOUT_SUPERVISOR"
_MULTIPLE_SUPERVISORS = "UNIT_MULTIPLE_SUPERVISORS"
_DEPUTY_WITHOUT_SUPERIOR = "DEPUTY_WITHOUT_SUPERIOR"
_UNKNOWN_LEADER = "UNKNOWN_LEADER"
_SUPERVISION_CYCLE = "SUPERVISION_CYCLE"
_UNIT_PARENT_CYCLE = "UNIT_PARENT_CYCLE"


def functional_cycles(parent: dict[str, str]) -> list[tuple[str, ...]]:
    """The cycles of a graph where each node has at most one parent, each listed once.

    Each cycle starts at its smallest id and follows parent links; the list is sorted.
    Runs in linear time (every node is visited once).
    """
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[tuple[str, ...]] = []
    for start in parent:
        if start in state:
            continue
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = parent.get(node)
        if node is not None and state[node] == 1:
            cycle = path[path.index(node) :]
            i = cycle.index(min(cycle))
            cycles.append(tuple(cycle[i:] + cycle[:i]))
        for visited in path:
            state[visited] = 2
    cycles.sort()
    return cycles


class _Lines(Mapping[str, tuple[str, ...]]):
    """``node -> (node, parent, grandparent, …)`` for the nodes in ``keys``, following
    ``up`` links; built on first access and cached, so that a deep hierarchy costs
    nothing until a line is asked for (a line stops before it would repeat a node)."""

    __slots__ = ("_cache", "_keys", "_up")

    def __init__(self, up: Mapping[str, str], keys: Collection[str]) -> None:
        self._up = up
        self._keys = keys
        self._cache: dict[str, tuple[str, ...]] = {}

    def __getitem__(self, node: str) -> tuple[str, ...]:
        line = self._cache.get(node)
        if line is None:
            if node not in self._keys:
                raise KeyError(node)
            seen = {node}
            walk = [node]
            nxt = self._up.get(node)
            while nxt is not None and nxt not in seen:
                seen.add(nxt)
                walk.append(nxt)
                nxt = self._up.get(nxt)
            line = self._cache[node] = tuple(walk)
        return line

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class _Index:
    """Everything precomputed at build time (private; read by checks and queries)."""

    __slots__ = (
        "_complete",
        "assisted",
        "chain",
        "chain_fault",
        "heads",
        "kinds",
        "leader",
        "leader_cycles",
        "led",
        "officer",
        "supervisors",
        "task",
        "task_children",
        "task_cycles",
        "task_pos",
        "unit",
        "unit_cycles",
        "unit_line",
    )

    def __init__(self, graph: ResponsibilityGraph) -> None:
        self._records(graph)
        self._hierarchy(graph)
        self._tasks(graph)

    def _records(self, graph: ResponsibilityGraph) -> None:
        """Each record by id; an id used twice or a duty listed twice is an error."""
        kinds: dict[str, NodeKind] = {}
        where: dict[str, str] = {}

        def claim(node_id: str, kind: NodeKind, label: str) -> None:
            if node_id in kinds:
                raise InvalidInputError(
                    f"id {node_id!r} is used twice ({where[node_id]} and {label}): "
                    "units, leaders, officers, tasks and the supervision office share one namespace",
                    f"id {node_id!r} 重复使用（{where[node_id]} 与 {label}）："
                    "单位、领导、责任人、任务和督查室的 id 必须互不相同",
                )
            kinds[node_id] = kind
            where[node_id] = label

        self.unit: dict[str, Unit] = {}
        for u in graph.units:
            claim(u.id, NodeKind.UNIT, "a unit")
            self.unit[u.id] = u
        self.leader: dict[str, Leader] = {}
        for leader in graph.leaders:
            claim(leader.id, NodeKind.LEADER, "a leader")
            self.leader[leader.id] = leader
        if graph.supervision_office is not None:
            claim(graph.supervision_office.id, NodeKind.SUPERVISION_OFFICE, "the supervision office")
        self.officer: dict[str, Officer] = {}
        for o in graph.officers:
            claim(o.id, NodeKind.OFFICER, "an officer")
            self.officer[o.id] = o
        self.task: dict[str, Task] = {}
        self.task_pos: dict[str, int] = {}
        for pos, t in enumerate(graph.tasks):
            claim(t.id, NodeKind.TASK, "a task")
            self.task[t.id] = t
            self.task_pos[t.id] = pos
        seen_duties: set[tuple[str, str]] = set()
        for d in graph.duties:
            if (d.unit, d.key) in seen_duties:
                raise InvalidInputError(
                    f"unit {d.unit!r} lists the duty {d.key!r} twice: list each duty once",
                    f"单位 {d.unit!r} 重复列出职责 {d.key!r}：每项职责只列一次",
                )
            seen_duties.add((d.unit, d.key))
        self.kinds = kinds

    def _hierarchy(self, graph: ResponsibilityGraph) -> None:
        """The supervision hierarchy and the unit tree, with each chain's fault."""
        units, leaders = self.unit, self.leader

        # Who supervises each unit (分管), in the leaders' order.
        supervisors: dict[str, list[str]] = {}
        for leader in graph.leaders:
            for unit_id in leader.supervises:
                if unit_id in units:
                    supervisors.setdefault(unit_id, []).append(leader.id)
        self.supervisors: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in supervisors.items()}
        self.heads: tuple[str, ...] = tuple(x.id for x in graph.leaders if x.role is LeaderRole.HEAD)

        # The unit tree (parent links between known units).
        unit_parent = {u.id: u.parent for u in graph.units if u.parent is not None and u.parent in units}
        self.unit_cycles = functional_cycles(unit_parent)
        self.unit_line: Mapping[str, tuple[str, ...]] = _Lines(unit_parent, units)

        # The supervision hierarchy: unit -> its supervisor (or its parent unit when it has
        # no supervisor of its own) -> ... -> the head.
        leader_up = {
            x.id: x.reports_to for x in graph.leaders if x.reports_to is not None and x.reports_to in leaders
        }
        self.leader_cycles = functional_cycles(leader_up)
        up: dict[str, str] = dict(leader_up)
        for unit_id in units:
            direct = self.supervisors.get(unit_id, ())
            if len(direct) == 1:
                up[unit_id] = direct[0]
            elif not direct and unit_id in unit_parent:
                up[unit_id] = unit_parent[unit_id]
        self._complete: set[str] = set()
        self.chain: Mapping[str, tuple[str, ...]] = _Lines(up, self._complete)
        self.chain_fault: dict[str, tuple[str, str]] = {}
        # A cycle of the hierarchy is either leaders reporting in a circle or units that
        # are each other's parents with no supervisor to break the circle.
        in_cycle = {
            n: _SUPERVISION_CYCLE if n in leaders else _UNIT_PARENT_CYCLE
            for c in functional_cycles(up)
            for n in c
        }
        for start in (*leaders, *units):
            self._resolve(start, up, in_cycle)

    def _tasks(self, graph: ResponsibilityGraph) -> None:
        """Who leads and assists what, and the decomposition tree."""
        tasks = self.task
        self.led: dict[str, list[str]] = {}
        self.assisted: dict[str, list[str]] = {}
        self.task_children: dict[str, list[str]] = {}
        task_parent: dict[str, str] = {}
        led, assisted, children = self.led, self.assisted, self.task_children
        for t in graph.tasks:
            for unit_id in t.leads:
                if unit_id in led:
                    led[unit_id].append(t.id)
                else:
                    led[unit_id] = [t.id]
            for unit_id in t.assists:
                if unit_id in assisted:
                    assisted[unit_id].append(t.id)
                else:
                    assisted[unit_id] = [t.id]
            up_task = t.parent
            if up_task is not None and up_task in tasks:
                task_parent[t.id] = up_task
                if up_task in children:
                    children[up_task].append(t.id)
                else:
                    children[up_task] = [t.id]
        self.task_cycles = functional_cycles(task_parent)

    def _resolve(self, start: str, up: dict[str, str], in_cycle: dict[str, str]) -> None:
        """Mark ``start``'s chain complete (it ends at a head) or record its ``chain_fault``.

        Each node is walked once: a path stops at the first node already decided, so the
        whole hierarchy is resolved in linear time; the chains themselves are built only
        when asked for (:class:`_Lines`)."""
        complete, fault = self._complete, self.chain_fault
        path: list[str] = []
        node: str | None = start
        problem: tuple[str, str] | None = None
        while node is not None:
            if node in complete:
                break
            if node in fault:
                problem = fault[node]
                break
            if node in in_cycle:
                path.append(node)
                problem = (in_cycle[node], node)
                break
            path.append(node)
            nxt = up.get(node)
            if nxt is None:
                problem = self._top_problem(node)
                break
            node = nxt
        if problem is None:
            complete.update(path)
        else:
            for n in path:
                fault[n] = problem

    def _top_problem(self, node: str) -> tuple[str, str] | None:
        """Why the chain stops at ``node`` (a node without a superior); None for a head."""
        leader = self.leader.get(node)
        if leader is not None:
            if leader.role is LeaderRole.HEAD:
                return None
            if leader.reports_to is None:
                return (_DEPUTY_WITHOUT_SUPERIOR, node)
            return (_UNKNOWN_LEADER, node)
        if len(self.supervisors.get(node, ())) > 1:
            return (_MULTIPLE_SUPERVISORS, node)
        return (_WITHOUT_SUPERVISOR, node)
