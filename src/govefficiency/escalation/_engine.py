"""The escalation engine: which actions are due now, exactly once each.

For every case and level, the engine finds the first day the level fires (from the
case's due date and the level's trigger, in working days of the calendar) and, for a
repeating level, which repetition is current. Each firing has a key — case, level, due
date, repetition — and a key already in the history never fires again. Missed
evaluations therefore catch up with one action per level (the current repetition), not
one per missed day, and a new due date (after an extension) starts the levels afresh.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from govefficiency._gc import gc_paused
from govefficiency._time import local_date, require_aware
from govefficiency.calendar import CalendarVersion, WorkCalendar, china_calendar
from govefficiency.citation import Citation
from govefficiency.errors import (
    CalendarCoverageError,
    EscalationError,
    InvalidTypeError,
    OrgStructureError,
    UnknownNodeError,
)
from govefficiency.escalation._cases import Case, CaseParties, CaseState, CaseView
from govefficiency.escalation._policy import ActionKind, Level, Policy, Role, TriggerKind
from govefficiency.responsibility import ResponsibilityGraph, escalation_chain
from govefficiency.text import Lang, Text, check_lang, en_count

__all__ = [
    "Action",
    "ActionKey",
    "CaseNotice",
    "Evaluation",
    "Reason",
    "Recipient",
    "evaluate",
    "load_history",
    "save_history",
]


@attrs.frozen(order=True)
class ActionKey:
    """What makes an action unique: the case, the level, the due date it was measured
    against and the repetition (0 for the first firing)."""

    case_id: str
    level_id: str
    due_date: dt.date
    occurrence: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "level": self.level_id,
            "due_date": self.due_date.isoformat(),
            "occurrence": self.occurrence,
        }


@attrs.frozen
class Recipient:
    """A resolved recipient: the role, the id in the responsibility graph and its name."""

    role: Role
    id: str
    name: Text


@attrs.frozen
class Reason:
    """Why an action fired.

    Attributes:
        case_id: the case.
        due_date: the deadline it was measured against.
        offset_working_days: working days from the due date to the day it fired:
            negative before the due date, 0 on it, positive when late.
        level_id: the level.
        trigger: the level's trigger, described in zh and en.
        fired_on: the day the firing became due (for a catch-up, earlier than today).
        occurrence: the repetition number (0 for the first).
    """

    case_id: str
    due_date: dt.date
    offset_working_days: int
    level_id: str
    trigger: Text
    fired_on: dt.date
    occurrence: int

    def render(self, lang: Lang = "zh") -> str:
        lang = check_lang(lang)
        off = self.offset_working_days
        if lang == "zh":
            when = (
                "到期当日" if off == 0 else (f"距截止{-off}个工作日" if off < 0 else f"已逾期{off}个工作日")
            )
            return (
                f"事项 {self.case_id} 截止于 {self.due_date}，{when}；级别 {self.level_id}"
                f"（{self.trigger.zh}）自 {self.fired_on} 起触发，第 {self.occurrence + 1} 次"
            )
        when = (
            "on the due date"
            if off == 0
            else (
                f"{en_count(-off, 'working day')} before due"
                if off < 0
                else f"{en_count(off, 'working day')} overdue"
            )
        )
        return (
            f"case {self.case_id} due {self.due_date}, {when}; level {self.level_id} "
            f"({self.trigger.en}) due since {self.fired_on}, firing #{self.occurrence + 1}"
        )


@attrs.frozen
class Action:
    """An action due now.

    Attributes:
        key: its idempotency key (store it in the history once carried out).
        kind: reminder, reminder letter, supervision notice, circulation or accountability.
        level: the level's title.
        recipients: to whom (resolved roles).
        copy_to: copied to.
        unresolved: roles that could not be resolved (no graph, or a gap in it): the
            caller must address them by hand; ``()`` when all were resolved.
        reason: why it fired.
        title: the case's title.
        citation: the policy's source.
    """

    key: ActionKey
    kind: ActionKind
    level: Text
    recipients: tuple[Recipient, ...]
    copy_to: tuple[Recipient, ...]
    unresolved: tuple[Role, ...]
    reason: Reason
    title: Text
    citation: Citation | None

    @property
    def case_id(self) -> str:
        return self.key.case_id

    @property
    def header(self) -> Text:
        """A bilingual line fit for a letter's header."""
        return _header(self.kind, self.title, self.reason.due_date, self.reason.offset_working_days)

    def render(self, lang: Lang = "zh") -> str:
        lang = check_lang(lang)
        sep = "、" if lang == "zh" else ", "
        to = sep.join(r.name.get(lang) for r in self.recipients) or "—"
        cc = sep.join(r.name.get(lang) for r in self.copy_to)
        lines = [self.header.get(lang), ("送：" if lang == "zh" else "To: ") + to]
        if cc:
            lines.append(("抄送：" if lang == "zh" else "Cc: ") + cc)
        if self.unresolved:
            missing = sep.join(r.label.get(lang) for r in self.unresolved)
            lines.append(("未能确定：" if lang == "zh" else "Unresolved: ") + missing)
        lines.append(("依据：" if lang == "zh" else "Why: ") + self.reason.render(lang))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        def people(items: tuple[Recipient, ...]) -> list[dict[str, Any]]:
            return [{"role": r.role.value, "id": r.id, "zh": r.name.zh, "en": r.name.en} for r in items]

        return {
            "key": self.key.to_dict(),
            "kind": self.kind.value,
            "level": {"zh": self.level.zh, "en": self.level.en},
            "recipients": people(self.recipients),
            "copy_to": people(self.copy_to),
            "unresolved": [r.value for r in self.unresolved],
            "reason": {
                "offset_working_days": self.reason.offset_working_days,
                "fired_on": self.reason.fired_on.isoformat(),
                "zh": self.reason.render("zh"),
                "en": self.reason.render("en"),
            },
            "header": {"zh": self.header.zh, "en": self.header.en},
            "citation": None
            if self.citation is None
            else {"zh": self.citation.render("zh"), "en": self.citation.render("en")},
        }


@attrs.frozen
class CaseNotice:
    """A case the engine did not escalate, and why.

    Attributes:
        case_id: the case.
        state: ``SUSPENDED`` (no escalation while suspended) or ``UNDETERMINED`` (no due
            date to measure against, or one the calendar cannot count to — reported,
            never guessed).
        text: the explanation in zh and en.
    """

    case_id: str
    state: CaseState
    text: Text


@attrs.frozen
class Evaluation:
    """The result of :func:`evaluate`: the actions due now and the cases reported, and
    the version of the calendar they were computed with (``calendar_version``)."""

    at: dt.datetime
    actions: tuple[Action, ...]
    notices: tuple[CaseNotice, ...]
    calendar_version: CalendarVersion | None = None

    @property
    def keys(self) -> tuple[ActionKey, ...]:
        """The keys of the actions, to add to the history once carried out."""
        return tuple(a.key for a in self.actions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "actions": [a.to_dict() for a in self.actions],
            "notices": [
                {"case": n.case_id, "state": n.state.value, "zh": n.text.zh, "en": n.text.en}
                for n in self.notices
            ],
            "calendar_version": None if self.calendar_version is None else self.calendar_version.to_dict(),
        }


# --- role resolution ------------------------------------------------------------------------


_Addresses = tuple[tuple[Recipient, ...], tuple[Recipient, ...], tuple[Role, ...]]


class _Resolver:
    """Resolves policy roles for a case, through the responsibility graph when given."""

    def __init__(self, graph: ResponsibilityGraph | None) -> None:
        self.graph = graph
        self.leaders = frozenset() if graph is None else frozenset(leader.id for leader in graph.leaders)
        self._recipients: dict[tuple[Role, str], Recipient] = {}
        self._addresses: dict[tuple[str, CaseParties], _Addresses] = {}
        self._chains: dict[str, tuple[str, ...]] = {}

    def parties(self, case: Case) -> CaseParties:
        parties = case.parties
        graph = self.graph
        if graph is None or parties.task is None:
            return parties
        try:
            task = graph.task(parties.task)
        except UnknownNodeError:
            return parties
        return CaseParties(
            task=task.id,
            lead_unit=parties.lead_unit or task.lead,
            assisting_units=parties.assisting_units or task.assists,
            slow_units=parties.slow_units,
            officer=parties.officer or task.officer,
        )

    def name(self, node: str) -> Text:
        if self.graph is not None:
            try:
                return self.graph.name_of(node)
            except UnknownNodeError:
                pass
        return Text(node, node)

    def chain(self, unit: str) -> tuple[str, ...]:
        if self.graph is None:
            return ()
        chain = self._chains.get(unit)
        if chain is None:
            try:
                chain = escalation_chain(self.graph, unit)
            except (UnknownNodeError, OrgStructureError):
                chain = ()
            self._chains[unit] = chain
        return chain

    def addresses(self, level: Level, parties: CaseParties) -> _Addresses:
        """Recipients, copies and unresolved roles of ``level`` for ``parties`` (memoized:
        many cases share their parties)."""
        memo_key = (level.id, parties)
        found = self._addresses.get(memo_key)
        if found is None:
            focus = parties.late_units if Role.ASSISTING_UNIT in level.recipients else (parties.lead_unit,)
            units = [u for u in focus if u]
            to, missing_to = self.resolve(level.recipients, parties, units)
            cc, missing_cc = self.resolve(level.copy_to, parties, units)
            addressed = {r.id for r in to}
            found = (
                tuple(to),
                tuple(r for r in cc if r.id not in addressed),
                tuple(dict.fromkeys(missing_to + missing_cc)),
            )
            self._addresses[memo_key] = found
        return found

    def resolve(
        self, roles: Sequence[Role], parties: CaseParties, focus: Sequence[str]
    ) -> tuple[list[Recipient], list[Role]]:
        found: list[Recipient] = []
        missing: list[Role] = []
        seen: set[str] = set()

        def add(role: Role, ids: Iterable[str | None]) -> None:
            got = False
            for node in ids:
                if node:
                    got = True
                    if node not in seen:
                        seen.add(node)
                        recipient = self._recipients.get((role, node))
                        if recipient is None:
                            recipient = self._recipients[role, node] = Recipient(role, node, self.name(node))
                        found.append(recipient)
            if not got:
                missing.append(role)

        for role in roles:
            if role is Role.LEAD_UNIT:
                add(role, [parties.lead_unit])
            elif role is Role.ASSISTING_UNIT:
                add(role, parties.late_units)
            elif role is Role.OFFICER:
                add(role, [parties.officer])
            elif role is Role.SUPERVISING_LEADER:
                add(role, [self._supervisor(unit) for unit in focus])
            elif role is Role.MAYOR:
                add(role, [self._head(unit) for unit in focus])
            elif role is Role.SUPERVISION_OFFICE:
                office = None if self.graph is None else self.graph.supervision_office
                add(role, [None if office is None else office.id])
        return found, missing

    def _supervisor(self, unit: str) -> str | None:
        """The first leader on the unit's escalation chain (its supervising leader)."""
        return next((node for node in self.chain(unit) if node in self.leaders), None)

    def _head(self, unit: str) -> str | None:
        chain = self.chain(unit)
        return chain[-1] if chain else None


# --- evaluation -----------------------------------------------------------------------------


def _first_fire(
    level: Level, view: CaseView, due: dt.date, day: dt.date, offset_now: int, cal: WorkCalendar
) -> dt.date | None:
    """The first day ``level`` fires for a case due ``due``, or ``None`` if it has not
    fired by ``day``. ``offset_now`` is ``cal.working_days_between(due, day)``: negative
    before the due date, positive when late. Dates are only computed for levels that
    fire, so they always lie inside the calendar."""
    trigger = level.trigger
    kind = trigger.kind
    n = trigger.working_days
    if kind is TriggerKind.BEFORE_DUE:
        # Fires once at most n working days remain: (day, due] holds <= n working days.
        return cal.add_working_days(due, -n) if offset_now >= -n else None
    if kind is TriggerKind.AT_DUE:
        return due if day >= due else None
    if kind is TriggerKind.OVERDUE:
        return cal.add_working_days(due, n) if day > due and offset_now >= n else None
    share = trigger.share or 0.0
    if view.share_elapsed is not None:
        return day if view.share_elapsed >= share else None
    if view.start is None:
        return None
    total = cal.working_days_between(view.start, due)
    first = cal.add_working_days(view.start, math.ceil(share * total)) if total > 0 else due
    return first if day >= first else None


def _header(kind: ActionKind, title: Text, due: dt.date, offset: int) -> Text:
    if offset < 0:
        zh_when, en_when = (
            f"距截止还有{-offset}个工作日",
            f"{en_count(-offset, 'working day')} before the deadline",
        )
    elif offset == 0:
        zh_when, en_when = "今日到期", "due today"
    else:
        zh_when, en_when = f"已逾期{offset}个工作日", f"{en_count(offset, 'working day')} overdue"
    return Text(
        f"{kind.label.zh}：关于“{title.zh}”（截止 {due}，{zh_when}）",
        f"{kind.label.en}: “{title.en}” (due {due}, {en_when})",
    )


def _notice(case_id: str, state: CaseState, due: dt.date | None) -> CaseNotice:
    if state is CaseState.SUSPENDED:
        return CaseNotice(
            case_id,
            state,
            Text(f"事项 {case_id} 处于中止状态，暂不督办", f"case {case_id} is suspended: no escalation"),
        )
    return CaseNotice(
        case_id,
        CaseState.UNDETERMINED,
        Text(
            f"事项 {case_id} 的期限尚未确定，未作推算",
            f"case {case_id} has no determined deadline: not guessed",
        ),
    )


def _uncovered(case_id: str, due: dt.date, exc: CalendarCoverageError) -> CaseNotice:
    return CaseNotice(
        case_id,
        CaseState.UNDETERMINED,
        Text(
            f"事项 {case_id} 截止于 {due}，超出工作日历范围，未作推算：{exc.zh or exc.en}",
            f"case {case_id} is due {due}, outside the working-day calendar; not guessed: {exc.en}",
        ),
    )


def _action(
    key: ActionKey,
    level: Level,
    case: Case,
    parties: CaseParties,
    reason: Reason,
    resolver: _Resolver,
    citation: Citation | None,
) -> Action:
    to, cc, unresolved = resolver.addresses(level, parties)
    return Action(
        key=key,
        kind=level.action,
        level=level.title,
        recipients=to,
        copy_to=cc,
        unresolved=unresolved,
        reason=reason,
        title=case.title,
        citation=citation,
    )


def _history_keys(history: Iterable[ActionKey | Action]) -> set[ActionKey]:
    keys: set[ActionKey] = set()
    for item in history:
        if isinstance(item, Action):
            keys.add(item.key)
        elif isinstance(item, ActionKey):
            keys.add(item)
        else:
            raise InvalidTypeError(
                f"history holds Action or ActionKey values, not {type(item).__name__}",
                "history 只能包含 Action 或 ActionKey",
            )
    return keys


def evaluate(
    policy: Policy,
    cases: Iterable[Case],
    at: dt.datetime,
    history: Iterable[ActionKey | Action] = (),
    *,
    graph: ResponsibilityGraph | None = None,
    calendar: WorkCalendar | None = None,
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

    A completed case stops; a suspended case does not escalate; a case with no due date
    is reported in ``notices`` and never guessed.
    """
    if not isinstance(policy, Policy):
        raise InvalidTypeError(
            f"policy must be a Policy, not {type(policy).__name__}", "policy 必须是 Policy"
        )
    at = require_aware(at, "at")
    cal = china_calendar() if calendar is None else calendar
    if not isinstance(cal, WorkCalendar):
        raise InvalidTypeError("calendar must be a WorkCalendar", "calendar 必须是 WorkCalendar")
    if graph is not None and not isinstance(graph, ResponsibilityGraph):
        raise InvalidTypeError("graph must be a ResponsibilityGraph", "graph 必须是 ResponsibilityGraph")
    done = _history_keys(history)
    resolver = _Resolver(graph)
    day = local_date(at, cal.zone)
    actions: list[tuple[str, int, int, Action]] = []
    notices: list[CaseNotice] = []
    seen_ids: set[str] = set()
    with gc_paused():  # see govefficiency._gc: the actions are not garbage
        case_types: set[type] = set()  # the Protocol isinstance check is slow: once per type
        triggers = [Text(lv.trigger.describe("zh"), lv.trigger.describe("en")) for lv in policy.levels]
        for case in cases:
            if type(case) not in case_types:
                if not isinstance(case, Case):
                    raise InvalidTypeError(
                        f"cases must follow the Case protocol, not {type(case).__name__}",
                        "cases 中的每一项必须符合 Case 协议",
                    )
                case_types.add(type(case))
            case_id = case.case_id
            if case_id in seen_ids:
                raise EscalationError(f"case id {case_id!r} appears twice", f"事项 id {case_id!r} 重复")
            seen_ids.add(case_id)
            view = case.view(at)
            if view.state is CaseState.COMPLETED:
                continue
            due = view.due_date
            if view.state is CaseState.SUSPENDED or due is None or view.state is CaseState.UNDETERMINED:
                notices.append(_notice(case_id, view.state, due))
                continue
            try:
                offset_now = cal.working_days_between(due, day)
            except CalendarCoverageError as exc:
                notices.append(_uncovered(case_id, due, exc))
                continue
            parties: CaseParties | None = None
            for index, level in enumerate(policy.levels):
                first = _first_fire(level, view, due, day, offset_now, cal)
                if first is None:
                    continue
                occurrence = (
                    cal.working_days_between(first, day) // level.repeat_every if level.repeat_every else 0
                )
                key = ActionKey(case_id, level.id, due, occurrence)
                if key in done:
                    continue
                if parties is None:
                    parties = resolver.parties(case)
                fired_on = cal.add_working_days(first, occurrence * (level.repeat_every or 0))
                reason = Reason(
                    case_id,
                    due,
                    cal.working_days_between(due, fired_on),
                    level.id,
                    triggers[index],
                    fired_on,
                    occurrence,
                )
                actions.append(
                    (
                        case_id,
                        index,
                        occurrence,
                        _action(key, level, case, parties, reason, resolver, policy.citation),
                    )
                )
    actions.sort(key=lambda item: item[:3])
    notices.sort(key=lambda n: n.case_id)
    return Evaluation(
        at=at, actions=tuple(a for *_, a in actions), notices=tuple(notices), calendar_version=cal.version
    )


# --- history files --------------------------------------------------------------------------


def load_history(path: str | Path) -> tuple[ActionKey, ...]:
    """Read action keys from a JSON history file (missing file: empty history)."""
    p = Path(path)
    if not p.exists():
        return ()
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        return tuple(
            ActionKey(
                str(item["case"]),
                str(item["level"]),
                dt.date.fromisoformat(item["due_date"]),
                int(item.get("occurrence", 0)),
            )
            for item in data
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise EscalationError(
            f"{p}: not a history file (a JSON list of action keys): {exc}",
            f"{p}：不是历史文件（应为动作键的 JSON 列表）：{exc}",
        ) from None


def save_history(path: str | Path, keys: Iterable[ActionKey]) -> None:
    """Write action keys to a JSON history file (sorted, so diffs stay small)."""
    items = sorted(set(keys))
    Path(path).write_text(
        json.dumps([k.to_dict() for k in items], ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
