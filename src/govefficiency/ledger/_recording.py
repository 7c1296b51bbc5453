"""The recording verbs of a ledger (年初建账, progress, time nodes, notices, rectifications,
reviews, corrections): each makes the drafts of one kind and appends them as one batch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import govefficiency.ledger._payloads as payloads
from govefficiency._time import require_aware
from govefficiency.ledger._entries import Draft, Entry
from govefficiency.ledger._fields import expect
from govefficiency.ledger._items import ChecklistItem, TimeNode

__all__ = ["Recording", "each"]

_V = TypeVar("_V")


def each(values: Iterable[Any], cls: type[_V], fn: str) -> list[_V]:
    """``values`` as a list, each checked to be a ``cls`` ("``fn`` takes ``cls`` values")."""
    name = cls.__name__
    return [expect(v, cls, f"{fn} takes {name} values", f"{fn} 需要 {name}") for v in values]


class Recording:
    """The recording verbs of :class:`~govefficiency.ledger.Ledger` (a mixin over its
    :meth:`append`): each records at the aware instant ``at``."""

    if TYPE_CHECKING:  # provided by Ledger

        def append(self, drafts: Iterable[Draft]) -> tuple[Entry, ...]: ...

        def entry(self, seq: int) -> Entry: ...

    def _record(
        self, item_id: str, at: dt.datetime, payload: payloads.Payload, corrects: int | None = None
    ) -> Entry:
        return self.append((Draft(item_id, require_aware(at, "at"), payload, corrects),))[0]

    def open_items(self, items: Iterable[ChecklistItem], *, at: dt.datetime) -> tuple[Entry, ...]:
        """Open the items (年初建账): one ``item_opened`` entry each, in one batch."""
        at = require_aware(at, "at")
        return self.append([Draft(item.id, at, item) for item in each(items, ChecklistItem, "open_items()")])

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
        return self._record(item_id, at, payloads.MilestoneChange(time_nodes, reason, approver, deadline))

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
        return self._record(item_id, at, payloads.ProgressReport(date, share, narrative, evidence))

    def issue_notices(
        self, notices: Iterable[payloads.SupervisionNotice], *, at: dt.datetime
    ) -> tuple[Entry, ...]:
        """Record supervision notices (e.g. those :func:`reconcile` returned), in one batch."""
        at = require_aware(at, "at")
        return self.append(
            [Draft(n.item_id, at, n) for n in each(notices, payloads.SupervisionNotice, "issue_notices()")]
        )

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
        return self._record(item_id, at, payloads.RectificationOrder(description, due, notice))

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
        return self._record(item_id, at, payloads.RectificationDone(order, description, evidence))

    def record_review(self, item_id: str, review: payloads.Review, *, at: dt.datetime) -> Entry:
        """Record the result of a review of one item."""
        return self._record(item_id, at, review)

    def correct(self, seq: int, payload: payloads.Payload, *, at: dt.datetime) -> Entry:
        """Append a correction of entry ``seq``: ``payload`` (of the same kind) takes its
        place in the item's state; the original stays in the ledger."""
        return self._record(self.entry(seq).item_id, at, payload, seq)
