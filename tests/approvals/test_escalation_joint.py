"""The joint with escalation: steps of a tracked project run through an existing policy.

Approvals does not import escalation; its step cases satisfy the ``Case`` protocol
structurally. This test runs the shipped ``handling-limits`` policy (seed 003) on the
example project, from its files, the way a user would.
"""

from __future__ import annotations

import ast
import datetime as dt
import sys
from pathlib import Path

import pytest

import govefficiency.approvals
from govefficiency.approvals import StepState, StepView, load_flow, load_project, step_cases, track
from govefficiency.escalation import Case, CaseState, evaluate, get_policy
from govefficiency.testing import CST

DATA = Path(__file__).parents[2] / "examples" / "data" / "approvals"


def test_approvals_does_not_import_escalation() -> None:
    """No module of approvals imports escalation (the joint is the protocol)."""
    package = Path(govefficiency.approvals.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("govefficiency.escalation"), path
            elif isinstance(node, ast.Import):
                assert not any(a.name.startswith("govefficiency.escalation") for a in node.names), path


def test_without_escalation_loaded_a_view_has_the_same_fields(monkeypatch: pytest.MonkeyPatch) -> None:
    """When escalation is not loaded, a step's view is a StepView with the same fields."""
    monkeypatch.delitem(sys.modules, "govefficiency.escalation._cases")
    case = step_cases(load_flow(DATA / "industrial_flow.toml"), load_project(DATA / "project.toml"))[2]
    view = case.view(at=dt.datetime(2026, 10, 12, 17, tzinfo=CST))
    assert isinstance(view, StepView)
    assert view == StepView("open", dt.date(2026, 10, 30), dt.date(2026, 9, 16), view.share_elapsed)


def test_step_cases_satisfy_the_protocol() -> None:
    """Every step case is an escalation Case; the agent officer answers for each."""
    cases = step_cases(load_flow(DATA / "industrial_flow.toml"), load_project(DATA / "project.toml"))
    assert all(isinstance(c, Case) for c in cases)
    assert {c.parties.officer for c in cases} == {"agent-officer-wang"}
    assert cases[2].parties.lead_unit == "ecology-environment-bureau"
    assert cases[2].case_id == "plant-2026-017:eia"


def test_an_escalation_policy_on_a_tracked_project() -> None:
    """On 11-02 the overdue assessment gets a supervision notice to the unit holding it."""
    flow, project = load_flow(DATA / "industrial_flow.toml"), load_project(DATA / "project.toml")
    at = dt.datetime(2026, 11, 2, 9, tzinfo=CST)
    # eia: due 10-30 (tracked); overdue by 1 working day on Mon 11-02.
    assert track(flow, project, at=at).step("eia").state is StepState.OVERDUE
    result = evaluate(get_policy("handling-limits"), step_cases(flow, project), at=at)
    overdue = [a for a in result.actions if a.key.case_id == "plant-2026-017:eia"]
    # with an empty history the engine catches up: the due-day reminder of Fri 10-30 too
    assert [a.key.level_id for a in overdue] == ["due-today", "overdue"]
    assert [r.id for r in overdue[1].recipients] == ["ecology-environment-bureau"]
    assert [r.id for r in overdue[0].recipients] == ["agent-officer-wang", "ecology-environment-bureau"]
    # completed steps stop; waiting steps have no clock and are reported, never guessed
    acted = {a.key.case_id for a in result.actions}
    assert acted == {"plant-2026-017:eia"}
    notices = {n.case_id: n.state for n in result.notices}
    assert notices == {
        "plant-2026-017:fire": CaseState.UNDETERMINED,
        "plant-2026-017:construction": CaseState.UNDETERMINED,
    }


def test_a_suspended_step_does_not_escalate() -> None:
    """On 09-25 the assessment is suspended for expert review: a notice, no action."""
    flow, project = load_flow(DATA / "industrial_flow.toml"), load_project(DATA / "project.toml")
    result = evaluate(
        get_policy("handling-limits"), step_cases(flow, project), at=dt.datetime(2026, 9, 28, 9, tzinfo=CST)
    )
    assert {n.case_id: n.state for n in result.notices}["plant-2026-017:eia"] is CaseState.SUSPENDED
    assert all(a.key.case_id != "plant-2026-017:eia" for a in result.actions)


def test_a_step_view_takes_the_time_by_keyword() -> None:
    """``StepCase.view(at)`` (the time by position) warns for one release and gives the same
    view as ``view(at=...)`` (issue 10)."""
    case = step_cases(load_flow(DATA / "industrial_flow.toml"), load_project(DATA / "project.toml"))[2]
    when = dt.datetime(2026, 10, 12, 17, tzinfo=CST)
    with pytest.warns(DeprecationWarning, match=r"StepCase.view\(\): passing the time by position"):
        assert case.view(when) == case.view(at=when)  # type: ignore[misc]
