"""The finding codes of the responsibility checks, each declared once with its citation.

The citations name the seed policy documents by title and document number, and the
section whose rule is broken (they are policy documents, numbered by part and item, not
statutes with articles, so the section is given in the note; the year is part of the
document number, so ``year`` is left empty). The text of seed 003 carries no title line:
its title is taken from its opening sentence, subject words and document number.
"""

from __future__ import annotations

from govefficiency._seeds import EZHOU as _EZHOU
from govefficiency._seeds import NANYANG as _NANYANG
from govefficiency._seeds import YANSHOU as _YANSHOU
from govefficiency.citation import Citation
from govefficiency.findings import FindingCode, Severity
from govefficiency.text import Text

__all__ = ["CODES"]


def _yanshou(zh: str, en: str) -> Citation:
    return Citation(_YANSHOU, note=Text(zh, en))


def _nanyang(zh: str, en: str) -> Citation:
    return Citation(_NANYANG, note=Text(zh, en))


def _ezhou(zh: str, en: str) -> Citation:
    return Citation(_EZHOU, note=Text(zh, en))


HEAD_RESPONSIBILITY = _nanyang(
    "一(一)1 坚持分级分工负责：市政府实行市长负责制，班子其他成员对市长负责，按照各自分工开展工作",
    "part 1(1)1: the mayor-responsibility system; the other leaders answer to the mayor, each for a "
    "portfolio",
)
LEAD_ASSIST = _nanyang(
    "一(一)2 加强协作配合联动：指定的牵头单位履行牵头责任、统筹协调，配合单位积极配合；"
    "主办单位对行动迟缓的配合单位发送提醒函，报主管副市长、市长，抄送市政府督查室",
    "part 1(1)2: the designated lead unit coordinates and the assisting units support it; the lead "
    "unit sends slow assisting units a reminder letter, reported to the deputy mayor in charge and "
    "the mayor and copied to the supervision office",
)
CHECKLIST = _nanyang(
    "二(一) 明确目标任务：每项工作均明确工作目标、支撑项目、工作标准、时间节点、责任领导和责任单位，"
    "明确具体责任人和详细的推进计划",
    "part 2(1): every task on the list states its target, projects, standard, time nodes, "
    "responsible leader and unit, and a named officer and plan",
)
DECOMPOSITION = _nanyang(
    "二(二) 创新推进机制：工作项目化、项目责任化、责任具体化，定岗定责，构建横向到边、纵向到底、"
    "衔接紧密、环环紧扣、责任清晰的执行链条；一项工作、一名领导、一套班子、一个方案、一抓到底；倒排工期",
    "part 2(2): tasks become projects, projects become responsibilities down to posts, in an execution "
    "chain with no gaps sideways or downwards; one task, one leader, one team, one plan; scheduled "
    "backwards from the deadline",
)
SUPERVISION = _nanyang(
    "二(四) 加强督查督办：对纳入清单式管理的重点工作实行全程督办",
    "part 2(4): key tasks on the checklist are supervised from start to finish",
)
DIVISION_OF_WORK = _yanshou(
    "一、建立领导班子成员分工落实机制，形成权责明晰、分工清晰、协调有力的工作机制；"
    "凡属于分管范围内的工作，分管领导要主动协调",
    "item 1: a division of work among the leaders with clear powers and portfolios; the supervising "
    "leader coordinates the work in his or her portfolio",
)
DUTIES = _yanshou(
    "五、科学界定部门职责：建立完善权力清单、责任清单和负面清单制度，厘清政府权力边界",
    "item 5: define each department's duties; publish power, responsibility and negative lists and "
    "clarify where each department's remit ends",
)
POSTS = _yanshou(
    "六、将工作职责、工作任务和工作目标分解落实到各具体机构、岗位及承办人员，建立主体明确、层级清晰的岗位责任制",
    "item 6: duties, tasks and targets are assigned down to offices, posts and named officers, in a "
    "post-responsibility system with clear owners and clear levels",
)
COORDINATION = _yanshou(
    "七、涉及多个部门的工作，牵头部门主动协调；部门之间协调不一致的，报县政府分管领导协调",
    "item 7: the lead department coordinates multi-department work; disagreements go to the "
    "supervising leader of the county government",
)
SUPERVISION_CHAIN = _yanshou(
    "十二、建立领导督办机制，形成一级督办一级、下级对上级负责的执行落实机制",
    "item 12: each level supervises the level below and answers to the level above",
)
POSITION_STANDARDS = _ezhou(
    "三(二) 完善能力席位标准：将部门的职责和工作目标逐一分解落实到机关内部每个岗位、每个公务员",
    "part 3(2): a department's duties and targets are assigned to each post and each civil servant",
)

E, W = Severity.ERROR, Severity.WARNING

# --- leaders ---------------------------------------------------------------------------------

NO_HEAD = FindingCode(
    "NO_HEAD",
    E,
    Text("没有行政首长", "no head of government"),
    Text(
        "组织中没有行政首长（role = head）：升级与协调无最终负责人",
        "the organisation has no head of government (role = head): escalation and coordination have "
        "no one who answers in the end",
    ),
    HEAD_RESPONSIBILITY,
)
MULTIPLE_HEADS = FindingCode(
    "MULTIPLE_HEADS",
    E,
    Text("行政首长不止一人", "more than one head"),
    Text(
        "组织中有 {count} 名行政首长（{heads}）：市长负责制只能有一名",
        "the organisation has {count} heads ({heads}); the mayor-responsibility system has one",
    ),
    HEAD_RESPONSIBILITY,
)
DEPUTY_WITHOUT_SUPERIOR = FindingCode(
    "DEPUTY_WITHOUT_SUPERIOR",
    E,
    Text("分管领导未向上级负责", "deputy answers to no one"),
    Text(
        "分管领导 {leader} 没有 reports_to：其分管单位的事项无法升级到行政首长",
        "deputy {leader} has no reports_to: matters from the units in that portfolio cannot be "
        "escalated to the head",
    ),
    HEAD_RESPONSIBILITY,
)
UNKNOWN_LEADER = FindingCode(
    "UNKNOWN_LEADER",
    E,
    Text("引用了不存在的领导", "reference to an unknown leader"),
    Text(
        "{owner} 的 {field} 指向 {leader}，但组织中没有该领导",
        "{owner}.{field} names {leader}, which is not a leader of the organisation",
    ),
    DECOMPOSITION,
)
SUPERVISION_CYCLE = FindingCode(
    "SUPERVISION_CYCLE",
    E,
    Text("领导隶属关系成环", "leaders report to each other in a circle"),
    Text(
        "领导之间的 reports_to 形成环：{cycle}；升级无法到达行政首长",
        "the leaders' reports_to links form a cycle: {cycle}; escalation never reaches the head",
    ),
    SUPERVISION_CHAIN,
)
NO_SUPERVISION_OFFICE = FindingCode(
    "NO_SUPERVISION_OFFICE",
    W,
    Text("没有督查室", "no supervision office"),
    Text(
        "组织中没有督查室：提醒函无处抄送，重点工作无人督办",
        "the organisation has no supervision office: reminder letters cannot be copied to it and key "
        "tasks have no supervisor",
    ),
    SUPERVISION,
)

# --- units -------------------------------------------------------------------------------------

UNKNOWN_UNIT = FindingCode(
    "UNKNOWN_UNIT",
    E,
    Text("引用了不存在的单位", "reference to an unknown unit"),
    Text(
        "{owner} 的 {field} 指向 {unit}，但组织中没有该单位",
        "{owner}.{field} names {unit}, which is not a unit of the organisation",
    ),
    DECOMPOSITION,
)
UNIT_PARENT_CYCLE = FindingCode(
    "UNIT_PARENT_CYCLE",
    E,
    Text("单位隶属关系成环", "units are each other's parents"),
    Text(
        "单位的 parent 形成环：{cycle}",
        "the units' parent links form a cycle: {cycle}",
    ),
    POSTS,
)
UNIT_WITHOUT_SUPERVISOR = FindingCode(
    "UNIT_WITHOUT_SUPERVISOR",
    E,
    Text("单位无分管领导", "unit without a supervising leader"),
    Text(
        "单位 {unit} 没有分管领导，也不隶属于有分管领导的单位：没有升级路径",
        "unit {unit} has no supervising leader and no parent unit that has one: there is no escalation route",
    ),
    COORDINATION,
)
UNIT_MULTIPLE_SUPERVISORS = FindingCode(
    "UNIT_MULTIPLE_SUPERVISORS",
    E,
    Text("单位有多名分管领导", "unit supervised by several leaders"),
    Text(
        "单位 {unit} 由 {leaders} 同时分管：提醒函报送对象与协调人不明确",
        "unit {unit} is supervised by {leaders} at once: it is unclear to whom reminder letters are "
        "reported and who coordinates",
    ),
    DIVISION_OF_WORK,
)
DUTY_OVERLAP = FindingCode(
    "DUTY_OVERLAP",
    W,
    Text("职责交叉", "overlapping duties"),
    Text(
        "职责 {duty} 同时列入 {units} 的责任清单（职责交叉）",
        "the duty {duty} is on the responsibility lists of {units} (overlapping duties)",
    ),
    DUTIES,
)

# --- officers ----------------------------------------------------------------------------------

UNKNOWN_OFFICER = FindingCode(
    "UNKNOWN_OFFICER",
    E,
    Text("引用了不存在的责任人", "reference to an unknown officer"),
    Text(
        "任务 {task} 的责任人 {officer} 不在组织中",
        "task {task} names the officer {officer}, who is not in the organisation",
    ),
    POSITION_STANDARDS,
)
OFFICER_OUTSIDE_UNIT = FindingCode(
    "OFFICER_OUTSIDE_UNIT",
    W,
    Text("责任人不在牵头单位", "officer outside the lead unit"),
    Text(
        "任务 {task} 的责任人 {officer} 属于 {unit}，不属于牵头单位 {lead} 或其内设机构",
        "task {task} names the officer {officer} of {unit}, who is not in the lead unit {lead} or one of "
        "its internal offices",
    ),
    POSITION_STANDARDS,
)

# --- tasks -------------------------------------------------------------------------------------

TASK_WITHOUT_LEAD = FindingCode(
    "TASK_WITHOUT_LEAD",
    E,
    Text("任务无牵头单位", "task without a lead unit"),
    Text("任务 {task} 没有牵头单位", "task {task} has no lead unit"),
    LEAD_ASSIST,
)
TASK_MULTIPLE_LEADS = FindingCode(
    "TASK_MULTIPLE_LEADS",
    E,
    Text("任务有多个牵头单位", "task with several lead units"),
    Text(
        "任务 {task} 有 {count} 个牵头单位（{units}）：只能指定一个，其余列为配合单位",
        "task {task} has {count} lead units ({units}): designate one and list the others as assisting units",
    ),
    LEAD_ASSIST,
)
LEAD_ALSO_ASSISTS = FindingCode(
    "LEAD_ALSO_ASSISTS",
    E,
    Text("牵头单位同时列为配合单位", "lead unit also listed as assisting"),
    Text(
        "任务 {task} 的牵头单位 {unit} 同时列为配合单位",
        "task {task} lists its lead unit {unit} among the assisting units too",
    ),
    LEAD_ASSIST,
)
TASK_WITHOUT_LEADER = FindingCode(
    "TASK_WITHOUT_LEADER",
    E,
    Text("任务无责任领导", "task without a responsible leader"),
    Text("任务 {task} 没有责任领导", "task {task} has no responsible leader"),
    DECOMPOSITION,
)
LEADER_NOT_IN_CHAIN = FindingCode(
    "LEADER_NOT_IN_CHAIN",
    W,
    Text("责任领导不分管牵头单位", "responsible leader does not supervise the lead unit"),
    Text(
        "任务 {task} 的责任领导 {leader} 既不分管牵头单位 {lead}，也不是其分管领导的上级",
        "task {task} names the leader {leader}, who neither supervises the lead unit {lead} nor is above "
        "its supervising leader",
    ),
    DIVISION_OF_WORK,
)
TASK_WITHOUT_DEADLINE = FindingCode(
    "TASK_WITHOUT_DEADLINE",
    W,
    Text("任务无时间节点", "task without a deadline"),
    Text("任务 {task} 没有时间节点（due）", "task {task} has no time node (due date)"),
    CHECKLIST,
)
UNKNOWN_TASK = FindingCode(
    "UNKNOWN_TASK",
    E,
    Text("上级任务不存在", "unknown parent task"),
    Text(
        "任务 {task} 的上级任务 {parent} 不在清单中",
        "task {task} names the parent task {parent}, which is not on the list",
    ),
    DECOMPOSITION,
)
TASK_PARENT_CYCLE = FindingCode(
    "TASK_PARENT_CYCLE",
    E,
    Text("任务分解成环", "task decomposition in a circle"),
    Text(
        "任务的 parent 形成环：{cycle}",
        "the tasks' parent links form a cycle: {cycle}",
    ),
    DECOMPOSITION,
)
DECOMPOSITION_GAP = FindingCode(
    "DECOMPOSITION_GAP",
    E,
    Text("末级任务无具体责任人", "leaf task without a named officer"),
    Text(
        "任务 {task} 未再分解，却没有具体责任人（未做到纵向到底）",
        "task {task} is not decomposed further yet names no officer (no responsibility down to a person)",
    ),
    CHECKLIST,
)
SUBTASK_OUTSIDE_PARENT = FindingCode(
    "SUBTASK_OUTSIDE_PARENT",
    E,
    Text("子任务牵头单位不在上级任务中", "subtask led from outside its parent"),
    Text(
        "子任务 {task} 由 {lead} 牵头，但 {lead} 既不是上级任务 {parent} 的牵头或配合单位，也不是其内设机构",
        "subtask {task} is led by {lead}, which is neither the lead nor an assisting unit of the parent "
        "task {parent}, nor an internal office of one",
    ),
    DECOMPOSITION,
)
SUBTASK_DUE_AFTER_PARENT = FindingCode(
    "SUBTASK_DUE_AFTER_PARENT",
    W,
    Text("子任务晚于上级任务到期", "subtask due after its parent"),
    Text(
        "子任务 {task} 的时间节点 {due} 晚于上级任务 {parent} 的 {parent_due}（未倒排工期）",
        "subtask {task} is due {due}, after its parent task {parent} ({parent_due}): the schedule is not "
        "worked backwards from the deadline",
    ),
    DECOMPOSITION,
)

#: Every finding code of the responsibility checks, in documentation order.
CODES: tuple[FindingCode, ...] = (
    NO_HEAD,
    MULTIPLE_HEADS,
    DEPUTY_WITHOUT_SUPERIOR,
    UNKNOWN_LEADER,
    SUPERVISION_CYCLE,
    NO_SUPERVISION_OFFICE,
    UNKNOWN_UNIT,
    UNIT_PARENT_CYCLE,
    UNIT_WITHOUT_SUPERVISOR,
    UNIT_MULTIPLE_SUPERVISORS,
    DUTY_OVERLAP,
    UNKNOWN_OFFICER,
    OFFICER_OUTSIDE_UNIT,
    TASK_WITHOUT_LEAD,
    TASK_MULTIPLE_LEADS,
    LEAD_ALSO_ASSISTS,
    TASK_WITHOUT_LEADER,
    LEADER_NOT_IN_CHAIN,
    TASK_WITHOUT_DEADLINE,
    UNKNOWN_TASK,
    TASK_PARENT_CYCLE,
    DECOMPOSITION_GAP,
    SUBTASK_OUTSIDE_PARENT,
    SUBTASK_DUE_AFTER_PARENT,
)
