"""Checklist items (清单): a year's key tasks with their time nodes and responsibility.

Seed 003 part II(1) asks that every key task state its target (工作目标), supporting
projects (支撑项目), standard (工作标准), time nodes (时间节点), responsible leader
(责任领导) and responsible unit (责任单位), down to a named officer (具体责任人), with a
plan scheduled backwards from the deadline (倒排工期, part II(2)).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

import attrs

from govefficiency._deprecation import keyword_only, renamed, renamed_keyword
from govefficiency._format import (
    Date,
    Format,
    Int,
    Key,
    ListOf,
    Num,
    Str,
    Tables,
)
from govefficiency._stored import exact_keys, json_list
from govefficiency._time import require_date
from govefficiency._validators import check_iterable
from govefficiency.calendar import WorkCalendar
from govefficiency.errors import (
    InvalidInputError,
    InvalidTypeError,
    UnknownNodeError,
)
from govefficiency.findings import Finding
from govefficiency.ledger._fields import (
    StoredForm,
    as_date,
    as_ids,
    as_strs,
    date_validator,
    expect,
    id_validator,
    listed,
    text_validator,
    to_share,
)

__all__ = [
    "ChecklistItem",
    "TimeNode",
    "check_item_references",
    "check_item_refs",
    "read_checklist",
    "require_item_refs",
    "schedule_backwards",
]

_ONE_DAY = dt.timedelta(days=1)
FIRST_YEAR = 2000
LAST_YEAR = 2100


def _share(value: object) -> float:
    return to_share(value, "TimeNode.share")


def _node_date(value: object) -> dt.date:
    return as_date(value, "TimeNode.date")


def _deadline(value: object) -> dt.date:
    return as_date(value, "ChecklistItem.deadline")


def _start(value: object) -> dt.date:
    return as_date(value, "ChecklistItem.start")


def _projects(value: Iterable[str]) -> tuple[str, ...]:
    return as_strs(value, "ChecklistItem.projects")


def _assisting(value: Iterable[str]) -> tuple[str, ...]:
    return as_ids(value, "ChecklistItem.assisting_units")


@attrs.frozen
class TimeNode(StoredForm):
    """A time node (时间节点): by the end of ``date`` the item should be ``share``
    percent complete.

    Attributes:
        date: the day by whose end the share is due.
        share: the expected share complete, in percent (0–100).
        note: what should be achieved by then (e.g. "完成施工招标"); ``""`` when the
            share says it all.
    """

    date: dt.date = attrs.field(converter=_node_date)
    share: float = attrs.field(converter=_share)
    note: str = attrs.field(default="", validator=text_validator("TimeNode.note", empty=True))

    WHAT: ClassVar[str] = "a time node"  # stored as TIME_NODE_JSON


def _to_nodes(value: Iterable[TimeNode]) -> tuple[TimeNode, ...]:
    nodes = listed(value, "time_nodes", "TimeNode", " TimeNode 的")
    for node in nodes:
        expect(
            node,
            TimeNode,
            "each time node must be a TimeNode(date, share)",
            "每个时间节点必须是 TimeNode(date, share)",
        )
    return nodes


def _check_year(instance: object, attribute: object, value: Any) -> None:
    if type(value) is not int or not FIRST_YEAR <= value <= LAST_YEAR:
        raise InvalidInputError(
            f"ChecklistItem.year must be a year from {FIRST_YEAR} to {LAST_YEAR}; got {value!r}",
            f"ChecklistItem.year 必须是 {FIRST_YEAR} 至 {LAST_YEAR} 之间的年份，而不是 {value!r}",
        )


def _start_of_year(item: ChecklistItem) -> dt.date:
    if type(item.year) is not int or not FIRST_YEAR <= item.year <= LAST_YEAR:
        _check_year(item, None, item.year)
    return dt.date(item.year, 1, 1)


@attrs.frozen
class ChecklistItem(StoredForm):
    """One key task on the year's checklist (清单事项) — the payload of the entry that
    opens it in the ledger (年初建账).

    Attributes:
        id: the item's id, unique in the ledger (e.g. ``"2026-07"``).
        title: what the task is (工作事项).
        category: the list it belongs to (e.g. 重点工作, 重大项目, 民生实事).
        year: the ledger year; the deadline falls in it.
        target: the target (工作目标).
        standard: the standard the result must meet (工作标准).
        deadline: the final date (完成时限): the item is 100% due by its end.
        leader: id of the responsible leader (责任领导), as in the responsibility graph.
        lead_unit: id of the responsible (lead) unit (牵头/责任单位).
        officer: id of the named officer (具体责任人).
        projects: the supporting projects (支撑项目); ``()`` when the task has none.
        time_nodes: the intermediate time nodes (时间节点) in date order; the final node
            ``(deadline, 100)`` is implied when not given (see :attr:`schedule`).
        assisting_units: ids of the assisting units (配合单位); ``()`` when none.
        start: the day work starts counting (default: 1 January of ``year``, when the
            ledger is opened).

    Raises:
        InvalidInputError: a time node after the deadline or before the start, nodes out
            of date order or with falling shares, a share outside 0–100, a node on the
            deadline below 100%, a deadline outside ``year``, the lead unit also listed
            as assisting.
    """

    WHAT: ClassVar[str] = "a checklist item"  # stored as ITEM_JSON

    id: str = attrs.field(validator=id_validator("ChecklistItem.id"))
    title: str = attrs.field(validator=text_validator("ChecklistItem.title"))
    category: str = attrs.field(validator=text_validator("ChecklistItem.category"))
    year: int = attrs.field(validator=_check_year)
    target: str = attrs.field(validator=text_validator("ChecklistItem.target"))
    standard: str = attrs.field(validator=text_validator("ChecklistItem.standard"))
    deadline: dt.date = attrs.field(converter=_deadline)
    leader: str = attrs.field(validator=id_validator("ChecklistItem.leader"))
    lead_unit: str = attrs.field(validator=id_validator("ChecklistItem.lead_unit"))
    officer: str = attrs.field(validator=id_validator("ChecklistItem.officer"))
    projects: tuple[str, ...] = attrs.field(default=(), converter=_projects)
    time_nodes: tuple[TimeNode, ...] = attrs.field(default=(), converter=_to_nodes)
    assisting_units: tuple[str, ...] = attrs.field(default=(), converter=_assisting)
    start: dt.date = attrs.field(
        default=attrs.Factory(_start_of_year, takes_self=True),
        converter=_start,
        validator=date_validator("ChecklistItem.start"),
    )

    def __attrs_post_init__(self) -> None:
        where = f"item {self.id}"
        if self.deadline.year != self.year:
            raise InvalidInputError(
                f"{where}: the deadline {self.deadline} is not in the ledger year {self.year}; "
                f"list the item in the ledger of {self.deadline.year}, or set this year's deadline",
                f"事项 {self.id}：完成时限 {self.deadline} 不在台账年度 {self.year} 内；"
                f"请将其列入 {self.deadline.year} 年台账，或设定本年度的完成时限",
            )
        if self.start > self.deadline:
            raise InvalidInputError(
                f"{where}: the start {self.start} is after the deadline {self.deadline}",
                f"事项 {self.id}：开始日期 {self.start} 晚于完成时限 {self.deadline}",
            )
        if self.lead_unit in self.assisting_units:
            raise InvalidInputError(
                f"{where}: the lead unit {self.lead_unit!r} is also listed as an assisting unit; "
                f"a task has exactly one lead unit and the others assist",
                f"事项 {self.id}：牵头单位 {self.lead_unit!r} 同时被列为配合单位；"
                f"每项工作只能有一个牵头单位，其余为配合单位",
            )
        require_schedule(self.time_nodes, start=self.start, deadline=self.deadline, where=self.id)

    # -- the plan --------------------------------------------------------------------------

    @property
    def schedule(self) -> tuple[TimeNode, ...]:
        """The time nodes ending with the final node ``(deadline, 100%)``."""
        nodes = self.time_nodes
        if nodes and nodes[-1].date == self.deadline:
            return nodes
        return (*nodes, TimeNode(self.deadline, 100.0, ""))

    @renamed_keyword("day", "on")
    @keyword_only("on", 1, what="the day")
    def node_due(self, *, on: dt.date) -> TimeNode | None:
        """The latest time node due by the end of the day ``on``, or ``None`` before the first."""
        on = require_date(on, "on")
        due: TimeNode | None = None
        for node in self.schedule:
            if node.date > on:
                break
            due = node
        return due

    @renamed_keyword("day", "on")
    @keyword_only(("on", "calendar"), 1, what="the day and calendar")
    def time_share(self, *, on: dt.date, calendar: WorkCalendar | None) -> float:
        """The share of the item's time elapsed by the end of the day ``on``, in percent
        (时间进度): working days in ``[start, on]`` over those in ``[start, deadline]``
        when ``calendar`` is given, calendar days when it is ``None``."""
        on = require_date(on, "on")
        if on < self.start:
            return 0.0
        if on >= self.deadline:
            return 100.0
        origin = self.start - _ONE_DAY
        total = _units(calendar, origin, self.deadline)
        if total <= 0:
            return 0.0
        return 100.0 * _units(calendar, origin, on) / total

    @renamed_keyword("day", "on")
    @keyword_only(("on", "calendar"), 1, what="the day and calendar")
    def planned_share(self, *, on: dt.date, calendar: WorkCalendar | None) -> float:
        """The share the plan expects by the end of the day ``on``, in percent: linear in
        (working) days between consecutive time nodes, from 0% before the start."""
        on = require_date(on, "on")
        if on < self.start:
            return 0.0
        prev_date = self.start - _ONE_DAY
        prev_share = 0.0
        for node in self.schedule:
            if on >= node.date:
                prev_date, prev_share = node.date, node.share
                continue
            span = _units(calendar, prev_date, node.date)
            if span <= 0:
                return prev_share
            return prev_share + (node.share - prev_share) * _units(calendar, prev_date, on) / span
        return 100.0


def require_schedule(nodes: tuple[TimeNode, ...], *, start: dt.date, deadline: dt.date, where: str) -> None:
    """Raise :class:`InvalidInputError` unless ``nodes`` form a valid plan between
    ``start`` and ``deadline`` (dates strictly increasing inside the span, shares not
    falling, a node on the deadline at 100%)."""
    previous: TimeNode | None = None
    for node in nodes:
        if node.date > deadline:
            raise InvalidInputError(
                f"item {where}: the time node {node.date} ({node.share:g}%) is after the final date "
                f"{deadline}; move it on or before the deadline, or change the deadline",
                f"事项 {where}：时间节点 {node.date}（{node.share:g}%）晚于完成时限 {deadline}；"
                f"请将节点提前到完成时限之前，或调整完成时限",
            )
        if node.date < start:
            raise InvalidInputError(
                f"item {where}: the time node {node.date} is before the item's start {start}",
                f"事项 {where}：时间节点 {node.date} 早于事项开始日期 {start}",
            )
        if previous is not None:
            if node.date <= previous.date:
                raise InvalidInputError(
                    f"item {where}: time nodes must be in strictly increasing date order; "
                    f"{node.date} follows {previous.date}",
                    f"事项 {where}：时间节点必须按日期严格递增；{node.date} 排在 {previous.date} 之后",
                )
            if node.share < previous.share:
                raise InvalidInputError(
                    f"item {where}: the expected share falls from {previous.share:g}% on "
                    f"{previous.date} to {node.share:g}% on {node.date}; a plan never goes backwards",
                    f"事项 {where}：预期进度从 {previous.date} 的 {previous.share:g}% 降至 "
                    f"{node.date} 的 {node.share:g}%；计划进度不能倒退",
                )
        if node.date == deadline and node.share != 100.0:
            raise InvalidInputError(
                f"item {where}: the time node on the final date {deadline} must be 100%, not {node.share:g}%",
                f"事项 {where}：完成时限 {deadline} 的时间节点必须为 100%，而不是 {node.share:g}%",
            )
        previous = node


_Known = Container[str] | None


def _references(
    item: ChecklistItem, known_units: _Known, known_leaders: _Known, known_officers: _Known
) -> list[tuple[_Known, str, str, str]]:
    """Each id ``item`` names, with the container that should hold it and its role (en, zh);
    a ``known_*`` that is not a container of ids is refused."""
    expect(item, ChecklistItem, "expected a ChecklistItem", "需要 ChecklistItem")
    refs: list[tuple[_Known, str, str, str]] = [
        (known_units, item.lead_unit, "lead unit", "牵头单位"),
        *((known_units, u, "assisting unit", "配合单位") for u in item.assisting_units),
        (known_leaders, item.leader, "leader", "责任领导"),
        (known_officers, item.officer, "officer", "责任人"),
    ]
    for known, _, what_en, what_zh in refs:
        if (known is not None and not isinstance(known, Container)) or isinstance(known, str | bytes):
            raise InvalidTypeError(
                f"the known {what_en}s must be a set of ids, not {type(known).__name__}",
                f"已知{what_zh}必须是 id 的集合，而不是 {type(known).__name__}",
            )
    return refs


def check_item_references(
    item: ChecklistItem,
    *,
    known_units: Container[str] | None = None,
    known_leaders: Container[str] | None = None,
    known_officers: Container[str] | None = None,
) -> list[Finding]:
    """The findings of every unit, leader and officer ``item`` names that is not known
    (``ITEM_UNKNOWN_REFERENCE``, one per id; ``[]`` when all are known).

    Each ``known_*`` is any container of ids — for example the unit ids of a
    responsibility graph — or ``None`` to skip that check. Like every ``check…``
    function, it reports the item's defects and never raises for them; see
    :func:`require_item_refs` for the form that raises.

    Raises:
        InvalidTypeError: ``item`` is not a ChecklistItem, or a ``known_*`` is not a
            container of ids (not a record at all).
    """
    from govefficiency.ledger._codes import ITEM_UNKNOWN_REFERENCE

    return [
        ITEM_UNKNOWN_REFERENCE(item.id, ident, item=item.id, ident=ident, role_en=what_en, role_zh=what_zh)
        for known, ident, what_en, what_zh in _references(item, known_units, known_leaders, known_officers)
        if known is not None and ident not in known
    ]


def require_item_refs(
    item: ChecklistItem,
    *,
    known_units: Container[str] | None = None,
    known_leaders: Container[str] | None = None,
    known_officers: Container[str] | None = None,
) -> ChecklistItem:
    """Return ``item`` if every unit, leader and officer it names is known (the guard a
    ledger or a checklist loader puts before accepting an item).

    Each ``known_*`` is any container of ids — for example the unit ids of a
    responsibility graph — or ``None`` to skip that check. To list every unknown id as
    findings instead, use :func:`check_item_references`.

    Raises:
        UnknownNodeError: an id that the container does not hold.
    """
    for known, ident, what_en, what_zh in _references(item, known_units, known_leaders, known_officers):
        if known is not None and ident not in known:
            raise UnknownNodeError(
                f"item {item.id}: the {what_en} {ident!r} is not known; check the id against "
                f"the responsibility graph (org chart), or add the {what_en} there first",
                f"事项 {item.id}：{what_zh} {ident!r} 不存在；请核对责任体系（组织结构）中的 id，或先在其中添加",
            )
    return item


check_item_refs = renamed(
    require_item_refs,
    "check_item_refs",
    "govefficiency.ledger.check_item_refs() is deprecated: use require_item_refs() to raise on an "
    "unknown id, or check_item_references() for findings",
)


def schedule_backwards(
    deadline: dt.date,
    steps: Iterable[tuple[int, float] | tuple[int, float, str]],
    calendar: WorkCalendar | None,
) -> tuple[TimeNode, ...]:
    """Time nodes scheduled backwards from the deadline (倒排工期).

    Each step is ``(days_before, share)`` or ``(days_before, share, note)``: the node
    falls ``days_before`` working days before ``deadline`` (calendar days when
    ``calendar`` is ``None``) and expects ``share`` percent. The final node
    ``(deadline, 100)`` is added when no step has ``days_before == 0``.

    Example:
        >>> import datetime as dt
        >>> nodes = schedule_backwards(dt.date(2026, 12, 31), [(60, 50), (20, 80)], None)
        >>> [(n.date.isoformat(), n.share) for n in nodes]
        [('2026-11-01', 50.0), ('2026-12-11', 80.0), ('2026-12-31', 100.0)]
    """
    deadline = as_date(deadline, "deadline")
    nodes: list[TimeNode] = []
    for step in check_iterable(steps, "steps"):
        if not isinstance(step, tuple) or len(step) not in (2, 3):
            raise InvalidTypeError(
                f"each step is (days_before, share) or (days_before, share, note), not {step!r}",
                f"每一步必须是 (提前天数, 进度) 或 (提前天数, 进度, 说明)，而不是 {step!r}",
            )
        before = step[0]
        if type(before) is not int or before < 0:
            raise InvalidInputError(
                f"days_before must be a non-negative int, not {before!r}",
                f"提前天数必须是非负整数，而不是 {before!r}",
            )
        note = step[2] if len(step) == 3 else ""
        if calendar is None:
            day = deadline - dt.timedelta(days=before)
        else:
            day = calendar.add_working_days(deadline, -before) if before else deadline
        nodes.append(TimeNode(day, step[1], note))
    nodes.sort(key=lambda n: n.date)
    if not nodes or nodes[-1].date != deadline:
        nodes.append(TimeNode(deadline, 100.0))
    return tuple(nodes)


def _units(calendar: WorkCalendar | None, a: dt.date, b: dt.date) -> int:
    """Days ``x`` with ``a < x <= b``: working days of ``calendar``, or calendar days."""
    if calendar is None:
        return b.toordinal() - a.toordinal()
    return calendar.working_days_between(a, b)


def read_checklist(
    source: str | Path | Mapping[str, Any],
) -> tuple[tuple[ChecklistItem, ...], dt.datetime | None]:
    """The items of a checklist file and its ``opened_at`` instant (``None`` when absent);
    see :mod:`._checklist_io`."""
    from govefficiency.ledger._checklist_io import CHECKLIST

    values = CHECKLIST.load(source)
    return values["items"], values["opened_at"]


# -- the stored (JSON) forms -------------------------------------------------------------
#
# The payload of an ``item_opened`` ledger entry: every key written (``start`` included),
# nothing else accepted. Its canonical encoding is covered by the hash chain, so these
# declarations must keep the bytes (tests/ledger/test_golden_encoding.py). Ids are plain
# strings here: ledgers written under the 0.1 id rule (inner spaces) stay readable, and the
# constructor checks each id under the rule in force.

_STORED_ID = Str()

#: A time node as stored in a ledger entry.
TIME_NODE_JSON = Format(
    "stored-time-node",
    "A time node as stored in a ledger entry.",
    (Key("date", Date()), Key("note", Str(empty=True)), Key("share", Num(0, 100))),
    build=TimeNode,
)

#: A checklist item as stored in an ``item_opened`` ledger entry.
ITEM_JSON = Format(
    "stored-checklist-item",
    "A checklist item as stored in an item_opened ledger entry.",
    (
        Key("assisting_units", ListOf(_STORED_ID)),
        Key("category", Str()),
        Key("deadline", Date()),
        Key("id", _STORED_ID),
        Key("lead_unit", _STORED_ID),
        Key("leader", _STORED_ID),
        Key("officer", _STORED_ID),
        Key("projects", ListOf(Str())),
        Key("standard", Str()),
        Key("start", Date()),
        Key("target", Str()),
        Key("time_nodes", Tables(TIME_NODE_JSON)),
        Key("title", Str()),
        Key("year", Int(FIRST_YEAR, LAST_YEAR)),
    ),
    build=ChecklistItem,
)
TimeNode.STORED = TIME_NODE_JSON
ChecklistItem.STORED = ITEM_JSON

# The strict JSON helpers moved to govefficiency._stored; these names stay for the modules
# that import them from here.
_exact_keys = exact_keys
_list = json_list
