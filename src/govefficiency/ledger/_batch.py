"""The rules of appending: what a batch being sealed adds to the ledger, and the checks of
each draft (or stored entry) against the ledger and the batch so far."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from govefficiency._time import local_date
from govefficiency.errors import GovEfficiencyError, LedgerEntryError, UnknownItemError
from govefficiency.ledger._entries import Draft, Entry, digest
from govefficiency.ledger._items import ChecklistItem, require_item_refs
from govefficiency.ledger._payloads import (
    EntryKind,
    Payload,
    ProgressReport,
    RectificationDone,
    RectificationOrder,
    SupervisionNotice,
)
from govefficiency.ledger._state import (
    _DONE,
    _MILESTONE,
    _NOTICE,
    _OPENED,
    _ORDER,
    _SETTLED,
    build_item,
    done_of,
)

if TYPE_CHECKING:
    from govefficiency.ledger._ledger import Ledger

__all__ = ["Batch", "admit", "check_time", "validate"]


class Batch:
    """What a batch being sealed adds to the ledger, for checking the next draft."""

    __slots__ = ("defs", "done", "entries", "items", "latest", "ledger", "opened", "roots", "settled")

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.entries: list[Entry] = []
        self.opened: dict[str, dt.datetime] = {}
        self.defs: dict[str, list[tuple[int, Payload]]] = {}
        self.items: dict[str, ChecklistItem] = {}
        self.roots: dict[int, int] = {}
        self.done: set[int] = set()
        self.settled: set[str] = set()
        self.latest: dt.datetime | None = None  # the latest recorded_at the batch adds

    def latest_at(self) -> dt.datetime | None:
        """The latest ``recorded_at`` of the ledger and the batch so far."""
        ours, theirs = self.latest, self.ledger._latest_at
        if ours is None or theirs is None:
            return theirs if ours is None else ours
        return max(ours, theirs)

    def entry(self, seq: int) -> Entry | None:
        ledger = self.ledger
        if 1 <= seq <= ledger._count:
            return ledger._get((seq,))[0]
        i = seq - ledger._count - 1
        return self.entries[i] if 0 <= i < len(self.entries) else None

    def opened_at(self, item_id: str) -> dt.datetime | None:
        fold = self.ledger._folds.get(item_id)
        if fold is not None and fold.opened_at is not None:
            return fold.opened_at
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
        if self.latest is None or entry.recorded_at > self.latest:
            self.latest = entry.recorded_at
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


def admit(
    ledger: Ledger,
    entry: Entry,
    batch: Batch,
    broken: Callable[[int], Exception],
    refused: Callable[[int, GovEfficiencyError], Exception],
    *,
    ordered: bool = False,
) -> None:
    """Take in ``entry``, read back (from the store, or from a file being imported), as
    the ledger's next entry: its chain link and hash are checked first (else
    ``broken(seq)`` is raised), then the ledger's rules (else ``refused(seq, error)``).

    ``ordered`` (an import) also applies the rules of time (:func:`check_time`); a
    stored ledger is read without them, so that an old file written before them stays
    readable (``govefficiency ledger verify`` reports such entries)."""
    seq = ledger._count + 1
    if entry.seq != seq or entry.prev_hash != ledger._head or digest(entry._body) != entry.hash:
        raise broken(seq)
    try:
        validate(entry, seq, batch, full=False, ordered=ordered)
    except GovEfficiencyError as exc:
        raise refused(seq, exc) from None
    ledger._apply(entry)


def validate(
    d: Draft | Entry, seq: int, batch: Batch, *, full: bool, ordered: bool | None = None
) -> tuple[Any, Any]:
    """Check ``d`` (to become entry ``seq``) against the ledger and the batch so far.

    Returns the item and its definitions when ``d`` changes them, else ``(None, None)``.
    ``full`` adds the checks that only apply when recording (report dates, known ids);
    ``ordered`` (default: ``full``) the rules of time (:func:`check_time`).
    """
    if full if ordered is None else ordered:
        check_time(d, batch)
    corrected = _corrected(d, seq, batch)
    _check_opened(d, corrected, batch, full=full)
    payload = d.payload
    kind = d.kind
    if isinstance(payload, ProgressReport):
        if full:
            day = local_date(d.recorded_at, batch.ledger.zone)
            if payload.date > day:
                raise LedgerEntryError(
                    f"item {d.item_id}: a progress report dated {payload.date} cannot be recorded "
                    f"on {day}, before that date",
                    f"事项 {d.item_id}：日期为 {payload.date} 的进度报告不能在此前的 {day} 记录",
                )
        return None, None
    if kind is _OPENED or kind is _MILESTONE:
        if kind is _OPENED and corrected is None:
            return payload, [(seq, payload)]
        defs = batch.definitions(d.item_id)
        if corrected is not None:
            root = batch.root_of(corrected.seq)
            defs = [(r, payload if r == root else p) for r, p in defs]
        else:
            defs.append((seq, payload))
        return build_item(p for _, p in defs), defs
    _check_refs(d, seq, corrected, batch)
    return None, None


def check_time(d: Draft | Entry, batch: Batch) -> None:
    """The rules of time of an append-only ledger: an entry is never recorded before the
    ledger's latest entry (a back-dated entry would rewrite what every earlier "as of"
    query, review and settlement saw), and no progress is recorded for an item after its
    year-end settlement (年底交账 closes the year's account: seed 003 part II(3),
    "年底对全年目标任务完成情况进行全面考核结账")."""
    latest = batch.latest_at()
    at = d.recorded_at
    if latest is not None and at < latest:
        raise LedgerEntryError(
            f"item {d.item_id}: an entry cannot be recorded at {at.isoformat()}, before the latest entry "
            f"of the ledger (recorded {latest.isoformat()}): the ledger is append-only in time. Record it "
            f"now (at or after {latest.isoformat()}); for progress, give the day it stands as of "
            f"separately (the report date, `--as-of DATE` on the command line); to change a wrong entry, "
            f"record a correction of it (`govefficiency ledger correct SEQ`)",
            f"事项 {d.item_id}：记录时间 {at.isoformat()} 早于台账最后一条记录的时间 {latest.isoformat()}，"
            f"台账只能按时间顺序追加。请按当前时间（不早于 {latest.isoformat()}）记录；进度所截至的日期另行填写"
            f"（报告日期，命令行用 `--as-of DATE`）；记错的记录请追加更正记录（`govefficiency ledger correct SEQ`）",
        )
    if d.kind is EntryKind.PROGRESS_REPORTED and batch.is_settled(d.item_id):
        raise LedgerEntryError(
            f"item {d.item_id} is settled (年底交账): the account of the year is closed, and progress can "
            f"no longer be recorded or corrected in it. Record work done after the settlement in the "
            f"ledger of the next year; if the settlement itself is wrong, correct the settlement entry",
            f"事项 {d.item_id} 已交账（年底交账），全年台账已结账，不能再记录或更正进度。交账后完成的工作请记入"
            f"下一年度台账；交账本身有误的，请更正交账记录",
        )


def _corrected(d: Draft | Entry, seq: int, batch: Batch) -> Entry | None:
    """The entry ``d`` corrects (checked: same item and kind, not recorded later)."""
    if d.corrects is None:
        return None
    kind, item_id = d.kind, d.item_id
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
    return corrected


def _check_opened(
    d: Draft | Entry, corrected: Entry | None, batch: Batch, *, full: bool
) -> dt.datetime | None:
    """The item must be open (or be opened by ``d``, once), and ``d`` not recorded
    before its opening; returns when it was opened."""
    payload, item_id = d.payload, d.item_id
    opened_at = batch.opened_at(item_id)
    if isinstance(payload, ChecklistItem):
        if payload.id != item_id:
            raise LedgerEntryError(
                f"the entry is for item {item_id} but opens item {payload.id}",
                f"记录所属事项为 {item_id}，但建账的是事项 {payload.id}",
            )
        if corrected is None and opened_at is not None:
            raise LedgerEntryError(
                f"item {item_id} is already open (since {opened_at.isoformat()}): each item is opened "
                f"once, and nothing was opened now. To open new items, list only those in the checklist "
                f"file given to `govefficiency ledger open-items`. An open item's time nodes, deadline or "
                f"definition have no command yet: record the change from Python, with its reason and "
                f"approving leader (Ledger.set_milestones; Ledger.correct of the opening entry)",
                f"事项 {item_id} 已于 {opened_at.isoformat()} 建账：每个事项只建账一次，本次未建账任何事项。"
                f"新增事项请只把新事项写入交给 `govefficiency ledger open-items` 的清单文件。已建账事项的时间节点、"
                f"完成时限或内容目前没有对应命令：请通过 Python 记录调整及其理由和批准领导"
                f"（Ledger.set_milestones；对建账记录 Ledger.correct）",
            )
        if full:
            units, leaders, officers = batch.ledger._known
            require_item_refs(payload, known_units=units, known_leaders=leaders, known_officers=officers)
    elif opened_at is None:
        raise UnknownItemError(
            f"item {item_id} has not been opened in this ledger: check the item id, or open it first "
            f"from a checklist file with `govefficiency ledger open-items DB FILE` (Ledger.open_items)",
            f"本台账中没有已建账的事项 {item_id}：请核对事项编号，或先用 `govefficiency ledger open-items DB FILE` "
            f"从清单文件建账（Ledger.open_items）",
        )
    if opened_at is not None and d.recorded_at < opened_at:
        raise LedgerEntryError(
            f"an entry of item {item_id} cannot be recorded ({d.recorded_at.isoformat()}) before "
            f"the item was opened ({opened_at.isoformat()})",
            f"事项 {item_id} 的记录时间（{d.recorded_at.isoformat()}）不能早于建账时间（{opened_at.isoformat()}）",
        )
    return opened_at


def _check_refs(d: Draft | Entry, seq: int, corrected: Entry | None, batch: Batch) -> None:
    """Notices, orders, completions and settlements: what they name must exist, once."""
    payload, item_id, kind = d.payload, d.item_id, d.kind
    if isinstance(payload, SupervisionNotice):
        if payload.item_id != item_id:
            raise LedgerEntryError(
                f"the notice is about item {payload.item_id} but recorded for item {item_id}",
                f"督查通知针对事项 {payload.item_id}，却记在事项 {item_id} 下",
            )
    elif isinstance(payload, RectificationOrder):
        if payload.notice is not None:
            _require_ref(batch, payload.notice, seq, item_id, _NOTICE, "notice")
    elif isinstance(payload, RectificationDone):
        order = payload.order
        _require_ref(batch, order, seq, item_id, _ORDER, "order")
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


def _require_ref(batch: Batch, ref: int, seq: int, item_id: str, kind: EntryKind, what: str) -> None:
    target = batch.entry(ref) if ref < seq else None
    if target is None or target.item_id != item_id or target.kind is not kind:
        raise LedgerEntryError(
            f"the {what} {ref} is not a {kind.value} entry of item {item_id}",
            f"第 {ref} 条记录不是事项 {item_id} 的“{kind.label.zh}”记录",
        )
