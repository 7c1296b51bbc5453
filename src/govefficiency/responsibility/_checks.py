"""The checks of a responsibility graph: small pure functions returning findings.

Each check reads the graph's build-time index and returns a list of
:class:`~govefficiency.findings.Finding`; :func:`check` runs the tuple :data:`CHECKS`
and returns the findings sorted (errors first). Nothing here raises for a defect in
the record: a defect is a finding.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from govefficiency._validators import check_iterable
from govefficiency.errors import InvalidTypeError
from govefficiency.findings import Finding, sort_findings
from govefficiency.responsibility import _codes as codes
from govefficiency.responsibility._graph import ResponsibilityGraph

__all__ = ["CHECKS", "Check", "check"]

#: A check: a pure function from a graph to the findings it raises.
Check = Callable[[ResponsibilityGraph], list[Finding]]


def _cycle(ids: Iterable[str]) -> str:
    ids = tuple(ids)
    return " → ".join((*ids, ids[0]))


def _list(ids: Iterable[str]) -> str:
    return ", ".join(ids)


def _unknown_unit(owner: str, field: str, unit: str) -> Finding:
    """``UNKNOWN_UNIT``: ``owner``'s ``field`` names a unit that does not exist."""
    return codes.UNKNOWN_UNIT(owner, unit, owner=owner, field=field, unit=unit)


def _unknown_leader(owner: str, field: str, leader: str) -> Finding:
    """``UNKNOWN_LEADER``: ``owner``'s ``field`` names a leader who does not exist."""
    return codes.UNKNOWN_LEADER(owner, leader, owner=owner, field=field, leader=leader)


def check_heads(graph: ResponsibilityGraph) -> list[Finding]:
    """``NO_HEAD``, ``MULTIPLE_HEADS``: the government has exactly one head (市长负责制)."""
    heads = graph._ix.heads
    if not heads:
        return [codes.NO_HEAD()]
    if len(heads) > 1:
        return [codes.MULTIPLE_HEADS(*heads, count=len(heads), heads=_list(heads))]
    return []


def check_leaders(graph: ResponsibilityGraph) -> list[Finding]:
    """``DEPUTY_WITHOUT_SUPERIOR``, ``UNKNOWN_LEADER``, ``SUPERVISION_CYCLE``, and
    ``UNKNOWN_UNIT`` for a portfolio naming a unit that does not exist."""
    ix = graph._ix
    out: list[Finding] = []
    for leader in graph.leaders:
        if leader.reports_to is None:
            if not leader.is_head:
                out.append(codes.DEPUTY_WITHOUT_SUPERIOR(leader.id, leader=leader.id))
        elif leader.reports_to not in ix.leader:
            out.append(_unknown_leader(leader.id, "reports_to", leader.reports_to))
        for unit_id in sorted(leader.supervises):
            if unit_id not in ix.unit:
                out.append(_unknown_unit(leader.id, "supervises", unit_id))
    out.extend(codes.SUPERVISION_CYCLE(*cycle, cycle=_cycle(cycle)) for cycle in ix.leader_cycles)
    return out


def check_supervision_office(graph: ResponsibilityGraph) -> list[Finding]:
    """``NO_SUPERVISION_OFFICE``: reminder letters are copied to the supervision office."""
    return [codes.NO_SUPERVISION_OFFICE()] if graph.supervision_office is None else []


def check_units(graph: ResponsibilityGraph) -> list[Finding]:
    """``UNKNOWN_UNIT`` (parents, officers' units), ``UNIT_PARENT_CYCLE``,
    ``UNIT_WITHOUT_SUPERVISOR`` and ``UNIT_MULTIPLE_SUPERVISORS``."""
    ix = graph._ix
    out: list[Finding] = []
    for unit in graph.units:
        parent_known = unit.parent is not None and unit.parent in ix.unit
        if unit.parent is not None and not parent_known:
            out.append(_unknown_unit(unit.id, "parent", unit.parent))
        supervisors = ix.supervisors.get(unit.id, ())
        if len(supervisors) > 1:
            out.append(
                codes.UNIT_MULTIPLE_SUPERVISORS(
                    unit.id, *supervisors, unit=unit.id, leaders=_list(supervisors)
                )
            )
        elif not supervisors and not parent_known:
            out.append(codes.UNIT_WITHOUT_SUPERVISOR(unit.id, unit=unit.id))
    out.extend(codes.UNIT_PARENT_CYCLE(*cycle, cycle=_cycle(cycle)) for cycle in ix.unit_cycles)
    for officer in graph.officers:
        if officer.unit not in ix.unit:
            out.append(_unknown_unit(officer.id, "unit", officer.unit))
    return out


def check_duties(graph: ResponsibilityGraph) -> list[Finding]:
    """``DUTY_OVERLAP`` (职责交叉), and ``UNKNOWN_UNIT`` for a duty of an unknown unit.

    A unit and its own internal office listing the same duty is decomposition, not
    overlap; two units neither of which contains the other is an overlap.
    """
    ix = graph._ix
    out: list[Finding] = []
    by_key: dict[str, list[str]] = {}
    for duty in graph.duties:
        if duty.unit not in ix.unit:
            out.append(
                codes.UNKNOWN_UNIT(duty.unit, owner=f"duty {duty.key!r}", field="unit", unit=duty.unit)
            )
            continue
        by_key.setdefault(duty.key, []).append(duty.unit)
    for key, units in by_key.items():
        if len(units) < 2:
            continue
        involved = [
            a
            for a in units
            if any(b != a and b not in ix.unit_line[a] and a not in ix.unit_line[b] for b in units)
        ]
        if involved:
            out.append(codes.DUTY_OVERLAP(*involved, key, duty=key, units=_list(involved)))
    return out


def check_task_units(graph: ResponsibilityGraph) -> list[Finding]:
    """``TASK_WITHOUT_LEAD``, ``TASK_MULTIPLE_LEADS``, ``LEAD_ALSO_ASSISTS`` and
    ``UNKNOWN_UNIT`` for a lead or assisting unit that does not exist."""
    units = graph._ix.unit
    out: list[Finding] = []
    for task in graph.tasks:
        leads = task.leads
        if not leads:
            out.append(codes.TASK_WITHOUT_LEAD(task.id, task=task.id))
        elif len(leads) > 1:
            out.append(
                codes.TASK_MULTIPLE_LEADS(task.id, *leads, task=task.id, count=len(leads), units=_list(leads))
            )
        for unit_id in leads:
            if unit_id not in units:
                out.append(_unknown_unit(task.id, "lead", unit_id))
        for unit_id in task.assists:
            if unit_id in leads:
                out.append(codes.LEAD_ALSO_ASSISTS(task.id, unit_id, task=task.id, unit=unit_id))
            if unit_id not in units:
                out.append(_unknown_unit(task.id, "assists", unit_id))
    return out


def check_task_leaders(graph: ResponsibilityGraph) -> list[Finding]:
    """``TASK_WITHOUT_LEADER``, ``UNKNOWN_LEADER`` and ``LEADER_NOT_IN_CHAIN``.

    The responsible leader should be on the lead unit's escalation chain: its
    supervising leader or someone that leader answers to.
    """
    ix = graph._ix
    out: list[Finding] = []
    for task in graph.tasks:
        leader = task.leader
        if leader is None:
            out.append(codes.TASK_WITHOUT_LEADER(task.id, task=task.id))
            continue
        if leader not in ix.leader:
            out.append(_unknown_leader(task.id, "leader", leader))
            continue
        lead = task.lead
        chain = None if lead is None else ix.chain.get(lead)
        if lead is not None and chain is not None and leader not in chain:
            out.append(
                codes.LEADER_NOT_IN_CHAIN(task.id, leader, lead, task=task.id, leader=leader, lead=lead)
            )
    return out


def check_task_officers(graph: ResponsibilityGraph) -> list[Finding]:
    """``DECOMPOSITION_GAP``, ``UNKNOWN_OFFICER`` and ``OFFICER_OUTSIDE_UNIT``.

    A task that has no sub-projects must name an officer ("纵向到底"); the officer
    works in the lead unit or one of its internal offices.
    """
    ix = graph._ix
    out: list[Finding] = []
    for task in graph.tasks:
        officer_id = task.officer
        if officer_id is None:
            if task.id not in ix.task_children:
                out.append(codes.DECOMPOSITION_GAP(task.id, task=task.id))
            continue
        officer = ix.officer.get(officer_id)
        if officer is None:
            out.append(codes.UNKNOWN_OFFICER(task.id, officer_id, task=task.id, officer=officer_id))
            continue
        lead = task.lead
        line = ix.unit_line.get(officer.unit)
        if lead is not None and lead in ix.unit and line is not None and lead not in line:
            out.append(
                codes.OFFICER_OUTSIDE_UNIT(
                    task.id,
                    officer_id,
                    officer.unit,
                    task=task.id,
                    officer=officer_id,
                    unit=officer.unit,
                    lead=lead,
                )
            )
    return out


def check_decomposition(graph: ResponsibilityGraph) -> list[Finding]:
    """``UNKNOWN_TASK``, ``TASK_PARENT_CYCLE`` and ``SUBTASK_OUTSIDE_PARENT``.

    A sub-project is led by the parent task's lead or one of its assisting units, or by
    an internal office of one of them.
    """
    ix = graph._ix
    out: list[Finding] = []
    for task in graph.tasks:
        parent_id = task.parent
        if parent_id is None:
            continue
        parent = ix.task.get(parent_id)
        if parent is None:
            out.append(codes.UNKNOWN_TASK(task.id, parent_id, task=task.id, parent=parent_id))
            continue
        if not parent.leads:
            continue  # the parent's own TASK_WITHOUT_LEAD says it all
        allowed = (*parent.leads, *parent.assists)
        for lead in task.leads:
            line = ix.unit_line.get(lead)
            if line is not None and not any(u in allowed for u in line):
                out.append(
                    codes.SUBTASK_OUTSIDE_PARENT(
                        task.id, lead, parent_id, task=task.id, lead=lead, parent=parent_id
                    )
                )
    out.extend(codes.TASK_PARENT_CYCLE(*cycle, cycle=_cycle(cycle)) for cycle in ix.task_cycles)
    return out


def check_deadlines(graph: ResponsibilityGraph) -> list[Finding]:
    """``TASK_WITHOUT_DEADLINE`` and ``SUBTASK_DUE_AFTER_PARENT`` (倒排工期)."""
    tasks = graph._ix.task
    out: list[Finding] = []
    for task in graph.tasks:
        due = task.due
        if due is None:
            out.append(codes.TASK_WITHOUT_DEADLINE(task.id, task=task.id))
            continue
        parent = None if task.parent is None else tasks.get(task.parent)
        if parent is not None and parent.due is not None and due > parent.due:
            out.append(
                codes.SUBTASK_DUE_AFTER_PARENT(
                    task.id,
                    parent.id,
                    task=task.id,
                    due=due.isoformat(),
                    parent=parent.id,
                    parent_due=parent.due.isoformat(),
                )
            )
    return out


#: The checks :func:`check` runs, in order. A tuple: copy it to run a different set.
CHECKS: tuple[Check, ...] = (
    check_heads,
    check_leaders,
    check_supervision_office,
    check_units,
    check_duties,
    check_task_units,
    check_task_leaders,
    check_task_officers,
    check_decomposition,
    check_deadlines,
)


def check(graph: ResponsibilityGraph, checks: Iterable[Check] = CHECKS) -> list[Finding]:
    """Every defect of the organisation and its key-task list, as sorted findings.

    Args:
        graph: the graph to check.
        checks: the checks to run (default: all of :data:`CHECKS`).

    Returns:
        The findings, errors first, then by code and subject; ``[]`` for a sound list.
    """
    if not isinstance(graph, ResponsibilityGraph):
        raise InvalidTypeError(
            f"check() needs a ResponsibilityGraph, not {type(graph).__name__}; load one with load_org()",
            f"check() 需要 ResponsibilityGraph，而不是 {type(graph).__name__}；可用 load_org() 读取",
        )
    findings: list[Finding] = []
    for one in check_iterable(checks, "checks"):
        if not callable(one):
            raise InvalidTypeError(
                f"checks must be functions graph -> list[Finding], got {type(one).__name__}",
                "checks 必须是 graph -> list[Finding] 的函数",
            )
        findings.extend(one(graph))
    return sort_findings(findings)
