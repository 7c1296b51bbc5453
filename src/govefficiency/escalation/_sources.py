"""Cases from the library's other records: ledger time nodes and decision plan steps.

Both become :class:`DatedCase` values, so the engine treats them like any case:

* :func:`ledger_cases` — one case per checklist item: its next time node (时间节点) not
  yet reached by the share reported by then; an item reported 100% complete is a
  completed case;
* :func:`plan_cases` — one case per step of a major-decision plan that has a latest
  lawful date.
"""

from __future__ import annotations

import datetime as dt

from govefficiency._deprecation import at_by_keyword
from govefficiency._time import check_zone, local_date, require_aware
from govefficiency._validators import check_text
from govefficiency.decisions import DecisionPlan
from govefficiency.errors import AmbiguousNameError, InvalidInputError, InvalidTypeError, UnknownNodeError
from govefficiency.escalation._cases import CaseParties, DatedCase
from govefficiency.escalation._fast import dated_case
from govefficiency.ledger import ItemView, Ledger
from govefficiency.responsibility import ResponsibilityGraph, resolve_unit
from govefficiency.text import Text

__all__ = ["ledger_cases", "plan_cases"]


@at_by_keyword(1)
def ledger_cases(
    ledger: Ledger, *, at: dt.datetime, graph: ResponsibilityGraph | None = None
) -> tuple[DatedCase, ...]:
    """The items of ``ledger`` open at ``at``, each as a case due at its next time node.

    The node is the first (by date) whose expected share exceeds the share last reported
    by ``at``; the case's parties are the item's lead unit, assisting units and officer,
    and its start is the previous node's date (or the day the item was opened), for
    share-elapsed triggers.

    With an org chart ``graph``, the units the ledger names as people write them
    (市教育局) are resolved to unit ids through the chart's names and aliases; an unknown
    or ambiguous name is kept as written: the engine then reports that item's unit roles
    as unresolved, with an ``UNKNOWN_UNIT`` notice listing the candidates, while the
    other items are escalated (one item's name never stops the batch).
    """
    if not isinstance(ledger, Ledger):
        raise InvalidTypeError(f"expected a Ledger, not {type(ledger).__name__}", "需要 Ledger")
    at = require_aware(at, "at")
    if graph is not None and not isinstance(graph, ResponsibilityGraph):
        raise InvalidTypeError("graph must be a ResponsibilityGraph", "graph 必须是 ResponsibilityGraph")
    names: dict[str, str] = {}

    def unit(name: str) -> str:
        if graph is None:
            return name
        found = names.get(name)
        if found is None:
            try:
                found = resolve_unit(graph, name)
            except (UnknownNodeError, AmbiguousNameError):
                found = name  # not a unit of the chart: unresolved, reported by the engine
            names[name] = found
        return found

    # The ledger's records are validated: ids, titles and dates are built into cases by the
    # trusted constructor (govefficiency.escalation._fast), each shared value built once.
    zone = check_zone(ledger.zone)
    parties_of: dict[tuple[str, tuple[str, ...], str], CaseParties] = {}
    titles: dict[str, Text] = {}
    opened_days: dict[dt.datetime, dt.date] = {}
    cases = []
    for state in ledger.views(at=at):
        item = state.item
        who = (item.lead_unit, item.assisting_units, item.officer)
        parties = parties_of.get(who)
        if parties is None:
            parties = parties_of[who] = CaseParties(
                lead_unit=unit(item.lead_unit),
                assisting_units=tuple(unit(u) for u in item.assisting_units),
                officer=item.officer,
            )
        title = titles.get(item.title)
        if title is None:
            title = titles[item.title] = Text(item.title, item.title)
        opened = opened_days.get(state.opened_at)
        if opened is None:
            opened = opened_days[state.opened_at] = local_date(state.opened_at, zone)
        cases.append(_case(state, title, parties, opened, zone))
    return tuple(cases)


def _case(state: ItemView, title: Text, parties: CaseParties, opened: dt.date, zone: str) -> DatedCase:
    """The case of one item's state: due at its next time node not yet reached by the
    share reported, or completed."""
    item = state.item
    share = state.share
    start = opened
    for node in item.schedule:
        if node.share > share:
            return dated_case(item.id, title, node.date, parties, min(start, node.date), None, zone)
        start = max(start, node.date)
    latest = state.latest
    done = latest.value.date if latest is not None else start
    return dated_case(item.id, title, item.deadline, parties, None, done, zone)


def plan_cases(
    plan: DecisionPlan, *, decision_id: str, parties: CaseParties | None = None
) -> tuple[DatedCase, ...]:
    """The steps of a decision plan that have a latest lawful date, as cases with ids
    ``"<decision_id>:<step>"`` (``":2"``, ``":3"``… appended when a step has several
    dated items) — e.g. hearing materials due before a fixed hearing."""
    if not isinstance(plan, DecisionPlan):
        raise InvalidTypeError(f"expected a DecisionPlan, not {type(plan).__name__}", "需要 DecisionPlan")
    if not isinstance(decision_id, str) or not decision_id:
        raise InvalidInputError("decision_id must be a non-empty string", "decision_id 必须是非空字符串")
    check_text(decision_id, "decision_id")  # no NUL, not only invisible characters
    who = parties if parties is not None else CaseParties()
    cases = []
    seen: dict[str, int] = {}
    for item in plan.items:
        if item.latest is None:
            continue
        n = seen[item.step] = seen.get(item.step, 0) + 1
        case_id = f"{decision_id}:{item.step}" + ("" if n == 1 else f":{n}")
        start = item.earliest if item.earliest is not None and item.earliest <= item.latest else None
        cases.append(DatedCase(case_id, item.action, item.latest, who, start=start))
    return tuple(cases)
