"""Old call forms of the ledger's API still work for one release, with a DeprecationWarning
(docs/conventions.md: ``at=`` is keyword-only). ``check_item_refs`` is tested in test_items."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency.errors import InvalidInputError
from govefficiency.ledger import (
    june_check,
    reconcile,
    settle,
    supervision_rates,
)

JUNE_30 = dt.date(2026, 6, 30)


@pytest.mark.parametrize("review", [june_check, reconcile, settle, supervision_rates])
def test_review_at_by_position_warns_and_agrees(review, ledger, when):
    """``review(ledger, day)`` warns and gives the same report as ``review(ledger, at=day)``."""
    ledger.report_progress("T1", date=dt.date(2026, 6, 28), share=50, at=when(6, 28))
    with pytest.warns(DeprecationWarning, match="by position is deprecated.*at="):
        old = review(ledger, JUNE_30)
    assert old == review(ledger, at=JUNE_30)


@pytest.mark.parametrize("review", [june_check, settle])
def test_review_at_twice_is_refused(review, ledger):
    """The time given both by position and as ``at=`` is an error, not a guess."""
    with pytest.raises(InvalidInputError, match="given twice"):
        review(ledger, JUNE_30, at=JUNE_30)


def test_review_without_at_is_refused(ledger):
    """The review time is required."""
    with pytest.raises(TypeError):
        june_check(ledger)


@pytest.mark.parametrize(
    ("call", "keyword"),
    [
        (lambda led, at: led.states(at), lambda led, at: led.states(at=at)),
        (lambda led, at: led.items(at), lambda led, at: led.items(at=at)),
        (lambda led, at: led.item_ids(at), lambda led, at: led.item_ids(at=at)),
        (lambda led, at: led.state("T1", at), lambda led, at: led.state("T1", at=at)),
        (lambda led, at: led.item("T1", at), lambda led, at: led.item("T1", at=at)),
    ],
)
def test_ledger_reads_at_by_position_warn_and_agree(call, keyword, ledger):
    """``Ledger.state(item, at)`` and the other reads warn, and read as ``at=``."""
    with pytest.warns(DeprecationWarning, match=r"Ledger\.\w+\(\): passing the time by position"):
        old = call(ledger, JUNE_30)
    assert old == keyword(ledger, JUNE_30)
