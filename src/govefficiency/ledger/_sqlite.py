"""The SQLite store: entries in a file (stdlib ``sqlite3``), with the per-item snapshots
that let a ledger reopen without replaying its entries (schema v3)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from govefficiency._validators import check_path
from govefficiency.errors import InvalidInputError, InvalidTypeError, StoreDamagedError, StoreError
from govefficiency.ledger._bulk import _CHUNK_QUERY, numbered_below_one, verify_chunks
from govefficiency.ledger._chain import Anchor, ChainFault, ChainProblem, ChainReport, verify_canonical
from govefficiency.ledger._entries import GENESIS, Entry
from govefficiency.ledger._schema import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    Migration,
    check_ledger,
    check_read_only,
    migrate,
    refuse_foreign,
)
from govefficiency.ledger._snapshots import SQLITE_SQL, SnapshotTable
from govefficiency.ledger._sql_store import Snapshotter, SqlStore
from govefficiency.text import Text

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION", "Migration", "Snapshotter", "SqliteStore"]


def _reopen(path: str, timeout: float, synchronous: str, read_only: bool = False) -> SqliteStore:
    return SqliteStore(path, create=False, timeout=timeout, synchronous=synchronous, read_only=read_only)  # type: ignore[arg-type]


def _check_options(
    path: object, create: object, timeout: Any, synchronous: object, read_only: object
) -> None:
    """The arguments of :class:`SqliteStore`, checked before anything is opened."""
    if not isinstance(path, str | os.PathLike):
        raise InvalidTypeError(
            f"a SQLite store needs a file path, not {type(path).__name__}",
            f"SQLite 存储需要文件路径，而不是 {type(path).__name__}",
        )
    if synchronous not in ("FULL", "NORMAL"):
        raise InvalidInputError(
            f"synchronous must be 'FULL' or 'NORMAL', not {synchronous!r}",
            f"synchronous 必须是 'FULL' 或 'NORMAL'，而不是 {synchronous!r}",
        )
    if type(timeout) not in (int, float) or not timeout >= 0:
        raise InvalidInputError(
            f"timeout must be a number of seconds >= 0, not {timeout!r}",
            f"timeout 必须是不小于 0 的秒数，而不是 {timeout!r}",
        )
    if type(create) is not bool:
        raise InvalidTypeError(
            f"create must be True or False, not {type(create).__name__}",
            f"create 必须是 True 或 False，而不是 {type(create).__name__}",
        )
    if type(read_only) is not bool:
        raise InvalidTypeError(
            f"read_only must be True or False, not {read_only!r}",
            f"read_only 必须是 True 或 False，而不是 {read_only!r}",
        )


class SqliteStore(SqlStore):
    """Entries in a SQLite file (stdlib ``sqlite3``), surviving process restarts.

    * WAL journal, so readers never block the writer;
    * one ``BEGIN IMMEDIATE`` transaction per appended batch: the next ``seq`` and the
      previous hash are read inside it, so concurrent writers (threads or processes,
      each with its own store) serialise and the chain stays valid; a failure anywhere
      in the batch rolls all of it back;
    * a versioned schema (``PRAGMA user_version``) upgraded step by step by
      :data:`MIGRATIONS` when an older file is opened.

    Args:
        path: the database file.
        create: create the file when missing (otherwise :class:`StoreError`).
        timeout: seconds to wait for another writer's transaction.
        synchronous: ``"FULL"`` (default: a committed batch survives a power cut) or
            ``"NORMAL"`` (faster; survives a crash of the process, not of the machine).
        read_only: open the file read-only (SQLite ``mode=ro``): nothing is created,
            migrated or written, and :meth:`append` raises :class:`StoreError`.

    A store is used by one thread at a time; open one per thread or process. It pickles
    as its path and reopens the file on unpickling.

    Raises:
        StoreError: the file is not a ledger, was written by a newer version, or cannot
            be opened.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        timeout: float = 30.0,
        synchronous: Literal["FULL", "NORMAL"] = "FULL",
        read_only: bool = False,
    ) -> None:
        _check_options(path, create, timeout, synchronous, read_only)
        self._path = os.fspath(check_path(path, "path", error=StoreError))
        self._timeout = float(timeout)
        self._synchronous = synchronous
        self._read_only = read_only
        self._name, self._may_write = self._path, not read_only
        try:
            missing = not Path(self._path).exists()
        except OSError as exc:
            raise self._error("cannot be opened", "无法打开", exc) from None
        if (read_only or not create) and missing:
            raise StoreError(
                f"no ledger database at {self._path}: create one with `govefficiency ledger init {self._path}`",
                f"{self._path} 处没有台账数据库：请先用 `govefficiency ledger init {self._path}` 创建",
            )
        try:
            if read_only:
                uri = Path(self._path).resolve().as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(
                    uri, uri=True, timeout=self._timeout, isolation_level=None, check_same_thread=False
                )
            else:
                self._conn = sqlite3.connect(
                    self._path, timeout=self._timeout, isolation_level=None, check_same_thread=False
                )
        except sqlite3.Error as exc:
            raise self._error("cannot be opened", "无法打开", exc) from None
        if read_only:
            self._check_read_only()
        else:
            self._prepare(create)

    def _check_read_only(self) -> None:
        """Refuse a read-only file that is not a ledger (nothing is written to it)."""
        with self._opening():
            check_read_only(self._conn, self._path)

    def _prepare(self, create: bool) -> None:
        """A writable file: refuse a foreign one, switch to WAL, migrate, stamp it ours."""
        with self._opening():
            refuse_foreign(self._conn, self._path, create)  # before anything (even the WAL switch) writes
            mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal" and self._path != ":memory:":
                raise StoreError(
                    f"{self._path}: SQLite refused WAL mode (got {mode!r}); use a local file system",
                    f"{self._path}：SQLite 无法启用 WAL 模式（当前 {mode!r}）；请使用本地文件系统",
                )
            self._conn.execute(f"PRAGMA synchronous={self._synchronous}")
            migrate(self._conn, self._path)
            check_ledger(self._conn, self._path)
            if int(self._conn.execute("PRAGMA application_id").fetchone()[0]) == 0:
                self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    # -- properties ------------------------------------------------------------------------

    @property
    def path(self) -> str:
        return self._path

    @property
    def schema_version(self) -> int:
        """The schema version of the open file (``SCHEMA_VERSION`` after opening)."""
        try:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise self._error("cannot be read", "无法读取", exc) from None

    def __len__(self) -> int:
        try:
            return int(self._conn.execute("SELECT count(*) FROM entries").fetchone()[0])
        except sqlite3.Error as exc:
            raise self._error("cannot be read", "无法读取", exc) from None

    # -- what SqlStore needs -----------------------------------------------------------------

    _db_error = sqlite3.Error
    _sql = SQLITE_SQL

    def _snapshot_table(self) -> SnapshotTable | None:
        version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        return SnapshotTable(self._conn, self._sql) if version >= 3 else None

    def _rows(self, after: int = 0) -> Iterator[tuple[Any, ...]]:
        # From the start, rows numbered 0 or below are read too (and refused by the
        # ledger as out of sequence), never silently skipped.
        where = ("WHERE seq > ?", (after,)) if after > 0 else ("", ())
        return self._select(*where)

    def _rows_at(self, seqs: Sequence[int]) -> Iterator[tuple[Any, ...]]:
        return self._select(
            "WHERE seq IN (SELECT value FROM json_each(?))", ("[" + ",".join(map(str, seqs)) + "]",)
        )

    def _select(self, where: str = "", params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows ``(seq, hash, canonical)`` in order, every ``sqlite3`` error (also one met
        half-way, on a damaged page) raised as a library error."""
        with self._guard("cannot be read", "无法读取"):
            cursor = self._conn.execute(
                f"SELECT seq, hash, canonical FROM entries {where} ORDER BY seq", params
            )
        while True:
            with self._guard("cannot be read", "无法读取"):
                row = next(cursor, None)
            if row is None:
                return
            yield row

    def _head_row(self) -> tuple[int, str]:
        row = self._conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS)

    @contextmanager
    def _writing(self, en: str, zh: str, busy: tuple[str, str] | None = None) -> Iterator[None]:
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._error(*(busy or (en, zh)), exc) from None
        try:
            yield
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._error(en, zh, exc) from None
            raise

    _begin_read = "BEGIN"

    def _in_transaction(self) -> bool:
        return bool(self._conn.in_transaction)

    def _verify_chain(self, anchor: Anchor | None) -> ChainReport:
        """Rows numbered below one, then the chunks in bulk; on any mismatch, the rows one
        by one, and a row rewritten as a BLOB (a row that is not text is named)."""
        report = numbered_below_one(self._conn.execute("SELECT min(seq) FROM entries").fetchone()[0])
        if report is None:
            report = self._verify_in_bulk(anchor)
        if report is None:
            rows = self._conn.execute("SELECT seq, hash, CAST(canonical AS BLOB) FROM entries ORDER BY seq")
            report = verify_canonical(rows, anchor=anchor)
            blob = self._not_text() if report.ok else None
            report = report if blob is None else blob
        return report

    def _not_text(self) -> ChainReport | None:
        row = self._conn.execute(
            "SELECT seq, typeof(hash), typeof(canonical) FROM entries "
            "WHERE typeof(hash) != 'text' OR typeof(canonical) != 'text' ORDER BY seq LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        seq, hash_type, text_type = row
        what = "canonical" if text_type != "text" else "hash"
        kind = text_type if text_type != "text" else hash_type
        prev = self._conn.execute("SELECT hash FROM entries WHERE seq = ?", (seq - 1,)).fetchone()
        return ChainReport(
            seq - 1,
            seq - 1,
            str(prev[0]) if prev else GENESIS,
            ChainProblem(
                ChainFault.MODIFIED,
                seq,
                seq,
                seq - 1,
                Text(
                    f"第 {seq} 条记录的 {what} 以 {kind.upper()} 而非文本存储：该行是在本库之外改写的",
                    f"entry {seq} stores its {what} as a {kind.upper()}, not text: the row was rewritten "
                    f"outside the library",
                ),
            ),
        )

    def _verify_in_bulk(self, anchor: Anchor | None) -> ChainReport | None:
        """The report when the whole chain is intact, ``None`` when anything is off.

        Inside :meth:`_reading`'s transaction (a consistent snapshot); a helper thread runs
        the next chunk's query (SQLite releases the GIL) while this one hashes the current
        chunk. No count(*) (a second pass over the table): each chunk counts its rows and
        checks the seqs its texts name, so a gap below the top is caught there.
        """
        conn = self._conn
        top = conn.execute("SELECT coalesce(max(seq), 0) FROM entries").fetchone()[0]

        def fetch(low: int, high: int) -> tuple[Any, ...]:
            return tuple(conn.execute(_CHUNK_QUERY, (low, high)).fetchone())

        return verify_chunks(top, top, fetch, anchor)

    def _write(self, entries: Sequence[Entry]) -> None:
        self._conn.executemany(
            "INSERT INTO entries (seq, hash, canonical) VALUES (?, ?, ?)",
            [(e.seq, e.hash, e._body) for e in entries],
        )

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._conn.close()

    def __reduce__(self) -> tuple[Any, ...]:
        return (_reopen, (self._path, self._timeout, self._synchronous, self._read_only))

    def __repr__(self) -> str:
        return f"SqliteStore({self._path!r})"

    def _error(self, en: str, zh: str, exc: BaseException) -> StoreError:
        """A ``sqlite3`` error as a library error naming the file and what to do: a damaged
        file or one that is not a ledger is a :class:`StoreDamagedError`; a busy or
        unwritable one a :class:`StoreError`."""
        text = str(exc)
        # sqlite3.DatabaseError itself (not a subclass such as IntegrityError, a refused
        # row, or OperationalError, a busy or read-only file) is SQLite's "corrupt"/"not a database".
        damaged = type(exc) is sqlite3.DatabaseError or any(
            marker in text for marker in ("no such table", "no such column", "malformed", "not a database")
        )
        if damaged and "not a database" in text:
            from govefficiency.ledger._sniff import kind_hint

            hint = kind_hint(self._path)
            if hint is not None:  # not damaged: another kind of file altogether
                return StoreDamagedError(
                    f"{self._path} is not a ledger database: it looks like {hint[0]}. A ledger is the "
                    f"SQLite file made by `govefficiency ledger init DB`",
                    f"{self._path} 不是台账数据库，看起来是{hint[1]}。台账是由 `govefficiency ledger init DB` "
                    f"创建的 SQLite 文件",
                )
        if damaged:
            return StoreDamagedError(
                f"{self._path}: the ledger database {en}: it is damaged or not a ledger ({text}); "
                f"restore it from a good copy or an export (`govefficiency ledger import`)",
                f"{self._path}：台账数据库{zh}：文件已损坏或不是台账（{text}）；请从完好副本或导出文件恢复"
                f"（`govefficiency ledger import`）",
            )
        return StoreError(
            f"{self._path}: the ledger database {en}: {text}; check that the file is reachable, "
            f"writable where needed and not locked by another program",
            f"{self._path}：台账数据库{zh}：{text}；请检查文件是否可访问、需要时可写、未被其他程序锁定",
        )
