"""Escalation (督办) and accountability (问责): what happens when a deadline slips.

Policies are data (yellow and red lights, reminder letters, supervision notices,
circulation, accountability); :func:`evaluate` returns the actions due now, once each,
with recipients resolved through the responsibility graph; the
:class:`AccountabilityLadder` says which sanctions repeated accountability calls for.
"""

from govefficiency.escalation._cases import (
    Case,
    CaseParties,
    CaseState,
    CaseView,
    ClockCase,
    DatedCase,
)
from govefficiency.escalation._engine import (
    Action,
    ActionKey,
    CaseNotice,
    Evaluation,
    Reason,
    Recipient,
    evaluate,
    load_history,
    save_history,
)
from govefficiency.escalation._ladder import (
    AccountabilityEvent,
    AccountabilityForm,
    AccountabilityLadder,
    DueSanction,
    LadderResult,
    SanctionKind,
    SubjectKind,
    Threshold,
    Window,
)
from govefficiency.escalation._policy import (
    ActionKind,
    Level,
    Policy,
    Role,
    StopCondition,
    Trigger,
    TriggerKind,
    get_policy,
    preset_policies,
)
from govefficiency.escalation._sources import ledger_cases, plan_cases

__all__ = [
    "AccountabilityEvent",
    "AccountabilityForm",
    "AccountabilityLadder",
    "Action",
    "ActionKey",
    "ActionKind",
    "Case",
    "CaseNotice",
    "CaseParties",
    "CaseState",
    "CaseView",
    "ClockCase",
    "DatedCase",
    "DueSanction",
    "Evaluation",
    "LadderResult",
    "Level",
    "Policy",
    "Reason",
    "Recipient",
    "Role",
    "SanctionKind",
    "StopCondition",
    "SubjectKind",
    "Threshold",
    "Trigger",
    "TriggerKind",
    "Window",
    "evaluate",
    "get_policy",
    "ledger_cases",
    "load_history",
    "plan_cases",
    "preset_policies",
    "save_history",
]
