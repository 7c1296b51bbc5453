"""Approval steps as escalation cases (structural: escalation is not imported)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any, NamedTuple

import attrs

from govefficiency._deprecation import at_by_keyword
from govefficiency._records import Parties
from govefficiency._time import local_date, require_aware
from govefficiency._validators import instance_of
from govefficiency.approvals._model import Flow
from govefficiency.approvals._project import (
    Project,
    StepState,
    _case_step,
    _date,
)
from govefficiency.approvals._schedule import Arith
from govefficiency.approvals._track import (
    _calendar,
    _step_clock,
    _structure_for,
)
from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.text import Text

__all__ = ["StepCase", "StepParties", "step_cases"]


@attrs.frozen
class StepParties(Parties):
    """Who answers for a step, shaped like escalation's ``CaseParties`` (structurally).

    Attributes:
        lead_unit: the step's responsible unit (the unit holding it), or ``None``.
        officer: the project's agent officer (代办员), answerable for the whole project.
    """


class StepView(NamedTuple):
    """A step seen as a case, when escalation is not loaded (same fields as its ``CaseView``)."""

    state: str
    due_date: dt.date | None
    start: dt.date | None = None
    share_elapsed: float | None = None


_VIEW_STATES = {
    StepState.WAITING: "undetermined",
    StepState.RUNNING: "open",
    StepState.OVERDUE: "open",
    StepState.SUSPENDED: "suspended",
    StepState.COMPLETED_ON_TIME: "completed",
    StepState.COMPLETED_LATE: "completed",
    StepState.UNDETERMINED: "undetermined",
}


def _case_view(state: str, due: dt.date | None, start: dt.date | None, share: float | None) -> Any:
    """The view in escalation's own types when escalation is loaded (its engine compares
    states by identity), else a :class:`StepView` with the same fields. Approvals never
    imports escalation: if the engine is asking, its module is already loaded."""
    cases = sys.modules.get("govefficiency.escalation._cases")
    if cases is None:
        return StepView(state, due, start, share)
    return cases.CaseView(cases.CaseState(state), due, start, share)


@attrs.frozen
class StepCase:
    """One step of a project as an escalation case (satisfies ``escalation.Case``
    structurally). A step not yet started has no clock: its view is undetermined.

    Attributes:
        flow: the flow.
        project: the project.
        step: the step's id.
        calendar: the working-day calendar.
    """

    flow: Flow = attrs.field(validator=instance_of(Flow))
    project: Project = attrs.field(validator=instance_of(Project))
    step: str = attrs.field(converter=_case_step)
    calendar: WorkCalendar = attrs.field(factory=china_calendar, validator=instance_of(WorkCalendar))

    def __attrs_post_init__(self) -> None:
        self.flow.step(self.step)
        _structure_for(self.flow, self.project)

    @property
    def case_id(self) -> str:
        return f"{self.project.id}:{self.step}"

    @property
    def title(self) -> Text:
        name = self.flow.step(self.step).name
        return Text(f"{self.project.id}：{name.zh}", f"{self.project.id}: {name.en}")

    @property
    def parties(self) -> StepParties:
        return StepParties(lead_unit=self.flow.step(self.step).unit, officer=self.project.agent)

    @at_by_keyword(1)
    def view(self, *, at: dt.datetime) -> Any:
        """The step at the aware instant ``at``, as an escalation case view."""
        at = require_aware(at, "at")
        st = _structure_for(self.flow, self.project)
        ar = Arith(self.calendar)
        v = st.ix[self.step]
        c = _step_clock(
            st,
            v,
            self.project.step_events(self.step),
            self.project._ts.get(self.step, ()),
            self.project._days(self.calendar.zone).get(self.step, ()),
            at,
            at.timestamp(),
            local_date(at, self.calendar.zone).toordinal(),
            ar,
            self.project,
        )
        share = None if st.length[v] == 0 else (c.used + c.overdue_by) / st.length[v]
        return _case_view(
            _VIEW_STATES[c.state],
            None if c.due is None or c.state is StepState.SUSPENDED else _date(c.due),
            None if c.started is None else _date(c.started),
            share,
        )


def step_cases(flow: Flow, project: Project, *, calendar: WorkCalendar | None = None) -> tuple[StepCase, ...]:
    """Every step of the project as an escalation case, in flow order."""
    _structure_for(flow, project)
    cal = _calendar(calendar)
    return tuple(StepCase(flow, project, s.id, cal) for s in flow.steps)
