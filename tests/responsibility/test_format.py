"""The org chart's one declaration (ORG_CHART): loader, dumper and JSON Schema agree."""

from __future__ import annotations

import contextlib
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.errors import GovEfficiencyError, OrgChartError
from govefficiency.responsibility import ResponsibilityGraph, load_org
from govefficiency.responsibility._io import ORG_CHART
from govefficiency.testing import mini_city
from strategies import json_garbage, set_at

ROOT = Path(__file__).parents[2]
#: Every org chart shipped with the project (examples and docs data).
EXAMPLES = sorted(
    p for p in (ROOT / "examples" / "data").glob("*.toml") if "units" in tomllib.loads(p.read_text("utf-8"))
)
VALIDATOR = jsonschema.Draft202012Validator(ORG_CHART.json_schema())


def _as_json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(tomllib.loads(path.read_text("utf-8")), default=str))
    return data


def test_the_examples_are_found() -> None:
    assert {p.name for p in EXAMPLES} >= {"city.toml", "loop-org.toml"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_every_example_validates_and_round_trips(path: Path) -> None:
    """The schema accepts the file as written and its dump; load∘dump is the identity."""
    VALIDATOR.validate(_as_json(path))
    graph = load_org(path)
    doc = json.loads(json.dumps(graph.to_dict(), ensure_ascii=False))
    VALIDATOR.validate(doc)
    assert load_org(doc) == graph
    assert load_org(doc).to_dict() == doc


def test_the_mini_city_round_trips() -> None:
    graph = mini_city()
    doc = graph.to_dict()
    VALIDATOR.validate(doc)
    assert load_org(doc) == graph


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = ORG_CHART.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["$defs"]) == {"supervision-office", "leader", "unit", "officer", "task", "duty"}


def test_null_means_absent_for_optional_ids_and_the_lead() -> None:
    """JSON null for an optional id or the lead was always read as absent; still is."""
    doc = {"tasks": [{"id": "t", "title": "甲", "lead": None, "leader": None, "parent": None}]}
    task = load_org(doc).task("t")
    assert (task.leads, task.leader, task.parent) == ((), None, None)


@pytest.mark.parametrize(
    ("path", "value", "location"),
    [
        (("version",), 2, "version"),
        (("colour",), "red", "colour"),
        (("units", 0, "id"), "a b", "units[0].id"),
        (("units", 0, "id"), "", "units[0].id"),
        (("units", 0, "name"), 3, "units[0].name"),
        (("units", 0, "name"), {"zh": "甲"}, "units[0].name.en"),
        (("units", 0, "kind"), "bureau", "units[0].kind"),
        (("units", 0, "aliases"), "交通局", "units[0].aliases"),
        (("leaders", 0, "role"), "boss", "leaders[0].role"),
        (("leaders", 0, "supervises"), ["a", 1], "leaders[0].supervises[1]"),
        (("tasks", 0, "due"), "next week", "tasks[0].due"),
        (("tasks", 0, "lead"), 3, "tasks[0].lead"),
        (("tasks", 0, "assists"), "finance", "tasks[0].assists"),
        (("tasks", 0, "extra"), 1, "tasks[0].extra"),
        (("supervision_office",), "dcs", "supervision_office"),
        (("units",), "a", "units"),
    ],
)
def test_what_the_schema_rejects_the_loader_rejects(path: tuple[Any, ...], value: Any, location: str) -> None:
    doc = set_at(mini_city().to_dict(), path, value)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(doc)
    with pytest.raises(OrgChartError) as info:
        load_org(doc)
    assert info.value.location == location
    assert info.value.zh


def test_a_missing_required_key_is_refused_by_both() -> None:
    doc = mini_city().to_dict()
    del doc["units"][0]["name"]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(doc)
    with pytest.raises(OrgChartError, match="required"):
        load_org(doc)


def test_a_duplicate_id_is_located_at_its_second_use() -> None:
    """The one check the schema cannot express: ids are unique across sections."""
    doc = mini_city().to_dict()
    doc["tasks"][0]["id"] = doc["units"][1]["id"]
    with pytest.raises(OrgChartError) as info:
        load_org(doc)
    assert info.value.location == "tasks[0].id"
    assert "units[1].id" in info.value.en


_GARBAGE = json_garbage(st.none() | st.booleans() | st.integers() | st.text(max_size=6), max_leaves=15)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["units", "leaders", "officers", "tasks", "duties"]), _GARBAGE)
def test_fuzz_the_org_chart_loader(section: str, garbage: Any) -> None:
    """Garbage in any section: a library error or a graph, never a bare exception."""
    with contextlib.suppress(GovEfficiencyError):
        assert isinstance(load_org({section: [garbage]}), ResponsibilityGraph)
