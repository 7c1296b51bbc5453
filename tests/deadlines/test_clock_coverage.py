"""A live clock past the calendar's coverage (the 2027 arrangement is not published):
what is known is still stated, only what depends on the unknown days is undetermined,
and one such clock never makes a batch raise (defect 7 of stop 24).

Hand-worked on the real calendar (checked in ``test_the_calendar_is_as_the_comments_say``):
November 2026 has no public holiday (working days Mon 2 – Fri 6, 9 – 13, 16 – 20, 23 – 27,
Mon 30), nor has December 2026 (Tue 1 – Fri 4, 7 – 11, 14 – 18, 21 – 25, 28 – Thu 31:
23 working days). The calendar's data ends on Thu 2026-12-31.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.calendar import DayKind, china_calendar
from govefficiency.deadlines import ClockState, DeadlineClock, WorkingDays, get_rule, statuses_at
from govefficiency.errors import CalendarCoverageError, NaiveDatetimeError

TZ = ZoneInfo("Asia/Shanghai")
CAL = china_calendar()
PROVISIONAL = china_calendar(provisional=True)
RULE = get_rule("licensing.decision")  # 20 working days


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=TZ)


def test_the_calendar_is_as_the_comments_say():
    for month in (11, 12):
        day = dt.date(2026, month, 1)
        while day.month == month:
            expected = DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY
            assert CAL.day_kind(day) is expected, day
            day += dt.timedelta(days=1)
    assert CAL.last == dt.date(2026, 12, 31)
    assert CAL.working_days_between(dt.date(2026, 11, 30), dt.date(2026, 12, 31)) == 23


def test_overdue_before_the_end_is_overdue_by_at_least_the_covered_days():
    # started Mon 2026-11-02: Nov 3-6 (4), 9-13 (9), 16-20 (14), 23-27 (19), Mon 30 (20):
    # due 2026-11-30. On 2027-01-04 it is overdue by the 23 working days of December and
    # by however many of 2027-01-01..01-04 are working days: at least 23.
    clock = DeadlineClock.start("C-1", at=at(2026, 11, 2, 9), period=RULE, calendar=CAL)
    status = clock.status(at=at(2027, 1, 4, 9))
    assert status.state is ClockState.OVERDUE
    assert status.due_date == dt.date(2026, 11, 30)
    assert status.overdue_by == 23
    assert status.at_least is True
    assert status.used == 20
    assert status.remaining == 0
    assert status.missing is not None
    assert "2027-01-04" in status.missing.en
    # inside the coverage the same clock is exact
    inside = clock.status(at=at(2026, 12, 31, 9))
    assert (inside.overdue_by, inside.at_least, inside.missing) == (23, False, None)


def test_a_due_date_past_the_end_can_be_started_and_asked_about():
    # started Thu 2026-12-10: the working days left in 2026 are Dec 11, 14-18, 21-25,
    # 28-31 (15 < 20), so the due date lies in 2027 — not known, but after 12-31.
    clock = DeadlineClock.start("C-2", at=at(2026, 12, 10, 9), period=RULE, calendar=CAL)
    running = clock.status(at=at(2026, 12, 15, 9))
    # Dec 11, 14, 15: 3 working days used; not overdue (due after 12-31)
    assert running.state is ClockState.RUNNING
    assert (running.used, running.due_date, running.remaining, running.at_least) == (3, None, None, False)
    assert running.missing is not None
    assert "provisional=True" in running.missing.en
    later = clock.status(at=at(2027, 1, 15, 9))
    assert later.state is ClockState.UNDETERMINED
    assert (later.used, later.overdue_by, later.at_least) == (15, 0, True)
    assert later.to_dict()["state"] == "undetermined"
    assert later.to_dict()["missing"]["zh"]
    # completed on a covered day, before a due date after the end: on time
    done = clock.complete(at=at(2026, 12, 30, 10)).status(at=at(2027, 1, 15, 9))
    assert done.state is ClockState.COMPLETED_ON_TIME


def test_the_internal_error_never_leaks():
    # a clock started past the end cannot count anything: the public error, alone
    with pytest.raises(CalendarCoverageError) as info:
        DeadlineClock.start("C-3", at=at(2027, 1, 10, 9), period=RULE, calendar=CAL)
    assert info.value.__context__ is None
    assert info.value.__cause__ is None
    # the explained deadline of a clock due after the end is undetermined: the public error
    clock = DeadlineClock.start("C-2", at=at(2026, 12, 10, 9), period=RULE, calendar=CAL)
    with pytest.raises(CalendarCoverageError) as info:
        clock.deadline  # noqa: B018
    assert "_Uncovered" not in repr(info.value.__context__)


def test_a_batch_keeps_its_known_rows():
    clocks = [
        DeadlineClock.start("overdue", at=at(2026, 11, 2, 9), period=RULE, calendar=CAL),
        DeadlineClock.start("after-end", at=at(2026, 12, 10, 9), period=RULE, calendar=CAL),
        DeadlineClock.start("done", at=at(2026, 11, 2, 9), period=RULE, calendar=CAL).complete(
            at=at(2026, 11, 20, 9)
        ),
    ]
    statuses = statuses_at(clocks, at=at(2027, 1, 4, 9))
    assert [s.state for s in statuses] == [
        ClockState.OVERDUE,
        ClockState.UNDETERMINED,
        ClockState.COMPLETED_ON_TIME,
    ]
    assert statuses[0].overdue_by == 23
    assert statuses[0].at_least
    assert statuses[2].missing is None
    assert not statuses[2].at_least


def test_a_suspension_inside_the_coverage_of_a_clock_due_after_it():
    # the deadline in force lies after 12-31, so a suspension on 12-14 is in force
    clock = DeadlineClock.start("C-4", at=at(2026, 12, 10, 9), period=WorkingDays(20), calendar=CAL)
    basis = RULE.citation
    suspended = clock.suspend(at=at(2026, 12, 14, 9), basis=basis)
    status = suspended.status(at=at(2026, 12, 20, 9))
    # Dec 11 counted; suspended from the 14th
    assert status.state is ClockState.SUSPENDED
    assert status.used == 1


def test_bad_input_still_raises():
    clock = DeadlineClock.start("C-2", at=at(2026, 12, 10, 9), period=RULE, calendar=CAL)
    with pytest.raises(NaiveDatetimeError):
        clock.status(at=dt.datetime(2027, 1, 4, 9))  # naive


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(dt.date(2026, 10, 15), dt.date(2026, 12, 31)),
    n=st.integers(1, 40),
    asked=st.dates(dt.date(2026, 12, 1), dt.date(2027, 2, 28)),
)
def test_what_is_stated_past_the_end_agrees_with_a_calendar_that_has_the_days(start, n, asked):
    # the provisional calendar has 2027 (from the statutory rules): whatever the plain
    # calendar states must hold there too; a lower bound must not exceed the count
    begin = dt.datetime.combine(start, dt.time(9), TZ)
    when = dt.datetime.combine(asked, dt.time(9), TZ)
    if when < begin:
        return
    plain = DeadlineClock.start("P", at=begin, period=WorkingDays(n), calendar=CAL).status(at=when)
    full = DeadlineClock.start("P", at=begin, period=WorkingDays(n), calendar=PROVISIONAL).status(at=when)
    if plain.state is ClockState.UNDETERMINED:
        assert plain.due_date is None
        assert plain.used <= full.used
        return
    assert plain.state is full.state
    if plain.due_date is not None:
        assert plain.due_date == full.due_date
    if plain.at_least:
        assert plain.overdue_by <= full.overdue_by
        assert plain.missing is not None
    else:
        assert (plain.used, plain.overdue_by) == (full.used, full.overdue_by)
