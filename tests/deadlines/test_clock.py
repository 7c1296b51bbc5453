"""Live deadline clocks: states, counts, event order and the bulk status path."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from govefficiency.deadlines import (
    CalendarDays,
    ClockState,
    DeadlineClock,
    Months,
    WorkingDays,
    get_rule,
    statuses_at,
)
from govefficiency.errors import (
    ClockEventError,
    ExtensionError,
    InvalidInputError,
    InvalidTypeError,
    NaiveDatetimeError,
    SuspensionError,
)
from strategies import BASIS, SHANGHAI


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


def licensing_clock() -> DeadlineClock:
    # Accepted Mon 09-28; expert review 10-12..10-16; extension approved 11-05.
    return (
        DeadlineClock.start("L-1", at=at(9, 28), period=get_rule("licensing.decision"))
        .suspend(at=at(10, 12), basis=BASIS, ordered_by="局长")
        .resume(at=at(10, 16, 17))
        .extend(at=at(11, 5), length=WorkingDays(10), authority="本机关负责人")
    )


class TestStates:
    def test_running_counts_used_and_remaining(self) -> None:
        """On 10-09 the clock has used 4 working days and has 16 left (due 10-30)."""
        # 09-29, 09-30, 10-08, 10-09 are used; total 20.
        status = DeadlineClock.start("c", at=at(9, 28), period=WorkingDays(20)).status(at=at(10, 9, 12))
        assert status.state is ClockState.RUNNING
        assert status.due_date == dt.date(2026, 10, 30)
        assert (status.used, status.remaining, status.total) == (4, 16, 20)
        assert status.share_elapsed == pytest.approx(0.2)

    def test_paused_days_are_not_used(self) -> None:
        """On 10-20, before the extension, 7 days are used and 13 remain to 11-06."""
        # Working days 09-29..10-20 are 12, of which 10-12..10-16 (5) were paused: 7 used.
        # Remaining to 11-06: 10-21..23 (3), 10-26..30 (5), 11-02..06 (5) = 13.
        status = licensing_clock().status(at=at(10, 20, 10))
        assert status.due_date == dt.date(2026, 11, 6)
        assert (status.used, status.remaining) == (7, 13)

    def test_suspended_state_has_no_due_date(self) -> None:
        """While suspended the status is SUSPENDED with no due date and no remaining count."""
        status = licensing_clock().status(at=at(10, 14))
        assert status.state is ClockState.SUSPENDED
        assert status.due_date is None
        assert status.remaining is None

    def test_open_suspension_stops_the_used_count(self) -> None:
        """Suspended from 10-12 with no resume, on 10-20 only the 5 days before it are used."""
        # 09-29, 09-30, 10-08, 10-09, Sat 10-10 (make-up) are used; 10-12 onwards is suspended.
        clock = DeadlineClock.start("L-2", at=at(9, 28), period=get_rule("licensing.decision")).suspend(
            at=at(10, 12), basis=BASIS
        )
        status = clock.status(at=at(10, 20, 12))
        assert status.state is ClockState.SUSPENDED
        assert status.used == 5
        assert status.share_elapsed == pytest.approx(0.25)

    def test_open_restart_uses_nothing(self) -> None:
        """While a restart is open, the period will count afresh: nothing of it is used."""
        clock = DeadlineClock.start("ogi", at=at(9, 14), period=get_rule("ogi.reply")).restart(
            at=at(9, 30), basis=BASIS
        )
        assert clock.status(at=at(10, 20)).used == 0

    def test_roll_over_days_are_not_used(self) -> None:
        """A 60-day review rolled from 10-02 to 10-08: on 10-05 used is capped at 60 of 60."""
        # 08-03 + 60 = Fri 10-02 (National Day) -> the period ends Thu 10-08. The rest days
        # 10-03..10-07 lengthen the period but are not part of its 60 days.
        status = DeadlineClock.start("R", at=at(8, 3), period=get_rule("review.decision")).status(
            at=at(10, 5)
        )
        assert status.state is ClockState.RUNNING
        assert status.used == 60
        assert status.share_elapsed == pytest.approx(1.0)

    def test_extension_moves_the_due_date(self) -> None:
        """After the extension the due date is 11-20 and the total 30 working days."""
        status = licensing_clock().status(at=at(11, 6))
        assert status.due_date == dt.date(2026, 11, 20)
        assert status.total == 30

    def test_overdue_after_due_date(self) -> None:
        """On Mon 11-23 the extended clock is overdue by one working day."""
        status = licensing_clock().status(at=at(11, 23, 10))
        assert status.state is ClockState.OVERDUE
        assert status.overdue_by == 1
        assert status.remaining == 0

    def test_completed_on_time_and_late(self) -> None:
        """Completion on the due date is on time; the next day is late."""
        clock = DeadlineClock.start("c", at=at(9, 28), period=WorkingDays(20))
        assert clock.complete(at=at(10, 30, 23, 0)).status(at=at(12, 1)).state is ClockState.COMPLETED_ON_TIME
        late = clock.complete(at=at(11, 2, 9, 0)).status(at=at(12, 1))
        assert late.state is ClockState.COMPLETED_LATE
        assert late.overdue_by == 1

    def test_restart_counts_afresh(self) -> None:
        """An information request corrected on 09-22 is due 10-27 (art. 30 restart)."""
        clock = (
            DeadlineClock.start("ogi", at=at(9, 14), period=get_rule("ogi.reply"))
            .restart(at=at(9, 16), basis=BASIS)
            .resume(at=at(9, 22))
        )
        assert clock.deadline.due_date == dt.date(2026, 10, 27)

    def test_status_in_the_past_ignores_later_events(self) -> None:
        """Asking about 10-09 ignores the suspension that happened on 10-12."""
        status = licensing_clock().status(at=at(10, 9, 12))
        assert status.due_date == dt.date(2026, 10, 30)
        assert status.state is ClockState.RUNNING

    def test_calendar_day_clock_counts_days(self) -> None:
        """A 90-day clock reports its counts in calendar days."""
        status = DeadlineClock.start("p", at=at(7, 3), period=get_rule("penalty.decision")).status(
            at=at(7, 13)
        )
        assert status.unit == "days"
        assert status.used == 10

    def test_bulk_statuses_match_single(self) -> None:
        """statuses_at gives the same answers as status() for each clock."""
        clocks = [licensing_clock(), DeadlineClock.start("x", at=at(10, 8), period=CalendarDays(10))]
        when = at(10, 14, 12)
        assert statuses_at(clocks, at=when) == [c.status(at=when) for c in clocks]

    def test_clock_is_immutable_and_picklable(self) -> None:
        """Adding an event returns a new clock; clocks survive pickling."""
        import pickle

        clock = DeadlineClock.start("c", at=at(9, 28), period=WorkingDays(20))
        assert clock.complete(at=at(10, 1)) is not clock
        assert len(clock.events) == 1
        again = pickle.loads(pickle.dumps(licensing_clock()))
        assert again.status(at=at(11, 6)) == licensing_clock().status(at=at(11, 6))


class TestBadEvents:
    def test_resume_while_running(self) -> None:
        """Resuming a running clock raises ClockEventError."""
        with pytest.raises(ClockEventError, match="cannot resume"):
            DeadlineClock.start("c", at=at(9, 28), period=WorkingDays(20)).resume(at=at(9, 29))

    def test_complete_twice(self) -> None:
        """Completing a completed clock raises ClockEventError."""
        done = DeadlineClock.start("c", at=at(9, 28), period=WorkingDays(20)).complete(at=at(10, 9))
        with pytest.raises(ClockEventError, match="completed"):
            done.complete(at=at(10, 10))

    def test_events_out_of_order(self) -> None:
        """An event earlier than the previous one raises ClockEventError."""
        with pytest.raises(ClockEventError, match="time order"):
            DeadlineClock.start("c", at=at(9, 28), period=WorkingDays(20)).suspend(at=at(9, 27), basis=BASIS)

    def test_suspend_after_expiry(self) -> None:
        """Suspending after the deadline passed raises SuspensionError."""
        with pytest.raises(SuspensionError, match="passed"):
            DeadlineClock.start("c", at=at(9, 28), period=WorkingDays(20)).suspend(at=at(11, 2), basis=BASIS)

    def test_extension_after_expiry(self) -> None:
        """An extension approved after the deadline passed raises ExtensionError."""
        with pytest.raises(ExtensionError, match="passed"):
            DeadlineClock.start("c", at=at(9, 28), period=WorkingDays(20)).extend(
                at=at(11, 2), length=WorkingDays(5), authority="head"
            )

    def test_naive_instants_rejected(self) -> None:
        """Naive datetimes are rejected at start, for events and for status questions."""
        with pytest.raises(NaiveDatetimeError):
            DeadlineClock.start("c", at=dt.datetime(2026, 9, 28, 9), period=WorkingDays(20))
        clock = DeadlineClock.start("c", at=at(9, 28), period=WorkingDays(20))
        with pytest.raises(NaiveDatetimeError):
            clock.status(at=dt.datetime(2026, 10, 1))
        with pytest.raises(NaiveDatetimeError):
            statuses_at([clock], at=dt.datetime(2026, 10, 1))
        # ... and for each fluent event, also once the events are written in the
        # calendar's own zone (whose instants are known to be aware)
        own = DeadlineClock.start(
            "c", at=at(9, 28).astimezone(zoneinfo.ZoneInfo("Asia/Shanghai")), period=WorkingDays(20)
        )
        for start in (clock, own):
            with pytest.raises(NaiveDatetimeError, match="event time"):
                start.suspend(at=dt.datetime(2026, 10, 9, 9), basis=BASIS)
            with pytest.raises(NaiveDatetimeError, match="event time"):
                start.suspend(at=at(10, 9), basis=BASIS).resume(at=dt.datetime(2026, 10, 12, 9))
            with pytest.raises(InvalidTypeError, match="event time"):
                start.complete(at=dt.time(9, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")))  # type: ignore[arg-type]

    def test_status_before_start(self) -> None:
        """Asking about an instant before the clock started raises InvalidInputError."""
        with pytest.raises(InvalidInputError, match="starts at"):
            DeadlineClock.start("c", at=at(9, 28), period=WorkingDays(20)).status(at=at(9, 1))

    def test_unsupported_period_and_bad_types(self) -> None:
        """Month periods, a missing basis, a non-clock in bulk and an empty id are rejected."""
        with pytest.raises(InvalidInputError, match="working or calendar days"):
            DeadlineClock.start("c", at=at(9, 28), period=Months(1))
        clock = DeadlineClock.start("c", at=at(9, 28), period=WorkingDays(20))
        with pytest.raises(InvalidTypeError, match="Citation"):
            clock.suspend(at=at(9, 29), basis="expert review")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            statuses_at([clock, "not a clock"], at=at(10, 1))  # type: ignore[list-item]
        with pytest.raises(InvalidInputError, match="id"):
            DeadlineClock.start("", at=at(9, 28), period=WorkingDays(20))
        with pytest.raises(InvalidTypeError):
            clock.extend(at=at(9, 29), length=5, authority="head")  # type: ignore[arg-type]
