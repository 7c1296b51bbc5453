"""The finding codes of window services (窗口服务), each declared once with its citation.

Statute citations were checked against the published text of 行政许可法 (2019 revision):
art. 32 ¶1(4) (one-time notice within five days, else deemed accepted on receipt), art. 42
(twenty days from acceptance) and art. 82 (the agency's limits are working days). The
seed documents are cited by title, document number and section.
"""

from __future__ import annotations

from govefficiency._seeds import EZHOU as _EZHOU
from govefficiency._seeds import NANYANG as _NANYANG
from govefficiency._seeds import SEED_001 as _EFFICIENCY_OPINION
from govefficiency._seeds import YANSHOU as _YANSHOU
from govefficiency.citation import Citation
from govefficiency.findings import FindingCode, Severity
from govefficiency.text import Text

__all__ = ["CODES"]

_LICENSING = Text("行政许可法", "Administrative Licensing Law")

ONE_TIME_NOTICE = Citation(
    _LICENSING,
    "32(4)",
    2019,
    Text(
        "申请材料不齐全或者不符合法定形式的，应当当场或者在五日内一次告知申请人需要补正的全部内容",
        "where materials are incomplete, tell the applicant everything to complete, on the spot or "
        "within five days, at one time",
    ),
)
DEEMED_ACCEPTANCE = Citation(
    _LICENSING,
    "32(4)",
    2019,
    Text(
        "逾期不告知的，自收到申请材料之日起即为受理（第82条：期限以工作日计算）",
        "if no notice is given in time, the application counts as accepted from the day the materials "
        "were received (art. 82: the limits are working days)",
    ),
)
SERVICE_COMMITMENT = Citation(
    _YANSHOU,
    note=Text(
        "六、全面推行岗位责任制、服务承诺制、限时办结制、首问负责制、窗口部门一次性告知制",
        "item 6: post responsibility, service commitments, time-limited handling, first-contact "
        "responsibility and one-time notice at the windows",
    ),
)
FIRST_CONTACT = Citation(
    _NANYANG,
    note=Text(
        "一(三) 全面推行首问负责制、双章制、一次性告知制及限时办结制",
        "part 1(3): first-contact responsibility, one-time notice and time-limited handling",
    ),
)
AB_POSTS = Citation(
    _EZHOU,
    note=Text(
        "3② 严格执行服务承诺制、AB岗工作制、首问负责制和限时办结制",
        "item 3②: service commitments, A/B posts, first-contact responsibility and time-limited handling",
    ),
)
SATISFACTION = Citation(
    _EZHOU,
    note=Text(
        "3③ 力争窗口行业风气社会满意度达到90%以上",
        "item 3③: public satisfaction with the windows of at least 90%",
    ),
)
COMPLAINTS = Citation(
    _EFFICIENCY_OPINION,
    note=Text(
        "二(五) 完善效能投诉处理程序，提高投诉办理效率，及时将处理结果答复投诉人",
        "part 2(5): an efficiency-complaint procedure; reply to the complainant in good time",
    ),
)


def _code(
    code: str, severity: Severity, title: Text, message: Text, citation: Citation | None
) -> FindingCode:
    return FindingCode(code, severity, title, message, citation)


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

# --- catalogue ---------------------------------------------------------------------------
COMMITMENT_EXCEEDS_STATUTE = _code(
    "COMMITMENT_EXCEEDS_STATUTE",
    E,
    Text("承诺时限长于法定时限", "committed limit longer than the statutory one"),
    Text(
        "事项 {item} 的承诺时限 {committed} 长于法定时限 {statutory}（规则 {rule}）：{detail}",
        "item {item}: the committed limit {committed_en} is longer than the statutory limit {statutory_en} "
        "(rule {rule}): {detail_en}",
    ),
    SERVICE_COMMITMENT,
)
ITEM_WITHOUT_UNIT = _code(
    "ITEM_WITHOUT_COMPETENT_UNIT",
    E,
    Text("事项无实施主体", "item without a competent unit"),
    Text("事项 {item} 没有写明实施主体（主管单位）", "item {item} names no competent unit"),
    SERVICE_COMMITMENT,
)
POST_WITHOUT_B = _code(
    "POST_WITHOUT_B_OFFICER",
    E,
    Text("窗口岗位无B岗", "window post without a B officer"),
    Text("窗口岗位 {post} 只有A岗 {a}，没有B岗", "window post {post} has A officer {a} but no B officer"),
    AB_POSTS,
)
A_IS_B = _code(
    "A_OFFICER_IS_B_OFFICER",
    E,
    Text("A岗与B岗为同一人", "A officer is also the B officer"),
    Text(
        "窗口岗位 {post} 的A岗与B岗都是 {officer}：A岗缺席时无人顶岗",
        "window post {post} has {officer} as both A and B officer: nobody covers an absence",
    ),
    AB_POSTS,
)
UNKNOWN_RULE = _code(
    "UNKNOWN_RULE",
    E,
    Text("未知法定时限规则", "unknown statutory rule"),
    Text("事项 {item} 引用了未知规则 {rule}", "item {item} refers to the unknown rule {rule}"),
    None,
)
UNSUITABLE_RULE = _code(
    "UNSUITABLE_RULE",
    E,
    Text("规则不是向后计算的按日期限", "rule is not a forward day-based limit"),
    Text(
        "事项 {item} 的规则 {rule} 不能作为办理时限（{why}）",
        "item {item}: rule {rule} cannot serve as a handling limit ({why_en})",
    ),
    None,
)
COMPARISON_UNDETERMINED = _code(
    "COMPARISON_UNDETERMINED",
    INFO,
    Text("承诺时限与法定时限无法比较", "committed and statutory limits cannot be compared"),
    Text(
        "事项 {item}：承诺时限与法定时限无法比较：{why}",
        "item {item}: the limits cannot be compared: {why_en}",
    ),
    None,
)
UNKNOWN_POST = _code(
    "UNKNOWN_POST",
    E,
    Text("事项引用了未定义的窗口岗位", "item refers to an undefined window post"),
    Text("事项 {item} 的窗口岗位 {post} 未在清单中定义", "item {item}: window post {post} is not defined"),
    AB_POSTS,
)
ITEM_WITHOUT_POST = _code(
    "ITEM_WITHOUT_POST",
    W,
    Text("事项未指定窗口岗位", "item without a window post"),
    Text("事项 {item} 没有指定窗口岗位（AB岗）", "item {item} names no window post (A/B post)"),
    AB_POSTS,
)
NO_MATERIALS = _code(
    "ITEM_WITHOUT_MATERIALS",
    W,
    Text("事项未列明申请材料", "item lists no required materials"),
    Text(
        "事项 {item} 未列明申请材料：一次性告知无从比对",
        "item {item} lists no required materials: a one-time notice cannot be checked against them",
    ),
    ONE_TIME_NOTICE,
)

# --- applications --------------------------------------------------------------------------
UNKNOWN_ITEM = _code(
    "UNKNOWN_ITEM",
    E,
    Text("办件引用了清单外事项", "application for an item not in the catalogue"),
    Text(
        "办件 {app} 的事项 {item} 不在服务事项清单中",
        "application {app}: item {item} is not in the catalogue",
    ),
    SERVICE_COMMITMENT,
)
FIRST_CONTACT_NOT_ROUTED = _code(
    "FIRST_CONTACT_NOT_ROUTED",
    E,
    Text("首问未转办", "first contact not routed"),
    Text(
        "办件 {app}：首问人员 {officer}（{unit}）所在单位不是实施主体 {competent}，且无转办记录",
        "application {app}: first contact {officer} ({unit}) is not in the competent unit "
        "{competent} and no referral is recorded",
    ),
    FIRST_CONTACT,
)
REFERRED_TO_WRONG_UNIT = _code(
    "REFERRED_TO_WRONG_UNIT",
    E,
    Text("转办单位不是实施主体", "referred to a unit that is not competent"),
    Text(
        "办件 {app}：首问人员 {officer} 转办至 {to}，但实施主体是 {competent}",
        "application {app}: first contact {officer} referred the applicant to {to}, but the "
        "competent unit is {competent}",
    ),
    FIRST_CONTACT,
)
CORRECTION_NOT_ONE_TIME = _code(
    "CORRECTION_NOT_ONE_TIME",
    E,
    Text("补正未一次告知", "correction not notified at one time"),
    Text(
        "办件 {app}：第 {n} 次补正告知（{at}）要求的材料 {materials} 在第一次告知时已经缺少，却未一并告知",
        "application {app}: correction notice no. {n} ({at}) asks for {materials}, already missing "
        "when the first notice was sent but not listed in it",
    ),
    ONE_TIME_NOTICE,
)
ACCEPTANCE_NOTICE_LATE = _code(
    "ACCEPTANCE_NOTICE_LATE",
    E,
    Text("逾期未告知补正，视为受理", "completeness not notified in time: deemed accepted"),
    Text(
        "办件 {app}：收到材料 {received} 后 5 个工作日内（至 {due}）未作受理决定或补正告知，"
        "自 {received} 起视为受理，办理时限自该日起算",
        "application {app}: no acceptance decision or correction notice within 5 working days of "
        "receipt on {received} (by {due}); it counts as accepted on {received}, and the handling "
        "limits run from that day",
    ),
    DEEMED_ACCEPTANCE,
)
NO_BACKUP_COVER = _code(
    "NO_BACKUP_COVER",
    E,
    Text("A岗缺席无B岗顶岗", "A officer absent and no B officer acted"),
    Text(
        "办件 {app}：{day} 窗口岗位 {post} 的A岗 {a} 缺席，办理人为 {acted}，不是B岗 {b}",
        "application {app}: on {day} the A officer {a} of window post {post} was absent and the "
        "application was handled by {acted}, not by the B officer {b}",
    ),
    AB_POSTS,
)
DECIDED_AFTER_COMMITMENT = _code(
    "DECIDED_AFTER_COMMITMENT",
    W,
    Text("超过承诺时限办结", "decided after the committed limit"),
    Text(
        "办件 {app} 于 {decided} 办结，晚于承诺时限 {due}",
        "application {app} was decided on {decided}, after its committed limit {due}",
    ),
    SERVICE_COMMITMENT,
)
DECIDED_AFTER_STATUTE = _code(
    "DECIDED_AFTER_STATUTE",
    E,
    Text("超过法定时限办结", "decided after the statutory limit"),
    Text(
        "办件 {app} 于 {decided} 办结，晚于法定时限 {due}",
        "application {app} was decided on {decided}, after its statutory limit {due}",
    ),
    None,  # the item's rule's citation is attached when the finding is built
)
OPEN_PAST_COMMITMENT = _code(
    "OPEN_PAST_COMMITMENT",
    W,
    Text("超过承诺时限未办结（黄灯）", "open past the committed limit (yellow)"),
    Text(
        "办件 {app} 的承诺时限 {due} 已过，尚未办结",
        "application {app} is still open after its committed limit {due}",
    ),
    SERVICE_COMMITMENT,
)
OPEN_PAST_STATUTE = _code(
    "OPEN_PAST_STATUTE",
    E,
    Text("超过法定时限未办结（红灯）", "open past the statutory limit (red)"),
    Text(
        "办件 {app} 的法定时限 {due} 已过，尚未办结",
        "application {app} is still open after its statutory limit {due}",
    ),
    None,
)
EVENTS_NOT_ALLOWED = _code(
    "EVENTS_NOT_ALLOWED",
    E,
    Text("中止或延长不合法", "suspension or extension not allowed"),
    Text(
        "办件 {app} 的中止或延长不符合期限规则：{why}",
        "application {app}: a suspension or extension breaks the limit's rule: {why_en}",
    ),
    None,  # the item's rule's citation is attached when the finding is built
)
UNDETERMINED_LIMIT = _code(
    "LIMIT_UNDETERMINED",
    INFO,
    Text("时限无法确定", "limit cannot be determined"),
    Text(
        "办件 {app} 的{which}无法确定：{why}",
        "application {app}: the {which_en} cannot be determined: {why_en}",
    ),
    None,
)

# --- complaints ------------------------------------------------------------------------------
COMPLAINT_ACCEPTANCE_LATE = _code(
    "COMPLAINT_ACCEPTANCE_LATE",
    E,
    Text("效能投诉受理决定逾期", "complaint acceptance decision late"),
    Text(
        "投诉 {complaint}：受理决定时限 {due}，{when}",
        "complaint {complaint}: the acceptance decision was due {due}; {when_en}",
    ),
    COMPLAINTS,
)
COMPLAINT_HANDLING_LATE = _code(
    "COMPLAINT_HANDLING_LATE",
    E,
    Text("效能投诉办理逾期", "complaint handling late"),
    Text(
        "投诉 {complaint}：办理时限 {due}，{when}",
        "complaint {complaint}: handling was due {due}; {when_en}",
    ),
    COMPLAINTS,
)
COMPLAINT_REPLY_LATE = _code(
    "COMPLAINT_REPLY_LATE",
    E,
    Text("未按时答复投诉人", "reply to the complainant late"),
    Text(
        "投诉 {complaint}：答复投诉人时限 {due}，{when}",
        "complaint {complaint}: the reply to the complainant was due {due}; {when_en}",
    ),
    COMPLAINTS,
)
COMPLAINT_LIMIT_UNDETERMINED = _code(
    "COMPLAINT_LIMIT_UNDETERMINED",
    INFO,
    Text("投诉时限无法确定", "complaint limit cannot be determined"),
    Text(
        "投诉 {complaint}：{step}时限无法确定：{why}",
        "complaint {complaint}: the {step_en} limit cannot be determined: {why_en}",
    ),
    COMPLAINTS,
)

# --- surveys ---------------------------------------------------------------------------------
SATISFACTION_BELOW_TARGET = _code(
    "SATISFACTION_BELOW_TARGET",
    W,
    Text("满意率低于目标", "satisfaction below the target"),
    Text(
        "{unit}/{window} {period}：满意率 {rate}（{satisfied}/{n}，95% 区间 {lo}–{hi}）低于目标 {target}",
        "{unit}/{window} {period}: satisfaction {rate} ({satisfied}/{n}, 95% interval {lo}–{hi}) "
        "is below the target {target}",
    ),
    SATISFACTION,
)
SATISFACTION_CLEARLY_BELOW = _code(
    "SATISFACTION_CLEARLY_BELOW_TARGET",
    E,
    Text("满意率区间上限低于目标", "upper bound of the satisfaction interval below the target"),
    Text(
        "{unit}/{window} {period}：95% 区间上限 {hi} 仍低于目标 {target}，数据表明目标未达到",
        "{unit}/{window} {period}: even the upper bound {hi} of the 95% interval is below the "
        "target {target}: the data show the target is not met",
    ),
    SATISFACTION,
)
SATISFACTION_NOT_SHOWN = _code(
    "SATISFACTION_TARGET_NOT_SHOWN",
    INFO,
    Text("样本尚不足以表明达到目标", "sample cannot yet show the target is met"),
    Text(
        "{unit}/{window} {period}：满意率 {rate} 不低于目标 {target}，但 95% 区间下限 {lo} 低于目标（样本 {n}）",
        "{unit}/{window} {period}: satisfaction {rate} reaches the target {target}, but the lower "
        "bound {lo} of the 95% interval is below it (sample of {n})",
    ),
    SATISFACTION,
)

CODES: tuple[FindingCode, ...] = (
    COMMITMENT_EXCEEDS_STATUTE,
    ITEM_WITHOUT_UNIT,
    POST_WITHOUT_B,
    A_IS_B,
    UNKNOWN_RULE,
    UNSUITABLE_RULE,
    COMPARISON_UNDETERMINED,
    UNKNOWN_POST,
    ITEM_WITHOUT_POST,
    NO_MATERIALS,
    UNKNOWN_ITEM,
    FIRST_CONTACT_NOT_ROUTED,
    REFERRED_TO_WRONG_UNIT,
    CORRECTION_NOT_ONE_TIME,
    ACCEPTANCE_NOTICE_LATE,
    NO_BACKUP_COVER,
    DECIDED_AFTER_COMMITMENT,
    DECIDED_AFTER_STATUTE,
    OPEN_PAST_COMMITMENT,
    OPEN_PAST_STATUTE,
    EVENTS_NOT_ALLOWED,
    UNDETERMINED_LIMIT,
    COMPLAINT_ACCEPTANCE_LATE,
    COMPLAINT_HANDLING_LATE,
    COMPLAINT_REPLY_LATE,
    COMPLAINT_LIMIT_UNDETERMINED,
    SATISFACTION_BELOW_TARGET,
    SATISFACTION_CLEARLY_BELOW,
    SATISFACTION_NOT_SHOWN,
)
