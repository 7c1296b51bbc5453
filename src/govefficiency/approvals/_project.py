"""Projects on a flow: recorded events, tracking at an instant, escalation cases.

A project records, per step, when it started (受理), was suspended (中止) and resumed, and
was completed (办结). :func:`track` answers at an instant: each step's state and deadline
clock (from the deadline engine, pauses included), the steps late now and the unit
holding each, the projected completion (critical path through the remaining steps, from
the instant, on the working-day calendar) and each step's slack.
"""

from __future__ import annotations

import bisect
import datetime as dt
import sys
from collections.abc import Iterable
from typing import Any, NamedTuple

import attrs

from govefficiency._gc import gc_paused
from govefficiency._time import local_date, require_aware, zone
from govefficiency._validators import check_bool, check_count, check_id, instance_of
from govefficiency.approvals import _codes
from govefficiency.approvals._bulk import BatchColumn, project_batch
from govefficiency.approvals._errors import ProjectError
from govefficiency.approvals._model import Flow, _Structure, limit_days
from govefficiency.approvals._schedule import Arith, Schedule, forward
from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.citation import Citation
from govefficiency.deadlines import ClockEvent, ClockEventKind, ClockState, DeadlineClock
from govefficiency.errors import CalendarCoverageError, DeadlineError, InvalidTypeError
from govefficiency.findings import Finding, sort_findings
from govefficiency.text import LabelledEnum, Lang, Text, check_lang

__all__ = [
    "EventKind",
    "Project",
    "ProjectEvent",
    "ProjectStatus",
    "StepCase",
    "StepParties",
    "StepState",
    "StepStatus",
    "step_cases",
    "track",
    "track_many",
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
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError(
            "Project.events must be a list of ProjectEvent", "Project.events 必须是 ProjectEvent 列表"
        )
    out = tuple(value)
    for e in out:
        if not isinstance(e, ProjectEvent):
            raise InvalidTypeError(
                f"Project.events must hold ProjectEvent values, not {type(e).__name__}",
                "Project.events 只能包含 ProjectEvent",
            )
    return out


def _opt_id(value: object) -> str | None:
    return None if value is None else check_id(value, "an id")


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
    agent: str | None = attrs.field(default=None, converter=_opt_id)

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


class StepStatus(NamedTuple):
    """One step of a tracked project at an instant.

    Attributes:
        step: the step id.
        unit: its responsible unit (the unit holding it while open), or ``None``.
        state: waiting, running, suspended, overdue, completed on time/late, undetermined.
        started: the day it started, or ``None``.
        due: its due date from the deadline clock (pauses included); ``None`` while waiting,
            suspended or undetermined.
        completed: the day it was completed, or ``None``.
        working: whether its limit counts working days (else calendar days).
        total: its limit in those days.
        used: days of the limit used (suspended days excluded).
        remaining: days left to the due date, or ``None`` when there is no due date.
        overdue_by: days past the due date (0 unless overdue or completed late).
        projected_start: the day it starts or is projected to start (its prerequisites'
            end; the day itself is not counted), or ``None`` when undetermined.
        projected_end: the day it is projected to end (its completion day once done), or
            ``None`` when the projection is undetermined.
        latest_end: the latest day it may end without delaying the projected completion,
            or ``None``.
        slack: working days between ``projected_end`` and ``latest_end`` (0 on the critical
            path); ``None`` once completed or when undetermined.
        critical: whether it is critical: a remaining step with no slack (any delay moves
            the projected completion).
    """

    step: str
    unit: str | None
    state: StepState
    started: dt.date | None
    due: dt.date | None
    completed: dt.date | None
    working: bool
    total: int
    used: int
    remaining: int | None
    overdue_by: int
    projected_start: dt.date | None
    projected_end: dt.date | None
    latest_end: dt.date | None
    slack: int | None
    critical: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "unit": self.unit,
            "state": self.state.value,
            "started": _iso(self.started),
            "due": _iso(self.due),
            "completed": _iso(self.completed),
            "unit_of_time": "working_days" if self.working else "days",
            "total": self.total,
            "used": self.used,
            "remaining": self.remaining,
            "overdue_by": self.overdue_by,
            "projected_start": _iso(self.projected_start),
            "projected_end": _iso(self.projected_end),
            "latest_end": _iso(self.latest_end),
            "slack": self.slack,
            "critical": self.critical,
        }


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


@attrs.frozen
class ProjectStatus:
    """A project at one instant.

    Attributes:
        project: the project's id.
        flow: the flow's id.
        at: the instant asked about.
        steps: every step's status, in flow order (a property, built on first access).
        started: the day the first step started (the committed limit runs from it), or
            ``None`` before the project starts.
        committed_due: the last day of the flow's committed total limit, or ``None``
            before the project starts or when undetermined.
        projected_completion: the projected completion day, or ``None`` when undetermined
            (see ``missing``).
        critical_path: the ids on the critical path through the remaining steps (a
            parallel group appears by its id); ``()`` when undetermined (a property).
        joint_review: whether joint review (联审联批) applies to this project.
        agent: the agent officer answerable for the whole project, or ``None``.
        missing: what the data lacks to answer in full (e.g. next year's holiday
            arrangement), or ``None`` when everything was determined.
        findings: late steps, a late projection, an undetermined answer, a missing agent
            (a property, built on first access).
    """

    project: str
    flow: str
    at: dt.datetime
    started: dt.date | None
    committed_due: dt.date | None
    projected_completion: dt.date | None
    joint_review: bool
    agent: str | None
    missing: Text | None
    _core: _Core = attrs.field(eq=False, repr=False)
    _schedule: Schedule | None = attrs.field(init=False, default=None, eq=False, repr=False)
    _steps: tuple[StepStatus, ...] | None = attrs.field(init=False, default=None, eq=False, repr=False)
    _findings: tuple[Finding, ...] | None = attrs.field(init=False, default=None, eq=False, repr=False)

    @property
    def critical_path(self) -> tuple[str, ...]:
        """The ids on the critical path through the remaining steps (a parallel group
        appears by its id); ``()`` when undetermined."""
        sched = self._sched()
        if sched is None:
            return ()
        st, clocks = self._core.st, self._core.clocks
        return tuple(st.names[v] for v in sched.path if v >= st.step_count or clocks[v].completed is None)

    def _sched(self) -> Schedule | None:
        if self._schedule is None:
            source = self._core.schedule
            if source is None:
                return None
            sched = source if isinstance(source, Schedule) else source.resolve(self._core.st)
            object.__setattr__(self, "_schedule", sched)
            return sched
        return self._schedule

    @property
    def steps(self) -> tuple[StepStatus, ...]:
        """Every step's status, in flow order (built on first access)."""
        if self._steps is None:
            object.__setattr__(self, "_steps", _step_statuses(self._core, self._sched()))
            assert self._steps is not None
        return self._steps

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Late steps, a late projection, an undetermined answer, a missing agent, a step
        started before its prerequisite (built on first access)."""
        if self._findings is None:
            object.__setattr__(self, "_findings", _findings(self, self._core))
            assert self._findings is not None
        return self._findings

    @property
    def determined(self) -> bool:
        """Whether every answer was determined (``missing`` is ``None``)."""
        return self.missing is None

    @property
    def late_steps(self) -> tuple[StepStatus, ...]:
        """The steps overdue now; each one's ``unit`` is the unit holding it."""
        if self._steps is None and not any(c.state is StepState.OVERDUE for c in self._core.clocks):
            return ()
        return tuple(s for s in self.steps if s.state is StepState.OVERDUE)

    def step(self, step_id: str) -> StepStatus:
        for s in self.steps:
            if s.step == step_id:
                return s
        raise ProjectError(
            f"project {self.project} has no step {step_id!r}", f"项目 {self.project} 没有环节 {step_id!r}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "flow": self.flow,
            "at": self.at.isoformat(),
            "started": _iso(self.started),
            "committed_due": _iso(self.committed_due),
            "projected_completion": _iso(self.projected_completion),
            "critical_path": list(self.critical_path),
            "joint_review": self.joint_review,
            "agent": self.agent,
            "determined": self.determined,
            "missing": None if self.missing is None else {"zh": self.missing.zh, "en": self.missing.en},
            "late_steps": [
                {"step": s.step, "unit": s.unit, "overdue_by": s.overdue_by} for s in self.late_steps
            ],
            "steps": [s.to_dict() for s in self.steps],
            "findings": [f.to_dict() for f in self.findings],
        }

    def render(self, lang: Lang = "zh") -> str:
        """A plain-text report."""
        lang = check_lang(lang)
        zh = lang == "zh"
        lines = [
            (
                f"项目 {self.project}（流程 {self.flow}），截至 {self.at.isoformat()}"
                if zh
                else f"project {self.project} (flow {self.flow}) at {self.at.isoformat()}"
            ),
        ]
        if self.agent is not None:
            lines.append(f"代办员：{self.agent}" if zh else f"agent officer: {self.agent}")
        if self.joint_review:
            lines.append("适用联审联批" if zh else "joint review applies")
        none = "—"
        lines.append(
            (
                f"开始：{_iso(self.started) or none}  承诺截止：{_iso(self.committed_due) or none}  "
                f"预计办结：{_iso(self.projected_completion) or '无法确定'}"
            )
            if zh
            else (
                f"started: {_iso(self.started) or none}  committed due: {_iso(self.committed_due) or none}  "
                f"projected completion: {_iso(self.projected_completion) or 'undetermined'}"
            )
        )
        if self.critical_path:
            lines.append(("关键路径：" if zh else "critical path: ") + " → ".join(self.critical_path))
        for s in self.steps:
            slack = none if s.slack is None else str(s.slack)
            lines.append(
                f"  {s.step:<16} {s.state.label.get(lang):<10} {s.unit or none:<22} "
                + (
                    f"截止 {_iso(s.due) or none}  预计 {_iso(s.projected_end) or none}  机动 {slack}"
                    if zh
                    else f"due {_iso(s.due) or none}  projected {_iso(s.projected_end) or none}  slack {slack}"
                )
                + (" *" if s.critical else "")
            )
        for f in sort_findings(self.findings):
            lines.append(f.render(lang))
        return "\n".join(lines)


# --- tracking ---------------------------------------------------------------------------


class _Clock(NamedTuple):
    state: StepState
    started: int | None
    due: int | None
    completed: int | None
    used: int
    remaining: int | None
    overdue_by: int
    known_end: int | None
    missing: str | None
    missing_zh: str | None


_CLOCK_STATES = {
    ClockState.RUNNING: StepState.RUNNING,
    ClockState.SUSPENDED: StepState.SUSPENDED,
    ClockState.OVERDUE: StepState.OVERDUE,
    ClockState.COMPLETED_ON_TIME: StepState.COMPLETED_ON_TIME,
    ClockState.COMPLETED_LATE: StepState.COMPLETED_LATE,
}
_ENGINE_KINDS = {
    EventKind.START: ClockEventKind.START,
    EventKind.SUSPEND: ClockEventKind.SUSPEND,
    EventKind.RESUME: ClockEventKind.RESUME,
    EventKind.COMPLETE: ClockEventKind.COMPLETE,
}
_WAITING = _Clock(StepState.WAITING, None, None, None, 0, None, 0, None, None, None)


def _group_of(st: _Structure, v: int) -> int | None:
    preds = st.preds[v]
    return preds[0] if len(preds) == 1 and st.is_group[preds[0]] else None


def _work_end(ar: Arith, s: int, n: int) -> int:
    j = ar.cum[s - ar.ord0 + 1] + n - 1
    if j >= len(ar.work):
        raise ar.cal._overflow(dt.date.fromordinal(s), n)
    w: int = ar.work[j]
    return w


def _step_clock(
    st: _Structure,
    v: int,
    events: tuple[ProjectEvent, ...],
    ts: tuple[float, ...],
    days: tuple[int, ...],
    at: dt.datetime,
    at_ts: float,
    day: int,
    ar: Arith,
    project: Project,
) -> _Clock:
    """A step's deadline clock at the instant: the O(1) path for a step that has only
    started (and maybe completed); the deadline engine's :class:`DeadlineClock` when it
    was suspended (memoized on the project: both are immutable)."""
    count = bisect.bisect_right(ts, at_ts)
    if count == 0:
        return _WAITING
    if count < len(events):
        events = events[:count]
        days = days[:count]
    working, n = st.working[v], st.length[v]
    try:
        s = days[0]
        # (a zero-length working-day limit is left to the engine, whose rule for one
        # started on a rest day is its own)
        if (count == 1 or (count == 2 and events[1].kind is EventKind.COMPLETE)) and (n or not working):
            c = days[1] if count == 2 else None
            q = c if c is not None else day
            # the O(1) arithmetic of Arith, inlined: this runs for every step under way
            ord0, top = ar.ord0, ar.ord0 + ar.size
            if not ord0 <= s < top:
                raise ar.cal._uncovered(dt.date.fromordinal(s))
            if not ord0 <= q < top:
                raise ar.cal._uncovered(dt.date.fromordinal(q))
            cum, base = ar.cum, 1 - ord0
            due = ar.end(s, working, n) if not working or n == 0 else _work_end(ar, s, n)
            cap = q if q < due else due
            if working:
                used = cum[cap + base] - cum[s + base] if cap > s else 0
                remaining = 0 if q >= due else cum[due + base] - cum[q + base]
            else:
                used = cap - s if cap > s else 0
                remaining = 0 if q >= due else due - q
            if used > n:
                used = n
            late = q > due
            overdue_by = ((cum[q + base] - cum[due + base] if working else q - due) or 1) if late else 0
            if c is not None:
                state = StepState.COMPLETED_LATE if late else StepState.COMPLETED_ON_TIME
                known = c
            else:
                state = StepState.OVERDUE if late else StepState.RUNNING
                known = day if late else due
            return _Clock(state, s, due, c, used, remaining, overdue_by, known, None, None)
        key = ("clock", st.names[v], count, st.limits[v], id(ar.cal))
        memo = project._memo.get(key)
        if memo is not None and memo[0] is ar.cal:
            clock = memo[1]
        else:
            limit = st.limits[v]
            assert limit is not None  # a step node always has a limit
            try:
                # one construction with every event (the engine checks them against the law)
                clock = DeadlineClock(
                    f"{project.id}:{st.names[v]}",
                    limit,
                    ar.cal,
                    [ClockEvent(_ENGINE_KINDS[e.kind], e.at, basis=e.basis) for e in events],
                )
            except DeadlineError as exc:
                raise ProjectError(
                    f"project {project.id}, step {st.names[v]}: {exc.en}",
                    f"项目 {project.id} 环节 {st.names[v]}：{exc.zh or exc.en}",
                ) from None
            project._memo[key] = (ar.cal, clock)
        status = clock.status(at)
        state = _CLOCK_STATES[status.state]
        due_o = None if status.due_date is None else status.due_date.toordinal()
        c = None
        if state in (StepState.COMPLETED_ON_TIME, StepState.COMPLETED_LATE):
            c = days[-1]
            known = c
        elif state is StepState.SUSPENDED:
            # projected as if it resumed at the instant: each further day of suspension
            # moves the projection
            known = ar.end(day, working, max(status.total - status.used, 0))
        elif state is StepState.OVERDUE:
            known = day
        else:
            assert due_o is not None
            known = due_o
        return _Clock(state, s, due_o, c, status.used, status.remaining, status.overdue_by, known, None, None)
    except CalendarCoverageError as exc:
        return _Clock(StepState.UNDETERMINED, days[0], None, None, 0, None, 0, None, exc.en, exc.zh or exc.en)


def _calendar(calendar: WorkCalendar | None) -> WorkCalendar:
    if calendar is None:
        return china_calendar()
    if not isinstance(calendar, WorkCalendar):
        raise InvalidTypeError(
            f"calendar must be a WorkCalendar, not {type(calendar).__name__}", "calendar 必须是 WorkCalendar"
        )
    return calendar


def _structure_for(flow: Flow, project: Project) -> _Structure:
    if not isinstance(flow, Flow):
        raise InvalidTypeError(f"flow must be a Flow, not {type(flow).__name__}", "flow 必须是 Flow")
    if not isinstance(project, Project):
        raise InvalidTypeError(
            f"project must be a Project, not {type(project).__name__}", "project 必须是 Project"
        )
    if project.flow != flow.id:
        raise ProjectError(
            f"project {project.id} runs on flow {project.flow!r}, not {flow.id!r}",
            f"项目 {project.id} 适用流程 {project.flow!r}，而不是 {flow.id!r}",
        )
    st = flow._structure(flow.joint_applies(project.investment_yuan))
    if st is None:
        raise ProjectError(
            f"flow {flow.id} has mutual prerequisites, so no project can be tracked on it: run check_flow "
            f"and break the circle first",
            f"流程 {flow.id} 存在互为前置的审批，无法跟踪项目：请先运行 check_flow 并打破循环",
        )
    for step in project._by_step:
        if step not in st.ix or st.is_group[st.ix[step]]:
            raise ProjectError(
                f"project {project.id} records events for {step!r}, which is not a step of flow {flow.id}",
                f"项目 {project.id} 记录了环节 {step!r} 的事件，但流程 {flow.id} 没有该环节",
            )
    return st


def track(
    flow: Flow, project: Project, at: dt.datetime, *, calendar: WorkCalendar | None = None
) -> ProjectStatus:
    """The project at the aware instant ``at`` (events after ``at`` are ignored)."""
    st = _structure_for(flow, project)
    at = require_aware(at, "at")
    ar = Arith(_calendar(calendar))
    return _track(flow, st, project, at, ar, local_date(at, ar.cal.zone).toordinal())


def track_many(
    flow: Flow,
    projects: Iterable[Project],
    at: dt.datetime,
    *,
    calendar: WorkCalendar | None = None,
    details: bool = False,
) -> list[ProjectStatus]:
    """:func:`track` for many projects on one flow. The flow's structure (topological
    order, predecessors) and the calendar index are shared; the projection is computed for
    all projects at once, column-wise over arrays when numpy is installed (the ``fast``
    extra), else project by project; garbage collection is paused while it runs. The
    answers are those of :func:`track`. Step records and findings are built on access,
    or at once with ``details=True`` (inside the same garbage-collection pause, which is
    much cheaper than building hundreds of thousands of records one project at a time)."""
    details = check_bool(details, "details")
    at = require_aware(at, "at")
    ar = Arith(_calendar(calendar))
    day = local_date(at, ar.cal.zone).toordinal()
    at_ts = at.timestamp()
    with gc_paused():
        batches: dict[bool, list[tuple[int, Project, _Clocks]]] = {}
        items = list(projects)
        for index, project in enumerate(items):
            st = _structure_for(flow, project)
            batches.setdefault(st.joint, []).append(
                (index, project, _clocks(st, project, at, at_ts, day, ar))
            )
        out: list[ProjectStatus | None] = [None] * len(items)
        for joint, batch in batches.items():
            shared = flow._structure(joint)
            assert shared is not None
            st = shared
            columns = project_batch(st, ar, day, [cs for _, _, cs in batch])
            for (index, project, cs), column in zip(batch, columns, strict=True):
                if column is None:  # undetermined, or numpy is absent: the one-project path
                    schedule = None
                    missing = None
                    if not cs.undetermined:
                        try:
                            schedule = forward(st, ar, day, cs.known, cs.started)
                        except CalendarCoverageError as exc:
                            missing = (exc.en, exc.zh or exc.en)
                    finish = None if schedule is None else schedule.finish
                    out[index] = _status(flow, st, project, at, ar, cs, schedule, finish, missing)
                else:
                    out[index] = _status(flow, st, project, at, ar, cs, column, column.finish, None)
        result = [s for s in out if s is not None]
        if details:
            for status in result:
                status.steps  # noqa: B018 - built now, inside the pause
                status.findings  # noqa: B018
    return result


class _Core(NamedTuple):
    """What a tracked project's details are built from, on demand (private)."""

    flow: Flow
    st: _Structure
    clocks: list[_Clock]
    schedule: Schedule | BatchColumn | None
    ar: Arith
    project: Project
    missing_en: list[str]
    missing_zh: list[str]


class _Clocks(NamedTuple):
    entries: list[tuple[int, int, int]]
    clocks: list[_Clock]
    known: list[int | None]
    started: list[int | None]
    first: int | None
    undetermined: bool
    missing_en: list[str]
    missing_zh: list[str]


def _clocks(st: _Structure, project: Project, at: dt.datetime, at_ts: float, day: int, ar: Arith) -> _Clocks:
    """Every step's clock, and what the projection needs from them."""
    n_steps = st.step_count
    n = len(st.names)
    ix = st.ix
    clocks = [_WAITING] * n_steps
    known: list[int | None] = [None] * n
    started: list[int | None] = [None] * n
    days = project._days(ar.cal.zone)
    ts = project._ts
    first: int | None = None
    undetermined = False
    missing_en: list[str] = []
    missing_zh: list[str] = []
    entries: list[tuple[int, int, int]] = []
    for sid, events in project._by_step.items():
        v = ix[sid]
        c = clocks[v] = _step_clock(st, v, events, ts[sid], days[sid], at, at_ts, day, ar, project)
        if c.started is None:
            continue
        known[v] = c.known_end
        started[v] = c.started
        if c.known_end is not None:
            entries.append((v, c.known_end, c.started))
        if first is None or c.started < first:
            first = c.started
        if c.state is StepState.UNDETERMINED:
            assert c.missing is not None
            assert c.missing_zh is not None
            undetermined = True
            missing_en.append(f"{sid}: {c.missing}")
            missing_zh.append(f"{sid}：{c.missing_zh}")
    return _Clocks(entries, clocks, known, started, first, undetermined, missing_en, missing_zh)


def _status(
    flow: Flow,
    st: _Structure,
    project: Project,
    at: dt.datetime,
    ar: Arith,
    cs: _Clocks,
    schedule: Schedule | BatchColumn | None,
    finish: int | None,
    missing: tuple[str, str] | None,
) -> ProjectStatus:
    missing_en, missing_zh = cs.missing_en, cs.missing_zh
    committed_due: int | None = None
    if cs.first is not None:
        try:
            working, total = _total(flow)
            committed_due = ar.end(cs.first, working, total)
        except CalendarCoverageError as exc:
            missing_en = [*missing_en, f"committed limit: {exc.en}"]
            missing_zh = [*missing_zh, f"承诺总时限：{exc.zh or exc.en}"]
    if missing is not None:
        missing_en = [*missing_en, f"projection: {missing[0]}"]
        missing_zh = [*missing_zh, f"预计办结：{missing[1]}"]
    return ProjectStatus(
        project.id,
        flow.id,
        at,
        None if cs.first is None else _date(cs.first),
        None if committed_due is None else _date(committed_due),
        None if finish is None else _date(finish),
        st.joint,
        project.agent,
        Text("；".join(missing_zh), "; ".join(missing_en)) if missing_en else None,
        _Core(flow, st, cs.clocks, schedule, ar, project, missing_en, missing_zh),
    )


def _track(
    flow: Flow, st: _Structure, project: Project, at: dt.datetime, ar: Arith, day: int
) -> ProjectStatus:
    """One project: clocks, then the projection (pure Python)."""
    cs = _clocks(st, project, at, at.timestamp(), day, ar)
    schedule = None
    missing = None
    if not cs.undetermined:
        try:
            schedule = forward(st, ar, day, cs.known, cs.started)
        except CalendarCoverageError as exc:
            missing = (exc.en, exc.zh or exc.en)
    return _status(
        flow, st, project, at, ar, cs, schedule, None if schedule is None else schedule.finish, missing
    )


def _step_statuses(core: _Core, schedule: Schedule | None) -> tuple[StepStatus, ...]:
    st, clocks, ar = core.st, core.clocks, core.ar
    out = []
    for v, step in enumerate(core.flow.steps):
        c = clocks[v]
        ps = pe = le = slack = None
        if schedule is not None:
            ps = _date(schedule.start[v])
            pe = _date(schedule.end[v])
            if c.completed is None:
                le = _date(schedule.latest_end[v])
                slack = ar.between(schedule.end[v], schedule.latest_end[v])
        out.append(
            StepStatus(
                step.id,
                step.unit,
                c.state,
                None if c.started is None else _date(c.started),
                None if c.due is None else _date(c.due),
                None if c.completed is None else _date(c.completed),
                st.working[v],
                st.length[v],
                c.used,
                c.remaining,
                c.overdue_by,
                ps,
                pe,
                le,
                slack,
                slack == 0,
            )
        )
    return tuple(out)


def _findings(status: ProjectStatus, core: _Core) -> tuple[Finding, ...]:
    st, clocks, flow, project = core.st, core.clocks, core.flow, core.project
    names = st.names
    findings: list[Finding] = []
    for v, step in enumerate(flow.steps):
        c = clocks[v]
        if c.state is StepState.UNDETERMINED:
            assert c.missing is not None
            assert c.missing_zh is not None
            findings.append(
                _codes.STEP_STATUS_UNDETERMINED(
                    names[v], step=names[v], missing=c.missing_zh, missing_en=c.missing
                )
            )
        elif c.state is StepState.OVERDUE:
            assert c.due is not None
            findings.append(
                _codes.STEP_OVERDUE(
                    names[v],
                    *(() if step.unit is None else (step.unit,)),
                    step=names[v],
                    item=step.item,
                    overdue=c.overdue_by,
                    unit_name="工作日" if st.working[v] else "自然日",
                    overdue_en=f"{c.overdue_by} {'working ' if st.working[v] else ''}"
                    f"day{'s' if c.overdue_by != 1 else ''}",
                    due=_date(c.due).isoformat(),
                    unit=step.unit or "—",
                )
            )
        if c.started is not None:
            group = _group_of(st, v)
            for r in step.requires:
                rv = st.ix[r]
                if group is not None and _group_of(st, rv) == group:
                    continue  # reviewed jointly: not a prerequisite any more
                rc = clocks[rv]
                if rc.completed is None or rc.completed > c.started:
                    findings.append(
                        _codes.STARTED_BEFORE_PREREQUISITE(
                            names[v], r, step=names[v], prerequisite=r, started=_date(c.started).isoformat()
                        )
                    )
    if status.projected_completion is None:
        findings.append(
            _codes.PROJECTION_UNDETERMINED(
                project.id,
                project=project.id,
                missing="；".join(core.missing_zh),
                missing_en="; ".join(core.missing_en),
            )
        )
    elif (
        status.committed_due is not None
        and status.projected_completion is not None
        and status.projected_completion > status.committed_due
    ):
        findings.append(
            _codes.PROJECT_PROJECTED_LATE(
                project.id,
                project=project.id,
                projected=status.projected_completion.isoformat(),
                due=status.committed_due.isoformat(),
                path=" → ".join(status.critical_path),
            )
        )
    if flow.agency_service and project.agent is None:
        findings.append(_codes.PROJECT_WITHOUT_AGENT(project.id, project=project.id))
    return tuple(findings)


def _total(flow: Flow) -> tuple[bool, int]:
    return limit_days(flow.total_limit)


# --- escalation cases (structural: escalation is not imported) ---------------------------


@attrs.frozen
class StepParties:
    """Who answers for a step, shaped like escalation's ``CaseParties`` (structurally).

    Attributes:
        lead_unit: the step's responsible unit (the unit holding it), or ``None``.
        officer: the project's agent officer (代办员), answerable for the whole project.
    """

    lead_unit: str | None = None
    officer: str | None = None
    task: str | None = None
    assisting_units: tuple[str, ...] = ()
    slow_units: tuple[str, ...] = ()

    @property
    def late_units(self) -> tuple[str, ...]:
        return self.slow_units or self.assisting_units


class StepView(NamedTuple):
    """A step seen as a case, when escalation is not loaded (same fields as its ``CaseView``)."""

    state: str
    due_date: dt.date | None
    start: dt.date | None = None
    share_elapsed: float | None = None


_VIEW_STATES = {
    StepState.WAITING: "undetermined",
    StepState.RUNNING: "open",
    StepState.OVERDUE: "open",
    StepState.SUSPENDED: "suspended",
    StepState.COMPLETED_ON_TIME: "completed",
    StepState.COMPLETED_LATE: "completed",
    StepState.UNDETERMINED: "undetermined",
}


def _case_view(state: str, due: dt.date | None, start: dt.date | None, share: float | None) -> Any:
    """The view in escalation's own types when escalation is loaded (its engine compares
    states by identity), else a :class:`StepView` with the same fields. Approvals never
    imports escalation: if the engine is asking, its module is already loaded."""
    cases = sys.modules.get("govefficiency.escalation._cases")
    if cases is None:
        return StepView(state, due, start, share)
    return cases.CaseView(cases.CaseState(state), due, start, share)


@attrs.frozen
class StepCase:
    """One step of a project as an escalation case (satisfies ``escalation.Case``
    structurally). A step not yet started has no clock: its view is undetermined.

    Attributes:
        flow: the flow.
        project: the project.
        step: the step's id.
        calendar: the working-day calendar.
    """

    flow: Flow = attrs.field(validator=instance_of(Flow))
    project: Project = attrs.field(validator=instance_of(Project))
    step: str = attrs.field(converter=_case_step)
    calendar: WorkCalendar = attrs.field(factory=china_calendar, validator=instance_of(WorkCalendar))

    def __attrs_post_init__(self) -> None:
        self.flow.step(self.step)
        _structure_for(self.flow, self.project)

    @property
    def case_id(self) -> str:
        return f"{self.project.id}:{self.step}"

    @property
    def title(self) -> Text:
        name = self.flow.step(self.step).name
        return Text(f"{self.project.id}：{name.zh}", f"{self.project.id}: {name.en}")

    @property
    def parties(self) -> StepParties:
        return StepParties(lead_unit=self.flow.step(self.step).unit, officer=self.project.agent)

    def view(self, at: dt.datetime) -> Any:
        at = require_aware(at, "at")
        st = _structure_for(self.flow, self.project)
        ar = Arith(self.calendar)
        v = st.ix[self.step]
        c = _step_clock(
            st,
            v,
            self.project.step_events(self.step),
            self.project._ts.get(self.step, ()),
            self.project._days(self.calendar.zone).get(self.step, ()),
            at,
            at.timestamp(),
            local_date(at, self.calendar.zone).toordinal(),
            ar,
            self.project,
        )
        share = None if st.length[v] == 0 else (c.used + c.overdue_by) / st.length[v]
        return _case_view(
            _VIEW_STATES[c.state],
            None if c.due is None or c.state is StepState.SUSPENDED else _date(c.due),
            None if c.started is None else _date(c.started),
            share,
        )


def step_cases(flow: Flow, project: Project, *, calendar: WorkCalendar | None = None) -> tuple[StepCase, ...]:
    """Every step of the project as an escalation case, in flow order."""
    _structure_for(flow, project)
    cal = _calendar(calendar)
    return tuple(StepCase(flow, project, s.id, cal) for s in flow.steps)
