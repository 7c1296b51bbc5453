"""Applications as escalation cases, through escalation's structural ``Case`` protocol.

This module does not import :mod:`govefficiency.escalation` (services sits below it in the
dependency order). An :class:`ApplicationCase` has what the protocol asks for — ``case_id``,
``title``, ``parties`` (lead unit, assisting units, slow units, officer, task) and
``view(at=...)`` returning an object with ``state``, ``due_date``, ``start`` and
``share_elapsed`` — so the shipped escalation policies run on applications unchanged.

The escalation engine compares a view's ``state`` with its own ``CaseState`` members by
identity. A module that must not import escalation cannot return those members, so a view
that is not open carries ``due_date = None``: the engine then never escalates it and lists
it among its notices (never silently dropped). Build the cases with
:func:`application_cases` at the instant you evaluate, which leaves out applications
already decided by then.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from govefficiency._deprecation import at_by_keyword
from govefficiency._records import Parties
from govefficiency._time import require_aware
from govefficiency._validators import instance_of
from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.errors import InvalidTypeError
from govefficiency.services._applications import Application, ApplicationRegister
from govefficiency.services._board import ApplicationStatus, Light, _register, status_board
from govefficiency.services._catalogue import Catalogue
from govefficiency.text import Text

__all__ = [
    "ApplicationCase",
    "CaseLimit",
    "ServiceCaseState",
    "ServiceCaseView",
    "ServiceParties",
    "application_cases",
]


class CaseLimit(enum.Enum):
    """Which limit an application case is due at: the committed limit (承诺时限, the
    default: what the centre promised) or the statutory one."""

    COMMITTED = "committed"
    STATUTORY = "statutory"


class ServiceCaseState(enum.Enum):
    """An application's state for escalation; the values are escalation's ``CaseState`` values."""

    OPEN = "open"
    SUSPENDED = "suspended"
    COMPLETED = "completed"
    UNDETERMINED = "undetermined"


@attrs.frozen
class ServiceCaseView:
    """An application at one instant, in the shape of escalation's ``CaseView``.

    Attributes:
        state: open, suspended, completed or undetermined.
        due_date: the due date of an open application; ``None`` otherwise.
        start: the day the decision period counts from, or ``None``.
        share_elapsed: ``None`` (escalation derives it from ``start`` and ``due_date``).
    """

    state: ServiceCaseState
    due_date: dt.date | None
    start: dt.date | None = None
    share_elapsed: float | None = None


@attrs.frozen
class ServiceParties(Parties):
    """Who is responsible for an application, in the shape of escalation's ``CaseParties``.

    Attributes:
        lead_unit: the item's competent unit, or ``None``.
        officer: the window post's A officer (or the handling officer), or ``None``.
        task: always ``None`` (an application is not a responsibility-graph task).
        assisting_units: ``()``.
        slow_units: ``()``.
    """


_STATES = {
    Light.GREEN: ServiceCaseState.OPEN,
    Light.YELLOW: ServiceCaseState.OPEN,
    Light.RED: ServiceCaseState.OPEN,
    Light.SUSPENDED: ServiceCaseState.SUSPENDED,
    Light.DONE: ServiceCaseState.COMPLETED,
    Light.PENDING: ServiceCaseState.UNDETERMINED,
    Light.NOT_RECEIVED: ServiceCaseState.UNDETERMINED,
    Light.UNDETERMINED: ServiceCaseState.UNDETERMINED,
}


@attrs.frozen
class ApplicationCase:
    """An application as an escalation case.

    Attributes:
        application: the application.
        catalogue: the catalogue it is checked against.
        limit: the limit the case is due at (default: the committed limit).
        calendar: the working-day calendar.
    """

    application: Application = attrs.field(validator=instance_of(Application))
    catalogue: Catalogue = attrs.field(validator=instance_of(Catalogue))
    limit: CaseLimit = attrs.field(default=CaseLimit.COMMITTED, validator=instance_of(CaseLimit))
    calendar: WorkCalendar = attrs.field(factory=china_calendar, validator=instance_of(WorkCalendar))
    _seen: dict[dt.datetime, ApplicationStatus] = attrs.field(
        factory=dict, eq=False, repr=False, alias="seen"
    )

    @property
    def case_id(self) -> str:
        return self.application.id

    @property
    def title(self) -> Text:
        item = self.catalogue._by_id.get(self.application.item)
        if item is None:
            return Text(f"办件 {self.application.id}", f"application {self.application.id}")
        return Text(
            f"{item.name.zh}（办件 {self.application.id}）",
            f"{item.name.en} (application {self.application.id})",
        )

    @property
    def parties(self) -> ServiceParties:
        item = self.catalogue._by_id.get(self.application.item)
        if item is None:
            return ServiceParties()
        post = None if item.post is None else self.catalogue.post(item.post)
        officer = self.application.handled_by or (post.a_officer if post is not None else None)
        return ServiceParties(lead_unit=item.competent_unit, officer=officer)

    @at_by_keyword(1)
    def view(self, *, at: dt.datetime) -> ServiceCaseView:
        """The application at ``at``: open with its due date, or not open with no due date."""
        status = self._seen.get(at)
        if status is None:
            status = status_board(
                (self.application,), self.catalogue, at=at, calendar=self.calendar
            ).statuses[0]
        state = _STATES[status.light]
        if state is not ServiceCaseState.OPEN:
            return ServiceCaseView(state, None, status.start)
        due = status.committed_due if self.limit is CaseLimit.COMMITTED else status.statutory_due
        return ServiceCaseView(state, due, status.start)


@at_by_keyword(2)
def application_cases(
    applications: ApplicationRegister | Iterable[Application],
    catalogue: Catalogue,
    *,
    at: dt.datetime,
    limit: CaseLimit = CaseLimit.COMMITTED,
    calendar: WorkCalendar | None = None,
) -> tuple[ApplicationCase, ...]:
    """The applications received and not yet decided at ``at``, as escalation cases (decided
    ones need no escalation; ones received later do not exist yet). Pending, suspended and undetermined ones are included:
    escalation lists them in its notices."""
    instant = require_aware(at, "at")
    if not isinstance(limit, CaseLimit):
        raise InvalidTypeError(
            f"limit must be a CaseLimit, not {type(limit).__name__}", "limit 必须是 CaseLimit"
        )
    if not isinstance(catalogue, Catalogue):
        raise InvalidTypeError(f"expected a Catalogue, not {type(catalogue).__name__}", "需要 Catalogue")
    cal = china_calendar() if calendar is None else calendar
    register = _register(applications)
    board = status_board(register, catalogue, at=instant, calendar=cal)
    out = []
    for app, status in zip(register.applications, board.statuses, strict=True):
        if status.light is Light.DONE or status.light is Light.NOT_RECEIVED:
            continue
        # The board's status at ``at`` is handed to the case, so that escalation evaluated
        # at the same instant does not recompute it application by application.
        out.append(ApplicationCase(app, catalogue, limit, cal, seen={instant: status}))
    return tuple(out)
