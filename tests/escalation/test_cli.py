"""`govefficiency escalate`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govefficiency.testing import run_cli

CASES = """
[[cases]]
id = "T1"
title = { zh = "修路", en = "Road repair" }
due = 2026-10-12
lead_unit = "transport"
assisting_units = ["finance"]
officer = "o-li"

[[cases]]
id = "T2"
title = "暂停事项"
due = 2026-10-12
suspended = true
"""


def test_history_makes_runs_idempotent(tmp_path: Path) -> None:
    """The second run with the same history prints no action; the file records the first."""
    cases = tmp_path / "cases.toml"
    cases.write_text(CASES, encoding="utf-8")
    history = tmp_path / "history.json"
    code, out, _ = run_cli(
        "escalate",
        "e-supervision-lights",
        str(cases),
        "--at",
        "2026-10-13T09:00",
        "--history",
        str(history),
        "--json",
    )
    data = json.loads(out)
    assert code == 5  # the red notice's supervising leader and office are unresolved (no org chart)
    assert [a["key"]["level"] for a in data["actions"]] == ["yellow", "red"]
    assert data["notices"][0]["state"] == "suspended"
    assert len(json.loads(history.read_text(encoding="utf-8"))) == 2
    code, out, _ = run_cli(
        "escalate",
        "e-supervision-lights",
        str(cases),
        "--at",
        "2026-10-13T10:00",
        "--history",
        str(history),
        "--json",
    )
    assert json.loads(out)["actions"] == []


def test_text_output(tmp_path: Path) -> None:
    """Text output prints the letter header in the chosen language."""
    cases = tmp_path / "cases.toml"
    cases.write_text(CASES, encoding="utf-8")
    code, out, _ = run_cli(
        "escalate", "e-supervision-lights", str(cases), "--at", "2026-10-09T09:00", "--lang", "en"
    )
    assert code == 0
    assert "Reminder: “Road repair”" in out


@pytest.mark.parametrize(
    "args",
    [
        ("escalate", "no-such-policy", "CASES", "--at", "2026-10-09T09:00"),
        ("escalate", "e-supervision-lights", "CASES", "--at", "yesterday"),
        ("escalate", "e-supervision-lights", "missing.toml", "--at", "2026-10-09T09:00"),
        ("escalate", "e-supervision-lights", "BAD", "--at", "2026-10-09T09:00"),
    ],
)
def test_bad_arguments(tmp_path: Path, args: tuple[str, ...]) -> None:
    """Bad policies, instants and files exit 2 with one error line."""
    cases = tmp_path / "cases.toml"
    cases.write_text(CASES, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(CASES.replace("due = 2026-10-12\nlead", "due = 2026-13-12\nlead"), encoding="utf-8")
    argv = [
        str(cases)
        if a == "CASES"
        else str(bad)
        if a == "BAD"
        else str(tmp_path / a)
        if a == "missing.toml"
        else a
        for a in args
    ]
    code, _, err = run_cli(*argv)
    assert code == 2
    assert "error:" in err
    assert "Traceback" not in err
