"""Calendar patches: a newly published year, local closures, local extra working days.

The file format (TOML or JSON) is documented in ``docs/calendar.md``::

    year = 2027                 # required: every date must lie in this year
    complete = true             # the patch is the year's whole official arrangement
    source = "国务院办公厅关于2027年部分节假日安排的通知"  # required: where the data comes from
    notice = "国办发明电〔2026〕N号"  # optional: the document number
    published_on = 2026-11-05   # optional: the day the notice was published
    name = "2027 arrangement"   # optional
    correction = false          # optional: true to replace a year the data already holds

    [[blocks]]                  # optional: each item of the notice, checked against days
    name = { zh = "春节", en = "Spring Festival" }
    first = 2027-02-05
    last = 2027-02-12
    count = 8                   # 共8天
    workdays = [2027-01-31, 2027-02-20]   # 上班

    [[days]]
    date = 2027-01-01
    kind = "public_holiday"     # public_holiday | in_lieu_rest | makeup_workday
                                # | local_closure | local_workday
    name = { zh = "元旦", en = "New Year's Day" }   # required for rest days
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from govefficiency._filed import Filed
from govefficiency._format import (
    Bilingual,
    Bool,
    Choice,
    Date,
    Format,
    Int,
    Key,
    ListOf,
    Refused,
    Str,
    Tables,
    first_repeat,
)
from govefficiency._loading import Fields
from govefficiency._validators import check_iterable
from govefficiency.calendar._blocks import HolidayBlock, require_blocks
from govefficiency.calendar._calendar import SpecialDay, WorkCalendar
from govefficiency.calendar._kinds import DayKind
from govefficiency.calendar._version import NoticeRef
from govefficiency.errors import PatchError

__all__ = ["CalendarPatch", "apply_patch"]

_NAMED_KINDS = frozenset({DayKind.PUBLIC_HOLIDAY, DayKind.IN_LIEU_REST, DayKind.LOCAL_CLOSURE})
_PATCH_KINDS = (
    DayKind.PUBLIC_HOLIDAY,
    DayKind.IN_LIEU_REST,
    DayKind.MAKEUP_WORKDAY,
    DayKind.LOCAL_CLOSURE,
    DayKind.LOCAL_WORKDAY,
)


def _fail(en: str, zh: str) -> PatchError:
    return PatchError(en, zh)


def _to_days(value: Iterable[SpecialDay]) -> tuple[SpecialDay, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise _fail(
            f"patch days must be a list of SpecialDay values, not {type(value).__name__}",
            f"补丁的 days 必须是 SpecialDay 列表，而不是 {type(value).__name__}",
        )
    return tuple(value)


def _blocks(value: object) -> tuple[HolidayBlock, ...]:
    return check_iterable(value, "CalendarPatch.blocks")


@attrs.frozen
class CalendarPatch(Filed):
    """Dated changes to a calendar, validated on construction.

    Attributes:
        year: every date of the patch lies in this year.
        source: where the data comes from (the notice's number, a local decision).
        days: the changed days (kind and name), each date at most once.
        complete: ``True`` when the patch is the year's whole published arrangement:
            applying it replaces that year's data and extends ``official_through``.
        name: a short label for traces; defaults to ``"patch <year>"``.
        notice: the notice's document number (e.g. ``"国办发明电〔2026〕N号"``), or
            ``None`` when it has none (a local decision without a number).
        published_on: the day the notice was published, or ``None`` when not given
            (required by ``china_calendar(as_known_on=…)``).
        blocks: the notice's items (runs of days off with their stated count and the
            weekend days worked); when given, ``days`` is checked against them.
        correction: ``True`` when a complete patch deliberately replaces a year the data
            already holds differently (e.g. a change notice); otherwise such a patch is
            refused.
    """

    year: int
    source: str
    days: tuple[SpecialDay, ...] = attrs.field(converter=_to_days)
    complete: bool = False
    name: str = ""
    notice: str | None = None
    published_on: dt.date | None = None
    blocks: tuple[HolidayBlock, ...] = attrs.field(default=(), converter=_blocks)
    correction: bool = False

    def __attrs_post_init__(self) -> None:
        if type(self.year) is not int or not 1950 <= self.year <= 2200:
            raise _fail(
                f"patch year must be an integer year such as 2027, not {self.year!r}",
                f"补丁年份必须是整数年份（如 2027），而不是 {self.year!r}",
            )
        if not isinstance(self.source, str) or not self.source.strip():
            raise _fail(
                "a patch needs a non-empty 'source' naming where its data comes from",
                "补丁必须填写 source，说明数据来源",
            )
        if type(self.complete) is not bool:
            raise _fail("'complete' must be true or false", "complete 必须是 true 或 false")
        if not isinstance(self.name, str):
            raise _fail(
                f"a patch's name must be a str, not {type(self.name).__name__}",
                "补丁名称必须是字符串",
            )
        if not self.name:
            object.__setattr__(self, "name", f"patch {self.year}")
        if self.notice is not None and (not isinstance(self.notice, str) or not self.notice.strip()):
            raise _fail(
                "notice must be the notice's document number (e.g. 国办发明电〔2026〕N号) or left out",
                "notice 必须是通知的发文字号（如 国办发明电〔2026〕N号），或不填",
            )
        if self.published_on is not None and type(self.published_on) is not dt.date:
            raise _fail(
                f"published_on must be a date (YYYY-MM-DD), not {self.published_on!r}",
                f"published_on 必须是日期（YYYY-MM-DD），而不是 {self.published_on!r}",
            )
        if type(self.correction) is not bool:
            raise _fail("'correction' must be true or false", "correction 必须是 true 或 false")
        if not all(isinstance(b, HolidayBlock) for b in self.blocks):
            raise _fail("blocks must be HolidayBlock values", "blocks 必须是 HolidayBlock")
        seen: set[dt.date] = set()
        for day in self.days:
            _check_day(day, self.year)
            if day.date in seen:
                raise _fail(
                    f"{day.date} is listed twice in the patch for {self.year}",
                    f"{day.date} 在 {self.year} 年补丁中重复出现",
                )
            seen.add(day.date)
        if self.blocks:
            require_blocks(self.year, self.blocks, [(d.date, d.kind) for d in self.days])

    def ref(self) -> NoticeRef:
        """The patch as a :class:`NoticeRef` (what a calendar version records)."""
        return NoticeRef(self.name, self.notice, self.published_on)


def _day_prepare(entry: Fields, values: dict[str, Any]) -> dict[str, Any]:
    kind = values["kind"]
    entry.check(
        "kind",
        kind in _PATCH_KINDS,
        f"kind {kind.value!r} cannot be patched; use one of {', '.join(k.value for k in _PATCH_KINDS)}",
        f"类型 {kind.value!r} 不能用于补丁",
    )
    return values


def _patch_prepare(doc: Fields, values: dict[str, Any]) -> dict[str, Any]:
    """Each day within the year and listed once (located at the day), and a complete
    patch lists some days."""
    if values["notice"] is not None:
        doc.check("notice", bool(values["notice"].strip()), "must not be empty", "不能为空")
    days = values["days"]
    repeat = first_repeat(days, lambda day: day.date)
    for i, day in enumerate(days):
        if repeat is not None and i == repeat[0]:
            raise doc.fail(
                f"days[{i}].date",
                f"{day.date} is listed twice (also at days[{repeat[1]}])",
                f"{day.date} 重复出现（另见 days[{repeat[1]}]）",
            )
        doc.build_at(f"days[{i}].date", _check_day, day, values["year"])
    if values["complete"] and not values["days"]:
        raise doc.fail(
            "days",
            "a complete patch lists the year's days off and make-up days ([[days]]); this one lists none",
            "完整年度补丁必须列出当年的放假日和补班日（[[days]]）；本补丁一个也没有",
        )
    return values


_DAY = Format(
    "patch-day",
    "a changed day: its date, kind and (for a rest day) name",
    (
        Key("date", Date()),
        Key("kind", Choice(DayKind), description=", ".join(k.value for k in _PATCH_KINDS)),
        Key("name", Bilingual(), default=None, description="required for rest days"),
    ),
    build=SpecialDay,
    prepare=_day_prepare,
)

_BLOCK = Format(
    "holiday-block",
    "one item of a notice: a run of days off and the weekend days worked for it",
    (
        Key("name", Bilingual()),
        Key("first", Date(), description="the first day off"),
        Key("last", Date(), description="the last day off"),
        Key("count", Int(1, 366), description="the number of days off the notice states (共N天)"),
        Key("workdays", ListOf(Date()), default=(), description="the weekend days worked (上班)"),
    ),
    build=HolidayBlock,
)

#: The calendar patch file format (``govefficiency schema calendar-patch``).
PATCH = Format(
    "calendar-patch",
    "a year's holiday arrangement or local closures (calendar patch)",
    (
        Key(
            "template",
            Refused(
                "this is the unfilled patch template: fill in every value from the published notice "
                "(see docs/calendar.md, 'Writing next year's patch'), then delete the line "
                "'template = true'",
                "这是未填写的补丁模板：请按已发布的通知填写全部内容（见 docs/calendar.md“编写下一年的补丁”），"
                "然后删除 template = true 这一行",
            ),
            default=None,
        ),
        Key("year", Int(1950, 2200), description="every date of the patch lies in this year"),
        Key("complete", Bool(), default=False, description="the patch is the year's whole arrangement"),
        Key("source", Str(), description="where the data comes from"),
        Key("notice", Str(), default=None, description="the notice's document number"),
        Key("published_on", Date(), default=None, description="the day the notice was published"),
        Key("name", Str(), default="", dump_default=False),
        Key("correction", Bool(), default=False, description="replaces a year the data already holds"),
        Key("blocks", Tables(_BLOCK), default=(), dump_default=False),
        Key("days", Tables(_DAY), default=()),
    ),
    build=lambda template, **values: CalendarPatch(**values),
    error=PatchError,
    prepare=_patch_prepare,
)
CalendarPatch._file_format = PATCH


def _check_day(day: SpecialDay, year: int) -> None:
    if not isinstance(day, SpecialDay):
        raise _fail(
            f"patch days must be SpecialDay values, not {type(day).__name__}",
            "补丁中的日期必须是 SpecialDay",
        )
    if day.date.year != year:
        raise _fail(
            f"{day.date} lies outside the patch's stated year {year}",
            f"{day.date} 不在补丁声明的年份 {year} 内",
        )
    if day.kind not in _PATCH_KINDS:
        raise _fail(
            f"{day.date}: kind {day.kind.value!r} cannot be patched",
            f"{day.date}：类型 {day.kind.value!r} 不能用于补丁",
        )
    weekend = day.date.weekday() >= 5
    if day.kind is DayKind.MAKEUP_WORKDAY and not weekend:
        raise _fail(
            f"{day.date} is a {day.date:%A}: a make-up working day (补班) must be a Saturday "
            f"or Sunday; for a weekday use another kind",
            f"{day.date} 不是周六或周日：补班日必须是周末",
        )
    if day.kind is DayKind.IN_LIEU_REST and weekend:
        raise _fail(
            f"{day.date} is a {day.date:%A}: an in-lieu rest day (调休) must be a weekday",
            f"{day.date} 是周末：调休休息日必须是工作日（周一至周五）",
        )
    if day.kind in _NAMED_KINDS and day.name is None:
        raise _fail(
            f'{day.date}: a {day.kind.value} needs a name = {{ zh = "…", en = "…" }}',
            f'{day.date}：{day.kind.label.zh}必须填写名称 name = {{ zh = "…", en = "…" }}',
        )


def apply_patch(calendar: WorkCalendar, patch: CalendarPatch) -> WorkCalendar:
    """A new calendar with ``patch`` applied (see :meth:`WorkCalendar.with_patch`)."""
    if not isinstance(patch, CalendarPatch):
        raise PatchError(f"expected a CalendarPatch, not {type(patch).__name__}", "需要 CalendarPatch 对象")
    year_start, year_end = dt.date(patch.year, 1, 1), dt.date(patch.year, 12, 31)
    first, last, official = calendar.first, calendar.last, calendar.official_through
    specials = {s.date: s for s in calendar.special}
    if patch.complete:
        if patch.year > official.year + 1:
            raise PatchError(
                f"the patch for {patch.year} would leave {official.year + 1}.."
                f"{patch.year - 1} without a published arrangement; add those years first",
                f"{patch.year} 年的补丁会使 {official.year + 1}..{patch.year - 1} "
                f"年缺少已发布的放假安排；请先补充这些年份",
            )
        if year_start < first:
            raise PatchError(
                f"the patch for {patch.year} lies before the calendar's first date {first}",
                f"{patch.year} 年的补丁早于日历起始日期 {first}",
            )
        if patch.year <= official.year and not patch.correction:
            _check_agrees(calendar, patch)
        specials = {d: s for d, s in specials.items() if d.year != patch.year}
        last = max(last, year_end)
        official = max(official, year_end)
    else:
        for day in patch.days:
            if not first <= day.date <= last:
                raise PatchError(
                    f"{day.date} (patch {patch.name!r}) lies outside the calendar's range "
                    f"{first}..{last}; patch the whole year (complete = true) first",
                    f"{day.date}（补丁 {patch.name!r}）不在日历范围 {first}..{last} 内；"
                    f"请先以 complete = true 补全该年",
                )
            working_now = calendar.is_working_day(day.date)
            if day.kind is DayKind.LOCAL_WORKDAY and working_now:
                raise PatchError(
                    f"{day.date} is already a working day; a local extra working day must be a rest day",
                    f"{day.date} 已是工作日",
                )
            if day.kind is DayKind.LOCAL_CLOSURE and not working_now:
                raise PatchError(
                    f"{day.date} is already a rest day; a local closure must be a working day",
                    f"{day.date} 已是休息日",
                )
    for day in patch.days:
        specials[day.date] = day
    return attrs.evolve(
        calendar,
        first=first,
        last=last,
        official_through=official,
        special=tuple(specials.values()),
        sources=(*calendar.sources, f"{patch.name}: {patch.source}"),
        provenance=calendar.provenance.with_patch(patch.ref()),
    )


def _check_agrees(calendar: WorkCalendar, patch: CalendarPatch) -> None:
    """Refuse a complete patch for a year the data already holds with other day kinds."""
    old = {s.date: s.kind for s in calendar.special if s.date.year == patch.year}
    new = {d.date: d.kind for d in patch.days}
    differ = sorted(
        d
        for d in old.keys() | new.keys()
        if old.get(d, _weekly(calendar, d)) is not new.get(d, _weekly(calendar, d))
    )
    if differ:
        shown = ", ".join(
            f"{d} {old.get(d, _weekly(calendar, d)).value} -> {new.get(d, _weekly(calendar, d)).value}"
            for d in differ[:5]
        )
        more = f" and {len(differ) - 5} more" if len(differ) > 5 else ""
        raise PatchError(
            f"the data already covers {patch.year} ({calendar.version.provenance.data_source} "
            f"{calendar.version.provenance.data_release}) and the patch {patch.name!r} differs from it: "
            f"{shown}{more}. If the patch is a deliberate correction (a change notice), set "
            f"correction = true; otherwise check its year",
            f"数据已包含 {patch.year} 年的安排，补丁 {patch.name!r} 与之不同：{shown}"
            f"{'等' if more else ''}。若补丁是有意的更正（变更通知），请设置 correction = true；否则请核对年份",
        )


def _weekly(calendar: WorkCalendar, day: dt.date) -> DayKind:
    return DayKind.WEEKEND if day.weekday() in calendar.rest_weekdays else DayKind.WORKDAY
