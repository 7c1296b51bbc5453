"""Hand-worked cases for the official PRC calendar, checked against the published notices.

Every expectation below was worked out by hand from the text of the State Council
General Office notice, not copied from the library's output:

国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号，2025年11月4日）
  一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
  二、春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
  三、清明节：4月4日（周六）至6日（周一）放假，共3天。
  四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
  五、端午节：6月19日（周五）至21日（周日）放假，共3天。
  六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
  七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。

The statutory holidays themselves come from 《全国年节及纪念日放假办法》 (2024 revision,
in force from 2025): 元旦 1 day, 春节 4 days (除夕 to 初三), 清明 1, 劳动节 2 (1–2 May),
端午 1, 中秋 1, 国庆 3 (1–3 October); art. 6: a holiday that falls on a weekend is
made up on a working day (补假).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from holidays import HolidayBase

from govefficiency.calendar import (
    DEFAULT_WORKING_KINDS,
    CalendarPatch,
    DayInfo,
    DayKind,
    WorkCalendar,
    _china,
    _china_data,
    china_calendar,
)
from govefficiency.errors import CalendarCoverageError
from govefficiency.text import Text

D = dt.date
W, E, H, L, M = (
    DayKind.WORKDAY,
    DayKind.WEEKEND,
    DayKind.PUBLIC_HOLIDAY,
    DayKind.IN_LIEU_REST,
    DayKind.MAKEUP_WORKDAY,
)

# --- the 2026 notice as data, typed in from its text ---------------------------------------

#: "X至Y放假": every day of these ranges is a rest day.
REST_RANGES_2026 = (
    (D(2026, 1, 1), D(2026, 1, 3)),
    (D(2026, 2, 15), D(2026, 2, 23)),
    (D(2026, 4, 4), D(2026, 4, 6)),
    (D(2026, 5, 1), D(2026, 5, 5)),
    (D(2026, 6, 19), D(2026, 6, 21)),
    (D(2026, 9, 25), D(2026, 9, 27)),
    (D(2026, 10, 1), D(2026, 10, 7)),
)
#: "…上班": the weekend days that are worked.
MAKEUP_2026 = frozenset(
    {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)}
)
#: The statutory holidays of 2026 (lunar dates: 除夕 = 16 Feb, 初一 = 17 Feb, 清明 = 5 Apr,
#: 端午 = 19 Jun, 中秋 = 25 Sep).
STATUTORY_2026 = frozenset(
    {
        D(2026, 1, 1),
        *(D(2026, 2, d) for d in (16, 17, 18, 19)),
        D(2026, 4, 5),
        D(2026, 5, 1),
        D(2026, 5, 2),
        D(2026, 6, 19),
        D(2026, 9, 25),
        D(2026, 10, 1),
        D(2026, 10, 2),
        D(2026, 10, 3),
    }
)


def _in_rest_range(day: dt.date) -> bool:
    return any(a <= day <= b for a, b in REST_RANGES_2026)


def _expected_kind_2026(day: dt.date) -> DayKind:
    if day in MAKEUP_2026:
        return M
    if day in STATUTORY_2026:
        return H
    weekend = day.weekday() >= 5
    if _in_rest_range(day) and not weekend:
        # A weekday inside a holiday range that is not itself a holiday: either 补假 for a
        # holiday on a weekend, or a rest day moved from a make-up weekend (调休).
        return L
    return E if weekend else W


def _all_days(year: int) -> list[dt.date]:
    start = D(year, 1, 1)
    return [start + dt.timedelta(days=i) for i in range((D(year + 1, 1, 1) - start).days)]


# --- the whole of 2026 ------------------------------------------------------------------------


def test_every_day_of_2026_is_a_working_day_exactly_as_the_notice_says(cn: WorkCalendar) -> None:
    """Each date of 2026 works iff it is a listed make-up day or a weekday outside every rest range."""
    wrong = [
        day
        for day in _all_days(2026)
        if cn.is_working_day(day) != (day in MAKEUP_2026 or (day.weekday() < 5 and not _in_rest_range(day)))
    ]
    assert wrong == []


def test_every_day_of_2026_has_the_kind_derived_from_notice_and_statute(cn: WorkCalendar) -> None:
    """The kind of each 2026 date follows from the notice's ranges and the statutory holiday list."""
    wrong = [(d, cn.day_kind(d), _expected_kind_2026(d)) for d in _all_days(2026)]
    assert [w for w in wrong if w[1] is not w[2]] == []


def test_2026_has_248_working_days(cn: WorkCalendar) -> None:
    """2026 has 261 weekdays, minus 19 weekday rest days, plus 6 make-up weekends: 248."""
    # Weekdays in 2026 (starts on a Thursday, 365 days): 52 full weeks + Thu = 261.
    # Weekday rest days: 1/1 1/2, 2/16-2/20, 2/23, 4/6, 5/1 5/4 5/5, 6/19, 9/25,
    # 10/1 10/2 10/5 10/6 10/7 -> 2 + 5 + 1 + 1 + 3 + 1 + 1 + 5 = 19. 261 - 19 + 6 = 248.
    assert cn.working_days_between(D(2025, 12, 31), D(2026, 12, 31)) == 248


# --- National Day 2026 ------------------------------------------------------------------------

#: Hand-worked table: 2026-09-20 .. 2026-10-12 (the docs show the same table).
NATIONAL_DAY_2026 = (
    (D(2026, 9, 20), M, True),  # Sun: "9月20日（周日）上班" - pays for Tue 6 Oct
    (D(2026, 9, 21), W, True),
    (D(2026, 9, 22), W, True),
    (D(2026, 9, 23), W, True),
    (D(2026, 9, 24), W, True),
    (D(2026, 9, 25), H, False),  # Fri: 中秋节 (15th of the 8th lunar month)
    (D(2026, 9, 26), E, False),  # Sat: ordinary weekend inside "9月25日至27日放假"
    (D(2026, 9, 27), E, False),  # Sun
    (D(2026, 9, 28), W, True),
    (D(2026, 9, 29), W, True),
    (D(2026, 9, 30), W, True),
    (D(2026, 10, 1), H, False),  # Thu: 国庆节, statutory day 1
    (D(2026, 10, 2), H, False),  # Fri: statutory day 2
    (D(2026, 10, 3), H, False),  # Sat: statutory day 3, falls on a Saturday ...
    (D(2026, 10, 4), E, False),  # Sun: ordinary weekend
    (D(2026, 10, 5), L, False),  # Mon: ... so 补假 for Sat 3 Oct (放假办法 art. 6)
    (D(2026, 10, 6), L, False),  # Tue: 调休, moved from Sun 20 Sep
    (D(2026, 10, 7), L, False),  # Wed: 调休, moved from Sat 10 Oct
    (D(2026, 10, 8), W, True),
    (D(2026, 10, 9), W, True),
    (D(2026, 10, 10), M, True),  # Sat: "10月10日（周六）上班"
    (D(2026, 10, 11), E, False),  # Sun
    (D(2026, 10, 12), W, True),
)


@pytest.mark.parametrize(("day", "kind", "working"), NATIONAL_DAY_2026, ids=lambda v: str(v))
def test_national_day_2026_table(cn: WorkCalendar, day: dt.date, kind: DayKind, working: bool) -> None:
    """Each day around the 2026 National Day has the hand-worked kind and working status."""
    assert (cn.day_kind(day), cn.is_working_day(day)) == (kind, working)


def test_saturday_2026_10_10_is_a_makeup_working_day(cn: WorkCalendar) -> None:
    """Sat 2026-10-10 is worked (补班) to pay for the rest on Wed 2026-10-07."""
    assert cn.day_kind(D(2026, 10, 10)) is DayKind.MAKEUP_WORKDAY
    assert cn.is_working_day(D(2026, 10, 10))
    assert "2026-10-07" in (cn.day_name(D(2026, 10, 10), "en") or "")


def test_tuesday_2026_10_06_is_an_in_lieu_rest_day(cn: WorkCalendar) -> None:
    """Tue 2026-10-06 is a rest day moved from Sun 2026-09-20 (调休休息日)."""
    assert cn.day_kind(D(2026, 10, 6)) is DayKind.IN_LIEU_REST
    assert not cn.is_working_day(D(2026, 10, 6))
    assert "2026-09-20" in (cn.day_name(D(2026, 10, 6), "zh") or "")


def test_national_day_names_in_both_languages(cn: WorkCalendar) -> None:
    """1 October is named 国庆节 / National Day; an ordinary working day has no name."""
    assert cn.day_name(D(2026, 10, 1)) == "国庆节"
    assert cn.day_name(D(2026, 10, 1), "en") == "National Day"
    assert cn.day_name(D(2026, 9, 21), "en") is None
    assert cn.day_name(D(2026, 9, 26)) is None


def test_day_info_carries_kind_name_and_flags(cn: WorkCalendar) -> None:
    """day() returns the whole answer for one date, not provisional inside the published data."""
    assert cn.day(D(2026, 9, 25)) == DayInfo(
        date=D(2026, 9, 25),
        kind=DayKind.PUBLIC_HOLIDAY,
        working=False,
        name=Text("中秋节", "Mid-Autumn Festival"),
        provisional=False,
    )


def test_licensing_decision_20_working_days_after_acceptance(cn: WorkCalendar) -> None:
    """An application accepted Mon 2026-09-28 must be decided by Fri 2026-10-30 (行政许可法 art. 42)."""
    # The day of acceptance is not counted (民法典 art. 201). Working days after it:
    #  1 Tue 9/29, 2 Wed 9/30; 10/1-10/7 rest; 3 Thu 10/8, 4 Fri 10/9, 5 Sat 10/10 (补班);
    #  6-10 Mon 10/12 - Fri 10/16; 11-15 Mon 10/19 - Fri 10/23; 16-20 Mon 10/26 - Fri 10/30.
    assert cn.add_working_days(D(2026, 9, 28), 20) == D(2026, 10, 30)
    assert cn.working_days_between(D(2026, 9, 28), D(2026, 10, 30)) == 20


def test_seven_working_days_before_a_hearing_on_monday_12_october(cn: WorkCalendar) -> None:
    """Notice 7 working days before Mon 2026-10-12 must go out by Thu 2026-09-24."""
    # Counting back, the event day itself not counted: 1 Sat 10/10 (补班), 2 Fri 10/9,
    # 3 Thu 10/8; 10/1-10/7 rest; 4 Wed 9/30, 5 Tue 9/29, 6 Mon 9/28; Sat-Sun 9/26-27
    # weekend; Fri 9/25 中秋节; 7 Thu 9/24.
    assert cn.add_working_days(D(2026, 10, 12), -7) == D(2026, 9, 24)


def test_start_day_is_never_counted_whatever_its_kind(cn: WorkCalendar) -> None:
    """From a working day, a holiday or a make-up day, +1 is the next working day after it."""
    assert cn.add_working_days(D(2026, 10, 10), 1) == D(2026, 10, 12)  # from a 补班 Saturday
    assert cn.add_working_days(D(2026, 10, 1), 1) == D(2026, 10, 8)  # from a holiday
    assert cn.add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)  # from the eve of the holiday
    assert cn.add_working_days(D(2026, 10, 4), -1) == D(2026, 9, 30)  # backwards from a Sunday


def test_zero_working_days_returns_the_day_itself(cn: WorkCalendar) -> None:
    """add_working_days(d, 0) is d, even on a holiday."""
    assert cn.add_working_days(D(2026, 10, 3), 0) == D(2026, 10, 3)


def test_between_counts_the_half_open_interval(cn: WorkCalendar) -> None:
    """working_days_between(a, b) counts x with a < x <= b, and is negative backwards."""
    # (9/30, 10/8]: only Thu 10/8 works.
    assert cn.working_days_between(D(2026, 9, 30), D(2026, 10, 8)) == 1
    assert cn.working_days_between(D(2026, 10, 8), D(2026, 9, 30)) == -1
    # (10/1, 10/7]: the whole golden week rests.
    assert cn.working_days_between(D(2026, 10, 1), D(2026, 10, 7)) == 0
    assert cn.working_days_between(D(2026, 10, 9), D(2026, 10, 9)) == 0
    # (9/19, 9/20]: a 补班 Sunday counts.
    assert cn.working_days_between(D(2026, 9, 19), D(2026, 9, 20)) == 1


def test_next_and_previous_working_day_jump_the_golden_week(cn: WorkCalendar) -> None:
    """The working day after Wed 30 Sep is Thu 8 Oct, and back again."""
    assert cn.next_working_day(D(2026, 9, 30)) == D(2026, 10, 8)
    assert cn.previous_working_day(D(2026, 10, 8)) == D(2026, 9, 30)
    assert cn.next_working_day(D(2026, 10, 9)) == D(2026, 10, 10)  # the 补班 Saturday


def test_roll_forward_keeps_working_days_and_moves_rest_days(cn: WorkCalendar) -> None:
    """A period ending on a rest day ends on the next working day (民法典 art. 203)."""
    assert cn.roll_forward(D(2026, 10, 1)) == D(2026, 10, 8)
    assert cn.roll_forward(D(2026, 10, 10)) == D(2026, 10, 10)
    assert cn.roll_forward(D(2026, 9, 21)) == D(2026, 9, 21)


def test_working_days_iterates_the_range_inclusively(cn: WorkCalendar) -> None:
    """working_days(a, b) yields each working day in [a, b] in order."""
    assert list(cn.working_days(D(2026, 9, 28), D(2026, 10, 12))) == [
        D(2026, 9, 28),
        D(2026, 9, 29),
        D(2026, 9, 30),
        D(2026, 10, 8),
        D(2026, 10, 9),
        D(2026, 10, 10),
        D(2026, 10, 12),
    ]


def test_days_lists_day_info_for_the_range(cn: WorkCalendar) -> None:
    """days(a, b) yields one DayInfo per date, with the table's kinds."""
    infos = list(cn.days(D(2026, 9, 20), D(2026, 10, 12)))
    assert [(i.date, i.kind, i.working) for i in infos] == list(NATIONAL_DAY_2026)


# --- Spring Festival 2026 ---------------------------------------------------------------------

SPRING_FESTIVAL_2026 = (
    (D(2026, 2, 13), W),  # Fri
    (D(2026, 2, 14), M),  # Sat: "2月14日（周六）上班" - pays for Fri 20 Feb
    (D(2026, 2, 15), E),  # Sun: 腊月二十八, first day of the 9-day break, a plain Sunday
    (D(2026, 2, 16), H),  # Mon: 除夕 (statutory since the 2024 revision)
    (D(2026, 2, 17), H),  # Tue: 初一
    (D(2026, 2, 18), H),  # Wed: 初二
    (D(2026, 2, 19), H),  # Thu: 初三
    (D(2026, 2, 20), L),  # Fri: 调休 from Sat 14 Feb
    (D(2026, 2, 21), E),  # Sat
    (D(2026, 2, 22), E),  # Sun
    (D(2026, 2, 23), L),  # Mon: 初七, 调休 from Sat 28 Feb
    (D(2026, 2, 24), W),  # Tue: back to work
    (D(2026, 2, 28), M),  # Sat: "2月28日（周六）上班"
)


@pytest.mark.parametrize(("day", "kind"), SPRING_FESTIVAL_2026, ids=lambda v: str(v))
def test_spring_festival_2026_table(cn: WorkCalendar, day: dt.date, kind: DayKind) -> None:
    """Each day around the 2026 Spring Festival has the hand-worked kind."""
    assert cn.day_kind(day) is kind


def test_saturday_2026_02_14_is_worked(cn: WorkCalendar) -> None:
    """Sat 2026-02-14 is a make-up working day, so Fri 13 Feb + 1 working day is that Saturday."""
    assert cn.is_working_day(D(2026, 2, 14))
    assert cn.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    # After it the nine-day break: the next working day is Tue 24 Feb.
    assert cn.add_working_days(D(2026, 2, 14), 1) == D(2026, 2, 24)


def test_spring_festival_break_is_nine_rest_days(cn: WorkCalendar) -> None:
    """ "2月15日至23日放假调休，共9天": no working day in [15 Feb, 23 Feb]."""
    assert list(cn.working_days(D(2026, 2, 15), D(2026, 2, 23))) == []
    assert cn.working_days_between(D(2026, 2, 14), D(2026, 2, 24)) == 1


# --- other years --------------------------------------------------------------------------------


def test_cross_year_makeup_day_2005_12_31(cn: WorkCalendar) -> None:
    """Sat 2005-12-31 is worked for the 2006 New Year (国办发明电〔2005〕35号)."""
    # "将12月31日（星期六）、1月1日（星期日）两个公休日调至1月2日（星期一）、3日（星期二），
    # 12月31日（星期六）上班。" - so 2 and 3 January 2006 are rest days.
    assert cn.day_kind(D(2005, 12, 31)) is DayKind.MAKEUP_WORKDAY
    assert cn.is_working_day(D(2005, 12, 31))
    assert not cn.is_working_day(D(2006, 1, 2))
    assert not cn.is_working_day(D(2006, 1, 3))
    assert cn.next_working_day(D(2005, 12, 31)) == D(2006, 1, 4)


def test_2015_victory_day_is_a_public_holiday(cn: WorkCalendar) -> None:
    """Thu 2015-09-03 was a one-off national holiday (victory anniversary), Sun 2015-09-06 was worked."""
    # State Council notice of May 2015: 9月3日至5日调休放假，共3天；9月4日（星期五）调休，
    # 9月6日（星期日）上班。
    assert cn.day_kind(D(2015, 9, 3)) is DayKind.PUBLIC_HOLIDAY
    assert not cn.is_working_day(D(2015, 9, 4))
    assert cn.day_kind(D(2015, 9, 6)) is DayKind.MAKEUP_WORKDAY


def test_2020_spring_festival_extension(cn: WorkCalendar) -> None:
    """The 2020 break was extended to Sun 2 Feb, cancelling the make-up Saturday 1 Feb (国办发明电〔2020〕1号)."""
    # The original notice (国办发明电〔2019〕16号): "1月24日至30日放假调休 … 2月1日（星期六）上班".
    # The extension (2020-01-26): "延长2020年春节假期至2月2日 … 2月3日（星期一）起正常上班".
    assert not cn.is_working_day(D(2020, 1, 31))
    assert not cn.is_working_day(D(2020, 2, 1))
    assert cn.day_kind(D(2020, 2, 1)) is DayKind.PUBLIC_HOLIDAY
    assert cn.next_working_day(D(2020, 1, 23)) == D(2020, 2, 3)


def test_first_covered_day_is_2001_01_01(cn: WorkCalendar) -> None:
    """The calendar starts on 2001-01-01, a public holiday (元旦)."""
    assert cn.first == D(2001, 1, 1)
    assert cn.day_kind(D(2001, 1, 1)) is DayKind.PUBLIC_HOLIDAY


def test_calendar_identity(cn: WorkCalendar) -> None:
    """The official calendar is named CN, lives in Asia/Shanghai and cites holidays as its source."""
    assert cn.name == "CN"
    assert cn.zone == "Asia/Shanghai"
    assert any(s.startswith("holidays ") for s in cn.sources)
    assert "2001-01-01" in repr(cn)


# --- coverage ------------------------------------------------------------------------------------


def test_official_through_is_the_end_of_2026(cn: WorkCalendar) -> None:
    """With the installed holidays data the last published year is 2026."""
    assert cn.official_through == D(2026, 12, 31)
    assert cn.last == cn.official_through


def test_official_through_follows_the_data_not_a_constant(monkeypatch: pytest.MonkeyPatch) -> None:
    """If the data had no bridging (调休) in 2026, the calendar would stop at 2025-12-31.

    Read from ``holidays`` itself (the stored snapshot holds what it gave when generated)."""
    real = _china_data.substitutions

    def without_2026(data: HolidayBase, year: int) -> bool:
        return False if year >= 2026 else real(data, year)

    _china._china_calendar.cache_clear()
    _china._china_base.cache_clear()
    monkeypatch.setattr(_china_data, "substitutions", without_2026)
    monkeypatch.setattr(_china, "china_data", _china_data.HolidaysData)
    try:
        cal = china_calendar()
        assert cal.official_through == D(2025, 12, 31)
        with pytest.raises(CalendarCoverageError):
            cal.is_working_day(D(2026, 10, 10))
    finally:
        _china._china_calendar.cache_clear()
        _china._china_base.cache_clear()


def test_complete_patch_extends_official_through(patch_2027: CalendarPatch) -> None:
    """A complete 2027 patch moves official_through to 2027-12-31."""
    cal = china_calendar(patches=[patch_2027])
    assert cal.official_through == D(2027, 12, 31)
    assert cal.last == D(2027, 12, 31)
    assert not cal.is_provisional(D(2027, 6, 1))


def test_strict_calendar_refuses_2027_naming_date_range_and_remedy(cn: WorkCalendar) -> None:
    """Asking about 2027 raises CalendarCoverageError that says what to do."""
    with pytest.raises(CalendarCoverageError) as info:
        cn.is_working_day(D(2027, 1, 4))
    err = info.value
    assert (err.date, err.first, err.last) == (D(2027, 1, 4), D(2001, 1, 1), D(2026, 12, 31))
    assert "2027-01-04" in str(err)
    assert "2001-01-01..2026-12-31" in str(err)
    assert "CalendarPatch" in str(err)
    assert "provisional=True" in str(err)
    assert err.zh is not None
    assert "2027" in err.zh
    assert "补丁" in err.zh


def test_strict_calendar_refuses_dates_before_2001(cn: WorkCalendar) -> None:
    """A date before the first covered date raises CalendarCoverageError naming it."""
    with pytest.raises(CalendarCoverageError, match="2000-12-31 is outside"):
        cn.day_kind(D(2000, 12, 31))


def test_arithmetic_that_leaves_the_published_data_raises(cn: WorkCalendar) -> None:
    """20 working days after 2026-12-20 would land in unpublished 2027: refused."""
    with pytest.raises(CalendarCoverageError, match=r"\+20 working days from 2026-12-20"):
        cn.add_working_days(D(2026, 12, 20), 20)
    with pytest.raises(CalendarCoverageError, match="-3 working days from 2001-01-03"):
        cn.add_working_days(D(2001, 1, 3), -3)


# --- provisional mode ----------------------------------------------------------------------------


def test_provisional_calendar_answers_2027_and_says_so(cn_provisional: WorkCalendar) -> None:
    """provisional=True answers beyond 2026 from the statutory rules, flagged provisional."""
    cal = cn_provisional
    assert cal.official_through == D(2026, 12, 31)
    assert cal.last == D(2031, 12, 31)
    info = cal.day(D(2027, 10, 1))
    assert info.kind is DayKind.PUBLIC_HOLIDAY
    assert info.provisional
    assert cal.is_provisional(D(2027, 1, 4))
    assert not cal.is_provisional(D(2026, 12, 31))
    assert not cal.day(D(2026, 10, 10)).provisional


def test_provisional_years_apply_statutory_rules_without_bridging(cn_provisional: WorkCalendar) -> None:
    """In provisional 2027, Sat 2 Oct is a holiday with 补假 on Mon 4 Oct, and no weekend is worked."""
    cal = cn_provisional
    # 2027: 1-3 Oct fall on Fri-Sun; Sat 2 and Sun 3 are holidays on a weekend, so the
    # statute gives 补假 on Mon 4 and Tue 5 Oct. No 调休 is invented: Sat 9 Oct rests.
    assert cal.day_kind(D(2027, 10, 2)) is DayKind.PUBLIC_HOLIDAY
    assert cal.day_kind(D(2027, 10, 4)) is DayKind.IN_LIEU_REST
    assert cal.day_kind(D(2027, 10, 5)) is DayKind.IN_LIEU_REST
    assert cal.day_kind(D(2027, 10, 9)) is DayKind.WEEKEND
    specials_2027 = [s for s in cal.special if s.date.year == 2027]
    assert all(s.kind is not DayKind.MAKEUP_WORKDAY for s in specials_2027)


def test_provisional_arithmetic_crosses_into_2027(cn_provisional: WorkCalendar) -> None:
    """Deadlines may run into provisional 2027; is_provisional tells the caller."""
    # From Thu 2026-12-24: 1 Fri 12/25, 2-5 Mon 12/28 - Thu 12/31, Fri 2027-01-01 元旦,
    # 6 Mon 2027-01-04.
    end = cn_provisional.add_working_days(D(2026, 12, 24), 6)
    assert end == D(2027, 1, 4)
    assert cn_provisional.is_provisional(end)


def test_provisional_years_option_sets_the_extent() -> None:
    """provisional_years=1 covers exactly one extra year."""
    cal = china_calendar(provisional=True, provisional_years=1)
    assert cal.last == D(2027, 12, 31)
    assert cal.official_through == D(2026, 12, 31)
    assert "provisional through 2027-12-31" in repr(cal)


def test_same_arguments_give_the_same_calendar_object() -> None:
    """china_calendar() is cached: equal arguments return the same immutable object."""
    assert china_calendar() is china_calendar()
    assert china_calendar(provisional=True) is china_calendar(provisional=True)


def test_published_years_all_contain_bridging(cn: WorkCalendar) -> None:
    """Every published year 2001..2026 has at least one in-lieu rest day and one make-up day."""
    kinds_by_year = {
        year: {s.kind for s in group}
        for year, group in itertools.groupby(cn.special, key=lambda s: s.date.year)
    }
    for year in range(2001, 2027):
        assert {DayKind.IN_LIEU_REST, DayKind.MAKEUP_WORKDAY} <= kinds_by_year[year], year


# --- day kinds -----------------------------------------------------------------------------------


def test_day_kinds_have_labels_and_distinct_codes() -> None:
    """Every DayKind has a bilingual label and its own small integer code."""
    assert DayKind.IN_LIEU_REST.label == Text("调休休息日", "in-lieu rest day")
    assert DayKind.MAKEUP_WORKDAY.label == Text("补班日", "make-up working day")
    assert sorted(k.code for k in DayKind) == list(range(len(DayKind)))


def test_default_working_kinds() -> None:
    """Offices work on ordinary working days, make-up days and local extra working days."""
    assert {DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY, DayKind.LOCAL_WORKDAY} == DEFAULT_WORKING_KINDS
