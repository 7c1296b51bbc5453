"""The responsibility graph: an immutable snapshot of an organisation and its key tasks.

The graph is built once from its records and indexes everything that checks and
queries need (who supervises each unit, the escalation chain of every unit and leader,
the tasks each unit leads and assists, the decomposition tree), so that each query is a
few dictionary look-ups. The index is plain dictionaries: on this library's reference
machine, loading 50,000 tasks into a networkx ``MultiDiGraph`` alone takes seconds, while
the whole build and check must stay under one. :meth:`ResponsibilityGraph.to_networkx`
builds the typed networkx graph on request (a fresh copy each time), and GraphML/DOT
exports are drawn from it.

Ids of units, leaders, officers, tasks and the supervision office share one namespace,
so that every id in a finding's ``subject`` names exactly one node.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

from govefficiency._records import sequence
from govefficiency.errors import InvalidInputError, InvalidTypeError, UnknownNodeError
from govefficiency.responsibility._index import _Index
from govefficiency.responsibility._model import (
    Duty,
    Leader,
    NodeKind,
    Officer,
    SupervisionOffice,
    Task,
    Unit,
)
from govefficiency.text import Text

__all__ = ["ResponsibilityGraph"]

R = TypeVar("R")


def _records(value: object, cls: type[Any], what: str) -> tuple[Any, ...]:
    items = sequence(
        value,
        f"{what} must be an iterable of {cls.__name__} records, not {{kind}}",
        f"{what} 必须是 {cls.__name__} 记录的序列，而不是 {{kind}}",
    )
    for item in items:
        if type(item) is not cls:
            raise InvalidTypeError(
                f"{what} must contain only {cls.__name__} records, found {type(item).__name__}",
                f"{what} 只能包含 {cls.__name__} 记录，发现 {type(item).__name__}",
            )
    return items


class ResponsibilityGraph:
    """An organisation and its key tasks, indexed for checks and queries (immutable).

    Build it from records (or load it with :func:`load_org`); check it with
    :func:`check`; ask it with :func:`route_reminder`, :func:`dispute_coordinator`,
    :func:`escalation_chain`, :func:`delay_impact` and :func:`workload`.

    Construction raises only for records that cannot be indexed: a record of the wrong
    type (:class:`InvalidTypeError`), an id used twice or a duty listed twice by the same
    unit (:class:`InvalidInputError`). Everything else — unknown ids, cycles, missing
    leads — is reported by :func:`check`.

    Args:
        units: the units (departments, townships, internal offices).
        leaders: the head and the deputies.
        tasks: the key tasks and their sub-projects, in the list's order.
        officers: the named officers.
        duties: the responsibility-list entries.
        supervision_office: the supervision office (督查室), or ``None``.
        name: the organisation's name, or ``None``.

    The graph compares equal to another built from equal records, is hashable, and
    pickles as its records (the index is rebuilt on unpickling).
    """

    __slots__ = ("_duties", "_ix", "_leaders", "_name", "_office", "_officers", "_tasks", "_units")

    def __init__(
        self,
        *,
        units: Iterable[Unit] = (),
        leaders: Iterable[Leader] = (),
        tasks: Iterable[Task] = (),
        officers: Iterable[Officer] = (),
        duties: Iterable[Duty] = (),
        supervision_office: SupervisionOffice | None = None,
        name: Text | None = None,
    ) -> None:
        self._units: tuple[Unit, ...] = _records(units, Unit, "units")
        self._leaders: tuple[Leader, ...] = _records(leaders, Leader, "leaders")
        self._tasks: tuple[Task, ...] = _records(tasks, Task, "tasks")
        self._officers: tuple[Officer, ...] = _records(officers, Officer, "officers")
        self._duties: tuple[Duty, ...] = _records(duties, Duty, "duties")
        if supervision_office is not None and type(supervision_office) is not SupervisionOffice:
            raise InvalidTypeError(
                f"supervision_office must be a SupervisionOffice or None, not {type(supervision_office).__name__}",
                "supervision_office 必须是 SupervisionOffice 或 None",
            )
        if name is not None and not isinstance(name, Text):
            raise InvalidTypeError(
                f"name must be a Text(zh, en) or None, not {type(name).__name__}",
                "name 必须是 Text(zh, en) 或 None",
            )
        self._office = supervision_office
        self._name = name
        self._ix = _Index(self)

    # -- records ------------------------------------------------------------------------------

    @property
    def name(self) -> Text | None:
        """The organisation's name, or ``None``."""
        return self._name

    @property
    def units(self) -> tuple[Unit, ...]:
        """The units, in the order given."""
        return self._units

    @property
    def leaders(self) -> tuple[Leader, ...]:
        """The leaders, in the order given."""
        return self._leaders

    @property
    def tasks(self) -> tuple[Task, ...]:
        """The tasks, in the order given."""
        return self._tasks

    @property
    def officers(self) -> tuple[Officer, ...]:
        """The officers, in the order given."""
        return self._officers

    @property
    def duties(self) -> tuple[Duty, ...]:
        """The responsibility-list entries, in the order given."""
        return self._duties

    @property
    def supervision_office(self) -> SupervisionOffice | None:
        """The supervision office (督查室), or ``None``."""
        return self._office

    def _args(self) -> dict[str, Any]:
        """The constructor's arguments that give this graph (also its pickled state)."""
        return {
            "units": self._units,
            "leaders": self._leaders,
            "tasks": self._tasks,
            "officers": self._officers,
            "duties": self._duties,
            "supervision_office": self._office,
            "name": self._name,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ResponsibilityGraph:
        """The graph of a mapping in the org-chart file format (the reverse of
        :meth:`to_dict`); errors as :func:`load_org`'s."""
        if not isinstance(data, Mapping):
            raise InvalidTypeError(
                f"an org chart is a mapping, not {type(data).__name__}",
                f"组织架构必须是映射，而不是 {type(data).__name__}",
            )
        from govefficiency.responsibility._io import load_org

        return load_org(data)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready org-chart file of this graph (read back by :meth:`from_dict` or
        :func:`load_org`): dates are ISO strings; keys with default values are left out."""
        from govefficiency.responsibility._io import ORG_CHART

        dumped: dict[str, Any] = ORG_CHART.dump(self)
        return dumped

    def replace(self, **changes: Any) -> ResponsibilityGraph:
        """A new graph with some of the constructor's arguments replaced."""
        args = self._args()
        unknown = sorted(set(changes) - set(args))
        if unknown:
            raise InvalidInputError(
                f"ResponsibilityGraph.replace() got unknown argument(s) {', '.join(unknown)}; "
                f"use {', '.join(args)}",
                f"ResponsibilityGraph.replace() 的参数 {', '.join(unknown)} 无效；可用：{', '.join(args)}",
            )
        args.update(changes)
        return ResponsibilityGraph(**args)

    # -- look-ups -----------------------------------------------------------------------------

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._ix.kinds

    def kind(self, node_id: str) -> NodeKind:
        """The kind of the node ``node_id``; :class:`UnknownNodeError` if there is none."""
        kind = self._ix.kinds.get(node_id) if isinstance(node_id, str) else None
        if kind is None:
            raise _unknown(node_id, "node", "节点")
        return kind

    def unit(self, unit_id: str) -> Unit:
        """The unit ``unit_id``; :class:`UnknownNodeError` if there is none."""
        return _find(self._ix.unit, unit_id, "unit", "单位")

    def leader(self, leader_id: str) -> Leader:
        """The leader ``leader_id``; :class:`UnknownNodeError` if there is none."""
        return _find(self._ix.leader, leader_id, "leader", "领导")

    def officer(self, officer_id: str) -> Officer:
        """The officer ``officer_id``; :class:`UnknownNodeError` if there is none."""
        return _find(self._ix.officer, officer_id, "officer", "责任人")

    def task(self, task_id: str) -> Task:
        """The task ``task_id``; :class:`UnknownNodeError` if there is none."""
        return _find(self._ix.task, task_id, "task", "任务")

    def name_of(self, node_id: str) -> Text:
        """The display name of a node (a task's title); the id itself for an unknown id."""
        ix = self._ix
        kind = ix.kinds.get(node_id)
        if kind is NodeKind.UNIT:
            return ix.unit[node_id].name
        if kind is NodeKind.LEADER:
            return ix.leader[node_id].name
        if kind is NodeKind.TASK:
            return ix.task[node_id].title
        if kind is NodeKind.OFFICER:
            return ix.officer[node_id].name
        if kind is NodeKind.SUPERVISION_OFFICE and self._office is not None:
            return self._office.name
        return Text(node_id, node_id)

    def subtasks(self, task_id: str) -> tuple[str, ...]:
        """The ids of the direct sub-projects of a task, in list order."""
        self.task(task_id)
        return tuple(self._ix.task_children.get(task_id, ()))

    def supervisors_of(self, unit_id: str) -> tuple[str, ...]:
        """The leaders whose portfolio (分管) names the unit directly, in leader order."""
        self.unit(unit_id)
        return self._ix.supervisors.get(unit_id, ())

    # -- networkx -----------------------------------------------------------------------------

    def to_networkx(self) -> Any:
        """A new ``networkx.MultiDiGraph`` of the organisation (yours to modify).

        Nodes are the ids, with attributes ``kind`` (a :class:`NodeKind` value),
        ``name_zh`` and ``name_en``, plus ``unit_kind`` for units, ``role`` for leaders,
        ``unit``/``post_*`` for officers, ``due`` (ISO date) for tasks and ``duties``
        (tuple of keys) for units. Edges have the key and attribute ``rel``:

        ``supervises`` leader → unit (分管), ``reports_to`` leader → leader,
        ``part_of`` unit → parent unit, ``works_in`` officer → unit,
        ``lead`` / ``assist`` task → unit (牵头/配合), ``leader`` task → leader,
        ``officer`` task → officer, ``subtask_of`` task → parent task.

        References to ids that are not nodes of the graph are left out (they are
        ``UNKNOWN_*`` findings of :func:`check`).
        """
        import networkx as nx  # imported here: it is slow to import and only needed for export

        g = nx.MultiDiGraph(name="" if self._name is None else self._name.zh)
        kinds = self._ix.kinds
        duties: dict[str, list[str]] = {}
        for d in self._duties:
            duties.setdefault(d.unit, []).append(d.key)
        for u in self._units:
            g.add_node(
                u.id,
                kind=NodeKind.UNIT.value,
                name_zh=u.name.zh,
                name_en=u.name.en,
                unit_kind=u.kind.value,
                duties=tuple(duties.get(u.id, ())),
            )
        for x in self._leaders:
            g.add_node(
                x.id, kind=NodeKind.LEADER.value, name_zh=x.name.zh, name_en=x.name.en, role=x.role.value
            )
        if self._office is not None:
            office = self._office
            g.add_node(
                office.id,
                kind=NodeKind.SUPERVISION_OFFICE.value,
                name_zh=office.name.zh,
                name_en=office.name.en,
            )
        for o in self._officers:
            attrs: dict[str, Any] = {"unit": o.unit}
            if o.post is not None:
                attrs.update(post_zh=o.post.zh, post_en=o.post.en)
            g.add_node(o.id, kind=NodeKind.OFFICER.value, name_zh=o.name.zh, name_en=o.name.en, **attrs)
        for t in self._tasks:
            extra: dict[str, Any] = {} if t.due is None else {"due": t.due.isoformat()}
            g.add_node(t.id, kind=NodeKind.TASK.value, name_zh=t.title.zh, name_en=t.title.en, **extra)
        for source, target, rel in self._edges():
            if target in kinds:
                g.add_edge(source, target, key=rel, rel=rel)
        return g

    def _edges(self) -> Iterator[tuple[str, str, str]]:
        for x in self._leaders:
            for unit_id in sorted(x.supervises):
                yield x.id, unit_id, "supervises"
            if x.reports_to is not None:
                yield x.id, x.reports_to, "reports_to"
        for u in self._units:
            if u.parent is not None:
                yield u.id, u.parent, "part_of"
        for o in self._officers:
            yield o.id, o.unit, "works_in"
        for t in self._tasks:
            for unit_id in t.leads:
                yield t.id, unit_id, "lead"
            for unit_id in t.assists:
                yield t.id, unit_id, "assist"
            if t.leader is not None:
                yield t.id, t.leader, "leader"
            if t.officer is not None:
                yield t.id, t.officer, "officer"
            if t.parent is not None:
                yield t.id, t.parent, "subtask_of"

    # -- value semantics ----------------------------------------------------------------------

    def _key(self) -> tuple[Any, ...]:
        return (
            self._name,
            self._units,
            self._leaders,
            self._office,
            self._officers,
            self._tasks,
            self._duties,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ResponsibilityGraph):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __getstate__(self) -> dict[str, Any]:
        return self._args()

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(**state)  # type: ignore[misc]

    def __repr__(self) -> str:
        name = "" if self._name is None else f" {self._name.zh!r}"
        return (
            f"<ResponsibilityGraph{name}: {len(self._units)} units, {len(self._leaders)} leaders, "
            f"{len(self._tasks)} tasks>"
        )


def _find(table: Mapping[str, R], node_id: object, en: str, zh: str) -> R:
    """The record ``node_id`` of ``table``; an :class:`UnknownNodeError` naming ``en``/``zh``."""
    found = table.get(node_id) if isinstance(node_id, str) else None
    if found is None:
        raise _unknown(node_id, en, zh)
    return found


def _unknown(node_id: object, en: str, zh: str) -> UnknownNodeError:
    return UnknownNodeError(
        f"no {en} with id {node_id!r} in this graph",
        f"图中没有 id 为 {node_id!r} 的{zh}",
    )


def require_graph(graph: object, what: str) -> ResponsibilityGraph:
    """``graph`` if it is a :class:`ResponsibilityGraph`; else an error naming ``what()``."""
    if not isinstance(graph, ResponsibilityGraph):
        raise InvalidTypeError(
            f"{what}() needs a ResponsibilityGraph, not {type(graph).__name__}",
            f"{what}() 需要 ResponsibilityGraph，而不是 {type(graph).__name__}",
        )
    return graph


def __getattr__(name: str) -> Any:
    """The names this module held before it was split (the index moved to ``_index``): an old
    ``from govefficiency.responsibility._graph import X`` keeps working."""
    from govefficiency.responsibility import _index

    for module in (_index,):
        if name in module.__all__:
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
