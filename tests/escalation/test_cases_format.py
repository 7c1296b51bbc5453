"""The cases file format, declared once: loader, dumper and JSON Schema agree."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.errors import GovEfficiencyError, InvalidTypeError, PolicyError
from govefficiency.escalation import (
    CaseParties,
    DatedCase,
    dump_cases,
    dumps_cases,
    load_cases,
    loads_cases,
)
from govefficiency.escalation._files import CASES
from govefficiency.responsibility import load_org
from strategies import GARBAGE

from .conftest import with_garbage

EXAMPLES = Path(__file__).parents[2] / "examples" / "data"
CASES_FILE = EXAMPLES / "escalation" / "cases.toml"
VALIDATOR = jsonschema.Draft202012Validator(CASES.json_schema())


GOOD: dict[str, Any] = {
    "cases": [
        {
            "id": "T1",
            "title": {"zh": "老旧小区改造", "en": "Old-estate renovation"},
            "due": "2026-10-12",
            "start": "2026-09-01",
            "lead_unit": "housing",
            "assisting_units": ["finance", "nrp"],
            "slow_units": ["finance"],
            "officer": "officer-wang",
            "task": "renovation",
        }
    ]
}


def test_the_example_file_validates_and_resolves_names() -> None:
    data = json.loads(json.dumps(tomllib.loads(CASES_FILE.read_text("utf-8")), default=str))
    VALIDATOR.validate(data)
    cases, graph = load_cases(CASES_FILE)
    assert graph is not None
    t1 = cases[0]
    # 市住房和城乡建设局 / 市财政局 / 市自然资源和规划局 are names in examples/data/city.toml
    assert t1.parties == CaseParties(
        lead_unit="housing",
        assisting_units=("finance", "nrp"),
        slow_units=("finance",),
        officer="officer-wang",
    )
    assert cases[1].title.zh == cases[1].title.en == "城区公交线网优化"
    assert cases[2].due is None


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_load_after_dump_is_the_identity(fmt: str, tmp_path: Path) -> None:
    """The example's cases (names resolved to ids) dump and load back equal."""
    cases, _ = load_cases(CASES_FILE)
    text = dumps_cases(cases, fmt=fmt)
    assert loads_cases(text, fmt=fmt)[0] == cases
    out = tmp_path / f"cases.{fmt}"
    dump_cases(cases, out)
    assert load_cases(out) == (cases, None)
    VALIDATOR.validate(json.loads(dumps_cases(cases, fmt="json")))


def test_the_dump_is_plain() -> None:
    """A title the same in both languages is a plain string; defaults are left out."""
    case = DatedCase("T9", "巡查", dt.date(2026, 10, 8), CaseParties(lead_unit="housing"))
    assert json.loads(dumps_cases([case], fmt="json", org="org.toml")) == {
        "org": "org.toml",
        "cases": [{"id": "T9", "title": "巡查", "due": "2026-10-08", "lead_unit": "housing"}],
    }
    assert dumps_cases([case]) == "cases = []\n".replace("cases = []\n", "") + (
        '[[cases]]\nid = "T9"\ntitle = "巡查"\ndue = "2026-10-08"\nlead_unit = "housing"\n'
    )


@pytest.mark.parametrize(
    ("change", "located"),
    [
        ({"due": "12/10/2026"}, "cases[0].due"),
        ({"due": 20261012}, "cases[0].due"),
        ({"title": ""}, "cases[0].title"),
        ({"title": {"zh": "甲"}}, "cases[0].title.en"),
        ({"suspended": "no"}, "cases[0].suspended"),
        ({"assisting_units": "finance"}, "cases[0].assisting_units"),
        ({"officer": "officer wang"}, "cases[0].officer"),
        ({"task": ""}, "cases[0].task"),
        ({"colour": "red"}, "cases[0].colour"),
        ({"id": 7}, "cases[0].id"),
    ],
)
def test_what_the_schema_rejects_the_loader_rejects(change: dict[str, Any], located: str) -> None:
    doc = copy.deepcopy(GOOD)
    doc["cases"][0].update(change)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(doc)
    with pytest.raises(PolicyError) as info:
        load_cases(doc)
    assert info.value.location == located


def test_the_loader_rejects_what_the_model_rejects() -> None:
    """Cross-key rules stay with the model, located at the case's table."""
    for change, message in (
        ({"start": "2026-10-20"}, "before start"),
        ({"slow_units": ["health"]}, "not assisting units"),
        ({"lead_unit": "housing bureau"}, "not a valid id"),
    ):
        doc = copy.deepcopy(GOOD)
        doc["cases"][0].update(change)
        with pytest.raises(PolicyError, match=message) as info:
            load_cases(doc)
        assert info.value.location.startswith("cases[0]")
    with pytest.raises(PolicyError, match="required") as info:
        load_cases({"cases": [{"title": "x"}]})
    assert info.value.location == "cases[0].id"


def test_unknown_names_are_located_with_the_org_chart(tmp_path: Path) -> None:
    graph = load_org(EXAMPLES / "city.toml")
    doc = copy.deepcopy(GOOD)
    doc["cases"][0]["assisting_units"] = ["市财政局", "市气象局"]
    with pytest.raises(PolicyError) as info:
        load_cases(doc, graph=graph)
    assert info.value.location == "cases[0].assisting_units[1]"
    path = tmp_path / "cases.toml"
    path.write_text('org = "missing.toml"\n[[cases]]\nid = "a"\ntitle = "x"\n', "utf-8")
    with pytest.raises(GovEfficiencyError, match=r"missing\.toml"):
        load_cases(path)


def test_bad_arguments() -> None:
    with pytest.raises(PolicyError):
        loads_cases(b"[[cases]]")  # type: ignore[arg-type]
    with pytest.raises(PolicyError, match="TOML"):
        loads_cases("[[cases]")
    with pytest.raises(InvalidTypeError):
        dumps_cases("T1")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="only dated cases"):
        dumps_cases([object()])  # type: ignore[list-item]
    with pytest.raises(PolicyError, match="unknown format"):
        dumps_cases([], fmt="yaml")
    with pytest.raises(PolicyError, match=r"\.toml or \.json"):
        dump_cases([], "cases.txt")
    zoned = DatedCase("T1", "x", dt.date(2026, 10, 8), zone="Asia/Urumqi")
    with pytest.raises(PolicyError, match="no zone"):
        dumps_cases([zoned])


@settings(max_examples=150, deadline=None)
@given(GARBAGE, st.sampled_from(["case", "top", *GOOD["cases"][0]]))
def test_fuzz_the_cases_loader(garbage: object, where: str) -> None:
    """Structure-aware garbage: only library errors, never a bare exception."""
    with contextlib.suppress(GovEfficiencyError):
        load_cases(with_garbage(GOOD, "cases", where, "case", garbage))
