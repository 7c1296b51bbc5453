"""The two-level clock of open applications (电子监察 yellow/red lights) and the findings
that follow from it, computed in bulk with the deadline engine's
:func:`govefficiency.deadlines.due_dates`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from functools import partial
from typing import Any

from govefficiency._deprecation import at_by_keyword
from govefficiency._gc import gc_paused
from govefficiency._records import calendar_or_default
from govefficiency._time import local_date, require_aware
from govefficiency._time import zone as zone_of
from govefficiency.calendar import WorkCalendar
from govefficiency.deadlines import (
    Extension,
    Suspension,
    compute_deadline,
    due_dates,
    get_rule,
)
from govefficiency.errors import (
    CalendarCoverageError,
    GovEfficiencyError,
    InvalidTypeError,
)
from govefficiency.findings import Finding
from govefficiency.services._app_findings import _board_findings
from govefficiency.services._applications import (
    _NOTICE_RULE,
    Application,
    ApplicationRegister,
)
from govefficiency.services._catalogue import Catalogue, ServiceItem
from govefficiency.services._lights import ApplicationStatus, Light, StatusBoard
from govefficiency.text import Text

# --- evaluation -------------------------------------------------------------------------------

__all__ = [
    "ApplicationStatus",
    "Light",
    "StatusBoard",
    "application_status",
    "check_applications",
    "status_board",
]


def _check_inputs(catalogue: object, at: object, calendar: object) -> tuple[dt.datetime, WorkCalendar]:
    if not isinstance(catalogue, Catalogue):
        raise InvalidTypeError(f"expected a Catalogue, not {type(catalogue).__name__}", "需要 Catalogue")
    instant = require_aware(at, "at")
    cal = calendar_or_default(calendar)
    return instant, cal


def _register(value: object) -> ApplicationRegister:
    if isinstance(value, ApplicationRegister):
        return value
    if isinstance(value, Application):
        return ApplicationRegister((value,))
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return ApplicationRegister(tuple(value))
    raise InvalidTypeError(
        f"expected an ApplicationRegister or applications, not {type(value).__name__}",
        "需要 ApplicationRegister 或办件序列",
    )


def _coverage_text(exc: CalendarCoverageError) -> Text:
    return Text(exc.zh or exc.en, exc.en)


class _Row:
    """Mutable working state of one application during evaluation (private)."""

    __slots__ = (
        "app",
        "c_beyond",
        "committed",
        "decided",
        "deemed",
        "item",
        "light",
        "notice_due",
        "provisional",
        "reason",
        "received",
        "rejected",
        "s_beyond",
        "simple",
        "start",
        "statutory",
    )

    def __init__(self, app: Application, item: ServiceItem | None, received: dt.date) -> None:
        self.app = app
        self.item = item
        self.received = received
        self.notice_due: dt.date | None = None
        self.start: dt.date | None = None
        self.deemed = False
        self.committed: dt.date | None = None
        self.statutory: dt.date | None = None
        self.decided: dt.date | None = None
        self.reason: Text | None = None
        self.simple = not app.suspensions and not app.extensions
        self.light: Light | None = None
        self.provisional = False
        self.rejected = False
        self.s_beyond = False
        self.c_beyond = False


def _bulk(days: list[dt.date], period: Any, cal: WorkCalendar) -> list[dt.date | Text]:
    """Due dates for ``days``; a day whose limit leaves the calendar gets the reason instead."""
    try:
        return due_dates(days, period, calendar=cal).dates  # type: ignore[return-value]
    except CalendarCoverageError:
        out: list[dt.date | Text] = []
        for d in days:
            try:
                out.append(due_dates([d], period, calendar=cal).dates[0])
            except CalendarCoverageError as exc:
                out.append(_coverage_text(exc))
        return out


def _evaluate(
    register: ApplicationRegister, catalogue: Catalogue, at: dt.datetime, cal: WorkCalendar
) -> list[_Row]:
    rows, live = _triage(register, catalogue, at, zone_of(cal.zone))
    at_day = local_date(at, cal.zone)
    # A limit that leaves the calendar ends after its last day: what happened on or before
    # that day is still decided (on time, not yet overdue); only later instants are not.
    last = cal.last
    beyond_note = Text(
        f"时限届满日晚于日历覆盖范围（至 {last}），具体日期待公布放假安排后确定",
        f"the limit ends after the calendar's last day ({last}); its date awaits the published arrangement",
    )
    _notice_step(live, at_day, cal, beyond_note)
    running = [r for r in live if r.light is None and r.start is not None]
    _limits_step(running, catalogue, cal, beyond_note)
    _lights_step(running, at_day, cal)
    return rows


def _triage(
    register: ApplicationRegister, catalogue: Catalogue, at: dt.datetime, tz: dt.tzinfo
) -> tuple[list[_Row], list[_Row]]:
    """One row per application, and the rows whose clock runs (a known item with a known
    rule, received by ``at``); the other rows get their light here."""
    rows: list[_Row] = []
    live: list[_Row] = []
    get = catalogue._by_id.get
    usable = {i.id for i in catalogue.items if i.rule in catalogue.rules}
    append, live_append = rows.append, live.append
    for original in register.applications:
        # Hot loop: one dict look-up and one zone conversion per application.
        app = original if original._last <= at else original.as_of(at=at)
        item = get(app.item)
        row = _Row(app, item, app.received.astimezone(tz).date())
        append(row)
        if app.item in usable:
            if app.received <= at:
                live_append(row)
            else:
                row.light = Light.NOT_RECEIVED
        elif item is None:
            row.light, row.reason = Light.UNDETERMINED, Text("事项不在清单中", "item not in the catalogue")
        else:
            row.light, row.reason = (
                Light.UNDETERMINED,
                Text(f"未知规则 {item.rule}", f"unknown rule {item.rule}"),
            )
    return rows, live


def _notice_step(live: list[_Row], at_day: dt.date, cal: WorkCalendar, beyond_note: Text) -> None:
    """Step 1: the completeness notice; sets each row's start (acceptance or deemed acceptance)."""
    tz = zone_of(cal.zone)
    last, official = cal.last, cal.official_through
    # the completeness notice: 5 working days from receipt (art. 32 ¶1(4), art. 82).
    notice_rule = get_rule(_NOTICE_RULE)
    pending, undetermined = Light.PENDING, Light.UNDETERMINED
    for r, due in zip(live, _bulk([r.received for r in live], notice_rule, cal), strict=True):
        beyond = isinstance(due, Text)
        if isinstance(due, Text):
            r.reason = beyond_note
            bound = last
        else:
            r.notice_due = bound = due
            if due > official:
                r.provisional = True
        notified = r.app._notified
        if notified is not None:
            if notified.astimezone(tz).date() <= bound:
                if r.app.accepted is not None:
                    r.start = r.app.accepted.astimezone(tz).date()
                else:
                    r.light = pending  # corrections asked for in time; awaiting the materials
                continue
        elif at_day <= bound:
            r.light = pending
            continue
        if beyond:  # notified, or asked about, after the calendar's last day: not known
            r.light = undetermined
            continue
        r.deemed, r.start = True, r.received


def _limits_step(running: list[_Row], catalogue: Catalogue, cal: WorkCalendar, beyond_note: Text) -> None:
    """Step 2: the committed and statutory limits, from the (deemed) acceptance."""
    groups: dict[str, list[_Row]] = defaultdict(list)  # by item: each item has one rule and one commitment
    for r in running:
        if r.simple:
            groups[r.app.item].append(r)
        else:
            _complex(r, catalogue, cal)
    for item_id, members in groups.items():
        item = catalogue._by_id[item_id]
        starts = [r.start for r in members]
        stat = _bulk(starts, catalogue.rules.get(item.rule), cal)  # type: ignore[arg-type]
        comm = _bulk(starts, item.committed, cal)  # type: ignore[arg-type]
        for r, st, c in zip(members, stat, comm, strict=True):
            if isinstance(st, Text):
                r.s_beyond, r.reason = True, beyond_note
            else:
                r.statutory = st
            if isinstance(c, Text):
                r.c_beyond, r.reason = True, beyond_note
            else:
                r.committed = c


def _lights_step(running: list[_Row], at_day: dt.date, cal: WorkCalendar) -> None:
    """Step 3: the lights (the findings are derived from the statuses on demand:
    StatusBoard.findings)."""
    tz = zone_of(cal.zone)
    last, official = cal.last, cal.official_through
    for r in running:
        if r.light is not None:
            continue
        app = r.app
        statutory, committed = r.statutory, r.committed
        if (statutory is not None and statutory > official) or (
            committed is not None and committed > official
        ):
            r.provisional = True
        if app.decided is not None:
            decided = r.decided = app.decided.astimezone(tz).date()
            r.light = Light.UNDETERMINED if (r.s_beyond or r.c_beyond) and decided > last else Light.DONE
        elif r.s_beyond or r.c_beyond:
            r.light = _open_light(at_day, statutory, committed, last)
        elif statutory is None:
            r.light = Light.SUSPENDED
        else:
            r.light = _open_light(at_day, statutory, committed, None)


def _open_light(
    at_day: dt.date, statutory: dt.date | None, committed: dt.date | None, last: dt.date | None
) -> Light:
    """An open application's light: red past the statutory limit; undetermined past
    ``last`` (the calendar's end, when a limit lies beyond it); yellow past the committed
    limit; green otherwise."""
    if statutory is not None and at_day > statutory:
        return Light.RED
    if last is not None and at_day > last:
        return Light.UNDETERMINED
    if committed is not None and at_day > committed:
        return Light.YELLOW
    return Light.GREEN


def _complex(r: _Row, catalogue: Catalogue, cal: WorkCalendar) -> None:
    """Limits of an application with suspensions or extensions: the explained engine."""
    assert r.item is not None
    assert r.start is not None
    zone = cal.zone
    app = r.app
    suspensions = [
        Suspension(local_date(s.start, zone), None if s.end is None else local_date(s.end, zone), s.basis)
        for s in app.suspensions
    ]
    extensions = [Extension(e.length, e.authority, local_date(e.at, zone)) for e in app.extensions]
    rule = catalogue.rules.get(r.item.rule)
    try:
        stat = compute_deadline(r.start, rule, calendar=cal, suspensions=suspensions, extensions=extensions)
        comm = compute_deadline(r.start, r.item.committed, calendar=cal, suspensions=suspensions)
    except CalendarCoverageError as exc:
        r.light, r.reason = Light.UNDETERMINED, _coverage_text(exc)
        return
    except GovEfficiencyError as exc:  # a suspension or extension the law does not allow
        r.light, r.reason, r.rejected = Light.UNDETERMINED, Text(exc.zh or exc.en, exc.en), True
        return
    r.statutory, r.committed = stat.due_date, comm.due_date
    if r.statutory is None and app.decided is None:
        r.light = Light.SUSPENDED


_new_status = tuple.__new__


def _status(r: _Row) -> ApplicationStatus:
    return _new_status(
        ApplicationStatus,
        (
            r.app.id,
            r.app.item,
            None if r.item is None else r.item.competent_unit,
            r.light,
            r.received,
            r.notice_due,
            r.start,
            r.deemed,
            r.committed,
            r.statutory,
            r.decided,
            r.provisional,
            r.reason,
            len(r.app.corrections),
            r.rejected,
        ),
    )


@at_by_keyword(2)
def status_board(
    applications: ApplicationRegister | Iterable[Application],
    catalogue: Catalogue,
    *,
    at: dt.datetime,
    calendar: WorkCalendar | None = None,
) -> StatusBoard:
    """Every application's two-level clock at ``at`` and the findings of the records as
    known at ``at`` (events after ``at`` are ignored). Limits are computed in bulk per
    (rule, committed limit) with :func:`govefficiency.deadlines.due_dates`; applications
    with suspensions or extensions go through :func:`~govefficiency.deadlines.compute_deadline`.
    A limit that leaves the calendar's coverage ends after its last day: what happened by
    then is decided; a later instant or decision against it is ``UNDETERMINED``, with the
    reason, never a guess."""
    instant, cal = _check_inputs(catalogue, at, calendar)
    register = _register(applications)
    with gc_paused():  # see govefficiency._gc: the rows and statuses are not garbage
        statuses = tuple(_status(r) for r in _evaluate(register, catalogue, instant, cal))
    record = partial(_board_findings, statuses, register, catalogue, instant, cal.zone)
    return StatusBoard(instant, statuses, record=record)


@at_by_keyword(2)
def application_status(
    application: Application, catalogue: Catalogue, *, at: dt.datetime, calendar: WorkCalendar | None = None
) -> ApplicationStatus:
    """One application's two-level clock at ``at``."""
    if not isinstance(application, Application):
        raise InvalidTypeError(
            f"expected an Application, not {type(application).__name__}", "需要 Application"
        )
    return status_board((application,), catalogue, at=at, calendar=calendar).statuses[0]


@at_by_keyword(2)
def check_applications(
    applications: ApplicationRegister | Iterable[Application],
    catalogue: Catalogue,
    *,
    at: dt.datetime,
    calendar: WorkCalendar | None = None,
) -> list[Finding]:
    """The findings of the applications as known at ``at``, errors first."""
    return list(status_board(applications, catalogue, at=at, calendar=calendar).findings)
