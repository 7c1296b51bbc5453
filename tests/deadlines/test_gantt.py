"""Mermaid Gantt charts of a deadline (``deadline_gantt``, ``deadline --mermaid``) and of
a decision plan (``plan_gantt``)."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency import Citation, Text, china_calendar
from govefficiency.cli import main
from govefficiency.deadlines import (
    Extension,
    Suspension,
    WorkingDays,
    compute_deadline,
    deadline_gantt,
    get_rule,
    latest_date_before,
    plan_gantt,
)
from govefficiency.decisions import Category, DecisionRecord, Flag, Matter, PublicComment, plan_decision
from govefficiency.errors import InvalidInputError, InvalidTypeError

ART45 = Citation(Text("行政许可法", "Administrative Licensing Law"), "45", 2019)
REVIEW = Suspension(dt.date(2026, 10, 12), dt.date(2026, 10, 16), ART45)
EXTENSION = Extension(WorkingDays(10), Text("局长", "the director"), dt.date(2026, 11, 3))

# The licensing case of docs/deadlines.md: accepted Mon 2026-09-28; 20 working days end
# on Fri 11-06 once the expert review (Mon 10-12 – Fri 10-16, 5 working days) is left
# out; 10 more working days from Fri 11-06 give Fri 11-20. Mermaid's end dates are
# exclusive (the day after the last day).
GOLDEN_EN = """\
gantt
    title Licensing decision (due 2026-11-20)
    dateFormat YYYY-MM-DD
    axisFormat %m-%d
    section Period
    start day (not counted) :milestone, start, 2026-09-28, 0d
    20 working days counted :active, period, 2026-09-29, 2026-11-07
    section Suspended (not counted)
    suspended (Administrative Licensing Law art. 45) :crit, pause1, 2026-10-12, 2026-10-17
    section Extensions
    10 working days approved :milestone, approved1, 2026-11-03, 0d
    extension :active, extended, 2026-11-07, 2026-11-21
    section Due
    due :milestone, crit, due, 2026-11-20, 0d
"""


def _case() -> object:
    return compute_deadline(
        dt.date(2026, 9, 28), get_rule("licensing.decision"), suspensions=[REVIEW], extensions=[EXTENSION]
    )


def test_golden_deadline_gantt() -> None:
    deadline = _case()
    assert deadline.due_date == dt.date(2026, 11, 20)  # type: ignore[attr-defined]
    chart = deadline_gantt(deadline, suspensions=[REVIEW], extensions=[EXTENSION], lang="en")  # type: ignore[arg-type]
    assert chart == GOLDEN_EN


def test_zh_labels_are_mermaid_safe() -> None:
    chart = deadline_gantt(_case(), suspensions=[REVIEW], extensions=[EXTENSION])  # type: ignore[arg-type]
    assert "    title 行政许可决定期限（截止 2026-11-20）" in chart
    assert "    中止（行政许可法第45条） :crit, pause1, 2026-10-12, 2026-10-17" in chart
    for line in chart.splitlines()[4:]:
        if not line.startswith("    section"):
            assert line.count(":") == 1, line  # a colon in a label would end the task name


def test_plain_period_without_pauses() -> None:
    # 5 working days from Mon 09-28: 09-29, 09-30, 10-08, 10-09, Sat 10-10 (make-up day)
    chart = deadline_gantt(compute_deadline(dt.date(2026, 9, 28), WorkingDays(5)), lang="en")
    assert "5 working days counted :active, period, 2026-09-29, 2026-10-11" in chart
    assert "section Suspended" not in chart
    assert "due :milestone, crit, due, 2026-10-10, 0d" in chart


def test_mismatched_inputs_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="2026-11-06"):
        deadline_gantt(_case(), suspensions=[REVIEW])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: deadline_gantt("2026-10-30"), InvalidTypeError),  # type: ignore[arg-type]
        (lambda: deadline_gantt(_case(), suspensions=REVIEW), InvalidTypeError),  # type: ignore[arg-type]
        (lambda: deadline_gantt(_case(), extensions=["x"]), InvalidTypeError),  # type: ignore[arg-type, list-item]
        (lambda: deadline_gantt(_case(), lang="fr"), InvalidInputError),  # type: ignore[arg-type]
        (
            lambda: deadline_gantt(
                latest_date_before(dt.date(2026, 10, 12), get_rule("penalty.hearing_notice"))
            ),
            InvalidInputError,
        ),
        (lambda: plan_gantt(_case()), InvalidTypeError),
    ],
)
def test_bad_input(call: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        call()  # type: ignore[operator]


def test_suspended_deadline_is_refused() -> None:
    open_pause = Suspension(dt.date(2026, 10, 12), None, ART45)
    deadline = compute_deadline(
        dt.date(2026, 9, 28), get_rule("licensing.decision"), suspensions=[open_pause]
    )
    with pytest.raises(InvalidInputError, match="suspended"):
        deadline_gantt(deadline, suspensions=[open_pause])


def test_cli_mermaid(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "deadline",
            "2026-09-28",
            "--rule",
            "licensing.decision",
            "--suspend",
            "2026-10-12..2026-10-16",
            "--extend",
            "10",
            "--approved",
            "2026-11-03",
            "--mermaid",
            "--lang",
            "en",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("gantt\n    title Licensing decision (due 2026-11-20)\n")
    assert "extension :active, extended, 2026-11-07, 2026-11-21" in out


@pytest.mark.parametrize(
    "extra",
    [("--json",), ("--explain",), ("--rule", "penalty.hearing_notice")],
    ids=["json", "explain", "backward"],
)
def test_cli_mermaid_refusals(capsys: pytest.CaptureFixture[str], extra: tuple[str, ...]) -> None:
    args = ["deadline", "2026-10-12", "--mermaid", "--lang", "en", *extra]
    if "--rule" not in extra:
        args += ["--days", "3"]
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_plan_gantt() -> None:
    # comment published 09-10 may close on 10-10 (30 days); the legality review sent on
    # 10-10 needs 7 working days: 10-12..10-16 and 10-19, 10-20 -> opinion on 10-20.
    matter = Matter("市区公交票价调整", Category.PUBLIC_POLICY, {Flag.PUBLIC_INTEREST})
    plan = plan_decision(DecisionRecord(matter, [PublicComment(published=dt.date(2026, 9, 10))]))
    chart = plan_gantt(plan, lang="en")
    lines = chart.splitlines()
    assert lines[:5] == [
        "gantt",
        "    title 市区公交票价调整 (national)",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %m-%d",
        "    section Still required",
    ]
    assert "    close the public comment :milestone, active, s1, 2026-10-10, 0d" in lines
    assert "    receive the legality review opinion :milestone, s3, 2026-10-20, 0d" in lines
    assert china_calendar().add_working_days(dt.date(2026, 10, 10), 7) == dt.date(2026, 10, 20)
    assert all("[condition]" not in line for line in lines)


def test_cli_mermaid_with_an_undetermined_alternative(capsys: pytest.CaptureFixture[str]) -> None:
    """hunan.single_agency from 2026-12-05: 20 calendar days end on Fri 12-25 (drawn), but
    the alternative reading, 20 working days, runs into 2027, whose arrangement is not
    published: the chart says so in a Mermaid comment and the exit status is 3."""
    code = main(["deadline", "2026-12-05", "--rule", "hunan.single_agency", "--mermaid", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 3
    assert "    title Time-limited handling - one agency (due 2026-12-25)" in out
    assert out.splitlines()[-1].startswith("%% 20 working days: ")
