"""Holiday blocks as a notice states them, to check a patch against the notice.

Each item of a State Council notice reads like "二、春节：2月15日至23日放假调休，共9天。
2月14日（周六）、2月28日（周六）上班。" A :class:`HolidayBlock` records exactly that — the
first and last day off, the count the notice states (共N天) and the weekend days worked
(上班) — so that :func:`require_blocks` can catch the usual slips when the notice is copied
into a patch: a count that disagrees with the dates, a weekday inside the block left
working, a make-up day the notice does not name, a rest day outside every block.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from govefficiency.calendar._kinds import DayKind
from govefficiency.errors import PatchError
from govefficiency.text import Text

__all__ = ["HolidayBlock", "require_blocks"]

_REST = frozenset({DayKind.PUBLIC_HOLIDAY, DayKind.IN_LIEU_REST})


def _date(value: object) -> dt.date:
    if type(value) is not dt.date:
        raise PatchError(
            f"a holiday block's dates must be dates (YYYY-MM-DD), not {value!r}",
            f"放假区间的日期必须是日期（YYYY-MM-DD），而不是 {value!r}",
        )
    return value


def _dates(value: Iterable[dt.date]) -> tuple[dt.date, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise PatchError(
            "a holiday block's workdays must be a list of dates", "放假区间的 workdays 必须是日期列表"
        )
    return tuple(sorted(_date(d) for d in value))


@attrs.frozen
class HolidayBlock:
    """One item of a notice: a run of days off and the weekend days worked for it.

    Attributes:
        name: the holiday's name, e.g. ``Text("春节", "Spring Festival")``.
        first: the first day off (may lie in the previous year, e.g. 2022-12-31 for
            the 2023 New Year).
        last: the last day off.
        count: the number of days off the notice states (共N天).
        workdays: the weekend days the notice says are worked (上班) for this block.
    """

    name: Text
    first: dt.date = attrs.field(converter=_date)
    last: dt.date = attrs.field(converter=_date)
    count: int
    workdays: tuple[dt.date, ...] = attrs.field(default=(), converter=_dates)

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, Text):
            raise PatchError(
                "a holiday block needs a name = { zh, en }", "放假区间必须填写名称 name = { zh, en }"
            )
        if type(self.count) is not int or self.count < 1:
            raise PatchError(
                f"{self.name.en}: count is the number of days off the notice states (共N天), "
                f"a positive integer, not {self.count!r}",
                f"{self.name.zh}：count 是通知所述放假天数（共N天），必须是正整数，而不是 {self.count!r}",
            )
        if self.last < self.first:
            raise PatchError(
                f"{self.name.en}: the last day off {self.last} is before the first {self.first}",
                f"{self.name.zh}：放假结束日 {self.last} 早于开始日 {self.first}",
            )
        span = (self.last - self.first).days + 1
        if span != self.count:
            raise PatchError(
                f"{self.name.en}: {self.first} to {self.last} is {span} days, but the block says "
                f"count = {self.count} (共{self.count}天); check both against the notice",
                f"{self.name.zh}：{self.first} 至 {self.last} 共 {span} 天，与 count = {self.count}"
                f"（共{self.count}天）不符；请对照通知核对",
            )

    def dates(self) -> Iterable[dt.date]:
        """Every day of the block, first to last."""
        return (self.first + dt.timedelta(days=i) for i in range(self.count))


def require_blocks(
    year: int, blocks: Sequence[HolidayBlock], days: Sequence[tuple[dt.date, DayKind]]
) -> None:
    """Check a patch's days against the blocks its notice states.

    Raises:
        PatchError: a weekday inside a block is not a rest day in the patch, a day inside
            a block is worked, a make-up day is not named by any block, a rest day lies
            outside every block, or two blocks overlap.
    """
    kinds = dict(days)
    covered: dict[dt.date, HolidayBlock] = {}
    named_workdays: set[dt.date] = set()
    for block in blocks:
        for day in block.dates():
            if day in covered:
                raise PatchError(
                    f"{day} lies in two holiday blocks ({covered[day].name.en}, {block.name.en})",
                    f"{day} 同时属于两个放假区间（{covered[day].name.zh}、{block.name.zh}）",
                )
            covered[day] = block
            if day.year != year:
                continue  # e.g. 2022-12-31 of the 2023 New Year: a weekend, or another patch's day
            kind = kinds.get(day)
            if kind is not None and kind not in _REST:
                raise PatchError(
                    f"{day} lies in the {block.name.en} block ({block.first}..{block.last}) but the "
                    f"patch makes it a {kind.value}",
                    f"{day} 属于{block.name.zh}放假区间（{block.first}..{block.last}），补丁却将其列为{kind.label.zh}",
                )
            if kind is None and day.weekday() < 5:
                raise PatchError(
                    f"{day} ({day:%A}) lies in the {block.name.en} block ({block.first}..{block.last}, "
                    f"{block.count} days) but is not listed as a public_holiday or in_lieu_rest day",
                    f"{day}（工作日）属于{block.name.zh}放假区间（{block.first}..{block.last}，共{block.count}天），"
                    f"但补丁未将其列为法定节假日或调休休息日",
                )
        for day in block.workdays:
            named_workdays.add(day)
            if day.year == year and kinds.get(day) is not DayKind.MAKEUP_WORKDAY:
                raise PatchError(
                    f"{day} is a working day (上班) of the {block.name.en} block but is not listed as a "
                    f"makeup_workday",
                    f"{day} 是{block.name.zh}安排中的上班日，但补丁未将其列为补班日",
                )
    for day, kind in days:
        if kind in _REST and day not in covered:
            raise PatchError(
                f"{day} is a {kind.value} in the patch but lies in no holiday block; add it to its "
                f"block or correct the date",
                f"{day} 在补丁中为{kind.label.zh}，但不属于任何放假区间；请补入相应区间或更正日期",
            )
        if kind is DayKind.MAKEUP_WORKDAY and day not in named_workdays:
            raise PatchError(
                f"{day} is a makeup_workday in the patch but no block names it among its workdays "
                f"(上班); add it to the block's workdays or correct the date",
                f"{day} 在补丁中为补班日，但没有放假区间在 workdays（上班）中列出它；请补入或更正日期",
            )
