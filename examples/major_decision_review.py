"""Reviewing a major administrative decision (重大行政决策) like a linter.

The matter: a city adjusts its bus fares (市区公交票价调整) — a livelihood matter that
directly affects the public, needs a cost study by experts, carries a stability risk,
touches the fiscal subsidy to the bus company and the duties of two departments.

1. The secretariat's first record has three procedural defects; the validator finds
   them (in Chinese and English) and cites the articles broken. Two are errors; the
   legality review shortened to two working days is a warning (decree 713 art. 26 ¶2
   says "一般不少于7个工作日", normally), to be answered with a recorded reason or more
   review time.
2. The corrected record passes with no error finding.
3. For a similar decision still in progress, the planner lists what remains and the
   earliest lawful date of each step — across the 2026 National Day holiday.

Run: ``python examples/major_decision_review.py``
"""

from __future__ import annotations

import datetime as dt

import attrs

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
    plan_decision,
    validate_decision,
)
from govefficiency.findings import has_errors

PROCEDURE = "seed-practice"  # decree 713 + the practice of the seed documents

FARES = Matter(
    title="市区公交票价调整方案",
    category=Category.PUBLIC_POLICY,
    flags={
        Flag.PUBLIC_INTEREST,
        Flag.LIVELIHOOD,
        Flag.SPECIALISED,
        Flag.STABILITY_RISK,
        Flag.ESPECIALLY_MAJOR,
        Flag.PERSONNEL_FUNDS_ASSETS_PLANNING,  # the fiscal subsidy to the bus company
    },
    departments=("市财政局", "市交通运输局"),
)

# The draft as the secretariat first recorded it.
DRAFT = DecisionRecord(
    FARES,
    alternatives=2,  # base plan: 1 → 2 yuan; alternative: 1.5 yuan with free transfers
    steps=[
        # Defect 1: the comment ran 21 days and no reason for urgency was stated.
        PublicComment(published=dt.date(2026, 8, 3), closed=dt.date(2026, 8, 24)),
        Hearing(date=dt.date(2026, 8, 28), materials_sent=dt.date(2026, 8, 20)),
        ExpertEvaluation(date=dt.date(2026, 9, 7), note="票价成本监审专家论证"),
        RiskAssessment(
            date=dt.date(2026, 9, 14),
            controllable=True,
            measures=("低收入群体票价减免", "老年人免费乘车政策不变", "分阶段实施"),
        ),
        Consultation(
            date=dt.date(2026, 9, 16),
            opinions=(DepartmentOpinion("市财政局"), DepartmentOpinion("市交通运输局")),
        ),
        SupervisingOpinion(date=dt.date(2026, 9, 18), leader="分管交通的副市长"),
        # Defect 2 (a warning): sent on Wed 30 September, opinion on Fri 9 October: nine
        # calendar days, but only two working days (8 and 9 October) because of the
        # National Day holiday, and no reason for the short review is recorded.
        LegalityReview(sent=dt.date(2026, 9, 30), opinion=dt.date(2026, 10, 9), result=ReviewResult.LAWFUL),
        # Defect 3: the mayor opened the discussion instead of speaking last.
        CollectiveDiscussion(
            date=dt.date(2026, 10, 20),
            meeting=MeetingType.STANDING,
            head="市长",
            speakers=("市长", "常务副市长", "分管交通的副市长", "副市长（财政）"),
            majority_view=Position.APPROVE_AMENDED,
            decision=Position.APPROVE_AMENDED,
            dissenters=("副市长（财政）",),
            dissent_recorded=True,
            citizen_representatives=3,
        ),
        Publication(date=dt.date(2026, 10, 23), channel="市政府公报、市政府门户网站"),
        Archiving(date=dt.date(2026, 10, 30)),
    ],
)

# The corrected record: the comment re-run for 30 days, the legality review given its
# 7 working days, the mayor speaking last.
FIXED = (
    DRAFT.with_step(PublicComment(published=dt.date(2026, 7, 24), closed=dt.date(2026, 8, 24)))
    .with_step(
        LegalityReview(sent=dt.date(2026, 9, 30), opinion=dt.date(2026, 10, 15), result=ReviewResult.LAWFUL)
    )
    .with_step(
        attrs.evolve(
            DRAFT.get(CollectiveDiscussion),
            speakers=("常务副市长", "分管交通的副市长", "副市长（财政）", "市长"),
        )
    )
)

# A similar decision in progress on 15 September: the comment (published 10 September)
# is still open, a hearing is scheduled for 25 September, nothing else is done yet.
IN_PROGRESS = DecisionRecord(
    attrs.evolve(FARES, title="郊区公交线路票价调整方案"),
    steps=[PublicComment(published=dt.date(2026, 9, 10)), Hearing(date=dt.date(2026, 9, 25))],
)


def show(title: str, record: DecisionRecord) -> None:
    findings = validate_decision(record, PROCEDURE)
    print(f"== {title}")
    for lang in ("zh", "en"):
        for finding in findings:
            print("  " + finding.render(lang))
    if not has_errors(findings):
        print("  未发现错误 / no error findings")
    print()


def main() -> None:
    show("初稿（三处程序瑕疵）/ first draft (three defects)", DRAFT)
    found = [(f.code, f.severity.value) for f in validate_decision(DRAFT, PROCEDURE)]
    assert found == [
        ("SHORTENED_WITHOUT_REASON", "error"),
        ("LEGALITY_REVIEW_TOO_SHORT", "warning"),
        ("HEAD_NOT_LAST", "error"),
    ]

    show("修正后 / corrected", FIXED)
    assert validate_decision(FIXED, PROCEDURE) == []

    plan = plan_decision(IN_PROGRESS, PROCEDURE, on=dt.date(2026, 9, 15))
    print("== 进行中的决策：尚需履行的程序 / a decision in progress: what remains")
    print(plan.render("zh"))
    print()
    print(plan.render("en"))


if __name__ == "__main__":
    main()
