"""Cases from ledger time nodes and decision plans."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency.decisions import (
    Category,
    DecisionRecord,
    Flag,
    Hearing,
    Matter,
    PublicComment,
    plan_decision,
)
from govefficiency.errors import InvalidInputError, InvalidTypeError, NaiveDatetimeError
from govefficiency.escalation import CaseState, evaluate, get_policy, ledger_cases, plan_cases
from govefficiency.ledger import ChecklistItem, Ledger, TimeNode
from govefficiency.testing import sample_item
from strategies import SHANGHAI

D = dt.date


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 9, tzinfo=SHANGHAI)


def renovation() -> ChecklistItem:
    """Item KT-01 (lead housing, assisting finance) with nodes 40 % by 06-30 and 75 % by 09-30."""
    item: ChecklistItem = sample_item(
        "KT-01", time_nodes=(TimeNode(D(2026, 6, 30), 40), TimeNode(D(2026, 9, 30), 75))
    )
    return item


class TestLedgerCases:
    def test_next_unreached_time_node_is_the_due_date(self) -> None:
        """With 50% reported the case is due at the 09-30 node (75%), started at the 06-30 node."""
        ledger = Ledger()
        ledger.open_items([renovation()], at=at(1, 5))
        ledger.report_progress("KT-01", date=D(2026, 7, 31), share=50, at=at(8, 1))
        (case,) = ledger_cases(ledger, at=at(9, 1))
        assert case.due == D(2026, 9, 30)
        assert case.start == D(2026, 6, 30)
        assert case.parties.late_units == ("finance",)

    def test_the_node_escalates(self) -> None:
        """The 09-30 node gets the yellow light two working days before (Mon 09-28)."""
        # Back from Wed 09-30: Tue 09-29 (1), Mon 09-28 (2).
        ledger = Ledger()
        ledger.open_items([renovation()], at=at(1, 5))
        ledger.report_progress("KT-01", date=D(2026, 7, 31), share=50, at=at(8, 1))
        policy = get_policy("e-supervision-lights")
        assert evaluate(policy, ledger_cases(ledger, at=at(9, 25)), at=at(9, 25)).actions == ()
        result = evaluate(policy, ledger_cases(ledger, at=at(9, 28)), at=at(9, 28))
        assert [(a.key.level_id, a.key.due_date) for a in result.actions] == [("yellow", D(2026, 9, 30))]

    def test_unreported_item_is_due_at_its_first_node(self) -> None:
        """With nothing reported, the June node is still the one due (and long overdue in September)."""
        ledger = Ledger()
        ledger.open_items([renovation()], at=at(1, 5))
        (case,) = ledger_cases(ledger, at=at(9, 28))
        assert case.due == D(2026, 6, 30)

    def test_fully_reported_item_is_completed(self) -> None:
        """An item reported 100% complete is a completed case, which stops escalating."""
        ledger = Ledger()
        ledger.open_items([renovation()], at=at(1, 5))
        ledger.report_progress("KT-01", date=D(2026, 11, 20), share=100, at=at(11, 20))
        (case,) = ledger_cases(ledger, at=at(12, 1))
        assert case.view(at=at(12, 1)).state is CaseState.COMPLETED

    def test_bad_input(self) -> None:
        """A non-ledger or a naive instant is rejected."""
        with pytest.raises(InvalidTypeError):
            ledger_cases("ledger", at=at(9, 1))  # type: ignore[arg-type]
        with pytest.raises(NaiveDatetimeError):
            ledger_cases(Ledger(), at=dt.datetime(2026, 9, 1))


class TestPlanCases:
    def test_hearing_materials_become_a_case(self) -> None:
        """A hearing fixed for 09-25 makes its materials a case due 09-18."""
        matter = Matter("郊区公交线路票价调整", Category.PUBLIC_POLICY, {Flag.PUBLIC_INTEREST})
        record = DecisionRecord(matter, [PublicComment(D(2026, 9, 10)), Hearing(D(2026, 9, 25))])
        cases = plan_cases(plan_decision(record, on=D(2026, 9, 15)), decision_id="fares")
        materials = [c for c in cases if c.case_id.startswith("fares:hearing")]
        assert [c.due for c in materials] == [D(2026, 9, 18)]

    def test_bad_input(self) -> None:
        """A non-plan or an empty id is rejected."""
        matter = Matter("x", Category.PUBLIC_POLICY, set())
        plan = plan_decision(DecisionRecord(matter, []), on=D(2026, 9, 15))
        with pytest.raises(InvalidTypeError):
            plan_cases("plan", decision_id="x")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            plan_cases(plan, decision_id="")
