"""Benchmark: evaluating a 4-level escalation policy over 100,000 open cases.

Run: python benchmarks/escalation.py [--runs 5]. Target on a 2-core machine: <= 1 s per
evaluation. Prints the median of several runs for four situations, each with a floor
measured in the same run and the ratio to it (the machine's load moves both alike):

* a first evaluation (nothing in the history; about 119,000 actions fire) — floors: one
  O(1) working-day count per case (the least any evaluation does per case), and building
  the same actions' values (key, reason, action) through their public constructors (the
  least any evaluation that returns them costs);
* a repeat evaluation with the first one's actions in the history (the steady state of a
  daily job) — floor: the working-day count per case;
* the same with live clocks instead of fixed due dates — floor: their statuses through
  the bulk path ``statuses_at``, which the evaluation uses;
* 100,000 ledger time nodes (25,000 checklist items of 4 nodes each) turned into cases
  with ``ledger_cases`` and evaluated (target <= 1 s) — floor: reading the items' states
  from the ledger (``Ledger.states``), which ``ledger_cases`` does.

Timings depend on the machine's load: compare figures and ratios from one run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import time
from collections.abc import Callable, Sequence

from _common import median_time

from govefficiency import china_calendar
from govefficiency.calendar import WorkCalendar
from govefficiency.deadlines import DeadlineClock, WorkingDays, statuses_at
from govefficiency.escalation import (
    Action,
    ActionKey,
    CaseParties,
    ClockCase,
    DatedCase,
    Policy,
    Reason,
    evaluate,
    get_policy,
    ledger_cases,
)
from govefficiency.ledger import ChecklistItem, Ledger, SqliteStore, TimeNode

N = 100_000
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def line(label: str, figure: float, floor: float, floor_label: str, target: float | None = 1.0) -> None:
    verdict = "" if target is None else f", target <= {target:g} s: {'met' if figure <= target else 'MISSED'}"
    print(f"{label:<44} {figure:6.3f} s  ({figure / floor:4.1f}x the floor{verdict})")
    print(f"  floor: {floor_label:<36} {floor:6.3f} s")


def scan(cal: WorkCalendar, dues: Sequence[dt.date], day: dt.date) -> None:
    """The per-case floor: one O(1) working-day count per case."""
    count = cal.working_days_between
    for due in dues:
        count(day, due)


def build_actions(actions: Sequence[Action]) -> Callable[[], object]:
    """The output floor: the same actions' values through their public constructors,
    with collection paused (as the evaluation runs)."""
    rows = [
        (
            (a.key.case_id, a.key.level_id, a.key.due_date, a.key.occurrence),
            (
                a.reason.case_id,
                a.reason.due_date,
                a.reason.offset_working_days,
                a.reason.level_id,
                a.reason.trigger,
                a.reason.fired_on,
                a.reason.occurrence,
            ),
            (a.kind, a.level, a.sender, a.to, a.report_to, a.copy_to, a.unresolved, a.fallback),
            (a.title, a.citation, a.feedback_due, a.provisional, a.accountable, a.units),
        )
        for a in actions
    ]

    def run() -> object:
        gc.disable()
        try:
            return [Action(ActionKey(*k), *head, Reason(*r), *tail) for k, r, head, tail in rows]
        finally:
            gc.enable()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median is printed)")
    runs = parser.parse_args().runs
    rng = random.Random(2026)
    cal = china_calendar()
    policy = get_policy("reminder-letter-flow")
    assert len(policy.levels) == 4
    at = dt.datetime(2026, 10, 20, 9, tzinfo=SHANGHAI)
    day = at.date()
    parties = [
        CaseParties(lead_unit=f"u{i % 2000}", assisting_units=(f"u{(i + 7) % 2000}",), officer=f"o{i}")
        for i in range(200)
    ]
    days = list(cal.working_days(dt.date(2026, 9, 1), dt.date(2026, 12, 31)))
    cases = [DatedCase(f"case-{i}", "key task", rng.choice(days), parties[i % 200]) for i in range(N)]
    dues = [c.due for c in cases if c.due is not None]

    first = evaluate(policy, cases, at=at)
    print(f"cases: {N:,}, levels: {len(policy.levels)}, actions on first evaluation: {len(first.actions):,}")
    t_first = median_time(lambda: evaluate(policy, cases, at=at), runs)
    t_scan = median_time(lambda: scan(cal, dues, day), runs)
    t_build = median_time(build_actions(first.actions), runs)
    line("evaluate, empty history", t_first, t_scan, "a working-day count per case")
    print(
        f"  floor: {'building the actions (public constructors)':<36} {t_build:6.3f} s  "
        f"(evaluation {t_first / t_build:.1f}x)"
    )
    history = first.keys
    t_repeat = median_time(lambda: evaluate(policy, cases, at=at, history=history), runs)
    line("evaluate, with history", t_repeat, t_scan, "a working-day count per case")

    starts = [dt.datetime.combine(rng.choice(days[:30]), dt.time(9), SHANGHAI) for _ in range(N)]
    t0 = time.perf_counter()
    clocks = [
        ClockCase(DeadlineClock.start(f"c{i}", at=s, period=WorkingDays(20), calendar=cal), parties[i % 200])
        for i, s in enumerate(starts)
    ]
    build = time.perf_counter() - t0
    bare = [c.clock for c in clocks]
    t_clock = median_time(lambda: evaluate(policy, clocks, at=at), max(3, runs // 2))
    t_status = median_time(lambda: statuses_at(bare, at=at), max(3, runs // 2))
    line(f"evaluate, {N:,} live clocks", t_clock, t_status, "statuses_at on the same clocks")
    print(f"  (clock build {build:.2f} s, not timed)")

    t_ledger, t_cases, t_states = ledger_nodes(policy, at, max(3, runs // 2))
    line(
        "100,000 ledger time nodes -> cases -> evaluate", t_ledger, t_states, "Ledger.states (read the items)"
    )
    print(f"  of which ledger_cases: {t_cases:.3f} s")
    verdict = "met" if max(t_first, t_repeat, t_clock, t_ledger) <= 1.0 else "MISSED"
    print(f"targets (each <= 1 s): {verdict}")


def ledger_nodes(policy: Policy, at: dt.datetime, runs: int) -> tuple[float, float, float]:
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
        t_all = median_time(lambda: evaluate(policy, ledger_cases(ledger, at=at), at=at), runs)
        t_cases = median_time(lambda: ledger_cases(ledger, at=at), runs)
        t_states = median_time(lambda: list(ledger.states(at=at)), runs)
        return t_all, t_cases, t_states


if __name__ == "__main__":
    main()
