"""govefficiency: the machinery of Chinese administrative efficiency as domain models.

Working-day legal deadlines, lead/assist responsibility graphs, major-decision procedure
validators, checklist ledgers and escalation policies. The public API is re-exported
here; submodules hold the details.
"""

from importlib.metadata import PackageNotFoundError, version

from govefficiency.calendar import (
    CalendarPatch,
    DayInfo,
    DayKind,
    SpecialDay,
    WorkCalendar,
    china_calendar,
    country_calendar,
)
from govefficiency.citation import Citation
from govefficiency.errors import (
    CalendarCoverageError,
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
    LoadError,
    NaiveDatetimeError,
    PatchError,
)
from govefficiency.findings import Finding, FindingCode, Severity, has_errors, sort_findings
from govefficiency.text import Text

try:
    __version__ = version("govefficiency")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "CalendarCoverageError",
    "CalendarPatch",
    "Citation",
    "DayInfo",
    "DayKind",
    "Finding",
    "FindingCode",
    "GovEfficiencyError",
    "InvalidInputError",
    "InvalidTypeError",
    "LoadError",
    "NaiveDatetimeError",
    "PatchError",
    "Severity",
    "SpecialDay",
    "Text",
    "WorkCalendar",
    "__version__",
    "china_calendar",
    "country_calendar",
    "has_errors",
    "sort_findings",
]
