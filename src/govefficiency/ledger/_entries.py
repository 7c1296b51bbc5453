"""Ledger entries (台账记录): append-only, hash-chained records of what happened to items.

The hash of an entry is ``sha256`` over its *canonical encoding*: the UTF-8 bytes of the
compact JSON object (keys sorted, no spaces, non-ASCII kept)::

    {"corrects":null,"item":"T1","kind":"progress_reported","payload":{...},
     "prev":"<hash of the previous entry>","recorded":"2026-06-30T17:00:00+08:00","seq":7}

where ``payload`` is the payload's ``to_json()`` encoded the same way and ``prev`` of the
first entry is :data:`GENESIS`. Changing any field of any entry changes its hash, and
every later entry names the hash of the one before it, so a modified, deleted, inserted
or reordered entry breaks the chain.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import attrs

from govefficiency._time import require_aware
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.ledger._fields import aware_validator, check_id, id_validator, optional_seq, reading_stored
from govefficiency.ledger._items import _exact_keys
from govefficiency.ledger._payloads import KIND_OF, PAYLOAD_OF, EntryKind, Payload

__all__ = ["GENESIS", "Draft", "Entry"]

#: The ``prev_hash`` of the first entry of every ledger.
GENESIS = "0" * 64

_KIND_VALUES = {kind.value: kind for kind in EntryKind}
_KIND_TEXT = {cls: kind.value for cls, kind in KIND_OF.items()}
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
_sha256 = hashlib.sha256


def dumps(value: Any) -> str:
    """The canonical JSON text of ``value`` (sorted keys, compact, non-ASCII kept)."""
    return _ENCODER.encode(value)


def body(
    seq: int, item_id: str, kind: str, recorded: str, payload: str, corrects: int | None, prev: str
) -> str:
    """The canonical encoding of an entry from its parts (already encoded where JSON).

    ``item_id`` is a validated id (no quotes, backslashes or control characters) and
    ``recorded`` an ISO 8601 string, so both are their own JSON string bodies.
    (``SqliteStore`` stores exactly this text; JSON Lines lines re-encode it.)
    """
    c = "null" if corrects is None else str(corrects)
    return (
        f'{{"corrects":{c},"item":"{item_id}","kind":"{kind}","payload":{payload},'
        f'"prev":"{prev}","recorded":"{recorded}","seq":{seq}}}'
    )


def digest(text: str) -> str:
    """The hex sha256 of the UTF-8 bytes of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _kind_of(payload: object) -> EntryKind:
    kind = KIND_OF.get(type(payload))
    if kind is None:
        names = ", ".join(sorted(cls.__name__ for cls in KIND_OF))
        raise InvalidTypeError(
            f"an entry's payload must be one of {names}; got {type(payload).__name__}",
            f"记录内容必须是 {names} 之一，而不是 {type(payload).__name__}",
        )
    return kind


def _check_payload(instance: object, attribute: object, value: Any) -> None:
    _kind_of(value)


def _check_str(what: str) -> Any:
    def validate(instance: object, attribute: object, value: object) -> None:
        if type(value) is not str:
            raise InvalidTypeError(
                f"{what} must be a hex string, not {type(value).__name__}",
                f"{what} 必须是十六进制字符串，而不是 {type(value).__name__}",
            )

    return validate


def _check_seq(instance: object, attribute: object, value: Any) -> None:
    if type(value) is not int or value < 1:
        raise InvalidInputError(
            f"Entry.seq must be a positive int, not {value!r}",
            f"Entry.seq 必须是正整数，而不是 {value!r}",
        )


def _encode_payload(payload: Payload) -> str:
    try:
        return _ENCODER.encode(payload.to_json())
    except ValueError as exc:  # pragma: no cover - validators reject NaN and friends first
        raise InvalidInputError(f"payload cannot be encoded: {exc}", f"记录内容无法编码：{exc}") from None


def _encodable(text: str, what: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInputError(
            f"{what} contains characters that cannot be encoded in UTF-8 (lone surrogates)",
            f"{what} 含有无法以 UTF-8 编码的字符（孤立代理项）",
        ) from None


def _between(body: str, opening: str, closing: str) -> str:
    """The text of the canonical encoding ``body`` between the top-level keys ``opening``
    and ``closing`` (each stands there once: a free text escapes its quotes, and no
    payload has a key of that name)."""
    return body[body.index(opening) + len(opening) : body.rindex(closing)]


@attrs.frozen
class Entry:
    """One record in the ledger. Entries are never edited or deleted: a correction is a
    new entry whose ``corrects`` names the entry it replaces.

    Entries are made by :class:`Ledger` (which assigns ``seq`` and the hashes) or read
    back from a store or a JSON Lines file. Constructing one does not check its hash:
    :meth:`Ledger.verify` and :func:`verify_entries` do.

    Attributes:
        seq: the sequence number, 1, 2, 3… without gaps.
        item_id: the item the entry is about.
        recorded_at: the instant it was recorded (timezone-aware; passed in, never read
            from a clock).
        payload: what happened — a :class:`ChecklistItem` (item opened),
            :class:`MilestoneChange`, :class:`ProgressReport`,
            :class:`SupervisionNotice`, :class:`RectificationOrder`,
            :class:`RectificationDone`, :class:`Review` or :class:`Settlement`.
        corrects: the ``seq`` of the entry this one corrects (same item and kind), or
            ``None``.
        prev_hash: the hash of the entry before it (:data:`GENESIS` for the first).
        hash: sha256 (hex) of this entry's canonical encoding (:meth:`canonical`).
    """

    seq: int = attrs.field(validator=_check_seq)
    item_id: str = attrs.field(validator=id_validator("Entry.item_id"))
    recorded_at: dt.datetime = attrs.field(validator=aware_validator("Entry.recorded_at"))
    payload: Payload = attrs.field(validator=_check_payload)
    corrects: int | None = attrs.field(validator=optional_seq("Entry.corrects"))
    prev_hash: str = attrs.field(validator=_check_str("Entry.prev_hash"))
    hash: str = attrs.field(validator=_check_str("Entry.hash"))
    _body: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        recorded = self.recorded_at.isoformat()
        text = body(
            self.seq,
            self.item_id,
            self.kind.value,
            recorded,
            _encode_payload(self.payload),
            self.corrects,
            self.prev_hash,
        )
        _encodable(text, f"entry {self.seq}")
        object.__setattr__(self, "_body", text)

    @property
    def kind(self) -> EntryKind:
        """The entry's kind, given by the type of its payload."""
        return KIND_OF[type(self.payload)]

    def canonical(self) -> bytes:
        """The bytes whose sha256 is :attr:`hash` (see the module documentation)."""
        return self._body.encode("utf-8")

    @property
    def payload_json(self) -> str:
        """The canonical JSON text of the payload, as stored."""
        return _between(self._body, ',"payload":', ',"prev":"')

    @property
    def recorded_iso(self) -> str:
        """``recorded_at`` as the ISO 8601 string that is hashed and stored."""
        return _between(self._body, ',"recorded":"', '","seq":')

    def to_json(self) -> dict[str, Any]:
        """The entry as one JSON object (the JSON Lines export format)."""
        return {
            "corrects": self.corrects,
            "hash": self.hash,
            "item": self.item_id,
            "kind": self.kind.value,
            "payload": self.payload.to_json(),
            "prev": self.prev_hash,
            "recorded": self.recorded_iso,
            "seq": self.seq,
        }

    @classmethod
    def from_json(cls, data: object) -> Entry:
        """The inverse of :meth:`to_json` (the hash is kept as given, not checked)."""
        _exact_keys(
            data, ("corrects", "hash", "item", "kind", "payload", "prev", "recorded", "seq"), "an entry"
        )
        assert isinstance(data, dict)
        kind = _KIND_VALUES.get(data["kind"])
        if kind is None:
            raise InvalidInputError(
                f"unknown entry kind {data['kind']!r}", f"未知的记录类型 {data['kind']!r}"
            )
        if not isinstance(data["payload"], dict):
            raise InvalidTypeError("an entry's payload must be a JSON object", "记录内容必须是 JSON 对象")
        return stored_entry(
            data["seq"],
            data["item"],
            kind.value,
            data["recorded"],
            dumps(data["payload"]),
            data["corrects"],
            data["prev"],
            data["hash"],
            parsed=data["payload"],
        )


@attrs.frozen
class Draft:
    """An entry not yet appended: the ledger gives it its ``seq`` and hashes.

    Attributes:
        item_id: the item the entry is about.
        recorded_at: the instant it is recorded (timezone-aware).
        payload: what happened (see :class:`Entry`).
        corrects: the ``seq`` of the entry it corrects, or ``None``.
    """

    item_id: str = attrs.field(validator=id_validator("Draft.item_id"))
    recorded_at: dt.datetime = attrs.field(validator=aware_validator("Draft.recorded_at"))
    payload: Payload = attrs.field(validator=_check_payload)
    corrects: int | None = attrs.field(default=None, validator=optional_seq("Draft.corrects"))

    @property
    def kind(self) -> EntryKind:
        """The kind of entry it will become."""
        return KIND_OF[type(self.payload)]


def seal(draft: Draft, seq: int, prev: str) -> Entry:
    """The entry ``draft`` becomes at position ``seq`` after the entry hashed ``prev``."""
    payload = draft.payload
    text = body(
        seq,
        draft.item_id,
        _KIND_TEXT[type(payload)],
        draft.recorded_at.isoformat(),
        _encode_payload(payload),
        draft.corrects,
        prev,
    )
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        _encodable(text, f"entry {seq}")
        raise  # pragma: no cover - _encodable raised
    return _assemble(
        seq, draft.item_id, draft.recorded_at, payload, draft.corrects, prev, _sha256(data).hexdigest(), text
    )


def _assemble(
    seq: int,
    item_id: str,
    recorded_at: dt.datetime,
    payload: Payload,
    corrects: int | None,
    prev: str,
    hash_: str,
    text: str,
) -> Entry:
    """An :class:`Entry` from parts already validated and encoded (skips re-encoding)."""
    entry = object.__new__(Entry)
    setter = object.__setattr__
    setter(entry, "seq", seq)
    setter(entry, "item_id", item_id)
    setter(entry, "recorded_at", recorded_at)
    setter(entry, "payload", payload)
    setter(entry, "corrects", corrects)
    setter(entry, "prev_hash", prev)
    setter(entry, "hash", hash_)
    setter(entry, "_body", text)
    return entry


def stored_entry(*args: Any, **kwargs: Any) -> Entry:
    """An entry from its stored columns (SQLite row, JSON Lines fields); see
    :func:`_stored_entry`. Ids written under the 0.1 ledger id rule stay readable."""
    with reading_stored():
        return _stored_entry(*args, **kwargs)


def _stored_entry(
    seq: Any,
    item_id: Any,
    kind: Any,
    recorded: Any,
    payload: Any,
    corrects: Any,
    prev: Any,
    hash_: Any,
    *,
    parsed: Any = None,
    text: str | None = None,
) -> Entry:
    """An entry from its stored columns (SQLite row, JSON Lines fields).

    The stored payload and instant texts are what the hash covers, so they are kept
    as they are: an altered text is caught by verification, not silently re-encoded.

    Raises:
        InvalidInputError, InvalidTypeError: a column that cannot be read.
    """
    if type(seq) is not int or seq < 1:
        raise InvalidInputError(
            f"seq must be a positive int, not {seq!r}", f"序号必须是正整数，而不是 {seq!r}"
        )
    check_id(item_id, "item id")
    entry_kind = _KIND_VALUES.get(kind) if type(kind) is str else None
    if entry_kind is None:
        raise InvalidInputError(f"unknown entry kind {kind!r}", f"未知的记录类型 {kind!r}")
    if type(recorded) is not str or type(payload) is not str:
        raise InvalidTypeError("recorded and payload must be text", "记录时间与记录内容必须是文本")
    if corrects is not None and (type(corrects) is not int or not 1 <= corrects < seq):
        raise InvalidInputError(
            f"corrects must name an earlier entry, not {corrects!r}",
            f"corrects 必须指向更早的记录，而不是 {corrects!r}",
        )
    if type(prev) is not str or type(hash_) is not str:
        raise InvalidTypeError("prev_hash and hash must be text", "prev_hash 与 hash 必须是文本")
    try:
        instant = dt.datetime.fromisoformat(recorded)
    except ValueError:
        raise InvalidInputError(
            f"recorded {recorded!r} is not an ISO 8601 instant", f"记录时间 {recorded!r} 不是 ISO 8601 时刻"
        ) from None
    require_aware(instant, "recorded")
    if parsed is None:
        try:
            parsed = json.loads(payload)
        except ValueError as exc:
            raise InvalidInputError(f"payload is not JSON: {exc}", f"记录内容不是 JSON：{exc}") from None
    try:
        value = PAYLOAD_OF[entry_kind].from_json(parsed)
    except (KeyError, TypeError, AttributeError) as exc:  # pragma: no cover - from_json checks first
        raise InvalidInputError(f"payload cannot be read: {exc}", f"记录内容无法读取：{exc}") from None
    if entry_kind is EntryKind.ITEM_OPENED and value.id != item_id:
        raise InvalidInputError(
            f"the opened item's id {value.id!r} differs from the entry's item {item_id!r}",
            f"建账事项的 id {value.id!r} 与记录的事项 {item_id!r} 不一致",
        )
    if text is None:
        text = body(seq, item_id, entry_kind.value, recorded, payload, corrects, prev)
    return _assemble(seq, item_id, instant, value, corrects, prev, hash_, text)


_CANONICAL_KEYS = frozenset(("corrects", "item", "kind", "payload", "prev", "recorded", "seq"))


def entry_from_canonical(seq: Any, hash_: Any, canonical: Any) -> Entry:
    """An entry from a stored row: its ``seq``, its ``hash`` and the canonical text that
    the hash covers (kept as it is: an altered text fails verification).

    Raises:
        InvalidInputError, InvalidTypeError: a row that cannot be read.
    """
    if type(canonical) is not str:
        raise InvalidTypeError("the canonical text must be text", "规范文本必须是文本")
    try:
        data = json.loads(canonical)
    except ValueError as exc:
        raise InvalidInputError(
            f"the canonical text is not JSON: {exc}", f"规范文本不是 JSON：{exc}"
        ) from None
    if not isinstance(data, dict) or data.keys() != _CANONICAL_KEYS:
        raise InvalidInputError(
            "the canonical text is not an entry object", "规范文本不是一条记录的 JSON 对象"
        )
    if data["seq"] != seq:
        raise InvalidInputError(
            f"the row's seq {seq!r} differs from the seq {data['seq']!r} in its text",
            f"该行序号 {seq!r} 与文本中的序号 {data['seq']!r} 不一致",
        )
    return stored_entry(
        seq,
        data["item"],
        data["kind"],
        data["recorded"],
        "",
        data["corrects"],
        data["prev"],
        hash_,
        parsed=data["payload"],
        text=canonical,
    )
