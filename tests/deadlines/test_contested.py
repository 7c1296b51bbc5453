"""Issue 15: contested counting units (primary + alternative reading), composite limits,
new licensing presets and the degenerate ``WorkingDays(0)``.

Statute texts checked (see the issue's closing note): 行政许可法 (2019 revision) arts. 43,
47, 50, 82 and 行政复议法 (2023 revision) art. 20 from the LawRefBook/Laws and
Theonefkguy/Chinese-Laws repositories; 湖南省行政程序规定 art. 81 in its 2008 wording.

The 2026 calendar used below (``china_calendar().day_kind`` checked): Sun 09-20 make-up
working day; Fri 09-25 Mid-Autumn holiday; Thu 10-01..Wed 10-07 National Day off
(10-01..03 holiday, Sun 10-04 weekend, 10-05..07 in-lieu rest); Sat 10-10 make-up
working day.

Rule files, the command line and the rule-file fuzz are in ``test_contested_files.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from typing import Any

import pytest

from govefficiency.calendar import china_calendar
from govefficiency.citation import Citation
from govefficiency.deadlines import (
    AlternativeReading,
    CalendarDays,
    Combine,
    CompositeDeadline,
    CompositeLimit,
    Extension,
    Limb,
    StatuteRule,
    StepKind,
    WorkingDays,
    Years,
    compute_composite,
    compute_deadline,
    due_dates,
    get_rule,
    latest_date_before,
)
from govefficiency.errors import InvalidInputError, InvalidTypeError
from govefficiency.testing import at, run_cli
from govefficiency.text import Text

D = dt.date


RECEIPT = Text("收到之日", "receipt")


def _local_rule(ident: str, period: CalendarDays, starts_from: Text = RECEIPT, **more: Any) -> StatuteRule:
    """A rule of this file only (its title and citation are placeholders)."""
    return StatuteRule(
        id=ident,
        title=Text(ident, ident),
        citation=Citation(Text("某规定", "provisions"), "1"),
        period=period,
        starts_from=starts_from,
        **more,
    )


class TestHearingRequest:
    """行政许可法 art. 47: "申请人、利害关系人在被告知听证权利之日起五日内提出听证申请"."""

    def test_calendar_primary_working_alternative(self) -> None:
        """Told Mon 2026-09-28: 5 calendar days end Sat 10-03, a holiday, so Thu 10-08
        (primary); read as working days, Sat 10-10, a make-up working day (alternative)."""
        # Calendar: 09-29 (1), 09-30 (2), 10-01 (3), 10-02 (4), 10-03 (5) — a holiday; the
        # rest runs to 10-07, so the period ends Thu 10-08 (民法典 art. 203).
        # Working: 09-29 (1), 09-30 (2); 10-01..07 off; 10-08 (3), 10-09 (4), Sat 10-10 (5).
        rule = get_rule("licensing.hearing_request")
        assert rule.period == CalendarDays(5)
        d = compute_deadline(D(2026, 9, 28), rule)
        assert d.due_date == D(2026, 10, 8)
        assert d.alternative is not None
        assert d.alternative.period == WorkingDays(5)
        assert d.alternative.due_date == D(2026, 10, 10)
        assert "82" in d.alternative.reason.zh
        assert d.alternative.problem is None

    def test_explain_names_both(self) -> None:
        """The explanation gives the primary steps, then the alternative with its reason and
        its own counting."""
        d = compute_deadline(D(2026, 9, 28), get_rule("licensing.hearing_request"))
        assert d.steps[-1].kind is StepKind.ALTERNATIVE
        en = d.explain("en")
        assert "2026-10-08" in en
        assert "alternative reading: counted as 5 working days, due 2026-10-10" in en
        assert "the 5th working day is 2026-10-10" in en
        assert "safe for the party who must act" in en
        zh = d.explain("zh")
        assert "另一种读法：按5个工作日计算" in zh

    def test_to_dict_has_both(self) -> None:
        """to_dict() carries the alternative's due date, reason and steps, JSON-ready."""
        data = json.loads(
            json.dumps(compute_deadline(D(2026, 9, 28), get_rule("licensing.hearing_request")).to_dict())
        )
        assert data["due_date"] == "2026-10-08"
        alt = data["alternative"]
        assert alt["due_date"] == "2026-10-10"
        assert alt["period"] == {"unit": "working_days", "n": 5}
        assert set(alt["reason"]) == {"zh", "en"}
        assert alt["steps"]
        one = compute_deadline(D(2026, 9, 28), get_rule("licensing.hearing_request")).to_dict("en")
        assert set(one["alternative"]["reason"]) == {"en"}

    def test_bare_period_has_no_alternative(self) -> None:
        """A bare period or a rule without a declared reading has no alternative."""
        assert compute_deadline(D(2026, 9, 28), CalendarDays(5)).alternative is None
        d = compute_deadline(D(2026, 9, 28), get_rule("licensing.decision"))
        assert d.alternative is None
        assert d.to_dict()["alternative"] is None

    def test_deadline_with_alternative_pickles(self) -> None:
        """A deadline with its alternative survives pickling (worker processes)."""
        d = compute_deadline(D(2026, 9, 28), get_rule("licensing.hearing_request"))
        assert pickle.loads(pickle.dumps(d)) == d


class TestNanyangOneWeek:
    """Seed 003: "需要几个部门协调处理的，要在一周内办理完毕"."""

    def test_across_national_day(self) -> None:
        """Received Wed 2026-09-30: 7 days end Wed 10-07 (rest) → Thu 10-08; 5 working
        days end Tue 10-13."""
        # Calendar: 10-01..10-07 (7), a rest day; rolls to Thu 10-08.
        # Working: 10-08 (1), 10-09 (2), Sat 10-10 (3), 10-12 (4), 10-13 (5).
        d = compute_deadline(D(2026, 9, 30), get_rule("nanyang.multi_department"))
        assert d.due_date == D(2026, 10, 8)
        assert d.alternative is not None
        assert d.alternative.due_date == D(2026, 10, 13)
        assert "It is not later than the alternative" not in d.steps[-1].text.en
        assert "not later than the alternative" in d.steps[-1].text.en

    def test_alternative_earlier_is_flagged(self) -> None:
        """Received Mon 2026-09-14: 7 days end Mon 09-21, but 5 working days end on the
        make-up Sunday 09-20 — the explanation says to act by 09-20 to be safe."""
        # Working: 09-15 (1), 09-16 (2), 09-17 (3), 09-18 (4), Sun 09-20 make-up (5).
        d = compute_deadline(D(2026, 9, 14), get_rule("nanyang.multi_department"))
        assert d.due_date == D(2026, 9, 21)
        assert d.alternative is not None
        assert d.alternative.due_date == D(2026, 9, 20)
        assert "act by 2026-09-20" in d.steps[-1].text.en
        assert "2026-09-20" in d.steps[-1].text.zh


class TestHunan:
    """湖南省行政程序规定 art. 81(1): "行政机关应当自受理申请之日起20日内办结；20日内不能办结的
    经本行政机关负责人批准，可以延长10日"."""

    @pytest.mark.parametrize(
        ("rule_id", "start", "due", "alternative_due"),
        [
            # Art. 81(1), accepted Mon 2026-09-14: 20 days end Sun 10-04 (rest) → Thu 10-08;
            # 20 working days end Fri 10-16.
            # Working: 09-15..18 (1-4), Sun 09-20 (5), 09-21..24 (6-9), Fri 09-25 Mid-Autumn
            # off, 09-28..30 (10-12), 10-01..07 off, 10-08 (13), 10-09 (14), Sat 10-10 (15),
            # 10-12..16 (16-20).
            pytest.param(
                "hunan.single_agency", D(2026, 9, 14), D(2026, 10, 8), D(2026, 10, 16), id="single_agency"
            ),
            # Art. 81(2) "应当自受理申请之日起45日内办结": accepted Mon 2026-08-31, 45 days end
            # Thu 10-15; 45 working days end Fri 11-06.
            # Calendar: 09-30 is day 30, 10-15 day 45 (a Thursday, a working day).
            # Working: 09-01..04 (4), 07..11 (9), 14..18 (14), Sun 09-20 (15), 21..24 (19),
            # Fri 09-25 off, 28..30 (22), 10-08 (23), 10-09 (24), Sat 10-10 (25), 12..16 (30),
            # 19..23 (35), 26..30 (40), 11-02..06 (45).
            pytest.param(
                "hunan.multi_department",
                D(2026, 8, 31),
                D(2026, 10, 15),
                D(2026, 11, 6),
                id="multi_department",
            ),
            # Art. 81(3) "在受理之日起20日内审查或者批准完毕": accepted Tue 2026-09-15, 20 days end
            # Mon 10-05 (in-lieu rest) → Thu 10-08; 20 working days end Mon 10-19.
            # Working: 09-16..18 (3), Sun 09-20 (4), 21..24 (8), Fri 09-25 off, 28..30 (11),
            # 10-08 (12), 10-09 (13), Sat 10-10 (14), 12..16 (19), 10-19 (20).
            pytest.param(
                "hunan.review_approval", D(2026, 9, 15), D(2026, 10, 8), D(2026, 10, 19), id="review_approval"
            ),
            # Art. 81(4) "应当自程序启动之日起60日内办结": started Mon 2026-08-03, 60 days end Fri
            # 10-02 (National Day) → Thu 10-08; 60 working days end Fri 10-30.
            # Calendar: 08-31 is day 28, 09-30 day 58, 10-02 day 60.
            # Working: 08-04..07 (4), 10..14 (9), 17..21 (14), 24..28 (19), 31 (20),
            # 09-01..04 (24), 07..11 (29), 14..18 (34), Sun 09-20 (35), 21..24 (39), 28..30 (42),
            # 10-08 (43), 10-09 (44), Sat 10-10 (45), 12..16 (50), 19..23 (55), 26..30 (60).
            pytest.param("hunan.ex_officio", D(2026, 8, 3), D(2026, 10, 8), D(2026, 10, 30), id="ex_officio"),
        ],
    )
    def test_calendar_days_with_the_working_day_reading(
        self, rule_id: str, start: dt.date, due: dt.date, alternative_due: dt.date
    ) -> None:
        """Each art. 81 period counted in calendar days, with the working-day reading as the
        alternative."""
        d = compute_deadline(start, get_rule(rule_id))
        assert d.due_date == due
        assert d.alternative is not None
        assert d.alternative.due_date == alternative_due

    def test_extension_read_in_each_unit(self) -> None:
        """The head's 10-day extension approved Thu 10-08: +10 days from the nominal last
        day Sun 10-04 is Wed 10-14; read as working days, +10 working days from Fri 10-16
        is Fri 10-30."""
        # Alternative: 10-19..23 (1-5), 10-26..30 (6-10).
        ext = Extension(CalendarDays(10), Text("本行政机关负责人", "the agency head"), D(2026, 10, 8))
        d = compute_deadline(D(2026, 9, 14), get_rule("hunan.single_agency"), extensions=[ext])
        assert d.due_date == D(2026, 10, 14)
        assert d.alternative is not None
        assert d.alternative.due_date == D(2026, 10, 30)

    def test_alternative_not_computable(self) -> None:
        """An extension approved after the working-day reading's due date is lawful under
        the primary reading only: the alternative says why it cannot be computed."""
        # A one-week rule with an extension allowance (the shipped one-week rule allows none).
        rule = _local_rule(
            "local.test",
            CalendarDays(7),
            extension=get_rule("hunan.single_agency").extension,
            alternative=AlternativeReading(WorkingDays(5), Text("一周", "one week")),
        )
        # From Mon 09-14: primary 09-21, alternative 09-20 (make-up Sunday). Approved Mon
        # 09-21: on time for the primary, after the alternative had expired.
        ext = Extension(CalendarDays(3), Text("负责人", "the head"), D(2026, 9, 21))
        d = compute_deadline(D(2026, 9, 14), rule, extensions=[ext])
        assert d.due_date == D(2026, 9, 24)
        assert d.alternative is not None
        assert d.alternative.deadline is None
        assert d.alternative.problem is not None
        assert "cannot be computed" in d.steps[-1].text.en
        assert d.to_dict()["alternative"]["problem"]["en"]

    def test_citation_notes_amendments(self) -> None:
        """The Hunan citations quote art. 81 and name the 2018 and 2022 amendments."""
        for rule_id in (
            "hunan.single_agency",
            "hunan.multi_department",
            "hunan.review_approval",
            "hunan.ex_officio",
        ):
            rule = get_rule(rule_id)
            assert rule.citation.article.startswith("81(")
            assert rule.citation.note is not None
            assert "令第289号" in rule.citation.note.zh
            assert "令第310号" in rule.citation.note.zh
            assert rule.alternative is not None
            assert rule.alternative.period == WorkingDays(rule.period.n)


class TestLicensingPresets:
    def test_lower_level_review(self) -> None:
        """Art. 43: "下级行政机关应当自其受理行政许可申请之日起二十日内审查完毕" — working days
        (art. 82): accepted Mon 2026-09-28, review done by Fri 2026-10-30."""
        # 09-29 (1), 09-30 (2); 10-01..07 off; 10-08 (3), 10-09 (4), Sat 10-10 (5);
        # 10-12..16 (6-10), 10-19..23 (11-15), 10-26..30 (16-20).
        rule = get_rule("licensing.lower_level_review")
        assert rule.period == WorkingDays(20)
        assert rule.citation.article == "43"
        assert compute_deadline(D(2026, 9, 28), rule).due_date == D(2026, 10, 30)

    def test_renewal_application(self) -> None:
        """Art. 50 ¶1: "应当在该行政许可有效期届满三十日前…提出申请" — a licence valid until
        Mon 2026-11-30: 30 days before is Sat 10-31, a rest day, so apply by Fri 10-30."""
        # 11-30 minus 30 days = 10-31 (Sat); moving later would leave fewer than 30 days.
        rule = get_rule("licensing.renewal_application")
        assert rule.period == CalendarDays(30)
        assert rule.citation.article == "50"
        d = latest_date_before(D(2026, 11, 30), rule)
        assert d.due_date == D(2026, 10, 30)
        assert d.lapses_at == dt.datetime(2026, 10, 31, 23, 59, 59, 999999, tzinfo=d.lapses_at.tzinfo)  # type: ignore[union-attr]
        assert d.alternative is None
        with pytest.raises(InvalidInputError, match="latest_date_before"):
            compute_deadline(D(2026, 11, 30), rule)

    def test_backward_alternative(self) -> None:
        """A backward rule with an alternative computes both latest days."""
        rule = _local_rule(
            "local.notice",
            CalendarDays(7),
            Text("听证之日", "the hearing"),
            direction=get_rule("penalty.hearing_notice").direction,
            alternative=AlternativeReading(WorkingDays(7), Text("工作日", "working days")),
        )
        # Hearing Mon 2026-10-12. Calendar: 7 days before is Mon 10-05, an in-lieu rest day;
        # moving earlier past Sun 10-04 and the holiday 10-01..03 gives Wed 09-30.
        # Working: Sat 10-10 make-up (1), 10-09 (2), 10-08 (3), 09-30 (4), 09-29 (5),
        # 09-28 (6), then 09-27/26 weekend and Fri 09-25 Mid-Autumn, so Thu 09-24 (7).
        # The alternative is earlier here, and the explanation says so.
        d = latest_date_before(D(2026, 10, 12), rule)
        assert d.due_date == D(2026, 9, 30)
        assert d.alternative is not None
        assert d.alternative.due_date == D(2026, 9, 24)
        assert "act by 2026-09-24" in d.steps[-1].text.en


class TestCompositeReview:
    """行政复议法 (2023) art. 20 ¶3: the period runs from learning of the right, "但是自知道
    或者应当知道行政行为内容之日起最长不得超过一年"."""

    RULE = get_rule("review.application_uninformed")

    def test_rule_shape(self) -> None:
        """The rule is the earlier of 60 days from learning of the right and one year from
        learning of the act."""
        assert self.RULE.composite is not None
        assert self.RULE.composite.combine is Combine.EARLIEST
        assert self.RULE.composite.events == ("knew_of_right", "knew_of_act")
        assert [limb.period for limb in self.RULE.composite.limbs] == [CalendarDays(60), Years(1)]

    def test_sixty_days_govern(self) -> None:
        """Knew of the act Mon 2026-03-02, told of the right Tue 2026-06-02: 60 days end
        Sat 08-01 → Mon 08-03, well inside the year (2027-03-02)."""
        # 06-02 + 60 days: June has 30 days → 06-30 is day 28, 07-31 day 59, 08-01 day 60
        # (Sat) → Mon 08-03.
        # The one-year limb ends in 2027, whose arrangement is not yet published: the
        # provisional calendar counts it from the statutory rules.
        d = compute_composite(
            {"knew_of_right": D(2026, 6, 2), "knew_of_act": D(2026, 3, 2)},
            self.RULE,
            calendar=china_calendar(provisional=True),
        )
        assert d.due_date == D(2026, 8, 3)
        assert d.chosen == 0
        assert d.parts[1].due_date == D(2027, 3, 2)
        assert d.provisional  # one of the periods used provisional data

    def test_one_year_cap_governs(self) -> None:
        """Knew of the act Thu 2025-11-20, told of the right Fri 2026-10-09: the 60 days
        would end Tue 12-08, but the year ends Fri 2026-11-20, which governs."""
        d = compute_composite({"knew_of_right": D(2026, 10, 9), "knew_of_act": D(2025, 11, 20)}, self.RULE)
        assert isinstance(d, CompositeDeadline)
        assert [p.due_date for p in d.parts] == [D(2026, 12, 8), D(2026, 11, 20)]
        assert d.due_date == D(2026, 11, 20)
        assert d.chosen == 1
        assert not d.provisional
        assert d.is_overdue(at=at(2026, 11, 21, 0) + dt.timedelta(seconds=1))
        assert not d.is_overdue(at=at(2026, 11, 20, 23, 0))

    def test_each_period_explained(self) -> None:
        """The explanation gives each period with its own steps, then the choice."""
        d = compute_composite({"knew_of_right": D(2026, 10, 9), "knew_of_act": D(2025, 11, 20)}, self.RULE)
        en = d.explain("en")
        assert "period 1: 60 days" in en
        assert "period 2: 1 year" in en
        assert "whichever is earlier: period 2 governs" in en
        assert "   2. 1 year from 2025-11-20: the nominal last day is 2026-11-20" in en
        data = json.loads(json.dumps(d.to_dict()))
        assert data["due_date"] == "2026-11-20"
        assert data["chosen"] == "knew_of_act"
        assert [p["event"] for p in data["parts"]] == ["knew_of_right", "knew_of_act"]

    def test_latest_combination(self) -> None:
        """A rule combining by the latest due date picks the later period."""
        rule = _local_rule(
            "local.latest",
            CalendarDays(10),
            Text("甲", "a"),
            composite=CompositeLimit(
                Combine.LATEST,
                [Limb("a", CalendarDays(10), Text("甲", "a")), Limb("b", WorkingDays(3), Text("乙", "b"))],
            ),
        )
        # a: 09-01 + 10 days = Fri 09-11. b: 09-10 + 3 working days = 09-11, 09-14, 09-15.
        d = compute_composite({"a": D(2026, 9, 1), "b": D(2026, 9, 10)}, rule)
        assert d.due_date == D(2026, 9, 15)
        assert d.chosen == 1

    def test_bad_input(self) -> None:
        """Missing or unknown events, a plain rule, a non-mapping and using the composite
        with compute_deadline are refused with a specific error."""
        with pytest.raises(InvalidInputError, match="missing: knew_of_act"):
            compute_composite({"knew_of_right": D(2026, 10, 9)}, self.RULE)
        with pytest.raises(InvalidInputError, match="unknown: knew"):
            compute_composite(
                {"knew_of_right": D(2026, 10, 9), "knew_of_act": D(2026, 1, 5), "knew": D(2026, 1, 5)},
                self.RULE,
            )
        with pytest.raises(InvalidInputError, match="compute_deadline"):
            compute_composite({}, get_rule("review.application"))
        with pytest.raises(InvalidTypeError):
            compute_composite([D(2026, 1, 5)], self.RULE)  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            compute_composite({}, CalendarDays(5))  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError, match="compute_composite"):
            compute_deadline(D(2026, 10, 9), self.RULE)
        with pytest.raises(InvalidInputError, match="compute_composite"):
            due_dates([D(2026, 10, 9)], self.RULE)

    def test_cli_refuses_with_a_message(self) -> None:
        """The command line cannot give two start events: it exits 2 with one line."""
        code, _, err = run_cli("deadline", "2026-10-09", "--rule", "review.application_uninformed")
        assert code == 2
        assert "compute_composite" in err
        assert "Traceback" not in err


class TestWorkingDaysZero:
    """WorkingDays(0) started on a rest day ends on the next working day (a working-day
    period never ends on a non-working day); counted back, on the previous one."""

    def test_forward_from_a_holiday(self) -> None:
        """From Sat 2026-10-03 (National Day), WorkingDays(0) ends Thu 10-08."""
        d = compute_deadline(D(2026, 10, 3), WorkingDays(0))
        assert d.due_date == D(2026, 10, 8)
        assert StepKind.ROLL in [s.kind for s in d.steps]

    def test_forward_from_a_working_day(self) -> None:
        """From a working day it ends that same day."""
        assert compute_deadline(D(2026, 10, 9), WorkingDays(0)).due_date == D(2026, 10, 9)
        assert compute_deadline(D(2026, 10, 10), WorkingDays(0)).due_date == D(2026, 10, 10)  # make-up Sat

    def test_bulk_agrees(self) -> None:
        """due_dates gives the same answer in bulk."""
        starts = [D(2026, 10, 3), D(2026, 10, 9), D(2026, 10, 11)]
        assert due_dates(starts, WorkingDays(0)).dates == [D(2026, 10, 8), D(2026, 10, 9), D(2026, 10, 12)]

    def test_backward_onto_a_rest_day(self) -> None:
        """Zero working days before an event on Sat 2026-10-03: by Wed 09-30."""
        d = latest_date_before(D(2026, 10, 3), WorkingDays(0))
        assert d.due_date == D(2026, 9, 30)
        assert latest_date_before(D(2026, 10, 9), WorkingDays(0)).due_date == D(2026, 10, 9)
