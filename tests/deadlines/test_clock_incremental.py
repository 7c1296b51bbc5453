"""A clock updates its due date event by event (O(1) where it can: a pause, a resumption
of a working-day period, an extension counted on from the nominal last day) and
recomputes it from all events only where it must. Here, on random event sequences
around the 2026 National Day holiday (10-01..10-07, make-up working days Sun 09-20 and
Sat 10-10) and across the 2026/2027 year boundary on the provisional calendar (2027 is
not published: answers there come from the statutory rules and are flagged
provisional):

* the incremental answers equal the full recomputation from all events and the
  explained ``compute_deadline``;
* the fluent API (one event at a time) gives the clock, due date, statuses and errors
  that the constructor gives for the same history;
* the fast path (no explanation) gives what ``compute_deadline`` gives, including its
  error for an event after the deadline in force had passed."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.calendar import china_calendar
from govefficiency.deadlines import (
    CalendarDays,
    ClockEvent,
    ClockEventKind,
    ClockStatus,
    DeadlineClock,
    WorkingDays,
    compute_deadline,
    get_rule,
    statuses_at,
)
from govefficiency.deadlines._clock_events import ALLOWED, next_state, replay
from govefficiency.deadlines._clock_status import fast_of, status_of
from govefficiency.deadlines._clock_tally import _UNKNOWN, Tally
from govefficiency.errors import ClockEventError, ExtensionError, GovEfficiencyError, SuspensionError
from govefficiency.text import Text
from strategies import BASIS, SHANGHAI

CN = china_calendar(provisional=True)
HEAD = Text("本机关负责人", "the head of the agency")

starts = st.one_of(
    # around the National Day holiday, and across the year boundary
    st.datetimes(dt.datetime(2026, 9, 10), dt.datetime(2026, 10, 12)),
    st.datetimes(dt.datetime(2026, 12, 1), dt.datetime(2027, 1, 6)),
).map(lambda d: d.replace(tzinfo=SHANGHAI, second=0, microsecond=0))
# The zone an event's instant is written in: the calendar's own (no conversion needed),
# a fixed offset, or UTC (a different day near midnight).
ZONES = [zoneinfo.ZoneInfo("Asia/Shanghai"), SHANGHAI, dt.UTC]
# (which allowed event, hours after the previous one, an extension's length, its zone)
plans = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=3),
        st.integers(min_value=0, max_value=24 * 12),
        st.sampled_from([WorkingDays(5), WorkingDays(10), WorkingDays(0), CalendarDays(7)]),
        st.sampled_from(ZONES),
    ),
    max_size=10,
)
periods = st.sampled_from(
    [
        WorkingDays(20),
        WorkingDays(1),
        WorkingDays(0),
        CalendarDays(15),
        CalendarDays(3),
        get_rule("licensing.decision"),
    ]
)


def _events(start: dt.datetime, plan: list[tuple[int, int, object, dt.tzinfo]]) -> list[ClockEvent]:
    """A valid sequence: each step picks one of the events allowed in the clock's state."""
    events = [ClockEvent(ClockEventKind.START, start)]
    state, when = "running", start
    for pick, hours, length, zone in plan:
        allowed = ALLOWED[state]
        if not allowed:
            break
        kind = allowed[pick % len(allowed)]
        when = (when + dt.timedelta(hours=hours)).astimezone(zone)
        if kind in (ClockEventKind.SUSPEND, ClockEventKind.RESTART):
            events.append(ClockEvent(kind, when, basis=BASIS))
        elif kind is ClockEventKind.EXTEND:
            events.append(ClockEvent(kind, when, length=length, authority=HEAD))  # type: ignore[arg-type]
        else:
            events.append(ClockEvent(kind, when))
        state = next_state(state, kind)
    return events


def _outcome(fn: object) -> object:
    try:
        return fn()  # type: ignore[operator]
    except GovEfficiencyError as exc:
        return (type(exc).__name__, str(exc))


def _fluent(events: list[ClockEvent], period: object) -> DeadlineClock:
    clock = DeadlineClock("c", period, CN, events[:1])  # type: ignore[arg-type]
    for event in events[1:]:
        clock = _fluently(clock, event)
    return clock


def _recomputed_status(clock: DeadlineClock, at: dt.datetime) -> ClockStatus:
    """The status from the due date recomputed from all events (no incremental step)."""
    tally = clock._tally.copy()
    tally.due, tally.end = _UNKNOWN, None
    tally.settle(CN.index, clock.deadline.period)
    done = None if tally.completed is None else tally.completed.astimezone(SHANGHAI).toordinal()
    fast = fast_of(tally, CN.index, clock.deadline.period, None, done, events_last(clock).timestamp())
    return status_of(clock.id, fast, CN.index, at, at.astimezone(SHANGHAI).toordinal(), at.timestamp())


def events_last(clock: DeadlineClock) -> dt.datetime:
    return clock.events[-1].at


@settings(max_examples=400, deadline=None)
@given(starts, plans, periods, st.integers(min_value=0, max_value=24 * 60))
def test_incremental_equals_full_recomputation(
    start: dt.datetime, plan: list[tuple[int, int, object, dt.tzinfo]], period: object, later: int
) -> None:
    events = _events(start, plan)

    def oracle() -> object:
        sus, exts, _ = replay(tuple(events), CN.zone)
        d = compute_deadline(events[0].at, period, calendar=CN, suspensions=sus, extensions=exts)  # type: ignore[arg-type]
        return (d.due_date, d.provisional)

    def built(clock_of: object) -> object:
        clock = clock_of()  # type: ignore[operator]
        tally = clock._tally.copy()
        incremental = (tally.due, tally.end)
        tally.due, tally.end = _UNKNOWN, None
        tally.settle(CN.index, clock.deadline.period)
        # the due date (and the nominal last day, where the incremental step kept it and
        # no suspension holds the due date) equal those recomputed from all events
        assert tally.due == incremental[0]
        assert incremental[1] is None or tally.due is None or incremental[1] == tally.end
        fast = clock._prepared()
        return (fast.due, fast.provisional)

    expected = _outcome(oracle)
    assert _outcome(lambda: built(lambda: DeadlineClock("c", period, CN, events))) == expected  # type: ignore[arg-type]
    # The fluent API refuses an event as soon as it comes, so its answer can only be
    # compared when the whole history is accepted.
    if isinstance(expected, tuple) and not isinstance(expected[0], str):
        assert _outcome(lambda: built(lambda: _fluent(events, period))) == expected
        clock = _fluent(events, period)
        at = events[-1].at + dt.timedelta(hours=later)
        if CN.covers(at.astimezone(SHANGHAI).date()):
            assert clock.status(at=at) == _recomputed_status(clock, at)
            assert clock.status(at=at) == DeadlineClock("c", period, CN, events).status(at=at)  # type: ignore[arg-type]


def _assert_kinds(kinds: dict[str, str]) -> None:
    """The calendar's day kinds that a hand-worked count relies on."""
    for day, kind in kinds.items():
        assert CN.day_kind(dt.date.fromisoformat(day)).name == kind


def test_resume_across_national_day_is_counted_on() -> None:
    # 20 working days from Mon 2026-09-14 (the start day not counted): 09-15..09-18 (4),
    # Sun 09-20 make-up working day (5), 09-21..09-24 (9), Fri 09-25 the Mid-Autumn
    # Festival not counted, 09-28..09-30 (12), the National Day holiday 10-01..10-07 not
    # counted, 10-08, 10-09 (14), Sat 10-10 make-up (15), 10-12..10-16 (20): due Fri 10-16.
    _assert_kinds(
        {"2026-09-20": "MAKEUP_WORKDAY", "2026-09-25": "PUBLIC_HOLIDAY", "2026-10-10": "MAKEUP_WORKDAY"}
    )
    start = dt.datetime(2026, 9, 14, 9, tzinfo=SHANGHAI)
    clock = DeadlineClock.start("c", at=start, period=WorkingDays(20), calendar=CN)
    assert clock._tally.due == dt.date(2026, 10, 16).toordinal()
    # An expert review from Tue 09-29 to Thu 10-08 (inclusive) takes the working days
    # 09-29, 09-30 and 10-08 (3): counted on from 10-16, due Wed 10-21 (10-19, 10-20, 10-21).
    clock = clock.suspend(at=dt.datetime(2026, 9, 29, 10, tzinfo=SHANGHAI), basis=BASIS)
    assert clock._tally.due is None
    clock = clock.resume(at=dt.datetime(2026, 10, 8, 16, tzinfo=SHANGHAI))
    assert clock._tally.due == dt.date(2026, 10, 21).toordinal()  # the O(1) step
    assert clock.deadline.due_date == dt.date(2026, 10, 21)


def test_extension_after_a_suspension_in_the_roll_over_gap() -> None:
    # 3 calendar days from Tue 2026-09-22 (the start day not counted): 09-23, 09-24,
    # 09-25; Fri 09-25 is the Mid-Autumn Festival, so the last day rolls over the
    # weekend 09-26/09-27 to Mon 09-28. A suspension from Sat 09-26 to Sun 09-27 lies in
    # that gap: it holds the last day (counted on from 09-28: still 09-28) — but only
    # while the period is the last segment. An extension of 5 working days approved on
    # 09-27 counts from the period's own last day 09-25, skipping the suspended days:
    # 09-28, 09-29, 09-30 (3), the National Day holiday 10-01..10-07, 10-08, 10-09 (5):
    # due Fri 10-09, not Sat 10-10 (a make-up working day), which counting on from the
    # held day 09-28 gave when the due date had been computed between the events.
    _assert_kinds({"2026-09-25": "PUBLIC_HOLIDAY", "2026-09-27": "WEEKEND", "2026-10-10": "MAKEUP_WORKDAY"})
    at = [dt.datetime(2026, 9, d, h, tzinfo=SHANGHAI) for d, h in ((22, 17), (26, 0), (27, 0))]
    clock = DeadlineClock.start("c", at=at[0], period=CalendarDays(3), calendar=CN).suspend(
        at=at[1], basis=BASIS
    )
    assert clock.resume(at=at[2])._tally.due == dt.date(2026, 9, 28).toordinal()
    fluent = clock.resume(at=at[2]).extend(at=at[2], length=WorkingDays(5), authority=HEAD)
    whole = DeadlineClock("c", CalendarDays(3), CN, fluent.events)
    query = dt.datetime(2026, 10, 9, 12, tzinfo=SHANGHAI)
    assert fluent.status(at=query).due_date == whole.status(at=query).due_date == dt.date(2026, 10, 9)
    assert fluent.deadline.due_date == dt.date(2026, 10, 9)


def test_event_zones_give_the_same_days() -> None:
    # The same instants written in the calendar's own zone (ZoneInfo or pendulum, whose
    # wall time is already local: no conversion), as a fixed +08:00 offset, and in UTC
    # (16:30 UTC on Sep 28 is 00:30 on Tue Sep 29 in Shanghai: the suspension starts on
    # the 29th, not the 28th) give the same clock.
    import pendulum

    def clock(tz: dt.tzinfo) -> DeadlineClock:
        def at(y: int, m: int, d: int, h: int, mi: int = 0) -> dt.datetime:
            return dt.datetime(y, m, d, h, mi, tzinfo=SHANGHAI).astimezone(tz)

        return (
            DeadlineClock.start("c", at=at(2026, 9, 14, 9), period=WorkingDays(20), calendar=CN)
            .suspend(at=at(2026, 9, 29, 0, 30), basis=BASIS)
            .resume(at=at(2026, 10, 8, 16))
            .extend(at=at(2026, 10, 9, 10), length=WorkingDays(10), authority=HEAD)
        )

    zones = [zoneinfo.ZoneInfo("Asia/Shanghai"), pendulum.timezone("Asia/Shanghai"), SHANGHAI, dt.UTC]
    clocks = [clock(tz) for tz in zones]
    assert clocks[3].events[1].at.day == 28  # written on the 28th in UTC
    query = dt.datetime(2026, 10, 20, 12, tzinfo=SHANGHAI)
    statuses = [c.status(at=query).to_dict() | {"at": None} for c in clocks]
    assert all(s == statuses[0] for s in statuses)
    # 20 working days from 09-14 end on 10-16; the review 09-29..10-08 takes 09-29, 09-30
    # and 10-08 (3): 10-21; the extension of 10 working days from there: 10-22, 10-23,
    # 10-26..10-30 (7), 11-02..11-04 (10): due Wed 11-04.
    assert statuses[0]["due_date"] == "2026-11-04"
    assert all(c.deadline.due_date == dt.date(2026, 11, 4) for c in clocks)


# --- the fluent API against the constructor ---------------------------------------------------

ORDERED_BY = Text("本机关", "the agency")
# (0: any kind, 1: complete, else another kind allowed in the clock's state; which one;
# hours after the previous event, negative for one out of order; an extension's length;
# the zone the instant is written in)
any_steps = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=9),
        st.integers(min_value=0, max_value=4),
        st.one_of(st.integers(min_value=0, max_value=36), st.integers(min_value=-6, max_value=24 * 6)),
        st.sampled_from([WorkingDays(5), WorkingDays(10), WorkingDays(0), CalendarDays(7)]),
        st.sampled_from(ZONES),
    ),
    max_size=10,
)
KINDS = list(ClockEventKind)[1:]


def _any_events(start: dt.datetime, steps: list[tuple[int, int, int, object, dt.tzinfo]]) -> list[ClockEvent]:
    """Mostly events allowed in the clock's state, some not, some out of time order."""
    events = [ClockEvent(ClockEventKind.START, start)]
    state, when = "running", start
    for mode, pick, hours, length, zone in steps:
        others = [k for k in ALLOWED[state] if k is not ClockEventKind.COMPLETE] or KINDS
        kind = (
            KINDS[pick] if mode == 0 else ClockEventKind.COMPLETE if mode == 1 else others[pick % len(others)]
        )
        when = (when + dt.timedelta(hours=hours)).astimezone(zone)
        if kind in (ClockEventKind.SUSPEND, ClockEventKind.RESTART):
            authority = ORDERED_BY if kind is ClockEventKind.SUSPEND and hours % 2 else None
            events.append(ClockEvent(kind, when, basis=BASIS, authority=authority))
        elif kind is ClockEventKind.EXTEND:
            events.append(ClockEvent(kind, when, length=length, authority=HEAD))  # type: ignore[arg-type]
        else:
            events.append(ClockEvent(kind, when))
        if kind in ALLOWED[state]:
            state = next_state(state, kind)
    return events


def _fluently(clock: DeadlineClock, event: ClockEvent) -> DeadlineClock:
    """``clock`` plus ``event`` through the public fluent methods."""
    kind, at = event.kind, event.at
    if kind is ClockEventKind.SUSPEND:
        assert event.basis is not None
        return clock.suspend(at=at, basis=event.basis, ordered_by=event.authority)
    if kind is ClockEventKind.RESTART:
        assert event.basis is not None
        return clock.restart(at=at, basis=event.basis)
    if kind is ClockEventKind.RESUME:
        return clock.resume(at=at)
    if kind is ClockEventKind.EXTEND:
        assert event.length is not None
        assert event.authority is not None
        return clock.extend(at=at, length=event.length, authority=event.authority, basis=event.basis)
    return clock.complete(at=at)


def _view(clock: DeadlineClock, ats: list[dt.datetime]) -> object:
    """What a clock answers: its due date (tally), its prepared status and its statuses."""
    return (
        clock._tally.due,
        clock._prepared(),
        [_outcome(lambda a=a: clock.status(at=a).to_dict()) for a in ats],  # type: ignore[misc]
        _outcome(lambda: [s.to_dict() for s in statuses_at([clock], at=ats[-1])]),
    )


def _tally_state(clock: DeadlineClock) -> dict[str, object]:
    return {name: getattr(clock._tally, name) for name in Tally.__slots__}


@settings(max_examples=400, deadline=None)
@given(starts, any_steps, periods, st.sampled_from([None, dt.time(17, 30)]))
def test_fluent_equals_constructor(
    start: dt.datetime,
    steps: list[tuple[int, int, int, object, dt.tzinfo]],
    period: object,
    close: dt.time | None,
) -> None:
    """Event by event, the fluent API gives the clock the constructor gives for the same
    history: equal, with the same due date, prepared status and statuses (around the
    National Day holiday, and across the year boundary on the provisional calendar); an
    event it refuses is refused by the constructor with the same error; the clock it
    was added to is left as it was."""
    events = _any_events(start, steps)
    clock = DeadlineClock.start("c", at=start, period=period, calendar=CN, business_close=close)  # type: ignore[arg-type]
    for i in range(1, len(events) + 1):
        expected = _outcome(lambda i=i: DeadlineClock("c", period, CN, events[:i], close))  # type: ignore[arg-type]
        if i == 1:
            got: object = clock
        else:
            before = _tally_state(clock)
            got = _outcome(lambda c=clock, e=events[i - 1]: _fluently(c, e))
            assert _tally_state(clock) == before
        assert got == expected
        if not isinstance(got, DeadlineClock):
            return  # refused: the same error, at the same event
        assert isinstance(expected, DeadlineClock)
        ats = [events[i - 1].at + dt.timedelta(hours=h) for h in (0, 30, 24 * 25)]
        ats.insert(0, (events[0].at + (events[i - 1].at - events[0].at) / 2))
        assert _view(got, ats) == _view(expected, ats)
        clock = got
    assert clock.deadline.explain("zh") == DeadlineClock("c", period, CN, events, close).deadline.explain(
        "zh"
    )  # type: ignore[arg-type]
    assert clock.deadline.explain("en") == DeadlineClock("c", period, CN, events, close).deadline.explain(
        "en"
    )  # type: ignore[arg-type]


# --- the fast path against compute_deadline ---------------------------------------------------
# The clock's fast path (no explanation, events checked incrementally) gives exactly what
# compute_deadline gives: the same due date, the same provisional flag, and the same error
# for an event that comes after the deadline in force had passed.

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
few_periods = st.sampled_from(
    [WorkingDays(20), CalendarDays(15), WorkingDays(3), get_rule("licensing.decision")]
)


def _named_events(plan: list[tuple[str, int, object]]) -> list[ClockEvent]:
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


def _oracle(events: list[ClockEvent], period: object) -> object:
    """What the explained computation says about the whole history."""

    def run() -> object:
        suspensions, extensions, _ = replay(tuple(events), CN.zone)
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
        DeadlineClock("c", WorkingDays(20), CN, events[:1])
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
@given(steps, few_periods)
def test_constructor_equals_compute_deadline(plan: list[tuple[str, int, object]], period: object) -> None:
    events = _named_events(plan)
    if not _valid_order(events):
        with pytest.raises(ClockEventError):
            DeadlineClock("c", period, CN, events)  # type: ignore[arg-type]
        return

    def build() -> object:
        clock = DeadlineClock("c", period, CN, events)  # type: ignore[arg-type]
        return (clock._prepared().due, clock._prepared().provisional)

    assert _outcome(build) == _oracle(events, period)


@settings(max_examples=300, deadline=None)
@given(steps, few_periods)
def test_fluent_equals_checking_every_prefix(plan: list[tuple[str, int, object]], period: object) -> None:
    """The fluent API fails at the first event whose prefix compute_deadline refuses
    (what it did when every event recomputed the whole deadline), else agrees."""
    events = _named_events(plan)
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
            clock = _fluently(clock, e)
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
        _fluently(DeadlineClock("c", CalendarDays(15), CN, events[:1]), events[1])


def test_explanation_is_built_only_when_asked() -> None:
    clock = DeadlineClock.start("c", at=START, period=WorkingDays(20), calendar=CN).suspend(
        at=dt.datetime(2026, 9, 22, 9, tzinfo=SHANGHAI), basis=BASIS
    )
    assert clock._deadline is None
    clock = clock.resume(at=dt.datetime(2026, 9, 24, 17, tzinfo=SHANGHAI))
    assert clock._deadline is None
    assert clock.deadline.due_date == clock._prepared().due
    assert clock._deadline is not None
