"""The finding codes of the major-decision validator, each declared once.

Every code carries a default citation (the provision it enforces in the national
procedure or the seed practice); a finding built by a procedure rule cites the rule's
own citation, which a locality's spec may refine.
"""

from __future__ import annotations

import string

from govefficiency._seeds import ZHUZHOU
from govefficiency.citation import Citation
from govefficiency.findings import FindingCode, Severity
from govefficiency.text import Text

__all__ = [
    "ALTERNATIVES_INSUFFICIENT",
    "CITIZEN_REPRESENTATIVES_MISSING",
    "COLLECTIVE_DISCUSSION_MISSING",
    "COMMENT_PERIOD_TOO_SHORT",
    "CONSULTATION_MISSING",
    "CONSULTATION_NOT_AGREED",
    "DECISION_CODES",
    "DECREE_713",
    "DISPUTE_REASONS_MISSING",
    "DISSENT_NOT_RECORDED",
    "EXPERT_EVALUATION_MISSING",
    "HEAD_NOT_LAST",
    "HEAD_OVERRULED_WITHOUT_REASON",
    "HEARING_MATERIALS_LATE",
    "LEGALITY_REVIEW_MISSING",
    "LEGALITY_REVIEW_REPLACED_BY_COMMENTS",
    "LEGALITY_REVIEW_TOO_SHORT",
    "NANYANG_2014",
    "NOT_APPLICABLE",
    "NOT_ARCHIVED",
    "NOT_PUBLISHED",
    "PUBLIC_PARTICIPATION_MISSING",
    "RECORD_NOT_DECIDED",
    "RISK_ASSESSMENT_MISSING",
    "RISK_NOT_CONTROLLABLE",
    "SHORTENED_WITHOUT_REASON",
    "STEP_MISSING",
    "STEP_OUT_OF_ORDER",
    "SUPERVISING_OPINION_MISSING",
    "TIME_LIMIT_NOT_MET",
    "UNLAWFUL_DRAFT_DISCUSSED",
    "WRONG_MEETING_TYPE",
    "YANSHOU_2018",
    "ZHUZHOU_FOUR_MECHANISMS",
    "code_by_name",
    "template_fields",
]

#: 重大行政决策程序暂行条例 (State Council decree 713, 2019).
DECREE_713 = Text(
    "重大行政决策程序暂行条例",
    "Interim Regulations on Major Administrative Decision-making Procedures",
)
#: Seed 000: Zhuzhou city government, the "four mechanisms": the title named once in
#: :mod:`govefficiency._seeds` (the rendered citations are unchanged, see the tests).
ZHUZHOU_FOUR_MECHANISMS = ZHUZHOU
#: Seeds 002 and 003 are kept here, not taken from ``_seeds``: the decision citations give
#: the title without the document number and with the year (2018, 2014), and the
#: seed-practice preset declares the same titles as its sources; ``_seeds`` spells them
#: with the number and no year, so taking them would change every rendered citation.
#: Seed 002: Yanshou county, 延政发〔2018〕10号.
YANSHOU_2018 = Text(
    "延寿县人民政府关于进一步提升政府执行力的意见",
    "Yanshou County Government, Opinions on Further Improving Government Execution",
)
#: Seed 003: Nanyang city government, 2014.
NANYANG_2014 = Text(
    "南阳市人民政府关于加强政府效能建设的意见",
    "Nanyang Municipal Government, Opinions on Strengthening Government Efficiency",
)


def _decree(article: str, zh: str | None = None, en: str | None = None) -> Citation:
    note = None if zh is None or en is None else Text(zh, en)
    return Citation(DECREE_713, article, 2019, note)


def _seed(law: Text, year: int | None, zh: str, en: str) -> Citation:
    return Citation(law, "", year, Text(zh, en))


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

NOT_APPLICABLE = FindingCode(
    "NOT_APPLICABLE",
    INFO,
    Text("不适用重大行政决策程序", "not subject to the major-decision procedure"),
    Text(
        "“{title}”不适用重大行政决策程序（{reason_zh}），无须履行其他步骤",
        "'{title}' is not subject to the major-decision procedure ({reason_en}); no step is required",
    ),
    _decree("3"),
)
RECORD_NOT_DECIDED = FindingCode(
    "RECORD_NOT_DECIDED",
    INFO,
    Text("尚未作出决定（决策进行中）", "not decided yet (a decision in progress)"),
    Text(
        "“{title}”尚未作出决定：记录中没有集体讨论决定，也没有决策公布、归档或决策后评估。"
        "尚未到期的程序不作为缺失报告：{pending_zh}。"
        "尚需履行的程序及其最早合法日期请用 govefficiency decision plan 查看；已履行步骤中的问题照常报告",
        "'{title}' is not decided yet: the record has no collective discussion and no publication, "
        "archiving or post-evaluation. Steps not yet due are not reported as missing: {pending_en}. "
        "`govefficiency decision plan` lists what remains and the earliest lawful date of each; "
        "defects in the steps already taken are reported as usual",
    ),
    _decree(
        "30",
        "决策草案应当经决策机关常务会议或者全体会议讨论。决策机关行政首长在集体讨论的基础上作出决定",
        "the draft is discussed at the standing or plenary meeting; the head decides on the basis of "
        "the collective discussion",
    ),
)
PUBLIC_PARTICIPATION_MISSING = FindingCode(
    "PUBLIC_PARTICIPATION_MISSING",
    ERROR,
    Text("未开展公众参与", "no public participation"),
    Text(
        "未记录任何公众参与方式（{steps_zh}），且事项不属于依法不予公开的决策事项；"
        "决策承办单位应当采取便于社会公众参与的方式充分听取意见",
        "no form of public participation ({steps_en}) is recorded and the matter is not one that "
        "may not be disclosed by law; the public must be heard in accessible ways",
    ),
    _decree(
        "14",
        "决策承办单位应当采取便于社会公众参与的方式充分听取意见，依法不予公开的决策事项除外",
        "the public is heard in accessible ways, except for matters that may not be disclosed by law",
    ),
)
SHORTENED_WITHOUT_REASON = FindingCode(
    "SHORTENED_WITHOUT_REASON",
    ERROR,
    Text("征求意见期限缩短且未说明理由", "comment period shortened without a reason"),
    Text(
        "公开征求意见自 {start} 至 {end}，仅 {actual} 日，少于 {minimum} 日且未说明缩短期限的紧急理由；"
        "最早应于 {earliest} 结束",
        "the public comment ran {actual} days ({start} to {end}), fewer than {minimum}, and no reason for "
        "urgency was stated; it could close on {earliest} at the earliest",
    ),
    _decree(
        "15",
        "公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明",
        "comment periods are normally at least 30 days; a shorter one needs a reason stated when publishing",
    ),
)
COMMENT_PERIOD_TOO_SHORT = FindingCode(
    "COMMENT_PERIOD_TOO_SHORT",
    ERROR,
    Text("征求意见期限过短", "comment period too short"),
    Text(
        "公开征求意见自 {start} 至 {end}，仅 {actual} 日；虽已说明紧急理由（{reason}），"
        "仍短于本程序允许的最短 {minimum} 日",
        "the public comment ran {actual} days ({start} to {end}); even with the stated urgency "
        "({reason}) it is shorter than the {minimum} days this procedure allows",
    ),
    _decree("15"),
)
HEARING_MATERIALS_LATE = FindingCode(
    "HEARING_MATERIALS_LATE",
    ERROR,
    Text("听证材料送达过晚", "hearing materials sent late"),
    Text(
        "听证会材料于 {start} 送达，距听证会（{end}）仅 {actual} 日；应当至少提前 {minimum} 日，"
        "即不晚于 {latest} 送达",
        "the hearing materials were sent on {start}, {actual} days before the hearing on {end}; they must "
        "reach the participants at least {minimum} days before, i.e. by {latest}",
    ),
    _decree(
        "16",
        "第三款：听证会材料应当于召开听证会7日前送达听证参加人",
        "para. 3: hearing materials reach the participants 7 days before the hearing",
    ),
)
EXPERT_EVALUATION_MISSING = FindingCode(
    "EXPERT_EVALUATION_MISSING",
    ERROR,
    Text("未组织专家论证", "no expert evaluation"),
    Text(
        "未记录专家论证；本事项（{when_zh}）应当组织专家论证",
        "no expert evaluation is recorded; this matter ({when_en}) requires one",
    ),
    _decree("19"),
)
RISK_ASSESSMENT_MISSING = FindingCode(
    "RISK_ASSESSMENT_MISSING",
    ERROR,
    Text("未开展风险评估", "no risk assessment"),
    Text(
        "未记录风险评估；本事项（{when_zh}）应当评估决策草案的风险可控性",
        "no risk assessment is recorded; this matter ({when_en}) requires the draft's risk to be assessed",
    ),
    _decree("22"),
)
RISK_NOT_CONTROLLABLE = FindingCode(
    "RISK_NOT_CONTROLLABLE",
    ERROR,
    Text("风险不可控", "risk not controllable"),
    Text(
        "风险评估（{date}）认为风险不可控；应当调整决策草案等、确保风险可控后方可作出决策",
        "the risk assessment of {date} found the risk not controllable; the draft must be adjusted until "
        "the risk is controllable before a decision is made",
    ),
    _decree("24"),
)
LEGALITY_REVIEW_MISSING = FindingCode(
    "LEGALITY_REVIEW_MISSING",
    ERROR,
    Text("未经合法性审查", "no legality review"),
    Text(
        "未记录合法性审查；决策草案提交讨论前应当经负责合法性审查的部门审查",
        "no legality review is recorded; the draft must be reviewed for legality before it is discussed",
    ),
    _decree("25"),
)
LEGALITY_REVIEW_REPLACED_BY_COMMENTS = FindingCode(
    "LEGALITY_REVIEW_REPLACED_BY_COMMENTS",
    ERROR,
    Text("以征求意见代替合法性审查", "legality review replaced by comment-taking"),
    Text(
        "{sent} 的“合法性审查”实为征求意见；不得以征求意见等方式代替合法性审查",
        "the 'legality review' of {sent} was only a request for comments; comment-taking cannot replace "
        "a legality review",
    ),
    _decree("25"),
)
LEGALITY_REVIEW_TOO_SHORT = FindingCode(
    "LEGALITY_REVIEW_TOO_SHORT",
    WARNING,
    Text("合法性审查时间不足且未说明理由", "legality review shortened without a reason"),
    Text(
        "合法性审查于 {start} 送审、{end} 出具意见，仅 {actual} 个工作日，少于一般应保证的 {minimum} 个工作日，"
        "且未记录缩短审查时间的理由；请记录理由（shortened_reason），否则审查意见最早应于 {earliest} 出具",
        "the legality review had {actual} working days (sent {start}, opinion {end}), fewer than the "
        "{minimum} normally given, and no reason for shortening it is recorded; record the reason "
        "(shortened_reason), or the opinion could come on {earliest} at the earliest",
    ),
    _decree(
        "26",
        "第二款：送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日",
        "para. 2: the review is normally given at least 7 working days",
    ),
)
UNLAWFUL_DRAFT_DISCUSSED = FindingCode(
    "UNLAWFUL_DRAFT_DISCUSSED",
    ERROR,
    Text("不合法的草案提交讨论", "unlawful draft discussed"),
    Text(
        "合法性审查结论为“{result_zh}”，草案仍于 {date} 提交集体讨论{why_zh}",
        "the draft went to collective discussion on {date} although the legality review found it "
        "'{result_en}'{why_en}",
    ),
    _decree("25"),
)
STEP_OUT_OF_ORDER = FindingCode(
    "STEP_OUT_OF_ORDER",
    ERROR,
    Text("程序顺序错误", "step out of order"),
    Text(
        "{step_zh}（{date}）早于{prior_zh}完成（{prior_date_zh}）",
        "{step_en} ({date}) took place before {prior_en} was complete ({prior_date_en})",
    ),
    _decree("25"),
)
COLLECTIVE_DISCUSSION_MISSING = FindingCode(
    "COLLECTIVE_DISCUSSION_MISSING",
    ERROR,
    Text("未经集体讨论决定", "no collective discussion"),
    Text(
        "未记录集体讨论；决策草案应当经决策机关常务会议或者全体会议讨论",
        "no collective discussion is recorded; the draft must be discussed at the standing or plenary "
        "meeting",
    ),
    _decree("30"),
)
WRONG_MEETING_TYPE = FindingCode(
    "WRONG_MEETING_TYPE",
    ERROR,
    Text("讨论会议类型不符", "wrong meeting type"),
    Text(
        "决策草案于 {date} 在{meeting_zh}上讨论；应当经{allowed_zh}讨论",
        "the draft was discussed at the {meeting_en} on {date}; it must be discussed at the {allowed_en}",
    ),
    _decree("30"),
)
HEAD_NOT_LAST = FindingCode(
    "HEAD_NOT_LAST",
    ERROR,
    Text("行政首长未最后发言", "head did not speak last"),
    Text(
        "行政首长“{head}”未最后发表意见（最后发言者：{last}）",
        "the head '{head}' did not speak last (last speaker: {last})",
    ),
    _decree("30"),
)
HEAD_OVERRULED_WITHOUT_REASON = FindingCode(
    "HEAD_OVERRULED_WITHOUT_REASON",
    ERROR,
    Text("行政首长否决多数意见未说明理由", "head overruled the majority without reasons"),
    Text(
        "行政首长“{head}”的决定（{decision_zh}）与多数人意见（{majority_zh}）不一致，但未在会上说明理由",
        "the head '{head}' decided '{decision_en}' against the majority view '{majority_en}' without "
        "stating reasons at the meeting",
    ),
    _decree("30"),
)
DISSENT_NOT_RECORDED = FindingCode(
    "DISSENT_NOT_RECORDED",
    ERROR,
    Text("不同意见未载明", "dissent not recorded"),
    Text(
        "会上存在不同意见（{dissent_zh}），但讨论记录未如实载明",
        "members held different views ({dissent_en}) but the minutes do not record them",
    ),
    _decree("30"),
)
NOT_PUBLISHED = FindingCode(
    "NOT_PUBLISHED",
    ERROR,
    Text("决策未公布", "decision not published"),
    Text(
        "未记录决策公布；重大行政决策应当通过政府公报、政府网站等及时公布",
        "no publication is recorded; the decision must be published promptly (gazette, website, press)",
    ),
    _decree("32"),
)
NOT_ARCHIVED = FindingCode(
    "NOT_ARCHIVED",
    ERROR,
    Text("决策材料未归档", "materials not archived"),
    Text(
        "未记录归档；履行决策程序形成的记录和材料应当及时完整归档",
        "no archiving is recorded; the records and materials of the procedure must be archived",
    ),
    _decree("33"),
)
STEP_MISSING = FindingCode(
    "STEP_MISSING",
    ERROR,
    Text("缺少必经步骤", "required step missing"),
    Text(
        "未记录{step_zh}；本事项（{when_zh}）依本程序须履行该步骤",
        "no {step_en} is recorded; this procedure requires it for this matter ({when_en})",
    ),
    None,
)
TIME_LIMIT_NOT_MET = FindingCode(
    "TIME_LIMIT_NOT_MET",
    ERROR,
    Text("时间要求未满足", "time requirement not met"),
    Text(
        "{from_zh}（{start}）至{to_zh}（{end}）仅 {actual} {unit_zh}，少于 {minimum} {unit_zh}；最早应为 {earliest}",
        "{from_en} ({start}) to {to_en} ({end}) is {actual} {unit_en}, fewer than {minimum}; "
        "the earliest lawful date was {earliest}",
    ),
    None,
)
ALTERNATIVES_INSUFFICIENT = FindingCode(
    "ALTERNATIVES_INSUFFICIENT",
    ERROR,
    Text("备选方案不足", "too few alternative plans"),
    Text(
        "仅准备了 {count} 个决策方案；本事项（{when_zh}）应准备至少 {minimum} 个可供比较的方案",
        "only {count} plan(s) prepared; this matter ({when_en}) needs at least {minimum} alternatives to "
        "compare",
    ),
    _seed(
        YANSHOU_2018,
        2018,
        "二、完善议事决策程序：特别重大或复杂、敏感的事项应准备两个或两个以上可供比较的决策方案",
        "section 2: especially major, complex or sensitive matters need two or more alternative plans",
    ),
)
CONSULTATION_MISSING = FindingCode(
    "CONSULTATION_MISSING",
    ERROR,
    Text("未与相关部门会商", "department not consulted"),
    Text(
        "事项涉及“{department}”的职责，但未事先与其会商",
        "the matter touches the duties of '{department}', which was not consulted beforehand",
    ),
    _decree(
        "13",
        "决策事项涉及决策机关所属部门、下一级人民政府等单位的职责，或者与其关系紧密的，决策承办单位应当与其充分协商",
        "the drafting unit consults the units whose duties the matter touches",
    ),
)
CONSULTATION_NOT_AGREED = FindingCode(
    "CONSULTATION_NOT_AGREED",
    WARNING,
    Text("部门意见未达成一致", "departments not in agreement"),
    Text(
        "“{department}”对草案有不同意见，未达成一致即提交讨论；应由分管领导事先协调",
        "'{department}' disputes the draft and no agreement was reached before submission; the "
        "supervising leader should coordinate first",
    ),
    _seed(
        YANSHOU_2018,
        2018,
        "二、完善议事决策程序：意见分歧较大的，分管领导应召集有关部门充分协调，达成基本一致意见后方可上会",
        "section 2: where views differ widely, the supervising leader coordinates until basic agreement",
    ),
)
DISPUTE_REASONS_MISSING = FindingCode(
    "DISPUTE_REASONS_MISSING",
    ERROR,
    Text("未提交争议各方理据", "dispute without each side's reasoning"),
    Text(
        "与“{department}”存在争议，但未一并提交争议各方的理据（缺少：{missing_zh}）",
        "the dispute with '{department}' was submitted without each side's reasoning (missing: {missing_en})",
    ),
    _decree(
        "13",
        "不能取得一致意见的，应当向决策机关说明争议的主要问题，有关单位的意见，决策承办单位的意见、理由和依据",
        "where the units disagree, the dispute, each unit's opinion and the drafting unit's reasons go to "
        "the decision body",
    ),
)
CITIZEN_REPRESENTATIVES_MISSING = FindingCode(
    "CITIZEN_REPRESENTATIVES_MISSING",
    ERROR,
    Text("未邀请市民代表列席", "no citizen representatives"),
    Text(
        "集体讨论（{date}）有 {count} 名市民代表列席；本事项（{when_zh}）应邀请至少 {minimum} 名市民代表列席",
        "{count} citizen representative(s) attended the discussion on {date}; this matter ({when_en}) "
        "needs at least {minimum}",
    ),
    _seed(
        ZHUZHOU_FOUR_MECHANISMS,
        None,
        "三(一)：涉及民生问题要邀请市民代表列席",
        "part 3(1): livelihood matters invite citizen representatives to attend",
    ),
)
SUPERVISING_OPINION_MISSING = FindingCode(
    "SUPERVISING_OPINION_MISSING",
    ERROR,
    Text("未事先征求分管领导意见", "no prior opinion of the supervising leader"),
    Text(
        "未记录分管领导的事先意见；本事项（{when_zh}）提交讨论前必须事先征求分管副市长意见",
        "no prior opinion of the supervising leader is recorded; this matter ({when_en}) needs the "
        "supervising deputy mayor's opinion before discussion",
    ),
    _seed(
        NANYANG_2014,
        2014,
        "一(二)1：涉及人员机构、编制安排、财政资金、国有资产处置和规划变更的议题，必须事先征求分管副市长及有关部门意见",
        "part 1(2)1: personnel, staffing, fiscal, state-asset and planning matters need the supervising "
        "deputy mayor's prior opinion",
    ),
)

#: Every code of the validator, in documentation order. Codes are stable: they are never
#: renamed silently (a rename goes to the CHANGELOG).
DECISION_CODES: tuple[FindingCode, ...] = (
    NOT_APPLICABLE,
    RECORD_NOT_DECIDED,
    PUBLIC_PARTICIPATION_MISSING,
    COMMENT_PERIOD_TOO_SHORT,
    SHORTENED_WITHOUT_REASON,
    HEARING_MATERIALS_LATE,
    EXPERT_EVALUATION_MISSING,
    RISK_ASSESSMENT_MISSING,
    RISK_NOT_CONTROLLABLE,
    LEGALITY_REVIEW_MISSING,
    LEGALITY_REVIEW_REPLACED_BY_COMMENTS,
    LEGALITY_REVIEW_TOO_SHORT,
    UNLAWFUL_DRAFT_DISCUSSED,
    STEP_OUT_OF_ORDER,
    COLLECTIVE_DISCUSSION_MISSING,
    WRONG_MEETING_TYPE,
    HEAD_NOT_LAST,
    HEAD_OVERRULED_WITHOUT_REASON,
    DISSENT_NOT_RECORDED,
    NOT_PUBLISHED,
    NOT_ARCHIVED,
    ALTERNATIVES_INSUFFICIENT,
    CONSULTATION_MISSING,
    CITIZEN_REPRESENTATIVES_MISSING,
    CONSULTATION_NOT_AGREED,
    DISPUTE_REASONS_MISSING,
    SUPERVISING_OPINION_MISSING,
    STEP_MISSING,
    TIME_LIMIT_NOT_MET,
)

_BY_NAME = {c.code: c for c in DECISION_CODES}


def code_by_name(name: str) -> FindingCode | None:
    """The declared code called ``name``, or ``None``."""
    return _BY_NAME.get(name)


def template_fields(code: FindingCode) -> frozenset[str]:
    """The ``{placeholders}`` of both message templates of ``code``."""
    names: set[str] = set()
    for template in (code.message.zh, code.message.en):
        for _, field, _, _ in string.Formatter().parse(template):
            if field:
                names.add(field)
    return frozenset(names)
