"""Legal deadlines (法定期限): periods, suspensions, extensions, statute presets, live clocks.

Counting follows 民法典 arts. 200–203 (start day not counted; month ends; a last day that
is a rest day moves to the next working day) and the statutes that count in working days
(行政许可法 art. 82, 行政处罚法 art. 85, 行政复议法 art. 88, 政府信息公开条例).
"""

from typing import TYPE_CHECKING

from govefficiency._lazy import lazy_exports
from govefficiency.deadlines._compute import (
    AlternativeDue,
    CompositeDeadline,
    Deadline,
    DeadlineStatus,
    DueDates,
    Extension,
    Step,
    StepKind,
    Suspension,
    SuspensionMode,
    compute_composite,
    compute_deadline,
    due_dates,
    latest_date_before,
)
from govefficiency.deadlines._gantt import deadline_gantt, plan_gantt
from govefficiency.deadlines._periods import (
    CalendarDays,
    Hours,
    Months,
    Period,
    PeriodUnit,
    WorkingDays,
    Years,
    add_months,
    period_from,
)
from govefficiency.deadlines._rules import (
    AlternativeReading,
    Combine,
    CompositeLimit,
    Consequence,
    Direction,
    ExtensionAllowance,
    Limb,
    RuleRegistry,
    StatuteRule,
    default_rules,
    get_rule,
    rule_presets,
)

if TYPE_CHECKING:
    from govefficiency.deadlines._arrays import ColumnDueDates
    from govefficiency.deadlines._clock import (
        ClockEvent,
        ClockEventKind,
        ClockState,
        ClockStatus,
        DeadlineClock,
        statuses_at,
    )
    from govefficiency.deadlines._rules_io import dump_rules, dumps_rules, load_rules, loads_rules

# PEP 562: the live clocks, the columnar path (which needs numpy) and the rule-file
# functions load on first use.
_LAZY = {
    "ClockEvent": "_clock",
    "ClockEventKind": "_clock",
    "ClockState": "_clock",
    "ClockStatus": "_clock",
    "DeadlineClock": "_clock",
    "statuses_at": "_clock",
    "ColumnDueDates": "_arrays",
    "load_rules": "_rules_io",
    "loads_rules": "_rules_io",
    "dump_rules": "_rules_io",
    "dumps_rules": "_rules_io",
}


__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())


__all__ = [
    "AlternativeDue",
    "AlternativeReading",
    "CalendarDays",
    "ClockEvent",
    "ClockEventKind",
    "ClockState",
    "ClockStatus",
    "ColumnDueDates",
    "Combine",
    "CompositeDeadline",
    "CompositeLimit",
    "Consequence",
    "Deadline",
    "DeadlineClock",
    "DeadlineStatus",
    "Direction",
    "DueDates",
    "Extension",
    "ExtensionAllowance",
    "Hours",
    "Limb",
    "Months",
    "Period",
    "PeriodUnit",
    "RuleRegistry",
    "StatuteRule",
    "Step",
    "StepKind",
    "Suspension",
    "SuspensionMode",
    "WorkingDays",
    "Years",
    "add_months",
    "compute_composite",
    "compute_deadline",
    "deadline_gantt",
    "default_rules",
    "due_dates",
    "dump_rules",
    "dumps_rules",
    "get_rule",
    "latest_date_before",
    "load_rules",
    "loads_rules",
    "period_from",
    "plan_gantt",
    "rule_presets",
    "statuses_at",
]
