"""The citations of the accountability module and its finding codes (proposals and filing
(备案)), each declared once.

The seeds are policy documents numbered by part and item, not statutes with articles: the
section is given in the citation's note. Seed 001's text carries no issuer line or
document number; it is cited by its title.
"""

from __future__ import annotations

from govefficiency._seeds import NANYANG as _NANYANG
from govefficiency._seeds import SEED_001 as _SEED_001
from govefficiency._seeds import YANSHOU as _YANSHOU
from govefficiency.citation import Citation
from govefficiency.findings import FindingCode, Severity
from govefficiency.text import Text

__all__ = [
    "CODES",
    "DECISION_NOT_MADE",
    "DECREE_713_DECIDED",
    "FILING_LATE",
    "FILING_MISSING",
    "FILING_UNDETERMINED",
    "SEED_001_FILING",
    "SEED_002_DECISIONS",
    "SEED_003_KEY",
    "SEED_003_SPECIAL",
]


#: Seed 001 二(二): accountability work is filed with the supervision department.
SEED_001_FILING = Citation(
    _SEED_001,
    note=Text(
        "二(二)健全责任追究制度：完善行政过错责任追究的备案备查、统计分析等制度；各级政府部门要及时将行政问责"
        "和过错责任追究工作情况报送同级监察部门备案",
        "§2(2): filing and statistical analysis of accountability; government departments promptly file "
        "their accountability work with the supervision department at the same level",
    ),
)

#: Seed 002 四: the three decision triggers of the lifelong decision-accountability system.
SEED_002_DECISIONS = Citation(
    _YANSHOU,
    note=Text(
        "四、严防决策失误：实行重大决策终身责任追究制及责任倒查机制",
        "§4: lifelong accountability and retrospective tracing for major decisions",
    ),
)

#: Seed 003 一(四)3: quarterly special accountability for slow key work.
SEED_003_SPECIAL = Citation(
    _NANYANG,
    note=Text(
        "一(四)3：每季度对推进重点工作、重大项目进展缓慢、成效较差的，实行专项问责并予以通报",
        "§1(4)3: each quarter, key work and major projects progressing slowly or with poor results are "
        "held to special accountability and circulated",
    ),
)

#: Seed 003 一(四)3: key accountability for slow implementation of decisions.
SEED_003_KEY = Citation(
    _NANYANG,
    note=Text(
        "一(四)3：对贯彻执行市委、市政府决策部署行动迟缓、落实不力的，实行重点问责并予以通报",
        "§1(4)3: slow or weak implementation of the city's decisions is held to key accountability and circulated",
    ),
)

#: Decree 713 (重大行政决策程序暂行条例, 2019) art. 30: the decision is made at the collective
#: discussion (text checked in the LawRefBook/Laws repository,
#: ``行政法规/重大行政决策程序暂行条例(2019-04-20).md``).
DECREE_713_DECIDED = Citation(
    Text(
        "重大行政决策程序暂行条例", "Interim Regulations on Major Administrative Decision-making Procedures"
    ),
    "30",
    2019,
    Text(
        "决策草案应当经决策机关常务会议或者全体会议讨论。决策机关行政首长在集体讨论的基础上作出决定",
        "the draft is discussed at the standing or plenary meeting; the head of the decision body "
        "decides on the basis of the collective discussion",
    ),
)

DECISION_NOT_MADE = FindingCode(
    "DECISION_NOT_MADE",
    Severity.INFO,
    Text("决策尚未作出：不据此问责", "decision not made yet: no proposal"),
    Text(
        "决策 {decision} 至 {on} 尚未作出（{why}）：{code} 是尚未完成的程序，不是“违反法定程序作出决策”，"
        "不据此提出问责建议；决策作出后再行检查",
        "decision {decision} is not made yet on {on} ({why_en}): {code} concerns a step not done yet, not a "
        "decision made against the statutory procedure, so no accountability is proposed on it; check "
        "again once the decision is made",
    ),
    DECREE_713_DECIDED,
)

FILING_MISSING = FindingCode(
    "FILING_MISSING",
    Severity.ERROR,
    Text("问责决定逾期未备案", "accountability decision not filed in time"),
    Text(
        "{subject} 的问责决定（{decided_on}，{form_zh}）应于 {due} 前报送监察部门备案，至 {on} 仍未备案",
        "the accountability decision on {subject} ({decided_on}, {form_en}) was due to be filed with the "
        "supervision department by {due} and is still not filed on {on}",
    ),
    SEED_001_FILING,
)

FILING_LATE = FindingCode(
    "FILING_LATE",
    Severity.WARNING,
    Text("问责决定备案迟延", "accountability decision filed late"),
    Text(
        "{subject} 的问责决定（{decided_on}）于 {filed_on} 备案，晚于 {due}",
        "the accountability decision on {subject} ({decided_on}) was filed on {filed_on}, after {due}",
    ),
    SEED_001_FILING,
)

FILING_UNDETERMINED = FindingCode(  # one row past the calendar; the others are answered
    "FILING_UNDETERMINED",
    Severity.WARNING,
    Text(
        "问责决定备案是否逾期无法确定", "whether an accountability decision was filed in time is undetermined"
    ),
    Text(
        "{subject} 的问责决定（{decided_on}）的备案期限晚于工作日历最后一天 {last}，{what_zh}无法确定：{why}",
        "the filing of the accountability decision on {subject} ({decided_on}) is due after the calendar's "
        "last day {last}, so whether it {what_en} is undetermined: {why_en}",
    ),
    SEED_001_FILING,
)

CODES: tuple[FindingCode, ...] = (DECISION_NOT_MADE, FILING_MISSING, FILING_LATE, FILING_UNDETERMINED)
