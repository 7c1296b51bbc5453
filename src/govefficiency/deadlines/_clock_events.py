"""A live clock's events: what happened to a case, and the order they may come in.

The events are checked for their order here (time order, the state machine of
:data:`ALLOWED`); :mod:`._clock_tally` checks them against the law.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from govefficiency._time import local_date, require_aware
from govefficiency._validators import instance_of
from govefficiency.citation import Citation
from govefficiency.deadlines._adjustments import Extension, Suspension, SuspensionMode
from govefficiency.deadlines._periods import CalendarDays, WorkingDays
from govefficiency.errors import ClockEventError, InvalidTypeError
from govefficiency.text import Text

__all__ = ["ClockEvent", "ClockEventKind"]


class ClockEventKind(enum.Enum):
    """What happened to a case."""

    START = "start"
    SUSPEND = "suspend"
    RESUME = "resume"
    RESTART = "restart"
    EXTEND = "extend"
    COMPLETE = "complete"


# The members, for the hot paths (an enum member looked up on its class costs a
# descriptor call on Python 3.11).
START, SUSPEND, RESUME, RESTART, EXTEND, COMPLETE = (
    ClockEventKind.START,
    ClockEventKind.SUSPEND,
    ClockEventKind.RESUME,
    ClockEventKind.RESTART,
    ClockEventKind.EXTEND,
    ClockEventKind.COMPLETE,
)


def _event_time(value: object) -> dt.datetime:
    return require_aware(value, "event time")


@attrs.frozen
class ClockEvent:
    """One event of a clock.

    Attributes:
        kind: what happened.
        at: when (an aware datetime).
        basis: the legal basis of a suspension, restart or extension; ``None`` otherwise.
        length: the length of an extension; ``None`` otherwise.
        authority: who ordered a suspension or approved an extension, or ``None``.
    """

    kind: ClockEventKind = attrs.field(validator=instance_of(ClockEventKind))
    at: dt.datetime = attrs.field(converter=_event_time)
    basis: Citation | None = None
    length: WorkingDays | CalendarDays | None = None
    authority: Text | None = None


def basis_of(value: object) -> Citation:
    if not isinstance(value, Citation):
        raise InvalidTypeError(
            "a suspension or restart needs its legal basis as a Citation",
            "中止或重新计算必须以 Citation 说明法律依据",
        )
    return value


def opt_text(value: Text | str | None) -> Text | None:
    if value is None or isinstance(value, Text):
        return value
    if isinstance(value, str) and value.strip():
        return Text(value, value)
    raise InvalidTypeError("expected a non-empty str or Text", "需要非空字符串或 Text")


#: The events allowed in each state of a clock (tuples: a membership test by identity
#: is cheaper than hashing an enum member).
ALLOWED: dict[str, tuple[ClockEventKind, ...]] = {
    "running": (
        ClockEventKind.SUSPEND,
        ClockEventKind.RESTART,
        ClockEventKind.EXTEND,
        ClockEventKind.COMPLETE,
    ),
    "suspended": (ClockEventKind.RESUME, ClockEventKind.EXTEND, ClockEventKind.COMPLETE),
    "completed": (),
}

_STATE_ZH = {"running": "进行中", "suspended": "中止", "completed": "已办结"}


def next_state(state: str, kind: ClockEventKind) -> str:
    """The state of a clock in ``state`` after an event of ``kind``."""
    if kind is SUSPEND or kind is RESTART:
        return "suspended"
    if kind is RESUME:
        return "running"
    if kind is COMPLETE:
        return "completed"
    return state


def check_next(state: str, last_at: dt.datetime, event: object, previous: str = "") -> ClockEvent:
    """``event`` if it may follow, at or after ``last_at``, in ``state``; raise otherwise.
    ``previous`` names the previous event's kind in the message, when known."""
    if not isinstance(event, ClockEvent):
        raise InvalidTypeError("clock events must be ClockEvent values", "计时器事件必须是 ClockEvent")
    if event.at < last_at:
        en_prev = f"{previous} at {last_at.isoformat()}" if previous else f"at {last_at.isoformat()}"
        zh_prev = f"{previous}，{last_at.isoformat()}" if previous else last_at.isoformat()
        raise ClockEventError(
            f"event {event.kind.value} at {event.at.isoformat()} is earlier than the previous "
            f"event ({en_prev}): add events in time order",
            f"事件 {event.kind.value}（{event.at.isoformat()}）早于上一事件（{zh_prev}）：请按时间顺序添加",
        )
    if event.kind not in ALLOWED[state]:
        raise ClockEventError(
            f"cannot {event.kind.value} a clock that is {state} (at {event.at.isoformat()})",
            f"计时器处于{_STATE_ZH[state]}状态，不能执行 {event.kind.value}（{event.at.isoformat()}）",
        )
    return event


def check_sequence(events: tuple[ClockEvent, ...]) -> None:
    """Check a whole history: START first, then events in time order, each allowed in
    the state the ones before it left the clock in."""
    if not events or events[0].kind is not START:
        raise ClockEventError(
            "a clock's first event must be START (use DeadlineClock.start)",
            "计时器的第一个事件必须是 START（请使用 DeadlineClock.start）",
        )
    state = "running"
    prev = events[0]
    for event in events[1:]:
        if type(event) is not ClockEvent or event.at < prev.at or event.kind not in ALLOWED[state]:
            check_next(state, prev.at, event, prev.kind.value)  # raises the error
        state = next_state(state, event.kind)
        prev = event


def state_after(events: tuple[ClockEvent, ...]) -> str:
    """The state a clock is left in by ``events`` (already checked)."""
    state = "running"
    for event in events[1:]:
        state = next_state(state, event.kind)
    return state


def replay(
    events: tuple[ClockEvent, ...], zone: str
) -> tuple[list[Suspension], list[Extension], dt.datetime | None]:
    """The suspensions, extensions and completion instant that ``events`` record, as
    :func:`~govefficiency.deadlines.compute_deadline` takes them."""
    suspensions: list[Suspension] = []
    extensions: list[Extension] = []
    completed: dt.datetime | None = None
    open_event: ClockEvent | None = None
    for event in events[1:]:
        day = local_date(event.at, zone)
        if event.kind in (ClockEventKind.SUSPEND, ClockEventKind.RESTART):
            open_event = event
        elif event.kind is ClockEventKind.RESUME and open_event is not None:
            suspensions.append(suspension_of(open_event, day, zone))
            open_event = None
        elif event.kind is ClockEventKind.EXTEND and event.length is not None:
            extensions.append(extension_of(event, day))
        elif event.kind is ClockEventKind.COMPLETE:
            completed = event.at
    if open_event is not None:
        suspensions.append(suspension_of(open_event, None, zone))
    return suspensions, extensions, completed


def suspension_of(event: ClockEvent, end: dt.date | None, zone: str) -> Suspension:
    """The suspension that a SUSPEND or RESTART event opened, ending on ``end``."""
    assert event.basis is not None  # enforced by suspend()/restart()
    mode = SuspensionMode.RESTART if event.kind is ClockEventKind.RESTART else SuspensionMode.PAUSE
    return Suspension(local_date(event.at, zone), end, event.basis, mode=mode, ordered_by=event.authority)


def extension_of(event: ClockEvent, day: dt.date) -> Extension:
    """The extension that an EXTEND event approved on ``day``."""
    assert event.length is not None  # enforced by extend()
    return Extension(event.length, authority_of(event), day, event.basis)


def authority_of(event: ClockEvent) -> Text:
    """Who approved an extension, as its explanation names them."""
    return event.authority or Text("未记载", "not recorded")
