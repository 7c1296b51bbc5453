"""due_dates() on columns (numpy, pandas, polars): the same kind comes back, row by row
equal to the scalar path, with out-of-coverage rows flagged instead of raising."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.calendar import WorkCalendar, calendar_arrays, china_calendar
from govefficiency.deadlines import (
    CalendarDays,
    ColumnDueDates,
    Hours,
    Months,
    StatuteRule,
    WorkingDays,
    Years,
    compute_deadline,
    due_dates,
    get_rule,
    rule_presets,
)
from govefficiency.deadlines._arrays import add_months_array
from govefficiency.deadlines._periods import add_months
from govefficiency.deadlines._rules import Direction
from govefficiency.errors import CalendarCoverageError, InvalidInputError, InvalidTypeError

CN = china_calendar()
CN_PROVISIONAL = china_calendar(provisional=True)
NAT = np.datetime64("NaT", "D")

dates = st.one_of(
    st.none(),
    st.dates(min_value=CN.first - dt.timedelta(days=40), max_value=CN.last + dt.timedelta(days=40)),
)
periods = st.one_of(
    st.builds(WorkingDays, st.integers(0, 60)),
    st.builds(CalendarDays, st.integers(0, 90)),
    st.builds(Months, st.integers(0, 14)),
    st.builds(Years, st.integers(0, 2)),
)


def _scalar_due(start: dt.date | None, period: object, cal: WorkCalendar = CN) -> dt.date | None:
    # The bulk paths (list and column) need the start inside the calendar's coverage, even
    # for WorkingDays(0), where compute_deadline answers the start itself unchecked.
    if start is None or not cal.covers(start):
        return None
    try:
        return compute_deadline(start, period, calendar=cal).due_date  # type: ignore[arg-type]
    except CalendarCoverageError:
        return None


def _days(values: list[dt.date | None]) -> np.ndarray:
    return np.array([NAT if v is None else np.datetime64(v, "D") for v in values], dtype="M8[D]")


def test_hand_worked_licensing_decision() -> None:
    # 行政许可法 art. 42: 20 working days. Accepted Mon 2026-09-28: 09-29, 09-30 (2), the
    # National Day holiday 10-01..10-07 not counted, 10-08, 10-09 (4), Sat 10-10 a make-up
    # working day (5), 10-12..10-30 (20) -> Fri 2026-10-30.
    rule = get_rule("licensing.decision")
    out = due_dates(np.array(["2026-09-28", "2026-12-29"], dtype="M8[D]"), rule, calendar=CN)
    assert isinstance(out, ColumnDueDates)
    assert out.dates[0] == np.datetime64("2026-10-30")
    # 20 working days after 2026-12-29 run into 2027, whose arrangement is not published.
    assert np.isnat(out.dates[1])
    assert out.error.tolist() == [False, True]
    assert out.error_count == 1
    assert "2027" not in (out.error_message("en") or "")  # the message names the covered range
    assert "2026-12-31" in (out.error_message("en") or "")
    assert "覆盖范围" in (out.error_message("zh") or "")


@settings(max_examples=150, deadline=None)
@given(st.lists(dates, min_size=1, max_size=30), periods)
def test_numpy_agrees_with_scalar_path(values: list[dt.date | None], period: object) -> None:
    out = due_dates(_days(values), period, calendar=CN)  # type: ignore[arg-type]
    expected = [_scalar_due(v, period) for v in values]
    assert out.dates.tolist() == expected
    assert out.error.tolist() == [e is None for e in expected]
    assert out.provisional.tolist() == [False] * len(values)


@settings(max_examples=100, deadline=None)
@given(st.lists(dates, min_size=1, max_size=30), periods)
def test_provisional_rows_come_back_flagged(values: list[dt.date | None], period: object) -> None:
    out = due_dates(_days(values), period, calendar=CN_PROVISIONAL)  # type: ignore[arg-type]
    expected = [_scalar_due(v, period, CN_PROVISIONAL) for v in values]
    assert out.dates.tolist() == expected
    flagged = [e is not None and e > CN_PROVISIONAL.official_through for e in expected]
    assert out.provisional.tolist() == flagged
    assert out.any_provisional == any(flagged)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.dates(min_value=CN.first, max_value=dt.date(2026, 11, 30)), min_size=1, max_size=30))
def test_list_path_and_column_path_agree(values: list[dt.date]) -> None:
    period = WorkingDays(20)
    assert (
        due_dates(_days(values), period, calendar=CN).dates.tolist()
        == due_dates(values, period, calendar=CN).dates
    )


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)), st.integers(-30, 30))
def test_add_months_array_matches_scalar(day: dt.date, months: int) -> None:
    assert add_months_array(_days([day]), months).tolist() == [add_months(day, months)]


def test_pandas_series_in_pandas_series_out() -> None:
    starts = pd.Series(
        pd.to_datetime(["2026-09-28", None, "2026-12-29"]), index=[10, 11, 12], name="received"
    )
    out = due_dates(starts, WorkingDays(20), calendar=CN)
    assert isinstance(out.dates, pd.Series)
    assert list(out.dates.index) == [10, 11, 12]
    assert out.dates.name == "received"
    assert out.dates.iloc[0] == pd.Timestamp("2026-10-30")
    assert out.dates.isna().tolist() == [False, True, True]
    assert isinstance(out.error, pd.Series)
    assert out.error.tolist() == [False, True, True]
    assert out.error.name == "received_error"
    assert out.kind == "pandas"


def test_pandas_object_column_of_dates() -> None:
    starts = pd.Series([dt.date(2026, 9, 28), None, dt.date(2026, 6, 1)])
    out = due_dates(starts, CalendarDays(30), calendar=CN)
    assert out.dates.iloc[0] == pd.Timestamp(_scalar_due(dt.date(2026, 9, 28), CalendarDays(30)))
    assert out.error.tolist() == [False, True, False]
    with pytest.raises(InvalidTypeError):
        due_dates(pd.Series(["2026-09-28"]), WorkingDays(1), calendar=CN)


def test_pandas_aware_or_timed_datetimes_refused() -> None:
    aware = pd.Series(pd.to_datetime(["2026-09-28 10:00"]).tz_localize("Asia/Shanghai"))
    with pytest.raises(InvalidInputError, match="local dates"):
        due_dates(aware, WorkingDays(1), calendar=CN)
    timed = pd.Series(pd.to_datetime(["2026-09-28 10:00"]))
    with pytest.raises(InvalidInputError, match="time of day"):
        due_dates(timed, WorkingDays(1), calendar=CN)
    with pytest.raises(InvalidTypeError):
        due_dates(pd.Series([1, 2]), WorkingDays(1), calendar=CN)


def test_polars_series_in_polars_series_out() -> None:
    starts = pl.Series("received", [dt.date(2026, 9, 28), None, dt.date(2026, 12, 29)])
    out = due_dates(starts, WorkingDays(20), calendar=CN)
    assert isinstance(out.dates, pl.Series)
    assert out.dates.dtype == pl.Date
    assert out.dates.to_list() == [dt.date(2026, 10, 30), None, None]
    assert out.error.to_list() == [False, True, True]
    assert out.dates.name == "received"
    naive = pl.Series("t", [dt.datetime(2026, 9, 28)])
    assert due_dates(naive, WorkingDays(20), calendar=CN).dates.to_list() == [dt.date(2026, 10, 30)]
    aware = pl.Series("t", [dt.datetime(2026, 9, 28)]).dt.replace_time_zone("Asia/Shanghai")
    with pytest.raises(InvalidInputError, match="local dates"):
        due_dates(aware, WorkingDays(1), calendar=CN)
    with pytest.raises(InvalidTypeError):
        due_dates(pl.Series("x", ["2026-09-28"]), WorkingDays(1), calendar=CN)
    assert due_dates(pl.Series("n", [None, None]), WorkingDays(1), calendar=CN).error.to_list() == [
        True,
        True,
    ]


def test_calendar_arrays_accepted_as_calendar() -> None:
    arrays = calendar_arrays(CN)
    days = np.array(["2026-09-28"], dtype="M8[D]")
    assert due_dates(days, WorkingDays(20), calendar=arrays).dates.tolist() == [dt.date(2026, 10, 30)]
    # The default calendar is the official PRC calendar.
    assert due_dates(days, WorkingDays(20)).dates.tolist() == [dt.date(2026, 10, 30)]


def test_bad_input() -> None:
    days = np.array(["2026-09-28"], dtype="M8[D]")
    with pytest.raises(InvalidInputError, match="hours"):
        due_dates(days, Hours(2), calendar=CN)
    with pytest.raises(InvalidTypeError):
        due_dates(days, WorkingDays(2), calendar="CN")  # type: ignore[call-overload]
    with pytest.raises(InvalidTypeError):
        due_dates(days, 20, calendar=CN)  # type: ignore[call-overload]
    with pytest.raises(InvalidInputError, match="latest_date_before"):
        due_dates(days, _before_rule(), calendar=CN)


def _before_rule() -> StatuteRule:
    return next(r for r in rule_presets() if r.direction is Direction.BEFORE)
