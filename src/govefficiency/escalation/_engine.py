"""The escalation engine: which actions are due now, exactly once each.

For every case and level, the engine finds the first day the level fires (from the
case's due date and the level's trigger, in working days of the calendar) and, for a
repeating level, which repetition is current. Each firing has a key — case, level, due
date, repetition — and a key already in the history never fires again. Missed
evaluations therefore catch up with one action per level (the current repetition), not
one per missed day, and a new due date (after an extension) starts the levels afresh.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import json
import math
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from govefficiency._gc import gc_paused
from govefficiency._time import local_date, parse_iso_date, require_aware
from govefficiency._validators import (
    check_iterable,
    check_path,
    instance_of,
    valid_count,
    valid_date,
    valid_text,
)
from govefficiency.calendar import CalendarVersion, WorkCalendar, china_calendar
from govefficiency.citation import Citation
from govefficiency.deadlines import statuses_at
from govefficiency.errors import (
    CalendarCoverageError,
    EscalationError,
    GovEfficiencyError,
    InvalidTypeError,
    OrgStructureError,
    UnknownNodeError,
)
from govefficiency.escalation._cases import Case, CaseParties, CaseState, CaseView, ClockCase
from govefficiency.escalation._policy import (
    FALLBACK_ROLES,
    AckEffect,
    AckKind,
    ActionKind,
    Level,
    Policy,
    Role,
    TriggerKind,
)
from govefficiency.responsibility import ResponsibilityGraph, UnitKind, escalation_chain
from govefficiency.text import Lang, Text, check_lang, en_count

__all__ = [
    "Acknowledgement",
    "Action",
    "ActionKey",
    "CaseNotice",
    "Evaluation",
    "NoticeCode",
    "Reason",
    "Recipient",
    "evaluate",
    "load_acknowledgements",
    "load_history",
    "locked_history",
    "save_history",
]


@attrs.frozen(order=True)
class ActionKey:
    """What makes an action unique: the case, the level, the due date it was measured
    against and the repetition (0 for the first firing)."""

    case_id: str = attrs.field(validator=valid_text())
    level_id: str = attrs.field(validator=valid_text())
    due_date: dt.date = attrs.field(validator=valid_date())
    occurrence: int = attrs.field(default=0, validator=valid_count())

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
    name: Text = attrs.field(validator=instance_of(Text))


@attrs.frozen
class Reason:
    """Why an action fired.

    Attributes:
        case_id: the case.
        due_date: the deadline it was measured against.
        offset_working_days: working days from the due date to the day it fired:
            −N on the N-th working day before the due date (whether or not the due date
            is itself a working day), 0 on it, +N on the N-th working day after it.
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
class Acknowledgement:
    """An acknowledgement of an action: signed for (签收) or feedback received (反馈).

    Attributes:
        key: the action acknowledged.
        kind: signed for, or feedback received.
        on: the day it happened.
    """

    key: ActionKey = attrs.field(validator=instance_of(ActionKey))
    kind: AckKind = attrs.field(validator=instance_of(AckKind))
    on: dt.date = attrs.field(validator=valid_date())

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key.to_dict(), "kind": self.kind.value, "on": self.on.isoformat()}


@attrs.frozen
class Action:
    """An action due now, with the anatomy of the seed's letters (seed 003 §1(1)2):
    sent by ``sender`` to ``to`` (送), reported to ``report_to`` (报), copied to
    ``copy_to`` (抄送).

    Attributes:
        key: its idempotency key (store it in the history once carried out).
        kind: reminder, reminder letter, supervision notice, circulation or accountability.
        level: the level's title.
        sender: who sends it, or ``None`` when the supervision system itself does.
        to: to whom (送); never empty — when no addressee resolves, the policy's fallback
            (see ``fallback``).
        report_to: the leaders it is reported to (报); ``()`` when none.
        copy_to: copied to (抄送); ``()`` when none.
        unresolved: roles that could not be resolved (no graph, or a gap in it): the
            caller must address them by hand; ``()`` when all were resolved.
        fallback: ``True`` when ``to`` is the policy's fallback recipient because the
            level's own addressees could not be resolved.
        reason: why it fired.
        title: the case's title.
        citation: the policy's source.
        feedback_due: the day feedback (反馈) is due, when the level asks for it.
        provisional: whether the firing day or the due date lies beyond the published
            holiday arrangement (counted from the statutory rules only).
        accountable: whether the level is declared accountable (a fact for an
            accountability proposal).
        units: the units the action is about (the late assisting units, or the lead
            unit) — the subjects of an accountability proposal; ``()`` when unknown.
    """

    key: ActionKey
    kind: ActionKind
    level: Text
    sender: Recipient | None
    to: tuple[Recipient, ...]
    report_to: tuple[Recipient, ...]
    copy_to: tuple[Recipient, ...]
    unresolved: tuple[Role, ...]
    fallback: bool
    reason: Reason
    title: Text
    citation: Citation | None
    feedback_due: dt.date | None = None
    provisional: bool = False
    accountable: bool = False
    units: tuple[str, ...] = ()

    @property
    def case_id(self) -> str:
        return self.key.case_id

    @property
    def recipients(self) -> tuple[Recipient, ...]:
        """The addressees (送); the same as :attr:`to` (the name used before 0.2)."""
        return self.to

    @property
    def header(self) -> Text:
        """A bilingual line fit for a letter's header."""
        return _header(self.kind, self.title, self.reason.due_date, self.reason.offset_working_days)

    def render(self, lang: Lang = "zh") -> str:
        lang = check_lang(lang)
        sep = "、" if lang == "zh" else ", "

        def names(items: tuple[Recipient, ...]) -> str:
            return sep.join(r.name.get(lang) for r in items)

        lines = [self.header.get(lang)]
        if self.sender is not None:
            lines.append(("发文：" if lang == "zh" else "From: ") + self.sender.name.get(lang))
        to = names(self.to)
        if self.fallback:
            to += "（兜底接收）" if lang == "zh" else " (fallback recipient)"
        lines.append(("送：" if lang == "zh" else "To: ") + to)
        if self.report_to:
            lines.append(("报：" if lang == "zh" else "Reported to: ") + names(self.report_to))
        if self.copy_to:
            lines.append(("抄送：" if lang == "zh" else "Cc: ") + names(self.copy_to))
        if self.feedback_due is not None:
            lines.append(
                f"请于 {self.feedback_due} 前反馈" if lang == "zh" else f"Feedback due by {self.feedback_due}"
            )
        if self.unresolved:
            missing = sep.join(r.label.get(lang) for r in self.unresolved)
            lines.append(("未能确定：" if lang == "zh" else "Unresolved: ") + missing)
        if self.provisional:
            lines.append(
                "（暂定：按法定规则推算）" if lang == "zh" else "(provisional: statutory rules only)"
            )
        lines.append(("依据：" if lang == "zh" else "Why: ") + self.reason.render(lang))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        def people(items: tuple[Recipient, ...]) -> list[dict[str, Any]]:
            return [_person(r) for r in items]

        return {
            "key": self.key.to_dict(),
            "kind": self.kind.value,
            "level": {"zh": self.level.zh, "en": self.level.en},
            "sender": None if self.sender is None else _person(self.sender),
            "to": people(self.to),
            "report_to": people(self.report_to),
            "copy_to": people(self.copy_to),
            "unresolved": [r.value for r in self.unresolved],
            "fallback": self.fallback,
            "feedback_due": None if self.feedback_due is None else self.feedback_due.isoformat(),
            "provisional": self.provisional,
            "accountable": self.accountable,
            "units": list(self.units),
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


def _person(r: Recipient) -> dict[str, Any]:
    return {"role": r.role.value, "id": r.id, "zh": r.name.zh, "en": r.name.en}


class NoticeCode(enum.Enum):
    """Why a case (or one of its levels) was reported instead of escalated."""

    SUSPENDED = "SUSPENDED"
    NOT_STARTED = "NOT_STARTED"
    NO_DUE_DATE = "NO_DUE_DATE"
    OUTSIDE_CALENDAR = "OUTSIDE_CALENDAR"
    MALFORMED = "MALFORMED"
    DUPLICATE_CASE = "DUPLICATE_CASE"
    UNADDRESSED = "UNADDRESSED"
    FEEDBACK_OVERDUE = "FEEDBACK_OVERDUE"


#: Notices that leave part of the answer undecided (the CLI exits 3 when any is reported).
UNDETERMINED_CODES = frozenset(
    {NoticeCode.NO_DUE_DATE, NoticeCode.OUTSIDE_CALENDAR, NoticeCode.MALFORMED, NoticeCode.DUPLICATE_CASE}
)


@attrs.frozen
class CaseNotice:
    """A case the engine did not (fully) escalate, and why — one case's problem never
    stops the batch.

    Attributes:
        case_id: the case.
        state: the case's state (``UNDETERMINED`` when part of the answer is not decided).
        text: the explanation in zh and en.
        code: why (see :class:`NoticeCode`).
        level_id: the level concerned, or ``None`` for the whole case.
        missing_year: for ``OUTSIDE_CALENDAR``, the first year whose holiday arrangement
            is missing; ``None`` otherwise.
    """

    case_id: str
    state: CaseState
    text: Text
    code: NoticeCode = NoticeCode.NO_DUE_DATE
    level_id: str | None = None
    missing_year: int | None = None

    @property
    def undetermined(self) -> bool:
        """Whether this notice leaves part of the answer undecided."""
        return self.code in UNDETERMINED_CODES

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "state": self.state.value,
            "code": self.code.value,
            "level": self.level_id,
            "missing_year": self.missing_year,
            "zh": self.text.zh,
            "en": self.text.en,
        }


@attrs.frozen
class Evaluation:
    """The result of :func:`evaluate`.

    Attributes:
        at: the instant of evaluation.
        actions: the actions due now, in a deterministic order.
        notices: the cases (or levels) reported instead of escalated.
        overdue: working days overdue of every overdue open case, by case id (cases whose
            count the calendar cannot give are left out and reported in ``notices``).
        calendar_version: the version of the calendar the answer was computed with.
    """

    at: dt.datetime
    actions: tuple[Action, ...]
    notices: tuple[CaseNotice, ...]
    overdue: Mapping[str, int] = attrs.field(factory=dict)
    calendar_version: CalendarVersion | None = None

    @property
    def keys(self) -> tuple[ActionKey, ...]:
        """The keys of the actions, to add to the history once carried out."""
        return tuple(a.key for a in self.actions)

    @property
    def undetermined(self) -> bool:
        """Whether some part of the answer could not be decided (see :attr:`notices`)."""
        return any(n.undetermined for n in self.notices)

    @property
    def unresolved(self) -> bool:
        """Whether some action has a role that could not be resolved, or could not be
        addressed at all."""
        return any(a.unresolved for a in self.actions) or any(
            n.code is NoticeCode.UNADDRESSED for n in self.notices
        )

    @property
    def missing_years(self) -> tuple[int, ...]:
        """The years whose holiday arrangement would decide the undetermined part."""
        return tuple(sorted({n.missing_year for n in self.notices if n.missing_year is not None}))

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "actions": [a.to_dict() for a in self.actions],
            "notices": [n.to_dict() for n in self.notices],
            "overdue": dict(sorted(self.overdue.items())),
            "undetermined": self.undetermined,
            "unresolved": self.unresolved,
            "missing_years": list(self.missing_years),
            "calendar_version": None if self.calendar_version is None else self.calendar_version.to_dict(),
        }


# --- role resolution ------------------------------------------------------------------------


@attrs.frozen
class _Address:
    sender: Recipient | None
    to: tuple[Recipient, ...]
    report_to: tuple[Recipient, ...]
    copy_to: tuple[Recipient, ...]
    unresolved: tuple[Role, ...]
    fallback: bool
    units: tuple[str, ...]


class _Resolver:
    """Resolves policy roles for a case, through the responsibility graph when given."""

    def __init__(self, graph: ResponsibilityGraph | None, fallback: Role) -> None:
        self.graph = graph
        self.fallback = fallback
        self.leaders = frozenset() if graph is None else frozenset(leader.id for leader in graph.leaders)
        self.government_offices: tuple[str, ...] = (
            () if graph is None else tuple(u.id for u in graph.units if u.kind is UnitKind.GENERAL_OFFICE)
        )
        self._recipients: dict[tuple[Role, str], Recipient] = {}
        self._addresses: dict[tuple[str, CaseParties], _Address] = {}
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

    def addresses(self, level: Level, parties: CaseParties) -> _Address:
        """Sender, addressees, report and copy lists and unresolved roles of ``level``
        for ``parties`` (memoized: many cases share their parties)."""
        memo_key = (level.id, parties)
        found = self._addresses.get(memo_key)
        if found is None:
            focus = parties.late_units if Role.ASSISTING_UNIT in level.recipients else (parties.lead_unit,)
            units = [u for u in focus if u]
            to, missing = self.resolve(level.recipients, parties, units)
            fallback = False
            if not to:
                for role in (self.fallback, *(r for r in FALLBACK_ROLES if r is not self.fallback)):
                    to, _ = self.resolve((role,), parties, units)
                    if to:
                        fallback = True
                        break
            sender: Recipient | None = None
            if level.sender is not None:
                senders, missing_sender = self.resolve((level.sender,), parties, (parties.lead_unit or "",))
                sender = senders[0] if senders else None
                missing += missing_sender
            report, missing_report = self.resolve(level.report_to, parties, units)
            cc, missing_cc = self.resolve(level.copy_to, parties, units)
            addressed = {r.id for r in to}
            report = [r for r in report if r.id not in addressed]
            addressed.update(r.id for r in report)
            found = _Address(
                sender,
                tuple(to),
                tuple(report),
                tuple(r for r in cc if r.id not in addressed),
                tuple(dict.fromkeys(missing + missing_report + missing_cc)),
                fallback,
                tuple(units),
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
                add(role, [self._supervisor(unit) for unit in focus if unit])
            elif role is Role.MAYOR:
                add(role, [self._head(unit) for unit in focus if unit])
            elif role is Role.SUPERVISION_OFFICE:
                office = None if self.graph is None else self.graph.supervision_office
                add(role, [None if office is None else office.id])
            elif role is Role.GOVERNMENT_OFFICE:
                add(role, self.government_offices[:1])
        return found, missing

    def _supervisor(self, unit: str) -> str | None:
        """The first leader on the unit's escalation chain (its supervising leader)."""
        return next((node for node in self.chain(unit) if node in self.leaders), None)

    def _head(self, unit: str) -> str | None:
        chain = self.chain(unit)
        return chain[-1] if chain else None


# --- evaluation -----------------------------------------------------------------------------

_DAY = dt.timedelta(days=1)


def _offset(cal: WorkCalendar, due: dt.date, day: dt.date) -> int:
    """Working days from ``due`` to ``day``, counted the way triggers are declared: before
    the due date, minus the number of working days from ``day`` (inclusive) up to the due
    date (exclusive) — so the N-th working day before the due date has offset −N whether
    or not the due date is itself a working day; on it, 0; after it, the number of working
    days in ``(due, day]``."""
    if day < due:
        return -cal.working_days_between(day - _DAY, due - _DAY)
    return cal.working_days_between(due, day)


def _on_or_before(cal: WorkCalendar, day: dt.date) -> dt.date:
    return day if cal.is_working_day(day) else cal.add_working_days(day, -1)


def _trigger_day(
    level: Level, view: CaseView, due: dt.date, day: dt.date, cal: WorkCalendar
) -> dt.date | None:
    """The first day ``level`` fires for a case due ``due``, or ``None`` when it never
    fires for this view (share elapsed unknown). May raise CalendarCoverageError.

    * ``before_due N``: the N-th working day before the due date (N = 0: as ``at_due``);
    * ``at_due``: the due date, or the last working day before it when it is a rest day
      (an action is addressed on a working day);
    * ``overdue N``: the N-th working day after the due date;
    * ``share_elapsed``: the working day the share of the period is used.
    """
    trigger = level.trigger
    kind = trigger.kind
    n = trigger.working_days
    if kind is TriggerKind.BEFORE_DUE:
        return cal.add_working_days(due, -n) if n else _on_or_before(cal, due)
    if kind is TriggerKind.AT_DUE:
        return _on_or_before(cal, due)
    if kind is TriggerKind.OVERDUE:
        return cal.add_working_days(due, n)
    share = trigger.share or 0.0
    if view.share_elapsed is not None:
        return day if view.share_elapsed >= share else None
    if view.start is None:
        return None
    total = cal.working_days_between(view.start, due)
    return cal.add_working_days(view.start, math.ceil(share * total)) if total > 0 else due


def _not_yet(level: Level, due: dt.date, day: dt.date, cal: WorkCalendar) -> bool:
    """Whether ``level`` has surely not fired by ``day`` although its trigger day cannot
    be computed (it lies beyond the calendar): an overdue level before the due date has
    passed, or enough working days are known to lie between ``day`` and the due date."""
    kind = level.trigger.kind
    if kind is TriggerKind.OVERDUE:
        return day <= due
    if kind is TriggerKind.SHARE_ELAPSED or not cal.first <= day <= cal.last < due:
        return False
    need = max(level.trigger.working_days, 1)
    return cal.working_days_between(day, cal.last) >= need


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


def _state_notice(case_id: str, state: CaseState) -> CaseNotice:
    if state is CaseState.SUSPENDED:
        return CaseNotice(
            case_id,
            state,
            Text(f"事项 {case_id} 处于中止状态，暂不督办", f"case {case_id} is suspended: no escalation"),
            NoticeCode.SUSPENDED,
        )
    if state is CaseState.NOT_STARTED:
        return CaseNotice(
            case_id,
            state,
            Text(
                f"事项 {case_id} 的计时尚未开始，暂不督办",
                f"case {case_id}: its clock has not started yet; no escalation",
            ),
            NoticeCode.NOT_STARTED,
        )
    return CaseNotice(
        case_id,
        CaseState.UNDETERMINED,
        Text(
            f"事项 {case_id} 的期限尚未确定，未作推算",
            f"case {case_id} has no determined deadline: not guessed",
        ),
        NoticeCode.NO_DUE_DATE,
    )


def _uncovered(
    case_id: str, due: dt.date, cal: WorkCalendar, levels: Sequence[str], partial: bool
) -> CaseNotice:
    year = (cal.last + _DAY).year
    which = ", ".join(levels)
    if partial:
        zh = (
            f"事项 {case_id}（截止 {due}）：级别 {which} 在 {cal.last} 之后是否（再次）触发无法判断——"
            f"{year} 年放假安排未载入；请以补丁加入国务院办公厅通知（--patch FILE）"
        )
        en = (
            f"case {case_id} (due {due}): whether level(s) {which} fire (again) after {cal.last} cannot be "
            f"decided — the {year} holiday arrangement is not loaded; add the State Council notice as a "
            f"patch (--patch FILE)"
        )
    else:
        zh = (
            f"事项 {case_id}（截止 {due}）：级别 {which} 的触发日超出工作日历范围（至 {cal.last}），未作推算；"
            f"请以补丁加入 {year} 年国务院办公厅放假通知（--patch FILE）"
        )
        en = (
            f"case {case_id} (due {due}): the trigger day of level(s) {which} lies beyond the working-day "
            f"calendar (through {cal.last}); not guessed — add the State Council's {year} holiday notice as "
            f"a patch (--patch FILE)"
        )
    return CaseNotice(case_id, CaseState.UNDETERMINED, Text(zh, en), NoticeCode.OUTSIDE_CALENDAR, None, year)


def _malformed(case_id: str, exc: Exception) -> CaseNotice:
    zh = exc.zh if isinstance(exc, GovEfficiencyError) and exc.zh else str(exc)
    en = exc.en if isinstance(exc, GovEfficiencyError) else str(exc)
    return CaseNotice(
        case_id,
        CaseState.UNDETERMINED,
        Text(f"事项 {case_id} 数据有误，未督办：{zh}", f"case {case_id} is malformed, not escalated: {en}"),
        NoticeCode.MALFORMED,
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


_AckIndex = dict[tuple[str, str, dt.date], list[Acknowledgement]]


def _ack_index(acknowledgements: Iterable[Acknowledgement]) -> _AckIndex:
    index: _AckIndex = {}
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


def _views(cases: Sequence[Case], at: dt.datetime) -> list[CaseView | Exception]:
    """Every case's view; live clocks through the bulk status path."""
    views: list[CaseView | Exception] = [CaseView(CaseState.UNDETERMINED, None)] * len(cases)
    clocks: list[int] = []
    for i, case in enumerate(cases):
        if type(case) is ClockCase and at >= case.clock.events[0].at:
            clocks.append(i)
            continue
        try:
            views[i] = case.view(at)
        except GovEfficiencyError as exc:
            views[i] = exc
    if clocks:
        try:
            statuses = statuses_at([cases[i].clock for i in clocks], at)  # type: ignore[attr-defined]
            for i, status in zip(clocks, statuses, strict=True):
                views[i] = cases[i].view_of(status)  # type: ignore[attr-defined]
        except GovEfficiencyError:
            for i in clocks:
                try:
                    views[i] = cases[i].view(at)
                except GovEfficiencyError as exc:
                    views[i] = exc
    return views


def evaluate(
    policy: Policy,
    cases: Iterable[Case],
    at: dt.datetime,
    history: Iterable[ActionKey | Action] = (),
    *,
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
    cal = china_calendar() if calendar is None else calendar
    if not isinstance(cal, WorkCalendar):
        raise InvalidTypeError("calendar must be a WorkCalendar", "calendar 必须是 WorkCalendar")
    if graph is not None and not isinstance(graph, ResponsibilityGraph):
        raise InvalidTypeError("graph must be a ResponsibilityGraph", "graph 必须是 ResponsibilityGraph")
    if isinstance(cases, str) or not isinstance(cases, Iterable):
        raise InvalidTypeError(
            f"cases must be a list of cases, not {type(cases).__name__}", "cases 必须是事项的列表"
        )
    done = _history_keys(history)
    acks = _ack_index(acknowledgements)
    resolver = _Resolver(graph, policy.fallback)
    day = local_date(at, cal.zone)
    actions: list[tuple[str, int, int, Action]] = []
    notices: list[CaseNotice] = []
    overdue: dict[str, int] = {}
    seen_ids: set[str] = set()
    case_types: set[type] = set()  # the Protocol isinstance check is slow: once per type
    triggers = [Text(lv.trigger.describe("zh"), lv.trigger.describe("en")) for lv in policy.levels]
    official = cal.official_through
    # Per level, once: (index, level, trigger kind, N, whether a fired level's key is known
    # before any date is computed — a one-off level without a feedback clock).
    specs = [
        (
            i,
            lv,
            lv.trigger.kind,
            lv.trigger.working_days,
            lv.repeat_every is None and (lv.ack is None or lv.ack.feedback_within is None),
        )
        for i, lv in enumerate(policy.levels)
    ]
    with gc_paused():  # see govefficiency._gc: the actions are not garbage
        case_list = list(cases)
        for case in case_list:
            if type(case) not in case_types:
                if not isinstance(case, Case):
                    raise InvalidTypeError(
                        f"cases must follow the Case protocol, not {type(case).__name__}",
                        "cases 中的每一项必须符合 Case 协议",
                    )
                case_types.add(type(case))
        views = _views(case_list, at)
        for case, view in zip(case_list, views, strict=True):
            case_id = case.case_id
            if case_id in seen_ids:
                notices.append(
                    CaseNotice(
                        case_id,
                        CaseState.UNDETERMINED,
                        Text(
                            f"事项 id {case_id} 重复，后一项未督办",
                            f"case id {case_id} appears twice: the later one is not escalated",
                        ),
                        NoticeCode.DUPLICATE_CASE,
                    )
                )
                continue
            seen_ids.add(case_id)
            if isinstance(view, Exception):
                notices.append(_malformed(case_id, view))
                continue
            state = view.state
            if type(state) is not CaseState:  # a source's own state enum (structural protocol)
                try:
                    state = CaseState(getattr(state, "value", state))
                except ValueError:
                    notices.append(
                        _malformed(
                            case_id,
                            InvalidTypeError(f"unknown case state {state!r}", f"未知的事项状态 {state!r}"),
                        )
                    )
                    continue
            if state is CaseState.COMPLETED:
                continue
            due = view.due_date
            if state not in (CaseState.OPEN, CaseState.OVERDUE) or due is None:
                notices.append(_state_notice(case_id, state))
                continue
            try:
                _case_actions(
                    case,
                    view,
                    due,
                    day,
                    cal,
                    official,
                    policy,
                    triggers,
                    specs,
                    done,
                    acks,
                    resolver,
                    actions,
                    notices,
                    overdue,
                )
            except GovEfficiencyError as exc:
                notices.append(_malformed(case_id, exc))
        actions.sort(key=lambda item: item[:3])
        notices.sort(key=lambda n: (n.case_id, n.code.value, n.level_id or ""))
        return Evaluation(
            at=at,
            actions=tuple(a for *_, a in actions),
            notices=tuple(notices),
            overdue=overdue,
            calendar_version=cal.version,
        )


def _case_actions(
    case: Case,
    view: CaseView,
    due: dt.date,
    day: dt.date,
    cal: WorkCalendar,
    official: dt.date,
    policy: Policy,
    triggers: Sequence[Text],
    specs: Sequence[tuple[int, Level, TriggerKind, int, bool]],
    done: set[ActionKey],
    acks: _AckIndex,
    resolver: _Resolver,
    actions: list[tuple[str, int, int, Action]],
    notices: list[CaseNotice],
    overdue: dict[str, int],
) -> None:
    case_id = case.case_id
    state = CaseState.OVERDUE if day > due else CaseState.OPEN
    parties: CaseParties | None = None
    undetermined: list[str] = []
    partial: list[str] = []
    last = cal.last
    horizon = day if day <= last else last
    # One O(1) count per case decides which levels have fired (dates are computed only for
    # levels that fire): w = working days in (day, due], or minus those in (due, day].
    try:
        w: int | None = cal.working_days_between(day, due)
    except CalendarCoverageError:
        w = None
    if day > due:
        overdue_by = getattr(view, "overdue_by", None)  # a source's view may not count it
        if overdue_by is not None:
            overdue[case_id] = overdue_by
        elif w is not None:
            overdue[case_id] = -w
        elif due <= cal.last:
            overdue[case_id] = cal.working_days_between(due, horizon)
    key: ActionKey | None
    for index, level, kind, n, once in specs:
        key = None
        if w is not None and kind is not TriggerKind.SHARE_ELAPSED:
            if kind is TriggerKind.OVERDUE:
                if day <= due or -w < n:
                    continue
            elif day < due:
                if kind is TriggerKind.BEFORE_DUE and n:
                    # the N-th working day before the due date is on or before ``day`` iff
                    # fewer than N working days lie strictly between ``day`` and the due date
                    if w - cal.is_working_day(due) >= n:
                        continue
                elif w:
                    continue  # at_due: a working day is left in (day, due]
            if once:
                key = ActionKey(case_id, level.id, due, 0)
                if key in done:
                    continue  # the steady state of a daily job: nothing more to compute
        try:
            first = _trigger_day(level, view, due, day, cal)
        except CalendarCoverageError:
            if not _not_yet(level, due, day, cal):
                undetermined.append(level.id)
            continue
        if first is None or first > day:
            continue
        occurrence = 0
        fired_on = first
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
                        continue
                    base, base_occ, restarted = got[-1].on, got[-1].key.occurrence, True
            if day > cal.last:
                partial.append(level.id)
            steps = cal.working_days_between(base, horizon) // repeat if base <= horizon else 0
            if restarted and steps == 0:
                continue  # restarted: the next repetition is not due yet
            occurrence = base_occ + steps
        if key is None:
            key = ActionKey(case_id, level.id, due, occurrence)
        if key in done and (rule is None or rule.feedback_within is None):
            continue  # the steady state of a daily job: nothing more to compute
        if repeat:
            steps = occurrence - base_occ
            fired_on = cal.add_working_days(base, steps * repeat) if steps else base
        feedback_due = None
        if rule is not None and rule.feedback_within is not None:
            try:
                feedback_due = cal.add_working_days(fired_on, rule.feedback_within)
            except CalendarCoverageError:
                feedback_due = None
        if key in done:
            if (
                feedback_due is not None
                and feedback_due < day
                and not any(
                    a.kind is AckKind.FEEDBACK and a.key == key
                    for a in acks.get((case_id, level.id, due), ())
                )
            ):
                notices.append(
                    CaseNotice(
                        case_id,
                        state,
                        Text(
                            f"事项 {case_id}：{level.title.zh}（{fired_on}）要求于 {feedback_due} 前反馈，尚未收到",
                            f"case {case_id}: feedback on {level.title.en} ({fired_on}) was due by "
                            f"{feedback_due} and has not been received",
                        ),
                        NoticeCode.FEEDBACK_OVERDUE,
                        level.id,
                    )
                )
            continue
        if parties is None:
            parties = resolver.parties(case)
        address = resolver.addresses(level, parties)
        if not address.to:
            roles = ", ".join(r.value for r in (*level.recipients, *FALLBACK_ROLES))
            notices.append(
                CaseNotice(
                    case_id,
                    state,
                    Text(
                        f"事项 {case_id}：{level.title.zh} 无法确定任何接收方（{roles}），未发出；请补充组织架构",
                        f"case {case_id}: {level.title.en} has no resolvable recipient ({roles}); not sent — "
                        "complete the org chart",
                    ),
                    NoticeCode.UNADDRESSED,
                    level.id,
                )
            )
            continue
        reason = Reason(
            case_id, due, _offset(cal, due, fired_on), level.id, triggers[index], fired_on, occurrence
        )
        action = Action(
            key=key,
            kind=level.action,
            level=level.title,
            sender=address.sender,
            to=address.to,
            report_to=address.report_to,
            copy_to=address.copy_to,
            unresolved=address.unresolved,
            fallback=address.fallback,
            reason=reason,
            title=case.title,
            citation=policy.citation,
            feedback_due=feedback_due,
            # The repetition count depends on provisional days only when the calendar
            # answers beyond its published data (a provisional calendar).
            provisional=fired_on > official
            or due > official
            or (bool(repeat) and official < day <= cal.last),
            accountable=level.accountable,
            units=address.units,
        )
        actions.append((case_id, index, occurrence, action))
    if undetermined:
        notices.append(_uncovered(case_id, due, cal, undetermined, partial=False))
    if partial:
        notices.append(_uncovered(case_id, due, cal, partial, partial=True))


# --- history files --------------------------------------------------------------------------

_HISTORY_KEYS = frozenset({"case", "level", "due_date", "occurrence", "signed_on", "feedback_on"})


def _history_error(p: Path, where: str, en: str, zh: str) -> EscalationError:
    return EscalationError(
        f"{p}: {where}: {en} (a history file is a JSON list of action keys, see docs/escalation.md)",
        f"{p}：{where}：{zh}（历史文件应为动作键的 JSON 列表，见 docs/escalation.md）",
    )


def _history_day(p: Path, item: Mapping[str, Any], where: str, name: str) -> dt.date | None:
    value = item.get(name)
    if value is None and name != "due_date":
        return None
    if type(value) is not str:
        raise _history_error(
            p,
            f"{where}.{name}",
            f"must be a date string YYYY-MM-DD, not {value!r}",
            f"必须是日期字符串 YYYY-MM-DD，而不是 {value!r}",
        )
    try:
        return parse_iso_date(value, name)
    except GovEfficiencyError as exc:
        raise _history_error(p, f"{where}.{name}", exc.en, exc.zh or exc.en) from None


def _read_history(path: str | Path) -> tuple[list[ActionKey], list[Acknowledgement]]:
    p = check_path(path, "history path", error=EscalationError)
    try:
        if not p.exists():
            return [], []
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _history_error(p, "cannot be read", str(exc), f"无法读取：{exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise _history_error(p, "not JSON", str(exc), f"不是 JSON：{exc}") from None
    if not isinstance(data, list):
        raise _history_error(p, "top level", "must be a list", "顶层必须是列表")
    keys: list[ActionKey] = []
    acks: list[Acknowledgement] = []
    for i, item in enumerate(data):
        where = f"[{i}]"
        if not isinstance(item, dict):
            raise _history_error(p, where, "must be an object", "必须是对象")
        stray = sorted(set(item) - _HISTORY_KEYS)
        if stray:
            raise _history_error(p, where, f"unknown keys {stray}", f"未知的键 {stray}")
        for name in ("case", "level"):
            value = item.get(name)
            if type(value) is not str or not value:
                raise _history_error(
                    p,
                    f"{where}.{name}",
                    f"must be a non-empty string, not {value!r}",
                    f"必须是非空字符串，而不是 {value!r}",
                )
        occurrence = item.get("occurrence", 0)
        if type(occurrence) is not int or occurrence < 0:
            raise _history_error(
                p,
                f"{where}.occurrence",
                f"must be a whole number >= 0, not {occurrence!r}",
                f"必须是非负整数，而不是 {occurrence!r}",
            )

        due = _history_day(p, item, where, "due_date")
        assert due is not None  # for mypy: due_date is required above
        key = ActionKey(item["case"], item["level"], due, occurrence)
        keys.append(key)
        for name, kind in (("signed_on", AckKind.SIGNED), ("feedback_on", AckKind.FEEDBACK)):
            on = _history_day(p, item, where, name)
            if on is not None:
                acks.append(Acknowledgement(key, kind, on))
    return keys, acks


def load_history(path: str | Path) -> tuple[ActionKey, ...]:
    """Read action keys from a JSON history file (missing file: empty history).

    Types are strict: an occurrence of ``0.9`` or ``"1"`` is an error, not a guess."""
    return tuple(_read_history(path)[0])


def load_acknowledgements(path: str | Path) -> tuple[Acknowledgement, ...]:
    """Read the acknowledgements recorded in a history file: an entry's ``signed_on``
    (签收) and ``feedback_on`` (反馈) dates."""
    return tuple(_read_history(path)[1])


def save_history(
    path: str | Path, keys: Iterable[ActionKey], *, acknowledgements: Iterable[Acknowledgement] = ()
) -> None:
    """Write action keys (and their acknowledgements) to a JSON history file, sorted so
    diffs stay small. The file is replaced atomically (written to a temporary file in
    the same directory, then renamed): a crash never leaves half a history."""
    if isinstance(keys, Evaluation | Action | ActionKey | str):
        raise InvalidTypeError(
            f"save_history takes a list of ActionKey values (e.g. evaluation.keys), not {type(keys).__name__}",
            "save_history 需要 ActionKey 的列表（如 evaluation.keys）",
        )
    items: set[ActionKey] = set()
    for key in check_iterable(keys, "keys"):
        if type(key) is not ActionKey:
            raise InvalidTypeError(
                f"save_history takes ActionKey values (use evaluation.keys or action.key), not "
                f"{type(key).__name__}",
                f"save_history 需要 ActionKey（请用 evaluation.keys 或 action.key），而不是 {type(key).__name__}",
            )
        items.add(key)
    marks: dict[ActionKey, dict[str, str]] = {}
    for ack in check_iterable(acknowledgements, "acknowledgements"):
        if not isinstance(ack, Acknowledgement):
            raise InvalidTypeError(
                f"acknowledgements are Acknowledgement values, not {type(ack).__name__}",
                "acknowledgements 只能包含 Acknowledgement",
            )
        items.add(ack.key)
        name = "signed_on" if ack.kind is AckKind.SIGNED else "feedback_on"
        marks.setdefault(ack.key, {})[name] = ack.on.isoformat()
    rows = [{**k.to_dict(), **marks.get(k, {})} for k in sorted(items)]
    text = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    target = check_path(path, "history path", error=EscalationError)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise _history_error(target, "cannot be written", str(exc), f"无法写入：{exc}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _history_error(target, "cannot be written", str(exc), f"无法写入：{exc}") from None
        raise


@contextlib.contextmanager
def locked_history(path: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on a history file (``<file>.lock``) for a whole run —
    load, evaluate, save — so two concurrent runs cannot both fire the same actions.

    Raises:
        EscalationError: another run holds the lock.
    """
    lock_path = Path(str(path) + ".lock")
    handle = open(lock_path, "a")  # noqa: SIM115 - held for the duration of the block
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX: no advisory locks
            fcntl = None  # type: ignore[assignment]
        if fcntl is not None:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise EscalationError(
                    f"{path} is locked by another escalation run ({lock_path}); try again when it ends",
                    f"{path} 正被另一次督办运行锁定（{lock_path}），请待其结束后重试",
                ) from None
        yield
    finally:
        handle.close()
