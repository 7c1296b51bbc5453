"""Shared values for the escalation tests."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import strategies as st

from govefficiency import responsibility as org
from govefficiency.escalation import CaseParties, Trigger, TriggerKind
from govefficiency.testing import at as _at
from govefficiency.text import Text

#: The parties of the tests' usual case: transport leads, finance assists, officer o-li.
PARTIES = CaseParties(lead_unit="transport", assisting_units=("finance",), officer="o-li")


def city() -> org.ResponsibilityGraph:
    """A small city: transport (also called 市交通局) led by deputy mayor dep-li, finance by
    dep-zhao, both under the mayor; the government office; the supervision office; and the
    task "road" (lead transport, assisting finance)."""
    return org.ResponsibilityGraph(
        units=[
            org.Unit("transport", Text("市交通运输局", "Transport Bureau"), aliases=("市交通局",)),
            org.Unit("finance", Text("市财政局", "Finance Bureau")),
            org.Unit(
                "gov-office", Text("市政府办公室", "Government Office"), kind=org.UnitKind.GENERAL_OFFICE
            ),
        ],
        leaders=[
            org.Leader("mayor", Text("王市长", "Mayor Wang"), role=org.LeaderRole.HEAD),
            org.Leader("dep-li", Text("李副市长", "Deputy Li"), supervises={"transport"}, reports_to="mayor"),
            org.Leader(
                "dep-zhao", Text("赵副市长", "Deputy Zhao"), supervises={"finance"}, reports_to="mayor"
            ),
        ],
        supervision_office=org.SupervisionOffice("duchashi", Text("市政府督查室", "Supervision Office")),
        tasks=[
            org.Task(
                "road", Text("修路", "Road"), leads=("transport",), assists=("finance",), leader="dep-li"
            )
        ],
    )


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """``hour`` o'clock (Beijing time) on ``day``."""
    return _at(day.year, day.month, day.day, hour)


def triggers(
    before: tuple[int, int], overdue: tuple[int, int], shares: st.SearchStrategy[float]
) -> st.SearchStrategy[Trigger]:
    """Triggers of every kind: ``before`` and ``overdue`` bound the working days, ``shares``
    draws the share of the period elapsed."""
    return st.one_of(
        st.builds(Trigger, st.just(TriggerKind.BEFORE_DUE), st.integers(*before)),
        st.builds(Trigger, st.just(TriggerKind.OVERDUE), st.integers(*overdue)),
        st.just(Trigger(TriggerKind.AT_DUE)),
        st.builds(Trigger, st.just(TriggerKind.SHARE_ELAPSED), share=shares),
    )


def with_garbage(doc: dict[str, Any], rows: str, where: str, row: str, garbage: object) -> object:
    """A copy of ``doc`` with ``garbage`` as the whole document (``where`` "top"), as its first
    row of ``rows`` (``where`` == ``row``), or as that row's field ``where``."""
    if where == "top":
        return garbage if isinstance(garbage, dict) else {rows: garbage}
    doc = copy.deepcopy(doc)
    if where == row:
        doc[rows][0] = garbage
    else:
        doc[rows][0][where] = garbage
    return doc
