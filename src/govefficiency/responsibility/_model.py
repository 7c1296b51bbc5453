"""The records of a responsibility graph: units, leaders, officers, tasks and duties.

Every record is a frozen attrs class. Construction checks what a record must be *in
itself* (types, ids, no unit listed twice in one role); what the record says about the
rest of the organisation (an unknown unit, two lead units, a missing officer) is not an
error here but a :class:`~govefficiency.findings.Finding` of :func:`check`, so that a
defective key-task list can be loaded and every defect reported at once.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from govefficiency._records import sequence
from govefficiency._validators import check_id as _shared_check_id
from govefficiency._validators import check_iterable, check_text, optional, valid_date, valid_id
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.text import LabelledEnum, Text

__all__ = [
    "Duty",
    "Leader",
    "LeaderRole",
    "NodeKind",
    "Officer",
    "SupervisionOffice",
    "Task",
    "Unit",
    "UnitKind",
]


class UnitKind(LabelledEnum):
    """What kind of organ a unit is (its value is the word used in files).

    Members:
        DEPARTMENT: a working department of the government (局、委、办).
        DISTRICT: a lower-level government or zone administration (县（区）人民政府、管委会).
        TOWNSHIP: a township government or sub-district office (乡镇人民政府、街道办事处).
        INSTITUTION: a public institution directly under the government (直属事业单位).
        INTERNAL_OFFICE: an internal office of another unit (内设机构、科室); it has a
            ``parent`` unit.
        GENERAL_OFFICE: the government's general office (政府办公室), to which departments
            address the upward reminder letter (seed 003 §1(1)2: 向市政府办公室发送提醒函).
    """

    DEPARTMENT = ("department", "政府工作部门", "government department")
    DISTRICT = ("district", "县（区）政府或管委会", "district government or zone")
    TOWNSHIP = ("township", "乡镇政府或街道办事处", "township or sub-district")
    INSTITUTION = ("institution", "直属事业单位", "public institution")
    INTERNAL_OFFICE = ("internal_office", "内设机构", "internal office")
    GENERAL_OFFICE = ("general_office", "政府办公室", "government general office")


class LeaderRole(LabelledEnum):
    """A leader's place in the government's leadership (领导班子).

    Members:
        HEAD: the mayor or county head (市长、县长): 市长负责制, answers to no one in the chart.
        DEPUTY: a deputy (副市长、副县长) who supervises (分管) units and answers to a superior.
    """

    HEAD = ("head", "行政首长", "head of government")
    DEPUTY = ("deputy", "分管领导", "supervising deputy")


class NodeKind(enum.Enum):
    """The kind of a node of the responsibility graph (ids share one namespace)."""

    UNIT = "unit"
    LEADER = "leader"
    SUPERVISION_OFFICE = "supervision_office"
    OFFICER = "officer"
    TASK = "task"


# --- validators and converters -----------------------------------------------------------


def check_id(value: object, what: str) -> str:
    """``value`` if it is a valid id under the library's one id rule (see
    :func:`govefficiency._validators.check_id`)."""
    return _shared_check_id(value, what)


def _text(instance: object, attribute: attrs.Attribute[Text], value: object) -> None:
    if not isinstance(value, Text):
        raise InvalidTypeError(
            f"{type(instance).__name__}.{attribute.name} must be a Text(zh, en), not {type(value).__name__}",
            f"{type(instance).__name__}.{attribute.name} 必须是 Text(zh, en)",
        )


def _ids_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"expected a sequence of ids, not {type(value).__name__}",
            f"需要 id 序列，而不是 {type(value).__name__}",
        )
    return tuple(value)


def _aliases(value: Iterable[str]) -> tuple[str, ...]:
    names = sequence(
        value, "aliases must be a list of names, not {kind}", "aliases 必须是名称列表，而不是 {kind}"
    )
    for name in names:
        check_text(name, "a unit alias")
    return tuple(dict.fromkeys(n.strip() for n in names))


def _ids_frozenset(value: Iterable[str]) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset((value,))
    if not isinstance(value, Iterable):
        raise InvalidTypeError(
            f"expected a set of ids, not {type(value).__name__}",
            f"需要 id 集合，而不是 {type(value).__name__}",
        )
    return frozenset(check_iterable(value, "ids", hashable=True))


def _distinct_ids(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    what = f"{type(instance).__name__}.{attribute.name}"
    for item in value:
        check_id(item, what)
    if len(set(value)) != len(value):
        twice = next(item for item in value if value.count(item) > 1)
        raise InvalidInputError(
            f"{what} lists {twice!r} twice: name each unit once per role",
            f"{what} 重复列出 {twice!r}：同一角色中每个单位只列一次",
        )


def _id_set(instance: object, attribute: attrs.Attribute[frozenset[str]], value: frozenset[str]) -> None:
    what = f"{type(instance).__name__}.{attribute.name}"
    for item in value:
        check_id(item, what)


def _to_date(value: dt.date | None) -> dt.date | None:
    # pendulum.Date and other date subclasses are normalised to datetime.date.
    if value is None or type(value) is dt.date or isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    return value


def _member(cls: type[enum.Enum]) -> Any:
    def validate(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            example = next(iter(cls))
            raise InvalidTypeError(
                f"{type(instance).__name__}.{attribute.name} must be a {cls.__name__} such as "
                f"{cls.__name__}.{example.name}, not {value!r}",
                f"{type(instance).__name__}.{attribute.name} 必须是 {cls.__name__}（如 {cls.__name__}.{example.name}），"
                f"而不是 {value!r}",
            )

    return validate


def _duty_key(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if type(value) is not str:
        raise InvalidTypeError(
            f"Duty.key must be a string, not {type(value).__name__}",
            "Duty.key 必须是字符串",
        )
    if not value.strip() or value != value.strip():
        raise InvalidInputError(
            f"Duty.key {value!r} must be non-empty without leading or trailing spaces",
            f"Duty.key {value!r} 必须非空且首尾不含空白",
        )
    check_text(value, "Duty.key")  # no NUL, not only invisible characters


# --- records -------------------------------------------------------------------------------


@attrs.frozen
class Unit:
    """A unit of the organisation: a department, a township government, an internal office.

    Attributes:
        id: the unit's id, unique among every node of the graph.
        name: its name, e.g. ``Text("市交通运输局", "Municipal Transport Bureau")``.
        kind: what kind of organ it is.
        parent: the unit it belongs to (an internal office's department), or ``None``
            for a unit directly under the government. A unit without a supervising leader
            escalates through its parent.
        aliases: other names the unit is written as in ledgers, cases and assessment
            inputs (e.g. ``("市教育局", "教育局")``); ``()`` when none. Its id and both
            languages of its name are always recognised.
    """

    id: str = attrs.field(validator=valid_id())
    name: Text = attrs.field(validator=_text)
    kind: UnitKind = attrs.field(default=UnitKind.DEPARTMENT, validator=_member(UnitKind))
    parent: str | None = attrs.field(default=None, validator=optional(valid_id()))
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_aliases)


@attrs.frozen
class Leader:
    """A member of the government's leadership: the head or a deputy.

    Attributes:
        id: the leader's id.
        name: e.g. ``Text("张副市长", "Deputy Mayor Zhang")``.
        role: head (市长) or deputy (副市长).
        supervises: the ids of the units in the leader's portfolio (分管单位); empty
            when the leader supervises no unit directly.
        reports_to: the leader this one answers to (a deputy answers to the head);
            always ``None`` for the head.
        title: an optional title, e.g. ``Text("常务副市长", "Executive Deputy Mayor")``.
    """

    id: str = attrs.field(validator=valid_id())
    name: Text = attrs.field(validator=_text)
    role: LeaderRole = attrs.field(default=LeaderRole.DEPUTY, validator=_member(LeaderRole))
    supervises: frozenset[str] = attrs.field(default=frozenset(), converter=_ids_frozenset, validator=_id_set)
    reports_to: str | None = attrs.field(default=None, validator=optional(valid_id()))
    title: Text | None = attrs.field(default=None, validator=optional(_text))

    def __attrs_post_init__(self) -> None:
        if self.role is LeaderRole.HEAD and self.reports_to is not None:
            raise InvalidInputError(
                f"leader {self.id!r} is the head (市长负责制) and cannot report to {self.reports_to!r}: "
                "drop reports_to or make the leader a deputy",
                f"领导 {self.id!r} 是行政首长（市长负责制），不能向 {self.reports_to!r} 负责："
                "请删除 reports_to 或将其设为分管领导",
            )

    @property
    def is_head(self) -> bool:
        """True for the head of government."""
        return self.role is LeaderRole.HEAD


@attrs.frozen
class SupervisionOffice:
    """The government's supervision office (督查室), copied on every reminder letter.

    Attributes:
        id: its id.
        name: e.g. ``Text("市政府督查室", "Supervision Office of the Municipal Government")``.
    """

    id: str = attrs.field(validator=valid_id())
    name: Text = attrs.field(validator=_text)


@attrs.frozen
class Officer:
    """A named officer (责任人) holding a post (岗位) in a unit.

    Attributes:
        id: the officer's id.
        unit: the id of the unit the officer works in.
        name: the officer's name.
        post: the post held, e.g. ``Text("规划科科长", "Head of the Planning Section")``, or
            ``None`` when not recorded.
    """

    id: str = attrs.field(validator=valid_id())
    unit: str = attrs.field(validator=valid_id())
    name: Text = attrs.field(validator=_text)
    post: Text | None = attrs.field(default=None, validator=optional(_text))


@attrs.frozen
class Task:
    """A key task (重点工作) or one of its sub-projects.

    The lead units are a tuple so that a list with no lead or with two leads can be
    loaded and its defect *found* (``TASK_WITHOUT_LEAD``, ``TASK_MULTIPLE_LEADS``) rather
    than made unrepresentable; a well-formed task has exactly one.

    Attributes:
        id: the task's id.
        title: what is to be done.
        leads: the lead unit(s) (牵头单位); exactly one in a well-formed task.
        assists: the assisting units (配合单位), in the order the list names them;
            empty when the lead works alone.
        leader: the responsible leader (责任领导), or ``None`` when not named (a defect).
        officer: the named officer (具体责任人), or ``None``; a task that is not
            decomposed further must name one ("纵向到底").
        parent: the task this one is a sub-project of (工作项目化 → 项目责任化 →
            责任具体化), or ``None`` for a top-level key task.
        due: the time node (时间节点) by which it must be done, or ``None``.
    """

    id: str = attrs.field(validator=valid_id())
    title: Text = attrs.field(validator=_text)
    leads: tuple[str, ...] = attrs.field(default=(), converter=_ids_tuple, validator=_distinct_ids)
    assists: tuple[str, ...] = attrs.field(default=(), converter=_ids_tuple, validator=_distinct_ids)
    leader: str | None = attrs.field(default=None, validator=optional(valid_id()))
    officer: str | None = attrs.field(default=None, validator=optional(valid_id()))
    parent: str | None = attrs.field(default=None, validator=optional(valid_id()))
    due: dt.date | None = attrs.field(default=None, converter=_to_date, validator=optional(valid_date()))

    @property
    def lead(self) -> str | None:
        """The lead unit when there is exactly one, else ``None``."""
        return self.leads[0] if len(self.leads) == 1 else None


@attrs.frozen
class Duty:
    """An entry of a unit's responsibility list (责任清单).

    Two units listing the same ``key`` is a duty overlap (职责交叉).

    Attributes:
        unit: the id of the unit whose list has the entry.
        key: what identifies the duty across units (e.g. ``"road-maintenance"`` or
            ``"道路养护"``); compared exactly.
        title: a readable description, or ``None``.
    """

    unit: str = attrs.field(validator=valid_id())
    key: str = attrs.field(validator=_duty_key)
    title: Text | None = attrs.field(default=None, validator=optional(_text))
