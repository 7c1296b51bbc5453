"""Laws of deadline arithmetic, checked with hypothesis over 2005–2026."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.deadlines import (
    CalendarDays,
    Months,
    Suspension,
    WorkingDays,
    compute_deadline,
    due_dates,
    latest_date_before,
)
from strategies import BASIS, cal, starts

ONE = dt.timedelta(days=1)


@settings(deadline=None, max_examples=150)
@given(starts, st.integers(min_value=1, max_value=120))
def test_working_day_deadline_is_the_nth_working_day(start: dt.date, n: int) -> None:
    """A WorkingDays(n) deadline leaves exactly n working days after the start."""
    due = compute_deadline(start, WorkingDays(n)).due_date
    assert due is not None
    assert cal().is_working_day(due)
    assert cal().working_days_between(start, due) == n


@settings(deadline=None, max_examples=150)
@given(starts, st.integers(min_value=0, max_value=400))
def test_calendar_days_end_on_first_working_day_not_before_nominal(start: dt.date, n: int) -> None:
    """A CalendarDays(n) deadline is the first working day on or after start + n days."""
    due = compute_deadline(start, CalendarDays(n)).due_date
    assert due is not None
    nominal = start + dt.timedelta(days=n)
    assert due >= nominal
    assert cal().is_working_day(due)
    assert cal().working_days_between(nominal - ONE, due - ONE) == 0


@settings(deadline=None, max_examples=150)
@given(starts, st.integers(min_value=1, max_value=24))
def test_months_end_on_corresponding_day_or_month_end(start: dt.date, n: int) -> None:
    """A Months(n) deadline's nominal day is the corresponding day or the month's last day."""
    due = compute_deadline(start, Months(n)).due_date
    assert due is not None
    index = start.year * 12 + start.month - 1 + n
    year, month = divmod(index, 12)
    first_of_next = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    nominal = min(dt.date(year, month + 1, 1) + dt.timedelta(days=start.day - 1), first_of_next - ONE)
    assert due >= nominal
    assert cal().working_days_between(nominal - ONE, due - ONE) == 0


@settings(deadline=None, max_examples=100)
@given(
    st.lists(starts, min_size=1, max_size=30),
    st.integers(min_value=0, max_value=24),
    st.sampled_from([WorkingDays, CalendarDays, Months]),
)
def test_bulk_path_agrees_with_scalar(batch: list[dt.date], n: int, kind: type) -> None:
    """due_dates gives the same dates as compute_deadline, start by start."""
    period = kind(n)
    bulk = due_dates(batch, period).dates
    assert bulk == [compute_deadline(s, period).due_date for s in batch]


@settings(deadline=None, max_examples=150)
@given(
    starts,
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=1, max_value=40),
    st.integers(min_value=0, max_value=20),
)
def test_pause_removes_exactly_its_working_days(start: dt.date, n: int, offset: int, length: int) -> None:
    """Working days counted from start to due, minus paused working days, equal n."""
    s = start + dt.timedelta(days=offset)
    e = s + dt.timedelta(days=length)
    plain = compute_deadline(start, WorkingDays(n)).due_date
    assert plain is not None
    if s > plain:
        return  # such a suspension is rejected (tested in test_bad_input)
    due = compute_deadline(start, WorkingDays(n), suspensions=[Suspension(s, e, BASIS)]).due_date
    assert due is not None
    assert due >= plain
    paused = (
        cal().working_days_between(max(s - ONE, start), min(e, due))
        if min(e, due) > max(s - ONE, start)
        else 0
    )
    assert cal().working_days_between(start, due) - paused == n
    assert not s <= due <= e  # the due date itself is never a paused day


@settings(deadline=None, max_examples=150)
@given(starts, st.integers(min_value=1, max_value=60))
def test_backward_then_forward_returns_to_the_event(event: dt.date, n: int) -> None:
    """Counting n working days forward from the latest date before a working-day event
    lands on the event."""
    event = cal().roll_forward(event)
    latest = latest_date_before(event, WorkingDays(n)).due_date
    assert latest is not None
    assert compute_deadline(latest, WorkingDays(n)).due_date == event


@settings(deadline=None, max_examples=100)
@given(starts, st.integers(min_value=1, max_value=40), st.integers(min_value=1, max_value=40))
def test_extension_equals_longer_period(start: dt.date, n: int, m: int) -> None:
    """A WorkingDays(m) extension approved in time equals a WorkingDays(n + m) period."""
    from govefficiency.deadlines import Extension

    first = compute_deadline(start, WorkingDays(n)).due_date
    assert first is not None
    extended = compute_deadline(start, WorkingDays(n), extensions=[Extension(WorkingDays(m), "head", first)])
    assert extended.due_date == compute_deadline(start, WorkingDays(n + m)).due_date
