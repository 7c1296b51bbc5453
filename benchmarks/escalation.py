"""Benchmark: evaluating a 4-level escalation policy over 100,000 open cases.

Run: python benchmarks/escalation.py. Target on a 2-core machine: <= 1 s per evaluation.
Prints the median of several runs for four situations: a first evaluation (nothing in
the history), a repeat evaluation with the first one's actions in the history (the
steady state of a daily job), the same with live clocks instead of fixed due dates (their
statuses through the bulk path ``statuses_at``), and 100,000 ledger time nodes (25,000
checklist items of 4 nodes each) turned into cases with ``ledger_cases`` and evaluated
(target <= 1 s). Timings depend on the machine's load: compare figures from one run.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

from govefficiency import china_calendar
from govefficiency.deadlines import DeadlineClock, WorkingDays
from govefficiency.escalation import CaseParties, ClockCase, DatedCase, evaluate, get_policy, ledger_cases
from govefficiency.ledger import ChecklistItem, Ledger, SqliteStore, TimeNode

N = 100_000
RUNS = 5
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def median_time(fn: object, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    rng = random.Random(2026)
    cal = china_calendar()
    policy = get_policy("reminder-letter-flow")
    assert len(policy.levels) == 4
    at = dt.datetime(2026, 10, 20, 9, tzinfo=SHANGHAI)
    parties = [
        CaseParties(lead_unit=f"u{i % 2000}", assisting_units=(f"u{(i + 7) % 2000}",), officer=f"o{i}")
        for i in range(200)
    ]
    days = list(cal.working_days(dt.date(2026, 9, 1), dt.date(2026, 12, 31)))
    cases = [DatedCase(f"case-{i}", "key task", rng.choice(days), parties[i % 200]) for i in range(N)]

    first = evaluate(policy, cases, at)
    t_first = median_time(lambda: evaluate(policy, cases, at))
    history = first.keys
    t_repeat = median_time(lambda: evaluate(policy, cases, at, history))
    print(f"cases: {N:,}, levels: {len(policy.levels)}, actions on first evaluation: {len(first.actions):,}")
    print(f"evaluate, empty history:      {t_first:.3f} s  (target <= 1 s)")
    print(f"evaluate, with history:       {t_repeat:.3f} s  (target <= 1 s)")

    starts = [dt.datetime.combine(rng.choice(days[:30]), dt.time(9), SHANGHAI) for _ in range(N)]
    t0 = time.perf_counter()
    clocks = [
        ClockCase(DeadlineClock.start(f"c{i}", s, WorkingDays(20), calendar=cal), parties[i % 200])
        for i, s in enumerate(starts)
    ]
    build = time.perf_counter() - t0
    t_clock = median_time(lambda: evaluate(policy, clocks, at), runs=3)
    print(f"evaluate, {N:,} live clocks:   {t_clock:.3f} s  (clock build {build:.2f} s, not timed)")
    verdict = "met" if max(t_first, t_repeat) <= 1.0 else "MISSED"
    print(f"target (100k cases, 4 levels <= 1 s): {verdict}")

    t_ledger = ledger_nodes(policy, at)
    print(
        f"100,000 ledger time nodes -> cases -> evaluate: {t_ledger:.3f} s  (target <= 1 s: "
        f"{'met' if t_ledger <= 1.0 else 'MISSED'})"
    )


def ledger_nodes(policy: object, at: dt.datetime) -> float:
    """25,000 items x 4 time nodes in an in-memory ledger (building it is not timed)."""
    quarters = (dt.date(2026, 3, 31), dt.date(2026, 6, 30), dt.date(2026, 9, 30), dt.date(2026, 12, 31))
    items = [
        ChecklistItem(
            id=f"K-{i}",
            title="重点任务",
            category="重点工作",
            year=2026,
            target="完成",
            standard="验收",
            deadline=quarters[-1],
            leader="dep-li",
            lead_unit=f"u{i % 2000}",
            assisting_units=(f"u{(i + 7) % 2000}",),
            officer=f"o{i % 500}",
            time_nodes=tuple(TimeNode(d, 25 * (q + 1)) for q, d in enumerate(quarters)),
        )
        for i in range(25_000)
    ]
    with Ledger(SqliteStore(":memory:")) as ledger:
        ledger.open_items(items, at=dt.datetime(2026, 1, 5, 9, tzinfo=SHANGHAI))

        def run() -> None:
            evaluate(policy, ledger_cases(ledger, at), at)  # type: ignore[arg-type]

        return median_time(run, runs=3)


if __name__ == "__main__":
    main()
