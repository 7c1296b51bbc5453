"""Verifying the hash chain: find the first entry that was modified, deleted, inserted or
reordered, and say so as a value (a :class:`ChainReport`)."""

from __future__ import annotations

import enum
import hashlib
import hmac
import re
from collections.abc import Callable, Iterable, Iterator

import attrs

from govefficiency._validators import check_iter
from govefficiency.errors import InvalidInputError, LedgerIntegrityError
from govefficiency.ledger._entries import GENESIS, Entry
from govefficiency.text import Lang, Text, require_lang

__all__ = [
    "ChainFault",
    "ChainProblem",
    "ChainReport",
    "KeyedAnchor",
    "parse_anchor",
    "verify_canonical",
    "verify_entries",
]

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
    #: A keyed anchor whose MAC does not match the key: it was forged or altered (or the
    #: key is not the one it was made with).
    ANCHOR_FORGED = "anchor_forged"
    #: Entries after the head a keyed anchor attests: nothing vouches for them (a forged
    #: append with recomputed hashes looks exactly like this).
    UNATTESTED = "unattested"
    #: The chain is intact, but a per-item state snapshot stored beside it does not match
    #: the entry it names (or the state replayed from the entries): the entries or the
    #: snapshots were changed outside the library.
    SNAPSHOT = "snapshot"


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
        attested: with a keyed anchor checked against its key, the entries ``1..attested``
            it vouches for; ``None`` when no key was used.
    """

    checked: int
    head_seq: int
    head_hash: str
    problem: ChainProblem | None = None
    attested: int | None = None

    @property
    def ok(self) -> bool:
        """Whether the chain is intact."""
        return self.problem is None

    def __bool__(self) -> bool:
        return self.problem is None

    def render(self, lang: Lang = "zh") -> str:
        """One line: intact with the head, or the first bad entry."""
        lang = require_lang(lang)
        if self.problem is None:
            if lang == "zh":
                line = f"哈希链完整：共 {self.checked} 条记录，末条 #{self.head_seq} {self.head_hash}"
            else:
                line = f"chain intact: {self.checked} entries, head #{self.head_seq} {self.head_hash}"
            return line + self._attestation(lang)
        return self.problem.message.get(lang)

    def _attestation(self, lang: Lang) -> str:
        k, n = self.attested, self.head_seq
        if k is None:
            return ""
        if lang == "zh":
            rest = f"；{_span(k + 1, n, 'zh')}没有密钥锚点证明" if n > k else ""
            return (f"；密钥锚点证明{_span(1, k, 'zh')}" if k else "；密钥锚点证明台账为空") + rest
        rest = f"; {_span(k + 1, n, 'en')} not attested by any keyed anchor" if n > k else ""
        return (
            f"; {_span(1, k, 'en')} attested by the keyed anchor"
            if k
            else "; the keyed anchor attests an empty ledger"
        ) + rest

    def raise_if_broken(self) -> ChainReport:
        """``self`` when the chain is intact; raise :class:`LedgerIntegrityError` otherwise."""
        if self.problem is not None:
            raise LedgerIntegrityError(
                f"the ledger's hash chain is broken: {self.problem.message.en}",
                f"台账哈希链已损坏：{self.problem.message.zh}",
            )
        return self


Anchor = tuple[int, str]


def _span(first: int, last: int, lang: Lang) -> str:
    """``entry 3`` or ``entries 3–5`` (``第 3 条`` / ``第 3–5 条``)."""
    if lang == "zh":
        return f"第 {first} 条" if first == last else f"第 {first}–{last} 条"
    return f"entry {first}" if first == last else f"entries {first}–{last}"


_HEX64 = re.compile(r"[0-9a-f]{64}")
#: Fewer key bytes than this are refused (128 bits; 32 random bytes are recommended).
MIN_KEY_BYTES = 16
#: What a keyed anchor's MAC covers, before ``SEQ:HASH`` (versioned, so that a MAC made
#: for another purpose with the same key never passes for an anchor).
_MAC_CONTEXT = b"govefficiency ledger anchor v1\n"


def _bad_anchor(anchor: object, hint_en: str = "", hint_zh: str = "") -> InvalidInputError:
    shown = repr(anchor)
    shown = shown if len(shown) <= 80 else shown[:77] + "…"
    return InvalidInputError(
        f"an anchor is (seq, hash) of an entry seen before, e.g. ledger.anchor, or a KeyedAnchor "
        f"from ledger.keyed_anchor(key){hint_en}; got {shown}",
        f"锚点必须是先前记下的 (序号, 哈希)（如 ledger.anchor），或 ledger.keyed_anchor(key) "
        f"给出的 KeyedAnchor{hint_zh}；而不是 {shown}",
    )


def check_anchor(anchor: object) -> Anchor | None:
    """``anchor`` when it is ``None`` or a well-formed ``(seq, hash)``: ``seq`` an int >= 0,
    ``hash`` 64 lowercase hex digits (:data:`GENESIS` for seq 0).

    Raises:
        InvalidInputError: anything else (a keyed anchor included: it is checked with its
            key by :meth:`Ledger.verify`).
    """
    if anchor is None:
        return None
    if isinstance(anchor, KeyedAnchor):
        raise _bad_anchor(
            anchor,
            "; a keyed anchor is checked with its key: Ledger.verify(anchor=..., key=...)",
            "；密钥锚点须连同密钥校验：Ledger.verify(anchor=..., key=...)",
        )
    if (
        not isinstance(anchor, tuple)
        or len(anchor) != 2
        or type(anchor[0]) is not int
        or anchor[0] < 0
        or type(anchor[1]) is not str
        or not _HEX64.fullmatch(anchor[1])
        or (anchor[0] == 0 and anchor[1] != GENESIS)
    ):
        raise _bad_anchor(anchor, " (the hash is 64 lowercase hex digits)", "（哈希为 64 位小写十六进制数）")
    return anchor


def check_key(key: object) -> bytes:
    """``key`` as bytes, when it is bytes of at least :data:`MIN_KEY_BYTES`."""
    if not isinstance(key, bytes | bytearray):
        raise InvalidInputError(
            f"the anchor key must be bytes (e.g. read from a key file), not {type(key).__name__}",
            f"锚点密钥必须是字节串（如从密钥文件读取），而不是 {type(key).__name__}",
        )
    if len(key) < MIN_KEY_BYTES:
        raise InvalidInputError(
            f"the anchor key has {len(key)} bytes; use at least {MIN_KEY_BYTES} random bytes "
            f"(e.g. `openssl rand -hex 32 > ledger.key`)",
            f"锚点密钥只有 {len(key)} 字节；请使用至少 {MIN_KEY_BYTES} 字节的随机密钥"
            f"（如 `openssl rand -hex 32 > ledger.key`）",
        )
    return bytes(key)


def _mac(key: bytes, seq: int, head_hash: str) -> str:
    return hmac.new(key, _MAC_CONTEXT + f"{seq}:{head_hash}".encode("ascii"), hashlib.sha256).hexdigest()


@attrs.frozen
class KeyedAnchor:
    """A head of the chain signed with a secret key (HMAC-SHA256): ``seq``, ``head_hash``
    and ``mac``. Whoever holds the key makes one (:meth:`Ledger.keyed_anchor`) and checks
    it (:meth:`Ledger.verify` with ``key=``); without the key nobody can make an anchor
    for a forged chain. Written ``SEQ:HASH:MAC`` (``str(anchor)``, :meth:`parse`).

    Raises:
        InvalidInputError: a field that is malformed (``seq`` an int >= 0, ``head_hash``
            and ``mac`` 64 lowercase hex digits).
    """

    seq: int
    head_hash: str
    mac: str

    def __attrs_post_init__(self) -> None:
        check_anchor((self.seq, self.head_hash))
        if type(self.mac) is not str or not _HEX64.fullmatch(self.mac):
            raise _bad_anchor(
                self.mac, ": the MAC is 64 lowercase hex digits", "：消息认证码为 64 位小写十六进制数"
            )

    @property
    def unkeyed(self) -> Anchor:
        """``(seq, head_hash)``."""
        return (self.seq, self.head_hash)

    def matches(self, key: bytes) -> bool:
        """Whether the MAC was made with ``key`` for this head."""
        return hmac.compare_digest(_mac(check_key(key), self.seq, self.head_hash), self.mac)

    def __str__(self) -> str:
        return f"{self.seq}:{self.head_hash}:{self.mac}"

    @classmethod
    def parse(cls, text: str) -> KeyedAnchor:
        """A keyed anchor written ``SEQ:HASH:MAC``."""
        anchor = parse_anchor(text)
        if not isinstance(anchor, KeyedAnchor):
            raise _bad_anchor(text, ", written SEQ:HASH:MAC", "，写作 SEQ:HASH:MAC")
        return anchor


def sign_anchor(anchor: Anchor, key: bytes) -> KeyedAnchor:
    """``anchor`` with its MAC under ``key``."""
    seq, head_hash = check_anchor(anchor) or (0, GENESIS)
    return KeyedAnchor(seq, head_hash, _mac(check_key(key), seq, head_hash))


def parse_anchor(text: str) -> Anchor | KeyedAnchor:
    """An anchor written ``SEQ:HASH`` or, keyed, ``SEQ:HASH:MAC``.

    Raises:
        InvalidInputError: any other text.
    """
    if not isinstance(text, str):
        raise _bad_anchor(text)
    parts = text.split(":")
    if len(parts) not in (2, 3) or not parts[0].isascii() or not parts[0].isdigit() or len(parts[0]) > 18:
        raise _bad_anchor(text, ", written SEQ:HASH or SEQ:HASH:MAC", "，写作 SEQ:HASH 或 SEQ:HASH:MAC")
    seq = int(parts[0])
    if len(parts) == 2:
        return check_anchor((seq, parts[1])) or (0, GENESIS)
    return KeyedAnchor(seq, parts[1], parts[2])


def verify_keyed(
    verify: Callable[[Anchor], ChainReport], anchor: object, key: object, *, allow_later: bool = False
) -> ChainReport:
    """Check a keyed anchor's MAC with ``key``, then the chain with ``verify(unkeyed
    anchor)``; entries after the attested head are a problem (``UNATTESTED``) unless
    ``allow_later``, and are counted as unattested in the report either way."""
    if not isinstance(anchor, KeyedAnchor):
        raise _bad_anchor(
            anchor,
            "; a key checks a keyed anchor (SEQ:HASH:MAC from ledger.keyed_anchor(key))",
            "；密钥用于校验密钥锚点（ledger.keyed_anchor(key) 给出的 SEQ:HASH:MAC）",
        )
    if type(allow_later) is not bool:
        raise InvalidInputError(
            f"allow_later must be True or False, not {allow_later!r}",
            f"allow_later 必须是 True 或 False，而不是 {allow_later!r}",
        )
    if not anchor.matches(check_key(key)):
        return ChainReport(
            0,
            0,
            GENESIS,
            ChainProblem(
                ChainFault.ANCHOR_FORGED,
                anchor.seq,
                None,
                0,
                Text(
                    f"锚点 #{anchor.seq} 的消息认证码与密钥不符：锚点被伪造或改动过，或者所用密钥不是生成它的密钥；"
                    f"台账未经校验",
                    f"the MAC of anchor #{anchor.seq} does not match the key: the anchor was forged or "
                    f"altered, or this is not the key it was made with; the ledger was not checked",
                ),
            ),
        )
    report = verify(anchor.unkeyed)
    if report.problem is not None:
        return report
    k, n = anchor.seq, report.head_seq
    if n > k and not allow_later:
        return ChainReport(
            k,
            k,
            anchor.head_hash,
            ChainProblem(
                ChainFault.UNATTESTED,
                k + 1,
                k + 1,
                k,
                Text(
                    f"{_span(k + 1, n, 'zh')}记录在密钥锚点（第 {k} 条）之后，没有任何证明：伪造并重新计算哈希的"
                    f"追加正是这样；如确为正当记录，请由密钥持有人核实后生成新的密钥锚点",
                    f"{_span(k + 1, n, 'en')} after the keyed anchor (entry {k}): nothing attests "
                    f"{'it' if n == k + 1 else 'them'}; a forged append with recomputed hashes looks exactly "
                    f"like this; if legitimate, the key holder checks and makes a new keyed anchor",
                ),
            ),
            attested=k,
        )
    return attrs.evolve(report, attested=k)


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
    it = check_iter(entries, "entries")
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
            return diagnose(expected, prev, entry.seq, intact, rest)
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
            if named_seq == expected and seq != expected and _sha256(data).hexdigest() == h:  # type: ignore[arg-type]
                return _renumbered(expected, prev, seq)
            found = named_seq if named_seq is not None else (seq if type(seq) is int else -1)
            rest = (_named(r[2])[1] or r[0] for r in it)
            return diagnose(expected, prev, found, intact, rest)
        if anchor is not None and expected == anchor[0]:
            anchored = h
        prev = h  # type: ignore[assignment]
        expected += 1
    return _finish(expected - 1, prev, anchor, anchored)


def _renumbered(expected: int, prev: str, stored: object) -> ChainReport:
    """Entry ``expected`` intact but stored under another ``seq``: renumbered by hand."""
    return modified(
        expected,
        prev,
        stored if type(stored) is int else None,
        Text(
            f"第 {expected} 条记录被存为第 {stored} 条：其序号在本库之外被改动",
            f"entry {expected} is stored as number {stored}: it was renumbered outside the library",
        ),
    )


def modified(seq: int, prev: str, found: int | None, message: Text) -> ChainReport:
    """The report of a chain intact up to entry ``seq - 1`` (hashed ``prev``), whose entry
    ``seq`` (found as ``found``) was modified outside the library: ``message`` says how."""
    return ChainReport(
        seq - 1, seq - 1, prev, ChainProblem(ChainFault.MODIFIED, seq, found, seq - 1, message)
    )


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


def diagnose(expected: int, prev: str, found: int, intact: bool, rest: Iterator[object]) -> ChainReport:
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
