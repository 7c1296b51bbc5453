"""The checks of an approval flow: small pure functions returning findings.

:func:`check_flow` runs the tuple :data:`CHECKS` over a flow and returns the findings
sorted (errors first). A defect of the flow is a finding, never an exception; only input
that is not a flow at all (or a catalogue that cannot answer membership) raises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from typing import Protocol, runtime_checkable

import attrs

from govefficiency._time import require_date
from govefficiency._validators import check_count
from govefficiency.approvals import _codes
from govefficiency.approvals._model import Flow, describe_limit, limit_days
from govefficiency.approvals._schedule import Arith, forward
from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.errors import CalendarCoverageError, InvalidTypeError
from govefficiency.findings import Finding, sort_findings

__all__ = ["CHECKS", "ItemCatalogue", "check_flow"]


@runtime_checkable
class ItemCatalogue(Protocol):
    """Anything that says whether an approval item is on the published list (清单): a
    window-services catalogue, or a plain set/list/tuple of item ids."""

    def __contains__(self, item_id: object, /) -> bool: ...


@attrs.frozen
class _Context:
    flow: Flow
    start: dt.date | None
    catalogue: ItemCatalogue | None
    investment_yuan: int | None
    calendar: WorkCalendar | None


Check = Callable[[_Context], list[Finding]]


def _arrow(ids: list[str]) -> str:
    return " → ".join(ids)


def check_mutual_prerequisites(ctx: _Context) -> list[Finding]:
    """``MUTUAL_PREREQUISITE``: steps that wait for each other, naming every step on the circle."""
    return [
        _codes.MUTUAL_PREREQUISITE(*cycle, cycle=_arrow([*cycle, cycle[0]])) for cycle in ctx.flow.cycles()
    ]


def check_units(ctx: _Context) -> list[Finding]:
    """``STEP_WITHOUT_UNIT``: every step names the department that handles it."""
    return [_codes.STEP_WITHOUT_UNIT(s.id, step=s.id, item=s.item) for s in ctx.flow.steps if s.unit is None]


def check_catalogue(ctx: _Context) -> list[Finding]:
    """``ITEM_NOT_IN_CATALOGUE``: only listed items may be approved (only with a catalogue)."""
    if ctx.catalogue is None:
        return []
    out = []
    for s in ctx.flow.steps:
        listed = ctx.catalogue.__contains__(s.item)
        if type(listed) is not bool:
            raise InvalidTypeError(
                f"the catalogue answered {listed!r} for item {s.item!r}; `in` must give True or False",
                f"清单对事项 {s.item!r} 的回答是 {listed!r}；`in` 必须返回 True 或 False",
            )
        if not listed:
            out.append(_codes.ITEM_NOT_IN_CATALOGUE(s.id, s.item, step=s.id, item=s.item))
    return out


def check_serial_steps(ctx: _Context) -> list[Finding]:
    """``SERIAL_STEPS_COULD_BE_PARALLEL``: a step that declares what it needs requires a
    step that produces none of it. The two share no dependency, yet are chained: the step
    could require what it needs directly (the prerequisite's own prerequisites) and run in
    parallel with it."""
    flow = ctx.flow
    by_id = {s.id: s for s in flow.steps}
    out = []
    for step in flow.steps:
        if step.needs is None:
            continue
        needs = set(step.needs)
        for r in step.requires:
            if r == step.id or needs & set(by_id[r].produces):
                continue
            produces = ", ".join(by_id[r].produces)
            wanted = ", ".join(step.needs)
            out.append(
                _codes.SERIAL_STEPS_COULD_BE_PARALLEL(
                    step.id,
                    r,
                    step=step.id,
                    prerequisite=r,
                    needs=wanted or "无",
                    needs_en=wanted or "nothing",
                    produces=produces or "未声明",
                    produces_en=produces or "nothing declared",
                )
            )
    return out


def check_critical_path(ctx: _Context) -> list[Finding]:
    """``CRITICAL_PATH_EXCEEDS_LIMIT``: the longest path against the committed total limit,
    on the real calendar from ``start`` (holidays count); ``CRITICAL_PATH_UNDETERMINED``
    when the data cannot decide."""
    flow = ctx.flow
    st = flow._structure(flow.joint_applies(ctx.investment_yuan))
    if st is None:
        return []  # MUTUAL_PREREQUISITE already says no path exists
    total_working, total = limit_days(flow.total_limit)
    limit_zh, limit_en = describe_limit(flow.total_limit, "zh"), describe_limit(flow.total_limit, "en")
    if ctx.start is None:
        if not total_working or not all(st.working):
            return [
                _codes.CRITICAL_PATH_UNDETERMINED(
                    missing="有期限以自然日计算，节假日会影响结果：请给出开始日期（--start）",
                    missing_en="some limits count calendar days, so holidays matter: give a start date (--start)",
                )
            ]
        found = flow.longest_path_working_days(joint=st.joint)
        assert found is not None  # acyclic and all in working days
        length, path = found
        if length <= total:
            return []
        return [
            _codes.CRITICAL_PATH_EXCEEDS_LIMIT(
                *path,
                start="受理之日",
                start_en="acceptance",
                path=_arrow(path),
                finish=f"第 {length} 个工作日",
                finish_en=f"working day {length}",
                length=length,
                limit=limit_zh,
                limit_en=limit_en,
                due=f"第 {total} 个工作日",
                due_en=f"working day {total}",
                excess=length - total,
            )
        ]
    cal = ctx.calendar or china_calendar()
    ar = Arith(cal)
    s = ctx.start.toordinal()
    try:
        sched = forward(st, ar, s)
    except CalendarCoverageError as exc:
        return [_codes.CRITICAL_PATH_UNDETERMINED(missing=exc.zh or exc.en, missing_en=exc.en)]
    try:
        due = ar.end(s, total_working, total)
    except CalendarCoverageError:
        return []  # the committed limit ends after the calendar's data, so after the path
    length = ar.between(s, sched.finish)
    excess = ar.between(due, sched.finish)
    if sched.finish <= due:
        return []
    path = [st.names[v] for v in sched.path]
    finish = dt.date.fromordinal(sched.finish).isoformat()
    due_s = dt.date.fromordinal(due).isoformat()
    return [
        _codes.CRITICAL_PATH_EXCEEDS_LIMIT(
            *path,
            start=f" {ctx.start.isoformat()} ",
            start_en=ctx.start.isoformat(),
            path=_arrow(path),
            finish=f" {finish} ",
            finish_en=finish,
            length=length,
            limit=limit_zh,
            limit_en=limit_en,
            due=f" {due_s}",
            due_en=due_s,
            excess=excess,
        )
    ]


#: The checks :func:`check_flow` runs, in order.
CHECKS: tuple[Check, ...] = (
    check_mutual_prerequisites,
    check_units,
    check_catalogue,
    check_serial_steps,
    check_critical_path,
)


def check_flow(
    flow: Flow,
    *,
    start: dt.date | None = None,
    catalogue: ItemCatalogue | Collection[str] | None = None,
    investment_yuan: int | None = None,
    calendar: WorkCalendar | None = None,
) -> list[Finding]:
    """Every defect of ``flow`` as findings, errors first.

    Args:
        flow: the flow.
        start: the day the first application is accepted; with it the critical path is
            laid on the real calendar (holidays count). Without it, a flow counted wholly
            in working days is still judged; otherwise ``CRITICAL_PATH_UNDETERMINED``.
        catalogue: the published list of approval items — any object answering
            ``item_id in catalogue`` (e.g. a window-services catalogue) or a plain
            collection of item ids; ``None`` skips ``ITEM_NOT_IN_CATALOGUE``.
        investment_yuan: a project's investment, to check the flow as joint review
            (联审联批) reshapes it for that project; ``None``: as written.
        calendar: the working-day calendar (default: the official PRC one).
    """
    if not isinstance(flow, Flow):
        raise InvalidTypeError(f"flow must be a Flow, not {type(flow).__name__}", "flow 必须是 Flow")
    if start is not None:
        start = require_date(start, "start")
    if catalogue is not None and (
        isinstance(catalogue, str | bytes) or not isinstance(catalogue, ItemCatalogue)
    ):
        raise InvalidTypeError(
            f"catalogue must answer `item_id in catalogue` (a catalogue, or a set/list of item ids), "
            f"not {type(catalogue).__name__}",
            f"catalogue 必须支持 `事项 in 清单`（清单对象，或事项 id 的集合/列表），而不是 {type(catalogue).__name__}",
        )
    if investment_yuan is not None:
        check_count(investment_yuan, "investment_yuan")
    if calendar is not None and not isinstance(calendar, WorkCalendar):
        raise InvalidTypeError("calendar must be a WorkCalendar", "calendar 必须是 WorkCalendar")
    ctx = _Context(flow, start, catalogue, investment_yuan, calendar)
    findings: list[Finding] = []
    for check in CHECKS:
        findings.extend(check(ctx))
    return sort_findings(findings)
