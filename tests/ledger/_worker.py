"""A separate process for the store tests (run as a script, never imported by pytest).

Usage: ``python _worker.py ACTION DB [ARGS...]``, where DB is a SQLite file or a
``postgresql://…?ledger=ID`` URL (each process opens its own connection).

* ``append DB TAG BATCHES SIZE GO_FILE``: create GO_FILE.TAG.ready, wait until GO_FILE
  exists, then append BATCHES
  batches of SIZE progress reports (narratives ``TAG-b-i``) to items T1 and T2.
* ``write DB``: open item T1 and report progress once, then exit normally.
* ``crash DB``: start a batch of ten reports and kill the process (``os._exit``) after
  half of the rows were inserted, before the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

from govefficiency.errors import LedgerEntryError
from govefficiency.ledger import Draft, Ledger, ProgressReport, open_store
from govefficiency.testing import at, sample_item


def append(db: str, tag: str, batches: int, size: int, go: str) -> None:
    ledger = Ledger(open_store(db, create=True))
    Path(f"{go}.{tag}.ready").touch()  # imported and opened: tell the parent
    deadline = time.monotonic() + 60
    while not Path(go).exists():
        if time.monotonic() > deadline:
            sys.exit("the go file never appeared")
        time.sleep(0.005)
    base = at(2026, 3, 1)
    for b in range(batches):
        while True:
            # Stamped no earlier than the latest entry this process has seen; when the
            # other process appended a later one meanwhile, the ledger refuses the batch
            # (it is append-only in time): take that in and stamp again, as a real writer
            # reading its clock would.
            stamp = max(base + dt.timedelta(minutes=b), ledger.latest_recorded_at or base)
            drafts = [
                Draft(
                    "T1" if i % 2 else "T2",
                    stamp,
                    ProgressReport(dt.date(2026, 3, 1), float(b), f"{tag}-{b}-{i}"),
                )
                for i in range(size)
            ]
            try:
                ledger.append(drafts)
            except LedgerEntryError:
                ledger.refresh()
                continue
            break
        time.sleep(0.004)  # let the other process in between batches
    ledger.close()


def write(db: str) -> None:
    ledger = Ledger(open_store(db, create=True))
    ledger.open_items([sample_item("T1")], at=at(2026, 1, 5))
    ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=at(2026, 3, 1))
    ledger.close()


def crash(db: str) -> None:
    ledger = Ledger(open_store(db, create=True))
    store = ledger.store
    original = store._write  # type: ignore[attr-defined]

    def half_then_die(entries):  # type: ignore[no-untyped-def]
        original(entries[: len(entries) // 2])
        os._exit(3)  # the process dies inside the open transaction

    store._write = half_then_die  # type: ignore[method-assign]
    when = at(2026, 4, 1)
    ledger.append(
        [Draft("T1", when, ProgressReport(dt.date(2026, 4, 1), 40.0, f"lost-{i}")) for i in range(10)]
    )


if __name__ == "__main__":
    action, db, *rest = sys.argv[1:]
    if action == "append":
        append(db, rest[0], int(rest[1]), int(rest[2]), rest[3])
    elif action == "write":
        write(db)
    elif action == "crash":
        crash(db)
    else:
        sys.exit(f"unknown action {action}")
