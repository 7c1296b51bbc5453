"""A case's ``view`` takes the time by keyword (issue 10): the engine calls
``case.view(at=...)``; the old ``case.view(at)`` warns for one release and gives the same view."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path

import pytest

from govefficiency import Text
from govefficiency.deadlines import DeadlineClock, WorkingDays
from govefficiency.errors import InvalidInputError
from govefficiency.escalation import (
    Case,
    CaseParties,
    CaseState,
    CaseView,
    ClockCase,
    DatedCase,
    evaluate,
    get_policy,
)
from govefficiency.testing import CST

D = dt.date


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 9, tzinfo=CST)


def cases() -> list[ClockCase | DatedCase]:
    # A clock started Mon 09-28 for 20 working days: due Fri 10-30 (National Day 10-01..10-08
    # not counted, the make-up Saturday 10-10 counted); a dated case due Fri 10-16.
    clock = DeadlineClock.start("C-1", at=at(9, 28), period=WorkingDays(20))
    return [ClockCase(clock), DatedCase("D-1", "报告", D(2026, 10, 16))]


@pytest.mark.parametrize("cls", [ClockCase, DatedCase, Case])
def test_view_takes_at_keyword_only(cls: type) -> None:
    assert inspect.signature(cls.view).parameters["at"].kind is inspect.Parameter.KEYWORD_ONLY


def test_the_old_form_warns_and_gives_the_same_view() -> None:
    for case in cases():
        with pytest.warns(DeprecationWarning, match=r"\.view\(\): passing the time by position") as caught:
            old = case.view(at(10, 21))
        assert Path(caught[0].filename) == Path(__file__)  # points at the caller's line
        assert old == case.view(at=at(10, 21))
    assert [c.view(at=at(10, 21)).state for c in cases()] == [CaseState.OPEN, CaseState.OVERDUE]


def test_the_time_given_both_ways_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="at is given twice"):
        cases()[1].view(at(10, 21), at=at(10, 21))  # type: ignore[misc]


class LegacyCase:
    """A case source written against the old protocol: ``view(self, at)``, positional-or-keyword."""

    case_id = "L-1"
    title = Text("旧事项", "old case")
    parties = CaseParties(lead_unit="edu")

    def view(self, at: dt.datetime) -> CaseView:
        return CaseView(CaseState.OVERDUE, D(2026, 10, 16), D(2026, 10, 9))


def test_a_case_whose_view_takes_at_by_position_still_works(recwarn: pytest.WarningsRecorder) -> None:
    """The engine passes ``at=``, which such a view accepts too (no warning: nothing old was called)."""
    # Overdue since Fri 10-16 (3 working days by Wed 10-21): a reminder, then supervision.
    result = evaluate(get_policy("handling-limits"), [LegacyCase()], at=at(10, 21))
    assert [(a.case_id, a.kind.value) for a in result.actions] == [
        ("L-1", "reminder"),
        ("L-1", "supervision_notice"),
    ]
    assert not recwarn.list
