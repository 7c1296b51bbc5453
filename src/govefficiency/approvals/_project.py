"""Projects on a flow: recorded events, tracking at an instant, escalation cases.

A project records, per step, when it started (受理), was suspended (中止) and resumed, and
was completed (办结). :func:`track` answers at an instant: each step's state and deadline
clock (from the deadline engine, pauses included), the steps late now and the unit
holding each, the projected completion (critical path through the remaining steps, from
the instant, on the working-day calendar) and each step's slack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from govefficiency._records import checked, sequence
from govefficiency._time import require_aware, zone
from govefficiency._validators import check_count, check_id, check_optional_id
from govefficiency.approvals._errors import ProjectError
from govefficiency.citation import Citation
from govefficiency.errors import InvalidTypeError
from govefficiency.text import LabelledEnum, Text

__all__ = [
    "EventKind",
    "Project",
    "ProjectEvent",
    "StepState",
]

_date = dt.date.fromordinal


class EventKind(LabelledEnum):
    """What happened to a step of a project."""

    START = ("start", "受理", "started")
    SUSPEND = ("suspend", "中止", "suspended")
    RESUME = ("resume", "恢复", "resumed")
    COMPLETE = ("complete", "办结", "completed")


class StepState(LabelledEnum):
    """A step's state at an instant."""

    WAITING = ("waiting", "待办", "waiting")
    RUNNING = ("running", "办理中", "running")
    SUSPENDED = ("suspended", "中止中", "suspended")
    OVERDUE = ("overdue", "已逾期", "overdue")
    COMPLETED_ON_TIME = ("completed_on_time", "按期办结", "completed on time")
    COMPLETED_LATE = ("completed_late", "逾期办结", "completed late")
    UNDETERMINED = ("undetermined", "无法确定", "undetermined")


def _kind(value: object) -> EventKind:
    if isinstance(value, EventKind):
        return value
    return EventKind.parse(value, "ProjectEvent.kind")


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
#: The UTC offset (seconds) of each zone per hour since the epoch, filled as instants are
#: seen: turning an instant into its local day is then arithmetic, not ``astimezone``
#: (offsets change on the hour or half hour at most; a half-hour change is looked up
#: exactly because the bucket is keyed by the half hour).
_OFFSETS: dict[tuple[str, int], float] = {}


def _local_ordinal(ts: float, zone_name: str) -> int:
    """The ordinal of the local day of the POSIX timestamp ``ts`` in ``zone_name``."""
    bucket = int(ts // 1800)
    off = _OFFSETS.get((zone_name, bucket))
    if off is None:
        instant = dt.datetime.fromtimestamp(bucket * 1800, tz=zone(zone_name))
        delta = instant.utcoffset()
        assert delta is not None
        off = delta.total_seconds()
        if len(_OFFSETS) < 1_000_000:
            _OFFSETS[(zone_name, bucket)] = off
    return int((ts + off) // 86400) + _EPOCH_ORDINAL


def _event_step(value: object) -> str:
    return check_id(value, "ProjectEvent.step")


def _event_at(value: object) -> dt.datetime:
    return require_aware(value, "ProjectEvent.at")


def _project_id(value: object) -> str:
    return check_id(value, "Project.id")


def _project_flow(value: object) -> str:
    return check_id(value, "Project.flow")


def _case_step(value: object) -> str:
    return check_id(value, "StepCase.step")


@attrs.frozen
class ProjectEvent:
    """One recorded event of a project.

    Attributes:
        step: the step's id.
        kind: started, suspended, resumed or completed.
        at: when (an aware datetime).
        basis: the legal basis of a suspension (e.g. 行政许可法 art. 45: expert review not
            counted); required for ``suspend``, ``None`` otherwise.
    """

    step: str = attrs.field(converter=_event_step)
    kind: EventKind = attrs.field(converter=_kind)
    at: dt.datetime = attrs.field(converter=_event_at)
    basis: Citation | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.kind is EventKind.SUSPEND and not isinstance(self.basis, Citation):
            raise ProjectError(
                f"step {self.step}: a suspension needs its legal basis as a Citation (e.g. 行政许可法 "
                f"art. 45 for expert review)",
                f"环节 {self.step}：中止须以 Citation 说明法律依据（如行政许可法第45条：专家评审时间不计入）",
            )
        if self.kind is not EventKind.SUSPEND and self.basis is not None:
            raise ProjectError(
                f"step {self.step}: only a suspension carries a basis",
                f"环节 {self.step}：只有中止事件需要法律依据",
            )


def _events(value: Iterable[ProjectEvent]) -> tuple[ProjectEvent, ...]:
    out = sequence(
        value, "Project.events must be a list of ProjectEvent", "Project.events 必须是 ProjectEvent 列表"
    )
    return tuple(
        checked(
            out,
            ProjectEvent,
            "Project.events must hold ProjectEvent values, not {kind}",
            "Project.events 只能包含 ProjectEvent",
        )
    )


def _opt_count(value: object) -> int | None:
    return None if value is None else check_count(value, "Project.investment_yuan")


_NEXT = {
    None: {EventKind.START},
    EventKind.START: {EventKind.SUSPEND, EventKind.COMPLETE},
    EventKind.SUSPEND: {EventKind.RESUME, EventKind.COMPLETE},
    EventKind.RESUME: {EventKind.SUSPEND, EventKind.COMPLETE},
    EventKind.COMPLETE: set(),
}


@attrs.frozen
class Project:
    """A project going through a flow.

    Attributes:
        id: the project's id.
        flow: the id of its flow.
        events: its recorded events (any order across steps; in time order per step).
        title: its name, or ``None``.
        investment_yuan: its total investment in yuan, or ``None`` when not recorded
            (then joint review does not apply).
        agent: the agent officer (代办员) answerable for the whole project under agency
            service (代理制), or ``None``.
    """

    id: str = attrs.field(converter=_project_id)
    flow: str = attrs.field(converter=_project_flow)
    events: tuple[ProjectEvent, ...] = attrs.field(default=(), converter=_events)
    title: Text | None = attrs.field(default=None)
    investment_yuan: int | None = attrs.field(default=None, converter=_opt_count)
    agent: str | None = attrs.field(default=None, converter=check_optional_id)

    _by_step: dict[str, tuple[ProjectEvent, ...]] = attrs.field(init=False, eq=False, repr=False)
    _ts: dict[str, tuple[float, ...]] = attrs.field(init=False, eq=False, repr=False)
    _memo: dict[Any, Any] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        if self.title is not None and not isinstance(self.title, Text):
            raise InvalidTypeError(
                "Project.title must be a Text or None", "Project.title 必须是 Text 或 None"
            )
        by_step: dict[str, list[ProjectEvent]] = {}
        for e in self.events:
            by_step.setdefault(e.step, []).append(e)
        for step, evs in by_step.items():
            prev: ProjectEvent | None = None
            for e in evs:
                if prev is not None and e.at < prev.at:
                    raise ProjectError(
                        f"project {self.id}, step {step}: {e.kind.value} at {e.at.isoformat()} is earlier than "
                        f"the previous event ({prev.kind.value} at {prev.at.isoformat()}): record events in time order",
                        f"项目 {self.id} 环节 {step}：{e.kind.label.zh}（{e.at.isoformat()}）早于上一事件"
                        f"（{prev.kind.label.zh}，{prev.at.isoformat()}）：请按时间顺序记录",
                    )
                if e.kind not in _NEXT[None if prev is None else prev.kind]:
                    after = "first" if prev is None else f"after {prev.kind.value}"
                    raise ProjectError(
                        f"project {self.id}, step {step}: {e.kind.value} cannot come {after}; a step is "
                        f"started, then suspended/resumed, then completed",
                        f"项目 {self.id} 环节 {step}：{e.kind.label.zh}不能出现在"
                        f"{'首位' if prev is None else prev.kind.label.zh + '之后'}；环节依次为受理、中止/恢复、办结",
                    )
                prev = e
        object.__setattr__(self, "_by_step", {k: tuple(v) for k, v in by_step.items()})
        object.__setattr__(self, "_ts", {k: tuple(e.at.timestamp() for e in v) for k, v in by_step.items()})

    def _days(self, zone: str) -> dict[str, tuple[int, ...]]:
        """The local day (ordinal) of each event in ``zone``, per step (memoized: the
        project is immutable)."""
        key = ("days", zone)
        days: dict[str, tuple[int, ...]] | None = self._memo.get(key)
        if days is None:
            days = {sid: tuple(_local_ordinal(t, zone) for t in ts) for sid, ts in self._ts.items()}
            self._memo[key] = days
        return days

    def step_events(self, step_id: str) -> tuple[ProjectEvent, ...]:
        """The events of one step, in time order (``()`` when it has none)."""
        return self._by_step.get(step_id, ())
