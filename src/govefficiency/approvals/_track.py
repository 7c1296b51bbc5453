"""Tracking projects at an instant: each step's deadline clock (pauses included), the late
steps and who holds them, the projected completion and the slack (:func:`track`,
:func:`track_many`)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable

from govefficiency._deprecation import at_by_keyword
from govefficiency._gc import gc_paused
from govefficiency._records import calendar_or_default
from govefficiency._time import local_date, require_aware
from govefficiency._validators import check_bool
from govefficiency.approvals._bulk import BatchColumn, project_batch
from govefficiency.approvals._errors import ProjectError
from govefficiency.approvals._model import Flow, _Structure
from govefficiency.approvals._project import (
    EventKind,
    Project,
    ProjectEvent,
    StepState,
    _date,
)
from govefficiency.approvals._schedule import Arith, Schedule, forward
from govefficiency.approvals._status import (
    ProjectStatus,
    _Clock,
    _Clocks,
    _Core,
    _total,
)
from govefficiency.calendar import WorkCalendar
from govefficiency.deadlines import ClockEvent, ClockEventKind, ClockState, DeadlineClock
from govefficiency.errors import CalendarCoverageError, DeadlineError, InvalidTypeError
from govefficiency.text import Text

__all__ = ["track", "track_many"]


_CLOCK_STATES = {
    ClockState.RUNNING: StepState.RUNNING,
    ClockState.SUSPENDED: StepState.SUSPENDED,
    ClockState.OVERDUE: StepState.OVERDUE,
    ClockState.COMPLETED_ON_TIME: StepState.COMPLETED_ON_TIME,
    ClockState.COMPLETED_LATE: StepState.COMPLETED_LATE,
    ClockState.UNDETERMINED: StepState.UNDETERMINED,
}
_ENGINE_KINDS = {
    EventKind.START: ClockEventKind.START,
    EventKind.SUSPEND: ClockEventKind.SUSPEND,
    EventKind.RESUME: ClockEventKind.RESUME,
    EventKind.COMPLETE: ClockEventKind.COMPLETE,
}
_WAITING = _Clock(StepState.WAITING, None, None, None, 0, None, 0, None, None, None)


def _work_end(ar: Arith, s: int, n: int) -> int:
    j = ar.cum[s - ar.ord0 + 1] + n - 1
    if j >= len(ar.work):
        raise ar.ix.overflow(s, n)
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
    s = days[0]
    # (a zero-length working-day limit is left to the engine, whose rule for one started
    # on a rest day is its own)
    if (count == 1 or (count == 2 and events[1].kind is EventKind.COMPLETE)) and (n or not working):
        try:
            return _started_clock(ar, s, days[1] if count == 2 else None, day, working, n)
        except CalendarCoverageError:
            pass  # a day past the calendar's end: the engine answers what is known
    try:
        return _engine_clock(st, v, events, days, at, day, ar, project)
    except CalendarCoverageError as exc:
        return _Clock(StepState.UNDETERMINED, days[0], None, None, 0, None, 0, None, exc.en, exc.zh or exc.en)


def _started_clock(ar: Arith, s: int, c: int | None, day: int, working: bool, n: int) -> _Clock:
    """The O(1) clock of a step that has only started (``c``: the day it completed, if it
    has): the arithmetic of :class:`Arith`, inlined, since this runs for every step under
    way. A day outside the calendar raises :class:`CalendarCoverageError`."""
    q = c if c is not None else day
    # the O(1) arithmetic of Arith, inlined: this runs for every step under way
    ord0, top = ar.ord0, ar.ord0 + ar.size
    if not ord0 <= s < top:
        raise ar.ix.uncovered(s)
    if not ord0 <= q < top:
        raise ar.ix.uncovered(q)
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


def _engine_clock(
    st: _Structure,
    v: int,
    events: tuple[ProjectEvent, ...],
    days: tuple[int, ...],
    at: dt.datetime,
    day: int,
    ar: Arith,
    project: Project,
) -> _Clock:
    """The clock of a suspended (or otherwise eventful) step: the deadline engine's
    :class:`DeadlineClock`, memoized on the project (both are immutable)."""
    s = days[0]
    working = st.working[v]
    key = ("clock", st.names[v], len(events), st.limits[v], id(ar.cal))
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
    status = clock.status(at=at)
    state = _CLOCK_STATES[status.state]
    due_o = None if status.due_date is None else status.due_date.toordinal()
    c = None
    missing = status.missing
    known: int | None
    if state in (StepState.COMPLETED_ON_TIME, StepState.COMPLETED_LATE):
        c = days[-1]
        known = c
    elif state is StepState.SUSPENDED:
        # projected as if it resumed at the instant: each further day of suspension
        # moves the projection
        try:
            known = ar.end(day, working, max(status.total - status.used, 0))
        except CalendarCoverageError as exc:
            known, missing = None, missing or Text(exc.zh or exc.en, exc.en)
    elif state is StepState.OVERDUE:
        known = day
    else:  # running (its due date may lie past the calendar's end), or undetermined
        known = due_o
    return _Clock(
        state,
        s,
        due_o,
        c,
        status.used,
        status.remaining,
        status.overdue_by,
        known,
        None if missing is None else missing.en,
        None if missing is None else missing.zh,
        status.at_least,
        ar.ord0 + ar.size - 1 if status.at_least else None,
    )


def _calendar(calendar: WorkCalendar | None) -> WorkCalendar:
    return calendar_or_default(calendar, "calendar must be a WorkCalendar, not {kind}")


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


@at_by_keyword(2)
def track(
    flow: Flow, project: Project, *, at: dt.datetime, calendar: WorkCalendar | None = None
) -> ProjectStatus:
    """The project at the aware instant ``at`` (events after ``at`` are ignored)."""
    st = _structure_for(flow, project)
    at = require_aware(at, "at")
    ar = Arith(_calendar(calendar))
    return _track(flow, st, project, at, ar, local_date(at, ar.cal.zone).toordinal())


@at_by_keyword(2)
def track_many(
    flow: Flow,
    projects: Iterable[Project],
    *,
    at: dt.datetime,
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
                    out[index] = _projected(flow, st, project, at, ar, day, cs)
                else:
                    out[index] = _status(flow, st, project, at, ar, cs, column, column.finish, None)
        result = [s for s in out if s is not None]
        if details:
            for status in result:
                status.steps  # noqa: B018 - built now, inside the pause
                status.findings  # noqa: B018
    return result


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
        if c.missing is not None:  # undetermined, or known only up to the calendar's end
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
    return _projected(flow, st, project, at, ar, day, _clocks(st, project, at, at.timestamp(), day, ar))


def _projected(
    flow: Flow, st: _Structure, project: Project, at: dt.datetime, ar: Arith, day: int, cs: _Clocks
) -> ProjectStatus:
    """A project's status from its clocks, projected one project at a time (pure Python)."""
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
