"""A city's year of 20 key tasks in the checklist ledger (清单 + 台账), seed 003 style.

年初建账 (open, 5 January) → monthly progress reports → 6月查账 (June check: half the
time, half the work) → 9月对账 (September reconciliation: supervision notices to the
laggards, rectifications ordered) → 年底交账 (year-end settlement) → the supervision
rates (督查执行率、被督查事项上报率、责任主体整改率, targets 100%) → hash-chain check.

Run: ``.venv/bin/python examples/annual_ledger.py``
"""

from __future__ import annotations

import datetime as dt

from govefficiency.calendar import china_calendar
from govefficiency.ledger import (
    ChecklistItem,
    Draft,
    Entry,
    EntryKind,
    Ledger,
    ProgressReport,
    ReviewPolicy,
    TimeNode,
    june_check,
    monthly_review,
    reconcile,
    settle,
    supervision_rates,
)
from govefficiency.testing import CST

CAL = china_calendar()
YEAR = 2026
POLICY = ReviewPolicy(tolerance=2)  # a 2-point tolerance, working days, 5 working days to reply

UNITS = {
    "fgw": "发展改革委",
    "zjj": "住房城乡建设局",
    "jtj": "交通运输局",
    "zrj": "自然资源和规划局",
    "sthj": "生态环境局",
    "jyj": "教育局",
    "wjw": "卫生健康委",
    "zwfw": "政务服务中心",
    "gxj": "工业和信息化局",
    "swj": "商务局",
}

# (id, title, category, lead unit, assisting units, leader, officer, pace)
# "pace" is how fast the unit really works against its plan: 1.0 keeps to the plan.
TASKS = [
    ("K01", "中心城区雨污分流改造", "城市建设", "zjj", ("sthj",), "vm-li", "wang-qiang", 1.05),
    ("K02", "环城快速路二期", "交通建设", "jtj", ("zrj",), "vm-zhao", "liu-yang", 0.62),
    ("K03", "老旧小区改造50个", "民生实事", "zjj", (), "vm-li", "zhang-min", 1.0),
    ("K04", "高新区标准化厂房", "重大项目", "gxj", ("zrj",), "vm-zhang", "chen-gang", 1.1),
    ("K05", "招商引资签约项目落地", "开放招商", "swj", ("fgw",), "vm-zhang", "li-na", 1.0),
    ("K06", "新建中小学3所", "民生实事", "jyj", ("zjj",), "vm-wang", "zhou-hui", 0.95),
    ("K07", "县域医共体建设", "民生实事", "wjw", (), "vm-wang", "wu-lei", 0.7),
    ("K08", "政务服务一网通办", "改革", "zwfw", (), "vm-zhang", "xu-jing", 1.15),
    ("K09", "白河水质提升", "生态环境", "sthj", ("zjj",), "vm-li", "sun-tao", 1.0),
    ("K10", "城市公园绿地提升", "城市建设", "zjj", (), "vm-li", "wang-qiang", 1.0),
    ("K11", "重大项目审批提速", "改革", "fgw", ("zwfw",), "vm-zhang", "ma-lin", 1.05),
    ("K12", "农村公路改造300公里", "交通建设", "jtj", (), "vm-zhao", "liu-yang", 1.0),
    ("K13", "国土空间规划编制", "规划", "zrj", ("fgw",), "vm-zhao", "he-ping", 0.55),
    ("K14", "大气污染防治攻坚", "生态环境", "sthj", (), "vm-li", "sun-tao", 1.0),
    ("K15", "智慧停车系统", "城市建设", "jtj", ("gxj",), "vm-zhao", "gao-fei", 0.0),
    ("K16", "社区养老服务中心", "民生实事", "wjw", (), "vm-wang", "wu-lei", 1.0),
    ("K17", "职业技能培训2万人次", "民生实事", "jyj", (), "vm-wang", "zhou-hui", 1.1),
    ("K18", "产业集聚区提质增效", "重大项目", "fgw", ("gxj",), "vm-zhang", "ma-lin", 1.0),
    ("K19", "外贸进出口稳增长", "开放招商", "swj", (), "vm-zhang", "li-na", 0.98),
    ("K20", "公共充电桩建设", "城市建设", "fgw", ("jtj",), "vm-zhao", "ma-lin", 1.0),
]
NODES = (
    TimeNode(dt.date(YEAR, 3, 31), 20, "完成前期手续"),
    TimeNode(dt.date(YEAR, 6, 30), 50, "完成年度任务过半"),
    TimeNode(dt.date(YEAR, 9, 30), 80, "主体完工"),
)


def at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(YEAR, month, day, hour, tzinfo=CST)


def month_end(month: int) -> dt.date:
    return (dt.date(YEAR, month % 12 + 1, 1) if month < 12 else dt.date(YEAR + 1, 1, 1)) - dt.timedelta(1)


def unit(code: str) -> str:
    return f"{UNITS[code]}({code})"


def ids(values: tuple[str, ...]) -> str:
    """Ids as one comma-separated list; an em dash for none."""
    return ", ".join(values) or "—"


PACE = {t[0]: t[7] for t in TASKS}


def build_items() -> list[ChecklistItem]:
    """The 20 key tasks of the year, each with its three time nodes."""
    return [
        ChecklistItem(
            id=ident,
            title=title,
            category=category,
            year=YEAR,
            target=f"{title}年度目标全面完成",
            standard="按时间节点推进，年底通过验收",
            deadline=dt.date(YEAR, 12, 31),
            leader=leader,
            lead_unit=lead,
            officer=officer,
            projects=(f"{title}（一期）",),
            time_nodes=NODES,
            assisting_units=assist,
        )
        for ident, title, category, lead, assist, leader, officer, _ in TASKS
    ]


def open_in_january(ledger: Ledger, items: list[ChecklistItem]) -> None:
    """年初建账: the ledger opens on 5 January."""
    print("== 年初建账 (opening the ledger) ==")
    ledger.open_items(items, at=at(1, 5, 9))
    print(
        f"{len(items)} 项重点工作建账，{len(UNITS)} 个责任单位；每项 3 个时间节点：3月底20%、6月底50%、9月底80%\n"
    )


def report_month(ledger: Ledger, items: list[ChecklistItem], month: int) -> None:
    """Each unit reports its share on the last working day of the month, at 17:00."""
    day = month_end(month)
    if not CAL.is_working_day(day):
        day = CAL.previous_working_day(day)
    recorded = dt.datetime.combine(day, dt.time(17), CST)
    drafts = []
    for item in items:
        speed = PACE[item.id]
        if month >= 10:  # after the supervision notices of 30 September
            if item.id == "K13":
                continue  # the planning bureau goes silent
            speed = 0.9 if item.id == "K15" else max(speed, 1.0)
        elif speed == 0.0:
            continue  # K15 reports nothing before it is noticed
        share = round(min(100.0, speed * item.planned_share(on=day, calendar=CAL)), 1)
        if item.id == "K06" and month == 5:
            share = 83.0  # a clerk types 83 instead of 38
        drafts.append(Draft(item.id, recorded, ProgressReport(day, share, f"{month}月进展")))
    ledger.append(drafts)


def report_first_half(ledger: Ledger, items: list[ChecklistItem]) -> None:
    """Monthly reports January-June, with K06's mistyped May report corrected on 3 June."""
    for month in range(1, 6):
        report_month(ledger, items, month)
    # K06's May report was mistyped (83 for 38); a correction names it and takes its place.
    wrong = ledger.entries("K06", kind=EntryKind.PROGRESS_REPORTED)[-1]
    ledger.correct(wrong.seq, ProgressReport(month_end(5), 38.0, "更正：5月进展（原误填83%）"), at=at(6, 3))
    report_month(ledger, items, 6)


def check_in_june(ledger: Ledger) -> None:
    """6月查账: half the time, half the work; the review is recorded on 2 July."""
    print("== 6月查账 (June check, 30 June): 时间过半、任务过半 ==")
    check = june_check(ledger, at=dt.date(YEAR, 6, 30), policy=POLICY)
    time_share = check.items[0].time_share
    print(
        f"时间进度（工作日）{time_share:.1f}%，容差 {POLICY.tolerance:g} 个百分点：进度正常 {len(check.on_track)} 项，"
        f"滞后 {len(check.behind)} 项，未报送 {len(check.no_report)} 项"
    )
    for i in check.behind + check.no_report:
        done = "未报送" if i.work_share is None else f"完成 {i.work_share:g}%"
        print(
            f"  {i.item_id} {i.title:<12} {unit(i.unit):<14} {done:<10} 差 {i.gap:.1f} 个百分点 [{i.status.label.zh}]"
        )
    ledger.append(check.drafts(at=at(7, 2), reviewer="gov-office"))
    print()


def report_third_quarter(ledger: Ledger, items: list[ChecklistItem]) -> None:
    """Monthly reports July-September."""
    for month in range(7, 10):
        report_month(ledger, items, month)


def reconcile_in_september(ledger: Ledger) -> dict[str, Entry]:
    """9月对账: supervision notices to the laggards and rectification orders; returns the orders by item."""
    print("== 9月对账 (September reconciliation): 督查通知 ==")
    result = reconcile(ledger, at=dt.date(YEAR, 9, 30), policy=POLICY)
    notices = ledger.issue_notices(result.notices, at=at(9, 30, 17))
    for notice in result.notices:
        print("  " + notice.render("zh"))
    orders = {}
    for entry in notices:
        orders[entry.item_id] = ledger.require_rectification(
            entry.item_id,
            description="制定赶进度方案，加派力量，10月底前追上时间节点",
            due=dt.date(YEAR, 10, 31),
            at=at(10, 8),
            notice=entry.seq,
        )
    print(f"共下发督查通知 {len(notices)} 份，均责令10月底前整改\n")
    return orders


def report_last_quarter(ledger: Ledger, items: list[ChecklistItem], orders: dict[str, Entry]) -> None:
    """Monthly reports October-December; rectifications are reported on 30 October (18:00,
    after that day's progress reports: the ledger is append-only in time), except K13's."""
    for month in range(10, 13):
        report_month(ledger, items, month)
        if month == 10:  # rectification reports, except the planning bureau (K13)
            for item_id, order in orders.items():
                if item_id != "K13":
                    ledger.complete_rectification(
                        item_id, order=order.seq, description="已按方案整改", at=at(10, 30, 18)
                    )


def supervision_check_in_november(ledger: Ledger) -> None:
    """督查考核: the three supervision rates on 30 November, target 100%."""
    print("== 11月底督查考核 (supervision rates on 30 November, target 100%) ==")
    rates = supervision_rates(ledger, at=dt.date(YEAR, 11, 30), policy=POLICY)
    for rate in rates.overall:
        missing = f"  未达标：{', '.join(rate.missing)}" if rate.missing else ""
        print(f"  {rate.kind.label.zh:<8} {rate.percent:5.1f}% ({rate.done}/{rate.due}){missing}")
    for finding in rates.findings():
        if finding.subject and finding.subject[0] in UNITS:
            print(f"  {finding.code}: {finding.message.zh}")
    print()


def review_november(ledger: Ledger) -> None:
    """一月一讲评: November's monthly review, by officer."""
    print("== 一月一讲评 (monthly review, November): 按责任人 ==")
    review = monthly_review(ledger, month=f"{YEAR}-11", policy=POLICY)
    for officer in review.officers:
        if officer.behind or officer.not_reported:
            print(
                f"  {officer.officer:<9} 事项 {', '.join(officer.items):<9} 平均进度 {officer.mean_share:5.1f}%"
                f"  滞后 {ids(officer.behind)}  未报送 {ids(officer.not_reported)}"
            )
    print()


def settle_at_year_end(ledger: Ledger) -> None:
    """年底交账: the year-end settlement of 31 December, recorded in the ledger."""
    print("== 年底交账 (year-end settlement, 31 December) ==")
    settlement = settle(ledger, at=dt.date(YEAR, 12, 31))
    ledger.append(settlement.drafts(at=at(12, 31, 17), note="年底交账"))
    overall = settlement.overall
    print(
        f"{len(overall.items)} 项：按期完成 {len(overall.completed)}，逾期完成 {len(overall.completed_late)}，"
        f"未完成 {len(overall.unfinished)}；完成率 {overall.completion_rate:.0f}%"
    )
    for u in settlement.units:
        if u.unfinished or u.completed_late:
            print(
                f"  {unit(u.unit):<14} 完成率 {u.completion_rate:.0f}%  平均进度 {u.mean_share:.1f}%  "
                f"未完成 {ids(u.unfinished)}"
            )
    print()


def verify_chain(ledger: Ledger) -> None:
    """台账核验: the hash chain holds, and the corrected May report keeps both records."""
    print("== 台账核验 (hash chain) ==")
    report = ledger.verify()
    print(f"{report.render('zh')}")
    may = ledger.state("K06").reports[4]
    print(
        f"K06 的5月进度：第 {may.origin} 条记录误填 83%，第 {may.seq} 条更正为 {may.value.share:g}%；两条都留在台账中"
    )


def main() -> None:
    items = build_items()
    ledger = Ledger(known_units=UNITS)  # every unit must be on the city's list
    open_in_january(ledger, items)
    report_first_half(ledger, items)
    check_in_june(ledger)
    report_third_quarter(ledger, items)
    orders = reconcile_in_september(ledger)
    report_last_quarter(ledger, items, orders)
    supervision_check_in_november(ledger)
    review_november(ledger)
    settle_at_year_end(ledger)
    verify_chain(ledger)


if __name__ == "__main__":
    main()
