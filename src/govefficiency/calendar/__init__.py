"""Working-day calendars (工作日历): the official PRC arrangement, patches and variants.

Build a calendar with :func:`china_calendar` (or :func:`country_calendar`,
:meth:`WorkCalendar.custom`) and ask it about days and working-day arithmetic. Every
answer comes from a precomputed index: O(1) per call, never a day-by-day loop.
"""

from typing import TYPE_CHECKING, Any

from govefficiency.calendar._blocks import HolidayBlock
from govefficiency.calendar._calendar import SpecialDay, WorkCalendar
from govefficiency.calendar._china import CHINA_FIRST_YEAR, china_calendar, country_calendar
from govefficiency.calendar._impact import (
    CalendarImpact,
    DayChange,
    DeadlineBatch,
    DueDate,
    ImpactEntry,
    ImpactError,
    calendar_impact,
    day_changes,
    recompute_as_known_on,
)
from govefficiency.calendar._kinds import DEFAULT_WORKING_KINDS, DayInfo, DayKind
from govefficiency.calendar._notices import Notice, china_notices
from govefficiency.calendar._patch import CalendarPatch
from govefficiency.calendar._version import CalendarProvenance, CalendarVersion, NoticeRef

if TYPE_CHECKING:
    from govefficiency.calendar._arrays import CalendarArrays, calendar_arrays


def __getattr__(name: str) -> Any:
    # PEP 562: the numpy index loads (and imports numpy) on first use only.
    if name in ("CalendarArrays", "calendar_arrays"):
        from govefficiency.calendar import _arrays

        value = getattr(_arrays, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'govefficiency.calendar' has no attribute {name!r}")


__all__ = [
    "CHINA_FIRST_YEAR",
    "DEFAULT_WORKING_KINDS",
    "CalendarArrays",
    "CalendarImpact",
    "CalendarPatch",
    "CalendarProvenance",
    "CalendarVersion",
    "DayChange",
    "DayInfo",
    "DayKind",
    "DeadlineBatch",
    "DueDate",
    "HolidayBlock",
    "ImpactEntry",
    "ImpactError",
    "Notice",
    "NoticeRef",
    "SpecialDay",
    "WorkCalendar",
    "calendar_arrays",
    "calendar_impact",
    "china_calendar",
    "china_notices",
    "country_calendar",
    "day_changes",
    "recompute_as_known_on",
]
