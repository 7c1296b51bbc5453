"""What :func:`track` answers: each step's status and the project's status at an instant."""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

import attrs

from govefficiency._records import lookup
from govefficiency.approvals import _codes
from govefficiency.approvals._bulk import BatchColumn
from govefficiency.approvals._errors import ProjectError
from govefficiency.approvals._model import Flow, _Structure, limit_days
from govefficiency.approvals._project import (
    Project,
    StepState,
    _date,
)
from govefficiency.approvals._schedule import Arith, Schedule
from govefficiency.findings import Finding, sort_findings
from govefficiency.text import Lang, Text, require_lang

__all__ = ["ProjectStatus", "StepStatus"]


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
    #: whether ``overdue_by`` is counted up to the calendar's last day only (a lower bound)
    at_least: bool = False
    #: the calendar's last day, when ``at_least``
    counted_to: int | None = None


def _group_of(st: _Structure, v: int) -> int | None:
    preds = st.preds[v]
    return preds[0] if len(preds) == 1 and st.is_group[preds[0]] else None


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
        overdue_by: days past the due date (0 unless overdue or completed late); a lower
            bound when ``overdue_at_least``.
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
        overdue_at_least: whether ``overdue_by`` is counted up to the calendar's last day
            only (the instant lies past it: next year's arrangement is not loaded), so the
            true figure is at least that.
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
    overdue_at_least: bool = False

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
            "overdue_at_least": self.overdue_at_least,
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
        en = f"project {self.project} has no step {step_id!r}"
        zh = f"项目 {self.project} 没有环节 {step_id!r}"
        return lookup(self.steps, lambda s: s.step == step_id, ProjectError, en, zh)

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
                {
                    "step": s.step,
                    "unit": s.unit,
                    "overdue_by": s.overdue_by,
                    "overdue_at_least": s.overdue_at_least,
                }
                for s in self.late_steps
            ],
            "steps": [s.to_dict() for s in self.steps],
            "findings": [f.to_dict() for f in self.findings],
        }

    def render(self, lang: Lang = "zh") -> str:
        """A plain-text report."""
        lang = require_lang(lang)
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
                c.at_least,
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
            days_en = f"{'working ' if st.working[v] else ''}day{'s' if c.overdue_by != 1 else ''}"
            if c.at_least:
                assert c.counted_to is not None
                to = _date(c.counted_to).isoformat()
                overdue: object = f"至少 {c.overdue_by}"
                unit_name = f"{'工作日' if st.working[v] else '自然日'}，计至日历最后一天 {to}"
                overdue_en = f"at least {c.overdue_by} {days_en} (counted to {to}, the calendar's last day)"
            else:
                overdue, overdue_en = c.overdue_by, f"{c.overdue_by} {days_en}"
                unit_name = "工作日" if st.working[v] else "自然日"
            findings.append(
                _codes.STEP_OVERDUE(
                    names[v],
                    *(() if step.unit is None else (step.unit,)),
                    step=names[v],
                    item=step.item,
                    overdue=overdue,
                    unit_name=unit_name,
                    overdue_en=overdue_en,
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
