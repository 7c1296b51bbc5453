"""A county government service centre (政务服务中心): 10 items, 200 applications.

The data live in ``examples/data/services/``: the catalogue (服务事项清单) with its window
posts (AB岗), 200 applications received between September and November 2026, the
county's efficiency complaints with its own rule file, and a window satisfaction survey.
The script shows:

1. the catalogue check (committed limits against the statute, A/B posts);
2. the e-supervision screen (电子监察) on Mon 2026-11-30: yellow past the committed limit,
   red past the statutory limit;
3. the three defects hidden in the applications — one deemed acceptance over the
   National Day holiday (行政许可法 art. 32 ¶1(4)), one second correction notice that
   breaks the one-time rule, one A/B gap — and the hand count of the first;
4. the open applications run through an existing escalation policy as cases;
5. complaints, satisfaction and the assessment inputs (plain metric rows).

Run it from anywhere: ``python examples/service_centre.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govefficiency.escalation import evaluate, get_policy
from govefficiency.services import (
    Light,
    application_cases,
    application_metrics,
    check_catalogue,
    complaint_metrics,
    complaint_report,
    load_applications,
    load_catalogue,
    load_complaints,
    load_survey,
    status_board,
    survey_metrics,
    survey_results,
)
from govefficiency.testing import CST

DATA = Path(__file__).resolve().parent / "data" / "services"
AT = dt.datetime(2026, 11, 30, 17, 0, tzinfo=CST)


def rule(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 70 - len(title)))


catalogue = load_catalogue(DATA / "catalogue.toml")
register = load_applications(DATA / "applications.json")
print(f"{catalogue.name}: {len(catalogue)} items, {len(register)} applications")

rule("1. catalogue check")
findings = check_catalogue(catalogue)
print("no findings" if not findings else "\n".join(f.render("en") for f in findings))
assert "food-business-licence" in catalogue  # the protocol other modules use
print("food-business-licence:", catalogue.get("food-business-licence").name.en)

rule("2. e-supervision screen at " + AT.isoformat())
board = status_board(register, catalogue, at=AT)
print({k: v for k, v in board.counts().items() if v})
for status in board.statuses:
    if status.light in (Light.YELLOW, Light.RED, Light.UNDETERMINED):
        print("  " + status.render("en"))

rule("3. findings in the application records")
for finding in board.findings:
    print(finding.render("en"))
deemed = [s for s in board.statuses if s.deemed]
assert len(deemed) == 1
s = deemed[0]
# Received Wed 2026-09-30; 10-01..10-07 are the National Day holiday; the 5 working days
# are 10-08, 10-09, Sat 10-10 (make-up working day), 10-12, 10-13. No notice by 10-13:
# accepted from 09-30. Twenty working days from 09-30 end on Tue 2026-11-03.
assert (s.received, s.notice_due, s.start, s.statutory_due) == (
    dt.date(2026, 9, 30),
    dt.date(2026, 10, 13),
    dt.date(2026, 9, 30),
    dt.date(2026, 11, 3),
)
codes = sorted(f.code for f in board.findings)
assert codes.count("ACCEPTANCE_NOTICE_LATE") == 1
assert codes.count("CORRECTION_NOT_ONE_TIME") == 1
assert codes.count("NO_BACKUP_COVER") == 1

rule("4. escalation on the open applications (policy e-supervision-lights)")
cases = application_cases(register, catalogue, at=AT)
evaluation = evaluate(get_policy("e-supervision-lights"), cases, at=AT)
for action in evaluation.actions:
    print(action.header.en, "->", ", ".join(r.id for r in action.recipients))
for notice in evaluation.notices:
    print("notice:", notice.text.en)

rule("5. complaints, satisfaction, assessment inputs")
rules, complaints = load_complaints(DATA / "complaints.toml")
report = complaint_report(complaints, rules, at=AT)
for finding in report.findings:
    print(finding.render("en"))
results, survey_findings = survey_results(load_survey(DATA / "survey.toml"))
for r in results:
    print(f"{r.unit}/{r.window} {r.period}: {r.rate:.1%} [{r.low:.1%}, {r.high:.1%}] of {r.n}")
for finding in survey_findings:
    print(finding.render("en"))
rows, gaps = application_metrics(board)
rows += complaint_metrics(report)[0] + survey_metrics(results)
for row in rows:
    if row.period in ("2026-10", "2026Q4"):
        print(f"  {row.unit:28} {row.indicator:40} {row.period}  {row.value:6.1f}%  {','.join(row.refs)}")
print(f"{len(rows)} metric rows, {len(gaps)} metrics without a value (with the reason)")
