"""A live clock's events checked against the law, and its due date, on day ordinals.

A clock keeps a :class:`Tally` of its events: the suspensions and extensions they
record, as day ordinals (``date.toordinal()``), and the due date they give. Adding an
event checks that event only — against the deadline in force before it, as
``compute_deadline`` checks each suspension and extension — so a clock fed events one by
one costs the same per event however long its history. No explanation is built: the
due date comes from integer look-ups in the calendar's index
(:attr:`WorkCalendar.index <govefficiency.calendar.WorkCalendar.index>`), by the same
steps as :func:`govefficiency.deadlines._counting.due_date`; where a day falls outside
the calendar's coverage that function is asked instead, so that the error raised is the
one ``compute_deadline`` raises. Equality with ``compute_deadline`` is fuzzed in
tests/deadlines/test_clock_fast.py.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from govefficiency._time import zone
from govefficiency.calendar import WorkCalendar
from govefficiency.calendar._calendar import CalendarIndex
from govefficiency.citation import Citation
from govefficiency.deadlines._adjustments import (
    Extension,
    Suspension,
    SuspensionMode,
    _check_extensions,
    _check_max_length,
)
from govefficiency.deadlines._clock_counting import (
    Ext,
    Pause,
    _advance,
    _new,
    _roll,
    _UncoveredError,
    due_of_events,
)
from govefficiency.deadlines._clock_events import (
    ALLOWED,
    EXTEND,
    RESTART,
    RESUME,
    START,
    SUSPEND,
    ClockEvent,
    ClockEventKind,
    authority_of,
    check_next,
    check_sequence,
    replay,
)
from govefficiency.deadlines._counting import check_in_force, due_date, raise_if_expired
from govefficiency.deadlines._periods import CalendarDays, Period, WorkingDays
from govefficiency.deadlines._rules import StatuteRule
from govefficiency.errors import CalendarCoverageError, ExtensionError, GovEfficiencyError, SuspensionError
from govefficiency.text import Text

__all__ = ["Tally", "replay_checked"]

_fromordinal = dt.date.fromordinal


def local_ordinal(at: dt.datetime, tz: dt.tzinfo) -> int:
    """The ordinal of the day of the aware instant ``at`` in the zone ``tz``: the day of
    its own wall time when it already carries that zone (no conversion needed)."""
    info = at.tzinfo
    if info is tz or (info is not None and getattr(info, "key", None) == getattr(tz, "key", 0)):
        return at.toordinal()
    return at.astimezone(tz).toordinal()


class _NeedsFullCheckError(Exception):
    """An extension on the day a suspension started: compute_deadline checks the
    extension first, so the whole history is checked in its order."""


_UNKNOWN = -1  # a due date not computed yet (ordinals are positive)


class Tally:
    """A clock's events, checked (private). A clock's tally is never changed once the
    clock holds it: :meth:`copy` it to add an event.

    ``due`` is the due date's ordinal, ``None`` while a suspension holds it, or
    ``_UNKNOWN``. ``end`` is the nominal last day (before a roll-over) of the period's
    last segment when ``due`` is known, or, while a suspension holds the due date, the
    one in force before it; ``None`` when not known. An event updates both in O(1) where
    it can (see :meth:`add`); otherwise they are recomputed from all events
    (:meth:`settle`). ``base`` is the due date with no event at all: a suspension, a
    restart or a resumption only ever moves the due date later, so an event on or before
    ``base``, with no extension before it (an extension may be zero days long), needs no
    computation to be checked.
    """

    __slots__ = (
        "base",
        "beyond",
        "completed",
        "due",
        "end",
        "exts",
        "last_at",
        "mixed",
        "pauses",
        "restarted",
        "start",
        "state",
        "zone_info",
    )

    def __init__(self, first: ClockEvent, start: int) -> None:
        self.state = "running"
        self.last_at = first.at
        self.start = start
        self.pauses: tuple[Pause, ...] = ()  # tuples: a copy shares them
        self.exts: tuple[Ext, ...] = ()
        self.completed: dt.datetime | None = None
        self.due: int | None = _UNKNOWN
        self.end: int | None = None
        self.base: int | None = None
        # Why the due date is not known when it lies past the calendar's last day (the
        # clock started inside the coverage): ``due`` then stays ``_UNKNOWN``.
        self.beyond: Text | None = None
        self.restarted = False  # whether any restart was recorded
        self.mixed = False  # whether any extension counts calendar days
        # The calendar's zone as the events carry it (a ZoneInfo or the zone object
        # itself): an instant in it is aware, and its wall day is the calendar's day.
        self.zone_info: object = None

    @classmethod
    def begin(cls, first: ClockEvent, ix: CalendarIndex, tz: dt.tzinfo, period: Period) -> Tally:
        tally = cls(first, 0)
        tally.start = tally._local(first.at, tz)
        n = period.n
        i = tally.start - ix.ord0
        if n and type(period) is WorkingDays and 0 <= i < ix.size and ix.cum[i + 1] + n <= len(ix.work):
            # The common case, inline: the n-th working day after the start.
            tally.due = tally.end = tally.base = ix.work[ix.cum[i + 1] + n - 1]
            return tally
        tally.settle_known(ix, period)
        tally.base = None if tally.due == _UNKNOWN else tally.due
        return tally

    def copy(self) -> Tally:
        other: Tally = object.__new__(Tally)
        other.state, other.last_at, other.start = self.state, self.last_at, self.start
        other.pauses, other.exts = self.pauses, self.exts
        other.completed, other.due, other.end, other.base = self.completed, self.due, self.end, self.base
        other.restarted, other.mixed, other.zone_info = self.restarted, self.mixed, self.zone_info
        other.beyond = self.beyond
        return other

    # -- adding an event --------------------------------------------------------------------

    def add(
        self,
        event: ClockEvent,
        ix: CalendarIndex,
        tz: dt.tzinfo,
        period: Period,
        rule: StatuteRule | None,
        checked: bool = False,
        verify: bool = True,
    ) -> None:
        """Add ``event``, checking it only (and, when it ends a suspension, the
        extensions approved during it, whose check waited for its end). ``checked``: its
        order and state were checked already; ``verify=False``: the whole history was
        checked already (no in-force check)."""
        if not checked and (
            type(event) is not ClockEvent or event.at < self.last_at or event.kind not in ALLOWED[self.state]
        ):
            check_next(self.state, self.last_at, event)  # raises the error
        at = event.at
        day = at.toordinal() if at.tzinfo is self.zone_info else self._local(at, tz)
        kind = event.kind
        if kind is SUSPEND or kind is RESTART:
            pause = _new(Pause, (day, None, kind is RESTART, event))
            if verify and (self.exts or self.base is None or day > self.base):
                self._check_in_force(day, pause, ix, period)
            self.pauses += (pause,)
            if pause.restart:
                self.restarted = True
            # An open pause holds the due date, after counting the same segments as
            # before it (which raised no error when the due date was computed); ``end``
            # keeps the one in force. A restart is counted afresh.
            self.state = "suspended"
            if self.due == _UNKNOWN or pause.restart:
                self.due, self.end = _UNKNOWN, None
            else:
                self.due = None
        elif kind is RESUME:
            self._resume(day, ix, period, verify)
        elif kind is EXTEND:
            self._extend(event, day, ix, period, rule, checked, verify)
        else:  # COMPLETE: the due date does not change.
            self.state, self.completed = "completed", at
        self.last_at = at

    def _resume(self, day: int, ix: CalendarIndex, period: Period, verify: bool) -> None:
        """End the open suspension on ``day`` and update the due date (``verify``: check
        the extensions approved while it was open)."""
        pauses = self.pauses
        first, _, restart, opened = pauses[-1]
        closed = _new(Pause, (first, day, restart, opened))
        self.pauses = pauses = (*pauses[:-1], closed) if len(pauses) > 1 else (closed,)
        self.state = "running"
        end = self.end
        ord0 = ix.ord0
        if (
            end is not None
            and len(pauses) == 1
            and not restart
            and not self.exts
            and type(period) is WorkingDays
            and period.n
            and first > self.start
            and first >= ord0
            and day < end
            and end - ord0 < ix.size
        ):
            # The common case inline (see _resumed): the first suspension, within
            # the period, ended before its last day: the working days it took are
            # counted on from that last day.
            cum = ix.cum
            taken = cum[day - ord0 + 1] - cum[first - ord0]
            k = cum[end - ord0 + 1] + taken - 1
            if not taken:
                self.due = end
            elif k < len(ix.work):
                self.due = self.end = ix.work[k]
            else:
                self._resumed(closed, ix, period)
        else:
            self._resumed(closed, ix, period)
        if verify and self.exts:
            self._check_held_extensions(closed, ix, period)

    def _extend(
        self,
        event: ClockEvent,
        day: int,
        ix: CalendarIndex,
        period: Period,
        rule: StatuteRule | None,
        checked: bool,
        verify: bool,
    ) -> None:
        length = event.length
        assert length is not None  # enforced by extend()
        pauses, exts, n = self.pauses, self.exts, length.n
        if verify and pauses and pauses[-1].start == day:
            raise _NeedsFullCheckError
        working = isinstance(length, WorkingDays)
        ext = _new(Ext, (day, working, n, event, length))
        if not checked and rule is not None:
            # The rule's cap over the extensions so far (the earlier ones passed it).
            allowance = rule.extension
            if (
                allowance is None
                or len(exts) >= allowance.times
                or length.unit is not allowance.max.unit
                or (sum(e.n for e in exts) if exts else 0) + n > allowance.max.n
            ):
                _check_extensions(rule, [*exts, ext])  # type: ignore[list-item]  # reads .length
        if not working:
            self.mixed = True
        if verify and (exts or self.base is None or day > self.base):
            # Checked against every earlier event (no suspension started on its day).
            self._check_in_force(day, ext, ix, period)
        self.exts = (*exts, ext)
        if pauses and not (exts[-1].working if exts else type(period) is WorkingDays):
            # The last segment so far counted calendar days: a suspension in the gap
            # between its nominal last day and the roll-over held that day (see
            # _advance), which only the last segment does; now that the extension
            # follows it, count the segments afresh (as compute_deadline does).
            self.due, self.end = _UNKNOWN, None
            return
        # The common case inline (see _extended): running, ``end`` known, no suspension
        # after it, a working-day extension inside the coverage.
        end, due = self.end, self.due
        if working and n and end is not None and due is not None and due != _UNKNOWN:
            i = end - ix.ord0
            if (not pauses or pauses[-1].start <= end) and 0 <= i < ix.size:
                k = ix.cum[i + 1] + n - 1
                if k < len(ix.work):
                    self.due = self.end = ix.work[k]
                    return
        self._extended(ext, ix)

    def _check_in_force(self, day: int, event: Pause | Ext, ix: CalendarIndex, period: Period) -> None:
        """Refuse ``event`` (dated ``day``) if the deadline in force before it had passed."""
        if self.exts or self.base is None or day > self.base:
            if self.due == _UNKNOWN:
                try:
                    self.settle(ix, period)
                except CalendarCoverageError:
                    # The deadline in force lies past the calendar's last day, so after
                    # an event dated inside the coverage: in force. (An event past the
                    # last day cannot be checked: the error stands.)
                    if ix.ord0 <= self.start and day - ix.ord0 < ix.size:
                        return
                    raise
            due = self.due
            if due is not None and day > due:
                _raise_expired(day, event, due)

    def _check_held_extensions(self, closed: Pause, ix: CalendarIndex, period: Period) -> None:
        """The extensions approved while ``closed`` was open were checked against an open
        suspension (nothing expires then): check them now that it has ended."""
        for i, ext in enumerate(self.exts):
            if ext.approved < closed.start:
                continue
            if i == 0 and self.base is not None and ext.approved <= self.base:
                continue
            prior = self.copy()
            prior.pauses = tuple(p for p in self.pauses if p.start < ext.approved)
            prior.exts = self.exts[:i]
            prior.settle(ix, period)
            in_force = prior.due
            if in_force is not None and ext.approved > in_force:
                _raise_expired(ext.approved, ext, in_force)

    def _local(self, at: dt.datetime, tz: dt.tzinfo) -> int:
        """The ordinal of the day of ``at`` in the calendar's zone ``tz``; remembers its
        zone when it is the calendar's (the next events then need no conversion)."""
        info = at.tzinfo
        if info is tz or (info is not None and getattr(info, "key", None) == getattr(tz, "key", 0)):
            if type(info) is ZoneInfo or type(info) is type(tz):
                self.zone_info = info
            return at.toordinal()
        return at.astimezone(tz).toordinal()

    # -- the due date -----------------------------------------------------------------------

    def settle(self, ix: CalendarIndex, period: Period) -> None:
        """Compute the due date (and ``end``) from all events."""
        try:
            self.due, self.end = due_of_events(ix, self.start, period, self.pauses, self.exts)
            return
        except _UncoveredError:
            pass  # (outside the handler: the internal error is not the public one's context)
        sus, exts = self.records()
        # Raises the error compute_deadline raises (or answers, if the day outside the
        # coverage turns out not to be needed).
        due = due_date(ix.calendar, _fromordinal(self.start), period, sus, exts)
        self.due, self.end = (None if due is None else due.toordinal()), None

    def settle_known(self, ix: CalendarIndex, period: Period) -> None:
        """:meth:`settle`, except that a due date past the calendar's last day, for a
        clock started inside the coverage, is not an error: ``due`` stays ``_UNKNOWN``
        and :attr:`beyond` says what is missing (the clock answers what is known)."""
        try:
            self.settle(ix, period)
        except CalendarCoverageError as exc:
            if not 0 <= self.start - ix.ord0 < ix.size:
                raise
            self.due, self.end = _UNKNOWN, None
            self.beyond = Text(exc.zh or exc.en, exc.en)
            return
        self.beyond = None

    def _resumed(self, closed: Pause, ix: CalendarIndex, period: Period) -> None:
        """The due date after ``closed`` ended, in O(1) where it can be: a working-day
        period (n > 0) without restart, extended (if at all) in working days, whose
        nominal last day ``E`` before the suspension is known. ``E`` is then the day on
        which the unpaused working days after the start reach the period plus its
        extensions; the suspension began on or before ``E`` (else it was refused) and
        every earlier one ended before ``E``, so the working days it takes from
        ``(start, E]`` are counted on from ``max(E, its end)``."""
        end = self.end
        pauses = self.pauses
        if (
            end is None
            or closed.restart
            or not period.n
            or type(period) is not WorkingDays
            or self.restarted
            or self.mixed
        ):
            self.due = _UNKNOWN
            self.end = None
            return
        first = closed.start
        if len(pauses) > 1 and pauses[-2].end is not None and pauses[-2].end >= first:
            first = pauses[-2].end + 1
        if first <= self.start:
            first = self.start + 1
        last = closed.end if closed.end is not None and closed.end < end else end
        ord0, size, cum = ix.ord0, ix.size, ix.cum
        after = end if closed.end is None or closed.end < end else closed.end
        if not (0 <= first - ord0 <= size and 0 <= last - ord0 < size and 0 <= after - ord0 < size):
            self.due, self.end = _UNKNOWN, None
            return
        taken = cum[last - ord0 + 1] - cum[first - ord0] if last >= first else 0
        if taken:
            k = cum[after - ord0 + 1] + taken - 1
            if k >= len(ix.work):
                self.due, self.end = _UNKNOWN, None
                return
            after = ix.work[k]
        self.due = self.end = after

    def _extended(self, ext: Ext, ix: CalendarIndex) -> None:
        """The due date after ``ext``, in O(1) where it can be: running, with ``end``
        known and no suspension after it — the extension then counts on from ``end``
        over unpaused days. While a suspension holds the due date it still does."""
        if self.state == "suspended" and self.due is None and self.pauses and self.pauses[-1].end is None:
            self.end = None  # held; not known once it resumes
            return
        end = self.end
        if (
            self.due == _UNKNOWN
            or self.due is None
            or end is None
            or (self.pauses and self.pauses[-1].start > end)
        ):
            self.due, self.end = _UNKNOWN, None
            return
        i = end - ix.ord0
        if ext.working and ext.n and 0 <= i < ix.size and ix.cum[i + 1] + ext.n <= len(ix.work):
            # The common case, inline: the n-th working day after ``end``.
            self.due = self.end = ix.work[ix.cum[i + 1] + ext.n - 1]
            return
        try:
            end = _advance(ix, end, ext.working, ext.n, [], final=True)
            self.due, self.end = _roll(ix, end), end
        except _UncoveredError:
            self.due, self.end = _UNKNOWN, None

    def records(self) -> tuple[list[Suspension], list[Extension]]:
        """The suspensions and extensions as ``compute_deadline`` takes them."""
        sus = [
            Suspension(
                _fromordinal(p.start),
                None if p.end is None else _fromordinal(p.end),
                _basis(p),
                mode=SuspensionMode.RESTART if p.restart else SuspensionMode.PAUSE,
                ordered_by=p.event.authority,
            )
            for p in self.pauses
        ]
        exts = [
            Extension(e.event.length, authority_of(e.event), _fromordinal(e.approved), e.event.basis)
            for e in self.exts
            if e.event.length is not None
        ]
        return sus, exts


def _basis(pause: Pause) -> Citation:
    assert pause.event.basis is not None  # enforced by suspend()/restart()
    return pause.event.basis


def _raise_expired(day: int, event: Pause | Ext, in_force: int) -> None:
    record: Suspension | Extension
    if isinstance(event, Pause):
        assert event.event.basis is not None  # enforced by suspend()/restart()
        record = Suspension(_fromordinal(event.start), None, event.event.basis)
    else:
        assert event.event.length is not None
        record = Extension(event.event.length, authority_of(event.event), _fromordinal(day))
    raise_if_expired(_fromordinal(day), record, _fromordinal(in_force))


# --- the whole history at once, in compute_deadline's order ----------------------------------


def replay_checked(
    events: tuple[ClockEvent, ...], cal: WorkCalendar, period: Period, rule: StatuteRule | None
) -> None:
    """Check all events at once, as ``compute_deadline`` checks them (in date order, an
    extension before a suspension of the same day), raising the error it raises first."""
    zone_name = cal.zone
    suspensions, extensions, _ = replay(events, zone_name)
    start_day = events[0].at.astimezone(zone(zone_name)).date()
    exts = sorted(extensions, key=lambda e: e.approved_on)
    _check_extensions(rule, exts)
    for sus in suspensions:
        _check_max_length(cal, sus)
    check_in_force(cal, start_day, period, suspensions, exts)


def history_tally(
    events: tuple[ClockEvent, ...],
    ix: CalendarIndex,
    tz: dt.tzinfo,
    period: WorkingDays | CalendarDays,
    rule: StatuteRule | None,
) -> Tally:
    """The tally of a whole history, in one pass: each event checked as it comes (its
    order and state, the rule's cap on the extensions so far, the deadline in force).

    On any refusal the history is checked again in the order in which the checks
    report — the sequence, the cap over all extensions, then each event; and where the
    order of the events' checks matters (an extension on the day a suspension started,
    or a refusal), all of them at once in compute_deadline's order — so that the error
    raised is the one the ordered checks raise first."""
    try:
        if events and type(events[0]) is ClockEvent and events[0].kind is START:
            return replayed(events, ix, tz, period, rule, checked=False)
    except (GovEfficiencyError, _NeedsFullCheckError):
        pass
    check_sequence(events)
    # As compute_deadline: the rule's cap on extensions first, over all of them (it
    # reads their lengths only, which the events carry).
    _check_extensions(rule, [e for e in events if e.kind is ClockEventKind.EXTEND])  # type: ignore[misc]
    try:
        return replayed(events, ix, tz, period, rule, checked=True)
    except (_NeedsFullCheckError, SuspensionError, ExtensionError):
        pass
    replay_checked(events, ix.calendar, period, rule)
    return replayed(events, ix, tz, period, rule, checked=True, verify=False)


def replayed(
    events: tuple[ClockEvent, ...],
    ix: CalendarIndex,
    tz: dt.tzinfo,
    period: Period,
    rule: StatuteRule | None,
    *,
    checked: bool,
    verify: bool = True,
) -> Tally:
    """The tally of ``events`` added one by one (``checked``, ``verify``: see
    :meth:`Tally.add`)."""
    tally = Tally.begin(events[0], ix, tz, period)
    add = tally.add
    for event in events[1:]:
        add(event, ix, tz, period, rule, checked, verify)
    return tally
