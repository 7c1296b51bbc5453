"""The append-only ledger: each entry kind, the rules of appending, corrections and replay."""

from __future__ import annotations

import datetime as dt
import pickle
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency.errors import (
    InvalidInputError,
    InvalidTypeError,
    LedgerEntryError,
    NaiveDatetimeError,
    UnknownItemError,
    UnknownNodeError,
)
from govefficiency.ledger import (
    CheckStatus,
    Draft,
    EntryKind,
    Ledger,
    MemoryStore,
    MilestoneChange,
    Outcome,
    ProgressReport,
    RectificationOrder,
    Review,
    ReviewKind,
    Settlement,
    TimeNode,
    reconcile,
)
from govefficiency.testing import at


class TestEntryKinds:
    def test_item_opened(self, ledger, when):
        """Opening items (年初建账) records one item_opened entry each, in order."""
        assert [e.kind for e in ledger.entries()] == [EntryKind.ITEM_OPENED] * 2
        assert ledger.item_ids() == ("T1", "T2")
        state = ledger.state("T1")
        assert state.opened_at == when(1, 5)
        assert state.reports == ()
        assert state.share == 0.0

    def test_milestone_set(self, ledger, when):
        """A milestone change replaces the item's plan and keeps the reason and approver."""
        nodes = (TimeNode(dt.date(2026, 7, 31), 40), TimeNode(dt.date(2026, 10, 31), 85))
        entry = ledger.set_milestones(
            "T1",
            nodes,
            reason="汛期停工一个月",
            approver="vm-wang",
            at=when(6, 1),
            deadline=dt.date(2026, 12, 20),
        )
        assert entry.kind is EntryKind.MILESTONE_SET
        item = ledger.item("T1")
        assert item.time_nodes == nodes
        assert item.deadline == dt.date(2026, 12, 20)
        change = ledger.state("T1").plan_changes[0].value
        assert (change.reason, change.approver) == ("汛期停工一个月", "vm-wang")

    def test_milestone_change_must_fit_the_item(self, ledger, when):
        """A plan with a node after the (new) deadline is refused and nothing is recorded."""
        with pytest.raises(InvalidInputError, match="after the final date"):
            ledger.set_milestones(
                "T1",
                (TimeNode(dt.date(2026, 12, 25), 90),),
                reason="r",
                approver="vm-wang",
                at=when(6, 1),
                deadline=dt.date(2026, 12, 20),
            )
        assert len(ledger) == 2

    def test_progress_reported(self, ledger, when):
        """A progress report becomes the item's latest share, with narrative and evidence."""
        ledger.report_progress("T1", date=dt.date(2026, 5, 31), share=35, at=when(6, 1), narrative="征地完成")
        ledger.report_progress(
            "T1", date=dt.date(2026, 6, 30), share=52.5, at=when(7, 1), evidence=["验收单 12 号"]
        )
        state = ledger.state("T1")
        assert state.share == 52.5
        assert state.latest.value.evidence == ("验收单 12 号",)
        assert [r.value.share for r in state.reports] == [35.0, 52.5]

    def test_latest_report_is_by_report_date(self, ledger, when):
        """A late-recorded report about an earlier date does not replace a newer one."""
        ledger.report_progress("T1", date=dt.date(2026, 6, 30), share=50, at=when(7, 1))
        ledger.report_progress("T1", date=dt.date(2026, 5, 31), share=30, at=when(7, 2))
        assert ledger.state("T1").share == 50.0

    def test_notice_issued(self, ledger, when):
        """Supervision notices from a reconciliation are recorded as notice_issued entries."""
        ledger.report_progress("T1", date=dt.date(2026, 9, 25), share=60, at=when(9, 25))
        notices = reconcile(ledger, at=dt.date(2026, 9, 30)).notices
        entries = ledger.issue_notices(notices, at=when(9, 30, 18))
        assert [e.kind for e in entries] == [EntryKind.NOTICE_ISSUED] * 2
        assert ledger.state("T1").notices[0].value == notices[0]

    def test_rectification_required_and_done(self, ledger, when):
        """A rectification is open until a rectification_done entry answers it."""
        ledger.report_progress("T1", date=dt.date(2026, 9, 25), share=60, at=when(9, 25))
        (notice,) = ledger.issue_notices(
            reconcile(ledger, at=dt.date(2026, 9, 30)).notices[:1], at=when(9, 30, 18)
        )
        order = ledger.require_rectification(
            "T1", description="加派施工力量", due=dt.date(2026, 10, 31), at=when(10, 8), notice=notice.seq
        )
        assert [o.origin for o in ledger.state("T1").open_orders] == [order.seq]
        ledger.complete_rectification(
            "T1", order=order.seq, description="已增加两个班组", at=when(10, 20), evidence=["照片"]
        )
        state = ledger.state("T1")
        assert state.open_orders == ()
        assert state.completions[0].value.evidence == ("照片",)

    def test_reviewed(self, ledger, when):
        """A review result is recorded per item."""
        review = Review(ReviewKind.JUNE_CHECK, CheckStatus.BEHIND, 48.4, 30.0, "滞后", "gov-office")
        ledger.record_review("T1", review, at=when(7, 1))
        assert ledger.state("T1").reviews[0].value == review

    def test_settled(self, ledger, when):
        """A settlement (年底交账) is the item's final assessment."""
        ledger.append([Draft("T1", when(12, 31, 18), Settlement(Outcome.UNFINISHED, 70))])
        state = ledger.state("T1")
        assert state.settled
        assert state.settlement.value.outcome is Outcome.UNFINISHED


class TestRules:
    def test_unopened_item(self, ledger, when):
        """Entries about an item never opened are refused."""
        with pytest.raises(UnknownItemError, match="T9 has not been opened"):
            ledger.report_progress("T9", date=dt.date(2026, 3, 1), share=1, at=when(3, 1))

    def test_item_opened_twice(self, ledger, make_item, when):
        """An item cannot be opened twice; the message says how to change it."""
        with pytest.raises(LedgerEntryError, match=r"already open.*open-items.*Ledger.set_milestones"):
            ledger.open_items([make_item("T1")], at=when(2, 1))

    def test_recorded_before_opening(self, ledger, when):
        """Nothing about an item can be recorded before it was opened (the rule of time
        order refuses it first: the opening is the ledger's latest entry)."""
        with pytest.raises(LedgerEntryError, match="before the latest entry of the ledger"):
            ledger.report_progress("T1", date=dt.date(2026, 1, 2), share=1, at=when(1, 2))

    def test_report_dated_after_recording(self, ledger, when):
        """A report cannot be about a day after the day it is recorded (Beijing time)."""
        with pytest.raises(LedgerEntryError, match="dated 2026-06-30 cannot be recorded on 2026-06-29"):
            ledger.report_progress("T1", date=dt.date(2026, 6, 30), share=50, at=when(6, 29, 23, 59))
        # 16:30 UTC on 29 June is 00:30 on 30 June in Beijing: allowed.
        at = dt.datetime(2026, 6, 29, 16, 30, tzinfo=dt.UTC)
        assert ledger.report_progress("T1", date=dt.date(2026, 6, 30), share=50, at=at).seq == 3

    def test_notice_for_another_item(self, ledger, when):
        """A notice must be recorded under the item it is about."""
        ledger.report_progress("T1", date=dt.date(2026, 9, 25), share=10, at=when(9, 25))
        notice = reconcile(ledger, at=dt.date(2026, 9, 30)).notices[0]
        with pytest.raises(LedgerEntryError, match="recorded for item T2"):
            ledger.append([Draft("T2", when(9, 30, 18), notice)])

    def test_order_must_answer_a_notice_of_the_item(self, ledger, when):
        """A rectification order's notice must be a notice entry of the same item."""
        with pytest.raises(LedgerEntryError, match="not a notice_issued entry of item T1"):
            ledger.require_rectification(
                "T1", description="x", due=dt.date(2026, 10, 1), at=when(9, 1), notice=1
            )

    def test_done_must_answer_an_order(self, ledger, when):
        """A rectification done must name a rectification_required entry of the item."""
        with pytest.raises(LedgerEntryError, match="not a rectification_required entry"):
            ledger.complete_rectification("T1", order=2, description="x", at=when(9, 1))

    def test_done_twice(self, ledger, when):
        """A rectification cannot be completed twice."""
        order = ledger.require_rectification("T1", description="x", due=dt.date(2026, 10, 1), at=when(9, 1))
        ledger.complete_rectification("T1", order=order.seq, description="ok", at=when(9, 2))
        with pytest.raises(LedgerEntryError, match="already done"):
            ledger.complete_rectification("T1", order=order.seq, description="again", at=when(9, 3))

    def test_settled_twice(self, ledger, when):
        """An item is settled once; a change is a correction."""
        ledger.append([Draft("T1", when(12, 31), Settlement(Outcome.COMPLETED, 100, dt.date(2026, 12, 1)))])
        with pytest.raises(LedgerEntryError, match="already settled"):
            ledger.append([Draft("T1", when(12, 31, 10), Settlement(Outcome.UNFINISHED, 90))])

    def test_known_units(self, make_item, when):
        """With known units given, an item naming another unit is refused."""
        led = Ledger(known_units={"housing", "finance"}, known_leaders={"vm-wang"})
        led.open_items([make_item("T1")], at=when(1, 5))
        with pytest.raises(UnknownNodeError, match="transport"):
            led.open_items([make_item("T2", lead_unit="transport")], at=when(1, 5))
        with pytest.raises(UnknownNodeError, match="vm-li"):
            led.open_items([make_item("T3", leader="vm-li")], at=when(1, 5))

    def test_batch_is_all_or_nothing(self, ledger, when):
        """When one draft of a batch is refused, none of the batch is appended."""
        drafts = [
            Draft("T1", when(3, 1), ProgressReport(dt.date(2026, 3, 1), 10)),
            Draft("T2", when(3, 1), ProgressReport(dt.date(2026, 3, 1), 12)),
            Draft("T9", when(3, 1), ProgressReport(dt.date(2026, 3, 1), 5)),
        ]
        with pytest.raises(UnknownItemError):
            ledger.append(drafts)
        assert len(ledger) == 2
        assert ledger.state("T1").reports == ()
        assert len(ledger.store) == 2  # type: ignore[arg-type]

    def test_batch_sees_its_own_entries(self, make_item, when):
        """Later drafts of a batch may refer to earlier ones (open, then report, then order)."""
        led = Ledger()
        entries = led.append(
            [
                Draft("T1", when(1, 5), make_item("T1")),
                Draft("T1", when(3, 1), ProgressReport(dt.date(2026, 3, 1), 10)),
                Draft("T1", when(3, 2), RectificationOrder("补报", dt.date(2026, 3, 9))),
            ]
        )
        assert [e.seq for e in entries] == [1, 2, 3]
        assert led.state("T1").share == 10.0

    @pytest.mark.parametrize(
        ("call", "error"),
        [
            (lambda led, w: led.append(["not a draft"]), InvalidTypeError),
            (lambda led, w: led.open_items(["T1"], at=w(1, 5)), InvalidTypeError),
            (lambda led, w: led.issue_notices(["n"], at=w(1, 5)), InvalidTypeError),
            (
                lambda led, w: led.report_progress(
                    "T1", date=dt.date(2026, 3, 1), share=1, at=dt.datetime(2026, 3, 1)
                ),
                NaiveDatetimeError,
            ),
            (
                lambda led, w: led.report_progress("T1", date=dt.date(2026, 3, 1), share=-1, at=w(3, 1)),
                InvalidInputError,
            ),
            (lambda led, w: led.entry(0), UnknownItemError),
            (lambda led, w: led.entry(99), UnknownItemError),
            (lambda led, w: led.state("T9"), UnknownItemError),
            (lambda led, w: led.state("T1", at="2026-06-30"), InvalidTypeError),
            (lambda led, w: led.entries(kind="progress"), InvalidTypeError),
            (
                lambda led, w: led.correct(99, ProgressReport(dt.date(2026, 3, 1), 1), at=w(3, 1)),
                UnknownItemError,
            ),
            (lambda led, w: Ledger(store="memory"), InvalidTypeError),
            (lambda led, w: Ledger(zone="Mars/Olympus"), InvalidInputError),
        ],
    )
    def test_bad_input(self, ledger, when, call, error):
        """Every public method rejects bad input with a specific error."""
        with pytest.raises(error):
            call(ledger, when)

    def test_empty_batch(self, ledger):
        """An empty batch appends nothing."""
        assert ledger.append([]) == ()
        assert len(ledger) == 2


class TestCorrections:
    def test_correction_takes_the_place_of_the_original(self, ledger, when):
        """A correction replaces the corrected report in the state; both stay recorded."""
        wrong = ledger.report_progress("T1", date=dt.date(2026, 6, 30), share=85, at=when(7, 1))
        fixed = ledger.correct(
            wrong.seq, ProgressReport(dt.date(2026, 6, 30), 45, "更正：误填"), at=when(7, 2)
        )
        state = ledger.state("T1")
        assert state.share == 45.0
        assert state.latest.origin == wrong.seq
        assert state.latest.seq == fixed.seq
        assert state.latest.corrected
        assert [e.seq for e in ledger.entries("T1", kind=EntryKind.PROGRESS_REPORTED)] == [
            wrong.seq,
            fixed.seq,
        ]

    def test_correction_of_a_correction(self, ledger, when):
        """A correction may itself be corrected; the latest one is in effect."""
        a = ledger.report_progress("T1", date=dt.date(2026, 6, 30), share=85, at=when(7, 1))
        b = ledger.correct(a.seq, ProgressReport(dt.date(2026, 6, 30), 45), at=when(7, 2))
        ledger.correct(b.seq, ProgressReport(dt.date(2026, 6, 30), 47), at=when(7, 3))
        state = ledger.state("T1")
        assert len(state.reports) == 1
        assert state.share == 47.0
        assert state.latest.origin == a.seq

    def test_correcting_the_opening_changes_the_item(self, ledger, make_item, when):
        """Correcting the opening entry changes the item (e.g. a new officer)."""
        ledger.correct(1, make_item("T1", officer="wang-fang"), at=when(2, 1))
        assert ledger.item("T1").officer == "wang-fang"
        assert ledger.item("T1", at=when(1, 31)).officer == "li-ming"

    def test_correction_keeps_later_plan_changes(self, ledger, make_item, when):
        """A corrected opening is combined with plan changes recorded after it."""
        nodes = (TimeNode(dt.date(2026, 8, 31), 60),)
        ledger.set_milestones("T1", nodes, reason="调整", approver="vm-wang", at=when(3, 1))
        ledger.correct(1, make_item("T1", title="新标题"), at=when(3, 2))
        item = ledger.item("T1")
        assert (item.title, item.time_nodes) == ("新标题", nodes)

    def test_correction_of_another_kind(self, ledger, when):
        """A correction must have the kind of the entry it corrects."""
        report = ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        with pytest.raises(LedgerEntryError, match="same item and kind"):
            ledger.correct(report.seq, Settlement(Outcome.COMPLETED, 100), at=when(3, 2))

    def test_correction_of_another_item(self, ledger, when):
        """A correction is recorded under the item of the entry it corrects."""
        report = ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        with pytest.raises(LedgerEntryError, match="same item and kind"):
            ledger.append([Draft("T2", when(3, 2), ProgressReport(dt.date(2026, 3, 1), 5), report.seq)])

    def test_correction_recorded_before_the_original(self, ledger, when):
        """A correction cannot be recorded before the entry it corrects (nor before any
        entry: the ledger is append-only in time)."""
        report = ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 5))
        with pytest.raises(LedgerEntryError, match="append-only in time"):
            ledger.correct(report.seq, ProgressReport(dt.date(2026, 3, 1), 12), at=when(3, 4))

    def test_opening_correction_cannot_rename(self, ledger, make_item, when):
        """A correction of an opening must keep the item's id."""
        with pytest.raises(LedgerEntryError, match="opens item T7"):
            ledger.correct(1, make_item("T7"), at=when(2, 1))


class TestReplay:
    def test_state_as_of_a_past_instant(self, ledger, when):
        """The state on 30 June ignores what was recorded later."""
        ledger.report_progress("T1", date=dt.date(2026, 6, 20), share=40, at=when(6, 21))
        ledger.report_progress("T1", date=dt.date(2026, 7, 20), share=60, at=when(7, 21))
        assert ledger.state("T1", at=dt.date(2026, 6, 30)).share == 40.0
        assert ledger.state("T1", at=when(7, 21)).share == 60.0
        assert ledger.state("T1").share == 60.0

    def test_correction_only_counts_from_when_it_was_recorded(self, ledger, when):
        """As of before a correction, the original value shows."""
        wrong = ledger.report_progress("T1", date=dt.date(2026, 6, 30), share=85, at=when(7, 1))
        ledger.correct(wrong.seq, ProgressReport(dt.date(2026, 6, 30), 45), at=when(7, 10))
        assert ledger.state("T1", at=when(7, 5)).share == 85.0
        assert ledger.state("T1", at=when(7, 10)).share == 45.0

    def test_items_not_yet_open(self, ledger, make_item, when):
        """An item opened in March is not in the ledger as of February."""
        ledger.open_items([make_item("T3")], at=when(3, 1))
        assert ledger.item_ids(at=dt.date(2026, 2, 28)) == ("T1", "T2")
        assert [s.item_id for s in ledger.states(at=dt.date(2026, 2, 28))] == ["T1", "T2"]
        with pytest.raises(UnknownItemError, match="not yet open"):
            ledger.state("T3", at=dt.date(2026, 2, 28))

    def test_entries_filters(self, ledger, when):
        """entries() filters by item, kind and instant."""
        ledger.report_progress("T2", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        ledger.report_progress("T2", date=dt.date(2026, 4, 1), share=20, at=when(4, 1))
        assert len(ledger.entries("T2")) == 3
        assert len(ledger.entries("T2", kind=EntryKind.PROGRESS_REPORTED, at=dt.date(2026, 3, 31))) == 1
        assert ledger.entries(kind=EntryKind.SETTLED) == ()

    @settings(deadline=None, max_examples=25)
    @given(
        steps=st.lists(
            st.tuples(st.sampled_from(["T1", "T2"]), st.integers(1, 300), st.floats(0, 100), st.booleans()),
            max_size=25,
        ),
        cut=st.integers(1, 300),
    )
    def test_replay_matches_a_ledger_built_up_to_then(self, make_item, steps, cut):
        """Replaying to an instant gives the same state as a ledger holding only the entries
        recorded by then."""
        start = at(2026, 1, 5, 9)
        full = Ledger()
        items = [make_item("T1"), make_item("T2")]
        full.open_items(items, at=start)
        until = start + dt.timedelta(days=cut)
        partial = Ledger()
        partial.open_items(items, at=start)
        reports: dict[str, list[int]] = {"T1": [], "T2": []}
        for k, (item_id, days, share, correct) in enumerate(sorted(steps, key=lambda s: s[1])):
            moment = start + dt.timedelta(days=days, minutes=k)
            report = ProgressReport(moment.date(), round(share, 2))
            if correct and reports[item_id]:
                seq = reports[item_id][-1]
                full.correct(seq, report, at=moment)
                if moment <= until:
                    partial.correct(seq, report, at=moment)
            else:
                entry = full.report_progress(item_id, date=report.date, share=report.share, at=moment)
                reports[item_id].append(entry.seq)
                if moment <= until:
                    partial.report_progress(item_id, date=report.date, share=report.share, at=moment)
        for item_id in ("T1", "T2"):
            replayed = full.state(item_id, at=until)
            direct = partial.state(item_id)
            assert [r.value for r in replayed.reports] == [r.value for r in direct.reports]
            assert replayed.share == direct.share
        assert full.verify().ok


class TestSharing:
    def test_two_ledgers_on_one_store(self, make_item, when):
        """Two ledgers on one store see each other's entries and keep one valid chain."""
        store = MemoryStore()
        a, b = Ledger(store), Ledger(store)
        a.open_items([make_item("T1")], at=when(1, 5))
        b.refresh()
        b.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        a.report_progress("T1", date=dt.date(2026, 3, 2), share=12, at=when(3, 2))  # absorbs b's entry
        assert [e.seq for e in a.entries()] == [1, 2, 3]
        assert a.state("T1").share == 12.0
        assert b.refresh() == 1
        assert store.verify().ok

    def test_threads_appending_to_a_memory_store(self, make_item, when):
        """Threads each with a ledger on one MemoryStore lose and duplicate nothing."""
        store = MemoryStore()
        Ledger(store).open_items([make_item("T1")], at=when(1, 5))

        def work(k: int) -> None:
            led = Ledger(store)
            for i in range(20):
                led.report_progress(
                    "T1", date=dt.date(2026, 3, 1), share=i, narrative=f"{k}-{i}", at=when(3, 1)
                )

        threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        led = Ledger(store)
        narratives = [e.payload.narrative for e in led.entries(kind=EntryKind.PROGRESS_REPORTED)]
        assert sorted(narratives) == sorted(f"{k}-{i}" for k in range(4) for i in range(20))
        assert led.verify().ok

    def test_ledger_pickles(self, ledger, when):
        """A ledger (with its memory store) survives pickling."""
        ledger.report_progress("T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1))
        back = pickle.loads(pickle.dumps(ledger))
        assert back.state("T1") == ledger.state("T1")
        assert back.anchor == ledger.anchor
        back.report_progress("T1", date=dt.date(2026, 3, 2), share=11, at=when(3, 2))
        assert len(ledger) == 3


def test_milestone_change_is_validated_against_the_item(make_item):
    """MilestoneChange.apply re-validates the plan against the item it changes."""
    with pytest.raises(InvalidInputError, match="must be 100%"):
        MilestoneChange((TimeNode(dt.date(2026, 12, 31), 90),), "r", "a").apply(make_item())


def test_as_of_an_instant_in_another_zone(ledger):
    """The as-of instant may be an aware datetime in any zone (01:00 UTC is 09:00 in Beijing)."""
    utc = dt.datetime(2026, 1, 5, 1, 0, tzinfo=dt.UTC)
    assert ledger.state("T1", at=utc).item == ledger.item("T1")
    with pytest.raises(UnknownItemError):
        ledger.state("T1", at=utc - dt.timedelta(seconds=1))


@pytest.mark.parametrize("method", ["report_progress", "complete_rectification"])
def test_a_lone_string_is_not_a_list_of_evidence(ledger, when, method):
    """evidence="abc" used to be stored as ('a', 'b', 'c') in the hash chain forever."""
    from govefficiency.errors import InvalidTypeError

    call = {
        "report_progress": lambda: ledger.report_progress(
            "T1", date=dt.date(2026, 3, 1), share=10, at=when(3, 1), evidence="abc"
        ),
        "complete_rectification": lambda: ledger.complete_rectification(
            "T1", order=1, description="done", at=when(3, 1), evidence="abc"
        ),
    }[method]
    with pytest.raises(InvalidTypeError, match="evidence"):
        call()
    assert ledger.head_seq == 2
