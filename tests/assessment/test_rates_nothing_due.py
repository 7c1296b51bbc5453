"""A supervision rate with nothing due (0 of 0) is no value: the assessment reports it missing.

The ledger's ``Rate.percent`` shows 0 of 0 as 100 % (nothing was missed); as an
assessment value a rate of nothing is undefined, like the completion rate of a unit with
no item due, so ``ledger_metrics`` gives no row and the assessment says what is missing.
"""

from __future__ import annotations

import datetime as dt

from govefficiency.assessment import AssessedUnit, Inputs, Linear, assess, ledger_metrics
from govefficiency.ledger import supervision_rates
from govefficiency.testing import at, sample_item, sample_ledger

from ._helpers import ind, scheme


def test_rate_with_nothing_due_is_missing_not_full_marks() -> None:
    # Worked by hand, rates as of 2026-09-30 18:00:
    # - unit a: K1 due 15 Sept, never reported, no supervision notice → one time node due and
    #   missed, none noticed: execution 0 of 1 = 0 %; no notice, no order → reporting and
    #   rectification 0 of 0.
    # - unit b: K2 due 10 Sept, completed on 9 Sept → no node missed: execution 0 of 0 too.
    # Scheme: one indicator ledger.execution_rate worth 10 points, linear 0..100 %.
    # a: 0 % → 0 points, total 0. b: 0 of 0 is no value → MISSING_METRIC, total undetermined
    # (before the fix b got the ledger's 100 % → 10 points, a full mark for nothing).
    items = [
        sample_item(ident, lead_unit=unit, deadline=due, time_nodes=(), assisting_units=())
        for ident, unit, due in (("K1", "a", dt.date(2026, 9, 15)), ("K2", "b", dt.date(2026, 9, 10)))
    ]
    ledger = sample_ledger(items, opened=at(2026, 7, 1))
    ledger.report_progress("K2", date=dt.date(2026, 9, 9), share=100, at=at(2026, 9, 9, 17))
    rates = supervision_rates(ledger, at=at(2026, 9, 30, 18))
    by_unit = {u.unit: {r.kind.value: (r.done, r.due) for r in u.rates} for u in rates.units}
    assert by_unit["a"] == {"execution": (0, 1), "reporting": (0, 0), "rectification": (0, 0)}
    assert by_unit["b"] == {"execution": (0, 0), "reporting": (0, 0), "rectification": (0, 0)}

    rows = ledger_metrics(rates=rates, units=["a", "b"], period="2026Q3")
    assert [(r.unit, r.metric, r.value, r.refs) for r in rows] == [
        ("a", "ledger.execution_rate", 0.0, ("K1",))
    ]

    sch = scheme([ind("ledger.execution_rate", 10, Linear(0, 100))])
    report = assess(sch, Inputs([AssessedUnit("a", "unit"), AssessedUnit("b", "unit")], rows), "2026Q3")
    assert report.unit("a").total == 0
    assert report.unit("b").total is None
    missing = [f for f in report.findings if f.code == "MISSING_METRIC"]
    assert [f.subject for f in missing] == [("b", "ledger.execution_rate")]
