"""Benchmark of ``calendar_impact`` over 1,000,000 stored deadlines (issue 20).

The day next year's State Council notice appears, every stored deadline that runs into
next year has to be re-evaluated. This script builds 1,000,000 working-day deadlines
(``WorkingDays(20)``, random starts 2026-10-01 .. 2027-11-30, most of them provisional),
then times :func:`govefficiency.calendar.calendar_impact` between the provisional PRC
calendar and the same calendar with the HYPOTHETICAL 2027 example patch
(``examples/patches/cn-2027-hypothetical.toml``, not the official arrangement).

The deadlines go in as one :class:`DeadlineBatch`, i.e. through the bulk path
:func:`govefficiency.deadlines.due_dates` (plain Python lists over the calendar's index;
no numpy array path was available in this branch). A due date depends only on the start
when the period is shared, so the impact sends the distinct starts through
``due_dates`` once per calendar and selects the changed rows in C. Target: <= 2 s. It
prints the median of several runs, the time per deadline, how many changed, and, for
comparison, the time of two ``due_dates`` calls over all the starts (no de-duplication)
and of re-evaluating a sample one deadline at a time.

    .venv/bin/python benchmarks/calendar_impact.py [--n 1000000] [--repeat 5]

The script only measures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import time
from pathlib import Path

from _common import median_time

from govefficiency.calendar import CalendarPatch, DeadlineBatch, calendar_impact, china_calendar
from govefficiency.deadlines import WorkingDays, compute_deadline, due_dates

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    patch = CalendarPatch.load(ROOT / "examples" / "patches" / "cn-2027-hypothetical.toml")
    old = china_calendar(provisional=True)
    new = china_calendar(provisional=True, patches=[patch])
    rng = random.Random(20)
    first = dt.date(2026, 10, 1).toordinal()
    span = dt.date(2027, 11, 30).toordinal() - first
    starts = [dt.date.fromordinal(first + rng.randrange(span)) for _ in range(args.n)]
    ids = [f"D{i:07d}" for i in range(args.n)]
    batch = DeadlineBatch(ids, starts, WorkingDays(20))

    report = calendar_impact(old, new, [batch])
    impact_s = median_time(lambda: calendar_impact(old, new, [batch]), args.repeat)
    bulk_s = median_time(
        lambda: (
            due_dates(starts, WorkingDays(20), calendar=old),
            due_dates(starts, WorkingDays(20), calendar=new),
        ),
        args.repeat,
    )
    sample = starts[:2000]
    t0 = time.perf_counter()
    for s in sample:
        compute_deadline(s, WorkingDays(20), calendar=old)
        compute_deadline(s, WorkingDays(20), calendar=new)
    single_s = (time.perf_counter() - t0) / len(sample) * args.n

    print(
        f"python {platform.python_version()} on {platform.machine()}, {args.n:,} deadlines, median of {args.repeat}"
    )
    print(f"old: {old.version.id}")
    print(f"new: {new.version.id}")
    print(
        f"calendar_impact (bulk path):        {impact_s:7.3f} s  ({impact_s / args.n * 1e6:.2f} µs per deadline)"
        f"  target <= {TARGET_S:.1f} s: {'met' if impact_s <= TARGET_S else 'MISSED'}"
    )
    print(f"two due_dates calls over every start: {bulk_s:5.3f} s  (x{bulk_s / impact_s:.1f} the impact)")
    print(
        f"one deadline at a time (estimated): {single_s:7.1f} s  (x{single_s / impact_s:.0f} the bulk path)"
    )
    print(
        f"changed: {len(report.entries):,}  confirmed unchanged: {report.confirmed:,}  "
        f"days changed: {len(report.day_changes)}  errors: {len(report.errors)}"
    )


if __name__ == "__main__":
    main()
