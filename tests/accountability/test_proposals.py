"""Accountability proposals from the three sources the seeds name, filing (备案) and the
deprecation alias of the ladder's old home."""

from __future__ import annotations

import datetime as dt

import pytest

from govefficiency import Text
from govefficiency.accountability import (
    AccountabilityForm,
    AccountabilityLadder,
    DecisionTrigger,
    Filing,
    Liability,
    ProposalSource,
    check_filings,
    filing_counts,
    filing_due,
    propose_accountability,
    quarter_end,
)
from govefficiency.errors import AccountabilityError, InvalidTypeError
from govefficiency.escalation import CaseParties, DatedCase, evaluate, get_policy
from govefficiency.findings import Finding, Severity
from govefficiency.ledger import Ledger, SqliteStore, TimeNode, june_check
from govefficiency.testing import CST, checklist_item

D = dt.date


def finding(code: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(code, severity, ("step",), Text("问题", "problem"))


class TestDecisionTriggers:
    def test_three_triggers(self) -> None:
        """Seed 002 §4: each trigger gives one proposal per decision-maker, with its liability."""
        findings = [
            finding("COLLECTIVE_DISCUSSION_MISSING"),
            finding("HEAD_NOT_LAST"),
            finding("TIME_LIMIT_NOT_MET"),
            finding("NOT_ARCHIVED"),  # not a seed 002 §4 trigger
            finding("LEGALITY_REVIEW_MISSING", Severity.WARNING),  # warnings do not count
        ]
        proposals = propose_accountability(
            on=D(2026, 11, 2),
            decision_findings=findings,
            decision_id="D-7",
            decision_makers=["mayor"],
            decided_on=D(2026, 10, 30),
        )
        by_trigger = {p.id.split(":")[2]: p for p in proposals}
        assert set(by_trigger) == {t.value for t in DecisionTrigger}
        unlawful = by_trigger["unlawful_procedure"]
        assert unlawful.liability is Liability.DISCIPLINARY_AND_LEGAL
        assert unlawful.conditions is None
        assert unlawful.evidence == ("D-7:COLLECTIVE_DISCUSSION_MISSING",)
        irregular = by_trigger["irregular_deliberation"]
        assert irregular.conditions is not None
        assert irregular.conditions.zh == "情节较重并造成后果"
        assert by_trigger["serious_error_or_delay"].liability is Liability.LEGAL
        assert all(p.form is None and p.subject == "mayor" for p in proposals)
        assert "延寿县" in unlawful.citation.render("zh")

    def test_form_is_chosen_by_a_person(self) -> None:
        """A proposal that leaves the form open needs one before it reaches the ladder."""
        (proposal,) = propose_accountability(
            on=D(2026, 11, 2),
            decision_findings=[finding("COLLECTIVE_DISCUSSION_MISSING")],
            decision_id="D-7",
            decision_makers=["mayor"],
            decided_on=D(2026, 10, 30),
        )
        with pytest.raises(AccountabilityError, match="form"):
            proposal.to_event(decided_on=D(2026, 11, 5))
        event = proposal.to_event(decided_on=D(2026, 11, 5), form=AccountabilityForm.CIRCULATED_CRITICISM)
        assert AccountabilityLadder().due_for("mayor", on=D(2026, 11, 6), events=[event]).events == (event,)

    def test_bad_input(self) -> None:
        """Findings without a decision or makers, a lone string of makers and non-findings are refused."""
        with pytest.raises(AccountabilityError):
            propose_accountability(on=D(2026, 11, 2), decision_findings=[finding("STEP_MISSING")])
        with pytest.raises(InvalidTypeError):
            propose_accountability(
                on=D(2026, 11, 2),
                decision_findings=[finding("STEP_MISSING")],
                decision_id="D",
                decision_makers="mayor",
            )
        with pytest.raises(InvalidTypeError):
            propose_accountability(
                on=D(2026, 11, 2),
                decision_findings=["STEP_MISSING"],  # type: ignore[list-item]
                decision_id="D",
                decision_makers=["m"],
                decided_on=D(2026, 11, 2),
            )
        with pytest.raises(InvalidTypeError):
            propose_accountability(on=dt.datetime(2026, 11, 2, tzinfo=CST))  # type: ignore[arg-type]


class TestSlowProgress:
    def test_quarterly_special_accountability(self) -> None:
        """Seed 003 专项问责: an item behind at the end of Q3 gives a 通报批评 proposal for its lead unit."""
        nodes = (TimeNode(D(2026, 6, 30), 50), TimeNode(D(2026, 9, 30), 80))
        item = checklist_item(
            "K-1",
            "校舍改造",
            "edu",
            "o-zhang",
            category="民生",
            target="12 所",
            standard="验收",
            leader="dep-li",
            time_nodes=nodes,
        )
        with Ledger(SqliteStore(":memory:")) as led:
            led.open_items([item], at=dt.datetime(2026, 1, 5, 9, tzinfo=CST))
            led.report_progress(
                "K-1", date=D(2026, 9, 25), share=40, at=dt.datetime(2026, 9, 25, 17, tzinfo=CST)
            )
            check = june_check(led, at=quarter_end(2026, 3))
        (proposal,) = propose_accountability(on=D(2026, 10, 9), progress_checks=check, quarter=(2026, 3))
        assert proposal.source is ProposalSource.SLOW_PROGRESS
        assert (proposal.subject, proposal.form, proposal.liability) == (
            "edu",
            AccountabilityForm.CIRCULATED_CRITICISM,
            Liability.SPECIAL,
        )
        assert proposal.evidence == ("K-1",)
        assert "专项问责" in proposal.citation.render("zh")
        # the check says its day: the quarter may be left out
        assert propose_accountability(on=D(2026, 10, 9), progress_checks=check) == (proposal,)
        # the bare items (old form) warn, and still need the quarter
        with pytest.warns(DeprecationWarning, match="pass the check itself"):
            assert propose_accountability(
                on=D(2026, 10, 9), progress_checks=check.items, quarter=(2026, 3)
            ) == (proposal,)
        with (
            pytest.warns(DeprecationWarning, match="pass the check itself"),
            pytest.raises(AccountabilityError),
        ):
            propose_accountability(on=D(2026, 10, 9), progress_checks=check.items)

    def test_quarter_end(self) -> None:
        """The last day of each quarter; a fifth quarter is refused."""
        assert [quarter_end(2026, q) for q in (1, 2, 3, 4)] == [
            D(2026, 3, 31),
            D(2026, 6, 30),
            D(2026, 9, 30),
            D(2026, 12, 31),
        ]
        with pytest.raises(AccountabilityError):
            quarter_end(2026, 5)


class TestEscalation:
    def test_accountable_level(self) -> None:
        """The reminder-letter flow's accountability level (20 working days overdue) gives a 重点问责 proposal."""
        case = DatedCase(
            "T1", "修路", D(2026, 10, 12), CaseParties(lead_unit="transport", assisting_units=("finance",))
        )
        result = evaluate(
            get_policy("reminder-letter-flow"), [case], at=dt.datetime(2026, 11, 10, 9, tzinfo=CST)
        )
        accountable = [a for a in result.actions if a.accountable]
        assert [a.key.level_id for a in accountable] == ["accountability"]
        proposals = propose_accountability(on=D(2026, 11, 10), actions=result.actions)
        assert [(p.subject, p.liability) for p in proposals] == [
            ("transport", Liability.KEY)
        ]  # the lead unit answers
        assert proposals[0].evidence == ("T1:accountability:2026-10-12:0",)
        with pytest.raises(InvalidTypeError):
            propose_accountability(on=D(2026, 11, 10), actions=["T1"])  # type: ignore[list-item]


class TestFiling:
    def test_clock_and_findings(self) -> None:
        """Filing is due 5 working days after the decision (local choice); missing → error, late → warning."""
        # Decided Fri 2026-09-25 (a holiday in 2026? no: Mid-Autumn) — use Mon 10-12: +5 working days = Mon 10-19.
        assert filing_due(D(2026, 10, 12)) == D(2026, 10, 19)
        # Across National Day: decided Wed 09-30 -> 10-08 (1), 10-09 (2), 10-10 (3, make-up), 10-12 (4), 10-13 (5).
        assert filing_due(D(2026, 9, 30)) == D(2026, 10, 13)
        rectify = AccountabilityForm.RECTIFY_WITHIN_LIMIT
        filings = [
            Filing("A1", "edu", "edu", AccountabilityForm.CIRCULATED_CRITICISM, D(2026, 10, 12)),
            Filing("A2", "finance", "finance", rectify, D(2026, 10, 12), D(2026, 10, 21)),
            Filing("A3", "transport", "transport", rectify, D(2026, 10, 12), D(2026, 10, 14)),
        ]
        found = {f.code: f.subject for f in check_filings(filings, on=D(2026, 10, 22))}
        assert found == {"FILING_MISSING": ("A1", "edu"), "FILING_LATE": ("A2", "finance")}
        assert not check_filings(filings[:1], on=D(2026, 10, 19))  # due that day: not yet missing

    def test_counts(self) -> None:
        """Statistics by form, unit and period (统计分析)."""
        filings = [
            Filing("A1", "edu", "edu", AccountabilityForm.CIRCULATED_CRITICISM, D(2026, 3, 2)),
            Filing("A2", "edu", "edu", AccountabilityForm.RECTIFY_WITHIN_LIMIT, D(2026, 10, 12)),
            Filing("A3", "wang", "finance", AccountabilityForm.CIRCULATED_CRITICISM, D(2026, 10, 13)),
        ]
        assert filing_counts(filings, by="form") == {"circulated_criticism": 2, "rectify_within_limit": 1}
        assert filing_counts(filings, by="unit") == {"edu": 2, "finance": 1}
        assert filing_counts(filings, by="period") == {"2026Q1": 1, "2026Q4": 2}
        assert filing_counts(filings, by="period", period="month") == {"2026-03": 1, "2026-10": 2}

    def test_bad_input(self) -> None:
        """A filing before its decision, a bad grouping, a bad window and non-filings are refused."""
        with pytest.raises(AccountabilityError):
            Filing(
                "A", "edu", "edu", AccountabilityForm.CIRCULATED_CRITICISM, D(2026, 10, 12), D(2026, 10, 1)
            )
        with pytest.raises(AccountabilityError):
            filing_counts([], by="leader")
        with pytest.raises(AccountabilityError):
            filing_counts([], by="period", period="week")
        with pytest.raises(AccountabilityError):
            filing_due(D(2026, 10, 12), within=0)
        with pytest.raises(InvalidTypeError):
            check_filings(["A1"], on=D(2026, 10, 12))  # type: ignore[list-item]


def test_old_import_path_warns() -> None:
    """The ladder's names still import from escalation, with a DeprecationWarning."""
    import govefficiency.accountability as new
    import govefficiency.escalation as old

    with pytest.warns(DeprecationWarning, match="govefficiency.accountability"):
        ladder = old.AccountabilityLadder
    assert ladder is new.AccountabilityLadder
    with pytest.raises(AttributeError):
        _ = old.NoSuchName  # type: ignore[attr-defined]
