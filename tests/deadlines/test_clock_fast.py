"""The clock's fast path (no explanation, events checked incrementally) gives exactly
what compute_deadline gives: the same due date, the same provisional flag, and the same
error for an event that comes after the deadline in force had passed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.calendar import china_calendar
from govefficiency.deadlines import (
    CalendarDays,
    ClockEvent,
    ClockEventKind,
    DeadlineClock,
    WorkingDays,
    compute_deadline,
    get_rule,
)
from govefficiency.deadlines._clock_events import replay as _replay
from govefficiency.errors import ClockEventError, ExtensionError, GovEfficiencyError, SuspensionError
from govefficiency.text import Text
from strategies import BASIS, SHANGHAI

CN = china_calendar(provisional=True)
HEAD = Text("本机关负责人", "the head of the agency")
START = dt.datetime(2026, 9, 20, 9, tzinfo=SHANGHAI)

# A step: which event, after how many hours (0..30 days, so that events fall on the same
# day, across the National Day holiday, and after the deadline in force).
steps = st.lists(
    st.tuples(
        st.sampled_from(["suspend", "restart", "resume", "extend", "complete"]),
        st.integers(min_value=0, max_value=24 * 30),
        st.sampled_from([WorkingDays(1), WorkingDays(10), CalendarDays(5), WorkingDays(0)]),
    ),
    max_size=7,
)
periods = st.sampled_from([WorkingDays(20), CalendarDays(15), WorkingDays(3), get_rule("licensing.decision")])


def _events(plan: list[tuple[str, int, object]]) -> list[ClockEvent]:
    events = [ClockEvent(ClockEventKind.START, START)]
    when = START
    for kind, hours, length in plan:
        when = when + dt.timedelta(hours=hours)
        if kind == "suspend":
            events.append(ClockEvent(ClockEventKind.SUSPEND, when, basis=BASIS))
        elif kind == "restart":
            events.append(ClockEvent(ClockEventKind.RESTART, when, basis=BASIS))
        elif kind == "resume":
            events.append(ClockEvent(ClockEventKind.RESUME, when))
        elif kind == "extend":
            events.append(ClockEvent(ClockEventKind.EXTEND, when, length=length, authority=HEAD))  # type: ignore[arg-type]
        else:
            events.append(ClockEvent(ClockEventKind.COMPLETE, when))
    return events


def _outcome(fn: Callable[[], object]) -> object:
    try:
        return fn()
    except GovEfficiencyError as exc:
        return (type(exc).__name__, str(exc))


def _oracle(events: list[ClockEvent], period: object) -> object:
    """What the explained computation says about the whole history."""

    def run() -> object:
        suspensions, extensions, _ = _replay(tuple(events), CN.zone)
        d = compute_deadline(
            events[0].at,
            period,
            calendar=CN,
            suspensions=suspensions,
            extensions=extensions,  # type: ignore[arg-type]
        )
        return (d.due_date, d.provisional)

    return _outcome(run)


def _valid_order(events: list[ClockEvent]) -> bool:
    try:
        DeadlineClock("c", WorkingDays(20), CN, events[:1])._with  # noqa: B018
        state = "running"
        allowed = {
            "running": {"suspend", "restart", "extend", "complete"},
            "suspended": {"resume", "extend", "complete"},
            "completed": set(),
        }
        for e in events[1:]:
            if e.kind.value not in allowed[state]:
                return False
            state = {"suspend": "suspended", "restart": "suspended", "resume": "running"}.get(
                e.kind.value, "completed" if e.kind.value == "complete" else state
            )
        return True
    except ClockEventError:
        return False


@settings(max_examples=300, deadline=None)
@given(steps, periods)
def test_constructor_equals_compute_deadline(plan: list[tuple[str, int, object]], period: object) -> None:
    events = _events(plan)
    if not _valid_order(events):
        with pytest.raises(ClockEventError):
            DeadlineClock("c", period, CN, events)  # type: ignore[arg-type]
        return

    def build() -> object:
        clock = DeadlineClock("c", period, CN, events)  # type: ignore[arg-type]
        return (clock._prepared().due, clock._prepared().provisional)

    assert _outcome(build) == _oracle(events, period)


@settings(max_examples=300, deadline=None)
@given(steps, periods)
def test_fluent_equals_checking_every_prefix(plan: list[tuple[str, int, object]], period: object) -> None:
    """The fluent API fails at the first event whose prefix compute_deadline refuses
    (what it did when every event recomputed the whole deadline), else agrees."""
    events = _events(plan)
    if not _valid_order(events):
        return
    expected: object = None
    for i in range(1, len(events) + 1):
        expected = _oracle(events[:i], period)
        if not isinstance(expected[0], dt.date | None):  # type: ignore[index]
            break

    def build() -> object:
        clock = DeadlineClock("c", period, CN, events[:1])  # type: ignore[arg-type]
        for e in events[1:]:
            clock = clock._with(e)
        assert clock == DeadlineClock("c", period, CN, events)  # type: ignore[arg-type]
        return (clock._prepared().due, clock._prepared().provisional)

    assert _outcome(build) == expected


def test_same_day_extension_checked_before_the_suspension() -> None:
    # 15 calendar days from Sun 09-20: nominal end Mon 10-05 (in-lieu rest day of the
    # National Day holiday), rolled to Thu 10-08. A suspension from Fri 10-09 and an
    # extension approved later that day both come after it; compute_deadline checks the
    # extension first (extensions before suspensions of a day) and names it.
    assert CN.day_kind(dt.date(2026, 10, 5)).name == "IN_LIEU_REST"
    events = [
        ClockEvent(ClockEventKind.START, START),
        ClockEvent(ClockEventKind.SUSPEND, dt.datetime(2026, 10, 9, 9, tzinfo=SHANGHAI), basis=BASIS),
        ClockEvent(
            ClockEventKind.EXTEND,
            dt.datetime(2026, 10, 9, 15, tzinfo=SHANGHAI),
            length=CalendarDays(5),
            authority=HEAD,
        ),
    ]
    with pytest.raises(ExtensionError, match="2026-10-08"):
        DeadlineClock("c", CalendarDays(15), CN, events)
    assert _oracle(events, CalendarDays(15))[0] == "ExtensionError"  # type: ignore[index]
    # Fed one by one, the suspension is refused when it comes.
    with pytest.raises(SuspensionError, match="2026-10-08"):
        DeadlineClock("c", CalendarDays(15), CN, events[:1])._with(events[1])


def test_explanation_is_built_only_when_asked() -> None:
    clock = DeadlineClock.start("c", START, WorkingDays(20), calendar=CN).suspend(
        dt.datetime(2026, 9, 22, 9, tzinfo=SHANGHAI), BASIS
    )
    assert clock._deadline is None
    clock = clock.resume(dt.datetime(2026, 9, 24, 17, tzinfo=SHANGHAI))
    assert clock._deadline is None
    assert clock.deadline.due_date == clock._prepared().due
    assert clock._deadline is not None
