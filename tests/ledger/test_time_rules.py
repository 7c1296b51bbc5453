"""The rules of time (defect 1 of stop 24), the statuses past a deadline (defect 17) and
the empty ledger (defect 11).

A ledger is append-only in time: an entry recorded before the latest entry of the ledger
would rewrite what every earlier "as of" query, check and settlement saw, so it is
refused (recording and import); progress after an item's settlement is refused (年底交账
closes the year's account — seed 003 part II(3) "年底对全年目标任务完成情况进行全面考核
结账"). Old files written before these rules stay readable; `ledger verify` reports them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import govefficiency.ledger as lg
from govefficiency.calendar import DayKind, china_calendar
from govefficiency.errors import LedgerEntryError, StoreError
from govefficiency.findings import Severity
from govefficiency.ledger._entries import GENESIS, Draft, seal
from govefficiency.ledger._jsonl import write_jsonl
from govefficiency.ledger._order import time_order_findings, time_order_findings_of_rows
from govefficiency.testing import at, run_cli, sample_item


def _sealed(drafts: list[Draft]) -> list[lg.Entry]:
    """Entries chained behind the library's rules (how an old version could write them)."""
    out, prev = [], GENESIS
    for seq, d in enumerate(drafts, 1):
        entry = seal(d, seq, prev)
        out.append(entry)
        prev = entry.hash
    return out


def _backdated() -> list[lg.Entry]:
    # #1 opens T1 (5 Jan), #2 reports 30% recorded 20 Oct, #3 reports 100% recorded
    # 9 Oct — after #2 in the chain, before it in time.
    return _sealed(
        [
            Draft("T1", at(2026, 1, 5), sample_item("T1")),
            Draft("T1", at(2026, 10, 20, 10), lg.ProgressReport(dt.date(2026, 10, 20), 30)),
            Draft("T1", at(2026, 10, 9, 10), lg.ProgressReport(dt.date(2026, 10, 9), 100)),
        ]
    )


class TestBackDated:
    def test_refused_with_what_to_do(self, ledger, when):
        """The user's case: 30% recorded on 20 October, then "complete" recorded as of
        9 October. Refused; nothing is appended; the message says how to record it."""
        ledger.report_progress("T1", date=dt.date(2026, 10, 20), share=30, at=when(10, 20, 10))
        before = len(ledger)
        with pytest.raises(LedgerEntryError) as caught:
            ledger.report_progress("T1", date=dt.date(2026, 10, 9), share=100, at=when(10, 9, 10))
        assert "before the latest entry of the ledger" in caught.value.en
        assert "correction" in caught.value.en
        assert "--as-of" in caught.value.en
        assert "更正" in caught.value.zh
        assert "早于台账最后一条记录" in caught.value.zh
        assert len(ledger) == before
        assert ledger.state("T1").share == 30

    def test_same_instant_and_later_accepted(self, ledger, when):
        """Entries at the latest instant itself are in order (a batch shares its instant);
        the late news is recorded now, with the day it stands as of."""
        ledger.report_progress("T1", date=dt.date(2026, 10, 20), share=30, at=when(10, 20, 10))
        ledger.report_progress("T2", date=dt.date(2026, 10, 20), share=40, at=when(10, 20, 10))
        entry = ledger.report_progress("T1", date=dt.date(2026, 10, 9), share=35, at=when(10, 21))
        assert entry.seq == 5

    def test_a_batch_going_back_is_refused_whole(self, ledger, when):
        """Within one batch too: all or nothing."""
        drafts = [
            Draft("T1", when(3, 5), lg.ProgressReport(dt.date(2026, 3, 5), 10)),
            Draft("T2", when(3, 4), lg.ProgressReport(dt.date(2026, 3, 4), 10)),
        ]
        with pytest.raises(LedgerEntryError, match="append-only in time"):
            ledger.append(drafts)
        assert len(ledger) == 2

    @pytest.mark.parametrize("sqlite", [False, True])
    def test_import_refused_at_the_line(self, tmp_path, sqlite):
        """An export whose entries go back in time is refused at that line (line 3),
        nothing imported — in memory and streamed into SQLite alike."""
        path = tmp_path / "old.jsonl"
        write_jsonl(_backdated(), path)
        store = lg.SqliteStore(str(tmp_path / "x.sqlite")) if sqlite else None
        with pytest.raises(
            StoreError, match=r"line 3: entry 3 breaks a ledger rule: .*before the latest entry of the ledger"
        ):
            lg.Ledger.from_jsonl(path, store)
        if store is not None:
            assert len(store) == 0
            store.close()

    def test_an_old_stored_ledger_stays_readable_and_verify_reports_it(self, tmp_path):
        """A SQLite file written before the rule (rows chained without it) opens as
        before; `ledger verify` names entry 3 and exits 1; `report` still works."""
        path = str(tmp_path / "old.sqlite")
        store = lg.SqliteStore(path)
        entries = _backdated()
        store.append(0, lambda foreign: entries)
        store.close()
        with lg.Ledger(lg.SqliteStore(path)) as led:
            assert len(led) == 3
            assert led.verify().ok
        result = run_cli("ledger", "verify", path, "--lang", "en")
        assert result.code == 1
        assert "chain intact: 3 entries" in result.out
        assert (
            "ERROR ENTRY_BACKDATED: entry 3 (item T1) is recorded at 2026-10-09T10:00:00+08:00" in result.out
        )
        data = json.loads(run_cli("ledger", "verify", path, "--json").out)
        assert data["ok"] is True
        assert [f["code"] for f in data["findings"]] == ["ENTRY_BACKDATED"]
        assert run_cli("ledger", "report", path, "--at", "2026-10-21", "--lang", "en").code in (0, 1)

    def test_time_order_findings(self):
        """The scan: one finding per back-dated entry, one per progress after a settlement."""
        entries = _sealed(
            [
                Draft("T1", at(2026, 1, 5), sample_item("T1")),
                Draft("T1", at(2026, 12, 31, 18), lg.Settlement(lg.Outcome.NOT_REPORTED, 0.0, None)),
                Draft("T1", at(2027, 1, 4), lg.ProgressReport(dt.date(2027, 1, 4), 50)),
                Draft("T1", at(2026, 12, 1), lg.ProgressReport(dt.date(2026, 12, 1), 60)),
            ]
        )
        found = [(f.code, f.subject) for f in time_order_findings(entries)]
        assert found == [
            ("PROGRESS_AFTER_SETTLEMENT", ("T1", "3")),
            ("ENTRY_BACKDATED", ("T1", "4")),
            ("PROGRESS_AFTER_SETTLEMENT", ("T1", "4")),
        ]
        assert time_order_findings(entries[:2]) == ()
        # A SQL store's verify reads its rows' JSON, not decoded entries: the same findings.
        rows = [(e.seq, e.hash, e.canonical()) for e in entries]
        assert time_order_findings_of_rows(rows) == time_order_findings(entries)


class TestAfterSettlement:
    @pytest.fixture
    def settled(self, ledger, when):
        ledger.report_progress("T1", date=dt.date(2026, 12, 20), share=90, at=when(12, 20))
        ledger.append(lg.settle(ledger, at=dt.date(2026, 12, 31)).drafts(at=when(12, 31, 18)))
        return ledger

    def test_progress_refused(self, settled):
        """Completing T1 on 4 January 2027 after the year-end settlement: refused."""
        with pytest.raises(LedgerEntryError) as caught:
            settled.report_progress("T1", date=dt.date(2027, 1, 4), share=100, at=at(2027, 1, 4))
        assert "settled" in caught.value.en
        assert "已交账" in caught.value.zh
        assert settled.state("T1").share == 90

    def test_correction_of_progress_refused(self, settled):
        """Rewriting the settled year's progress by a correction is refused as well."""
        with pytest.raises(LedgerEntryError, match="settled"):
            settled.correct(3, lg.ProgressReport(dt.date(2026, 12, 20), 100), at=at(2027, 1, 4))

    def test_other_entries_still_accepted(self, settled):
        """A rectification order after settlement is not progress: it is recorded."""
        entry = settled.require_rectification(
            "T1", description="补齐验收材料", due=dt.date(2027, 1, 29), at=at(2027, 1, 4)
        )
        assert entry.kind is lg.EntryKind.RECTIFICATION_REQUIRED


class TestPastTheDeadline:
    """Item D1 due Friday 9 October 2026 (the first working day after the National Day
    holiday, 1–7 October; 8 and 9 October are working days, Saturday 10 October is a
    make-up working day)."""

    @pytest.fixture
    def d1(self, when) -> lg.Ledger:
        cal = china_calendar()
        assert cal.day_kind(dt.date(2026, 10, 10)) is DayKind.MAKEUP_WORKDAY
        assert cal.is_working_day(dt.date(2026, 10, 9))
        led = lg.Ledger()
        led.open_items([sample_item("D1", deadline=dt.date(2026, 10, 9))], at=when(1, 5))
        led.report_progress("D1", date=dt.date(2026, 10, 8), share=90, at=when(10, 8, 17))
        return led

    def _status(self, led: lg.Ledger, day: dt.date) -> lg.ItemCheck:
        return lg.june_check(led, at=day).items[0]

    def test_behind_on_the_deadline_overdue_after(self, d1):
        """On 9 October the time share is 100% and 90% is done: behind (10 points).
        On 12 October the deadline has passed: overdue, an ITEM_OVERDUE error."""
        on_day = self._status(d1, dt.date(2026, 10, 9))
        assert (on_day.status, on_day.gap) == (lg.CheckStatus.BEHIND, pytest.approx(10.0))
        report = lg.june_check(d1, at=dt.date(2026, 10, 12))
        assert report.items[0].status is lg.CheckStatus.OVERDUE
        (finding,) = report.findings()
        assert (finding.code, finding.severity) == ("ITEM_OVERDUE", Severity.ERROR)
        assert "was due by 2026-10-09 and is 90% complete on 2026-10-12" in finding.message.en
        assert report.units()[0].overdue == ("D1",)
        assert report.units()[0].items == 1

    def test_completed_late_is_not_on_track(self, d1, when):
        """100% reported as of Saturday 10 October (a make-up working day), one day after
        the deadline: completed late (a warning), never "on track"."""
        d1.report_progress("D1", date=dt.date(2026, 10, 10), share=100, at=when(10, 10, 17))
        item = self._status(d1, dt.date(2026, 10, 12))
        assert (item.status, item.completed_on, item.deadline) == (
            lg.CheckStatus.COMPLETED_LATE,
            dt.date(2026, 10, 10),
            dt.date(2026, 10, 9),
        )
        (finding,) = lg.june_check(d1, at=dt.date(2026, 10, 12)).findings()
        assert finding.code == "ITEM_COMPLETED_LATE"

    def test_completed_on_time_stays_on_track(self, d1, when):
        """100% as of 9 October, the deadline itself: on time."""
        d1.report_progress("D1", date=dt.date(2026, 10, 9), share=100, at=when(10, 9, 17))
        assert self._status(d1, dt.date(2027, 1, 4)).status is lg.CheckStatus.ON_TRACK


@pytest.fixture
def empty_db(tmp_path: Path) -> str:
    path = str(tmp_path / "empty.sqlite")
    assert run_cli("ledger", "init", path).code == 0
    return path


@pytest.mark.parametrize(
    ("command", "day"),
    [
        ("settle", "2026-12-31"),
        ("june-check", "2026-06-30"),
        ("reconcile", "2026-09-30"),
        ("report", "2026-10-08"),
    ],
)
def test_an_empty_ledger_is_undetermined(empty_db, command, day):
    """No item: nothing was checked, so no "completion 100%, no findings, exit 0":
    exit 3 with what is missing and how to fix it, in text and JSON."""
    args = ["ledger", command, empty_db, "--at", day] + (["--dry-run"] if command != "report" else [])
    text = run_cli(*args, "--lang", "en")
    assert text.code == 3
    assert f"undetermined: the ledger has no item open as of {day}" in text.out
    assert "govefficiency ledger open-items" in text.out
    assert "no findings" not in text.out
    assert "100.0%" not in text.out
    data = json.loads(run_cli(*args, "--json").out)
    assert data["undetermined"] is True
    assert "open-items" in data["missing"]["en"]


def test_settle_in_chinese_of_an_empty_ledger(empty_db):
    result = run_cli("ledger", "settle", empty_db, "--at", "2026-12-31", "--dry-run", "--lang", "zh")
    assert result.code == 3
    assert "完成率 —" in result.out
    assert "无法确定" in result.out


def test_back_dated_progress_by_the_cli(tmp_path):
    """The user's commands across the National Day holiday: refused, exit 2, one line."""
    db = str(tmp_path / "bd.sqlite")
    checklist = Path(__file__).resolve().parents[2] / "examples" / "data" / "checklist.toml"
    assert run_cli("ledger", "init", db).code == 0
    assert run_cli("ledger", "open-items", db, str(checklist)).code == 0
    assert (
        run_cli("ledger", "progress", db, "2026-01", "--percent", "30", "--at", "2026-10-20T10:00").code == 0
    )
    late = run_cli("ledger", "complete", db, "2026-01", "--at", "2026-10-09T10:00", "--lang", "en")
    assert late.code == 2
    assert late.err.count("\n") == 1
    assert "append-only in time" in late.err
    # Recorded now, as of the day it stands: accepted.
    ok = run_cli("ledger", "complete", db, "2026-01", "--at", "2026-10-20T11:00", "--as-of", "2026-10-20")
    assert ok.code == 0
    assert run_cli("ledger", "verify", db).code == 0


def test_a_review_of_a_past_day_is_recorded_now(tmp_path):
    """After the year-end settlement (recorded 31 December), re-running the June check for
    30 June would record its review entries back in June: refused before anything runs,
    naming --recorded-at and --dry-run; with --recorded-at 2027-01-04 it is recorded."""
    db = str(tmp_path / "y.sqlite")
    checklist = Path(__file__).resolve().parents[2] / "examples" / "data" / "checklist.toml"
    assert run_cli("ledger", "init", db).code == 0
    assert run_cli("ledger", "open-items", db, str(checklist)).code == 0
    assert run_cli("ledger", "settle", db, "--at", "2026-12-31").code == 1  # nothing reported
    late = run_cli("ledger", "june-check", db, "--at", "2026-06-30", "--lang", "en")
    assert late.code == 2
    assert "--recorded-at INSTANT" in late.err
    assert "--dry-run" in late.err
    assert late.out == ""
    zh = run_cli("ledger", "june-check", db, "--at", "2026-06-30", "--lang", "zh")
    assert "台账只能按时间顺序追加" in zh.err
    assert run_cli("ledger", "june-check", db, "--at", "2026-06-30", "--dry-run").code == 1
    now = run_cli("ledger", "june-check", db, "--at", "2026-06-30", "--recorded-at", "2027-01-04T09:00")
    assert now.code == 1
    assert "第 5–6 条" in now.out


def test_an_overdue_item_still_gives_an_accountability_proposal():
    """At the Q4 end (31 December 2026) an item due 9 October at 90% is overdue — it used
    to be "behind" and gave a 专项问责 proposal; it still does (accountability takes
    "overdue" like "behind")."""
    from govefficiency.accountability import propose_accountability

    led = lg.Ledger()
    led.open_items([sample_item("D1", deadline=dt.date(2026, 10, 9))], at=at(2026, 1, 5))
    led.report_progress("D1", date=dt.date(2026, 10, 8), share=90, at=at(2026, 10, 8, 17))
    check = lg.june_check(led, at=dt.date(2026, 12, 31))
    assert check.items[0].status is lg.CheckStatus.OVERDUE
    proposals = propose_accountability(on=dt.date(2027, 1, 4), progress_checks=check, quarter=(2026, 4))
    assert [p.id for p in proposals] == ["progress:2026Q4:D1"]
