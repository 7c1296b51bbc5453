"""Role resolution: who sends an action, to whom (送), reported to whom (报) and copied to
whom (抄送), through the responsibility graph when one is given."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from govefficiency.citation import Citation
from govefficiency.errors import GovEfficiencyError, OrgStructureError, UnknownNodeError
from govefficiency.escalation._actions import Recipient
from govefficiency.escalation._cases import Case, CaseParties
from govefficiency.escalation._fast import Letter
from govefficiency.escalation._policy import FALLBACK_ROLES, Level, Role
from govefficiency.responsibility import ResponsibilityGraph, UnitKind, escalation_chain, resolve_unit
from govefficiency.text import Text

__all__: list[str] = []


class Resolver:
    """Resolves policy roles for a case, through the responsibility graph when given."""

    def __init__(self, graph: ResponsibilityGraph | None, fallback: Role, citation: Citation | None) -> None:
        self.graph = graph
        self.fallback = fallback
        self.citation = citation
        self.leaders = frozenset() if graph is None else frozenset(leader.id for leader in graph.leaders)
        self.government_offices: tuple[str, ...] = (
            () if graph is None else tuple(u.id for u in graph.units if u.kind is UnitKind.GENERAL_OFFICE)
        )
        #: with a graph, the ids of its units: a unit role naming another id is unresolved
        self.unit_ids: frozenset[str] | None = None if graph is None else frozenset(u.id for u in graph.units)
        self._unknown: dict[int, tuple[CaseParties, tuple[Text, ...]]] = {}
        self._recipients: dict[tuple[Role, str], Recipient] = {}
        self._addresses: dict[tuple[str, CaseParties], Letter] = {}
        self._chains: dict[str, tuple[str, ...]] = {}
        self._by_identity: dict[int, tuple[CaseParties, CaseParties, list[Any]]] = {}

    def parties(self, case: Case) -> CaseParties:
        """The case's parties, completed from its task in the graph."""
        return self.parties_of(case.parties)

    def parties_of(self, parties: CaseParties) -> CaseParties:
        graph = self.graph
        if graph is None or parties.task is None:
            return parties
        try:
            task = graph.task(parties.task)
        except UnknownNodeError:
            return parties
        return CaseParties(
            task=task.id,
            lead_unit=parties.lead_unit or task.lead,
            assisting_units=parties.assisting_units or task.assists,
            slow_units=parties.slow_units,
            officer=parties.officer or task.officer,
        )

    def slots(self, parties: CaseParties, levels: int) -> tuple[CaseParties, list[Any]]:
        """The completed parties and one slot per level (filled by the caller)
        for the parties object ``parties`` — memoized by identity, since many cases share
        one parties object; the entry keeps ``parties`` alive, so its id is never reused."""
        entry = self._by_identity.get(id(parties))
        if entry is None or entry[0] is not parties:
            entry = self._by_identity[id(parties)] = (parties, self.parties_of(parties), [None] * levels)
        return entry[1], entry[2]

    def name(self, node: str) -> Text:
        if self.graph is not None:
            try:
                return self.graph.name_of(node)
            except UnknownNodeError:
                pass
        return Text(node, node)

    def chain(self, unit: str) -> tuple[str, ...]:
        if self.graph is None:
            return ()
        chain = self._chains.get(unit)
        if chain is None:
            try:
                chain = escalation_chain(self.graph, unit)
            except (UnknownNodeError, OrgStructureError):
                chain = ()
            self._chains[unit] = chain
        return chain

    def letter(self, level: Level, parties: CaseParties) -> Letter:
        """What an action of ``level`` for ``parties`` says besides its key, reason, title
        and dates — sender, addressees, report and copy lists, unresolved roles — as a
        :data:`~govefficiency.escalation._fast.Letter`; ``()`` when nobody can be
        addressed (memoized: many cases share their parties)."""
        memo_key = (level.id, parties)
        found = self._addresses.get(memo_key)
        if found is None:
            focus = parties.late_units if Role.ASSISTING_UNIT in level.recipients else (parties.lead_unit,)
            units = [u for u in focus if u]
            to, missing = self.resolve(level.recipients, parties, units)
            fallback = False
            if not to:
                for role in (self.fallback, *(r for r in FALLBACK_ROLES if r is not self.fallback)):
                    to, _ = self.resolve((role,), parties, units)
                    if to:
                        fallback = True
                        break
            sender: Recipient | None = None
            if level.sender is not None:
                senders, missing_sender = self.resolve((level.sender,), parties, (parties.lead_unit or "",))
                sender = senders[0] if senders else None
                missing += missing_sender
            report, missing_report = self.resolve(level.report_to, parties, units)
            cc, missing_cc = self.resolve(level.copy_to, parties, units)
            addressed = {r.id for r in to}
            report = [r for r in report if r.id not in addressed]
            addressed.update(r.id for r in report)
            found = ()
            if to:
                found = (
                    level.action,
                    level.title,
                    sender,
                    tuple(to),
                    tuple(report),
                    tuple(r for r in cc if r.id not in addressed),
                    tuple(dict.fromkeys(missing + missing_report + missing_cc)),
                    fallback,
                    self.citation,
                    level.accountable,
                    tuple(units),
                )
            self._addresses[memo_key] = found
        return found

    def resolve(
        self, roles: Sequence[Role], parties: CaseParties, focus: Sequence[str]
    ) -> tuple[list[Recipient], list[Role]]:
        found: list[Recipient] = []
        missing: list[Role] = []
        seen: set[str] = set()

        unit_ids = self.unit_ids

        def add(role: Role, ids: Iterable[str | None], units: bool = False) -> None:
            got = False
            for node in ids:
                if node and (not units or unit_ids is None or node in unit_ids):
                    got = True
                    if node not in seen:
                        seen.add(node)
                        recipient = self._recipients.get((role, node))
                        if recipient is None:
                            recipient = self._recipients[role, node] = Recipient(role, node, self.name(node))
                        found.append(recipient)
            if not got:
                missing.append(role)

        for role in roles:
            if role is Role.LEAD_UNIT:
                add(role, [parties.lead_unit], True)
            elif role is Role.ASSISTING_UNIT:
                add(role, parties.late_units, True)
            elif role is Role.OFFICER:
                add(role, [parties.officer])
            elif role is Role.SUPERVISING_LEADER:
                add(role, [self._supervisor(unit) for unit in focus if unit])
            elif role is Role.MAYOR:
                add(role, [self._head(unit) for unit in focus if unit])
            elif role is Role.SUPERVISION_OFFICE:
                office = None if self.graph is None else self.graph.supervision_office
                add(role, [None if office is None else office.id])
            elif role is Role.GOVERNMENT_OFFICE:
                add(role, self.government_offices[:1])
        return found, missing

    def unknown_units(self, parties: CaseParties) -> tuple[Text, ...]:
        """Why each unit the (completed) ``parties`` name is not a unit of the graph:
        one text per unknown unit, listing the closest names (memoized)."""
        entry = self._unknown.get(id(parties))  # by identity: many cases share one parties object
        if entry is not None and entry[0] is parties:
            return entry[1]
        graph, unit_ids = self.graph, self.unit_ids
        texts: list[Text] = []
        if graph is not None and unit_ids is not None:
            for unit in dict.fromkeys((parties.lead_unit, *parties.assisting_units, *parties.slow_units)):
                if unit and unit not in unit_ids:
                    try:
                        resolve_unit(graph, unit)
                    except GovEfficiencyError as exc:
                        texts.append(Text(exc.zh or exc.en, exc.en))
                    else:  # a name or alias of a unit, not its id
                        texts.append(
                            Text(
                                f"{unit!r} 是组织架构中单位的名称或别名而非 id",
                                f"{unit!r} names a unit of the org chart but is not its id",
                            )
                        )
        found = tuple(texts)
        self._unknown[id(parties)] = (parties, found)  # the entry keeps parties alive
        return found

    def _supervisor(self, unit: str) -> str | None:
        """The first leader on the unit's escalation chain (its supervising leader)."""
        return next((node for node in self.chain(unit) if node in self.leaders), None)

    def _head(self, unit: str) -> str | None:
        chain = self.chain(unit)
        return chain[-1] if chain else None
