"""The accountability ladder (seed 003 thresholds, seed 002 forms)."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency.accountability import (
    AccountabilityEvent,
    AccountabilityForm,
    AccountabilityLadder,
    SanctionKind,
    Threshold,
    Window,
)
from govefficiency.errors import AccountabilityError, InvalidTypeError

D = dt.date
CRIT = AccountabilityForm.CIRCULATED_CRITICISM


def ev(day: dt.date, subject: str = "housing") -> AccountabilityEvent:
    return AccountabilityEvent(subject, day, CRIT, "重点工作进展缓慢")


class TestThresholds:
    def test_two_events_call_for_admonishment(self) -> None:
        """Held accountable twice in 2026: admonishment talk for principal and supervising leaders."""
        result = AccountabilityLadder().due_for(
            "housing", on=D(2026, 11, 1), events=[ev(D(2026, 3, 1)), ev(D(2026, 9, 1))]
        )
        assert [s.kind for s in result.sanctions] == [SanctionKind.ADMONISHMENT_TALK]
        assert len(result.sanctions[0].caused_by) == 2
        assert "诫勉谈话" in result.render("zh")

    def test_three_events_call_for_sanction_and_handling(self) -> None:
        """Three times: administrative sanction plus organisational handling (only the top threshold)."""
        events = [ev(D(2026, 3, 1)), ev(D(2026, 6, 1)), ev(D(2026, 9, 1))]
        result = AccountabilityLadder().due_for("housing", on=D(2026, 11, 1), events=events)
        assert [s.kind for s in result.sanctions] == [
            SanctionKind.ADMINISTRATIVE_SANCTION,
            SanctionKind.ORGANISATIONAL_HANDLING,
        ]

    def test_one_event_calls_for_nothing(self) -> None:
        """A single event is below every threshold."""
        assert (
            AccountabilityLadder().due_for("housing", on=D(2026, 11, 1), events=[ev(D(2026, 3, 1))]).sanctions
            == ()
        )

    def test_other_subjects_and_future_events_do_not_count(self) -> None:
        """Events of another organ or after the date asked about are not counted."""
        events = [ev(D(2026, 3, 1)), ev(D(2026, 4, 1), "finance"), ev(D(2026, 12, 1))]
        assert AccountabilityLadder().due_for("housing", on=D(2026, 11, 1), events=events).events == (
            events[0],
        )


class TestWindows:
    def test_calendar_year_resets_on_1_january(self) -> None:
        """Dec 2025 and Jan 2026 are in different calendar years: no threshold."""
        events = [ev(D(2025, 12, 20)), ev(D(2026, 1, 10))]
        assert AccountabilityLadder().due_for("housing", on=D(2026, 1, 15), events=events).sanctions == ()

    def test_rolling_window_crosses_the_year_boundary(self) -> None:
        """In a rolling 12-month window the same two events reach the threshold."""
        ladder = AccountabilityLadder(window=Window.ROLLING_12_MONTHS)
        result = ladder.due_for(
            "housing", on=D(2026, 1, 15), events=[ev(D(2025, 12, 20)), ev(D(2026, 1, 10))]
        )
        assert [s.kind for s in result.sanctions] == [SanctionKind.ADMONISHMENT_TALK]

    def test_rolling_window_boundary(self) -> None:
        """On 2026-11-01 the rolling window starts 2025-11-02: an event on 11-01 falls out."""
        ladder = AccountabilityLadder(window=Window.ROLLING_12_MONTHS)
        assert ladder.window_start(on=D(2026, 11, 1)) == D(2025, 11, 2)
        result = ladder.due_for("housing", on=D(2026, 11, 1), events=[ev(D(2025, 11, 1)), ev(D(2026, 5, 1))])
        assert result.sanctions == ()
        result = ladder.due_for("housing", on=D(2026, 11, 1), events=[ev(D(2025, 11, 2)), ev(D(2026, 5, 1))])
        assert result.sanctions != ()


class TestBadInput:
    def test_bad_events(self) -> None:
        """An event without subject, cause or a proper form or date is rejected."""
        with pytest.raises(AccountabilityError):
            AccountabilityEvent("", D(2026, 1, 1), CRIT, "x")
        with pytest.raises(AccountabilityError):
            AccountabilityEvent("housing", D(2026, 1, 1), CRIT, " ")
        with pytest.raises(InvalidTypeError):
            AccountabilityEvent("housing", D(2026, 1, 1), "通报批评", "x")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            AccountabilityEvent("housing", "2026-01-01", CRIT, "x")  # type: ignore[arg-type]

    def test_bad_ladders_and_questions(self) -> None:
        """Bad thresholds and bad questions raise specific errors."""
        with pytest.raises(AccountabilityError):
            Threshold(0, (SanctionKind.ADMONISHMENT_TALK,))
        with pytest.raises(AccountabilityError):
            AccountabilityLadder(
                thresholds=[
                    Threshold(2, (SanctionKind.ADMONISHMENT_TALK,)),
                    Threshold(2, (SanctionKind.ADMINISTRATIVE_SANCTION,)),
                ]
            )
        with pytest.raises(InvalidTypeError):
            AccountabilityLadder().due_for("housing", on=D(2026, 1, 1), events=["event"])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError):
            AccountabilityLadder().due_for("housing", on=dt.datetime(2026, 1, 1), events=[])  # type: ignore[arg-type]
