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
