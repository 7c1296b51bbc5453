"""Every public entry point of govefficiency.deadlines rejects bad input with a specific error."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency import WorkCalendar
from govefficiency.deadlines import (
    CalendarDays,
    Extension,
    Hours,
    Months,
    Period,
    Suspension,
    WorkingDays,
    compute_deadline,
    due_dates,
    get_rule,
    latest_date_before,
    period_from,
)
from govefficiency.errors import (
    CalendarCoverageError,
    ExtensionError,
    InvalidInputError,
    InvalidTypeError,
    NaiveDatetimeError,
    RuleError,
    SuspensionError,
)
from strategies import BASIS, SHANGHAI

D = dt.date


class TestPeriods:
    @pytest.mark.parametrize("value", [-1, -20])
    def test_negative(self, value: int) -> None:
        """A negative count raises InvalidInputError pointing to latest_date_before."""
        with pytest.raises(InvalidInputError, match="latest_date_before"):
            WorkingDays(value)

    @pytest.mark.parametrize("value", [1.5, "20", True, None])
    def test_not_an_int(self, value: object) -> None:
        """A float, string, bool or None count raises InvalidTypeError."""
        with pytest.raises(InvalidTypeError, match="must be an int"):
            CalendarDays(value)  # type: ignore[arg-type]

    def test_abstract_period(self) -> None:
        """The abstract Period cannot be instantiated."""
        with pytest.raises(InvalidTypeError, match="abstract"):
            Period(3)

    def test_period_from_unknown_unit(self) -> None:
        """period_from rejects an unknown unit name and a non-unit type."""
        with pytest.raises(InvalidInputError, match="unknown period unit"):
            period_from("weeks", 2)
        with pytest.raises(InvalidTypeError):
            period_from(3, 2)  # type: ignore[arg-type]

    def test_periods_of_different_units_differ(self) -> None:
        """WorkingDays(5) and CalendarDays(5) are different values."""
        assert WorkingDays(5) != CalendarDays(5)


class TestComputeDeadline:
    def test_start_must_be_date_or_aware(self) -> None:
        """A string start raises InvalidTypeError; a naive datetime raises NaiveDatetimeError."""
        with pytest.raises(InvalidTypeError):
            compute_deadline("2026-09-28", WorkingDays(20))  # type: ignore[arg-type]
        with pytest.raises(NaiveDatetimeError, match="naive"):
            compute_deadline(dt.datetime(2026, 9, 28, 9), WorkingDays(20))

    def test_period_must_be_period_or_rule(self) -> None:
        """A bare int period raises InvalidTypeError."""
        with pytest.raises(InvalidTypeError, match="period"):
            compute_deadline(D(2026, 9, 28), 20)  # type: ignore[arg-type]

    def test_calendar_type(self) -> None:
        """A calendar that is not a WorkCalendar raises InvalidTypeError."""
        with pytest.raises(InvalidTypeError, match="WorkCalendar"):
            compute_deadline(D(2026, 9, 28), WorkingDays(20), calendar="CN")  # type: ignore[arg-type]

    def test_suspensions_type(self) -> None:
        """Suspensions given as a single value or containing strings raise InvalidTypeError."""
        sus = Suspension(D(2026, 10, 12), D(2026, 10, 16), BASIS)
        with pytest.raises(InvalidTypeError):
            compute_deadline(D(2026, 9, 28), WorkingDays(20), suspensions=sus)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            compute_deadline(D(2026, 9, 28), WorkingDays(20), suspensions=["10-12"])  # type: ignore[list-item]

    @pytest.mark.parametrize(
        ("suspension", "message"),
        [
            # Starting after the deadline (10-30) passed.
            pytest.param(Suspension(D(2026, 11, 2), D(2026, 11, 5), BASIS), "2026-10-30", id="after_expiry"),
            # Starting before the period's start.
            pytest.param(
                Suspension(D(2026, 9, 20), D(2026, 9, 30), BASIS), "before the period", id="before_start"
            ),
            # Longer than its max_length.
            pytest.param(
                Suspension(D(2026, 10, 12), D(2026, 10, 23), BASIS, max_length=WorkingDays(5)),
                "maximum",
                id="longer_than_its_maximum",
            ),
        ],
    )
    def test_suspension_out_of_place(self, suspension: Suspension, message: str) -> None:
        """A suspension the 20 working days from 09-28 cannot take raises SuspensionError."""
        with pytest.raises(SuspensionError, match=message):
            compute_deadline(D(2026, 9, 28), WorkingDays(20), suspensions=[suspension])

    def test_suspension_reversed(self) -> None:
        """A suspension ending before it starts raises SuspensionError."""
        with pytest.raises(SuspensionError, match="before it starts"):
            Suspension(D(2026, 10, 16), D(2026, 10, 12), BASIS)

    def test_suspension_bad_fields(self) -> None:
        """A suspension with a string basis or a month max_length raises InvalidTypeError."""
        with pytest.raises(InvalidTypeError, match="basis"):
            Suspension(D(2026, 10, 12), None, "art. 45")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            Suspension(D(2026, 10, 12), None, BASIS, max_length=Months(1))  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("extension", "message"),
        [
            # Approved after the deadline (10-30) passed.
            pytest.param(Extension(WorkingDays(5), "head", D(2026, 11, 2)), "passed", id="after_expiry"),
            # Dated before the period started.
            pytest.param(
                Extension(WorkingDays(10), "head", D(2026, 1, 1)), "before the period", id="before_start"
            ),
        ],
    )
    def test_extension_out_of_place(self, extension: Extension, message: str) -> None:
        """An extension the 20 working days from 09-28 cannot take raises ExtensionError."""
        with pytest.raises(ExtensionError, match=message):
            compute_deadline(D(2026, 9, 28), WorkingDays(20), extensions=[extension])

    def test_extension_cap(self) -> None:
        """行政许可法 art. 42: more than 10 working days, twice, or in calendar days is rejected."""
        rule = get_rule("licensing.decision")
        with pytest.raises(ExtensionError, match="at most 10 working days"):
            compute_deadline(
                D(2026, 9, 28), rule, extensions=[Extension(WorkingDays(11), "head", D(2026, 10, 30))]
            )
        with pytest.raises(ExtensionError, match="1 extension"):
            compute_deadline(
                D(2026, 9, 28),
                rule,
                extensions=[
                    Extension(WorkingDays(5), "head", D(2026, 10, 30)),
                    Extension(WorkingDays(5), "head", D(2026, 11, 2)),
                ],
            )
        with pytest.raises(ExtensionError, match="extended in working days"):
            compute_deadline(
                D(2026, 9, 28), rule, extensions=[Extension(CalendarDays(5), "head", D(2026, 10, 30))]
            )

    def test_rule_without_extension(self) -> None:
        """A rule that allows no extension rejects one."""
        with pytest.raises(ExtensionError, match="allows no extension"):
            compute_deadline(
                D(2026, 7, 3),
                get_rule("penalty.decision"),
                extensions=[Extension(CalendarDays(5), "head", D(2026, 8, 1))],
            )

    def test_hours_need_an_instant(self) -> None:
        """An hour period from a date, or with suspensions, is rejected."""
        with pytest.raises(InvalidTypeError, match="instant"):
            compute_deadline(D(2026, 9, 28), Hours(24))
        start = dt.datetime(2026, 9, 28, 9, tzinfo=SHANGHAI)
        with pytest.raises(InvalidInputError, match="hour period"):
            compute_deadline(
                start, Hours(24), suspensions=[Suspension(D(2026, 9, 28), D(2026, 9, 28), BASIS)]
            )

    def test_backward_rule_refused(self) -> None:
        """A 'before' rule given to compute_deadline points to latest_date_before."""
        with pytest.raises(InvalidInputError, match="latest_date_before"):
            compute_deadline(D(2026, 10, 12), get_rule("penalty.hearing_notice"))

    def test_business_close_type(self) -> None:
        """business_close must be a time."""
        with pytest.raises(InvalidTypeError, match="time"):
            compute_deadline(D(2026, 9, 28), WorkingDays(20), business_close="17:30")  # type: ignore[arg-type]

    def test_out_of_coverage(self) -> None:
        """A start before 2001 raises CalendarCoverageError."""
        with pytest.raises(CalendarCoverageError):
            compute_deadline(D(1999, 1, 4), WorkingDays(5))

    def test_is_overdue_needs_aware(self) -> None:
        """Deadline.is_overdue rejects a naive datetime and explain rejects unknown languages."""
        d = compute_deadline(D(2026, 9, 28), WorkingDays(20))
        with pytest.raises(NaiveDatetimeError):
            d.is_overdue(at=dt.datetime(2026, 11, 1))
        with pytest.raises(InvalidInputError, match="language"):
            d.explain("fr")  # type: ignore[arg-type]


class TestOtherEntryPoints:
    def test_direction_is_enforced_everywhere(self) -> None:
        """Backward rules are refused by due_dates and clocks; forward rules by latest_date_before."""
        from govefficiency.deadlines import DeadlineClock

        with pytest.raises(InvalidInputError, match="latest_date_before"):
            due_dates([D(2026, 10, 12)], get_rule("penalty.hearing_notice"))
        with pytest.raises(InvalidInputError, match="latest_date_before"):
            DeadlineClock.start(
                "c",
                at=dt.datetime(2026, 10, 12, 9, tzinfo=SHANGHAI),
                period=get_rule("penalty.hearing_notice"),
            )
        with pytest.raises(InvalidInputError, match="compute_deadline"):
            latest_date_before(D(2026, 10, 12), get_rule("licensing.decision"))

    def test_latest_date_before_bad_input(self) -> None:
        """latest_date_before rejects strings, naive datetimes and hour limits from dates."""
        with pytest.raises(InvalidTypeError):
            latest_date_before("2026-10-12", WorkingDays(7))  # type: ignore[arg-type]
        with pytest.raises(NaiveDatetimeError):
            latest_date_before(dt.datetime(2026, 10, 12, 9), WorkingDays(7))
        with pytest.raises(InvalidTypeError, match="hour"):
            latest_date_before(D(2026, 10, 12), Hours(3))

    def test_due_dates_bad_input(self) -> None:
        """due_dates rejects a string, datetimes among the starts, hours and uncovered results."""
        with pytest.raises(InvalidTypeError):
            due_dates("2026-09-28", WorkingDays(5))  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            due_dates([D(2026, 9, 28), dt.datetime(2026, 9, 29, tzinfo=SHANGHAI)], WorkingDays(5))
        with pytest.raises(InvalidInputError, match="hour"):
            due_dates([D(2026, 9, 28)], Hours(5))
        with pytest.raises(CalendarCoverageError):
            due_dates([D(2026, 9, 28), D(2026, 12, 20)], WorkingDays(20))
        assert len(due_dates([], WorkingDays(5))) == 0

    def test_get_rule_unknown(self) -> None:
        """An unknown rule id raises RuleError listing the known ids."""
        with pytest.raises(RuleError, match=r"licensing\.decision"):
            get_rule("licensing.decisoin")
        with pytest.raises(InvalidTypeError):
            get_rule(42)  # type: ignore[arg-type]

    def test_custom_calendar_is_used(self) -> None:
        """A custom calendar (Mon-Fri, no holidays) gives plain weekday arithmetic."""
        cal = WorkCalendar.custom(D(2026, 1, 1), D(2026, 12, 31))
        assert compute_deadline(D(2026, 9, 28), WorkingDays(20), calendar=cal).due_date == D(2026, 10, 26)


class TestHugeAndEdgePeriods:
    """A count no statute could mean, or a period running off the representable dates,
    is the caller's bad input: a library error, never an OverflowError."""

    @pytest.mark.parametrize(
        ("cls", "too_many"),
        [
            ("WorkingDays", 36_601),
            ("CalendarDays", 99_999_999),
            ("Months", 1_201),
            ("Years", 101),
            ("Hours", 10**9),
        ],
    )
    def test_longer_than_a_century_is_refused(self, cls, too_many):
        import govefficiency.deadlines as d
        from govefficiency.errors import InvalidInputError

        period = getattr(d, cls)
        assert period(period.max_n).n == period.max_n  # the limit itself is fine
        with pytest.raises(InvalidInputError, match="longer than any legal time limit"):
            period(too_many)

    @pytest.mark.parametrize(
        ("start", "period", "backward"),
        [
            ("9999-12-01", "CalendarDays(100)", False),
            ("9999-12-31", "Months(1)", False),
            ("0001-01-02", "CalendarDays(5)", True),
            ("0001-01-02", "Months(5)", True),
        ],
    )
    def test_running_off_the_representable_dates(self, start, period, backward):
        import datetime as dt

        import govefficiency.deadlines as d
        from govefficiency.calendar import china_calendar
        from govefficiency.errors import InvalidInputError

        cal = china_calendar(provisional=True)
        made = eval(period, {k: getattr(d, k) for k in ("CalendarDays", "Months")})
        day = dt.date.fromisoformat(start)
        compute = d.latest_date_before if backward else d.compute_deadline
        with pytest.raises(InvalidInputError):
            compute(day, made, calendar=cal)


def test_a_zoned_close_of_business_is_refused():
    """time(17, 30, tzinfo=...) used to lose its zone silently."""
    import datetime as dt

    from govefficiency.deadlines import WorkingDays, compute_deadline
    from govefficiency.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="without a zone"):
        compute_deadline(dt.date(2026, 9, 28), WorkingDays(5), business_close=dt.time(17, 30, tzinfo=dt.UTC))
