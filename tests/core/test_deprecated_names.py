"""Names renamed by the API convention (docs/conventions.md) keep working for one release,
each with a DeprecationWarning that names its replacement."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[2] / "examples" / "data"


def test_preset_policies_is_policy_presets() -> None:
    from govefficiency.escalation import policy_presets, preset_policies

    with pytest.warns(DeprecationWarning, match=r"use policy_presets\(\)"):
        old = preset_policies()
    assert old == policy_presets()
    assert set(old) >= {"e-supervision-lights", "reminder-letter-flow"}


def test_load_items_is_load_checklist() -> None:
    from govefficiency.ledger import load_checklist, load_items

    path = EXAMPLES / "checklist.toml"
    with pytest.warns(DeprecationWarning, match=r"use load_checklist\(\)"):
        old = load_items(path, known_units=None)
    assert old == load_checklist(path)


def test_default_rules_is_rule_presets() -> None:
    from govefficiency.deadlines import default_rules, rule_presets

    with pytest.warns(DeprecationWarning, match=r"use rule_presets\(\)"):
        old = default_rules()
    assert old is rule_presets()
    assert old.get("licensing.decision").id == "licensing.decision"


@pytest.mark.parametrize("module", ["govefficiency", "govefficiency.decisions"])
def test_preset_procedure_is_get_procedure(module: str) -> None:
    import importlib

    from govefficiency.decisions import get_procedure, procedure_presets

    old_name = importlib.import_module(module).preset_procedure
    with pytest.warns(DeprecationWarning, match=r"use get_procedure\(\)"):
        old = old_name("national")
    assert old is get_procedure("national")
    assert procedure_presets() == ("national", "seed-practice")


def test_the_warning_points_at_the_caller() -> None:
    """stacklevel=2: the warning names the line that called the old name, not the library."""
    from govefficiency.escalation import preset_policies

    with pytest.warns(DeprecationWarning, match="policy_presets") as record:
        preset_policies()
    assert record[0].filename == __file__


def test_the_new_names_do_not_warn(recwarn: pytest.WarningsRecorder) -> None:
    from govefficiency.deadlines import get_rule, rule_presets
    from govefficiency.decisions import get_procedure, procedure_presets
    from govefficiency.escalation import get_policy, load_policy, policy_presets
    from govefficiency.ledger import load_checklist

    rule_presets()
    get_rule("licensing.decision")
    get_procedure(procedure_presets()[0])
    policy_presets()
    get_policy("e-supervision-lights")
    load_policy(EXAMPLES / "escalation" / "city-lights.toml")
    load_checklist(EXAMPLES / "checklist.toml")
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning)]


def test_instant_by_position_is_deprecated() -> None:
    """``is_overdue``/``consequence_at`` take ``at=`` by keyword; by position they warn
    for one release and give the same answer."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from govefficiency.deadlines import compute_deadline, rule_presets
    from govefficiency.errors import InvalidInputError

    instant = dt.datetime(2026, 11, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    d = compute_deadline(dt.date(2026, 9, 28), rule_presets().get("licensing.decision"))
    with pytest.warns(
        DeprecationWarning, match=r"is_overdue\(\): passing the time by position is deprecated"
    ):
        assert d.is_overdue(instant) is d.is_overdue(at=instant) is True
    with pytest.warns(
        DeprecationWarning, match=r"consequence_at\(\): passing the time by position is deprecated"
    ):
        assert d.consequence_at(instant) == d.consequence_at(at=instant)
    with pytest.raises(InvalidInputError, match="once"):
        d.is_overdue(instant, at=instant)


def test_the_time_by_position_is_deprecated_across_the_modules() -> None:
    """``at`` is keyword-only everywhere (docs/conventions.md); the old positional calls of
    the supervision loop's functions warn for one release and give the same answer."""
    import datetime as dt

    from govefficiency.accountability import AccountabilityLadder
    from govefficiency.errors import InvalidInputError
    from govefficiency.escalation import evaluate, get_policy
    from govefficiency.testing import at

    policy = get_policy("e-supervision-lights")
    when = at(2026, 10, 9, 9)
    with pytest.warns(
        DeprecationWarning, match=r"evaluate\(\): passing the time \(and history\) by position"
    ):
        old = evaluate(policy, [], when, ())
    assert old == evaluate(policy, [], at=when, history=())
    with pytest.raises(InvalidInputError, match="given twice"):
        evaluate(policy, [], when, at=when)
    with pytest.raises(TypeError, match="besides at=, history="):
        evaluate(policy, [], when, (), "extra")

    ladder = AccountabilityLadder()
    day = dt.date(2026, 10, 9)
    with pytest.warns(DeprecationWarning, match=r"due_for\(\): passing the day and events by position"):
        assert ladder.due_for("u", day, []) == ladder.due_for("u", on=day, events=[])
    with pytest.warns(DeprecationWarning, match="window_start"):
        assert ladder.window_start(day) == ladder.window_start(on=day)


def test_statuses_at_and_project_gantt_take_the_time_by_keyword() -> None:
    """``statuses_at(clocks, at=)`` and ``project_gantt(flow, project, at=)`` (issue 10,
    found by tests/core/test_api_convention.py): the old positional time warns for one
    release and gives the same answer."""
    from govefficiency.approvals import load_flow, load_project, project_gantt
    from govefficiency.deadlines import statuses_at
    from govefficiency.testing import at

    when = at(2026, 10, 12, 17)
    with pytest.warns(DeprecationWarning, match=r"statuses_at\(\): passing the time by position"):
        assert statuses_at([], when) == statuses_at([], at=when) == []
    flow = load_flow(EXAMPLES / "approvals" / "industrial_flow.toml")
    project = load_project(EXAMPLES / "approvals" / "project.toml")
    with pytest.warns(DeprecationWarning, match=r"project_gantt\(\): passing the time by position"):
        old = project_gantt(flow, project, when, lang="en")
    assert old == project_gantt(flow, project, at=when, lang="en")


def test_procedure_presets_constant_is_deprecated() -> None:
    """``decisions.PROCEDURE_PRESETS`` left ``__all__`` (one listing function per preset
    kind: procedure_presets()); reading it warns for one release and gives the same ids."""
    import govefficiency.decisions as decisions

    assert "PROCEDURE_PRESETS" not in decisions.__all__
    with pytest.warns(DeprecationWarning, match=r"use procedure_presets\(\)"):
        old = decisions.PROCEDURE_PRESETS
    assert old == decisions.procedure_presets()
    with pytest.raises(AttributeError, match="no attribute 'NOT_A_NAME'"):
        decisions.NOT_A_NAME  # noqa: B018


def test_application_as_of_takes_the_time_by_keyword() -> None:
    """``Application.as_of(at=)`` (found by tests/core/test_api_convention.py): by position
    it warns for one release and gives the same application."""
    from govefficiency.services import load_applications
    from govefficiency.testing import at

    app = load_applications(EXAMPLES / "services" / "applications.json").applications[0]
    when = at(2026, 10, 9)
    with pytest.warns(DeprecationWarning, match=r"as_of\(\): passing the time by position"):
        old = app.as_of(when)
    assert old == app.as_of(at=when)


def test_the_ladder_takes_the_day_as_on() -> None:
    """``AccountabilityLadder.due_for`` / ``.window_start`` count whole days, so their time is a
    date named ``on=`` (issue 10): the old keyword ``at=`` and the old position warn for one
    release and give the same answer; both names at once, or a datetime, are refused."""
    import datetime as dt

    from govefficiency.accountability import AccountabilityLadder
    from govefficiency.errors import InvalidInputError, InvalidTypeError

    ladder = AccountabilityLadder()
    day = dt.date(2026, 10, 9)
    events: list[object] = []
    new = ladder.due_for("u", on=day, events=events)
    with pytest.warns(DeprecationWarning, match=r"due_for\(\): the keyword at= .* pass it as on="):
        assert ladder.due_for("u", at=day, events=events) == new
    with pytest.warns(DeprecationWarning, match=r"window_start\(\): the keyword at= .* pass it as on="):
        assert ladder.window_start(at=day) == ladder.window_start(on=day) == dt.date(2026, 1, 1)
    with pytest.raises(InvalidInputError, match=r"give on= only"):
        ladder.due_for("u", at=day, on=day, events=events)
    with pytest.raises(InvalidInputError, match="given twice"):
        ladder.window_start(day, on=day)
    with pytest.raises(InvalidTypeError):
        ladder.due_for("u", on=dt.datetime(2026, 10, 9, 9), events=events)  # type: ignore[arg-type]


def test_a_checklist_item_is_read_on_a_day() -> None:
    """``ChecklistItem.node_due`` / ``.time_share`` / ``.planned_share`` answer for the day the
    item is read on: a date ``on=`` by keyword (issue 10); the old ``day=`` and the old
    positional day (and calendar) warn for one release and give the same answer."""
    import datetime as dt

    from govefficiency.calendar import china_calendar
    from govefficiency.errors import InvalidInputError, InvalidTypeError
    from govefficiency.testing import sample_item

    item = sample_item()
    day, cal = dt.date(2026, 10, 9), china_calendar()
    with pytest.warns(DeprecationWarning, match=r"node_due\(\): passing the day by position"):
        assert item.node_due(day) == item.node_due(on=day)
    with pytest.warns(DeprecationWarning, match=r"node_due\(\): the keyword day= .* pass it as on="):
        assert item.node_due(day=day) == item.node_due(on=day)
    for share in ("time_share", "planned_share"):
        method = getattr(item, share)
        new = method(on=day, calendar=cal)
        with pytest.warns(
            DeprecationWarning, match=rf"{share}\(\): passing the day and calendar by position"
        ):
            assert method(day, cal) == new
        with pytest.warns(DeprecationWarning, match=rf"{share}\(\): the keyword day= .* pass it as on="):
            assert method(day=day, calendar=cal) == new
        with pytest.raises(InvalidInputError, match="give on= only"):
            method(day=day, on=day, calendar=cal)
        with pytest.raises(InvalidTypeError):
            method(on=dt.datetime(2026, 10, 9, 9), calendar=cal)


def test_a_rule_guard_is_require_points() -> None:
    """The scoring rules' raising guard is ``require_points`` (issue 10: a ``check…`` returns
    findings); ``Rule.check`` works as a method for one release, warns, and runs the rule's
    own guard (``Bands``, ``Deduction``), which the scheme's validator now calls by its new name."""
    import attrs

    from govefficiency.assessment import Bands, Deduction, Linear, Rule
    from govefficiency.errors import AssessmentError

    bands, deduction = Bands([[60, 5], [90, 30]]), Deduction(2, cap=30)
    for rule in (bands, deduction):
        rule.require_points(30, "indicator 'x'")
        with pytest.raises(AssessmentError, match="indicator 'y'"):
            rule.require_points(20, "indicator 'y'")
        renamed = r"Rule.check\(points, where\) is renamed require_points"
        with pytest.warns(DeprecationWarning, match=renamed), pytest.raises(AssessmentError, match="'y'"):
            rule.check(20, "indicator 'y'")
        with pytest.warns(DeprecationWarning, match="renamed require_points"):
            assert rule.check(30, "indicator 'x'") is None
    assert Rule.check.__name__ == "check"
    with pytest.warns(DeprecationWarning, match="renamed require_points"):
        Linear(0, 100).check(1, "indicator 'z'")

    # a rule class written for 0.1 overrides check: that is its require_points for a release
    with pytest.warns(DeprecationWarning, match=r"Old.check\(points, where\).*define require_points"):

        @attrs.frozen
        class Old(Linear):
            def check(self, points: float, where: str) -> None:
                raise AssessmentError(f"{where}: old guard", f"{where}：旧")

    with pytest.raises(AssessmentError, match="old guard"):
        Old(0, 100).require_points(10, "indicator 'o'")
