"""govefficiency: the machinery of Chinese administrative efficiency as domain models.

Working-day legal deadlines, lead/assist responsibility graphs, major-decision procedure
validators, checklist ledgers and escalation policies. The names most programs need are
re-exported here; each subpackage holds the rest:

* :mod:`govefficiency.calendar` — the official working-day calendar (调休, 补班);
* :mod:`govefficiency.deadlines` — periods, deadlines, statute presets, live clocks;
* :mod:`govefficiency.responsibility` — lead/assist responsibility graphs and checks;
* :mod:`govefficiency.decisions` — the major-decision procedure validator and planner;
* :mod:`govefficiency.ledger` — checklist ledgers and the annual review cycle;
* :mod:`govefficiency.escalation` — escalation policies and the accountability ladder.
"""

import importlib.metadata as _metadata

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
from govefficiency.deadlines import (
    CalendarDays,
    Deadline,
    DeadlineClock,
    Extension,
    Hours,
    Months,
    StatuteRule,
    Suspension,
    WorkingDays,
    Years,
    compute_deadline,
    due_dates,
    get_rule,
    latest_date_before,
    statuses_at,
)
from govefficiency.decisions import (
    DecisionPlan,
    DecisionRecord,
    Matter,
    ProcedureSpec,
    plan_decision,
    preset_procedure,
    validate_decision,
)
from govefficiency.errors import (
    AssessmentError,
    CalendarCoverageError,
    CalendarError,
    ClockEventError,
    DeadlineError,
    DecisionError,
    DecisionRecordError,
    EscalationError,
    ExtensionError,
    GovEfficiencyError,
    InvalidInputError,
    InvalidTypeError,
    LedgerError,
    LedgerIntegrityError,
    LoadError,
    NaiveDatetimeError,
    PatchError,
    PolicyError,
    ProcedureSpecError,
    ResponsibilityError,
    RuleError,
    SuspensionError,
    UnknownNodeError,
)
from govefficiency.escalation import (
    AccountabilityEvent,
    AccountabilityForm,
    AccountabilityLadder,
    CaseParties,
    ClockCase,
    DatedCase,
    Policy,
    evaluate,
    get_policy,
    ledger_cases,
)
from govefficiency.findings import Finding, FindingCode, Severity, has_errors, sort_findings
from govefficiency.ledger import (
    ChecklistItem,
    Ledger,
    SqliteStore,
    TimeNode,
    june_check,
    reconcile,
    settle,
    supervision_rates,
)
from govefficiency.responsibility import (
    ResponsibilityGraph,
    delay_impact,
    dispute_coordinator,
    escalation_chain,
    load_org,
    route_reminder,
)
from govefficiency.text import Text

try:
    __version__ = _metadata.version("govefficiency")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "AccountabilityEvent",
    "AccountabilityForm",
    "AccountabilityLadder",
    "AssessmentError",
    "CalendarCoverageError",
    "CalendarDays",
    "CalendarError",
    "CalendarPatch",
    "CaseParties",
    "ChecklistItem",
    "Citation",
    "ClockCase",
    "ClockEventError",
    "DatedCase",
    "DayInfo",
    "DayKind",
    "Deadline",
    "DeadlineClock",
    "DeadlineError",
    "DecisionError",
    "DecisionPlan",
    "DecisionRecord",
    "DecisionRecordError",
    "EscalationError",
    "Extension",
    "ExtensionError",
    "Finding",
    "FindingCode",
    "GovEfficiencyError",
    "Hours",
    "InvalidInputError",
    "InvalidTypeError",
    "Ledger",
    "LedgerError",
    "LedgerIntegrityError",
    "LoadError",
    "Matter",
    "Months",
    "NaiveDatetimeError",
    "PatchError",
    "Policy",
    "PolicyError",
    "ProcedureSpec",
    "ProcedureSpecError",
    "ResponsibilityError",
    "ResponsibilityGraph",
    "RuleError",
    "Severity",
    "SpecialDay",
    "SqliteStore",
    "StatuteRule",
    "Suspension",
    "SuspensionError",
    "Text",
    "TimeNode",
    "UnknownNodeError",
    "WorkCalendar",
    "WorkingDays",
    "Years",
    "__version__",
    "china_calendar",
    "compute_deadline",
    "country_calendar",
    "delay_impact",
    "dispute_coordinator",
    "due_dates",
    "escalation_chain",
    "evaluate",
    "get_policy",
    "get_rule",
    "has_errors",
    "june_check",
    "latest_date_before",
    "ledger_cases",
    "load_org",
    "plan_decision",
    "preset_procedure",
    "reconcile",
    "route_reminder",
    "settle",
    "sort_findings",
    "statuses_at",
    "supervision_rates",
    "validate_decision",
]
