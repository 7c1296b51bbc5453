"""How a ledger is loaded from its store — from the per-item snapshots a SQL store keeps
(the chain checked in bulk, nothing decoded), or by replaying every entry — and the
snapshot rows it hands the store to write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govefficiency.errors import StoreDamagedError
from govefficiency.ledger._snapshots import SQLITE_SQL, Row, Snapshots
from govefficiency.ledger._state import Fold

if TYPE_CHECKING:
    from govefficiency.ledger._ledger import Ledger

__all__ = ["all_rows", "load", "snapshot_rows"]


def load(ledger: Ledger) -> None:
    """Load the (freshly reset) ledger from its store: from the snapshots when the store
    keeps them — the chain checked in bulk and nothing decoded; entries after the
    snapshots' head, if any, are replayed and the snapshots then written (a writable
    store) — else by replaying every entry."""
    store = ledger.store
    snapshots = getattr(store, "snapshots", None)
    stored = snapshots() if callable(snapshots) else None
    if stored is None:
        ledger._absorb(store.read(0))
        return
    report = store.verify()
    if not report.ok:
        # Replay from the start: the first bad row is named as it always was (a row
        # that cannot be read as damaged, a broken link as a broken chain).
        ledger._absorb(store.read(0))
        raise ledger._broken(report, report.head_seq + 1)
    from_snapshots(ledger, stored)
    if ledger._absorb(store.read(ledger._count)):
        store.checkpoint(lambda: all_rows(ledger), ledger._count, ledger._head)  # type: ignore[attr-defined]
        ledger._touched.clear()


def from_snapshots(ledger: Ledger, stored: Snapshots) -> None:
    """Build the ledger's folds and rule state from the stored snapshots."""
    get = ledger._get
    sql = getattr(ledger.store, "_sql", SQLITE_SQL)
    for item_id, text, seqs in stored.rows:
        try:
            fold = Fold.from_snapshot(item_id, text, seqs, get)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            raise StoreDamagedError(
                f"{ledger.store!r}: the snapshot of item {item_id} cannot be read; restore a good copy, or, "
                f"when the entries verify, rebuild the snapshots with {sql.store}.reset_snapshots()",
                f"{ledger.store!r}：事项 {item_id} 的快照无法读取；请从完好副本恢复；若记录经校验完好，"
                f"可用 {sql.store_zh}.reset_snapshots() 重建快照",
            ) from None
        ledger._folds[item_id] = fold
        ledger._done |= fold.done
        if fold.settled:
            ledger._settled.add(item_id)
        latest = ledger._latest_at
        if latest is None or (fold.latest_at is not None and fold.latest_at > latest):
            ledger._latest_at = fold.latest_at
    ledger._count, ledger._head = stored.seq, stored.hash


def _row(fold: Fold) -> Row:
    return (fold.item_id, fold.opened_seq, fold.last_seq, *fold.to_snapshot())


def all_rows(ledger: Ledger) -> list[Row]:
    """Every item's snapshot row."""
    return [_row(fold) for fold in ledger._folds.values() if fold.opened_at is not None]


def snapshot_rows(ledger: Ledger, full: bool) -> tuple[list[Row], int, str]:
    """The snapshots to write with a batch (see :meth:`SqlStore.append`): the items
    touched since the last write, or every item (``full``), and the head they are up to
    date with."""
    if full:
        rows = all_rows(ledger)
    else:
        folds = ledger._folds
        rows = [_row(folds[i]) for i in ledger._touched if folds[i].opened_at is not None]
    return rows, ledger._count, ledger._head
