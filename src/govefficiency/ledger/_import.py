"""Importing a JSON Lines export into a ledger: streamed into a SQLite store in chunks of
one transaction, or checked whole and written in one batch into any other store."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from govefficiency.errors import GovEfficiencyError, LedgerIntegrityError, StoreError
from govefficiency.ledger._batch import Batch, admit
from govefficiency.ledger._chain import diagnose
from govefficiency.ledger._entries import Entry, digest
from govefficiency.ledger._fields import expect
from govefficiency.ledger._jsonl import iter_jsonl
from govefficiency.ledger._store import LedgerStore, MemoryStore
from govefficiency.text import Text

if TYPE_CHECKING:
    from govefficiency.ledger._ledger import Ledger

__all__ = ["import_jsonl"]


def require_store(store: object) -> LedgerStore:
    """``store`` when it is a :class:`LedgerStore`."""
    return expect(
        store,
        LedgerStore,
        "store must be a MemoryStore, a SqliteStore or another LedgerStore",
        "store 必须是 MemoryStore、SqliteStore 或其他 LedgerStore",
    )


def import_jsonl(
    cls: type[Ledger], path: str | os.PathLike[str], store: LedgerStore | None, options: dict[str, Any]
) -> Ledger:
    """See :meth:`Ledger.from_jsonl`."""
    target = MemoryStore() if store is None else require_store(store)
    if next(iter(target.read(0)), None) is not None:
        raise _not_empty()
    if callable(getattr(target, "append_stream", None)):
        ledger = cls(target, **options)
        stream_import(ledger, path)
        return ledger
    ledger = cls(MemoryStore(), **options)
    ledger._entries = []  # the whole file is written in one batch at the end
    batch = Batch(ledger)  # stays empty: each entry is applied before the next
    lines = iter(iter_jsonl(path))
    for number, entry in lines:
        import_one(ledger, path, number, entry, lines, batch)
    entries = ledger._entries

    def build(foreign: Iterable[Entry]) -> list[Entry]:
        if next(iter(foreign), None) is not None:
            raise _not_empty()
        return entries

    if entries:
        target.append(0, build)
    ledger._store = target
    if callable(getattr(target, "fetch", None)):
        ledger._entries = None
    return ledger


def stream_import(ledger: Ledger, path: str | os.PathLike[str]) -> None:
    """Import ``path`` into this ledger's empty store in one transaction, written in
    chunks as the lines are read and checked: memory holds the ledger's own state
    (its folds) and one chunk, never the file."""
    batch = Batch(ledger)  # stays empty: each entry is applied before the next

    def chunks() -> Iterator[list[Entry]]:
        lines = iter(iter_jsonl(path))
        chunk: list[Entry] = []
        for number, entry in lines:
            import_one(ledger, path, number, entry, lines, batch)
            chunk.append(entry)
            ledger._pending[entry.seq] = entry
            if len(chunk) == _IMPORT_CHUNK:
                yield chunk
                chunk = []
                ledger._pending = {}  # written: read back from the store when needed
        if chunk:
            yield chunk

    keep, ledger._keep = ledger._keep, False  # memory holds the folds and one chunk, not the file
    try:
        ledger._store.append_stream(chunks, snapshots=ledger._snapshots)  # type: ignore[attr-defined]
    finally:
        ledger._pending = {}
        ledger._touched.clear()
        ledger._keep = keep


def import_one(
    ledger: Ledger, path: object, number: int, entry: Entry, rest: Iterator[tuple[int, Entry]], batch: Batch
) -> None:
    """Take in entry ``entry`` read from line ``number`` of ``path``, checking the
    chain and the rules (``rest``, the lines after it, name a broken chain's fault)."""

    def broken(seq: int) -> LedgerIntegrityError:
        # Name the fault exactly as verify_entries would (reading the rest of the file,
        # still line by line, to tell a reordering from a deletion).
        intact = digest(entry._body) == entry.hash
        report = diagnose(seq, ledger._head, entry.seq, intact, (e.seq for _, e in rest))
        problem = report.problem
        detail = problem.message if problem is not None else Text("", "")
        return LedgerIntegrityError(
            f"{path}: line {number}: the ledger's hash chain is broken: {detail.en}; nothing was imported",
            f"{path}：第 {number} 行：台账哈希链已损坏：{detail.zh}；未导入任何记录",
        )

    def refused(seq: int, exc: GovEfficiencyError) -> StoreError:
        return StoreError(
            f"{path}: line {number}: entry {seq} breaks a ledger rule: {exc.en}; nothing was imported",
            f"{path}：第 {number} 行：第 {seq} 条记录违反台账规则：{exc.zh or exc.en}；未导入任何记录",
        )

    admit(ledger, entry, batch, broken, refused, ordered=True)


#: Entries written per chunk by a streaming import.
_IMPORT_CHUNK = 2_000


def _not_empty() -> StoreError:
    return StoreError(
        "the store to import into already holds entries; import into an empty store",
        "导入目标已有记录；请导入到空的存储中",
    )
