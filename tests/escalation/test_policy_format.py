"""The escalation policy file format, declared once: loader, dumper and JSON Schema agree."""

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

from govefficiency import escalation as esc
from govefficiency.citation import Citation
from govefficiency.errors import GovEfficiencyError, InvalidTypeError, PolicyError
from govefficiency.escalation._policy_io import POLICY
from govefficiency.text import Text
from strategies import GARBAGE

from .conftest import triggers, with_garbage

EXAMPLES = Path(__file__).parents[2] / "examples" / "data" / "escalation"
VALIDATOR = jsonschema.Draft202012Validator(POLICY.json_schema())


def _policy_files() -> list[Path]:
    return [p for p in sorted(EXAMPLES.glob("*.toml")) if "levels" in tomllib.loads(p.read_text("utf-8"))]


@pytest.mark.parametrize("name", sorted(esc.policy_presets()))
@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_every_preset_round_trips(name: str, fmt: str) -> None:
    """load ∘ dump is the identity on every shipped preset, in both formats."""
    policy = esc.get_policy(name)
    assert esc.loads_policy(esc.dumps_policy(policy, fmt=fmt), fmt=fmt) == policy
    assert esc.Policy.from_dict(json.loads(json.dumps(policy.to_dict()))) == policy
    VALIDATOR.validate(policy.to_dict())


@pytest.mark.parametrize("path", _policy_files(), ids=lambda p: p.name)
def test_every_example_policy_round_trips_and_validates(path: Path, tmp_path: Path) -> None:
    data = json.loads(json.dumps(tomllib.loads(path.read_text("utf-8")), default=str))
    VALIDATOR.validate(data)
    policy = esc.load_policy(path)
    for suffix in (".toml", ".json"):
        out = tmp_path / f"copy{suffix}"
        esc.dump_policy(policy, out)
        assert esc.load_policy(out) == policy


def test_an_extended_policy_is_dumped_whole() -> None:
    """The dump of an extended policy has its base's levels and no `extends`."""
    policy = esc.load_policy(EXAMPLES / "city-lights.toml")
    doc = policy.to_dict()
    assert "extends" not in doc
    assert "remove" not in doc
    assert [level["id"] for level in doc["levels"]] == ["yellow", "red", "circulate"]
    assert doc["fallback"] == "supervision_office"


def test_defaults_are_not_written() -> None:
    """Keys holding their default are left out (stop_on, copy_to, working_days 0…)."""
    letter = esc.get_policy("reminder-letter-flow").to_dict()["levels"][0]
    assert letter == {
        "id": "letter",
        "title": {"zh": "提醒函", "en": "Reminder letter"},
        "trigger": {"kind": "before_due", "working_days": 3},
        "action": "reminder_letter",
        "recipients": ["assisting_unit"],
        "copy_to": ["supervision_office"],
        "sender": "lead_unit",
        "report_to": ["supervising_leader", "mayor"],
        "ack": {"requires": "feedback", "feedback_within": 3},
    }
    due_today = esc.get_policy("handling-limits").to_dict()["levels"][0]
    assert due_today["trigger"] == {"kind": "at_due"}


def _base() -> dict[str, Any]:
    return esc.get_policy("reminder-letter-flow").to_dict()


@pytest.mark.parametrize(
    ("where", "change", "located"),
    [
        (None, {"fallback": "mayor"}, "fallback"),
        (None, {"colour": "red"}, "colour"),
        (None, {"id": ""}, "id"),
        (None, {"title": "Letters"}, "title"),
        (None, {"remove": "letter"}, "remove"),
        (None, {"citation": {"law": {"zh": "甲", "en": "A"}, "year": 1800}}, "citation.year"),
        (0, {"action": "email"}, "levels[0].action"),
        (0, {"recipients": ["citizens"]}, "levels[0].recipients[0]"),
        (0, {"recipients": "mayor"}, "levels[0].recipients"),
        (0, {"repeat_every": 0}, "levels[0].repeat_every"),
        (0, {"accountable": "yes"}, "levels[0].accountable"),
        (0, {"stop_on": ["archived"]}, "levels[0].stop_on[0]"),
        (0, {"trigger": {"kind": "before_due", "working_days": -3}}, "levels[0].trigger.working_days"),
        (0, {"trigger": {"kind": "share_elapsed", "share": 1.5}}, "levels[0].trigger.share"),
        (0, {"trigger": {"kind": "soon"}}, "levels[0].trigger.kind"),
        (0, {"ack": {"requires": "phoned"}}, "levels[0].ack.requires"),
        (0, {"ack": {"requires": "feedback", "feedback_within": 0}}, "levels[0].ack.feedback_within"),
        (0, {"sender": "citizens"}, "levels[0].sender"),
        (0, {"title": {"zh": "提醒函"}}, "levels[0].title.en"),
    ],
)
def test_what_the_schema_rejects_the_loader_rejects(
    where: int | None, change: dict[str, Any], located: str
) -> None:
    """Each defect is refused by the JSON Schema and by the loader, which names the key."""
    doc = copy.deepcopy(_base())
    (doc if where is None else doc["levels"][where]).update(change)
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(doc)
    with pytest.raises(PolicyError) as info:
        esc.load_policy(doc)
    assert info.value.location == located


def test_errors_name_the_file_line_and_key_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        (EXAMPLES / "city-lights.toml")
        .read_text("utf-8")
        .replace('recipients = ["officer"]', 'recipients = ["x"]'),
        "utf-8",
    )
    with pytest.raises(PolicyError) as info:
        esc.load_policy(path)
    assert info.value.en.startswith(f"{path}: levels[0].recipients[0]: must be one of")
    assert info.value.zh is not None
    assert info.value.zh.startswith(f"{path}：levels[0].recipients[0]：必须是")


def test_bad_arguments() -> None:
    policy = esc.get_policy("e-supervision-lights")
    with pytest.raises(InvalidTypeError):
        esc.dumps_policy("e-supervision-lights")  # type: ignore[arg-type]
    with pytest.raises(PolicyError, match="unknown format"):
        esc.dumps_policy(policy, fmt="yaml")
    with pytest.raises(PolicyError, match=r"\.toml or \.json"):
        esc.dump_policy(policy, "policy.yaml")
    with pytest.raises(PolicyError):
        esc.loads_policy(b"id = 1")  # type: ignore[arg-type]
    with pytest.raises(PolicyError, match="TOML"):
        esc.loads_policy("id = ")
    with pytest.raises(PolicyError):
        esc.Policy.from_dict(["levels"])  # type: ignore[arg-type]


def test_a_policy_extends_a_given_base() -> None:
    """`base=` replaces the presets as what `extends` may name."""
    base = {"mine": esc.get_policy("handling-limits")}
    text = 'id = "x"\ntitle = { zh = "甲", en = "X" }\nextends = "mine"\nremove = ["due-today"]\n'
    assert [lv.id for lv in esc.loads_policy(text, base=base).levels] == ["overdue"]
    with pytest.raises(PolicyError, match="unknown policy 'mine'"):
        esc.loads_policy(text)


@settings(max_examples=150, deadline=None)
@given(GARBAGE, st.sampled_from(["level", "trigger", "ack", "top"]))
def test_fuzz_the_policy_loader(garbage: object, where: str) -> None:
    """Structure-aware garbage: only library errors, never a bare exception."""
    with contextlib.suppress(GovEfficiencyError):
        esc.load_policy(with_garbage(_base(), "levels", where, "level", garbage))


# -- any valid policy round-trips ---------------------------------------------------------------

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("C", "Z")), min_size=1, max_size=6)


_TRIGGERS = triggers(before=(0, 30), overdue=(1, 30), shares=st.floats(0.01, 1.0))


_ROLES = st.lists(st.sampled_from(esc.Role), max_size=3).map(tuple)


@st.composite
def _levels(draw: st.DrawFn, level_id: str) -> esc.Level:
    repeat = draw(st.none() | st.integers(1, 10))
    effect = draw(st.sampled_from([None, *esc.AckEffect])) if repeat is not None else None
    ack = draw(
        st.none()
        | st.builds(
            esc.AckRule, st.sampled_from(esc.AckKind), st.just(effect), st.none() | st.integers(1, 10)
        )
    )
    return esc.Level(
        level_id,
        Text(draw(_TEXT), draw(_TEXT)),
        draw(_TRIGGERS),
        draw(st.sampled_from(esc.ActionKind)),
        draw(st.lists(st.sampled_from(esc.Role), min_size=1, max_size=3).map(tuple)),
        copy_to=draw(_ROLES),
        repeat_every=repeat,
        stop_on=draw(st.frozensets(st.sampled_from(esc.StopCondition))),
        sender=draw(st.none() | st.sampled_from(esc.Role)),
        report_to=draw(_ROLES),
        ack=ack,
        accountable=draw(st.booleans()),
    )


@st.composite
def _policies(draw: st.DrawFn) -> esc.Policy:
    ids = draw(
        st.lists(st.sampled_from(["a", "b", "黄灯", "red-2", "x_y"]), min_size=1, max_size=4, unique=True)
    )
    citation = draw(
        st.none()
        | st.builds(
            Citation,
            st.builds(Text, _TEXT, _TEXT),
            st.sampled_from(["", "42", "3(2)"]),
            st.none() | st.integers(1949, 2100),
            st.none() | st.builds(Text, _TEXT, _TEXT),
        )
    )
    return esc.Policy(
        draw(_TEXT),
        Text(draw(_TEXT), draw(_TEXT)),
        tuple(draw(_levels(level_id)) for level_id in ids),
        citation,
        draw(st.sampled_from([esc.Role.SUPERVISION_OFFICE, esc.Role.LEAD_UNIT])),
    )


@settings(max_examples=150, deadline=None)
@given(_policies(), st.sampled_from(["toml", "json"]))
def test_any_policy_round_trips(policy: esc.Policy, fmt: str) -> None:
    """load ∘ dump is the identity on generated policies (every key, every default), and
    every dump satisfies the schema."""
    assert esc.loads_policy(esc.dumps_policy(policy, fmt=fmt), fmt=fmt) == policy
    VALIDATOR.validate(policy.to_dict())
