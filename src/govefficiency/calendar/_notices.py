"""The State Council notices behind the built-in PRC data, with their publication dates.

The table is data (``_notices.toml``), each row cited with its document number and how it
was verified. :func:`china_calendar(as_known_on=…) <govefficiency.china_calendar>` uses
it to rebuild the calendar from only the notices published on or before a date.
"""

from __future__ import annotations

import datetime as dt
import functools
from importlib.resources import files

import attrs

from govefficiency._loading import read_document
from govefficiency.calendar._kinds import DayKind
from govefficiency.calendar._version import NoticeRef
from govefficiency.errors import CalendarError, PatchError

__all__ = ["Notice", "china_notices"]

_BEFORE_KINDS = (DayKind.WORKDAY, DayKind.WEEKEND, DayKind.MAKEUP_WORKDAY)


@attrs.frozen
class Notice:
    """A State Council General Office notice on the holiday arrangement.

    Attributes:
        covers: the year whose arrangement it sets or changes.
        kind: ``"arrangement"`` (the yearly notice) or ``"change"`` (a later notice that
            changes a published arrangement, e.g. 国办发明电〔2019〕3号).
        number: the document number (发文字号), e.g. ``"国办发明电〔2025〕7号"``.
        title: the notice's title.
        signed_on: the date under the signature (成文日期).
        published_on: the day it was published (发布日期): what "as known on" uses.
        url: where it was published on www.gov.cn; ``None`` when the address was not
            verified.
        checked: how the number and dates were verified.
        before: for a change notice, the days it changed as the original arrangement had
            them (date, kind); ``()`` for an arrangement.
    """

    covers: int
    kind: str
    number: str
    title: str
    signed_on: dt.date
    published_on: dt.date
    url: str | None
    checked: str
    before: tuple[tuple[dt.date, DayKind], ...] = ()

    def ref(self) -> NoticeRef:
        """The notice as a :class:`NoticeRef` for a calendar version."""
        label = f"{'arrangement' if self.kind == 'arrangement' else 'change'} {self.covers}"
        return NoticeRef(label, self.number, self.published_on)


@functools.cache
def china_notices() -> tuple[Notice, ...]:
    """The built-in notices 2019–, in publication order (read from ``_notices.toml``).

    Example:
        >>> [n.number for n in china_notices() if n.covers == 2026]
        ['国办发明电〔2025〕7号']
    """
    source = files("govefficiency.calendar").joinpath("_notices.toml")
    doc = read_document(str(source), error=PatchError)
    notices: list[Notice] = []
    for table in doc.tables("notices"):
        kind = table.string("kind", choices=("arrangement", "change"))
        before: list[tuple[dt.date, DayKind]] = []
        for entry in table.tables("before", []):
            day_kind = entry.member("kind", DayKind)
            entry.check(
                "kind", day_kind in _BEFORE_KINDS, "must be workday, weekend or makeup_workday", "类型无效"
            )
            before.append((entry.date("date"), day_kind))
            entry.finish()
        notice = Notice(
            covers=table.integer("covers", minimum=2001, maximum=2200),
            kind=kind,
            number=table.string("number"),
            title=table.string("title"),
            signed_on=table.date("signed_on"),
            published_on=table.date("published_on"),
            url=table.string("url", None),
            checked=table.string("checked"),
            before=tuple(before),
        )
        table.check(
            "before",
            (kind == "change") == bool(before),
            "only change notices list days",
            "仅变更通知列出日期",
        )
        table.finish()
        notices.append(notice)
    doc.finish()
    notices.sort(key=lambda n: (n.published_on, n.covers))
    return tuple(notices)


#: The earliest ``as_known_on`` the table can answer: the 2019 notice's publication date.
def earliest_known_on() -> dt.date:
    """The first date ``as_known_on`` accepts (the earliest notice's publication)."""
    return china_notices()[0].published_on


def known_on(on: dt.date, data_last_year: int) -> tuple[int, tuple[Notice, ...], tuple[Notice, ...]]:
    """For ``as_known_on=on``: the last arrangement year known, the notices known, and the
    change notices not yet published whose ``before`` days must be restored.

    Raises:
        CalendarError: ``on`` is before the earliest notice in the table.
    """
    notices = china_notices()
    first = notices[0].published_on
    if on < first:
        raise CalendarError(
            f"as_known_on={on} is before {first}, the publication of the earliest notice whose "
            f"date the built-in table carries ({notices[0].number}); the publication dates of "
            f"earlier notices are not in the data, so what was known then cannot be rebuilt",
            f"as_known_on={on} 早于内置通知表中最早一份通知（{notices[0].number}）的发布日期 {first}；"
            f"更早通知的发布日期不在数据中，无法重建当时已知的日历",
        )
    known = tuple(n for n in notices if n.published_on <= on and n.covers <= data_last_year)
    years = [n.covers for n in known if n.kind == "arrangement"]
    year = max(years) if years else first.year
    pending = tuple(n for n in notices if n.kind == "change" and n.published_on > on and n.covers <= year)
    return year, known, pending
