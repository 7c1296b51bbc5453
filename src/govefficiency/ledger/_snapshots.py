"""Per-item snapshots stored beside the entries of a ledger, in a SQLite file (schema v3)
or a PostgreSQL database (schema v3): one implementation, the stores differing only in
their SQL (:class:`SnapshotSql`).

A snapshot is an item's fold (:class:`~govefficiency.ledger._state.Fold`) written as
sequence numbers: which entries are in effect per kind, the corrections, the orders done,
when the item was opened and its latest entry. Each row names the entry it folds up to
(the item's last entry) and that entry's hash; the snapshot head (``meta`` rows
``snapshot_seq``/``snapshot_hash`` in SQLite, a ``snapshot_heads`` row per ledger in
PostgreSQL) names the head the snapshots as a whole are up to date with. Both are checked
against the entries on every read, so a snapshot never outlives a change to the entries it
folds: a rewritten entry (even re-hashed with the rest of the chain) no longer has the
hash its snapshot names, and a truncated tail no longer holds the entry the head names.

Snapshots are written in the transaction that appends the entries: the items of the batch
when the snapshots were up to date before it, every item otherwise. A store migrated from
the schema before has none until a ledger opens it for writing (it then replays the
entries once and writes them all); read-only opens of such a store replay the entries in
memory.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from govefficiency.errors import GovEfficiencyError
from govefficiency.ledger._chain import ChainFault, ChainProblem, ChainReport
from govefficiency.ledger._entries import GENESIS, Entry, entry_from_canonical
from govefficiency.ledger._state import Fold
from govefficiency.text import Text

__all__ = ["SQLITE_SQL", "Row", "SnapshotSql", "SnapshotTable", "Snapshots", "create_v3"]

#: A snapshot row to write: ``(item_id, seq of its opening, seq it folds up to, state
#: header, sequence numbers)`` (see :meth:`Fold.to_snapshot`).
Row = tuple[str, int, int, str, bytes]


@attrs.frozen
class SnapshotSql:
    """The statements of one store's snapshots, with named parameters: ``ledger`` (the
    PostgreSQL ledger's number; unused in SQLite), ``seq``, ``hash``, and per written row
    ``item``, ``opened``, ``last``, ``state``, ``seqs``."""

    head: str  #: the snapshot head ``(seq, hash)``; no row (or NULLs) when none
    set_head: str  #: sets the snapshot head to ``seq``, ``hash``
    entry_hash: str  #: the hash of entry ``seq``
    mismatch: str  #: ``(item_id, seq)`` of the first snapshot not matching its entry or past ``seq``
    rows: str  #: ``(item_id, state, seqs)`` of every snapshot, in the order items were opened
    upsert: str  #: writes one row, its ``seq`` and ``hash`` taken from the entry ``last`` as stored
    delete: str  #: drops every snapshot
    store: str = "SqliteStore(path)"  #: how the fix names the store, in English
    store_zh: str = "SqliteStore(路径)"  #: and in Chinese


SQLITE_SQL = SnapshotSql(
    head="SELECT (SELECT value FROM meta WHERE key = 'snapshot_seq'), "
    "(SELECT value FROM meta WHERE key = 'snapshot_hash')",
    set_head="INSERT OR REPLACE INTO meta (key, value) VALUES ('snapshot_seq', :seq), ('snapshot_hash', :hash)",
    entry_hash="SELECT hash FROM entries WHERE seq = :seq",
    mismatch="SELECT s.item_id, s.seq FROM snapshots s LEFT JOIN entries e ON e.seq = s.seq "
    "WHERE e.hash IS NULL OR e.hash != s.hash OR s.seq > :seq ORDER BY s.seq LIMIT 1",
    rows="SELECT item_id, state, seqs FROM snapshots ORDER BY opened",
    upsert="INSERT OR REPLACE INTO snapshots (item_id, opened, seq, hash, state, seqs) "
    "SELECT :item, :opened, seq, hash, :state, :seqs FROM entries WHERE seq = :last",
    delete="DELETE FROM snapshots",
)


def create_v3(conn: sqlite3.Connection) -> None:
    """SQLite schema v3: the ``snapshots`` table and the head they are up to date with (none yet)."""
    conn.execute(
        """
        CREATE TABLE snapshots (
            item_id TEXT PRIMARY KEY,
            opened INTEGER NOT NULL,   -- seq of the item's opening entry (the order of items)
            seq INTEGER NOT NULL,      -- the item's last entry, which the state folds up to
            hash TEXT NOT NULL,        -- that entry's hash, checked on every read
            state TEXT NOT NULL,       -- the fold's header (JSON, docs/ledger.md)
            seqs BLOB NOT NULL         -- its sequence numbers, 64-bit little-endian
        )
        """
    )
    conn.execute(SQLITE_SQL.set_head, {"seq": 0, "hash": GENESIS})


@attrs.frozen
class Snapshots:
    """The stored snapshots: the head they are up to date with and one row per item
    ``(item_id, state header, sequence numbers)``, in the order the items were opened."""

    seq: int
    hash: str
    rows: tuple[tuple[str, str, bytes], ...]


@attrs.frozen
class SnapshotTable:
    """The snapshots of one ledger: a connection (``sqlite3`` or psycopg), its SQL and
    the ledger's number (PostgreSQL). Every method runs inside the caller's transaction,
    and database errors pass through to the store, which names them."""

    conn: Any
    sql: SnapshotSql
    ledger: int = 0

    def _run(self, statement: str, **params: Any) -> Any:
        return self.conn.execute(statement, {"ledger": self.ledger, **params})

    def head(self) -> tuple[int, str]:
        """``(seq, hash)`` the snapshots are up to date with (``(0, GENESIS)`` when none)."""
        row = self._run(self.sql.head).fetchone()
        if row is None or row[0] is None:
            return 0, GENESIS
        return int(row[0]), str(row[1])

    def mismatch(self) -> ChainProblem | None:
        """The first snapshot (or the snapshot head) whose hash is not that of the entry it
        names, or which names an entry past the snapshot head; ``None`` when all match."""
        seq, hash_ = self.head()
        row = self._run(self.sql.entry_hash, seq=seq).fetchone()
        if seq < 0 or (seq > 0 and (row is None or row[0] != hash_)) or (seq == 0 and hash_ != GENESIS):
            return _problem(self.sql, seq, "the snapshot head", "快照总表头")
        bad = self._run(self.sql.mismatch, seq=seq).fetchone()
        if bad is None:
            return None
        return _problem(self.sql, int(bad[1]), f"the snapshot of item {bad[0]}", f"事项 {bad[0]} 的快照")

    def read(self) -> Snapshots | ChainProblem:
        """The stored snapshots, or the problem of the first one that does not match its entry."""
        problem = self.mismatch()
        if problem is not None:
            return problem
        seq, hash_ = self.head()
        rows = self._run(self.sql.rows).fetchall()
        return Snapshots(seq, hash_, tuple((str(i), str(s), bytes(b)) for i, s, b in rows))

    def reset(self) -> None:
        """Drop every snapshot: the next writable open replays the entries and writes them again."""
        self._run(self.sql.delete)
        self._run(self.sql.set_head, seq=0, hash=GENESIS)

    def write(self, rows: Iterable[Row], seq: int, hash_: str) -> None:
        """Upsert ``rows`` and mark the snapshots as up to date with entry ``seq`` hashed
        ``hash_``. Each row's hash is taken from the entry it names, as stored."""
        params = [
            {
                "ledger": self.ledger,
                "item": item,
                "opened": opened,
                "last": last,
                "state": state,
                "seqs": seqs,
            }
            for item, opened, last, state, seqs in rows
        ]
        if params:
            self.conn.cursor().executemany(self.sql.upsert, params)
        self._run(self.sql.set_head, seq=seq, hash=hash_)

    def check(self, report: ChainReport, rows: Iterable[Sequence[Any]] | None) -> ChainReport:
        """``report`` (an intact chain) unless a snapshot does not match its entry, or, with
        ``rows`` (every row ``(seq, hash, canonical)``, decoded), differs from the replay."""
        problem = self.mismatch()
        if problem is None and rows is not None and self.head()[0] == report.head_seq:
            problem = self.rebuilt_mismatch(rows)
        return (
            report
            if problem is None
            else ChainReport(report.head_seq, report.head_seq, report.head_hash, problem)
        )

    def rebuilt_mismatch(self, rows: Iterable[Sequence[Any]]) -> ChainProblem | None:
        """Replay every row ``(seq, hash, canonical)`` (decoded) into fresh folds and compare
        them with the stored snapshots; the first snapshot that differs, else ``None``.

        Only meaningful on an intact chain whose entries all decode, and when the snapshots
        are up to date with the head."""
        seq, _ = self.head()
        folds: dict[str, Fold] = {}
        for row_seq, hash_, canonical in rows:
            if row_seq > seq:
                break
            try:
                entry: Entry = entry_from_canonical(row_seq, hash_, canonical)
            except GovEfficiencyError:  # pragma: no cover - the caller decoded every row first
                return None
            fold = folds.get(entry.item_id)
            if fold is None:
                fold = folds[entry.item_id] = Fold(entry.item_id, _no_entries)
            fold.apply(entry)
        stored = {i: (t, bytes(b)) for i, t, b in self._run(self.sql.rows).fetchall()}
        for item_id, fold in folds.items():
            found = stored.pop(item_id, None)
            if found is None or _comparable(*found) != _comparable(*fold.to_snapshot()):
                return _problem(
                    self.sql,
                    fold.last_seq,
                    f"the snapshot of item {item_id}",
                    f"事项 {item_id} 的快照",
                    "differs from the state replayed from the entries",
                    "与由记录重放得到的状态不一致",
                )
        for item_id in stored:
            return _problem(
                self.sql,
                seq,
                f"the snapshot of item {item_id}",
                f"事项 {item_id} 的快照",
                "names an item without entries",
                "对应的事项没有任何记录",
            )
        return None


def _problem(
    sql: SnapshotSql, seq: int, what_en: str, what_zh: str, why_en: str = "", why_zh: str = ""
) -> ChainProblem:
    why_en = why_en or "does not match the hash of the entry it folds up to"
    why_zh = why_zh or "与其所折叠到的记录的哈希不符"
    return ChainProblem(
        ChainFault.SNAPSHOT,
        seq,
        seq,
        max(seq - 1, 0),
        Text(
            f"{what_zh}（截至第 {seq} 条记录）{why_zh}：记录或快照在本库之外被改动；请从完好副本恢复；"
            f"若记录经校验完好（最好对照保存的锚点），可用 {sql.store_zh}.reset_snapshots() 由记录重建快照",
            f"{what_en} (up to entry {seq}) {why_en}: the entries or the snapshots were changed outside "
            f"the library; restore a good copy, or, when the entries verify (best against a kept anchor), "
            f"rebuild the snapshots from them with {sql.store}.reset_snapshots()",
        ),
    )


def _comparable(text: str, seqs: bytes) -> tuple[dict[str, Any], bytes]:
    data: dict[str, Any] = json.loads(text)
    data.pop("latest", None)  # a cache: absent until recomputed after a correction
    return data, seqs


def _no_entries(seqs: Sequence[int]) -> list[Entry]:  # pragma: no cover - never decoded
    raise AssertionError("a rebuilt fold is only compared")
