"""Benchmark: the yellow/red status of 100,000 open applications.

Run: python benchmarks/services.py. Target on this machine: <= 1 s per status board.
The board uses the deadline engine's bulk path (``govefficiency.deadlines.due_dates``)
per (rule, committed limit): one look-up in the calendar's index per application and
limit, no day-by-day loop. Printed for comparison: the same limits computed one
application at a time with ``compute_deadline`` (on a sample, scaled up), and the bulk
``statuses_at`` path over plain deadline clocks for the statutory limit alone.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from _common import median_time

from govefficiency import china_calendar
from govefficiency.deadlines import DeadlineClock, WorkingDays, compute_deadline, get_rule, statuses_at
from govefficiency.services import (
    Application,
    ApplicationRegister,
    FirstContact,
    Light,
    load_catalogue,
    status_board,
)

N = 100_000
RUNS = 5
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def main() -> None:
    from pathlib import Path

    rng = random.Random(13)
    cal = china_calendar()
    catalogue = load_catalogue(
        Path(__file__).resolve().parents[1] / "examples" / "data" / "services" / "catalogue.toml"
    )
    items = list(catalogue.items)
    days = list(cal.working_days(dt.date(2026, 9, 1), dt.date(2026, 11, 20)))
    contacts = {
        i.id: FirstContact("officer", i.competent_unit or "unit", dt.datetime(2026, 9, 1, tzinfo=SHANGHAI))
        for i in items
    }
    apps = []
    for n in range(N):
        it = items[n % len(items)]
        received = dt.datetime.combine(rng.choice(days), dt.time(9 + n % 8), SHANGHAI)
        mode = n % 4  # accepted on the spot, accepted next days, no notice (deemed), corrections pending
        if mode == 0:
            apps.append(Application(f"A{n}", it.id, received, contacts[it.id], accepted=received))
        elif mode == 1:
            apps.append(
                Application(
                    f"A{n}", it.id, received, contacts[it.id], accepted=received + dt.timedelta(days=2)
                )
            )
        else:
            apps.append(Application(f"A{n}", it.id, received, contacts[it.id]))
    at = dt.datetime(2026, 11, 30, 17, tzinfo=SHANGHAI)
    register = ApplicationRegister(apps)  # as load_applications gives it: validated once

    t0 = time.perf_counter()
    board = status_board(register, catalogue, at=at)
    t_first = time.perf_counter() - t0
    counts = board.counts()
    t_board = median_time(lambda: status_board(register, catalogue, at=at), RUNS)
    print(f"open applications: {N:,}; lights: " + ", ".join(f"{k} {v:,}" for k, v in counts.items() if v))
    print(f"status_board, first call:                  {t_first:.3f} s")
    print(f"status_board, median of {RUNS} (the lights):      {t_board:.3f} s  (target <= 1 s)")
    t0 = time.perf_counter()
    n_findings = len(board.findings)
    print(
        f"  + wording the {n_findings:,} findings on first access: {time.perf_counter() - t0:.3f} s (not part of the lights)"
    )

    # One at a time with the explained engine, on a sample, scaled to N.
    rule = get_rule("licensing.decision")
    sample = [s.start for s in board.statuses[:2000] if s.start is not None]
    t0 = time.perf_counter()
    for start in sample:
        compute_deadline(start, rule, calendar=cal)
        compute_deadline(start, WorkingDays(10), calendar=cal)
    per_app = (time.perf_counter() - t0) / max(1, len(sample))
    print(
        f"compute_deadline one by one (both limits), scaled to {N:,}: {per_app * N:.2f} s "
        f"(bulk is {per_app * N / t_board:.0f}x faster)"
    )

    # The deadline engine's own bulk status path, for the statutory limit only.
    clocks = [
        DeadlineClock.start(
            s.application, at=dt.datetime.combine(s.start, dt.time(9), SHANGHAI), period=rule, calendar=cal
        )
        for s in board.statuses
        if s.start is not None and s.light is not Light.UNDETERMINED
    ]
    t_clocks = median_time(lambda: statuses_at(clocks, at=at), RUNS)
    print(f"statuses_at over {len(clocks):,} plain statutory clocks (reference): {t_clocks:.3f} s")
    print(
        f"ratio status_board / statuses_at: {t_board / t_clocks:.2f} (the board also computes the "
        f"completeness notice and the committed limit, and reads the records)"
    )


if __name__ == "__main__":
    main()
