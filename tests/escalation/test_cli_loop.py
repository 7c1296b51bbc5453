"""`govefficiency escalate` end to end in a temporary directory (issue 11): exit statuses
3 and 5, the year boundary with --patch/--provisional, the horizon warning, --graph with
names as people write them, history saved before printing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from govefficiency.testing import refused, run_cli
from strategies import UNITS_WITH_ALIASES

Run = Callable[..., tuple[int, str, str]]
LIGHTS, LETTERS = "e-supervision-lights", "reminder-letter-flow"
PATCH_2027 = Path(__file__).parents[2] / "examples" / "patches" / "cn-2027-hypothetical.toml"

ORG = (
    """
[supervision_office]
id = "duchashi"
name = "市政府督查室"

[[leaders]]
id = "mayor"
name = { zh = "王市长", en = "Mayor Wang" }
role = "head"

[[leaders]]
id = "dep-li"
name = { zh = "李副市长", en = "Deputy Li" }
supervises = ["edu", "finance"]
reports_to = "mayor"

"""
    + UNITS_WITH_ALIASES
    + """
[[units]]
id = "gov-office"
name = "市政府办公室"
kind = "general_office"
"""
)

CASES = """
[[cases]]
id = "K1"
title = { zh = "校舍改造", en = "School renovation" }
due = 2026-10-12
lead_unit = "市教育局"
assisting_units = ["市财政局"]
officer = "o-zhang"
"""


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "org.toml").write_text(ORG, encoding="utf-8")
    (tmp_path / "cases.toml").write_text(CASES, encoding="utf-8")
    return tmp_path


@pytest.fixture
def escalate(files: Path) -> Run:
    """``escalate(policy, at, *more, graph=True)``: run ``escalate`` on the cases file (with
    ``--graph`` the org chart) at ``at``; ``more`` are further arguments."""

    def invoke(policy: str, at: str, *more: str, graph: bool = True) -> tuple[int, str, str]:
        argv = ["escalate", policy, str(files / "cases.toml")]
        if graph:
            argv += ["--graph", str(files / "org.toml")]
        return run_cli(*argv, "--at", at, *more)

    return invoke


def test_graph_resolves_names_and_leaders(escalate: Run) -> None:
    """--graph resolves 市教育局 to edu and the deputy, mayor and office: exit 0, nothing unresolved."""
    code, out, _ = escalate(LETTERS, "2026-10-13T09:00", "--json")
    data = json.loads(out)
    assert code == 0, data
    notice = next(a for a in data["actions"] if a["key"]["level"] == "notice")
    assert [r["id"] for r in notice["to"]] == ["finance", "edu"]
    assert notice["unresolved"] == []


def test_unknown_name_lists_candidates(files: Path, escalate: Run) -> None:
    """A name the org chart does not know is a located error with the closest names (exit 2)."""
    (files / "cases.toml").write_text(CASES.replace("市教育局", "市教委"), encoding="utf-8")
    code, out, err = escalate(LETTERS, "2026-10-13T09:00", "--lang", "en")
    assert code == 2
    assert out == ""
    assert "lead_unit" in err
    assert "市教委" in err
    assert "did you mean" in err


def test_unresolved_roles_exit_5(escalate: Run) -> None:
    """Without an org chart the leaders cannot be resolved: actions printed, exit 5."""
    code, out, _ = escalate(LETTERS, "2026-10-13T09:00", graph=False)
    assert code == 5
    assert "未能确定" in out


def test_year_boundary_exits_3_with_one_line(escalate: Run) -> None:
    """--at 2027-01-04: the October notice still fires; the rest is undetermined, exit 3, one stderr line."""
    code, out, err = escalate(LIGHTS, "2027-01-04T09:00", "--json", "--lang", "en")
    data = json.loads(out)
    assert code == 3
    assert any(a["key"]["level"] == "red" for a in data["actions"])
    assert data["missing_years"] == [2027]
    lines = [line for line in err.splitlines() if "undetermined" in line]
    assert len(lines) == 1
    assert "2027" in lines[0]
    assert "--patch" in lines[0]
    assert "State Council" in lines[0]
    assert "warning" in err  # --at is past the published data


def test_a_patch_decides_the_new_year(escalate: Run) -> None:
    """With the 2027 notice as a patch, the same run is decided (exit 0)."""
    code, out, err = escalate(LIGHTS, "2027-01-04T09:00", "--patch", str(PATCH_2027), "--json")
    assert code == 0, err
    assert not json.loads(out)["undetermined"]


def test_provisional_decides_flagged(escalate: Run) -> None:
    """--provisional answers from the statutory rules, each action flagged provisional."""
    code, out, _ = escalate(LIGHTS, "2027-01-04T09:00", "--provisional", "--json")
    assert code == 0
    assert any(a["provisional"] for a in json.loads(out)["actions"])


def test_horizon_warning(escalate: Run) -> None:
    """Within 60 days of the end of the published data every run warns on stderr; in October it does not."""
    _, _, err = escalate(LIGHTS, "2026-11-15T09:00")
    assert "2027" in err
    assert "--patch" in err
    _, _, err = escalate(LIGHTS, "2026-10-13T09:00")
    assert err == ""


def test_history_is_saved_before_printing(
    files: Path, escalate: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When printing fails after the evaluation, the history already holds the actions: no re-fire."""
    history = files / "history.json"

    def broken(value: object) -> None:
        raise BrokenPipeError

    monkeypatch.setattr("govefficiency.escalation._cli.print_json", broken)
    escalate(LIGHTS, "2026-10-13T09:00", "--history", str(history), "--json", graph=False)
    assert len(json.loads(history.read_text(encoding="utf-8"))) == 2


def test_cases_or_ledger_not_both(files: Path, escalate: Run) -> None:
    """Neither or both of CASES and --ledger is a usage error (exit 2)."""
    code, _, err = run_cli("escalate", LIGHTS, "--at", "2026-10-13T09:00")
    assert code == 2
    assert "--ledger" in err
    code, _, _ = escalate(LIGHTS, "2026-10-13T09:00", "--ledger", str(files / "x.db"), graph=False)
    assert code == 2
    code, _, err = run_cli(
        "escalate", LIGHTS, "--ledger", str(files / "missing.db"), "--at", "2026-10-13T09:00"
    )
    assert code == 2
    assert "missing.db" in err


def test_bad_patch_exits_2(files: Path, escalate: Run) -> None:
    """A patch file that does not exist is bad input (exit 2), never a traceback."""
    refused(escalate(LIGHTS, "2026-10-13T09:00", "--patch", str(files / "nope.toml"), graph=False), 2)


def test_deadline_takes_patch_and_exits_3_beyond() -> None:
    """`deadline` beyond the published data: exit 3 with the missing year; with --patch: decided."""
    code, out, err = run_cli("deadline", "2026-12-20", "--working-days", "20", "--lang", "en")
    assert code == 3
    assert "2027" in err
    assert "--patch" in err
    code, out, _ = run_cli("deadline", "2026-12-20", "--working-days", "20", "--patch", str(PATCH_2027))
    assert code == 0
    assert "2027-01" in out


def test_feedback_in_the_history_file_restarts_the_red_light(files: Path, escalate: Run) -> None:
    """feedback_on written into the history file is read back: the weekly notice counts from it."""
    history = files / "history.json"
    escalate(LIGHTS, "2026-10-13T09:00", "--history", str(history))
    rows = json.loads(history.read_text(encoding="utf-8"))
    red = next(r for r in rows if r["level"] == "red")
    red["feedback_on"] = "2026-10-15"  # fed back on Thu 10-15: the next notice is due Thu 10-22
    history.write_text(json.dumps(rows), encoding="utf-8")
    code, out, _ = escalate(LIGHTS, "2026-10-21T09:00", "--history", str(history), "--json")
    assert code == 0
    assert json.loads(out)["actions"] == []
    code, out, _ = escalate(LIGHTS, "2026-10-22T09:00", "--history", str(history), "--json")
    (action,) = json.loads(out)["actions"]
    assert action["key"]["occurrence"] == 1
    saved = json.loads(history.read_text(encoding="utf-8"))
    assert any(r.get("feedback_on") == "2026-10-15" for r in saved)  # acknowledgements are kept


def test_malformed_history_exits_2(files: Path, escalate: Run) -> None:
    """A history whose occurrence is "1" is refused with one line naming the file (exit 2)."""
    history = files / "history.json"
    history.write_text(
        '[{"case": "K1", "level": "red", "due_date": "2026-10-12", "occurrence": "1"}]', "utf-8"
    )
    code, out, err = escalate(LIGHTS, "2026-10-13T09:00", "--history", str(history), graph=False)
    assert code == 2
    assert out == ""
    assert "history.json" in err
