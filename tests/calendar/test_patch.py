"""Calendar patches: a newly published year, local closures and local working days."""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from govefficiency.calendar import CalendarPatch, DayKind, SpecialDay, WorkCalendar, china_calendar
from govefficiency.errors import CalendarError, LoadError, PatchError
from govefficiency.text import Text

D = dt.date


def _doc(**overrides: Any) -> dict[str, Any]:
    """A minimal valid partial patch for 2026 as a parsed mapping, with overrides."""
    doc: dict[str, Any] = {
        "year": 2026,
        "source": "某市人民政府办公室通知",
        "days": [
            {"date": "2026-09-15", "kind": "local_closure", "name": {"zh": "台风停止办公", "en": "Typhoon"}}
        ],
    }
    doc.update(overrides)
    return doc


# --- loading -------------------------------------------------------------------------------------


class TestLoad:
    def test_toml_example_loads_as_a_complete_year(self, patch_2027: CalendarPatch) -> None:
        """The shipped 2027 example is a complete patch for 2027 with named days."""
        assert patch_2027.year == 2027
        assert patch_2027.complete
        assert "HYPOTHETICAL" in patch_2027.source
        assert all(d.date.year == 2027 for d in patch_2027.days)
        national_day = next(d for d in patch_2027.days if d.date == D(2027, 10, 1))
        assert national_day == SpecialDay(
            D(2027, 10, 1), DayKind.PUBLIC_HOLIDAY, Text("国庆节", "National Day")
        )

    def test_json_example_loads_as_a_partial_patch(self, patch_typhoon: CalendarPatch) -> None:
        """The shipped typhoon closure is a partial 2026 patch with one local closure."""
        assert not patch_typhoon.complete
        assert [(d.date, d.kind) for d in patch_typhoon.days] == [(D(2026, 9, 15), DayKind.LOCAL_CLOSURE)]

    def test_toml_and_json_give_equal_patches(self, patch_2027_path: Path, tmp_path: Path) -> None:
        """The same document in JSON (ISO date strings) loads to an equal patch."""
        data = tomllib.loads(patch_2027_path.read_text(encoding="utf-8"))
        for day in data["days"]:
            day["date"] = day["date"].isoformat()
        path = tmp_path / "2027.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        assert CalendarPatch.load(path) == CalendarPatch.load(patch_2027_path)

    def test_mapping_loads_like_a_file(self) -> None:
        """A parsed mapping is accepted; the name defaults to 'patch <year>'."""
        patch = CalendarPatch.load(_doc())
        assert patch.name == "patch 2026"
        assert patch.complete is False

    def test_path_given_as_str(self, patch_typhoon_path: Path) -> None:
        """A path may be given as a str."""
        assert CalendarPatch.load(str(patch_typhoon_path)).year == 2026

    def test_makeup_day_needs_no_name(self) -> None:
        """Make-up working days and local working days may omit the name."""
        patch = CalendarPatch.load(_doc(days=[{"date": "2026-12-26", "kind": "makeup_workday"}]))
        assert patch.days == (SpecialDay(D(2026, 12, 26), DayKind.MAKEUP_WORKDAY),)


# --- applying ------------------------------------------------------------------------------------


class TestApply:
    def test_complete_year_extends_the_calendar(self, cn: WorkCalendar, patch_2027: CalendarPatch) -> None:
        """Applying the complete 2027 patch extends last and official_through to 2027-12-31."""
        cal = cn.with_patch(patch_2027)
        assert (cal.last, cal.official_through) == (D(2027, 12, 31), D(2027, 12, 31))
        assert cn.last == D(2026, 12, 31)  # the original calendar is unchanged

    def test_patched_year_answers_from_the_patch(self, cn: WorkCalendar, patch_2027: CalendarPatch) -> None:
        """In the patched 2027, the listed make-up Saturday works and the bridge Thursday rests."""
        cal = cn.with_patch(patch_2027)
        assert cal.day_kind(D(2027, 10, 9)) is DayKind.MAKEUP_WORKDAY
        assert cal.is_working_day(D(2027, 10, 9))
        assert cal.day_kind(D(2027, 10, 7)) is DayKind.IN_LIEU_REST
        assert cal.day_name(D(2027, 10, 1), "en") == "National Day"
        assert not cal.is_provisional(D(2027, 10, 9))

    def test_deadline_runs_across_the_year_end(self, cn: WorkCalendar, patch_2027: CalendarPatch) -> None:
        """With 2027 patched, 20 working days from 2026-12-20 is answered, not refused."""
        cal = cn.with_patch(patch_2027)
        # After Sun 12/20: Mon-Fri 12/21-25 (5) and Mon-Thu 12/28-31 (4) make 9; Fri 1/1
        # is 元旦 and 1/2-1/3 a weekend; then 1/4-1/8 (14), 1/11-1/15 (19) and Mon 1/18 (20).
        assert cal.add_working_days(D(2026, 12, 20), 20) == D(2027, 1, 18)

    def test_patches_argument_equals_with_patch(self, cn: WorkCalendar, patch_2027: CalendarPatch) -> None:
        """china_calendar(patches=[p]) equals china_calendar().with_patch(p)."""
        assert china_calendar(patches=[patch_2027]) == cn.with_patch(patch_2027)

    def test_source_is_recorded(self, cn: WorkCalendar, patch_typhoon: CalendarPatch) -> None:
        """The patch's name and source are appended to the calendar's sources."""
        cal = cn.with_patch(patch_typhoon)
        assert cal.sources[:-1] == cn.sources
        assert cal.sources[-1].startswith("typhoon closure (illustrative example): ILLUSTRATIVE")

    def test_complete_patch_replaces_provisional_data(
        self, cn_provisional: WorkCalendar, patch_2027: CalendarPatch
    ) -> None:
        """On a provisional calendar, a complete 2027 patch replaces the rule-based 2027 and ends provisional 2027."""
        cal = cn_provisional.with_patch(patch_2027)
        assert cal.official_through == D(2027, 12, 31)
        assert cal.last == D(2031, 12, 31)
        # Provisional 2027 rested on Sat 9 Oct; the patch makes it a make-up working day.
        assert cn_provisional.day_kind(D(2027, 10, 9)) is DayKind.WEEKEND
        assert cal.day_kind(D(2027, 10, 9)) is DayKind.MAKEUP_WORKDAY
        assert not cal.is_provisional(D(2027, 10, 9))
        assert cal.is_provisional(D(2028, 1, 3))

    def test_complete_patch_replaces_a_published_year(self, cn: WorkCalendar) -> None:
        """A complete patch for a published year marked correction=True replaces its data wholesale."""
        patch = CalendarPatch(
            year=2026,
            source="test correction",
            complete=True,
            correction=True,
            days=[SpecialDay(D(2026, 1, 1), DayKind.PUBLIC_HOLIDAY, Text("元旦", "New Year's Day"))],
        )
        cal = cn.with_patch(patch)
        assert cal.official_through == D(2026, 12, 31)
        assert cal.is_working_day(D(2026, 10, 1))  # National Day was not in the replacement
        assert [s.date for s in cal.special if s.date.year == 2026] == [D(2026, 1, 1)]

    def test_typhoon_closure_moves_a_deadline(self, cn: WorkCalendar, patch_typhoon: CalendarPatch) -> None:
        """Closing Tue 2026-09-15 pushes '5 working days after Mon 14 Sep' from Mon 21 to Tue 22 Sep."""
        # Unpatched: 9/15, 9/16, 9/17, 9/18, then Sun 9/20 (补班) is the 5th.
        assert cn.add_working_days(D(2026, 9, 14), 5) == D(2026, 9, 20)
        cal = cn.with_patch(patch_typhoon)
        assert cal.day_kind(D(2026, 9, 15)) is DayKind.LOCAL_CLOSURE
        assert not cal.is_working_day(D(2026, 9, 15))
        # Patched: 9/16, 9/17, 9/18, Sun 9/20, Mon 9/21.
        assert cal.add_working_days(D(2026, 9, 14), 5) == D(2026, 9, 21)
        assert cal.official_through == cn.official_through

    def test_local_extra_working_day(self, cn: WorkCalendar) -> None:
        """A locality may declare a Sunday a working day (LOCAL_WORKDAY)."""
        patch = CalendarPatch.load(_doc(days=[{"date": "2026-11-15", "kind": "local_workday"}]))
        cal = cn.with_patch(patch)
        assert cal.is_working_day(D(2026, 11, 15))
        assert cal.day_kind(D(2026, 11, 15)) is DayKind.LOCAL_WORKDAY

    def test_cross_year_makeup_day_goes_in_a_partial_patch(
        self, cn: WorkCalendar, patch_2027: CalendarPatch
    ) -> None:
        """A make-up Saturday in late 2026 that belongs to the 2027 notice is a separate partial 2026 patch."""
        # Like 2005-12-31 for the 2006 New Year: the complete 2027 patch may only hold 2027
        # dates, so the December Saturday is its own partial patch for 2026.
        december = CalendarPatch(
            year=2026,
            source="the 2027 notice (hypothetical), cross-year make-up day",
            days=[SpecialDay(D(2026, 12, 26), DayKind.MAKEUP_WORKDAY)],
        )
        cal = china_calendar(patches=[patch_2027, december])
        assert cal.is_working_day(D(2026, 12, 26))
        assert cal.official_through == D(2027, 12, 31)
        with pytest.raises(PatchError, match="outside the patch's stated year 2027"):
            CalendarPatch(
                year=2027,
                source="x",
                complete=True,
                days=[SpecialDay(D(2026, 12, 26), DayKind.MAKEUP_WORKDAY)],
            )

    def test_patched_calendars_are_cached_by_value(self, patch_typhoon_path: Path) -> None:
        """Patches loaded twice are equal values, so china_calendar returns the same cached calendar."""
        first, second = CalendarPatch.load(patch_typhoon_path), CalendarPatch.load(patch_typhoon_path)
        assert first == second
        assert hash(first) == hash(second)
        assert china_calendar(patches=[first]) is china_calendar(patches=(second,))


# --- malformed patches ---------------------------------------------------------------------------


class TestMalformed:
    def test_makeup_day_on_a_weekday(self) -> None:
        """A make-up working day on a weekday is rejected with the date and weekday, located."""
        doc = _doc(days=[{"date": "2026-10-12", "kind": "makeup_workday"}])
        with pytest.raises(PatchError) as info:
            CalendarPatch.load(doc)
        assert info.value.location == "days[0].date"
        assert "2026-10-12 is a Monday" in str(info.value)
        assert "Saturday or Sunday" in str(info.value)
        assert info.value.zh is not None
        assert "补班日必须是周末" in info.value.zh

    def test_in_lieu_rest_on_a_weekend(self) -> None:
        """An in-lieu rest day on a Saturday is rejected: it must be a weekday."""
        with pytest.raises(PatchError, match=r"in-lieu rest day .* must be a weekday"):
            CalendarPatch.load(
                _doc(days=[{"date": "2026-10-10", "kind": "in_lieu_rest", "name": {"zh": "调休", "en": "x"}}])
            )

    def test_date_listed_twice(self) -> None:
        """A date listed twice names both places."""
        day = {"date": "2026-09-15", "kind": "local_closure", "name": {"zh": "台风", "en": "Typhoon"}}
        with pytest.raises(PatchError) as info:
            CalendarPatch.load(_doc(days=[day, dict(day)]))
        assert info.value.location == "days[1].date"
        assert "2026-09-15 is listed twice (also at days[0])" in str(info.value)

    def test_date_listed_twice_in_a_constructed_patch(self) -> None:
        """The constructor rejects duplicates too."""
        day = SpecialDay(D(2026, 9, 15), DayKind.LOCAL_WORKDAY)
        with pytest.raises(PatchError, match="2026-09-15 is listed twice in the patch for 2026"):
            CalendarPatch(year=2026, source="x", days=[day, day])

    def test_date_outside_the_stated_year(self) -> None:
        """Every date must lie in the patch's year."""
        with pytest.raises(PatchError, match="2027-01-04 lies outside the patch's stated year 2026") as info:
            CalendarPatch.load(_doc(days=[{"date": "2027-01-04", "kind": "local_workday"}]))
        assert info.value.location == "days[0].date"

    def test_unknown_top_level_key(self) -> None:
        """A misspelt key is an error, not silently ignored."""
        with pytest.raises(PatchError, match="unknown key 'compelte'") as info:
            CalendarPatch.load(_doc(compelte=True))
        assert info.value.location == "compelte"

    def test_unknown_key_in_a_day(self) -> None:
        """An unknown key inside a day entry is located in that entry."""
        day = {"date": "2026-11-15", "kind": "local_workday", "note": "x"}
        with pytest.raises(PatchError, match="unknown key 'note'") as info:
            CalendarPatch.load(_doc(days=[day]))
        assert info.value.location == "days[0].note"

    def test_missing_source(self) -> None:
        """A patch without a source is rejected: data must say where it comes from."""
        doc = _doc()
        del doc["source"]
        with pytest.raises(PatchError, match="source: this key is required"):
            CalendarPatch.load(doc)
        with pytest.raises(PatchError, match="needs a non-empty 'source'"):
            CalendarPatch(year=2026, source=" ", days=[])

    def test_missing_year(self) -> None:
        """The year is required."""
        doc = _doc()
        del doc["year"]
        with pytest.raises(PatchError, match="year: this key is required"):
            CalendarPatch.load(doc)

    @pytest.mark.parametrize(
        ("year", "message"),
        [
            ("2027", "must be an integer"),
            (True, "not a boolean"),
            (1900, "at least 1950"),
            (2027.0, "integer"),
        ],
    )
    def test_bad_year(self, year: object, message: str) -> None:
        """The year must be an integer in a sensible range."""
        with pytest.raises(PatchError, match=message):
            CalendarPatch.load(_doc(year=year))

    def test_unknown_kind(self) -> None:
        """An unknown kind lists the allowed values."""
        with pytest.raises(PatchError, match="must be one of workday, weekend, public_holiday") as info:
            CalendarPatch.load(_doc(days=[{"date": "2026-11-15", "kind": "holiday"}]))
        assert info.value.location == "days[0].kind"

    def test_kind_that_cannot_be_patched(self) -> None:
        """'workday' and 'weekend' are the weekly pattern, not patch kinds."""
        with pytest.raises(PatchError, match="kind 'workday' cannot be patched"):
            CalendarPatch.load(_doc(days=[{"date": "2026-11-16", "kind": "workday"}]))

    def test_rest_day_without_a_name(self) -> None:
        """Public holidays, in-lieu rest days and closures need a bilingual name."""
        with pytest.raises(PatchError, match="local_closure needs a name"):
            CalendarPatch.load(_doc(days=[{"date": "2026-09-15", "kind": "local_closure"}]))

    def test_name_in_one_language_only(self) -> None:
        """A name must give both zh and en."""
        day = {"date": "2026-09-15", "kind": "local_closure", "name": {"zh": "台风"}}
        with pytest.raises(PatchError, match=r"days\[0\]\.name\.en: this key is required"):
            CalendarPatch.load(_doc(days=[day]))

    def test_bad_date(self) -> None:
        """A date that is not YYYY-MM-DD is rejected with its location."""
        with pytest.raises(PatchError, match=r"days\[0\]\.date: must be a date in the form YYYY-MM-DD"):
            CalendarPatch.load(_doc(days=[{"date": "2026-02-30", "kind": "local_workday"}]))

    def test_datetime_instead_of_date(self, tmp_path: Path) -> None:
        """A TOML date-time where a date is expected is rejected."""
        path = tmp_path / "p.toml"
        path.write_text(
            'year = 2026\nsource = "x"\n[[days]]\ndate = 2026-11-15T09:00:00\nkind = "local_workday"\n'
        )
        with pytest.raises(PatchError, match="not a date-time"):
            CalendarPatch.load(path)

    def test_toml_syntax_error_names_the_line(self, tmp_path: Path) -> None:
        """A TOML syntax error reports the file and line."""
        path = tmp_path / "p.toml"
        path.write_text('year = 2026\nsource = "x\n')
        with pytest.raises(PatchError, match=r"p\.toml: invalid TOML: .*line 2") as info:
            CalendarPatch.load(path)
        assert info.value.origin == str(path)

    def test_json_syntax_error_names_the_line(self, tmp_path: Path) -> None:
        """A JSON syntax error reports the line and column."""
        path = tmp_path / "p.json"
        path.write_text('{"year": 2026,\n "source": }')
        with pytest.raises(PatchError, match="invalid JSON at line 2, column 12"):
            CalendarPatch.load(path)

    def test_unknown_suffix(self, tmp_path: Path) -> None:
        """Only .toml and .json files are read."""
        path = tmp_path / "p.yaml"
        path.write_text("year: 2026")
        with pytest.raises(PatchError, match=r"name the file .toml or .json"):
            CalendarPatch.load(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a PatchError naming the path."""
        with pytest.raises(PatchError, match="no such file"):
            CalendarPatch.load(tmp_path / "absent.toml")

    def test_days_not_a_list(self) -> None:
        """days must be a list of tables."""
        with pytest.raises(PatchError, match=r"days: must be a list of tables"):
            CalendarPatch.load(_doc(days={"date": "2026-09-15"}))

    def test_patch_errors_are_load_and_calendar_errors(self) -> None:
        """PatchError can be caught as LoadError, CalendarError or ValueError."""
        with pytest.raises(PatchError) as info:
            CalendarPatch.load(_doc(compelte=True))
        assert isinstance(info.value, LoadError)
        assert isinstance(info.value, CalendarError)
        assert isinstance(info.value, ValueError)


class TestMisfit:
    """Patches that are well-formed but do not fit the calendar they are applied to."""

    def test_complete_patch_for_a_non_contiguous_year(self, cn: WorkCalendar) -> None:
        """A complete 2028 patch on a calendar published through 2026 would leave 2027 unpublished."""
        patch = CalendarPatch(year=2028, source="x", complete=True, days=[])
        with pytest.raises(PatchError, match=r"would leave 2027..2027 without a published arrangement"):
            cn.with_patch(patch)
        with pytest.raises(PatchError, match="add those years first"):
            china_calendar(patches=[patch])

    def test_complete_patch_before_the_first_year(self, cn: WorkCalendar) -> None:
        """A complete patch for 2000 lies before the calendar's first date."""
        with pytest.raises(PatchError, match="lies before the calendar's first date 2001-01-01"):
            cn.with_patch(CalendarPatch(year=2000, source="x", complete=True, days=[]))

    def test_local_closure_on_a_rest_day(self, cn: WorkCalendar) -> None:
        """Closing offices on a day that is already a rest day (National Day) is an error."""
        patch = CalendarPatch.load(
            _doc(
                days=[
                    {"date": "2026-10-02", "kind": "local_closure", "name": {"zh": "台风", "en": "Typhoon"}}
                ]
            )
        )
        with pytest.raises(
            PatchError, match="2026-10-02 is already a rest day; a local closure must be a working day"
        ):
            cn.with_patch(patch)

    def test_local_workday_on_a_working_day(self, cn: WorkCalendar) -> None:
        """Declaring an ordinary Monday a local working day is an error."""
        patch = CalendarPatch.load(_doc(days=[{"date": "2026-10-12", "kind": "local_workday"}]))
        with pytest.raises(PatchError, match="2026-10-12 is already a working day"):
            cn.with_patch(patch)

    def test_partial_patch_outside_the_covered_range(self, cn: WorkCalendar) -> None:
        """A partial patch for unpublished 2027 must wait for the complete year."""
        patch = CalendarPatch(year=2027, source="x", days=[SpecialDay(D(2027, 1, 4), DayKind.LOCAL_WORKDAY)])
        with pytest.raises(
            PatchError,
            match=r"2027-01-04 .* outside the calendar.s range 2001-01-01..2026-12-31; patch the whole year \(complete = true\)",
        ):
            cn.with_patch(patch)

    def test_with_patch_needs_a_patch(self, cn: WorkCalendar) -> None:
        """with_patch rejects anything but a CalendarPatch."""
        with pytest.raises(PatchError, match="expected a CalendarPatch, not str"):
            cn.with_patch("examples/patches/typhoon-closure-2026.json")  # type: ignore[arg-type]
