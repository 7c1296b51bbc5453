"""Benchmark of the PostgreSQL ledger store beside the SQLite store, in the same run
(issue 18): appends per second and the June check over 100,000 entries; and (issue 17) the
PostgreSQL reopen and ``verify()`` against their floor measured in the same run.

For each store: 1,000 items opened in one batch, then 99,000 progress reports appended in
batches of 1,000 (one transaction each); 300 single-entry appends (one transaction per
entry, as units reporting one by one do); the June check on the open ledger; a reporting
process's view (reopen: the chain checked in bulk, the per-item snapshots read, then the
June check); and ``verify()`` of the stored chain. Then, ``--runs`` times, the PostgreSQL
ledger reopened read-only in a fresh interpreter and verified, each against the floor of one
server-side cursor reading every row and checking its sha256, with the memory held per entry.

The PostgreSQL server: ``GOVEFFICIENCY_PG_URL`` (a database URL; credentials from
libpq's environment), or else a throwaway local server (tests/_pgserver.py, Debian's
``postgresql`` package; fsync on, as durable as SQLite's ``synchronous=FULL``; Unix
socket) that is stopped afterwards.

Run: ``.venv/bin/python benchmarks/ledger_postgres.py [--items N] [--entries N] [--batch N] [--runs N]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(1, str(Path(__file__).parent.parent / "tests"))

import ledger as ledger_bench  # benchmarks/ledger.py
from govefficiency.calendar import china_calendar
from govefficiency.ledger import (
    Draft,
    Ledger,
    LedgerStore,
    PostgresStore,
    ProgressReport,
    SqliteStore,
    june_check,
)
from ledger import CST, YEAR, make_items, progress_batches, reopen_figures


def timed(label: str, fn: Callable[[], Any]) -> tuple[Any, float]:
    return ledger_bench.timed(label, fn, indent="  ")


def pg_floor(url: str) -> float:
    """One server-side cursor over the ledger's rows, each row's sha256 checked against
    its hash (seconds): the floor of a reopen and of ``verify()``."""
    import psycopg

    store = PostgresStore(url, read_only=True)
    conninfo, num = store._conn.info.dsn, store._num
    store.close()
    sha = hashlib.sha256
    with psycopg.connect(conninfo) as conn, conn.cursor(name="floor") as cur:
        cur.itersize = 10_000
        t0 = time.perf_counter()
        cur.execute(
            "SELECT hash, canonical FROM govefficiency.entries WHERE ledger = %s ORDER BY seq", (num,)
        )
        bad = sum(sha(canonical.encode()).hexdigest() != hash_ for hash_, canonical in cur)
        elapsed = time.perf_counter() - t0
    assert bad == 0
    return elapsed


def run(name: str, open_store: Callable[[], LedgerStore], args: argparse.Namespace) -> dict[str, float]:
    print(f"\n{name}")
    items = make_items(args.items)
    ledger = Ledger(open_store())
    timed(
        f"open {args.items:,} items (one batch)",
        lambda: ledger.open_items(items, at=dt.datetime(YEAR, 1, 5, 9, tzinfo=CST)),
    )
    batches = progress_batches(items, args.entries - args.items, args.batch)
    appended, t_append = timed(
        f"append {args.entries - args.items:,} entries in batches of {args.batch:,}",
        lambda: sum(len(ledger.append(b)) for b in batches),
    )
    at = dt.datetime(YEAR, 6, 30, 18, tzinfo=CST)
    singles = [
        Draft(items[i % len(items)].id, at, ProgressReport(at.date(), 50.0, "逐条报送"))
        for i in range(args.singles)
    ]
    _, t_single = timed(
        f"{args.singles} single-entry appends (one transaction each)",
        lambda: [ledger.append([d]) for d in singles],
    )
    report, t_check = timed(
        "June check (6月查账) as of 30 June, open ledger", lambda: june_check(ledger, at=dt.date(YEAR, 6, 30))
    )
    print(
        f"  {'  -> on track / behind / no report':<54} {len(report.on_track):,} / {len(report.behind):,} / {len(report.no_report):,}"
    )
    chain, t_verify = timed("verify() of the stored chain", ledger.verify)
    assert chain.ok, chain.render("en")
    ledger.close()

    def reopen_and_check() -> Any:
        with Ledger(open_store()) as again:
            return june_check(again, at=dt.date(YEAR, 6, 30))

    again, t_reopen = timed("reopen (chain in bulk, snapshots) + June check", reopen_and_check)
    assert len(again.items) == args.items
    return {
        "appends": appended / t_append,
        "singles": args.singles / t_single,
        "check": t_check,
        "reopen": t_reopen,
        "verify": t_verify,
        "head": float(chain.head_seq),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="PostgreSQL ledger store beside SQLite (issue 18).")
    parser.add_argument("--items", type=int, default=1_000)
    parser.add_argument("--entries", type=int, default=100_000, help="total entries, openings included")
    parser.add_argument("--batch", type=int, default=1_000, help="entries per appended batch")
    parser.add_argument("--singles", type=int, default=300, help="single-entry appends after the bulk")
    parser.add_argument("--runs", type=int, default=3, help="runs of the PostgreSQL reopen figures")
    args = parser.parse_args(argv)
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start"
    )
    print(
        f"{args.items:,} items, {args.entries:,} entries (+{args.singles} single appends), batches of {args.batch:,}"
    )
    china_calendar()  # built once, outside the timings

    server = None
    base = os.environ.get("GOVEFFICIENCY_PG_URL")
    if not base:
        import _pgserver

        server = _pgserver.start(durable=True)
        os.environ["PGPASSFILE"] = server.passfile
        base = server.url()
        print(f"throwaway PostgreSQL server in {server.root} (fsync on, like SQLite's FULL; Unix socket)")
    url = base + ("&" if "?" in base else "?") + f"ledger=bench-{secrets.token_hex(3)}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "ledger.sqlite"
            sqlite = run("SQLite (synchronous=FULL, WAL)", lambda: SqliteStore(path), args)
        postgres = run("PostgreSQL", lambda: PostgresStore(url), args)
        total = int(postgres["head"])
        reopen_figures(url, f"{total:,} entries in PostgreSQL", lambda: pg_floor(url), args.runs)
    finally:
        if server is not None:
            _pgserver.stop(server)

    print("\nsummary")
    print(f"  {'':<40} {'SQLite':>12} {'PostgreSQL':>12}")
    rows = [
        (f"appends/s, batches of {args.batch:,}", "appends", "{:12,.0f}"),
        ("appends/s, one entry per transaction", "singles", "{:12,.0f}"),
        ("June check, open ledger (s)", "check", "{:12.3f}"),
        ("reopen + June check (s)", "reopen", "{:12.2f}"),
        ("verify() (s)", "verify", "{:12.3f}"),
    ]
    for label, key, fmt in rows:
        print(f"  {label:<40} {fmt.format(sqlite[key])} {fmt.format(postgres[key])}")
    print(f"  PostgreSQL / SQLite bulk append rate: {postgres['appends'] / sqlite['appends']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
