"""The engine's values: action keys, actions with the anatomy of the seed's letters, the
reasons they fired, acknowledgements, per-case notices and the evaluation result."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any

import attrs

from govefficiency._validators import instance_of, valid_count, valid_date, valid_text
from govefficiency.calendar import CalendarVersion
from govefficiency.citation import Citation
from govefficiency.escalation._cases import CaseState
from govefficiency.escalation._policy import AckKind, ActionKind, Role
from govefficiency.text import Lang, Text, en_count, require_lang

__all__ = [
    "UNDETERMINED_CODES",
    "Acknowledgement",
    "Action",
    "ActionKey",
    "CaseNotice",
    "Evaluation",
    "NoticeCode",
    "Reason",
    "Recipient",
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
        lang = require_lang(lang)
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
        lang = require_lang(lang)
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
    #: A unit the case names is not in the org chart: its roles are unresolved.
    UNKNOWN_UNIT = "UNKNOWN_UNIT"


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
            count the calendar cannot give are left out and reported in ``notices``; a
            count known only as a lower bound is in ``overdue_at_least`` instead).
        calendar_version: the version of the calendar the answer was computed with.
        overdue_at_least: for cases overdue when ``at`` lies past the calendar's last day
            (next year's holiday arrangement not loaded), the working days overdue up to
            that last day: the true count is at least this (the case is reported
            undetermined in ``notices``).
    """

    at: dt.datetime
    actions: tuple[Action, ...]
    notices: tuple[CaseNotice, ...]
    overdue: Mapping[str, int] = attrs.field(factory=dict)
    calendar_version: CalendarVersion | None = None
    overdue_at_least: Mapping[str, int] = attrs.field(factory=dict)

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
            n.code is NoticeCode.UNADDRESSED or n.code is NoticeCode.UNKNOWN_UNIT for n in self.notices
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
            "overdue_at_least": dict(sorted(self.overdue_at_least.items())),
            "undetermined": self.undetermined,
            "unresolved": self.unresolved,
            "missing_years": list(self.missing_years),
            "calendar_version": None if self.calendar_version is None else self.calendar_version.to_dict(),
        }


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
