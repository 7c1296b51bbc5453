"""The procedure spec's one declaration (SPEC): loader, dumper and JSON Schema agree."""

from __future__ import annotations

import contextlib
import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.citation import Citation
from govefficiency.decisions import (
    ProcedureSpec,
    RequiredStep,
    StepKind,
    get_procedure,
    procedure_presets,
)
from govefficiency.decisions._codes import STEP_MISSING
from govefficiency.decisions._spec_io import SPEC
from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError, ProcedureSpecError
from govefficiency.text import Text
from strategies import json_garbage

ROOT = Path(__file__).parents[2]
PRESET_FILES = sorted((ROOT / "src" / "govefficiency" / "decisions" / "presets").glob("*.toml"))
#: Every procedure file shipped or used as test data: (file, the file of its parent, if any).
SPEC_FILES = [
    (ROOT / "examples" / "data" / "decisions" / "city.toml", None),
    (
        ROOT / "examples" / "data" / "decisions" / "village.toml",
        ROOT / "examples" / "data" / "decisions" / "city.toml",
    ),
    (ROOT / "tests" / "decisions" / "data" / "city.toml", None),
    (ROOT / "tests" / "decisions" / "data" / "district.toml", None),
]
VALIDATOR = jsonschema.Draft202012Validator(SPEC.json_schema())


def _as_json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(tomllib.loads(path.read_text("utf-8")), default=str))
    return data


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = SPEC.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert {f"rule-{t}" for t in ("interval", "check", "exemption")} <= set(schema["$defs"])


@pytest.mark.parametrize("path", PRESET_FILES + [p for p, _ in SPEC_FILES], ids=lambda p: p.name)
def test_every_procedure_file_validates(path: Path) -> None:
    VALIDATOR.validate(_as_json(path))


@pytest.mark.parametrize("preset", procedure_presets())
def test_every_preset_round_trips(preset: str) -> None:
    """load∘dump is the identity; a preset that extends another is written as extends +
    what it adds (seed-practice: its own 10 rules, not the national 27 again)."""
    spec = get_procedure(preset)
    doc = json.loads(json.dumps(spec.to_dict(), ensure_ascii=False))
    VALIDATOR.validate(doc)
    assert ProcedureSpec.from_dict(doc) == spec
    assert ProcedureSpec.from_dict(doc).to_dict() == doc
    if spec.lineage:
        assert doc["extends"] == spec.lineage[0]
        assert len(doc["rules"]) < len(spec.rules)


@pytest.mark.parametrize(("path", "parent"), SPEC_FILES, ids=lambda p: getattr(p, "name", "-"))
def test_every_procedure_file_round_trips(path: Path, parent: Path | None) -> None:
    base = ProcedureSpec.load(parent) if parent else None
    spec = ProcedureSpec.load(path, base=base)
    if path.name == "district.toml":  # extends a file: its parent is passed back as base
        base = ProcedureSpec.load(path.parent / "city.toml")
    doc = json.loads(json.dumps(spec.to_dict(base=base), ensure_ascii=False))
    VALIDATOR.validate(doc)
    assert ProcedureSpec.from_dict(doc, base=base) == spec


def test_a_spec_whose_parent_is_unknown_is_written_whole() -> None:
    """Without its parent, a composed spec is dumped flat: same rules, no lineage."""
    city = ProcedureSpec.load(ROOT / "tests" / "decisions" / "data" / "city.toml")
    district = ProcedureSpec.load(ROOT / "tests" / "decisions" / "data" / "district.toml")
    assert district.lineage == ("city", "national")
    doc = district.to_dict()
    assert "extends" not in doc
    flat = ProcedureSpec.from_dict(doc)
    assert (flat.rules, flat.lineage) == (district.rules, ())
    assert district.to_dict(base=city)["extends"] == "city"


def test_a_spec_built_in_code_names_its_undeclared_sources() -> None:
    """A citation of a document the spec does not declare gets a generated source key."""
    law = Citation(Text("某规定", "a regulation"), "5", 2020)
    rule = RequiredStep(id="post", citation=law, steps=[StepKind.POST_EVALUATION], code=STEP_MISSING)
    spec = ProcedureSpec("coded", Text("代码", "in code"), [rule])
    doc = spec.to_dict()
    assert doc["sources"] == {"source-1": {"name": {"zh": "某规定", "en": "a regulation"}, "year": 2020}}
    assert ProcedureSpec.from_dict(doc).rules == spec.rules


def test_bad_input_to_the_dumpers() -> None:
    from govefficiency.decisions._spec_io import dump_spec

    with pytest.raises(InvalidTypeError):
        dump_spec("national")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        dump_spec(get_procedure("national"), parent=get_procedure("seed-practice"))
    with pytest.raises(InvalidTypeError):
        ProcedureSpec.from_dict([])  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        get_procedure("seed-practice").to_dict(base="national")  # type: ignore[arg-type]
    # a base the spec was not composed from: written whole rather than wrongly
    doc = get_procedure("seed-practice").to_dict(base=ProcedureSpec.load(GOOD))
    assert "extends" not in doc
    assert ProcedureSpec.from_dict(doc).rules == get_procedure("seed-practice").rules


#: A small valid spec every defect below starts from.
GOOD: dict[str, Any] = {
    "id": "locality",
    "title": {"zh": "某地", "en": "a locality"},
    "sources": {"local": {"name": {"zh": "某地规定", "en": "local rules"}, "year": 2024}},
    "rules": [
        {
            "id": "comment-period",
            "type": "interval",
            "from": "public_comment.published",
            "to": "public_comment.closed",
            "minimum": 30,
            "code": "SHORTENED_WITHOUT_REASON",
            "when": {"any": ["public_interest"]},
            "citation": {"law": "local", "article": "3"},
        }
    ],
}


def test_the_good_spec_is_good() -> None:
    VALIDATOR.validate(GOOD)
    assert ProcedureSpec.load(GOOD).rule("comment-period").minimum == 30  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("path", "value", "location"),
    [
        (("id",), "a b", "id"),
        (("title",), "某地", "title"),
        (("colour",), "red", "colour"),
        (("extends",), None, "extends"),
        (("sources", "local", "year"), 1800, "sources.local.year"),
        (("rules", 0, "type"), "deadline", "rules[0].type"),
        (("rules", 0, "from"), "public_comment.deadline", "rules[0].from"),
        (("rules", 0, "minimum"), -1, "rules[0].minimum"),
        (("rules", 0, "unit"), "weeks", "rules[0].unit"),
        (("rules", 0, "code"), "POST_EVAL_MISSING", "rules[0].code"),
        (("rules", 0, "severity"), "fatal", "rules[0].severity"),
        (("rules", 0, "when"), {"any": ["urgent"]}, "rules[0].when"),
        (("rules", 0, "when"), {"categories": ["pricing"]}, "rules[0].when.categories[0]"),
        (("rules", 0, "wen"), {}, "rules[0].wen"),
        (("rules", 0, "citation"), "local", "rules[0].citation"),
    ],
)
def test_what_the_schema_rejects_the_loader_rejects(path: tuple[Any, ...], value: Any, location: str) -> None:
    doc = copy.deepcopy(GOOD)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(doc)
    with pytest.raises(ProcedureSpecError) as info:
        ProcedureSpec.load(doc)
    assert info.value.location == location
    assert info.value.zh


_GARBAGE = json_garbage(st.none() | st.booleans() | st.integers() | st.text(max_size=6), max_leaves=15)


@settings(max_examples=150, deadline=None)
@given(_GARBAGE)
def test_fuzz_the_spec_loader(garbage: Any) -> None:
    """Garbage as a rule: a library error or a spec, never a bare exception."""
    with contextlib.suppress(GovEfficiencyError):
        assert isinstance(ProcedureSpec.load({**GOOD, "rules": [garbage]}), ProcedureSpec)


def test_names_of_the_split_modules_are_still_importable_from_their_old_homes() -> None:
    """_record.py and _spec.py were split along their nouns; old private imports still work."""
    from govefficiency.decisions import _conditions, _rules, _steps, _vocab
    from govefficiency.decisions._record import Archiving, Category, step_end  # type: ignore[attr-defined]
    from govefficiency.decisions._spec import Condition, IntervalRule  # type: ignore[attr-defined]

    assert (Archiving, step_end, Category) == (_steps.Archiving, _steps.step_end, _vocab.Category)
    assert (Condition, IntervalRule) == (_conditions.Condition, _rules.IntervalRule)
    with pytest.raises(ImportError):
        from govefficiency.decisions._record import Nothing  # type: ignore[attr-defined]  # noqa: F401
