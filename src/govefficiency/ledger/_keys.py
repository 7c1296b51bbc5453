"""Ed25519 keys of the recording units: a unit's :class:`Signer` (its private key, kept in
a key file), the public keys a verifier is given (:func:`load_public_keys`), and what a
unit signs (:func:`message`). See :mod:`._signatures` for how signatures are kept and
checked.

The ``cryptography`` package is needed (``pip install govefficiency[sign]``); it is
imported only when a key is made, used or checked.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from typing import Any

import attrs

from govefficiency._validators import check_id, check_path
from govefficiency.errors import InvalidInputError, InvalidTypeError, LedgerError
from govefficiency.ledger._entries import Entry

__all__ = [
    "Signer",
    "ed25519_module",
    "key_bytes",
    "load_public_keys",
    "public_key_objects",
    "signed_message",
    "verifies",
]

_KEY_FORMAT = "govefficiency-signing-key"


def ed25519_module() -> Any:
    try:
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError:  # pragma: no cover - the extra is installed in the test environment
        raise LedgerError(
            "Ed25519 signatures need the cryptography package: pip install 'govefficiency[sign]'",
            "Ed25519 签名需要 cryptography 包：pip install 'govefficiency[sign]'",
        ) from None
    return ed25519


def key_bytes(value: object, what: str) -> bytes:
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


def signed_message(unit: str, seq: int, entry_hash: str) -> bytes:
    """What a unit signs: the entry's number and chain hash, bound to the unit's id."""
    return f"govefficiency-ledger-entry-signature-v1\n{unit}\n{seq}\n{entry_hash}".encode()


def _unit(value: object) -> str:
    return check_id(value, "Signer.unit")


def _private_key(value: object) -> bytes:
    return key_bytes(value, "Signer.private_key")


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
        ed25519 = ed25519_module()  # first: a clear error when the [sign] extra is missing
        from cryptography.hazmat.primitives import serialization

        key = ed25519.Ed25519PrivateKey.generate()
        raw = key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        return cls(unit, raw)

    @property
    def public_key(self) -> bytes:
        """The 32-byte public key: what a verifier needs (it cannot sign)."""
        ed25519 = ed25519_module()
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
        key = ed25519_module().Ed25519PrivateKey.from_private_bytes(self.private_key)
        signature: bytes = key.sign(signed_message(self.unit, entry.seq, entry.hash))
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


def public_key_objects(value: object) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError(
            f"public_keys must map unit ids to Ed25519 public keys, not {type(value).__name__}",
            f"public_keys 必须是 单位 id → Ed25519 公钥 的映射，而不是 {type(value).__name__}",
        )
    ed25519 = ed25519_module()
    out: dict[str, Any] = {}
    for unit, key in value.items():
        check_id(unit, "a unit of public_keys")
        raw = key_bytes(key, f"the public key of {unit}")
        try:
            out[unit] = ed25519.Ed25519PublicKey.from_public_bytes(raw)
        except ValueError:
            raise InvalidInputError(
                f"the public key of {unit} is not an Ed25519 public key", f"{unit} 的公钥不是 Ed25519 公钥"
            ) from None
    return out


def verifies(key: Any, signature: str, message: bytes) -> bool:
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
            out[unit] = key_bytes(key, f"the public key of {unit}")
        except (InvalidInputError, InvalidTypeError) as exc:
            raise LedgerError(f"{source}: {exc.en}", f"{source}：{exc.zh or exc.en}") from None
    return out
