"""The assessment scheme file format, declared once (SCHEME): loader, dumper and JSON
Schema agree; `govefficiency validate` / `schema` know the kind."""

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

from govefficiency import assessment
from govefficiency._kinds import detect_kind, get_kind
from govefficiency.assessment._io import SCHEME
from govefficiency.errors import GovEfficiencyError, InvalidTypeError, SchemeError
from govefficiency.testing import run_cli
from govefficiency.text import Text
from strategies import GARBAGE, fuzz_text

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "data" / "assessment" / "county-departments.toml"
PRESETS = ROOT / "src" / "govefficiency" / "assessment" / "presets"
SHIPPED = [EXAMPLE, *sorted(PRESETS.glob("*.toml"))]
VALIDATOR = jsonschema.Draft202012Validator(SCHEME.json_schema())


def _doc() -> dict[str, Any]:
    return copy.deepcopy(assessment.get_scheme("nanyang-quarterly").to_dict())


# -- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_every_shipped_scheme_round_trips(path: Path, fmt: str, tmp_path: Path) -> None:
    """load ∘ dump = identity, through text and through a file of each format."""
    scheme = assessment.load_scheme(path)
    assert assessment.loads_scheme(assessment.dumps_scheme(scheme, fmt=fmt), fmt=fmt) == scheme
    assessment.dump_scheme(scheme, tmp_path / f"s.{fmt}")
    assert assessment.load_scheme(tmp_path / f"s.{fmt}") == scheme
    assert assessment.Scheme.from_dict(scheme.to_dict()) == scheme


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scheme_validates_against_the_shipped_schema(path: Path) -> None:
    shipped = json.loads((ROOT / "src/govefficiency/schemas/assessment-scheme.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(shipped)
    data = tomllib.loads(path.read_text("utf-8"))
    jsonschema.Draft202012Validator(shipped).validate(data)
    VALIDATOR.validate(json.loads(assessment.dumps_scheme(assessment.load_scheme(path))))


_IDS = st.text("abcdefgh.", min_size=1, max_size=6)
_TEXTS = st.builds(Text, st.text("考核甲乙", min_size=1, max_size=3), st.text("abc", min_size=1, max_size=4))
_NUM = st.integers(1, 50).map(float)


@st.composite
def _rules(draw: st.DrawFn) -> tuple[Any, float]:
    """A rule and the points of an indicator it fits."""
    kind = draw(st.sampled_from(["linear", "bands", "rate", "deduction", "bonus", "appraisal"]))
    points = draw(_NUM)
    if kind == "linear":
        floor = draw(st.integers(0, 80))
        return assessment.Linear(floor, floor + draw(st.integers(1, 20))), points
    if kind == "bands":
        mins = sorted(draw(st.sets(st.integers(0, 100), min_size=1, max_size=4)))
        pts = sorted(draw(st.lists(st.integers(0, int(points)), min_size=len(mins), max_size=len(mins))))
        return assessment.Bands(list(zip(mins, pts, strict=True))), points
    if kind == "rate":
        return assessment.Proportional(), points
    if kind == "deduction":
        cap = draw(st.none() | st.integers(1, int(points)))
        return assessment.Deduction(draw(st.integers(1, 5)), cap), points
    if kind == "bonus":
        return assessment.Bonus(draw(st.integers(1, 5))), points
    ids = draw(st.lists(_IDS, min_size=1, max_size=3, unique=True))
    groups = tuple(assessment.RaterGroup(i, draw(_TEXTS), draw(_NUM)) for i in ids)
    return assessment.Appraisal(groups, draw(st.booleans())), points


@st.composite
def _schemes(draw: st.DrawFn) -> assessment.Scheme:
    categories = []
    for cid in draw(st.lists(_IDS, min_size=1, max_size=2, unique=True)):
        ids = draw(st.lists(_IDS, min_size=0, max_size=4, unique=True))
        indicators = []
        for i in ids[:-1] if ids else []:
            rule, points = draw(_rules())
            indicators.append(
                assessment.Indicator(
                    i,
                    draw(_TEXTS),
                    points,
                    rule,
                    source=draw(st.sampled_from(["", "台账"])),
                    key=draw(st.booleans()),
                )
            )
        facts = (
            [assessment.Fact(ids[-1], draw(_TEXTS), draw(st.sampled_from(list(assessment.Measure))))]
            if ids
            else []
        )
        categories.append(assessment.Category(cid, draw(_TEXTS), draw(_NUM), indicators, facts))
    mins = sorted(draw(st.sets(st.integers(0, 100), max_size=3)), reverse=True)
    grade_ids = draw(st.lists(_IDS, min_size=len(mins) + 1, max_size=len(mins) + 1, unique=True))
    grades = [
        assessment.Grade(gid, draw(_TEXTS), m, draw(st.none() | st.integers(0, 100)))
        for gid, m in zip(grade_ids, [*mins, None], strict=True)
    ]
    vetoes = []
    for vid in draw(st.lists(_IDS, max_size=2, unique=True)):
        effect = draw(st.sampled_from(list(assessment.EffectKind)))
        trigger = draw(st.sampled_from(list(assessment.TriggerKind)))
        vetoes.append(
            assessment.VetoRule(
                vid,
                draw(_TEXTS),
                trigger,
                draw(_IDS),
                effect,
                draw(_NUM) if trigger.below else draw(st.none() | _NUM),
                grade_ids[0] if effect is assessment.EffectKind.CAP_GRADE else None,
                tuple(draw(st.lists(_IDS, max_size=2, unique=True))),
            )
        )
    ranking = assessment.Ranking(
        draw(st.sampled_from(list(assessment.RankMethod))),
        tuple(draw(st.lists(_IDS, max_size=2, unique=True))),
        draw(st.integers(0, 5)),
        draw(st.integers(0, 5)),
    )
    return assessment.Scheme(
        draw(_IDS),
        draw(_TEXTS),
        draw(st.sampled_from(list(assessment.PeriodKind))),
        categories,
        grades,
        vetoes,
        draw(st.sampled_from(list(assessment.Rounding))),
        ranking,
        draw(st.none() | _TEXTS),
    )


@settings(max_examples=60, deadline=None)
@given(_schemes(), st.sampled_from(["toml", "json"]))
def test_built_schemes_round_trip_and_their_dump_fits_the_schema(scheme: assessment.Scheme, fmt: str) -> None:
    assert assessment.loads_scheme(assessment.dumps_scheme(scheme, fmt=fmt), fmt=fmt) == scheme
    VALIDATOR.validate(scheme.to_dict())


# -- what the schema rejects, the loader rejects ------------------------------------------------


def _set(path: str, value: Any) -> Any:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return change


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (_set("colour", "red"), "colour"),
        (_set("period", "week"), "period"),
        (_set("id", "a b"), "id"),
        (_set("name", "南阳"), "name"),
        (_set("grades/0/min_score", "85"), r"grades\[0\]\.min_score"),
        (_set("grades/0/quota", True), r"grades\[0\]\.quota"),
        (_set("categories/0/indicators/0/rule", {"kind": "magic"}), r"indicators\[0\]\.rule\.kind"),
        (_set("categories/0/indicators/0/rule", {"kind": "rate", "floor": 1}), r"rule\.floor"),
        (_set("categories/0/indicators/0/rule", {"kind": "linear", "floor": 50}), r"rule\.target"),
        (_set("categories/0/indicators/3/rule/steps", [[70, 3, 1]]), r"rule\.steps"),
        (_set("categories/0/indicators/3/rule/steps", []), r"rule\.steps"),
        (_set("categories/0/indicators/0/measure", "percent"), r"indicators\[0\]\.measure"),
        (_set("categories/0/indicators/0/key", "yes"), r"indicators\[0\]\.key"),
        (_set("categories/0/facts/0/measure", 3), r"facts\[0\]\.measure"),
        (_set("vetoes/0/effect", "fine"), r"vetoes\[0\]\.effect"),
        (_set("vetoes/0/categories", "county"), r"vetoes\[0\]\.categories"),
        (_set("ranking/top", -1), r"ranking\.top"),
        (_set("ranking/method", "olympic"), r"ranking\.method"),
    ],
)
def test_what_the_schema_rejects_the_loader_rejects(change: Any, where: str) -> None:
    doc = _doc()
    change(doc)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(doc)
    with pytest.raises(SchemeError, match=where):
        assessment.load_scheme(doc)


def test_constructor_invariants_are_located_too() -> None:
    """Beyond the schema: a rule the constructor checks is reported at the table that broke it."""
    doc = _doc()
    doc["grades"][-1]["min_score"] = 10
    with pytest.raises(SchemeError, match="catch-all"):
        assessment.load_scheme(doc)
    doc = _doc()
    doc["vetoes"][0]["effect"] = "exclude"  # cap_grade's grade left behind
    with pytest.raises(SchemeError, match=r"vetoes\[0\].*cap_grade"):
        assessment.load_scheme(doc)
    doc = _doc()
    doc["categories"][0]["indicators"][4]["rule"]["groups"] = []
    with pytest.raises(SchemeError, match=r"indicators\[4\]\.rule.*rater group"):
        assessment.load_scheme(doc)


def test_errors_in_a_file_name_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "s.toml"
    bad.write_text(EXAMPLE.read_text("utf-8").replace('kind = "linear"', 'kind = "lineal"', 1), "utf-8")
    with pytest.raises(SchemeError, match=r"s\.toml.*rule\.kind") as info:
        assessment.load_scheme(bad)
    assert info.value.zh
    assert "s.toml" in info.value.zh
    result = run_cli("validate", "--lang", "en", str(bad))
    assert result.code == 1
    assert result.out.startswith(f"{bad}:")
    assert "rule.kind" in result.out
    line = int(result.out.split(":")[1])
    assert "lineal" in bad.read_text("utf-8").splitlines()[line - 1]


# -- fuzz ------------------------------------------------------------------------------------

_PATHS = st.sampled_from(
    [
        "id",
        "ranking",
        "grades/0",
        "grades/0/quota",
        "categories/0/indicators/0/rule",
        "categories/0/indicators/3/rule/steps",
        "categories/0/indicators/4/rule/groups/0",
        "categories/0/facts",
        "vetoes/0",
        "vetoes/1/threshold",
    ]
)


@settings(max_examples=150, deadline=None)
@given(_PATHS, GARBAGE)
def test_fuzz_the_loader_with_structured_garbage(path: str, garbage: Any) -> None:
    doc = _doc()
    _set(path, garbage)(doc)
    with contextlib.suppress(GovEfficiencyError):
        assessment.load_scheme(doc)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_the_loader_with_random_bytes(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    fuzz_text(text, assessment.loads_scheme)


# -- bad input to the public functions ---------------------------------------------------------


def test_bad_arguments() -> None:
    with pytest.raises(InvalidTypeError):
        assessment.Scheme.from_dict([])  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        assessment.dump_scheme("scheme", "x.json")  # type: ignore[arg-type]
    with pytest.raises(SchemeError, match=r"\.toml or \.json"):
        assessment.dump_scheme(assessment.get_scheme("nanyang-quarterly"), "scheme.yaml")
    with pytest.raises(SchemeError, match="unknown format"):
        assessment.loads_scheme("{}", fmt="yaml")
    with pytest.raises(SchemeError, match="required"):
        assessment.load_scheme({})


# -- the kind: validate and schema --------------------------------------------------------------


def test_validate_recognises_the_example_and_the_presets() -> None:
    for path in SHIPPED:
        assert detect_kind(tomllib.loads(path.read_text("utf-8")), path) is get_kind("assessment-scheme")
        result = run_cli("validate", "--lang", "en", str(path))
        assert (result.code, result.out.strip()) == (0, "1 file(s) valid"), path


def test_validate_reports_the_scheme_findings(tmp_path: Path) -> None:
    """A well-formed scheme with a defect: check_scheme's finding, located, exit 1."""
    doc = _doc()
    doc["categories"][0]["total"] = 90  # the indicators add up to 100
    path = tmp_path / "s.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    result = run_cli("validate", "--lang", "en", str(path))
    assert result.code == 1
    assert "county" in result.out


def test_validate_says_a_metrics_csv_is_not_a_kind_it_checks() -> None:
    csv = ROOT / "examples" / "data" / "assessment" / "q3-metrics.csv"
    en = run_cli("validate", "--lang", "en", str(csv))
    assert en.code == 2
    assert "UNKNOWN_FORMAT" in en.out
    assert "not a file kind validate checks" in en.out
    zh = run_cli("validate", "--lang", "zh", str(csv))
    assert zh.code == 2
    assert "不是 validate 检查的文件类型" in zh.out
    js = json.loads(run_cli("validate", "--json", str(csv)).out)
    assert js["problems"][0]["code"] == "UNKNOWN_FORMAT"


def test_schema_command_prints_the_declared_schema() -> None:
    result = run_cli("schema", "assessment-scheme")
    assert result.code == 0
    schema = json.loads(result.out)
    assert schema == SCHEME.json_schema()
    rule = schema["$defs"]["indicator"]["properties"]["rule"]
    assert {s["properties"]["kind"]["const"] for s in rule["oneOf"]} == {
        "linear",
        "bands",
        "rate",
        "deduction",
        "bonus",
        "appraisal",
    }


@pytest.mark.parametrize("name", assessment.scheme_presets())
def test_presets_are_the_shipped_files(name: str) -> None:
    assert assessment.get_scheme(name) == assessment.load_scheme(PRESETS / f"{name}.toml")
