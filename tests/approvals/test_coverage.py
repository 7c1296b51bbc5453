"""Tracking a project past the calendar's coverage (2027 not published): a step overdue
since a covered day keeps its due date and its error, the count stated as a lower
bound; only the projection is undetermined (defect 4 of stop 24).

Hand-worked (``data/road_project.toml``; days checked below with ``day_kind``): step
``plan`` (licensing.decision, 20 working days) starts Mon 2026-09-28 (not counted);
Tue 09-29 is day 1; suspended 09-30 .. resumed 10-09 (those days not counted); then Sat
10-10 (make-up working day) is day 2, Oct 12-16 days 3-7, 19-23 8-12, 26-30 13-17,
Nov 2, 3, 4 days 18-20: due Wed 2026-11-04. On 2026-12-21 it is overdue by Nov 5, 6,
9-13, 16-20, 23-27, 30 (18) + Dec 1-4, 7-11, 14-18, 21 (15) = 33 working days; on
2027-01-04 by Dec 22-25, 28-31 (8) more up to the calendar's last day = at least 41.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from govefficiency.approvals import StepState, load_flow, load_project, track
from govefficiency.calendar import CalendarPatch, DayKind, china_calendar
from govefficiency.testing import run_cli

DATA = Path(__file__).parent / "data"
FLOW = DATA / "road_flow.toml"
PROJECT = DATA / "road_project.toml"
ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "calendar" / "data" / "cn-2027-test-fixture.toml"  # invented 2027
TZ = ZoneInfo("Asia/Shanghai")
CAL = china_calendar()


def test_the_calendar_is_as_the_comments_say():
    assert CAL.day_kind(dt.date(2026, 10, 10)) is DayKind.MAKEUP_WORKDAY
    assert CAL.day_kind(dt.date(2026, 9, 29)) is DayKind.WORKDAY
    assert CAL.day_kind(dt.date(2026, 11, 4)) is DayKind.WORKDAY
    assert CAL.working_days_between(dt.date(2026, 11, 4), dt.date(2026, 12, 21)) == 33
    assert CAL.working_days_between(dt.date(2026, 12, 21), dt.date(2026, 12, 31)) == 8
    assert CAL.last == dt.date(2026, 12, 31)


def test_overdue_past_the_end_keeps_the_due_date_and_the_error():
    status = track(load_flow(FLOW), load_project(PROJECT), at=dt.datetime(2027, 1, 4, 9, tzinfo=TZ))
    plan = status.step("plan")
    assert plan.state is StepState.OVERDUE
    assert plan.due == dt.date(2026, 11, 4)
    assert (plan.overdue_by, plan.overdue_at_least) == (41, True)
    (overdue,) = [f for f in status.findings if f.code == "STEP_OVERDUE"]
    assert "at least 41 working days (counted to 2026-12-31" in overdue.message.en
    assert "至少 41" in overdue.message.zh
    assert status.projected_completion is None
    assert not status.determined
    assert {"STEP_OVERDUE", "PROJECTION_UNDETERMINED"} <= {f.code for f in status.findings}
    assert status.to_dict()["late_steps"] == [
        {"step": "plan", "unit": "roads", "overdue_by": 41, "overdue_at_least": True}
    ]
    # inside the coverage the count is exact
    before = track(load_flow(FLOW), load_project(PROJECT), at=dt.datetime(2026, 12, 21, 9, tzinfo=TZ))
    assert (before.step("plan").overdue_by, before.step("plan").overdue_at_least) == (33, False)


def test_with_next_years_arrangement_the_count_is_exact_and_not_smaller():
    cal = china_calendar(patches=[CalendarPatch.load(FIXTURE)])
    status = track(
        load_flow(FLOW), load_project(PROJECT), at=dt.datetime(2027, 1, 4, 9, tzinfo=TZ), calendar=cal
    )
    plan = status.step("plan")
    assert not plan.overdue_at_least
    assert plan.overdue_by >= 41


def test_the_cli_reports_the_error_and_exits_1():
    # an error finding wins over undetermined (docs/cli.md exit statuses; as services status)
    result = run_cli(
        "approvals", "track", str(FLOW), str(PROJECT), "--at", "2027-01-04T09:00", "--lang", "en"
    )
    assert result.code == 1
    assert "due 2026-11-04" in result.out
    assert "overdue by at least 41 working days" in result.out
    assert "undetermined" in result.out
