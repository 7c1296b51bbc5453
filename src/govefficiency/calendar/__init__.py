"""Working-day calendars (工作日历): the official PRC arrangement, patches and variants.

Build a calendar with :func:`china_calendar` (or :func:`country_calendar`,
:meth:`WorkCalendar.custom`) and ask it about days and working-day arithmetic. Every
answer comes from a precomputed index: O(1) per call, never a day-by-day loop.
"""

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

__all__ = [
    "CHINA_FIRST_YEAR",
    "DEFAULT_WORKING_KINDS",
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
    "calendar_impact",
    "china_calendar",
    "china_notices",
    "country_calendar",
    "day_changes",
    "recompute_as_known_on",
]
