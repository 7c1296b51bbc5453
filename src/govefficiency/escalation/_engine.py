"""The escalation engine: which actions are due now, exactly once each.

For every case and level, the engine finds the first day the level fires (from the
case's due date and the level's trigger, in working days of the calendar) and, for a
repeating level, which repetition is current. Each firing has a key — case, level, due
date, repetition — and a key already in the history never fires again. Missed
evaluations therefore catch up with one action per level (the current repetition), not
one per missed day, and a new due date (after an extension) starts the levels afresh.

How it stays fast (100,000 cases in well under a second): what a level does for a case
depends only on the case's due date (and, for share-elapsed triggers, its start and
share used), so the firings are worked out once per due date — a *plan* — and each case
then only checks its keys against the history and builds its actions. Cases with
acknowledgements, and due dates whose plan the calendar cannot give in full, take the
general path (:meth:`_Run.general`), one case at a time; the fast path answers exactly
as the general path does (``tests/escalation/test_fast.py`` checks it on random cases).
The cases are visited in the order of their ids, so the actions come out sorted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from govefficiency._deprecation import keyword_only
from govefficiency._gc import gc_paused
from govefficiency._records import calendar_or_default
from govefficiency._time import local_date, require_aware
from govefficiency.calendar import WorkCalendar
from govefficiency.errors import CalendarCoverageError, GovEfficiencyError, InvalidTypeError
from govefficiency.escalation import _fast
from govefficiency.escalation._actions import Acknowledgement, Action, ActionKey, CaseNotice, Evaluation
from govefficiency.escalation._address import Resolver
from govefficiency.escalation._cases import Case, CaseState, CaseView
from govefficiency.escalation._inputs import (
    OPEN_STATES,
    UNKNOWN,
    AckIndex,
    Done,
    ack_index,
    case_facts,
    case_view,
    check_types,
    history_keys,
)
from govefficiency.escalation._notices import (
    duplicate_notice,
    feedback_notice,
    malformed_notice,
    state_notice,
    unaddressed_notice,
    uncovered_notice,
    unknown_unit_notice,
)
from govefficiency.escalation._policy import AckEffect, AckKind, Level, Policy, TriggerKind
from govefficiency.escalation._triggers import not_yet, offset, trigger_day
from govefficiency.responsibility import ResponsibilityGraph
from govefficiency.text import Text

__all__ = ["evaluate"]

#: Whether the per-due-date plans are used (tests turn it off to compare the two paths).
FAST = True

#: Per level, once: (index, level, trigger kind, N, whether a fired level's key is known
#: before any date is computed — a one-off level without a feedback clock).
_Spec = tuple[int, Level, TriggerKind, int, bool]
#: A level that fires for every case of a plan: (index, level, occurrence, fired on,
#: offset, feedback due, provisional).
_Firing = tuple[int, Level, int, dt.date, int, dt.date | None, bool]

_NOTHING: frozenset[Any] = frozenset()


@keyword_only(("at", "history"), 2, what="the time (and history)")
def evaluate(
    policy: Policy,
    cases: Iterable[Case],
    *,
    at: dt.datetime,
    history: Iterable[ActionKey | Action] = (),
    graph: ResponsibilityGraph | None = None,
    calendar: WorkCalendar | None = None,
    acknowledgements: Iterable[Acknowledgement] = (),
) -> Evaluation:
    """The actions due at ``at`` under ``policy``, in a deterministic order.

    Args:
        policy: the escalation policy.
        cases: the cases to watch (any :class:`Case`).
        at: the aware instant of evaluation (its day in the calendar's zone counts).
        history: actions (or their keys) already carried out; none of them fires again.
        graph: the responsibility graph used to resolve roles; without it only the
            lead unit, assisting units and officer named by each case resolve.
        calendar: the working-day calendar (default: :func:`china_calendar`).
        acknowledgements: 签收 / 反馈 of actions already carried out; they stop or restart
            repeating levels as each level's ``ack`` rule declares.

    A completed case stops; a suspended case, a clock not started yet, a case with no due
    date, a case the calendar cannot count, a malformed case and a case id seen twice are
    each reported in ``notices`` — never guessed, never an exception for the batch. A level
    whose trigger day lies inside the calendar fires even when ``at`` lies beyond it; what
    the calendar cannot decide is reported as undetermined with the missing year.
    """
    if not isinstance(policy, Policy):
        raise InvalidTypeError(
            f"policy must be a Policy, not {type(policy).__name__}", "policy 必须是 Policy"
        )
    at = require_aware(at, "at")
    cal = calendar_or_default(calendar)
    if graph is not None and not isinstance(graph, ResponsibilityGraph):
        raise InvalidTypeError("graph must be a ResponsibilityGraph", "graph 必须是 ResponsibilityGraph")
    if isinstance(cases, str) or not isinstance(cases, Iterable):
        raise InvalidTypeError(
            f"cases must be a list of cases, not {type(cases).__name__}", "cases 必须是事项的列表"
        )
    run = _Run(policy, cal, at, history_keys(history), ack_index(acknowledgements), graph)
    with gc_paused():  # see govefficiency._gc: the actions are not garbage
        case_list = list(cases)
        check_types(case_list)
        facts = case_facts(case_list, at, run.need_start)
        ids = [case.case_id for case in case_list]
        try:
            order: Sequence[int] = sorted(range(len(ids)), key=ids.__getitem__)
        except TypeError:  # ids that do not compare (not strings): sort the actions instead
            order = range(len(ids))
        previous: object = UNKNOWN
        seen: set[str] = set()
        for i in order:
            case_id = ids[i]
            if case_id == previous or case_id in seen:
                run.notices.append(duplicate_notice(case_id))
                continue
            previous = case_id
            if type(order) is range:
                seen.add(case_id)
            run.case(case_list[i], case_id, facts[i])
        if type(order) is range:
            run.actions.sort(key=run.action_order)
        run.notices.sort(key=lambda n: (n.case_id, n.code.value, n.level_id or ""))
        return Evaluation(
            at=at,
            actions=tuple(run.actions),
            notices=tuple(run.notices),
            overdue=run.overdue,
            calendar_version=cal.version,
            overdue_at_least=run.overdue_at_least,
        )


class _Plan:
    """What the levels do for every case of one due date (no acknowledgement, empty
    history): the firings, and the levels left undetermined or partly determined."""

    __slots__ = ("firings", "overdue", "partial", "state", "undetermined")

    def __init__(
        self,
        state: CaseState,
        overdue: int | None,
        firings: tuple[_Firing, ...],
        undetermined: list[str],
        partial: list[str],
    ) -> None:
        self.state = state
        self.overdue = overdue
        self.firings = firings
        self.undetermined = undetermined
        self.partial = partial


class _Run:
    """One evaluation: its inputs, its outputs, and the plans and addresses it memoizes."""

    def __init__(
        self,
        policy: Policy,
        cal: WorkCalendar,
        at: dt.datetime,
        done: Done,
        acks: AckIndex,
        graph: ResponsibilityGraph | None,
    ) -> None:
        self.policy = policy
        self.cal = cal
        self.day = local_date(at, cal.zone)
        self.horizon = min(self.day, cal.last)
        self.official = cal.official_through
        self.done = done
        self.acks = acks
        self.ack_cases = {case_id for case_id, _, _ in acks}
        self.resolver = Resolver(graph, policy.fallback, policy.citation)
        self.levels = len(policy.levels)
        self.triggers = [Text(lv.trigger.describe("zh"), lv.trigger.describe("en")) for lv in policy.levels]
        self.specs: list[_Spec] = [
            (
                i,
                lv,
                lv.trigger.kind,
                lv.trigger.working_days,
                lv.repeat_every is None and (lv.ack is None or lv.ack.feedback_within is None),
            )
            for i, lv in enumerate(policy.levels)
        ]
        self.need_start = any(kind is TriggerKind.SHARE_ELAPSED for _, _, kind, _, _ in self.specs)
        self.plans: dict[object, _Plan | None] = {}
        self.actions: list[Action] = []
        self.notices: list[CaseNotice] = []
        self.overdue: dict[str, int] = {}
        # counts up to the calendar's last day, when the day asked about lies after it
        self.overdue_at_least: dict[str, int] = {}
        self.beyond = self.day > cal.last

    def action_order(self, action: Action) -> tuple[str, int, int]:
        index = next(i for i, lv in enumerate(self.policy.levels) if lv.id == action.key.level_id)
        return action.key.case_id, index, action.key.occurrence

    # -- one case --------------------------------------------------------------------------

    def case(self, case: Case, case_id: str, facts: Any) -> None:
        """Escalate one case (its id already checked unique); with an org chart, report
        the units it names that the chart does not have (their roles were unresolved)."""
        if self.resolver.unit_ids is None:
            self.one_case(case, case_id, facts)
            return
        before = len(self.actions), len(self.notices)
        self.one_case(case, case_id, facts)
        if (len(self.actions), len(self.notices)) != before and not isinstance(facts, Exception):
            parties = self.resolver.slots(case.parties, self.levels)[0]
            reasons = self.resolver.unknown_units(parties)
            if reasons:
                state = facts[0] if type(facts) is tuple else getattr(facts, "state", CaseState.OPEN)
                if type(state) is not CaseState:
                    state = CaseState.OPEN
                self.notices.append(unknown_unit_notice(case_id, state, reasons))

    def one_case(self, case: Case, case_id: str, facts: Any) -> None:
        """Escalate one case (its id already checked unique)."""
        if type(facts) is not tuple:
            if isinstance(facts, Exception):
                self.notices.append(malformed_notice(case_id, facts))
            else:  # a view object from a case of another source
                self.view(case, case_id, facts)
            return
        state, due, start, share, overdue_by = facts
        if state is CaseState.COMPLETED:
            return
        if due is None or (state is not CaseState.OPEN and state is not CaseState.OVERDUE):
            self.notices.append(state_notice(case_id, state))
            return
        plan = None
        if FAST and case_id not in self.ack_cases:
            pkey = (due, start, share) if self.need_start else due
            plan = self.plans.get(pkey, UNKNOWN)
            if plan is UNKNOWN:
                plan = self.plans[pkey] = self.plan(due, start, share)
        try:
            if plan is None:
                self.general(case, case_id, case_view(case, facts), due)
            else:
                self.planned(case, case_id, due, overdue_by, plan)  # type: ignore[arg-type]
        except GovEfficiencyError as exc:
            self.notices.append(malformed_notice(case_id, exc))

    def view(self, case: Case, case_id: str, view: CaseView) -> None:
        """Escalate a case of another source, through its own view object."""
        state = view.state
        if type(state) is not CaseState:  # a source's own state enum (structural protocol)
            try:
                state = CaseState(getattr(state, "value", state))
            except ValueError:
                exc = InvalidTypeError(f"unknown case state {state!r}", f"未知的事项状态 {state!r}")
                self.notices.append(malformed_notice(case_id, exc))
                return
        if state is CaseState.COMPLETED:
            return
        due = view.due_date
        if state not in OPEN_STATES or due is None:
            self.notices.append(state_notice(case_id, state))
            return
        try:
            self.general(case, case_id, view, due)
        except GovEfficiencyError as exc:
            self.notices.append(malformed_notice(case_id, exc))

    # -- the fast path: one plan per due date ----------------------------------------------

    def plan(self, due: dt.date, start: dt.date | None, share: float | None) -> _Plan | None:
        """The plan of a due date, or ``None`` when the general path must decide (the
        calendar cannot count part of it, or the history could change which levels are
        undetermined)."""
        cal, day = self.cal, self.day
        view = CaseView(CaseState.OPEN, due, start, share)
        undetermined: list[str] = []
        partial: list[str] = []
        firings: list[_Firing] = []
        try:
            w = self.count(due)
            overdue = None
            if day > due:
                overdue = -w if w is not None else self.count_overdue(due)
            for spec in self.specs:
                found = self.level("", view, due, w, spec, undetermined, partial, known=False)
                if found is None:
                    continue
                occurrence, fired_on, feedback_due, _ = found
                index, level = spec[0], spec[1]
                firings.append(
                    (
                        index,
                        level,
                        occurrence,
                        fired_on,
                        offset(cal, due, fired_on),
                        feedback_due,
                        self.provisional(level, due, fired_on),
                    )
                )
        except GovEfficiencyError:
            return None
        if any(spec[4] and spec[1].id in undetermined for spec in self.specs):
            return None  # a one-off level in the history is never asked: the general path
        state = CaseState.OVERDUE if day > due else CaseState.OPEN
        return _Plan(state, overdue, tuple(firings), undetermined, partial)

    def planned(self, case: Case, case_id: str, due: dt.date, overdue_by: int | None, plan: _Plan) -> None:
        """Escalate a case by its due date's plan (no acknowledgement of the case)."""
        day = self.day
        if day > due:
            if overdue_by is not None:
                self.overdue[case_id] = overdue_by
            elif plan.overdue is not None:
                (self.overdue_at_least if self.beyond else self.overdue)[case_id] = plan.overdue
        done = self.done
        triggers = self.triggers
        append = self.actions.append
        letters = None
        for index, level, occurrence, fired_on, off, feedback_due, provisional in plan.firings:
            level_id = level.id
            if done and (case_id, level_id, due, occurrence) in done:
                if feedback_due is not None and feedback_due < day:
                    self.notices.append(feedback_notice(case_id, plan.state, level, fired_on, feedback_due))
                continue
            if letters is None:
                letters = self.letters(case)
            letter = letters[index]
            if letter is None:
                letter = self.letter(case, letters, index, level)
            if not letter:
                self.notices.append(unaddressed_notice(case_id, plan.state, level))
                continue
            key = _fast.action_key(case_id, level_id, due, occurrence)
            why = _fast.reason(case_id, due, off, level_id, triggers[index], fired_on, occurrence)
            append(_fast.action(key, why, case.title, feedback_due, provisional, letter))
        if plan.undetermined:
            self.notices.append(uncovered_notice(case_id, due, self.cal, plan.undetermined, partial=False))
        if plan.partial:
            self.notices.append(uncovered_notice(case_id, due, self.cal, plan.partial, partial=True))

    # -- the general path: one case at a time ----------------------------------------------

    def general(self, case: Case, case_id: str, view: CaseView, due: dt.date) -> None:
        """Escalate one case level by level, with its acknowledgements. May raise."""
        cal, day = self.cal, self.day
        state = CaseState.OVERDUE if day > due else CaseState.OPEN
        undetermined: list[str] = []
        partial: list[str] = []
        # One O(1) count per case decides which levels have fired (dates are computed only for
        # levels that fire): w = working days in (day, due], or minus those in (due, day].
        w = self.count(due)
        if day > due:
            overdue_by = getattr(view, "overdue_by", None)  # a source's view may not count it
            if overdue_by is not None:
                self.overdue[case_id] = overdue_by
            else:
                counted = -w if w is not None else self.count_overdue(due)
                if counted is not None:
                    # past the calendar's end the count stops at its last day: a lower bound
                    (self.overdue_at_least if self.beyond else self.overdue)[case_id] = counted
        for spec in self.specs:
            found = self.level(case_id, view, due, w, spec, undetermined, partial)
            if found is None:
                continue
            occurrence, fired_on, feedback_due, is_done = found
            index, level = spec[0], spec[1]
            if is_done:
                if (
                    feedback_due is not None
                    and feedback_due < day
                    and not any(
                        a.kind is AckKind.FEEDBACK and a.key.occurrence == occurrence
                        for a in self.acks.get((case_id, level.id, due), ())
                    )
                ):
                    self.notices.append(feedback_notice(case_id, state, level, fired_on, feedback_due))
                continue
            provisional = self.provisional(level, due, fired_on)
            self.emit(
                case, case_id, state, index, level, due, occurrence, fired_on, feedback_due, provisional
            )
        if undetermined:
            self.notices.append(uncovered_notice(case_id, due, cal, undetermined, partial=False))
        if partial:
            self.notices.append(uncovered_notice(case_id, due, cal, partial, partial=True))

    def level(
        self,
        case_id: str,
        view: CaseView,
        due: dt.date,
        w: int | None,
        spec: _Spec,
        undetermined: list[str],
        partial: list[str],
        *,
        known: bool = True,
    ) -> tuple[int, dt.date, dt.date | None, bool] | None:
        """Whether one level fires for a case: ``None``, or (occurrence, fired on,
        feedback due, whether its key is in the history). A level in the history without
        a feedback clock is ``None`` before its dates are computed. With ``known`` false
        (a plan), the case's history and acknowledgements are not consulted. May raise."""
        _, level, kind, n, once = spec
        cal, day = self.cal, self.day
        done = self.done if known else _NOTHING
        if w is not None and kind is not TriggerKind.SHARE_ELAPSED:
            if kind is TriggerKind.OVERDUE:
                if day <= due or -w < n:
                    return None
            elif day < due:
                if kind is TriggerKind.BEFORE_DUE and n:
                    # the N-th working day before the due date is on or before ``day`` iff
                    # fewer than N working days lie strictly between ``day`` and the due date
                    if w - cal.is_working_day(due) >= n:
                        return None
                elif w:
                    return None  # at_due: a working day is left in (day, due]
            if once and (case_id, level.id, due, 0) in done:
                return None  # the steady state of a daily job: nothing more to compute
        try:
            first = trigger_day(level, view, due, day, cal)
        except CalendarCoverageError:
            if not not_yet(level, due, day, cal):
                undetermined.append(level.id)
            return None
        if first is None or first > day:
            return None
        return self.repetition(case_id, level, due, first, partial, done, self.acks if known else {})

    def repetition(
        self,
        case_id: str,
        level: Level,
        due: dt.date,
        first: dt.date,
        partial: list[str],
        done: Done | frozenset[Any],
        acks: AckIndex,
    ) -> tuple[int, dt.date, dt.date | None, bool] | None:
        """The current repetition of a level that has fired (see :meth:`level`)."""
        cal, day = self.cal, self.day
        occurrence = 0
        repeat = level.repeat_every
        rule = level.ack
        base, base_occ, restarted = first, 0, False
        if repeat:
            if rule is not None and rule.effect is not None:
                got = [
                    a
                    for a in acks.get((case_id, level.id, due), ())
                    if a.kind is rule.requires and a.on <= day
                ]
                if got:
                    if rule.effect is AckEffect.STOP:
                        return None
                    base, base_occ, restarted = got[-1].on, got[-1].key.occurrence, True
            if day > cal.last:
                partial.append(level.id)
            steps = cal.working_days_between(base, self.horizon) // repeat if base <= self.horizon else 0
            if restarted and steps == 0:
                return None  # restarted: the next repetition is not due yet
            occurrence = base_occ + steps
        is_done = (case_id, level.id, due, occurrence) in done
        if is_done and (rule is None or rule.feedback_within is None):
            return None  # the steady state of a daily job: nothing more to compute
        fired_on = first
        if repeat:
            steps = occurrence - base_occ
            fired_on = cal.add_working_days(base, steps * repeat) if steps else base
        feedback_due = None
        if rule is not None and rule.feedback_within is not None:
            try:
                feedback_due = cal.add_working_days(fired_on, rule.feedback_within)
            except CalendarCoverageError:
                feedback_due = None
        return occurrence, fired_on, feedback_due, is_done

    # -- shared pieces ---------------------------------------------------------------------

    def count(self, due: dt.date) -> int | None:
        """Working days in (day, due], or minus those in (due, day]; ``None`` beyond the
        calendar."""
        try:
            return self.cal.working_days_between(self.day, due)
        except CalendarCoverageError:
            return None

    def count_overdue(self, due: dt.date) -> int | None:
        """Working days overdue counted up to the calendar's end (``None`` when the due date
        lies beyond it). May raise (a due date before the calendar)."""
        return self.cal.working_days_between(due, self.horizon) if due <= self.cal.last else None

    def provisional(self, level: Level, due: dt.date, fired_on: dt.date) -> bool:
        # The repetition count depends on provisional days only when the calendar
        # answers beyond its published data (a provisional calendar).
        official = self.official
        return (
            fired_on > official
            or due > official
            or (bool(level.repeat_every) and official < self.day <= self.cal.last)
        )

    def letters(self, case: Case) -> list[_fast.Letter | None]:
        """The case's letters, one slot per level (shared by the cases that share its
        parties object; filled by :meth:`letter`)."""
        return self.resolver.slots(case.parties, self.levels)[1]

    def letter(
        self, case: Case, letters: list[_fast.Letter | None], index: int, level: Level
    ) -> _fast.Letter:
        """Fill a letter slot (``()`` when nobody can be addressed)."""
        parties = self.resolver.slots(case.parties, self.levels)[0]
        letter = letters[index] = self.resolver.letter(level, parties)
        return letter

    def emit(
        self,
        case: Case,
        case_id: str,
        state: CaseState,
        index: int,
        level: Level,
        due: dt.date,
        occurrence: int,
        fired_on: dt.date,
        feedback_due: dt.date | None,
        provisional: bool,
    ) -> None:
        """Address and append one action (or a notice when nobody can be addressed)."""
        letters = self.letters(case)
        letter = letters[index]
        if letter is None:
            letter = self.letter(case, letters, index, level)
        if not letter:
            self.notices.append(unaddressed_notice(case_id, state, level))
            return
        off = offset(self.cal, due, fired_on)
        key = _fast.action_key(case_id, level.id, due, occurrence)
        why = _fast.reason(case_id, due, off, level.id, self.triggers[index], fired_on, occurrence)
        self.actions.append(_fast.action(key, why, case.title, feedback_due, provisional, letter))
