"""The engine's inputs, normalized once: the history as a set of plain key tuples, the
acknowledgements indexed by case, level and due date, and every case's view as plain
values (the library's own cases without building a view object; live clocks through the
bulk status path :func:`~govefficiency.deadlines.statuses_at`)."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable, Sequence
from typing import Any

from govefficiency._time import local_date
from govefficiency.deadlines import statuses_at
from govefficiency.errors import GovEfficiencyError, InvalidTypeError
from govefficiency.escalation._actions import Acknowledgement, Action, ActionKey
from govefficiency.escalation._cases import (
    CLOCK_STATES,
    Case,
    CaseState,
    CaseView,
    ClockCase,
    DatedCase,
    clock_start,
)

__all__: list[str] = []

Done = set[tuple[str, str, dt.date, int]]
AckIndex = dict[tuple[str, str, dt.date], list[Acknowledgement]]
#: A case's view as plain values: (state, due date, start, share elapsed, overdue by).
Facts = tuple[CaseState, dt.date | None, Any, float | None, int | None]

UNKNOWN = object()  # a clock case's start, not computed (no share-elapsed level needs it)
OPEN_STATES = (CaseState.OPEN, CaseState.OVERDUE)


_KEY_FIELDS = operator.attrgetter("case_id", "level_id", "due_date", "occurrence")


def history_keys(history: Iterable[ActionKey | Action]) -> Done:
    items = list(history)
    if set(map(type, items)) <= {ActionKey}:
        return set(map(_KEY_FIELDS, items))  # the usual history: keys only
    keys: Done = set()
    for item in items:
        key = item.key if isinstance(item, Action) else item
        if not isinstance(key, ActionKey):
            raise InvalidTypeError(
                f"history holds Action or ActionKey values, not {type(item).__name__}",
                "history 只能包含 Action 或 ActionKey",
            )
        keys.add(_KEY_FIELDS(key))
    return keys


def ack_index(acknowledgements: Iterable[Acknowledgement]) -> AckIndex:
    index: AckIndex = {}
    for ack in acknowledgements:
        if not isinstance(ack, Acknowledgement):
            raise InvalidTypeError(
                f"acknowledgements holds Acknowledgement values, not {type(ack).__name__}",
                "acknowledgements 只能包含 Acknowledgement",
            )
        index.setdefault((ack.key.case_id, ack.key.level_id, ack.key.due_date), []).append(ack)
    for items in index.values():
        items.sort(key=lambda a: (a.on, a.key.occurrence))
    return index


def case_facts(cases: Sequence[Case], at: dt.datetime, need_start: bool) -> list[Any]:
    """Every case's view: plain :data:`Facts` for the library's own cases (live clocks
    through the bulk status path), else the case's view object, or the error it raised."""
    out: list[Any] = [None] * len(cases)
    days: dict[str, dt.date] = {}
    clocks: list[int] = []
    for i, case in enumerate(cases):
        kind = type(case)
        if kind is DatedCase:  # DatedCase.view, as plain values (the day computed once per zone)
            today = days.get(case.zone)  # type: ignore[attr-defined]
            if today is None:
                today = days[case.zone] = local_date(at, case.zone)  # type: ignore[attr-defined]
            start, due, completed = case.start, case.due, case.completed_on  # type: ignore[attr-defined]
            if completed is not None and completed <= today:
                out[i] = (CaseState.COMPLETED, due, start, None, None)
            elif case.suspended:  # type: ignore[attr-defined]
                out[i] = (CaseState.SUSPENDED, None, start, None, None)
            elif due is None:
                out[i] = (CaseState.UNDETERMINED, None, start, None, None)
            else:
                out[i] = ((CaseState.OVERDUE if due < today else CaseState.OPEN), due, start, None, None)
            continue
        if kind is ClockCase and at >= case.clock.events[0].at:  # type: ignore[attr-defined]
            clocks.append(i)
            continue
        try:
            out[i] = case.view(at=at)
        except GovEfficiencyError as exc:
            out[i] = exc
    if clocks:
        try:
            statuses = statuses_at([cases[i].clock for i in clocks], at=at)  # type: ignore[attr-defined]
        except GovEfficiencyError:
            for i in clocks:
                try:
                    out[i] = cases[i].view(at=at)
                except GovEfficiencyError as exc:
                    out[i] = exc
            return out
        for i, status in zip(clocks, statuses, strict=True):
            state = CLOCK_STATES[status.state]
            due = status.due_date
            if due is None and state in OPEN_STATES:
                state = CaseState.UNDETERMINED
            start = clock_start(cases[i]) if need_start else UNKNOWN  # type: ignore[arg-type]
            ob = status.overdue_by if state is CaseState.OVERDUE and not status.at_least else None
            out[i] = (state, due, start, status.share_elapsed, ob)
    return out


def case_view(case: Case, facts: Facts) -> CaseView:
    state, due, start, share, overdue_by = facts
    if start is UNKNOWN:
        start = clock_start(case)  # type: ignore[arg-type]
    return CaseView(state, due, start, share, overdue_by)


def check_types(cases: Sequence[object]) -> None:
    case_types: set[type] = set()  # the Protocol isinstance check is slow: once per type
    for case in cases:
        if type(case) not in case_types:
            if not isinstance(case, Case):
                raise InvalidTypeError(
                    f"cases must follow the Case protocol, not {type(case).__name__}",
                    "cases 中的每一项必须符合 Case 协议",
                )
            case_types.add(type(case))
