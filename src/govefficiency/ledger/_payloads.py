"""What an entry records: the entry kinds (台账记录类型) and one payload class per kind.

Every payload is an immutable value with ``to_json()``/``from_json()``; the canonical
JSON of ``to_json()`` is what the hash chain covers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, Self, TypeAlias

import attrs

from govefficiency._format import (
    Bool,
    Choice,
    Date,
    Format,
    Int,
    Key,
    ListOf,
    Nullable,
    Num,
    Str,
    Table,
    Tables,
)
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.ledger._fields import (
    as_date,
    as_ids,
    as_optional_date,
    as_strs,
    count_validator,
    id_validator,
    optional_seq,
    seq_validator,
    text_validator,
    to_percent_points,
    to_share,
)
from govefficiency.ledger._items import ITEM_JSON, TIME_NODE_JSON, ChecklistItem, TimeNode, _to_nodes
from govefficiency.text import LabelledEnum

__all__ = [
    "CheckStatus",
    "EntryKind",
    "MilestoneChange",
    "Outcome",
    "Payload",
    "ProgressReport",
    "RectificationDone",
    "RectificationOrder",
    "Review",
    "ReviewKind",
    "Settlement",
    "SupervisionNotice",
]


class EntryKind(LabelledEnum):
    """The kinds of ledger entry, one per thing that can happen to an item.

    The value is the stable name used in the hash, in SQLite and in JSON Lines.
    """

    ITEM_OPENED = ("item_opened", "建账", "item opened")
    MILESTONE_SET = ("milestone_set", "时间节点设定或调整", "milestone set or changed")
    PROGRESS_REPORTED = ("progress_reported", "进度报告", "progress reported")
    NOTICE_ISSUED = ("notice_issued", "下发督查通知", "supervision notice issued")
    RECTIFICATION_REQUIRED = ("rectification_required", "责令整改", "rectification required")
    RECTIFICATION_DONE = ("rectification_done", "整改完成", "rectification done")
    REVIEWED = ("reviewed", "查账/讲评", "reviewed")
    SETTLED = ("settled", "交账", "settled")


class CheckStatus(LabelledEnum):
    """The result of checking one item against the time elapsed or its plan."""

    ON_TRACK = ("on_track", "进度正常", "on track")
    BEHIND = ("behind", "进度滞后", "behind")
    NO_REPORT = ("no_report", "未报送进度", "no report")
    #: Past its deadline and below 100%: no longer "behind" a share due, but late.
    OVERDUE = ("overdue", "逾期未完成", "overdue")
    #: Reached 100% in a report dated after its deadline.
    COMPLETED_LATE = ("completed_late", "逾期完成", "completed late")


class ReviewKind(LabelledEnum):
    """Which review a ``reviewed`` entry records."""

    JUNE_CHECK = ("june_check", "6月查账", "June check")
    RECONCILIATION = ("reconciliation", "9月对账", "September reconciliation")
    MONTHLY = ("monthly", "一月一讲评", "monthly review")
    OTHER = ("other", "其他检查", "other review")


class Outcome(LabelledEnum):
    """The year-end assessment of one item (年底交账)."""

    COMPLETED = ("completed", "按期完成", "completed on time")
    COMPLETED_LATE = ("completed_late", "逾期完成", "completed late")
    UNFINISHED = ("unfinished", "未完成", "unfinished")
    NOT_REPORTED = ("not_reported", "未报送", "not reported")


def _instance(cls: type) -> Any:
    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidTypeError(
                f"{type(instance).__name__}.{attribute.name} must be a {cls.__name__}, "
                f"not {type(value).__name__}",
                f"{type(instance).__name__}.{attribute.name} 必须是 {cls.__name__}，而不是 {type(value).__name__}",
            )

    return validate


def _change_deadline(value: object) -> dt.date | None:
    return as_optional_date(value, "MilestoneChange.deadline")


def _report_date(value: object) -> dt.date:
    return as_date(value, "ProgressReport.date")


def _report_evidence(value: Iterable[str]) -> tuple[str, ...]:
    return as_strs(value, "ProgressReport.evidence")


def _shortfall(value: object) -> float:
    return to_percent_points(value, "SupervisionNotice.shortfall")


def _issued_on(value: object) -> dt.date:
    return as_date(value, "SupervisionNotice.issued_on")


def _reply_by(value: object) -> dt.date:
    return as_date(value, "SupervisionNotice.reply_by")


def _notice_assisting(value: Iterable[str]) -> tuple[str, ...]:
    return as_ids(value, "SupervisionNotice.assisting_units")


def _order_due(value: object) -> dt.date:
    return as_date(value, "RectificationOrder.due")


def _done_evidence(value: Iterable[str]) -> tuple[str, ...]:
    return as_strs(value, "RectificationDone.evidence")


def _completed_on(value: object) -> dt.date | None:
    return as_optional_date(value, "Settlement.completed_on")


def _optional_share(value: object) -> float | None:
    return None if value is None else to_share(value)


class _Stored:
    """A payload's stored form: ``to_json``/``from_json`` from its declaration in
    :data:`PAYLOAD_FORMATS` (``KIND`` chooses it; ``WHAT`` names the payload in errors)."""

    __slots__ = ()

    KIND: ClassVar[EntryKind]
    WHAT: ClassVar[str]

    def to_json(self) -> dict[str, Any]:
        """The stored form (the kind's declaration in :data:`PAYLOAD_FORMATS`), every key written."""
        return PAYLOAD_FORMATS[self.KIND].to_json(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Self:
        """The inverse of :meth:`to_json`."""
        value: Self = PAYLOAD_FORMATS[cls.KIND].from_json(data, cls.WHAT)
        return value


@attrs.frozen
class MilestoneChange(_Stored):
    """Time nodes set or changed after the item was opened (调整时间节点), with the reason
    and who approved it.

    Attributes:
        time_nodes: the new intermediate time nodes (the final node is implied as for
            :class:`ChecklistItem`).
        reason: why the plan changes.
        approver: id of the leader who approved the change.
        deadline: the new final date, or ``None`` to keep the current one.
    """

    KIND: ClassVar[EntryKind] = EntryKind.MILESTONE_SET
    WHAT: ClassVar[str] = "a milestone change"

    time_nodes: tuple[TimeNode, ...] = attrs.field(converter=_to_nodes)
    reason: str = attrs.field(validator=text_validator("MilestoneChange.reason"))
    approver: str = attrs.field(validator=id_validator("MilestoneChange.approver"))
    deadline: dt.date | None = attrs.field(default=None, converter=_change_deadline)

    def apply(self, item: ChecklistItem) -> ChecklistItem:
        """``item`` with this plan (raises if the plan does not fit the item)."""
        deadline = item.deadline if self.deadline is None else self.deadline
        return attrs.evolve(item, time_nodes=self.time_nodes, deadline=deadline)


@attrs.frozen
class ProgressReport(_Stored):
    """Progress reported by the responsible unit (进度报告).

    Attributes:
        date: the day the progress stands at (not the day it was recorded).
        share: the share complete, in percent (0–100).
        narrative: what was done; ``""`` when the share says it all.
        evidence: references to supporting documents (file numbers, photos, links).
    """

    KIND: ClassVar[EntryKind] = EntryKind.PROGRESS_REPORTED
    WHAT: ClassVar[str] = "a progress report"

    date: dt.date = attrs.field(converter=_report_date)
    share: float = attrs.field(converter=to_share)
    narrative: str = attrs.field(default="", validator=text_validator("ProgressReport.narrative", empty=True))
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_report_evidence)


@attrs.frozen
class SupervisionNotice(_Stored):
    """A supervision notice (督查通知) to the unit of an item behind a time node.

    Returned by :func:`reconcile` and recorded (explicitly) as a ``notice_issued`` entry.

    Attributes:
        item_id: the item.
        title: the item's title.
        unit: the responsible (lead) unit that receives the notice.
        leader: the responsible leader, copied.
        officer: the named officer.
        assisting_units: the assisting units, copied.
        node: the time node missed.
        actual_share: the share complete as last reported (0 when never reported).
        shortfall: how far behind the node, in percentage points.
        days_late: calendar days from the node's date to ``issued_on``.
        working_days_late: working days from the node's date to ``issued_on`` (``None``
            when the review counted calendar days).
        issued_on: the day the notice is issued.
        reply_by: the day by which the unit must report back (上报).
        reported: whether any progress had been reported before the notice.
    """

    KIND: ClassVar[EntryKind] = EntryKind.NOTICE_ISSUED
    WHAT: ClassVar[str] = "a supervision notice"

    item_id: str = attrs.field(validator=id_validator("SupervisionNotice.item_id"))
    title: str = attrs.field(validator=text_validator("SupervisionNotice.title"))
    unit: str = attrs.field(validator=id_validator("SupervisionNotice.unit"))
    leader: str = attrs.field(validator=id_validator("SupervisionNotice.leader"))
    officer: str = attrs.field(validator=id_validator("SupervisionNotice.officer"))
    node: TimeNode = attrs.field(validator=_instance(TimeNode))
    actual_share: float = attrs.field(converter=to_share)
    shortfall: float = attrs.field(converter=_shortfall)
    days_late: int = attrs.field(validator=count_validator("SupervisionNotice.days_late"))
    working_days_late: int | None = attrs.field(
        validator=attrs.validators.optional(count_validator("SupervisionNotice.working_days_late"))
    )
    issued_on: dt.date = attrs.field(converter=_issued_on)
    reply_by: dt.date = attrs.field(converter=_reply_by)
    assisting_units: tuple[str, ...] = attrs.field(default=(), converter=_notice_assisting)
    reported: bool = attrs.field(default=True, validator=_instance(bool))

    def __attrs_post_init__(self) -> None:
        if self.reply_by < self.issued_on:
            raise InvalidInputError(
                f"notice for {self.item_id}: reply_by {self.reply_by} is before issued_on {self.issued_on}",
                f"事项 {self.item_id} 的督查通知：回复期限 {self.reply_by} 早于下发日期 {self.issued_on}",
            )

    def render(self, lang: str = "zh") -> str:
        """One line naming the unit, leader, officer, the node missed and by how much."""
        node = self.node
        if lang == "zh":
            return (
                f"督查通知 {self.item_id}《{self.title}》：责任单位 {self.unit}，责任领导 {self.leader}，"
                f"责任人 {self.officer}；时间节点 {node.date}（应完成 {node.share:g}%）实际 "
                f"{self.actual_share:g}%，差 {self.shortfall:g} 个百分点，已逾期 {self.days_late} 天；"
                f"请于 {self.reply_by} 前报送整改进展"
            )
        return (
            f"Supervision notice {self.item_id} ({self.title}): unit {self.unit}, leader "
            f"{self.leader}, officer {self.officer}; time node {node.date} expected "
            f"{node.share:g}%, actual {self.actual_share:g}%, {self.shortfall:g} points behind, "
            f"{self.days_late} days late; report back by {self.reply_by}"
        )


@attrs.frozen
class RectificationOrder(_Stored):
    """A rectification required of the responsible unit (责令整改).

    Attributes:
        description: what must be put right.
        due: the day by which it must be done.
        notice: the sequence number of the supervision notice that led to it, or
            ``None`` when it was ordered otherwise.
    """

    KIND: ClassVar[EntryKind] = EntryKind.RECTIFICATION_REQUIRED
    WHAT: ClassVar[str] = "a rectification order"

    description: str = attrs.field(validator=text_validator("RectificationOrder.description"))
    due: dt.date = attrs.field(converter=_order_due)
    notice: int | None = attrs.field(default=None, validator=optional_seq("RectificationOrder.notice"))


@attrs.frozen
class RectificationDone(_Stored):
    """A rectification completed (整改完成).

    Attributes:
        order: the sequence number of the ``rectification_required`` entry it answers.
        description: what was done.
        evidence: references to supporting documents.
    """

    KIND: ClassVar[EntryKind] = EntryKind.RECTIFICATION_DONE
    WHAT: ClassVar[str] = "a rectification done"

    order: int = attrs.field(validator=seq_validator("RectificationDone.order"))
    description: str = attrs.field(validator=text_validator("RectificationDone.description"))
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_done_evidence)


@attrs.frozen
class Review(_Stored):
    """The result of a review of one item, recorded (查账、对账、讲评).

    Attributes:
        kind: which review.
        status: on track, behind or no report.
        expected_share: the share the item was compared with (time elapsed or plan), in
            percent.
        work_share: the share reported, or ``None`` when nothing was reported.
        note: the reviewer's remarks; ``""`` when none.
        reviewer: id of whoever reviewed (e.g. the government office, 市政府办公室);
            ``""`` when not recorded.
    """

    KIND: ClassVar[EntryKind] = EntryKind.REVIEWED
    WHAT: ClassVar[str] = "a review"

    kind: ReviewKind = attrs.field(validator=_instance(ReviewKind))
    status: CheckStatus = attrs.field(validator=_instance(CheckStatus))
    expected_share: float = attrs.field(converter=to_share)
    work_share: float | None = attrs.field(converter=_optional_share)
    note: str = attrs.field(default="", validator=text_validator("Review.note", empty=True))
    reviewer: str = attrs.field(default="", validator=text_validator("Review.reviewer", empty=True))


@attrs.frozen
class Settlement(_Stored):
    """The year-end assessment of one item, recorded (年底交账).

    Attributes:
        outcome: completed on time, completed late, unfinished or not reported.
        final_share: the last share reported, in percent (0 when never reported).
        completed_on: the report date on which the item first reached 100%, or ``None``.
        note: remarks; ``""`` when none.
    """

    KIND: ClassVar[EntryKind] = EntryKind.SETTLED
    WHAT: ClassVar[str] = "a settlement"

    outcome: Outcome = attrs.field(validator=_instance(Outcome))
    final_share: float = attrs.field(converter=to_share)
    completed_on: dt.date | None = attrs.field(default=None, converter=_completed_on)
    note: str = attrs.field(default="", validator=text_validator("Settlement.note", empty=True))


# -- the stored (JSON) forms, declared once -------------------------------------------------
#
# Each payload is stored as the compact, key-sorted JSON of its declared form: every key
# written (``null`` for an absent value), nothing else accepted. The hash chain covers
# these bytes, so the declarations must keep them exactly
# (tests/ledger/test_golden_encoding.py). Values are checked by the payload classes;
# the declarations give the keys, how each is written and read, and the JSON Schema.

_ID = Str()  # ledgers written under the 0.1 id rule stay readable; classes check new ids
_SHARE = Num(0, 100)

MILESTONE_JSON = Format(
    "milestone-change",
    "Time nodes set or changed after the item was opened (调整时间节点).",
    (
        Key("approver", _ID, description="the leader who approved the change"),
        Key("deadline", Nullable(Date()), description="the new final date, or null to keep it"),
        Key("reason", Str()),
        Key("time_nodes", Tables(TIME_NODE_JSON)),
    ),
    build=MilestoneChange,
)

PROGRESS_JSON = Format(
    "progress-report",
    "Progress reported by the responsible unit (进度报告).",
    (
        Key("date", Date(), description="the day the progress stands at"),
        Key("evidence", ListOf(Str())),
        Key("narrative", Str(empty=True)),
        Key("share", _SHARE, description="percent complete"),
    ),
    build=ProgressReport,
)

NOTICE_JSON = Format(
    "supervision-notice",
    "A supervision notice (督查通知) to the unit of an item behind a time node.",
    (
        Key("actual_share", _SHARE),
        Key("assisting_units", ListOf(_ID)),
        Key("days_late", Int(0)),
        Key("issued_on", Date()),
        Key("item_id", _ID),
        Key("leader", _ID),
        Key("node", Table(TIME_NODE_JSON)),
        Key("officer", _ID),
        Key("reply_by", Date()),
        Key("reported", Bool()),
        Key("shortfall", Num(0, 100), description="percentage points behind the node"),
        Key("title", Str()),
        Key("unit", _ID),
        Key("working_days_late", Nullable(Int(0))),
    ),
    build=SupervisionNotice,
)

ORDER_JSON = Format(
    "rectification-order",
    "A rectification required of the responsible unit (责令整改).",
    (
        Key("description", Str()),
        Key("due", Date()),
        Key("notice", Nullable(Int(1)), description="the seq of the notice that led to it"),
    ),
    build=RectificationOrder,
)

DONE_JSON = Format(
    "rectification-done",
    "A rectification completed (整改完成).",
    (
        Key("description", Str()),
        Key("evidence", ListOf(Str())),
        Key("order", Int(1), description="the seq of the rectification_required entry"),
    ),
    build=RectificationDone,
)

REVIEW_JSON = Format(
    "review",
    "The result of a review of one item (查账、对账、讲评).",
    (
        Key("expected_share", _SHARE),
        Key("kind", Choice(ReviewKind)),
        Key("note", Str(empty=True)),
        Key("reviewer", Str(empty=True)),
        Key("status", Choice(CheckStatus)),
        Key("work_share", Nullable(_SHARE)),
    ),
    build=Review,
)

SETTLEMENT_JSON = Format(
    "settlement",
    "The year-end assessment of one item (年底交账).",
    (
        Key("completed_on", Nullable(Date())),
        Key("final_share", _SHARE),
        Key("note", Str(empty=True)),
        Key("outcome", Choice(Outcome)),
    ),
    build=Settlement,
)


#: Any entry's payload.
Payload: TypeAlias = (
    ChecklistItem
    | MilestoneChange
    | ProgressReport
    | SupervisionNotice
    | RectificationOrder
    | RectificationDone
    | Review
    | Settlement
)

KIND_OF: dict[type, EntryKind] = {
    ChecklistItem: EntryKind.ITEM_OPENED,
    MilestoneChange: EntryKind.MILESTONE_SET,
    ProgressReport: EntryKind.PROGRESS_REPORTED,
    SupervisionNotice: EntryKind.NOTICE_ISSUED,
    RectificationOrder: EntryKind.RECTIFICATION_REQUIRED,
    RectificationDone: EntryKind.RECTIFICATION_DONE,
    Review: EntryKind.REVIEWED,
    Settlement: EntryKind.SETTLED,
}

PAYLOAD_OF: dict[EntryKind, Any] = {kind: cls for cls, kind in KIND_OF.items()}

#: The stored form (declaration) of each entry kind's payload.
PAYLOAD_FORMATS: dict[EntryKind, Format] = {
    EntryKind.ITEM_OPENED: ITEM_JSON,
    EntryKind.MILESTONE_SET: MILESTONE_JSON,
    EntryKind.PROGRESS_REPORTED: PROGRESS_JSON,
    EntryKind.NOTICE_ISSUED: NOTICE_JSON,
    EntryKind.RECTIFICATION_REQUIRED: ORDER_JSON,
    EntryKind.RECTIFICATION_DONE: DONE_JSON,
    EntryKind.REVIEWED: REVIEW_JSON,
    EntryKind.SETTLED: SETTLEMENT_JSON,
}
