"""Calendars built from the ``holidays`` package: the PRC arrangement and any country.

The PRC arrangement (国务院办公厅关于×年部分节假日安排的通知) is published each autumn
for the next year. ``holidays.China`` carries the published years as data tables; for
later years it can only apply the statutory rules (《全国年节及纪念日放假办法》: the
fixed and lunar holidays, plus 补假 when a holiday falls on a weekend) with no bridging
(调休). This module reads those tables, derives the last published year from them
(never from a hard-coded year, never from the clock) and refuses to answer beyond it
unless the caller asks for provisional answers.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from govefficiency._time import check_zone, require_date
from govefficiency._validators import instances_of
from govefficiency.calendar._calendar import SpecialDay, WorkCalendar
from govefficiency.calendar._china_data import CHINA_FIRST_YEAR, STATUTORY_SPAN, ChinaData, china_data
from govefficiency.calendar._kinds import DayKind
from govefficiency.calendar._version import CalendarProvenance
from govefficiency.errors import CalendarError, InvalidInputError, InvalidTypeError
from govefficiency.text import Text

if TYPE_CHECKING:
    from holidays import HolidayBase

    from govefficiency.calendar._notices import Notice
    from govefficiency.calendar._patch import CalendarPatch

__all__ = ["CHINA_FIRST_YEAR", "china_calendar", "country_calendar"]

_DEFAULT_PROVISIONAL_YEARS = 5
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@functools.lru_cache(maxsize=8)
def _china_base(last_year: int, official_year: int) -> WorkCalendar:
    return build_china(china_data(), last_year, official_year)


def build_china(data: ChinaData, last_year: int, official_year: int) -> WorkCalendar:
    """The PRC calendar from ``data``: published through ``official_year``, then the
    statutory rules through ``last_year``."""
    release = data.release
    entries, weekend_workdays = data.published(official_year)
    if last_year > official_year:
        # Years after the last known notice: the statutory rules only, even where the
        # data holds a published arrangement (as known on an earlier date).
        entries += data.statutory(official_year, last_year)
    first, last = dt.date(CHINA_FIRST_YEAR, 1, 1), dt.date(last_year, 12, 31)
    specials: dict[dt.date, SpecialDay] = {}
    moved_to: dict[dt.date, dt.date] = {}  # make-up weekend -> the rest day it pays for
    for day, zh_name, en_name in entries:
        if not first <= day <= last:
            continue
        text = Text(zh_name, en_name)
        if "调休" in zh_name:
            match = _ISO_DATE.search(zh_name)
            if match is None:
                raise CalendarError(
                    f"holidays {release}: cannot read the substituted date in "
                    f"{zh_name!r} for {day}; this holidays version is not supported",
                    f"holidays {release}：无法解析 {day} 的调休来源日期",
                )
            source = dt.date(*map(int, match.groups()))
            moved_to[source] = day
            kind = DayKind.IN_LIEU_REST
            text = Text(f"调休休息日（由 {source} 调休）", f"In-lieu rest day (moved from {source})")
        elif "补假" in zh_name:
            kind = DayKind.IN_LIEU_REST
        else:
            kind = DayKind.PUBLIC_HOLIDAY
        specials[day] = SpecialDay(day, kind, text)
    for day in weekend_workdays:
        if not first <= day <= min(last, dt.date(official_year, 12, 31)):
            continue
        rest = moved_to.get(day)
        if day.weekday() < 5 or rest is None:
            raise CalendarError(
                f"holidays {release}: the make-up working day {day} has no "
                f"matching rest day in the data; this holidays version is not supported",
                f"holidays {release}：补班日 {day} 找不到对应的调休日",
            )
        specials[day] = SpecialDay(
            day,
            DayKind.MAKEUP_WORKDAY,
            Text(f"补班（调休至 {rest} 休息）", f"Make-up working day (rest moved to {rest})"),
        )
    return WorkCalendar(
        name="CN",
        first=first,
        last=last,
        official_through=dt.date(official_year, 12, 31),
        special=specials.values(),
        zone="Asia/Shanghai",
        sources=(
            f"holidays {release} (holidays.China, State Council notices {CHINA_FIRST_YEAR}–{official_year})",
        ),
        provenance=CalendarProvenance("holidays", release, data.notices(official_year)),
    )


def _restore(calendar: WorkCalendar, pending: tuple[Notice, ...]) -> WorkCalendar:
    """The calendar with the days of change notices not yet published as the original
    arrangement had them."""
    if not pending:
        return calendar
    specials = {s.date: s for s in calendar.special}
    for notice in pending:
        for day, kind in notice.before:
            specials.pop(day, None)
            if kind is DayKind.MAKEUP_WORKDAY:
                specials[day] = SpecialDay(
                    day,
                    kind,
                    Text(
                        f"补班（{notice.number}发布前的原安排）",
                        f"Make-up working day (the arrangement before {notice.number})",
                    ),
                )
    return attrs.evolve(calendar, special=tuple(specials.values()))


def china_calendar(
    *,
    provisional: bool = False,
    provisional_years: int = _DEFAULT_PROVISIONAL_YEARS,
    makeup_workdays: bool = True,
    patches: Iterable[CalendarPatch] = (),
    as_known_on: dt.date | None = None,
) -> WorkCalendar:
    """The PRC working-day calendar (Asia/Shanghai) from the published arrangements.

    Covers 2001-01-01 through :attr:`WorkCalendar.official_through`, the end of the last
    year whose State Council arrangement the installed ``holidays`` package carries.

    Args:
        provisional: also answer for the ``provisional_years`` years after the last
            published one, from the statutory rules only (holidays and 补假, no 调休
            bridging). Such dates are flagged provisional everywhere.
        provisional_years: how many years provisional mode extends the range.
        makeup_workdays: ``False`` for sectors that do not work make-up weekends (补班).
        patches: :class:`CalendarPatch` values applied in order, e.g. a year the State
            Council has published before ``holidays`` ships it, or local closures.
        as_known_on: rebuild the calendar from only the notices published on or before
            this date (the built-in notices' dates are in :func:`china_notices`; every
            patch must then give ``published_on``, and later patches are left out).
            A year whose notice came later is answered from the statutory rules
            (provisional mode) or not at all. ``None``: everything the data holds.

    Raises:
        CalendarError: ``as_known_on`` is before the earliest notice date in the data,
            or a patch gives no publication date.

    The result is cached: equal arguments return the same immutable calendar.

    Example:
        >>> import datetime as dt
        >>> cal = china_calendar()
        >>> cal.day_kind(dt.date(2026, 10, 10)).name
        'MAKEUP_WORKDAY'
        >>> cal.add_working_days(dt.date(2026, 9, 30), 1)
        datetime.date(2026, 10, 8)
    """
    if type(provisional) is not bool or type(makeup_workdays) is not bool:
        raise InvalidTypeError(
            "provisional and makeup_workdays must be True or False",
            "provisional 与 makeup_workdays 必须是布尔值",
        )
    if type(provisional_years) is not int or not 1 <= provisional_years <= STATUTORY_SPAN:
        raise InvalidInputError(
            f"provisional_years must be an int from 1 to {STATUTORY_SPAN}, not {provisional_years!r}",
            f"provisional_years 必须是 1 到 {STATUTORY_SPAN} 之间的整数，而不是 {provisional_years!r}",
        )
    patch_tuple = () if type(patches) in (tuple, list) and not patches else _patch_values(patches)
    if as_known_on is not None:
        as_known_on = require_date(as_known_on, "as_known_on")
        for patch in patch_tuple:
            if patch.published_on is None:
                raise CalendarError(
                    f"patch {patch.name!r} gives no published_on date, so whether it was known on "
                    f"{as_known_on} cannot be decided; add published_on = YYYY-MM-DD to the patch",
                    f"补丁 {patch.name!r} 未填写发布日期 published_on，无法判断 {as_known_on} 时是否已知；"
                    f"请在补丁中填写 published_on",
                )
        patch_tuple = tuple(
            p for p in patch_tuple if p.published_on is not None and p.published_on <= as_known_on
        )
    return _china_calendar(provisional, provisional_years, makeup_workdays, patch_tuple, as_known_on)


def _patch_values(patches: object) -> tuple[CalendarPatch, ...]:
    """``patches`` as a tuple, checked (patches are imported only when some are given)."""
    from govefficiency.calendar._patch import CalendarPatch

    if isinstance(patches, CalendarPatch | str) or not isinstance(patches, Iterable):
        raise InvalidTypeError(
            f"patches must be a list of CalendarPatch values (e.g. [CalendarPatch.load(path)]), "
            f"not {type(patches).__name__}",
            "patches 必须是 CalendarPatch 的列表（如 [CalendarPatch.load(path)]）",
        )
    return instances_of(tuple(patches), CalendarPatch, "patches")


@functools.lru_cache(maxsize=32)
def _china_calendar(
    provisional: bool,
    provisional_years: int,
    makeup_workdays: bool,
    patches: tuple[CalendarPatch, ...],
    as_known_on: dt.date | None = None,
) -> WorkCalendar:
    official_year = china_data().last_year
    pending: tuple[Notice, ...] = ()
    if as_known_on is not None:
        from govefficiency.calendar._notices import china_notices, known_on

        official_year, _, pending = known_on(as_known_on, official_year)
    last_year = official_year + provisional_years if provisional else official_year
    calendar = _restore(_china_base(last_year, official_year), pending)
    if as_known_on is not None:
        known = tuple(
            n.ref() for n in china_notices() if n.published_on <= as_known_on and n.covers <= official_year
        )
        calendar = attrs.evolve(
            calendar, provenance=attrs.evolve(calendar.provenance, notices=known, as_known_on=as_known_on)
        )
    if patches:
        from govefficiency.calendar._patch import apply_patch

        for patch in patches:
            calendar = apply_patch(calendar, patch)
    if not makeup_workdays:
        calendar = calendar.without_makeup_workdays()
    return calendar


def country_calendar(
    code: str,
    *,
    years: Iterable[int],
    zone: str,
    subdiv: str | None = None,
    name: str | None = None,
) -> WorkCalendar:
    """A calendar for any country the ``holidays`` package knows (for teaching and
    other jurisdictions): its weekend, its public holidays and its weekend working days.

    Args:
        code: the ISO 3166 country code, e.g. ``"DE"`` or ``"TW"``.
        years: the contiguous years to cover.
        zone: the IANA zone in which days begin and end (required: no zone is guessed).
        subdiv: a subdivision code (state, province) where ``holidays`` supports one.
        name: the calendar's identifier; defaults to the code (and subdivision).

    Unlike :func:`china_calendar`, the whole requested range counts as official: the
    ``holidays`` package does not say which of its years are published data.
    """
    if not isinstance(code, str):
        raise InvalidTypeError(
            f"code must be a country code string, not {type(code).__name__}",
            "code 必须是国家代码字符串",
        )
    if isinstance(years, str) or not isinstance(years, Iterable):
        raise InvalidTypeError(
            f"years must be a collection of int years such as range(2024, 2027), not {type(years).__name__}",
            "years 必须是整数年份的集合，如 range(2024, 2027)",
        )
    given = list(years)
    if not given or any(type(y) is not int for y in given):
        raise InvalidInputError(
            "years must be a non-empty collection of int years", "years 必须是非空的整数年份集合"
        )
    year_list = sorted(set(given))
    if year_list != list(range(year_list[0], year_list[-1] + 1)):
        raise InvalidInputError(
            "years must be contiguous, e.g. range(2024, 2027)",
            "years 必须是连续年份，如 range(2024, 2027)",
        )
    check_zone(zone)
    import holidays
    from holidays import country_holidays

    try:
        data = country_holidays(code, subdiv=subdiv, years=year_list)
    except NotImplementedError:
        raise InvalidInputError(
            f"the holidays package has no country {code!r}"
            + (f" with subdivision {subdiv!r}" if subdiv else "")
            + "; see holidays.list_supported_countries()",
            f"holidays 包不支持国家 {code!r}" + (f"（行政区 {subdiv!r}）" if subdiv else ""),
        ) from None
    release = str(holidays.__version__)  # type: ignore[attr-defined]  # not importlib.metadata: slow
    langs = getattr(data, "supported_languages", ())
    zh = _translated(code, subdiv, year_list, "zh_CN", langs) or data
    en = _translated(code, subdiv, year_list, "en_US", langs) or data
    first, last = dt.date(year_list[0], 1, 1), dt.date(year_list[-1], 12, 31)
    specials = {
        d: SpecialDay(d, DayKind.PUBLIC_HOLIDAY, Text(zh.get(d, n), en.get(d, n)))
        for d, n in data.items()
        if first <= d <= last
    }
    for d in getattr(data, "weekend_workdays", ()):
        if first <= d <= last:
            specials[d] = SpecialDay(d, DayKind.MAKEUP_WORKDAY)
    return WorkCalendar(
        name=name or (f"{code}-{subdiv}" if subdiv else code),
        first=first,
        last=last,
        official_through=last,
        rest_weekdays=getattr(data, "weekend", (5, 6)),
        special=specials.values(),
        zone=zone,
        sources=(f"holidays {release} ({code})",),
        provenance=CalendarProvenance("holidays", release),
    )


def _translated(
    code: str, subdiv: str | None, years: list[int], lang: str, supported: Iterable[str]
) -> HolidayBase | None:
    if lang not in supported:
        return None
    from holidays import country_holidays

    result: HolidayBase = country_holidays(code, subdiv=subdiv, years=years, language=lang)
    return result
