"""End to end: applications from files run through an existing escalation policy, unchanged.

services does not import escalation; its cases meet escalation's ``Case`` protocol
structurally.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from govefficiency.escalation import ActionKind, Case, evaluate, get_policy
from govefficiency.services import (
    ApplicationCase,
    CaseLimit,
    SuspensionRecord,
    application_cases,
    load_applications,
    load_catalogue,
)

from .conftest import DATA, app, at, catalogue

SERVICES = Path(__file__).resolve().parents[2] / "src" / "govefficiency" / "services"


def test_services_never_imports_escalation() -> None:
    """No module of the services package imports govefficiency.escalation."""
    for path in SERVICES.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            assert not any(n.startswith("govefficiency.escalation") for n in names), path.name


def test_example_applications_through_the_lights_policy() -> None:
    """The shipped e-supervision-lights policy runs on the example's open applications: the two
    applications past their committed limit get a supervision notice to the competent unit."""
    catalogue_ = load_catalogue(DATA / "catalogue.toml")
    register = load_applications(DATA / "applications.json")
    when = at(11, 30, 17)
    cases = application_cases(register, catalogue_, at=when)
    assert all(isinstance(c, Case) for c in cases)
    assert len(cases) == 12  # 200 - 188 decided
    result = evaluate(get_policy("e-supervision-lights"), cases, at=when)
    notices = [a for a in result.actions if a.kind is ActionKind.SUPERVISION_NOTICE]
    assert sorted(a.case_id for a in notices) == ["A-0197", "A-0198"]
    assert {r.id for a in notices for r in a.recipients} == {"county-transport", "county-housing"}
    assert result.notices == ()


def test_statutory_limit_and_suspended_case() -> None:
    """With the statutory limit the same application is not yet overdue; a suspended one is
    never escalated and appears among the notices."""
    cat = catalogue()
    open_app = app("A1", received=at(9, 28, 9), accepted=at(9, 28, 11))
    paused = app(
        "A2", received=at(9, 28, 9), accepted=at(9, 28, 11), suspensions=(SuspensionRecord(at(10, 12)),)
    )
    when = at(10, 20)
    committed = evaluate(
        get_policy("e-supervision-lights"), application_cases([open_app, paused], cat, at=when), at=when
    )
    assert [a.case_id for a in committed.actions if a.kind is ActionKind.SUPERVISION_NOTICE] == ["A1"]
    assert [n.case_id for n in committed.notices] == ["A2"]
    statutory = evaluate(
        get_policy("e-supervision-lights"),
        application_cases([open_app], cat, at=when, limit=CaseLimit.STATUTORY),
        at=when,
    )
    assert [a.kind for a in statutory.actions] == []


def test_case_view_and_parties() -> None:
    case = ApplicationCase(app(accepted=at(9, 28, 11)), catalogue())
    assert case.case_id == "A1"
    assert case.parties.lead_unit == "market"
    assert case.parties.officer == "wang"
    assert "A1" in case.title.en
    view = case.view(at=at(10, 19))
    assert view.state.value == "open"
    assert str(view.due_date) == "2026-10-16"


def test_precomputed_view_equals_recomputed() -> None:
    """The status handed over by application_cases is what the case computes on its own."""
    a = app(accepted=at(9, 28, 11))
    (case,) = application_cases([a], catalogue(), at=at(10, 19))
    fresh = ApplicationCase(a, catalogue())
    assert case.view(at=at(10, 19)) == fresh.view(at=at(10, 19))
    assert case.view(at=at(10, 31)) == fresh.view(at=at(10, 31))


def test_bad_input() -> None:
    import datetime as dt

    import pytest

    from govefficiency.errors import InvalidTypeError, NaiveDatetimeError

    with pytest.raises(InvalidTypeError):
        application_cases([app()], "catalogue", at=at(10, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        application_cases([app()], catalogue(), at=at(10, 1), limit="committed")  # type: ignore[arg-type]
    with pytest.raises(NaiveDatetimeError):
        application_cases([app()], catalogue(), at=dt.datetime(2026, 10, 1))
    with pytest.raises(InvalidTypeError):
        ApplicationCase("A1", catalogue())  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        ApplicationCase(app(), catalogue(), limit="statutory")  # type: ignore[arg-type]
    with pytest.raises(NaiveDatetimeError):
        ApplicationCase(app(), catalogue()).view(at=dt.datetime(2026, 10, 1))


def test_the_view_takes_the_time_by_keyword() -> None:
    """``ApplicationCase.view(at)`` (the time by position) warns for one release and gives
    the same view as ``view(at=...)`` (issue 10)."""
    case = ApplicationCase(app(accepted=at(9, 28, 11)), catalogue())
    with pytest.warns(DeprecationWarning, match=r"ApplicationCase.view\(\): passing the time by position"):
        assert case.view(at(10, 19)) == case.view(at=at(10, 19))  # type: ignore[misc]
