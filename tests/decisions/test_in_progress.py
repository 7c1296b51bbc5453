"""A decision in progress (defect 2 of stop 24): a record with no decision yet gets one
``RECORD_NOT_DECIDED`` notice for the steps not yet due, not "missing step" errors; the
defects already visible in the steps taken stay errors.

Decree 713 art. 30 (verified, LawRefBook/Laws 行政法规/重大行政决策程序暂行条例): "决策草案应当经
决策机关常务会议或者全体会议讨论。决策机关行政首长在集体讨论的基础上作出决定" — the decision is
made at the collective discussion, so a record without it (and without publication,
archiving or post-evaluation, which only follow a decision) is not decided.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from govefficiency.calendar import china_calendar
from govefficiency.decisions import (
    Archiving,
    Category,
    Consultation,
    DecisionRecord,
    DepartmentOpinion,
    Flag,
    LegalityReview,
    Matter,
    Publication,
    PublicComment,
    StepKind,
    plan_decision,
    validate_decision,
)
from govefficiency.errors import InvalidTypeError
from govefficiency.findings import Severity, has_errors
from govefficiency.testing import run_cli

D = dt.date
PARKING = Matter("县城停车收费调整", Category.PUBLIC_POLICY, {Flag.PUBLIC_INTEREST})


def codes(record: DecisionRecord, procedure: str = "national") -> list[str]:
    return [f.code for f in validate_decision(record, procedure)]


class TestDecided:
    def test_only_a_comment_is_not_decided(self) -> None:
        assert not DecisionRecord(PARKING, [PublicComment(D(2026, 12, 10))]).decided

    @pytest.mark.parametrize("later", [Publication(D(2026, 12, 30)), Archiving(D(2026, 12, 31))])
    def test_a_step_after_the_decision_shows_it_was_made(self, later: object) -> None:
        """Publication (art. 32) and archiving (art. 33) follow a decision: the record is
        decided, and its missing collective discussion is an error, not a notice."""
        record = DecisionRecord(PARKING, [PublicComment(D(2026, 9, 10), D(2026, 10, 10)), later])  # type: ignore[list-item]
        assert record.decided
        found = validate_decision(record)
        assert "RECORD_NOT_DECIDED" not in [f.code for f in found]
        missing = next(f for f in found if f.code == "COLLECTIVE_DISCUSSION_MISSING")
        assert missing.severity is Severity.ERROR

    def test_the_complete_record_is_decided(self, compliant: DecisionRecord) -> None:
        assert compliant.decided


class TestInProgress:
    def test_open_comment_gives_one_notice(self) -> None:
        """The user's dec2.toml: a comment published 2026-12-10, still open, nothing else.

        Legality review (art. 25), discussion (art. 30), publication (art. 32) and archiving
        (art. 33) all come after the comment closes (2027-01-09 at the earliest): none is
        due, so none is an error. One INFO notice names them, and its subject lists them."""
        record = DecisionRecord(PARKING, [PublicComment(D(2026, 12, 10))])
        [notice] = validate_decision(record)
        assert notice.code == "RECORD_NOT_DECIDED"
        assert notice.severity is Severity.INFO
        assert notice.subject == (
            "matter",
            "legality_review",
            "collective_discussion",
            "publication",
            "archiving",
        )
        for code in (
            "LEGALITY_REVIEW_MISSING",
            "COLLECTIVE_DISCUSSION_MISSING",
            "NOT_PUBLISHED",
            "NOT_ARCHIVED",
        ):
            assert code in notice.message.en
            assert code in notice.message.zh
        assert "decision plan" in notice.message.en
        assert notice.citation is not None
        assert notice.citation.article == "30"
        assert not has_errors([notice])
        # the planner lists what remains; its working-day dates run into 2027, whose
        # arrangement is not published: the statutory-rule calendar answers provisionally
        plan = plan_decision(record, calendar=china_calendar(provisional=True))
        assert plan.items[0].step == "public_comment"
        assert plan.items[0].earliest == D(2027, 1, 9)  # 30 days after 2026-12-10 (art. 15)

    def test_a_short_comment_is_still_an_error(self) -> None:
        """Published 2026-09-10, closed 2026-10-05: 25 days (11 Sep .. 5 Oct), fewer than
        art. 15's 30, no reason stated — a defect already, decided or not."""
        record = DecisionRecord(PARKING, [PublicComment(D(2026, 9, 10), D(2026, 10, 5))])
        found = validate_decision(record)
        assert [f.code for f in found] == ["RECORD_NOT_DECIDED", "SHORTENED_WITHOUT_REASON"]
        assert found[1].severity is Severity.ERROR
        assert "25" in found[1].message.en

    def test_review_started_before_the_comment_closed_is_out_of_order(self) -> None:
        """Comment published 2026-09-10 and not closed; the draft went for legality review on
        2026-09-20: art. 26 wants the statutory steps done before the review — an error now."""
        record = DecisionRecord(PARKING, [PublicComment(D(2026, 9, 10)), LegalityReview(D(2026, 9, 20))])
        found = validate_decision(record)
        assert [f.code for f in found] == ["RECORD_NOT_DECIDED", "STEP_OUT_OF_ORDER"]
        assert found[1].subject == ("legality_review", "public_comment")

    def test_review_without_any_participation_is_a_defect_already(self) -> None:
        """No public participation, but the draft was sent for legality review on 2026-10-08:
        participation must come before the review (order rule, art. 26), so it can no longer
        come in time — PUBLIC_PARTICIPATION_MISSING stays an error. The discussion,
        publication and archiving are still ahead: the notice names them only."""
        record = DecisionRecord(PARKING, [LegalityReview(D(2026, 10, 8))])
        found = validate_decision(record)
        assert [f.code for f in found] == ["RECORD_NOT_DECIDED", "PUBLIC_PARTICIPATION_MISSING"]
        assert found[1].severity is Severity.ERROR
        assert found[0].subject == ("matter", "collective_discussion", "publication", "archiving")
        assert "PUBLIC_PARTICIPATION_MISSING" not in found[0].message.en

    def test_seed_practice_pending_conditions(self) -> None:
        """Under seed-practice an especially major matter touching a department, with an
        open comment only: the alternatives, the consultation, the experts and the risk
        assessment are all still ahead of the decision — pending, not errors."""
        matter = Matter(
            "县城停车收费调整",
            Category.PUBLIC_POLICY,
            {Flag.PUBLIC_INTEREST, Flag.ESPECIALLY_MAJOR},
            departments=("县财政局",),
        )
        record = DecisionRecord(matter, [PublicComment(D(2026, 12, 10))])
        [notice] = validate_decision(record, "seed-practice")
        for code in ("ALTERNATIVES_INSUFFICIENT", "CONSULTATION_MISSING", "EXPERT_EVALUATION_MISSING"):
            assert code in notice.message.en
        assert "县财政局" in notice.message.zh

    def test_a_dispute_without_reasons_waits_for_the_submission(self) -> None:
        """A consultation on 2026-12-12 with a dispute whose reasons are not yet written:
        art. 13 wants them when the dispute goes to the decision body, which has not
        happened yet — pending."""
        matter = attrs.evolve(PARKING, departments=("县财政局",))
        opinion = DepartmentOpinion("县财政局", agreed=False, reasoning="超出年度预算")
        record = DecisionRecord(
            matter, [PublicComment(D(2026, 12, 10)), Consultation(D(2026, 12, 12), (opinion,))]
        )
        [notice] = validate_decision(record)
        assert "DISPUTE_REASONS_MISSING" in notice.message.en

    def test_decided_record_keeps_its_errors(self, compliant: DecisionRecord) -> None:
        """Once decided (discussion recorded), a missing publication is an error as before."""
        record = attrs.evolve(
            compliant, steps=[s for s in compliant.steps if s.kind is not StepKind.PUBLICATION]
        )
        assert codes(record) == ["NOT_PUBLISHED"]

    def test_bad_record_type(self) -> None:
        with pytest.raises(InvalidTypeError):
            validate_decision("dec2.toml")  # type: ignore[arg-type]


class TestCommandLine:
    def test_check_in_progress(self, tmp_path: Path) -> None:
        """`decision check` on the user's dec2.toml: the notice, no error, exit 0."""
        path = tmp_path / "dec2.toml"
        path.write_text(
            '[matter]\ntitle = "县城停车收费调整"\ncategory = "public_policy"\nflags = ["public_interest"]\n\n'
            '[[steps]]\nkind = "public_comment"\npublished = 2026-12-10\n',
            encoding="utf-8",
        )
        code, out, _ = run_cli("decision", "check", str(path), "--lang", "en")
        assert code == 0
        assert out.startswith("INFO RECORD_NOT_DECIDED")
        assert "ERROR" not in out
        code, out, _ = run_cli("decision", "check", str(path), "--json")
        document = json.loads(out)
        assert code == 0
        assert document["errors"] is False
        assert [f["code"] for f in document["findings"]] == ["RECORD_NOT_DECIDED"]


def test_a_rule_cannot_report_the_notice() -> None:
    """RECORD_NOT_DECIDED is the validator's own: a spec rule naming it is refused on load."""
    from govefficiency.errors import ProcedureSpecError

    from .conftest import local_spec

    with pytest.raises(ProcedureSpecError, match="RECORD_NOT_DECIDED"):
        local_spec(
            "odd",
            ("某市", "a city"),
            ("local", "某市规定", "City rules"),
            {
                "id": "odd",
                "type": "required",
                "steps": ["hearing"],
                "code": "RECORD_NOT_DECIDED",
                "citation": {"law": "local", "article": "1"},
            },
        )
