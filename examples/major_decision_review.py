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
    CollectiveDiscussion,
    DecisionRecord,
    Hearing,
    LegalityReview,
    PublicComment,
    ReviewResult,
    plan_decision,
    validate_decision,
)
from govefficiency.findings import has_errors
from govefficiency.testing import bus_fare_decision

PROCEDURE = "seed-practice"  # decree 713 + the practice of the seed documents

# The corrected record, as the library's testing module builds it: a livelihood matter
# (public interest, specialised, a stability risk, especially major, and the fiscal
# subsidy to the bus company), two alternatives (base plan: 1 → 2 yuan; alternative:
# 1.5 yuan with free transfers), every step of decree 713 in order. Print it with
# ``print(FIXED.to_dict())`` to see each step.
FIXED = bus_fare_decision()
FARES = FIXED.matter

# The draft as the secretariat first recorded it: the same record with three defects.
DRAFT = (
    # Defect 1: the comment ran 21 days and no reason for urgency was stated.
    FIXED.with_step(PublicComment(published=dt.date(2026, 8, 3), closed=dt.date(2026, 8, 24)))
    # Defect 2 (a warning): sent on Wed 30 September, opinion on Fri 9 October: nine
    # calendar days, but only two working days (8 and 9 October) because of the
    # National Day holiday, and no reason for the short review is recorded.
    .with_step(
        LegalityReview(sent=dt.date(2026, 9, 30), opinion=dt.date(2026, 10, 9), result=ReviewResult.LAWFUL)
    )
    # Defect 3: the mayor opened the discussion instead of speaking last.
    .with_step(
        attrs.evolve(
            FIXED.get(CollectiveDiscussion),
            speakers=("市长", "常务副市长", "分管交通的副市长", "副市长（财政）"),
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
