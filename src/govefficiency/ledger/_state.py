"""The state of an item replayed from its entries, at any instant (as of 30 June…).

The ledger folds each item's entries into a private :class:`Fold` as they are appended
and stores it beside the entries as a snapshot, so the current state costs nothing to
reopen; a fold names its entries by sequence number and decodes them only when asked. A
fresh fold is replayed from the entries recorded up to an instant when a past state is
asked for.

A correction takes the *slot* of the entry it corrects: the original stays in the
ledger, but the state shows the corrected value in the original's place.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import sys
from array import array
from collections.abc import Callable, Iterable, Sequence
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
        done_orders: the original sequence numbers of the orders done (a completion may
            name a correction of its order).
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
    done_orders: frozenset[int] = frozenset()

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
        done = self.done_orders.union(c.value.order for c in self.completions)
        return tuple(o for o in self.orders if o.origin not in done)

    @property
    def settled(self) -> bool:
        return self.settlement is not None


#: How a fold reads the entries it names: the entries with the given sequence numbers,
#: decoded, in the order given (the ledger reads them from its store on demand).
Getter = Callable[[Sequence[int]], list[Entry]]


def _seqs(values: Iterable[int] = ()) -> array[int]:
    return array("q", values)


class Fold:
    """The running state of one item (private): the entries in effect per kind, kept as
    sequence numbers and decoded on demand through ``get``.

    What the ledger's rules need without decoding anything is kept as plain values: when
    the item was opened, its latest entry, the orders done, whether it is settled, and
    the progress report with the latest date. A fold is stored as a snapshot
    (:meth:`to_json`) beside the entries, so that a ledger reopens without replaying.
    """

    __slots__ = (
        "_item",
        "_latest",
        "done",
        "get",
        "item_id",
        "kinds",
        "last_seq",
        "latest_at",
        "opened_at",
        "opened_seq",
        "roots",
    )

    def __init__(self, item_id: str, get: Getter) -> None:
        self.item_id = item_id
        self.get = get
        self.opened_seq = 0
        self.opened_at: dt.datetime | None = None
        self.latest_at: dt.datetime | None = None
        self.last_seq = 0
        # kind -> (root seqs ascending, seq of the entry in effect per root)
        self.kinds: dict[EntryKind, tuple[array[int], array[int]]] = {}
        self.roots: dict[int, int] = {}  # correction seq -> root seq
        self.done: set[int] = set()  # roots of the orders done
        self._item: ChecklistItem | None = None
        # (seq, report date) of the progress in effect with the latest date; None: no
        # progress; _UNSET: to be recomputed (after a correction of a progress report)
        self._latest: object = None

    @property
    def opened(self) -> bool:
        """Whether the item's opening entry has been taken into account."""
        return self.opened_at is not None

    def apply(self, entry: Entry) -> None:
        """Take ``entry`` into account (entries must come in sequence order)."""
        kind = entry.kind
        slot = self.kinds.get(kind)
        if slot is None:
            slot = self.kinds[kind] = (_seqs(), _seqs())
        seq = entry.seq
        self.last_seq = seq
        at = entry.recorded_at
        if self.latest_at is None or at > self.latest_at:
            self.latest_at = at
        corrects = entry.corrects
        if corrects is None:
            slot[0].append(seq)
            slot[1].append(seq)
            if kind is _PROGRESS:
                latest = self._latest
                date = progress_of(entry).date
                if latest is not _UNSET and (latest is None or date >= cast(_Latest, latest)[1]):
                    self._latest = (seq, date)
            elif kind is _OPENED:
                self.opened_seq, self.opened_at = seq, at
                self._item = None
            elif kind is _MILESTONE:
                self._item = None
            elif kind is _DONE:
                self.done.add(self.root_of(done_of(entry).order))
            return
        root = self.roots.get(corrects, corrects)
        self.roots[seq] = root
        i = bisect.bisect_left(slot[0], root)
        slot[1][i] = seq
        if kind is _PROGRESS:
            self._latest = _UNSET
        elif kind is _OPENED or kind is _MILESTONE:
            self._item = None
        elif kind is _DONE:
            # a correction answers the same order (the ledger checks it): nothing changes
            self.done.add(self.root_of(done_of(entry).order))

    @property
    def slots(self) -> _Slots:
        """Per kind: the root seqs and the entries in effect (decoded on demand)."""
        return _Slots(self)

    def root_of(self, seq: int) -> int:
        """The original entry of ``seq`` (itself unless it is a correction)."""
        return self.roots.get(seq, seq)

    def seqs(self) -> list[int]:
        """The sequence numbers of every entry of the item (corrected ones included), in
        order."""
        out: set[int] = set(self.roots)
        for roots, _ in self.kinds.values():
            out.update(roots)
        return sorted(out)

    def effective(self, kind: EntryKind) -> list[Entry]:
        """The entries in effect of ``kind``, in the order of their originals."""
        slot = self.kinds.get(kind)
        return [] if slot is None or not slot[1] else self.get(slot[1])

    @property
    def settled(self) -> bool:
        """Whether a settlement is in effect."""
        slot = self.kinds.get(_SETTLED)
        return slot is not None and len(slot[1]) > 0

    def definitions(self) -> list[tuple[int, Payload]]:
        """The opening and the plan changes in effect, as (root seq, payload)."""
        out: list[tuple[int, Payload]] = []
        for kind in (_OPENED, _MILESTONE):
            slot = self.kinds.get(kind)
            if slot is not None:
                out.extend(zip(slot[0], (e.payload for e in self.effective(kind)), strict=True))
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
            found: Entry | None = None
            for entry in self.effective(_PROGRESS):
                if found is None or progress_of(entry).date >= progress_of(found).date:
                    found = entry
            self._latest = None if found is None else (found.seq, progress_of(found).date)
            return found
        if latest is None:
            return None
        return self.get((cast(_Latest, latest)[0],))[0]

    def snapshot(self, as_of: dt.datetime | None) -> ItemState:
        """The public, immutable state."""
        assert self.opened_at is not None
        reports = self._all(_PROGRESS, ProgressReport)
        reports.sort(key=lambda r: r.value.date)  # stable: a later report wins a tie
        settled = self._all(_SETTLED, Settlement)
        return ItemState(
            item=self.item(),
            opened_at=self.opened_at,
            as_of=as_of,
            last_seq=self.last_seq,
            reports=tuple(reports),
            plan_changes=tuple(self._all(_MILESTONE, MilestoneChange)),
            notices=tuple(self._all(_NOTICE, SupervisionNotice)),
            orders=tuple(self._all(_ORDER, RectificationOrder)),
            completions=tuple(self._all(_DONE, RectificationDone)),
            reviews=tuple(self._all(_REVIEWED, Review)),
            settlement=settled[-1] if settled else None,
            done_orders=frozenset(self.done),
        )

    def _all(self, kind: EntryKind, cls: type[P]) -> list[Recorded[P]]:
        return [
            Recorded(e.seq, self.root_of(e.seq), e.recorded_at, cast(P, e.payload))
            for e in self.effective(kind)
        ]

    # -- snapshots ----------------------------------------------------------------------------

    def to_snapshot(self) -> tuple[str, bytes]:
        """The fold as a snapshot: a JSON header and the sequence numbers as 64-bit
        little-endian integers, per kind in the header's order: the roots, then the
        entries in effect when a correction made them differ (see docs/ledger.md).

        The header is the compact JSON object with sorted keys, written out by hand (it is
        written with every batch that touches the item)."""
        assert self.opened_at is not None
        assert self.latest_at is not None
        slots: list[str] = []
        parts: list[bytes] = []
        for kind in sorted(self.kinds, key=_kind_value):
            roots, eff = self.kinds[kind]
            corrected = roots != eff
            slots.append(f'"{kind.value}":[{len(roots)},{int(corrected)}]')
            parts.append(_bytes(roots))
            if corrected:
                parts.append(_bytes(eff))
        done = ",".join(map(str, sorted(self.done)))
        roots_map = ",".join(f"[{c},{r}]" for c, r in sorted(self.roots.items()))
        latest = self._latest
        if latest is _UNSET:
            latest_text = ""
        elif latest is None:
            latest_text = '"latest":null,'
        else:
            seq, date = cast(_Latest, latest)
            latest_text = f'"latest":[{seq},"{date.isoformat()}"],'
        header = (
            f'{{"done":[{done}],"last":{self.last_seq},{latest_text}'
            f'"latest_at":"{self.latest_at.isoformat()}","opened":{self.opened_seq},'
            f'"opened_at":"{self.opened_at.isoformat()}","roots":[{roots_map}],"slots":{{{",".join(slots)}}}}}'
        )
        return header, b"".join(parts)

    @classmethod
    def from_snapshot(cls, item_id: str, text: str, seqs: bytes, get: Getter) -> Fold:
        """The fold a snapshot describes.

        Raises:
            ValueError, KeyError, TypeError: a snapshot that cannot be read.
        """
        data = json.loads(text)
        fold = cls(item_id, get)
        fold.last_seq = int(data["last"])
        fold.opened_seq = int(data["opened"])
        fold.opened_at = dt.datetime.fromisoformat(data["opened_at"])
        fold.latest_at = dt.datetime.fromisoformat(data["latest_at"])
        fold.roots = {int(c): int(r) for c, r in data["roots"]}
        fold.done = {int(r) for r in data["done"]}
        view = memoryview(seqs)
        at = 0
        for name, (n, corrected) in data["slots"].items():
            roots = _array(view[at : at + 8 * n])
            at += 8 * n
            if corrected:
                eff = _array(view[at : at + 8 * n])
                at += 8 * n
            else:
                eff = _seqs(roots)
            if len(roots) != n or len(eff) != n:
                raise ValueError("the snapshot's sequence numbers are cut short")
            fold.kinds[EntryKind.of(name)] = (roots, eff)
        if at != len(view):
            raise ValueError("the snapshot holds more sequence numbers than its header names")
        if "latest" not in data:
            fold._latest = _UNSET
        elif data["latest"] is not None:
            fold._latest = (int(data["latest"][0]), dt.date.fromisoformat(data["latest"][1]))
        if fold.opened_at.tzinfo is None or fold.opened_seq < 1:
            raise ValueError("a snapshot without its opening")
        return fold


def _kind_value(kind: EntryKind) -> str:
    return str(kind.value)


def _bytes(seqs: array[int]) -> bytes:
    if sys.byteorder == "little":
        return seqs.tobytes()
    swapped = _seqs(seqs)  # pragma: no cover - big-endian machines
    swapped.byteswap()  # pragma: no cover
    return swapped.tobytes()  # pragma: no cover


def _array(data: memoryview) -> array[int]:
    out = _seqs()
    out.frombytes(data)
    if sys.byteorder != "little":  # pragma: no cover - big-endian machines
        out.byteswap()
    return out


_Latest = tuple[int, dt.date]


class _Slots:
    """``fold.slots.get(kind)``: ``(root seqs, entries in effect)`` or ``None``."""

    __slots__ = ("_fold",)

    def __init__(self, fold: Fold) -> None:
        self._fold = fold

    def get(self, kind: EntryKind) -> tuple[list[int], list[Entry]] | None:
        slot = self._fold.kinds.get(kind)
        if slot is None:
            return None
        return slot[0].tolist(), self._fold.effective(kind)


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


def replay(item_id: str, entries: Iterable[Entry], at: dt.datetime, get: Getter) -> Fold | None:
    """A fold of the entries recorded by ``at`` (``None`` when the item was not open)."""
    fold = Fold(item_id, get)
    for entry in entries:
        if entry.recorded_at <= at:
            fold.apply(entry)
    if fold.opened_at is None:
        return None
    return fold
