"""Every file kind: detection, the `validate` and `schema` commands, located errors, the
shipped schemas, and every example file against its schema. The per-format agreement of
loader, dumper and JSON Schema is in ``test_format.py``."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from govefficiency._kinds import KINDS, get_kind
from govefficiency._locate import locate, split_path
from govefficiency.errors import GovEfficiencyError
from govefficiency.testing import run_cli

DATA = Path(__file__).parents[1] / "ledger" / "data"


def test_every_kind_resolves():
    """Each registered kind names a loader (and checker/format) that exists."""
    from govefficiency._kinds import _resolve

    for kind in KINDS:
        assert callable(_resolve(kind.loader)), kind.name
        if kind.checker:
            assert callable(_resolve(kind.checker))
        if kind.format:
            assert kind.json_schema() is not None
    with pytest.raises(GovEfficiencyError, match="unknown file kind"):
        get_kind("spreadsheet")


class TestLocate:
    def test_split_path(self):
        assert split_path("items[3].time_nodes[1].share") == ("items", 3, "time_nodes", 1, "share")

    def test_toml_array_tables(self):
        text = '[[items]]\nid = "a"\n\n[[items]]\nid = "b"\ntitle = "x"\n'
        assert locate(text, "toml", "items[1].title") == (6, 1)
        assert locate(text, "toml", "items[1]") == (4, 1)

    def test_json(self):
        text = '{\n  "items": [\n    {"id": "a"},\n    {"id": "b",\n     "title": ""}\n  ]\n}'
        assert locate(text, "json", "items[1].title") == (5, 6)

    def test_syntax_errors_carry_their_own_position(self):
        assert locate("x", "json", None, "invalid JSON at line 3, column 7: boom") == (3, 7)


class TestCommands:
    def test_validate_a_good_and_a_bad_file(self, tmp_path):
        bad = tmp_path / "bad.toml"
        bad.write_text(
            (DATA / "checklist.toml").read_text("utf-8").replace("share = 50 }", "share = 500 }"), "utf-8"
        )
        result = run_cli("validate", str(DATA / "checklist.toml"), str(bad), "--lang", "en")
        assert result.code == 1
        assert result.out.splitlines() == [
            f"{bad}:17:1: INVALID_FILE items[0].time_nodes[1].share: must be at most 100; got 500"
        ]

    def test_validate_json_output_and_all_good(self):
        result = run_cli("validate", str(DATA / "checklist.toml"), "--json")
        assert result.code == 0
        assert json.loads(result.out) == {"problems": [], "files": 1}

    def test_unknown_kind_and_unreadable_file(self, tmp_path):
        odd = tmp_path / "odd.json"
        odd.write_text('{"colour": "red"}', "utf-8")
        result = run_cli("validate", str(odd), "--lang", "en")
        assert (result.code, "UNKNOWN_KIND" in result.out) == (1, True)
        missing = run_cli("validate", str(tmp_path / "missing.toml"), "--lang", "en")
        assert (missing.code, "UNREADABLE" in missing.out) == (2, True)
        assert run_cli("validate", str(odd), "--kind", "nope").code == 2

    def test_syntax_error_has_its_line(self, tmp_path):
        broken = tmp_path / "broken.toml"
        broken.write_text("year = 2026\n[[items]\n", "utf-8")
        result = run_cli("validate", str(broken), "--lang", "en")
        assert result.code == 1
        assert result.out.startswith(f"{broken}:2:")
        assert "SYNTAX_ERROR" in result.out

    def test_org_chart_findings_are_reported(self, tmp_path):
        org = tmp_path / "city.org-chart.toml"
        org.write_text('[[units]]\nid = "a"\nname = {zh = "甲", en = "A"}\n', "utf-8")
        result = run_cli("validate", str(org), "--lang", "en")
        assert result.code == 1
        lines = result.out.splitlines()
        assert f"{org}:1:1: NO_HEAD " in lines[0]
        assert any(line.startswith(f"{org}:2:6: UNIT_WITHOUT_SUPERVISOR unit a has no") for line in lines)

    def test_schema(self):
        result = run_cli("schema", "checklist")
        assert result.code == 0
        assert json.loads(result.out)["title"] == "checklist"
        assert json.loads(run_cli("schema", "org-chart", "--lang", "en").out)["title"] == "org-chart"
        assert run_cli("schema", "nope").code == 2


def test_shipped_schemas_are_up_to_date():
    """src/govefficiency/schemas/KIND.json is what `govefficiency schema KIND` prints
    (regenerate with: govefficiency schema KIND > src/govefficiency/schemas/KIND.json)."""
    shipped = Path(__file__).parents[2] / "src" / "govefficiency" / "schemas"
    declared = {kind.name for kind in KINDS if kind.format}
    assert {p.stem for p in shipped.glob("*.json")} == declared
    for name in declared:
        assert json.loads((shipped / f"{name}.json").read_text("utf-8")) == get_kind(name).json_schema()


@pytest.mark.parametrize(
    ("keys", "kind"),
    [
        ({"rules"}, "rules"),
        ({"id", "title", "rules"}, "procedure"),
        ({"items", "year"}, "checklist"),
        ({"units", "leaders"}, "org-chart"),
        ({"matter", "steps"}, "decision-record"),
        ({"year", "source", "days"}, "calendar-patch"),
        ({"cases"}, "cases"),
        ({"levels", "id"}, "escalation-policy"),
        ({"seq", "hash", "prev", "payload", "recorded", "kind", "item", "corrects"}, "ledger-entry"),
    ],
)
def test_kind_detection_by_keys(keys, kind):
    from govefficiency._kinds import detect_kind

    found = detect_kind(dict.fromkeys(keys, 1), Path("file.toml"))
    assert found is not None
    assert found.name == kind


def test_kind_detection_by_schema_and_suffix():
    from govefficiency._kinds import detect_kind

    assert (
        detect_kind({"$schema": "https://x/schemas/review-policy.json"}, Path("a.toml")).name
        == "review-policy"
    )
    assert detect_kind({}, Path("city.org-chart.toml")).name == "org-chart"
    assert detect_kind({"colour": 1}, Path("a.toml")) is None


# -- every shipped example file against its schema ----------------------------------------------

ROOT = Path(__file__).parents[2]

#: Example files broken on purpose: the schema and the loader must both refuse them.
BROKEN_EXAMPLES = {
    "examples/data/checklist-with-a-typo.toml",
    "examples/patches/cn-2027-template.toml",
}

#: Example files of kinds `validate` does not register yet, whose keys make them look like
#: another kind (a services catalogue has `items`, like a checklist).
#: Examples that name their parent procedure by id (`extends = "city"`): they load only with
#: the parent passed as ``base=`` (docs/decisions.md), so only their schema is checked here.
NEEDS_PARENT = {"examples/data/decisions/village.toml"}

MISREAD_EXAMPLES: set[str] = set()


def _declared_examples() -> list[tuple[str, str]]:
    """Each shipped example file (examples/data, examples/patches) whose kind declares its
    format, with that kind (recognised as `govefficiency validate` does)."""
    import tomllib

    from govefficiency._kinds import detect_kind

    found = []
    for folder in ("examples/data", "examples/patches"):
        for path in sorted((ROOT / folder).rglob("*")):
            name = str(path.relative_to(ROOT))
            if path.suffix == ".jsonl":
                found.append((name, "ledger-entry"))
                continue
            if path.suffix not in (".toml", ".json") or name in MISREAD_EXAMPLES:
                continue
            text = path.read_text("utf-8")
            data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
            kind = detect_kind(data, path) if isinstance(data, dict) else None
            if kind is not None and kind.format is not None:
                found.append((name, kind.name))
    return found


EXAMPLES = _declared_examples()


def _json_ready(path: Path) -> list[object]:
    """The documents of an example file as JSON would hold them (TOML dates as strings;
    one document per line of a .jsonl file)."""
    import tomllib

    text = path.read_text("utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    return [json.loads(json.dumps(data, default=str))]


@pytest.mark.parametrize(("name", "kind_name"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_every_example_file_against_its_schema(name, kind_name):
    """Valid examples satisfy their kind's shipped schema and load; the broken ones are
    refused by both the schema and the loader."""
    path = ROOT / name
    kind = get_kind(kind_name)
    shipped = json.loads(
        (ROOT / "src" / "govefficiency" / "schemas" / f"{kind_name}.json").read_text("utf-8")
    )
    validator = jsonschema.Draft202012Validator(shipped)
    documents = _json_ready(path)
    if name not in BROKEN_EXAMPLES:
        for doc in documents:
            validator.validate(doc)
        if path.suffix == ".jsonl":
            from govefficiency.ledger import read_jsonl, verify_entries

            assert verify_entries(read_jsonl(path)).ok
        elif name not in NEEDS_PARENT:
            kind.load(path)
    else:
        assert any(not validator.is_valid(doc) for doc in documents)
        with pytest.raises(GovEfficiencyError):
            kind.load(path)


def test_the_examples_cover_the_declared_formats():
    """Every declared kind that has shipped examples is recognised in them (a guard against
    a detection change silently skipping files)."""
    covered = {kind for _, kind in EXAMPLES}
    assert covered >= {
        "checklist",
        "decision-record",
        "rules",
        "calendar-patch",
        "escalation-policy",
        "cases",
        "ledger-entry",
    }
    assert {name for name, _ in EXAMPLES} >= BROKEN_EXAMPLES
    assert dict(EXAMPLES)["examples/data/escalation/city-lights.toml"] == "escalation-policy"
    assert dict(EXAMPLES)["examples/data/escalation/cases.toml"] == "cases"
