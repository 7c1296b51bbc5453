"""Hand-worked legal deadlines across the 2026 Spring Festival and National Day.

The 2026 arrangement (国务院办公厅关于2026年部分节假日安排的通知), as used below:

* Spring Festival: Sun 02-15 to Mon 02-23 off (02-16 除夕, 02-17..19 春节, 02-20 and 02-23
  调休), make-up working days Sat 02-14 and Sat 02-28.
* Mid-Autumn: Fri 09-25 off.
* National Day: Thu 10-01 to Wed 10-07 off (10-01..03 国庆节, Mon 10-05 补假 for Sat 10-03,
  Tue 10-06 and Wed 10-07 调休), make-up working days Sun 09-20 and Sat 10-10.

Each expected date below is counted by hand from these facts, not copied from the code.
"""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency import Citation, Text, china_calendar
from govefficiency.deadlines import (
    CalendarDays,
    DeadlineStatus,
    Direction,
    Extension,
    Hours,
    Months,
    Period,
    StepKind,
    Suspension,
    SuspensionMode,
    WorkingDays,
    Years,
    compute_deadline,
    get_rule,
    latest_date_before,
)
from govefficiency.errors import CalendarCoverageError
from govefficiency.testing import at

D = dt.date
ART45 = Citation(
    Text("行政许可法", "Administrative Licensing Law"), "45", 2019, Text("专家评审", "expert review")
)
ART30 = Citation(Text("政府信息公开条例", "Regulations on Open Government Information"), "30", 2019)


#: (start, period or preset rule id, hand-counted due date): a deadline whose whole check
#: is its due date. Each row's counting is in the comment above it.
DUE_DATES = [
    # From Fri 2026-02-13, the first working day is the make-up Saturday 2026-02-14: Sat
    # 02-14 is worked to pay back Fri 02-20, so it is working day 1.
    pytest.param(D(2026, 2, 13), WorkingDays(1), D(2026, 2, 14), id="makeup_saturday_is_counted"),
    # 5 working days from Fri 2026-02-13 end on Fri 2026-02-27:
    # 02-14 make-up (1); 02-15..23 off; 02-24 (2), 02-25 (3), 02-26 (4), 02-27 (5).
    pytest.param(D(2026, 2, 13), WorkingDays(5), D(2026, 2, 27), id="spring_festival_is_skipped"),
    # Seed 003's 3-working-day limit from Thu 2026-02-12 ends Tue 2026-02-24:
    # 02-13 (1), Sat 02-14 make-up (2), holiday 02-15..23, 02-24 (3).
    pytest.param(D(2026, 2, 12), "nanyang.single_department", D(2026, 2, 24), id="seed_three_working_days"),
    # A period starting on a holiday (Thu 2026-10-01) counts from the next working day:
    # 10-02..07 off; 10-08 (1), 10-09 (2).
    pytest.param(D(2026, 10, 1), WorkingDays(2), D(2026, 10, 9), id="start_on_a_holiday_is_not_counted"),
    # A penalty case filed 2026-07-03 must be decided by Thu 2026-10-08 (art. 60: 90 days):
    # 07-03 + 90 days: July 28 more days -> 07-31 (28), August -> 08-31 (59),
    # September -> 09-30 (89), 10-01 (90) is National Day -> rolls to 10-08.
    pytest.param(D(2026, 7, 3), "penalty.decision", D(2026, 10, 8), id="penalty_decision_ninety_days"),
    # 2024-02-29 + 1 year ends on Fri 2025-02-28.
    pytest.param(D(2024, 2, 29), Years(1), D(2025, 2, 28), id="leap_day_plus_one_year"),
    # 2026-08-20 + 1 month ends on Sun 2026-09-20, a make-up working day.
    pytest.param(D(2026, 8, 20), Months(1), D(2026, 9, 20), id="month_period_ending_on_makeup_sunday"),
    # 6 months from Sun 2026-04-05 nominally end Mon 10-05 (补假) and roll to Thu 10-08.
    pytest.param(
        D(2026, 4, 5), "litigation.filing", D(2026, 10, 8), id="litigation_six_months_into_national_day"
    ),
]


@pytest.mark.parametrize(("start", "period", "due"), DUE_DATES)
def test_due_date(start: dt.date, period: Period | str, due: dt.date) -> None:
    """The due date counted by hand (see each row's comment)."""
    assert compute_deadline(start, get_rule(period) if isinstance(period, str) else period).due_date == due


class TestWorkingDayPeriods:
    def test_licensing_decision_across_national_day(self) -> None:
        """A licence accepted Mon 2026-09-28 is decided by Fri 2026-10-30 (20 working days)."""
        # Start day 09-28 not counted. 09-29 (1), 09-30 (2); 10-01..07 holiday; 10-08 (3),
        # 10-09 (4), Sat 10-10 make-up (5); 10-12..16 (6-10); 10-19..23 (11-15);
        # 10-26..30 (16-20).
        d = compute_deadline(D(2026, 9, 28), get_rule("licensing.decision"))
        assert d.due_date == D(2026, 10, 30)
        assert d.due_at == dt.datetime(2026, 10, 30, 23, 59, 59, 999999, tzinfo=d.due_at.tzinfo)
        assert d.due_at.utcoffset() == dt.timedelta(hours=8)
        assert not d.provisional


class TestCalendarTypePeriods:
    def test_calendar_days_ending_in_national_day_roll_forward(self) -> None:
        """30 days from 2026-09-03 nominally end Sat 10-03 (National Day) and roll to Thu 10-08."""
        # 09-03 + 30 days = 10-03; 10-03..07 are rest days; the next working day is 10-08.
        d = compute_deadline(D(2026, 9, 3), CalendarDays(30))
        assert d.due_date == D(2026, 10, 8)
        assert [s.kind for s in d.steps].count(StepKind.ROLL) == 1

    def test_month_end_without_corresponding_day(self) -> None:
        """2026-01-31 + 1 month ends on 2026-02-28, a make-up Saturday, which is a working day."""
        # February 2026 has no 31st: the last day of February (民法典 art. 202); Sat 02-28 is
        # worked (pays back Mon 02-23), so there is no roll-over.
        d = compute_deadline(D(2026, 1, 31), Months(1))
        assert d.due_date == D(2026, 2, 28)
        assert not any(s.kind is StepKind.ROLL for s in d.steps)

    def test_reconsideration_with_calendar_day_extension(self) -> None:
        """60 days from 2026-08-08 roll to 10-08; +30 days then end Mon 2026-11-09."""
        # 08-08 + 60 = Wed 10-07 (调休) -> the period ends Thu 10-08. The extension
        # lengthens the period itself, so it counts on from the nominal last day 10-07
        # (once extended, 10-07 is no longer the last day and no roll-over happened
        # there): 10-07 + 30 = Fri 11-06, a working day. Together: 90 days from 08-08.
        rule = get_rule("review.decision")
        base = compute_deadline(D(2026, 8, 8), rule)
        assert base.due_date == D(2026, 10, 8)
        ext = Extension(CalendarDays(30), "行政复议机构负责人", D(2026, 10, 8))
        extended = compute_deadline(D(2026, 8, 8), rule, extensions=[ext])
        assert extended.due_date == D(2026, 11, 6)
        assert extended.due_date == compute_deadline(D(2026, 8, 8), CalendarDays(90)).due_date

    def test_extension_after_a_roll_counts_from_the_nominal_end(self) -> None:
        """Reconsideration accepted 08-03: 60 days end 10-02 (rolled to 10-08); +30 -> Mon 11-02."""
        # Nominal end 08-03 + 60 = Fri 10-02 (National Day) -> 10-08. Extended by 30 days
        # from the nominal 10-02: Sun 11-01 -> the next working day Mon 11-02 (not 11-09,
        # which counting from the rolled 10-08 would give).
        ext = Extension(CalendarDays(30), "行政复议机构负责人", D(2026, 10, 8))
        d = compute_deadline(D(2026, 8, 3), get_rule("review.decision"), extensions=[ext])
        assert d.due_date == D(2026, 11, 2)


class TestSuspensionsAndExtensions:
    @pytest.mark.parametrize(
        ("start", "rule_id", "paused", "due"),
        [
            # An expert review 10-12..10-16 (5 working days) moves 10-30 to Fri 2026-11-06.
            (D(2026, 9, 28), "licensing.decision", (D(2026, 10, 12), D(2026, 10, 16)), D(2026, 11, 6)),
            # A 10-day pause in September moves the 90-day penalty limit from 10-01 to Mon
            # 10-12: nominal end 10-01 + 10 paused days = Sun 10-11 -> next working day Mon 10-12.
            (D(2026, 7, 3), "penalty.decision", (D(2026, 9, 1), D(2026, 9, 10)), D(2026, 10, 12)),
            # A pause on 10-08..10-09, the rolled last day of a period, moves it to Sat 10-10:
            # review.decision from 08-03: nominal 10-02 (National Day) rolls to Thu 10-08. The
            # period still runs on 10-08; suspended on 10-08 and 10-09, its last day falls on
            # the day after the pause, Sat 10-10, a make-up working day.
            (D(2026, 8, 3), "review.decision", (D(2026, 10, 8), D(2026, 10, 9)), D(2026, 10, 10)),
        ],
        ids=[
            "expert_review_pause",
            "calendar_day_period_with_pause",
            "pause_on_the_rolled_last_day_holds_it",
        ],
    )
    def test_one_pause(
        self, start: dt.date, rule_id: str, paused: tuple[dt.date, dt.date], due: dt.date
    ) -> None:
        """A pause under art. 45 moves the due date and is a cited step of the explanation."""
        d = compute_deadline(start, get_rule(rule_id), suspensions=[Suspension(*paused, ART45)])
        assert d.due_date == due
        assert any(s.kind is StepKind.SUSPENSION and s.citation == ART45 for s in d.steps)

    def test_extension_after_pause(self) -> None:
        """The agency head's 10-working-day extension approved 11-05 moves 11-06 to 11-20."""
        # 11-09..13 (5), 11-16..20 (10).
        d = compute_deadline(
            D(2026, 9, 28),
            get_rule("licensing.decision"),
            suspensions=[Suspension(D(2026, 10, 12), D(2026, 10, 16), ART45)],
            extensions=[Extension(WorkingDays(10), "本机关负责人", D(2026, 11, 5))],
        )
        assert d.due_date == D(2026, 11, 20)
        assert "本机关负责人" in d.explain("zh")

    def test_restart_after_correction(self) -> None:
        """An information request corrected on Tue 2026-09-22 is answered by Tue 2026-10-27."""
        # Art. 30: the 20 working days count afresh from receipt of the corrected request.
        # 09-23 (1), 09-24 (2), 09-25 Mid-Autumn, 09-28 (3), 09-29 (4), 09-30 (5),
        # 10-08 (6), 10-09 (7), Sat 10-10 (8), 10-12..16 (13), 10-19..23 (18), 10-26 (19),
        # 10-27 (20).
        d = compute_deadline(
            D(2026, 9, 14),
            get_rule("ogi.reply"),
            suspensions=[Suspension(D(2026, 9, 16), D(2026, 9, 22), ART30, mode=SuspensionMode.RESTART)],
        )
        assert d.due_date == D(2026, 10, 27)

    def test_overlapping_suspensions_merge(self) -> None:
        """Overlapping pauses 10-12..10-14 and 10-13..10-16 count once, like 10-12..10-16."""
        d = compute_deadline(
            D(2026, 9, 28),
            WorkingDays(20),
            suspensions=[
                Suspension(D(2026, 10, 12), D(2026, 10, 14), ART45),
                Suspension(D(2026, 10, 13), D(2026, 10, 16), ART45),
            ],
        )
        assert d.due_date == D(2026, 11, 6)

    def test_open_suspension_leaves_deadline_undetermined(self) -> None:
        """A pause with no end yet gives no due date and status SUSPENDED, never a guess."""
        d = compute_deadline(
            D(2026, 9, 28), WorkingDays(20), suspensions=[Suspension(D(2026, 10, 12), None, ART45)]
        )
        assert d.due_date is None
        assert d.due_at is None
        assert d.status is DeadlineStatus.SUSPENDED
        assert not d.is_overdue(at=at(2027, 6, 1, 0))


class TestRolledCalendarPeriods:
    @pytest.mark.parametrize(
        ("pause", "due"),
        [
            # 10-02 + 30 = Sun 11-01; with the extension 10-02 is no longer the last day, so a
            # pause inside the holiday is an ordinary pause of the extended period:
            ((D(2026, 10, 8), D(2026, 10, 9)), D(2026, 11, 3)),  # +2 days -> Tue 11-03
            ((D(2026, 10, 3), D(2026, 10, 3)), D(2026, 11, 2)),  # +1 day -> Mon 11-02
            ((D(2026, 10, 5), D(2026, 10, 6)), D(2026, 11, 3)),  # +2 days -> Tue 11-03
        ],
    )
    def test_extended_period_treats_the_pause_as_ordinary(
        self, pause: tuple[dt.date, dt.date], due: dt.date
    ) -> None:
        """With a 30-day extension, a pause in the roll-over gap just lengthens the period."""
        ext = Extension(CalendarDays(30), "行政复议机构负责人", D(2026, 9, 20))
        d = compute_deadline(
            D(2026, 8, 3),
            get_rule("review.decision"),
            extensions=[ext],
            suspensions=[Suspension(*pause, ART45)],
        )
        assert d.due_date == due


class TestBackwardLimits:
    def test_hearing_notice_seven_working_days_before(self) -> None:
        """A hearing on Mon 2026-10-12 must be notified by Thu 2026-09-24."""
        # Back from 10-12: Sat 10-10 (1), 10-09 (2), 10-08 (3), 09-30 (4), 09-29 (5),
        # 09-28 (6), Fri 09-25 Mid-Autumn and the weekend skipped, Thu 09-24 (7).
        d = latest_date_before(D(2026, 10, 12), get_rule("penalty.hearing_notice"))
        assert d.due_date == D(2026, 9, 24)
        assert d.backward

    def test_calendar_backward_limit_moves_earlier(self) -> None:
        """7 days before Thu 2026-10-08 is National Day, so the latest day is Wed 2026-09-30."""
        d = latest_date_before(D(2026, 10, 8), CalendarDays(7))
        assert d.due_date == D(2026, 9, 30)


class TestInstantsAndConsequences:
    def test_hours_run_from_the_instant_without_roll(self) -> None:
        """24 hours from 2026-09-30 18:00 end on 10-01 18:00 even though it is a holiday."""
        start = at(2026, 9, 30, 18, 0)
        d = compute_deadline(start, Hours(24))
        assert d.due_at == at(2026, 10, 1, 18, 0)
        assert d.due_date == D(2026, 10, 1)

    def test_close_of_business(self) -> None:
        """With business hours the last day ends at the close of business (art. 203 ¶2)."""
        d = compute_deadline(D(2026, 9, 28), WorkingDays(20), business_close=dt.time(17, 30))
        assert d.due_at is not None
        assert d.due_at.time() == dt.time(17, 30)
        assert d.is_overdue(at=at(2026, 10, 30, 17, 31))
        assert not d.is_overdue(at=at(2026, 10, 30, 17, 30))

    def test_aware_start_is_read_in_the_calendar_zone(self) -> None:
        """An instant of 2026-09-27 20:00 UTC is 09-28 in Shanghai, the day counted from."""
        start = dt.datetime(2026, 9, 27, 20, 0, tzinfo=dt.UTC)
        assert compute_deadline(start, WorkingDays(20)).due_date == D(2026, 10, 30)

    @pytest.mark.parametrize(
        ("event", "rule_id", "due", "instants", "code"),
        [
            # Art. 32: no completeness notice by Sat 2026-10-10 means deemed accepted.
            # 09-29 (1), 09-30 (2), 10-08 (3), 10-09 (4), Sat 10-10 make-up (5).
            (
                D(2026, 9, 28),
                "licensing.completeness_notice",
                D(2026, 10, 10),
                (at(2026, 10, 10, 12), at(2026, 10, 11, 0)),
                "DEEMED_ACCEPTED",
            ),
            # Art. 50, a licence valid through Sun 2026-10-04 (a backward limit): decide
            # before the validity ends. The last day 10-04 is a rest day, so the safe day to
            # decide is the working day before, Wed 09-30 (10-01..10-03 are National Day); the
            # licence is deemed renewed only once 10-04 has ended.
            (
                D(2026, 10, 4),
                "licensing.renewal_decision",
                D(2026, 9, 30),
                (at(2026, 10, 2, 10), at(2026, 10, 5, 0)),
                "DEEMED_RENEWED",
            ),
        ],
        ids=[
            "deemed_accepted_after_five_working_days",
            "deemed_renewal_applies_only_after_the_validity_ends",
        ],
    )
    def test_consequence_only_once_the_limit_has_passed(
        self,
        event: dt.date,
        rule_id: str,
        due: dt.date,
        instants: tuple[dt.datetime, dt.datetime],
        code: str,
    ) -> None:
        """The statutory consequence of a missed limit applies only after its last day (the
        instants: one still in time, one too late)."""
        rule = get_rule(rule_id)
        d = (latest_date_before if rule.direction is Direction.BEFORE else compute_deadline)(event, rule)
        assert d.due_date == due
        still_in_time, too_late = instants
        assert d.consequence_at(at=still_in_time) is None
        late = d.consequence_at(at=too_late)
        assert late is not None
        assert late.code == code


class TestExplanations:
    def test_working_day_count_names_what_it_crossed(self) -> None:
        """The count step names the National Day days skipped and the make-up Saturday counted."""
        text = compute_deadline(D(2026, 9, 28), WorkingDays(20)).explain("en")
        assert "2026-10-01..2026-10-03 (National Day) not counted" in text
        assert "2026-10-10 (Make-up working day (rest moved to 2026-10-07)) counted" in text
        assert "the 20th working day" in text

    @pytest.mark.parametrize(
        ("n", "expected"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (21, "21st")]
    )
    def test_ordinals(self, n: int, expected: str) -> None:
        """English explanations use proper ordinals and singular nouns."""
        text = compute_deadline(D(2026, 3, 2), WorkingDays(n)).explain("en")
        assert f"the {expected} working day" in text
        if n == 1:
            assert "1 working day run" in text or "1 working day " in text


class TestCoverage:
    def test_strict_calendar_refuses_unpublished_year(self) -> None:
        """A period running into 2027 raises CalendarCoverageError with the strict calendar."""
        with pytest.raises(CalendarCoverageError, match=r"2027|provisional"):
            compute_deadline(D(2026, 12, 1), WorkingDays(30))

    def test_provisional_calendar_flags_the_result(self) -> None:
        """With provisional=True the same period is answered and flagged provisional."""
        d = compute_deadline(D(2026, 12, 1), WorkingDays(30), calendar=china_calendar(provisional=True))
        assert d.due_date is not None
        assert d.due_date.year == 2027
        assert d.provisional
        assert "provisional" in d.explain("en")

    def test_result_inside_published_data_is_not_provisional(self) -> None:
        """A provisional calendar does not flag a deadline that uses only published dates."""
        d = compute_deadline(D(2026, 9, 28), WorkingDays(20), calendar=china_calendar(provisional=True))
        assert not d.provisional
