"""The vocabularies of a decision record: categories, flags, step kinds, meetings, views,
review results and forms of participation, each with its bilingual label."""

from __future__ import annotations

from govefficiency.text import LabelledEnum

__all__ = [
    "TOUCHES_DEPARTMENTS",
    "Category",
    "Flag",
    "MeetingType",
    "ParticipationForm",
    "Position",
    "ReviewResult",
    "StepKind",
]


class Category(LabelledEnum):
    """The kind of matter, after 重大行政决策程序暂行条例 (decree 713) art. 3.

    The first five are the scope of art. 3 ¶1; the last three are the decisions art. 3
    ¶2 excludes. Whether a category is exempt is decided by the procedure spec (the
    national preset exempts the three excluded categories).

    Members:
        PUBLIC_POLICY: major public policies and measures (重大公共政策和措施), art. 3(1).
        DEVELOPMENT_PLAN: important plans (经济和社会发展等方面的重要规划), art. 3(2).
        RESOURCES: policies on major natural and cultural resources (开发利用、保护重要
            自然资源和文化资源), art. 3(3).
        PUBLIC_CONSTRUCTION: major public construction projects (重大公共建设项目), art. 3(4).
        OTHER_MAJOR: other matters of major public interest (其他重大事项), art. 3(5).
        MACRO_CONTROL: fiscal, monetary and other macro-control decisions (宏观调控决策),
            excluded by art. 3 ¶2.
        LEGISLATION: government legislation (政府立法决策), excluded by art. 3 ¶2.
        EMERGENCY_RESPONSE: emergency response decisions (突发事件应急处置决策), excluded by
            art. 3 ¶2.
    """

    PUBLIC_POLICY = ("public_policy", "重大公共政策和措施", "major public policy and measures")
    DEVELOPMENT_PLAN = ("development_plan", "重要规划", "important plan")
    RESOURCES = ("resources", "重要自然资源和文化资源政策", "natural and cultural resources policy")
    PUBLIC_CONSTRUCTION = ("public_construction", "重大公共建设项目", "major public construction project")
    OTHER_MAJOR = ("other_major", "其他重大事项", "other major matter")
    MACRO_CONTROL = ("macro_control", "宏观调控决策", "macro-control decision")
    LEGISLATION = ("legislation", "政府立法决策", "government legislation")
    EMERGENCY_RESPONSE = ("emergency_response", "突发事件应急处置决策", "emergency response decision")


class Flag(LabelledEnum):
    """Facts about a matter that make procedural steps required.

    Members:
        PUBLIC_INTEREST: directly affects the interests of citizens, legal persons or
            other organisations (直接涉及公众切身利益).
        SPECIALISED: specialised or technical (专业性、技术性较强).
        STABILITY_RISK: may affect social stability or public safety (可能影响社会稳定).
        ESPECIALLY_MAJOR: especially major, complex or sensitive (特别重大或复杂、敏感).
        LIVELIHOOD: a livelihood matter (涉及民生).
        PERSONNEL_FUNDS_ASSETS_PLANNING: touches personnel and organs, staffing, fiscal
            funds, state-asset disposal or planning changes (涉及人员机构、编制安排、财政
            资金、国有资产处置和规划变更).
        EMERGENCY: an emergency decision (应急决策).
        ROUTINE: routine government business (日常政务决策).
        EXPLORATORY_REFORM: an exploratory reform for which national law has no clear
            rule yet (国家尚无明确规定的探索性改革决策事项).
        NOT_DISCLOSABLE: a matter that may not be disclosed by law (依法不予公开的决策事项),
            exempt from public participation (decree 713 art. 14 ¶1).
    """

    PUBLIC_INTEREST = ("public_interest", "直接涉及公众切身利益", "directly affects public interests")
    SPECIALISED = ("specialised", "专业性、技术性较强", "specialised or technical")
    STABILITY_RISK = ("stability_risk", "可能影响社会稳定", "stability risk")
    ESPECIALLY_MAJOR = ("especially_major", "特别重大或复杂、敏感", "especially major, complex or sensitive")
    LIVELIHOOD = ("livelihood", "涉及民生", "livelihood matter")
    PERSONNEL_FUNDS_ASSETS_PLANNING = (
        "personnel_funds_assets_planning",
        "涉及人员机构、编制、财政资金、国有资产或规划变更",
        "touches personnel, staffing, fiscal funds, state assets or planning changes",
    )
    EMERGENCY = ("emergency", "应急决策", "emergency decision")
    ROUTINE = ("routine", "日常政务决策", "routine business")
    EXPLORATORY_REFORM = ("exploratory_reform", "探索性改革", "exploratory reform")
    NOT_DISCLOSABLE = ("not_disclosable", "依法不予公开的决策事项", "may not be disclosed by law")


#: The derived fact that holds when the matter touches other departments' duties.
TOUCHES_DEPARTMENTS = "touches_departments"


class StepKind(LabelledEnum):
    """The procedural steps a record can contain, in their canonical order."""

    PUBLIC_COMMENT = ("public_comment", "公开征求意见", "public comment")
    HEARING = ("hearing", "听证会", "hearing")
    PARTICIPATION = ("participation", "其他公众参与方式", "other forms of public participation")
    EXPERT_EVALUATION = ("expert_evaluation", "专家论证", "expert evaluation")
    RISK_ASSESSMENT = ("risk_assessment", "风险评估", "risk assessment")
    CONSULTATION = ("consultation", "部门会商", "consultation of departments")
    SUPERVISING_OPINION = ("supervising_opinion", "分管领导事先意见", "supervising leader's prior opinion")
    LEGALITY_REVIEW = ("legality_review", "合法性审查", "legality review")
    COLLECTIVE_DISCUSSION = ("collective_discussion", "集体讨论决定", "collective discussion")
    PUBLICATION = ("publication", "决策公布", "publication")
    ARCHIVING = ("archiving", "归档", "archiving")
    POST_EVALUATION = ("post_evaluation", "决策后评估", "post-evaluation")

    @property
    def rank(self) -> int:
        """The position of the step in the canonical order (0 for public comment)."""
        return _STEP_RANK[self]


_STEP_RANK = {kind: i for i, kind in enumerate(StepKind)}


class MeetingType(LabelledEnum):
    """The meeting at which a decision was discussed.

    Members:
        STANDING: the government's standing meeting (常务会议).
        PLENARY: the government's plenary meeting (全体会议).
        OFFICE: a mayor's office meeting (市长办公会议).
        OTHER: any other meeting (专题会, circulation for signature 传阅会签, …).
    """

    STANDING = ("standing", "常务会议", "standing meeting")
    PLENARY = ("plenary", "全体会议", "plenary meeting")
    OFFICE = ("office", "办公会议", "office meeting")
    OTHER = ("other", "其他会议", "other meeting")


class Position(LabelledEnum):
    """A view on a draft decision: the majority's view or the head's decision."""

    APPROVE = ("approve", "同意", "approve")
    APPROVE_AMENDED = ("approve_amended", "修改后同意", "approve with amendments")
    REJECT = ("reject", "不同意", "reject")
    DEFER = ("defer", "暂缓", "defer")


class ReviewResult(LabelledEnum):
    """The result of a legality review (合法性审查意见).

    Members:
        LAWFUL: the draft is lawful (合法).
        UNLAWFUL: the draft is unlawful (不合法); it must not go to discussion.
        LEGAL_RISK_STATED: the reviewer states the legal risk of an exploratory reform
            (明示法律风险), which decree 713 art. 25 allows to go to discussion.
    """

    LAWFUL = ("lawful", "合法", "lawful")
    UNLAWFUL = ("unlawful", "不合法", "unlawful")
    LEGAL_RISK_STATED = ("legal_risk_stated", "明示法律风险", "legal risk stated")


class ParticipationForm(LabelledEnum):
    """The forms of hearing the public that decree 713 art. 14 ¶2 names besides public
    comment (:class:`PublicComment`) and hearings (:class:`Hearing`), which have steps of
    their own because the decree sets time rules for them.

    Members:
        SYMPOSIUM: a symposium (座谈会).
        FIELD_VISIT: field visits (实地走访).
        WRITTEN_CONSULTATION: written requests for opinions (书面征求意见).
        QUESTIONNAIRE: a questionnaire survey (问卷调查).
        OPINION_POLL: an opinion poll (民意调查).
        GROUP_CONSULTATION: consultation with people's organisations, social
            organisations and representatives of an affected group (与相关人民团体、
            社会组织以及群众代表进行沟通协商, art. 14 ¶3).
        OTHER: another form ("等多种方式"); say which in the step's ``note``.
    """

    SYMPOSIUM = ("symposium", "座谈会", "symposium")
    FIELD_VISIT = ("field_visit", "实地走访", "field visit")
    WRITTEN_CONSULTATION = ("written_consultation", "书面征求意见", "written consultation")
    QUESTIONNAIRE = ("questionnaire", "问卷调查", "questionnaire")
    OPINION_POLL = ("opinion_poll", "民意调查", "opinion poll")
    GROUP_CONSULTATION = (
        "group_consultation",
        "与群众代表等沟通协商",
        "consultation with group representatives",
    )
    OTHER = ("other", "其他方式", "another form")
