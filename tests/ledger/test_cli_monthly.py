"""``govefficiency ledger monthly DB --month YYYY-MM``: the monthly review (一月一讲评)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govefficiency.ledger import Ledger, SqliteStore
from govefficiency.testing import at, run_cli, sample_item


@pytest.fixture
def db(tmp_path: Path) -> str:
    """T1 (housing, li-ming) and T2 (transport, zhao-lei), both 1 January – 31 December
    2026, opened 5 January. T2 reports 60% as of 30 September; T1 85% as of 20 October."""
    path = str(tmp_path / "m.sqlite")
    with Ledger(SqliteStore(path)) as led:
        led.open_items(
            [
                sample_item("T1"),
                sample_item("T2", lead_unit="transport", officer="zhao-lei", assisting_units=()),
            ],
            at=at(2026, 1, 5),
        )
        led.report_progress("T2", date=dt.date(2026, 9, 30), share=60, at=at(2026, 9, 30, 17))
        led.report_progress("T1", date=dt.date(2026, 10, 20), share=85, at=at(2026, 10, 20, 17))
    return path


def test_october_across_national_day(db):
    """October 2026, read as of the 31st. Time share by then: 204 of the year's 248 working
    days = 82.3% (186 to 30 September, then 18 in October: 1–7 October is the National Day
    holiday, Saturday 10 October a make-up working day: 8, 9, 10, 12–16, 19–23, 26–30).
    T1 reported in October (20th) at 85%: reported, not behind. T2's last report is dated
    30 September: not reported in October (a MONTHLY_REPORT_MISSING warning), and 60% < 82.3%:
    behind. Warnings only: exit 0."""
    result = run_cli("ledger", "monthly", db, "--month", "2026-10", "--lang", "en")
    assert result.code == 0, result.err
    assert result.out.startswith("monthly review 2026-10 (as of 2026-10-31): 2 items, 1 reported")
    assert "transport: 1 items, 0 reported, 1 not reported (T2), 1 behind (T2)" in result.out
    assert "housing: 1 items, 1 reported, 0 not reported, 0 behind" in result.out
    assert (
        "zhao-lei (transport): 1 items, 0 reported, 1 not reported, 1 behind, mean share 60.0%" in result.out
    )
    assert "WARNING MONTHLY_REPORT_MISSING: item T2 (unit transport, officer zhao-lei)" in result.out
    data = json.loads(run_cli("ledger", "monthly", db, "--month", "2026-10", "--json").out)
    units = {u["unit"]: u for u in data["monthly"]["units"]}
    assert units["transport"]["behind"] == ["T2"]
    assert [f["code"] for f in data["findings"]] == ["MONTHLY_REPORT_MISSING"]
    assert data["undetermined"] is False
    assert data["errors"] is False


def test_september_in_chinese(db):
    """September: T2's report is dated 30 September, in the month; T1 has none."""
    result = run_cli("ledger", "monthly", db, "--month", "2026-09", "--lang", "zh")
    assert result.code == 0
    assert "一月一讲评 2026-09（截至 2026-09-30）：2 项，本月报送进度 1 项" in result.out
    assert "事项 T1（责任单位 housing，责任人 li-ming）在 2026-09 没有进度报告" in result.out


def test_a_month_beyond_the_calendar_is_undetermined(tmp_path):
    """A 2027 ledger (an item due 31 March 2027): January 2027's time share needs the 2027
    holidays, not published: exit 3 naming the year; --provisional answers."""
    path = str(tmp_path / "y2027.sqlite")
    with Ledger(SqliteStore(path)) as led:
        item = sample_item(
            "N1", year=2027, start=dt.date(2027, 1, 1), deadline=dt.date(2027, 3, 31), time_nodes=()
        )
        led.open_items([item], at=at(2027, 1, 4))
    result = run_cli("ledger", "monthly", path, "--month", "2027-01", "--lang", "en")
    assert result.code == 3
    assert "2027" in result.err
    assert run_cli("ledger", "monthly", path, "--month", "2027-01", "--provisional", "--lang", "en").code == 0


def test_a_2026_ledger_read_in_january_2027(db):
    """The 2026 items are due by 31 December: January 2027 needs no 2027 holiday (their
    time share is 100%), so the review answers (exit 0, no report in January: warnings)."""
    result = run_cli("ledger", "monthly", db, "--month", "2027-01", "--lang", "en")
    assert result.code == 0
    assert "2 not reported" not in result.out
    assert "has no progress report dated in 2027-01" in result.out


def test_an_empty_ledger_or_month_is_undetermined(db, tmp_path):
    empty = str(tmp_path / "e.sqlite")
    assert run_cli("ledger", "init", empty).code == 0
    result = run_cli("ledger", "monthly", empty, "--month", "2026-10", "--lang", "en")
    assert result.code == 3
    assert "undetermined: the ledger has no item open as of 2026-10-31" in result.out
    # Before the items were opened (5 January 2026) there is nothing either.
    assert run_cli("ledger", "monthly", db, "--month", "2025-12").code == 3


@pytest.mark.parametrize("month", ["2026-13", "2026/10", "", "10-2026"])
def test_bad_month(db, month):
    for lang, text in (("en", "is not a month in the form YYYY-MM"), ("zh", "不是 YYYY-MM 格式的月份")):
        result = run_cli("ledger", "monthly", db, "--month", month, "--lang", lang)
        assert result.code == 2
        assert text in result.err


def test_not_a_ledger(tmp_path):
    missing = run_cli("ledger", "monthly", str(tmp_path / "none.sqlite"), "--month", "2026-10")
    assert missing.code == 2
