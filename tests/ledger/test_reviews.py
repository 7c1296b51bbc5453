"""The annual cycle's reviews: June check, September reconciliation, year-end settlement,
monthly review and the supervision rates."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency import ledger as lg
from govefficiency.calendar import china_calendar
from govefficiency.errors import (
    InvalidInputError,
    InvalidTypeError,
    LedgerFileError,
    NaiveDatetimeError,
)

JUNE_30 = dt.date(2026, 6, 30)
SEPT_30 = dt.date(2026, 9, 30)
# 2026 has 248 working days, 120 of them by 30 June (see test_items).
HALF_YEAR = 100 * 120 / 248


def _by_id(report):
    return {i.item_id: i for i in report.items}


class TestJuneCheck:
    def test_half_the_time_half_the_work(self, ledger, when):
        """An item at 50% on 30 June is on track (48.4% of the time elapsed); one at 40% is behind."""
        ledger.report_progress("T1", date=dt.date(2026, 6, 28), share=50, at=when(6, 28))
        ledger.report_progress("T2", date=dt.date(2026, 6, 28), share=40, at=when(6, 28))
        report = lg.june_check(ledger, at=JUNE_30)
        items = _by_id(report)
        assert items["T1"].status is lg.CheckStatus.ON_TRACK
        assert items["T2"].status is lg.CheckStatus.BEHIND
        assert items["T2"].time_share == pytest.approx(HALF_YEAR)
        assert items["T2"].gap == pytest.approx(HALF_YEAR - 40)
        assert items["T2"].report_date == dt.date(2026, 6, 28)
        assert [i.item_id for i in report.behind] == ["T2"]

    def test_tolerance(self, ledger, when):
        """With a 10-point tolerance, 40% against 48.4% is on track."""
        ledger.report_progress("T2", date=dt.date(2026, 6, 28), share=40, at=when(6, 28))
        report = lg.june_check(ledger, at=JUNE_30, policy=lg.ReviewPolicy(tolerance=10))
        assert _by_id(report)["T2"].status is lg.CheckStatus.ON_TRACK

    def test_no_report(self, ledger):
        """An item with nothing reported while time has elapsed has the status 'no report'."""
        report = lg.june_check(ledger, at=JUNE_30)
        assert {i.status for i in report.items} == {lg.CheckStatus.NO_REPORT}
        assert report.items[0].work_share is None
        assert report.items[0].gap == pytest.approx(HALF_YEAR)

    def test_nothing_due_yet(self, ledger, make_item, when):
        """An item that has not started yet is on track without a report."""
        ledger.open_items([make_item("T3", start=dt.date(2026, 7, 1), time_nodes=())], at=when(1, 5))
        assert _by_id(lg.june_check(ledger, at=JUNE_30))["T3"].status is lg.CheckStatus.ON_TRACK

    def test_working_days_or_calendar_days(self, ledger, when):
        """49% is on track in working days (48.4%) but behind in calendar days (181/365 = 49.6%)."""
        ledger.report_progress("T1", date=JUNE_30, share=49, at=when(6, 30))
        assert _by_id(lg.june_check(ledger, at=JUNE_30))["T1"].status is lg.CheckStatus.ON_TRACK
        in_days = _by_id(lg.june_check(ledger, at=JUNE_30, policy=lg.ReviewPolicy(working_days=False)))["T1"]
        assert in_days.time_share == pytest.approx(100 * 181 / 365)
        assert in_days.status is lg.CheckStatus.BEHIND

    def test_plan_basis(self, ledger, when):
        """Against the plan (50% due on 30 June), 49% is behind."""
        ledger.report_progress("T1", date=JUNE_30, share=49, at=when(6, 30))
        item = _by_id(lg.june_check(ledger, at=JUNE_30, policy=lg.ReviewPolicy(basis=lg.Basis.PLAN)))["T1"]
        assert item.expected_share == pytest.approx(50.0)
        assert item.status is lg.CheckStatus.BEHIND

    def test_report_window(self, ledger, when):
        """With a 30-day window, a report from 15 May no longer counts on 30 June."""
        ledger.report_progress("T1", date=dt.date(2026, 5, 15), share=60, at=when(5, 15))
        items = _by_id(lg.june_check(ledger, at=JUNE_30, policy=lg.ReviewPolicy(report_window=30)))
        assert items["T1"].status is lg.CheckStatus.NO_REPORT

    def test_as_of_a_past_date(self, ledger, when):
        """Re-running the June check in July ignores what was recorded after 30 June."""
        ledger.report_progress("T1", date=dt.date(2026, 6, 28), share=30, at=when(6, 28))
        ledger.report_progress("T1", date=dt.date(2026, 7, 10), share=70, at=when(7, 10))
        assert _by_id(lg.june_check(ledger, at=JUNE_30))["T1"].work_share == 30.0
        assert _by_id(lg.june_check(ledger, at=dt.date(2026, 7, 10)))["T1"].work_share == 70.0

    def test_findings(self, ledger, when):
        """Behind gives a warning, no report an error, each naming item and unit."""
        ledger.report_progress("T2", date=dt.date(2026, 6, 28), share=40, at=when(6, 28))
        findings = {f.code: f for f in lg.june_check(ledger, at=JUNE_30).findings()}
        assert findings["ITEM_BEHIND_SCHEDULE"].subject == ("T2", "transport")
        assert "8.4 points behind" in findings["ITEM_BEHIND_SCHEDULE"].message.en
        assert findings["ITEM_NOT_REPORTED"].subject == ("T1", "housing", "li-ming")
        assert findings["ITEM_NOT_REPORTED"].severity.value == "error"
        assert "时间过半、任务过半" in findings["ITEM_BEHIND_SCHEDULE"].citation.render("zh")

    def test_units_and_recording(self, ledger, when):
        """The check summarises per unit and can be recorded as reviewed entries."""
        ledger.report_progress("T2", date=dt.date(2026, 6, 28), share=40, at=when(6, 28))
        report = lg.june_check(ledger, at=JUNE_30)
        assert [(u.unit, u.behind, u.no_report) for u in report.units()] == [
            ("housing", (), ("T1",)),
            ("transport", ("T2",), ()),
        ]
        entries = ledger.append(report.drafts(at=when(7, 1), reviewer="gov-office"))
        assert [e.kind for e in entries] == [lg.EntryKind.REVIEWED] * 2
        review = ledger.state("T2").reviews[0].value
        assert (review.kind, review.status, review.reviewer) == (
            lg.ReviewKind.JUNE_CHECK,
            lg.CheckStatus.BEHIND,
            "gov-office",
        )

    def test_is_pure(self, ledger):
        """A check records nothing by itself."""
        lg.june_check(ledger, at=JUNE_30)
        assert len(ledger) == 2

    def test_to_dict(self, ledger):
        """The report converts to JSON-ready data."""
        data = lg.june_check(ledger, at=JUNE_30).to_dict()
        assert data["day"] == "2026-06-30"
        assert data["items"][0]["status"] == "no_report"
        assert data["policy"]["basis"] == "time"


class TestReconcile:
    def test_notice_for_an_item_behind_its_node(self, ledger, when):
        """An item at 60% on 30 Sep (node: 80%) gets a notice naming who, which node and how much."""
        ledger.report_progress("T1", date=SEPT_30, share=85, at=when(9, 30))
        ledger.report_progress("T2", date=SEPT_30, share=60, at=when(9, 30))
        result = lg.reconcile(ledger, at=SEPT_30)
        assert result.on_track == ("T1",)
        (notice,) = result.notices
        assert (notice.item_id, notice.unit, notice.leader, notice.officer) == (
            "T2",
            "transport",
            "vm-wang",
            "zhao-lei",
        )
        assert notice.node == lg.TimeNode(SEPT_30, 80, "主体完工")
        assert (notice.actual_share, notice.shortfall, notice.days_late) == (60.0, 20.0, 0)
        # Five working days to report back: 1–7 Oct is the National Day holiday, Sat
        # 10 Oct a make-up working day, so they are 8, 9, 10, 12 and 13 October.
        assert notice.reply_by == dt.date(2026, 10, 13)

    def test_days_late(self, ledger, when):
        """Checked on 15 Oct, a 30 Sep node is 15 days and 7 working days late."""
        # Working days after 30 Sep up to 15 Oct: 8, 9, 10 (make-up), 12, 13, 14, 15.
        ledger.report_progress("T2", date=SEPT_30, share=60, at=when(9, 30))
        notice = next(n for n in lg.reconcile(ledger, at=dt.date(2026, 10, 15)).notices if n.item_id == "T2")
        assert (notice.days_late, notice.working_days_late) == (15, 7)

    def test_never_reported(self, ledger):
        """An item never reported is behind by the node's whole share."""
        notice = lg.reconcile(ledger, at=SEPT_30).notices[0]
        assert (notice.actual_share, notice.shortfall, notice.reported) == (0.0, 80.0, False)

    def test_tolerance(self, ledger, when):
        """Within the tolerance no notice is issued."""
        ledger.report_progress("T1", date=SEPT_30, share=76, at=when(9, 30))
        ledger.report_progress("T2", date=SEPT_30, share=76, at=when(9, 30))
        assert lg.reconcile(ledger, at=SEPT_30, policy=lg.ReviewPolicy(tolerance=5)).notices == ()

    def test_no_node_due(self, ledger):
        """Before the first node nothing is behind a node."""
        assert lg.reconcile(ledger, at=dt.date(2026, 3, 30)).notices == ()

    def test_recorded_notices_are_not_repeated(self, ledger, when):
        """A node already noticed is not noticed again unless asked."""
        ledger.report_progress("T1", date=SEPT_30, share=85, at=when(9, 30))
        ledger.issue_notices(lg.reconcile(ledger, at=SEPT_30).notices, at=when(9, 30, 18))
        again = lg.reconcile(ledger, at=dt.date(2026, 10, 10))
        assert (again.notices, again.already_noticed) == ((), ("T2",))
        assert [n.item_id for n in lg.reconcile(ledger, at=dt.date(2026, 10, 10), renotify=True).notices] == [
            "T2"
        ]

    def test_findings_and_calendar_days(self, ledger, when):
        """Each notice is a TIME_NODE_MISSED error; in calendar days the reply is 5 days later."""
        result = lg.reconcile(ledger, at=SEPT_30, policy=lg.ReviewPolicy(working_days=False))
        assert {f.code for f in result.findings()} == {"TIME_NODE_MISSED"}
        assert result.notices[0].reply_by == dt.date(2026, 10, 5)
        assert result.notices[0].working_days_late is None
        assert result.findings()[0].subject == ("T1", "housing", "vm-wang", "li-ming")

    def test_drafts(self, ledger, when):
        """The notices can be recorded through drafts too."""
        entries = ledger.append(lg.reconcile(ledger, at=SEPT_30).drafts(at=when(9, 30, 18)))
        assert [e.item_id for e in entries] == ["T1", "T2"]


@pytest.fixture
def year_end(ledger, make_item, when) -> lg.Ledger:
    """T1 done on time, T2 done late, T3 unfinished, T4 never reported."""
    ledger.open_items(
        [make_item("T3", lead_unit="transport"), make_item("T4", lead_unit="transport", officer="zhao-lei")],
        at=when(1, 5),
    )
    ledger.set_milestones(
        "T2",
        (lg.TimeNode(dt.date(2026, 9, 30), 80),),
        reason="提前",
        approver="vm-wang",
        at=when(2, 1),
        deadline=dt.date(2026, 11, 30),
    )
    # Recorded in time order: the ledger refuses an entry recorded before its latest one.
    ledger.report_progress("T2", date=dt.date(2026, 11, 30), share=95, at=when(11, 30))
    ledger.report_progress("T2", date=dt.date(2026, 12, 10), share=100, at=when(12, 10))
    ledger.report_progress("T1", date=dt.date(2026, 12, 20), share=100, at=when(12, 20))
    ledger.report_progress("T3", date=dt.date(2026, 12, 25), share=90, at=when(12, 25))
    return ledger


class TestSettle:
    def test_outcomes(self, year_end):
        """Each item is completed on time, completed late, unfinished or not reported."""
        report = lg.settle(year_end, at=dt.date(2026, 12, 31))
        outcomes = {s.item_id: (s.outcome, s.final_share, s.completed_on) for s in report.items}
        assert outcomes == {
            "T1": (lg.Outcome.COMPLETED, 100.0, dt.date(2026, 12, 20)),
            "T2": (lg.Outcome.COMPLETED_LATE, 100.0, dt.date(2026, 12, 10)),
            "T3": (lg.Outcome.UNFINISHED, 90.0, None),
            "T4": (lg.Outcome.NOT_REPORTED, 0.0, None),
        }

    def test_per_unit_and_overall(self, year_end):
        """Per unit: completion rate (on time or late), on-time rate and mean share."""
        report = lg.settle(year_end, at=dt.date(2026, 12, 31))
        units = {u.unit: u for u in report.units}
        assert units["housing"].completion_rate == 100.0
        transport = units["transport"]
        # T2 (late, 100), T3 (90), T4 (0): 1 of 3 completed, 0 on time, mean 190 / 3.
        assert transport.completion_rate == pytest.approx(100 / 3)
        assert transport.on_time_rate == 0.0
        assert transport.mean_share == pytest.approx(190 / 3)
        assert report.overall.completion_rate == 50.0
        assert report.overall.unfinished == ("T3",)

    def test_findings(self, year_end):
        """Unfinished and unreported items are errors; a late one a warning."""
        codes = sorted(
            (f.code, f.subject[0]) for f in lg.settle(year_end, at=dt.date(2026, 12, 31)).findings()
        )
        assert codes == [("ITEM_COMPLETED_LATE", "T2"), ("ITEM_UNFINISHED", "T3"), ("ITEM_UNFINISHED", "T4")]

    def test_recording_once(self, year_end, when):
        """Settlement drafts are recorded once; afterwards the items show as settled."""
        report = lg.settle(year_end, at=dt.date(2026, 12, 31))
        entries = year_end.append(report.drafts(at=when(12, 31, 18), note="年底交账"))
        assert len(entries) == 4
        assert year_end.state("T2").settlement.value.outcome is lg.Outcome.COMPLETED_LATE
        again = lg.settle(year_end, at=dt.date(2026, 12, 31))
        assert all(s.settled for s in again.items)
        assert again.drafts(at=when(12, 31, 19)) == ()


class TestMonthlyReview:
    def test_per_unit_and_officer(self, ledger, make_item, when):
        """May's review lists, per unit and officer, who reported in May and who is behind."""
        ledger.open_items([make_item("T3", officer="zhao-lei", lead_unit="transport")], at=when(1, 5))
        ledger.report_progress("T2", date=dt.date(2026, 4, 30), share=20, at=when(4, 30))
        ledger.report_progress("T1", date=dt.date(2026, 5, 20), share=45, at=when(5, 20))
        ledger.report_progress("T3", date=dt.date(2026, 5, 31), share=60, at=when(5, 31))
        review = lg.monthly_review(ledger, month="2026-05")
        units = {u.unit: u for u in review.units}
        assert units["housing"].reported == ("T1",)
        assert units["transport"].not_reported == ("T2",)
        assert units["transport"].behind == ("T2",)
        officers = {o.officer: o for o in review.officers}
        assert officers["zhao-lei"].items == ("T2", "T3")
        assert officers["zhao-lei"].mean_share == pytest.approx(40.0)
        assert officers["li-ming"].behind == ()
        assert [f.subject for f in review.findings()] == [("T2", "transport")]
        assert review.at == dt.datetime(2026, 5, 31, 23, 59, 59, 999999, tzinfo=review.at.tzinfo)

    def test_notices_and_open_rectifications(self, ledger, when):
        """Notices issued in the month and open rectifications are counted per unit."""
        ledger.issue_notices(lg.reconcile(ledger, at=SEPT_30).notices, at=when(9, 30, 18))
        ledger.require_rectification("T2", description="赶工", due=dt.date(2026, 10, 31), at=when(10, 8))
        units = {u.unit: u for u in lg.monthly_review(ledger, month="2026-10").units}
        assert units["transport"].open_rectifications == ("T2",)
        assert units["transport"].notices == 0
        assert {u.unit: u.notices for u in lg.monthly_review(ledger, month="2026-09").units} == {
            "housing": 1,
            "transport": 1,
        }

    @pytest.mark.parametrize("month", ["2026-13", "2026-00", "2026-5", "26-05", "0000-05", "2026-05-01", ""])
    def test_bad_month(self, ledger, month):
        """The month is written YYYY-MM, 01–12."""
        with pytest.raises(InvalidInputError, match="YYYY-MM"):
            lg.monthly_review(ledger, month=month)

    @pytest.mark.parametrize("month", [None, 202605, dt.date(2026, 5, 1)])
    def test_month_is_a_string(self, ledger, month):
        """A month that is not a string is refused (nothing is guessed)."""
        with pytest.raises(InvalidTypeError, match="month must be a month written YYYY-MM"):
            lg.monthly_review(ledger, month=month)

    def test_old_positional_form_warns(self, ledger):
        """monthly_review(ledger, year, month) still works for one release, with a warning."""
        with pytest.warns(DeprecationWarning, match="pass it as month="):
            old = lg.monthly_review(ledger, 2026, 5)
        assert old == lg.monthly_review(ledger, month="2026-05")

    @pytest.mark.parametrize(("year", "month"), [(2026, 13), (2026, 0), ("2026", 5)])
    def test_old_form_bad_month(self, ledger, year, month):
        """The old form still checks its year and month 1–12."""
        with pytest.warns(DeprecationWarning, match="month="), pytest.raises(InvalidInputError):
            lg.monthly_review(ledger, year, month)

    def test_month_given_twice(self, ledger):
        """The month by position and as month= is refused, not silently picked."""
        with pytest.raises(InvalidInputError, match="given twice"):
            lg.monthly_review(ledger, 2026, 5, month="2026-05")


@pytest.fixture
def supervised(ledger, make_item, when) -> lg.Ledger:
    """T2 behind, noticed, reported back and rectified; T3 behind without a notice; T4
    behind, noticed, silent and not rectified; T1 on track."""
    ledger.open_items(
        [make_item("T3", lead_unit="transport"), make_item("T4", lead_unit="housing")],
        at=when(1, 5),
    )
    for item_id, share in (("T1", 85), ("T2", 60), ("T3", 30), ("T4", 40)):
        ledger.report_progress(item_id, date=SEPT_30, share=share, at=when(9, 30))
    notices = [n for n in lg.reconcile(ledger, at=SEPT_30).notices if n.item_id in ("T2", "T4")]
    t2_notice, t4_notice = ledger.issue_notices(notices, at=when(9, 30, 18))
    t2_order = ledger.require_rectification(
        "T2", description="加快进度", due=dt.date(2026, 10, 20), at=when(10, 8), notice=t2_notice.seq
    )
    ledger.require_rectification(
        "T4", description="加快进度", due=dt.date(2026, 10, 25), at=when(10, 8), notice=t4_notice.seq
    )
    ledger.report_progress("T2", date=dt.date(2026, 10, 10), share=82, at=when(10, 10))
    ledger.complete_rectification("T2", order=t2_order.seq, description="已赶上", at=when(10, 18))
    return ledger


class TestRates:
    def test_overall(self, supervised):
        """Overall: execution 2/3 (T3 missed), reporting 1/2 (T4 silent), rectification 1/2 (T4)."""
        rates = lg.supervision_rates(supervised, at=dt.date(2026, 10, 31)).overall
        assert (rates.execution.done, rates.execution.due, rates.execution.missing) == (2, 3, ("T3",))
        assert (rates.reporting.done, rates.reporting.due, rates.reporting.missing) == (1, 2, ("T4",))
        assert (rates.rectification.done, rates.rectification.due, rates.rectification.missing) == (
            1,
            2,
            ("T4",),
        )
        assert rates.execution.percent == pytest.approx(200 / 3)
        assert not rates.execution.met
        assert lg.RATE_TARGET == 100.0

    def test_per_unit(self, supervised):
        """Per unit: housing misses reporting and rectification (T4), transport execution (T3)."""
        units = {u.unit: u.rates for u in lg.supervision_rates(supervised, at=dt.date(2026, 10, 31)).units}
        assert units["housing"].execution.met
        assert units["housing"].reporting.missing == ("T4",)
        assert units["housing"].rectification.percent == 0.0
        assert units["transport"].execution.missing == ("T3",)
        assert units["transport"].reporting.percent == 100.0
        assert units["transport"].rectification.met

    def test_not_yet_due(self, supervised):
        """Before the reply and rectification dates pass, silence is not yet missing."""
        rates = lg.supervision_rates(supervised, at=dt.date(2026, 10, 12)).overall
        # T2 already reported back (done); T4's reply is due 13 Oct, not yet.
        assert (rates.reporting.done, rates.reporting.due) == (1, 1)
        # Neither order is due yet (20 and 25 Oct) and none is done by 12 Oct.
        assert (rates.rectification.done, rates.rectification.due) == (0, 0)
        assert rates.rectification.percent == 100.0

    def test_findings(self, supervised):
        """Each rate below 100% is an error, overall and per unit, naming the items."""
        findings = lg.supervision_rates(supervised, at=dt.date(2026, 10, 31)).findings()
        codes = sorted((f.code, f.subject) for f in findings)
        assert ("EXECUTION_RATE_BELOW_TARGET", ("T3",)) in codes
        assert ("EXECUTION_RATE_BELOW_TARGET", ("transport", "T3")) in codes
        assert ("REPORTING_RATE_BELOW_TARGET", ("housing", "T4")) in codes
        assert ("RECTIFICATION_RATE_BELOW_TARGET", ("T4",)) in codes
        assert all(f.severity.value == "error" for f in findings)
        assert "督查执行率" in findings[0].message.zh

    def test_labels_and_to_dict(self, supervised):
        """Rates carry their Chinese names and convert to JSON-ready data with percents."""
        report = lg.supervision_rates(supervised, at=dt.date(2026, 10, 31))
        assert [r.kind.label.zh for r in report.overall] == [
            "督查执行率",
            "被督查事项上报率",
            "责任主体整改率",
        ]
        data = report.to_dict()
        assert data["overall"]["execution"]["percent"] == pytest.approx(200 / 3)
        assert data["units"][0]["rates"]["reporting"]["met"] is False
        assert {k.value for k in lg.RateKind} == {"execution", "reporting", "rectification"}


class TestPolicy:
    def test_load(self, tmp_path):
        """A policy file sets any of the fields; the rest keep their defaults."""
        path = tmp_path / "policy.toml"
        path.write_text('tolerance = 5\nbasis = "plan"\nreply_days = 10\n', encoding="utf-8")
        assert lg.ReviewPolicy.load(path) == lg.ReviewPolicy(tolerance=5, basis=lg.Basis.PLAN, reply_days=10)
        assert lg.ReviewPolicy.load({}) == lg.ReviewPolicy()

    @pytest.mark.parametrize(
        ("data", "where"),
        [({"tolerance": -1}, "tolerance"), ({"basis": "vibes"}, "basis"), ({"grace": 3}, "grace")],
    )
    def test_load_errors(self, data, where):
        """A bad policy file names the key."""
        with pytest.raises(LedgerFileError) as info:
            lg.ReviewPolicy.load(data)
        assert info.value.location == where

    @pytest.mark.parametrize(
        ("kwargs", "error"),
        [
            ({"tolerance": 101}, InvalidInputError),
            ({"tolerance": "5"}, InvalidTypeError),
            ({"basis": "time"}, InvalidTypeError),
            ({"working_days": 1}, InvalidTypeError),
            ({"reply_days": 0}, InvalidInputError),
            ({"report_window": -5}, InvalidInputError),
        ],
    )
    def test_bad_values(self, kwargs, error):
        """Each policy field rejects bad values."""
        with pytest.raises(error):
            lg.ReviewPolicy(**kwargs)


@pytest.mark.parametrize("review", [lg.june_check, lg.reconcile, lg.settle, lg.supervision_rates])
class TestBadInput:
    def test_not_a_ledger(self, review):
        """Reviews need a Ledger."""
        with pytest.raises(InvalidTypeError, match="needs a Ledger"):
            review("ledger", at=JUNE_30)

    def test_naive_instant(self, review, ledger):
        """A naive datetime is refused, never guessed."""
        with pytest.raises(NaiveDatetimeError):
            review(ledger, at=dt.datetime(2026, 6, 30, 12))

    def test_string_date(self, review, ledger):
        """A string is not a date."""
        with pytest.raises(InvalidTypeError):
            review(ledger, at="2026-06-30")


@pytest.mark.parametrize("review", [lg.june_check, lg.reconcile, lg.supervision_rates])
def test_bad_policy_and_calendar(review, ledger):
    """The policy and calendar must be of the right types."""
    with pytest.raises(InvalidTypeError, match="ReviewPolicy"):
        review(ledger, at=JUNE_30, policy={"tolerance": 5})
    with pytest.raises(InvalidTypeError, match="WorkCalendar"):
        review(ledger, at=JUNE_30, calendar="CN")
    assert review(ledger, at=JUNE_30, calendar=china_calendar()) is not None


def test_finding_codes_are_declared_once():
    """The ledger's finding codes are unique and each cites seed 003, except the rule of
    the ledger's own integrity (ENTRY_BACKDATED: a local choice, no provision)."""
    codes = [c.code for c in lg.LEDGER_FINDING_CODES]
    # ITEM_UNKNOWN_REFERENCE added (r10); ITEM_OVERDUE, ENTRY_BACKDATED and
    # PROGRESS_AFTER_SETTLEMENT (i18).
    assert len(codes) == len(set(codes)) == 13
    cited = [c for c in lg.LEDGER_FINDING_CODES if c.code != "ENTRY_BACKDATED"]
    assert all(c.citation is not None and c.citation.year == 2014 for c in cited)


def test_a_report_at_the_notice_instant_is_not_a_reply(ledger, when):
    """Reporting back means reporting after the notice, not at the same instant."""
    ledger.report_progress("T2", date=SEPT_30, share=60, at=when(9, 30, 17))
    notices = [n for n in lg.reconcile(ledger, at=SEPT_30).notices if n.item_id == "T2"]
    ledger.issue_notices(notices, at=when(9, 30, 17))
    rate = lg.supervision_rates(ledger, at=dt.date(2026, 10, 31)).overall.reporting
    assert (rate.done, rate.due, rate.missing) == (0, 1, ("T2",))
    ledger.report_progress("T2", date=SEPT_30, share=61, at=when(9, 30, 18))
    assert lg.supervision_rates(ledger, at=dt.date(2026, 10, 31)).overall.reporting.met


def test_docs_list_every_finding_code():
    """docs/ledger.md has a table row for every finding code of the module."""
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "ledger.md").read_text(encoding="utf-8")
    for code in lg.LEDGER_FINDING_CODES:
        assert f"| `{code.code}` | {code.severity.value} |" in page
