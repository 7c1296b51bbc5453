"""Benchmark: building one live deadline clock, by the number of its events (issue 17 §3).

A :class:`~govefficiency.deadlines.DeadlineClock` computes its due date without
building the explanation and checks each event on its own, so its cost should grow
linearly in its events, with 4 events costing at most 2x one event. This script builds
the same licensing case (行政许可法 art. 42: 20 working days, one extension of 10
allowed) with 1, 2, 4, 8 and 16 events:

* START, then an expert review (SUSPEND … RESUME, art. 45) every other working day,
  and the extension approved by the head of the agency as the 4th event — the case of
  the issue: review, resume, extension; more reviews follow it;
* by the constructor (the whole history at once) and by the fluent API (one event at
  a time: ``clock.suspend(…).resume(…).extend(…)``, each event building a clock);
* the clock's due date is computed in both; the constructor also precomputes what a
  status needs (as it always did, so that ``statuses_at`` finds the clock ready), while
  a clock built by the fluent API (``DeadlineClock.start`` and each event) prepares on
  the first status asked. "+ status" is the constructor and one status at the last
  event; "fluent + status" the fluent API and that status (the same work for a user who
  builds a clock and asks about it, wherever the preparation runs).

The floor is the 1-event clock built by the constructor, measured in the same run;
every figure is also given as a ratio to it (the goal: 4 events at most 2x the floor),
and each way of building is also compared with its own 1-event clock. A clock started
by ``DeadlineClock.start`` costs less than the floor (no status prepared, no attrs
``__init__``), so the fluent API's ratio to its own 1-event clock is larger than its
ratio to the floor; "fluent + status" against "+ status" compares clocks that both
answered a status. For comparison, ``compute_deadline`` on the same events (what each
event used to cost: the whole deadline with its explanation).

Each figure is the CPU time per clock, the best of 5 batches of ``--loops`` builds
(steadier than wall time on a shared machine); ``--runs`` runs give a range (min–max).
Run it with::

    .venv/bin/python benchmarks/clock.py [--runs 3] [--loops 500]

The script only measures; it checks that every build gives the explained due date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable

# The same licensing case as benchmarks/deadlines.py: art. 45 expert reviews, the head's extension.
from deadlines import HEAD, SHANGHAI  # benchmarks/deadlines.py
from govefficiency import china_calendar
from govefficiency.calendar import WorkCalendar
from govefficiency.deadlines import (
    ClockEvent,
    ClockEventKind,
    DeadlineClock,
    StatuteRule,
    WorkingDays,
    compute_deadline,
    get_rule,
)
from govefficiency.deadlines._clock_events import replay
from govefficiency.testing import EXPERT_REVIEW

START = dt.datetime(2026, 9, 14, 9, tzinfo=SHANGHAI)  # Monday; the period crosses National Day
COUNTS = (1, 2, 4, 8, 16)
# The members, looked up once (an enum member looked up on its class costs a descriptor
# call on Python 3.11: the harness's cost, not the clock's).
SUSPEND, RESUME = ClockEventKind.SUSPEND, ClockEventKind.RESUME
TARGET = 2.0


def history(cal: WorkCalendar, k: int) -> list[ClockEvent]:
    """START and ``k - 1`` events: reviews (suspend at 10:00, resume at 16:00 the next
    working day), the extension as the 4th event."""
    events = [ClockEvent(ClockEventKind.START, START)]
    day = START.date()
    while len(events) < k:
        if len(events) == 3:
            at = dt.datetime.combine(day, dt.time(17), SHANGHAI)
            events.append(
                ClockEvent(ClockEventKind.EXTEND, at, length=WorkingDays(10), authority=HEAD, basis=None)
            )
            continue
        day = cal.add_working_days(day, 1)
        events.append(
            ClockEvent(
                ClockEventKind.SUSPEND, dt.datetime.combine(day, dt.time(10), SHANGHAI), basis=EXPERT_REVIEW
            )
        )
        if len(events) < k:
            day = cal.add_working_days(day, 1)
            events.append(ClockEvent(ClockEventKind.RESUME, dt.datetime.combine(day, dt.time(16), SHANGHAI)))
    return events


def fluent(rule: StatuteRule, cal: WorkCalendar, events: list[ClockEvent]) -> DeadlineClock:
    """The clock of ``events`` built one event at a time, from the same inputs as the
    constructor gets (the events' instants, citation, length and authority)."""
    clock = DeadlineClock.start("F", at=events[0].at, period=rule, calendar=cal)
    for e in events[1:]:
        kind = e.kind
        if kind is SUSPEND:
            clock = clock.suspend(at=e.at, basis=EXPERT_REVIEW)
        elif kind is RESUME:
            clock = clock.resume(at=e.at)
        else:
            clock = clock.extend(at=e.at, length=e.length, authority=HEAD)  # type: ignore[arg-type]
    return clock


def explained(rule: StatuteRule, cal: WorkCalendar, events: list[ClockEvent]) -> object:
    suspensions, extensions, _ = replay(tuple(events), cal.zone)
    return compute_deadline(events[0].at, rule, calendar=cal, suspensions=suspensions, extensions=extensions)


def per_call(fn: Callable[[], object], loops: int, batches: int = 5) -> float:
    """CPU seconds per call of ``fn``: the best of ``batches`` batches of ``loops`` calls
    (the least disturbed by the other work on a shared machine)."""
    best = float("inf")
    for _ in range(batches):
        t0 = time.process_time()
        for _ in range(loops):
            fn()
        best = min(best, (time.process_time() - t0) / loops)
    return best


def bench(runs: int = 3, loops: int = 500) -> float:
    """Print the figures; return the constructor's worst 4-event / 1-event ratio."""
    cal = china_calendar()
    rule = get_rule("licensing.decision")
    cases = {k: history(cal, k) for k in COUNTS}
    for k, events in cases.items():  # every build gives the explained due date
        expected = explained(rule, cal, events).due_date  # type: ignore[attr-defined]
        assert DeadlineClock("C", rule, cal, events)._prepared().due == expected, k
        assert fluent(rule, cal, events)._prepared().due == expected, k

    kinds: dict[str, Callable[[list[ClockEvent]], object]] = {
        "constructor": lambda ev: DeadlineClock("C", rule, cal, ev),
        "fluent API": lambda ev: fluent(rule, cal, ev),
        "+ status": lambda ev: DeadlineClock("C", rule, cal, ev).status(at=ev[-1].at),
        "fluent + status": lambda ev: fluent(rule, cal, ev).status(at=ev[-1].at),
        "compute_deadline": lambda ev: explained(rule, cal, ev),
    }
    for build in kinds.values():  # warm-up (the calendar's version hash, caches)
        build(cases[4])
    results: list[dict[tuple[str, int], float]] = []
    for _ in range(runs):
        figures: dict[tuple[str, int], float] = {}
        for k, events in cases.items():
            for name, build in kinds.items():
                figures[(name, k)] = per_call(lambda b=build, ev=events: b(ev), loops)
        results.append(figures)

    def span(name: str, k: int, scale: float = 1e6) -> str:
        values = [r[(name, k)] * scale for r in results]
        return f"{min(values):.1f}–{max(values):.1f}"

    def ratio(name: str, k: int) -> str:
        values = [r[(name, k)] / r[("constructor", 1)] for r in results]
        return f"{min(values):.2f}–{max(values):.2f}x"

    print(
        f"one DeadlineClock, licensing.decision from {START.isoformat()}; CPU µs per clock, range over "
        f"{runs} runs, each the best of 5 x {loops:,} builds; x = ratio to the floor (the 1-event clock by the "
        f"constructor, same run)"
    )
    print(f"  {'events':>6}" + "".join(f"{name:>22}{'x floor':>14}" for name in kinds))
    for k in COUNTS:
        print(f"  {k:>6}" + "".join(f"{span(name, k):>22}{ratio(name, k):>14}" for name in kinds))
    floor = [r[("constructor", 1)] * 1e6 for r in results]
    print(f"  floor (1 event, constructor): {min(floor):.1f}–{max(floor):.1f} µs")
    for name in ("constructor", "fluent API", "+ status", "fluent + status"):
        four = [r[(name, 4)] / r[("constructor", 1)] for r in results]
        own = [r[(name, 4)] / r[(name, 1)] for r in results]
        versus_floor = ""
        if name in ("constructor", "fluent API"):
            verdict = "MET" if max(four) <= TARGET else "MISSED"
            versus_floor = (
                f"4 events / floor = {min(four):.2f}–{max(four):.2f}x (target <= {TARGET:.0f}x: {verdict}); "
            )
        print(f"  {name}: {versus_floor}4 events / its own 1-event clock = {min(own):.2f}–{max(own):.2f}x")
        per_event = [[(r[(name, k)] - r[(name, 1)]) / (k - 1) * 1e6 for r in results] for k in (2, 4, 8, 16)]
        print(
            f"  {name}: cost per added event at 2 / 4 / 8 / 16 events: "
            + " / ".join(f"{min(p):.1f}–{max(p):.1f} µs" for p in per_event)
            + " (flat = linear in events)"
        )
    return max(r[("constructor", 4)] / r[("constructor", 1)] for r in results)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=3, help="runs (the range over them is shown)")
    parser.add_argument("--loops", type=int, default=500, help="builds per batch (best of 5 batches)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.loops < 1:
        parser.error("--runs and --loops must be at least 1")
    bench(args.runs, args.loops)
    return 0


if __name__ == "__main__":
    sys.exit(main())
