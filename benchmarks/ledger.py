"""Benchmark of the checklist ledger at the scale of issue 6: 10,000 items and
1,000,000 entries in a SQLite store.

Targets (this project's 2-core machine): SQLite appends >= 20,000 entries/s in batches;
a full June check <= 2 s; verify() <= 3 s.

The ledger's year: 10,000 items opened on 5 January; 990,000 progress reports from
January to 30 June in batches of 10,000 (one transaction each); 10% of the items never
report and a quarter of the rest progress too slowly, so the June check has work to do.

Issue 17 adds the reopen: opening the 1M-entry file (the chain checked in bulk, per-item
state from the stored snapshots), ``verify()`` and the memory a reopened ledger holds per
entry, each against the floor measured in the same run: one cursor reading every row and
checking each row's sha256 (``--runs`` times; the reopens run in fresh interpreters).

Run: ``.venv/bin/python benchmarks/ledger.py [--items N] [--entries N] [--batch N]
[--keep FILE] [--runs N]`` (``--keep`` builds the file once and reuses it afterwards).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from govefficiency.calendar import china_calendar
from govefficiency.ledger import (
    ChecklistItem,
    Draft,
    Ledger,
    ProgressReport,
    SqliteStore,
    TimeNode,
    june_check,
    open_store,
    reconcile,
    supervision_rates,
)

CST = dt.timezone(dt.timedelta(hours=8))
YEAR = 2026
PACES = (1.25, 1.1, 1.0, 0.75)  # share reported = pace x 100% x the part of the half-year elapsed / 2


def make_items(n: int) -> list[ChecklistItem]:
    nodes = (
        TimeNode(dt.date(YEAR, 3, 31), 20.0, "完成前期手续"),
        TimeNode(dt.date(YEAR, 6, 30), 50.0, "主体工程过半"),
        TimeNode(dt.date(YEAR, 9, 30), 80.0, "主体完工"),
    )
    return [
        ChecklistItem(
            id=f"{YEAR}-{i:05d}",
            title=f"重点工作第{i}项",
            category=("重点工作", "重大项目", "民生实事")[i % 3],
            year=YEAR,
            target="按期完成年度目标",
            standard="通过验收",
            deadline=dt.date(YEAR, 12, 31),
            leader=f"leader-{i % 12}",
            lead_unit=f"unit-{i % 60}",
            officer=f"officer-{i % 900}",
            projects=(f"项目{i}-A", f"项目{i}-B"),
            time_nodes=nodes,
            assisting_units=(f"unit-{(i + 1) % 60}",),
        )
        for i in range(n)
    ]


def progress_batches(items: list[ChecklistItem], total: int, batch: int) -> list[list[Draft]]:
    """``total`` progress reports from January to 30 June, recorded in order, in batches."""
    reporting = [item for i, item in enumerate(items) if i % 10 != 0]  # 10% never report
    start = dt.datetime(YEAR, 1, 6, 9, tzinfo=CST)
    span = (dt.datetime(YEAR, 6, 30, 17, tzinfo=CST) - start).total_seconds()
    batches: list[list[Draft]] = []
    current: list[Draft] = []
    for k in range(total):
        fraction = k / total
        recorded = start + dt.timedelta(seconds=span * fraction)
        i = k % len(reporting)
        share = min(100.0, round(50.0 * fraction * PACES[i % len(PACES)], 1))
        current.append(Draft(reporting[i].id, recorded, ProgressReport(recorded.date(), share, "按计划推进")))
        if len(current) == batch:
            batches.append(current)
            current = []
    if current:
        batches.append(current)
    return batches


def timed(label: str, fn: Callable[[], Any], indent: str = "") -> tuple[Any, float]:
    gc.collect()
    t0 = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t0
    print(f"{indent}{label:<{56 - len(indent)}} {elapsed:8.3f} s")
    return result, elapsed


def _year(
    path: Path, items: list[ChecklistItem], args: argparse.Namespace
) -> tuple[float, float, float, float]:
    """Append the year's entries to a new SQLite ledger and run the reviews on it."""
    ledger = Ledger(SqliteStore(path))
    opened_at = dt.datetime(YEAR, 1, 5, 9, tzinfo=CST)
    timed(f"open {args.items:,} items (年初建账, one batch)", lambda: ledger.open_items(items, at=opened_at))
    batches, _ = timed(
        "build the progress drafts (the caller's side)",
        lambda: progress_batches(items, args.entries - args.items, args.batch),
    )

    def append_all() -> int:
        return sum(len(ledger.append(b)) for b in batches)

    appended, t_append = timed(f"SQLite: append {args.entries - args.items:,} entries", append_all)
    rate = appended / t_append
    print(f"{'  -> entries appended per second':<56} {rate:8,.0f}")
    batches.clear()

    report, t_check = timed(
        "full June check (6月查账) as of 30 June", lambda: june_check(ledger, at=dt.date(YEAR, 6, 30))
    )
    print(
        f"{'  -> on track / behind / no report':<56} "
        f"{len(report.on_track):,} / {len(report.behind):,} / {len(report.no_report):,}"
    )
    _, t_replay = timed(
        "June-style check as of 31 March (replayed from entries)",
        lambda: june_check(ledger, at=dt.date(YEAR, 3, 31)),
    )
    notices, _ = timed(
        "reconciliation (对账) as of 30 June", lambda: reconcile(ledger, at=dt.date(YEAR, 6, 30))
    )
    print(f"{'  -> supervision notices proposed':<56} {len(notices.notices):,}")
    timed("supervision rates as of 30 June", lambda: supervision_rates(ledger, at=dt.date(YEAR, 6, 30)))
    chain, t_verify = timed("verify() of the SQLite file", ledger.verify)
    assert chain.ok, chain.render("en")
    timed("verify of the entries held in memory", ledger.verify_loaded)
    ledger.close()
    return rate, t_check, t_replay, t_verify


_REOPEN = r"""
import sys, time, tracemalloc
from govefficiency.ledger import Ledger, open_store
location, traced = sys.argv[1], sys.argv[2] == "1"
def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096
before = rss()
if traced:
    tracemalloc.start()
t0 = time.perf_counter()
led = Ledger(open_store(location, read_only=True))
elapsed = time.perf_counter() - t0
peak = tracemalloc.get_traced_memory()[1] if traced else 0
kept = tracemalloc.get_traced_memory()[0] if traced else 0
def hwm():  # the peak RSS of this process since exec (ru_maxrss would count the parent's)
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmHWM:"))
print(len(led), elapsed, rss() - before, hwm() - before, peak, kept)
"""


def floor(path: Path) -> float:
    """One cursor over every row, each row's sha256 checked against its hash (seconds)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    sha = hashlib.sha256
    t0 = time.perf_counter()
    bad = 0
    for hash_, canonical in conn.execute("SELECT hash, CAST(canonical AS BLOB) FROM entries ORDER BY seq"):
        if sha(canonical).hexdigest() != hash_:
            bad += 1
    elapsed = time.perf_counter() - t0
    conn.close()
    assert bad == 0
    return elapsed


def reopen_figures(location: str, what: str, floor: Callable[[], float], runs: int) -> None:
    """Reopen (read-only, in a fresh interpreter) and verify the ledger at ``location``
    against ``floor()`` (reading every row and checking its sha256), ``runs`` times each,
    in the same run."""
    print(f"\nreopen of {what} ({runs} runs; reopen in a fresh interpreter)")
    print(
        f"{'run':>4} {'floor':>8} {'open':>8} {'open/fl':>8} {'verify':>8} {'ver/fl':>7} "
        f"{'RSS/entry':>10} {'peak RSS/e':>10} {'traced/e':>9}"
    )
    for run in range(1, runs + 1):
        t_floor = floor()
        out = subprocess.run(
            [sys.executable, "-c", _REOPEN, location, "0"], capture_output=True, text=True, check=True
        ).stdout.split()
        n, t_open, rss_delta, peak_delta = int(out[0]), float(out[1]), int(out[2]), int(out[3])
        traced = subprocess.run(
            [sys.executable, "-c", _REOPEN, location, "1"], capture_output=True, text=True, check=True
        ).stdout.split()
        peak_traced = int(traced[4])
        with open_store(location, read_only=True) as store:
            gc.collect()
            t0 = time.perf_counter()
            assert store.verify().ok
            t_verify = time.perf_counter() - t0
        print(
            f"{run:>4} {t_floor:>7.2f}s {t_open:>7.2f}s {t_open / t_floor:>7.2f}x {t_verify:>7.2f}s "
            f"{t_verify / t_floor:>6.2f}x {rss_delta / n:>9.0f}B {peak_delta / n:>9.0f}B {peak_traced / n:>8.0f}B"
        )
    print("RSS/entry: resident memory after the open minus before, per entry; peak RSS/e: the peak over")
    print("the open; traced/e: tracemalloc's peak of Python allocations during the open, per entry")


def sqlite_figures(path: Path, runs: int) -> None:
    reopen_figures(str(path), f"{path.stat().st_size / 1e6:,.0f} MB", lambda: floor(path), runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark of govefficiency.ledger (issue 6).")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=1_000_000, help="total entries, openings included")
    parser.add_argument("--batch", type=int, default=10_000, help="entries per appended batch")
    parser.add_argument("--keep", type=Path, help="build the ledger at this path once and reuse it")
    parser.add_argument("--runs", type=int, default=3, help="runs of the reopen figures")
    args = parser.parse_args(argv)
    if args.keep is not None and args.keep.exists():
        sqlite_figures(args.keep, args.runs)
        return 0

    load = os.getloadavg()[0]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.2f} at start")
    print(f"{args.items:,} items, {args.entries:,} entries, batches of {args.batch:,}\n")
    items = make_items(args.items)
    _, t_calendar = timed("build the PRC working-day calendar (once per process)", china_calendar)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.sqlite" if args.keep is None else args.keep
        rate, t_check, t_replay, t_verify = _year(path, items, args)
        size = sum(p.stat().st_size for p in Path(tmp).glob("ledger.sqlite*"))
        reopened, t_load = timed(
            "reopen: check the chain in bulk, load the snapshots", lambda: Ledger(SqliteStore(path))
        )
        print(f"{'  -> entries loaded':<56} {len(reopened):,} ({size / 1e6:,.0f} MB on disk)")
        timed("June check on the reopened ledger", lambda: june_check(reopened, at=dt.date(YEAR, 6, 30)))
        reopened.close()
        sqlite_figures(path, args.runs)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'peak resident memory':<56} {peak:8,.0f} MB")
    print("\nsummary (targets of issue 6)")
    print(
        f"  SQLite appends/s   {rate:10,.0f}     target >= 20,000   {'met' if rate >= 20_000 else 'MISSED'}"
    )
    print(
        f"  June check         {t_check:10.3f} s   target <= 2 s      {'met' if t_check <= 2 else 'MISSED'}"
    )
    print(
        f"  verify()           {t_verify:10.3f} s   target <= 3 s      {'met' if t_verify <= 3 else 'MISSED'}"
    )
    print(f"  (calendar build {t_calendar:.3f} s, replayed check {t_replay:.3f} s, reopen {t_load:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
