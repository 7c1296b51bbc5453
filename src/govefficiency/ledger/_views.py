"""A read-only view of one item as of an instant, decoded on demand (:class:`ItemView`).

:meth:`Ledger.views` and :meth:`Ledger.view` give the same items, as of the same instant,
as :meth:`Ledger.states` and :meth:`Ledger.state`, but without decoding every entry: a
view holds the ledger's per-item fold (sequence numbers per kind) and decodes only what
is read — the latest progress report is one entry, however many were recorded. The
reviews (June check, reconciliation, settlement, monthly review, rates) read the ledger
through views.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar, cast

from govefficiency.errors import InvalidTypeError
from govefficiency.ledger._entries import Entry
from govefficiency.ledger._items import ChecklistItem
from govefficiency.ledger._payloads import (
    EntryKind,
    MilestoneChange,
    ProgressReport,
    RectificationDone,
    RectificationOrder,
    Review,
    Settlement,
    SupervisionNotice,
)
from govefficiency.ledger._state import Fold, ItemState, Recorded, progress_of

__all__ = ["ItemView"]

P = TypeVar("P")


class ItemView:
    """An item as the ledger shows it at an instant, read lazily: what
    :class:`ItemState` holds, decoded from the store only when asked (and then kept).

    Obtained from :meth:`Ledger.views` or :meth:`Ledger.view`, never built directly. A
    view is read-only and stays as of the moment it was taken: entries appended to the
    ledger afterwards are not seen (the view replays the item's entries up to then if
    the item changed). :meth:`state` gives the whole :class:`ItemState`.

    Attributes:
        item_id: the item's id.
        as_of: the instant the view was taken for, or ``None`` for all entries.
    """

    __slots__ = ("_cache", "_fold", "_head", "as_of", "item_id")

    _fold: Fold
    _head: int
    _cache: dict[str, object]
    as_of: dt.datetime | None
    item_id: str

    def __init__(self, fold: Fold, as_of: dt.datetime | None, head: int) -> None:
        if not isinstance(fold, Fold) or fold.opened_at is None:
            raise InvalidTypeError(
                "an ItemView is not built directly: take it from Ledger.views() or Ledger.view()",
                "ItemView 不能直接构造：请用 Ledger.views() 或 Ledger.view() 取得",
            )
        if as_of is not None and (not isinstance(as_of, dt.datetime) or as_of.utcoffset() is None):
            raise InvalidTypeError(
                "an ItemView's as_of is an aware datetime or None",
                "ItemView 的 as_of 必须是带时区的 datetime 或 None",
            )
        if type(head) is not int or head < fold.last_seq:
            raise InvalidTypeError(
                "an ItemView's head is the ledger's last sequence number when it was taken",
                "ItemView 的 head 必须是取得时台账的最后序号",
            )
        set_ = object.__setattr__
        set_(self, "_fold", fold)
        set_(self, "_head", head)
        set_(self, "_cache", {})
        set_(self, "as_of", as_of)
        set_(self, "item_id", fold.item_id)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"ItemView is read-only: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"ItemView is read-only: cannot delete {name}")

    def __repr__(self) -> str:
        at = "all entries" if self.as_of is None else self.as_of.isoformat()
        return f"<ItemView {self.item_id!r} as of {at}>"

    # -- the fold, as of when the view was taken ------------------------------------------------

    def _now(self) -> Fold:
        """The fold as of the view: the ledger's own fold unless the item received entries
        after the view was taken, in which case the item is replayed up to then (once)."""
        fold = self._fold
        if fold.last_seq <= self._head:
            return fold
        head = self._head
        replayed = Fold(fold.item_id, fold.get)
        for entry in fold.get([s for s in fold.seqs() if s <= head]):
            replayed.apply(entry)
        object.__setattr__(self, "_fold", replayed)
        self._cache.clear()
        return replayed

    def _recorded(self, kind: EntryKind, cls: type[P]) -> tuple[Recorded[P], ...]:
        cached = self._cache.get(kind.value)
        if cached is None:
            fold = self._now()
            entries = fold.effective(kind)
            if kind is EntryKind.PROGRESS_REPORTED:
                entries.sort(key=_report_date)  # stable: a later report wins a tie
            cached = tuple(
                Recorded(e.seq, fold.root_of(e.seq), e.recorded_at, cast(P, e.payload)) for e in entries
            )
            self._cache[kind.value] = cached
        return cast(tuple[Recorded[P], ...], cached)

    # -- what ItemState holds ---------------------------------------------------------------

    @property
    def item(self) -> ChecklistItem:
        """The item with its plan as of the view (time nodes as last set)."""
        return self._now().item()

    @property
    def opened_at(self) -> dt.datetime:
        """When the item was opened."""
        return cast(dt.datetime, self._now().opened_at)

    @property
    def last_seq(self) -> int:
        """The sequence number of the item's last entry taken into account."""
        return self._now().last_seq

    @property
    def latest(self) -> Recorded[ProgressReport] | None:
        """The progress report with the latest report date (the later one on a tie); one
        entry decoded."""
        cache = self._cache
        if "latest" not in cache:
            fold = self._now()
            entry: Entry | None = fold.latest()
            cache["latest"] = (
                None
                if entry is None
                else Recorded(entry.seq, fold.root_of(entry.seq), entry.recorded_at, progress_of(entry))
            )
        return cast("Recorded[ProgressReport] | None", cache["latest"])

    @property
    def share(self) -> float:
        """The share complete as last reported, in percent (0 when never reported)."""
        latest = self.latest
        return 0.0 if latest is None else latest.value.share

    @property
    def reports(self) -> tuple[Recorded[ProgressReport], ...]:
        """Progress reports in effect, ordered by report date (every one decoded)."""
        return self._recorded(EntryKind.PROGRESS_REPORTED, ProgressReport)

    @property
    def plan_changes(self) -> tuple[Recorded[MilestoneChange], ...]:
        """Milestone changes in effect, in the order made."""
        return self._recorded(EntryKind.MILESTONE_SET, MilestoneChange)

    @property
    def notices(self) -> tuple[Recorded[SupervisionNotice], ...]:
        """Supervision notices in effect, in the order issued."""
        return self._recorded(EntryKind.NOTICE_ISSUED, SupervisionNotice)

    @property
    def orders(self) -> tuple[Recorded[RectificationOrder], ...]:
        """Rectifications required, in the order made."""
        return self._recorded(EntryKind.RECTIFICATION_REQUIRED, RectificationOrder)

    @property
    def completions(self) -> tuple[Recorded[RectificationDone], ...]:
        """Rectifications done, in the order made."""
        return self._recorded(EntryKind.RECTIFICATION_DONE, RectificationDone)

    @property
    def reviews(self) -> tuple[Recorded[Review], ...]:
        """Reviews recorded, in the order made."""
        return self._recorded(EntryKind.REVIEWED, Review)

    @property
    def settlement(self) -> Recorded[Settlement] | None:
        """The year-end settlement, or ``None`` before it."""
        settled = self._recorded(EntryKind.SETTLED, Settlement)
        return settled[-1] if settled else None

    @property
    def settled(self) -> bool:
        """Whether a settlement is in effect (nothing decoded)."""
        return self._now().settled

    @property
    def open_orders(self) -> tuple[Recorded[RectificationOrder], ...]:
        """Rectifications required and not yet done (a completion answers the original
        order, or any correction of it)."""
        done = self._now().done
        return tuple(o for o in self.orders if o.origin not in done)

    def state(self) -> ItemState:
        """The whole :class:`ItemState` (every entry of the item decoded)."""
        return self._now().snapshot(self.as_of)


def _report_date(entry: Entry) -> dt.date:
    return progress_of(entry).date
