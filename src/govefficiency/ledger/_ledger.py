"""The ledger (台账): an append-only, hash-chained record of a year's checklist items."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Callable, Container, Iterable, Sequence
from typing import Any, cast

from govefficiency._deprecation import at_by_keyword
from govefficiency._time import DEFAULT_ZONE, check_zone, end_of_day, require_aware
from govefficiency.errors import (
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
    LedgerIntegrityError,
    StoreError,
    UnknownItemError,
)
from govefficiency.ledger._batch import Batch, admit, validate
from govefficiency.ledger._chain import (
    Anchor,
    ChainReport,
    KeyedAnchor,
    check_key,
    sign_anchor,
    verify_entries,
    verify_keyed,
)
from govefficiency.ledger._entries import GENESIS, Draft, Entry, seal
from govefficiency.ledger._import import import_jsonl, require_store
from govefficiency.ledger._items import ChecklistItem
from govefficiency.ledger._jsonl import write_jsonl
from govefficiency.ledger._payloads import EntryKind
from govefficiency.ledger._recording import Recording, each
from govefficiency.ledger._reopen import load, snapshot_rows
from govefficiency.ledger._snapshots import Row
from govefficiency.ledger._state import _DONE, _SETTLED, Fold, ItemState, done_of, replay
from govefficiency.ledger._store import LedgerStore, MemoryStore
from govefficiency.ledger._views import ItemView

__all__ = ["Ledger"]


class Ledger(Recording):
    """A year's checklist ledger (台账): items and the append-only record of what
    happened to each, with replay "as of" any instant and hash-chain verification.

    Write with :meth:`open_items` (年初建账), :meth:`report_progress`,
    :meth:`set_milestones`, :meth:`issue_notices`, :meth:`require_rectification`,
    :meth:`complete_rectification`, :meth:`record_review`, :meth:`correct` — or
    :meth:`append` for any batch of :class:`Draft` values (all or nothing). Nothing is
    ever edited or deleted. Read with :meth:`state`, :meth:`states`, :meth:`view`,
    :meth:`views` (decoded on demand), :meth:`items`, :meth:`entries`; review with :func:`june_check`, :func:`reconcile`, :func:`settle`,
    :func:`monthly_review` and :func:`supervision_rates`.

    Args:
        store: where entries are kept: a :class:`MemoryStore` (the default) or a
            :class:`SqliteStore`. Existing entries are loaded and their chain checked.
        zone: the time zone in which report dates and date-only instants are read.
        known_units: when given, every unit an opened item names must be in it — for
            example the unit ids of a responsibility graph.
        known_leaders: the same for responsible leaders.
        known_officers: the same for named officers.

    A ledger object is for one thread; several ledgers (threads or processes) may share
    one store, and each sees the others' entries at its next append or :meth:`refresh`.

    Raises:
        LedgerIntegrityError: the store's chain is broken (see :meth:`verify`).
        StoreError: the store cannot be read.
    """

    def __init__(
        self,
        store: LedgerStore | None = None,
        *,
        zone: str = DEFAULT_ZONE,
        known_units: Container[str] | None = None,
        known_leaders: Container[str] | None = None,
        known_officers: Container[str] | None = None,
    ) -> None:
        store = MemoryStore() if store is None else require_store(store)
        self._store = store
        self._zone = check_zone(zone)
        self._known = (known_units, known_leaders, known_officers)
        self._signer: Any = None  # a Signer while under ledger._signatures.signed_by
        self._load()

    def _load(self) -> None:
        """Reset the ledger's state and load the store: from its snapshots when it keeps
        them (the chain is checked in bulk, nothing is decoded), else by replaying every
        entry."""
        store = self._store
        # A store that can fetch entries by seq is read on demand; for any other, the
        # entries are kept in memory.
        self._entries: list[Entry] | None = None if callable(getattr(store, "fetch", None)) else []
        self._pending: dict[int, Entry] = {}  # sealed, not yet in the store (imports)
        # Entries this ledger sealed, took in from other writers or decoded when asked
        # (none at open): kept, so that asking again costs nothing.
        self._cache: dict[int, Entry] = {}
        self._keep = not isinstance(store, MemoryStore)  # a MemoryStore holds them already
        self._folds: dict[str, Fold] = {}
        self._touched: set[str] = set()  # items whose snapshot is not yet written
        self._done: set[int] = set()
        self._settled: set[str] = set()
        self._count = 0
        self._head = GENESIS
        self._latest_at: dt.datetime | None = None
        load(self)

    @staticmethod
    def _broken(report: ChainReport, at: int) -> LedgerIntegrityError:
        detail = report.problem.message if report.problem is not None else None
        return LedgerIntegrityError(
            f"the ledger's hash chain is broken at entry {at}"
            + (f": {detail.en}" if detail else "")
            + "; nothing can be appended until the store is restored from a good copy",
            f"台账哈希链在第 {at} 条处损坏"
            + (f"：{detail.zh}" if detail else "")
            + "；恢复完好副本前不能追加记录",
        )

    def _get(self, seqs: Sequence[int]) -> list[Entry]:
        """The entries ``seqs`` (decoded from the store, or held in memory)."""
        pending = self._pending
        if pending:
            out = [pending.get(seq) for seq in seqs]
            if all(e is not None for e in out):
                return cast(list[Entry], out)
            rest = iter(self._stored([seq for seq, e in zip(seqs, out, strict=True) if e is None]))
            return [e if e is not None else next(rest) for e in out]
        return self._stored(seqs)

    def _stored(self, seqs: Sequence[int]) -> list[Entry]:
        entries = self._entries
        if entries is not None:
            return [entries[seq - 1] for seq in seqs]
        cache = self._cache
        missing = [seq for seq in seqs if seq not in cache]
        if missing:
            fetched: list[Entry] = self._store.fetch(missing)  # type: ignore[attr-defined]
            if not self._keep:
                found = dict(zip(missing, fetched, strict=True))
                return [cache[seq] if seq in cache else found[seq] for seq in seqs]
            for entry in fetched:
                cache[entry.seq] = entry
        return [cache[seq] for seq in seqs]

    # -- basic facts ---------------------------------------------------------------------

    @property
    def store(self) -> LedgerStore:
        return self._store

    @property
    def zone(self) -> str:
        return self._zone

    def __len__(self) -> int:
        return self._count

    @property
    def head_seq(self) -> int:
        """The sequence number of the last entry (0 when empty)."""
        return self._count

    @property
    def head_hash(self) -> str:
        """The hash of the last entry (:data:`GENESIS` when empty)."""
        return self._head

    @property
    def anchor(self) -> Anchor:
        """``(head_seq, head_hash)``: keep it to detect a later truncation or rewrite
        with :meth:`verify`."""
        return (self._count, self._head)

    @property
    def latest_recorded_at(self) -> dt.datetime | None:
        """The latest ``recorded_at`` of any entry (``None`` when empty)."""
        return self._latest_at

    def __repr__(self) -> str:
        return f"Ledger({len(self._folds)} items, {self._count} entries, {self._store!r})"

    def close(self) -> None:
        """Close the store."""
        self._store.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- loading -----------------------------------------------------------------------------

    def _absorb(self, entries: Iterable[Entry]) -> int:
        """Take entries written by the store (at load or by other writers) into account,
        checking the chain and the ledger's rules as for an append."""
        count = 0
        batch = Batch(self)  # stays empty: each entry is applied before the next

        def refused(seq: int, exc: GovEfficiencyError) -> StoreError:
            return StoreError(
                f"stored entry {seq} breaks a ledger rule: {exc.en}",
                f"已存储的第 {seq} 条记录违反台账规则：{exc.zh or exc.en}",
            )

        for entry in entries:
            admit(self, entry, batch, lambda seq: self._broken(self._store.verify(), seq), refused)
            count += 1
        return count

    def refresh(self) -> int:
        """Take in entries that other writers appended to the store since this ledger
        last looked; return how many."""
        return self._absorb(self._store.read(self._count))

    def _apply(self, entry: Entry) -> None:
        if self._entries is not None:
            self._entries.append(entry)
        elif self._keep:
            self._cache[entry.seq] = entry
        self._count = entry.seq
        self._head = entry.hash
        item_id = entry.item_id
        fold = self._folds.get(item_id)
        if fold is None:
            fold = self._folds[item_id] = Fold(item_id, self._get)
        fold.apply(entry)
        self._touched.add(item_id)
        kind = entry.kind
        if entry.corrects is None:
            if kind is _DONE:
                self._done.add(fold.root_of(done_of(entry).order))
            elif kind is _SETTLED:
                self._settled.add(item_id)
        latest = self._latest_at
        if latest is None or entry.recorded_at > latest:
            self._latest_at = entry.recorded_at

    # -- appending --------------------------------------------------------------------------------

    def append(self, drafts: Iterable[Draft]) -> tuple[Entry, ...]:
        """Append a batch of drafts as one transaction: all are appended, or none.

        Returns:
            the new entries, with their sequence numbers and hashes.

        Raises:
            UnknownItemError: an entry for an item not opened, or a reference to an
                entry that does not exist.
            LedgerEntryError: an entry the ledger's rules refuse (see the message).
            InvalidInputError: an item or plan that is invalid.
            UnknownNodeError: an item naming a unit, leader or officer not known.
            StoreError: the store failed; nothing was written.
        """
        batch_drafts = each((drafts,) if isinstance(drafts, Draft) else drafts, Draft, "Ledger.append()")
        if not batch_drafts:
            return ()

        applied = False

        def build(foreign: Iterable[Entry]) -> list[Entry]:
            nonlocal applied
            self._absorb(foreign)
            batch = Batch(self)
            prev = self._head
            seq = self._count
            out: list[Entry] = []
            for d in batch_drafts:
                seq += 1
                item, defs = validate(d, seq, batch, full=True)
                entry = seal(d, seq, prev)
                batch.add(entry, item, defs)
                out.append(entry)
                prev = entry.hash
            # Applied inside the store's transaction, so that the snapshots written with
            # the batch include it; reloaded below if the store then fails.
            applied = True
            for entry in out:
                self._apply(entry)
            return out

        try:
            _, written = self._append(build)
        except BaseException:
            if applied:
                self._load()
            raise
        if self._signer is not None:  # Ed25519 signatures of the recording unit (issue 16)
            from govefficiency.ledger._signatures import record_signatures

            record_signatures(self._store, written, self._signer)
        return tuple(written)

    def _append(self, build: Callable[[Sequence[Entry]], list[Entry]]) -> tuple[list[Entry], list[Entry]]:
        if callable(getattr(self._store, "snapshots", None)):
            result = self._store.append(self._count, build, snapshots=self._snapshots)  # type: ignore[call-arg]
        else:
            result = self._store.append(self._count, build)
        self._touched.clear()
        return result

    def _snapshots(self, full: bool) -> tuple[list[Row], int, str]:
        """The snapshot rows the store writes with a batch (see ``_reopen``)."""
        return snapshot_rows(self, full)

    # -- reading ------------------------------------------------------------------------------------

    def _as_of(self, at: dt.date | dt.datetime | None) -> dt.datetime | None:
        if at is None:
            return None
        if isinstance(at, dt.datetime):
            return require_aware(at, "at")
        if isinstance(at, dt.date):
            return end_of_day(at, self._zone)
        raise InvalidTypeError(
            f"at must be a date (meaning its end) or an aware datetime, not {type(at).__name__}",
            f"at 必须是日期（表示当日结束）或带时区的 datetime，而不是 {type(at).__name__}",
        )

    def entry(self, seq: int) -> Entry:
        """The entry with sequence number ``seq``."""
        if type(seq) is not int or not 1 <= seq <= self._count:
            raise UnknownItemError(
                f"there is no entry {seq!r}: the ledger has entries 1 to {self._count}",
                f"不存在第 {seq!r} 条记录：台账共有第 1 至 {self._count} 条",
            )
        return self._get((seq,))[0]

    def entries(
        self,
        item_id: str | None = None,
        *,
        kind: EntryKind | None = None,
        at: dt.date | dt.datetime | None = None,
    ) -> tuple[Entry, ...]:
        """The entries in sequence order, optionally of one item, of one kind, or
        recorded by ``at`` (a date means the end of that day)."""
        if item_id is None:
            source: Iterable[Entry] = self._all_entries()
        else:
            source = self._item_entries(self._require_item(item_id))
        if kind is not None and not isinstance(kind, EntryKind):
            raise InvalidTypeError(
                f"kind must be an EntryKind, not {type(kind).__name__}",
                f"kind 必须是 EntryKind，而不是 {type(kind).__name__}",
            )
        until = self._as_of(at)
        return tuple(
            e
            for e in source
            if (kind is None or e.kind is kind) and (until is None or e.recorded_at <= until)
        )

    def _all_entries(self) -> Iterable[Entry]:
        """Every entry up to the head, in order (streamed from the store when it is not
        held in memory)."""
        if self._entries is not None:
            return self._entries
        cache = self._cache
        if len(cache) >= self._count and all(seq in cache for seq in (1, self._count)):
            return [cache[seq] for seq in range(1, self._count + 1)]
        return itertools.islice(self._store.read(0), self._count)

    def _item_entries(self, fold: Fold) -> list[Entry]:
        """Every entry of the item (corrected ones included), in order."""
        return self._get(fold.seqs())

    def _require_item(self, item_id: str) -> Fold:
        fold = self._folds.get(item_id) if isinstance(item_id, str) else None
        if fold is None or fold.opened_at is None:
            raise UnknownItemError(f"item {item_id!r} is not in this ledger", f"本台账中没有事项 {item_id!r}")
        return fold

    def _folds_at(self, at: dt.date | dt.datetime | None = None) -> dict[str, Fold]:
        """The item folds as of ``at`` (for the reviews of this package): the live ones
        when nothing was recorded after ``at``, else folds replayed from the entries."""
        until = self._as_of(at)
        latest = self._latest_at
        if until is None or latest is None or until >= latest:
            return self._folds
        out: dict[str, Fold] = {}
        for item_id, live in self._folds.items():
            if live.opened_at is None or live.opened_at > until:
                continue
            fold = replay(item_id, self._item_entries(live), until, self._get)
            if fold is not None:
                out[item_id] = fold
        return out

    @at_by_keyword(1)
    def item_ids(self, *, at: dt.date | dt.datetime | None = None) -> tuple[str, ...]:
        """The ids of the items open at ``at`` (all by default), in the order opened."""
        until = self._as_of(at)
        return tuple(
            item_id
            for item_id, fold in self._folds.items()
            if fold.opened_at is not None and (until is None or fold.opened_at <= until)
        )

    def _fold_of(self, item_id: str, until: dt.datetime | None) -> Fold:
        """The fold of one item as of ``until`` (replayed when entries came later)."""
        fold = self._require_item(item_id)
        latest = self._latest_at
        if until is not None and latest is not None and until < latest:
            replayed = replay(item_id, self._item_entries(fold), until, self._get)
            if replayed is None:
                raise UnknownItemError(
                    f"item {item_id!r} was not yet open at {until.isoformat()}",
                    f"事项 {item_id!r} 在 {until.isoformat()} 尚未建账",
                )
            fold = replayed
        return fold

    @at_by_keyword(2)
    def state(self, item_id: str, *, at: dt.date | dt.datetime | None = None) -> ItemState:
        """The item as recorded by ``at`` (a date means its end; default: everything)."""
        until = self._as_of(at)
        return self._fold_of(item_id, until).snapshot(until)

    @at_by_keyword(1)
    def states(self, *, at: dt.date | dt.datetime | None = None) -> tuple[ItemState, ...]:
        """Every item open at ``at``, as recorded by then, in the order opened."""
        until = self._as_of(at)
        return tuple(fold.snapshot(until) for fold in self._folds_at(until).values())

    def view(self, item_id: str, *, at: dt.date | dt.datetime | None = None) -> ItemView:
        """The item as recorded by ``at``, like :meth:`state`, as a read-only
        :class:`ItemView` that decodes entries only when they are read."""
        until = self._as_of(at)
        return ItemView(self._fold_of(item_id, until), until, self._count)

    def views(self, *, at: dt.date | dt.datetime | None = None) -> tuple[ItemView, ...]:
        """Every item open at ``at``, as recorded by then, in the order opened — the items
        of :meth:`states`, as read-only :class:`ItemView` values that decode entries only
        when they are read (the latest report is one entry). The reviews read these."""
        until = self._as_of(at)
        head = self._count
        return tuple(
            ItemView(fold, until, head)
            for fold in self._folds_at(until).values()
            if fold.opened_at is not None
        )

    @at_by_keyword(2)
    def item(self, item_id: str, *, at: dt.date | dt.datetime | None = None) -> ChecklistItem:
        """The item with its plan as of ``at``."""
        return self.state(item_id, at=at).item

    @at_by_keyword(1)
    def items(self, *, at: dt.date | dt.datetime | None = None) -> tuple[ChecklistItem, ...]:
        """The items open at ``at``, with their plans as of then."""
        return tuple(fold.item() for fold in self._folds_at(at).values())

    # -- integrity and files ------------------------------------------------------------------------

    def verify(
        self,
        *,
        anchor: Anchor | KeyedAnchor | None = None,
        key: bytes | None = None,
        allow_later: bool = False,
    ) -> ChainReport:
        """Verify the hash chain as it is in the store now; the report names the first
        modified, deleted, inserted or reordered entry.

        Args:
            anchor: ``(seq, hash)`` kept from an earlier :attr:`anchor`, to detect a
                truncation or a rewrite of the tail; or a :class:`KeyedAnchor` from
                :meth:`keyed_anchor`, checked with ``key``.
            key: the secret key of a keyed anchor. The anchor's MAC is checked first
                (``ANCHOR_FORGED`` when it does not match), then the chain against it;
                entries after the anchored head are ``UNATTESTED`` (a forged append
                looks the same) unless ``allow_later``, and are counted as unattested in
                the report either way.
            allow_later: accept entries after a keyed anchor's head (they stay
                unattested: ``report.attested`` is the anchor's seq).

        Raises:
            InvalidInputError: a malformed anchor or key, a keyed anchor without its key,
                or a key with a plain anchor.
        """
        if type(allow_later) is not bool:
            raise InvalidInputError(
                f"allow_later must be True or False, not {allow_later!r}",
                f"allow_later 必须是 True 或 False，而不是 {allow_later!r}",
            )
        if key is None and not allow_later:
            if isinstance(anchor, KeyedAnchor):
                raise InvalidInputError(
                    "a keyed anchor is checked with its key: Ledger.verify(anchor=..., key=...)",
                    "密钥锚点须连同密钥校验：Ledger.verify(anchor=..., key=...)",
                )
            return self._store.verify(anchor=anchor)
        if key is None:
            check_key(key)
        return verify_keyed(
            lambda plain: self._store.verify(anchor=plain), anchor, key, allow_later=allow_later
        )

    def keyed_anchor(self, key: bytes) -> KeyedAnchor:
        """The head of the chain signed with ``key`` (HMAC-SHA256): keep it, even where
        others can write, and check the ledger later with ``verify(anchor=..., key=key)``.

        Entries other writers appended are taken in first, and the store's chain is
        checked: a key holder never vouches for a broken chain.

        Raises:
            InvalidInputError: ``key`` is not bytes of at least 16 bytes.
            LedgerIntegrityError: the store's chain is broken.
        """
        key = check_key(key)
        self.refresh()
        head = self.anchor
        self._store.verify(anchor=head).raise_if_broken()
        return sign_anchor(head, key)

    def verify_loaded(self) -> ChainReport:
        """Verify the entries up to this ledger's head, as it reads them (held in memory,
        or decoded from the store one by one for a store that keeps snapshots)."""
        return verify_entries(self._all_entries())

    def to_jsonl(self, path: str | os.PathLike[str]) -> int:
        """Export every entry as JSON Lines (streamed); return the count."""
        return write_jsonl(self._all_entries(), path)

    @classmethod
    def from_jsonl(
        cls,
        path: str | os.PathLike[str],
        store: LedgerStore | None = None,
        **options: Any,
    ) -> Ledger:
        """A ledger imported from a JSON Lines export, into ``store`` (which must be
        empty; a new :class:`MemoryStore` by default). ``options`` are passed to
        :class:`Ledger`.

        The file is read line by line; each entry is checked (chain and ledger rules) as
        it is read, and the whole file is written to ``store`` in one transaction, only
        when every line is good: nothing is imported from a bad file. Memory is the
        ledger's own state, not a copy of the file.

        Raises:
            LedgerFileError: the file is malformed (the error names the line).
            LedgerIntegrityError: its chain is broken (nothing is imported).
            StoreError: ``store`` is not empty, or an entry breaks a ledger rule.
        """
        return import_jsonl(cls, path, store, options)
