"""The finding codes of approval flows and project tracking, each declared once with its
citation.

The seeds are policy documents numbered by part and item, so the provision is given in the
citation's note (as in ``responsibility/_codes.py``). Quotations are the seeds' own words.
"""

from __future__ import annotations

from govefficiency._seeds import NANYANG as _NANYANG
from govefficiency._seeds import SEED_001 as _EFFICIENCY_001
from govefficiency._seeds import ZHUZHOU as _ZHUZHOU
from govefficiency.citation import Citation
from govefficiency.findings import FindingCode, Severity
from govefficiency.text import Text

__all__ = ["CODES"]

FLOW_CHART = Citation(
    _NANYANG,
    note=Text(
        "三(二) 制定多部门审批事项办理流程图，明确各部门办理时序、办结时限……杜绝互为前置条件的审批",
        "part 3(2): draw a flow chart of each multi-department approval stating each department's "
        "order and time limit … no approvals that are each other's prerequisite",
    ),
)
LISTED_ITEMS = Citation(
    _NANYANG,
    note=Text(
        "三(一) 保留的行政审批事项清单向社会公布，清单以外不得新设审批事项",
        "part 3(1): the list of retained approval items is published; no approval item may be "
        "created outside the list",
    ),
)
PARALLEL = Citation(
    _EFFICIENCY_001,
    note=Text(
        "(三) 建立健全行政审批和并联审批相关制度",
        "(3): establish and improve the systems of administrative approval and parallel approval",
    ),
)
JOINT_REVIEW = Citation(
    _NANYANG,
    note=Text(
        "三(四) 建立重大项目联审联批机制……重大招商引资项目（即投资总额在1亿元以上的招商引资项目……）"
        "；以1亿元为门槛是本地选择",
        "part 3(4): joint review and approval for major projects … major investment projects (total "
        "investment of 100 million yuan or more …); using 100 million yuan as the threshold is a "
        "local choice",
    ),
)
TIME_LIMITED = Citation(
    _ZHUZHOU,
    note=Text(
        "二(二) 严格实行限时办结制，按照规定的时间、程序和要求处理行政事项",
        "part 2(2): time-limited handling — matters are handled within the set time, procedure "
        "and requirements",
    ),
)
AGENCY = Citation(
    _ZHUZHOU,
    note=Text(
        "二(二) 实行项目审批代理制，对重大工业投资项目行政许可手续进行全程跟踪、全程督办、免费服务",
        "part 2(2): project approval by agency — the licensing of major industrial investment "
        "projects is followed, supervised and served free of charge from start to finish",
    ),
)

MUTUAL_PREREQUISITE = FindingCode(
    "MUTUAL_PREREQUISITE",
    Severity.ERROR,
    Text("审批互为前置条件", "approvals are each other's prerequisite"),
    Text(
        "审批互为前置条件：{cycle}；在打破这一循环之前无法排出办理时序和关键路径",
        "approvals are each other's prerequisite: {cycle}; no order or critical path exists until "
        "the circle is broken",
    ),
    FLOW_CHART,
)
CRITICAL_PATH_EXCEEDS_LIMIT = FindingCode(
    "CRITICAL_PATH_EXCEEDS_LIMIT",
    Severity.ERROR,
    Text("关键路径超过承诺总时限", "critical path exceeds the committed total limit"),
    Text(
        "自{start}起，关键路径 {path} 于{finish}办结（{length} 个工作日），"
        "晚于承诺总时限（{limit}）的截止日{due}（超出 {excess} 个工作日）",
        "from {start_en}, the critical path {path} ends on {finish_en} ({length} working days), after "
        "{due_en}, the end of the committed total limit of {limit_en} ({excess} working days over)",
    ),
    FLOW_CHART,
)
CRITICAL_PATH_UNDETERMINED = FindingCode(
    "CRITICAL_PATH_UNDETERMINED",
    Severity.WARNING,
    Text("无法确定关键路径", "critical path undetermined"),
    Text(
        "无法判断关键路径是否超过承诺总时限：{missing}",
        "cannot tell whether the critical path exceeds the committed total limit: {missing_en}",
    ),
    FLOW_CHART,
)
ITEM_NOT_IN_CATALOGUE = FindingCode(
    "ITEM_NOT_IN_CATALOGUE",
    Severity.ERROR,
    Text("审批事项不在公布的清单内", "approval item not on the published list"),
    Text(
        "环节 {step} 的审批事项 {item} 不在公布的审批事项清单内",
        "step {step}: its approval item {item} is not on the published list of approval items",
    ),
    LISTED_ITEMS,
)
STEP_WITHOUT_UNIT = FindingCode(
    "STEP_WITHOUT_UNIT",
    Severity.ERROR,
    Text("环节无责任单位", "step without a responsible unit"),
    Text("环节 {step}（{item}）未明确办理部门", "step {step} ({item}) names no responsible department"),
    FLOW_CHART,
)
SERIAL_STEPS_COULD_BE_PARALLEL = FindingCode(
    "SERIAL_STEPS_COULD_BE_PARALLEL",
    Severity.WARNING,
    Text("串联环节可并联办理", "serial steps could run in parallel"),
    Text(
        "环节 {step} 以 {prerequisite} 为前置，但其所需材料（{needs}）均不由 {prerequisite} 产出"
        "（其产出：{produces}）；可改为直接以所需材料的来源为前置，与 {prerequisite} 并联办理",
        "step {step} requires {prerequisite}, but none of what it needs ({needs_en}) is produced by "
        "{prerequisite} (which produces {produces_en}); it could require the sources of what it "
        "needs instead and run in parallel with {prerequisite}",
    ),
    PARALLEL,
)
STEP_OVERDUE = FindingCode(
    "STEP_OVERDUE",
    Severity.ERROR,
    Text("审批环节逾期", "approval step overdue"),
    Text(
        "环节 {step}（{item}）逾期 {overdue} 天（{unit_name}），截止日 {due}，现由 {unit} 办理",
        "step {step} ({item}) is overdue by {overdue_en}, due {due}, held by {unit}",
    ),
    TIME_LIMITED,
)
PROJECT_PROJECTED_LATE = FindingCode(
    "PROJECT_PROJECTED_LATE",
    Severity.WARNING,
    Text("项目预计超过承诺总时限", "project projected to exceed its committed limit"),
    Text(
        "项目 {project} 预计 {projected} 办结，晚于承诺总时限截止日 {due}；关键路径：{path}",
        "project {project} is projected to finish on {projected}, after its committed limit ends "
        "on {due}; critical path: {path}",
    ),
    FLOW_CHART,
)
PROJECTION_UNDETERMINED = FindingCode(
    "PROJECTION_UNDETERMINED",
    Severity.WARNING,
    Text("无法预计办结日期", "completion date undetermined"),
    Text(
        "项目 {project} 的办结日期无法确定：{missing}",
        "project {project}: the completion date cannot be determined: {missing_en}",
    ),
    FLOW_CHART,
)
STEP_STATUS_UNDETERMINED = FindingCode(
    "STEP_STATUS_UNDETERMINED",
    Severity.WARNING,
    Text("无法确定环节状态", "step status undetermined"),
    Text(
        "环节 {step} 的期限无法确定：{missing}",
        "step {step}: its time limit cannot be determined: {missing_en}",
    ),
    TIME_LIMITED,
)
STARTED_BEFORE_PREREQUISITE = FindingCode(
    "STARTED_BEFORE_PREREQUISITE",
    Severity.WARNING,
    Text("前置审批未完成即开始办理", "step started before its prerequisite was completed"),
    Text(
        "环节 {step} 于 {started} 开始办理，而其前置环节 {prerequisite} 尚未办结",
        "step {step} started on {started} while its prerequisite {prerequisite} was not completed",
    ),
    FLOW_CHART,
)
PROJECT_WITHOUT_AGENT = FindingCode(
    "PROJECT_WITHOUT_AGENT",
    Severity.WARNING,
    Text("项目未指定代办员", "project without an agent officer"),
    Text(
        "项目 {project} 实行审批代理制，但未指定对全程负责的代办员",
        "project {project} is under agency service but names no agent officer answerable for it",
    ),
    AGENCY,
)

#: Every code of the module, for documentation tables.
CODES: tuple[FindingCode, ...] = (
    MUTUAL_PREREQUISITE,
    CRITICAL_PATH_EXCEEDS_LIMIT,
    CRITICAL_PATH_UNDETERMINED,
    ITEM_NOT_IN_CATALOGUE,
    STEP_WITHOUT_UNIT,
    SERIAL_STEPS_COULD_BE_PARALLEL,
    STEP_OVERDUE,
    STEP_STATUS_UNDETERMINED,
    PROJECT_PROJECTED_LATE,
    PROJECTION_UNDETERMINED,
    STARTED_BEFORE_PREREQUISITE,
    PROJECT_WITHOUT_AGENT,
)
