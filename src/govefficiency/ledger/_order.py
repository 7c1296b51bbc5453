"""The rules of time found in a stored ledger (``govefficiency ledger verify``).

A ledger refuses, when recording or importing, an entry recorded before its latest one
and progress recorded after an item's settlement (``_batch.check_time``). A file written
before those rules may hold such entries: it stays readable, and ``verify`` reports each
one as a finding, in one pass over the entries (nothing is held but the latest instant
and the settled items).
"""

from __future__ import annotations

from collections.abc import Iterable

from govefficiency.findings import Finding
from govefficiency.ledger._codes import ENTRY_BACKDATED, PROGRESS_AFTER_SETTLEMENT
from govefficiency.ledger._entries import Entry
from govefficiency.ledger._payloads import EntryKind

__all__ = ["time_order_findings"]


def time_order_findings(entries: Iterable[Entry]) -> tuple[Finding, ...]:
    """An ``ENTRY_BACKDATED`` finding per entry recorded before an earlier entry, and a
    ``PROGRESS_AFTER_SETTLEMENT`` finding per progress entry of an item after its
    settlement, in sequence order."""
    out: list[Finding] = []
    latest = None  # (recorded_at, seq) of the latest entry so far
    settled: dict[str, int] = {}
    for entry in entries:
        at = entry.recorded_at
        if latest is not None and at < latest[0]:
            out.append(
                ENTRY_BACKDATED(
                    entry.item_id,
                    str(entry.seq),
                    seq=entry.seq,
                    item=entry.item_id,
                    at=at.isoformat(),
                    before=latest[1],
                    latest=latest[0].isoformat(),
                )
            )
        elif latest is None or at > latest[0]:
            latest = (at, entry.seq)
        kind = entry.kind
        if kind is EntryKind.SETTLED and entry.corrects is None:
            settled.setdefault(entry.item_id, entry.seq)
        elif kind is EntryKind.PROGRESS_REPORTED and entry.item_id in settled:
            out.append(
                PROGRESS_AFTER_SETTLEMENT(
                    entry.item_id,
                    str(entry.seq),
                    seq=entry.seq,
                    item=entry.item_id,
                    settled=settled[entry.item_id],
                )
            )
    return tuple(out)
