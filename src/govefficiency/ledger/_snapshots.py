"""Per-item snapshots stored beside the entries of a SQLite ledger (schema v3).

A snapshot is an item's fold (:class:`~govefficiency.ledger._state.Fold`) written as
sequence numbers: which entries are in effect per kind, the corrections, the orders done,
when the item was opened and its latest entry. Each row names the entry it folds up to
(the item's last entry) and that entry's hash; the ``meta`` rows ``snapshot_seq`` and
``snapshot_hash`` name the head the snapshots as a whole are up to date with. Both are
checked against the entries on every read, so a snapshot never outlives a change to the
entries it folds: a rewritten entry (even re-hashed with the rest of the chain) no longer
has the hash its snapshot names.

Snapshots are written in the transaction that appends the entries: the items of the batch
when the snapshots were up to date before it, every item otherwise. A file migrated from
schema v2 has none until a ledger opens it for writing (it then replays the entries once
and writes them all); read-only opens of such a file replay the entries in memory.
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

__all__ = ["Snapshots", "create_v3", "find_mismatch", "read_snapshots", "rebuilt_mismatch", "write_snapshots"]

#: A snapshot row to write: ``(item_id, seq of its opening, seq it folds up to, state
#: header, sequence numbers)`` (see :meth:`Fold.to_snapshot`).
Row = tuple[str, int, int, str, bytes]


def create_v3(conn: sqlite3.Connection) -> None:
    """Schema v3: the ``snapshots`` table and the head they are up to date with (none yet)."""
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
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [("snapshot_seq", "0"), ("snapshot_hash", GENESIS)],
    )


@attrs.frozen
class Snapshots:
    """The stored snapshots: the head they are up to date with and one row per item
    ``(item_id, state header, sequence numbers)``, in the order the items were opened."""

    seq: int
    hash: str
    rows: tuple[tuple[str, str, bytes], ...]


def head_of(conn: sqlite3.Connection) -> tuple[int, str]:
    """``(snapshot_seq, snapshot_hash)`` from the ``meta`` table."""
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('snapshot_seq', 'snapshot_hash')"))
    return int(meta.get("snapshot_seq", 0)), str(meta.get("snapshot_hash", GENESIS))


def find_mismatch(conn: sqlite3.Connection) -> ChainProblem | None:
    """The first snapshot (or the snapshot head) whose hash is not that of the entry it
    names, or which names an entry past the snapshot head; ``None`` when all match."""
    seq, hash_ = head_of(conn)
    row = conn.execute("SELECT hash FROM entries WHERE seq = ?", (seq,)).fetchone()
    if seq < 0 or (seq > 0 and (row is None or row[0] != hash_)) or (seq == 0 and hash_ != GENESIS):
        return _problem(seq, "the snapshot head", "快照总表头")
    bad = conn.execute(
        "SELECT s.item_id, s.seq FROM snapshots s LEFT JOIN entries e ON e.seq = s.seq "
        "WHERE e.hash IS NULL OR e.hash != s.hash OR s.seq > ? ORDER BY s.seq LIMIT 1",
        (seq,),
    ).fetchone()
    if bad is None:
        return None
    return _problem(int(bad[1]), f"the snapshot of item {bad[0]}", f"事项 {bad[0]} 的快照")


def _problem(seq: int, what_en: str, what_zh: str, why_en: str = "", why_zh: str = "") -> ChainProblem:
    why_en = why_en or "does not match the hash of the entry it folds up to"
    why_zh = why_zh or "与其所折叠到的记录的哈希不符"
    return ChainProblem(
        ChainFault.SNAPSHOT,
        seq,
        seq,
        max(seq - 1, 0),
        Text(
            f"{what_zh}（截至第 {seq} 条记录）{why_zh}：记录或快照在本库之外被改动；请从完好副本恢复；"
            f"若记录经校验完好（最好对照保存的锚点），可用 SqliteStore(路径).reset_snapshots() 由记录重建快照",
            f"{what_en} (up to entry {seq}) {why_en}: the entries or the snapshots were changed outside "
            f"the library; restore a good copy, or, when the entries verify (best against a kept anchor), "
            f"rebuild the snapshots from them with SqliteStore(path).reset_snapshots()",
        ),
    )


def read_snapshots(conn: sqlite3.Connection) -> Snapshots | ChainProblem:
    """The stored snapshots, or the problem of the first one that does not match its entry."""
    problem = find_mismatch(conn)
    if problem is not None:
        return problem
    seq, hash_ = head_of(conn)
    rows = conn.execute("SELECT item_id, state, seqs FROM snapshots ORDER BY opened").fetchall()
    return Snapshots(seq, hash_, tuple((str(i), str(s), bytes(b)) for i, s, b in rows))


def reset(conn: sqlite3.Connection) -> None:
    """Drop every snapshot (inside the caller's transaction): the next writable open
    replays the entries and writes them again."""
    conn.execute("DELETE FROM snapshots")
    conn.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [("snapshot_seq", "0"), ("snapshot_hash", GENESIS)],
    )


def write_snapshots(conn: sqlite3.Connection, rows: Iterable[Row], seq: int, hash_: str) -> None:
    """Upsert ``rows`` (inside the caller's transaction) and mark the snapshots as up to
    date with entry ``seq`` hashed ``hash_``. Each row's hash is taken from the entry it
    names, as stored."""
    conn.executemany(
        "INSERT OR REPLACE INTO snapshots (item_id, opened, seq, hash, state, seqs) "
        "SELECT ?, ?, seq, hash, ?, ? FROM entries WHERE seq = ?",
        ((item_id, opened, state, seqs, last) for item_id, opened, last, state, seqs in rows),
    )
    conn.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [("snapshot_seq", str(seq)), ("snapshot_hash", hash_)],
    )


def _comparable(text: str, seqs: bytes) -> tuple[dict[str, Any], bytes]:
    data: dict[str, Any] = json.loads(text)
    data.pop("latest", None)  # a cache: absent until recomputed after a correction
    return data, seqs


def rebuilt_mismatch(conn: sqlite3.Connection, rows: Iterable[Sequence[Any]]) -> ChainProblem | None:
    """Replay every row ``(seq, hash, canonical)`` (decoded) into fresh folds and compare
    them with the stored snapshots; the first snapshot that differs, else ``None``.

    Only meaningful on an intact chain whose entries all decode, and when the snapshots
    are up to date with the head."""
    seq, _ = head_of(conn)
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
    stored = {i: (t, bytes(b)) for i, t, b in conn.execute("SELECT item_id, state, seqs FROM snapshots")}
    for item_id, fold in folds.items():
        found = stored.pop(item_id, None)
        if found is None or _comparable(*found) != _comparable(*fold.to_snapshot()):
            return _problem(
                fold.last_seq,
                f"the snapshot of item {item_id}",
                f"事项 {item_id} 的快照",
                "differs from the state replayed from the entries",
                "与由记录重放得到的状态不一致",
            )
    for item_id in stored:
        return _problem(
            seq,
            f"the snapshot of item {item_id}",
            f"事项 {item_id} 的快照",
            "names an item without entries",
            "对应的事项没有任何记录",
        )
    return None


def _no_entries(seqs: Sequence[int]) -> list[Entry]:  # pragma: no cover - never decoded
    raise AssertionError("a rebuilt fold is only compared")


def as_report(problem: ChainProblem, head_seq: int, head_hash: str) -> ChainReport:
    """The report of an intact chain whose snapshot ``problem`` was found."""
    return ChainReport(head_seq, head_seq, head_hash, problem)
