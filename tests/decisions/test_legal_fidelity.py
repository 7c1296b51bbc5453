"""Decree 713 as written: article numbers pinned to their words, art. 13 consultation,
the forms of public participation of art. 14, and the legality-review minimum of art. 26.

The statute text below was checked against 重大行政决策程序暂行条例 (国务院令第713号,
2019-04-20, in force 2019-09-01) as stored in the LawRefBook/Laws repository,
``行政法规/重大行政决策程序暂行条例.md``. Each entry is a list of the article's paragraphs
(款), quoted verbatim where the library cites them.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govefficiency import decisions as d
from govefficiency.decisions._codes import DECREE_713
from govefficiency.errors import DecisionRecordError, DecisionRecordFileError, InvalidTypeError
from govefficiency.findings import Severity

from .conftest import COMPLIANT, local_spec, national_rule

D = dt.date

#: The cited articles of decree 713, paragraph by paragraph (verbatim, abridged where
#: marked with …).
DECREE_713_TEXT: dict[str, list[str]] = {
    "3": [
        "本条例所称重大行政决策事项(以下简称决策事项)包括：…",
        "法律、行政法规对本条第一款规定事项的决策程序另有规定的，依照其规定。"
        "财政政策、货币政策等宏观调控决策，政府立法决策以及突发事件应急处置决策不适用本条例。",
        "决策机关可以根据本条第一款的规定，结合职责权限和本地实际，确定决策事项目录、标准，…",
    ],
    "13": [
        "决策事项涉及决策机关所属部门、下一级人民政府等单位的职责，或者与其关系紧密的，"
        "决策承办单位应当与其充分协商；不能取得一致意见的，应当向决策机关说明争议的主要问题，"
        "有关单位的意见，决策承办单位的意见、理由和依据。"
    ],
    "14": [
        "决策承办单位应当采取便于社会公众参与的方式充分听取意见，依法不予公开的决策事项除外。",
        "听取意见可以采取座谈会、听证会、实地走访、书面征求意见、向社会公开征求意见、问卷调查、"
        "民意调查等多种方式。",
        "决策事项涉及特定群体利益的，决策承办单位应当与相关人民团体、社会组织以及群众代表进行沟通协商，"
        "充分听取相关群体的意见建议。",
    ],
    "15": [
        "决策事项向社会公开征求意见的，…明确提出意见的方式和期限。公开征求意见的期限一般不少于30日；"
        "因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明。",
        "对社会公众普遍关心或者专业性、技术性较强的问题，…",
    ],
    "16": [
        "决策事项直接涉及公民、法人、其他组织切身利益或者存在较大分歧的，可以召开听证会。…",
        "决策承办单位或者组织听证会的其他单位应当提前公布决策草案及其说明等材料，…",
        "需要遴选听证参加人的，…听证参加人名单应当提前向社会公布。听证会材料应当于召开听证会7日前"
        "送达听证参加人。",
    ],
    "19": [
        "对专业性、技术性较强的决策事项，决策承办单位应当组织专家、专业机构论证其必要性、可行性、科学性等，…"
    ],
    "22": [
        "重大行政决策的实施可能对社会稳定、公共安全等方面造成不利影响的，决策承办单位或者负责风险评估"
        "工作的其他单位应当组织评估决策草案的风险可控性。",
        "按照有关规定已对有关风险进行评价、评估的，不作重复评估。",
    ],
    "25": [
        "决策草案提交决策机关讨论前，应当由负责合法性审查的部门进行合法性审查。不得以征求意见等方式代替合法性审查。",
        "决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论。…",
    ],
    "26": [
        "送请合法性审查，应当提供决策草案及相关材料，…",
        "送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日。",
    ],
    "30": [
        "决策草案应当经决策机关常务会议或者全体会议讨论。决策机关行政首长在集体讨论的基础上作出决定。",
        "讨论决策草案，会议组成人员应当充分发表意见，行政首长最后发表意见。行政首长拟作出的决定与会议组成"
        "人员多数人的意见不一致的，应当在会上说明理由。",
        "集体讨论决定情况应当如实记录，不同意见应当如实载明。",
    ],
}

#: (rule id in the national preset, article, paragraph (1-based), the words it quotes).
PINNED_RULES = [
    (
        "excluded-category",
        "3",
        2,
        "财政政策、货币政策等宏观调控决策，政府立法决策以及突发事件应急处置决策不适用本条例",
    ),
    ("emergency", "3", 2, "突发事件应急处置决策不适用本条例"),
    ("department-consultation", "13", 1, "决策承办单位应当与其充分协商"),
    ("public-participation", "14", 1, "应当采取便于社会公众参与的方式充分听取意见"),
    ("public-participation", "14", 1, "依法不予公开的决策事项除外"),
    ("comment-period", "15", 1, "公开征求意见的期限一般不少于30日"),
    ("hearing-materials", "16", 3, "听证会材料应当于召开听证会7日前送达听证参加人"),
    ("expert-evaluation", "19", 1, "组织专家、专业机构论证"),
    ("legality-review", "25", 1, "应当由负责合法性审查的部门进行合法性审查"),
    ("genuine-review", "25", 1, "不得以征求意见等方式代替合法性审查"),
    ("legality-review-time", "26", 2, "一般不少于7个工作日"),
    ("head-speaks-last", "30", 2, "行政首长最后发表意见"),
    ("dissent-recorded", "30", 3, "不同意见应当如实载明"),
]

#: (finding code, article of its default citation, the words that article must contain).
PINNED_CODES = [
    ("NOT_APPLICABLE", "3", "不适用本条例"),
    ("CONSULTATION_MISSING", "13", "决策承办单位应当与其充分协商"),
    ("DISPUTE_REASONS_MISSING", "13", "决策承办单位的意见、理由和依据"),
    ("PUBLIC_PARTICIPATION_MISSING", "14", "应当采取便于社会公众参与的方式充分听取意见"),
    ("SHORTENED_WITHOUT_REASON", "15", "公开征求意见的期限一般不少于30日"),
    ("COMMENT_PERIOD_TOO_SHORT", "15", "因情况紧急等原因需要缩短期限的"),
    ("HEARING_MATERIALS_LATE", "16", "听证会材料应当于召开听证会7日前送达听证参加人"),
    ("EXPERT_EVALUATION_MISSING", "19", "组织专家、专业机构论证"),
    ("RISK_ASSESSMENT_MISSING", "22", "组织评估决策草案的风险可控性"),
    ("LEGALITY_REVIEW_MISSING", "25", "进行合法性审查"),
    ("LEGALITY_REVIEW_TOO_SHORT", "26", "一般不少于7个工作日"),
    ("COLLECTIVE_DISCUSSION_MISSING", "30", "常务会议或者全体会议讨论"),
]

_PARAGRAPH = re.compile(r"^第([一二三四])款：")
_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4}


def _plain(text: str) -> str:
    return text.replace("…", "")


class TestArticlesPinnedToWords:
    """Each cited article of decree 713 is the one whose text holds the quoted words."""

    @pytest.mark.parametrize(("rule_id", "article", "paragraph", "words"), PINNED_RULES)
    def test_preset_rule(self, rule_id: str, article: str, paragraph: int, words: str) -> None:
        """The national rule cites ``article`` of decree 713 and quotes words that its
        ``paragraph``-th paragraph holds; a note that names a paragraph names that one."""
        rule = d.get_procedure("national").rule(rule_id)
        assert rule.citation.law == DECREE_713
        assert rule.citation.article == article
        assert words in _plain(DECREE_713_TEXT[article][paragraph - 1])
        note = rule.citation.note
        assert note is not None
        assert words in note.zh
        match = _PARAGRAPH.match(note.zh)
        if match:
            assert _NUMERALS[match.group(1)] == paragraph
            assert f"para. {paragraph}:" in note.en

    @pytest.mark.parametrize(("code", "article", "words"), PINNED_CODES)
    def test_code_default(self, code: str, article: str, words: str) -> None:
        """The code's default citation is decree 713, art. ``article``, whose text holds the
        words."""
        declared = next(c for c in d.DECISION_CODES if c.code == code)
        assert declared.citation is not None
        assert declared.citation.law == DECREE_713
        assert declared.citation.article == article
        assert words in _plain("".join(DECREE_713_TEXT[article]))

    @pytest.mark.parametrize(
        ("words", "wrong"),
        [
            ("听证会材料应当于召开听证会7日前送达听证参加人", "15"),
            ("公开征求意见的期限一般不少于30日", "14"),
            ("应当采取便于社会公众参与的方式充分听取意见", "13"),
        ],
    )
    def test_old_numbers_were_wrong(self, words: str, wrong: str) -> None:
        """The articles cited before issue 15 do not hold these words (the pin can fail)."""
        assert words not in _plain("".join(DECREE_713_TEXT[wrong]))

    def test_exclusions_are_paragraph_two(self) -> None:
        """The exclusions of art. 3 are in its second paragraph, not the third."""
        assert "不适用本条例" in DECREE_713_TEXT["3"][1]
        assert "不适用本条例" not in DECREE_713_TEXT["3"][2]


def _consultation(*opinions: d.DepartmentOpinion) -> d.DecisionRecord:
    return COMPLIANT.with_step(d.Consultation(D(2026, 9, 16), opinions))


class TestArticle13Consultation:
    """Art. 13 in the national preset: consult the units whose duties are touched; a
    dispute goes to the decision body with each side's opinion and reasons."""

    #: The transport bureau disagrees, with its reasons and the lead unit's answer.
    DISPUTED_WITH_REASONS = _consultation(
        d.DepartmentOpinion("市财政局"),
        d.DepartmentOpinion(
            "市交通运输局", agreed=False, reasoning="补贴资金来源未落实", lead_reasoning="由市财政分年安排"
        ),
    )

    def test_compliant(self) -> None:
        """Both departments consulted and in agreement: no consultation finding."""
        assert not [f for f in d.validate_decision(COMPLIANT, "national") if "CONSULT" in f.code]

    def test_missing(self) -> None:
        """A department whose duties are touched but not consulted is CONSULTATION_MISSING,
        an error cited to art. 13 of decree 713."""
        # 决策事项涉及…单位的职责…决策承办单位应当与其充分协商 (art. 13)
        findings = d.validate_decision(_consultation(d.DepartmentOpinion("市财政局")), "national")
        missing = [f for f in findings if f.code == "CONSULTATION_MISSING"]
        assert len(missing) == 1
        assert missing[0].subject == ("consultation", "市交通运输局")
        assert missing[0].severity is Severity.ERROR
        assert missing[0].citation is not None
        assert missing[0].citation.law.zh == "重大行政决策程序暂行条例"
        assert missing[0].citation.article == "13"

    def test_dispute_without_reasons(self) -> None:
        """A dispute submitted without the unit's or the lead unit's reasons is
        DISPUTE_REASONS_MISSING cited to art. 13; a dispute itself is not a national
        finding (the seed practice's CONSULTATION_NOT_AGREED is not national law)."""
        # 不能取得一致意见的，应当向决策机关说明争议的主要问题，有关单位的意见，
        # 决策承办单位的意见、理由和依据 (art. 13)
        record = _consultation(
            d.DepartmentOpinion("市财政局"),
            d.DepartmentOpinion("市交通运输局", agreed=False, reasoning="补贴资金来源未落实"),
        )
        findings = d.validate_decision(record, "national")
        codes = [f.code for f in findings]
        assert codes == ["DISPUTE_REASONS_MISSING"]
        assert findings[0].citation is not None
        assert findings[0].citation.article == "13"
        assert "承办单位的理据" in findings[0].message.zh

    def test_dispute_with_reasons_is_lawful(self) -> None:
        """A dispute with both sides' reasons is lawful under art. 13 (no finding)."""
        record = self.DISPUTED_WITH_REASONS
        assert [f.code for f in d.validate_decision(record, "national")] == []

    def test_seed_practice_stricter(self) -> None:
        """The seed practice also wants agreement (CONSULTATION_NOT_AGREED, a warning) and
        cites the seeds."""
        record = self.DISPUTED_WITH_REASONS
        findings = d.validate_decision(record, "seed-practice")
        assert [f.code for f in findings] == ["CONSULTATION_NOT_AGREED"]

    def test_consultation_after_discussion(self) -> None:
        """A consultation concluded after the discussion is out of order (art. 13: the
        dispute is put to the decision body)."""
        record = COMPLIANT.with_step(
            d.Consultation(
                D(2026, 10, 21), (d.DepartmentOpinion("市财政局"), d.DepartmentOpinion("市交通运输局"))
            )
        )
        findings = d.validate_decision(record, "national")
        assert "STEP_OUT_OF_ORDER" in [f.code for f in findings]


def _only(*steps: object) -> d.DecisionRecord:
    kept = [s for s in COMPLIANT.steps if s.kind not in (d.StepKind.PUBLIC_COMMENT, d.StepKind.HEARING)]
    return attrs.evolve(COMPLIANT, steps=[*kept, *steps])


class TestArticle14Participation:
    """Art. 14: any accessible form of hearing the public counts; matters that may not be
    disclosed by law are exempt; art. 15's 30 days bind public comment only."""

    @pytest.mark.parametrize("form", list(d.ParticipationForm))
    def test_each_form_counts(self, form: d.ParticipationForm) -> None:
        """A record whose only participation is one of the art. 14 ¶2 forms has no
        participation finding."""
        # 听取意见可以采取座谈会、听证会、实地走访、书面征求意见、向社会公开征求意见、
        # 问卷调查、民意调查等多种方式 (art. 14 ¶2)
        note = "市民议事会" if form is d.ParticipationForm.OTHER else None
        record = _only(d.Participation(D(2026, 8, 24), [form], note))
        assert d.validate_decision(record, "national") == []

    def test_hearing_alone_counts(self) -> None:
        """A hearing alone is participation; no comment period is then owed."""
        record = _only(d.Hearing(D(2026, 8, 28), materials_sent=D(2026, 8, 20)))
        assert d.validate_decision(record, "national") == []

    def test_none_recorded(self) -> None:
        """No form at all recorded: PUBLIC_PARTICIPATION_MISSING, cited to art. 14."""
        findings = d.validate_decision(_only(), "national")
        assert [f.code for f in findings] == ["PUBLIC_PARTICIPATION_MISSING"]
        assert findings[0].citation is not None
        assert findings[0].citation.article == "14"
        assert "其他公众参与方式" in findings[0].message.zh

    def test_not_disclosable_exempt(self) -> None:
        """A matter that may not be disclosed by law needs no participation."""
        # 依法不予公开的决策事项除外 (art. 14 ¶1)
        record = _only()
        record = attrs.evolve(
            record, matter=attrs.evolve(record.matter, flags=record.matter.flags | {d.Flag.NOT_DISCLOSABLE})
        )
        assert d.validate_decision(record, "national") == []

    def test_thirty_days_for_public_comment_only(self) -> None:
        """A symposium held the day after the draft went out raises no period finding; a
        public comment of 10 days without a reason does."""
        # 公开征求意见的期限一般不少于30日 (art. 15): 2026-08-14 → 2026-08-24 is 10 days.
        symposium = _only(d.Participation(D(2026, 8, 15), [d.ParticipationForm.SYMPOSIUM]))
        assert d.validate_decision(symposium, "national") == []
        short = _only(
            d.Participation(D(2026, 8, 15), [d.ParticipationForm.SYMPOSIUM]),
            d.PublicComment(D(2026, 8, 14), D(2026, 8, 24)),
        )
        assert [f.code for f in d.validate_decision(short, "national")] == ["SHORTENED_WITHOUT_REASON"]

    def test_participation_before_review(self) -> None:
        """Participation in another form is, like a public comment, complete before the
        draft goes to legality review (art. 26 ¶1: the review is sent with an account of
        the statutory steps taken); the seed practice also wants it before the experts."""
        late = _only(d.Participation(D(2026, 10, 2), [d.ParticipationForm.SYMPOSIUM]))
        national = d.validate_decision(late, "national")
        assert [(f.code, f.subject) for f in national] == [
            ("STEP_OUT_OF_ORDER", ("legality_review", "participation"))
        ]
        seed = [(f.code, f.subject) for f in d.validate_decision(late, "seed-practice")]
        assert ("STEP_OUT_OF_ORDER", ("expert_evaluation", "participation")) in seed

    def test_bad_participation(self) -> None:
        """No form, a repeated form, a wrong type or 'other' without a note is refused."""
        with pytest.raises(DecisionRecordError):
            d.Participation(D(2026, 8, 24), [])
        with pytest.raises(DecisionRecordError):
            d.Participation(D(2026, 8, 24), [d.ParticipationForm.SYMPOSIUM, d.ParticipationForm.SYMPOSIUM])
        with pytest.raises(InvalidTypeError):
            d.Participation(D(2026, 8, 24), ["symposium"])  # type: ignore[list-item]
        with pytest.raises(InvalidTypeError):
            d.Participation(D(2026, 8, 24), "symposium")  # type: ignore[arg-type]
        with pytest.raises(DecisionRecordError):
            d.Participation(D(2026, 8, 24), [d.ParticipationForm.OTHER])

    def test_file_round_trip(self) -> None:
        """Participation forms are read from and written to the record file format."""
        record = _only(
            d.Participation(
                D(2026, 8, 24),
                [d.ParticipationForm.QUESTIONNAIRE, d.ParticipationForm.FIELD_VISIT],
                note="走访12个社区",
            )
        )
        data = record.to_dict()
        step = next(s for s in data["steps"] if s["kind"] == "participation")
        assert step["forms"] == ["field_visit", "questionnaire"]
        assert d.DecisionRecord.load(data) == record

    def test_file_unknown_form(self) -> None:
        """An unknown form in a file is a located error."""
        data = _only().to_dict()
        data["steps"].append({"kind": "participation", "date": "2026-08-24", "forms": ["town_hall"]})
        with pytest.raises(DecisionRecordFileError, match=r"forms\[0\]"):
            d.DecisionRecord.load(data)


class TestArticle26ReviewTime:
    """Art. 26 ¶2 "一般不少于7个工作日": a shorter review is a warning unless its reason is
    recorded."""

    # Sent Wed 2026-09-30. Working days after it: 10-01..10-07 National Day (not counted),
    # Thu 10-08 (1), Fri 10-09 (2), Sat 10-10 make-up workday (3), Mon 10-12 (4),
    # Tue 10-13 (5), Wed 10-14 (6), Thu 10-15 (7). An opinion on 10-14 had 6 working days.
    SHORT = d.LegalityReview(D(2026, 9, 30), D(2026, 10, 14), d.ReviewResult.LAWFUL)

    def test_seven_working_days_across_national_day(self) -> None:
        """An opinion on Thu 2026-10-15, the 7th working day, is on time."""
        record = COMPLIANT.with_step(d.LegalityReview(D(2026, 9, 30), D(2026, 10, 15), d.ReviewResult.LAWFUL))
        assert d.validate_decision(record, "national") == []

    def test_shortened_without_reason_is_a_warning(self) -> None:
        """Six working days and no reason: LEGALITY_REVIEW_TOO_SHORT, a warning (the decree
        says "一般", normally), naming the earliest regular day and asking for the reason."""
        findings = d.validate_decision(COMPLIANT.with_step(self.SHORT), "national")
        assert [f.code for f in findings] == ["LEGALITY_REVIEW_TOO_SHORT"]
        assert findings[0].severity is Severity.WARNING
        assert "2026-10-15" in findings[0].message.en
        assert "shortened_reason" in findings[0].message.en
        assert findings[0].citation is not None
        assert findings[0].citation.article == "26"

    def test_shortened_with_reason(self) -> None:
        """Six working days with the reason recorded: no finding."""
        record = COMPLIANT.with_step(attrs.evolve(self.SHORT, shortened_reason="省政府限期报送"))
        assert d.validate_decision(record, "national") == []

    def test_locality_may_make_it_an_error(self) -> None:
        """A locality reading art. 26 strictly raises the rule's severity to error."""
        strict = local_spec(
            "strict",
            ("严格审查时间", "strict review time"),
            ("decree713", "重大行政决策程序暂行条例", "decree 713"),
            national_rule("legality-review-time") | {"severity": "error"},
        )
        findings = d.validate_decision(COMPLIANT.with_step(self.SHORT), strict)
        assert [(f.code, f.severity) for f in findings] == [("LEGALITY_REVIEW_TOO_SHORT", Severity.ERROR)]

    def test_reason_read_from_file(self) -> None:
        """The reason is part of the record file format."""
        record = COMPLIANT.with_step(attrs.evolve(self.SHORT, shortened_reason="省政府限期报送"))
        assert d.DecisionRecord.load(record.to_dict()) == record


@settings(max_examples=150, deadline=None)
@given(
    forms=st.one_of(
        st.none(),
        st.text(max_size=5),
        st.integers(),
        st.lists(
            st.one_of(
                st.sampled_from([f.value for f in d.ParticipationForm] + ["town_hall", ""]), st.integers()
            ),
            max_size=4,
        ),
    ),
    date=st.one_of(st.none(), st.sampled_from(["2026-08-24", "2026-13-01", "x"]), st.dates()),
    note=st.one_of(st.none(), st.text(max_size=3)),
    reason=st.one_of(st.none(), st.text(max_size=3), st.integers()),
)
def test_fuzz_participation_and_review_reason(
    forms: object, date: object, note: object, reason: object
) -> None:
    """Whatever a participation step or a review's shortened_reason holds in a file,
    loading gives a record or a DecisionRecordFileError — never another exception."""
    data = _only().to_dict()
    step: dict[str, object] = {"kind": "participation"}
    for key, value in (("forms", forms), ("date", date), ("note", note)):
        if value is not None:
            step[key] = value.isoformat() if isinstance(value, dt.date) else value
    data["steps"].append(step)
    review = next(s for s in data["steps"] if s["kind"] == "legality_review")
    if reason is not None:
        review["shortened_reason"] = reason
    try:
        record = d.DecisionRecord.load(data)
    except DecisionRecordFileError:
        return
    assert record.get(d.Participation) is not None
