"""The command line, end to end from files: exit statuses and no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govefficiency.testing import run_cli
from strategies import file_at

from .conftest import DATA

CAT = str(DATA / "catalogue.toml")
APPS = str(DATA / "applications.json")


def test_check_clean() -> None:
    code, out, _ = run_cli("services", "check", CAT, "--lang", "en")
    assert (code, out.strip()) == (0, "no findings")


def test_check_errors_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "c.toml"
    bad.write_text(
        '[[posts]]\nid = "w"\na_officer = "a"\n'
        '[[items]]\nid = "x"\nname = "X"\nrule = "licensing.decision"\n'
        'committed = { unit = "working_days", length = 25 }\npost = "w"\nmaterials = ["m"]\n',
        encoding="utf-8",
    )
    code, out, _ = run_cli("services", "check", str(bad), "--json")
    data = json.loads(out)
    assert code == 1
    assert {f["code"] for f in data["findings"]} == {
        "COMMITMENT_EXCEEDS_STATUTE",
        "ITEM_WITHOUT_COMPETENT_UNIT",
        "POST_WITHOUT_B_OFFICER",
    }


def test_status_across_national_day() -> None:
    """At 10-14 the deemed acceptance of A-0042 is reported (zh)."""
    code, out, _ = run_cli("services", "status", CAT, APPS, "--at", "2026-10-14T09:00", "--lang", "zh")
    assert code == 1
    assert "ACCEPTANCE_NOTICE_LATE" in out
    assert "视为受理" in out


def test_status_json() -> None:
    code, out, _ = run_cli("services", "status", CAT, APPS, "--at", "2026-11-30T17:00+08:00", "--json")
    data = json.loads(out)
    assert code == 1
    assert data["counts"]["yellow"] == 2
    assert len(data["statuses"]) == 200


def test_status_next_year_with_open_application_is_red_not_undetermined() -> None:
    """--at 2027-01-04 (2027 not published): the open applications' limits are all in 2026,
    so they are red, which is decided without 2027's calendar."""
    code, out, _ = run_cli("services", "status", CAT, APPS, "--at", "2027-01-04", "--json")
    data = json.loads(out)
    assert code == 1
    assert data["counts"]["red"] == 12
    assert data["undetermined"] is False


def test_status_undetermined_exit_3(tmp_path: Path) -> None:
    """An application received Mon 2026-12-28 has its completeness limit in 2027, which the
    official calendar does not cover. On 12-30 it is still awaiting acceptance (the limit
    ends after 12-31): exit 0. On 2027-01-06 nobody can tell whether the 5 working days
    have passed: exit 3. With --provisional it is answered (flagged provisional)."""
    apps = tmp_path / "a.toml"
    apps.write_text(
        '[[applications]]\nid = "Z"\nitem = "food-business-licence"\nreceived = 2026-12-28T10:00:00+08:00\n'
        'first_contact = { officer = "wang-li", unit = "county-market-bureau", at = 2026-12-28T10:00:00+08:00 }\n',
        encoding="utf-8",
    )
    code, out, _ = run_cli("services", "status", CAT, str(apps), "--at", "2026-12-30", "--json")
    assert code == 0
    assert json.loads(out)["statuses"][0]["light"] == "pending"
    code, out, _ = run_cli("services", "status", CAT, str(apps), "--at", "2027-01-06", "--lang", "en")
    assert code == 3
    assert "undetermined" in out
    code, out, _ = run_cli(
        "services", "status", CAT, str(apps), "--at", "2027-01-06", "--provisional", "--lang", "en"
    )
    assert code == 1  # deemed accepted (provisional dates)
    assert "ACCEPTANCE_NOTICE_LATE" in out


def test_complaints_and_survey() -> None:
    code, out, _ = run_cli(
        "services", "complaints", str(DATA / "complaints.toml"), "--at", "2026-11-30", "--lang", "en"
    )
    assert code == 1
    assert "COMPLAINT_REPLY_LATE" in out
    code, out, _ = run_cli(
        "services",
        "complaints",
        str(DATA / "complaints.toml"),
        "--at",
        "2026-11-30",
        "--json",
        "--period",
        "quarter",
    )
    assert {s["period"] for s in json.loads(out)["stats"]} == {"2026Q3", "2026Q4"}
    code, out, _ = run_cli("services", "survey", str(DATA / "survey.toml"), "--json")
    data = json.loads(out)
    assert code == 1
    assert data["target"] == 0.9
    assert "SATISFACTION_CLEARLY_BELOW_TARGET" in {f["code"] for f in data["findings"]}


def test_complaints_missing_limit_exit_3(tmp_path: Path) -> None:
    f = file_at(
        tmp_path,
        "c.toml",
        '[rules]\nsource = { law = { zh = "办法", en = "rules" } }\n'
        '[[complaints]]\nid = "C"\nunit = "u"\nreceived = 2026-10-09T10:00:00+08:00\n',
    )
    code, out, _ = run_cli("services", "complaints", str(f), "--at", "2026-10-20", "--lang", "en")
    assert code == 3
    assert "cannot be determined" in out


@pytest.mark.parametrize(
    "argv",
    [
        ("services", "check", "nope.toml"),
        ("services", "status", CAT, "nope.json", "--at", "2026-10-01"),
        ("services", "status", CAT, APPS, "--at", "yesterday"),
        ("services", "complaints", CAT, "--at", "2026-10-01"),
        ("services", "survey", CAT),
        ("services", "check", APPS),
    ],
)
def test_bad_input_exit_2_without_traceback(argv: tuple[str, ...]) -> None:
    code, out, err = run_cli(*argv, "--lang", "zh")
    assert code == 2
    assert "Traceback" not in out + err
    assert err.strip().count("\n") == 0 or "usage" in err


@pytest.mark.parametrize("argv", [(), ("check",), ("status",), ("complaints",), ("survey",)])
def test_help_of_every_command(argv: tuple[str, ...]) -> None:
    """--help prints the usage and exits 0 (no traceback from a stray % in a help text)."""
    code, out, err = run_cli("services", *argv, "--help")
    assert code == 0
    assert "usage:" in out
    assert "Traceback" not in out + err


def test_metrics_rows() -> None:
    """--metrics adds the assessment inputs: rows (unit, indicator, period, value, source) and
    the metrics with no value, with the reason."""
    code, out, _ = run_cli("services", "status", CAT, APPS, "--at", "2026-11-30T17:00", "--metrics", "--json")
    data = json.loads(out)
    row = data["metrics"][0]
    assert set(row) == {"unit", "indicator", "period", "value", "source", "refs"}
    assert {g["indicator"] for g in data["metric_gaps"]} <= {
        "services.committed_compliance",
        "services.statutory_compliance",
        "services.one_time_notice_compliance",
    }
    one_time = {
        (r["unit"], r["period"]): r["value"]
        for r in data["metrics"]
        if r["indicator"].endswith("one_time_notice_compliance")
    }
    assert one_time[("county-market-bureau", "2026-10")] == 0.0
    broken = next(
        r
        for r in data["metrics"]
        if r["indicator"].endswith("one_time_notice_compliance") and r["value"] == 0.0
    )
    assert broken["refs"] == ["A-0077"]
    code, out, _ = run_cli("services", "survey", str(DATA / "survey.toml"), "--metrics", "--lang", "en")
    assert code == 1
    assert "satisfaction.rate" in out
