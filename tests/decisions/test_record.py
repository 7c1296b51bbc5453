"""The decision record: construction, invariants and typed access."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest

from govefficiency.decisions import (
    Category,
    CollectiveDiscussion,
    Consultation,
    DecisionRecord,
    DepartmentOpinion,
    ExpertEvaluation,
    Flag,
    Hearing,
    LegalityReview,
    Matter,
    MeetingType,
    Position,
    PublicComment,
    ReviewResult,
    RiskAssessment,
    StepKind,
    SupervisingOpinion,
)
from govefficiency.errors import DecisionRecordError, InvalidTypeError

D = dt.date


def _matter(**changes: object) -> Matter:
    base = Matter("票价调整", Category.PUBLIC_POLICY)
    return attrs.evolve(base, **changes)


class TestMatter:
    def test_facts_include_flags_and_departments(self) -> None:
        """The facts of a matter are its flag values plus touches_departments when it names any."""
        matter = _matter(flags={Flag.LIVELIHOOD}, departments=("市财政局",))
        assert matter.facts == {"livelihood", "touches_departments"}

    def test_no_departments_no_fact(self) -> None:
        """A matter touching no department has no touches_departments fact."""
        assert _matter(flags={Flag.SPECIALISED}).facts == {"specialised"}

    def test_empty_title_rejected(self) -> None:
        """A blank title is a malformed record."""
        with pytest.raises(DecisionRecordError):
            Matter("  ", Category.PUBLIC_POLICY)

    def test_bad_category_type(self) -> None:
        """The category must be a Category value, not its string."""
        with pytest.raises(InvalidTypeError):
            Matter("票价", "public_policy")  # type: ignore[arg-type]

    def test_bad_flags(self) -> None:
        """Flags must be Flag values."""
        with pytest.raises(InvalidTypeError):
            _matter(flags={"livelihood"})
        with pytest.raises(InvalidTypeError):
            _matter(flags="livelihood")

    def test_duplicate_department(self) -> None:
        """A department listed twice is a malformed record."""
        with pytest.raises(DecisionRecordError, match="twice"):
            _matter(departments=("市财政局", "市财政局"))

    def test_labels_are_bilingual(self) -> None:
        """Every category, flag and step kind has a Chinese and an English label."""
        for member in (*Category, *Flag, *StepKind, *MeetingType, *Position, *ReviewResult):
            assert member.label.zh
            assert member.label.en


class TestSteps:
    def test_comment_closed_before_published(self) -> None:
        """A comment closed before it was published raises DecisionRecordError."""
        with pytest.raises(DecisionRecordError, match="before published"):
            PublicComment(published=D(2026, 9, 10), closed=D(2026, 9, 9))

    def test_comment_same_day_allowed(self) -> None:
        """A comment closed on the day it was published is well formed (the validator judges it)."""
        assert PublicComment(D(2026, 9, 10), D(2026, 9, 10)).closed == D(2026, 9, 10)

    def test_opinion_before_sent(self) -> None:
        """A legality opinion dated before the draft was sent raises DecisionRecordError."""
        with pytest.raises(DecisionRecordError):
            LegalityReview(sent=D(2026, 9, 30), opinion=D(2026, 9, 29), result=ReviewResult.LAWFUL)

    def test_opinion_without_result(self) -> None:
        """An opinion date needs a result, and a result needs an opinion date."""
        with pytest.raises(DecisionRecordError, match="both"):
            LegalityReview(sent=D(2026, 9, 30), opinion=D(2026, 10, 15))
        with pytest.raises(DecisionRecordError, match="both"):
            LegalityReview(sent=D(2026, 9, 30), result=ReviewResult.LAWFUL)

    def test_dates_must_be_dates(self) -> None:
        """A string or a datetime where a date is needed raises InvalidTypeError."""
        with pytest.raises(InvalidTypeError):
            ExpertEvaluation(date="2026-09-07")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            ExpertEvaluation(date=dt.datetime(2026, 9, 7, 9, 0))

    def test_booleans_must_be_bool(self) -> None:
        """A truthy non-bool for a yes/no attribute raises InvalidTypeError."""
        with pytest.raises(InvalidTypeError):
            RiskAssessment(date=D(2026, 9, 14), controllable=1)  # type: ignore[arg-type]

    def test_citizen_count_not_negative(self) -> None:
        """A negative number of citizen representatives is a malformed record."""
        with pytest.raises(DecisionRecordError):
            CollectiveDiscussion(
                D(2026, 10, 20), MeetingType.STANDING, "市长", Position.APPROVE, citizen_representatives=-1
            )

    def test_head_cannot_dissent(self) -> None:
        """The head cannot be listed among the dissenters from their own decision."""
        with pytest.raises(DecisionRecordError, match="own decision"):
            CollectiveDiscussion(
                D(2026, 10, 20), MeetingType.STANDING, "市长", Position.APPROVE, dissenters=("市长",)
            )

    def test_dissenter_must_have_spoken(self) -> None:
        """When speakers are listed, every dissenter is among them."""
        with pytest.raises(DecisionRecordError, match="not among the speakers"):
            CollectiveDiscussion(
                D(2026, 10, 20),
                MeetingType.STANDING,
                "市长",
                Position.APPROVE,
                speakers=("副市长", "市长"),
                dissenters=("秘书长",),
            )

    def test_had_dissent(self) -> None:
        """Dissent exists when members are named or when the decision departs from the majority."""
        base = CollectiveDiscussion(D(2026, 10, 20), MeetingType.STANDING, "市长", Position.APPROVE)
        assert not base.had_dissent
        assert attrs.evolve(base, majority_view=Position.REJECT).had_dissent
        assert attrs.evolve(base, speakers=("甲", "市长"), dissenters=("甲",)).had_dissent

    def test_consultation_lookup(self) -> None:
        """A consultation answers the opinion of a department, or None."""
        step = Consultation(
            D(2026, 9, 16), (DepartmentOpinion("市财政局", agreed=False, reasoning="超预算"),)
        )
        opinion = step.opinion("市财政局")
        assert opinion is not None
        assert opinion.reasoning == "超预算"
        assert step.opinion("市交通运输局") is None

    def test_consultation_duplicate_department(self) -> None:
        """A department consulted twice in one consultation is a malformed record."""
        with pytest.raises(DecisionRecordError):
            Consultation(D(2026, 9, 16), (DepartmentOpinion("甲"), DepartmentOpinion("甲")))

    def test_consultation_opinions_type(self) -> None:
        """Consultation opinions must be DepartmentOpinion values."""
        with pytest.raises(InvalidTypeError):
            Consultation(D(2026, 9, 16), ("市财政局",))  # type: ignore[arg-type]


class TestDecisionRecord:
    def test_steps_sorted_canonically(self) -> None:
        """Steps are kept in procedure order whatever order they are given in."""
        record = DecisionRecord(
            _matter(), [ExpertEvaluation(D(2026, 9, 7)), PublicComment(D(2026, 8, 1), D(2026, 8, 31))]
        )
        assert [s.kind for s in record.steps] == [StepKind.PUBLIC_COMMENT, StepKind.EXPERT_EVALUATION]

    def test_duplicate_step_kind(self) -> None:
        """The same step kind twice raises DecisionRecordError."""
        with pytest.raises(DecisionRecordError, match="twice"):
            DecisionRecord(_matter(), [ExpertEvaluation(D(2026, 9, 7)), ExpertEvaluation(D(2026, 9, 8))])

    def test_non_step_rejected(self) -> None:
        """Something that is not a step raises InvalidTypeError."""
        with pytest.raises(InvalidTypeError):
            DecisionRecord(_matter(), ["public_comment"])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError):
            DecisionRecord(_matter(), "public_comment")  # type: ignore[arg-type]

    def test_alternatives_at_least_one(self) -> None:
        """A record counts at least one plan."""
        with pytest.raises(DecisionRecordError):
            DecisionRecord(_matter(), alternatives=0)
        with pytest.raises(InvalidTypeError):
            DecisionRecord(_matter(), alternatives=2.0)  # type: ignore[arg-type]

    def test_matter_type(self) -> None:
        """The matter must be a Matter."""
        with pytest.raises(TypeError):
            DecisionRecord("票价调整")  # type: ignore[arg-type]

    def test_step_and_get(self, compliant: DecisionRecord) -> None:
        """Steps are found by kind or by class; absent steps give None."""
        review = compliant.get(LegalityReview)
        assert review is not None
        assert review.opinion == D(2026, 10, 15)
        assert compliant.step(StepKind.LEGALITY_REVIEW) is review
        assert compliant.step(StepKind.POST_EVALUATION) is None
        assert compliant.get(SupervisingOpinion) is not None

    def test_step_bad_input(self, compliant: DecisionRecord) -> None:
        """step() wants a StepKind and get() a step class."""
        with pytest.raises(InvalidTypeError):
            compliant.step("legality_review")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            compliant.get(str)  # type: ignore[type-var]

    def test_with_step_replaces(self, compliant: DecisionRecord) -> None:
        """with_step replaces the step of the same kind and leaves the original untouched."""
        changed = compliant.with_step(Hearing(D(2026, 8, 28), D(2026, 8, 25)))
        hearing = changed.get(Hearing)
        assert hearing is not None
        assert hearing.materials_sent == D(2026, 8, 25)
        assert len(changed.steps) == len(compliant.steps)
        original = compliant.get(Hearing)
        assert original is not None
        assert original.materials_sent == D(2026, 8, 20)
        with pytest.raises(InvalidTypeError):
            compliant.with_step("hearing")  # type: ignore[arg-type]

    def test_picklable(self, compliant: DecisionRecord) -> None:
        """A record survives pickling unchanged."""
        assert pickle.loads(pickle.dumps(compliant)) == compliant
