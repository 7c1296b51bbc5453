"""What the stores share: the batch builder type, the continuity check of a batch and
the bulk verification of a stored chain (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from govefficiency.errors import GovEfficiencyError, StoreError
from govefficiency.ledger._chain import Anchor, ChainFault, ChainProblem, ChainReport, modified
from govefficiency.ledger._entries import GENESIS, Entry, entry_from_canonical
from govefficiency.text import Text

__all__ = ["Builder", "check_continues", "check_decoded", "numbered_below_one", "verify_chunks"]

#: The batch builder a ledger passes to :meth:`LedgerStore.append`: given the entries
#: appended by others since the ledger's last look, return the sealed entries to write.
Builder = Callable[[Sequence[Entry]], Sequence[Entry]]


def check_continues(head_seq: int, head_hash: str, new: Sequence[Entry]) -> None:
    expected, prev = head_seq + 1, head_hash
    for entry in new:
        if not isinstance(entry, Entry) or entry.seq != expected or entry.prev_hash != prev:
            raise StoreError(
                f"the batch does not continue the chain at entry {expected}; nothing was written",
                f"该批记录未能接续第 {expected} 条之后的哈希链，未写入任何记录",
            )
        expected, prev = expected + 1, entry.hash


# Rows are verified in chunks: SQLite concatenates a chunk's hashes and canonical texts
# (ASCII 30, the record separator, cannot occur in canonical JSON), Python hashes each
# text and compares the chunk's prev links and sequence numbers in bulk.
_CHUNK = 5_000
# A chunk holding a row whose hash or text is not stored as text gives NULL texts, so the
# rows are then walked one by one (and the row named).
_CHUNK_QUERY = (
    "SELECT count(*), group_concat(hash, ''), CASE WHEN sum(typeof(hash) != 'text' OR "
    "typeof(canonical) != 'text') THEN NULL ELSE CAST(group_concat(canonical, char(30)) AS BLOB) END "
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
    thread fetches the next chunk while this one hashes the current chunk, comparing the
    binary digests with the stored hashes decoded from hex at once.

    (Measured on a million rows, this is 1.3x the floor of one cursor hashing row by
    row, where one streaming cursor read through ``fetchmany`` was 1.9x: SQLite builds a
    chunk without the GIL, while the rows of a cursor are Python tuples.)
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
            # binary digests, compared at once with the stored hashes decoded from hex
            if len(parts) != n or b"".join([_sha256(b).digest() for b in parts]) != _binary(hashes):
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


def _binary(hashes: str) -> bytes | None:
    """Hex digests as bytes (``None`` when not hex)."""
    try:
        return bytes.fromhex(hashes)
    except ValueError:
        return None


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
            return modified(
                seq,
                prev,
                seq,
                Text(
                    f"第 {seq} 条记录与其哈希相符，但不是有效的台账记录（{exc.zh or exc.en}）：该记录是在本库之外伪造的",
                    f"entry {seq} matches its hash but is not a valid ledger entry ({exc.en}): it was forged "
                    f"outside the library",
                ),
            )
        prev = hash_
    return report
