"""Where a ledger's entries live: in memory (the default), in a SQLite file or in PostgreSQL.

A store only keeps entries and serialises appends; the :class:`Ledger` decides what may
be appended. An append is a callback run *inside* the store's write lock or
transaction: the store hands over the entries other writers appended since the ledger
last looked, the ledger checks and seals its batch after them, and the store writes the
whole batch or nothing. That is what keeps the chain valid when two processes append to
one SQLite file at once.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from govefficiency._validators import check_iterable
from govefficiency.errors import InvalidTypeError, LedgerIntegrityError, StoreError, UnknownItemError
from govefficiency.ledger._bulk import Builder, check_continues
from govefficiency.ledger._chain import Anchor, ChainReport, verify_entries
from govefficiency.ledger._entries import GENESIS, Entry
from govefficiency.ledger._sqlite import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    SqliteStore,
)

__all__ = [
    "APPLICATION_ID",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "LedgerStore",
    "MemoryStore",
    "Migration",
    "SqliteStore",
    "copy_store",
    "is_store_url",
    "open_store",
]


@runtime_checkable
class LedgerStore(Protocol):
    """What a :class:`Ledger` needs from a store.

    A store may offer more, and the ledger uses it when present: ``fetch(seqs)`` (entries
    by sequence number: the ledger then decodes entries on demand instead of holding them
    all), ``snapshots()``/``checkpoint(...)`` and a ``snapshots=`` argument to ``append``
    (per-item snapshots: the ledger reopens without replaying), and ``append_stream``
    (an import written in chunks). :class:`SqliteStore` and :class:`PostgresStore` offer
    all of them, :class:`MemoryStore` ``fetch``.
    """

    def read(self, after: int = 0) -> Iterator[Entry]:
        """The entries with ``seq > after``, in order."""
        ...

    def append(self, after: int, build: Builder) -> tuple[list[Entry], list[Entry]]:
        """Under the store's exclusive lock: read the entries after ``after``, call
        ``build`` with them, write what it returns (all or nothing) and return both."""
        ...

    def verify(self, *, anchor: Anchor | None = None) -> ChainReport:
        """Verify the chain as stored."""
        ...

    def close(self) -> None:
        """Release the store's resources."""
        ...


class MemoryStore:
    """Entries kept in a list (the default store): fast, gone when the process ends.

    Safe to share between threads (appends are serialised by a lock); pickling copies
    the entries.
    """

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._entries: list[Entry] = list(check_iterable(entries, "entries"))
        for entry in self._entries:
            if not isinstance(entry, Entry):
                raise InvalidTypeError(
                    f"MemoryStore holds Entry values, not {type(entry).__name__}",
                    f"MemoryStore 只能保存 Entry，而不是 {type(entry).__name__}",
                )
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def read(self, after: int = 0) -> Iterator[Entry]:
        return iter(self._entries[after:])

    def append(self, after: int, build: Builder) -> tuple[list[Entry], list[Entry]]:
        with self._lock:
            foreign = self._entries[after:]
            new = list(build(foreign))
            if new:
                head = self._entries[-1] if self._entries else None
                check_continues(len(self._entries), GENESIS if head is None else head.hash, new)
                self._entries.extend(new)
            return foreign, new

    def verify(self, *, anchor: Anchor | None = None) -> ChainReport:
        return verify_entries(list(self._entries), anchor=anchor)

    def fetch(self, seqs: Iterable[int]) -> list[Entry]:
        """The entries with the sequence numbers ``seqs``, in the order given."""
        entries = self._entries
        try:
            return [entries[seq - 1] for seq in seqs]
        except IndexError:
            raise UnknownItemError(
                "an entry asked for is not in the store", "所请求的记录不在存储中"
            ) from None

    def close(self) -> None:
        """Nothing to release."""

    def __getstate__(self) -> dict[str, Any]:
        return {"entries": self._entries}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._entries = list(state["entries"])
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"MemoryStore({len(self._entries)} entries)"


# -- opening by location -------------------------------------------------------------------

#: The URL schemes that name a PostgreSQL ledger (see :class:`PostgresStore`).
URL_SCHEMES = ("postgresql://", "postgres://")


def is_store_url(location: object) -> bool:
    """Whether ``location`` is a PostgreSQL URL rather than a SQLite file path."""
    return isinstance(location, str) and location.lower().startswith(URL_SCHEMES)


def open_store(
    location: str | os.PathLike[str], *, create: bool = False, read_only: bool = False
) -> LedgerStore:
    """The store at ``location``: a ``postgresql://…?ledger=ID`` URL opens a
    :class:`PostgresStore` (the ``[postgres]`` extra), anything else a :class:`SqliteStore`
    file.

    Args:
        location: a SQLite file path or a PostgreSQL URL.
        create: create the file, or the ledger in the database, when missing.
        read_only: open for reading only (nothing is created, migrated or written).

    Raises:
        StoreError: the store cannot be opened (the message names the file, or the server
            and database, never a password).
    """
    if is_store_url(location):
        from govefficiency.ledger._postgres import PostgresStore

        return PostgresStore(str(location), create=create, read_only=read_only)
    if not isinstance(location, str | os.PathLike):
        raise InvalidTypeError(
            f"a ledger location is a file path or a postgresql:// URL, not {type(location).__name__}",
            f"台账位置应为文件路径或 postgresql:// URL，而不是 {type(location).__name__}",
        )
    return SqliteStore(location, create=create, read_only=read_only)


def copy_store(source: LedgerStore, target: LedgerStore) -> ChainReport:
    """Copy every entry of ``source`` into the empty ``target`` in one batch (all or
    nothing), exactly as stored, and return the target's verification report: its head
    is the source's, so an anchor kept from one store verifies the other.

    Raises:
        LedgerIntegrityError: the source's chain is broken (nothing is copied), or the
            copy does not verify to the source's head.
        StoreError: ``target`` already holds entries, or a store failed (nothing is
            written).
    """
    for store, what in ((source, "source"), (target, "target")):
        if not all(hasattr(store, name) for name in ("verify", "read", "append")):
            raise InvalidTypeError(
                f"copy_store: {what} must be a ledger store (SqliteStore, MemoryStore, …), not {type(store).__name__}",
                f"copy_store：{what} 必须是台账存储（SqliteStore、MemoryStore 等），而不是 {type(store).__name__}",
            )
    report = source.verify().raise_if_broken()
    entries = list(source.read(0))

    def build(foreign: Sequence[Entry]) -> list[Entry]:
        if foreign:
            where = getattr(target, "url", None) or getattr(target, "path", None) or repr(target)
            raise StoreError(
                f"{where}: the target already holds {len(foreign)} entries; copy into an empty ledger",
                f"{where}：目标台账已有 {len(foreign)} 条记录；请复制到空台账",
            )
        return entries

    target.append(0, build)
    copied = target.verify(anchor=(report.head_seq, report.head_hash) if report.head_seq else None)
    if not copied.ok or (copied.head_seq, copied.head_hash) != (report.head_seq, report.head_hash):
        raise LedgerIntegrityError(
            f"the copy does not verify to the source's head {report.head_seq}:{report.head_hash}",
            f"副本未能验证到源台账的链头 {report.head_seq}:{report.head_hash}",
        )
    return copied
