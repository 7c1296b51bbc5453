"""Calendar versions and "as known on": what a computation used, and what was known then."""

from __future__ import annotations

import datetime as dt
import pickle
import re

import holidays
import pytest

from govefficiency import get_rule
from govefficiency.calendar import (
    CalendarPatch,
    CalendarProvenance,
    DayKind,
    NoticeRef,
    SpecialDay,
    WorkCalendar,
    china_calendar,
    china_notices,
    recompute_as_known_on,
)
from govefficiency.deadlines import DeadlineClock, WorkingDays, compute_deadline
from govefficiency.errors import (
    CalendarCoverageError,
    CalendarError,
    InvalidInputError,
    InvalidTypeError,
    PatchError,
)
from govefficiency.testing import at, sample_ledger

D = dt.date


class TestVersion:
    def test_identity_of_the_builtin_calendar(self, cn: WorkCalendar) -> None:
        """Data source and release, latest notice, and a SHA-256 of the day-kind table."""
        v = cn.version
        assert (v.provenance.data_source, v.provenance.data_release) == ("holidays", holidays.__version__)
        assert v.latest_notice is not None
        assert (v.latest_notice.number, v.latest_notice.published_on) == (
            "国办发明电〔2025〕7号",
            D(2025, 11, 4),
        )
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", v.content_hash)
        assert v.id.startswith(f"CN/holidays-{holidays.__version__}@sha256:")
        assert v.provenance.as_known_on is None

    def test_patch_is_recorded_with_number_and_date(
        self, cn: WorkCalendar, fixture_2027: CalendarPatch
    ) -> None:
        """A patch adds its notice number and publication date, and changes the hash."""
        new = cn.with_patch(fixture_2027)
        (ref,) = new.version.provenance.patches
        assert ref == NoticeRef("2027 test fixture (invented)", "国办发明电〔2026〕TEST号", D(2026, 11, 5))
        assert new.version.content_hash != cn.version.content_hash
        assert "+国办发明电〔2026〕TEST号" in new.version.id
        assert new.version.latest_notice == ref

    def test_hash_follows_content_not_history(self, cn: WorkCalendar) -> None:
        """Rebuilt as known on a date after the 2026 notice, the table (hash) is the same."""
        known = china_calendar(as_known_on=D(2026, 1, 15))
        assert known.version.content_hash == cn.version.content_hash
        assert known.version.id != cn.version.id  # the as-known-on date is part of the identity

    def test_working_kinds_are_part_of_the_content(
        self, cn: WorkCalendar, cn_no_makeup: WorkCalendar
    ) -> None:
        """Without make-up weekends the same kinds count differently: another hash."""
        assert cn_no_makeup.version.content_hash != cn.version.content_hash

    def test_identical_complete_patch_for_a_covered_year(self, cn: WorkCalendar) -> None:
        """A complete 2026 patch that agrees with the data day for day is accepted and changes nothing."""
        days = [s for s in cn.special if s.date.year == 2026]
        patch = CalendarPatch(2026, "copy of the data", days, complete=True, notice="国办发明电〔2025〕7号")
        same = cn.with_patch(patch)
        assert same.version.content_hash == cn.version.content_hash
        assert same.version.provenance.patches[0].number == "国办发明电〔2025〕7号"

    def test_survives_pickling(self, cn: WorkCalendar, fixture_2027: CalendarPatch) -> None:
        """A pickled calendar keeps its provenance and hash."""
        cal = cn.with_patch(fixture_2027)
        assert pickle.loads(pickle.dumps(cal)).version == cal.version

    def test_describe_and_to_dict(self, cn: WorkCalendar) -> None:
        """One explanation line per language and a JSON-ready mapping."""
        assert cn.version.describe("zh").startswith("日历版本：CN，数据 holidays")
        assert "latest notice 国办发明电〔2025〕7号 (2025-11-04)" in cn.version.describe("en")
        data = cn.version.to_dict()
        assert data["official_through"] == "2026-12-31"
        assert data["latest_notice"] == {
            "name": "arrangement 2026",
            "number": "国办发明电〔2025〕7号",
            "published_on": "2025-11-04",
        }

    def test_custom_calendar(self) -> None:
        """A custom calendar says so."""
        cal = WorkCalendar.custom(D(2026, 1, 1), D(2026, 12, 31))
        assert cal.version.provenance == CalendarProvenance()
        assert cal.version.id.startswith("custom/custom@sha256:")

    def test_bad_provenance(self) -> None:
        """Provenance and notice references check their types."""
        with pytest.raises(InvalidTypeError):
            NoticeRef("x", published_on="2026-11-05")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            CalendarProvenance(patches=["x"])  # type: ignore[list-item]
        with pytest.raises(TypeError):
            WorkCalendar("X", D(2026, 1, 1), D(2026, 1, 31), D(2026, 1, 31), provenance="holidays")  # type: ignore[arg-type]


class TestRecordedVersion:
    def test_deadline_records_its_calendar(self, cn: WorkCalendar) -> None:
        """to_dict() and the last line of explain() name the calendar version."""
        d = compute_deadline(D(2026, 9, 28), WorkingDays(20), calendar=cn)
        assert d.calendar_version == cn.version
        assert d.to_dict()["calendar_version"]["id"] == cn.version.id
        assert d.explain("en").splitlines()[-1] == cn.version.describe("en")
        assert d.explain("zh").splitlines()[-1].startswith("日历版本：")

    def test_clock_status_records_its_calendar(self, cn: WorkCalendar) -> None:
        """A clock status names the calendar it was computed with."""
        clock = DeadlineClock.start("K", at=at(2026, 9, 28, 9), period=WorkingDays(20), calendar=cn)
        status = clock.status(at=at(2026, 10, 9, 9))
        assert status.to_dict()["calendar_version"]["content_hash"] == cn.version.content_hash

    def test_escalation_evaluation_records_its_calendar(
        self, cn: WorkCalendar, cn_2027: WorkCalendar
    ) -> None:
        """An evaluation records its calendar; with the new calendar, actions already taken are not repeated."""
        from govefficiency.escalation import DatedCase, evaluate, get_policy

        policy = get_policy("e-supervision-lights")
        from govefficiency.escalation import CaseParties

        case = DatedCase("T1", "修路", D(2026, 10, 12), CaseParties(lead_unit="transport"))
        now = at(2026, 10, 13, 9)
        first = evaluate(policy, [case], at=now, calendar=cn)
        assert first.to_dict()["calendar_version"]["id"] == cn.version.id
        assert first.actions
        again = evaluate(policy, [case], at=now, history=first.keys, calendar=cn_2027)
        assert again.actions == ()  # history is not rewritten by the new calendar
        assert again.calendar_version == cn_2027.version

    def test_ledger_review_records_its_calendar(self, cn: WorkCalendar) -> None:
        """june_check reports the id of the calendar it counted working days with."""
        from govefficiency.ledger import june_check

        report = june_check(sample_ledger(), at=D(2026, 6, 30), calendar=cn)
        assert report.calendar_version == cn.version.id
        assert report.to_dict()["calendar_version"] == cn.version.id


class TestAsKnownOn:
    def test_notices_are_data(self) -> None:
        """The built-in notices 2019–2026 ship with their numbers and publication dates."""
        arrangements = {n.covers: n for n in china_notices() if n.kind == "arrangement"}
        assert sorted(arrangements) == list(range(2019, 2027))
        assert arrangements[2026].number == "国办发明电〔2025〕7号"
        assert arrangements[2026].published_on == D(2025, 11, 4)
        assert arrangements[2019].signed_on == D(2018, 12, 4)
        assert all(n.checked for n in china_notices())

    def test_before_the_2026_notice_a_2026_deadline_is_provisional(self) -> None:
        """As known on 2025-11-01, a 行政许可法 art. 42 joint deadline into 2026 is provisional."""
        rule = get_rule("licensing.joint_decision")  # 45 working days
        cal = china_calendar(as_known_on=D(2025, 11, 1), provisional=True)
        assert cal.official_through == D(2025, 12, 31)
        d = compute_deadline(D(2025, 12, 15), rule, calendar=cal)
        # Statutory rules only for 2026 (Jan 1; Spring Festival Mon 16 – Thu 19 Feb):
        # Dec 16–31 (12), Fri Jan 2 (13), Jan 5 – Feb 13 (43), Fri Feb 20 (44), Mon Feb 23 (45).
        assert (d.due_date, d.provisional) == (D(2026, 2, 23), True)
        assert d.to_dict()["calendar_version"]["as_known_on"] == "2025-11-01"

    def test_after_the_2026_notice_it_uses_the_notice(self) -> None:
        """As known on 2025-12-01 (after the notice's real publication, 2025-11-04) it is official."""
        published = next(n.published_on for n in china_notices() if n.covers == 2026)
        assert published < D(2025, 12, 1)
        cal = china_calendar(as_known_on=D(2025, 12, 1))
        d = compute_deadline(D(2025, 12, 15), get_rule("licensing.joint_decision"), calendar=cal)
        # The notice: Jan 2 rest, Sun Jan 4 worked, Sat Feb 14 worked, Feb 15–23 off:
        # Dec 16–31 (12), Sun Jan 4 (13), Jan 5 – Feb 13 (43), Sat Feb 14 (44), Tue Feb 24 (45).
        assert (d.due_date, d.provisional) == (D(2026, 2, 24), False)
        assert d.calendar_version is not None
        assert d.calendar_version.latest_notice is not None
        assert d.calendar_version.latest_notice.number == "国办发明电〔2025〕7号"

    def test_the_publication_day_itself_counts(self) -> None:
        """On 2025-11-04 the notice is known; on 2025-11-03 it is not."""
        assert china_calendar(as_known_on=D(2025, 11, 4)).official_through == D(2026, 12, 31)
        assert china_calendar(as_known_on=D(2025, 11, 3)).official_through == D(2025, 12, 31)

    def test_strict_calendar_refuses_the_unknown_year(self) -> None:
        """Without provisional mode, 2026 is simply not covered as known on 2025-11-01."""
        cal = china_calendar(as_known_on=D(2025, 11, 1))
        with pytest.raises(CalendarCoverageError):
            compute_deadline(D(2025, 12, 15), get_rule("licensing.joint_decision"), calendar=cal)

    def test_change_notice_2019(self) -> None:
        """Labour Day 2019 became 1–4 May on 2019-03-22 (国办发明电〔2019〕3号); before, 2 May was worked."""
        before = china_calendar(as_known_on=D(2019, 3, 21))
        after = china_calendar(as_known_on=D(2019, 3, 22))
        assert before.day_kind(D(2019, 5, 2)) is DayKind.WORKDAY
        assert before.day_kind(D(2019, 4, 28)) is DayKind.WEEKEND
        assert after.day_kind(D(2019, 5, 2)) is DayKind.IN_LIEU_REST
        assert after.day_kind(D(2019, 4, 28)) is DayKind.MAKEUP_WORKDAY

    def test_change_notice_2020(self) -> None:
        """The Spring Festival 2020 extension (published 2020-01-27): before it, Sat 1 Feb was worked."""
        before = china_calendar(as_known_on=D(2020, 1, 26))
        assert before.is_working_day(D(2020, 1, 31))
        assert before.day_kind(D(2020, 2, 1)) is DayKind.MAKEUP_WORKDAY
        after = china_calendar(as_known_on=D(2020, 1, 27))
        assert not after.is_working_day(D(2020, 1, 31))
        assert not after.is_working_day(D(2020, 2, 1))

    def test_patches_count_from_their_publication(self, fixture_2027: CalendarPatch) -> None:
        """The 2027 fixture (published 2026-11-05) is applied as known on that day, not the day before."""
        before = china_calendar(as_known_on=D(2026, 11, 4), provisional=True, patches=[fixture_2027])
        after = china_calendar(as_known_on=D(2026, 11, 5), provisional=True, patches=[fixture_2027])
        assert before.day_kind(D(2027, 2, 13)) is DayKind.WEEKEND
        assert after.day_kind(D(2027, 2, 13)) is DayKind.MAKEUP_WORKDAY
        assert after.version.provenance.patches[0].published_on == D(2026, 11, 5)

    def test_patch_without_publication_date(self, patch_2027: CalendarPatch) -> None:
        """A patch that gives no published_on cannot be placed in time: refused."""
        with pytest.raises(CalendarError, match="gives no published_on"):
            china_calendar(as_known_on=D(2026, 12, 1), patches=[patch_2027])

    def test_before_the_earliest_notice_date(self) -> None:
        """The publication dates of notices before 2019 are not in the data: refused, not guessed."""
        with pytest.raises(CalendarError, match="2018-12-06"):
            china_calendar(as_known_on=D(2018, 12, 5))

    def test_bad_types(self) -> None:
        """as_known_on is a date: not a string, not a datetime."""
        with pytest.raises(InvalidTypeError):
            china_calendar(as_known_on="2025-11-01")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="not a datetime"):
            china_calendar(as_known_on=at(2025, 11, 1, 0))

    def test_later_than_the_data(self, cn: WorkCalendar) -> None:
        """A date after everything the data holds gives the full calendar (same table)."""
        assert china_calendar(as_known_on=D(2030, 1, 1)).version.content_hash == cn.version.content_hash


def test_patch_rejected_for_a_year_covered_differently(cn: WorkCalendar, fixture_2027: CalendarPatch) -> None:
    """The invented 2027 data relabelled as 2026 disagrees with the published 2026: refused."""
    days = [SpecialDay(D(2026, 10, 1), DayKind.PUBLIC_HOLIDAY, fixture_2027.days[0].name)]
    patch = CalendarPatch(2026, "wrong year", days, complete=True)
    with pytest.raises(
        PatchError, match=r"already covers 2026 .* differs from it: 2026-01-01 public_holiday -> workday"
    ):
        cn.with_patch(patch)


class TestRecomputeAsKnownOn:
    def test_what_the_agency_knew(self, cn: WorkCalendar) -> None:
        """Computed today, the 45-working-day deadline from 2025-12-15 ends 2026-02-24; as known on
        2025-11-01 (before the 2026 notice) it ended 2026-02-23, provisional."""
        today = compute_deadline(D(2025, 12, 15), get_rule("licensing.joint_decision"), calendar=cn)
        then = recompute_as_known_on(today, on=D(2025, 11, 1))
        assert (then.due_date, then.provisional) == (D(2026, 2, 23), True)
        assert then.rule == today.rule
        assert then.calendar_version is not None
        assert then.calendar_version.provenance.as_known_on == D(2025, 11, 1)
        again = recompute_as_known_on(today, on=D(2025, 12, 1), provisional=False)
        assert again.due_date == today.due_date
        # Same knowledge, same day-kind table: the stored version's hash confirms it.
        assert today.calendar_version is not None
        assert again.calendar_version is not None
        assert again.calendar_version.content_hash == today.calendar_version.content_hash

    def test_backward_limit(self, cn: WorkCalendar) -> None:
        """A 'latest date before' limit is recomputed backwards."""
        from govefficiency.deadlines import latest_date_before

        d = latest_date_before(D(2026, 10, 12), WorkingDays(7), calendar=cn)
        assert recompute_as_known_on(d, on=D(2026, 1, 5)).due_date == d.due_date

    def test_bad_input(self, cn: WorkCalendar) -> None:
        """Not a deadline; a deadline with an extension; a date before the data's notices."""
        from govefficiency.deadlines import Extension

        with pytest.raises(InvalidTypeError, match="expected a Deadline"):
            recompute_as_known_on("d", on=D(2025, 11, 1))  # type: ignore[arg-type]
        extended = compute_deadline(
            D(2026, 9, 1),
            get_rule("licensing.decision"),
            calendar=cn,
            extensions=[Extension(WorkingDays(10), "机关负责人", D(2026, 9, 20))],
        )
        with pytest.raises(InvalidInputError, match="cannot be recomputed from its result"):
            recompute_as_known_on(extended, on=D(2026, 9, 1))
        plain = compute_deadline(D(2026, 9, 1), WorkingDays(5), calendar=cn)
        with pytest.raises(CalendarError):
            recompute_as_known_on(plain, on=D(2017, 1, 1))
