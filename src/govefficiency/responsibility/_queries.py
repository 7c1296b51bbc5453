"""Questions asked of a responsibility graph: workload, reminder letters, coordinators,
escalation chains and the impact of a delay.

Every query is a few look-ups in the index built with the graph. A query raises
:class:`UnknownNodeError` for an id the graph does not contain, :class:`InvalidInputError`
for a question that does not make sense (a reminder letter to a unit that does not assist
the task), and :class:`OrgStructureError` when the organisation lacks what the answer needs
(no head, a unit without a supervising leader); ``check()`` reports the same defect as a
finding, whose code is in the error's ``code``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from govefficiency._validators import check_iterable
from govefficiency.citation import Citation
from govefficiency.errors import InvalidInputError, InvalidTypeError, OrgStructureError, UnknownNodeError
from govefficiency.responsibility._codes import COORDINATION, LEAD_ASSIST
from govefficiency.responsibility._graph import ResponsibilityGraph, require_graph
from govefficiency.responsibility._model import NodeKind
from govefficiency.text import Lang, Text, require_lang

__all__ = [
    "Coordination",
    "DelayImpact",
    "ReminderRouting",
    "Workload",
    "delay_impact",
    "dispute_coordinator",
    "escalation_chain",
    "route_reminder",
    "workload",
    "workloads",
]


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    return check_iterable(value, "ids")


def _unit_id(graph: ResponsibilityGraph, unit_id: object, what: str = "unit") -> str:
    if not isinstance(unit_id, str):
        raise InvalidTypeError(
            f"{what} must be a unit id (str), not {type(unit_id).__name__}",
            f"{what} 必须是单位 id（字符串），而不是 {type(unit_id).__name__}",
        )
    graph.unit(unit_id)  # UnknownNodeError if absent
    return unit_id


_FAULTS = {
    "UNIT_WITHOUT_SUPERVISOR": Text(
        "{node} 没有分管领导，也不隶属于有分管领导的单位",
        "{node} has no supervising leader and no parent unit that has one",
    ),
    "UNIT_MULTIPLE_SUPERVISORS": Text("{node} 有多名分管领导", "{node} is supervised by several leaders"),
    "DEPUTY_WITHOUT_SUPERIOR": Text("分管领导 {node} 没有上级", "deputy {node} reports to no one"),
    "UNKNOWN_LEADER": Text("{node} 的上级领导不存在", "{node} reports to a leader who does not exist"),
    "SUPERVISION_CYCLE": Text("{node} 处于领导隶属关系的环中", "{node} is on a cycle of reports_to links"),
    "UNIT_PARENT_CYCLE": Text("{node} 处于单位隶属关系的环中", "{node} is on a cycle of parent units"),
}


def _and(items: list[str]) -> str:
    """``a``, ``a and b``, ``a; b; and c`` (names may contain commas)."""
    if len(items) <= 2:
        return " and ".join(items)
    return "; ".join(items[:-1]) + "; and " + items[-1]


def _chain(graph: ResponsibilityGraph, node: str) -> tuple[str, ...]:
    """The complete escalation chain of a unit or leader, or OrgStructureError."""
    ix = graph._ix
    chain = ix.chain.get(node)
    if chain is not None:
        return chain
    code, culprit = ix.chain_fault[node]
    why = _FAULTS[code].format(node=culprit)
    raise OrgStructureError(
        f"{node} has no escalation route to the head: {why.en} ({code}; run check() to see every defect)",
        f"{node} 没有通往行政首长的升级路径：{why.zh}（{code}；可运行 check() 查看全部问题）",
        code=code,
    )


def _the_head(graph: ResponsibilityGraph) -> str:
    heads = graph._ix.heads
    if len(heads) == 1:
        return heads[0]
    if not heads:
        raise OrgStructureError(
            "the organisation has no head (role = head) to answer the question (NO_HEAD)",
            "组织中没有行政首长（role = head），无法回答（NO_HEAD）",
            code="NO_HEAD",
        )
    raise OrgStructureError(
        f"the organisation has {len(heads)} heads ({', '.join(heads)}); the answer needs one (MULTIPLE_HEADS)",
        f"组织中有 {len(heads)} 名行政首长（{', '.join(heads)}），无法确定由谁负责（MULTIPLE_HEADS）",
        code="MULTIPLE_HEADS",
    )


# --- workload --------------------------------------------------------------------------------


@attrs.frozen
class Workload:
    """How many tasks a unit leads (牵头) and assists (配合).

    Attributes:
        unit: the unit's id.
        led: the ids of the tasks it leads, in list order (sub-projects included).
        assisted: the ids of the tasks it assists, in list order.
    """

    unit: str
    led: tuple[str, ...] = attrs.field(converter=_ids)
    assisted: tuple[str, ...] = attrs.field(converter=_ids)

    @property
    def total(self) -> int:
        """Tasks led plus tasks assisted."""
        return len(self.led) + len(self.assisted)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {"unit": self.unit, "led": list(self.led), "assisted": list(self.assisted)}


def workload(graph: ResponsibilityGraph, unit: str) -> Workload:
    """The tasks one unit leads and assists."""
    graph = require_graph(graph, "workload")
    unit = _unit_id(graph, unit)
    ix = graph._ix
    return Workload(unit, ix.led.get(unit, ()), ix.assisted.get(unit, ()))


def workloads(graph: ResponsibilityGraph) -> tuple[Workload, ...]:
    """The workload of every unit, in the units' order (units without tasks included)."""
    graph = require_graph(graph, "workloads")
    ix = graph._ix
    return tuple(Workload(u.id, ix.led.get(u.id, ()), ix.assisted.get(u.id, ())) for u in graph.units)


class _Summarised:
    """An answer with a one-sentence ``text`` in both languages and the ``citation`` of
    the rule it follows (the subclass declares both as fields)."""

    text: Text
    citation: Citation

    def render(self, lang: Lang = "zh") -> str:
        """The summary in ``lang``."""
        return self.text.get(require_lang(lang))

    def _summary(self) -> dict[str, Any]:
        return {
            "text": {"zh": self.text.zh, "en": self.text.en},
            "citation": {"zh": self.citation.render("zh"), "en": self.citation.render("en")},
        }


# --- reminder letters --------------------------------------------------------------------------


@attrs.frozen
class ReminderRouting(_Summarised):
    """Where a reminder letter (提醒函) about a slow assisting unit goes (seed 003).

    The lead unit sends the letter to the slow assisting unit, reports it to that unit's
    supervising leader and to the head, and copies the supervision office.

    Attributes:
        task: the task's id.
        sender: the lead unit (牵头单位) that writes the letter.
        recipient: the slow assisting unit (配合单位).
        supervising_leader: the recipient's supervising leader (主管副市长) — the first
            leader on its escalation chain; the head when the head supervises it directly.
        head: the head of government (市长), the top of the recipient's chain.
        report_to: the leaders the letter is reported to (报): the supervising leader,
            then the head; one id when they are the same person.
        copy_to: the supervision office (抄送督查室).
        text: a one-sentence summary in Chinese and English.
        citation: the rule followed.
    """

    task: str
    sender: str
    recipient: str
    supervising_leader: str
    head: str
    report_to: tuple[str, ...] = attrs.field(converter=_ids)
    copy_to: tuple[str, ...] = attrs.field(converter=_ids)
    text: Text
    citation: Citation = LEAD_ASSIST

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (both languages)."""
        return {
            "task": self.task,
            "from": self.sender,
            "to": self.recipient,
            "supervising_leader": self.supervising_leader,
            "head": self.head,
            "report_to": list(self.report_to),
            "copy_to": list(self.copy_to),
            **self._summary(),
        }


def route_reminder(graph: ResponsibilityGraph, task: str, slow: str) -> ReminderRouting:
    """Route a reminder letter from a task's lead unit to a slow assisting unit.

    Args:
        graph: the organisation.
        task: the task's id.
        slow: the id of the assisting unit that is slow (行动迟缓的配合单位).

    Raises:
        UnknownNodeError: no such task or unit.
        InvalidInputError: ``slow`` does not assist ``task`` (only assisting units get
            reminder letters from the lead).
        OrgStructureError: the task has no single known lead unit, the slow unit has no
            escalation route, or there is no supervision office.
    """
    graph = require_graph(graph, "route_reminder")
    if not isinstance(task, str):
        raise InvalidTypeError(
            f"task must be a task id (str), not {type(task).__name__}",
            f"task 必须是任务 id（字符串），而不是 {type(task).__name__}",
        )
    record = graph.task(task)
    slow = _unit_id(graph, slow, "slow")
    if slow not in record.assists:
        assisting = ", ".join(record.assists) or "none"
        raise InvalidInputError(
            f"{slow} is not an assisting unit of task {task} (assisting: {assisting}); "
            "reminder letters go from the lead unit to an assisting unit",
            f"{slow} 不是任务 {task} 的配合单位（配合单位：{assisting}）；提醒函由牵头单位发给配合单位",
        )
    lead = record.lead
    if lead is None or lead not in graph._ix.unit:
        code = (
            "TASK_WITHOUT_LEAD"
            if not record.leads
            else "TASK_MULTIPLE_LEADS"
            if lead is None
            else "UNKNOWN_UNIT"
        )
        raise OrgStructureError(
            f"task {task} has no single known lead unit to send the letter ({code})",
            f"任务 {task} 没有唯一且存在的牵头单位来发送提醒函（{code}）",
            code=code,
        )
    if lead == slow:
        raise OrgStructureError(
            f"{slow} both leads and assists task {task}: it cannot remind itself (LEAD_ALSO_ASSISTS)",
            f"{slow} 既是任务 {task} 的牵头单位又是配合单位，不能给自己发提醒函（LEAD_ALSO_ASSISTS）",
            code="LEAD_ALSO_ASSISTS",
        )
    office = graph.supervision_office
    if office is None:
        raise OrgStructureError(
            "the organisation has no supervision office to copy the letter to (NO_SUPERVISION_OFFICE)",
            "组织中没有督查室，提醒函无处抄送（NO_SUPERVISION_OFFICE）",
            code="NO_SUPERVISION_OFFICE",
        )
    chain = _chain(graph, slow)
    ix = graph._ix
    leaders = ix.leader
    deputy = next(node for node in chain if node in leaders)
    head = chain[-1]
    report_to = (deputy,) if deputy == head else (deputy, head)
    units = ix.unit
    title = record.title
    sender, recipient = units[lead].name, units[slow].name
    to_zh = "、".join(leaders[x].name.zh for x in report_to)
    to_en = _and([leaders[x].name.en for x in report_to])
    text = Text(
        f"提醒函：{sender.zh}（牵头单位）致{recipient.zh}（配合单位），事由：「{title.zh}」推进迟缓；"
        f"报{to_zh}；抄送{office.name.zh}。",
        f"Reminder letter from {sender.en} (lead unit) to {recipient.en} (assisting unit) about "
        f"“{title.en}”; reported to {to_en}; copied to {office.name.en}.",
    )
    return ReminderRouting(task, lead, slow, deputy, head, report_to, (office.id,), text)


# --- dispute coordinator -------------------------------------------------------------------------


@attrs.frozen
class Coordination(_Summarised):
    """Who settles a disagreement between units (seed 002 item 7).

    Attributes:
        units: the units in dispute, as given (duplicates dropped).
        leader: the lowest leader who supervises them all — their lowest common
            ancestor in the supervision hierarchy, or the first leader above it; the head
            when the units answer to different deputies, or on ``fallback``.
        common_unit: when the units' lowest common ancestor is itself a unit (internal
            offices of one department, or a department and its own office), that unit:
            the dispute is settled inside it before any leader is asked; else ``None``.
        fallback: ``True`` when some unit has no escalation route, so the hierarchy
            gives no answer and the head arbitrates (市长负责制).
        text: a one-sentence summary in Chinese and English.
        citation: the rule followed.
    """

    units: tuple[str, ...] = attrs.field(converter=_ids)
    leader: str
    common_unit: str | None
    fallback: bool
    text: Text
    citation: Citation = COORDINATION

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (both languages)."""
        return {
            "units": list(self.units),
            "leader": self.leader,
            "common_unit": self.common_unit,
            "fallback": self.fallback,
            **self._summary(),
        }


def dispute_coordinator(graph: ResponsibilityGraph, units: Iterable[str]) -> Coordination:
    """The lowest leader who supervises all ``units`` (falling back to the head).

    Departments that disagree go to their common supervising leader before the
    government is asked: the lowest common ancestor of the units in the supervision
    hierarchy (unit → parent unit → supervising leader → … → head), or the first leader
    above it when that ancestor is a unit.

    Raises:
        InvalidInputError: no units given.
        UnknownNodeError: an id that is not a unit of the graph.
        OrgStructureError: the answer needs the head and there is not exactly one.
    """
    graph = require_graph(graph, "dispute_coordinator")
    if isinstance(units, str) or not isinstance(units, Iterable):
        raise InvalidTypeError(
            "units must be a sequence of unit ids, e.g. ['transport', 'finance']",
            "units 必须是单位 id 序列，例如 ['transport', 'finance']",
        )
    given = tuple(dict.fromkeys(_unit_id(graph, u) for u in units))
    if not given:
        raise InvalidInputError(
            "dispute_coordinator() needs at least one unit",
            "dispute_coordinator() 至少需要一个单位",
        )
    ix = graph._ix
    chains = [ix.chain.get(u) for u in given]
    names = [ix.unit[u].name for u in given]
    parties_zh, parties_en = "、".join(n.zh for n in names), _and([n.en for n in names])
    common: str | None = None
    complete = [c for c in chains if c is not None]
    if len(complete) == len(chains):
        others = [set(c) for c in complete[1:]]
        common = next((node for node in complete[0] if all(node in s for s in others)), None)
        if common is None:
            _the_head(graph)  # raises MULTIPLE_HEADS: the chains end at different heads
    if common is None:
        head = _the_head(graph)
        name = ix.leader[head].name
        return Coordination(
            given,
            head,
            None,
            True,
            Text(
                f"{parties_zh}之间的分歧：隶属关系不完整，由{name.zh}协调。",
                f"Dispute between {parties_en}: the hierarchy is incomplete, so {name.en} coordinates.",
            ),
        )
    chain = complete[0]
    leader = next(node for node in chain[chain.index(common) :] if ix.kinds[node] is NodeKind.LEADER)
    name = ix.leader[leader].name
    common_unit = common if common in ix.unit else None
    if common_unit is not None:
        inside = ix.unit[common_unit].name
        text = Text(
            f"{parties_zh}之间的分歧：先由{inside.zh}内部协调，仍不一致的报{name.zh}协调。",
            f"Dispute between {parties_en}: settled first inside {inside.en}, then by {name.en}.",
        )
    else:
        text = Text(
            f"{parties_zh}之间的分歧：报{name.zh}协调。",
            f"Dispute between {parties_en}: {name.en} coordinates.",
        )
    return Coordination(given, leader, common_unit, False, text)


# --- escalation chain ------------------------------------------------------------------------------


def escalation_chain(graph: ResponsibilityGraph, node: str) -> tuple[str, ...]:
    """The ids a matter passes through from a unit (or leader) up to the head.

    For a unit: the unit, its parent units up to the first one with a supervising
    leader, that leader, the leaders above it, and the head last, e.g.
    ``("planning-section", "transport", "deputy-li", "mayor")``.

    Raises:
        UnknownNodeError: ``node`` is not a unit or leader of the graph.
        OrgStructureError: the chain is broken (no supervisor, a cycle, several
            supervisors, a deputy answering to no one).
    """
    graph = require_graph(graph, "escalation_chain")
    if not isinstance(node, str):
        raise InvalidTypeError(
            f"node must be a unit or leader id (str), not {type(node).__name__}",
            f"node 必须是单位或领导 id（字符串），而不是 {type(node).__name__}",
        )
    kind = graph._ix.kinds.get(node)
    if kind is not NodeKind.UNIT and kind is not NodeKind.LEADER:
        raise UnknownNodeError(
            f"no unit or leader with id {node!r} in this graph",
            f"图中没有 id 为 {node!r} 的单位或领导",
        )
    return _chain(graph, node)


# --- delay impact -----------------------------------------------------------------------------------


@attrs.frozen
class DelayImpact:
    """What a late unit holds up.

    Attributes:
        unit: the late unit.
        tasks: the tasks it leads or assists, in list order.
        ancestors: the tasks above those (parent, grandparent, …) that cannot be
            completed while they are late, in list order, excluding ``tasks``.
        earliest_due: the earliest time node among all of them, or ``None`` when none
            has a due date.
    """

    unit: str
    tasks: tuple[str, ...] = attrs.field(converter=_ids)
    ancestors: tuple[str, ...] = attrs.field(converter=_ids)
    earliest_due: dt.date | None

    @property
    def blocked(self) -> tuple[str, ...]:
        """Every task held up: ``tasks`` then ``ancestors``."""
        return self.tasks + self.ancestors

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "unit": self.unit,
            "tasks": list(self.tasks),
            "ancestors": list(self.ancestors),
            "earliest_due": None if self.earliest_due is None else self.earliest_due.isoformat(),
        }


def delay_impact(graph: ResponsibilityGraph, unit: str) -> DelayImpact:
    """Every task, and every ancestor task, that a late unit blocks."""
    graph = require_graph(graph, "delay_impact")
    unit = _unit_id(graph, unit)
    ix = graph._ix
    pos = ix.task_pos
    direct = set(ix.led.get(unit, ()))
    direct.update(ix.assisted.get(unit, ()))
    # Walk up from every directly blocked task; ``seen`` stops at shared ancestors and cycles.
    seen = set(direct)
    above: set[str] = set()
    frontier = [ix.task[t].parent for t in direct]
    while frontier:
        parent = frontier.pop()
        if parent is None or parent in seen or parent not in ix.task:
            continue
        seen.add(parent)
        above.add(parent)
        frontier.append(ix.task[parent].parent)
    dues = [d for d in (ix.task[t].due for t in (*direct, *above)) if d is not None]
    return DelayImpact(
        unit,
        sorted(direct, key=pos.__getitem__),
        sorted(above, key=pos.__getitem__),
        min(dues) if dues else None,
    )
