"""What the SQLite and PostgreSQL stores share: rows read as entries, entries fetched on
demand, verification around each store's chain check, the per-item snapshots (read,
checked, written with each batch, reset) and the append transaction. Each store supplies
its SQL and its transactions (the hooks at the top of :class:`SqlStore`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Self

from govefficiency.errors import (
    GovEfficiencyError,
    InvalidTypeError,
    LedgerIntegrityError,
    StoreDamagedError,
    StoreError,
)
from govefficiency.ledger._bulk import Builder, check_continues, check_decoded
from govefficiency.ledger._chain import Anchor, ChainProblem, ChainReport, check_anchor
from govefficiency.ledger._entries import Entry, entry_from_canonical
from govefficiency.ledger._snapshots import Row, Snapshots, SnapshotSql, SnapshotTable

__all__ = ["Snapshotter", "SqlStore"]

#: What a ledger passes to :meth:`SqlStore.append` to have its snapshots written in the
#: same transaction: given whether every item's snapshot is needed (the stored ones were
#: behind), the rows to write and the head ``(seq, hash)`` they are up to date with.
Snapshotter = Callable[[bool], tuple[Iterable[Row], int, str]]

#: Entries asked for per query by :meth:`SqlStore.fetch`.
_FETCH_CHUNK = 50_000


class SqlStore:
    """The common part of :class:`SqliteStore` and :class:`PostgresStore`."""

    _read_only: bool
    _name: str  #: the file or URL that messages name
    _may_write: bool  #: whether this open may write (snapshots are then kept up to date)

    # -- hooks each store supplies ---------------------------------------------------------

    def _snapshot_table(self) -> SnapshotTable | None:  # pragma: no cover - overridden
        """The ledger's snapshots; ``None`` when the schema has none (an old file opened read-only)."""
        raise NotImplementedError

    def _rows(self, after: int = 0) -> Iterator[tuple[Any, ...]]:  # pragma: no cover - overridden
        """Rows ``(seq, hash, canonical)`` with ``seq > after`` in order, database errors named."""
        raise NotImplementedError

    def _rows_at(self, seqs: Sequence[int]) -> Iterator[tuple[Any, ...]]:  # pragma: no cover - overridden
        """The rows with these sequence numbers, in any order."""
        raise NotImplementedError

    def _head_row(self) -> tuple[int, str]:  # pragma: no cover - overridden
        """``(seq, hash)`` of the last entry stored (``(0, GENESIS)`` when none)."""
        raise NotImplementedError

    def _write(self, entries: Sequence[Entry]) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _writing(
        self, en: str, zh: str, busy: tuple[str, str] | None = None
    ) -> AbstractContextManager[None]:  # pragma: no cover - overridden
        """The store's exclusive write transaction: committed when the block ends, rolled
        back on any error; a database error raised as ``en``/``zh`` (``busy`` when the
        transaction cannot begin)."""
        raise NotImplementedError

    def _in_transaction(self) -> bool:  # pragma: no cover - overridden
        """Whether the connection is inside a transaction (an append's, or a read's)."""
        raise NotImplementedError

    def _verify_chain(self, anchor: Anchor | None) -> ChainReport:  # pragma: no cover - overridden
        """The chain checked in bulk, nothing decoded (inside :meth:`_reading`)."""
        raise NotImplementedError

    def _error(self, en: str, zh: str, exc: BaseException) -> StoreError:  # pragma: no cover - overridden
        raise NotImplementedError

    _db_error: type[BaseException] | tuple[type[BaseException], ...] = ()
    _sql: SnapshotSql  #: the statements of the store's snapshots
    _begin_read: str  #: the statement that begins a consistent read
    _conn: Any

    @contextmanager
    def _reading(self, en: str, zh: str) -> Iterator[None]:
        """One consistent read (a snapshot of the database, unless already inside a
        transaction, e.g. an append's): the snapshots and their head, or the whole chain,
        as of one instant while other writers append. A database error raised as ``en``/``zh``."""
        own = not self._in_transaction()
        with self._guard(en, zh):
            if own:
                self._conn.execute(self._begin_read)
            try:
                yield
            finally:
                if own and self._in_transaction():
                    self._conn.execute("COMMIT")

    @contextmanager
    def _guard(self, en: str, zh: str) -> Iterator[None]:
        """Database errors of the block raised as library errors naming the store."""
        try:
            yield
        except self._db_error as exc:
            raise self._error(en, zh, exc) from None

    @contextmanager
    def _opening(self) -> Iterator[None]:
        """Any error while opening closes the connection; a database error is named."""
        try:
            yield
        except BaseException as exc:
            self.close()
            if isinstance(exc, self._db_error):
                raise self._error("cannot be opened", "无法打开", exc) from None
            raise

    @property
    def read_only(self) -> bool:
        """Whether the store was opened read-only."""
        return self._read_only

    # -- reading ---------------------------------------------------------------------------

    def read(self, after: int = 0) -> Iterator[Entry]:
        """The entries with ``seq > after``, in order, decoded one by one as they are read."""
        return (self._entry(*row) for row in self._rows(after))

    def rows(self) -> Iterator[tuple[Any, ...]]:
        """The stored rows ``(seq, hash, canonical)`` in ``seq`` order."""
        return self._rows()

    def _entry(self, seq: Any, hash_: Any, canonical: Any) -> Entry:
        try:
            return entry_from_canonical(seq, hash_, canonical)
        except GovEfficiencyError as exc:
            name = self._name
            raise StoreDamagedError(
                f"{name}: entry {seq} cannot be read ({exc.en}); run `govefficiency ledger verify {name}`",
                f"{name}：第 {seq} 条记录无法读取（{exc.zh or exc.en}）；请运行 `govefficiency ledger verify {name}`",
            ) from None

    def fetch(self, seqs: Sequence[int]) -> list[Entry]:
        """The entries with the sequence numbers ``seqs``, decoded, in the order given.

        Raises:
            StoreDamagedError: an entry is missing or cannot be read.
        """
        wanted = list(seqs)
        found: dict[int, Entry] = {}
        for low in range(0, len(wanted), _FETCH_CHUNK):
            for row in self._rows_at(wanted[low : low + _FETCH_CHUNK]):
                found[row[0]] = self._entry(*row)
        try:
            return [found[seq] for seq in wanted]
        except KeyError as exc:
            name = self._name
            raise StoreDamagedError(
                f"{name}: entry {exc.args[0]} is missing; run `govefficiency ledger verify {name}`",
                f"{name}：缺少第 {exc.args[0]} 条记录；请运行 `govefficiency ledger verify {name}`",
            ) from None

    def verify(self, *, anchor: Anchor | None = None, entries: bool = False) -> ChainReport:
        """Verify the chain as stored: each row's ``hash`` must be the sha256 of its
        ``canonical`` text, which must name the previous row's hash and its own ``seq``;
        ``seq`` starts at 1 (a row numbered 0 or below is named as inserted). Nothing is
        decoded, so a row too damaged to read is still named. Chunks of rows are checked
        in bulk; on any mismatch the rows are walked one by one to name the first bad entry.

        On an intact chain, a snapshot whose hash is not that of the entry it names, or
        which names an entry past the head (a truncated tail), is named
        (``ChainFault.SNAPSHOT``).

        With ``entries=True``, every row of an intact chain is also read as an entry, so
        a row forged with a recomputed hash but an unknown kind or an invalid payload is
        named too (slower: about 50 µs a row), and the per-item snapshots are compared
        with the state replayed from the entries.

        Raises:
            StoreDamagedError: the store cannot be read at all (a damaged page).
        """
        anchor = check_anchor(anchor)
        if type(entries) is not bool:
            raise InvalidTypeError(
                f"entries must be True or False, not {entries!r}",
                f"entries 必须是 True 或 False，而不是 {entries!r}",
            )
        with self._reading("cannot be verified", "无法校验"):
            report = self._verify_chain(anchor)
            if report.ok and entries:
                report = check_decoded(self._rows(), report)
            table = self._snapshot_table()
            if report.ok and table is not None:
                report = table.check(report, self._rows() if entries else None)
        return report

    # -- snapshots -------------------------------------------------------------------------

    def snapshots(self) -> Snapshots | None:
        """The per-item snapshots and the head they are up to date with; ``None`` for a
        store whose schema has none (a SQLite v2 file opened read-only: the ledger then
        replays the entries).

        Raises:
            LedgerIntegrityError: a snapshot does not match the entry it names (named).
            StoreDamagedError: the store cannot be read.
        """
        with self._reading("cannot be read", "无法读取"):
            table = self._snapshot_table()
            found = None if table is None else table.read()
        if isinstance(found, ChainProblem):
            name = self._name
            raise LedgerIntegrityError(f"{name}: {found.message.en}", f"{name}：{found.message.zh}")
        return found

    def checkpoint(self, rows: Callable[[], Iterable[Row]], seq: int, hash_: str) -> bool:
        """Write every item's snapshot as of entry ``seq`` hashed ``hash_`` in one
        transaction, when the store's head is still that entry and its snapshots are
        behind it; return whether they were written. (An open that may not write writes
        nothing.)"""
        if not self._may_write:
            return False
        with self._writing("refused the snapshots", "拒绝写入快照"):
            table = self._snapshot_table()
            done = table is not None and self._head_row() == (seq, hash_) and table.head()[0] < seq
            if table is not None and done:
                table.write(rows(), seq, hash_)
        return done

    def reset_snapshots(self) -> None:
        """Drop every per-item snapshot, in one transaction: the next ledger opened on the
        store for writing replays the entries once and writes them again. For a store whose
        snapshots no longer match entries that verify (check against a kept anchor first).

        Raises:
            StoreError: the store is read-only or refused the change.
        """
        table = self._snapshot_table() if self._may_write else None
        if table is None:
            name = self._name
            raise StoreError(
                f"{name}: open the ledger for writing (schema 3) to reset its snapshots",
                f"{name}：须以可写方式打开（结构版本 3）才能重置快照",
            )
        with self._writing("refused the change", "拒绝了该修改"):
            table.reset()

    # -- writing ---------------------------------------------------------------------------

    def append(
        self, after: int, build: Builder, *, snapshots: Snapshotter | None = None
    ) -> tuple[list[Entry], list[Entry]]:
        """Under a write transaction: read the entries after ``after``, call ``build``
        with them, write what it returns, and the snapshots ``snapshots(full)`` gives —
        ``full`` when the stored snapshots were behind the head before the batch — all or
        nothing."""
        new: list[Entry] = []

        def write(foreign: list[Entry], head: tuple[int, str]) -> None:
            new.extend(build(foreign))
            if new:
                check_continues(head[0], head[1], new)
                self._write(new)

        foreign = self._transaction(after, write, snapshots)
        return foreign, new

    def append_stream(
        self, chunks: Callable[[], Iterable[Sequence[Entry]]], *, snapshots: Snapshotter | None = None
    ) -> int:
        """Write the chunks of entries ``chunks()`` yields into this empty store in one
        transaction (all or nothing), each chunk as it comes: memory holds one chunk.
        Return the count.

        Raises:
            StoreError: the store is not empty, or refused a row (nothing is written).
        """
        count = 0

        def write(foreign: list[Entry], head: tuple[int, str]) -> None:
            nonlocal count
            if foreign or head[0]:
                name = self._name
                raise StoreError(
                    f"{name}: the store to import into already holds entries; import into an empty store",
                    f"{name}：导入目标已有记录；请导入到空的存储中",
                )
            seq, prev = head
            for chunk in chunks():
                check_continues(seq, prev, chunk)
                self._write(chunk)
                if chunk:
                    seq, prev = chunk[-1].seq, chunk[-1].hash
                    count += len(chunk)

        self._transaction(0, write, snapshots)
        return count

    def _transaction(
        self, after: int, write: Callable[[list[Entry], tuple[int, str]], None], snapshots: Snapshotter | None
    ) -> list[Entry]:
        if self._read_only:
            name = self._name
            raise StoreError(
                f"{name}: the ledger was opened read-only; nothing was written",
                f"{name}：台账以只读方式打开，未写入任何记录",
            )
        with self._writing(
            "refused the batch (nothing was written)",
            "拒绝了该批记录（未写入任何记录）",
            busy=("is busy or read-only", "正忙或只读"),
        ):
            foreign = list(self.read(after))
            head = self._head_row()
            write(foreign, head)
            table = self._snapshot_table()
            if snapshots is not None and table is not None:
                rows, seq, hash_ = snapshots(table.head() != head)
                table.write(rows, seq, hash_)
        return foreign

    def close(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
