"""What a proposal may rest on (defects 2 and 6 of stop 24): the checks of the quarter it
names, and the findings of a decision actually made. Each test says its facts by hand."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest

from govefficiency import Text
from govefficiency.accountability import (
    DECIDING_STEPS,
    Liability,
    Proposals,
    propose_accountability,
    quarter_end,
)
from govefficiency.decisions import (
    Category,
    DecisionRecord,
    Flag,
    Matter,
    Publication,
    PublicComment,
    validate_decision,
)
from govefficiency.errors import AccountabilityError, InvalidTypeError
from govefficiency.findings import Finding, Severity
from govefficiency.ledger import CheckReport, Ledger, SqliteStore, TimeNode, june_check
from govefficiency.testing import CST, checklist_item

D = dt.date


def _check(at: dt.date) -> CheckReport:
    """K-1 (lead unit edu): time nodes 50 % by 06-30 and 80 % by 09-30, deadline 12-31; one
    report, 40 % on 09-25. At the Q3 end the plan expects 80 % (time share ~75 %), so K-1 is
    behind."""
    nodes = (TimeNode(D(2026, 6, 30), 50), TimeNode(D(2026, 9, 30), 80))
    item = checklist_item(
        "K-1", "校舍改造", "edu", "o-zhang", category="民生", target="12 所", standard="验收",
        leader="dep-li", time_nodes=nodes,
    )  # fmt: skip
    with Ledger(SqliteStore(":memory:")) as led:
        led.open_items([item], at=dt.datetime(2026, 1, 5, 9, tzinfo=CST))
        led.report_progress("K-1", date=D(2026, 9, 25), share=40, at=dt.datetime(2026, 9, 25, 17, tzinfo=CST))
        return june_check(led, at=at)


class TestTheQuarterOfTheChecks:
    def test_q3_checks_named_q2_are_refused(self) -> None:
        """The defect: checks made at the Q3 end (2026-09-30) proposed as "2026 Q2"."""
        check = _check(quarter_end(2026, 3))
        assert check.day == D(2026, 9, 30)
        with pytest.raises(AccountabilityError) as err:
            propose_accountability(on=D(2026, 12, 1), progress_checks=check, quarter=(2026, 2))
        assert (
            "made on 2026-09-30 (the end of 2026 Q3), not at the end of 2026 Q2 (2026-06-30)" in err.value.en
        )
        assert "2026 年第 3 季度末" in err.value.zh
        assert "2026 年第 2 季度末（2026-06-30）" in err.value.zh

    def test_the_right_quarter_or_none_gives_the_proposal(self) -> None:
        """The same check named Q3, or not named (2026-09-30 ends Q3), gives progress:2026Q3:K-1."""
        check = _check(quarter_end(2026, 3))
        named = propose_accountability(on=D(2026, 10, 9), progress_checks=check, quarter=(2026, 3))
        inferred = propose_accountability(on=D(2026, 10, 9), progress_checks=check)
        assert [p.id for p in named] == [p.id for p in inferred] == ["progress:2026Q3:K-1"]
        assert "2026 Q3" in named[0].cause.en

    def test_a_check_not_at_a_quarter_end(self) -> None:
        """A check on 2026-09-15 ends no quarter: refused with or without quarter=."""
        check = _check(D(2026, 9, 15))
        with pytest.raises(AccountabilityError, match="which ends no quarter"):
            propose_accountability(on=D(2026, 10, 9), progress_checks=check)
        with pytest.raises(AccountabilityError, match=r"not a quarter's end"):
            propose_accountability(on=D(2026, 10, 9), progress_checks=check, quarter=(2026, 3))

    def test_proposals_before_the_check_are_refused(self) -> None:
        """Proposals dated 2026-09-29 cannot rest on the check of 2026-09-30."""
        with pytest.raises(AccountabilityError, match="made later"):
            propose_accountability(on=D(2026, 9, 29), progress_checks=_check(quarter_end(2026, 3)))

    def test_bare_items_warn_and_are_refused_when_provably_later(self) -> None:
        """The old form (….items) carries no review day: it warns; K-1's report of 2026-09-25 is
        after the Q2 end (2026-06-30), so those items cannot be a Q2 check."""
        items = _check(quarter_end(2026, 3)).items
        with (
            pytest.warns(DeprecationWarning, match="pass the check itself"),
            pytest.raises(AccountabilityError) as err,
        ):
            propose_accountability(on=D(2026, 12, 1), progress_checks=items, quarter=(2026, 2))
        assert "dated after the end of 2026 Q2 (2026-06-30) for K-1" in err.value.en
        assert "K-1" in err.value.zh

    def test_the_warning_points_at_the_caller(self) -> None:
        items = _check(quarter_end(2026, 3)).items
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            propose_accountability(on=D(2026, 10, 9), progress_checks=items, quarter=(2026, 3))
        (w,) = caught
        assert w.category is DeprecationWarning
        assert Path(w.filename).name == Path(__file__).name

    def test_bad_input(self) -> None:
        check = _check(quarter_end(2026, 3))
        with pytest.raises(AccountabilityError):
            propose_accountability(on=D(2026, 10, 9), progress_checks=check, quarter=(2026, 5))
        with pytest.raises(AccountabilityError):
            propose_accountability(on=D(2026, 10, 9), progress_checks=check, quarter="2026Q3")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError), pytest.warns(DeprecationWarning, match="pass the check itself"):
            propose_accountability(on=D(2026, 10, 9), progress_checks=["K-1"], quarter=(2026, 3))  # type: ignore[list-item]

        class NoDay:
            items = check.items
            day = "2026-09-30"

        with pytest.raises(InvalidTypeError, match="review day"):
            propose_accountability(on=D(2026, 10, 9), progress_checks=NoDay())  # type: ignore[arg-type]


def _park(*steps: object) -> DecisionRecord:
    """dec2.toml of the defect: 县城停车收费调整 (public policy, public interest); public comment
    published 2026-12-10, still open."""
    return DecisionRecord(
        Matter("县城停车收费调整", Category.PUBLIC_POLICY, {Flag.PUBLIC_INTEREST}),
        (PublicComment(D(2026, 12, 10)), *steps),  # type: ignore[arg-type]
    )


def _f(code: str) -> Finding:
    return Finding(code, Severity.ERROR, ("step",), Text("问题", "problem"))


#: What `decision check dec2.toml` reported on 2026-12-15 (main at 5a84be4).
PARK_FINDINGS = [
    _f("COLLECTIVE_DISCUSSION_MISSING"),
    _f("LEGALITY_REVIEW_MISSING"),
    _f("NOT_PUBLISHED"),
    _f("NOT_ARCHIVED"),
]


#: The park decision's findings and who made it, as every test below passes them.
PARK = {"decision_findings": PARK_FINDINGS, "decision_id": "D-park", "decision_makers": ["county-head"]}


class TestOnlyADecisionMade:
    def test_undecided_record_gives_no_liability(self) -> None:
        """The defect: a decision still in public comment got 纪律责任和法律责任. The record has
        no collective discussion, publication, archiving or post-evaluation: not decided. The
        two findings that fall under a seed 002 §4 trigger each get a DECISION_NOT_MADE notice
        (NOT_PUBLISHED and NOT_ARCHIVED fall under none, so they never give a proposal)."""
        out = propose_accountability(on=D(2026, 12, 15), decision_record=_park(), **PARK)  # type: ignore[arg-type]
        assert isinstance(out, Proposals)
        assert out == ()
        assert [(f.code, f.subject[:2]) for f in out.findings] == [
            ("DECISION_NOT_MADE", ("D-park", "COLLECTIVE_DISCUSSION_MISSING")),
            ("DECISION_NOT_MADE", ("D-park", "LEGALITY_REVIEW_MISSING")),
        ]
        notice = out.findings[0]
        assert notice.severity is Severity.INFO
        assert "decision D-park is not made yet on 2026-12-15" in notice.message.en
        assert "尚未作出" in notice.message.zh
        assert notice.citation is not None
        assert notice.citation.article == "30"

    def test_a_publication_after_the_day_does_not_count(self) -> None:
        """Published 2026-12-20: not decided on 12-15; decided on 12-21 (the proposal follows)."""
        record = _park(Publication(D(2026, 12, 20)))
        before = propose_accountability(on=D(2026, 12, 15), decision_record=record, **PARK)  # type: ignore[arg-type]
        after = propose_accountability(on=D(2026, 12, 21), decision_record=record, **PARK)  # type: ignore[arg-type]
        assert before == ()
        assert len(before.findings) == 2
        (p,) = after
        assert p.id == "decision:D-park:unlawful_procedure:county-head"
        assert p.liability is Liability.DISCIPLINARY_AND_LEGAL
        assert p.conditions is None
        assert after.findings == ()

    def test_decided_on_for_a_decision_the_record_cannot_show(self) -> None:
        """Decided on 2026-12-12 without a collective discussion and not yet published: the caller
        says so (decided_on=), which the record alone could not show."""
        out = propose_accountability(
            on=D(2026, 12, 15),
            decision_record=_park(),
            decided_on=D(2026, 12, 12),
            **PARK,  # type: ignore[arg-type]
        )
        assert [p.id for p in out] == ["decision:D-park:unlawful_procedure:county-head"]

    def test_nobody_said_warns_and_states_the_condition(self) -> None:
        """The old call (no record, no decided_on): proposals for one release, with a warning and
        the condition that the decision was made."""
        with pytest.warns(DeprecationWarning, match="decision_record= or decided_on=") as caught:
            (p,) = propose_accountability(on=D(2026, 12, 15), **PARK)  # type: ignore[arg-type]
        assert Path(caught[0].filename).name == Path(__file__).name  # points at this call
        assert p.conditions is not None
        assert "that the decision was made" in p.conditions.en
        assert "该决策已经作出" in p.conditions.zh

    def test_the_checker_and_the_proposals_end_to_end(self) -> None:
        """Whatever the validator reports on the undecided record, no liability is proposed."""
        record = _park()
        findings = validate_decision(record)
        out = propose_accountability(
            on=D(2026, 12, 15),
            decision_findings=findings,
            decision_id="D-park",
            decision_makers=["county-head"],
            decision_record=record,
        )
        assert out == ()
        assert {f.code for f in out.findings} <= {"DECISION_NOT_MADE"}

    def test_deciding_steps(self) -> None:
        assert DECIDING_STEPS == ("collective_discussion", "publication", "archiving", "post_evaluation")

    def test_bad_input(self) -> None:
        kw = {"decision_findings": PARK_FINDINGS, "decision_id": "D-park", "decision_makers": ["county-head"]}
        with pytest.raises(AccountabilityError, match="after the day of the proposals"):
            propose_accountability(on=D(2026, 12, 15), decided_on=D(2026, 12, 16), **kw)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            propose_accountability(on=D(2026, 12, 15), decided_on="2026-12-12", **kw)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="decision_record"):
            propose_accountability(on=D(2026, 12, 15), decision_record="D-park", **kw)  # type: ignore[arg-type]


def test_proposals_refuse_what_is_not_a_proposal() -> None:
    with pytest.raises(InvalidTypeError):
        Proposals(["decision:D:x:m"])  # type: ignore[list-item]
    with pytest.raises(InvalidTypeError):
        Proposals((), ["DECISION_NOT_MADE"])  # type: ignore[list-item]
    assert Proposals() == ()
    assert Proposals().findings == ()


def test_the_validators_not_decided_notice_is_enough() -> None:
    """The decisions checker marks a record in progress with a RECORD_NOT_DECIDED notice (info);
    with it among the findings, no record or decided_on= is needed (and nothing warns): the
    remaining error (a step taken out of order) gives a DECISION_NOT_MADE notice, no proposal."""
    findings = [
        Finding("RECORD_NOT_DECIDED", Severity.INFO, (), Text("尚未作出决定", "not decided yet")),
        _f("STEP_OUT_OF_ORDER"),
    ]
    out = propose_accountability(
        on=D(2026, 12, 15), decision_findings=findings, decision_id="D-park", decision_makers=["county-head"]
    )
    assert out == ()
    assert [f.subject[:2] for f in out.findings] == [("D-park", "STEP_OUT_OF_ORDER")]
    assert "RECORD_NOT_DECIDED" in out.findings[0].message.en
