"""An industrial investment project through its approvals (审批流程), across National Day.

A 350-million-yuan new-materials plant needs six approvals from four units: land-use
pre-approval, the land-use planning permit, the environmental impact assessment, the
energy-conservation review, the fire-protection design review and the construction
permit. The script:

1. checks the flow as first drawn — the construction permit and the fire review wait for
   each other (互为前置, which seed 003 forbids), and two assessments are chained although
   they need nothing from each other;
2. checks the fixed flow: the assessments run in parallel (并联) with one shared limit,
   and joint review (联审联批, from 100 million yuan — seed 003's practice, a local choice)
   merges the fire review and the construction permit; the critical path is laid on the
   real 2026 calendar from 1 September, so the Mid-Autumn and National Day holidays count;
3. tracks the project on 12 October 2026, after the holiday: the environmental assessment
   was suspended for expert review (行政许可法 art. 45) and holds the critical path;
4. tracks it again on 2 November, when the assessment is late, and runs the shipped
   escalation policy on its steps — the agent officer (代理制) is answerable for all;
5. prints the Mermaid Gantt chart of the tracked project.

Data: ``examples/data/approvals/``. Run it from anywhere: ``python examples/industrial_project.py``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from govefficiency.approvals import (
    check_flow,
    load_flow,
    load_project,
    project_gantt,
    step_cases,
    track,
)
from govefficiency.escalation import evaluate, get_policy
from govefficiency.findings import has_errors
from govefficiency.testing import CST

DATA = Path(__file__).parent / "data" / "approvals"
START = dt.date(2026, 9, 1)


def main() -> None:
    # 1. The flow as first drawn.
    draft = load_flow(DATA / "industrial_flow_defective.toml")
    findings = check_flow(draft, start=START)
    print("== draft flow ==")
    for finding in findings:
        print(finding.render("en"))
    assert findings[0].code == "MUTUAL_PREREQUISITE"
    assert has_errors(findings)

    # 2. The fixed flow, checked against the published list of items, with and without
    #    joint review.
    flow = load_flow(DATA / "industrial_flow.toml")
    catalogue = {
        "land-use-preapproval",
        "land-planning-permit",
        "environmental-impact-approval",
        "energy-conservation-review",
        "fire-design-review",
        "construction-permit",
    }
    print("\n== fixed flow ==")
    assert check_flow(flow, start=START, catalogue=catalogue) == []
    assert check_flow(flow, start=START, catalogue=catalogue, investment_yuan=350_000_000) == []
    print("no findings; longest path (working days, no joint review):", flow.longest_path_working_days())
    print("with joint review:", flow.longest_path_working_days(joint=True))

    # 3. The project after National Day.
    project = load_project(DATA / "project.toml")
    after_holiday = dt.datetime(2026, 10, 12, 17, tzinfo=CST)
    status = track(flow, project, at=after_holiday)
    print("\n== tracked on 2026-10-12 ==")
    print(status.render("en"))
    assert status.projected_completion == dt.date(2026, 12, 4)
    assert status.committed_due == dt.date(2026, 12, 28)
    assert status.critical_path[0] == "eia"

    # 4. Three weeks later the assessment is late; escalation takes the steps as cases.
    late = dt.datetime(2026, 11, 2, 9, tzinfo=CST)
    status = track(flow, project, at=late)
    print("\n== tracked on 2026-11-02 ==")
    for step in status.late_steps:
        print(f"late: {step.step}, held by {step.unit}, {step.overdue_by} working day(s) over")
    assert [s.step for s in status.late_steps] == ["eia"]
    evaluation = evaluate(get_policy("handling-limits"), step_cases(flow, project), at=late)
    for action in evaluation.actions:
        print(action.render("en"))

    # 5. The Gantt chart (paste into any Mermaid renderer).
    print("\n== Gantt ==")
    print(project_gantt(flow, project, at=after_holiday, lang="en"))


if __name__ == "__main__":
    main()
