"""Command-line messages and exit-3 answers (defects 24.5, 24.9, 24.10, 24.16): parse
errors follow --lang, validate --json carries both languages, an unstated --suspend basis
is no law title, export --json is one document, coverage hints name the options, and an
undetermined answer prints what the data decides."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from govefficiency import china_calendar
from govefficiency._hints import cli_wording
from govefficiency.errors import CalendarCoverageError
from govefficiency.testing import run_cli

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "examples" / "data"
IN_PROGRESS = str(DATA / "decisions" / "in_progress.toml")


@pytest.mark.parametrize(
    ("argv", "zh", "en"),
    [
        (
            ("deadline", "2026-31-09", "--days", "3"),
            "不是 YYYY-MM-DD 格式的日期",
            "is not a date in the form",
        ),
        (("deadline", "2026-09-30T25:00", "--hours", "3"), "不是 ISO 8601 日期时间", "is not an ISO 8601"),
        (("deadline", "2026-09-30", "--days", "x"), "不是整数", "not a whole number"),
        (("calendar", "--month", "2026-13"), "应为 YYYY-MM 格式的月份", "expected a month YYYY-MM"),
        (("calendar", "2026-13-01"), "不是 YYYY-MM-DD 格式的日期", "is not a date in the form"),
    ],
)
def test_parse_errors_follow_lang(argv: tuple[str, ...], zh: str, en: str) -> None:
    code, out, err = run_cli(*argv, "--lang", "zh")
    assert (code, out) == (2, "")
    assert zh in err
    assert en not in err
    code, _, err = run_cli(*argv, "--lang", "en")
    assert code == 2
    assert en in err


def test_validate_json_gives_both_languages(tmp_path: Path) -> None:
    """Each problem keeps "message" (in --lang) and adds "messages" {zh, en}."""
    bad = tmp_path / "typo.toml"
    bad.write_text('[[items]]\nid = "K1"\ntitle = "x"\n', encoding="utf-8")
    code, out, _ = run_cli("validate", str(bad), "--kind", "checklist", "--json", "--lang", "en")
    assert code == 1
    problem = json.loads(out)["problems"][0]
    assert set(problem["messages"]) == {"zh", "en"}
    assert problem["message"] == problem["messages"]["en"]
    assert problem["messages"]["zh"] != problem["messages"]["en"]
    assert "缺少必填项" in problem["messages"]["zh"] or "必须" in problem["messages"]["zh"]


def test_unstated_suspension_basis_is_not_a_law_title() -> None:
    """--suspend gives no basis: it reads 未注明依据（命令行输入）, without 《》."""
    argv = ("deadline", "2026-09-28", "--working-days", "20", "--suspend", "2026-10-12..2026-10-14")
    code, out, _ = run_cli(*argv, "--explain", "--lang", "zh")
    assert code == 0
    assert "[未注明依据（命令行输入）]" in out
    assert "《未注明依据" not in out
    _, out, _ = run_cli(*argv, "--json")
    assert "《未注明依据" not in out


def test_export_json_is_one_document() -> None:
    """responsibility export --format mermaid --json: {"format", "text"}, like approvals gantt."""
    city = str(DATA / "city.toml")
    code, out, _ = run_cli("responsibility", "export", city, "--format", "mermaid", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["format"] == "mermaid"
    assert doc["text"].startswith("flowchart")
    _, plain, _ = run_cli("responsibility", "export", city, "--format", "mermaid")
    assert doc["text"] == plain
    code, out, _ = run_cli("responsibility", "export", city, "--format", "json", "--json")
    assert code == 0
    assert "units" in json.loads(out)  # the org chart itself, not wrapped


def test_coverage_hints_name_the_api_or_the_options() -> None:
    """The same coverage error names the Python API in a program, the options under the CLI."""
    cal = china_calendar()
    with pytest.raises(CalendarCoverageError) as api:
        cal.add_working_days(dt.date(2026, 12, 28), 5)
    assert "provisional=True" in api.value.en
    assert "provisional=True" in (api.value.zh or "")
    with cli_wording(), pytest.raises(CalendarCoverageError) as cli:
        cal.add_working_days(dt.date(2026, 12, 28), 5)
    assert "--patch FILE" in cli.value.en
    assert "--provisional" in cli.value.en
    assert "provisional=True" not in cli.value.en
    assert "--patch FILE" in (cli.value.zh or "")
    with pytest.raises(CalendarCoverageError) as day:
        cal.is_working_day(dt.date(2027, 1, 4))
    assert "CalendarPatch" in day.value.en  # outside the block: the API again


@pytest.mark.parametrize(
    "argv",
    [
        ("calendar", "2027-01-04"),
        ("deadline", "2026-12-26", "--rule", "licensing.hearing_request"),
        ("deadline", "2026-12-10", "--rule", "licensing.decision"),
        ("decision", "plan", IN_PROGRESS, "--on", "2026-12-24"),
    ],
)
def test_cli_never_names_the_python_api(argv: tuple[str, ...]) -> None:
    for lang in ("zh", "en"):
        code, out, err = run_cli(*argv, "--lang", lang)
        assert code == 3
        for api in ("provisional=True", "CalendarPatch", "china_calendar("):
            assert api not in out + err


def test_deadline_undetermined_prints_what_is_known() -> None:
    """20 working days from 2026-12-10 end in unpublished 2027: undetermined, after
    2026-12-31 (the count reaches the last published day unfinished), exit 3."""
    code, out, _ = run_cli("deadline", "2026-12-10", "--rule", "licensing.decision", "--lang", "zh")
    assert code == 3
    assert out.splitlines()[0] == "截止日期: 无法确定（晚于 2026-12-31）"
    code, out, _ = run_cli("deadline", "2026-12-28", "--rule", "licensing.hearing_request", "--json")
    assert code == 3
    doc = json.loads(out)
    assert (doc["due_date"], doc["undetermined"], doc["rule"]) == (None, True, "licensing.hearing_request")
    # 5 days from Mon 2026-12-28 end Sat 2027-01-02: whether that is a working day is not
    # published; the alternative (5 working days) runs into 2027 too
    assert doc["alternative"]["undetermined"] is True
    assert doc["alternative"]["period"] == {"unit": "working_days", "n": 5}


def test_decision_plan_keeps_the_decided_dates() -> None:
    """Comment closes 2026-12-24 at the earliest (in progress since 2026-09-10, planned from
    --on 2026-12-24); the legality opinion needs 7 working days from Thu 2026-12-24, i.e.
    into 2027: that item and those after it are undetermined, the first two keep their dates."""
    code, out, _ = run_cli("decision", "plan", IN_PROGRESS, "--on", "2026-12-24", "--json")
    assert code == 3
    doc = json.loads(out)
    assert doc["undetermined"] is True
    assert doc["missing_years"] == [2027]
    dated = [
        (i["step"], i["earliest"], i["undetermined"]) for i in doc["items"] if i["status"] != "condition"
    ]
    assert dated[:2] == [("public_comment", "2026-12-24", False), ("legality_review", "2026-12-24", False)]
    assert all(item[1] is None and item[2] for item in dated[2:])
    code, out, _ = run_cli("decision", "plan", IN_PROGRESS, "--on", "2026-12-24", "--lang", "en")
    assert code == 3
    assert "send the draft for legality review: earliest 2026-12-24" in out
    assert "receive the legality review opinion (undetermined: depends on the 2027 holiday" in out
    # with --provisional every date is answered (flagged), exit 0
    code, out, _ = run_cli("decision", "plan", IN_PROGRESS, "--on", "2026-12-24", "--provisional")
    assert code == 0
