"""The `govefficiency deadline` and `govefficiency rules` commands."""

from __future__ import annotations

import json

import pytest

from govefficiency.testing import run_cli


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        # The README's command prints the due date 2026-10-30 and the cited steps.
        pytest.param(
            ("2026-09-28", "--rule", "licensing.decision", "--explain"),
            ("due: 2026-10-30", "Administrative Licensing Law (2019), art. 42"),
            id="rule_with_explanation",
        ),
        # A 'before' rule counts back from the event day.
        pytest.param(("2026-10-12", "--rule", "penalty.hearing_notice"), ("2026-09-24",), id="backward_rule"),
        # --provisional answers into 2027 and says so.
        pytest.param(
            ("2026-12-01", "--working-days", "30", "--provisional"), ("(provisional)",), id="provisional_flag"
        ),
    ],
)
def test_text_answer(argv: tuple[str, ...], wanted: tuple[str, ...]) -> None:
    """The English text answer (exit 0) holds each wanted piece."""
    code, out, _ = run_cli("deadline", *argv, "--lang", "en")
    assert code == 0
    for piece in wanted:
        assert piece in out


def test_json_output() -> None:
    """JSON output has due_date, due_at, provisional and steps."""
    code, out, _ = run_cli(
        "deadline",
        "2026-09-28",
        "--working-days",
        "20",
        "--suspend",
        "2026-10-12..2026-10-16",
        "--extend",
        "10",
        "--approved",
        "2026-11-03",
        "--json",
    )
    data = json.loads(out)
    assert code == 0
    assert data["due_date"] == "2026-11-20"
    assert data["due_at"].startswith("2026-11-20T23:59:59")
    assert data["provisional"] is False
    assert len(data["steps"]) >= 4


def test_usage_errors_follow_the_language() -> None:
    """A usage error is printed in Chinese by default and in English with --lang en."""
    code, _, err = run_cli("deadline", "2026-01-31", "--months", "1", "--extend", "1")
    assert code == 2
    assert "只适用于工作日或自然日期间" in err
    code, _, err = run_cli("deadline", "2026-01-31", "--months", "1", "--extend", "1", "--lang", "en")
    assert "working-day and calendar-day periods only" in err


def test_json_has_lapses_at() -> None:
    """A backward limit's JSON says when the limit lapses, after the safe day to act."""
    code, out, _ = run_cli("deadline", "2026-10-04", "--rule", "licensing.renewal_decision", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["due_date"] == "2026-09-30"
    assert data["lapses_at"].startswith("2026-10-04T23:59:59")


def test_hours() -> None:
    """--hours takes an instant."""
    code, out, _ = run_cli("deadline", "2026-09-30T18:00+08:00", "--hours", "24", "--json")
    assert code == 0
    assert json.loads(out)["due_at"] == "2026-10-01T18:00:00+08:00"


def test_beyond_the_published_calendar_exits_3() -> None:
    """30 working days from 2026-12-01 run into unpublished 2027: undetermined, exit 3."""
    code, out, err = run_cli("deadline", "2026-12-01", "--working-days", "30", "--lang", "en")
    assert code == 3
    # what is known is printed: undetermined, after the calendar's last day (defect 24.5)
    assert out.splitlines()[0] == "due: undetermined (after 2026-12-31)"
    assert "error:" in err
    assert "2027" in err  # the missing year, and how to add it (issue 11)
    code, out, _ = run_cli("deadline", "2026-12-01", "--working-days", "30", "--json")
    doc = json.loads(out)
    assert (code, doc["due_date"], doc["undetermined"], doc["due_after"]) == (3, None, True, "2026-12-31")
    assert doc["missing_years"] == [2027]


@pytest.mark.parametrize(
    "args",
    [
        ("deadline", "2026-09-28", "--working-days", "5", "--at", "20260101"),
        ("deadline", "2026-W40-1", "--working-days", "5"),
    ],
)
def test_dates_are_strictly_yyyy_mm_dd(args: tuple[str, ...]) -> None:
    """ISO basic and week forms are refused: the help promises YYYY-MM-DD."""
    code, _, err = run_cli(*args)
    assert code == 2
    assert "error:" in err


@pytest.mark.parametrize(
    "args",
    [
        ("deadline", "2026-02-30", "--working-days", "5"),
        ("deadline", "2026-09-28", "--working-days", "-3"),
        ("deadline", "2026-09-28", "--rule", "no.such.rule"),
        ("deadline", "2026-09-28", "--working-days", "5", "--suspend", "2026-10-12"),
        ("deadline", "2026-09-28"),
        ("deadline", "2026-09-28", "--days", "five"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(args: tuple[str, ...]) -> None:
    """Bad arguments give exit code 2 and an error line, never a traceback."""
    code, _, err = run_cli(*args)
    assert code == 2
    assert "error:" in err
    assert "Traceback" not in err


def test_rules_listing() -> None:
    """`govefficiency rules` lists every preset; --json gives their citations."""
    code, out, _ = run_cli("rules", "--lang", "en")
    assert code == 0
    assert "licensing.decision" in out
    assert "ogi.reply" in out
    code, out, _ = run_cli("rules", "--json")
    rules = json.loads(out)
    assert code == 0
    assert any(r["consequence"] == "DEEMED_ACCEPTED" for r in rules)
