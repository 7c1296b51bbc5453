"""The rules of time found in a stored ledger (``govefficiency ledger verify``).

A ledger refuses, when recording or importing, an entry recorded before its latest one
and progress recorded after an item's settlement (``_batch.check_time``). A file written
before those rules may hold such entries: it stays readable, and ``verify`` reports each
one as a finding, in one pass over the entries (nothing is held but the latest instant
and the settled items).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

from govefficiency.findings import Finding
from govefficiency.ledger._codes import ENTRY_BACKDATED, PROGRESS_AFTER_SETTLEMENT
from govefficiency.ledger._entries import Entry
from govefficiency.ledger._payloads import EntryKind

__all__ = ["time_order_findings", "time_order_findings_of_rows"]


def time_order_findings(entries: Iterable[Entry]) -> tuple[Finding, ...]:
    """An ``ENTRY_BACKDATED`` finding per entry recorded before an earlier entry, and a
    ``PROGRESS_AFTER_SETTLEMENT`` finding per progress entry of an item after its
    settlement, in sequence order."""
    return _findings((e.seq, e.item_id, e.kind.value, e.corrects, e.recorded_at) for e in entries)


def time_order_findings_of_rows(rows: Iterable[tuple[Any, Any, Any]]) -> tuple[Finding, ...]:
    """The same findings from a store's rows ``(seq, hash, canonical)``, reading only the
    keys the rules need from each row's JSON: no entry is decoded (``verify`` has just
    checked every row's hash, so the rows are the ledger's own)."""

    def light() -> Iterator[_Light]:
        for seq, _, canonical in rows:
            doc = json.loads(canonical)
            yield seq, doc["item"], doc["kind"], doc["corrects"], dt.datetime.fromisoformat(doc["recorded"])

    return _findings(light())


#: What the rules read of an entry: seq, item id, kind (its value), corrects, recorded at.
_Light = tuple[int, str, str, int | None, dt.datetime]
_SETTLED, _PROGRESS = EntryKind.SETTLED.value, EntryKind.PROGRESS_REPORTED.value


def _findings(entries: Iterable[_Light]) -> tuple[Finding, ...]:
    out: list[Finding] = []
    latest = None  # (recorded_at, seq) of the latest entry so far
    settled: dict[str, int] = {}
    for seq, item, kind, corrects, at in entries:
        if latest is not None and at < latest[0]:
            out.append(
                ENTRY_BACKDATED(
                    item,
                    str(seq),
                    seq=seq,
                    item=item,
                    at=at.isoformat(),
                    before=latest[1],
                    latest=latest[0].isoformat(),
                )
            )
        elif latest is None or at > latest[0]:
            latest = (at, seq)
        if kind == _SETTLED and corrects is None:
            settled.setdefault(item, seq)
        elif kind == _PROGRESS and item in settled:
            out.append(PROGRESS_AFTER_SETTLEMENT(item, str(seq), seq=seq, item=item, settled=settled[item]))
    return tuple(out)
