"""Verifying the hash chain: find the first entry that was modified, deleted, inserted or
reordered, and say so as a value (a :class:`ChainReport`)."""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Iterable, Iterator

import attrs

from govefficiency.errors import InvalidInputError, LedgerIntegrityError
from govefficiency.ledger._entries import GENESIS, Entry
from govefficiency.text import Lang, Text, check_lang

__all__ = ["ChainFault", "ChainProblem", "ChainReport", "verify_canonical", "verify_entries"]

_sha256 = hashlib.sha256


class ChainFault(enum.Enum):
    """What is wrong at the first bad entry."""

    #: The entry's content does not match its hash.
    MODIFIED = "modified"
    #: Sequence numbers jump: the entries in between are missing.
    DELETED = "deleted"
    #: A sequence number appears a second time.
    INSERTED = "inserted"
    #: An entry appears before one with a lower sequence number.
    REORDERED = "reordered"
    #: The entry is intact but does not name the hash of the entry before it: an entry
    #: before it was inserted, deleted or altered and re-hashed.
    UNLINKED = "unlinked"
    #: The chain is shorter than the anchor it was checked against.
    TRUNCATED = "truncated"
    #: The chain is internally consistent but differs from the anchor: it was rewritten.
    REWRITTEN = "rewritten"


@attrs.frozen
class ChainProblem:
    """The first bad entry of a chain.

    Attributes:
        fault: what is wrong.
        seq: the sequence number expected at that position (the entry that is bad or
            missing).
        found: the sequence number actually found there, or ``None`` past the end.
        position: the 0-based position in the chain as read.
        message: an explanation in Chinese and English.
    """

    fault: ChainFault
    seq: int
    found: int | None
    position: int
    message: Text


@attrs.frozen
class ChainReport:
    """The result of verifying a ledger's hash chain.

    Attributes:
        checked: how many entries were checked before the first problem (all of them
            when the chain is intact).
        head_seq: the last good sequence number (0 for an empty chain).
        head_hash: the hash of the last good entry (:data:`GENESIS` when none): keep it
            as an *anchor* to detect a later truncation or rewrite.
        problem: the first problem, or ``None`` when the chain is intact.
    """

    checked: int
    head_seq: int
    head_hash: str
    problem: ChainProblem | None = None

    @property
    def ok(self) -> bool:
        """Whether the chain is intact."""
        return self.problem is None

    def __bool__(self) -> bool:
        return self.problem is None

    def render(self, lang: Lang = "zh") -> str:
        """One line: intact with the head, or the first bad entry."""
        lang = check_lang(lang)
        if self.problem is None:
            if lang == "zh":
                return f"哈希链完整：共 {self.checked} 条记录，末条 #{self.head_seq} {self.head_hash}"
            return f"chain intact: {self.checked} entries, head #{self.head_seq} {self.head_hash}"
        return self.problem.message.get(lang)

    def raise_if_broken(self) -> ChainReport:
        """``self`` when the chain is intact; raise :class:`LedgerIntegrityError` otherwise."""
        if self.problem is not None:
            raise LedgerIntegrityError(
                f"the ledger's hash chain is broken: {self.problem.message.en}",
                f"台账哈希链已损坏：{self.problem.message.zh}",
            )
        return self


Anchor = tuple[int, str]


def check_anchor(anchor: object) -> Anchor | None:
    if anchor is None:
        return None
    if (
        not isinstance(anchor, tuple)
        or len(anchor) != 2
        or type(anchor[0]) is not int
        or anchor[0] < 0
        or type(anchor[1]) is not str
    ):
        raise InvalidInputError(
            f"an anchor is (seq, hash) of an entry seen before, e.g. (ledger.head_seq, ledger.head_hash); "
            f"got {anchor!r}",
            f"锚点必须是先前记下的 (序号, 哈希)，如 (ledger.head_seq, ledger.head_hash)；而不是 {anchor!r}",
        )
    return anchor


def verify_entries(entries: Iterable[Entry], *, anchor: Anchor | None = None) -> ChainReport:
    """Verify a chain of entries in the order given.

    Every entry must have ``seq`` one more than the one before (starting at 1), name
    the hash of the one before in ``prev_hash`` (:data:`GENESIS` for the first) and
    carry the sha256 of its own canonical encoding in ``hash``.

    Args:
        entries: the chain, in order (e.g. read from a JSON Lines file).
        anchor: ``(seq, hash)`` of an entry recorded earlier (e.g. a head published in
            a report); detects truncation or a rewrite of the whole tail, which a chain
            alone cannot show.

    Returns:
        a :class:`ChainReport` naming the first bad entry, if any.
    """
    anchor = check_anchor(anchor)
    it = iter(entries)
    expected = 1
    prev = GENESIS
    anchored = None
    for entry in it:
        if not isinstance(entry, Entry):
            raise InvalidInputError(
                f"verify_entries() needs Entry values, not {type(entry).__name__}",
                f"verify_entries() 需要 Entry，而不是 {type(entry).__name__}",
            )
        h = entry.hash
        if (
            entry.seq != expected
            or entry.prev_hash != prev
            or _sha256(entry._body.encode("utf-8")).hexdigest() != h
        ):
            intact = _sha256(entry._body.encode("utf-8")).hexdigest() == h
            rest = (e.seq for e in it if isinstance(e, Entry))
            return _diagnose(expected, prev, entry.seq, intact, rest)
        if anchor is not None and expected == anchor[0]:
            anchored = h
        prev = h
        expected += 1
    return _finish(expected - 1, prev, anchor, anchored)


#: The end of a canonical encoding: the previous hash and the sequence number (the
#: instant before them never contains a quote; ASCII 30 separates texts in bulk checks).
TAIL = re.compile(rb',"prev":"([0-9a-f]{64})","recorded":"[^"\x1e]*","seq":([0-9]+)\}(?=\x1e|\Z)')


def _named(data: object) -> tuple[str | None, int | None]:
    """The previous hash and the seq that a canonical text names (``None`` if unreadable)."""
    match = TAIL.search(data) if isinstance(data, bytes) else None
    if match is None:
        return None, None
    return match.group(1).decode(), int(match.group(2))


def verify_canonical(
    rows: Iterable[tuple[object, object, object]],
    *,
    anchor: Anchor | None = None,
) -> ChainReport:
    """Verify stored rows ``(seq, hash, canonical bytes)`` one by one: the hash must be
    the sha256 of the canonical text, which must name the previous hash and the row's
    ``seq``. A row moved elsewhere is recognised by the seq its text names."""
    anchor = check_anchor(anchor)
    it = iter(rows)
    expected = 1
    prev = GENESIS
    anchored = None
    for seq, h, data in it:
        named_prev, named_seq = _named(data)
        intact = isinstance(data, bytes) and named_seq == seq and _sha256(data).hexdigest() == h
        if seq != expected or named_seq != expected or named_prev != prev or not intact:
            found = named_seq if named_seq is not None else (seq if type(seq) is int else -1)
            rest = (_named(r[2])[1] or r[0] for r in it)
            return _diagnose(expected, prev, found, intact, rest)
        if anchor is not None and expected == anchor[0]:
            anchored = h
        prev = h  # type: ignore[assignment]
        expected += 1
    return _finish(expected - 1, prev, anchor, anchored)


def _finish(count: int, head: str, anchor: Anchor | None, anchored: object) -> ChainReport:
    if anchor is not None and anchor[0] > 0:
        seq, h = anchor
        if count < seq:
            return ChainReport(
                count,
                count,
                head,
                ChainProblem(
                    ChainFault.TRUNCATED,
                    count + 1,
                    None,
                    count,
                    Text(
                        f"台账在第 {count} 条后结束，但锚点指向第 {seq} 条：其后的记录已被删除",
                        f"the chain ends after entry {count} but the anchor names entry {seq}: "
                        f"entries after {count} were removed",
                    ),
                ),
            )
        if anchored != h:
            return ChainReport(
                seq - 1,
                seq - 1,
                "",
                ChainProblem(
                    ChainFault.REWRITTEN,
                    seq,
                    seq,
                    seq - 1,
                    Text(
                        f"第 {seq} 条记录的哈希与锚点不符：该条或更早的记录被改写并重新计算了哈希",
                        f"entry {seq} does not have the anchored hash: it or an earlier entry was "
                        f"rewritten and re-hashed",
                    ),
                ),
            )
    return ChainReport(count, count, head)


def _diagnose(expected: int, prev: str, found: int, intact: bool, rest: Iterator[object]) -> ChainReport:
    position = expected - 1
    head_seq = expected - 1
    if found > expected:
        later = expected in set(rest)
        if later:
            fault = ChainFault.REORDERED
            zh = f"第 {expected} 条记录处出现了第 {found} 条：记录顺序被调换（第 {expected} 条在其后）"
            en = f"entry {found} appears where entry {expected} belongs: entries were reordered ({expected} comes later)"
        else:
            fault = ChainFault.DELETED
            gap = f"{expected}" if found == expected + 1 else f"{expected}–{found - 1}"
            zh = f"第 {gap} 条记录缺失：在第 {found} 条之前的记录被删除"
            en = f"entry {gap} is missing: deleted before entry {found}"
    elif found < expected:
        fault = ChainFault.INSERTED
        zh = f"第 {expected} 条记录处出现了重复的序号 {found}：有记录被插入"
        en = f"sequence number {found} appears again where entry {expected} belongs: an entry was inserted"
    elif not intact:
        fault = ChainFault.MODIFIED
        zh = f"第 {expected} 条记录的内容与其哈希不符：该记录被修改"
        en = f"entry {expected} does not match its hash: it was modified"
    else:
        fault = ChainFault.UNLINKED
        zh = f"第 {expected} 条记录完好，但未指向前一条记录的哈希：其前有记录被插入、删除或被修改后重新计算哈希"
        en = (
            f"entry {expected} is intact but does not name the hash of the entry before it: an entry "
            f"before it was inserted, deleted, or altered and re-hashed"
        )
    return ChainReport(
        position,
        head_seq,
        prev,
        ChainProblem(fault, expected, found if found >= 0 else None, position, Text(zh, en)),
    )
