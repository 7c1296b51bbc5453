"""Procedure specs: presets, loading, composition (extends), and validation on load."""

from __future__ import annotations

import copy
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from govefficiency.citation import Citation
from govefficiency.decisions import (
    DECISION_CODES,
    Category,
    CheckKind,
    CheckRule,
    Condition,
    ConsultationRule,
    DecisionRecord,
    Exemption,
    FieldRef,
    IntervalRule,
    MeetingRule,
    MeetingType,
    OrderRule,
    ProcedureSpec,
    RequiredStep,
    StepKind,
    Unit,
    get_procedure,
    procedure_presets,
    validate_decision,
)
from govefficiency.decisions._codes import NOT_APPLICABLE, NOT_ARCHIVED, STEP_MISSING
from govefficiency.errors import InvalidInputError, InvalidTypeError, ProcedureSpecError
from govefficiency.text import Text

DECREE = Citation(Text("重大行政决策程序暂行条例", "Decree 713"), "30", 2019)


def _child(*rules: dict[str, Any], extends: str | None = "national", **top: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": "locality",
        "title": {"zh": "某地程序", "en": "a locality"},
        "sources": {"local": {"name": {"zh": "某地规定", "en": "local rules"}, "year": 2024}},
        "rules": list(rules),
    }
    doc.update(top)
    if extends is not None:
        doc["extends"] = extends
    return doc


def _rule(**fields: Any) -> dict[str, Any]:
    return {"citation": {"law": "local", "article": "1"}, **fields}


COMMENT = {
    "id": "comment-period",
    "type": "interval",
    "from": "public_comment.published",
    "to": "public_comment.closed",
    "code": "SHORTENED_WITHOUT_REASON",
    "waiver": "public_comment.shortened_reason",
    "waived_code": "COMMENT_PERIOD_TOO_SHORT",
}


def _load_error(doc: dict[str, Any]) -> ProcedureSpecError:
    with pytest.raises(ProcedureSpecError) as info:
        ProcedureSpec.load(doc)
    return info.value


class TestPresets:
    def test_ids(self) -> None:
        """Two presets ship: the national procedure and the seed practice."""
        assert procedure_presets() == ("national", "seed-practice")

    def test_national_cites_decree_713(self) -> None:
        """Every national rule cites decree 713 (2019) with an article number."""
        spec = get_procedure("national")
        assert spec.lineage == ()
        for rule in spec.rules:
            assert rule.citation.law.zh == "重大行政决策程序暂行条例"
            assert rule.citation.year == 2019
            assert rule.citation.article.isdigit()

    def test_seed_practice_extends_national(self) -> None:
        """The seed practice keeps every national rule and adds its own, citing the seeds;
        it tightens the national art. 13 consultation (agreement required, seed citations)."""
        national = get_procedure("national")
        seed = get_procedure("seed-practice")
        assert seed.lineage == ("national",)
        assert [r.id for r in seed.rules[: len(national.rules)]] == [r.id for r in national.rules]
        added = seed.rules[len(national.rules) :]
        assert {r.id for r in added} >= {
            "alternatives",
            "citizen-representatives",
            "supervising-opinion",
        }
        base = national.rule("department-consultation")
        tightened = seed.rule("department-consultation")
        assert isinstance(base, ConsultationRule)
        assert isinstance(tightened, ConsultationRule)
        assert (base.require_agreement, base.require_reasons) == (False, True)
        assert base.citation.article == "13"
        assert (tightened.require_agreement, tightened.require_reasons) == (True, True)
        assert tightened.citation.law.zh == "延寿县人民政府关于进一步提升政府执行力的意见"
        seeds = {"株洲市人民政府关于推行四项机制的决定", "延寿县人民政府关于进一步提升政府执行力的意见"}
        seeds.add("南阳市人民政府关于加强政府效能建设的意见")
        assert {r.citation.law.zh for r in added} == seeds

    def test_cached_and_picklable(self) -> None:
        """Presets are cached values that survive pickling."""
        spec = get_procedure("seed-practice")
        assert get_procedure("seed-practice") is spec
        assert pickle.loads(pickle.dumps(spec)) == spec

    def test_rule_lookup(self) -> None:
        """A rule is found by id; an unknown id raises InvalidInputError."""
        spec = get_procedure("national")
        rule = spec.rule("legality-review-time")
        assert isinstance(rule, IntervalRule)
        assert rule.unit is Unit.WORKING_DAYS
        assert rule.minimum == 7
        with pytest.raises(InvalidInputError):
            spec.rule("no-such-rule")

    def test_bad_preset(self) -> None:
        """An unknown preset id names the known ones; a non-string is a type error."""
        with pytest.raises(ProcedureSpecError, match="seed-practice"):
            get_procedure("hunan")
        with pytest.raises(InvalidTypeError):
            get_procedure(713)  # type: ignore[arg-type]


def _exemption(rule_id: str, category: str, zh: str, en: str) -> dict[str, Any]:
    """An exemption rule for one category of matters."""
    return _rule(
        id=rule_id, type="exemption", when={"categories": [category]}, description={"zh": zh, "en": en}
    )


class TestCompose:
    def test_file_extends_national(self, data: Path) -> None:
        """A locality file tightens the comment period and adds a requirement."""
        city = ProcedureSpec.load(data / "city.toml")
        assert city.id == "city"
        assert city.lineage == ("national",)
        rule = city.rule("comment-period")
        assert isinstance(rule, IntervalRule)
        assert (rule.minimum, rule.waived_minimum) == (45, 10)
        assert rule.citation.law.zh == "某市重大行政决策程序规定"
        assert city.rule("legality-review").citation.article == "25"  # inherited untouched
        assert isinstance(city.rule("post-evaluation"), RequiredStep)

    def test_json_file(self, data: Path, tmp_path: Path) -> None:
        """A spec in JSON loads like its TOML twin."""
        import tomllib

        doc = tomllib.loads((data / "city.toml").read_text(encoding="utf-8"))
        path = tmp_path / "city.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        assert ProcedureSpec.load(path) == ProcedureSpec.load(data / "city.toml")

    def test_file_chain(self, data: Path) -> None:
        """A district extends the city by relative path, inheriting its sources."""
        district = ProcedureSpec.load(data / "district.toml")
        assert district.lineage == ("city", "national")
        rule = district.rule("hearing-materials")
        assert isinstance(rule, IntervalRule)
        assert rule.minimum == 10
        assert rule.citation.law.en == "City Rules on Major Decision Procedure"

    def test_tightening_applies(self, compliant: DecisionRecord, data: Path) -> None:
        """The city's 45 days make the compliant 31-day comment too short."""
        city = ProcedureSpec.load(data / "city.toml")
        assert "SHORTENED_WITHOUT_REASON" in [f.code for f in validate_decision(compliant, city)]

    def test_loosening_rejected(self) -> None:
        """A locality cannot shorten the national 30 days."""
        error = _load_error(_child(_rule(**COMMENT, minimum=20)))
        assert "loosens" in error.en
        assert "comment-period" in error.en

    def test_lower_severity_rejected(self) -> None:
        """A locality cannot downgrade a national error to a warning."""
        rule = _rule(
            id="archiving", type="required", steps=["archiving"], code="NOT_ARCHIVED", severity="warning"
        )
        assert "severity" in _load_error(_child(rule)).en

    def test_more_meetings_rejected(self) -> None:
        """A locality cannot admit the mayor's office meeting (seed 000's practice) nationally."""
        rule = _rule(id="meeting-type", type="meeting", allowed=["standing", "plenary", "office"])
        assert "loosens" in _load_error(_child(rule)).en

    def test_narrower_condition_rejected(self) -> None:
        """A required step cannot be made to apply to fewer matters."""
        rule = _rule(
            id="legality-review",
            type="required",
            steps=["legality_review"],
            code="LEGALITY_REVIEW_MISSING",
            when={"any": ["public_interest"]},
        )
        assert "fewer matters" in _load_error(_child(rule)).en

    def test_type_change_rejected(self) -> None:
        """Reusing a national rule id for another rule type is an error."""
        rule = _rule(id="publication", type="check", check="head_speaks_last")
        assert "type" in _load_error(_child(rule)).en

    def test_new_exemption_rejected(self) -> None:
        """An extending spec cannot exempt more matters."""
        rule = _exemption("small-projects", "public_construction", "小项目", "small projects")
        assert "exempt" in _load_error(_child(rule)).en

    def test_narrower_exemption_allowed(self) -> None:
        """Overriding an exemption to cover fewer matters is a tightening."""
        rule = _exemption("excluded-category", "legislation", "仅政府立法", "legislation only")
        spec = ProcedureSpec.load(_child(rule))
        exemption = spec.rule("excluded-category")
        assert isinstance(exemption, Exemption)
        assert exemption.when.categories == {Category.LEGISLATION}

    def test_stricter_waiver_floor(self) -> None:
        """Adding a floor under the waiver tightens; lowering an existing one loosens."""
        spec = ProcedureSpec.load(_child(_rule(**COMMENT, minimum=30, waived_minimum=7)))
        first = spec.rule("comment-period")
        assert isinstance(first, IntervalRule)
        assert first.waived_minimum == 7
        grandchild = _child(_rule(**COMMENT, minimum=30, waived_minimum=3), id="village", extends="locality")
        with pytest.raises(ProcedureSpecError, match="floor"):
            ProcedureSpec.load(grandchild, base=spec)

    def test_base_parameter(self) -> None:
        """base= supplies a parent that is neither a preset nor a file."""
        parent = ProcedureSpec.load(_child(extends=None, id="province"))
        child = ProcedureSpec.load(_child(extends="province"), base=parent)
        assert child.lineage == ("province",)

    def test_unused_base(self) -> None:
        """A base that the spec does not extend is reported rather than ignored."""
        parent = get_procedure("national")
        with pytest.raises(InvalidInputError):
            ProcedureSpec.load(_child(extends=None), base=parent)
        with pytest.raises(InvalidTypeError):
            ProcedureSpec.load(_child(), base="national")  # type: ignore[arg-type]

    def test_unknown_parent(self) -> None:
        """An unknown parent is a located error listing the presets."""
        error = _load_error(_child(extends="hunan"))
        assert error.location == "extends"
        assert "national" in error.en

    def test_file_cycle(self, tmp_path: Path) -> None:
        """Two files extending each other are rejected."""
        (tmp_path / "a.toml").write_text(
            'id = "a"\nextends = "b.toml"\ntitle = {zh = "甲", en = "a"}\nrules = []\n'
        )
        (tmp_path / "b.toml").write_text(
            'id = "b"\nextends = "a.toml"\ntitle = {zh = "乙", en = "b"}\nrules = []\n'
        )
        with pytest.raises(ProcedureSpecError, match="cycle"):
            ProcedureSpec.load(tmp_path / "a.toml")

    def test_same_id_rejected(self) -> None:
        """A spec cannot extend one with its own id."""
        assert "own id" in _load_error(_child(id="national")).en

    def test_extend_method(self) -> None:
        """extend() composes spec values directly and checks its argument."""
        parent = get_procedure("national")
        rule = RequiredStep(id="post", citation=DECREE, steps=[StepKind.POST_EVALUATION], code=STEP_MISSING)
        child = ProcedureSpec("post", Text("后评估", "post-evaluation"), [rule])
        merged = parent.extend(child)
        assert merged.rules[-1] == rule
        assert len(merged.rules) == len(parent.rules) + 1
        with pytest.raises(InvalidTypeError):
            parent.extend("post")  # type: ignore[arg-type]


class TestValidationOnLoad:
    def test_unknown_code(self) -> None:
        """An unknown finding code is a located error."""
        rule = _rule(id="x", type="required", steps=["post_evaluation"], code="POST_EVAL_MISSING")
        assert _load_error(_child(rule)).location == "rules[0].code"

    def test_code_must_fit_rule_type(self) -> None:
        """A code whose message needs parameters the rule type lacks is rejected."""
        rule = _rule(id="x", type="required", steps=["post_evaluation"], code="HEARING_MATERIALS_LATE")
        assert "cannot be used" in _load_error(_child(rule)).en

    def test_unknown_source(self) -> None:
        """A citation must name a declared source."""
        rule = {
            "id": "x",
            "type": "required",
            "steps": ["post_evaluation"],
            "code": "STEP_MISSING",
            "citation": {"law": "nowhere"},
        }
        assert _load_error(_child(rule)).location == "rules[0].citation.law"

    def test_unknown_fact(self) -> None:
        """Conditions use the documented facts only."""
        rule = _rule(
            id="x", type="required", steps=["post_evaluation"], code="STEP_MISSING", when={"any": ["urgent"]}
        )
        error = _load_error(_child(rule))
        assert error.location == "rules[0].when"
        assert "livelihood" in error.en

    def test_bad_field_reference(self) -> None:
        """Interval rules name existing date fields, and waivers existing text fields."""
        rule = _rule(**{**COMMENT, "id": "x", "to": "public_comment.deadline", "minimum": 5})
        assert _load_error(_child(rule)).location == "rules[0].to"
        rule = _rule(**{**COMMENT, "id": "x", "waiver": "hearing.date", "minimum": 5})
        assert _load_error(_child(rule)).location == "rules[0].waiver"

    def test_cycle_rejected(self) -> None:
        """Order rules that contradict each other make a spec no record could satisfy."""
        rule = _rule(id="x", type="order", before=["publication"], after=["legality_review"])
        assert "cycle" in _load_error(_child(rule)).en

    def test_duplicate_rule_id(self) -> None:
        """Two rules with one id in the same file are rejected."""
        rule = _rule(id="x", type="required", steps=["post_evaluation"], code="STEP_MISSING")
        assert "twice" in _load_error(_child(rule, copy.deepcopy(rule))).en

    def test_unknown_rule_key(self) -> None:
        """A misspelt rule key is rejected."""
        rule = _rule(id="x", type="required", steps=["post_evaluation"], code="STEP_MISSING", wen={})
        assert _load_error(_child(rule)).location == "rules[0].wen"

    def test_exemption_needs_condition(self) -> None:
        """An exemption without a condition would exempt everything."""
        rule = _rule(id="x", type="exemption", description={"zh": "全部", "en": "all"})
        assert _load_error(_child(rule, extends=None)).location == "rules[0].when"

    def test_waived_minimum_needs_code(self) -> None:
        """A floor under a waiver needs the code to report it."""
        rule = _rule(**{**COMMENT, "id": "x", "minimum": 30, "waived_minimum": 5})
        del rule["waived_code"]
        assert "waived_code" in _load_error(_child(rule, extends=None)).en


class TestValues:
    def test_condition_holds(self, compliant: DecisionRecord) -> None:
        """Conditions combine any/all/none facts and categories."""
        matter = compliant.matter
        assert Condition().holds(matter)
        assert Condition(any_of={"emergency", "livelihood"}).holds(matter)
        assert not Condition(all_of={"emergency", "livelihood"}).holds(matter)
        assert not Condition(none_of={"livelihood"}).holds(matter)
        assert Condition(categories={Category.PUBLIC_POLICY}).holds(matter)
        assert Condition(any_of={"touches_departments"}).holds(matter)

    def test_condition_implies(self) -> None:
        """implies() compares conditions over every matter."""
        wide = Condition(any_of={"livelihood", "public_interest"})
        narrow = Condition(any_of={"livelihood"})
        assert narrow.implies(wide)
        assert not wide.implies(narrow)
        assert Condition(all_of={"livelihood", "specialised"}).implies(narrow)
        assert narrow.implies(Condition())

    def test_condition_words(self) -> None:
        """Conditions can be described in both languages."""
        text = Condition(any_of={"exploratory_reform"}).describe()
        assert (text.zh, text.en) == ("探索性改革", "exploratory reform")
        assert Condition().describe().en == "every major decision"

    def test_condition_bad_arguments(self, compliant: DecisionRecord) -> None:
        """holds() wants a Matter and implies() a Condition."""
        with pytest.raises(InvalidTypeError):
            Condition().holds(compliant)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            Condition().implies({"any": ["livelihood"]})  # type: ignore[arg-type]

    def test_condition_bad_fact(self) -> None:
        """Unknown facts and non-category values are rejected."""
        with pytest.raises(ProcedureSpecError):
            Condition(any_of={"urgent"})
        with pytest.raises(InvalidTypeError):
            Condition(categories={"legislation"})  # type: ignore[arg-type]

    def test_field_ref(self) -> None:
        """Field references parse 'kind.field' and reject unknown steps and fields."""
        ref = FieldRef.parse("legality_review.opinion")
        assert (ref.step, ref.field, str(ref)) == (
            StepKind.LEGALITY_REVIEW,
            "opinion",
            "legality_review.opinion",
        )
        assert ref.label.en == "the legality opinion"
        with pytest.raises(ProcedureSpecError):
            FieldRef.parse("meeting.date")
        with pytest.raises(InvalidTypeError):
            FieldRef.parse(7)  # type: ignore[arg-type]
        with pytest.raises(ProcedureSpecError):
            FieldRef(StepKind.HEARING, "closed")
        with pytest.raises(InvalidTypeError):
            FieldRef("hearing", "date")  # type: ignore[arg-type]

    def test_rule_construction_checks(self) -> None:
        """Rule values validate their parameters."""
        with pytest.raises(ProcedureSpecError):
            OrderRule(id="x", citation=DECREE, before=[StepKind.PUBLICATION], after=[StepKind.PUBLICATION])
        with pytest.raises(ProcedureSpecError):
            MeetingRule(id="x", citation=DECREE, allowed=[])
        with pytest.raises(ProcedureSpecError):
            CheckRule(
                id="x", citation=DECREE, check=CheckKind.HEAD_SPEAKS_LAST, allow_legal_risk_when=Condition()
            )
        with pytest.raises(ProcedureSpecError):
            RequiredStep(id="x", citation=DECREE, steps=[StepKind.PUBLICATION], code=NOT_APPLICABLE)
        with pytest.raises(InvalidTypeError):
            RequiredStep(id="x", citation="art. 30", steps=[StepKind.PUBLICATION], code=NOT_ARCHIVED)  # type: ignore[arg-type]
        with pytest.raises(ProcedureSpecError):
            RequiredStep(id=" x", citation=DECREE, steps=[StepKind.PUBLICATION], code=NOT_ARCHIVED)

    def test_spec_construction_checks(self) -> None:
        """A spec rejects non-rules and duplicate ids."""
        rule = MeetingRule(id="m", citation=DECREE, allowed=[MeetingType.STANDING])
        with pytest.raises(InvalidTypeError):
            ProcedureSpec("s", Text("甲", "a"), ["m"])  # type: ignore[list-item]
        with pytest.raises(ProcedureSpecError, match="twice"):
            ProcedureSpec("s", Text("甲", "a"), [rule, rule])

    def test_every_code_documented(self) -> None:
        """Every code appears in the documentation's code table."""
        docs = (Path(__file__).resolve().parents[2] / "docs" / "decisions.md").read_text(encoding="utf-8")
        for code in DECISION_CODES:
            assert f"`{code.code}`" in docs
