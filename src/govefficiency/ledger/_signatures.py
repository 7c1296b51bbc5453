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
them stays valid. :func:`~._signature_report.verify_signatures` names, entry by entry, an entry left unsigned
by a unit that has a key, a signature that does not verify, one made for another version
of the entry, and an entry signed by a unit other than the one that records it.

The ``cryptography`` package is needed (``pip install govefficiency[sign]``); it is
imported only when a key is made, used or checked.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tomllib
import weakref
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from govefficiency._optional import import_optional
from govefficiency._validators import check_id, check_iterable, check_path
from govefficiency.errors import (
    InvalidInputError,
    InvalidTypeError,
    LedgerError,
    StoreError,
)
from govefficiency.ledger._entries import Entry
from govefficiency.ledger._payloads import EntryKind

if TYPE_CHECKING:
    from govefficiency.ledger._ledger import Ledger

__all__ = ["Signer", "load_public_keys", "sign_entries", "signed_by"]

#: The sidecar table in a SQLite ledger file (created when the first signature is written).
TABLE = "entry_signatures"
_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} "
    "(seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, unit TEXT NOT NULL, signature TEXT NOT NULL)"
)
_KEY_FORMAT = "govefficiency-signing-key"

#: Entries a responsible unit records itself (its progress, its rectification): signed by
#: the item's lead unit. Every other kind is recorded by the supervising office.
UNIT_KINDS = frozenset({EntryKind.PROGRESS_REPORTED, EntryKind.RECTIFICATION_DONE})

#: Signatures of in-memory stores (kept as long as the store lives).
_MEMORY: weakref.WeakKeyDictionary[Any, dict[int, _Stored]] = weakref.WeakKeyDictionary()


def _ed25519() -> Any:
    return import_optional("cryptography.hazmat.primitives.asymmetric.ed25519")


def _key_bytes(value: object, what: str) -> bytes:
    """32 key bytes, given as bytes or as 64 hexadecimal digits."""
    if isinstance(value, str):
        try:
            value = bytes.fromhex(value)
        except ValueError:
            raise InvalidInputError(
                f"{what} must be 64 hexadecimal digits (an Ed25519 key)",
                f"{what} 必须是 64 位十六进制数字（Ed25519 密钥）",
            ) from None
    if not isinstance(value, bytes):
        raise InvalidTypeError(
            f"{what} must be bytes or a hex string, not {type(value).__name__}",
            f"{what} 必须是 bytes 或十六进制字符串，而不是 {type(value).__name__}",
        )
    if len(value) != 32:
        raise InvalidInputError(
            f"{what} must be 32 bytes (an Ed25519 key), not {len(value)}",
            f"{what} 必须是 32 字节（Ed25519 密钥），而不是 {len(value)} 字节",
        )
    return value


def _message(unit: str, seq: int, entry_hash: str) -> bytes:
    """What a unit signs: the entry's number and chain hash, bound to the unit's id."""
    return f"govefficiency-ledger-entry-signature-v1\n{unit}\n{seq}\n{entry_hash}".encode()


@attrs.frozen
class _Stored:
    seq: int
    hash: str
    unit: str
    signature: str


def _unit(value: object) -> str:
    return check_id(value, "Signer.unit")


def _private_key(value: object) -> bytes:
    return _key_bytes(value, "Signer.private_key")


@attrs.frozen(repr=False)
class Signer:
    """A recording unit's signing key: the unit id and its Ed25519 private key (32 bytes).

    Make one with :meth:`generate` (or ``govefficiency ledger keygen UNIT --out FILE``),
    keep it with :meth:`dump`, load it with :meth:`load`; give the
    :attr:`public_key_hex` to whoever verifies the ledger. The repr never shows the key.
    """

    unit: str = attrs.field(converter=_unit)
    private_key: bytes = attrs.field(converter=_private_key)

    def __repr__(self) -> str:
        return f"Signer(unit={self.unit!r}, public_key={self.public_key_hex!r})"

    @classmethod
    def generate(cls, unit: str) -> Signer:
        """A new random key for ``unit``."""
        ed25519 = _ed25519()  # first: a clear error when the [sign] extra is missing
        from cryptography.hazmat.primitives import serialization

        key = ed25519.Ed25519PrivateKey.generate()
        raw = key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        return cls(unit, raw)

    @property
    def public_key(self) -> bytes:
        """The 32-byte public key: what a verifier needs (it cannot sign)."""
        ed25519 = _ed25519()
        from cryptography.hazmat.primitives import serialization

        key = ed25519.Ed25519PrivateKey.from_private_bytes(self.private_key)
        raw: bytes = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return raw

    @property
    def public_key_hex(self) -> str:
        return self.public_key.hex()

    def sign(self, entry: Entry) -> str:
        """The signature (128 hex digits) of ``entry`` by this unit."""
        if not isinstance(entry, Entry):
            raise InvalidTypeError(
                f"Signer.sign() takes an Entry, not {type(entry).__name__}",
                f"Signer.sign() 需要 Entry，而不是 {type(entry).__name__}",
            )
        key = _ed25519().Ed25519PrivateKey.from_private_bytes(self.private_key)
        signature: bytes = key.sign(_message(self.unit, entry.seq, entry.hash))
        return signature.hex()

    def dump(self, path: str | os.PathLike[str]) -> None:
        """Write the key to a new file readable by its owner only (an existing file is
        never overwritten)."""
        target = check_path(path, "key file", error=LedgerError)
        text = json.dumps(
            {"format": _KEY_FORMAT, "unit": self.unit, "ed25519_private_key": self.private_key.hex()},
            indent=1,
        )
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise LedgerError(
                f"{target} already exists: a signing key is never overwritten; choose another file",
                f"{target} 已存在：签名密钥从不覆盖；请换一个文件",
            ) from None
        except OSError as exc:
            raise LedgerError(
                f"{target}: cannot be written ({exc.strerror})", f"{target}：无法写入（{exc.strerror}）"
            ) from None
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Signer:
        """Read a key file written by :meth:`dump` (or ``ledger keygen``)."""
        source = check_path(path, "key file", error=LedgerError)
        try:
            if source.stat().st_size > 4096:
                raise LedgerError(
                    f"{source}: larger than 4 KiB: not a signing key", f"{source}：超过 4 KiB，不是签名密钥"
                )
            data = json.loads(source.read_text(encoding="utf-8"))
        except OSError as exc:
            raise LedgerError(
                f"{source}: cannot be read ({exc.strerror})", f"{source}：无法读取（{exc.strerror}）"
            ) from None
        except (ValueError, UnicodeDecodeError):
            data = None
        if not isinstance(data, dict) or data.get("format") != _KEY_FORMAT:
            raise LedgerError(
                f"{source} is not a govefficiency signing key (make one with `govefficiency ledger keygen UNIT --out FILE`)",
                f"{source} 不是 govefficiency 签名密钥（请用 `govefficiency ledger keygen UNIT --out FILE` 生成）",
            )
        try:
            return cls(data.get("unit"), data.get("ed25519_private_key"))
        except (InvalidInputError, InvalidTypeError) as exc:
            raise LedgerError(f"{source}: {exc.en}", f"{source}：{exc.zh or exc.en}") from None


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
    _ed25519()  # before anything is recorded: a missing [sign] extra is refused up front
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


def _public_keys(value: object) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            f"public_keys must map unit ids to Ed25519 public keys, not {type(value).__name__}",
            f"public_keys 必须是 单位 id → Ed25519 公钥 的映射，而不是 {type(value).__name__}",
        )
    ed25519 = _ed25519()
    out: dict[str, Any] = {}
    for unit, key in value.items():
        check_id(unit, "a unit of public_keys")
        raw = _key_bytes(key, f"the public key of {unit}")
        try:
            out[unit] = ed25519.Ed25519PublicKey.from_public_bytes(raw)
        except ValueError:
            raise InvalidInputError(
                f"the public key of {unit} is not an Ed25519 public key", f"{unit} 的公钥不是 Ed25519 公钥"
            ) from None
    return out


def _valid(key: Any, signature: str, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature

    try:
        key.verify(bytes.fromhex(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True


def load_public_keys(path: str | os.PathLike[str]) -> dict[str, bytes]:
    """Read a public-key file: a TOML or JSON table of unit id → 64 hex digits, e.g.
    ``housing = "3b6a…"`` (``govefficiency ledger keygen`` prints such a line)."""
    source = check_path(path, "public-key file", error=LedgerError)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LedgerError(f"{source}: cannot be read ({exc})", f"{source}：无法读取（{exc}）") from None
    try:
        data = json.loads(text) if source.suffix.lower() == ".json" else tomllib.loads(text)
    except (ValueError, RecursionError) as exc:
        raise LedgerError(
            f"{source}: not a public-key table ({str(exc)[:80]})", f"{source}：不是公钥表（{str(exc)[:80]}）"
        ) from None
    if not isinstance(data, dict) or not data:
        raise LedgerError(
            f"{source}: expected a table of unit id = public key (64 hex digits)",
            f"{source}：应为 单位 id = 公钥（64 位十六进制）的表",
        )
    out: dict[str, bytes] = {}
    for unit, key in data.items():
        try:
            check_id(unit, "a unit")
            out[unit] = _key_bytes(key, f"the public key of {unit}")
        except (InvalidInputError, InvalidTypeError) as exc:
            raise LedgerError(f"{source}: {exc.en}", f"{source}：{exc.zh or exc.en}") from None
    return out
