"""The signatures of a ledger checked entry by entry: :func:`verify_signatures` and its
:class:`SignatureReport` (see ``_signatures`` for the keys and where signatures are kept)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from govefficiency._validators import check_id
from govefficiency.errors import LedgerIntegrityError
from govefficiency.ledger._entries import Entry
from govefficiency.ledger._fields import JsonReady
from govefficiency.ledger._signatures import (
    UNIT_KINDS,
    _message,
    _public_keys,
    _read,
    _Stored,
    _takes,
    _valid,
)
from govefficiency.text import Lang, Text, require_lang

if TYPE_CHECKING:
    from govefficiency.ledger._ledger import Ledger

__all__ = ["SignatureFault", "SignatureProblem", "SignatureReport", "verify_signatures"]


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
class SignatureProblem(JsonReady):
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
        lang = require_lang(lang)
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
    if not _valid(key, row.signature, _message(row.unit, row.seq, row.hash)):
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
    keys = _public_keys(public_keys)
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
