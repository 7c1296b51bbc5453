"""The file API quartets generated from a kind's declaration (`_format.FileApi`) and the
keyword-only `fmt` (a positional one still works, with a DeprecationWarning)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from govefficiency import calendar, deadlines, decisions, ledger
from govefficiency.approvals import dumps_project, load_project, loads_project
from govefficiency.errors import DecisionRecordFileError, InvalidTypeError, PatchError, RuleError
from govefficiency.responsibility import dumps_org, load_org, loads_org

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"

QUARTETS = [
    (decisions, "record", DATA / "decisions" / "fares.toml"),
    (deadlines, "rules", DATA / "rules" / "zhuzhou.toml"),
    (calendar, "patch", ROOT / "examples" / "patches" / "cn-2027-hypothetical.toml"),
    (calendar, "patch", ROOT / "examples" / "patches" / "typhoon-closure-2026.json"),
    (decisions, "procedure", DATA / "decisions" / "city.toml"),
]


@pytest.mark.parametrize(("module", "kind", "path"), QUARTETS)
@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_load_dump_round_trip(module, kind, path, fmt, tmp_path):
    load, loads, dump, dumps = (
        getattr(module, f"{verb}_{kind}") for verb in ("load", "loads", "dump", "dumps")
    )
    value = load(path)
    assert loads(dumps(value, fmt=fmt), fmt=fmt) == value
    target = tmp_path / f"out.{fmt}"
    dump(value, target)
    assert load(target) == value


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_review_policy_round_trip(fmt, tmp_path):
    policy = ledger.ReviewPolicy(tolerance=5.0, reply_days=3)
    assert ledger.loads_review_policy(ledger.dumps_review_policy(policy, fmt=fmt), fmt=fmt) == policy
    ledger.dump_review_policy(policy, tmp_path / f"p.{fmt}")
    assert ledger.load_review_policy(tmp_path / f"p.{fmt}") == ledger.ReviewPolicy.load(tmp_path / f"p.{fmt}")


def test_the_kept_classmethods_read_the_same():
    assert decisions.load_record(DATA / "decisions" / "fares.toml") == decisions.DecisionRecord.load(
        DATA / "decisions" / "fares.toml"
    )
    assert deadlines.load_rules(DATA / "rules" / "zhuzhou.toml") == deadlines.RuleRegistry.load(
        DATA / "rules" / "zhuzhou.toml"
    )


def test_generated_functions_show_their_real_signature():
    assert decisions.load_record.__name__ == "load_record"
    assert decisions.load_record.__module__ == "govefficiency.decisions"
    assert (
        str(inspect.signature(calendar.loads_patch))
        == "(text: 'str', *, fmt: 'str' = 'toml') -> 'CalendarPatch'"
    )
    assert str(inspect.signature(ledger.dump_review_policy)) == (
        "(value: 'ReviewPolicy', path: 'str | Path') -> 'None'"
    )


def test_bad_input():
    with pytest.raises(InvalidTypeError, match="dumps_record"):
        decisions.dumps_record("not a record")
    with pytest.raises(InvalidTypeError, match="dump_patch"):
        calendar.dump_patch({}, "x.toml")
    with pytest.raises(DecisionRecordFileError, match="<string>"):
        decisions.loads_record("alternatives = 0", fmt="toml")
    with pytest.raises(RuleError, match="unknown format"):
        deadlines.loads_rules("{}", fmt="yaml")
    with pytest.raises(PatchError):
        calendar.load_patch("/nonexistent/patch.toml")
    with pytest.raises(TypeError):
        decisions.loads_record("", "toml")  # generated functions take fmt by keyword only
    with pytest.raises(InvalidTypeError, match="ProcedureSpec"):
        decisions.dumps_procedure("spec")


def test_a_positional_fmt_still_works_with_a_deprecation_warning():
    city = load_org(DATA / "city.toml")
    with pytest.warns(DeprecationWarning, match="dumps_org"):
        text = dumps_org(city, "json")
    with pytest.warns(DeprecationWarning, match="loads_org"):
        assert loads_org(text, "json") == city
    assert loads_org(dumps_org(city, fmt="json"), fmt="json") == city
    project = load_project(DATA / "approvals" / "project.toml")
    with pytest.warns(DeprecationWarning, match="loads_project"):
        assert loads_project(dumps_project(project, fmt="json"), "json") == project
