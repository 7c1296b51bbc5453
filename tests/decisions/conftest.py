"""Shared records for the decision tests: a complete, compliant bus-fare decision."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from govefficiency.calendar import WorkCalendar, china_calendar
from govefficiency.decisions import (
    Archiving,
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
    Publication,
    PublicComment,
    ReviewResult,
    RiskAssessment,
    SupervisingOpinion,
)

DATA = Path(__file__).parent / "data"

MATTER = Matter(
    title="市区公交票价调整方案",
    category=Category.PUBLIC_POLICY,
    flags={
        Flag.PUBLIC_INTEREST,
        Flag.LIVELIHOOD,
        Flag.SPECIALISED,
        Flag.STABILITY_RISK,
        Flag.ESPECIALLY_MAJOR,
        Flag.PERSONNEL_FUNDS_ASSETS_PLANNING,
    },
    departments=("市财政局", "市交通运输局"),
)

DISCUSSION = CollectiveDiscussion(
    date=dt.date(2026, 10, 20),
    meeting=MeetingType.STANDING,
    head="市长",
    speakers=("常务副市长", "分管交通的副市长", "副市长（财政）", "市长"),
    majority_view=Position.APPROVE_AMENDED,
    decision=Position.APPROVE_AMENDED,
    dissenters=("副市长（财政）",),
    dissent_recorded=True,
    citizen_representatives=3,
)

COMPLIANT = DecisionRecord(
    MATTER,
    alternatives=2,
    steps=[
        PublicComment(published=dt.date(2026, 7, 24), closed=dt.date(2026, 8, 24)),
        Hearing(date=dt.date(2026, 8, 28), materials_sent=dt.date(2026, 8, 20)),
        ExpertEvaluation(date=dt.date(2026, 9, 7)),
        RiskAssessment(date=dt.date(2026, 9, 14), controllable=True, measures=("低收入群体票价减免",)),
        Consultation(
            date=dt.date(2026, 9, 16),
            opinions=(DepartmentOpinion("市财政局"), DepartmentOpinion("市交通运输局")),
        ),
        SupervisingOpinion(date=dt.date(2026, 9, 18), leader="分管交通的副市长"),
        LegalityReview(sent=dt.date(2026, 9, 30), opinion=dt.date(2026, 10, 15), result=ReviewResult.LAWFUL),
        DISCUSSION,
        Publication(date=dt.date(2026, 10, 23), channel="市政府公报"),
        Archiving(date=dt.date(2026, 10, 30)),
    ],
)


@pytest.fixture
def compliant() -> DecisionRecord:
    """A complete bus-fare decision that satisfies both presets."""
    return COMPLIANT


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    """The official PRC calendar."""
    return china_calendar()


@pytest.fixture
def data() -> Path:
    """The folder of record and spec files used by the tests."""
    return DATA
