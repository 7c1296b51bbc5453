"""A county assesses its six departments for the third quarter of 2026 (季度绩效考核).

From the evidence to the ranking, seed 003 part 6(3) style (每季度……绩效评价、排名):

1. the checklist ledger (台账): each department's key tasks due in the quarter, with their
   progress reports; the settlement on 30 September gives completion rates and the key
   tasks left unfinished (ledger adapter);
2. the accountability ladder (问责): one circulated criticism in August (ladder adapter);
3. the survey and the appraisal forms (满意度调查、行风政风评议): a CSV table;
4. the scheme (a TOML file): indicators, a one-vote veto for unfinished key work
   (重点工作一票否决), grades with a 20 % quota for excellent.

The result has one veto (交通运输局 left a key task unfinished) and one tie (住建局 and
卫健局 score the same and share a rank). Then: why one department is ahead of another
(``explain_gap``), what it would take to be excellent (``to_reach``), the officers'
appraisal from the same ledger (年底按照台账结果对干部进行考评), and the same
assessment from the command line.

Run: ``.venv/bin/python examples/quarterly_assessment.py``
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tempfile
from pathlib import Path

from govefficiency.accountability import AccountabilityEvent, AccountabilityForm
from govefficiency.assessment import (
    accountability_metrics,
    appraise_officers,
    assess,
    explain_gap,
    ledger_metrics,
    load_metrics,
    load_scheme,
    to_reach,
)
from govefficiency.cli import main as cli
from govefficiency.ledger import Ledger, load_ledger, settle, supervision_rates
from govefficiency.testing import CST, checklist_item
from govefficiency.text import Text

DATA = Path(__file__).parent / "data" / "assessment"
QUARTER = "2026Q3"
SETTLED = dt.datetime(2026, 9, 30, 18, 0, tzinfo=CST)

D = dt.date

# (item, title, category, lead unit, officer, deadline, [(report day, share)])
TASKS = [
    ("F1", "重大项目前期工作", "重点工作", "fgj", "fgj-li", D(2026, 9, 15), [(D(2026, 9, 10), 100)]),
    ("F2", "价格监测报告", "日常工作", "fgj", "fgj-li", D(2026, 8, 31), [(D(2026, 8, 28), 100)]),
    ("J1", "国道改线工程", "重点工作", "jtj", "jtj-zhao", D(2026, 9, 30), [(D(2026, 9, 29), 70)]),
    ("J2", "农村公路养护", "日常工作", "jtj", "jtj-zhao", D(2026, 8, 31), [(D(2026, 8, 25), 100)]),
    ("Z1", "老旧小区改造", "重点工作", "zjj", "zjj-wang", D(2026, 9, 30), [(D(2026, 9, 25), 100)]),
    ("Z2", "物业服务检查", "日常工作", "zjj", "zjj-wang", D(2026, 8, 31), [(D(2026, 8, 20), 100)]),
    ("E1", "新建小学主体完工", "重点工作", "jyj", "jyj-sun", D(2026, 8, 31), [(D(2026, 9, 8), 100)]),
    ("E2", "教师招聘", "日常工作", "jyj", "jyj-sun", D(2026, 8, 15), [(D(2026, 8, 10), 100)]),
    ("W1", "县医院门诊楼", "重点工作", "wjj", "wjj-zhou", D(2026, 9, 30), [(D(2026, 9, 28), 100)]),
    ("W2", "家庭医生签约", "日常工作", "wjj", "wjj-zhou", D(2026, 9, 15), [(D(2026, 9, 1), 100)]),
    ("S1", "一网通办上线", "重点工作", "zwfw", "zwfw-xu", D(2026, 9, 30), [(D(2026, 9, 18), 100)]),
    ("S2", "窗口作风整顿", "日常工作", "zwfw", "zwfw-xu", D(2026, 9, 15), [(D(2026, 9, 5), 100)]),
]


def build_ledger() -> Ledger:
    """The quarter's ledger: each task a checklist item (target = title, standard 通过验收,
    vice mayor Li in charge) opened on 1 July, then its progress reports at 17:00."""
    ledger = Ledger()
    items = [
        checklist_item(
            item,
            title,
            unit,
            officer,
            category=category,
            deadline=deadline,
            leader="vm-li",
            start=D(2026, 7, 1),
        )
        for item, title, category, unit, officer, deadline, _ in TASKS
    ]
    ledger.open_items(items, at=dt.datetime(2026, 7, 1, 9, 0, tzinfo=CST))
    # Recorded in time order (the ledger refuses an entry recorded before its latest one).
    reports = sorted((day, item, share) for item, *_, rows in TASKS for day, share in rows)
    for day, item, share in reports:
        ledger.report_progress(item, date=day, share=share, at=dt.datetime.combine(day, dt.time(17), CST))
    return ledger


def main() -> None:
    scheme = load_scheme(DATA / "county-departments.toml")
    table = load_metrics(DATA / "q3-metrics.csv")  # the survey and the appraisal forms
    units = [u.id for u in table.units]

    ledger = build_ledger()
    settlement = settle(ledger, at=SETTLED)
    rates = supervision_rates(ledger, at=SETTLED)
    late = Text("新建小学逾期完工", "the new primary school finished late")
    events = [AccountabilityEvent("jyj", D(2026, 9, 10), AccountabilityForm.CIRCULATED_CRITICISM, late)]
    inputs = table.extend(ledger_metrics(settlement, rates, units=units, period=QUARTER))
    inputs = inputs.extend(accountability_metrics(events, QUARTER, units=units))

    q2_ranks = {"fgj": 2, "jtj": 1, "zjj": 3, "jyj": 4, "wjj": 5, "zwfw": 6}  # last quarter
    report = assess(scheme, inputs, QUARTER, previous=q2_ranks)
    print(report.explain("zh"))
    print()
    print(report.explain("en", unit="zwfw"))

    jtj, zjj, wjj = report.unit("jtj"), report.unit("zjj"), report.unit("wjj")
    assert jtj.vetoes[0].refs == ("J1",)  # the one veto: jtj left key task J1 unfinished
    assert zjj.total == wjj.total  # the one tie ...
    assert zjj.rank == wjj.rank  # ... and they share a rank
    assert report.unit("zwfw").grade == "excellent"  # 20 % of 6 units = 1.2 -> 1 slot ...
    assert report.unit("fgj").grade == "good"  # ... so fgj (97.8, excellent by band) is good
    assert not report.has_errors
    assert report.to_json() == assess(scheme, inputs, QUARTER, previous=q2_ranks).to_json()  # byte for byte
    print()
    print(explain_gap(report, "zwfw", "jtj").explain("en"))
    print()
    print(to_reach(report, "fgj", "excellent").explain("zh"))
    print(to_reach(report, "jtj", "good").explain("en"))
    print()
    print(appraise_officers(settlement.items).explain("zh"))

    # The same from files, as a supervision office would run it: the ledger exported to
    # JSON Lines (examples/data/assessment/q3-ledger.jsonl was written by build_ledger()),
    # the ladder's rows as a second table, and this quarter's JSON report kept to compare
    # the next quarter with (--previous).
    assert [e.hash for e in load_ledger(DATA / "q3-ledger.jsonl").entries()] == [
        e.hash for e in ledger.entries()
    ]
    args = [
        str(DATA / "county-departments.toml"),
        str(DATA / "q3-metrics.csv"),
        str(DATA / "q3-accountability.csv"),
        "--period",
        QUARTER,
        "--ledger",
        str(DATA / "q3-ledger.jsonl"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        report_file = Path(tmp) / "2026Q3.json"
        with report_file.open("w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
            status = cli(["assess", *args, "--json"])
        assert status == 0
        saved = json.loads(report_file.read_text(encoding="utf-8"))
        assert {u["unit"]: u["rank"] for u in saved["units"]} == report.ranks()  # files = API
        print()
        status = cli(["assess", *args, "--lang", "en", "--previous", str(report_file), "--officers"])
        print(f"command line exit status: {status}")
        assert status == 0


if __name__ == "__main__":
    main()
