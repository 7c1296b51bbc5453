"""Escalation at the calendar's joints (defects 8 and 15 of stop 24): a count that runs
past the calendar's last day is a lower bound and said so; a ledger item naming a unit the
org chart does not have is one unresolved row, not the end of the run.

Hand-worked (``day_kind`` checked below): a case due Thu 2026-10-08 is overdue on
2027-01-07 by the working days of Oct 9, Sat 10 (make-up), 12-16, 19-23, 26-30 (17), of
November (2-6, 9-13, 16-20, 23-27, 30: 21) and of December (1-4, 7-11, 14-18, 21-25,
28-31: 23) — 61 up to the calendar's last day 2026-12-31 — plus those of 2027-01-01..07,
which the calendar does not have: at least 61.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from govefficiency.calendar import CalendarPatch, DayKind, china_calendar
from govefficiency.escalation import CaseParties, DatedCase, NoticeCode, evaluate, get_policy
from govefficiency.testing import at, run_cli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
FIXTURE = ROOT / "tests" / "calendar" / "data" / "cn-2027-test-fixture.toml"  # invented 2027
CAL = china_calendar()
C1 = DatedCase("C1", "乡村公路验收", dt.date(2026, 10, 8), CaseParties(lead_unit="roads"))

CASES = """
[[cases]]
id = "C1"
title = { zh = "乡村公路验收", en = "Rural road acceptance" }
due = 2026-10-08
lead_unit = "roads"
officer = "o-roads"
"""


def test_the_calendar_is_as_the_comments_say():
    assert CAL.day_kind(dt.date(2026, 10, 10)) is DayKind.MAKEUP_WORKDAY
    assert CAL.day_kind(dt.date(2026, 10, 8)) is DayKind.WORKDAY
    assert CAL.working_days_between(dt.date(2026, 10, 8), dt.date(2026, 10, 31)) == 17
    assert CAL.working_days_between(dt.date(2026, 10, 31), dt.date(2026, 11, 30)) == 21
    assert CAL.working_days_between(dt.date(2026, 11, 30), dt.date(2026, 12, 31)) == 23
    assert CAL.last == dt.date(2026, 12, 31)


def test_overdue_past_the_end_is_a_lower_bound():
    result = evaluate(get_policy("e-supervision-lights"), [C1], at=at(2027, 1, 7, 9), calendar=CAL)
    assert result.overdue == {}  # no exact count is claimed
    assert result.overdue_at_least == {"C1": 61}
    assert result.undetermined
    assert result.to_dict()["overdue_at_least"] == {"C1": 61}
    # inside the coverage the count is exact
    inside = evaluate(get_policy("e-supervision-lights"), [C1], at=at(2026, 12, 31, 9), calendar=CAL)
    assert (inside.overdue, inside.overdue_at_least) == ({"C1": 61}, {})


def test_with_next_years_arrangement_the_count_is_exact():
    patched = china_calendar(patches=[CalendarPatch.load(FIXTURE)])
    result = evaluate(get_policy("e-supervision-lights"), [C1], at=at(2027, 1, 7, 9), calendar=patched)
    assert result.overdue_at_least == {}
    assert result.overdue["C1"] >= 61


def test_the_cli_shows_the_lower_bound(tmp_path: Path):
    cases = tmp_path / "cases.toml"
    cases.write_text(CASES, encoding="utf-8")
    args = ("escalate", "e-supervision-lights", str(cases), "--at", "2027-01-07T09:00")
    code, out, _ = run_cli(*args, "--json")
    assert code == 3
    data = json.loads(out)
    assert data["overdue"] == {}
    assert data["overdue_at_least"] == {"C1": 61}
    code, out, _ = run_cli(*args, "--lang", "en")
    assert code == 3
    assert "overdue by at least 61 working days (≥61, counted to 2026-12-31" in out
    code, out, _ = run_cli(*args, "--lang", "zh")
    assert "已逾期至少 61 个工作日" in out


def test_an_unknown_ledger_unit_is_one_unresolved_row(tmp_path: Path):
    # the org chart without the aliases of the education bureau: the ledger's 市教育局 is
    # unknown; the other items are still escalated and the run exits 5 (unresolved)
    org = (DATA / "loop-org.toml").read_text(encoding="utf-8").replace('aliases = ["市教育局", "教育局"]', "")
    (tmp_path / "org.toml").write_text(org, encoding="utf-8")
    db = str(tmp_path / "l.db")
    assert run_cli("ledger", "init", db)[0] == 0
    assert run_cli("ledger", "open-items", db, str(DATA / "loop-checklist.toml"))[0] == 0
    args = ("escalate", "e-supervision-lights", "--ledger", db, "--graph", str(tmp_path / "org.toml"))
    code, out, err = run_cli(*args, "--at", "2026-10-09T09:00", "--json")
    assert code == 5, err
    data = json.loads(out)
    unknown = [n for n in data["notices"] if n["code"] == NoticeCode.UNKNOWN_UNIT.value]
    assert unknown
    assert all("市教育局" in n["en"] for n in unknown)
    named = {n["case"] for n in unknown}
    assert any(a["key"]["case"] not in named and not a["unresolved"] for a in data["actions"])
    assert data["unresolved"] is True


def test_an_org_chart_without_units_is_bad_input(tmp_path: Path):
    # every unit would be unresolved: a wrong file, not a run with every row unresolved
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")
    db = str(tmp_path / "l.db")
    assert run_cli("ledger", "init", db)[0] == 0
    assert run_cli("ledger", "open-items", db, str(DATA / "loop-checklist.toml"))[0] == 0
    code, out, err = run_cli(
        "escalate", "e-supervision-lights", "--ledger", db, "--graph", str(tmp_path / "empty.toml"),
        "--at", "2026-10-09T09:00", "--lang", "en",
    )  # fmt: skip
    assert code == 2
    assert "has no units" in err
    assert out == ""
