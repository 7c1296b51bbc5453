"""``govefficiency decision plan --ics FILE`` and ``--mermaid``."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import icalendar
import pytest

from govefficiency.calendar import DayKind, china_calendar
from govefficiency.testing import CliResult, run_cli


def _events(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def plan_ics(data: Path, target: Path, *options: str) -> CliResult:
    """``govefficiency decision plan in_progress.toml --ics TARGET OPTIONS…``."""
    return run_cli("decision", "plan", str(data / "in_progress.toml"), "--ics", str(target), *options)


def test_plan_ics_reparses_with_the_steps(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    result = plan_ics(data, target, "--on", "2026-09-28", "--lang", "en")
    assert result.code == 0, result.err
    assert "close the public comment: earliest 2026-10-10" in result.out  # the text is still printed
    events = _events(target)
    days = {str(e["summary"]).split(": ", 1)[1]: e.decoded("dtstart") for e in events}
    # The comment opened 2026-09-10 runs at least 30 days (art. 15): 2026-10-10 at the earliest,
    # which is also the earliest dispatch for legality review. The review takes at least 7
    # working days (art. 26 para. 2): Sat 10-10 is a make-up working day, but counting starts the
    # next day: Mon 10-12 … Fri 10-16 (5), Mon 10-19 (6), Tue 10-20 (7).
    cal = china_calendar()
    assert cal.day_kind(dt.date(2026, 10, 10)) is DayKind.MAKEUP_WORKDAY
    assert cal.add_working_days(dt.date(2026, 10, 10), 7) == dt.date(2026, 10, 20)
    assert days == {
        "close the public comment (earliest)": dt.date(2026, 10, 10),
        "send the draft for legality review (earliest)": dt.date(2026, 10, 10),
        "receive the legality review opinion (earliest)": dt.date(2026, 10, 20),
        "hold the collective discussion (earliest)": dt.date(2026, 10, 20),
        "publish the decision (earliest)": dt.date(2026, 10, 20),
        "archive the records and materials (earliest)": dt.date(2026, 10, 20),
    }
    for event in events:
        assert event.decoded("dtend") == event.decoded("dtstart") + dt.timedelta(days=1)
        # no --at: the DTSTAMP is the start of the --on day in Asia/Shanghai
        assert event.decoded("dtstamp") == dt.datetime(2026, 9, 27, 16, 0, tzinfo=dt.UTC)
        assert str(event["uid"]).startswith("decision-")
        assert str(event["uid"]).endswith("@govefficiency.invalid")
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert sorted(os.listdir(tmp_path)) == ["plan.ics"]  # no temporary file left behind


def test_plan_ics_uids_are_stable_and_the_file_is_replaced(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    target.write_bytes(b"old")
    assert plan_ics(data, target, "--at", "2026-09-28T09:30").code == 0
    first = {str(e["uid"]) for e in _events(target)}
    assert plan_ics(data, target, "--at", "2026-10-09T09:30", "--lang", "zh").code == 0
    second = _events(target)
    assert {str(e["uid"]) for e in second} == first
    assert all(e.decoded("dtstamp") == dt.datetime(2026, 10, 9, 1, 30, tzinfo=dt.UTC) for e in second)
    assert any("最早" in str(e["summary"]) for e in second)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_ics_needs_a_stamp(data: Path, tmp_path: Path, lang: str) -> None:
    target = tmp_path / "plan.ics"
    result = plan_ics(data, target, "--lang", lang)
    assert result.code == 2
    assert "--at" in result.err
    assert result.out == ""
    assert not target.exists()


def test_plan_ics_to_a_missing_directory_exits_74(data: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "plan.ics"
    result = plan_ics(data, target, "--on", "2026-09-28", "--lang", "en")
    assert result.code == 74
    assert "cannot write the output" in result.err


def test_plan_mermaid(data: Path) -> None:
    result = run_cli("decision", "plan", str(data / "in_progress.toml"), "--mermaid", "--lang", "en")
    assert result.code == 0
    assert result.out.startswith("gantt\n")
    assert "    receive the legality review opinion :milestone, s3, 2026-10-20, 0d\n" in result.out
    assert "[to do]" not in result.out  # the chart replaces the text
    chinese = run_cli("decision", "plan", str(data / "in_progress.toml"), "--mermaid")
    assert "section 尚需办理" in chinese.out


def test_plan_mermaid_does_not_combine_with_json(data: Path) -> None:
    result = run_cli(
        "decision", "plan", str(data / "in_progress.toml"), "--mermaid", "--json", "--lang", "en"
    )
    assert result.code == 2
    assert "--mermaid" in result.err


def test_plan_ics_across_the_year_boundary(data: Path, tmp_path: Path) -> None:
    """Planned on 2026-12-28, the legality opinion (7 working days) falls in 2027, whose
    holiday arrangement is not published: undetermined (exit 3) and no file; with
    --provisional the file is written and the 2027 events say they are provisional."""
    target = tmp_path / "plan.ics"
    argv = ("decision", "plan", str(data / "in_progress.toml"), "--on", "2026-12-28", "--ics", str(target))
    result = run_cli(*argv, "--lang", "en")
    assert result.code == 3
    assert not target.exists()
    assert run_cli(*argv, "--provisional", "--lang", "en").code == 0
    summaries = {e.decoded("dtstart"): str(e["summary"]) for e in _events(target)}
    assert not summaries[dt.date(2026, 12, 28)].endswith("(provisional)")
    # 7 working days after Mon 2026-12-28: Tue 29 (1), Wed 30 (2), Thu 31 (3); then, provisionally,
    # Fri 2027-01-01 is New Year's Day and 01-02/03 a weekend: Mon 01-04 (4) … Thu 01-07 (7)
    assert summaries[dt.date(2027, 1, 7)].endswith("(provisional)")
    chart = run_cli(
        "decision", "plan", str(data / "in_progress.toml"), "--on", "2026-12-28", "--provisional", "--mermaid"
    )
    assert chart.code == 0
    assert chart.out.rstrip().splitlines()[-1].startswith("%% 2026-12-31 之后的日期按法定规则暂定推算")


def test_plan_text_and_json_say_which_dates_are_provisional(data: Path) -> None:
    """Planned on 2026-12-28 with --provisional, the legality opinion falls on Thu
    2027-01-07 (counted above), after the published data (2026-12-31): the text ends with
    the note, the JSON names the day after which dates are provisional."""
    argv = ("decision", "plan", str(data / "in_progress.toml"), "--on", "2026-12-28", "--provisional")
    text = run_cli(*argv, "--lang", "en")
    assert text.code == 0
    assert text.out.rstrip().splitlines()[-1] == (
        "dates after 2026-12-31 are provisional (statutory rules; holidays not yet published)"
    )
    doc = run_cli(*argv, "--json")
    assert doc.code == 0
    assert json.loads(doc.out)["provisional_after"] == "2026-12-31"
    # planned where every date is published: no note, no key
    inside = run_cli("decision", "plan", str(data / "in_progress.toml"), "--on", "2026-09-28", "--json")
    assert "provisional_after" not in json.loads(inside.out)


def test_plan_beyond_the_calendar_names_the_flags_and_takes_a_patch(data: Path) -> None:
    """Without 2027 data the plan is undetermined (exit 3) and the message names the
    command-line flags, not a Python argument; with next year's notice as a patch the plan
    is determined and no date is provisional."""
    argv = ("decision", "plan", str(data / "in_progress.toml"), "--on", "2026-12-28", "--lang", "en")
    missing = run_cli(*argv)
    assert missing.code == 3
    assert "--patch FILE" in missing.err
    assert "--provisional" in missing.err
    assert "provisional=True" not in missing.err
    root = Path(__file__).resolve().parents[2]
    patched = run_cli(*argv, "--patch", str(root / "examples" / "patches" / "cn-2027-hypothetical.toml"))
    assert patched.code == 0
    assert "provisional" not in patched.out
    check = run_cli("decision", "check", str(data / "in_progress.toml"), "--provisional", "--lang", "en")
    assert check.code in (0, 1)
