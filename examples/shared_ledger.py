"""A city's supervision office shares one ledger in PostgreSQL: units report from their
own connections at the same time, the office runs the June check, verifies the chain and
copies the ledger to a SQLite file whose head is the same.

Needs a PostgreSQL database and the ``[postgres]`` extra. Give the database as a URL in
``GOVEFFICIENCY_PG_URL`` (credentials from PGPASSWORD, a .pgpass file or a service file,
never in the URL), e.g.::

    GOVEFFICIENCY_PG_URL='postgresql://ledger_owner@db.example/supervision' \\
        .venv/bin/python examples/shared_ledger.py

CI starts a throwaway server (tests/_pgserver.py) and sets the variable. Without it the
example says so and stops (exit 0; with CI=true, exit 1).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from govefficiency.ledger import (
    ChecklistItem,
    Draft,
    Ledger,
    PostgresStore,
    ProgressReport,
    SqliteStore,
    TimeNode,
    copy_store,
    june_check,
    role_grants,
)
from govefficiency.testing import CST, checklist_item

UNITS = {"zjj": "住房城乡建设局", "jtj": "交通运输局", "zwfw": "政务服务中心"}
PACE = {"zjj": 1.0, "jtj": 0.6, "zwfw": 1.1}  # how fast each unit really works against its plan


def items() -> list[ChecklistItem]:
    nodes = (
        TimeNode(dt.date(2026, 3, 31), 20, "完成前期手续"),
        TimeNode(dt.date(2026, 6, 30), 50, "主体过半"),
        TimeNode(dt.date(2026, 9, 30), 80, "主体完工"),
    )
    # One key-work item a unit: target 按期完成年度目标, standard 通过验收, due 31 December.
    return [
        checklist_item(
            f"2026-{unit}",
            f"{name}年度重点工作",
            unit,
            f"officer-{unit}",
            target="按期完成年度目标",
            time_nodes=nodes,
        )
        for unit, name in UNITS.items()
    ]


def report_monthly(url: str, unit: str, month_end: threading.Barrier) -> int:
    """One unit's monthly progress reports, appended through its own connection. The year
    is replayed in seconds, so the units wait for each other at each month's end: a ledger
    is append-only in time, and a unit may not record its January report after another
    has recorded February's (within a month they report at the same instant, concurrently)."""
    with Ledger(PostgresStore(url, create=False)) as ledger:
        count = 0
        for month in range(1, 7):
            at = dt.datetime(2026, month, 25, 17, tzinfo=CST)
            share = round(min(100.0, 50 * month / 6 * PACE[unit]), 1)
            ledger.append([Draft(f"2026-{unit}", at, ProgressReport(at.date(), share, f"{month}月进展"))])
            count += 1
            month_end.wait()
        return count


def main() -> int:
    base = os.environ.get("GOVEFFICIENCY_PG_URL")
    if not base:
        print(
            "shared_ledger.py: set GOVEFFICIENCY_PG_URL to a PostgreSQL database URL to run this example",
            file=sys.stderr,
        )
        return 1 if os.environ.get("CI", "").lower() == "true" else 0
    # A new ledger id each run, so the example can run again against the same database.
    url = base + ("&" if "?" in base else "?") + f"ledger=example-2026-{secrets.token_hex(3)}"

    # The owner sets up the schema and the ledger once (govefficiency ledger init URL) ...
    store = PostgresStore(url)
    with Ledger(store) as office:
        office.open_items(items(), at=dt.datetime(2026, 1, 5, 9, tzinfo=CST))
        print(f"ledger {store.ledger_id}: schema version {store.schema_version}")
    print("grants for the units' writer role and the reporting role (run once as the owner):")
    print("  " + role_grants("ledger_writer", "ledger_reader").replace("\n", "\n  ").rstrip())

    # ... and the units report at the same time, each from its own connection.
    month_end = threading.Barrier(len(UNITS))
    with ThreadPoolExecutor(max_workers=len(UNITS)) as pool:
        counts = list(pool.map(lambda unit: report_monthly(url, unit, month_end), UNITS))
    print(f"{sum(counts)} progress reports from {len(UNITS)} units appended concurrently")

    # The office reviews the shared ledger (read-only) as of 30 June.
    with Ledger(PostgresStore(url, read_only=True)) as office:
        seqs = [e.seq for e in office.entries()]
        assert seqs == list(range(1, len(seqs) + 1)), "seq has gaps"
        report = june_check(office, at=dt.date(2026, 6, 30))
        for check in report.items:
            print(
                f"  {check.item_id}: {check.status.label.en}, {check.work_share}% done vs {check.time_share:.1f}% time"
            )
        chain = office.verify()
        assert chain.ok, chain.render("en")
        print(chain.render("en"))
        anchor = office.anchor

    # The chain moves intact between stores: a SQLite copy has the same head.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "copy.sqlite"
        with PostgresStore(url, read_only=True) as source, SqliteStore(path) as target:
            copied = copy_store(source, target)
        assert (copied.head_seq, copied.head_hash) == anchor
        print(f"copied to SQLite: head {copied.head_seq}:{copied.head_hash[:16]}… (the same anchor)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
