"""``govefficiency deadline --rules FILE`` (a local rule file) and ``--ics FILE``."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import icalendar
import pytest

from govefficiency.testing import run_cli

ROOT = Path(__file__).resolve().parents[2]
ZHUZHOU = str(ROOT / "examples" / "data" / "rules" / "zhuzhou.toml")


@pytest.mark.parametrize(
    ("start", "rule", "due"),
    [
        # 3 working days from Mon 2026-09-28: Tue 09-29 (1), Wed 09-30 (2); 10-01..10-07 are the
        # National Day holiday and rest days; Thu 10-08 (3).
        pytest.param("2026-09-28", "zhuzhou.business_licence", "2026-10-08", id="local_rule_from_file"),
        # 7 calendar days before Mon 10-12 is Mon 10-05, an in-lieu rest day; a backward limit
        # moves earlier to the working day before the holiday, Wed 09-30.
        pytest.param("2026-10-12", "zhuzhou.hearing_materials", "2026-09-30", id="local_backward_rule"),
    ],
)
def test_local_rule(start: str, rule: str, due: str) -> None:
    """A rule of the local file, counted by hand."""
    code, out, _ = run_cli("deadline", start, "--rule", rule, "--rules", ZHUZHOU, "--lang", "en")
    assert code == 0
    assert out.splitlines()[0] == f"due: {due}"


def test_presets_still_available_with_rules() -> None:
    code, out, _ = run_cli("deadline", "2026-09-28", "--rule", "licensing.decision", "--rules", ZHUZHOU)
    assert code == 0
    assert "2026-10-30" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_local_rule_without_its_file_is_unknown(lang: str) -> None:
    code, out, err = run_cli("deadline", "2026-09-28", "--rule", "zhuzhou.business_licence", "--lang", lang)
    assert code == 2
    assert out == ""
    assert "zhuzhou.business_licence" in err


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--days", "3", "--rules", ZHUZHOU), "--rule"),
        (("--rule", "licensing.decision", "--rules", "no-such-file.toml"), "no-such-file.toml"),
    ],
)
def test_bad_rules_usage(args: tuple[str, ...], needle: str) -> None:
    code, out, err = run_cli("deadline", "2026-09-28", *args, "--lang", "en")
    assert code == 2
    assert out == ""
    assert needle in err
    assert "Traceback" not in err


def test_rule_file_redefining_a_preset_is_refused(tmp_path: Path) -> None:
    text = Path(ZHUZHOU).read_text(encoding="utf-8").replace("zhuzhou.business_licence", "licensing.decision")
    clash = tmp_path / "clash.toml"
    clash.write_text(text, encoding="utf-8")
    code, _, err = run_cli("deadline", "2026-09-28", "--rule", "licensing.decision", "--rules", str(clash))
    assert code == 2
    assert "licensing.decision" in err


def _events(path: Path) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return list(cal.walk("VEVENT"))


def test_ics_file_reparses(tmp_path: Path) -> None:
    target = tmp_path / "due.ics"
    code, out, _ = run_cli(
        "deadline", "2026-09-28", "--rule", "licensing.decision", "--ics", str(target), "--lang", "en"
    )
    assert code == 0
    assert out.splitlines()[0] == "due: 2026-10-30"
    (event,) = _events(target)
    assert event.decoded("dtstart") == dt.date(2026, 10, 30)
    assert event.decoded("dtend") == dt.date(2026, 10, 31)
    assert str(event["summary"]) == "Deadline: Licensing decision"
    assert str(event["uid"]) == "deadline-licensing.decision-2026-09-28@govefficiency.invalid"
    # no --at: DTSTAMP is the start of the start day, 2026-09-28 00:00 in Asia/Shanghai
    assert event.decoded("dtstamp") == dt.datetime(2026, 9, 27, 16, 0, tzinfo=dt.UTC)
    assert sorted(os.listdir(tmp_path)) == ["due.ics"]  # no temporary file left behind


def test_ics_stamp_from_at_and_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "due.ics"
    target.write_bytes(b"old")
    code, _, _ = run_cli(
        "deadline",
        "2026-09-28",
        "--working-days",
        "5",
        "--ics",
        str(target),
        "--at",
        "2026-09-28T09:30:00+08:00",
        "--lang",
        "zh",
    )
    assert code == 0
    (event,) = _events(target)
    # 5 working days: 09-29, 09-30, 10-08, 10-09 and Sat 10-10, a make-up working day
    assert event.decoded("dtstart") == dt.date(2026, 10, 10)
    assert event.decoded("dtstamp") == dt.datetime(2026, 9, 28, 1, 30, tzinfo=dt.UTC)
    assert str(event["summary"]).startswith("期限届满")


def test_ics_provisional_across_the_year_boundary(tmp_path: Path) -> None:
    target = tmp_path / "due.ics"
    code, _, err = run_cli("deadline", "2026-12-28", "--working-days", "10", "--ics", str(target))
    assert code == 3  # 2027 is not published: undetermined, and no file is written
    assert "2026-12-31" in err
    assert not target.exists()
    code, _, _ = run_cli(
        "deadline",
        "2026-12-28",
        "--working-days",
        "10",
        "--provisional",
        "--ics",
        str(target),
        "--lang",
        "en",
    )
    assert code == 0
    (event,) = _events(target)
    assert str(event["summary"]).endswith("(provisional)")


def test_ics_into_a_missing_directory_exits_74(tmp_path: Path) -> None:
    code, _, err = run_cli("deadline", "2026-09-28", "--days", "3", "--ics", str(tmp_path / "no" / "x.ics"))
    assert code == 74
    assert "Traceback" not in err
