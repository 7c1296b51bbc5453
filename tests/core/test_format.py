"""One declaration per file format: loader, dumper and JSON Schema agree (the checklist, the
review policy, the deadline rule file, the calendar patch and the decision record). File kinds,
the `validate` and `schema` commands and the shipped examples are in ``test_format_kinds.py``."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings

from govefficiency.errors import GovEfficiencyError, LedgerFileError
from govefficiency.ledger import dumps_checklist, load_checklist, loads_checklist
from govefficiency.ledger._checklist_io import CHECKLIST
from govefficiency.testing import at, sample_item
from strategies import GARBAGE

DATA = Path(__file__).parents[1] / "ledger" / "data"

#: Structure-aware garbage for the loader fuzz tests.


def refused_by_schema_and_loader(
    doc: Any, declaration: Any, load: Callable[[Any], object], error: type[Exception]
) -> pytest.ExceptionInfo[Exception]:
    """``doc`` breaks the JSON Schema of ``declaration`` and ``load`` refuses it with ``error``
    (the schema and the loader agree); the loader's exception, to look at further."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(declaration.json_schema()).validate(doc)
    with pytest.raises(error) as info:
        load(doc)
    return info


def test_dump_then_load_gives_the_same_items():
    items = (sample_item("T1"), sample_item("T2", start=dt.date(2026, 2, 1), assisting_units=()))
    doc = json.loads(dumps_checklist(items, fmt="json", opened_at=at(2026, 1, 5)))
    values = CHECKLIST.load(doc)
    assert (values["items"], values["opened_at"]) == (items, at(2026, 1, 5))
    assert loads_checklist(dumps_checklist(items)) == items


def test_the_shipped_checklist_validates_against_its_schema():
    import tomllib

    schema = CHECKLIST.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    data = json.loads(json.dumps(tomllib.loads((DATA / "checklist.toml").read_text("utf-8")), default=str))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(
    "change",
    [
        {"share": 500},
        {"colour": "red"},
        {"id": "a b"},
        {"deadline": "31/12/2026"},
        {"assisting_units": "finance"},
        {"year": True},
        {"title": ""},
    ],
)
def test_what_the_schema_rejects_the_loader_rejects(change):
    """A handful of defects: the JSON Schema and the loader both refuse each."""
    item = CHECKLIST.dump({"year": None, "opened_at": None, "items": (sample_item(),)})["items"][0]
    if "share" in change:
        item["time_nodes"][0]["share"] = change["share"]
    else:
        item.update(change)
    doc = {"items": [item]}
    refused_by_schema_and_loader(doc, CHECKLIST, load_checklist, LedgerFileError)


@settings(max_examples=150, deadline=None)
@given(GARBAGE)
def test_fuzz_the_checklist_loader(doc):
    """Structure-aware garbage: only library errors, never a bare exception."""
    data = {"items": [doc]} if not isinstance(doc, dict) else doc
    with contextlib.suppress(GovEfficiencyError):
        CHECKLIST.load(data)


def test_review_policy_round_trips_and_its_schema_agrees():
    from govefficiency.ledger import Basis, ReviewPolicy
    from govefficiency.ledger._policy import REVIEW_POLICY

    policy = ReviewPolicy(tolerance=5.0, basis=Basis.PLAN, working_days=False, reply_days=3, report_window=40)
    assert ReviewPolicy.load(policy.to_dict()) == policy
    assert ReviewPolicy.load(ReviewPolicy().to_dict()) == ReviewPolicy()
    jsonschema.Draft202012Validator(REVIEW_POLICY.json_schema()).validate(policy.to_dict())
    for bad in ({"basis": "vibes"}, {"reply_days": 0}, {"colour": 1}, {"working_days": "no"}):
        refused_by_schema_and_loader(bad, REVIEW_POLICY, ReviewPolicy.load, LedgerFileError)


# -- the deadline rule file ------------------------------------------------------------------

RULE_DOC = {
    "rules": [
        {
            "id": "local.permit",
            "title": {"zh": "本地许可", "en": "Local permit"},
            "citation": {"law": {"zh": "某市条例", "en": "City regulation"}, "article": "12", "year": 2024},
            "unit": "working_days",
            "length": 8,
            "starts_from": {"zh": "受理之日", "en": "acceptance"},
            "extension": {"unit": "working_days", "max": 4, "approver": {"zh": "负责人", "en": "the head"}},
        }
    ]
}


def test_the_rule_file_round_trips_through_to_dict():
    """Every shipped preset (composite, alternative, consequence, before-rules…) dumps
    and loads back to an equal registry, and the dump satisfies the schema."""
    from govefficiency.deadlines import RuleRegistry, rule_presets
    from govefficiency.deadlines._rules import RULES

    registry = rule_presets()
    doc = json.loads(json.dumps(registry.to_dict()))
    assert RuleRegistry.from_dict(doc) == registry
    assert RuleRegistry.load(RULE_DOC).to_dict() == RULE_DOC | {
        "rules": [RULE_DOC["rules"][0] | {"extension": RULE_DOC["rules"][0]["extension"] | {"times": 1}}]
    }
    schema = RULES.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(doc)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("length",), -8),
        (("unit",), "weeks"),
        (("citation", "chapter"), 3),
        (("id",), ""),
        (("extension", "times"), 0),
        (("direction",), "sideways"),
        (("title",), "Local permit"),
        (("not_counted",), {"zh": "中止", "en": "suspension"}),
    ],
)
def test_what_the_rule_schema_rejects_the_loader_rejects(path, value):
    import copy

    from govefficiency.deadlines import RuleRegistry
    from govefficiency.deadlines._rules import RULES
    from govefficiency.errors import RuleError

    doc = copy.deepcopy(RULE_DOC)
    target = doc["rules"][0]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    info = refused_by_schema_and_loader(doc, RULES, RuleRegistry.load, RuleError)
    assert info.value.location.startswith("rules[0]")


def test_an_article_may_be_written_as_a_number():
    """``article = 42`` was always read as "42"; the declared format keeps that."""
    import copy

    from govefficiency.deadlines import RuleRegistry

    doc = copy.deepcopy(RULE_DOC)
    doc["rules"][0]["citation"]["article"] = 42
    assert RuleRegistry.load(doc).get("local.permit").citation.article == "42"


def test_a_composite_rule_with_a_top_level_unit_is_located():
    from govefficiency.deadlines import RuleRegistry, rule_presets
    from govefficiency.errors import RuleError

    composite = next(r for r in rule_presets() if r.composite is not None)
    doc = {"rules": [RuleRegistry([composite]).to_dict()["rules"][0] | {"unit": "days"}]}
    with pytest.raises(RuleError, match="takes no top-level unit") as info:
        RuleRegistry.load(doc)
    assert info.value.location == "rules[0].unit"


# -- the calendar patch -------------------------------------------------------------------------

PATCHES = Path(__file__).parents[2] / "examples" / "patches"


@pytest.mark.parametrize("name", ["cn-2027-hypothetical.toml", "typhoon-closure-2026.json"])
def test_a_calendar_patch_round_trips_through_to_dict(name):
    from govefficiency.calendar import CalendarPatch
    from govefficiency.calendar._patch import PATCH

    patch = CalendarPatch.load(PATCHES / name)
    doc = json.loads(json.dumps(patch.to_dict()))
    assert CalendarPatch.from_dict(doc) == patch
    jsonschema.Draft202012Validator(PATCH.json_schema()).validate(doc)


@pytest.mark.parametrize(
    "change",
    [
        {"year": 1900},
        {"year": "2027"},
        {"template": True},
        {"complete": "yes"},
        {"compelte": True},
        {"source": ""},
        {"days": [{"date": "2027/02/03", "kind": "public_holiday", "name": {"zh": "甲", "en": "A"}}]},
        {"days": [{"date": "2027-10-08", "kind": "holiday"}]},
        {"days": [{"date": "2027-10-08", "kind": "local_workday", "note": "x"}]},
        {
            "blocks": [
                {"name": {"zh": "甲", "en": "A"}, "first": "2027-10-01", "last": "2027-10-07", "count": 0}
            ]
        },
    ],
)
def test_what_the_patch_schema_rejects_the_loader_rejects(change):
    from govefficiency.calendar import CalendarPatch
    from govefficiency.calendar._patch import PATCH
    from govefficiency.errors import PatchError

    doc = CalendarPatch.load(PATCHES / "cn-2027-hypothetical.toml").to_dict() | change
    refused_by_schema_and_loader(doc, PATCH, CalendarPatch.load, PatchError)


@settings(max_examples=100, deadline=None)
@given(GARBAGE)
def test_fuzz_the_rule_and_patch_loaders(doc):
    from govefficiency.calendar import CalendarPatch
    from govefficiency.deadlines import RuleRegistry

    with contextlib.suppress(GovEfficiencyError):
        RuleRegistry.load({"rules": [doc]})
    with contextlib.suppress(GovEfficiencyError):
        CalendarPatch.load(doc if isinstance(doc, dict) else {"days": [doc]})


# -- the decision record ----------------------------------------------------------------------

EVERY_STEP = {
    "matter": {
        "title": "市区公交票价调整",
        "category": "public_policy",
        "flags": ["livelihood", "public_interest"],
        "departments": ["市财政局"],
    },
    "alternatives": 2,
    "steps": [
        {"kind": "public_comment", "published": "2026-09-10", "closed": "2026-10-10"},
        {"kind": "hearing", "date": "2026-09-20", "materials_sent": "2026-09-10"},
        {"kind": "participation", "date": "2026-09-11", "forms": ["symposium"]},
        {"kind": "expert_evaluation", "date": "2026-09-12", "note": "三名专家"},
        {"kind": "risk_assessment", "date": "2026-09-13", "controllable": True, "measures": ["分步实施"]},
        {
            "kind": "consultation",
            "date": "2026-09-14",
            "opinions": [
                {"department": "市财政局", "agreed": False, "reasoning": "成本", "lead_reasoning": "民生"}
            ],
        },
        {"kind": "supervising_opinion", "date": "2026-09-15", "leader": "副市长"},
        {
            "kind": "legality_review",
            "sent": "2026-09-30",
            "opinion": "2026-10-15",
            "result": "lawful",
            "via_comments": False,
        },
        {
            "kind": "collective_discussion",
            "date": "2026-10-20",
            "meeting": "standing",
            "head": "市长",
            "decision": "approve",
            "speakers": ["甲", "乙"],
            "majority_view": "approve",
            "reasons_stated": True,
            "dissenters": ["乙"],
            "dissent_recorded": True,
            "citizen_representatives": 2,
        },
        {"kind": "publication", "date": "2026-10-22", "channel": "市政府网站"},
        {"kind": "archiving", "date": "2026-10-30"},
        {"kind": "post_evaluation", "date": "2027-10-30"},
    ],
}


def test_a_record_with_every_step_kind_round_trips():
    from govefficiency.decisions import DecisionRecord
    from govefficiency.decisions._io import RECORD

    record = DecisionRecord.load(EVERY_STEP)
    assert len(record.steps) == 12
    doc = json.loads(json.dumps(record.to_dict(), ensure_ascii=False))
    assert doc == EVERY_STEP
    assert DecisionRecord.load(doc) == record
    schema = RECORD.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(doc)


@pytest.mark.parametrize(
    ("where", "change"),
    [
        (None, {"alternatives": 0}),
        (None, {"procedure": "national"}),
        ("matter", {"category": "pricing"}),
        ("matter", {"flags": ["urgent"]}),
        ("matter", {"title": ""}),
        (0, {"kind": "party_report"}),
        (0, {"close": "2026-10-10"}),
        (0, {"published": "10 Sept 2026"}),
        (2, {"forms": "symposium"}),
        (4, {"controllable": "yes"}),
        (5, {"opinions": [{"agreed": True}]}),
        (8, {"citizen_representatives": -2}),
        (8, {"meeting": "party"}),
        (7, {"result": "fine"}),
    ],
)
def test_what_the_record_schema_rejects_the_loader_rejects(where, change):
    import copy

    from govefficiency.decisions import DecisionRecord
    from govefficiency.decisions._io import RECORD
    from govefficiency.errors import DecisionRecordFileError

    doc = copy.deepcopy(EVERY_STEP)
    target = doc if where is None else doc["matter"] if where == "matter" else doc["steps"][where]
    target.update(change)
    refused_by_schema_and_loader(doc, RECORD, DecisionRecord.load, DecisionRecordFileError)


@settings(max_examples=100, deadline=None)
@given(GARBAGE)
def test_fuzz_the_record_loader(doc):
    from govefficiency.decisions import DecisionRecord

    with contextlib.suppress(GovEfficiencyError):
        DecisionRecord.load({"matter": EVERY_STEP["matter"], "steps": [doc]})


def test_a_tagged_list_refuses_a_tag_without_a_format():
    """A tag value the enum knows but the declaration does not cover is a located error."""
    from govefficiency._format import Date, Format, Key, Tagged
    from govefficiency.decisions import StepKind

    only_archiving = Format(
        "doc",
        "d",
        (
            Key(
                "steps",
                Tagged(
                    "kind", StepKind, {StepKind.ARCHIVING: Format("archiving", "a", (Key("date", Date()),))}
                ),
            ),
        ),
    )
    assert only_archiving.load({"steps": [{"kind": "archiving", "date": "2026-10-30"}]}) == {
        "steps": ({"date": dt.date(2026, 10, 30)},)
    }
    with pytest.raises(
        GovEfficiencyError, match="'hearing' is not allowed here; use one of archiving"
    ) as info:
        only_archiving.load({"steps": [{"kind": "hearing", "date": "2026-10-30"}]})
    assert info.value.location == "steps[0].kind"


def test_a_misspelt_required_key_is_named_with_the_nearest_allowed_key() -> None:
    """A typo in a required key ("lead_unti") is reported as the unknown key it is, with a
    suggestion, not as the required key it was meant to be (a user met "lead_unit: this key
    is required" and could not see the typo)."""
    from govefficiency.errors import GovEfficiencyError
    from govefficiency.ledger import loads_checklist

    text = (Path(__file__).parents[2] / "examples" / "data" / "checklist.toml").read_text(encoding="utf-8")
    with pytest.raises(GovEfficiencyError) as caught:
        loads_checklist(text.replace("lead_unit = ", "lead_unti = ", 1))
    assert "items[0].lead_unti: unknown key 'lead_unti'" in caught.value.en
    assert caught.value.en.endswith("did you mean 'lead_unit'?")
    assert caught.value.zh.endswith("是否应为 'lead_unit'？")
