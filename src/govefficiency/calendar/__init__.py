"""Working-day calendars (工作日历): the official PRC arrangement, patches and variants.

Build a calendar with :func:`china_calendar` (or :func:`country_calendar`,
:meth:`WorkCalendar.custom`) and ask it about days and working-day arithmetic. Every
answer comes from a precomputed index: O(1) per call, never a day-by-day loop.
"""

from typing import TYPE_CHECKING

from govefficiency._lazy import lazy_exports
from govefficiency.calendar._calendar import SpecialDay, WorkCalendar
from govefficiency.calendar._china import CHINA_FIRST_YEAR, china_calendar, country_calendar
from govefficiency.calendar._kinds import DEFAULT_WORKING_KINDS, DayInfo, DayKind
from govefficiency.calendar._version import CalendarProvenance, CalendarVersion, NoticeRef

if TYPE_CHECKING:
    from govefficiency.calendar._arrays import CalendarArrays, calendar_arrays
    from govefficiency.calendar._blocks import HolidayBlock
    from govefficiency.calendar._impact import calendar_impact, day_changes, recompute_as_known_on
    from govefficiency.calendar._impact_types import (
        CalendarImpact,
        DayChange,
        DeadlineBatch,
        DueDate,
        ImpactEntry,
        ImpactError,
    )
    from govefficiency.calendar._io import dump_patch, dumps_patch, load_patch, loads_patch
    from govefficiency.calendar._notices import Notice, china_notices
    from govefficiency.calendar._patch import CalendarPatch

# PEP 562: loaded on first use — the numpy index (which imports numpy), the impact
# analysis, holiday blocks, patches and the notice table (which read TOML files), which a
# deadline computation does not need.
_LAZY = {
    "CalendarPatch": "_patch",
    "load_patch": "_io",
    "loads_patch": "_io",
    "dump_patch": "_io",
    "dumps_patch": "_io",
    "Notice": "_notices",
    "china_notices": "_notices",
    "CalendarArrays": "_arrays",
    "calendar_arrays": "_arrays",
    "HolidayBlock": "_blocks",
    "CalendarImpact": "_impact_types",
    "DayChange": "_impact_types",
    "DeadlineBatch": "_impact_types",
    "DueDate": "_impact_types",
    "ImpactEntry": "_impact_types",
    "ImpactError": "_impact_types",
    "calendar_impact": "_impact",
    "day_changes": "_impact",
    "recompute_as_known_on": "_impact",
}


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())


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
    "dump_patch",
    "dumps_patch",
    "load_patch",
    "loads_patch",
    "recompute_as_known_on",
]
