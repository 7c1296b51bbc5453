"""Policies as data: presets, loading, validation and composition."""

from __future__ import annotations

from pathlib import Path

import pytest

from govefficiency import Text
from govefficiency.errors import PolicyError
from govefficiency.escalation import (
    ActionKind,
    Level,
    Policy,
    Role,
    Trigger,
    TriggerKind,
    get_policy,
    policy_presets,
)

LOCAL = """
id = "city-lights"
title = { zh = "本市红黄灯", en = "City lights" }
extends = "e-supervision-lights"
remove = []

[[levels]]
id = "yellow"
title = { zh = "黄灯", en = "Yellow" }
trigger = { kind = "before_due", working_days = 3 }
action = "reminder"
recipients = ["officer"]

[[levels]]
id = "circulate"
title = { zh = "通报", en = "Circulate" }
trigger = { kind = "overdue", working_days = 10 }
action = "public_circulation"
recipients = ["lead_unit"]
copy_to = ["mayor"]
"""


def test_presets_from_the_seeds() -> None:
    """The three seed presets are shipped, each citing its seed document."""
    assert set(policy_presets()) == {
        "e-supervision-lights",
        "reminder-letter-flow",
        "upward-reminder",
        "handling-limits",
    }
    letter = get_policy("reminder-letter-flow").level("letter")
    assert letter.action is ActionKind.REMINDER_LETTER
    assert letter.sender is Role.LEAD_UNIT
    assert letter.report_to == (Role.SUPERVISING_LEADER, Role.MAYOR)
    assert letter.copy_to == (Role.SUPERVISION_OFFICE,)
    assert all(p.citation is not None for p in policy_presets().values())


def test_load_and_compose(tmp_path: Path) -> None:
    """A local policy extends a preset: same id replaces in place, new ids are appended."""
    path = tmp_path / "city.toml"
    path.write_text(LOCAL, encoding="utf-8")
    policy = Policy.load(path)
    assert [lv.id for lv in policy.levels] == ["yellow", "red", "circulate"]
    assert policy.level("yellow").trigger.working_days == 3


def test_remove_level(tmp_path: Path) -> None:
    """`remove` drops a level of the base; an unknown id is an error."""
    path = tmp_path / "city.toml"
    path.write_text(LOCAL.replace("remove = []", 'remove = ["red"]'), encoding="utf-8")
    assert [lv.id for lv in Policy.load(path).levels] == ["yellow", "circulate"]
    path.write_text(LOCAL.replace("remove = []", 'remove = ["green"]'), encoding="utf-8")
    with pytest.raises(PolicyError, match="no level 'green'"):
        Policy.load(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("working_days = 3", "working_days = -3"), "at least 0"),
        (('action = "reminder"', 'action = "email"'), "must be one of"),
        (('recipients = ["officer"]', 'recipients = ["citizens"]'), r"recipients\[0\]"),
        (('extends = "e-supervision-lights"', 'extends = "nope"'), "unknown policy"),
        (('kind = "overdue", working_days = 10', 'kind = "overdue", working_days = 0'), "working_days >= 1"),
        (('copy_to = ["mayor"]', 'copy_to = ["mayor"]\ncolour = "red"'), "unknown key 'colour'"),
        (('kind = "before_due", working_days = 3', 'kind = "share_elapsed", share = 1.5'), "at most 1"),
    ],
)
def test_bad_policy_files(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    """Malformed policies are rejected on load with the key path."""
    path = tmp_path / "bad.toml"
    path.write_text(LOCAL.replace(*change), encoding="utf-8")
    with pytest.raises(PolicyError, match=message):
        Policy.load(path)


def test_bad_policy_values() -> None:
    """Constructing bad levels or policies in code raises PolicyError."""
    trig = Trigger(TriggerKind.AT_DUE)
    with pytest.raises(PolicyError, match="no recipients"):
        Level("x", Text("x", "x"), trig, ActionKind.REMINDER, ())
    lv = Level("x", Text("x", "x"), trig, ActionKind.REMINDER, (Role.OFFICER,))
    with pytest.raises(PolicyError, match="twice"):
        Policy("p", Text("p", "p"), (lv, lv))
    with pytest.raises(PolicyError, match="at least one level"):
        Policy("p", Text("p", "p"), ())
    with pytest.raises(PolicyError, match="share"):
        Trigger(TriggerKind.AT_DUE, share=0.5)
    with pytest.raises(PolicyError, match="unknown policy"):
        get_policy("nope")
