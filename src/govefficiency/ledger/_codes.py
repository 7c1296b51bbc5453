"""The ledger's finding codes, each declared once with the provision of seed 003 it
follows (see ``responsibility/_codes.py``)."""

from __future__ import annotations

from govefficiency._seeds import NANYANG as _NANYANG
from govefficiency.citation import Citation
from govefficiency.findings import FindingCode, Severity
from govefficiency.text import Text

__all__ = ["LEDGER_FINDING_CODES"]


#: Seed 003 part I(1)1: departments report in writing to the city government every month.
MONTHLY_REPORTING = Citation(
    _NANYANG,
    "",
    2014,
    Text("第一部分(一)1：每月向市政府书面报告执行情况", "part I(1)1: report in writing every month"),
)
#: Seed 003 part II(3): the annual ledger cycle.
LEDGER_CYCLE = Citation(
    _NANYANG,
    "",
    2014,
    Text(
        "第二部分(三)：年初建账、6月查账（时间过半、任务过半）、9月对账（下发《督查通知》）、年底交账",
        "part II(3): open in January, check in June (half the time, half the work), reconcile "
        "in September (supervision notices), settle at year end",
    ),
)
#: Seed 003 part II(4): the supervision targets.
SUPERVISION_TARGETS = Citation(
    _NANYANG,
    "",
    2014,
    Text(
        "第二部分(四)：督查执行率100%，被督查事项上报率100%，责任主体整改率100%",
        "part II(4): 100% supervision execution, 100% reporting by supervised items, "
        "100% rectification by responsible parties",
    ),
)

ITEM_BEHIND_SCHEDULE = FindingCode(
    "ITEM_BEHIND_SCHEDULE",
    Severity.WARNING,
    Text("事项进度滞后", "item behind schedule"),
    Text(
        "事项 {item}《{title}》（责任单位 {unit}）截至 {day} 完成 {work}%，低于应达的 {expected}%（差 {gap} 个百分点）",
        "item {item} ({title}, unit {unit}) is {work}% complete on {day}, below the {expected}% due "
        "({gap} points behind)",
    ),
    LEDGER_CYCLE,
)
ITEM_NOT_REPORTED = FindingCode(
    "ITEM_NOT_REPORTED",
    Severity.ERROR,
    Text("事项未报送进度", "item without a progress report"),
    Text(
        "事项 {item}《{title}》（责任单位 {unit}，责任人 {officer}）截至 {day} 未报送进度，应达 {expected}%",
        "item {item} ({title}, unit {unit}, officer {officer}) has reported no progress by {day}; "
        "{expected}% is due",
    ),
    MONTHLY_REPORTING,
)
MONTHLY_REPORT_MISSING = FindingCode(
    "MONTHLY_REPORT_MISSING",
    Severity.WARNING,
    Text("当月未报送进度", "no progress report in the month"),
    Text(
        "事项 {item}（责任单位 {unit}，责任人 {officer}）在 {month} 没有进度报告",
        "item {item} (unit {unit}, officer {officer}) has no progress report dated in {month}",
    ),
    MONTHLY_REPORTING,
)
TIME_NODE_MISSED = FindingCode(
    "TIME_NODE_MISSED",
    Severity.ERROR,
    Text("未按时间节点推进", "time node missed"),
    Text(
        "事项 {item}《{title}》（责任单位 {unit}，责任领导 {leader}，责任人 {officer}）未达到时间节点 "
        "{node}（应完成 {expected}%，实际 {actual}%，差 {gap} 个百分点，已过 {days} 天）",
        "item {item} ({title}; unit {unit}, leader {leader}, officer {officer}) missed the time node "
        "{node} ({expected}% due, {actual}% done, {gap} points behind, {days} days ago)",
    ),
    LEDGER_CYCLE,
)
ITEM_UNFINISHED = FindingCode(
    "ITEM_UNFINISHED",
    Severity.ERROR,
    Text("年底未完成", "item unfinished at year end"),
    Text(
        "事项 {item}《{title}》（责任单位 {unit}）年底交账时完成 {share}%，未完成目标任务",
        "item {item} ({title}, unit {unit}) is {share}% complete at settlement: unfinished",
    ),
    LEDGER_CYCLE,
)
ITEM_COMPLETED_LATE = FindingCode(
    "ITEM_COMPLETED_LATE",
    Severity.WARNING,
    Text("逾期完成", "item completed late"),
    Text(
        "事项 {item}《{title}》（责任单位 {unit}）于 {done} 完成，晚于完成时限 {deadline}",
        "item {item} ({title}, unit {unit}) was completed on {done}, after its deadline {deadline}",
    ),
    LEDGER_CYCLE,
)
#: Seed 003 part II(1): every task on the list names its responsible leader and unit, and
#: a named officer.
CHECKLIST_PARTIES = Citation(
    _NANYANG,
    "",
    2014,
    Text(
        "第二部分(一)：每项工作均明确……责任领导和责任单位；明确具体责任人",
        "part II(1): every task on the list names its responsible leader and unit, and a named officer",
    ),
)
ITEM_UNKNOWN_REFERENCE = FindingCode(
    "ITEM_UNKNOWN_REFERENCE",
    Severity.ERROR,
    Text("事项所列责任主体不存在", "item names an unknown party"),
    Text(
        "事项 {item}：{role_zh} {ident} 不存在；请核对责任体系（组织结构）中的 id，或先在其中添加",
        "item {item}: the {role_en} {ident} is not known; check the id against the responsibility "
        "graph (org chart), or add the {role_en} there first",
    ),
    CHECKLIST_PARTIES,
)
EXECUTION_RATE_BELOW_TARGET = FindingCode(
    "EXECUTION_RATE_BELOW_TARGET",
    Severity.ERROR,
    Text("督查执行率未达100%", "supervision execution rate below 100%"),
    Text(
        "{scope}督查执行率 {rate}%（{done}/{due}），未下发督查通知的事项：{missing}",
        "{scope_en}supervision execution rate {rate}% ({done}/{due}); items behind without a notice: {missing}",
    ),
    SUPERVISION_TARGETS,
)
REPORTING_RATE_BELOW_TARGET = FindingCode(
    "REPORTING_RATE_BELOW_TARGET",
    Severity.ERROR,
    Text("被督查事项上报率未达100%", "reporting rate below 100%"),
    Text(
        "{scope}被督查事项上报率 {rate}%（{done}/{due}），逾期未上报的事项：{missing}",
        "{scope_en}reporting rate of supervised items {rate}% ({done}/{due}); items that did not report "
        "back in time: {missing}",
    ),
    SUPERVISION_TARGETS,
)
RECTIFICATION_RATE_BELOW_TARGET = FindingCode(
    "RECTIFICATION_RATE_BELOW_TARGET",
    Severity.ERROR,
    Text("责任主体整改率未达100%", "rectification rate below 100%"),
    Text(
        "{scope}责任主体整改率 {rate}%（{done}/{due}），逾期未整改的事项：{missing}",
        "{scope_en}rectification rate {rate}% ({done}/{due}); items with overdue rectifications: {missing}",
    ),
    SUPERVISION_TARGETS,
)
ITEM_OVERDUE = FindingCode(
    "ITEM_OVERDUE",
    Severity.ERROR,
    Text("事项逾期未完成", "item overdue"),
    Text(
        "事项 {item}《{title}》（责任单位 {unit}）完成时限为 {deadline}，截至 {day} 完成 {work}%，逾期未完成",
        "item {item} ({title}, unit {unit}) was due by {deadline} and is {work}% complete on {day}: overdue",
    ),
    LEDGER_CYCLE,
)
#: Written by a version before the rules of time (an old file), found by ``ledger verify``.
ENTRY_BACKDATED = FindingCode(
    "ENTRY_BACKDATED",
    Severity.ERROR,
    Text("台账记录时间倒流", "back-dated ledger entry"),
    Text(
        "第 {seq} 条记录（事项 {item}）记录于 {at}，早于此前第 {before} 条记录的 {latest}；"
        "此后按日期查询、查账和交账所见的历史可能已被改写，请核对并以更正记录说明",
        "entry {seq} (item {item}) is recorded at {at}, before entry {before} ({latest}): what "
        "earlier as-of queries, checks and the settlement saw may have been rewritten; check it and "
        "record a correction that explains it",
    ),
    None,  # a rule of the ledger's integrity (a local choice), not of seed 003
)
PROGRESS_AFTER_SETTLEMENT = FindingCode(
    "PROGRESS_AFTER_SETTLEMENT",
    Severity.ERROR,
    Text("交账后又记录进度", "progress recorded after settlement"),
    Text(
        "第 {seq} 条记录在事项 {item} 交账（第 {settled} 条）之后记录了进度；年底交账即结账，"
        "交账后的进度不计入当年台账",
        "entry {seq} records progress of item {item} after its settlement (entry {settled}); the "
        "year-end settlement closes the year's account, so later progress does not count in it",
    ),
    LEDGER_CYCLE,
)

#: Every finding code of the ledger module, for documentation tables and tests.
LEDGER_FINDING_CODES: tuple[FindingCode, ...] = (
    ITEM_BEHIND_SCHEDULE,
    ITEM_NOT_REPORTED,
    MONTHLY_REPORT_MISSING,
    TIME_NODE_MISSED,
    ITEM_UNFINISHED,
    ITEM_COMPLETED_LATE,
    ITEM_OVERDUE,
    EXECUTION_RATE_BELOW_TARGET,
    REPORTING_RATE_BELOW_TARGET,
    RECTIFICATION_RATE_BELOW_TARGET,
    ITEM_UNKNOWN_REFERENCE,
    ENTRY_BACKDATED,
    PROGRESS_AFTER_SETTLEMENT,
)
