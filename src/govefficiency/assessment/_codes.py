"""The finding codes of performance assessment (绩效考评), each declared once with its
citation.

The seed documents are policy texts numbered by part and item, so the part is given in
the citation's note with the words of the paragraph; the year is part of the document
number and ``year`` is left empty. The civil-service grades are cited to the Civil
Servant Law as revised on 2018-12-29, art. 38 (text checked in the LawRefBook/Laws
repository, ``行政法/公务员法.md``).
"""

from __future__ import annotations

from govefficiency._seeds import EZHOU as _EZHOU
from govefficiency._seeds import NANYANG as _NANYANG
from govefficiency._seeds import YANSHOU as _YANSHOU
from govefficiency._seeds import ZHUZHOU as _ZHUZHOU
from govefficiency.citation import Citation
from govefficiency.findings import FindingCode, Severity
from govefficiency.text import Text

__all__ = ["ASSESSMENT_FINDING_CODES"]


#: Seed 002 §十四: weights, scores and the one-vote veto.
YANSHOU_WEIGHTS_VETO = Citation(
    _YANSHOU,
    note=Text(
        "十四 合理界定考核权重……分值考核与一票否决相结合，实行重要指标、重点工作一票否决，"
        "实行行风政风评议一票否决",
        "§14: set the weights of the assessment reasonably … combine scores with the one-vote "
        "veto: a veto for important indicators and key work, and for the appraisal of conduct",
    ),
)
#: Seed 003 part 6(1): checklist items weigh most; internal/external, public/leader appraisal.
NANYANG_CHECKLIST_FIRST = Citation(
    _NANYANG,
    note=Text(
        "六(一) 把列入清单式管理的事项作为绩效考评的重中之重……内部评价与外部评价、公众评价与领导评价多元结合",
        "part 6(1): the checklist items are the heart of the performance assessment … internal "
        "and external, public and leaders' appraisal combined",
    ),
)
#: Seed 003 part 6(3): quarterly ranking, rewards for the first, sanctions for the last.
NANYANG_RANKING = Citation(
    _NANYANG,
    note=Text(
        "六(三) 每季度对各县（区）和市政府部门进行绩效评价、排名……对年度绩效评价综合排名"
        "先进的单位实行奖励，对……落后的单位实行惩戒",
        "part 6(3): every quarter the counties (districts) and city departments are assessed and "
        "ranked … the leading units are rewarded and the lagging units sanctioned",
    ),
)
#: Seed 003 part 2(3): officers appraised at year end from the ledger.
NANYANG_OFFICERS = Citation(
    _NANYANG,
    note=Text(
        "二(三) 年底按照台账结果对干部进行考评",
        "part 2(3): at year end the officers are appraised by the results in the ledger",
    ),
)
#: Seed 000 part 3(3): examination, appraisal and deliberation; qualitative and quantitative.
ZHUZHOU_METHODS = Citation(
    _ZHUZHOU,
    note=Text(
        "三(三) 坚持考、评、议相结合，定性评估与定量评估相结合，月度考核与年终评估相结合",
        "part 3(3): combine examination, appraisal and deliberation; qualitative with "
        "quantitative evaluation; monthly assessment with the year-end evaluation",
    ),
)
#: Seed 004 part 4, stage 2, item 5: survey results are one basis of the annual grades.
EZHOU_SURVEY = Citation(
    _EZHOU,
    note=Text(
        "四、第二阶段5 调查结果……作为评定单位和个人年度考核等次的依据之一",
        "part 4, stage 2, item 5: the survey results are one of the bases for the annual "
        "assessment grades of units and persons",
    ),
)
#: Civil Servant Law (2018 revision), art. 38: the four grades of the periodic assessment.
CIVIL_SERVANT_GRADES = Citation(
    Text("中华人民共和国公务员法", "Civil Servant Law of the People's Republic of China"),
    article="38",
    year=2018,
    note=Text(
        "定期考核的结果分为优秀、称职、基本称职和不称职四个等次",
        "the periodic assessment has four grades: excellent, competent, basically competent and incompetent",
    ),
)

WEIGHTS_NOT_TOTAL = FindingCode(
    "WEIGHTS_NOT_TOTAL",
    Severity.ERROR,
    Text("权重之和不等于总分", "weights do not add up to the declared total"),
    Text(
        "类别 {category} 的指标分值合计 {sum}，与声明的总分 {total} 不符",
        "category {category}: the indicators' points add up to {sum}, not the declared total {total}",
    ),
    YANSHOU_WEIGHTS_VETO,
)
VETO_UNKNOWN_INDICATOR = FindingCode(
    "VETO_UNKNOWN_INDICATOR",
    Severity.ERROR,
    Text("否决规则引用了未知指标", "veto rule refers to an unknown indicator"),
    Text(
        "一票否决规则 {rule} 引用的 {metric} 不是类别 {category} 中的{what}，该规则无法执行",
        "veto rule {rule} refers to {metric}, which is not {what_en} of category {category}: the rule "
        "cannot be applied",
    ),
    YANSHOU_WEIGHTS_VETO,
)
VETO_NOT_KEY = FindingCode(
    "VETO_NOT_KEY",
    Severity.WARNING,
    Text("否决规则的指标未声明为重要指标", "veto on an indicator not declared key"),
    Text(
        "一票否决规则 {rule} 针对指标 {metric}，但该指标未声明为重要指标（key = true）",
        "veto rule {rule} is on indicator {metric}, which is not declared a key indicator (key = true)",
    ),
    YANSHOU_WEIGHTS_VETO,
)
VETO_UNKNOWN_GRADE = FindingCode(
    "VETO_UNKNOWN_GRADE",
    Severity.ERROR,
    Text("否决规则封顶的等次不存在", "veto caps at an unknown grade"),
    Text(
        "一票否决规则 {rule} 将等次封顶为 {grade}，但方案中没有这个等次",
        "veto rule {rule} caps the grade at {grade}, which the scheme does not declare",
    ),
    YANSHOU_WEIGHTS_VETO,
)
QUOTA_IMPOSSIBLE = FindingCode(
    "QUOTA_IMPOSSIBLE",
    Severity.ERROR,
    Text("名额比例无法执行", "impossible quota"),
    Text("等次名额无法执行：{why}", "a grade quota cannot be applied: {why}"),
    NANYANG_RANKING,
)
CATEGORY_WITHOUT_SCHEME = FindingCode(
    "CATEGORY_WITHOUT_SCHEME",
    Severity.ERROR,
    Text("类别没有考核方案", "category without a scheme"),
    Text(
        "类别 {category} 没有考核指标，其单位 {units} 无法考核",
        "category {category} has no indicators: its units {units} cannot be assessed",
    ),
    NANYANG_RANKING,
)
MISSING_METRIC = FindingCode(
    "MISSING_METRIC",
    Severity.ERROR,
    Text("缺少指标数据", "missing metric"),
    Text(
        "单位 {unit} 没有指标 {metric} 的数据（不按零分处理），总分无法确定；请补报该数据",
        "unit {unit} has no value for {metric} (it is not counted as zero): its total is "
        "undetermined; supply the value",
    ),
    ZHUZHOU_METHODS,
)
VETO_APPLIED = FindingCode(
    "VETO_APPLIED",
    Severity.WARNING,
    Text("一票否决", "one-vote veto applied"),
    Text(
        "单位 {unit} 触发一票否决规则 {rule}（{rule_name}）：{fact}；后果：{effect}",
        "unit {unit} triggers veto rule {rule} ({rule_name_en}): {fact_en}; effect: {effect_en}",
    ),
    YANSHOU_WEIGHTS_VETO,
)
FEW_RATERS = FindingCode(
    "FEW_RATERS",
    Severity.WARNING,
    Text("评议人数不足以去掉最高最低分", "too few raters to trim"),
    Text(
        "单位 {unit} 指标 {metric} 的 {group} 组只有 {n} 个评分，不足 3 个，未去掉最高分和最低分",
        "unit {unit}, indicator {metric}, group {group}: only {n} score(s) (fewer than 3), so the "
        "highest and lowest were not dropped",
    ),
    ZHUZHOU_METHODS,
)
QUOTA_TIE = FindingCode(
    "QUOTA_TIE",
    Severity.INFO,
    Text("名额边界并列", "tie at a quota boundary"),
    Text(
        "类别 {category} 的 {grade} 名额为 {quota} 个，但边界上 {units} 并列；名额是上限，并列者均未获得该等次",
        "category {category}: the quota of {grade} is {quota}, but {units} tie at the boundary; "
        "the quota is a maximum, so none of the tied units receives that grade",
    ),
    NANYANG_RANKING,
)
REWARD_BARRED_BY_VETO = FindingCode(
    "REWARD_BARRED_BY_VETO",
    Severity.INFO,
    Text("一票否决：不列入奖励名单", "vetoed: not on the reward list"),
    Text(
        "类别 {category}：单位 {unit} 排名第 {rank}，在前 {top} 名之内，但触发一票否决（{rules}），不列入奖励名单；"
        "奖励名单由未被否决的单位依名次递补（本库的规则）",
        "category {category}: unit {unit} ranks {rank}, within the top {top}, but a one-vote veto ({rules}) "
        "bars it from the reward list; the list is filled by the next units not vetoed, in rank order "
        "(this library's rule)",
    ),
    YANSHOU_WEIGHTS_VETO,
)
RANK_LISTS_OVERLAP = FindingCode(
    "RANK_LISTS_OVERLAP",
    Severity.WARNING,
    Text("奖励名单与惩戒名单相交", "reward and sanction lists overlap"),
    Text(
        "类别 {category}：方案奖励前 {top} 名、惩戒后 {bottom} 名，参加排名的单位有 {ranked} 个{ties}，两份名单可能列入同一单位；"
        "同一单位不能既受奖励又受惩戒（本库的规则：两份名单都会列入的单位不列入任何一份）：{outcome}",
        "category {category}: the scheme rewards the top {top} and sanctions the bottom {bottom}, and {ranked} "
        "unit(s) are ranked{ties_en}, so the two lists can name the same unit; no unit is both rewarded and sanctioned "
        "(this library's rule: a unit both lists would name is on neither): {outcome_en}",
    ),
    NANYANG_RANKING,
)
UNUSED_METRIC = FindingCode(
    "UNUSED_METRIC",
    Severity.INFO,
    Text("未使用的数据", "metric not used by the scheme"),
    Text(
        "{n} 项数据不是方案中的指标或事实，未参与计分：{metrics}",
        "{n} metrics are neither indicators nor facts of the scheme and were not scored: {metrics}",
    ),
    None,
)

#: Every code of this module, in documentation order.
ASSESSMENT_FINDING_CODES: tuple[FindingCode, ...] = (
    WEIGHTS_NOT_TOTAL,
    VETO_UNKNOWN_INDICATOR,
    VETO_NOT_KEY,
    VETO_UNKNOWN_GRADE,
    QUOTA_IMPOSSIBLE,
    CATEGORY_WITHOUT_SCHEME,
    MISSING_METRIC,
    VETO_APPLIED,
    FEW_RATERS,
    QUOTA_TIE,
    REWARD_BARRED_BY_VETO,
    RANK_LISTS_OVERLAP,
    UNUSED_METRIC,
)
