"""Efficiency complaints (效能投诉): receipt, acceptance decision, handling, reply.

The seeds ask for a complaint procedure and a timely reply to the complainant (seed 001
part 2(5)) but give no numbers, so every limit comes from the locality's rule file; a step
whose limit the file does not set is reported as undetermined, never invented.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from govefficiency._records import calendar_or_default, checked, unique
from govefficiency._time import end_of_day, local_date, require_aware
from govefficiency._validators import instance_of, valid_id
from govefficiency.calendar import WorkCalendar
from govefficiency.citation import Citation
from govefficiency.deadlines import CalendarDays, WorkingDays, compute_deadline
from govefficiency.errors import CalendarCoverageError, InvalidInputError, InvalidTypeError
from govefficiency.findings import Finding, sort_findings
from govefficiency.services import _codes as codes
from govefficiency.text import LabelledEnum, Text

__all__ = [
    "Complaint",
    "ComplaintReport",
    "ComplaintRules",
    "ComplaintStats",
    "ComplaintStep",
    "StepLimit",
    "StepState",
    "StepStatus",
    "check_complaints",
    "complaint_report",
    "period_of",
]


class ComplaintStep(LabelledEnum):
    """The steps of a complaint, each with its own limit."""

    ACCEPT_DECISION = ("accept_decision", "受理决定", "acceptance decision")
    HANDLING = ("handling", "办理", "handling")
    REPLY = ("reply", "答复投诉人", "reply to the complainant")


class StepState(LabelledEnum):
    """A step's state at an instant."""

    DONE_ON_TIME = ("done_on_time", "按时完成", "done on time")
    DONE_LATE = ("done_late", "逾期完成", "done late")
    OPEN = ("open", "进行中", "open")
    OVERDUE = ("overdue", "已逾期", "overdue")
    NOT_APPLICABLE = ("not_applicable", "不适用", "not applicable")
    UNDETERMINED = ("undetermined", "无法确定", "undetermined")


def _limit_period(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, WorkingDays | CalendarDays):
        raise InvalidTypeError(
            "a step limit is WorkingDays(n) or CalendarDays(n)",
            "步骤时限必须是 WorkingDays(n) 或 CalendarDays(n)",
        )


_FROM = ("received", "accepted")


@attrs.frozen
class StepLimit:
    """One step's limit in the locality's rule file.

    Attributes:
        period: how long (working or calendar days).
        counts_from: ``"received"`` (the day the complaint was received) or
            ``"accepted"`` (the day of the acceptance decision); the start day is not counted.
    """

    period: WorkingDays | CalendarDays = attrs.field(validator=_limit_period)
    counts_from: str = "received"

    def __attrs_post_init__(self) -> None:
        if self.counts_from not in _FROM:
            raise InvalidInputError(
                f"a step counts from 'received' or 'accepted', not {self.counts_from!r}",
                f"步骤时限自 'received' 或 'accepted' 起算，而不是 {self.counts_from!r}",
            )


def _limits(value: Mapping[ComplaintStep, StepLimit]) -> dict[ComplaintStep, StepLimit]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("ComplaintRules.limits must be a mapping", "ComplaintRules.limits 必须是映射")
    return dict(value)


@attrs.frozen
class ComplaintRules:
    """The locality's complaint rules (e.g. a county's 效能投诉办理办法).

    Attributes:
        source: the local instrument that sets the limits (cited by every finding).
        limits: the limit of each step the instrument sets; a step it does not set is
            undetermined.
    """

    source: Citation = attrs.field(validator=instance_of(Citation))
    limits: dict[ComplaintStep, StepLimit] = attrs.field(factory=dict, converter=_limits)

    def __attrs_post_init__(self) -> None:
        for k, v in self.limits.items():
            if not isinstance(k, ComplaintStep) or not isinstance(v, StepLimit):
                raise InvalidTypeError(
                    "ComplaintRules.limits maps ComplaintStep to StepLimit",
                    "ComplaintRules.limits 须为 ComplaintStep 到 StepLimit 的映射",
                )
        if (
            ComplaintStep.ACCEPT_DECISION in self.limits
            and self.limits[ComplaintStep.ACCEPT_DECISION].counts_from != "received"
        ):
            raise InvalidInputError(
                "the acceptance decision's limit counts from receipt", "受理决定时限须自收到投诉之日起算"
            )


def _opt_aware(value: object) -> dt.datetime | None:
    return None if value is None else require_aware(value, "a complaint event time")


def _aware(value: object) -> dt.datetime:
    return require_aware(value, "Complaint.received")


@attrs.frozen
class Complaint:
    """An efficiency complaint (效能投诉).

    Attributes:
        id: its id.
        unit: the unit complained about.
        received: when it was received.
        decided: when it was decided whether to accept it, or ``None``.
        accepted: the decision (``True`` accepted, ``False`` not accepted); ``None`` while
            undecided.
        handled: when handling ended, or ``None``.
        replied: when the complainant was told the result, or ``None``.
    """

    id: str = attrs.field(validator=valid_id())
    unit: str = attrs.field(validator=valid_id())
    received: dt.datetime = attrs.field(converter=_aware)
    decided: dt.datetime | None = attrs.field(default=None, converter=_opt_aware)
    accepted: bool | None = None
    handled: dt.datetime | None = attrs.field(default=None, converter=_opt_aware)
    replied: dt.datetime | None = attrs.field(default=None, converter=_opt_aware)

    def __attrs_post_init__(self) -> None:
        if (self.decided is None) != (self.accepted is None):
            raise InvalidInputError(
                f"complaint {self.id}: give both the acceptance decision's time and whether it was accepted",
                f"投诉 {self.id}：受理决定须同时写明时间和是否受理",
            )
        if self.accepted is not None and type(self.accepted) is not bool:
            raise InvalidTypeError(
                f"complaint {self.id}: accepted must be true or false",
                f"投诉 {self.id}：accepted 必须是 true 或 false",
            )
        prev = self.received
        for name, zh, t in (
            ("decided", "受理决定", self.decided),
            ("handled", "办理", self.handled),
            ("replied", "答复", self.replied),
        ):
            if t is None:
                continue
            if t < self.received:
                raise InvalidInputError(
                    f"complaint {self.id}: {name} ({t.isoformat()}) is before receipt ({self.received.isoformat()})",
                    f"投诉 {self.id}：{zh}时间（{t.isoformat()}）早于收到时间（{self.received.isoformat()}）",
                )
            prev = max(prev, t)
        if self.accepted is False and (self.handled is not None):
            raise InvalidInputError(
                f"complaint {self.id}: it was not accepted, yet handling is recorded",
                f"投诉 {self.id}：未受理却记录了办理",
            )
        if (self.handled is not None or self.replied is not None) and self.decided is None:
            raise InvalidInputError(
                f"complaint {self.id}: handling or a reply is recorded without an acceptance decision",
                f"投诉 {self.id}：无受理决定却记录了办理或答复",
            )


@attrs.frozen
class StepStatus:
    """One step of one complaint at an instant.

    Attributes:
        complaint: the complaint's id.
        step: the step.
        state: done on time/late, open, overdue, not applicable or undetermined.
        due: the step's last day, or ``None``.
        reason: why it is undetermined or not applicable, or ``None``.
    """

    complaint: str
    step: ComplaintStep
    state: StepState
    due: dt.date | None
    reason: Text | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "complaint": self.complaint,
            "step": self.step.value,
            "state": self.state.value,
            "due": None if self.due is None else self.due.isoformat(),
            "reason": None if self.reason is None else {"zh": self.reason.zh, "en": self.reason.en},
        }


@attrs.frozen
class ComplaintStats:
    """Complaints of one unit in one period (by the month, quarter or year of receipt).

    Attributes:
        unit: the unit complained about.
        period: e.g. ``"2026-10"``, ``"2026Q4"`` or ``"2026"``.
        received: complaints received.
        accepted: complaints accepted.
        replied: accepted complaints whose complainant has been replied to.
        replied_on_time: of those, replied within the limit.
        overdue: steps overdue and still open at the instant.
    """

    unit: str
    period: str
    received: int
    accepted: int
    replied: int
    replied_on_time: int
    overdue: int

    @property
    def reply_rate(self) -> float | None:
        """``replied / accepted``; ``None`` when nothing was accepted (no rate, not zero)."""
        return None if self.accepted == 0 else self.replied / self.accepted

    def to_dict(self) -> dict[str, Any]:
        return {**attrs.asdict(self), "reply_rate": self.reply_rate}


@attrs.frozen
class ComplaintReport:
    """Complaints at one instant: each step's status, the findings and the statistics.

    Attributes:
        at: the instant.
        steps: every step of every complaint.
        findings: late acceptance decisions, handling and replies, and undetermined limits.
        stats: per unit and period.
    """

    at: dt.datetime
    steps: tuple[StepStatus, ...]
    findings: tuple[Finding, ...]
    stats: tuple[ComplaintStats, ...]

    @property
    def undetermined(self) -> tuple[StepStatus, ...]:
        return tuple(s for s in self.steps if s.state is StepState.UNDETERMINED)

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            "steps": [s.to_dict() for s in self.steps],
            "findings": [f.to_dict() for f in self.findings],
            "stats": [s.to_dict() for s in self.stats],
        }


_PERIODS = ("month", "quarter", "year")


def period_of(day: dt.date, period: str = "month") -> str:
    """The period label of ``day``: ``"2026-10"`` (month), ``"2026Q4"`` (quarter) or ``"2026"``."""
    if type(day) is not dt.date:
        raise InvalidTypeError(
            f"day must be a datetime.date, not {type(day).__name__}", "day 必须是 datetime.date"
        )
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    if period == "quarter":
        return f"{day.year}Q{(day.month - 1) // 3 + 1}"
    if period == "year":
        return str(day.year)
    raise InvalidInputError(
        f"period must be one of {', '.join(_PERIODS)}, not {period!r}",
        f"period 必须是 {', '.join(_PERIODS)} 之一，而不是 {period!r}",
    )


_STEP_CODES = {
    ComplaintStep.ACCEPT_DECISION: codes.COMPLAINT_ACCEPTANCE_LATE,
    ComplaintStep.HANDLING: codes.COMPLAINT_HANDLING_LATE,
    ComplaintStep.REPLY: codes.COMPLAINT_REPLY_LATE,
}


def check_complaints(
    complaints: Iterable[Complaint], rules: ComplaintRules, at: dt.datetime, **options: Any
) -> ComplaintReport:
    """Deprecated name of :func:`complaint_report` (a ``check…`` function returns findings;
    this one returns a report); it will be removed in a later release."""
    warnings.warn(
        "govefficiency.services.check_complaints(complaints, rules, at) is deprecated: "
        "use complaint_report(complaints, rules, at=at)",
        DeprecationWarning,
        stacklevel=2,
    )
    return complaint_report(complaints, rules, at=at, **options)


def complaint_report(
    complaints: Iterable[Complaint],
    rules: ComplaintRules,
    *,
    at: dt.datetime,
    period: str = "month",
    calendar: WorkCalendar | None = None,
) -> ComplaintReport:
    """Each complaint's steps at ``at``, the findings (late acceptance decision, handling or
    reply; undetermined limits) and the statistics per unit and ``period``."""
    if not isinstance(rules, ComplaintRules):
        raise InvalidTypeError(f"expected ComplaintRules, not {type(rules).__name__}", "需要 ComplaintRules")
    at = require_aware(at, "at")
    period_of(dt.date(2000, 1, 1), period)
    cal = calendar_or_default(calendar)
    if isinstance(complaints, str | bytes) or not isinstance(complaints, Iterable):
        raise InvalidTypeError(
            "complaints must be a sequence of Complaint", "complaints 必须是 Complaint 的序列"
        )
    items = unique(
        checked(complaints, Complaint, "expected Complaint values, not {kind}", "需要 Complaint"),
        lambda ident: InvalidInputError(f"complaint id {ident!r} is used twice", f"投诉 id {ident!r} 重复"),
        key=lambda c: c.id,
    )
    steps: list[StepStatus] = []
    findings: list[Finding] = []
    buckets: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for c in items:
        if c.received > at:
            continue
        bucket = buckets[(c.unit, period_of(local_date(c.received, cal.zone), period))]
        bucket[0] += 1
        decided = c.decided if c.decided is not None and c.decided <= at else None
        accepted = c.accepted if decided is not None else None
        if accepted:
            bucket[1] += 1
        for step in ComplaintStep:
            done = {
                ComplaintStep.ACCEPT_DECISION: decided,
                ComplaintStep.HANDLING: c.handled,
                ComplaintStep.REPLY: c.replied,
            }[step]
            if done is not None and done > at:
                done = None
            status = _step(c, step, done, decided, accepted, rules, at, cal)
            steps.append(status)
            if status.state in (StepState.DONE_LATE, StepState.OVERDUE):
                assert status.due is not None
                when_zh = f"于 {local_date(done, cal.zone)} 完成" if done is not None else "至今未完成"
                when_en = f"done on {local_date(done, cal.zone)}" if done is not None else "still not done"
                f = _STEP_CODES[step](
                    c.id, c.unit, complaint=c.id, due=status.due.isoformat(), when=when_zh, when_en=when_en
                )
                findings.append(attrs.evolve(f, citation=rules.source))
                if status.state is StepState.OVERDUE:
                    bucket[4] += 1
            elif status.state is StepState.UNDETERMINED:
                assert status.reason is not None
                findings.append(
                    codes.COMPLAINT_LIMIT_UNDETERMINED(
                        c.id,
                        complaint=c.id,
                        step=step.label.zh,
                        step_en=step.label.en,
                        why=status.reason.zh,
                        why_en=status.reason.en,
                    )
                )
            if step is ComplaintStep.REPLY and accepted and done is not None:
                bucket[2] += 1
                if status.state is StepState.DONE_ON_TIME:
                    bucket[3] += 1
    stats = tuple(ComplaintStats(u, p, *v) for (u, p), v in sorted(buckets.items()))
    return ComplaintReport(at, tuple(steps), tuple(sort_findings(findings)), stats)


def _step(
    c: Complaint,
    step: ComplaintStep,
    done: dt.datetime | None,
    decided: dt.datetime | None,
    accepted: bool | None,
    rules: ComplaintRules,
    at: dt.datetime,
    cal: WorkCalendar,
) -> StepStatus:
    if step is not ComplaintStep.ACCEPT_DECISION and accepted is False:
        return StepStatus(
            c.id,
            step,
            StepState.NOT_APPLICABLE,
            None,
            Text("投诉未受理", "the complaint was not accepted"),
        )
    limit = rules.limits.get(step)
    if limit is None:
        return StepStatus(
            c.id,
            step,
            StepState.UNDETERMINED,
            None,
            Text(
                f"本地规则未规定{step.label.zh}时限", f"the local rules set no limit for the {step.label.en}"
            ),
        )
    if limit.counts_from == "accepted":
        if decided is None:
            if done is not None:
                return StepStatus(
                    c.id,
                    step,
                    StepState.UNDETERMINED,
                    None,
                    Text("无受理决定，无法起算", "no acceptance decision to count from"),
                )
            return StepStatus(
                c.id,
                step,
                StepState.OPEN,
                None,
                Text("待受理决定后起算", "counts from the acceptance decision"),
            )
        start = decided
    else:
        start = c.received
    try:
        deadline = compute_deadline(start, limit.period, calendar=cal)
    except CalendarCoverageError as exc:
        # The limit ends after the calendar's last day: what happened by then is decided.
        note = Text(
            f"时限届满日晚于日历覆盖范围（至 {cal.last}）：{exc.zh or exc.en}",
            f"the limit ends after the calendar's last day ({cal.last}): {exc.en}",
        )
        when = done if done is not None else at
        if local_date(when, cal.zone) <= cal.last:
            state = StepState.DONE_ON_TIME if done is not None else StepState.OPEN
            return StepStatus(c.id, step, state, None, note)
        return StepStatus(c.id, step, StepState.UNDETERMINED, None, note)
    due = deadline.due_date
    assert due is not None
    due_at = end_of_day(due, cal.zone)
    if done is not None:
        return StepStatus(c.id, step, StepState.DONE_LATE if done > due_at else StepState.DONE_ON_TIME, due)
    return StepStatus(c.id, step, StepState.OVERDUE if at > due_at else StepState.OPEN, due)
