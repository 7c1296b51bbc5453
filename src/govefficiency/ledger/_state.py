"""The state of an item replayed from its entries, at any instant (as of 30 June…).

The ledger folds each item's entries into a private :class:`Fold` as they are appended
(so the current state costs nothing to ask for) and replays a fresh fold from the entries
recorded up to an instant when a past state is asked for.

A correction takes the *slot* of the entry it corrects: the original stays in the
ledger, but the state shows the corrected value in the original's place.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from typing import Generic, TypeVar, cast

import attrs

from govefficiency.ledger._entries import Entry
from govefficiency.ledger._items import ChecklistItem
from govefficiency.ledger._payloads import (
    EntryKind,
    MilestoneChange,
    Payload,
    ProgressReport,
    RectificationDone,
    RectificationOrder,
    Review,
    Settlement,
    SupervisionNotice,
)

__all__ = ["ItemState", "Recorded", "done_of", "notice_of", "order_of", "progress_of"]

P = TypeVar("P")

_OPENED = EntryKind.ITEM_OPENED
_MILESTONE = EntryKind.MILESTONE_SET
_PROGRESS = EntryKind.PROGRESS_REPORTED
_NOTICE = EntryKind.NOTICE_ISSUED
_ORDER = EntryKind.RECTIFICATION_REQUIRED
_DONE = EntryKind.RECTIFICATION_DONE
_REVIEWED = EntryKind.REVIEWED
_SETTLED = EntryKind.SETTLED
_UNSET: object = object()


def progress_of(entry: Entry) -> ProgressReport:
    """The payload of a ``progress_reported`` entry."""
    return cast(ProgressReport, entry.payload)


def notice_of(entry: Entry) -> SupervisionNotice:
    """The payload of a ``notice_issued`` entry."""
    return cast(SupervisionNotice, entry.payload)


def order_of(entry: Entry) -> RectificationOrder:
    """The payload of a ``rectification_required`` entry."""
    return cast(RectificationOrder, entry.payload)


def done_of(entry: Entry) -> RectificationDone:
    """The payload of a ``rectification_done`` entry."""
    return cast(RectificationDone, entry.payload)


@attrs.frozen
class Recorded(Generic[P]):
    """A value as it stands in the ledger, with where it came from.

    Attributes:
        seq: the sequence number of the entry now in effect (the latest correction's
            when the original was corrected).
        origin: the sequence number of the original entry (``== seq`` when never
            corrected).
        recorded_at: when the entry in effect was recorded.
        value: the payload.
    """

    seq: int
    origin: int
    recorded_at: dt.datetime
    value: P

    @property
    def corrected(self) -> bool:
        """Whether the original entry has been corrected."""
        return self.seq != self.origin


@attrs.frozen
class ItemState:
    """An item as the ledger shows it at an instant (replayed from its entries).

    Attributes:
        item: the item with its current plan (time nodes as last set).
        opened_at: when the item was opened.
        as_of: the instant the state was replayed to, or ``None`` for all entries.
        last_seq: the sequence number of the item's last entry taken into account.
        reports: progress reports in effect, ordered by report date.
        plan_changes: milestone changes in effect, in the order made.
        notices: supervision notices in effect, in the order issued.
        orders: rectifications required, in the order made.
        completions: rectifications done, in the order made.
        reviews: reviews recorded, in the order made.
        settlement: the year-end settlement, or ``None`` before it.
    """

    item: ChecklistItem
    opened_at: dt.datetime
    as_of: dt.datetime | None
    last_seq: int
    reports: tuple[Recorded[ProgressReport], ...] = ()
    plan_changes: tuple[Recorded[MilestoneChange], ...] = ()
    notices: tuple[Recorded[SupervisionNotice], ...] = ()
    orders: tuple[Recorded[RectificationOrder], ...] = ()
    completions: tuple[Recorded[RectificationDone], ...] = ()
    reviews: tuple[Recorded[Review], ...] = ()
    settlement: Recorded[Settlement] | None = None

    @property
    def item_id(self) -> str:
        return self.item.id

    @property
    def latest(self) -> Recorded[ProgressReport] | None:
        """The progress report with the latest report date (the later one on a tie)."""
        return self.reports[-1] if self.reports else None

    @property
    def share(self) -> float:
        """The share complete as last reported, in percent (0 when never reported)."""
        return self.reports[-1].value.share if self.reports else 0.0

    @property
    def open_orders(self) -> tuple[Recorded[RectificationOrder], ...]:
        """Rectifications required and not yet done."""
        done = {c.value.order for c in self.completions}
        return tuple(o for o in self.orders if o.origin not in done)

    @property
    def settled(self) -> bool:
        return self.settlement is not None


class Fold:
    """The running state of one item (private): effective entries per kind."""

    __slots__ = ("_item", "_latest", "item_id", "last_seq", "opened", "roots", "slots")

    def __init__(self, item_id: str) -> None:
        self.item_id = item_id
        self.opened: Entry | None = None
        self.last_seq = 0
        # kind -> (root seqs ascending, entry in effect per root)
        self.slots: dict[EntryKind, tuple[list[int], list[Entry]]] = {}
        self.roots: dict[int, int] = {}  # correction seq -> root seq
        self._item: ChecklistItem | None = None
        self._latest: object = None

    def apply(self, entry: Entry) -> None:
        """Take ``entry`` into account (entries must come in sequence order)."""
        kind = entry.kind
        slot = self.slots.get(kind)
        if slot is None:
            slot = self.slots[kind] = ([], [])
        self.last_seq = entry.seq
        corrects = entry.corrects
        if corrects is None:
            slot[0].append(entry.seq)
            slot[1].append(entry)
            if kind is _PROGRESS:
                latest = self._latest
                if latest is not _UNSET and (
                    latest is None or progress_of(entry).date >= progress_of(cast(Entry, latest)).date
                ):
                    self._latest = entry
            elif kind is _OPENED:
                self.opened = entry
                self._item = None
            elif kind is _MILESTONE:
                self._item = None
            return
        root = self.roots.get(corrects, corrects)
        self.roots[entry.seq] = root
        i = bisect.bisect_left(slot[0], root)
        slot[1][i] = entry
        if kind is _PROGRESS:
            self._latest = _UNSET
        elif kind is _OPENED or kind is _MILESTONE:
            self._item = None

    def root_of(self, seq: int) -> int:
        """The original entry of ``seq`` (itself unless it is a correction)."""
        return self.roots.get(seq, seq)

    def effective(self, kind: EntryKind) -> list[Entry]:
        """The entries in effect of ``kind``, in the order of their originals."""
        slot = self.slots.get(kind)
        return [] if slot is None else slot[1]

    def definitions(self) -> list[tuple[int, Payload]]:
        """The opening and the plan changes in effect, as (root seq, payload)."""
        out: list[tuple[int, Payload]] = []
        for kind in (_OPENED, _MILESTONE):
            slot = self.slots.get(kind)
            if slot is not None:
                out.extend(zip(slot[0], (e.payload for e in slot[1]), strict=True))
        out.sort(key=lambda pair: pair[0])
        return out

    def item(self) -> ChecklistItem:
        """The item with its current plan."""
        item = self._item
        if item is None:
            item = build_item(p for _, p in self.definitions())
            self._item = item
        return item

    def latest(self) -> Entry | None:
        """The progress entry in effect with the latest report date."""
        latest = self._latest
        if latest is _UNSET:
            latest = None
            for entry in self.effective(_PROGRESS):
                if latest is None or progress_of(entry).date >= progress_of(cast(Entry, latest)).date:
                    latest = entry
            self._latest = latest
        return cast("Entry | None", latest)

    def snapshot(self, as_of: dt.datetime | None) -> ItemState:
        """The public, immutable state."""
        assert self.opened is not None
        reports = self._all(_PROGRESS, ProgressReport)
        reports.sort(key=lambda r: r.value.date)  # stable: a later report wins a tie
        settled = self._all(_SETTLED, Settlement)
        return ItemState(
            item=self.item(),
            opened_at=self.opened.recorded_at,
            as_of=as_of,
            last_seq=self.last_seq,
            reports=tuple(reports),
            plan_changes=tuple(self._all(_MILESTONE, MilestoneChange)),
            notices=tuple(self._all(_NOTICE, SupervisionNotice)),
            orders=tuple(self._all(_ORDER, RectificationOrder)),
            completions=tuple(self._all(_DONE, RectificationDone)),
            reviews=tuple(self._all(_REVIEWED, Review)),
            settlement=settled[-1] if settled else None,
        )

    def _all(self, kind: EntryKind, cls: type[P]) -> list[Recorded[P]]:
        return [
            Recorded(e.seq, self.root_of(e.seq), e.recorded_at, cast(P, e.payload))
            for e in self.effective(kind)
        ]


def build_item(definitions: Iterable[Payload]) -> ChecklistItem:
    """The item from its opening payload followed by plan changes (validated)."""
    item: ChecklistItem | None = None
    for payload in definitions:
        if isinstance(payload, ChecklistItem):
            item = payload
        else:
            assert item is not None
            item = cast(MilestoneChange, payload).apply(item)
    assert item is not None
    return item


def replay(item_id: str, entries: Iterable[Entry], at: dt.datetime) -> Fold | None:
    """A fold of the entries recorded by ``at`` (``None`` when the item was not open)."""
    fold = Fold(item_id)
    for entry in entries:
        if entry.recorded_at <= at:
            fold.apply(entry)
    if fold.opened is None:
        return None
    return fold
