"""Cases: anything with a deadline, seen by the escalation engine through one small protocol.

A :class:`Case` has an id, a title, the parties responsible for it and, at any instant,
a :class:`CaseView` (open, suspended, completed or undetermined, with its due date).
Three adapters cover the library's own sources:

* :class:`ClockCase` — a live :class:`~govefficiency.deadlines.DeadlineClock`;
* :class:`DatedCase` — a fixed due date: a ledger item's time node, a decision step's
  earliest/latest date, or any date a caller computed;
* :meth:`CaseParties.from_task` — the parties of a responsibility-graph task.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

import attrs

from govefficiency._deprecation import at_by_keyword
from govefficiency._records import bilingual
from govefficiency._time import DEFAULT_ZONE, check_zone, local_date, require_aware, require_date
from govefficiency._validators import check_id, check_ids, check_optional_id, instance_of, valid_bool
from govefficiency.deadlines import ClockState, ClockStatus, DeadlineClock
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.responsibility import Task
from govefficiency.text import Text

__all__ = ["Case", "CaseParties", "CaseState", "CaseView", "ClockCase", "DatedCase"]


class CaseState(enum.Enum):
    """A case's state at an instant, as far as escalation is concerned.

    ``OPEN``: running, due date not passed; ``OVERDUE``: open past its due date;
    ``SUSPENDED``: paused (中止); ``COMPLETED``: done; ``NOT_STARTED``: its clock starts
    after the instant asked about; ``UNDETERMINED``: no due date can be given.
    """

    OPEN = "open"
    OVERDUE = "overdue"
    SUSPENDED = "suspended"
    COMPLETED = "completed"
    NOT_STARTED = "not_started"
    UNDETERMINED = "undetermined"


def _ids(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (check_id(value, "a unit id"),)
    return check_ids(value, "unit ids", unique=False)


@attrs.frozen
class CaseParties:
    """Who is responsible for a case (ids as in the responsibility graph).

    Attributes:
        task: the responsibility-graph task, or ``None``; with a graph, missing parties
            are filled in from it.
        lead_unit: the lead unit (牵头单位), or ``None``.
        assisting_units: the assisting units (配合单位); ``()`` when none.
        slow_units: the assisting units that are late (行动迟缓); ``()`` means all of
            ``assisting_units``.
        officer: the named officer (具体责任人), or ``None``.
    """

    task: str | None = attrs.field(default=None, converter=check_optional_id)
    lead_unit: str | None = attrs.field(default=None, converter=check_optional_id)
    assisting_units: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    slow_units: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    officer: str | None = attrs.field(default=None, converter=check_optional_id)

    def __attrs_post_init__(self) -> None:
        stray = set(self.slow_units) - set(self.assisting_units)
        if self.assisting_units and stray:
            raise InvalidInputError(
                f"slow units {sorted(stray)} are not assisting units of the case",
                f"迟缓单位 {sorted(stray)} 不是本事项的配合单位",
            )

    @property
    def late_units(self) -> tuple[str, ...]:
        """The assisting units a reminder letter goes to."""
        return self.slow_units or self.assisting_units

    @classmethod
    def from_task(cls, task: Task, *, slow_units: Iterable[str] = ()) -> CaseParties:
        """The parties of a responsibility-graph task."""
        if not isinstance(task, Task):
            raise InvalidTypeError(
                f"expected a responsibility Task, not {type(task).__name__}", "需要 responsibility.Task"
            )
        return cls(
            task=task.id,
            lead_unit=task.lead,
            assisting_units=task.assists,
            slow_units=tuple(slow_units),
            officer=task.officer,
        )


@attrs.frozen
class CaseView:
    """A case at one instant.

    Attributes:
        state: open, suspended, completed or undetermined.
        due_date: the due date in force, or ``None`` when it is not determined.
        start: the day the period started (for share-elapsed triggers), or ``None``.
        share_elapsed: the share of the period used, when the source knows it (a clock
            that accounts for pauses); ``None`` to derive it from ``start``.
        overdue_by: for an ``OVERDUE`` case, the days past the due date when the source
            counts them (a clock, in its own unit); ``None`` otherwise — the engine then
            counts working days (:attr:`Evaluation.overdue`).
    """

    state: CaseState
    due_date: dt.date | None
    start: dt.date | None = None
    share_elapsed: float | None = None
    overdue_by: int | None = None


@runtime_checkable
class Case(Protocol):
    """Anything with a deadline that escalation can watch."""

    @property
    def case_id(self) -> str: ...

    @property
    def title(self) -> Text: ...

    @property
    def parties(self) -> CaseParties: ...

    def view(self, *, at: dt.datetime) -> CaseView:
        """The case at the aware instant ``at``, given by keyword (the engine calls
        ``case.view(at=...)``; an implementation takes ``at`` keyword-only, as the API
        convention says, and one whose ``at`` is positional-or-keyword works too)."""
        ...


CLOCK_STATES = {
    ClockState.RUNNING: CaseState.OPEN,
    ClockState.OVERDUE: CaseState.OVERDUE,
    ClockState.SUSPENDED: CaseState.SUSPENDED,
    ClockState.COMPLETED_ON_TIME: CaseState.COMPLETED,
    ClockState.COMPLETED_LATE: CaseState.COMPLETED,
    ClockState.UNDETERMINED: CaseState.UNDETERMINED,
}


def _text(value: Text | str) -> Text:
    return bilingual(
        value,
        lambda: InvalidTypeError(
            f"a title is a non-empty str or Text, not {value!r}", "标题必须是非空字符串或 Text"
        ),
    )


def _opt_text(value: Text | str | None) -> Text | None:
    return None if value is None else _text(value)


@attrs.frozen
class ClockCase:
    """A live deadline clock as an escalation case.

    Attributes:
        clock: the clock.
        parties: who is responsible.
        name: what the case is; ``None`` to use the clock id as its title.
    """

    clock: DeadlineClock = attrs.field(validator=instance_of(DeadlineClock))
    parties: CaseParties = attrs.field(factory=CaseParties, validator=instance_of(CaseParties))
    name: Text | None = attrs.field(default=None, converter=_opt_text)

    @property
    def title(self) -> Text:
        """The case's name, or its clock id."""
        name = self.name
        if name is not None:
            return name
        clock_id = self.clock.id  # a checked, non-empty id: no need to validate it again
        text = object.__new__(Text)
        object.__setattr__(text, "zh", clock_id)
        object.__setattr__(text, "en", clock_id)
        return text

    @property
    def case_id(self) -> str:
        return self.clock.id

    @at_by_keyword(1)
    def view(self, *, at: dt.datetime) -> CaseView:
        """The case at ``at`` (``NOT_STARTED`` before the clock's first event)."""
        if require_aware(at, "at") < self.clock.events[0].at:
            return CaseView(CaseState.NOT_STARTED, None)
        return self.view_of(self.clock.status(at=at))

    def view_of(self, status: ClockStatus) -> CaseView:
        """The case view for a status of its clock (the engine computes the statuses of
        many clocks at once with :func:`~govefficiency.deadlines.statuses_at`)."""
        state = CLOCK_STATES[status.state]
        if state in (CaseState.OPEN, CaseState.OVERDUE) and status.due_date is None:
            state = CaseState.UNDETERMINED
        start = clock_start(self)
        # (a count only up to the calendar's end is not the case's: the engine counts it
        # and reports it as a lower bound)
        overdue_by = status.overdue_by if state is CaseState.OVERDUE and not status.at_least else None
        return CaseView(state, status.due_date, start, status.share_elapsed, overdue_by)


def clock_start(case: ClockCase) -> dt.date:
    """The day a clock case's period started (its first event, in the calendar's zone)."""
    return local_date(case.clock.events[0].at, case.clock.calendar.zone)


@functools.lru_cache(maxsize=16)
def _local_day(at: dt.datetime, zone: str) -> dt.date:
    """The day of ``at`` in ``zone`` (cached: a batch asks about one instant many times)."""
    return local_date(at, zone)


def _opt_date(value: object) -> dt.date | None:
    return None if value is None else require_date(value, "date")


@attrs.frozen
class DatedCase:
    """A case with a fixed due date (a ledger time node, a decision step, a task's due).

    Attributes:
        case_id: the case's id.
        title: what it is.
        due: the due date, or ``None`` when not determined (reported, never guessed).
        parties: who is responsible.
        start: when the period started (for share-elapsed triggers), or ``None``.
        completed_on: the day it was completed, or ``None`` while open.
        suspended: whether it is suspended.
        zone: the zone in which the instant asked about is turned into a day.
    """

    case_id: str
    title: Text = attrs.field(converter=_text)
    due: dt.date | None = attrs.field(converter=_opt_date)
    parties: CaseParties = attrs.field(factory=CaseParties, validator=instance_of(CaseParties))
    start: dt.date | None = attrs.field(default=None, converter=_opt_date)
    completed_on: dt.date | None = attrs.field(default=None, converter=_opt_date)
    suspended: bool = attrs.field(default=False, validator=valid_bool())
    zone: str = attrs.field(default=DEFAULT_ZONE, converter=check_zone)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.case_id, str) or not self.case_id:
            raise InvalidInputError("a case needs a non-empty string id", "事项必须有非空字符串 id")
        check_id(self.case_id, "DatedCase.case_id")  # no NUL, invisible or bidi characters
        if self.start is not None and self.due is not None and self.due < self.start:
            raise InvalidInputError(
                f"case {self.case_id}: due {self.due} is before start {self.start}",
                f"事项 {self.case_id}：截止日期 {self.due} 早于开始日期 {self.start}",
            )

    @at_by_keyword(1)
    def view(self, *, at: dt.datetime) -> CaseView:
        """The case at the aware instant ``at`` (its day taken in :attr:`zone`)."""
        today = _local_day(at, self.zone)
        if self.completed_on is not None and self.completed_on <= today:
            return CaseView(CaseState.COMPLETED, self.due, self.start)
        if self.suspended:
            return CaseView(CaseState.SUSPENDED, None, self.start)
        if self.due is None:
            return CaseView(CaseState.UNDETERMINED, None, self.start)
        if self.due < today:
            return CaseView(CaseState.OVERDUE, self.due, self.start)
        return CaseView(CaseState.OPEN, self.due, self.start)
