"""check(): every finding code, worked by hand on the mini city."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from govefficiency.errors import InvalidTypeError
from govefficiency.findings import Finding, Severity
from govefficiency.responsibility import (
    CHECKS,
    CODES,
    Duty,
    Leader,
    LeaderRole,
    ResponsibilityGraph,
    Unit,
    check,
)
from govefficiency.text import Text

NAME = Text("名称", "name")


def evolve(graph: ResponsibilityGraph, kind: str, node_id: str, **changes: Any) -> ResponsibilityGraph:
    """The graph with one record of ``kind`` ("units", "leaders", "tasks", …) changed."""
    records = [attrs.evolve(r, **changes) if r.id == node_id else r for r in getattr(graph, kind)]
    return graph.replace(**{kind: records})


def codes(findings: list[Finding]) -> set[str]:
    return {f.code for f in findings}


def only(findings: list[Finding], code: str) -> Finding:
    """The single finding with ``code``."""
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, findings
    return matching[0]


class TestSoundCity:
    def test_no_findings(self, city: ResponsibilityGraph) -> None:
        """The mini city is sound: a unit and its own internal office sharing a duty is no overlap,
        and a parent task without an officer is fine because its sub-projects name theirs."""
        assert check(city) == []

    def test_head_may_lead_a_task_of_any_unit(self, city: ResponsibilityGraph) -> None:
        """The head is on every chain, so a task of Zhang's unit may name the mayor as its leader."""
        assert check(evolve(city, "tasks", "road", leader="mayor")) == []

    def test_officer_of_an_internal_office_of_the_lead(self, city: ResponsibilityGraph) -> None:
        """The planning section's officer may be named on a task led by the transport bureau."""
        assert check(evolve(city, "tasks", "road", officer="o-plan")) == []


def edit(kind: str, node_id: str, **changes: Any) -> Callable[[ResponsibilityGraph], ResponsibilityGraph]:
    """A defect: one record of the graph changed (see :func:`evolve`)."""
    return lambda g: evolve(g, kind, node_id, **changes)


# Each defect, injected into the mini city, and the subject of the finding it must produce:
# exactly its own code (and those of ALSO). The reasoning for each is in the comment beside it.
DEFECTS: dict[str, tuple[Callable[[ResponsibilityGraph], ResponsibilityGraph], tuple[str, ...]]] = {
    # The mayor demoted to a deputy: no head at all, and that "deputy" answers to no one.
    "NO_HEAD": (edit("leaders", "mayor", role=LeaderRole.DEPUTY), ()),
    # A second head: 市长负责制 allows one.
    "MULTIPLE_HEADS": (
        lambda g: g.replace(leaders=[*g.leaders, Leader("governor", NAME, LeaderRole.HEAD)]),
        ("mayor", "governor"),
    ),
    # Li answers to no one: fgw and finance matters cannot reach the mayor.
    "DEPUTY_WITHOUT_SUPERIOR": (edit("leaders", "li", reports_to=None), ("li",)),
    # The road task names a leader who is not in the chart.
    "UNKNOWN_LEADER": (edit("tasks", "road", leader="deputy-wu"), ("road", "deputy-wu")),
    # Li and Zhang answer to each other: neither chain reaches the mayor. Tasks whose lead's
    # chain is broken are not also flagged LEADER_NOT_IN_CHAIN.
    "SUPERVISION_CYCLE": (
        lambda g: evolve(evolve(g, "leaders", "li", reports_to="zhang"), "leaders", "zhang", reports_to="li"),
        ("li", "zhang"),
    ),
    "NO_SUPERVISION_OFFICE": (lambda g: g.replace(supervision_office=None), ()),
    # An assisting unit that does not exist.
    "UNKNOWN_UNIT": (edit("tasks", "road", assists=("nrp", "finance", "ghost")), ("road", "ghost")),
    # Two new units that are each other's parent and have no supervisor.
    "UNIT_PARENT_CYCLE": (
        lambda g: g.replace(units=[*g.units, Unit("b", NAME, parent="a"), Unit("a", NAME, parent="b")]),
        ("a", "b"),
    ),
    # Li drops finance from his portfolio: finance has neither a supervisor nor a parent.
    "UNIT_WITHOUT_SUPERVISOR": (edit("leaders", "li", supervises={"fgw"}), ("finance",)),
    # Li also lists nrp, which Zhang supervises: who gets nrp's reminder letters?
    "UNIT_MULTIPLE_SUPERVISORS": (
        edit("leaders", "li", supervises={"fgw", "finance", "nrp"}),
        ("nrp", "li", "zhang"),
    ),
    # fgw lists the budget duty that finance already lists; neither contains the other.
    "DUTY_OVERLAP": (
        lambda g: g.replace(duties=[*g.duties, Duty("fgw", "budget")]),
        ("finance", "fgw", "budget"),
    ),
    "UNKNOWN_OFFICER": (edit("tasks", "road-land", officer="o-ghost"), ("road-land", "o-ghost")),
    # The land task (lead nrp) names an officer of the development and reform commission.
    "OFFICER_OUTSIDE_UNIT": (edit("tasks", "road-land", officer="o-fgw"), ("road-land", "o-fgw", "fgw")),
    "TASK_WITHOUT_LEAD": (edit("tasks", "audit-projects", leads=()), ("audit-projects",)),
    # Audit and finance both "lead": one must lead and the other assist.
    "TASK_MULTIPLE_LEADS": (
        edit("tasks", "audit-projects", leads=("audit", "finance"), assists=("fgw",)),
        ("audit-projects", "audit", "finance"),
    ),
    "LEAD_ALSO_ASSISTS": (
        edit("tasks", "audit-projects", assists=("finance", "fgw", "audit")),
        ("audit-projects", "audit"),
    ),
    "TASK_WITHOUT_LEADER": (edit("tasks", "road-design", leader=None), ("road-design",)),
    # nrp's chain is nrp → zhang → mayor; Li is not on it.
    "LEADER_NOT_IN_CHAIN": (edit("tasks", "road-land", leader="li"), ("road-land", "li", "nrp")),
    "TASK_WITHOUT_DEADLINE": (edit("tasks", "audit-projects", due=None), ("audit-projects",)),
    "UNKNOWN_TASK": (edit("tasks", "audit-projects", parent="ghost"), ("audit-projects", "ghost")),
    # A task that is its own parent (a cycle of one).
    "TASK_PARENT_CYCLE": (edit("tasks", "audit-projects", parent="audit-projects"), ("audit-projects",)),
    # The design project names no officer and is not decomposed further: no one is on the hook.
    "DECOMPOSITION_GAP": (edit("tasks", "road-design", officer=None), ("road-design",)),
    # The design project handed to fgw, which is neither lead nor assistant of the road task.
    "SUBTASK_OUTSIDE_PARENT": (
        edit("tasks", "road-design", leads=("fgw",), officer="o-fgw", leader="li"),
        ("road-design", "fgw", "road"),
    ),
    # The land must be acquired by 2027-01-15, after the whole road is due (2026-12-31).
    "SUBTASK_DUE_AFTER_PARENT": (edit("tasks", "road-land", due=dt.date(2027, 1, 15)), ("road-land", "road")),
}
#: The codes an injected defect produces besides its own.
ALSO = {"NO_HEAD": {"DEPUTY_WITHOUT_SUPERIOR"}}


class TestEveryCode:
    def test_every_declared_code_has_a_worked_case(self) -> None:
        """The table above covers exactly the codes in CODES."""
        assert set(DEFECTS) == {c.code for c in CODES}

    @pytest.mark.parametrize("code", sorted(DEFECTS))
    def test_injected_defect_is_found_exactly(self, city: ResponsibilityGraph, code: str) -> None:
        """Each injected defect produces its code (and only the findings worked out by hand)."""
        inject, subject = DEFECTS[code]
        findings = check(inject(city))
        assert codes(findings) == {code, *ALSO.get(code, ())}
        assert only(findings, code).subject == subject

    @pytest.mark.parametrize("code", sorted(DEFECTS))
    def test_findings_are_bilingual_and_cited(self, city: ResponsibilityGraph, code: str) -> None:
        """Every finding names its ids in both languages and cites a seed document."""
        inject, subject = DEFECTS[code]
        finding = only(check(inject(city)), code)
        for node in subject:
            assert node in finding.message.en
            assert node in finding.message.zh
        assert finding.citation is not None
        assert "政府" in finding.citation.render("zh")

    def test_codes_are_unique_and_documented(self) -> None:
        """Codes are declared once, each with a title and severity."""
        names = [c.code for c in CODES]
        assert len(names) == len(set(names))
        assert all(c.title.zh and c.title.en for c in CODES)


class TestHandWorked:
    def test_unknown_unit_in_a_portfolio(self, city: ResponsibilityGraph) -> None:
        """A deputy whose portfolio names a missing unit: the subject is deputy then unit."""
        findings = check(evolve(city, "leaders", "li", supervises={"fgw", "finance", "ghost"}))
        assert only(findings, "UNKNOWN_UNIT").subject == ("li", "ghost")

    def test_unknown_parent_unit_breaks_escalation(self, city: ResponsibilityGraph) -> None:
        """An office whose parent is missing has no escalation route either."""
        findings = check(evolve(city, "units", "transport-planning", parent="ghost"))
        assert only(findings, "UNKNOWN_UNIT").subject == ("transport-planning", "ghost")
        assert only(findings, "UNIT_WITHOUT_SUPERVISOR").subject == ("transport-planning",)

    def test_unknown_reports_to(self, city: ResponsibilityGraph) -> None:
        """A deputy reporting to a missing leader is UNKNOWN_LEADER, not DEPUTY_WITHOUT_SUPERIOR."""
        findings = check(evolve(city, "leaders", "zhang", reports_to="governor"))
        assert codes(findings) == {"UNKNOWN_LEADER"}
        assert only(findings, "UNKNOWN_LEADER").subject == ("zhang", "governor")

    def test_unknown_officer_unit_and_duty_unit(self, city: ResponsibilityGraph) -> None:
        """Officers and duties of missing units are UNKNOWN_UNIT."""
        graph = city.replace(
            officers=[*city.officers, attrs.evolve(city.officer("o-nrp"), id="o-x", unit="ghost")],
            duties=[*city.duties, Duty("phantom", "budget")],
        )
        subjects = {f.subject for f in check(graph) if f.code == "UNKNOWN_UNIT"}
        assert subjects == {("o-x", "ghost"), ("phantom",)}

    def test_unknown_lead_unit(self, city: ResponsibilityGraph) -> None:
        """A lead unit that is not in the chart."""
        findings = check(evolve(city, "tasks", "audit-projects", leads=("auditing",)))
        assert only(findings, "UNKNOWN_UNIT").subject == ("audit-projects", "auditing")

    def test_internal_office_escalates_through_its_parent(self, city: ResponsibilityGraph) -> None:
        """The planning section has no supervisor of its own but its bureau does: no finding."""
        assert "UNIT_WITHOUT_SUPERVISOR" not in codes(check(city))

    def test_duty_overlap_lists_every_unit_involved(self, city: ResponsibilityGraph) -> None:
        """Three units listing one duty are one finding naming all three."""
        graph = city.replace(duties=[*city.duties, Duty("fgw", "budget"), Duty("audit", "budget")])
        finding = only(check(graph), "DUTY_OVERLAP")
        assert finding.subject == ("finance", "fgw", "audit", "budget")
        assert finding.severity is Severity.WARNING

    def test_two_task_cycle(self, city: ResponsibilityGraph) -> None:
        """road ↔ road-land: one cycle, written from its smallest id."""
        finding = only(check(evolve(city, "tasks", "road", parent="road-land")), "TASK_PARENT_CYCLE")
        assert finding.subject == ("road", "road-land")
        assert "road → road-land → road" in finding.message.en

    def test_supervised_unit_in_a_parent_cycle_still_escalates(self, city: ResponsibilityGraph) -> None:
        """A parent cycle is reported even when a supervisor breaks it for escalation."""
        graph = city.replace(units=[*city.units, Unit("a", NAME, parent="b"), Unit("b", NAME, parent="a")])
        graph = evolve(graph, "leaders", "li", supervises={"fgw", "finance", "a"})
        assert codes(check(graph)) == {"UNIT_PARENT_CYCLE"}

    def test_subtask_under_a_leadless_parent_is_not_flagged_twice(self, city: ResponsibilityGraph) -> None:
        """When the parent has no lead, only the parent's TASK_WITHOUT_LEAD is reported."""
        findings = check(evolve(city, "tasks", "road", leads=()))
        assert codes(findings) == {"TASK_WITHOUT_LEAD"}

    def test_severities(self) -> None:
        """Structural defects are errors; good-practice defects are warnings."""
        severity = {c.code: c.severity for c in CODES}
        assert severity["TASK_WITHOUT_LEAD"] is Severity.ERROR
        assert severity["DECOMPOSITION_GAP"] is Severity.ERROR
        assert severity["TASK_WITHOUT_DEADLINE"] is Severity.WARNING
        assert severity["DUTY_OVERLAP"] is Severity.WARNING

    def test_empty_organisation(self) -> None:
        """An empty chart lacks a head and a supervision office."""
        assert codes(check(ResponsibilityGraph())) == {"NO_HEAD", "NO_SUPERVISION_OFFICE"}


class TestCheckFunction:
    def test_findings_are_sorted_errors_first(self, city: ResponsibilityGraph) -> None:
        """Errors come before warnings, then by code."""
        graph = evolve(evolve(city, "tasks", "road", due=None), "tasks", "road-design", officer=None)
        assert [f.code for f in check(graph)] == ["DECOMPOSITION_GAP", "TASK_WITHOUT_DEADLINE"]

    def test_custom_checks(self, city: ResponsibilityGraph) -> None:
        """Only the checks given are run."""
        graph = evolve(city, "tasks", "road", due=None, leader=None)
        assert codes(check(graph, CHECKS[-1:])) == {"TASK_WITHOUT_DEADLINE"}
        assert check(graph, ()) == []

    def test_rejects_a_non_graph(self) -> None:
        """check() needs a ResponsibilityGraph."""
        with pytest.raises(InvalidTypeError, match="load_org"):
            check({"units": []})  # type: ignore[arg-type]

    def test_rejects_a_non_callable_check(self, city: ResponsibilityGraph) -> None:
        """Each check must be a function."""
        with pytest.raises(InvalidTypeError, match="checks"):
            check(city, ["TASK_WITHOUT_LEAD"])  # type: ignore[list-item]
