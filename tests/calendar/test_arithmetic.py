"""Property tests (hypothesis) for the working-day arithmetic laws, on every calendar variant.

The index answers in O(1); a deliberately naive day-by-day reference (built on
``day_kind`` and ``working_kinds``, not on the index's prefix counts) checks it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.calendar import WorkCalendar, china_calendar, country_calendar
from govefficiency.text import Text

ONE = dt.timedelta(days=1)

CALENDARS: dict[str, WorkCalendar] = {
    "cn": china_calendar(),
    "cn-no-makeup": china_calendar(makeup_workdays=False),
    "cn-provisional": china_calendar(provisional=True),
    "de": country_calendar("DE", years=range(2024, 2027), zone="Europe/Berlin"),
    "custom-4-day-week": WorkCalendar.custom(
        dt.date(2020, 1, 1),
        dt.date(2029, 12, 31),
        rest_weekdays=(4, 5, 6),
        holidays={dt.date(2024, 1, 1): Text("元旦", "New Year's Day")},
        working_days={dt.date(2024, 1, 6): "make-up Saturday"},
    ),
}
IDS = list(CALENDARS)
CALS = list(CALENDARS.values())


def _bounds(cal: WorkCalendar) -> tuple[dt.date, dt.date, int]:
    """A date range and a count bound for which every ``add(d, n)`` stays covered."""
    span = (cal.last - cal.first).days
    n_max = 200 if span > 5 * 366 else 40
    margin = dt.timedelta(days=2 * n_max + 20)
    return cal.first + margin, cal.last - margin, n_max


def _dates(cal: WorkCalendar) -> st.SearchStrategy[dt.date]:
    lo, hi, _ = _bounds(cal)
    return st.dates(min_value=lo, max_value=hi)


def _counts(cal: WorkCalendar, limit: int | None = None) -> st.SearchStrategy[int]:
    n_max = _bounds(cal)[2] if limit is None else limit
    return st.integers(min_value=-n_max, max_value=n_max)


def _working(cal: WorkCalendar, day: dt.date) -> bool:
    """Working status from the day's kind, independently of the prefix-count index."""
    return cal.day_kind(day) in cal.working_kinds


def _naive_add(cal: WorkCalendar, day: dt.date, n: int) -> dt.date:
    step = ONE if n > 0 else -ONE
    left = abs(n)
    while left:
        day += step
        if _working(cal, day):
            left -= 1
    return day


def _naive_between(cal: WorkCalendar, a: dt.date, b: dt.date) -> int:
    if b < a:
        return -_naive_between(cal, b, a)
    return sum(_working(cal, a + i * ONE) for i in range(1, (b - a).days + 1))


SETTINGS = settings(deadline=None, max_examples=60)
calendars = pytest.mark.parametrize("cal", CALS, ids=IDS)


@calendars
@SETTINGS
@given(data=st.data())
def test_between_inverts_add_forwards(cal: WorkCalendar, data: st.DataObject) -> None:
    """working_days_between(d, add_working_days(d, n)) == n for n >= 0, from any day."""
    d = data.draw(_dates(cal))
    n = data.draw(st.integers(0, _bounds(cal)[2]))
    assert cal.working_days_between(d, cal.add_working_days(d, n)) == n


@calendars
@SETTINGS
@given(data=st.data())
def test_between_inverts_add_from_a_working_day(cal: WorkCalendar, data: st.DataObject) -> None:
    """working_days_between(d, add_working_days(d, n)) == n for any n when d is a working day."""
    d = cal.roll_forward(data.draw(_dates(cal)))
    n = data.draw(_counts(cal))
    assert cal.working_days_between(d, cal.add_working_days(d, n)) == n


@calendars
@SETTINGS
@given(data=st.data())
def test_backward_count_from_a_rest_day_excludes_the_rest_day(cal: WorkCalendar, data: st.DataObject) -> None:
    """From a rest day d and n < 0, (add(d, n), d] holds |n| - 1 working days: d itself does not work."""
    # between(a, b) counts the half-open interval (b, a] when b < a, so the start day is
    # inside it; backwards from a rest day it contributes nothing.
    d = data.draw(_dates(cal).filter(lambda x: not cal.is_working_day(x)))
    n = data.draw(st.integers(-_bounds(cal)[2], -1))
    assert cal.working_days_between(d, cal.add_working_days(d, n)) == n + 1


@calendars
@SETTINGS
@given(data=st.data())
def test_add_agrees_with_a_day_by_day_walk(cal: WorkCalendar, data: st.DataObject) -> None:
    """The indexed add_working_days equals walking day by day over the day kinds."""
    d = data.draw(_dates(cal))
    n = data.draw(_counts(cal, 40))
    assert cal.add_working_days(d, n) == _naive_add(cal, d, n)


@calendars
@SETTINGS
@given(data=st.data())
def test_between_agrees_with_a_day_by_day_count(cal: WorkCalendar, data: st.DataObject) -> None:
    """The indexed working_days_between equals counting day by day."""
    a = data.draw(_dates(cal))
    reach = _bounds(cal)[2]
    b = a + dt.timedelta(days=data.draw(st.integers(-reach, reach)))
    assert cal.working_days_between(a, b) == _naive_between(cal, a, b)


@calendars
@SETTINGS
@given(data=st.data())
def test_add_is_monotone_in_the_start_day(cal: WorkCalendar, data: st.DataObject) -> None:
    """A later start never gives an earlier result: d1 <= d2 implies add(d1, n) <= add(d2, n)."""
    d1, d2 = sorted((data.draw(_dates(cal)), data.draw(_dates(cal))))
    n = data.draw(_counts(cal))
    assert cal.add_working_days(d1, n) <= cal.add_working_days(d2, n)


@calendars
@SETTINGS
@given(data=st.data())
def test_add_is_strictly_increasing_in_n(cal: WorkCalendar, data: st.DataObject) -> None:
    """More working days always give a strictly later date: n1 < n2 implies add(d, n1) < add(d, n2)."""
    d = data.draw(_dates(cal))
    n1 = data.draw(_counts(cal))
    n2 = data.draw(_counts(cal).filter(lambda n: n != n1))
    n1, n2 = sorted((n1, n2))
    assert cal.add_working_days(d, n1) < cal.add_working_days(d, n2)


@calendars
@SETTINGS
@given(data=st.data())
def test_between_is_monotone_in_the_end_day(cal: WorkCalendar, data: st.DataObject) -> None:
    """Moving the end of the interval later never lowers the count."""
    a = data.draw(_dates(cal))
    b1, b2 = sorted((data.draw(_dates(cal)), data.draw(_dates(cal))))
    assert cal.working_days_between(a, b1) <= cal.working_days_between(a, b2)


@calendars
@SETTINGS
@given(data=st.data())
def test_additions_compose_from_a_working_day(cal: WorkCalendar, data: st.DataObject) -> None:
    """From a working day d, add(add(d, m), n) == add(d, m + n) for any m, n."""
    d = cal.roll_forward(data.draw(_dates(cal)))
    half = _bounds(cal)[2] // 2
    m = data.draw(_counts(cal, half))
    n = data.draw(_counts(cal, half))
    assert cal.add_working_days(cal.add_working_days(d, m), n) == cal.add_working_days(d, m + n)


@calendars
@SETTINGS
@given(data=st.data())
def test_additions_of_the_same_sign_compose_from_any_day(cal: WorkCalendar, data: st.DataObject) -> None:
    """From any day, two forward (or two backward) additions compose."""
    d = data.draw(_dates(cal))
    half = _bounds(cal)[2] // 2
    m = data.draw(st.integers(1, half))
    n = data.draw(st.integers(1, half))
    sign = data.draw(st.sampled_from((1, -1)))
    got = cal.add_working_days(cal.add_working_days(d, sign * m), sign * n)
    assert got == cal.add_working_days(d, sign * (m + n))


@calendars
@SETTINGS
@given(data=st.data())
def test_next_and_previous_are_inverse_on_working_days(cal: WorkCalendar, data: st.DataObject) -> None:
    """On a working day d, previous(next(d)) == d and next(previous(d)) == d."""
    d = cal.roll_forward(data.draw(_dates(cal)))
    assert cal.previous_working_day(cal.next_working_day(d)) == d
    assert cal.next_working_day(cal.previous_working_day(d)) == d


@calendars
@SETTINGS
@given(data=st.data())
def test_add_never_lands_on_a_rest_day(cal: WorkCalendar, data: st.DataObject) -> None:
    """For n != 0 the result is a working day, strictly after (n > 0) or before (n < 0) the start."""
    d = data.draw(_dates(cal))
    n = data.draw(_counts(cal).filter(bool))
    result = cal.add_working_days(d, n)
    assert cal.is_working_day(result)
    assert (result > d) if n > 0 else (result < d)


@calendars
@SETTINGS
@given(data=st.data())
def test_working_days_iterator_agrees_with_counts(cal: WorkCalendar, data: st.DataObject) -> None:
    """working_days(a, b) lists exactly the between(a - 1, b) working days of [a, b], in order."""
    a, b = sorted((data.draw(_dates(cal)), data.draw(_dates(cal))))
    days = list(cal.working_days(a, b))
    assert len(days) == cal.working_days_between(a - ONE, b)
    assert days == sorted(set(days))
    assert all(a <= x <= b and cal.is_working_day(x) for x in days)


@calendars
@SETTINGS
@given(data=st.data())
def test_between_is_additive_and_antisymmetric(cal: WorkCalendar, data: st.DataObject) -> None:
    """between(a, b) + between(b, c) == between(a, c) and between(b, a) == -between(a, b)."""
    a, b, c = (data.draw(_dates(cal)) for _ in range(3))
    assert cal.working_days_between(a, b) + cal.working_days_between(b, c) == cal.working_days_between(a, c)
    assert cal.working_days_between(b, a) == -cal.working_days_between(a, b)


@calendars
@SETTINGS
@given(data=st.data())
def test_one_day_interval_counts_one_exactly_on_working_days(cal: WorkCalendar, data: st.DataObject) -> None:
    """between(d - 1, d) is 1 on a working day and 0 otherwise, matching the day's kind."""
    d = data.draw(_dates(cal))
    assert cal.working_days_between(d - ONE, d) == int(cal.is_working_day(d)) == int(_working(cal, d))


@calendars
@SETTINGS
@given(data=st.data())
def test_roll_forward_is_the_first_working_day_on_or_after(cal: WorkCalendar, data: st.DataObject) -> None:
    """roll_forward(d) is d on a working day, otherwise next_working_day(d)."""
    d = data.draw(_dates(cal))
    expected = d if cal.is_working_day(d) else cal.next_working_day(d)
    assert cal.roll_forward(d) == expected


@calendars
@SETTINGS
@given(data=st.data())
def test_day_info_agrees_with_the_single_questions(cal: WorkCalendar, data: st.DataObject) -> None:
    """day(d) reports the same kind, working status, name and provisional flag as the other methods."""
    d = data.draw(_dates(cal))
    info = cal.day(d)
    assert info.kind is cal.day_kind(d)
    assert info.working is cal.is_working_day(d)
    assert info.provisional is cal.is_provisional(d)
    assert (None if info.name is None else info.name.en) == cal.day_name(d, "en")
