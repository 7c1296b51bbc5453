"""Ed25519 signatures per recording unit: who recorded an entry, provably.

The hash chain proves that the entries were not altered *after* they were written, and a
keyed anchor proves that no one without the anchor key appended or rewrote them. Neither
says *who* wrote an entry: anyone who may write the file can record a progress report "for"
the housing bureau. A signature can: the unit signs each entry it records with its own
private key (Ed25519), so that

* nobody else can record in its name (a forged entry has no valid signature by the unit);
* the unit cannot later deny an entry it recorded (only its key makes its signature).

What is signed is the entry's chain hash (which covers its number, the previous hash, the
item, the kind, the recording time and the payload) together with the unit id. Signatures
are kept beside the chain, in the ledger file's ``entry_signatures`` table (SQLite) or with
the in-memory store; they are not part of the hashed chain, so a ledger written without
them stays valid. :func:`verify_signatures` names, entry by entry, an entry left unsigned
by a unit that has a key, a signature that does not verify, one made for another version
of the entry, and an entry signed by a unit other than the one that records it.

The keys (:class:`~._keys.Signer`, :func:`~._keys.load_public_keys`) are in ``_keys``. The
``cryptography`` package is needed (``pip install govefficiency[sign]``); it is imported
only when a key is made, used or checked.
"""

from __future__ import annotations

import contextlib
import enum
import sqlite3
import weakref
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from govefficiency._validators import check_id, check_iterable
from govefficiency.errors import (
    InvalidTypeError,
    LedgerError,
    LedgerIntegrityError,
    StoreError,
)
from govefficiency.ledger._entries import Entry
from govefficiency.ledger._fields import json_ready
from govefficiency.ledger._keys import Signer, ed25519_module, public_key_objects, signed_message, verifies
from govefficiency.ledger._payloads import EntryKind
from govefficiency.text import Lang, Text, check_lang

if TYPE_CHECKING:
    from govefficiency.ledger._ledger import Ledger

__all__ = [
    "SignatureFault",
    "SignatureProblem",
    "SignatureReport",
    "sign_entries",
    "signed_by",
    "verify_signatures",
]

#: The sidecar table in a SQLite ledger file (created when the first signature is written).
TABLE = "entry_signatures"
_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} "
    "(seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, unit TEXT NOT NULL, signature TEXT NOT NULL)"
)

#: Entries a responsible unit records itself (its progress, its rectification): signed by
#: the item's lead unit. Every other kind is recorded by the supervising office.
UNIT_KINDS = frozenset({EntryKind.PROGRESS_REPORTED, EntryKind.RECTIFICATION_DONE})

#: Signatures of in-memory stores (kept as long as the store lives).
_MEMORY: weakref.WeakKeyDictionary[Any, dict[int, _Stored]] = weakref.WeakKeyDictionary()


@attrs.frozen
class _Stored:
    seq: int
    hash: str
    unit: str
    signature: str


# --- storage ------------------------------------------------------------------------------


def _connection(store: object) -> sqlite3.Connection | None:
    conn = getattr(store, "_conn", None)
    return conn if isinstance(conn, sqlite3.Connection) else None


def _where(store: object) -> str:
    return str(getattr(store, "path", None) or getattr(store, "url", None) or type(store).__name__)


def _supported(store: object) -> None:
    from govefficiency.ledger._store import MemoryStore

    if _connection(store) is None and not isinstance(store, MemoryStore):
        raise LedgerError(
            f"signatures are kept in SQLite and in-memory ledgers, not in a {type(store).__name__}",
            f"签名保存在 SQLite 台账和内存台账中，不支持 {type(store).__name__}",
        )


def _write(store: object, rows: list[_Stored]) -> None:
    _supported(store)
    conn = _connection(store)
    if conn is None:
        held = _MEMORY.setdefault(store, {})
        for row in rows:
            if row.seq in held:
                raise _already(row.seq, held[row.seq].unit)
        held.update({row.seq: row for row in rows})
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(_CREATE)
            for row in rows:
                found = conn.execute(f"SELECT unit FROM {TABLE} WHERE seq = ?", (row.seq,)).fetchone()
                if found is not None:
                    raise _already(row.seq, str(found[0]))
                conn.execute(
                    f"INSERT INTO {TABLE} (seq, hash, unit, signature) VALUES (?, ?, ?, ?)",
                    (row.seq, row.hash, row.unit, row.signature),
                )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise StoreError(
            f"{_where(store)}: the signatures cannot be written ({exc}); the entries are recorded, unsigned: "
            f"sign them again with sign_entries()",
            f"{_where(store)}：签名无法写入（{exc}）；记录已写入但未签名：请用 sign_entries() 补签",
        ) from None


def _already(seq: int, unit: str) -> LedgerError:
    return LedgerError(
        f"entry {seq} is already signed by {unit}: a signature is never replaced",
        f"第 {seq} 条记录已由 {unit} 签名：签名不可替换",
    )


def _read(store: object) -> dict[int, _Stored]:
    _supported(store)
    conn = _connection(store)
    if conn is None:
        return dict(_MEMORY.get(store, {}))
    try:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)
        ).fetchone()
        if exists is None:
            return {}
        rows = conn.execute(f"SELECT seq, hash, unit, signature FROM {TABLE} ORDER BY seq").fetchall()
    except sqlite3.Error as exc:
        raise StoreError(
            f"{_where(store)}: the signatures cannot be read ({exc})",
            f"{_where(store)}：签名无法读取（{exc}）",
        ) from None
    out: dict[int, _Stored] = {}
    for seq, entry_hash, unit, signature in rows:
        out[seq] = _Stored(seq, str(entry_hash), str(unit), str(signature))
    return out


def _takes(fn: str, ledger: object, *signer: object) -> None:
    """``fn`` takes a :class:`Ledger` (and a :class:`Signer`, when one is passed)."""
    from govefficiency.ledger._ledger import Ledger

    for value, cls in ((ledger, Ledger), *((s, Signer) for s in signer)):
        if not isinstance(value, cls):
            raise InvalidTypeError(
                f"{fn}() takes a {cls.__name__}, not {type(value).__name__}", f"{fn}() 需要 {cls.__name__}"
            )


def record_signatures(store: object, entries: Iterable[Entry], signer: Signer) -> None:
    """Sign ``entries`` with ``signer`` and keep the signatures with ``store`` (the hook
    :class:`~govefficiency.ledger.Ledger` calls after an append made under :func:`signed_by`)."""
    rows = [_Stored(e.seq, e.hash, signer.unit, signer.sign(e)) for e in entries]
    if rows:
        _write(store, rows)


@contextlib.contextmanager
def signed_by(ledger: Ledger, signer: Signer) -> Iterator[Ledger]:
    """Within the block, every entry ``ledger`` appends is signed by ``signer``::

        with signed_by(ledger, housing):
            ledger.report_progress("T1", date=..., share=40, at=...)

    The signatures are written right after the entries (a crash in between leaves them
    unsigned, which :func:`verify_signatures` names; :func:`sign_entries` signs them then).
    """
    _takes("signed_by", ledger, signer)
    _supported(ledger.store)
    ed25519_module()  # before anything is recorded: a missing [sign] extra is refused up front
    before = ledger._signer
    ledger._signer = signer
    try:
        yield ledger
    finally:
        ledger._signer = before


def sign_entries(ledger: Ledger, signer: Signer, seqs: Iterable[int]) -> int:
    """Sign entries already recorded (e.g. left unsigned by a crash); return the count.
    An entry already signed is refused (a signature is never replaced)."""
    _takes("sign_entries", ledger, signer)
    entries = [ledger.entry(seq) for seq in check_iterable(seqs, "seqs")]
    record_signatures(ledger.store, entries, signer)
    return len(entries)


# --- verification -------------------------------------------------------------------------


class SignatureFault(enum.Enum):
    """What is wrong with an entry's signature."""

    #: The unit that records the entry has a key, and the entry has no signature.
    UNSIGNED = "unsigned"
    #: The signature does not verify with the signer's public key: forged or altered.
    BAD_SIGNATURE = "bad_signature"
    #: A valid signature of another version of the entry (its hash has changed since).
    STALE = "stale"
    #: Signed by a unit other than the one that records entries of its kind.
    WRONG_UNIT = "wrong_unit"
    #: Signed by a unit whose public key was not given: it cannot be checked.
    UNKNOWN_SIGNER = "unknown_signer"


@attrs.frozen
class SignatureProblem:
    """One entry whose signature is missing or wrong.

    Attributes:
        fault: what is wrong.
        seq: the entry.
        signer: the unit the signature names (``None`` when unsigned).
        recorder: the unit that records such an entry (``None`` when not known).
        message: the explanation in Chinese and English.
    """

    fault: SignatureFault
    seq: int
    signer: str | None
    recorder: str | None
    message: Text

    def to_dict(self) -> dict[str, object]:
        return json_ready(self)


@attrs.frozen
class SignatureReport:
    """The signatures of a ledger, checked entry by entry.

    Attributes:
        checked: entries checked.
        signed: entries with a valid signature by the unit that records them.
        problems: every entry whose signature is missing or wrong, in order.
    """

    checked: int
    signed: int
    problems: tuple[SignatureProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_if_broken(self) -> SignatureReport:
        """``self`` when every signature holds; :class:`LedgerIntegrityError` naming the
        first problem otherwise."""
        if self.problems:
            first = self.problems[0]
            more = len(self.problems) - 1
            raise LedgerIntegrityError(
                first.message.en + (f" (and {more} more signature problems)" if more else ""),
                first.message.zh + (f"（另有 {more} 处签名问题）" if more else ""),
            )
        return self

    def render(self, lang: Lang = "zh") -> str:
        lang = check_lang(lang)
        if self.ok:
            return (
                f"签名完好：{self.signed} 条记录由记录单位签名（共 {self.checked} 条）"
                if lang == "zh"
                else f"signatures intact: {self.signed} of {self.checked} entries signed by their recording unit"
            )
        head = (
            f"签名问题 {len(self.problems)} 处（共 {self.checked} 条记录）："
            if lang == "zh"
            else f"{len(self.problems)} signature problems in {self.checked} entries:"
        )
        return "\n".join([head, *(f"  {p.message.get(lang)}" for p in self.problems)])

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "signed": self.signed,
            "problems": [p.to_dict() for p in self.problems],
        }


#: Each fault's message (zh, en), with the entry ``seq``, its ``signer`` and ``recorder``.
_MESSAGES = {
    SignatureFault.UNSIGNED: (
        "第 {seq} 条记录未签名：记录单位 {recorder} 持有密钥，应当签名",
        "entry {seq} is unsigned: its recording unit {recorder} has a key and signs what it records",
    ),
    SignatureFault.BAD_SIGNATURE: (
        "第 {seq} 条记录的签名无法用 {signer} 的公钥验证：签名系伪造或被改动",
        "entry {seq} has a signature that does not verify with the public key of {signer}: it was forged or altered",
    ),
    SignatureFault.STALE: (
        "第 {seq} 条记录的签名是 {signer} 对该记录另一版本的签名：记录在签名后被改写",
        "entry {seq} carries {signer}'s signature of another version of it: the entry was rewritten after it was signed",
    ),
    SignatureFault.WRONG_UNIT: (
        "第 {seq} 条记录由 {signer} 签名，但此类记录应由 {recorder} 记录：有人以他人名义记录",
        "entry {seq} is signed by {signer}, but {recorder} records such entries: it was recorded in another unit's name",
    ),
    SignatureFault.UNKNOWN_SIGNER: (
        "第 {seq} 条记录由 {signer} 签名，但未提供 {signer} 的公钥，无法验证",
        "entry {seq} is signed by {signer}, whose public key was not given: it cannot be checked",
    ),
}


def _problem(fault: SignatureFault, seq: int, signer: str | None, recorder: str | None) -> SignatureProblem:
    zh, en = (m.format(seq=seq, signer=signer, recorder=recorder) for m in _MESSAGES[fault])
    return SignatureProblem(fault, seq, signer, recorder, Text(zh, en))


def _fault(row: _Stored, entry: Entry, key: Any, recorder: str | None) -> SignatureFault | None:
    """What is wrong with the signature ``row`` of ``entry`` (``key``: its signer's
    public key, ``None`` when not given), or ``None`` when it holds."""
    if key is None:
        return SignatureFault.UNKNOWN_SIGNER
    if not verifies(key, row.signature, signed_message(row.unit, row.seq, row.hash)):
        return SignatureFault.BAD_SIGNATURE
    if row.hash != entry.hash:
        return SignatureFault.STALE
    if recorder is not None and row.unit != recorder:
        return SignatureFault.WRONG_UNIT
    return None


def verify_signatures(
    ledger: Ledger,
    public_keys: Mapping[str, bytes | str],
    *,
    office: str | None = None,
) -> SignatureReport:
    """Check every entry's signature against ``public_keys`` (unit id → Ed25519 public
    key, 32 bytes or 64 hex digits).

    An entry's *recording unit* is the item's lead unit for the entries a unit records
    itself (progress reports, completed rectifications) and ``office`` (the supervising
    office, when given) for the rest. Named as problems: an entry whose recording unit
    has a key but which is unsigned; a signature that does not verify; a valid signature
    of another version of the entry; an entry signed by another unit than its recording
    unit; an entry signed by a unit whose key was not given.

    The hash chain is checked separately (:meth:`Ledger.verify`): a signature vouches for
    who recorded an entry, the chain for what was recorded and in which order.
    """
    _takes("verify_signatures", ledger)
    keys = public_key_objects(public_keys)
    if office is not None:
        check_id(office, "office")
    stored = _read(ledger.store)
    leads: dict[str, str] = {}
    problems: list[SignatureProblem] = []
    checked = signed = 0
    for entry in ledger.entries():
        checked += 1
        if entry.kind in UNIT_KINDS:
            if entry.item_id not in leads:
                leads[entry.item_id] = ledger.item(entry.item_id).lead_unit
            recorder: str | None = leads[entry.item_id]
        else:
            recorder = office
        row = stored.get(entry.seq)
        if row is None:
            if recorder is not None and recorder in keys:
                problems.append(_problem(SignatureFault.UNSIGNED, entry.seq, None, recorder))
            continue
        fault = _fault(row, entry, keys.get(row.unit), recorder)
        if fault is None:
            signed += 1
        else:
            problems.append(_problem(fault, entry.seq, row.unit, recorder))
    return SignatureReport(checked, signed, tuple(problems))
