"""Benchmark: the columnar path against numpy.busday_offset / busday_count and the floor.

Run with ``python benchmarks/arrays.py [--n 1000000] [--repeat 7]`` (needs numpy; pandas
and polars rows are skipped when those are not installed). A script, not a test: it prints
figures and ratios and asserts nothing.

On the same ``datetime64[D]`` arrays, in the same run:

* numpy given the exact China calendar (``weekmask='1111111'`` and every rest day of our
  calendar as a holiday; ``roll='backward'`` makes "the n-th working day strictly after d");
* our array path: ``WorkCalendar.add_working_days(array, n)`` with one count and with a
  count per row, ``working_days_between(array, array)``;
* ``due_dates`` on a numpy array, a pandas Series and a polars Series (conversion included);
* the floor: the least work any prefix-index answer needs, one ``numpy.take`` of a
  precomputed table by a precomputed index (no coverage checks, no NaT handling).

Every answer is checked against numpy's on the same inputs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from _common import median_time, timed

from govefficiency import china_calendar
from govefficiency.calendar import WorkCalendar, calendar_arrays
from govefficiency.deadlines import WorkingDays, due_dates

Row = tuple[str, float, float, str]  # label, ours s, reference s, agreement
Compare = Callable[[str, Callable[[], Any], Callable[[], Any], Callable[[Any, Any], bool]], None]


@dataclass(frozen=True)
class Inputs:
    """The calendar, numpy's equivalent of it, and the random arrays every row runs on."""

    cal: WorkCalendar
    bdc: np.busdaycalendar
    days: np.ndarray
    counts: np.ndarray
    ends: np.ndarray


def draw_inputs(n: int) -> Inputs:
    cal = china_calendar()
    rest = [d.date for d in cal.days(cal.first, cal.last) if not d.working]
    bdc = np.busdaycalendar(weekmask="1111111", holidays=np.array(rest, dtype="datetime64[D]"))
    rng = np.random.default_rng(17)
    # Starts 2019-01-01 .. 2026-11-30: their 20th working day is inside the published data.
    days = np.datetime64("2019-01-01") + rng.integers(0, 2891, n)
    counts = rng.integers(1, 40, n)  # 0 differs by convention: numpy rolls a rest day back
    ends = days + rng.integers(0, 30, n)
    return Inputs(cal, bdc, days, counts, ends)


def make_compare(rows: list[Row], repeat: int) -> Compare:
    """A function that times ours against theirs and appends one row, with whether they agree."""

    def compare(
        label: str, ours: Callable[[], Any], theirs: Callable[[], Any], same: Callable[[Any, Any], bool]
    ) -> None:
        ours()  # warm-up (builds the calendar's arrays once)
        t_ours, _, a = timed(ours, repeat)
        t_theirs, _, b = timed(theirs, repeat)
        rows.append((label, t_ours, t_theirs, "agree" if same(a, b) else "DISAGREE"))

    return compare


def compare_calendar(inp: Inputs, compare: Compare) -> None:
    """The calendar's own array methods against busday_offset / busday_count."""
    cal, bdc, days, counts, ends = inp.cal, inp.bdc, inp.days, inp.counts, inp.ends
    eq = np.array_equal
    one = np.timedelta64(1, "D")
    compare(
        "add_working_days(days, 20)",
        lambda: cal.add_working_days(days, 20),
        lambda: np.busday_offset(days, 20, roll="backward", busdaycal=bdc),
        eq,
    )
    # Up to 39 working days after 2026-11-30 runs into 2027: those rows are NaT for us (not
    # published) while numpy, whose holiday list ends in 2026, answers them; compare the rest.
    covered = np.isnat(cal.add_working_days(days, counts))
    print(
        f"add_working_days(days, counts): {int(covered.sum()):,} rows fall after {cal.last} (NaT, not compared)"
    )
    compare(
        "add_working_days(days, counts)",
        lambda: cal.add_working_days(days, counts),
        lambda: np.busday_offset(days, counts, roll="backward", busdaycal=bdc),
        lambda a, b: eq(a[~covered], b[~covered]) and bool(np.isnat(a[covered]).all()),
    )
    compare(
        "working_days_between(a, b)",
        lambda: cal.working_days_between(days, ends),
        lambda: np.busday_count(days + one, ends + one, busdaycal=bdc),
        lambda a, b: eq(np.ma.getdata(a), b) and not np.ma.getmaskarray(a).any(),
    )


def compare_due_dates(inp: Inputs, compare: Compare) -> None:
    """``due_dates`` on a numpy array, a pandas Series and a polars Series (conversion included)."""
    cal, bdc, days = inp.cal, inp.bdc, inp.days
    eq = np.array_equal
    period = WorkingDays(20)
    compare(
        "due_dates(numpy array, 20 wd)",
        lambda: due_dates(days, period, calendar=cal).dates,
        lambda: np.busday_offset(days, 20, roll="backward", busdaycal=bdc),
        eq,
    )
    try:
        import pandas as pd

        series = pd.Series(days.astype("datetime64[s]"))
        compare(
            "due_dates(pandas Series, 20 wd)",
            lambda: due_dates(series, period, calendar=cal).dates,
            lambda: np.busday_offset(days, 20, roll="backward", busdaycal=bdc),
            lambda a, b: eq(a.to_numpy().astype("datetime64[D]"), b),
        )
    except ImportError:
        print("pandas not installed: its row is skipped")
    try:
        import polars as pl

        pseries = pl.Series("accepted", days)
        compare(
            "due_dates(polars Series, 20 wd)",
            lambda: due_dates(pseries, period, calendar=cal).dates,
            lambda: np.busday_offset(days, 20, roll="backward", busdaycal=bdc),
            lambda a, b: eq(a.to_numpy(), b),
        )
    except ImportError:
        print("polars not installed: its row is skipped")


def floor_time(inp: Inputs, repeat: int) -> float:
    """The floor: one gather from a ready table by a ready index."""
    arrays = calendar_arrays(inp.cal)
    table = arrays._table(20)
    index = (inp.days.view(np.int64) - (arrays.first - 1)).astype(np.intp)
    return median_time(lambda: table.take(index), repeat)


def print_table(rows: list[Row], floor_s: float, n: int) -> None:
    print()
    print(f"  {'operation':<34}{'ours':>12}{'numpy':>12}{'numpy/ours':>12}{'ours/floor':>12}   answers")
    for label, ours_s, theirs_s, agree in rows:
        print(
            f"  {label:<34}{ours_s / n * 1e9:>9.1f} ns{theirs_s / n * 1e9:>9.1f} ns"
            f"{theirs_s / ours_s:>11.1f}x{ours_s / floor_s:>11.1f}x   {agree}"
        )
    print(f"  {'floor: table.take(index)':<34}{floor_s / n * 1e9:>9.1f} ns")
    print()
    print("goal: ours at least as fast as numpy.busday_offset (numpy/ours >= 1x); stretch 10x")
    first = rows[0]
    print(
        f"  add_working_days(days, 20): {first[2] / first[1]:.0f}x numpy "
        f"({'goal met' if first[2] >= first[1] else 'goal MISSED'}; "
        f"{'stretch met' if first[2] >= 10 * first[1] else 'stretch missed'})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=1_000_000, help="rows per array")
    parser.add_argument("--repeat", type=int, default=7, help="runs per timing (median shown)")
    args = parser.parse_args(argv)
    inp = draw_inputs(args.n)
    print(
        f"numpy {np.__version__}; {args.n:,} rows; calendar {inp.cal.first}..{inp.cal.last}; "
        f"median of {args.repeat} runs"
    )
    rows: list[Row] = []
    compare = make_compare(rows, args.repeat)
    compare_calendar(inp, compare)
    compare_due_dates(inp, compare)
    print_table(rows, floor_time(inp, args.repeat), args.n)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
