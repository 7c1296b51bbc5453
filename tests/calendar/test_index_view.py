"""WorkCalendar.index: the read-only view of the calendar's index that the deadline
clocks and the bulk paths count on. Its arithmetic agrees with the calendar's own
methods, and its errors are the calendar's."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.calendar._calendar import CalendarIndex
from govefficiency.errors import CalendarCoverageError

CN = china_calendar(provisional=True)
days = st.dates(dt.date(2000, 12, 1), dt.date(2028, 2, 1))


@settings(max_examples=300, deadline=None)
@given(days, st.integers(min_value=0, max_value=60))
def test_view_agrees_with_the_calendar(day: dt.date, n: int) -> None:
    ix = CN.index
    o = day.toordinal()
    assert ix.covers(o) == CN.covers(day)
    if not ix.covers(o):
        with pytest.raises(CalendarCoverageError) as raised:
            CN.is_working_day(day)
        assert str(ix.uncovered(o)) == str(raised.value)
        return
    i = o - ix.ord0
    assert (ix.cum[i + 1] != ix.cum[i]) == CN.is_working_day(day)
    assert ix.kinds[i] == CN.day_kind(day).code
    if n and ix.cum[i + 1] + n <= len(ix.work):
        assert dt.date.fromordinal(ix.work[ix.cum[i + 1] + n - 1]) == CN.add_working_days(day, n)
    if n == 0 or ix.cum[i + 1] + n > len(ix.work):
        return
    later = dt.date.fromordinal(ix.work[ix.cum[i + 1] + n - 1])
    assert ix.cum[later.toordinal() - ix.ord0 + 1] - ix.cum[i + 1] == CN.working_days_between(day, later)


def test_view_fields_and_errors() -> None:
    # 2026-10-01 (National Day) is a holiday, 2026-10-10 (Saturday) a make-up working day.
    ix = CN.index
    assert isinstance(ix, CalendarIndex)
    assert ix.calendar is CN
    assert ix.ord0 == CN.first.toordinal()
    assert ix.size == CN.last.toordinal() - CN.first.toordinal() + 1 == len(ix.kinds)
    assert len(ix.cum) == ix.size + 1
    assert ix.official_through == CN.official_through.toordinal()
    national_day = dt.date(2026, 10, 1).toordinal() - ix.ord0
    makeup = dt.date(2026, 10, 10).toordinal() - ix.ord0
    assert ix.cum[national_day + 1] == ix.cum[national_day]
    assert ix.cum[makeup + 1] == ix.cum[makeup] + 1
    after = CN.last + dt.timedelta(days=1)
    assert not ix.covers(after.toordinal())
    assert isinstance(ix.uncovered(after.toordinal()), CalendarCoverageError)
    with pytest.raises(CalendarCoverageError) as raised:
        CN.add_working_days(CN.last, 5)
    assert str(ix.overflow(CN.last.toordinal(), 5)) == str(raised.value)


def test_view_is_rebuilt_with_the_calendar_and_survives_pickling() -> None:
    cal = WorkCalendar.custom(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    other = cal.without_makeup_workdays()
    assert other.index.calendar is other
    back = pickle.loads(pickle.dumps(cal))
    assert back.index.calendar is back
    assert back.index.cum == cal.index.cum
    assert back == cal
