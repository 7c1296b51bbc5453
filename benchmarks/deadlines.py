"""Benchmark of the deadline engine's bulk paths (issue 3).

Measures, in one run on this machine:

* 1,000,000 working-day deadlines (``WorkingDays(20)``, random starts 2019-01-01 ..
  2026-11-30) through the bulk path :func:`govefficiency.deadlines.due_dates`
  (target: <= 1 s);
* 100,000 live-clock status queries through :func:`govefficiency.deadlines.statuses_at`
  over clocks in a mix of states — running, suspended, overdue, completed (target:
  <= 0.5 s); building the clocks is timed separately;
* building one clock with 1, 2, 4, 8 and 16 events, by the constructor and by the fluent
  API, against the 1-event clock (target: 4 events <= 2x; linear in events): the figures
  of benchmarks/clock.py;
* for comparison, the scalar :func:`compute_deadline` (which also builds the
  explanation), the calendar's own ``add_working_days`` and the ``holidays`` package's
  ``get_nth_working_day`` on a sample, with the rate of each and the time 1M calls
  would take.

Each timing is the median of several runs. Run it with::

    .venv/bin/python benchmarks/deadlines.py [--repeat 5] [--profile] [--only deadlines|clocks|build]

``--profile`` prints a cProfile summary of both bulk paths (it is printed anyway when a
target is missed). The clock figures depend on the heap's state: measured after the 1M
deadlines (the default order) they are slower than in a fresh process
(``--only clocks``), because the clocks' objects are scattered over a fragmented heap.
The script only measures; it never changes the engine.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import os
import platform
import pstats
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from importlib.metadata import version
from zoneinfo import ZoneInfo

import holidays
from _common import timed

import govefficiency
from govefficiency import Text, china_calendar
from govefficiency.calendar import WorkCalendar
from govefficiency.deadlines import (
    ClockEvent,
    ClockEventKind,
    ClockStatus,
    DeadlineClock,
    StatuteRule,
    WorkingDays,
    compute_deadline,
    due_dates,
    get_rule,
    statuses_at,
)
from govefficiency.testing import EXPERT_REVIEW

N_DEADLINES = 1_000_000
N_CLOCKS = 100_000
SCALAR_SAMPLE = 20_000
HOLIDAYS_SAMPLE = 5_000
TARGET_DEADLINES_S = 1.0
TARGET_STATUSES_S = 0.5

HOLIDAYS_VERSION = version("holidays")
SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST_START = dt.date(2019, 1, 1)
# The last start whose 20th working day still lies inside the published 2026 arrangement.
LAST_START = dt.date(2026, 11, 30)
QUERY_AT = dt.datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)  # Monday morning

HEAD = Text("本行政机关负责人", "the head of the agency")


def fmt_times(times: list[float]) -> str:
    return ", ".join(f"{t:.3f}" for t in times)


def verdict(seconds: float, target: float) -> str:
    return "MET" if seconds <= target else "MISSED"


def profile(label: str, fn: Callable[[], object]) -> None:
    """Print where the time of ``fn`` goes (cProfile, top functions by own time)."""
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(8)
    lines = [line for line in out.getvalue().splitlines() if line.strip() and "List reduced" not in line]
    print(f"\ncProfile of {label} (top 8 by own time; profiling inflates the total):")
    for line in lines[1:]:
        print("    " + line.rstrip())


# --- 1. deadlines ---------------------------------------------------------------------------


def random_starts(rng: random.Random, n: int) -> list[dt.date]:
    lo, hi = FIRST_START.toordinal(), LAST_START.toordinal()
    fromordinal = dt.date.fromordinal
    return [fromordinal(rng.randint(lo, hi)) for _ in range(n)]


def bench_deadlines(cal: WorkCalendar, rng: random.Random, repeat: int, want_profile: bool) -> float:
    starts = random_starts(rng, N_DEADLINES)
    period = WorkingDays(20)
    due_dates(starts[:1000], period, calendar=cal)  # warm-up
    median, times, result = timed(lambda: due_dates(starts, period, calendar=cal), repeat)
    rate = N_DEADLINES / median
    print(f"bulk path due_dates(): {N_DEADLINES:,} x WorkingDays(20), starts {FIRST_START}..{LAST_START}")
    print(f"  median {median:.3f} s over {repeat} runs [{fmt_times(times)}] = {rate / 1e6:.2f} M deadlines/s")
    print(f"  target <= {TARGET_DEADLINES_S:.1f} s: {verdict(median, TARGET_DEADLINES_S)}")

    # The same dates as the scalar path, which also builds the explanation.
    sample = rng.sample(range(N_DEADLINES), SCALAR_SAMPLE)
    sample_starts = [starts[i] for i in sample]
    scalar_s, _, scalar = timed(
        lambda: [compute_deadline(d, period, calendar=cal).due_date for d in sample_starts], 3
    )
    mismatches = sum(result.dates[i] != s for i, s in zip(sample, scalar, strict=True))
    scalar_rate = SCALAR_SAMPLE / scalar_s
    print(
        f"scalar compute_deadline() (with explanation): {scalar_rate:,.0f} /s on {SCALAR_SAMPLE:,} starts "
        f"-> {N_DEADLINES / scalar_rate:.1f} s for 1M ({N_DEADLINES / scalar_rate / median:.0f}x the bulk path); "
        f"{mismatches} disagreements with due_dates()"
    )

    cal_s, _, _ = timed(lambda: [cal.add_working_days(d, 20) for d in sample_starts], 3)
    cal_rate = SCALAR_SAMPLE / cal_s
    print(
        f"scalar WorkCalendar.add_working_days(d, 20): {cal_rate:,.0f} /s "
        f"-> {N_DEADLINES / cal_rate:.2f} s for 1M ({N_DEADLINES / cal_rate / median:.1f}x the bulk path)"
    )

    # holidays (vacanza/holidays): day-by-day loop over a holidays.China instance that
    # already holds every year used (population is not timed).
    cn = holidays.country_holidays("CN", years=range(2019, 2028))
    h_starts = sample_starts[:HOLIDAYS_SAMPLE]
    h_s, _, h_result = timed(lambda: [cn.get_nth_working_day(d, 20) for d in h_starts], 3)
    h_rate = HOLIDAYS_SAMPLE / h_s
    h_mismatch = sum(a != b for a, b in zip(h_result, scalar, strict=False))
    print(
        f"holidays {HOLIDAYS_VERSION} China().get_nth_working_day(d, 20): {h_rate:,.0f} /s on "
        f"{HOLIDAYS_SAMPLE:,} starts -> {N_DEADLINES / h_rate:.1f} s for 1M "
        f"({N_DEADLINES / h_rate / median:.0f}x the bulk path); {h_mismatch} disagreements"
    )
    if want_profile or median > TARGET_DEADLINES_S:
        profile("due_dates() on 1M starts", lambda: due_dates(starts, period, calendar=cal))
    return median


# --- 2. clocks ------------------------------------------------------------------------------


def at_day(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def build_clock(
    kind: str, i: int, rule: StatuteRule, cal: WorkCalendar, rng: random.Random, today: dt.date
) -> DeadlineClock:
    """A licensing case (20 working days, 行政许可法 art. 42) that is in state ``kind``
    at ``QUERY_AT``; every event lies before ``QUERY_AT``."""

    def wd(day: dt.date, n: int) -> dt.date:
        return cal.add_working_days(day, n)

    if kind == "running":  # accepted within the last 19 working days
        start = wd(today, -rng.randint(1, 19))
        events = [ClockEvent(ClockEventKind.START, at_day(start, 9 + i % 8))]
    elif kind == "running_paused_extended":  # an expert review, then an approved extension
        start = wd(today, -rng.randint(15, 24))
        pause = wd(start, rng.randint(2, 8))
        resume = wd(pause, rng.randint(1, 4))
        extend = wd(resume, 1)
        events = [
            ClockEvent(ClockEventKind.START, at_day(start, 9)),
            ClockEvent(ClockEventKind.SUSPEND, at_day(pause, 10), basis=EXPERT_REVIEW),
            ClockEvent(ClockEventKind.RESUME, at_day(resume, 16)),
            ClockEvent(
                ClockEventKind.EXTEND, at_day(extend, 11), basis=None, length=WorkingDays(10), authority=HEAD
            ),
        ]
    elif kind == "suspended":  # an expert review still under way
        start = wd(today, -rng.randint(10, 40))
        pause = wd(start, rng.randint(1, 9))
        events = [
            ClockEvent(ClockEventKind.START, at_day(start, 9)),
            ClockEvent(ClockEventKind.SUSPEND, at_day(pause, 14), basis=EXPERT_REVIEW),
        ]
    elif kind == "overdue":  # accepted 21..120 working days ago, never decided
        start = wd(today, -rng.randint(21, 120))
        events = [ClockEvent(ClockEventKind.START, at_day(start, 9))]
    else:  # completed, on time or late
        start = wd(today, -rng.randint(30, 150))
        done = wd(start, rng.randint(3, 26))
        events = [
            ClockEvent(ClockEventKind.START, at_day(start, 9)),
            ClockEvent(ClockEventKind.COMPLETE, at_day(done, 15)),
        ]
    # The constructor takes the whole event history, so the deadline is computed once per
    # clock (the fluent API .suspend()/.resume()/... recomputes it after each event).
    return DeadlineClock(f"XK-{i:06d}", rule, cal, events)


KINDS = ("running", "running_paused_extended", "suspended", "overdue", "completed")


def bench_clocks(cal: WorkCalendar, rng: random.Random, repeat: int, want_profile: bool) -> float:
    rule = get_rule("licensing.decision")
    today = QUERY_AT.date()
    t0 = time.perf_counter()
    clocks = [build_clock(KINDS[i % len(KINDS)], i, rule, cal, rng, today) for i in range(N_CLOCKS)]
    build_s = time.perf_counter() - t0
    print(
        f"\nbuilding {N_CLOCKS:,} DeadlineClocks (licensing.decision, 1-4 events each, whole history "
        f"passed to the constructor): {build_s:.2f} s = {N_CLOCKS / build_s:,.0f} clocks/s "
        f"(not part of the target)"
    )
    statuses_at(clocks[:100], at=QUERY_AT)  # warm-up
    median, times, result = timed(lambda: statuses_at(clocks, at=QUERY_AT), repeat)
    states = Counter(s.state.value for s in result)
    print(f"statuses_at(): {N_CLOCKS:,} clocks at {QUERY_AT.isoformat()}")
    print(
        f"  median {median:.3f} s over {repeat} runs [{fmt_times(times)}] = "
        f"{N_CLOCKS / median / 1e3:,.0f} k statuses/s"
    )
    print("  states: " + ", ".join(f"{k} {v:,}" for k, v in sorted(states.items())))
    print(f"  target <= {TARGET_STATUSES_S:.1f} s: {verdict(median, TARGET_STATUSES_S)}")

    # For information only: the same query with the clocks moved out of the cyclic
    # garbage collector's reach (gc.freeze()), to show how much of the time is GC passes
    # over the ~100k clocks' objects triggered by the statuses being allocated.
    gc.freeze()
    try:
        frozen_s, frozen_times, _ = timed(lambda: statuses_at(clocks, at=QUERY_AT), repeat)
    finally:
        gc.unfreeze()
    print(
        f"  (information: with gc.freeze() after building, median {frozen_s:.3f} s "
        f"[{fmt_times(frozen_times)}] — not the target figure)"
    )

    # Spot check: the bulk answer equals the clock's own answer.
    picks = rng.sample(range(N_CLOCKS), 200)
    same = all(_same(result[i], clocks[i].status(at=QUERY_AT)) for i in picks)
    print(f"  bulk answers equal DeadlineClock.status() on 200 sampled clocks: {same}")
    if want_profile or median > TARGET_STATUSES_S:
        profile("statuses_at() on 100k clocks", lambda: statuses_at(clocks, at=QUERY_AT))
    return median


def bench_clock_build(repeat: int) -> float:
    """Building one clock with 1, 2, 4, 8 and 16 events: benchmarks/clock.py (the same
    licensing case for every count; ratios to the 1-event clock measured in the same
    run). Returns the constructor's worst 4-event / 1-event ratio."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import clock  # benchmarks/clock.py

    print()
    return float(clock.bench(runs=repeat))


def _same(a: ClockStatus, b: ClockStatus) -> bool:
    return a.to_dict() == b.to_dict()


# --- main -----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing (the median is shown)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed")
    parser.add_argument("--profile", action="store_true", help="always print the cProfile summaries")
    parser.add_argument(
        "--only",
        choices=("deadlines", "clocks", "build"),
        help="run one part only (each part in a fresh process gives the steadiest figures)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    cal = china_calendar()
    print(
        f"govefficiency {govefficiency.__version__}, holidays {HOLIDAYS_VERSION}, "
        f"Python {platform.python_version()} on {platform.machine()} ({_cpus()} CPUs)"
    )
    print(
        f"calendar CN {cal.first}..{cal.last} (official through {cal.official_through}), "
        f"built in {time.perf_counter() - t0:.2f} s\n"
    )
    parts = []
    if args.only in (None, "deadlines"):
        deadlines_s = bench_deadlines(cal, rng, args.repeat, args.profile)
        parts.append(
            f"1M deadlines {deadlines_s:.3f} s (target {TARGET_DEADLINES_S:.1f} s, "
            f"{verdict(deadlines_s, TARGET_DEADLINES_S)})"
        )
        gc.collect()
    if args.only in (None, "clocks"):
        statuses_s = bench_clocks(cal, rng, args.repeat, args.profile)
        parts.append(
            f"100k statuses {statuses_s:.3f} s (target {TARGET_STATUSES_S:.1f} s, "
            f"{verdict(statuses_s, TARGET_STATUSES_S)})"
        )
    if args.only in (None, "build"):
        ratio = bench_clock_build(args.repeat)
        parts.append(f"clock with 4 events {ratio:.2f}x the 1-event clock (target 2x, {verdict(ratio, 2.0)})")
    print("\nsummary: " + "; ".join(parts))
    return 0


def _cpus() -> str:
    return str(os.cpu_count() or "?")


if __name__ == "__main__":
    sys.exit(main())
