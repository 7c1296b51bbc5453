"""Ledger.views / Ledger.view: read-only item views decoded on demand agree with
Ledger.states / Ledger.state — on random histories, replayed to an earlier instant, on a
reopened SQLite store (snapshots) — stay as of when they were taken, and refuse bad input."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govefficiency.errors import GovEfficiencyError, InvalidTypeError, UnknownItemError
from govefficiency.ledger import (
    ItemState,
    ItemView,
    Ledger,
    MemoryStore,
    RectificationOrder,
    SqliteStore,
    june_check,
)

from ._histories import history, operations

_FIELDS = (
    "item",
    "opened_at",
    "as_of",
    "last_seq",
    "latest",
    "share",
    "reports",
    "plan_changes",
    "notices",
    "orders",
    "completions",
    "reviews",
    "settlement",
    "settled",
    "open_orders",
    "item_id",
)


def _agree(views: tuple[ItemView, ...], states: tuple[ItemState, ...]) -> None:
    """Each view shows, field by field, what the state shows (the fields read lazily
    first, then the whole state)."""
    assert [v.item_id for v in views] == [s.item_id for s in states]
    for view, state in zip(views, states, strict=True):
        for name in _FIELDS:
            assert getattr(view, name) == getattr(state, name), name
        assert view.state() == state


_OPS = operations()


class TestAgreeWithStates:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(ops=_OPS, cut=st.integers(0, 30))
    def test_random_histories_in_memory(self, ops, cut, make_item, when):
        """Whatever the history, views agree with states now and as of an earlier instant
        (replayed), by date and by instant."""
        led = Ledger()
        led.open_items([make_item(i) for i in ("T0", "T1", "T2")], at=when(1, 5))
        history(led, ops, when)
        _agree(led.views(), led.states())
        middle = when(2, 1) + dt.timedelta(hours=cut)
        _agree(led.views(at=middle), led.states(at=middle))
        _agree(led.views(at=dt.date(2026, 1, 31)), led.states(at=dt.date(2026, 1, 31)))
        for state in led.states(at=middle):
            _agree((led.view(state.item_id, at=middle),), (state,))

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(ops=_OPS, cut=st.integers(0, 30))
    def test_random_histories_reopened_from_sqlite(self, ops, cut, make_item, when):
        """A reopened SQLite ledger (folds read from the stored snapshots) gives the views
        a full replay gives, now and as of an earlier instant."""
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "views.sqlite"
            with Ledger(SqliteStore(path)) as led:
                led.open_items([make_item(i) for i in ("T0", "T1", "T2")], at=when(1, 5))
                history(led, ops, when)
            middle = when(2, 1) + dt.timedelta(hours=cut)
            with Ledger(SqliteStore(path, read_only=True)) as reopened:
                full = Ledger(MemoryStore(reopened.entries()))
                _agree(reopened.views(), full.states())
                _agree(reopened.views(at=middle), full.states(at=middle))
                _agree(reopened.views(), reopened.states())


class TestViews:
    def test_a_view_stays_as_of_when_it_was_taken(self, ledger, when):
        """Entries appended after a view was taken are not seen by it (it replays the
        item up to then); a new view sees them."""
        ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        before = ledger.states()
        views = ledger.views()
        one = ledger.view("T1")
        ledger.report_progress("T1", date=dt.date(2026, 4, 1), share=40, at=when(4, 1))
        order = ledger.require_rectification("T1", description="补报", due=dt.date(2026, 5, 1), at=when(4, 2))
        _agree(views, before)
        assert one.share == 10.0
        assert one.orders == ()
        assert ledger.view("T1").share == 40.0
        assert ledger.view("T1").open_orders[0].seq == order.seq

    def test_a_view_read_after_an_append_replays_once(self, ledger, when):
        """A view whose item moved on after it was taken still gives its state."""
        view = ledger.view("T1")
        ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        assert view.latest is None
        assert view.reports == ()
        assert view.state() == attrs.evolve(ledger.state("T1", at=when(2, 1)), as_of=None)

    def test_an_order_done_by_naming_its_correction_is_not_open(self, ledger, when):
        """A completion may name a correction of its order: the order is done for the
        view and for the state (ItemState.open_orders used to miss this)."""
        order = ledger.require_rectification("T1", description="补", due=dt.date(2026, 3, 1), at=when(2, 1))
        fixed = ledger.correct(
            order.seq, RectificationOrder("补（更正）", dt.date(2026, 3, 1)), at=when(2, 2)
        )
        ledger.complete_rectification("T1", order=fixed.seq, description="毕", at=when(2, 3))
        assert ledger.view("T1").open_orders == ()
        assert ledger.state("T1").open_orders == ()
        assert ledger.state("T1", at=when(2, 2)).open_orders[0].seq == fixed.seq
        assert ledger.view("T1", at=when(2, 2)).open_orders[0].seq == fixed.seq

    def test_latest_is_the_latest_report_date_even_recorded_earlier(self, ledger, when):
        """The latest report is by report date (a back-dated one does not win)."""
        ledger.report_progress("T1", date=dt.date(2026, 4, 1), share=40, at=when(4, 1))
        ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=30, at=when(4, 2))
        view = ledger.view("T1")
        assert view.latest is not None
        assert view.latest.value.share == 40.0
        assert view.share == 40.0
        assert [r.value.share for r in view.reports] == [30.0, 40.0]

    def test_the_reviews_read_views(self, ledger, when):
        """The June check gives the same report whether or not the views were read before
        (the views are not consumed)."""
        ledger.report_progress("T1", date=dt.date(2026, 6, 1), share=10, at=when(6, 1))
        first = june_check(ledger, at=dt.date(2026, 6, 30))
        ledger.views(at=dt.date(2026, 6, 30))[0].state()
        assert june_check(ledger, at=dt.date(2026, 6, 30)) == first

    def test_views_as_of_before_any_item_is_empty(self, ledger, when):
        assert ledger.views(at=dt.date(2026, 1, 4)) == ()
        assert ledger.states(at=dt.date(2026, 1, 4)) == ()

    def test_read_only(self, ledger):
        view = ledger.view("T1")
        with pytest.raises(AttributeError, match="read-only"):
            view.as_of = None  # type: ignore[misc]
        with pytest.raises(AttributeError, match="read-only"):
            del view.item_id  # type: ignore[misc]
        with pytest.raises(AttributeError):
            view.share = 50.0  # type: ignore[misc]
        assert "T1" in repr(view)


class TestBadInput:
    @pytest.mark.parametrize("method", ["views", "states"])
    @pytest.mark.parametrize(
        "bad",
        [dt.datetime(2026, 6, 30, 12), "2026-06-30", 20260630, True, 1.5],
        ids=["naive-datetime", "string", "int", "bool", "float"],
    )
    def test_at_is_a_date_or_an_aware_datetime(self, ledger, method, bad):
        """views() refuses what states() refuses, with a library error."""
        with pytest.raises(GovEfficiencyError):
            getattr(ledger, method)(at=bad)

    def test_view_bad_at_and_item(self, ledger, when):
        with pytest.raises(GovEfficiencyError):
            ledger.view("T1", at=dt.datetime(2026, 6, 30, 12))
        with pytest.raises(InvalidTypeError):
            ledger.view("T1", at="2026-06-30")  # type: ignore[arg-type]
        with pytest.raises(UnknownItemError):
            ledger.view("T9")
        with pytest.raises(UnknownItemError):
            ledger.view(1)  # type: ignore[arg-type]
        with pytest.raises(UnknownItemError, match="not yet open"):
            ledger.view("T1", at=dt.date(2026, 1, 4))

    def test_at_is_keyword_only(self, ledger):
        with pytest.raises(TypeError):
            ledger.views(dt.date(2026, 6, 30))  # type: ignore[misc]
        with pytest.raises(TypeError):
            ledger.view("T1", dt.date(2026, 6, 30))  # type: ignore[misc]

    @pytest.mark.parametrize("fold", [None, "T1", object()])
    def test_not_built_directly(self, fold):
        with pytest.raises(InvalidTypeError, match=r"Ledger\.views"):
            ItemView(fold, None, 0)  # type: ignore[arg-type]

    def test_not_built_from_a_bad_instant_or_head(self, ledger):
        fold = ledger.view("T1")._fold
        with pytest.raises(InvalidTypeError, match="as_of"):
            ItemView(fold, dt.datetime(2026, 6, 30), 1)
        with pytest.raises(InvalidTypeError, match="head"):
            ItemView(fold, None, True)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="head"):
            ItemView(fold, None, 0)
