"""``govefficiency ledger report DB --at DATE --ics FILE``: the items' time nodes in a calendar app."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import icalendar

from govefficiency.testing import run_cli

CHECKLIST = Path(__file__).resolve().parents[2] / "examples" / "data" / "checklist.toml"


def _ledger(tmp_path: Path) -> str:
    db = str(tmp_path / "l.sqlite")
    assert run_cli("ledger", "init", db).code == 0
    assert run_cli("ledger", "open-items", db, str(CHECKLIST)).code == 0
    return db


def test_report_ics_has_every_time_node_and_deadline(tmp_path: Path) -> None:
    db = _ledger(tmp_path)
    target = tmp_path / "out" / "nodes.ics"
    target.parent.mkdir()
    result = run_cli("ledger", "report", db, "--at", "2026-10-08", "--ics", str(target), "--lang", "en")
    # No item has reported by 2026-10-08 (ITEM_NOT_REPORTED errors): exit 1, file written.
    assert result.code == 1, result.err
    assert result.out.startswith("ledger as of 2026-10-08")  # the report is still printed
    events = list(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    got = {str(e["uid"]).removesuffix("@govefficiency.invalid"): e.decoded("dtstart") for e in events}
    assert got == {
        "2026-01-node-1": dt.date(2026, 3, 31),
        "2026-01-node-2": dt.date(2026, 6, 30),
        "2026-01-node-3": dt.date(2026, 9, 30),
        "2026-01-deadline": dt.date(2026, 11, 30),
        "2026-02-node-1": dt.date(2026, 6, 30),
        "2026-02-node-2": dt.date(2026, 9, 30),
        "2026-02-deadline": dt.date(2026, 12, 31),
    }
    summaries = {str(e["summary"]) for e in events}
    assert "中心城区雨污分流改造 time node 20%: 完成设计招标" in summaries
    # --at 2026-10-08 is the end of that day in Asia/Shanghai: 15:59:59.999999 UTC
    stamp = events[0].decoded("dtstamp")
    assert (stamp.date(), stamp.hour, stamp.minute) == (dt.date(2026, 10, 8), 15, 59)
    assert os.listdir(target.parent) == ["nodes.ics"]


def test_report_ics_in_chinese_and_json(tmp_path: Path) -> None:
    db = _ledger(tmp_path)
    target = tmp_path / "nodes.ics"
    result = run_cli("ledger", "report", db, "--at", "2026-10-08T09:00", "--ics", str(target), "--json")
    assert result.code == 1  # ITEM_NOT_REPORTED errors, as above
    assert result.out.lstrip().startswith("{")
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert str(calendar["x-wr-calname"]) == "台账时间节点"
    assert any(str(e["summary"]) == "政务服务一网通办 完成时限" for e in calendar.walk("VEVENT"))


def test_report_ics_unwritable_exits_74_and_leaves_nothing(tmp_path: Path) -> None:
    db = _ledger(tmp_path)
    result = run_cli("ledger", "report", db, "--at", "2026-10-08", "--ics", str(tmp_path / "no" / "x.ics"))
    assert result.code == 74
    assert not (tmp_path / "no").exists()


def test_report_ics_of_an_empty_ledger_writes_nothing_and_exits_3(tmp_path: Path) -> None:
    """An empty ledger has no time nodes: no file (an empty calendar would read as "nothing
    due"), one stderr line, and exit 3 (undetermined) — never 0 events with exit 0."""
    db = str(tmp_path / "e.sqlite")
    assert run_cli("ledger", "init", db).code == 0
    target = tmp_path / "nodes.ics"
    result = run_cli("ledger", "report", db, "--at", "2026-10-08", "--ics", str(target), "--lang", "en")
    assert result.code == 3
    assert not target.exists()
    assert "not written: no items" in result.err
    assert "undetermined: the ledger has no item open as of 2026-10-08" in result.out
