"""Hand-worked cases across the 2026 National Day (10-01..10-07 off; Sun 09-20 and Sat 10-10
are make-up working days), checked against the real calendar.

行政许可法 art. 32 ¶1(4): completeness is notified on the spot or within five days, else the
application counts as accepted on receipt; art. 82: the agency's limits are working days;
art. 42: decide within 20 (working) days of acceptance; 民法典 art. 201: the start day is
not counted.
"""

from __future__ import annotations

import datetime as dt

from govefficiency import china_calendar
from govefficiency.calendar import DayKind
from govefficiency.deadlines import CalendarDays, WorkingDays
from govefficiency.services import (
    ComplaintStep,
    CorrectionNotice,
    ExtensionRecord,
    Light,
    StepState,
    SuspensionRecord,
    application_status,
    commitment_excess,
    complaint_report,
    loads_complaints,
    status_board,
)

from .conftest import app, article, at, catalogue, item

D = dt.date


def test_calendar_is_what_the_counts_assume() -> None:
    """The counts below rely on these day kinds of the official 2026 arrangement (Fri 09-25
    is the Mid-Autumn Festival)."""
    cal = china_calendar()
    assert cal.day_kind(D(2026, 9, 20)) is DayKind.MAKEUP_WORKDAY
    assert cal.day_kind(D(2026, 10, 10)) is DayKind.MAKEUP_WORKDAY
    assert all(not cal.is_working_day(D(2026, 10, d)) for d in range(1, 8))
    assert cal.is_working_day(D(2026, 10, 8))


def test_received_wednesday_before_national_day_is_deemed_accepted() -> None:
    """Received Wed 09-30, no notice: the 5 working days are 10-08, 10-09, Sat 10-10
    (make-up), 10-12, 10-13, so acceptance is deemed from 09-30; 20 working days from 09-30
    are 10-08(1) 10-09(2) 10-10(3) 10-12..10-16(4-8) 10-19..10-23(9-13) 10-26..10-30(14-18)
    11-02(19) 11-03(20): the decision is due Tue 2026-11-03."""
    s = application_status(app(received=at(9, 30)), catalogue(), at=at(10, 14, 9))
    assert (s.notice_due, s.deemed, s.start, s.statutory_due) == (
        D(2026, 10, 13),
        True,
        D(2026, 9, 30),
        D(2026, 11, 3),
    )
    # the committed 10 working days: 10-08 .. 10-20 (10-08, 09, 10, 12, 13, 14, 15, 16, 19, 20)
    assert s.committed_due == D(2026, 10, 20)
    assert s.light is Light.GREEN


def test_notice_period_lapses_only_at_the_end_of_its_last_day() -> None:
    """At 23:00 on 10-13 the notice is still in time (pending); after midnight it is deemed."""
    a = app(received=at(9, 30))
    assert application_status(a, catalogue(), at=at(10, 13, 23)).light is Light.PENDING
    late = status_board([a], catalogue(), at=at(10, 14, 0, 30))
    assert late.statuses[0].deemed
    assert [f.code for f in late.findings] == ["ACCEPTANCE_NOTICE_LATE"]


def test_correction_on_the_last_day_is_in_time_and_period_counts_from_acceptance() -> None:
    """A correction notice on 10-13 (the 5th working day) is in time: no deemed acceptance.
    Accepted Tue 10-20; 20 working days: 10-21..10-23 (3), 10-26..10-30 (8),
    11-02..11-06 (13), 11-09..11-13 (18), 11-16 (19), 11-17 (20)."""
    a = app(
        received=at(9, 30),
        submitted=("form",),
        corrections=(CorrectionNotice(at(10, 13, 16), ("licence", "plan", "rules")),),
        accepted=at(10, 20, 9),
    )
    board = status_board([a], catalogue(), at=at(10, 21))
    s = board.statuses[0]
    assert not s.deemed
    assert s.start == D(2026, 10, 20)
    assert s.statutory_due == D(2026, 11, 17)
    assert board.findings == ()


def test_received_on_holiday_instant_in_utc() -> None:
    """2026-09-30T17:00Z is 10-01 01:00 in Beijing: received on a holiday; the five working
    days are still 10-08..10-13 and 20 working days from 10-01 end on 11-03."""
    received = dt.datetime(2026, 9, 30, 17, tzinfo=dt.UTC)
    s = application_status(app(received=received), catalogue(), at=at(10, 15))
    assert (s.received, s.notice_due, s.start, s.statutory_due) == (
        D(2026, 10, 1),
        D(2026, 10, 13),
        D(2026, 10, 1),
        D(2026, 11, 3),
    )


def test_received_on_makeup_saturday() -> None:
    """Received Sat 10-10, a make-up working day: the start day is not counted, the five
    working days are 10-12..10-16."""
    s = application_status(app(received=at(10, 10)), catalogue(), at=at(10, 12))
    assert s.notice_due == D(2026, 10, 16)
    assert s.light is Light.PENDING


def test_received_on_makeup_sunday_in_september() -> None:
    """Received Sun 09-20 (make-up working day). Fri 09-25 is the Mid-Autumn Festival (a
    public holiday), so the five working days are 09-21, 09-22, 09-23, 09-24 and Mon 09-28."""
    assert china_calendar().day_kind(D(2026, 9, 25)) is DayKind.PUBLIC_HOLIDAY
    s = application_status(app(received=at(9, 20)), catalogue(), at=at(9, 21))
    assert s.notice_due == D(2026, 9, 28)


def test_accepted_on_the_spot_monday_two_levels() -> None:
    """Accepted Mon 09-28 on the spot. Committed 10 working days: 09-29, 09-30, 10-08, 10-09,
    10-10, 10-12..10-16 → 10-16. Statutory 20: … → 10-30. Open at 10-19: yellow; at 10-31: red."""
    a = app(received=at(9, 28, 9), accepted=at(9, 28, 11))
    yellow = status_board([a], catalogue(), at=at(10, 19))
    assert yellow.statuses[0].committed_due == D(2026, 10, 16)
    assert yellow.statuses[0].statutory_due == D(2026, 10, 30)
    assert yellow.statuses[0].light is Light.YELLOW
    assert [f.code for f in yellow.findings] == ["OPEN_PAST_COMMITMENT"]
    red = status_board([a], catalogue(), at=at(10, 31))
    assert red.statuses[0].light is Light.RED
    assert [f.code for f in red.findings] == ["OPEN_PAST_STATUTE"]
    assert article(red.findings[0]) == "42"


def test_decided_late_against_commitment_only_is_a_warning() -> None:
    """Decided Fri 10-30 at 23:00: after the commitment (10-16), within the statute (10-30, to 24:00)."""
    a = app(received=at(9, 28, 9), accepted=at(9, 28, 11), decided=at(10, 30, 23))
    board = status_board([a], catalogue(), at=at(11, 2))
    assert [(f.code, f.severity.value) for f in board.findings] == [("DECIDED_AFTER_COMMITMENT", "warning")]


def test_decided_after_statute_is_an_error() -> None:
    """Decided Mon 11-02, after the statutory limit 10-30."""
    a = app(received=at(9, 28, 9), accepted=at(9, 28, 11), decided=at(11, 2, 9))
    board = status_board([a], catalogue(), at=at(11, 3))
    assert [f.code for f in board.findings] == ["DECIDED_AFTER_STATUTE"]


def test_expert_review_suspension_moves_both_limits() -> None:
    """Accepted 09-28; expert review (art. 45) Mon 10-12 to Fri 10-16 is not counted: five
    working days. Statutory 10-30 + 5 working days = 11-06; committed 10-16 → the 10 days
    were 09-29, 09-30, 10-08, 10-09, 10-10 (5) then 10-19..10-23 (10) → 10-23."""
    a = app(
        received=at(9, 28, 9),
        accepted=at(9, 28, 11),
        suspensions=(SuspensionRecord(at(10, 12, 9), at(10, 16, 17)),),
    )
    s = application_status(a, catalogue(), at=at(10, 20))
    assert (s.statutory_due, s.committed_due, s.light) == (D(2026, 11, 6), D(2026, 10, 23), Light.GREEN)
    during = application_status(
        app(received=at(9, 28, 9), accepted=at(9, 28, 11), suspensions=(SuspensionRecord(at(10, 12, 9)),)),
        catalogue(),
        at=at(10, 14),
    )
    assert during.light is Light.SUSPENDED
    assert during.statutory_due is None


def test_extension_lengthens_only_the_statutory_limit() -> None:
    """Extension of 10 working days approved Thu 10-29 (art. 42): 10-30 → 11-02..11-13 → 11-13.
    The committed limit stays 10-16."""
    a = app(
        received=at(9, 28, 9),
        accepted=at(9, 28, 11),
        extensions=(ExtensionRecord(at(10, 29), WorkingDays(10), "局长"),),
    )
    s = application_status(a, catalogue(), at=at(11, 10))
    assert (s.statutory_due, s.committed_due, s.light) == (D(2026, 11, 13), D(2026, 10, 16), Light.YELLOW)


def test_extension_beyond_the_cap_is_an_error_not_a_guess() -> None:
    """Art. 42 allows 10 more working days; 15 is refused by the rule: error, light undetermined."""
    a = app(
        received=at(9, 28, 9),
        accepted=at(9, 28, 11),
        extensions=(ExtensionRecord(at(10, 29), WorkingDays(15), "局长"),),
    )
    board = status_board([a], catalogue(), at=at(11, 10))
    assert board.statuses[0].light is Light.UNDETERMINED
    assert [f.code for f in board.findings] == ["EVENTS_NOT_ALLOWED"]
    assert article(board.findings[0]) == "42"


def test_commitment_in_calendar_days_against_working_days() -> None:
    """From Wed 09-30, 30 calendar days end Fri 10-30, before the statute's 11-03; but from
    Mon 11-02, 20 working days end Mon 11-30 while 30 calendar days end Wed 12-02."""
    cal = china_calendar()
    from govefficiency.deadlines import due_dates

    assert due_dates([D(2026, 9, 30)], CalendarDays(30), calendar=cal).dates == [D(2026, 10, 30)]
    assert due_dates([D(2026, 11, 2)], WorkingDays(20), calendar=cal).dates == [D(2026, 11, 30)]
    assert due_dates([D(2026, 11, 2)], CalendarDays(30), calendar=cal).dates == [D(2026, 12, 2)]
    assert commitment_excess(CalendarDays(30), WorkingDays(20), cal) is not None
    # 25 working days against 20: always longer.
    _start, c_end, s_end = commitment_excess(WorkingDays(25), WorkingDays(20), cal)  # type: ignore[misc]
    assert c_end > s_end
    assert commitment_excess(WorkingDays(20), WorkingDays(20), cal) is None


def test_year_boundary_is_undetermined_not_guessed() -> None:
    """Received Mon 2026-12-28: the 5 working days run into 2027, whose arrangement is not in
    the official calendar. On 12-30 the notice period is certainly still running (it ends
    after 12-31): pending. On 2027-01-06 it cannot be told: undetermined, with the reason.
    With the provisional calendar: 12-29, 12-30, 12-31, then 2027-01-01 is New Year's Day;
    01-04 and 01-05 → due Tue 2027-01-05, flagged provisional."""
    a = app(received=at(12, 28))
    s = application_status(a, catalogue(), at=at(12, 30))
    assert s.light is Light.PENDING
    assert s.notice_due is None
    assert s.reason is not None
    later = application_status(a, catalogue(), at=at(1, 6, year=2027))
    assert later.light is Light.UNDETERMINED
    prov = application_status(a, catalogue(), at=at(12, 30), calendar=china_calendar(provisional=True))
    assert prov.notice_due == D(2027, 1, 5)
    assert prov.provisional


def test_limits_beyond_the_calendar_still_decide_what_happened_before() -> None:
    """Accepted Mon 2026-12-14: the committed 10 working days end Mon 12-28 (12-15..12-18,
    12-21..12-25, 12-28); the statutory 20 end in 2027. On 12-29 the light is yellow (past
    the commitment, certainly not past the statute); decided on 12-31 it is done on time;
    asked on 2027-01-20 while still open, red cannot be ruled out: undetermined."""
    a = app(received=at(12, 14, 9), accepted=at(12, 14, 11))
    s = application_status(a, catalogue(), at=at(12, 29))
    assert (s.committed_due, s.statutory_due, s.light) == (D(2026, 12, 28), None, Light.YELLOW)
    done = status_board(
        [app(received=at(12, 14, 9), accepted=at(12, 14, 11), decided=at(12, 31))],
        catalogue(),
        at=at(12, 31, 18),
    )
    assert done.statuses[0].light is Light.DONE
    assert [f.code for f in done.findings] == ["DECIDED_AFTER_COMMITMENT"]
    assert application_status(a, catalogue(), at=at(1, 20, year=2027)).light is Light.UNDETERMINED


def test_complaint_limits_across_national_day() -> None:
    """Received 09-30: acceptance decision within 5 working days → 10-13 (decided 10-14: late);
    reply within 30 working days → 10-08..10-30 (18), 11-02..11-13 (28), 11-16 (29), 11-17 (30)."""
    rules, complaints = loads_complaints(
        """
[rules]
source = { law = { zh = "某县效能投诉办法", en = "County complaint rules" } }
accept_decision = { unit = "working_days", length = 5 }
reply = { unit = "working_days", length = 30 }

[[complaints]]
id = "C1"
unit = "housing"
received = 2026-09-30T15:00:00+08:00
decision = { at = 2026-10-14T09:00:00+08:00, accepted = true }
replied = 2026-11-17T20:00:00+08:00
"""
    )
    report = complaint_report(complaints, rules, at=at(11, 30))
    by_step = {s.step: s for s in report.steps}
    assert by_step[ComplaintStep.ACCEPT_DECISION].due == D(2026, 10, 13)
    assert by_step[ComplaintStep.ACCEPT_DECISION].state is StepState.DONE_LATE
    assert by_step[ComplaintStep.REPLY].due == D(2026, 11, 17)
    assert by_step[ComplaintStep.REPLY].state is StepState.DONE_ON_TIME
    # The file sets no handling limit: undetermined, never invented.
    assert by_step[ComplaintStep.HANDLING].state is StepState.UNDETERMINED
    assert {f.code for f in report.findings} == {"COMPLAINT_ACCEPTANCE_LATE", "COMPLAINT_LIMIT_UNDETERMINED"}


def test_unused_item_helper() -> None:
    """The builders produce a valid catalogue (sanity of the fixtures used above)."""
    assert item().committed == WorkingDays(10)


def test_suspension_after_a_deemed_acceptance() -> None:
    """Received Wed 09-30, no notice (deemed accepted from 09-30, statutory limit 11-03).
    Expert review Mon 10-19 to Fri 10-23 (5 working days) is not counted: 11-03 + 5 working
    days = 11-04, 11-05, 11-06, 11-09, 11-10 → Tue 11-10. A suspension before the period's
    start would be refused by the rule instead (EVENTS_NOT_ALLOWED)."""
    a = app(received=at(9, 30), suspensions=(SuspensionRecord(at(10, 19, 9), at(10, 23, 17)),))
    s = application_status(a, catalogue(), at=at(10, 26))
    assert (s.deemed, s.start, s.statutory_due) == (True, D(2026, 9, 30), D(2026, 11, 10))
    early = app(
        received=at(9, 28, 9),
        corrections=(CorrectionNotice(at(9, 28, 15), ("plan",)),),
        accepted=at(10, 15),
        suspensions=(SuspensionRecord(at(10, 12, 9), at(10, 13, 17)),),
    )
    board = status_board([early], catalogue(), at=at(10, 20))
    assert [f.code for f in board.findings] == ["EVENTS_NOT_ALLOWED"]
