"""The approvals file formats, declared once: flow, project and catalogue round-trip,
their JSON Schemas agree with the loaders, and the loaders take garbage without a crash."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from govefficiency import approvals
from govefficiency._kinds import detect_kind, get_kind
from govefficiency.approvals._io import CATALOGUE, FLOW, PROJECT
from govefficiency.deadlines import CalendarDays, WorkingDays, get_rule
from govefficiency.errors import GovEfficiencyError, InvalidInputError, InvalidTypeError
from govefficiency.testing import CST, run_cli
from govefficiency.text import Text
from strategies import BASIS, GARBAGE, fuzz_text, set_at

ROOT = Path(__file__).parents[2]
DATA = ROOT / "examples" / "data" / "approvals"
SCHEMAS = ROOT / "src" / "govefficiency" / "schemas"

#: Each shipped example with its kind. The defective flow is defective only in the checks'
#: sense (a mutual prerequisite is a finding, not a format error): it is a valid file.
EXAMPLES = [
    ("industrial_flow.toml", "approval-flow"),
    ("industrial_flow_defective.toml", "approval-flow"),
    ("project.toml", "approval-project"),
    ("catalogue.json", "approvals-catalogue"),
]


def _json_ready(path: Path) -> dict[str, Any]:
    text = path.read_text("utf-8")
    data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    out: dict[str, Any] = json.loads(json.dumps(data, default=lambda v: v.isoformat()))
    return out


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads((SCHEMAS / f"{kind}.json").read_text("utf-8")))


# -- the shipped examples --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kind"), EXAMPLES)
def test_every_example_is_recognised_valid_and_round_trips(name: str, kind: str) -> None:
    """Each example is detected as its kind, satisfies the shipped schema, and
    load∘dump is the identity on it (in TOML and in JSON)."""
    path = DATA / name
    data = _json_ready(path)
    found = detect_kind(data, path)
    assert found is not None
    assert found.name == kind
    _validator(kind).validate(data)
    value = get_kind(kind).load(path)
    if kind == "approval-flow":
        assert approvals.loads_flow(approvals.dumps_flow(value)) == value
        assert approvals.loads_flow(approvals.dumps_flow(value, fmt="json"), fmt="json") == value
    elif kind == "approval-project":
        assert approvals.loads_project(approvals.dumps_project(value)) == value
        assert approvals.loads_project(approvals.dumps_project(value, fmt="json"), fmt="json") == value
    else:
        assert approvals.loads_catalogue(approvals.dumps_catalogue(value)) == value
        assert approvals.loads_catalogue(approvals.dumps_catalogue(value, fmt="json"), fmt="json") == value


def test_the_shipped_schemas_are_the_declared_ones() -> None:
    for kind in ("approval-flow", "approval-project", "approvals-catalogue"):
        schema = get_kind(kind).json_schema()
        assert schema is not None
        jsonschema.Draft202012Validator.check_schema(schema)
        assert json.loads((SCHEMAS / f"{kind}.json").read_text("utf-8")) == schema
    assert FLOW.json_schema()["title"] == "approval-flow"


def test_the_defective_flow_loads_and_its_defects_are_findings(tmp_path: Path) -> None:
    """`validate` loads the draft flow (valid format) and reports its mutual prerequisite
    as a finding, exit 1; the fixed flow, the project and the catalogue exit 0."""
    result = run_cli("validate", str(DATA / "industrial_flow_defective.toml"), "--lang", "en")
    assert result.code == 1
    assert "MUTUAL_PREREQUISITE" in result.out
    assert "fire → construction → fire" in result.out
    for name in ("industrial_flow.toml", "project.toml", "catalogue.json"):
        assert run_cli("validate", str(DATA / name)).code == 0, name
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"$schema": "approvals-catalogue.json", "items": "land"}), "utf-8")
    result = run_cli("validate", str(bad), "--lang", "en")
    assert result.code == 1
    assert "items" in result.out


def test_kind_detection_by_keys() -> None:
    """The flow is told by its total limit, the project by its flow and events; the
    catalogue (only `items`, like a checklist) needs its `$schema` key."""
    assert detect_kind({"id": 1, "total_limit": 1, "steps": []}, Path("f.toml")).name == "approval-flow"  # type: ignore[union-attr]
    assert detect_kind({"id": 1, "flow": 1, "events": []}, Path("p.toml")).name == "approval-project"  # type: ignore[union-attr]
    assert detect_kind({"items": []}, Path("c.json")).name == "checklist"  # type: ignore[union-attr]
    assert (
        detect_kind({"$schema": "x/approvals-catalogue.json", "items": []}, Path("c.json")).name  # type: ignore[union-attr]
        == "approvals-catalogue"
    )
    assert detect_kind({"items": []}, Path("c.approvals-catalogue.json")).name == "approvals-catalogue"  # type: ignore[union-attr]
    assert run_cli("schema", "approval-project").code == 0


# -- what the schema rejects, the loader rejects ----------------------------------------------

_FLOW_DOC = _json_ready(DATA / "industrial_flow.toml")
_PROJECT_DOC = _json_ready(DATA / "project.toml")


#: Each file kind: its example document, its loader and the loader's error.
_REJECTING = {
    "approval-flow": (_FLOW_DOC, approvals.load_flow, approvals.FlowError),
    "approval-project": (_PROJECT_DOC, approvals.load_project, approvals.ProjectError),
}


@pytest.mark.parametrize(
    ("kind", "path", "value"),
    [
        ("approval-flow", ("total_limit",), {"weeks": 3}),
        ("approval-flow", ("total_limit",), {"working_days": -1}),
        ("approval-flow", ("total_limit",), {"working_days": 5, "days": 5}),
        ("approval-flow", ("total_limit",), 80),
        ("approval-flow", ("id",), "industrial project"),
        ("approval-flow", ("agency_service",), "yes"),
        ("approval-flow", ("title",), "工业"),
        ("approval-flow", ("joint_review", "threshold_yuan"), 0),
        ("approval-flow", ("joint_review", "steps"), "fire"),
        ("approval-flow", ("groups",), {"id": "x"}),
        ("approval-flow", ("steps", 0, "requires"), "land"),
        ("approval-flow", ("steps", 0, "colour"), "red"),
        ("approval-flow", ("steps", 0, "item"), ""),
        ("approval-flow", ("steps", 1, "needs"), [1]),
        ("approval-flow", ("colour",), "red"),
        ("approval-project", ("flow",), "a b"),
        ("approval-project", ("investment_yuan",), -1),
        ("approval-project", ("investment_yuan",), "350000000"),
        ("approval-project", ("agent",), ""),
        ("approval-project", ("events", 0, "kind"), "pause"),
        ("approval-project", ("events", 0, "step"), 3),
        ("approval-project", ("events", 5, "basis", "year"), 1900),
        ("approval-project", ("events", 5, "basis", "page"), 3),
        ("approval-project", ("events",), {"step": "land"}),
        ("approval-project", ("colour",), "red"),
    ],
)
def test_what_the_schema_rejects_the_loader_rejects(kind: str, path: tuple[Any, ...], value: Any) -> None:
    good, load, error = _REJECTING[kind]
    doc = set_at(good, path, value)
    assert not _validator(kind).is_valid(doc)
    with pytest.raises(error):
        load(doc)


@pytest.mark.parametrize(
    "doc", [{"items": "land"}, {"items": [""]}, {"items": [1]}, {}, {"items": [], "x": 1}]
)
def test_what_the_catalogue_schema_rejects_the_loader_rejects(doc: dict[str, Any]) -> None:
    assert not _validator("approvals-catalogue").is_valid(doc)
    with pytest.raises(approvals.FlowError):
        approvals.load_catalogue(doc)


def test_errors_are_located_by_file_line_and_key(tmp_path: Path) -> None:
    text = (
        (DATA / "industrial_flow.toml").read_text("utf-8").replace("{ working_days = 15 }", "{ weeks = 3 }")
    )
    (tmp_path / "f.toml").write_text(text, "utf-8")
    with pytest.raises(approvals.FlowError) as exc:
        approvals.load_flow(tmp_path / "f.toml")
    assert "f.toml" in exc.value.en
    assert "steps[4].limit" in exc.value.en
    assert exc.value.zh
    assert "时限" in exc.value.zh
    with pytest.raises(approvals.ProjectError) as exc2:
        approvals.loads_project(
            'id = "p"\nflow = "f"\n[[events]]\nstep = "a"\nkind = "pause"\nat = 2026-09-01T09:00:00+08:00\n'
        )
    assert "events[0].kind" in exc2.value.en


# -- round trips on built values ------------------------------------------------------------

_LIMITS = st.one_of(
    st.builds(WorkingDays, st.integers(0, 60)),
    st.builds(CalendarDays, st.integers(0, 60)),
    st.sampled_from(["licensing.decision", "licensing.joint_decision"]).map(get_rule),
)
_TEXTS = st.none() | st.builds(
    Text, st.text("审批环节", min_size=1, max_size=4), st.text("abc", min_size=1, max_size=4)
)
_THINGS = st.lists(st.sampled_from(["opinion", "permit", "report"]), max_size=2, unique=True).map(tuple)


@st.composite
def flows(draw: st.DrawFn) -> approvals.Flow:
    n = draw(st.integers(1, 6))
    ids = [f"s{i}" for i in range(n)]
    grouped = set(draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))) if n > 2 else set()
    steps = []
    for i, sid in enumerate(ids):
        in_group = sid in grouped
        earlier = [x for x in ids[:i] if not (in_group and x in grouped)]
        steps.append(
            approvals.Step(
                sid,
                draw(st.sampled_from(["item-a", "item-b", "item-c"])),
                draw(st.none() | st.sampled_from(["bureau-a", "bureau-b"])),
                None if in_group else draw(_LIMITS),
                tuple(draw(st.lists(st.sampled_from(earlier), unique=True))) if earlier else (),
                "g" if in_group else None,
                draw(_TEXTS),
                draw(st.none() | _THINGS),
                draw(_THINGS),
            )
        )
    groups = (approvals.ParallelGroup("g", draw(_LIMITS), draw(_TEXTS)),) if grouped else ()
    joint = None
    if n >= 2 and draw(st.booleans()):
        joint = approvals.JointReview(tuple(ids[-2:]), draw(_LIMITS), draw(st.integers(1, 10**9)))
    try:
        return approvals.Flow(
            draw(st.sampled_from(["flow-a", "流程"])),
            Text("流程", "flow"),
            steps,
            draw(_LIMITS),
            groups,
            joint,
            draw(st.booleans()),
        )
    except GovEfficiencyError:
        assume(False)
        raise


def _assert_round_trips(kind: str, spec: Any, loads: Any, dumps: Any, value: Any) -> None:
    """``value`` dumped as TOML and as JSON loads back equal, and its document fits the schema."""
    assert loads(dumps(value)) == value
    assert loads(dumps(value, fmt="json"), fmt="json") == value
    assert _validator(kind).is_valid(spec.dump(value))


@settings(max_examples=80, deadline=None)
@given(flows())
def test_flow_dump_then_load_is_the_identity(flow: approvals.Flow) -> None:
    _assert_round_trips("approval-flow", FLOW, approvals.loads_flow, approvals.dumps_flow, flow)


@st.composite
def projects(draw: st.DrawFn) -> approvals.Project:
    events = []
    base = dt.datetime(2026, 9, 1, 9, tzinfo=CST)
    for sid in draw(st.lists(st.sampled_from(["land", "eia", "fire"]), unique=True, max_size=3)):
        kinds = [approvals.EventKind.START]
        if draw(st.booleans()):
            kinds += [approvals.EventKind.SUSPEND, approvals.EventKind.RESUME]
        if draw(st.booleans()):
            kinds.append(approvals.EventKind.COMPLETE)
        at = base
        for kind in kinds:
            at += dt.timedelta(minutes=draw(st.integers(0, 60 * 24 * 20)))
            events.append(
                approvals.ProjectEvent(sid, kind, at, BASIS if kind is approvals.EventKind.SUSPEND else None)
            )
    return approvals.Project(
        draw(st.sampled_from(["p-1", "项目"])),
        "flow-a",
        events,
        draw(_TEXTS),
        draw(st.none() | st.integers(0, 10**10)),
        draw(st.none() | st.just("agent-wang")),
    )


@settings(max_examples=80, deadline=None)
@given(projects())
def test_project_dump_then_load_is_the_identity(project: approvals.Project) -> None:
    _assert_round_trips(
        "approval-project", PROJECT, approvals.loads_project, approvals.dumps_project, project
    )


@settings(max_examples=50, deadline=None)
@given(st.frozensets(st.text("abc-审", min_size=1, max_size=6).filter(str.strip), max_size=5))
def test_catalogue_dump_then_load_is_the_identity(items: frozenset[str]) -> None:
    assert approvals.loads_catalogue(approvals.dumps_catalogue(items)) == items
    assert approvals.loads_catalogue(approvals.dumps_catalogue(items, fmt="json"), fmt="json") == items
    assert _validator("approvals-catalogue").is_valid(CATALOGUE.dump(items))


def test_dump_project_and_catalogue_to_files(tmp_path: Path) -> None:
    project = approvals.load_project(DATA / "project.toml")
    for suffix in ("toml", "json"):
        approvals.dump_project(project, tmp_path / f"p.{suffix}")
        assert approvals.load_project(tmp_path / f"p.{suffix}") == project
        approvals.dump_catalogue({"b", "a"}, tmp_path / f"c.{suffix}")
        assert approvals.load_catalogue(tmp_path / f"c.{suffix}") == {"a", "b"}


def test_bad_input_to_the_new_functions(tmp_path: Path) -> None:
    project = approvals.load_project(DATA / "project.toml")
    with pytest.raises(InvalidTypeError):
        approvals.dumps_project("project")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        approvals.dumps_project(project, fmt="yaml")
    with pytest.raises(InvalidInputError):
        approvals.dump_project(project, tmp_path / "p.yaml")
    with pytest.raises(InvalidTypeError):
        approvals.dump_project(project, 42)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        approvals.dumps_catalogue("land")
    with pytest.raises(InvalidTypeError):
        approvals.dumps_catalogue([1])  # type: ignore[list-item]
    with pytest.raises(InvalidInputError):
        approvals.dumps_catalogue(["a"], fmt="yaml")
    with pytest.raises(InvalidInputError):
        approvals.dump_catalogue(["a"], tmp_path / "c.txt")
    with pytest.raises(approvals.ProjectError):
        approvals.dump_project(project, tmp_path / "no-such-folder" / "p.toml")
    with pytest.raises(approvals.FlowError):
        approvals.dump_catalogue(["a"], tmp_path / "no-such-folder" / "c.json")
    with pytest.raises(approvals.FlowError):
        approvals.load_catalogue(tmp_path / "missing.json")
    with pytest.raises(approvals.FlowError):
        approvals.loads_catalogue("items = ", fmt="toml")


# -- fuzz ----------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    GARBAGE, st.sampled_from(["flow", "steps", "groups", "joint_review", "project", "events", "catalogue"])
)
def test_fuzz_the_loaders_with_structured_garbage(doc: Any, where: str) -> None:
    """Garbage at the top or in a nested table: only library errors."""
    if where == "flow":
        data: Any = doc
    elif where in ("steps", "groups"):
        data = {**_FLOW_DOC, where: [doc]}
    elif where == "joint_review":
        data = {**_FLOW_DOC, where: doc}
    elif where == "project":
        data = doc
    elif where == "events":
        data = {**_PROJECT_DOC, where: [doc]}
    else:
        data = {"items": doc}
    loader = (
        approvals.load_project
        if where in ("project", "events")
        else approvals.load_catalogue
        if where == "catalogue"
        else approvals.load_flow
    )
    if not isinstance(data, dict):
        data = {"x": data}
    with contextlib.suppress(GovEfficiencyError):
        loader(data)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_fuzz_the_loaders_with_random_bytes(raw: bytes) -> None:
    text = raw.decode("utf-8", errors="replace")
    fuzz_text(text, approvals.loads_flow, approvals.loads_project, approvals.loads_catalogue)
