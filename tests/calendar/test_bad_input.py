"""Bad input for every public function of ``govefficiency.calendar``: the specific exception
class and a message that says what was wrong.

Malformed patch *files* are covered in ``test_patch.py``; here are the constructors,
factories and every ``WorkCalendar`` method.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest

from govefficiency.calendar import (
    CalendarPatch,
    DayKind,
    SpecialDay,
    WorkCalendar,
    china_calendar,
    country_calendar,
)
from govefficiency.errors import (
    CalendarCoverageError,
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
    PatchError,
)
from govefficiency.text import Text

D = dt.date
GOOD = D(2026, 10, 9)
SHANGHAI = dt.timezone(dt.timedelta(hours=8))

#: Calendar methods taking a date, with the date put in each position in turn.
DATE_METHODS: dict[str, Callable[[WorkCalendar, Any], object]] = {
    "covers": lambda c, d: c.covers(d),
    "is_provisional": lambda c, d: c.is_provisional(d),
    "day_kind": lambda c, d: c.day_kind(d),
    "is_working_day": lambda c, d: c.is_working_day(d),
    "day_name": lambda c, d: c.day_name(d, "en"),
    "day": lambda c, d: c.day(d),
    "days[start]": lambda c, d: list(c.days(d, GOOD)),
    "days[end]": lambda c, d: list(c.days(GOOD, d)),
    "add_working_days": lambda c, d: c.add_working_days(d, 3),
    "working_days_between[a]": lambda c, d: c.working_days_between(d, GOOD),
    "working_days_between[b]": lambda c, d: c.working_days_between(GOOD, d),
    "next_working_day": lambda c, d: c.next_working_day(d),
    "previous_working_day": lambda c, d: c.previous_working_day(d),
    "working_days[start]": lambda c, d: list(c.working_days(d, GOOD)),
    "working_days[end]": lambda c, d: list(c.working_days(GOOD, d)),
    "roll_forward": lambda c, d: c.roll_forward(d),
}

#: Values of the wrong type for a date, with a fragment the message must contain.
NOT_DATES: dict[str, tuple[object, str]] = {
    "str": ("2026-10-09", "must be a datetime.date, not str ('2026-10-09'); parse strings"),
    "naive-datetime": (dt.datetime(2026, 10, 9, 9, 0), "not a datetime: convert the instant"),
    "aware-datetime": (dt.datetime(2026, 10, 9, 9, 0, tzinfo=SHANGHAI), "not a datetime"),
    "int": (20261009, "not int"),
    "float": (20261009.0, "not float"),
    "none": (None, "not NoneType"),
}

#: Dates outside the strict official calendar.
UNCOVERED = {"2027": D(2027, 1, 4), "2000": D(2000, 12, 31)}


@pytest.mark.parametrize("method", DATE_METHODS.values(), ids=DATE_METHODS.keys())
@pytest.mark.parametrize(("value", "fragment"), NOT_DATES.values(), ids=NOT_DATES.keys())
def test_methods_reject_non_dates(
    cn: WorkCalendar, method: Callable[[WorkCalendar, Any], object], value: object, fragment: str
) -> None:
    """Every date-taking method raises InvalidTypeError (a TypeError) that names the wrong type."""
    with pytest.raises(InvalidTypeError, match=re.escape(fragment)) as info:
        method(cn, value)
    assert isinstance(info.value, TypeError)
    assert info.value.zh is not None


@pytest.mark.parametrize("method", DATE_METHODS.values(), ids=DATE_METHODS.keys())
@pytest.mark.parametrize("day", UNCOVERED.values(), ids=UNCOVERED.keys())
def test_methods_refuse_uncovered_dates(
    cn: WorkCalendar, method: Callable[[WorkCalendar, Any], object], day: dt.date
) -> None:
    """Every method except covers() raises CalendarCoverageError naming the date and the range."""
    if method is DATE_METHODS["covers"]:
        assert method(cn, day) is False
        return
    with pytest.raises(
        CalendarCoverageError, match=f"{day} is outside .* \\(2001-01-01..2026-12-31\\)"
    ) as info:
        method(cn, day)
    assert info.value.date == day


@pytest.mark.parametrize(
    ("n", "fragment"),
    [
        (2.0, "must be an int, not float"),
        (True, "must be an int, not bool"),
        ("2", "must be an int, not str"),
        (None, "must be an int, not NoneType"),
    ],
)
def test_add_working_days_rejects_non_int_counts(cn: WorkCalendar, n: object, fragment: str) -> None:
    """The count must be an int; bool and float are refused, not truncated."""
    with pytest.raises(InvalidTypeError, match=fragment):
        cn.add_working_days(GOOD, n)  # type: ignore[arg-type]


def test_add_working_days_beyond_the_data(cn: WorkCalendar) -> None:
    """A count that runs off either end names the start, the count and the range."""
    with pytest.raises(
        CalendarCoverageError, match=r"\+10000 working days from 2026-10-09 .* \(2001-01-01..2026-12-31\)"
    ):
        cn.add_working_days(GOOD, 10_000)
    with pytest.raises(CalendarCoverageError, match=r"-10000 working days from 2026-10-09"):
        cn.add_working_days(GOOD, -10_000)


def test_next_working_day_at_the_end_of_coverage(cn: WorkCalendar) -> None:
    """There is no known working day after 2026-12-31 in the strict calendar."""
    with pytest.raises(
        CalendarCoverageError, match="Add a patch for the missing year or use provisional=True"
    ):
        cn.next_working_day(D(2026, 12, 31))


def test_roll_forward_at_the_end_of_coverage() -> None:
    """Rolling a rest day forward past the data is refused, not guessed."""
    # Covered Thu 1 - Sun 4 January: Saturday's next working day would be Mon 5, unknown.
    cal = WorkCalendar.custom(D(2026, 1, 1), D(2026, 1, 4))
    assert cal.roll_forward(D(2026, 1, 2)) == D(2026, 1, 2)
    with pytest.raises(CalendarCoverageError, match=r"\+1 working days from 2026-01-03"):
        cal.roll_forward(D(2026, 1, 3))


@pytest.mark.parametrize("method", ["days", "working_days"])
def test_reversed_ranges(cn: WorkCalendar, method: str) -> None:
    """days() and working_days() need start <= end."""
    with pytest.raises(InvalidInputError, match=r"end \(2026-10-01\) is before start \(2026-10-09\)"):
        list(getattr(cn, method)(GOOD, D(2026, 10, 1)))


@pytest.mark.parametrize(
    ("lang", "error", "fragment"),
    [("fr", InvalidInputError, "unknown language 'fr'"), (1, InvalidTypeError, "lang must be the string")],
)
def test_day_name_language(cn: WorkCalendar, lang: object, error: type[Exception], fragment: str) -> None:
    """day_name accepts only 'zh' and 'en'."""
    with pytest.raises(error, match=fragment):
        cn.day_name(GOOD, lang)  # type: ignore[arg-type]


def test_with_patch_needs_a_patch(cn: WorkCalendar) -> None:
    """with_patch refuses a parsed mapping: load it with CalendarPatch.load first."""
    with pytest.raises(PatchError, match="expected a CalendarPatch, not dict"):
        cn.with_patch({"year": 2026})  # type: ignore[arg-type]


# --- china_calendar ----------------------------------------------------------------------------

CHINA_BAD: dict[str, tuple[dict[str, Any], type[Exception], str]] = {
    "provisional-str": ({"provisional": "yes"}, InvalidTypeError, "must be True or False"),
    "provisional-int": ({"provisional": 1}, InvalidTypeError, "must be True or False"),
    "makeup-none": ({"makeup_workdays": None}, InvalidTypeError, "must be True or False"),
    "years-zero": ({"provisional": True, "provisional_years": 0}, InvalidInputError, "from 1 to 50, not 0"),
    "years-51": ({"provisional": True, "provisional_years": 51}, InvalidInputError, "from 1 to 50"),
    "years-bool": ({"provisional_years": True}, InvalidInputError, "must be an int from 1 to 50"),
    "years-float": ({"provisional_years": 2.0}, InvalidInputError, "must be an int from 1 to 50"),
    "patches-path": ({"patches": ["x.toml"]}, InvalidTypeError, "patches must be CalendarPatch values"),
    "patches-str": ({"patches": "x.toml"}, InvalidTypeError, "must be a list of CalendarPatch values"),
    "patches-none": ({"patches": None}, InvalidTypeError, "not NoneType"),
}


@pytest.mark.parametrize(("kwargs", "error", "fragment"), CHINA_BAD.values(), ids=CHINA_BAD.keys())
def test_china_calendar_arguments(kwargs: dict[str, Any], error: type[Exception], fragment: str) -> None:
    """china_calendar checks every argument's type and range."""
    with pytest.raises(error, match=fragment):
        china_calendar(**kwargs)


def test_china_calendar_single_patch_not_in_a_list(patch_typhoon: CalendarPatch) -> None:
    """A bare CalendarPatch (not in a list) is refused with a hint."""
    with pytest.raises(InvalidTypeError, match=r"e\.g\. \[CalendarPatch\.load\(path\)\]"):
        china_calendar(patches=patch_typhoon)  # type: ignore[arg-type]


def test_china_calendar_positional_arguments_are_refused() -> None:
    """The options are keyword-only, so china_calendar(True) cannot be misread."""
    with pytest.raises(TypeError):
        china_calendar(True)  # type: ignore[misc]


# --- country_calendar --------------------------------------------------------------------------

COUNTRY_BAD: dict[str, tuple[dict[str, Any], type[Exception], str]] = {
    "code-int": ({"code": 49}, InvalidTypeError, "code must be a country code string"),
    "code-unknown": ({"code": "XX"}, InvalidInputError, "no country 'XX'"),
    "subdiv-unknown": ({"subdiv": "ZZ"}, InvalidInputError, "with subdivision 'ZZ'"),
    "years-int": ({"years": 2026}, InvalidTypeError, "years must be a collection of int years"),
    "years-str": ({"years": "2026"}, InvalidTypeError, "not str"),
    "years-empty": ({"years": []}, InvalidInputError, "non-empty collection of int years"),
    "years-mixed": ({"years": [2026, "2027"]}, InvalidInputError, "non-empty collection of int years"),
    "years-gap": ({"years": [2024, 2026]}, InvalidInputError, "years must be contiguous"),
    "zone-unknown": ({"zone": "Berlin"}, InvalidInputError, "unknown time zone 'Berlin'"),
    "zone-none": ({"zone": None}, InvalidTypeError, "IANA name"),
}


@pytest.mark.parametrize(("override", "error", "fragment"), COUNTRY_BAD.values(), ids=COUNTRY_BAD.keys())
def test_country_calendar_arguments(override: dict[str, Any], error: type[Exception], fragment: str) -> None:
    """country_calendar checks the code, years, zone and subdivision."""
    kwargs: dict[str, Any] = {"code": "DE", "years": [2026], "zone": "Europe/Berlin", **override}
    code = kwargs.pop("code")
    with pytest.raises(error, match=fragment):
        country_calendar(code, **kwargs)


# --- WorkCalendar constructor and custom() ------------------------------------------------------

BASE: dict[str, Any] = {
    "name": "t",
    "first": D(2026, 1, 1),
    "last": D(2026, 12, 31),
    "official_through": D(2026, 12, 31),
}
CONSTRUCTOR_BAD: dict[str, tuple[dict[str, Any], type[Exception], str]] = {
    "first-str": ({"first": "2026-01-01"}, InvalidTypeError, "WorkCalendar.first must be a datetime.date"),
    "last-datetime": (
        {"last": dt.datetime(2026, 12, 31)},
        InvalidTypeError,
        "WorkCalendar.last must be a calendar date",
    ),
    "last-before-first": (
        {"last": D(2025, 12, 31), "official_through": D(2025, 12, 31)},
        InvalidInputError,
        "is before its first",
    ),
    "official-outside": (
        {"official_through": D(2027, 12, 31)},
        InvalidInputError,
        "must lie within the covered range",
    ),
    "name-int": ({"name": 5}, InvalidTypeError, "name must be a str"),
    "name-empty": ({"name": " "}, InvalidInputError, "name must not be empty"),
    "rest-int": ({"rest_weekdays": 5}, InvalidTypeError, "rest_weekdays must be a collection"),
    "rest-7": ({"rest_weekdays": [6, 7]}, InvalidInputError, "0 \\(Monday\\) to 6 \\(Sunday\\); got 7"),
    "rest-str": ({"rest_weekdays": ["Sat"]}, InvalidInputError, "got 'Sat'"),
    "special-date": (
        {"special": [D(2026, 1, 1)]},
        InvalidTypeError,
        "special days must be SpecialDay values, not date",
    ),
    "special-twice": (
        {"special": [SpecialDay(D(2026, 1, 1), DayKind.PUBLIC_HOLIDAY)] * 2},
        InvalidInputError,
        "2026-01-01 is listed twice",
    ),
    "special-outside": (
        {"special": [SpecialDay(D(2027, 1, 1), DayKind.PUBLIC_HOLIDAY)]},
        CalendarCoverageError,
        "special day 2027-01-01 lies outside",
    ),
    "kinds-str": ({"working_kinds": ["workday"]}, InvalidTypeError, "working_kinds must be DayKind values"),
    "kinds-none": ({"working_kinds": None}, InvalidTypeError, "working_kinds must be a collection"),
    "zone-unknown": ({"zone": "Asia/Beijing"}, InvalidInputError, "unknown time zone 'Asia/Beijing'"),
    "sources-str": ({"sources": "holidays"}, InvalidTypeError, "sources must be a collection"),
}


@pytest.mark.parametrize(
    ("override", "error", "fragment"), CONSTRUCTOR_BAD.values(), ids=CONSTRUCTOR_BAD.keys()
)
def test_work_calendar_constructor(override: dict[str, Any], error: type[Exception], fragment: str) -> None:
    """The WorkCalendar constructor validates every field."""
    with pytest.raises(error, match=fragment):
        WorkCalendar(**{**BASE, **override})


CUSTOM_BAD: dict[str, tuple[dict[str, Any], type[Exception], str]] = {
    "first-str": ({"first": "2026-01-01"}, InvalidTypeError, "first must be a datetime.date"),
    "holidays-list": ({"holidays": [D(2026, 1, 1)]}, InvalidTypeError, "holidays must be a mapping"),
    "holiday-datetime": (
        {"holidays": {dt.datetime(2026, 1, 1): "x"}},
        InvalidTypeError,
        "a holiday date must be a calendar date",
    ),
    "holiday-name-int": (
        {"holidays": {D(2026, 1, 1): 1}},
        InvalidTypeError,
        "a day name must be a str or Text",
    ),
    "holiday-name-empty": ({"holidays": {D(2026, 1, 1): ""}}, InvalidInputError, "must not be empty"),
    "working-weekday": (
        {"working_days": {D(2026, 1, 5): "x"}},
        InvalidInputError,
        "2026-01-05 is a Monday, not a weekly rest day",
    ),
    "working-list": ({"working_days": [D(2026, 1, 3)]}, InvalidTypeError, "working_days must be a mapping"),
    "rest-none": ({"rest_weekdays": None}, InvalidTypeError, "rest_weekdays must be a collection"),
    "zone": ({"zone": "UTC+8"}, InvalidInputError, "unknown time zone"),
    "name": ({"name": None}, InvalidTypeError, "name must be a str"),
}


@pytest.mark.parametrize(("override", "error", "fragment"), CUSTOM_BAD.values(), ids=CUSTOM_BAD.keys())
def test_custom_calendar(override: dict[str, Any], error: type[Exception], fragment: str) -> None:
    """WorkCalendar.custom validates its arguments."""
    kwargs: dict[str, Any] = {"first": D(2026, 1, 1), "last": D(2026, 12, 31), **override}
    first, last = kwargs.pop("first"), kwargs.pop("last")
    with pytest.raises(error, match=fragment):
        WorkCalendar.custom(first, last, **kwargs)


# --- SpecialDay and CalendarPatch -----------------------------------------------------------------

SPECIAL_BAD: dict[str, tuple[tuple[Any, ...], type[Exception], str]] = {
    "date-str": (
        ("2026-01-01", DayKind.PUBLIC_HOLIDAY),
        InvalidTypeError,
        "SpecialDay.date must be a datetime.date",
    ),
    "date-datetime": ((dt.datetime(2026, 1, 1), DayKind.PUBLIC_HOLIDAY), InvalidTypeError, "not a datetime"),
    "kind-str": ((D(2026, 1, 1), "public_holiday"), InvalidTypeError, "SpecialDay.kind must be a DayKind"),
    "name-str": (
        (D(2026, 1, 1), DayKind.PUBLIC_HOLIDAY, "元旦"),
        InvalidTypeError,
        r"must be a Text\(zh, en\) or None",
    ),
}


@pytest.mark.parametrize(("args", "error", "fragment"), SPECIAL_BAD.values(), ids=SPECIAL_BAD.keys())
def test_special_day(args: tuple[Any, ...], error: type[Exception], fragment: str) -> None:
    """SpecialDay checks the date, kind and name types."""
    with pytest.raises(error, match=fragment):
        SpecialDay(*args)


def test_special_day_accepts_a_date_subclass() -> None:
    """A date subclass (e.g. pendulum.Date) is converted to a plain date."""
    import pendulum

    day = SpecialDay(pendulum.date(2026, 1, 1), DayKind.PUBLIC_HOLIDAY, Text("元旦", "New Year's Day"))
    assert type(day.date) is dt.date


PATCH_BAD: dict[str, tuple[dict[str, Any], str]] = {
    "year-str": ({"year": "2027"}, "patch year must be an integer year"),
    "year-bool": ({"year": True}, "patch year must be an integer year"),
    "year-far": ({"year": 1800}, "patch year must be an integer year"),
    "source-empty": ({"source": ""}, "needs a non-empty 'source'"),
    "source-none": ({"source": None}, "needs a non-empty 'source'"),
    "complete-str": ({"complete": "yes"}, "'complete' must be true or false"),
    "days-date": ({"days": D(2027, 1, 1)}, "patch days must be a list of SpecialDay values"),
    "days-dates": ({"days": [D(2027, 1, 1)]}, "patch days must be SpecialDay values, not date"),
    "name-int": ({"name": 5}, "a patch's name must be a str"),
    "weekday-makeup": (
        {"days": [SpecialDay(D(2027, 1, 4), DayKind.MAKEUP_WORKDAY)]},
        "2027-01-04 is a Monday: a make-up working day",
    ),
    "kind-weekend": (
        {"days": [SpecialDay(D(2027, 1, 9), DayKind.WEEKEND)]},
        "kind 'weekend' cannot be patched",
    ),
}


@pytest.mark.parametrize(("override", "fragment"), PATCH_BAD.values(), ids=PATCH_BAD.keys())
def test_calendar_patch_constructor(override: dict[str, Any], fragment: str) -> None:
    """The CalendarPatch constructor validates like the loader, raising PatchError."""
    kwargs: dict[str, Any] = {"year": 2027, "source": "x", "days": [], **override}
    with pytest.raises(PatchError, match=fragment):
        CalendarPatch(**kwargs)


@pytest.mark.parametrize("source", [5, None, b"year = 2026"])
def test_calendar_patch_load_wrong_source_type(source: object) -> None:
    """load() takes a path or a mapping; anything else is a PatchError naming the type."""
    with pytest.raises(PatchError, match=f"not {type(source).__name__}"):
        CalendarPatch.load(source)  # type: ignore[arg-type]


def test_every_error_is_bilingual_and_a_library_error(cn: WorkCalendar) -> None:
    """Library errors carry both languages and share the GovEfficiencyError root."""
    with pytest.raises(GovEfficiencyError) as info:
        cn.add_working_days("2026-10-09", 1)  # type: ignore[arg-type]
    assert info.value.message("en") == str(info.value)
    assert info.value.message("zh") != info.value.message("en")
