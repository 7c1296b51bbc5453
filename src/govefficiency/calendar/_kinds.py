"""Day kinds (工作日、休息日、法定节假日、调休、补班) and the per-day answer value."""

from __future__ import annotations

import datetime as dt

import attrs

from govefficiency.text import LabelledEnum, Text

__all__ = ["DayInfo", "DayKind"]


class DayKind(LabelledEnum):
    """What kind of day a date is in a working-day calendar.

    Members:
        WORKDAY: an ordinary working day (工作日), Monday–Friday in China.
        WEEKEND: an ordinary weekly rest day (休息日/公休日).
        PUBLIC_HOLIDAY: a statutory public holiday (法定节假日), e.g. 1–3 October; also a
            one-off holiday decreed by the State Council (2015-09-03, the 2020 Spring
            Festival extension).
        IN_LIEU_REST: a weekday made a rest day (调休休息日): either moved there from a
            weekend that is worked instead (调休), or given because a statutory holiday
            fell on a weekend (补假, 《全国年节及纪念日放假办法》 art. 6).
        MAKEUP_WORKDAY: a Saturday or Sunday that is worked to pay back an in-lieu rest
            day (补班/调休上班).
        LOCAL_CLOSURE: a day a locality closed its offices (e.g. a typhoon day), added by
            a patch.
        LOCAL_WORKDAY: a rest day a locality declared a working day, added by a patch.
    """

    WORKDAY = ("workday", "工作日", "working day")
    WEEKEND = ("weekend", "休息日", "weekend")
    PUBLIC_HOLIDAY = ("public_holiday", "法定节假日", "public holiday")
    IN_LIEU_REST = ("in_lieu_rest", "调休休息日", "in-lieu rest day")
    MAKEUP_WORKDAY = ("makeup_workday", "补班日", "make-up working day")
    LOCAL_CLOSURE = ("local_closure", "本地停止办公日", "local closure")
    LOCAL_WORKDAY = ("local_workday", "本地加班工作日", "local extra working day")

    @property
    def code(self) -> int:
        """A small integer identifying the kind inside the calendar index."""
        return _CODES[self]


KINDS_BY_CODE: tuple[DayKind, ...] = tuple(DayKind)
_CODES = {kind: i for i, kind in enumerate(KINDS_BY_CODE)}

#: The kinds on which offices work, by default.
DEFAULT_WORKING_KINDS = frozenset({DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY, DayKind.LOCAL_WORKDAY})


@attrs.frozen
class DayInfo:
    """Everything a calendar knows about one date.

    Attributes:
        date: the date.
        kind: its :class:`DayKind`.
        working: whether offices work that day in this calendar (a make-up working day
            is a working day, except in a calendar built without them).
        name: the holiday's or special day's name in zh and en; ``None`` for ordinary
            working days and weekends.
        provisional: ``True`` when the date lies beyond the published arrangement and
            the answer comes from the statutory rules alone (provisional mode).
    """

    date: dt.date
    kind: DayKind
    working: bool
    name: Text | None
    provisional: bool
