"""Calendar variants (no make-up weekends, other countries, custom) and value semantics
(immutability, hashing, pickling, threads and worker processes)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import operator
import pickle
from concurrent.futures import ThreadPoolExecutor

import attrs
import pytest

from govefficiency import calendar as wc
from govefficiency.text import Text

D = dt.date


# --- no make-up weekends -----------------------------------------------------------------------


class TestNoMakeup:
    def test_makeup_saturday_rests_but_keeps_its_kind(self, cn_no_makeup: wc.WorkCalendar) -> None:
        """Sat 2026-10-10 is not worked, yet still reports MAKEUP_WORKDAY."""
        assert not cn_no_makeup.is_working_day(D(2026, 10, 10))
        assert cn_no_makeup.day_kind(D(2026, 10, 10)) is wc.DayKind.MAKEUP_WORKDAY
        info = cn_no_makeup.day(D(2026, 10, 10))
        assert (info.kind, info.working) == (wc.DayKind.MAKEUP_WORKDAY, False)

    def test_holidays_still_rest(self, cn_no_makeup: wc.WorkCalendar) -> None:
        """Dropping make-up days does not give back the in-lieu rest days."""
        assert not cn_no_makeup.is_working_day(D(2026, 10, 6))
        assert cn_no_makeup.is_working_day(D(2026, 10, 9))

    def test_licensing_deadline_without_makeup_days(self, cn_no_makeup: wc.WorkCalendar) -> None:
        """Without the 补班 Saturday, 20 working days from Mon 2026-09-28 end on Mon 2026-11-02."""
        # 1-2 9/29-9/30; 3-4 10/8-10/9; (Sat 10/10 not worked); 5-9 10/12-16;
        # 10-14 10/19-23; 15-19 10/26-30; 20 Mon 11/2.
        assert cn_no_makeup.add_working_days(D(2026, 9, 28), 20) == D(2026, 11, 2)

    def test_same_as_the_method(self, cn: wc.WorkCalendar, cn_no_makeup: wc.WorkCalendar) -> None:
        """china_calendar(makeup_workdays=False) equals china_calendar().without_makeup_workdays()."""
        assert cn.without_makeup_workdays() == cn_no_makeup
        assert cn_no_makeup.name == "CN-no-makeup"
        assert wc.DayKind.MAKEUP_WORKDAY not in cn_no_makeup.working_kinds

    def test_every_makeup_day_rests(self, cn: wc.WorkCalendar, cn_no_makeup: wc.WorkCalendar) -> None:
        """The two calendars differ exactly on the make-up days."""
        makeup = [s.date for s in cn.special if s.kind is wc.DayKind.MAKEUP_WORKDAY]
        assert len(makeup) > 100
        assert not any(cn_no_makeup.is_working_day(d) for d in makeup)
        total = cn.working_days_between(cn.first, cn.last) - cn_no_makeup.working_days_between(
            cn.first, cn.last
        )
        assert total == len(makeup)


# --- other countries -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def de() -> wc.WorkCalendar:
    return wc.country_calendar("DE", years=range(2025, 2027), zone="Europe/Berlin")


class TestCountry:
    def test_german_unity_day(self, de: wc.WorkCalendar) -> None:
        """Sat 2026-10-03 (Tag der Deutschen Einheit) is a public holiday in the DE calendar."""
        assert de.day_kind(D(2026, 10, 3)) is wc.DayKind.PUBLIC_HOLIDAY
        assert de.day_name(D(2026, 10, 3), "en") == "German Unity Day"

    def test_christmas_arithmetic(self, de: wc.WorkCalendar) -> None:
        """From Wed 2026-12-23: Thu 24 Dec works, 25-27 Dec rest, so +2 is Mon 28 Dec."""
        assert de.add_working_days(D(2026, 12, 23), 2) == D(2026, 12, 28)

    def test_identity_zone_and_coverage(self, de: wc.WorkCalendar) -> None:
        """The DE calendar is named DE, in Europe/Berlin, official over its whole range."""
        assert (de.name, de.zone, de.first, de.last) == (
            "DE",
            "Europe/Berlin",
            D(2025, 1, 1),
            D(2026, 12, 31),
        )
        assert de.official_through == de.last
        assert not de.is_provisional(D(2026, 12, 31))

    def test_subdivision(self) -> None:
        """Bavaria (DE-BY) rests on Epiphany, Germany as a whole does not."""
        by = wc.country_calendar("DE", subdiv="BY", years=[2026], zone="Europe/Berlin")
        assert by.name == "DE-BY"
        assert not by.is_working_day(D(2026, 1, 6))
        de = wc.country_calendar("DE", years=[2026], zone="Europe/Berlin")
        assert de.is_working_day(D(2026, 1, 6))

    def test_weekend_comes_from_the_data(self) -> None:
        """Israel rests on Friday and Saturday."""
        il = wc.country_calendar("IL", years=[2026], zone="Asia/Jerusalem")
        assert il.rest_weekdays == frozenset({4, 5})
        assert il.is_working_day(D(2026, 11, 15))  # a Sunday

    def test_custom_name(self) -> None:
        """name= overrides the identifier."""
        cal = wc.country_calendar("DE", years=[2026], zone="Europe/Berlin", name="Germany")
        assert cal.name == "Germany"


# --- custom calendars ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def four_day_week() -> wc.WorkCalendar:
    return wc.WorkCalendar.custom(
        D(2026, 1, 1),
        D(2026, 12, 31),
        rest_weekdays=(4, 5, 6),
        holidays={D(2026, 10, 1): Text("国庆节", "National Day"), D(2026, 10, 2): "Bridge"},
        working_days={D(2026, 10, 10): "Make-up Saturday"},
        name="four-day-week",
        zone="Asia/Hong_Kong",
    )


class TestCustom:
    def test_weekly_pattern(self, four_day_week: wc.WorkCalendar) -> None:
        """Fridays rest, Thursdays work, in a Monday-Thursday week."""
        assert not four_day_week.is_working_day(D(2026, 9, 25))
        assert four_day_week.day_kind(D(2026, 9, 25)) is wc.DayKind.WEEKEND
        assert four_day_week.is_working_day(D(2026, 9, 24))

    def test_holidays_and_working_days(self, four_day_week: wc.WorkCalendar) -> None:
        """Listed holidays rest; listed rest days work; a str name serves both languages."""
        assert four_day_week.day_kind(D(2026, 10, 1)) is wc.DayKind.PUBLIC_HOLIDAY
        assert four_day_week.day_name(D(2026, 10, 2), "zh") == "Bridge"
        assert four_day_week.day_kind(D(2026, 10, 10)) is wc.DayKind.MAKEUP_WORKDAY
        assert four_day_week.is_working_day(D(2026, 10, 10))
        # From Wed 30 Sep: Thu 1 Oct is a holiday, Fri 2 - Sun 4 Oct rest weekly: Mon 5 Oct.
        assert four_day_week.next_working_day(D(2026, 9, 30)) == D(2026, 10, 5)

    def test_identity(self, four_day_week: wc.WorkCalendar) -> None:
        """Name and zone are kept; a custom calendar is official over its range."""
        assert (four_day_week.name, four_day_week.zone) == ("four-day-week", "Asia/Hong_Kong")
        assert four_day_week.official_through == four_day_week.last

    def test_direct_construction(self) -> None:
        """WorkCalendar can be built directly from SpecialDay values."""
        cal = wc.WorkCalendar(
            name="tiny",
            first=D(2026, 10, 1),
            last=D(2026, 10, 31),
            official_through=D(2026, 10, 15),
            special=[
                wc.SpecialDay(D(2026, 10, 1), wc.DayKind.PUBLIC_HOLIDAY, Text("国庆节", "National Day"))
            ],
        )
        assert cal.is_provisional(D(2026, 10, 16))
        assert not cal.is_provisional(D(2026, 10, 15))
        assert cal.add_working_days(D(2026, 9, 30) + dt.timedelta(days=1), 1) == D(2026, 10, 2)


# --- value semantics -----------------------------------------------------------------------------


class TestValues:
    def test_calendar_is_immutable(self, cn: wc.WorkCalendar) -> None:
        """Assigning to a calendar's attribute raises FrozenInstanceError."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            cn.official_through = D(2030, 12, 31)  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            cn.name = "XX"  # type: ignore[misc]

    def test_value_classes_are_immutable(self, patch_typhoon: wc.CalendarPatch) -> None:
        """SpecialDay, DayInfo and CalendarPatch are frozen too."""
        day = wc.SpecialDay(D(2026, 1, 1), wc.DayKind.PUBLIC_HOLIDAY)
        info = wc.DayInfo(D(2026, 1, 1), wc.DayKind.PUBLIC_HOLIDAY, False, None, False)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            day.kind = wc.DayKind.WORKDAY  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            info.working = True  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            patch_typhoon.year = 2027  # type: ignore[misc]

    def test_collections_are_tuples_and_frozensets(self, cn: wc.WorkCalendar) -> None:
        """A calendar exposes no mutable collection."""
        assert isinstance(cn.special, tuple)
        assert isinstance(cn.sources, tuple)
        assert isinstance(cn.rest_weekdays, frozenset)
        assert isinstance(cn.working_kinds, frozenset)

    def test_equal_calendars_hash_equal(self, cn: wc.WorkCalendar) -> None:
        """A separately built equal calendar is equal, hashes equal and works as a dict key."""
        twin = attrs.evolve(cn)
        assert twin is not cn
        assert twin == cn
        assert hash(twin) == hash(cn)
        assert {cn: "official"}[twin] == "official"

    def test_different_calendars_differ(self, cn: wc.WorkCalendar, cn_no_makeup: wc.WorkCalendar) -> None:
        """Calendars that answer differently are not equal."""
        assert cn != cn_no_makeup
        assert len({cn, cn_no_makeup, wc.china_calendar(provisional=True)}) == 3

    def test_pickle_round_trip(self, cn: wc.WorkCalendar, patch_typhoon: wc.CalendarPatch) -> None:
        """A pickled and restored calendar is equal and gives the same answers."""
        for cal in (cn, cn.with_patch(patch_typhoon), cn.without_makeup_workdays()):
            back = pickle.loads(pickle.dumps(cal))
            assert back == cal
            assert hash(back) == hash(cal)
            assert back.add_working_days(D(2026, 9, 14), 5) == cal.add_working_days(D(2026, 9, 14), 5)
            assert back.day(D(2026, 9, 15)) == cal.day(D(2026, 9, 15))

    def test_patch_and_values_pickle(self, patch_2027: wc.CalendarPatch) -> None:
        """Patches, special days and day infos survive pickling."""
        assert pickle.loads(pickle.dumps(patch_2027)) == patch_2027
        info = wc.china_calendar().day(D(2026, 10, 1))
        assert pickle.loads(pickle.dumps(info)) == info
        assert pickle.loads(pickle.dumps(patch_2027.days[0])) == patch_2027.days[0]

    def test_shared_between_threads(self, cn: wc.WorkCalendar) -> None:
        """Eight threads sharing one calendar get exactly the serial answers."""
        starts = [D(2019, 1, 1) + dt.timedelta(days=i) for i in range(0, 2500, 3)]
        serial = [cn.add_working_days(d, 20) for d in starts]
        with ThreadPoolExecutor(max_workers=8) as pool:
            threaded = list(pool.map(cn.add_working_days, starts, [20] * len(starts)))
        assert threaded == serial

    def test_shipped_to_worker_processes(self, cn: wc.WorkCalendar, patch_typhoon: wc.CalendarPatch) -> None:
        """A calendar pickled to spawned worker processes answers like the parent."""
        cal = cn.with_patch(patch_typhoon)
        hash(cal)  # cache the hash in the parent: the children must not reuse it
        starts = [D(2026, 9, 1) + dt.timedelta(days=i) for i in range(40)]
        context = multiprocessing.get_context("spawn")
        with context.Pool(2) as pool:
            remote = pool.starmap(wc.WorkCalendar.add_working_days, [(cal, d, 7) for d in starts])
            # The unpickled calendar hashes like a fresh equal one in the child's hash seed.
            found = pool.apply(operator.contains, (frozenset({cal}), attrs.evolve(cal)))
        assert remote == [cal.add_working_days(d, 7) for d in starts]
        assert found
