"""The numpy array path of WorkCalendar: answers equal the scalar path row by row,
including rows outside coverage (NaT / masked), and broadcast like numpy.busday_offset."""

from __future__ import annotations

import datetime as dt
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.calendar import CalendarArrays, WorkCalendar, calendar_arrays, china_calendar
from govefficiency.errors import CalendarCoverageError, InvalidInputError, InvalidTypeError

from .conftest import modules_loaded_by

CN = china_calendar()
NAT = np.datetime64("NaT", "D")


def _scalar(fn: object, *args: object) -> object:
    try:
        return fn(*args)  # type: ignore[operator]
    except CalendarCoverageError:
        return None


def _days(values: list[dt.date | None]) -> np.ndarray:
    return np.array([NAT if v is None else np.datetime64(v, "D") for v in values], dtype="M8[D]")


# Dates from a month before coverage to a month after it, and some missing values.
dates = st.one_of(
    st.none(),
    st.dates(min_value=CN.first - dt.timedelta(days=40), max_value=CN.last + dt.timedelta(days=40)),
)


def test_hand_worked_national_day_2026() -> None:
    # 2026-09-30 (Wed) + 1 working day: 10-01..10-07 are the National Day holiday (rest),
    # so the 1st working day after it is Thu 2026-10-08.
    # 2026-09-28 (Mon) + 20 working days: 09-29, 09-30 (2), 10-08, 10-09 (4),
    # 10-10 (Sat, make-up working day, 5), 10-12..10-16 (10), 10-19..10-23 (15),
    # 10-26..10-30 (20) -> Fri 2026-10-30.
    assert CN.day_kind(dt.date(2026, 10, 10)).name == "MAKEUP_WORKDAY"
    days = np.array(["2026-09-30", "2026-09-28"], dtype="M8[D]")
    out = CN.add_working_days(days, np.array([1, 20]))
    assert out.tolist() == [dt.date(2026, 10, 8), dt.date(2026, 10, 30)]
    # Working days in (09-30, 10-10]: only the make-up Saturday 10-10... plus 10-08, 10-09.
    count = CN.working_days_between(np.array(["2026-09-30"], dtype="M8[D]"), dt.date(2026, 10, 10))
    assert count.tolist() == [3]


@settings(max_examples=200, deadline=None)
@given(st.lists(dates, min_size=1, max_size=40), st.integers(min_value=-400, max_value=400))
def test_add_scalar_n_agrees_with_scalar_path(values: list[dt.date | None], n: int) -> None:
    out = CN.add_working_days(_days(values), n).tolist()
    expected = [None if v is None else _scalar(CN.add_working_days, v, n) for v in values]
    assert out == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(dates, st.integers(min_value=-60, max_value=60)), min_size=1, max_size=40))
def test_add_array_n_agrees_with_scalar_path(rows: list[tuple[dt.date | None, int]]) -> None:
    days = _days([d for d, _ in rows])
    counts = np.array([n for _, n in rows], dtype=np.int32)
    out = CN.add_working_days(days, counts).tolist()
    expected = [None if d is None else _scalar(CN.add_working_days, d, n) for d, n in rows]
    assert out == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(dates, dates), min_size=1, max_size=40))
def test_between_agrees_with_scalar_path(rows: list[tuple[dt.date | None, dt.date | None]]) -> None:
    a = _days([x for x, _ in rows])
    b = _days([y for _, y in rows])
    out = CN.working_days_between(a, b)
    assert isinstance(out, np.ma.MaskedArray)
    expected = [None if x is None or y is None else _scalar(CN.working_days_between, x, y) for x, y in rows]
    assert out.tolist() == expected
    assert out.mask.tolist() == [e is None for e in expected]


def test_broadcasting_like_busday_offset() -> None:
    day = dt.date(2026, 9, 28)
    counts = np.arange(0, 6)
    out = CN.add_working_days(day, counts)  # a date against an array of counts
    assert out.shape == (6,)
    assert out.tolist() == [CN.add_working_days(day, int(n)) for n in counts]
    grid = CN.add_working_days(np.array([["2026-09-28"], ["2026-12-01"]], dtype="M8[D]"), np.array([1, 2, 3]))
    assert grid.shape == (2, 3)
    assert grid[1, 2] == np.datetime64(CN.add_working_days(dt.date(2026, 12, 1), 3))
    with pytest.raises(ValueError, match="broadcast"):
        CN.add_working_days(np.array(["2026-09-28"] * 2, dtype="M8[D]"), np.array([1, 2, 3]))


def test_matches_numpy_busday_offset_with_exact_calendar() -> None:
    # numpy with the exact China calendar: every day a "business day" except the rest days.
    rest = [d for d in CN.days(dt.date(2025, 1, 1), CN.last) if not d.working]
    cal = np.busdaycalendar(weekmask="1111111", holidays=np.array([d.date for d in rest], dtype="M8[D]"))
    rng = np.random.default_rng(17)
    days = np.datetime64("2025-01-01") + rng.integers(0, 600, 2000)
    ours = CN.add_working_days(days, 15)
    # Start not counted: roll a rest day back to the previous working day, then offset.
    theirs = np.busday_offset(days, 15, roll="backward", busdaycal=cal)
    assert np.array_equal(ours, theirs)
    assert np.array_equal(
        CN.working_days_between(days, days + 30), np.busday_count(days + 1, days + 31, busdaycal=cal)
    )


def test_out_of_coverage_rows_are_nat_never_an_exception() -> None:
    days = np.array(
        [CN.first - dt.timedelta(days=1), dt.date(2026, 12, 30), "NaT", dt.date(2026, 6, 1)], dtype="M8[D]"
    )
    out = CN.add_working_days(days, 5)
    # Before coverage; the 5th working day after 2026-12-30 is in 2027 (not covered); NaT.
    assert np.isnat(out).tolist() == [True, True, True, False]
    assert out[3] == np.datetime64(CN.add_working_days(dt.date(2026, 6, 1), 5))


def test_provisional_calendar_answers_and_flags() -> None:
    cal = china_calendar(provisional=True)
    arrays = calendar_arrays(cal)
    days = np.array(["2026-12-30", "2026-06-01"], dtype="M8[D]")
    out = cal.add_working_days(days, 5)
    assert not np.isnat(out).any()
    assert out[0] == np.datetime64(cal.add_working_days(dt.date(2026, 12, 30), 5))
    assert arrays.is_provisional(out).tolist() == [True, False]


def test_roll_forward_and_is_working_day_agree() -> None:
    arrays = calendar_arrays(CN)
    days = np.arange(np.datetime64("2026-09-20"), np.datetime64("2027-01-10"))
    rolled = arrays.roll_forward(days).tolist()
    working = arrays.is_working_day(days).tolist()
    for d, r, w in zip(days.tolist(), rolled, working, strict=True):
        assert r == _scalar(CN.roll_forward, d)
        assert w == _scalar(CN.is_working_day, d)


def test_calendar_arrays_cached_and_picklable() -> None:
    arrays = calendar_arrays(CN)
    assert calendar_arrays(CN) is arrays
    back = pickle.loads(pickle.dumps(arrays))
    assert isinstance(back, CalendarArrays)
    days = np.array(["2026-09-28"], dtype="M8[D]")
    assert np.array_equal(back.add_working_days(days, 20), arrays.add_working_days(days, 20))
    assert "CN" in repr(arrays)
    with pytest.raises(ValueError, match="read-only"):
        arrays.cum[0] = 5


def test_custom_calendar_with_no_working_day() -> None:
    cal = WorkCalendar.custom(dt.date(2026, 1, 1), dt.date(2026, 1, 10), rest_weekdays=range(7))
    days = np.array(["2026-01-02"], dtype="M8[D]")
    assert np.isnat(cal.add_working_days(days, 1)).all()
    assert cal.add_working_days(days, 0).tolist() == [dt.date(2026, 1, 2)]


def test_datetimes_at_midnight_accepted_times_of_day_refused() -> None:
    midnight = np.array(["2026-09-28T00:00"], dtype="M8[ns]")
    assert CN.add_working_days(midnight, 20).tolist() == [dt.date(2026, 10, 30)]
    with pytest.raises(InvalidInputError, match="time of day"):
        CN.add_working_days(np.array(["2026-09-28T09:30"], dtype="M8[m]"), 20)


@pytest.mark.parametrize(
    ("day", "n"),
    [
        (np.array(["2026-09-28"]), 1),  # strings, not datetime64
        (np.array([dt.date(2026, 9, 28)], dtype=object), 1),  # objects
        (np.array([1, 2]), 1),  # integers
        (np.array(["2026-09-28"], dtype="M8[D]"), 1.5),  # a float count
        (np.array(["2026-09-28"], dtype="M8[D]"), np.array([1.0])),  # float counts
        (np.array(["2026-09-28"], dtype="M8[D]"), np.array([True])),  # bool counts
        ("2026-09-28", np.array([1])),  # a string day
    ],
)
def test_bad_input(day: object, n: object) -> None:
    with pytest.raises(InvalidTypeError):
        CN.add_working_days(day, n)  # type: ignore[call-overload]


def test_bad_input_between_and_arrays() -> None:
    with pytest.raises(InvalidTypeError):
        CN.working_days_between(np.array([1, 2]), dt.date(2026, 1, 1))  # type: ignore[call-overload]
    with pytest.raises(InvalidTypeError):
        calendar_arrays("CN")  # type: ignore[arg-type]


def test_scalar_path_unchanged() -> None:
    assert CN.add_working_days(dt.date(2026, 9, 28), 20) == dt.date(2026, 10, 30)
    with pytest.raises(CalendarCoverageError):
        CN.add_working_days(dt.date(2026, 12, 30), 5)
    with pytest.raises(InvalidTypeError):
        CN.add_working_days(dt.date(2026, 9, 28), 1.0)  # type: ignore[call-overload]


def test_numpy_is_imported_only_when_an_array_is_passed() -> None:
    code = (
        "import datetime as dt\n"
        "from govefficiency import china_calendar, due_dates, WorkingDays\n"
        "cal = china_calendar()\n"
        "cal.add_working_days(dt.date(2026, 9, 28), 3)\n"
        "cal.working_days_between(dt.date(2026, 9, 28), dt.date(2026, 10, 9))\n"
        "due_dates([dt.date(2026, 9, 28)], WorkingDays(3), calendar=cal)"
    )
    assert modules_loaded_by(code, ("numpy", "pandas", "polars")) == []


def test_huge_counts_are_outside_coverage() -> None:
    days = np.array(["2026-09-28"], dtype="M8[D]")
    for n in (10**20, -(10**20), np.iinfo(np.int64).max, np.iinfo(np.int64).min):
        assert np.isnat(CN.add_working_days(days, n)).all()
    for big in (np.iinfo(np.int64).max, np.iinfo(np.int64).min):
        assert np.isnat(CN.add_working_days(days, np.array([big], dtype=np.int64))).all()
