"""govefficiency: the machinery of Chinese administrative efficiency as domain models.

Working-day legal deadlines, lead/assist responsibility graphs, major-decision procedure
validators, checklist ledgers, escalation, accountability, performance assessment, window
services and approval flows. The names most programs need are re-exported here (imported
on first use); each subpackage holds the rest:

* :mod:`govefficiency.calendar` — the official working-day calendar (调休, 补班);
* :mod:`govefficiency.deadlines` — periods, deadlines, statute presets, live clocks;
* :mod:`govefficiency.responsibility` — lead/assist responsibility graphs and checks;
* :mod:`govefficiency.decisions` — the major-decision procedure validator and planner;
* :mod:`govefficiency.ledger` — checklist ledgers and the annual review cycle;
* :mod:`govefficiency.escalation` — escalation policies, letters with 送/报/抄送;
* :mod:`govefficiency.accountability` — the accountability ladder, proposals and filing;
* :mod:`govefficiency.assessment` — performance assessment (绩效考评);
* :mod:`govefficiency.services` — window services (窗口服务);
* :mod:`govefficiency.approvals` — approval flows (审批流程).
"""

import typing as _typing

#: The version, written here (not read from the installed metadata at import time, which
#: costs tens of milliseconds); pyproject.toml takes it from this line.
__version__ = "0.1.0"

if _typing.TYPE_CHECKING:
    from govefficiency.accountability import (
        AccountabilityEvent,
        AccountabilityForm,
        AccountabilityLadder,
        Proposal,
        propose_accountability,
    )
    from govefficiency.calendar import (
        CalendarPatch,
        DayInfo,
        DayKind,
        SpecialDay,
        WorkCalendar,
        china_calendar,
        country_calendar,
    )
    from govefficiency.citation import (
        Citation,
    )
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
        get_procedure,
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
        CaseParties,
        ClockCase,
        DatedCase,
        Policy,
        evaluate,
        get_policy,
        ledger_cases,
    )
    from govefficiency.findings import (
        Finding,
        FindingCode,
        Severity,
        has_errors,
        sort_findings,
    )
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
    from govefficiency.text import (
        Text,
    )

# PEP 562: the names below are imported on first use, so that ``import govefficiency`` (and
# the command line, which needs one module) does not pay for every subpackage.
_LAZY: dict[str, str] = {
    "AccountabilityEvent": "govefficiency.accountability",
    "AccountabilityForm": "govefficiency.accountability",
    "AccountabilityLadder": "govefficiency.accountability",
    "Proposal": "govefficiency.accountability",
    "propose_accountability": "govefficiency.accountability",
    "CalendarCoverageError": "govefficiency.errors",
    "CalendarDays": "govefficiency.deadlines",
    "AssessmentError": "govefficiency.errors",
    "CalendarError": "govefficiency.errors",
    "DeadlineError": "govefficiency.errors",
    "CalendarPatch": "govefficiency.calendar",
    "CaseParties": "govefficiency.escalation",
    "ChecklistItem": "govefficiency.ledger",
    "Citation": "govefficiency.citation",
    "ClockCase": "govefficiency.escalation",
    "ClockEventError": "govefficiency.errors",
    "DatedCase": "govefficiency.escalation",
    "DayInfo": "govefficiency.calendar",
    "DayKind": "govefficiency.calendar",
    "Deadline": "govefficiency.deadlines",
    "DeadlineClock": "govefficiency.deadlines",
    "DecisionError": "govefficiency.errors",
    "DecisionPlan": "govefficiency.decisions",
    "DecisionRecord": "govefficiency.decisions",
    "DecisionRecordError": "govefficiency.errors",
    "EscalationError": "govefficiency.errors",
    "Extension": "govefficiency.deadlines",
    "ExtensionError": "govefficiency.errors",
    "Finding": "govefficiency.findings",
    "FindingCode": "govefficiency.findings",
    "GovEfficiencyError": "govefficiency.errors",
    "Hours": "govefficiency.deadlines",
    "InvalidInputError": "govefficiency.errors",
    "InvalidTypeError": "govefficiency.errors",
    "Ledger": "govefficiency.ledger",
    "LedgerError": "govefficiency.errors",
    "LedgerIntegrityError": "govefficiency.errors",
    "LoadError": "govefficiency.errors",
    "Matter": "govefficiency.decisions",
    "Months": "govefficiency.deadlines",
    "NaiveDatetimeError": "govefficiency.errors",
    "PatchError": "govefficiency.errors",
    "Policy": "govefficiency.escalation",
    "PolicyError": "govefficiency.errors",
    "ProcedureSpec": "govefficiency.decisions",
    "ProcedureSpecError": "govefficiency.errors",
    "ResponsibilityError": "govefficiency.errors",
    "ResponsibilityGraph": "govefficiency.responsibility",
    "RuleError": "govefficiency.errors",
    "Severity": "govefficiency.findings",
    "SpecialDay": "govefficiency.calendar",
    "SqliteStore": "govefficiency.ledger",
    "StatuteRule": "govefficiency.deadlines",
    "Suspension": "govefficiency.deadlines",
    "SuspensionError": "govefficiency.errors",
    "Text": "govefficiency.text",
    "TimeNode": "govefficiency.ledger",
    "UnknownNodeError": "govefficiency.errors",
    "WorkCalendar": "govefficiency.calendar",
    "WorkingDays": "govefficiency.deadlines",
    "Years": "govefficiency.deadlines",
    "china_calendar": "govefficiency.calendar",
    "compute_deadline": "govefficiency.deadlines",
    "country_calendar": "govefficiency.calendar",
    "delay_impact": "govefficiency.responsibility",
    "dispute_coordinator": "govefficiency.responsibility",
    "due_dates": "govefficiency.deadlines",
    "escalation_chain": "govefficiency.responsibility",
    "evaluate": "govefficiency.escalation",
    "get_policy": "govefficiency.escalation",
    "get_rule": "govefficiency.deadlines",
    "has_errors": "govefficiency.findings",
    "june_check": "govefficiency.ledger",
    "latest_date_before": "govefficiency.deadlines",
    "ledger_cases": "govefficiency.escalation",
    "load_org": "govefficiency.responsibility",
    "get_procedure": "govefficiency.decisions",
    "plan_decision": "govefficiency.decisions",
    "preset_procedure": "govefficiency.decisions",
    "reconcile": "govefficiency.ledger",
    "route_reminder": "govefficiency.responsibility",
    "settle": "govefficiency.ledger",
    "sort_findings": "govefficiency.findings",
    "statuses_at": "govefficiency.deadlines",
    "supervision_rates": "govefficiency.ledger",
    "validate_decision": "govefficiency.decisions",
}


_SUBPACKAGES = frozenset(
    {
        "accountability",
        "approvals",
        "assessment",
        "calendar",
        "deadlines",
        "decisions",
        "errors",
        "escalation",
        "findings",
        "ledger",
        "responsibility",
        "services",
    }
)


def __getattr__(name: str) -> _typing.Any:
    import importlib

    if name in _SUBPACKAGES:
        return importlib.import_module(f"govefficiency.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govefficiency' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | _SUBPACKAGES)


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
    "Proposal",
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
    "get_procedure",
    "get_rule",
    "has_errors",
    "june_check",
    "latest_date_before",
    "ledger_cases",
    "load_org",
    "plan_decision",
    "preset_procedure",
    "propose_accountability",
    "reconcile",
    "route_reminder",
    "settle",
    "sort_findings",
    "statuses_at",
    "supervision_rates",
    "validate_decision",
]
