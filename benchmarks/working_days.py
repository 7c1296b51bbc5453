"""Benchmark: working-day arithmetic in the PRC calendar against peer libraries.

Run with ``python benchmarks/working_days.py`` (needs the ``bench`` extra: chinesecalendar,
workalendar, numpy). It is a script, not a test: it prints figures, it asserts nothing.

Two workloads, drawn once with a fixed seed and fed to every library in the same run
(scalar calls against scalar calls; numpy's bulk calls against our array path and against
``due_dates`` with a list of dates end to end — bulk is never compared with scalar):

* add 20 working days to each of 100k random dates in 2019-01-01 .. 2026-11-30 (the
  start stops at 30 November so that the result stays inside the published 2026
  arrangement; our strict calendar refuses unpublished 2027 on purpose);
* count the working days in (a, b] for 100k random pairs a < b in 2019 .. 2026.

All libraries are asked the same question (the n-th working day strictly after d; the
working days x with a < x <= b); where a library's own convention differs, a thin
adapter translates it and the output says so. Every library's answers are checked
against ours on the inputs it was timed on.

Timing: calls are timed in batches with ``time.perf_counter_ns``; the figure printed is
the median over batches of (batch time / calls in the batch). Slow libraries are given
a time budget and timed on a prefix of the inputs (the count is printed).

The China index build is timed twice: in this process after clearing the calendar's
caches, and in fresh subprocesses. Both read the stored snapshot of the ``holidays`` data
(``calendar/_china_snapshot.json``, see docs/calendar.md), not ``holidays`` itself.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import holidays

from govefficiency.calendar import WorkCalendar, _china, china_calendar

N = 100_000
SEED = 20261001
START, START_LAST, END = dt.date(2019, 1, 1), dt.date(2026, 11, 30), dt.date(2026, 12, 31)
ONE = dt.timedelta(days=1)
BUDGET_S = 2.0  # per slow library and workload


@attrs.frozen
class Result:
    library: str
    operation: str
    per_call_ns: float
    calls: int
    agree: int
    checked: int
    note: str = ""


@attrs.frozen
class Workload:
    """The inputs every library is timed on, and our answers to check theirs against."""

    starts: list[dt.date]
    pairs: list[tuple[dt.date, dt.date]]
    expected_add: list[dt.date]
    expected_count: list[int]

    @property
    def add_args(self) -> list[tuple[dt.date, int]]:
        """``(start, 20)`` for each start."""
        return [(d, 20) for d in self.starts]

    def arrays(self) -> tuple[Any, Any, Any]:
        """The starts and the two ends of the pairs as ``datetime64[D]`` arrays."""
        import numpy as np

        return (
            np.array(self.starts, dtype="datetime64[D]"),
            np.array([a for a, _ in self.pairs], dtype="datetime64[D]"),
            np.array([b for _, b in self.pairs], dtype="datetime64[D]"),
        )


def bulk(
    library: str, operation: str, fn: Callable[[], Any], expected: Sequence[Any], note: str, repeat: int
) -> Result:
    """One call of ``fn`` does the whole workload: its median time over ``repeat`` calls, per
    element, and how many of its answers (numpy arrays read as Python values, outside the
    timed region) agree with ``expected``."""
    times: list[int] = []
    out: Any = None
    for _ in range(repeat):
        t0 = time.perf_counter_ns()
        out = fn()
        times.append(time.perf_counter_ns() - t0)
    got = out.astype(object) if hasattr(out, "astype") else out
    agree = sum(g == e for g, e in zip(got, expected, strict=True))
    return Result(library, operation, statistics.median(times) / N, N, int(agree), N, note)


def draw_inputs() -> tuple[list[dt.date], list[tuple[dt.date, dt.date]]]:
    rng = random.Random(SEED)
    span_add = (START_LAST - START).days
    span_pair = (END - START).days
    starts = [START + dt.timedelta(days=rng.randrange(span_add + 1)) for _ in range(N)]
    pairs = []
    while len(pairs) < N:
        a, b = sorted(START + dt.timedelta(days=rng.randrange(span_pair + 1)) for _ in range(2))
        if a < b:
            pairs.append((a, b))
    return starts, pairs


def time_calls(
    fn: Callable[..., Any], args: Sequence[tuple[Any, ...]], batch: int, budget_s: float | None
) -> tuple[float, list[Any]]:
    """Median per-call time in ns over batches, and the results (in input order)."""
    per_call: list[float] = []
    results: list[Any] = []
    started = time.perf_counter()
    clock = time.perf_counter_ns
    for a in args[:batch]:  # warm-up, untimed
        fn(*a)
    for i in range(0, len(args), batch):
        chunk = args[i : i + batch]
        t0 = clock()
        out = [fn(*a) for a in chunk]
        per_call.append((clock() - t0) / len(chunk))
        results.extend(out)
        if budget_s is not None and time.perf_counter() - started > budget_s and len(per_call) >= 5:
            break
    return statistics.median(per_call), results


def run(
    library: str,
    operation: str,
    fn: Callable[..., Any],
    args: Sequence[tuple[Any, ...]],
    expected: Sequence[Any],
    *,
    batch: int = 1000,
    budget_s: float | None = None,
    note: str = "",
    convert: Callable[[Any], Any] | None = None,
) -> Result:
    ns, got = time_calls(fn, args, batch, budget_s)
    if convert is not None:  # outside the timed region
        got = [convert(g) for g in got]
    agree = sum(1 for g, e in zip(got, expected, strict=False) if g == e)
    return Result(library, operation, ns, len(got), agree, len(got), note)


def slow_add_and_count(
    library: str,
    add: Callable[[dt.date, int], dt.date],
    count: Callable[[dt.date, dt.date], int],
    work: Workload,
    *,
    add_note: str = "",
    count_note: str = "",
) -> list[Result]:
    """The two timings of a day-by-day library: small batches, within the time budget."""
    return [
        run(
            library, "add", add, work.add_args, work.expected_add, batch=100, budget_s=BUDGET_S, note=add_note
        ),
        run(
            library,
            "count",
            count,
            work.pairs,
            work.expected_count,
            batch=10,
            budget_s=BUDGET_S,
            note=count_note,
        ),
    ]


def bench_ours(cal: WorkCalendar, work: Workload) -> list[Result]:
    return [
        run("govefficiency", "add", cal.add_working_days, work.add_args, work.expected_add),
        run("govefficiency", "count", cal.working_days_between, work.pairs, work.expected_count),
    ]


def bench_holidays(work: Workload) -> list[Result]:
    cn = holidays.China(years=range(2019, 2028))  # populated up front, like our index

    def count(a: dt.date, b: dt.date) -> int:  # closed interval [start, end] -> (a, b]
        return cn.get_working_days_count(a + ONE, b)

    return slow_add_and_count(
        "holidays",
        cn.get_nth_working_day,
        count,
        work,
        count_note="get_working_days_count(a + 1 day, b): its interval is closed",
    )


def bench_chinesecalendar(work: Workload) -> list[Result]:
    import chinese_calendar

    is_workday, find_workday, get_workdays = (
        chinese_calendar.is_workday,
        chinese_calendar.find_workday,
        chinese_calendar.get_workdays,
    )

    def add(d: dt.date, n: int) -> dt.date:
        # find_workday(k, d) first rolls a rest day forward to a working day and counts
        # from there; to count strictly after d, ask one fewer from a rest day.
        return find_workday(n if is_workday(d) else n - 1, d)

    def count(a: dt.date, b: dt.date) -> int:
        return len(get_workdays(a + ONE, b))

    return slow_add_and_count(
        "chinesecalendar",
        add,
        count,
        work,
        add_note="find_workday(20 or 19, d): it rolls a rest-day start forward first",
        count_note="len(get_workdays(a + 1 day, b))",
    )


def bench_workalendar(work: Workload) -> tuple[list[Result], list[str]]:
    from workalendar.asia import China
    from workalendar.exceptions import CalendarError

    cal = China()
    known: list[int] = []
    notes: list[str] = []
    for year in range(2019, 2027):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                cal.holidays(year)
            known.append(year)
        except CalendarError as exc:
            notes.append(f"workalendar.asia.China: {year} skipped ({exc})")
    if not known:
        return [], notes
    lo, hi = dt.date(min(known), 1, 1), dt.date(max(known), 12, 31)
    # Only inputs whose whole computation stays inside the years workalendar knows.
    add_idx = [i for i, d in enumerate(work.starts) if lo <= d and work.expected_add[i] <= hi]
    count_idx = [i for i, (a, b) in enumerate(work.pairs) if lo <= a and b <= hi]
    inside = Workload(
        [work.starts[i] for i in add_idx],
        [work.pairs[i] for i in count_idx],
        [work.expected_add[i] for i in add_idx],
        [work.expected_count[i] for i in count_idx],
    )
    # Where does workalendar disagree with the official arrangement?
    for day, explanation in _workalendar_differences(cal, lo, hi).items():
        notes.append(f"workalendar differs on {day:%Y-%m-%d %a}: {explanation}")
    notes.append(
        f"workalendar.asia.China knows {min(known)}-{max(known)} only: timed on the "
        f"{len(add_idx)} starts and {len(count_idx)} pairs that stay inside those years"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Support years 2018-2023 currently"
        results = slow_add_and_count("workalendar", cal.add_working_days, cal.get_working_days_delta, inside)
    return results, notes


#: Days on which workalendar's China data is not the official arrangement, and why.
_WORKALENDAR_KNOWN = {
    dt.date(2020, 1, 31): "rest day: the Spring Festival was extended to Sun 2 Feb 2020 by "
    "国办发明电〔2020〕1号 (2020-01-26); workalendar keeps the original 2020 notice",
    dt.date(2020, 2, 1): "rest day: the original make-up Saturday was cancelled by the same "
    "extension (国办发明电〔2020〕1号); workalendar still counts it as worked",
}


def _workalendar_differences(cal: Any, lo: dt.date, hi: dt.date) -> dict[dt.date, str]:
    ours = china_calendar()
    found: dict[dt.date, str] = {}
    day = lo
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        while day <= hi:
            if bool(cal.is_working_day(day)) != ours.is_working_day(day):
                found[day] = _WORKALENDAR_KNOWN.get(day, "UNEXPLAINED - check the official notice")
            day += ONE
    return found


def bench_numpy(cal: WorkCalendar, work: Workload) -> tuple[list[Result], list[str]]:
    import numpy as np

    # numpy's weekmask is one pattern for every week, so it cannot make one particular
    # Saturday a working day. Instead every day of the week is "valid" (weekmask
    # 1111111) and every rest day of our calendar - ordinary weekends included, make-up
    # Saturdays excluded - is passed as a holiday. That is exact.
    first, last = cal.first, cal.last
    rest = [
        first + dt.timedelta(days=i)
        for i in range((last - first).days + 1)
        if not cal.is_working_day(first + dt.timedelta(days=i))
    ]
    bdc = np.busdaycalendar(weekmask="1111111", holidays=np.array(rest, dtype="datetime64[D]"))
    d64, a64, b64 = work.arrays()
    one = np.timedelta64(1, "D")
    busday_offset, busday_count = np.busday_offset, np.busday_count

    # roll="backward" then +20: from a rest day, roll back to the previous working day
    # and count 20 from there, which is "the 20th working day strictly after d".
    def add(d: np.datetime64, n: int) -> np.datetime64:
        return busday_offset(d, n, roll="backward", busdaycal=bdc)

    def count(a: np.datetime64, b: np.datetime64) -> int:  # [begin, end) -> (a, b]
        return int(busday_count(a + one, b + one, busdaycal=bdc))

    scalar_add = run(
        "numpy",
        "add",
        add,
        [(d, 20) for d in d64],
        work.expected_add,
        budget_s=BUDGET_S,
        note="busday_offset(d, 20, roll='backward') on datetime64 scalars",
        convert=lambda v: v.item(),
    )
    scalar_count = run(
        "numpy",
        "count",
        count,
        list(zip(a64, b64, strict=True)),
        work.expected_count,
        budget_s=BUDGET_S,
        note="busday_count(a + 1, b + 1)",
    )

    calls: list[tuple[str, Callable[[], Any], Sequence[Any], str]] = [
        (
            "add",
            lambda: busday_offset(d64, 20, roll="backward", busdaycal=bdc),
            work.expected_add,
            "one busday_offset call on 100k dates, per element",
        ),
        (
            "count",
            lambda: busday_count(a64 + one, b64 + one, busdaycal=bdc),
            work.expected_count,
            "one busday_count call on 100k pairs, per element",
        ),
    ]
    bulk_add, bulk_count = (bulk("numpy (bulk)", *call, repeat=5) for call in calls)
    notes = [
        f"numpy: weekmask '1111111' plus {len(rest)} rest days from our calendar as holidays "
        "(a weekmask alone cannot express make-up Saturdays/Sundays)"
    ]
    return [scalar_add, scalar_count, bulk_add, bulk_count], notes


def bench_our_bulk(cal: WorkCalendar, work: Workload) -> Result:
    add = cal.add_working_days
    return bulk(
        "govefficiency (loop)",
        "add",
        lambda: [add(d, 20) for d in work.starts],
        work.expected_add,
        "list comprehension",
        repeat=5,
    )


def bench_our_arrays(cal: WorkCalendar, work: Workload) -> list[Result]:
    """Our bulk paths on the same inputs as numpy's bulk calls: the array path (numpy in,
    numpy out) and ``due_dates`` with a list of dates end to end (list in, list out)."""
    from govefficiency.deadlines import WorkingDays, due_dates

    d64, a64, b64 = work.arrays()
    cal.add_working_days(d64[:10], 20)  # builds the calendar's arrays once (cached)
    period = WorkingDays(20)
    calls: list[tuple[str, str, Callable[[], Any], Sequence[Any], str]] = [
        (
            "govefficiency (array)",
            "add",
            lambda: cal.add_working_days(d64, 20),
            work.expected_add,
            "add_working_days(datetime64 array, 20), per element",
        ),
        (
            "govefficiency (array)",
            "count",
            lambda: cal.working_days_between(a64, b64),
            work.expected_count,
            "working_days_between(array, array), per element",
        ),
        (
            "due_dates (list)",
            "add",
            lambda: due_dates(work.starts, period, calendar=cal).dates,
            work.expected_add,
            "due_dates(list[date], WorkingDays(20)) end to end, per element",
        ),
    ]
    return [bulk(*call, repeat=7) for call in calls]


# --- index build ---------------------------------------------------------------------------------

_FRESH = """
import time
t0 = time.perf_counter()
from govefficiency.calendar import china_calendar
t1 = time.perf_counter()
cal = china_calendar(provisional=True, provisional_years=1)
t2 = time.perf_counter()
assert cal.last.year == cal.official_through.year + 1
print(t1 - t0, t2 - t1)
"""


def bench_build() -> tuple[list[str], float, float]:
    def cold() -> WorkCalendar:
        _china._china_calendar.cache_clear()
        _china._china_base.cache_clear()
        return china_calendar(provisional=True, provisional_years=1)

    warm_times, index_times = [], []
    for _ in range(7):
        t0 = time.perf_counter()
        cal = cold()
        warm_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        attrs.evolve(cal)  # only our index: the same special days, rebuilt
        index_times.append(time.perf_counter() - t0)
    fresh_import, fresh_build = [], []
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    for _ in range(5):
        out = subprocess.run(
            [sys.executable, "-c", _FRESH], capture_output=True, text=True, check=True, env=env
        ).stdout.split()
        fresh_import.append(float(out[0]))
        fresh_build.append(float(out[1]))
    warm, fresh = statistics.median(warm_times), statistics.median(fresh_build)
    lines = [
        f"China index {cal.first}..{cal.last} (official through {cal.official_through}, "
        f"{cal.last.year} provisional; the calendar always starts in 2001, a superset of 2004-2027)",
        f"  cold cache, this process (snapshot file already read), median of 7:  {statistics.median(warm_times) * 1e3:7.1f} ms",
        f"    of which our index alone (WorkCalendar from its special days): "
        f"{statistics.median(index_times) * 1e3:5.1f} ms",
        f"  fresh process, first build (from the stored snapshot), median of 5: "
        f"{statistics.median(fresh_build) * 1e3:7.1f} ms",
        f"  fresh process, import govefficiency.calendar (not part of the build): "
        f"{statistics.median(fresh_import) * 1e3:7.1f} ms",
    ]
    return lines, warm, fresh


# --- report ----------------------------------------------------------------------------------------


def fmt_ns(ns: float) -> str:
    return f"{ns / 1000:10.3f} µs" if ns < 1e7 else f"{ns / 1e6:10.1f} ms"


def print_header() -> None:
    import chinese_calendar
    import numpy
    import workalendar

    versions = {
        "python": sys.version.split()[0],
        "holidays": holidays.__version__,
        "chinesecalendar": chinese_calendar.__version__,
        "workalendar": getattr(workalendar, "__version__", "?"),
        "numpy": numpy.__version__,
    }
    print("Working-day arithmetic, PRC calendar - " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    print(f"{os.cpu_count()} CPUs; {N} inputs per workload; seed {SEED}")


def run_all(cal: WorkCalendar) -> tuple[list[Result], list[str]]:
    """Every library on the same workload: the results and the notes to print after them."""
    starts, pairs = draw_inputs()
    work = Workload(
        starts,
        pairs,
        [cal.add_working_days(d, 20) for d in starts],
        [cal.working_days_between(a, b) for a, b in pairs],
    )
    results = bench_ours(cal, work)
    results.append(bench_our_bulk(cal, work))
    notes: list[str] = []
    results += bench_holidays(work)
    results += bench_chinesecalendar(work)
    more, extra = bench_workalendar(work)
    results += more
    notes += extra
    more, extra = bench_numpy(cal, work)
    results += more
    notes += extra
    results += bench_our_arrays(cal, work)
    return results, notes


def print_per_call(results: list[Result], base: dict[str, float]) -> None:
    """One table per operation: every library's median per call, as a multiple of ours."""
    for operation, title in (
        ("add", "add_working_days(d, 20): 20th working day strictly after d, d in 2019-01-01..2026-11-30"),
        ("count", "working_days_between(a, b): working days in (a, b], a < b in 2019..2026"),
    ):
        print()
        print(title)
        print(f"  {'library':<22}{'median per call':>16}{'x ours':>10}{'calls':>9}   agree   note")
        for r in (r for r in results if r.operation == operation):
            ratio = r.per_call_ns / base[operation]
            agree = f"{r.agree}/{r.checked}"
            print(
                f"  {r.library:<22}{fmt_ns(r.per_call_ns):>16}{ratio:>9.1f}x{r.calls:>9}   {agree:<15} {r.note}"
            )


def print_bulk(results: list[Result]) -> None:
    """Our array path against numpy's bulk calls, and due_dates on a list end to end."""
    print()
    print("bulk against bulk (the same inputs, one call each; numpy given the exact calendar):")
    for operation, ours_label in (("add", "govefficiency (array)"), ("count", "govefficiency (array)")):
        numpy_bulk = next(r for r in results if r.library == "numpy (bulk)" and r.operation == operation)
        ours_bulk = next(r for r in results if r.library == ours_label and r.operation == operation)
        print(
            f"  {operation}: ours {fmt_ns(ours_bulk.per_call_ns).strip()} per element, numpy "
            f"{fmt_ns(numpy_bulk.per_call_ns).strip()}: ours is {numpy_bulk.per_call_ns / ours_bulk.per_call_ns:.1f}x "
            f"faster (goal >= 1x, stretch 10x)"
        )
    listed = next(r for r in results if r.library == "due_dates (list)")
    numpy_add = next(r for r in results if r.library == "numpy (bulk)" and r.operation == "add")
    print(
        f"  due_dates(list[date]) end to end {fmt_ns(listed.per_call_ns).strip()} per date "
        f"(numpy's bulk call on a ready array: {numpy_add.per_call_ns / listed.per_call_ns:.1f}x as long; "
        f"ours converts every date from and to Python objects)"
    )


def print_targets(
    results: list[Result], base: dict[str, float], warm_build: float, fresh_build: float
) -> None:
    ours_add = base["add"]
    holidays_add = next(r.per_call_ns for r in results if r.library == "holidays" and r.operation == "add")
    print()
    print("targets:")
    print(
        f"  scalar add_working_days median {ours_add / 1000:.3f} µs (target <= 1.5 µs): "
        f"{'met' if ours_add <= 1500 else 'MISSED'}"
    )
    print(
        f"  vs holidays.get_nth_working_day: {holidays_add / ours_add:.0f}x faster (target >= 30x): "
        f"{'met' if holidays_add / ours_add >= 30 else 'MISSED'}"
    )
    for label, seconds in (("cold cache, this process", warm_build), ("fresh process", fresh_build)):
        print(
            f"  index build 2001-2027, {label}: {seconds:.3f} s (target <= 0.3 s): "
            f"{'met' if seconds <= 0.3 else 'MISSED'}"
        )


def main() -> None:
    print_header()
    results, notes = run_all(china_calendar())
    base = {r.operation: r.per_call_ns for r in results if r.library == "govefficiency"}
    print_per_call(results, base)
    print_bulk(results)
    print()
    for note in notes:
        print(f"note: {note}")
    print()
    lines, warm_build, fresh_build = bench_build()
    for line in lines:
        print(line)
    print_targets(results, base, warm_build, fresh_build)


if __name__ == "__main__":
    main()
