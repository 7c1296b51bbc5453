"""Where a ledger's entries live: in memory (the default) or in a SQLite file.

A store only keeps entries and serialises appends; the :class:`Ledger` decides what may
be appended. An append is a callback run *inside* the store's write lock or
transaction: the store hands over the entries other writers appended since the ledger
last looked, the ledger checks and seals its batch after them, and the store writes the
whole batch or nothing. That is what keeps the chain valid when two processes append to
one SQLite file at once.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

import attrs

from govefficiency._validators import check_iterable, check_path
from govefficiency.errors import (
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
    LedgerIntegrityError,
    StoreDamagedError,
    StoreError,
)
from govefficiency.ledger._chain import (
    Anchor,
    ChainFault,
    ChainProblem,
    ChainReport,
    check_anchor,
    verify_canonical,
    verify_entries,
)
from govefficiency.ledger._entries import GENESIS, Entry, body, entry_from_canonical
from govefficiency.text import Text

__all__ = [
    "SCHEMA_VERSION",
    "LedgerStore",
    "MemoryStore",
    "Migration",
    "SqliteStore",
    "copy_store",
    "is_store_url",
    "open_store",
]

#: The batch builder a ledger passes to :meth:`LedgerStore.append`: given the entries
#: appended by others since the ledger's last look, return the sealed entries to write.
Builder = Callable[[Sequence[Entry]], Sequence[Entry]]


@runtime_checkable
class LedgerStore(Protocol):
    """What a :class:`Ledger` needs from a store."""

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


def _check_continues(head_seq: int, head_hash: str, new: Sequence[Entry]) -> None:
    expected, prev = head_seq + 1, head_hash
    for entry in new:
        if not isinstance(entry, Entry) or entry.seq != expected or entry.prev_hash != prev:
            raise StoreError(
                f"the batch does not continue the chain at entry {expected}; nothing was written",
                f"该批记录未能接续第 {expected} 条之后的哈希链，未写入任何记录",
            )
        expected, prev = expected + 1, entry.hash


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
                _check_continues(len(self._entries), GENESIS if head is None else head.hash, new)
                self._entries.extend(new)
            return foreign, new

    def verify(self, *, anchor: Anchor | None = None) -> ChainReport:
        return verify_entries(list(self._entries), anchor=anchor)

    def close(self) -> None:
        """Nothing to release."""

    def __getstate__(self) -> dict[str, Any]:
        return {"entries": self._entries}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._entries = list(state["entries"])
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"MemoryStore({len(self._entries)} entries)"


# -- SQLite ------------------------------------------------------------------------------


@attrs.frozen
class Migration:
    """One step of the SQLite schema: run on databases whose ``user_version`` is below
    ``version``, inside the same transaction that sets ``user_version``.

    Attributes:
        version: the schema version after this step.
        description: what the step changes.
        apply: the function that changes an open connection (no COMMIT).
    """

    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None] = attrs.field(eq=False)


def _create_v1(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(
        """
        CREATE TABLE entries (
            seq INTEGER PRIMARY KEY,   -- 1, 2, 3... without gaps
            item_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            recorded TEXT NOT NULL,    -- ISO 8601 with offset, exactly as hashed
            payload TEXT NOT NULL,     -- canonical JSON, exactly as hashed
            corrects INTEGER,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )
        """
    )
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [("format", "govefficiency-ledger"), ("hash", "sha256 over canonical JSON (docs/ledger.md)")],
    )


def _upgrade_v2(conn: sqlite3.Connection) -> None:
    # v2 stores, for each entry, exactly the canonical text its hash covers, instead of
    # its fields in separate columns: verification hashes what is stored (no re-assembly,
    # no way for a column to disagree with the hash), and the fields are offered to SQL
    # readers through the `entry_fields` view. The v1 hashes stay valid: the canonical
    # text is re-assembled from the v1 columns exactly as it was hashed.
    conn.execute(
        "CREATE TABLE entries_v2 (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, canonical TEXT NOT NULL)"
    )
    rows = conn.execute(
        "SELECT seq, item_id, kind, recorded, payload, corrects, prev_hash, hash FROM entries ORDER BY seq"
    )
    conn.executemany(
        "INSERT INTO entries_v2 (seq, hash, canonical) VALUES (?, ?, ?)",
        (
            (seq, h, body(seq, item, kind, recorded, payload, corrects, prev))
            for seq, item, kind, recorded, payload, corrects, prev, h in rows
        ),
    )
    conn.execute("DROP TABLE entries")
    conn.execute("ALTER TABLE entries_v2 RENAME TO entries")
    conn.execute(
        """
        CREATE VIEW entry_fields AS
        SELECT seq,
               json_extract(canonical, '$.item') AS item_id,
               json_extract(canonical, '$.kind') AS kind,
               json_extract(canonical, '$.recorded') AS recorded,
               json_extract(canonical, '$.payload') AS payload,
               json_extract(canonical, '$.corrects') AS corrects,
               json_extract(canonical, '$.prev') AS prev_hash,
               hash
        FROM entries
        """
    )
    conn.execute("UPDATE meta SET value = 'sha256 of entries.canonical (docs/ledger.md)' WHERE key = 'hash'")


#: The schema's history, oldest first. A new version appends a step; never edit one.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "entries (one column per field) and meta tables", _create_v1),
    Migration(
        2, "entries keep the exact canonical text hashed; fields via the entry_fields view", _upgrade_v2
    ),
)

#: The schema version this release writes.
SCHEMA_VERSION = MIGRATIONS[-1].version

#: SQLite's ``application_id`` header field of a govefficiency ledger ('GVLD'): set when a
#: file is created or opened for writing, checked on every open (0 is an older ledger).
APPLICATION_ID = 0x47564C44

# Rows are verified in chunks: SQLite concatenates a chunk's hashes and canonical texts
# (ASCII 30, the record separator, cannot occur in canonical JSON), Python hashes each
# text and compares the chunk's prev links and sequence numbers in bulk.
_CHUNK = 5_000
_CHUNK_QUERY = (
    "SELECT count(*), group_concat(hash, ''), CAST(group_concat(canonical, char(30)) AS BLOB) "
    "FROM (SELECT hash, canonical FROM entries WHERE seq > ? AND seq <= ? ORDER BY seq)"
)
_sha256 = hashlib.sha256


def verify_chunks(
    total: int, top: int, fetch: Callable[[int, int], tuple[Any, ...]], anchor: Anchor | None
) -> ChainReport | None:
    """Verify a stored chain in bulk: the report when it is intact, ``None`` when anything
    is off (the caller then walks the rows one by one with :func:`verify_canonical` to
    name the first bad entry).

    ``total`` and ``top`` are the number of rows and the highest ``seq``; ``fetch(low,
    high)`` returns, for the rows with ``low < seq <= high`` in order, ``(count, the
    hashes concatenated, the canonical texts as UTF-8 joined by ASCII 30)``. A helper
    thread fetches the next chunk while this one hashes the current chunk.
    """
    if total != top:
        return None
    prev = GENESIS.encode()
    anchored: str | None = None
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(fetch, 0, _CHUNK) if total else None
        for low in range(0, total, _CHUNK):
            assert pending is not None
            n, hashes, bodies = pending.result()
            high = low + _CHUNK
            pending = pool.submit(fetch, high, high + _CHUNK) if high < total else None
            if (
                n != min(_CHUNK, total - low)
                or type(hashes) is not str
                or len(hashes) != 64 * n
                or type(bodies) is not bytes
            ):
                return None
            parts = bodies.split(b"\x1e")
            if len(parts) != n or "".join([_sha256(b).hexdigest() for b in parts]) != hashes:
                return None
            # The last ',"prev":"' of a text is its own (only the instant and seq follow,
            # without quotes); its last ':' introduces the seq.
            prevs = b"".join([b[(i := b.rfind(b',"prev":"')) + 9 : i + 73] for b in parts])
            seqs = b",".join([b[b.rfind(b":") + 1 : -1] for b in parts])
            if (
                prevs != prev + hashes[:-64].encode()
                or seqs != ",".join(map(str, range(low + 1, low + n + 1))).encode()
            ):
                return None
            if anchor is not None and low < anchor[0] <= low + n:
                i = (anchor[0] - low - 1) * 64
                anchored = hashes[i : i + 64]
            prev = hashes[-64:].encode()
    if anchor is not None and anchor[0] > 0 and (anchor[0] > total or anchored != anchor[1]):
        return None
    return ChainReport(total, total, prev.decode())


def numbered_below_one(low: int | None) -> ChainReport | None:
    """The report naming a stored row numbered ``low`` < 1 (sequence numbers start at 1,
    and reading ``seq > 0`` would skip it), or ``None`` when ``low`` is ``None`` or >= 1."""
    if low is None or low >= 1:
        return None
    return ChainReport(
        0,
        0,
        GENESIS,
        ChainProblem(
            ChainFault.INSERTED,
            1,
            low,
            0,
            Text(
                f"存有序号为 {low} 的记录：序号从 1 开始，该记录是在本库之外插入的",
                f"a row numbered {low} is stored: sequence numbers start at 1, so it was inserted outside the library",
            ),
        ),
    )


def check_decoded(rows: Iterable[tuple[Any, Any, Any]], report: ChainReport) -> ChainReport:
    """``report`` (an intact chain) unless a row ``(seq, hash, canonical)`` cannot be read
    as an entry — an unknown kind, an invalid payload — though its hash matches: then the
    report names that row (it was forged with a recomputed hash)."""
    prev = GENESIS
    for seq, hash_, canonical in rows:
        try:
            entry_from_canonical(seq, hash_, canonical)
        except GovEfficiencyError as exc:
            return ChainReport(
                seq - 1,
                seq - 1,
                prev,
                ChainProblem(
                    ChainFault.MODIFIED,
                    seq,
                    seq,
                    seq - 1,
                    Text(
                        f"第 {seq} 条记录与其哈希相符，但不是有效的台账记录（{exc.zh or exc.en}）：该记录是在本库之外伪造的",
                        f"entry {seq} matches its hash but is not a valid ledger entry ({exc.en}): it was forged "
                        f"outside the library",
                    ),
                ),
            )
        prev = hash_
    return report


def _reopen(path: str, timeout: float, synchronous: str, read_only: bool = False) -> SqliteStore:
    return SqliteStore(path, create=False, timeout=timeout, synchronous=synchronous, read_only=read_only)  # type: ignore[arg-type]


class SqliteStore:
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
        self._path = os.fspath(check_path(path, "path", error=StoreError))
        self._timeout = float(timeout)
        self._synchronous = synchronous
        self._read_only = read_only
        try:
            missing = not Path(self._path).exists()
        except OSError as exc:  # a name too long for the file system
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
            try:
                self._check_read_only()
            except sqlite3.Error as exc:
                self._conn.close()
                raise self._error("cannot be opened", "无法打开", exc) from None
            except BaseException:
                self._conn.close()
                raise
            return
        try:
            self._refuse_foreign(create)  # before anything (even the WAL switch) writes
            mode = self._conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode != "wal" and self._path != ":memory:":
                raise StoreError(
                    f"{self._path}: SQLite refused WAL mode (got {mode!r}); use a local file system",
                    f"{self._path}：SQLite 无法启用 WAL 模式（当前 {mode!r}）；请使用本地文件系统",
                )
            self._conn.execute(f"PRAGMA synchronous={synchronous}")
            self._migrate()
            self._check_ledger()
            if int(self._conn.execute("PRAGMA application_id").fetchone()[0]) == 0:
                self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        except sqlite3.Error as exc:
            self._conn.close()
            raise self._error("cannot be opened", "无法打开", exc) from None
        except BaseException:
            self._conn.close()
            raise

    # -- properties ------------------------------------------------------------------------

    @property
    def path(self) -> str:
        return self._path

    @property
    def read_only(self) -> bool:
        """Whether the file was opened read-only."""
        return self._read_only

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

    # -- schema ------------------------------------------------------------------------------

    def _check_read_only(self) -> None:
        """Opened read-only: the file must already be a ledger of the current schema."""
        conn = self._conn
        app = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app not in (0, APPLICATION_ID):
            raise self._not_a_ledger(f"its SQLite application id is {app:#x}, not {APPLICATION_ID:#x}")
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self._path} has ledger schema version {version}, newer than this release "
                f"supports ({SCHEMA_VERSION}); upgrade govefficiency to open it",
                f"{self._path} 的台账结构版本为 {version}，高于本版本支持的 {SCHEMA_VERSION}；请升级 govefficiency",
            )
        if version == 0:
            raise self._not_a_ledger("it has no ledger schema")
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"{self._path} has ledger schema version {version} and needs upgrading to "
                f"{SCHEMA_VERSION}, which a read-only open cannot do: run "
                f"`govefficiency ledger init {self._path}` once",
                f"{self._path} 的台账结构版本为 {version}，需升级到 {SCHEMA_VERSION}，只读打开无法升级："
                f"请先运行一次 `govefficiency ledger init {self._path}`",
            )
        self._check_ledger()

    def _refuse_foreign(self, create: bool) -> None:
        """Refuse, without writing, a file of another application, or (``create=False``)
        a file without a ledger schema."""
        conn = self._conn
        app = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app not in (0, APPLICATION_ID):
            raise self._not_a_ledger(f"its SQLite application id is {app:#x}, not {APPLICATION_ID:#x}")
        if not create and int(conn.execute("PRAGMA user_version").fetchone()[0]) == 0:
            raise self._not_a_ledger(
                f"it has no ledger schema; create a ledger with `govefficiency ledger init {self._path}`"
            )

    def _migrate(self) -> None:
        conn = self._conn
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self._path} has ledger schema version {version}, newer than this release "
                f"supports ({SCHEMA_VERSION}); upgrade govefficiency to open it",
                f"{self._path} 的台账结构版本为 {version}，高于本版本支持的 {SCHEMA_VERSION}；请升级 govefficiency",
            )
        if version == 0:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise StoreError(
                    f"{self._path} is a SQLite database but not a govefficiency ledger; choose another file",
                    f"{self._path} 是 SQLite 数据库，但不是 govefficiency 台账；请换一个文件",
                )
        for step in MIGRATIONS:
            if step.version <= version:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                current = int(conn.execute("PRAGMA user_version").fetchone()[0])
                if current < step.version:  # another process may have just done it
                    step.apply(conn)
                    conn.execute(f"PRAGMA user_version = {int(step.version)}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            version = step.version

    # -- reading -------------------------------------------------------------------------------

    def read(self, after: int = 0) -> Iterator[Entry]:
        # From the start, rows numbered 0 or below are read too (and refused by the
        # ledger as out of sequence), never silently skipped.
        where = ("WHERE seq > ?", (after,)) if after > 0 else ("", ())
        return (self._entry(*row) for row in self._rows(*where))

    def _rows(self, where: str = "", params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """Rows ``(seq, hash, canonical)`` in order, every ``sqlite3`` error (also one met
        half-way, on a damaged page) raised as a library error."""
        try:
            cursor = self._conn.execute(
                f"SELECT seq, hash, canonical FROM entries {where} ORDER BY seq", params
            )
        except sqlite3.Error as exc:
            raise self._error("cannot be read", "无法读取", exc) from None
        while True:
            try:
                row = next(cursor, None)
            except sqlite3.Error as exc:
                raise self._error("cannot be read", "无法读取", exc) from None
            if row is None:
                return
            yield row

    def _entry(self, seq: Any, hash_: Any, canonical: Any) -> Entry:
        try:
            return entry_from_canonical(seq, hash_, canonical)
        except GovEfficiencyError as exc:
            raise StoreDamagedError(
                f"{self._path}: entry {seq} cannot be read ({exc.en}); "
                f"run `govefficiency ledger verify {self._path}`",
                f"{self._path}：第 {seq} 条记录无法读取（{exc.zh or exc.en}）；"
                f"请运行 `govefficiency ledger verify {self._path}`",
            ) from None

    def rows(self) -> Iterator[tuple[Any, ...]]:
        """The stored rows ``(seq, hash, canonical)`` in ``seq`` order."""
        return self._rows()

    def verify(self, *, anchor: Anchor | None = None, entries: bool = False) -> ChainReport:
        """Verify the chain as stored: each row's ``hash`` must be the sha256 of its
        ``canonical`` text, which must name the previous row's hash and its own
        ``seq``; ``seq`` starts at 1 (a row numbered 0 or below is named as inserted),
        and every row is text (a row rewritten as a BLOB is named). Nothing is decoded,
        so a row too damaged to read is still named.

        With ``entries=True``, every row of an intact chain is also read as an entry, so
        a row forged with a recomputed hash but an unknown kind or an invalid payload is
        named too (slower: about 50 µs a row).

        Chunks of rows are checked in bulk; on any mismatch the rows are walked one by
        one to name the first bad entry.

        Raises:
            StoreDamagedError: the file cannot be read at all (a damaged page).
        """
        anchor = check_anchor(anchor)
        if type(entries) is not bool:
            raise InvalidTypeError(
                f"entries must be True or False, not {entries!r}",
                f"entries 必须是 True 或 False，而不是 {entries!r}",
            )
        try:
            report = self._numbered_below_one()
            if report is None:
                report = self._verify_in_bulk(anchor)
            if report is None:
                rows = self._conn.execute(
                    "SELECT seq, hash, CAST(canonical AS BLOB) FROM entries ORDER BY seq"
                )
                report = verify_canonical(rows, anchor=anchor)
            if report.ok:
                blob = self._not_text()
                report = report if blob is None else blob
            if report.ok and entries:
                report = check_decoded(self._rows(), report)
        except sqlite3.Error as exc:
            raise self._error("cannot be verified", "无法校验", exc) from None
        return report

    def _numbered_below_one(self) -> ChainReport | None:
        return numbered_below_one(self._conn.execute("SELECT min(seq) FROM entries").fetchone()[0])

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

        One read transaction (a consistent snapshot); a helper thread runs the next
        chunk's query (SQLite releases the GIL) while this one hashes the current chunk.
        """
        conn = self._conn
        own = not conn.in_transaction  # inside an append, the write transaction is the snapshot
        if own:
            conn.execute("BEGIN")
        try:
            total, top = conn.execute("SELECT count(*), coalesce(max(seq), 0) FROM entries").fetchone()

            def fetch(low: int, high: int) -> tuple[Any, ...]:
                return tuple(conn.execute(_CHUNK_QUERY, (low, high)).fetchone())

            return verify_chunks(total, top, fetch, anchor)
        finally:
            if own:
                conn.execute("COMMIT")

    # -- writing -------------------------------------------------------------------------------

    def append(self, after: int, build: Builder) -> tuple[list[Entry], list[Entry]]:
        if self._read_only:
            raise StoreError(
                f"{self._path}: the ledger was opened read-only; nothing was written",
                f"{self._path}：台账以只读方式打开，未写入任何记录",
            )
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._error("is busy or read-only", "正忙或只读", exc) from None
        try:
            foreign = list(self.read(after))
            head = conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
            new = list(build(foreign))
            if new:
                head_seq, head_hash = head or (0, GENESIS)
                _check_continues(head_seq, head_hash, new)
                self._write(new)
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._error(
                    "refused the batch (nothing was written)", "拒绝了该批记录（未写入任何记录）", exc
                ) from None
            raise
        return foreign, new

    def _write(self, entries: Sequence[Entry]) -> None:
        self._conn.executemany(
            "INSERT INTO entries (seq, hash, canonical) VALUES (?, ?, ?)",
            [(e.seq, e.hash, e._body) for e in entries],
        )

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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

    def _not_a_ledger(self, why: str) -> StoreDamagedError:
        return StoreDamagedError(
            f"{self._path} is not a govefficiency ledger ({why}; nothing was written to it); "
            f"choose another file, or restore the ledger from a good copy",
            f"{self._path} 不是 govefficiency 台账（{why}；未对其写入任何内容）；请换一个文件或从完好副本恢复",
        )

    def _check_ledger(self) -> None:
        """The open file must be a ledger of the current schema: its application id, the
        ``meta`` format row and the ``entries`` columns."""
        conn = self._conn
        app = int(conn.execute("PRAGMA application_id").fetchone()[0])
        if app not in (0, APPLICATION_ID):
            raise self._not_a_ledger(f"its SQLite application id is {app:#x}, not {APPLICATION_ID:#x}")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        for table in ("meta", "entries"):
            if table not in tables:
                raise self._not_a_ledger(f"the table {table!r} is missing")
        columns = [row[1] for row in conn.execute("PRAGMA table_info(entries)")]
        if columns != ["seq", "hash", "canonical"]:
            raise self._not_a_ledger(f"the entries table has the columns {columns}, not seq, hash, canonical")
        row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if row is None or row[0] != "govefficiency-ledger":
            raise self._not_a_ledger("its meta table does not name the govefficiency-ledger format")


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
