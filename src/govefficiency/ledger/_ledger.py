"""The ledger (台账): an append-only, hash-chained record of a year's checklist items."""

from __future__ import annotations

import datetime as dt
import itertools
import os
from collections.abc import Container, Iterable
from typing import Any

from govefficiency._time import DEFAULT_ZONE, check_zone, end_of_day, local_date, require_aware
from govefficiency.errors import (
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
    LedgerEntryError,
    LedgerIntegrityError,
    StoreError,
    UnknownItemError,
)
from govefficiency.ledger._chain import (
    Anchor,
    ChainReport,
    KeyedAnchor,
    check_key,
    sign_anchor,
    verify_entries,
    verify_keyed,
)
from govefficiency.ledger._entries import GENESIS, Draft, Entry, digest, seal
from govefficiency.ledger._items import ChecklistItem, TimeNode, check_item_refs
from govefficiency.ledger._jsonl import iter_jsonl, write_jsonl
from govefficiency.ledger._payloads import (
    EntryKind,
    MilestoneChange,
    Payload,
    ProgressReport,
    RectificationDone,
    RectificationOrder,
    Review,
    SupervisionNotice,
)
from govefficiency.ledger._state import Fold, ItemState, build_item, done_of, replay
from govefficiency.ledger._store import LedgerStore, MemoryStore
from govefficiency.text import Text

__all__ = ["Ledger"]

_OPENED = EntryKind.ITEM_OPENED
_MILESTONE = EntryKind.MILESTONE_SET
_NOTICE = EntryKind.NOTICE_ISSUED
_ORDER = EntryKind.RECTIFICATION_REQUIRED
_DONE = EntryKind.RECTIFICATION_DONE
_SETTLED = EntryKind.SETTLED


class _Batch:
    """What a batch being sealed adds to the ledger, for checking the next draft."""

    __slots__ = ("defs", "done", "entries", "items", "ledger", "opened", "roots", "settled")

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.entries: list[Entry] = []
        self.opened: dict[str, dt.datetime] = {}
        self.defs: dict[str, list[tuple[int, Payload]]] = {}
        self.items: dict[str, ChecklistItem] = {}
        self.roots: dict[int, int] = {}
        self.done: set[int] = set()
        self.settled: set[str] = set()

    def entry(self, seq: int) -> Entry | None:
        base = self.ledger._entries
        if 1 <= seq <= len(base):
            return base[seq - 1]
        i = seq - len(base) - 1
        return self.entries[i] if 0 <= i < len(self.entries) else None

    def opened_at(self, item_id: str) -> dt.datetime | None:
        fold = self.ledger._folds.get(item_id)
        if fold is not None and fold.opened is not None:
            return fold.opened.recorded_at
        return self.opened.get(item_id)

    def definitions(self, item_id: str) -> list[tuple[int, Payload]]:
        defs = self.defs.get(item_id)
        if defs is not None:
            return list(defs)
        fold = self.ledger._folds.get(item_id)
        return [] if fold is None else fold.definitions()

    def root_of(self, seq: int) -> int:
        root = self.roots.get(seq)
        if root is not None:
            return root
        entry = self.entry(seq)
        if entry is None:
            return seq
        fold = self.ledger._folds.get(entry.item_id)
        return seq if fold is None else fold.root_of(seq)

    def is_done(self, order: int) -> bool:
        return order in self.done or order in self.ledger._done

    def is_settled(self, item_id: str) -> bool:
        return item_id in self.settled or item_id in self.ledger._settled

    def add(self, entry: Entry, item: ChecklistItem | None, defs: list[tuple[int, Payload]] | None) -> None:
        self.entries.append(entry)
        kind = entry.kind
        if entry.corrects is not None:
            self.roots[entry.seq] = self.root_of(entry.corrects)
        if kind is _OPENED and entry.corrects is None:
            self.opened[entry.item_id] = entry.recorded_at
        if defs is not None and item is not None:
            self.defs[entry.item_id] = defs
            self.items[entry.item_id] = item
        if kind is _DONE and entry.corrects is None:
            self.done.add(self.root_of(done_of(entry).order))
        elif kind is _SETTLED and entry.corrects is None:
            self.settled.add(entry.item_id)


class Ledger:
    """A year's checklist ledger (台账): items and the append-only record of what
    happened to each, with replay "as of" any instant and hash-chain verification.

    Write with :meth:`open_items` (年初建账), :meth:`report_progress`,
    :meth:`set_milestones`, :meth:`issue_notices`, :meth:`require_rectification`,
    :meth:`complete_rectification`, :meth:`record_review`, :meth:`correct` — or
    :meth:`append` for any batch of :class:`Draft` values (all or nothing). Nothing is
    ever edited or deleted. Read with :meth:`state`, :meth:`states`, :meth:`items`,
    :meth:`entries`; review with :func:`june_check`, :func:`reconcile`, :func:`settle`,
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
        if store is None:
            store = MemoryStore()
        elif not isinstance(store, LedgerStore):
            raise InvalidTypeError(
                f"store must be a MemoryStore, a SqliteStore or another LedgerStore, not {type(store).__name__}",
                f"store 必须是 MemoryStore、SqliteStore 或其他 LedgerStore，而不是 {type(store).__name__}",
            )
        self._store = store
        self._zone = check_zone(zone)
        self._known = (known_units, known_leaders, known_officers)
        self._entries: list[Entry] = []
        self._by_item: dict[str, list[Entry]] = {}
        self._folds: dict[str, Fold] = {}
        self._done: set[int] = set()
        self._settled: set[str] = set()
        self._head = GENESIS
        self._latest_at: dt.datetime | None = None
        self._signer: Any = None  # a Signer while under ledger._signatures.signed_by
        self._absorb(store.read(0))

    # -- basic facts ---------------------------------------------------------------------

    @property
    def store(self) -> LedgerStore:
        return self._store

    @property
    def zone(self) -> str:
        return self._zone

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def head_seq(self) -> int:
        """The sequence number of the last entry (0 when empty)."""
        return len(self._entries)

    @property
    def head_hash(self) -> str:
        """The hash of the last entry (:data:`GENESIS` when empty)."""
        return self._head

    @property
    def anchor(self) -> Anchor:
        """``(head_seq, head_hash)``: keep it to detect a later truncation or rewrite
        with :meth:`verify`."""
        return (len(self._entries), self._head)

    @property
    def latest_recorded_at(self) -> dt.datetime | None:
        """The latest ``recorded_at`` of any entry (``None`` when empty)."""
        return self._latest_at

    def __repr__(self) -> str:
        return f"Ledger({len(self._folds)} items, {len(self._entries)} entries, {self._store!r})"

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
        batch = _Batch(self)  # stays empty: each entry is applied before the next
        for entry in entries:
            seq = len(self._entries) + 1
            if entry.seq != seq or entry.prev_hash != self._head or digest(entry._body) != entry.hash:
                report = self._store.verify()
                detail = report.problem.message if report.problem is not None else None
                raise LedgerIntegrityError(
                    f"the ledger's hash chain is broken at entry {seq}"
                    + (f": {detail.en}" if detail else "")
                    + "; nothing can be appended until the store is restored from a good copy",
                    f"台账哈希链在第 {seq} 条处损坏"
                    + (f"：{detail.zh}" if detail else "")
                    + "；恢复完好副本前不能追加记录",
                )
            try:
                self._validate(entry, seq, batch, full=False)
            except GovEfficiencyError as exc:
                raise StoreError(
                    f"stored entry {seq} breaks a ledger rule: {exc.en}",
                    f"已存储的第 {seq} 条记录违反台账规则：{exc.zh or exc.en}",
                ) from None
            self._apply(entry)
            count += 1
        return count

    def refresh(self) -> int:
        """Take in entries that other writers appended to the store since this ledger
        last looked; return how many."""
        return self._absorb(self._store.read(len(self._entries)))

    def _apply(self, entry: Entry) -> None:
        self._entries.append(entry)
        self._head = entry.hash
        item_id = entry.item_id
        fold = self._folds.get(item_id)
        if fold is None:
            fold = self._folds[item_id] = Fold(item_id)
            self._by_item[item_id] = []
        self._by_item[item_id].append(entry)
        fold.apply(entry)
        kind = entry.kind
        if entry.corrects is None:
            if kind is _DONE:
                self._done.add(fold.root_of(done_of(entry).order))
            elif kind is _SETTLED:
                self._settled.add(item_id)
        latest = self._latest_at
        if latest is None or entry.recorded_at > latest:
            self._latest_at = entry.recorded_at

    # -- the rules of appending ------------------------------------------------------------------

    def _validate(self, d: Draft | Entry, seq: int, batch: _Batch, *, full: bool) -> tuple[Any, Any]:
        """Check ``d`` (to become entry ``seq``) against the ledger and the batch so far.

        Returns the item and its definitions when ``d`` changes them, else ``(None, None)``.
        ``full`` adds the checks that only apply when recording (report dates, known ids).
        """
        kind = d.kind
        payload = d.payload
        item_id = d.item_id
        corrected: Entry | None = None
        if d.corrects is not None:
            corrected = batch.entry(d.corrects) if d.corrects < seq else None
            if corrected is None:
                raise UnknownItemError(
                    f"the correction corrects entry {d.corrects}, which is not in the ledger",
                    f"更正记录指向的第 {d.corrects} 条记录不存在",
                )
            if corrected.item_id != item_id or corrected.kind is not kind:
                raise LedgerEntryError(
                    f"entry {d.corrects} is a {corrected.kind.value} entry of item {corrected.item_id}; "
                    f"a correction must be of the same item and kind (here {kind.value} of {item_id})",
                    f"第 {d.corrects} 条记录是事项 {corrected.item_id} 的“{corrected.kind.label.zh}”；"
                    f"更正记录必须与其事项和类型相同（此处为事项 {item_id} 的“{kind.label.zh}”）",
                )
            if d.recorded_at < corrected.recorded_at:
                raise LedgerEntryError(
                    f"a correction of entry {d.corrects} cannot be recorded before it "
                    f"({d.recorded_at.isoformat()} < {corrected.recorded_at.isoformat()})",
                    f"对第 {d.corrects} 条记录的更正不能早于该记录本身",
                )
        opened_at = batch.opened_at(item_id)
        if isinstance(payload, ChecklistItem):
            if payload.id != item_id:
                raise LedgerEntryError(
                    f"the entry is for item {item_id} but opens item {payload.id}",
                    f"记录所属事项为 {item_id}，但建账的是事项 {payload.id}",
                )
            if corrected is None and opened_at is not None:
                raise LedgerEntryError(
                    f"item {item_id} is already open (since {opened_at.isoformat()}); to change its "
                    f"definition, correct the opening entry (Ledger.correct), to change its plan, "
                    f"use Ledger.set_milestones",
                    f"事项 {item_id} 已建账（{opened_at.isoformat()}）；修改事项内容请更正建账记录"
                    f"（Ledger.correct），调整时间节点请用 Ledger.set_milestones",
                )
            if full:
                units, leaders, officers = self._known
                check_item_refs(
                    payload,
                    known_units=units,
                    known_leaders=leaders,
                    known_officers=officers,
                )
        elif opened_at is None:
            raise UnknownItemError(
                f"item {item_id} has not been opened in this ledger; open it first (Ledger.open_items)",
                f"事项 {item_id} 尚未在本台账中建账；请先建账（Ledger.open_items）",
            )
        if opened_at is not None and d.recorded_at < opened_at:
            raise LedgerEntryError(
                f"an entry of item {item_id} cannot be recorded ({d.recorded_at.isoformat()}) before "
                f"the item was opened ({opened_at.isoformat()})",
                f"事项 {item_id} 的记录时间（{d.recorded_at.isoformat()}）不能早于建账时间（{opened_at.isoformat()}）",
            )
        if isinstance(payload, ProgressReport):
            if full:
                day = local_date(d.recorded_at, self._zone)
                if payload.date > day:
                    raise LedgerEntryError(
                        f"item {item_id}: a progress report dated {payload.date} cannot be recorded "
                        f"on {day}, before that date",
                        f"事项 {item_id}：日期为 {payload.date} 的进度报告不能在此前的 {day} 记录",
                    )
            return None, None
        if kind is _OPENED or kind is _MILESTONE:
            if kind is _OPENED and corrected is None:
                return payload, [(seq, payload)]
            defs = batch.definitions(item_id)
            if corrected is not None:
                root = batch.root_of(corrected.seq)
                defs = [(r, payload if r == root else p) for r, p in defs]
            else:
                defs.append((seq, payload))
            return build_item(p for _, p in defs), defs
        if isinstance(payload, SupervisionNotice):
            if payload.item_id != item_id:
                raise LedgerEntryError(
                    f"the notice is about item {payload.item_id} but recorded for item {item_id}",
                    f"督查通知针对事项 {payload.item_id}，却记在事项 {item_id} 下",
                )
        elif isinstance(payload, RectificationOrder):
            if payload.notice is not None:
                self._require_ref(batch, payload.notice, seq, item_id, _NOTICE, "notice")
        elif isinstance(payload, RectificationDone):
            order = payload.order
            self._require_ref(batch, order, seq, item_id, _ORDER, "order")
            root = batch.root_of(order)
            if corrected is None:
                if batch.is_done(root):
                    raise LedgerEntryError(
                        f"rectification {root} of item {item_id} is already done; correct that entry instead",
                        f"事项 {item_id} 的第 {root} 条整改要求已完成；如需修改请更正该记录",
                    )
            elif batch.root_of(done_of(corrected).order) != root:
                raise LedgerEntryError(
                    "a correction of a rectification done must answer the same order",
                    "对整改完成记录的更正必须对应同一整改要求",
                )
        elif kind is _SETTLED and corrected is None and batch.is_settled(item_id):
            raise LedgerEntryError(
                f"item {item_id} is already settled; correct the settlement entry instead",
                f"事项 {item_id} 已交账；如需修改请更正交账记录",
            )
        return None, None

    @staticmethod
    def _require_ref(batch: _Batch, ref: int, seq: int, item_id: str, kind: EntryKind, what: str) -> None:
        target = batch.entry(ref) if ref < seq else None
        if target is None or target.item_id != item_id or target.kind is not kind:
            raise LedgerEntryError(
                f"the {what} {ref} is not a {kind.value} entry of item {item_id}",
                f"第 {ref} 条记录不是事项 {item_id} 的“{kind.label.zh}”记录",
            )

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
        if isinstance(drafts, Draft):
            drafts = (drafts,)
        batch_drafts = tuple(drafts)
        for d in batch_drafts:
            if not isinstance(d, Draft):
                raise InvalidTypeError(
                    f"Ledger.append() takes Draft values, not {type(d).__name__}",
                    f"Ledger.append() 需要 Draft，而不是 {type(d).__name__}",
                )
        if not batch_drafts:
            return ()

        def build(foreign: Iterable[Entry]) -> list[Entry]:
            self._absorb(foreign)
            batch = _Batch(self)
            prev = self._head
            seq = len(self._entries)
            out: list[Entry] = []
            for d in batch_drafts:
                seq += 1
                item, defs = self._validate(d, seq, batch, full=True)
                entry = seal(d, seq, prev)
                batch.add(entry, item, defs)
                out.append(entry)
                prev = entry.hash
            return out

        _, written = self._store.append(len(self._entries), build)
        for entry in written:
            self._apply(entry)
        if self._signer is not None:  # Ed25519 signatures of the recording unit (issue 16)
            from govefficiency.ledger._signatures import record_signatures

            record_signatures(self._store, written, self._signer)
        return tuple(written)

    def _instant(self, at: object, what: str = "at") -> dt.datetime:
        return require_aware(at, what)

    def open_items(self, items: Iterable[ChecklistItem], *, at: dt.datetime) -> tuple[Entry, ...]:
        """Open the items (年初建账): one ``item_opened`` entry each, in one batch."""
        at = self._instant(at)
        drafts = []
        for item in items:
            if not isinstance(item, ChecklistItem):
                raise InvalidTypeError(
                    f"open_items() takes ChecklistItem values, not {type(item).__name__}",
                    f"open_items() 需要 ChecklistItem，而不是 {type(item).__name__}",
                )
            drafts.append(Draft(item.id, at, item))
        return self.append(drafts)

    def set_milestones(
        self,
        item_id: str,
        time_nodes: Iterable[TimeNode],
        *,
        reason: str,
        approver: str,
        at: dt.datetime,
        deadline: dt.date | None = None,
    ) -> Entry:
        """Set or change an item's time nodes (and optionally its deadline), with the
        reason and the approving leader."""
        change = MilestoneChange(time_nodes, reason, approver, deadline)
        return self.append((Draft(item_id, self._instant(at), change),))[0]

    def report_progress(
        self,
        item_id: str,
        *,
        date: dt.date,
        share: float,
        at: dt.datetime,
        narrative: str = "",
        evidence: Iterable[str] = (),
    ) -> Entry:
        """Record progress: ``share`` percent complete as of ``date``, recorded at ``at``."""
        report = ProgressReport(date, share, narrative, evidence)
        return self.append((Draft(item_id, self._instant(at), report),))[0]

    def issue_notices(self, notices: Iterable[SupervisionNotice], *, at: dt.datetime) -> tuple[Entry, ...]:
        """Record supervision notices (e.g. those :func:`reconcile` returned), in one batch."""
        at = self._instant(at)
        drafts = []
        for notice in notices:
            if not isinstance(notice, SupervisionNotice):
                raise InvalidTypeError(
                    f"issue_notices() takes SupervisionNotice values, not {type(notice).__name__}",
                    f"issue_notices() 需要 SupervisionNotice，而不是 {type(notice).__name__}",
                )
            drafts.append(Draft(notice.item_id, at, notice))
        return self.append(drafts)

    def require_rectification(
        self,
        item_id: str,
        *,
        description: str,
        due: dt.date,
        at: dt.datetime,
        notice: int | None = None,
    ) -> Entry:
        """Require a rectification (责令整改) by ``due``, optionally answering the notice
        entry ``notice``."""
        order = RectificationOrder(description, due, notice)
        return self.append((Draft(item_id, self._instant(at), order),))[0]

    def complete_rectification(
        self,
        item_id: str,
        *,
        order: int,
        description: str,
        at: dt.datetime,
        evidence: Iterable[str] = (),
    ) -> Entry:
        """Record that the rectification required by entry ``order`` is done."""
        done = RectificationDone(order, description, evidence)
        return self.append((Draft(item_id, self._instant(at), done),))[0]

    def record_review(self, item_id: str, review: Review, *, at: dt.datetime) -> Entry:
        """Record the result of a review of one item."""
        return self.append((Draft(item_id, self._instant(at), review),))[0]

    def correct(self, seq: int, payload: Payload, *, at: dt.datetime) -> Entry:
        """Append a correction of entry ``seq``: ``payload`` (of the same kind) takes its
        place in the item's state; the original stays in the ledger."""
        original = self.entry(seq)
        return self.append((Draft(original.item_id, self._instant(at), payload, seq),))[0]

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
        if type(seq) is not int or not 1 <= seq <= len(self._entries):
            raise UnknownItemError(
                f"there is no entry {seq!r}: the ledger has entries 1 to {len(self._entries)}",
                f"不存在第 {seq!r} 条记录：台账共有第 1 至 {len(self._entries)} 条",
            )
        return self._entries[seq - 1]

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
            source: list[Entry] = self._entries
        else:
            self._require_item(item_id)
            source = self._by_item[item_id]
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

    def _require_item(self, item_id: str) -> Fold:
        fold = self._folds.get(item_id) if isinstance(item_id, str) else None
        if fold is None or fold.opened is None:
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
        for item_id, entries in self._by_item.items():
            fold = replay(item_id, entries, until)
            if fold is not None:
                out[item_id] = fold
        return out

    def item_ids(self, at: dt.date | dt.datetime | None = None) -> tuple[str, ...]:
        """The ids of the items open at ``at`` (all by default), in the order opened."""
        until = self._as_of(at)
        return tuple(
            item_id
            for item_id, fold in self._folds.items()
            if fold.opened is not None and (until is None or fold.opened.recorded_at <= until)
        )

    def state(self, item_id: str, at: dt.date | dt.datetime | None = None) -> ItemState:
        """The item as recorded by ``at`` (a date means its end; default: everything)."""
        fold = self._require_item(item_id)
        until = self._as_of(at)
        latest = self._latest_at
        if until is not None and latest is not None and until < latest:
            replayed = replay(item_id, self._by_item[item_id], until)
            if replayed is None:
                raise UnknownItemError(
                    f"item {item_id!r} was not yet open at {until.isoformat()}",
                    f"事项 {item_id!r} 在 {until.isoformat()} 尚未建账",
                )
            fold = replayed
        return fold.snapshot(until)

    def states(self, at: dt.date | dt.datetime | None = None) -> tuple[ItemState, ...]:
        """Every item open at ``at``, as recorded by then, in the order opened."""
        until = self._as_of(at)
        return tuple(fold.snapshot(until) for fold in self._folds_at(until).values())

    def item(self, item_id: str, at: dt.date | dt.datetime | None = None) -> ChecklistItem:
        """The item with its plan as of ``at``."""
        return self.state(item_id, at).item

    def items(self, at: dt.date | dt.datetime | None = None) -> tuple[ChecklistItem, ...]:
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
        """Verify the entries this ledger holds in memory (not re-read from the store)."""
        return verify_entries(self._entries)

    def to_jsonl(self, path: str | os.PathLike[str]) -> int:
        """Export every entry as JSON Lines; return the count."""
        return write_jsonl(self._entries, path)

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
        target = MemoryStore() if store is None else store
        if not isinstance(target, LedgerStore):
            raise InvalidTypeError(
                f"store must be a MemoryStore, a SqliteStore or another LedgerStore, not {type(target).__name__}",
                f"store 必须是 MemoryStore、SqliteStore 或其他 LedgerStore，而不是 {type(target).__name__}",
            )
        if next(iter(target.read(0)), None) is not None:
            raise _not_empty()
        ledger = cls(MemoryStore(), **options)
        ledger._import(path, iter_jsonl(path))

        def build(foreign: Iterable[Entry]) -> list[Entry]:
            if next(iter(foreign), None) is not None:
                raise _not_empty()
            return ledger._entries

        if ledger._entries:
            target.append(0, build)
        ledger._store = target
        return ledger

    def _import(self, path: object, lines: Iterable[tuple[int, Entry]]) -> None:
        """Take in numbered entries read from ``path``, checking the chain and the rules
        one by one (streaming: nothing but the ledger's state is kept)."""
        batch = _Batch(self)  # stays empty: each entry is applied before the next
        it = iter(lines)
        for number, entry in it:
            seq = len(self._entries) + 1
            if entry.seq != seq or entry.prev_hash != self._head or digest(entry._body) != entry.hash:
                # Name the fault exactly as verify_entries would (it reads the rest of
                # the file, still line by line, to tell a reordering from a deletion).
                report = verify_entries(itertools.chain(self._entries, (entry,), (e for _, e in it)))
                problem = report.problem
                detail = problem.message if problem is not None else Text("", "")
                raise LedgerIntegrityError(
                    f"{path}: line {number}: the ledger's hash chain is broken: {detail.en}; nothing was imported",
                    f"{path}：第 {number} 行：台账哈希链已损坏：{detail.zh}；未导入任何记录",
                )
            try:
                self._validate(entry, seq, batch, full=False)
            except GovEfficiencyError as exc:
                raise StoreError(
                    f"{path}: line {number}: entry {seq} breaks a ledger rule: {exc.en}; nothing was imported",
                    f"{path}：第 {number} 行：第 {seq} 条记录违反台账规则：{exc.zh or exc.en}；未导入任何记录",
                ) from None
            self._apply(entry)


def _not_empty() -> StoreError:
    return StoreError(
        "the store to import into already holds entries; import into an empty store",
        "导入目标已有记录；请导入到空的存储中",
    )
