"""The ``govefficiency calendar`` subcommand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govefficiency.testing import run_cli


def test_one_day_in_chinese() -> None:
    """One date prints one line: date, weekday, kind and name, in Chinese by default."""
    code, out, err = run_cli("calendar", "2026-10-01")
    assert (code, err) == (0, "")
    assert out == "2026-10-01  周四  法定节假日  国庆节\n"


def test_range_in_english() -> None:
    """--to prints each day of the range; --lang en switches the language."""
    code, out, _ = run_cli("calendar", "2026-10-06", "--to", "2026-10-10", "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("2026-10-06  Tue  in-lieu rest day  In-lieu rest day (moved from 2026-09-20)")
    assert lines[2] == "2026-10-08  Thu  working day"
    assert lines[4].startswith("2026-10-10  Sat  make-up working day")


def test_json_output() -> None:
    """--json prints one document with the calendar, official_through and each day."""
    code, out, _ = run_cli("calendar", "2026-10-09", "--to", "2026-10-10", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["calendar"] == "CN"
    assert doc["official_through"] == "2026-12-31"
    assert doc["days"][1] == {
        "date": "2026-10-10",
        "weekday": 6,
        "kind": "makeup_workday",
        "working": True,
        "name": {
            "zh": "补班（调休至 2026-10-07 休息）",
            "en": "Make-up working day (rest moved to 2026-10-07)",
        },
        "provisional": False,
        "undetermined": False,
    }
    assert doc["days"][0]["name"] is None


def test_bad_date_exits_2_with_one_error_line() -> None:
    """An impossible date exits 2 with a single 'error:' line naming the expected form, no traceback."""
    code, out, err = run_cli("calendar", "2026-02-30", "--lang", "en")
    assert code == 2
    assert out == ""
    errors = [line for line in err.splitlines() if "error:" in line]
    assert len(errors) == 1
    assert "'2026-02-30' is not a date in the form YYYY-MM-DD" in errors[0]
    assert "Traceback" not in err


def test_uncovered_date_exits_3() -> None:
    """A date in unpublished 2027 is undetermined: exit 3, the day marked undetermined on
    stdout, one stderr line naming the missing year and the command line's remedies (not
    the Python API's)."""
    code, out, err = run_cli("calendar", "2027-01-04", "--lang", "en")
    assert code == 3
    assert out == "2027-01-04  Mon  undetermined (the 2027 holiday arrangement is not published)\n"
    assert err.count("\n") == 1
    assert err.startswith("govefficiency: error: part of the answer is undetermined: the 2027 holiday")
    assert "--patch FILE" in err
    assert "--provisional" in err
    assert "CalendarPatch" not in err
    assert "provisional=True" not in err


def test_range_across_the_end_of_the_data() -> None:
    """2026-12-30..2027-01-05: the covered days with their kinds, the 2027 days
    undetermined (kind null), exit 3 — text and one JSON document."""
    code, out, _ = run_cli("calendar", "2026-12-30", "--to", "2027-01-05", "--lang", "en")
    assert code == 3
    lines = out.splitlines()
    assert lines[:2] == ["2026-12-30  Wed  working day", "2026-12-31  Thu  working day"]
    assert lines[2] == "2027-01-01  Fri  undetermined (the 2027 holiday arrangement is not published)"
    assert len(lines) == 7
    code, out, _ = run_cli("calendar", "2026-12-30", "--to", "2027-01-05", "--json")
    assert code == 3
    doc = json.loads(out)
    assert doc["undetermined"] is True
    assert doc["missing_years"] == [2027]
    kinds = [(d["date"], d["kind"], d["undetermined"]) for d in doc["days"]]
    assert kinds[1] == ("2026-12-31", "workday", False)
    assert kinds[2] == ("2027-01-01", None, True)
    assert [d["working"] for d in doc["days"][2:]] == [None] * 5


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        # The error follows --lang: Chinese by default.
        pytest.param(("2027-01-04",), 3, "缺少 2027 年放假安排", id="uncovered_date_message_in_chinese"),
        # --to before the date exits 2.
        pytest.param(
            ("2026-10-09", "--to", "2026-10-01", "--lang", "en"),
            2,
            "end (2026-10-01) is before start (2026-10-09)",
            id="reversed_range_exits_2",
        ),
    ],
)
def test_error_line(argv: tuple[str, ...], status: int, message: str) -> None:
    """A date the calendar cannot answer or a bad range: the exit status and the message."""
    code, _, err = run_cli("calendar", *argv)
    assert code == status
    assert message in err


def test_provisional_flag() -> None:
    """--provisional answers 2027 and marks the line provisional."""
    code, out, _ = run_cli("calendar", "2027-10-01", "--provisional", "--lang", "en")
    assert code == 0
    assert out == "2027-10-01  Fri  public holiday  National Day  (provisional)\n"


def test_provisional_flag_in_chinese() -> None:
    """The provisional mark is translated."""
    _, out, _ = run_cli("calendar", "2027-10-01", "--provisional")
    assert out.rstrip().endswith("（暂定）")


def test_no_makeup_flag() -> None:
    """--no-makeup keeps the kind but reports the day as not working in JSON."""
    _, out, _ = run_cli("calendar", "2026-10-10", "--no-makeup", "--json")
    doc = json.loads(out)
    assert doc["calendar"] == "CN-no-makeup"
    assert (doc["days"][0]["kind"], doc["days"][0]["working"]) == ("makeup_workday", False)


def test_patch_file(patch_2027_path: Path) -> None:
    """--patch FILE adds the hypothetical 2027 year, so 2027 dates are answered and not provisional."""
    code, out, _ = run_cli("calendar", "2027-10-09", "--patch", str(patch_2027_path), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["official_through"] == "2027-12-31"
    assert doc["days"][0]["kind"] == "makeup_workday"
    assert doc["days"][0]["provisional"] is False


def test_two_patch_files(patch_2027_path: Path, patch_typhoon_path: Path) -> None:
    """--patch may repeat."""
    code, out, _ = run_cli(
        "calendar", "2026-09-15", "--patch", str(patch_2027_path), "--patch", str(patch_typhoon_path)
    )
    assert code == 0
    assert out == "2026-09-15  周二  本地停止办公日  台风停止办公\n"


def test_bad_patch_file_exits_2(tmp_path: Path) -> None:
    """A malformed patch exits 2 with the located message."""
    path = tmp_path / "bad.toml"
    path.write_text('year = 2026\nsource = "x"\n[[days]]\ndate = 2026-10-12\nkind = "makeup_workday"\n')
    code, _, err = run_cli("calendar", "2026-10-12", "--patch", str(path), "--lang", "en")
    assert code == 2
    assert "days[0].date: 2026-10-12 is a Monday" in err
    assert err.count("\n") == 1


def test_missing_date_argument_exits_2() -> None:
    """A date (or --month) is required."""
    code, _, err = run_cli("calendar", "--lang", "en")
    assert code == 2
    assert "give a DATE (YYYY-MM-DD) or --month YYYY-MM" in err
    code, _, err = run_cli("calendar")  # in Chinese
    assert code == 2
    assert "请给出日期 DATE（YYYY-MM-DD）或 --month YYYY-MM" in err


def test_python_dash_m(tmp_path: Path) -> None:
    """`python -m govefficiency calendar 2026-10-01` prints the day and exits 0."""
    result = subprocess.run(
        [sys.executable, "-m", "govefficiency", "calendar", "2026-10-01"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2026-10-01  周四  法定节假日  国庆节\n"
